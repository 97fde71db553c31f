/* ca-diagnosis-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaDiagnosisPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-certificate-check.h"
#include "ca-check-group.h"
#include "ca-diagnosis-page.h"
#include "ca-plain-row.h"
#include "ca-registration-check.h"
#include "ca-registration-list.h"
#include "ca-move-page.h"
#include "ca-resend-page.h"
#include "ca-reveal-queue.h"
#include "ca-severity-icon.h"
#include "ca-summary-page.h"
#include "ca-util.h"
#include "ca-views-check.h"
#include "ca-views-group.h"

/**
 * CaDiagnosisPage:
 *
 * The diagnosis of a set of names: a line per name with its verdict (each
 * jumps to the name's section), what to fix first, then one section per
 * name with its findings, the five addresses and a group per check, then
 * the checks about the whole request. Each check whose verdicts come from
 * DNS says which view they came from, the public DNS the certificate
 * authority asks or the resolver in use; the views check shows both values
 * of each record set the two views answer differently (#CaViewsGroup). The diagnosis comes from the session
 * with every check the core knows; each check shows itself through its
 * facts (#CaCheckGroup), registration data through #CaRegistrationGroup.
 * Sections fill in as the answers arrive. The lookups run while another page
 * covers this one, and end when the page is dropped.
 *
 * The page is built a section per frame, and every row and section appears
 * through a #CaRevealQueue, one per frame, top first: building the sections
 * of a diagnosis at once, and laying out thirty rows of wrapped text at once
 * when it ends, froze the window for a fifth of a second. The page is
 * complete when the diagnosis has ended, every section is built and the
 * queue is empty (ca_diagnosis_page_get_running()).
 */
struct _CaDiagnosisPage
{
  CaWizardPage         parent_instance;

  AdwPreferencesGroup *status_group;
  AdwActionRow        *progress_row;
  GtkSpinner          *spinner;
  AdwActionRow        *error_row;
  AdwPreferencesGroup *summary_group;
  AdwPreferencesGroup *findings_group;
  GtkBox              *names_box;

  AdwPreferencesGroup *actions_group;

  char               **names;
  char                *validation_domain;
  CaAcmCertificate    *certificate;
  GPtrArray           *action_rows;   /* rows in actions_group */
  CaDiagnosis         *diagnosis;
  GCancellable        *cancellable;
  GPtrArray           *sections;      /* widgets in names_box */
  GPtrArray           *finding_rows;  /* rows in findings_group */
  GPtrArray           *name_views;
  GPtrArray           *summary_rows;  /* rows in summary_group */
  GPtrArray           *check_groups;  /* CaCheckGroups in the sections */
  CaRevealQueue       *reveal;
  GQueue               unbuilt_names;   /* CaNameReports whose section is to build */
  gboolean             request_unbuilt; /* the section about the whole request */
  guint                build_tick_id;
};

G_DEFINE_FINAL_TYPE (CaDiagnosisPage, ca_diagnosis_page, CA_TYPE_WIZARD_PAGE)

/* The findings group of one name, refilled when the run ends. */
typedef struct
{
  char                *name;
  AdwPreferencesGroup *group;
  GPtrArray           *rows;
} NameView;

static void
name_view_free (NameView *view)
{
  g_free (view->name);
  g_ptr_array_unref (view->rows);
  g_free (view);
}

/*
 * Auxiliary methods
 */

static GtkWidget *
create_finding_row (CaFinding *finding)
{
  GtkWidget *row = ca_plain_row_new (ca_finding_get_message (finding), ca_finding_get_remedy (finding),
                                     "title-selectable", TRUE, NULL);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), ca_severity_icon_new (ca_finding_get_severity (finding)));
  return row;
}

static GtkWidget *
create_fact_row (CaFactStatus  status,
                 const char   *title,
                 const char   *subtitle)
{
  GtkWidget *row = ca_plain_row_new (title, subtitle, "title-selectable", TRUE, NULL);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), ca_status_icon_new (status));
  return row;
}

