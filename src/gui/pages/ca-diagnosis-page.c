/* ca-diagnosis-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaDiagnosisPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-application.h"
#include "ca-diagnosis-page.h"
#include "ca-plain-row.h"
#include "ca-domain.h"
#include "ca-registration-group.h"
#include "ca-severity-icon.h"

/**
 * CaDiagnosisPage:
 *
 * The diagnosis of a set of names from DNS: what to fix first, then one
 * section per name with the approval domain, the five addresses, the mail
 * servers with a status each and the CAA verdict. Sections fill in as the
 * answers arrive; leaving the page cancels every lookup still running.
 */
struct _CaDiagnosisPage
{
  CaWizardPage         parent_instance;

  AdwPreferencesGroup *status_group;
  AdwActionRow        *progress_row;
  GtkSpinner          *spinner;
  AdwActionRow        *error_row;
  AdwPreferencesGroup *findings_group;
  GtkBox              *names_box;

  char               **names;
  char                *validation_domain;
  CaDiagnosis         *diagnosis;
  GCancellable        *cancellable;
  GPtrArray           *name_views;
  GPtrArray           *finding_rows;
  GPtrArray           *registration_groups;
};

G_DEFINE_FINAL_TYPE (CaDiagnosisPage, ca_diagnosis_page, CA_TYPE_WIZARD_PAGE)

/* One name's section: its findings, the five addresses, then what DNS says,
 * rebuilt in order as the answers arrive. */
typedef struct
{
  CaDiagnosisPage     *page;
  CaNameReport        *report;
  GtkWidget           *box;
  AdwPreferencesGroup *findings_group;
  AdwPreferencesGroup *group;
  AdwPreferencesGroup *dns_group;
  GPtrArray           *finding_rows;
  GPtrArray           *dns_rows;
} NameView;

static void
name_view_free (NameView *view)
{
  g_signal_handlers_disconnect_by_data (ca_name_report_get_mail (view->report), view);
  g_signal_handlers_disconnect_by_data (ca_name_report_get_caa (view->report), view);
  g_clear_object (&view->report);
  g_clear_pointer (&view->finding_rows, g_ptr_array_unref);
  g_clear_pointer (&view->dns_rows, g_ptr_array_unref);
  g_free (view);
}

/*
 * Auxiliary methods
 */

static CaDnsResolver *
create_resolver (void)
{
  GApplication *application = g_application_get_default ();
  g_autoptr (GSettings) settings = NULL;
  g_auto (GStrv) servers = NULL;

  /* The application knows --dns-server and --no-dnssec; tests have only settings. */
  if (CA_IS_APPLICATION (application))
    return ca_dns_resolver_new (ca_application_get_dns_servers (CA_APPLICATION (application)),
                                ca_application_get_dnssec (CA_APPLICATION (application)),
                                ca_application_get_timeout (CA_APPLICATION (application)) * 1000);

  settings = g_settings_new (APP_ID);
  servers = g_settings_get_strv (settings, "dns-servers");
  return ca_dns_resolver_new ((const char * const *) servers, g_settings_get_boolean (settings, "dnssec"),
                              (guint) g_settings_get_int (settings, "timeout") * 1000);
}

/* The status icons carry colour for the eye and a word for screen readers. */
static GtkWidget *
create_status_icon (const char *icon_name)
{
  static const struct
  {
    const char *icon_name;
    const char *css_class;
    const char *label;
  } statuses[] = {
    { "emblem-ok-symbolic", "success", N_("Fine") },
    { "dialog-error-symbolic", "error", N_("Problem") },
    { "dialog-warning-symbolic", "warning", N_("Warning") },
    { "dialog-information-symbolic", "dim-label", N_("Note") },
  };
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (icon_name, statuses[i].icon_name))
      {
        gtk_widget_add_css_class (image, statuses[i].css_class);
        gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _(statuses[i].label), -1);
      }
  return image;
}

static GtkWidget *
create_row (const char *title,
            const char *subtitle,
            const char *icon_name)
{
  GtkWidget *row = ca_plain_row_new (title, subtitle, "title-selectable", TRUE, NULL);

  if (icon_name != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), create_status_icon (icon_name));
  return row;
}

static GtkWidget *
create_spinner_row (const char *title)
{
  GtkWidget *row = create_row (title, _("Looking up…"), NULL);
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_spinner_start (GTK_SPINNER (spinner));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), spinner);
  return row;
}

