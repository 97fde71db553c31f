/* ca-summary-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaSummaryPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-acm-record.h"
#include "ca-certificate-check.h"
#include "ca-certificate-watch.h"
#include "ca-domain.h"
#include "ca-plain-row.h"
#include "ca-report.h"
#include "ca-severity-icon.h"
#include "ca-summary-page.h"

/**
 * CaSummaryPage:
 *
 * Where every journey ends: what was found (the findings, in words, with
 * their severity), what was done (the resends, moves and requests the
 * session remembers, with their times) and what is left, with deadlines.
 * The report can be saved (through the file chooser, so the portal under
 * Flatpak) or copied as Markdown or as the CLI's JSON. It is built from the
 * session alone, which holds no secret, and only from what the journey's
 * pages showed.
 */
struct _CaSummaryPage
{
  CaWizardPage         parent_instance;

  AdwPreferencesGroup *found_group;
  AdwPreferencesGroup *done_group;
  AdwPreferencesGroup *left_group;
  AdwPreferencesGroup *export_group;

  GPtrArray           *rows;  /* the rows of the three summary groups, to rebuild them */
  GPtrArray           *found; /* CaFact: what the journey's pages found without a diagnosis */
};

G_DEFINE_FINAL_TYPE (CaSummaryPage, ca_summary_page, CA_TYPE_WIZARD_PAGE)

#define FORMAT_KEY "ca-summary-format"

/*
 * Auxiliary methods
 */

static void
add_row (CaSummaryPage       *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
add_status_row (CaSummaryPage       *self,
                AdwPreferencesGroup *group,
                CaFactStatus         status,
                const char          *title,
                const char          *subtitle)
{
  GtkWidget *row = ca_plain_row_new (title, subtitle, "title-lines", 0, "subtitle-lines", 0, NULL);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), ca_status_icon_new (status));
  add_row (self, group, row);
}

static void
clear_rows (CaSummaryPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static CaDiagnosis *
get_diagnosis (CaSummaryPage *self)
{
  return ca_session_get_diagnosis (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)));
}

/* Only a finished diagnosis is what the user saw; one still running would
 * report checks as pending. */
static CaDiagnosis *
get_finished_diagnosis (CaSummaryPage *self)
{
  CaDiagnosis *diagnosis = get_diagnosis (self);

  return diagnosis != NULL && !ca_diagnosis_get_running (diagnosis) ? diagnosis : NULL;
}

/* The watches of this journey: those of the certificate it is about or of one
 * it requested or moved. The session also follows earlier journeys'. */
static GListModel *
collect_watches (CaSummaryPage *self)
{
  CaSession *session = ca_wizard_page_get_session (CA_WIZARD_PAGE (self));
  CaAcmCertificate *certificate = ca_session_get_certificate (session);
  GListModel *actions = ca_session_get_actions (session);
  GListModel *watches = ca_session_get_watches (session);
  GListStore *mine = g_list_store_new (CA_TYPE_CERTIFICATE_WATCH);

  for (guint i = 0; i < g_list_model_get_n_items (watches); i++)
    {
      g_autoptr (CaCertificateWatch) watch = g_list_model_get_item (watches, i);
      const char *arn = ca_certificate_watch_get_arn (watch);
      gboolean ours = certificate != NULL && g_strcmp0 (ca_acm_certificate_get_arn (certificate), arn) == 0;

      for (guint j = 0; !ours && j < g_list_model_get_n_items (actions); j++)
        {
          g_autoptr (CaSessionAction) action = g_list_model_get_item (actions, j);

          ours = g_strcmp0 (ca_session_action_get_arn (action), arn) == 0;
        }
      if (ours)
        g_list_store_append (mine, watch);
    }
  return G_LIST_MODEL (mine);
}

static char *
get_watch_name (CaCertificateWatch *watch)
{
  CaAcmCertificate *certificate = ca_certificate_watch_get_certificate (watch);

  if (certificate == NULL || ca_acm_certificate_get_domain (certificate) == NULL)
    return g_strdup (ca_certificate_watch_get_arn (watch));
  return ca_domain_to_display (ca_acm_certificate_get_domain (certificate));
}