static GtkWidget *
create_address_row (const char *address)
{
  g_autofree char *label = NULL;
  GtkWidget *row = ca_plain_row_new (address, NULL, "title-selectable", TRUE, NULL);
  GtkWidget *button = g_object_new (GTK_TYPE_BUTTON,
                                    "icon-name", "edit-copy-symbolic",
                                    "tooltip-text", _("Copy Address"),
                                    "valign", GTK_ALIGN_CENTER,
                                    "action-name", "diagnosis.copy",
                                    "action-target", g_variant_new_string (address),
                                    NULL);

  gtk_widget_add_css_class (button, "flat");
  /* Translators: the accessible name of a copy button; %s is an email address. */
  label = g_strdup_printf (_("Copy %s"), address);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  ca_plain_row_add_action (ADW_ACTION_ROW (row), button);
  return row;
}

/* A section shows before its rows: added first, it is revealed first. */
static GtkBox *
add_section (CaDiagnosisPage *self,
             int              spacing)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, spacing);

  gtk_box_append (self->names_box, section);
  g_ptr_array_add (self->sections, section);
  ca_reveal_queue_add (self->reveal, section);
  return GTK_BOX (section);
}

static void
set_rows (CaDiagnosisPage     *self,
          AdwPreferencesGroup *group,
          GPtrArray           *rows,
          GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
  ca_reveal_queue_add (self->reveal, row);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/* How a check is shown: registration data has its own widgets, the rest their facts. */
static GtkWidget *
create_check_view (CaDiagnosisPage *self,
                   CaCheck         *check)
{
  GtkWidget *group;

  if (CA_IS_REGISTRATION_CHECK (check))
    return ca_registration_list_new (ca_registration_check_get_registrations (CA_REGISTRATION_CHECK (check)),
                                     self->reveal);
  if (CA_IS_VIEWS_CHECK (check))
    return ca_views_group_new (CA_VIEWS_CHECK (check), self->reveal);
  group = ca_check_group_new (check, self->reveal);
  g_ptr_array_add (self->check_groups, group);
  return group;
}

static void
add_checks (CaDiagnosisPage *self,
            GtkBox          *box,
            const char      *name)
{
  GListModel *checks = ca_diagnosis_get_checks (self->diagnosis);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr (CaCheck) check = g_list_model_get_item (checks, i);

      if (g_strcmp0 (ca_check_get_name (check), name) == 0 && ca_diagnosis_is_selected (self->diagnosis, check))
        gtk_box_append (box, create_check_view (self, check));
    }
}

static void
add_name_section (CaDiagnosisPage *self,
                  CaNameReport    *report)
{
  const char * const *addresses = ca_name_report_get_addresses (report);
  GtkBox *box = add_section (self, 18);
  NameView *view = g_new0 (NameView, 1);
  g_autofree char *description = NULL;
  GtkWidget *group;

  view->name = g_strdup (ca_name_report_get_name (report));
  view->rows = g_ptr_array_new ();
  view->group = g_object_new (ADW_TYPE_PREFERENCES_GROUP, "title", ca_name_report_get_display_name (report), NULL);
  set_rows (self, view->group, view->rows, create_fact_row (CA_FACT_PENDING, _("Findings"), _("Looking up…")));
  gtk_box_append (box, GTK_WIDGET (view->group));
  g_ptr_array_add (self->name_views, view);

  description = g_strdup_printf (_("ACM mails these five addresses at %s. Make sure one of them reaches you."),
                                 ca_name_report_get_approval_domain (report));
  group = g_object_new (ADW_TYPE_PREFERENCES_GROUP, "description", description, NULL);
  for (guint i = 0; addresses[i] != NULL; i++)
    {
      GtkWidget *row = create_address_row (addresses[i]);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      ca_reveal_queue_add (self->reveal, row);
    }
  gtk_box_append (box, group);

  add_checks (self, box, view->name);
}

static void
stop_building (CaDiagnosisPage *self)
{
  if (self->build_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->build_tick_id);
  self->build_tick_id = 0;
  g_queue_clear_full (&self->unbuilt_names, g_object_unref);
  self->request_unbuilt = FALSE;
}