static GtkWidget *
create_address_row (const char *address)
{
  g_autofree char *label = NULL;
  GtkWidget *row = create_row (address, NULL, NULL);
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
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static GtkWidget *
create_host_row (CaMailHost *host)
{
  g_autofree char *addresses = g_strjoinv (", ", (char **) ca_mail_host_get_addresses (host));
  g_autofree char *subtitle = NULL;
  const char *icon = "emblem-ok-symbolic";

  switch (ca_mail_host_get_status (host))
    {
    case CA_MAIL_HOST_RESOLVED:
      /* Translators: an MX preference and the host's IP addresses */
      subtitle = g_strdup_printf (_("Preference %u · %s"), ca_mail_host_get_preference (host), addresses);
      break;
    case CA_MAIL_HOST_UNRESOLVABLE:
      subtitle = g_strdup_printf (_("Preference %u · no IP address: mail cannot be delivered here"),
                                  ca_mail_host_get_preference (host));
      icon = "dialog-error-symbolic";
      break;
    case CA_MAIL_HOST_LOOKUP_FAILED:
    case CA_MAIL_HOST_RESOLVING:
    default:
      subtitle = g_strdup_printf (_("Preference %u · the address lookup failed"), ca_mail_host_get_preference (host));
      icon = "dialog-warning-symbolic";
      break;
    }

  if (ca_mail_host_get_is_cname (host))
    {
      g_autofree char *alias = g_strdup_printf (_("%s · an alias of %s"), subtitle,
                                                ca_mail_host_get_canonical_name (host));
      g_free (subtitle);
      subtitle = g_steal_pointer (&alias);
      icon = g_str_equal (icon, "emblem-ok-symbolic") ? "dialog-warning-symbolic" : icon;
    }

  return create_row (ca_mail_host_get_host (host), subtitle, icon);
}

static void
add_mail_row (NameView  *view,
              GtkWidget *row)
{
  adw_preferences_group_add (view->dns_group, row);
  g_ptr_array_add (view->dns_rows, row);
}

static void
add_mail_summary_row (NameView     *view,
                      CaMailReport *mail)
{
  g_autofree char *subtitle = NULL;
  const char *domain = ca_mail_report_get_domain (mail);

  if (ca_mail_report_get_state (mail) == CA_CHECK_STATE_FAILED)
    add_mail_row (view, create_row (_("The mail servers could not be looked up"),
                                    ca_mail_report_get_error (mail), "dialog-warning-symbolic"));
  else if (ca_mail_report_get_null_mx (mail))
    {
      subtitle = g_strdup_printf (_("%s declares that it receives no mail (null MX)."), domain);
      add_mail_row (view, create_row (_("No Mail Accepted"), subtitle, "dialog-error-symbolic"));
    }
  else if (g_list_model_get_n_items (ca_mail_report_get_hosts (mail)) == 0)
    {
      subtitle = g_strdup_printf (_("%s has no MX record, so nobody receives the approval mail."), domain);
      add_mail_row (view, create_row (_("No Mail Server"), subtitle, "dialog-error-symbolic"));
    }
}

static void
show_mail (NameView *view)
{
  CaMailReport *mail = ca_name_report_get_mail (view->report);
  GListModel *hosts = ca_mail_report_get_hosts (mail);
  const char *walk = ca_mail_report_get_console_walk_domain (mail);

  if (ca_mail_report_get_state (mail) == CA_CHECK_STATE_PENDING)
    {
      add_mail_row (view, create_spinner_row (_("Mail Servers")));
      return;
    }

  add_mail_summary_row (view, mail);
  for (guint i = 0; i < g_list_model_get_n_items (hosts); i++)
    {
      g_autoptr (CaMailHost) host = g_list_model_get_item (hosts, i);

      add_mail_row (view, create_host_row (host));
    }
  if (walk != NULL && g_strcmp0 (walk, ca_mail_report_get_domain (mail)) != 0)
    add_mail_row (view, create_row (_("The old AWS console would have mailed"), walk, "dialog-information-symbolic"));
}

static GtkWidget *
create_caa_row (CaCaaReport *caa,
                gboolean     wildcard)
{
  const char *domain = ca_caa_report_get_relevant_domain (caa);
  gboolean allowed = wildcard ? ca_caa_report_get_allows_amazon_wildcard (caa) : ca_caa_report_get_allows_amazon (caa);
  g_autofree char *subtitle = NULL;

  switch (ca_caa_report_get_state (caa))
    {
    case CA_CHECK_STATE_PENDING:
    case CA_CHECK_STATE_SKIPPED:
      return create_spinner_row (_("Certificate Authorities (CAA)"));
    case CA_CHECK_STATE_FAILED:
      return create_row (_("Certificate Authorities (CAA)"), ca_caa_report_get_error (caa), "dialog-warning-symbolic");
    case CA_CHECK_STATE_DONE:
    default:
      break;
    }

  if (domain == NULL)
    return create_row (_("Certificate Authorities (CAA)"), _("No CAA records: Amazon may issue."), "emblem-ok-symbolic");
  if (allowed)
    subtitle = g_strdup_printf (_("The CAA records at %s allow Amazon."), domain);
  else
    subtitle = g_strdup_printf (_("The CAA records at %s do not allow Amazon."), domain);
  return create_row (_("Certificate Authorities (CAA)"), subtitle, allowed ? "emblem-ok-symbolic" : "dialog-error-symbolic");
}

/* Rows cannot be inserted in the middle of a group: rebuild them in order. */
static void
show_dns (NameView *view)
{
  CaNameReport *report = view->report;

  for (guint i = 0; i < view->dns_rows->len; i++)
    adw_preferences_group_remove (view->dns_group, g_ptr_array_index (view->dns_rows, i));
  g_ptr_array_set_size (view->dns_rows, 0);

  show_mail (view);
  add_mail_row (view, create_caa_row (ca_name_report_get_caa (report),
                                      g_str_has_prefix (ca_name_report_get_name (report), "*.")));
}

static void
show_name_findings (NameView   *view,
                    GListModel *findings)
{
  const char *name = ca_name_report_get_name (view->report);

  for (guint i = 0; i < view->finding_rows->len; i++)
    adw_preferences_group_remove (view->findings_group, g_ptr_array_index (view->finding_rows, i));
  g_ptr_array_set_size (view->finding_rows, 0);

  for (guint i = 0; findings != NULL && i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);
      GtkWidget *row;

      if (g_strcmp0 (ca_finding_get_name (finding), name) != 0)
        continue;
      row = create_row (ca_finding_get_message (finding), ca_finding_get_remedy (finding),
                        ca_severity_get_icon_name (ca_finding_get_severity (finding)));
      adw_preferences_group_add (view->findings_group, row);
      g_ptr_array_add (view->finding_rows, row);
    }

  if (findings == NULL)
    {
      GtkWidget *row = create_spinner_row (_("Findings"));

      adw_preferences_group_add (view->findings_group, row);
      g_ptr_array_add (view->finding_rows, row);
    }
  else if (view->finding_rows->len == 0)
    {
      GtkWidget *row = create_row (_("DNS shows nothing that stops the approval mail"),
                                   _("Check the spam folder and the mailboxes of the five addresses below."),
                                   "emblem-ok-symbolic");

      adw_preferences_group_add (view->findings_group, row);
      g_ptr_array_add (view->finding_rows, row);
    }
}