/* Where a requested or moved certificate stands, one whole sentence per stage. */
static void
add_watch_row (CaSummaryPage      *self,
               CaCertificateWatch *watch)
{
  g_autofree char *name = get_watch_name (watch);
  gboolean migration = ca_certificate_watch_get_kind (watch) == CA_WATCH_KIND_MIGRATION;
  g_autofree char *title = NULL;
  CaFactStatus status = CA_FACT_NOTE;

  switch (ca_certificate_watch_get_stage (watch))
    {
    case CA_WATCH_STAGE_STARTING:
    case CA_WATCH_STAGE_WAITING_FOR_RECORDS:
      /* Translators: %s is a domain name */
      title = g_strdup_printf (_("ACM is preparing the DNS records for %s"), name);
      break;
    case CA_WATCH_STAGE_WAITING_FOR_VALIDATION:
      status = CA_FACT_WARNING;
      /* Translators: %s is a domain name */
      title = g_strdup_printf (_("ACM waits to see the DNS records for %s"), name);
      break;
    case CA_WATCH_STAGE_ISSUED:
      status = CA_FACT_GOOD;
      title = g_strdup_printf (migration
                               /* Translators: %s is a domain name */
                               ? _("The certificate for %s now renews by itself with DNS validation.")
                               /* Translators: %s is a domain name */
                               : _("ACM issued the certificate for %s."),
                               name);
      break;
    case CA_WATCH_STAGE_FAILED:
      status = CA_FACT_PROBLEM;
      /* Translators: %s is a domain name */
      title = g_strdup_printf (_("ACM could not issue the certificate for %s"), name);
      break;
    case CA_WATCH_STAGE_TIMED_OUT:
      status = CA_FACT_PROBLEM;
      /* Translators: %s is a domain name */
      title = g_strdup_printf (_("The 72 hours for %s passed before ACM saw its records"), name);
      break;
    case CA_WATCH_STAGE_STOPPED:
    default:
      /* Translators: %s is a domain name */
      title = g_strdup_printf (_("CertAssist no longer follows the certificate for %s"), name);
      break;
    }
  add_status_row (self, self->found_group, status, title, NULL);
}

/* The records ACM asks for, as the records page showed them: to hand on to
 * whoever runs the DNS. */
static void
add_record_rows (CaSummaryPage      *self,
                 CaCertificateWatch *watch)
{
  GPtrArray *records = ca_certificate_watch_get_records (watch);

  if (records == NULL || ca_certificate_watch_get_stage (watch) == CA_WATCH_STAGE_ISSUED)
    return;
  for (guint i = 0; i < records->len; i++)
    {
      CaAcmRecord *record = g_ptr_array_index (records, i);
      g_autofree char *value = g_strdup_printf ("%s %s", ca_acm_record_get_type_name (record),
                                                ca_acm_record_get_value (record));
      GtkWidget *row = ca_plain_row_new (ca_acm_record_get_name (record), value,
                                         "title-lines", 0, "subtitle-lines", 0,
                                         "title-selectable", TRUE, NULL);
      /* As wide as a status icon, so that the record lines up with the rows around it. */
      GtkWidget *spacer = g_object_new (GTK_TYPE_IMAGE, "pixel-size", 16, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), spacer);
      add_row (self, self->found_group, row);
    }
}

/* A journey without a diagnosis: the facts its pages handed over (the
 * approval addresses), and where each certificate it requested or moved stands. */
static gboolean
fill_found_without_diagnosis (CaSummaryPage *self)
{
  g_autoptr (GListModel) watches = collect_watches (self);
  guint n_watches = g_list_model_get_n_items (watches);

  for (guint i = 0; self->found != NULL && i < self->found->len; i++)
    {
      CaFact *fact = g_ptr_array_index (self->found, i);

      add_status_row (self, self->found_group, ca_fact_get_status (fact), ca_fact_get_title (fact),
                      ca_fact_get_detail (fact));
    }
  for (guint i = 0; i < n_watches; i++)
    {
      g_autoptr (CaCertificateWatch) watch = g_list_model_get_item (watches, i);

      add_watch_row (self, watch);
      add_record_rows (self, watch);
    }
  return n_watches > 0 || (self->found != NULL && self->found->len > 0);
}

static void
fill_found (CaSummaryPage *self)
{
  CaSession *session = ca_wizard_page_get_session (CA_WIZARD_PAGE (self));
  CaDiagnosis *diagnosis = get_finished_diagnosis (self);
  CaAcmCertificate *certificate = ca_session_get_certificate (session);
  GListModel *findings;

  if (diagnosis == NULL)
    {
      if (fill_found_without_diagnosis (self) && certificate == NULL)
        return;
      if (certificate != NULL)
        add_status_row (self, self->found_group, CA_FACT_NOTE, ca_acm_certificate_get_domain (certificate),
                        ca_acm_status_get_label (ca_acm_certificate_get_status (certificate)));
      else
        add_status_row (self, self->found_group, CA_FACT_NOTE, _("Nothing was diagnosed on this journey"), NULL);
      return;
    }

  findings = ca_diagnosis_get_findings (diagnosis);
  if (g_list_model_get_n_items (findings) == 0)
    add_status_row (self, self->found_group, CA_FACT_GOOD, _("No problems found"), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);
      CaSeverity severity = ca_finding_get_severity (finding);
      const char *name = ca_finding_get_name (finding);
      g_autofree char *subtitle = NULL;

      if (name != NULL)
        /* Translators: %1$s is a severity such as “Problem”, %2$s the name it is about */
        subtitle = g_strdup_printf (_("%1$s, about %2$s"), ca_severity_get_label (severity), name);
      else
        subtitle = g_strdup (ca_severity_get_label (severity));
      add_status_row (self, self->found_group, ca_fact_status_for_severity (severity),
                      ca_finding_get_message (finding), subtitle);
    }
}