static gboolean
get_built (CaDiagnosisPage *self)
{
  return g_queue_is_empty (&self->unbuilt_names) && !self->request_unbuilt;
}

static void
clear_results (CaDiagnosisPage *self)
{
  stop_building (self);
  for (guint i = 0; i < self->sections->len; i++)
    gtk_box_remove (self->names_box, g_ptr_array_index (self->sections, i));
  g_ptr_array_set_size (self->sections, 0);
  g_ptr_array_set_size (self->name_views, 0);
  g_ptr_array_set_size (self->check_groups, 0);
  clear_rows (self->summary_group, self->summary_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_group), FALSE);
  clear_rows (self->findings_group, self->finding_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), FALSE);
}

static NameView *
find_name_view (CaDiagnosisPage *self,
                const char      *name)
{
  for (guint i = 0; name != NULL && i < self->name_views->len; i++)
    {
      NameView *view = g_ptr_array_index (self->name_views, i);

      if (g_str_equal (view->name, name))
        return view;
    }
  return NULL;
}

/* A name without findings: nothing stops the mail, unless nothing could be
 * asked (a resolver that cannot be trusted says nothing about the domains). */
static GtkWidget *
create_no_findings_row (CaDiagnosisPage *self)
{
  const char *failure = ca_diagnosis_get_lookup_failure (self->diagnosis);

  if (failure != NULL)
    return create_fact_row (CA_FACT_WARNING, ca_diagnosis_get_failure_title (self->diagnosis), failure);
  return create_fact_row (CA_FACT_GOOD, _("DNS shows nothing that stops the approval mail"),
                          _("Check the spam folder and the mailboxes of the five addresses below."));
}

/* The worst finding about a name, and how many there are. */
static CaFinding *
find_worst_finding (CaDiagnosisPage *self,
                    const char      *name,
                    guint           *n_findings)
{
  GListModel *findings = ca_diagnosis_get_findings (self->diagnosis);
  CaFinding *worst = NULL;

  *n_findings = 0;
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (ca_finding_get_name (finding), name) != 0)
        continue;
      (*n_findings)++;
      if (worst == NULL || ca_finding_get_severity (finding) > ca_finding_get_severity (worst))
        worst = finding;
    }
  return worst;
}

/* The verdict in one line: the worst finding's title, or that none stops the mail. */
static GtkWidget *
create_summary_row (CaDiagnosisPage *self,
                    NameView        *view,
                    gboolean         pending)
{
  guint n_findings = 0;
  CaFinding *worst = find_worst_finding (self, view->name, &n_findings);
  const char *failure = ca_diagnosis_get_lookup_failure (self->diagnosis);
  g_autofree char *verdict = NULL;
  GtkWidget *icon;
  GtkWidget *row;

  if (pending)
    verdict = g_strdup (_("Looking up…"));
  else if (worst != NULL && n_findings > 1)
    /* Translators: %s is the title of a finding; %u how many more findings there are */
    verdict = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (and %u more finding)", "%s (and %u more findings)", n_findings - 1),
                               ca_finding_id_get_title (ca_finding_get_id (worst)), n_findings - 1);
  else if (worst != NULL)
    verdict = g_strdup (ca_finding_id_get_title (ca_finding_get_id (worst)));
  else if (failure != NULL)
    verdict = g_strdup (ca_diagnosis_get_failure_title (self->diagnosis));
  else
    verdict = g_strdup (_("DNS shows nothing that stops the approval mail"));

  if (pending)
    icon = ca_status_icon_new (CA_FACT_PENDING);
  else if (worst != NULL)
    icon = ca_severity_icon_new (ca_finding_get_severity (worst));
  else
    icon = ca_status_icon_new (failure != NULL ? CA_FACT_WARNING : CA_FACT_GOOD);
  row = ca_plain_row_new (adw_preferences_group_get_title (view->group), verdict,
                          "activatable", TRUE, "subtitle-lines", 0, NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), g_object_new (GTK_TYPE_IMAGE, "icon-name", "go-down-symbolic", NULL));
  g_object_set_data_full (G_OBJECT (row), "ca-name", g_strdup (view->name), g_free);
  return row;
}