/*
 * Callbacks
 */

static void
on_report_state_cb (GObject    *report,
                    GParamSpec *pspec,
                    NameView   *view)
{
  show_dns (view);
}

static NameView *
create_name_view (CaDiagnosisPage *self,
                  CaNameReport    *report)
{
  NameView *view = g_new0 (NameView, 1);
  const char * const *addresses = ca_name_report_get_addresses (report);
  g_autofree char *description = NULL;

  view->page = self;
  view->report = g_object_ref (report);
  view->finding_rows = g_ptr_array_new ();
  view->dns_rows = g_ptr_array_new ();
  view->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  view->findings_group = g_object_new (ADW_TYPE_PREFERENCES_GROUP,
                                       "title", ca_name_report_get_display_name (report),
                                       NULL);
  description = g_strdup_printf (_("ACM mails these five addresses at %s. Make sure one of them reaches you."),
                                 ca_name_report_get_approval_domain (report));
  view->group = g_object_new (ADW_TYPE_PREFERENCES_GROUP, "description", description, NULL);
  for (guint i = 0; addresses[i] != NULL; i++)
    adw_preferences_group_add (view->group, create_address_row (addresses[i]));
  view->dns_group = g_object_new (ADW_TYPE_PREFERENCES_GROUP, "title", _("Mail Servers and CAA"), NULL);
  show_name_findings (view, NULL);
  show_dns (view);

  gtk_box_append (GTK_BOX (view->box), GTK_WIDGET (view->findings_group));
  gtk_box_append (GTK_BOX (view->box), GTK_WIDGET (view->group));
  gtk_box_append (GTK_BOX (view->box), GTK_WIDGET (view->dns_group));
  g_signal_connect (ca_name_report_get_mail (report), "notify::state", G_CALLBACK (on_report_state_cb), view);
  g_signal_connect (ca_name_report_get_caa (report), "notify::state", G_CALLBACK (on_report_state_cb), view);
  gtk_box_append (self->names_box, view->box);
  return view;
}