static void
fill_done (CaSummaryPage *self)
{
  GListModel *actions = ca_session_get_actions (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)));

  if (g_list_model_get_n_items (actions) == 0)
    add_status_row (self, self->done_group, CA_FACT_NOTE, _("Nothing was changed in AWS"), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr (CaSessionAction) action = g_list_model_get_item (actions, i);
      g_autofree char *text = ca_session_action_describe (action);

      add_status_row (self, self->done_group, CA_FACT_GOOD, text, NULL);
    }
}

static void
fill_left (CaSummaryPage *self)
{
  CaSession *session = ca_wizard_page_get_session (CA_WIZARD_PAGE (self));
  g_autoptr (GListModel) watches = collect_watches (self);
  CaDiagnosis *diagnosis = get_finished_diagnosis (self);
  g_autoptr (GPtrArray) left = ca_report_list_left (diagnosis,
                                                    ca_session_get_certificate (session),
                                                    diagnosis == NULL ? self->found : NULL,
                                                    watches);

  if (left->len == 0)
    add_status_row (self, self->left_group, CA_FACT_GOOD, _("Nothing is left to do"), NULL);
  for (guint i = 0; i < left->len; i++)
    {
      CaFact *fact = g_ptr_array_index (left, i);

      add_status_row (self, self->left_group, ca_fact_get_status (fact), ca_fact_get_title (fact), NULL);
    }
}

static void
add_export_row (CaSummaryPage   *self,
                CaSummaryFormat  format,
                const char      *title,
                const char      *subtitle,
                const char      *save_label,
                const char      *copy_label)
{
  GtkWidget *row = ca_plain_row_new (title, subtitle, NULL);
  GtkWidget *save = g_object_new (GTK_TYPE_BUTTON,
                                  "icon-name", "document-save-symbolic",
                                  "tooltip-text", save_label,
                                  "valign", GTK_ALIGN_CENTER,
                                  "action-name", "summary.save",
                                  "action-target", g_variant_new_int32 (format),
                                  NULL);
  GtkWidget *copy = g_object_new (GTK_TYPE_BUTTON,
                                  "icon-name", "edit-copy-symbolic",
                                  "tooltip-text", copy_label,
                                  "valign", GTK_ALIGN_CENTER,
                                  "action-name", "summary.copy",
                                  "action-target", g_variant_new_int32 (format),
                                  NULL);

  gtk_widget_add_css_class (save, "flat");
  gtk_widget_add_css_class (copy, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_PROPERTY_LABEL, save_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, copy_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), save);
  ca_plain_row_add_action (ADW_ACTION_ROW (row), copy);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  adw_preferences_group_add (self->export_group, row);
}

static const char *
get_file_name (CaSummaryFormat format)
{
  return format == CA_SUMMARY_FORMAT_JSON ? "certassist-report.json" : "certassist-report.md";
}

/*
 * Callbacks
 */

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (CaSummaryPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (ca_summary_page_save_report_finish (self, result, &error))
    message = g_strdup (_("Saved the report"));
  else
    /* Translators: %s says why, such as “Permission denied” */
    message = g_strdup_printf (_("The report could not be saved: %s"), error->message);
  ca_wizard_page_add_toast (CA_WIZARD_PAGE (self), adw_toast_new (message));
}

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     CaSummaryPage   *self)
{
  CaSummaryFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), FORMAT_KEY));
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    ca_summary_page_save_report_async (self, format, file, NULL, save_done_cb, g_object_ref (self));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CaSummaryFormat format = g_variant_get_int32 (parameter);
  GtkFileChooserNative *dialog;

  /* GtkFileChooserNative: the portal's dialog under Flatpak (GTK 4.8 has no GtkFileDialog). */
  dialog = gtk_file_chooser_native_new (_("Save the Report"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), get_file_name (format));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), FORMAT_KEY, GINT_TO_POINTER (format));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CaSummaryPage *self = CA_SUMMARY_PAGE (widget);
  g_autofree char *report = ca_summary_page_get_report (self, g_variant_get_int32 (parameter));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), report);
  ca_wizard_page_add_toast (CA_WIZARD_PAGE (self), adw_toast_new (_("Copied the report")));
}