static void summary_row_activated_cb (AdwActionRow    *row,
                                      CaDiagnosisPage *self);

/* Six names make a long page: a line each on top, before the details. */
static void
show_summary (CaDiagnosisPage *self,
              gboolean         pending)
{
  clear_rows (self->summary_group, self->summary_rows);
  for (guint i = 0; i < self->name_views->len; i++)
    {
      GtkWidget *row = create_summary_row (self, g_ptr_array_index (self->name_views, i), pending);

      g_signal_connect (row, "activated", G_CALLBACK (summary_row_activated_cb), self);
      set_rows (self, self->summary_group, self->summary_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->summary_group), self->summary_rows->len > 1);
}

/* Which view each DNS check's facts came from, known once the resolver checks have landed. */
static void
show_views (CaDiagnosisPage *self)
{
  CaDnsView deciding = ca_diagnosis_get_deciding_view (self->diagnosis);

  for (guint i = 0; i < self->check_groups->len; i++)
    {
      CaCheckGroup *group = g_ptr_array_index (self->check_groups, i);
      CaCheck *check = ca_check_group_get_check (group);
      gboolean from_dns = ca_check_uses_resolver (check) && ca_check_get_untrusted (check) == NULL &&
                          ca_check_get_state (check) == CA_CHECK_STATE_DONE;

      ca_check_group_set_view (group, from_dns ? deciding : CA_DNS_VIEW_AUTO);
    }
}

/* Findings about a name go to its section; the rest (about the whole request,
 * or about a registrable domain that is no name of it) on top. */
static void
show_findings (CaDiagnosisPage *self)
{
  GListModel *findings = ca_diagnosis_get_findings (self->diagnosis);

  for (guint i = 0; i < self->name_views->len; i++)
    {
      NameView *view = g_ptr_array_index (self->name_views, i);

      clear_rows (view->group, view->rows);
    }
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);
      NameView *view = find_name_view (self, ca_finding_get_name (finding));

      if (view != NULL)
        set_rows (self, view->group, view->rows, create_finding_row (finding));
      else
        set_rows (self, self->findings_group, self->finding_rows, create_finding_row (finding));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), self->finding_rows->len > 0);

  for (guint i = 0; i < self->name_views->len; i++)
    {
      NameView *view = g_ptr_array_index (self->name_views, i);

      if (view->rows->len == 0)
        set_rows (self, view->group, view->rows, create_no_findings_row (self));
    }
  show_summary (self, FALSE);
  show_views (self);
}

/* ACM takes a resend for an email request still waiting, within its 72
 * hours, and for a renewal waiting for approval. */
static gboolean
can_resend (CaDiagnosisPage *self)
{
  g_autoptr (GDateTime) deadline = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  if (self->certificate == NULL)
    return FALSE;
  if (ca_acm_certificate_get_renewal_awaits_approval (self->certificate))
    return TRUE;
  deadline = ca_acm_certificate_get_resend_deadline (self->certificate);
  return deadline != NULL && g_date_time_compare (deadline, now) > 0;
}