static void
clear_results (CaDiagnosisPage *self)
{
  for (guint i = 0; i < self->name_views->len; i++)
    {
      NameView *view = g_ptr_array_index (self->name_views, i);

      gtk_box_remove (self->names_box, view->box);
    }
  g_ptr_array_set_size (self->name_views, 0);
  for (guint i = 0; i < self->registration_groups->len; i++)
    gtk_box_remove (self->names_box, g_ptr_array_index (self->registration_groups, i));
  g_ptr_array_set_size (self->registration_groups, 0);
  for (guint i = 0; i < self->finding_rows->len; i++)
    adw_preferences_group_remove (self->findings_group, g_ptr_array_index (self->finding_rows, i));
  g_ptr_array_set_size (self->finding_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), FALSE);
}

/* Findings about a name go to its section; the rest (about the whole request) on top. */
static void
show_findings (CaDiagnosisPage *self)
{
  GListModel *findings = ca_diagnosis_get_findings (self->diagnosis);
  guint n = g_list_model_get_n_items (findings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);
      GtkWidget *row;

      if (ca_finding_get_name (finding) != NULL)
        continue;
      row = create_row (ca_finding_get_message (finding), ca_finding_get_remedy (finding),
                        ca_severity_get_icon_name (ca_finding_get_severity (finding)));
      adw_preferences_group_add (self->findings_group, row);
      g_ptr_array_add (self->finding_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), self->finding_rows->len > 0);

  for (guint i = 0; i < self->name_views->len; i++)
    show_name_findings (g_ptr_array_index (self->name_views, i), findings);
}

/* When no lookup got any answer, the network or the resolver is the problem, not the domains. */
static const char *
find_total_failure (CaDiagnosisPage *self)
{
  GListModel *names = ca_diagnosis_get_names (self->diagnosis);
  const char *message = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (names, i);
      CaMailReport *mail = ca_name_report_get_mail (report);
      CaCaaReport *caa = ca_name_report_get_caa (report);

      if (ca_mail_report_get_state (mail) != CA_CHECK_STATE_FAILED ||
          ca_caa_report_get_state (caa) != CA_CHECK_STATE_FAILED)
        return NULL;
      message = ca_mail_report_get_error (mail);
    }
  return message;
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
  show_findings (self);
  failure = find_total_failure (self);
  if (failure != NULL)
    {
      adw_action_row_set_subtitle (self->error_row, failure);
      gtk_widget_set_visible (GTK_WIDGET (self->status_group), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->error_row), TRUE);
    }
}

static CaRegistrationClient *
create_registration_client (void)
{
  GApplication *application = g_application_get_default ();
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *whois = NULL;
  g_autofree char *rdap = NULL;
  CaRegistrationClient *client;

  if (CA_IS_APPLICATION (application))
    {
      client = ca_registration_client_new (ca_application_get_whois_server (CA_APPLICATION (application)),
                                           ca_application_get_rdap_bootstrap (CA_APPLICATION (application)));
      ca_registration_client_set_timeout (client, ca_application_get_timeout (CA_APPLICATION (application)));
      return client;
    }

  settings = g_settings_new (APP_ID);
  whois = g_settings_get_string (settings, "whois-server");
  rdap = g_settings_get_string (settings, "rdap-bootstrap");
  client = ca_registration_client_new (whois[0] != '\0' ? whois : NULL, rdap[0] != '\0' ? rdap : NULL);
  ca_registration_client_set_timeout (client, (guint) g_settings_get_int (settings, "timeout"));
  return client;
}

static void
registration_filled_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  /* The section follows its registration; a cancelled lookup leaves nothing to do. */
  ca_registration_client_fill_finish (CA_REGISTRATION_CLIENT (object), result, NULL);
}

/* One registration section per registrable domain, looked up beside the DNS
 * checks and never waited for: each shows a spinner until its answer comes. */