/*
 * Overrides
 */

static void
ca_summary_page_shown (CaWizardPage *page)
{
  CaSummaryPage *self = CA_SUMMARY_PAGE (page);

  /* The session moves on while the page is covered (a watch, a resend from
   * another window): say where things stand each time. */
  clear_rows (self);
  fill_found (self);
  fill_done (self);
  fill_left (self);
}

static void
ca_summary_page_dispose (GObject *object)
{
  CaSummaryPage *self = (CaSummaryPage *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->found, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_summary_page_parent_class)->dispose (object);
}

static void
ca_summary_page_class_init (CaSummaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaWizardPageClass *page_class = CA_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = ca_summary_page_dispose;
  page_class->shown = ca_summary_page_shown;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-summary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaSummaryPage, found_group);
  gtk_widget_class_bind_template_child (widget_class, CaSummaryPage, done_group);
  gtk_widget_class_bind_template_child (widget_class, CaSummaryPage, left_group);
  gtk_widget_class_bind_template_child (widget_class, CaSummaryPage, export_group);

  gtk_widget_class_install_action (widget_class, "summary.save", "i", save_action_cb);
  gtk_widget_class_install_action (widget_class, "summary.copy", "i", copy_action_cb);
}

static void
ca_summary_page_init (CaSummaryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  add_export_row (self, CA_SUMMARY_FORMAT_MARKDOWN, _("Markdown"),
                  _("Text for a ticket or a mail"), _("Save as Markdown"), _("Copy as Markdown"));
  add_export_row (self, CA_SUMMARY_FORMAT_JSON, _("JSON"),
                  _("The same data as certassist-cli diagnose --json"), _("Save as JSON"), _("Copy as JSON"));
}

/*
 * Public API
 */

CaSummaryPage *
ca_summary_page_new (void)
{
  return g_object_new (CA_TYPE_SUMMARY_PAGE, NULL);
}

/**
 * ca_summary_page_new_with_found:
 * @found: (element-type CaFact): what the journey's pages found, for a
 *   journey without a diagnosis (the approval addresses of each name)
 *
 * Returns: (transfer floating): a summary that lists @found under “What Was Found”
 */
CaSummaryPage *
ca_summary_page_new_with_found (GPtrArray *found)
{
  CaSummaryPage *self = ca_summary_page_new ();

  g_return_val_if_fail (found != NULL, self);

  self->found = g_ptr_array_ref (found);
  return self;
}

/**
 * ca_summary_page_get_report:
 *
 * Returns: (transfer full): the report the page exports in @format: the
 *   Markdown of `certassist-cli diagnose --markdown`, or its JSON
 */
char *
ca_summary_page_get_report (CaSummaryPage   *self,
                            CaSummaryFormat  format)
{
  CaSession *session;
  CaDiagnosis *diagnosis;
  CaAcmCertificate *certificate;
  GListModel *actions;
  g_autoptr (GListModel) watches = NULL;

  g_return_val_if_fail (CA_IS_SUMMARY_PAGE (self), NULL);

  session = ca_wizard_page_get_session (CA_WIZARD_PAGE (self));
  g_return_val_if_fail (session != NULL, NULL);
  diagnosis = get_finished_diagnosis (self);
  certificate = ca_session_get_certificate (session);
  actions = ca_session_get_actions (session);
  watches = collect_watches (self);
  if (format == CA_SUMMARY_FORMAT_JSON)
    {
      g_autoptr (JsonNode) root = ca_report_to_json_with_found (diagnosis, certificate, self->found, actions, watches);
      g_autoptr (JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      return json_generator_to_data (generator, NULL);
    }
  return ca_report_to_markdown_with_found (diagnosis, certificate, self->found, actions, watches);
}

/**
 * ca_summary_page_save_report_async:
 * @file: where the user chose to save it
 *
 * Writes the report in @format to @file; the file chooser's answer lands
 * here, and the page says in a toast when it is done.
 */
void
ca_summary_page_save_report_async (CaSummaryPage       *self,
                                   CaSummaryFormat      format,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *report = NULL;
  gsize length;

  g_return_if_fail (CA_IS_SUMMARY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_summary_page_save_report_async);
  report = ca_summary_page_get_report (self, format);
  length = strlen (report);
  /* The bytes own the text; the write holds its own reference while it runs. */
  bytes = g_bytes_new_take (g_steal_pointer (&report), length);
  g_file_replace_contents_bytes_async (file, bytes,
                                       NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, replace_contents_cb, g_steal_pointer (&task));
}

gboolean
ca_summary_page_save_report_finish (CaSummaryPage  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