static GtkWidget *
create_button_row (const char *title,
                   const char *subtitle,
                   const char *label,
                   const char *accessible_label,
                   const char *action_name)
{
  GtkWidget *row = ca_plain_row_new (title, subtitle, "subtitle-lines", 0, NULL);
  /* A short label leaves the row's text room at 360 px; the accessible name says it all. */
  GtkWidget *button = g_object_new (GTK_TYPE_BUTTON,
                                    "label", label,
                                    "use-underline", TRUE,
                                    "valign", GTK_ALIGN_CENTER,
                                    "action-name", action_name,
                                    "tooltip-text", accessible_label,
                                    NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_widget_add_css_class (button, "suggested-action");
  ca_plain_row_add_action (ADW_ACTION_ROW (row), button);
  return row;
}

/* A resend within the 72 hours; after them, the fact that it is too late. */
static GtkWidget *
create_resend_row (CaDiagnosisPage *self)
{
  g_autoptr (GDateTime) deadline = ca_acm_certificate_get_resend_deadline (self->certificate);
  g_autofree char *until = NULL;
  g_autofree char *subtitle = NULL;

  if (!can_resend (self))
    {
      if (deadline == NULL && g_strcmp0 (ca_acm_certificate_get_status (self->certificate), "VALIDATION_TIMED_OUT") != 0)
        return NULL;
      return create_fact_row (CA_FACT_PROBLEM, _("The 72 hours to approve have passed"),
                              _("ACM sends no more approval mail for this request. Request a new certificate with DNS validation: one DNS record per name, and no mail to wait for ever again."));
    }

  if (deadline != NULL)
    {
      /* As the facts below write the same deadline. */
      until = ca_format_local_time (deadline);
      /* Translators: %s is a date and time */
      subtitle = g_strdup_printf (_("Possible until %s. Choose where the mail goes and see who gets it before it is sent."), until);
    }
  else
    subtitle = g_strdup (_("The renewal waits for approval. Choose where the mail goes and see who gets it before it is sent."));
  return create_button_row (_("Send the approval mail again"), subtitle,
                            _("_Resend…"), _("Resend Approval Mail"), "diagnosis.resend");
}

/* The way out for good: DNS validation, in place for an issued certificate,
 * by a new request for one still waiting. */
static GtkWidget *
create_move_row (CaDiagnosisPage *self)
{
  if (g_strcmp0 (ca_acm_certificate_get_validation_method (self->certificate), "EMAIL") != 0 ||
      g_strcmp0 (ca_acm_certificate_get_cert_type (self->certificate), "AMAZON_ISSUED") != 0)
    return NULL;
  if (g_strcmp0 (ca_acm_certificate_get_status (self->certificate), "ISSUED") == 0)
    return create_button_row (_("Move to DNS validation"),
                              _("ACM then renews the certificate by itself, without a mail to approve. Same certificate, nothing to redeploy."),
                              _("_Move…"), _("Move to DNS Validation"), "diagnosis.move");
  return create_button_row (_("Request it with DNS validation"),
                            _("One DNS record per name instead of a mail: no more waiting. Same names, in a new certificate."),
                            _("_Request…"), _("Request With DNS Validation"), "diagnosis.move");
}

static void
add_action_row (CaDiagnosisPage *self,
                GtkWidget       *row)
{
  if (row == NULL)
    return;
  adw_preferences_group_add (self->actions_group, row);
  g_ptr_array_add (self->action_rows, row);
  ca_reveal_queue_add (self->reveal, row);
}

static void
show_actions (CaDiagnosisPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagnosis.resend", can_resend (self));
  for (guint i = 0; i < self->action_rows->len; i++)
    adw_preferences_group_remove (self->actions_group, g_ptr_array_index (self->action_rows, i));
  g_ptr_array_set_size (self->action_rows, 0);
  if (self->certificate != NULL)
    {
      add_action_row (self, create_resend_row (self));
      add_action_row (self, create_move_row (self));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->actions_group), self->action_rows->len > 0);
}

static void
set_running (CaDiagnosisPage *self,
             gboolean         running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->status_group), running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_row), running);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagnosis.retry", !running);
}

/*
 * Callbacks
 */

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  CaDiagnosisPage *self;
  const char *failure;

  if (!ca_diagnosis_run_finish (CA_DIAGNOSIS (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = CA_DIAGNOSIS_PAGE (user_data);
  set_running (self, FALSE);
  /* The summary reports a finished diagnosis only. */
  ca_wizard_page_set_can_next (CA_WIZARD_PAGE (self), TRUE);
  /* Sections still to build show the findings once the last one is. */
  if (get_built (self))
    show_findings (self);
  failure = ca_diagnosis_get_lookup_failure (self->diagnosis);
  if (failure != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->error_row),
                                     ca_diagnosis_get_failure_title (self->diagnosis));
      ca_plain_row_set_subtitle (self->error_row, failure);
      gtk_widget_set_visible (GTK_WIDGET (self->status_group), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->error_row), TRUE);
    }
}