static void
start_registrations (CaDiagnosisPage *self)
{
  g_autoptr (CaRegistrationClient) client = create_registration_client ();
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *names = ca_diagnosis_get_names (self->diagnosis);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (names, i);
      g_autofree char *domain = ca_domain_get_registrable_domain (ca_name_report_get_name (report), NULL);
      g_autoptr (CaRegistration) registration = NULL;
      GtkWidget *group;

      if (!g_hash_table_add (seen, g_strdup (domain)))
        continue;
      registration = ca_registration_new (domain);
      group = ca_registration_group_new (registration);
      gtk_box_append (self->names_box, group);
      g_ptr_array_add (self->registration_groups, group);
      ca_registration_client_fill_async (client, registration, self->cancellable,
                                         registration_filled_cb, NULL);
    }
}

static void
start_diagnosis (CaDiagnosisPage *self)
{
  g_autoptr (CaDnsResolver) resolver = create_resolver ();
  GListModel *names;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_results (self);
  g_clear_object (&self->diagnosis);

  self->diagnosis = ca_diagnosis_new (resolver);
  ca_diagnosis_set_checks (self->diagnosis, CA_DIAGNOSIS_CHECK_MAIL | CA_DIAGNOSIS_CHECK_CAA);
  /* The names page let only valid input through. */
  for (guint i = 0; self->names != NULL && self->names[i] != NULL; i++)
    ca_diagnosis_add_name (self->diagnosis, self->names[i], self->validation_domain, NULL);

  names = ca_diagnosis_get_names (self->diagnosis);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (names, i);

      g_ptr_array_add (self->name_views, create_name_view (self, report));
    }

  start_registrations (self);
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
retry_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  start_diagnosis (CA_DIAGNOSIS_PAGE (widget));
}

/*
 * Overrides
 */

static void
ca_diagnosis_page_leaving (CaWizardPage *page)
{
  CaDiagnosisPage *self = CA_DIAGNOSIS_PAGE (page);

  /* Going back drops the page: nothing it asked for is needed any more. */
  g_cancellable_cancel (self->cancellable);
}

static void
ca_diagnosis_page_dispose (GObject *object)
{
  CaDiagnosisPage *self = (CaDiagnosisPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->name_views, g_ptr_array_unref);
  g_clear_pointer (&self->finding_rows, g_ptr_array_unref);
  g_clear_pointer (&self->registration_groups, g_ptr_array_unref);
  g_clear_object (&self->diagnosis);

  G_OBJECT_CLASS (ca_diagnosis_page_parent_class)->dispose (object);
}

static void
ca_diagnosis_page_finalize (GObject *object)
{
  CaDiagnosisPage *self = (CaDiagnosisPage *) object;

  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->validation_domain, g_free);

  G_OBJECT_CLASS (ca_diagnosis_page_parent_class)->finalize (object);
}

static void
ca_diagnosis_page_class_init (CaDiagnosisPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaWizardPageClass *page_class = CA_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = ca_diagnosis_page_dispose;
  object_class->finalize = ca_diagnosis_page_finalize;
  page_class->leaving = ca_diagnosis_page_leaving;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-diagnosis-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisPage, status_group);
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisPage, progress_row);
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisPage, error_row);
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisPage, findings_group);
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisPage, names_box);

  gtk_widget_class_install_action (widget_class, "diagnosis.copy", "s", copy_action_cb);
  gtk_widget_class_install_action (widget_class, "diagnosis.retry", NULL, retry_action_cb);
}

static void
ca_diagnosis_page_init (CaDiagnosisPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->name_views = g_ptr_array_new_with_free_func ((GDestroyNotify) name_view_free);
  self->finding_rows = g_ptr_array_new ();
  self->registration_groups = g_ptr_array_new ();
}

/*
 * Public API
 */

/**
 * ca_diagnosis_page_new:
 * @names: the names as the user typed them, all valid
 * @validation_domain: (nullable): the ValidationDomain for all of them
 *
 * Starts the lookups at once.
 */
CaDiagnosisPage *
ca_diagnosis_page_new (const char * const *names,
                       const char         *validation_domain)
{
  CaDiagnosisPage *self = g_object_new (CA_TYPE_DIAGNOSIS_PAGE, NULL);

  self->names = g_strdupv ((char **) names);
  self->validation_domain = g_strdup (validation_domain);
  start_diagnosis (self);
  return self;
}

/* Returns: (transfer none): the diagnosis the page shows */
CaDiagnosis *
ca_diagnosis_page_get_diagnosis (CaDiagnosisPage *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS_PAGE (self), NULL);
  return self->diagnosis;
}

gboolean
ca_diagnosis_page_get_running (CaDiagnosisPage *self)
{
  g_return_val_if_fail (CA_IS_DIAGNOSIS_PAGE (self), FALSE);
  return self->diagnosis != NULL && ca_diagnosis_get_running (self->diagnosis);
}