/* One section per frame, in reading order; the summary of the names once all are there. */
static gboolean
build_next_section_cb (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  CaDiagnosisPage *self = CA_DIAGNOSIS_PAGE (widget);
  g_autoptr (CaNameReport) report = g_queue_pop_head (&self->unbuilt_names);

  if (report != NULL)
    add_name_section (self, report);
  else
    {
      /* The checks about the whole request, spaced as sections are. */
      add_checks (self, add_section (self, 36), NULL);
      self->request_unbuilt = FALSE;
    }
  if (!get_built (self))
    return G_SOURCE_CONTINUE;

  self->build_tick_id = 0;
  if (ca_diagnosis_get_running (self->diagnosis))
    show_summary (self, TRUE);
  else
    show_findings (self);
  return G_SOURCE_REMOVE;
}

/* The name's section scrolls into view with the focus on its verdict. */
static void
summary_row_activated_cb (AdwActionRow    *row,
                          CaDiagnosisPage *self)
{
  NameView *view = find_name_view (self, g_object_get_data (G_OBJECT (row), "ca-name"));

  if (view != NULL && view->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (view->rows, 0));
}

static void
start_diagnosis (CaDiagnosisPage *self)
{
  CaSession *session = ca_wizard_page_get_session (CA_WIZARD_PAGE (self));
  GListModel *names;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_results (self);
  g_clear_object (&self->diagnosis);

  /* The names page let only valid input through. */
  self->diagnosis = g_object_ref (ca_session_create_diagnosis (session, (const char * const *) self->names,
                                                               self->validation_domain, self->certificate,
                                                               NULL, NULL));
  show_actions (self);
  names = ca_diagnosis_get_names (self->diagnosis);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    g_queue_push_tail (&self->unbuilt_names, g_list_model_get_item (names, i));
  self->request_unbuilt = TRUE;
  self->build_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), build_next_section_cb, NULL, NULL);

  set_running (self, TRUE);
  ca_diagnosis_run_async (self->diagnosis, self->cancellable, run_cb, self);
}

static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ca_wizard_page_copy_text (CA_WIZARD_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
resend_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaDiagnosisPage *self = CA_DIAGNOSIS_PAGE (widget);

  ca_wizard_page_push_page (CA_WIZARD_PAGE (self), CA_WIZARD_PAGE (ca_resend_page_new (self->certificate)));
}

static void
move_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CaDiagnosisPage *self = CA_DIAGNOSIS_PAGE (widget);

  ca_wizard_page_push_page (CA_WIZARD_PAGE (self), CA_WIZARD_PAGE (ca_move_page_new (self->certificate)));
}

static void
retry_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  start_diagnosis (CA_DIAGNOSIS_PAGE (widget));
}

/*
 * Overrides
 */

/* Started when first shown, when the page has its session; a page pushed on
 * top and popped again shows this one anew, and the diagnosis goes on. */
static void
ca_diagnosis_page_shown (CaWizardPage *page)
{
  CaDiagnosisPage *self = CA_DIAGNOSIS_PAGE (page);

  if (self->diagnosis == NULL)
    start_diagnosis (self);
}

/* Covered by another page, the diagnosis goes on; dropped, it ends. */
static void
ca_diagnosis_page_dropped (CaWizardPage *page)
{
  g_cancellable_cancel (CA_DIAGNOSIS_PAGE (page)->cancellable);
}

static void
ca_diagnosis_page_dispose (GObject *object)
{
  CaDiagnosisPage *self = (CaDiagnosisPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_building (self);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->finding_rows, g_ptr_array_unref);
  g_clear_pointer (&self->name_views, g_ptr_array_unref);
  g_clear_pointer (&self->action_rows, g_ptr_array_unref);
  g_clear_pointer (&self->summary_rows, g_ptr_array_unref);
  g_clear_pointer (&self->check_groups, g_ptr_array_unref);
  g_clear_object (&self->reveal);
  g_clear_object (&self->diagnosis);

  G_OBJECT_CLASS (ca_diagnosis_page_parent_class)->dispose (object);
}

static void
ca_diagnosis_page_finalize (GObject *object)
{
  CaDiagnosisPage *self = (CaDiagnosisPage *) object;

  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->validation_domain, g_free);
  g_clear_object (&self->certificate);

  G_OBJECT_CLASS (ca_diagnosis_page_parent_class)->finalize (object);
}

static void
ca_diagnosis_page_next (CaWizardPage *page)
{
  ca_wizard_page_push_page (page, CA_WIZARD_PAGE (ca_summary_page_new ()));
}

static void
ca_diagnosis_page_class_init (CaDiagnosisPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaWizardPageClass *page_class = CA_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = ca_diagnosis_page_dispose;
  object_class->finalize = ca_diagnosis_page_finalize;
  page_class->shown = ca_diagnosis_page_shown;
  page_class->dropped = ca_diagnosis_page_dropped;
  page_class->next = ca_diagnosis_page_next;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-diagnosis-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisPage, status_group);
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisPage, progress_row);
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisPage, error_row);
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisPage, summary_group);
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisPage, findings_group);
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisPage, names_box);
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisPage, actions_group);

  gtk_widget_class_install_action (widget_class, "diagnosis.copy", "s", copy_action_cb);
  gtk_widget_class_install_action (widget_class, "diagnosis.retry", NULL, retry_action_cb);
  gtk_widget_class_install_action (widget_class, "diagnosis.resend", NULL, resend_action_cb);
  gtk_widget_class_install_action (widget_class, "diagnosis.move", NULL, move_action_cb);
}

static void
ca_diagnosis_page_init (CaDiagnosisPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagnosis.resend", FALSE);
  self->sections = g_ptr_array_new ();
  self->finding_rows = g_ptr_array_new ();
  self->name_views = g_ptr_array_new_with_free_func ((GDestroyNotify) name_view_free);
  self->action_rows = g_ptr_array_new ();
  self->summary_rows = g_ptr_array_new ();
  self->check_groups = g_ptr_array_new ();
  self->reveal = ca_reveal_queue_new (GTK_WIDGET (self));
}

/*
 * Public API
 */

/**
 * ca_diagnosis_page_new:
 * @names: the names as the user typed them, all valid
 * @validation_domain: (nullable): the ValidationDomain for all of them
 *
 * The lookups start when the page is first shown.
 */
CaDiagnosisPage *
ca_diagnosis_page_new (const char * const *names,
                       const char         *validation_domain)
{
  CaDiagnosisPage *self = g_object_new (CA_TYPE_DIAGNOSIS_PAGE, NULL);

  self->names = g_strdupv ((char **) names);
  self->validation_domain = g_strdup (validation_domain);
  return self;
}

/**
 * ca_diagnosis_page_new_for_certificate:
 * @certificate: a certificate as DescribeCertificate gave it
 *
 * Diagnoses the certificate's names with ACM's view: the addresses it really
 * mailed, each name's validation domain and record, its state; and offers
 * the resend while ACM allows one.
 */
CaDiagnosisPage *
ca_diagnosis_page_new_for_certificate (CaAcmCertificate *certificate)
{
  CaDiagnosisPage *self;
  const char * const *sans;
  const char *domain_only[] = { NULL, NULL };

  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (certificate), NULL);

  sans = ca_acm_certificate_get_sans (certificate);
  if (sans == NULL || sans[0] == NULL)
    {
      domain_only[0] = ca_acm_certificate_get_domain (certificate);
      sans = domain_only;
    }
  self = ca_diagnosis_page_new (sans, NULL);
  self->certificate = g_object_ref (certificate);
  return self;
}

/* Returns: (transfer none) (nullable): the diagnosis the page shows, once shown */
CaDiagnosis *
ca_diagnosis_page_get_diagnosis (CaDiagnosisPage *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS_PAGE (self), NULL);
  return self->diagnosis;
}

/**
 * ca_diagnosis_page_get_running:
 *
 * Returns: whether the diagnosis runs or the page has sections still to
 *   build or rows still to show (they appear one per frame)
 */
gboolean
ca_diagnosis_page_get_running (CaDiagnosisPage *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS_PAGE (self), FALSE);
  return self->diagnosis != NULL &&
         (ca_diagnosis_get_running (self->diagnosis) || !get_built (self) ||
          ca_reveal_queue_get_pending (self->reveal));
}
