/* ca-check-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCheckPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-accessible.h"
#include "ca-account-page.h"
#include "ca-acm-client.h"
#include "ca-certificate-check.h"
#include "ca-check-page.h"
#include "ca-move-page.h"
#include "ca-plain-row.h"
#include "ca-summary-page.h"
#include "ca-severity-icon.h"
#include "ca-tls-probe.h"
#include "ca-util.h"
#include "ca-x509.h"
#include "ca-x509-acm.h"

/* More names than this fold into an expander row. */
#define FOLDED_NAMES 8
/* The CLI's default: a site that takes longer is as good as down. */

struct _CaCheckPage
{
  CaWizardPage          parent_instance;

  AdwEntryRow          *target_row;
  AdwExpanderRow       *acm_row;
  GtkWidget            *busy_box;
  GtkSpinner           *spinner;
  GtkLabel             *busy_label;
  GtkBox               *results_box;
  GtkWidget            *empty_label;

  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  GCancellable         *list_cancellable;
  gboolean              list_requested;
  GPtrArray            *result_widgets;
  CaX509Report         *report;
  char                 *file_name;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (CaCheckPage, ca_check_page, CA_TYPE_WIZARD_PAGE)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The findings that mean "this certificate should move to DNS validation". */
static const CaFindingId dns_advice[] = {
  CA_FINDING_EMAIL_VALIDATION_PHASE_OUT,
  CA_FINDING_MIGRATION_AVAILABLE,
  CA_FINDING_RENEWAL_PENDING_VALIDATION,
  CA_FINDING_EXPIRY_NEAR,
};

/*
 * Auxiliary methods
 */

static void
set_busy (CaCheckPage *self,
          const char  *message)
{
  gboolean busy = message != NULL;

  gtk_label_set_label (self->busy_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->busy_box, busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "check.cancel", busy);
  if (self->busy != busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static void
clear_results (CaCheckPage *self)
{
  for (guint i = 0; i < self->result_widgets->len; i++)
    gtk_box_remove (self->results_box, g_ptr_array_index (self->result_widgets, i));
  g_ptr_array_set_size (self->result_widgets, 0);
  gtk_widget_set_visible (self->empty_label, FALSE);
}

static void
add_result (CaCheckPage *self,
            GtkWidget   *widget)
{
  gtk_box_append (self->results_box, widget);
  g_ptr_array_add (self->result_widgets, widget);
}

/* Cancels what runs, and returns a fresh cancellable for what comes next. */
static GCancellable *
restart (CaCheckPage *self,
         const char  *busy_message)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->report != NULL)
    {
      g_clear_object (&self->report);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
    }
  ca_wizard_page_set_can_next (CA_WIZARD_PAGE (self), FALSE);
  clear_results (self);
  set_busy (self, busy_message);
  return self->cancellable;
}

static GtkWidget *
create_value_row (const char *title,
                  const char *value)
{
  GtkWidget *row = ca_plain_row_new (title, value, NULL);

  gtk_widget_add_css_class (row, "ca-property");
  return row;
}

static GtkWidget *
create_copy_button (const char *value,
                    const char *accessible_label)
{
  GtkWidget *button = g_object_new (GTK_TYPE_BUTTON,
                                    "icon-name", "edit-copy-symbolic",
                                    "tooltip-text", _("Copy"),
                                    "valign", GTK_ALIGN_CENTER,
                                    "action-name", "check.copy",
                                    "action-target", g_variant_new_string (value),
                                    NULL);

  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return button;
}

static void
show_error (CaCheckPage  *self,
            const GError *error)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = ca_plain_row_new (_("The certificate could not be checked"), error->message,
                                     "icon-name", "dialog-error-symbolic",
                                     NULL);

  gtk_widget_add_css_class (row, "error");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  add_result (self, group);
}

static GtkWidget *
create_finding_row (CaFinding *finding)
{
  GtkWidget *row = ca_plain_row_new (ca_finding_get_message (finding), ca_finding_get_remedy (finding),
                                     "icon-name", ca_severity_get_icon_name (ca_finding_get_severity (finding)),
                                     "title-lines", 0,
                                     "subtitle-lines", 0,
                                     NULL);

  if (ca_finding_get_severity (finding) == CA_SEVERITY_ERROR)
    gtk_widget_add_css_class (row, "error");
  else if (ca_finding_get_severity (finding) == CA_SEVERITY_WARNING)
    gtk_widget_add_css_class (row, "warning");
  return row;
}

static gboolean
advises_dns (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (dns_advice); j++)
      if (ca_finding_get_id (g_ptr_array_index (findings, i)) == dns_advice[j])
        return TRUE;
  return FALSE;
}

/* The hand-off to the journey "Move to DNS validation": for an ACM
 * certificate at once, else through the AWS account. */
static GtkWidget *
create_dns_handoff_row (void)
{
  GtkWidget *button;
  GtkWidget *row;

  row = ca_plain_row_new (_("Move to DNS Validation"),
                          _("With DNS validation ACM renews the certificate by itself, without a mail to approve."),
                          "subtitle-lines", 0,
                          "icon-name", "emblem-synchronizing-symbolic",
                          NULL);
  button = g_object_new (GTK_TYPE_BUTTON,
                         "label", _("_Move…"),
                         "use-underline", TRUE,
                         "valign", GTK_ALIGN_CENTER,
                         "action-name", "check.move-to-dns",
                         "tooltip-text", _("Move to DNS Validation"),
                         NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Move to DNS Validation"), -1);
  gtk_widget_add_css_class (button, "suggested-action");
  ca_plain_row_add_action (ADW_ACTION_ROW (row), button);
  return row;
}

static void
show_findings (CaCheckPage *self,
               CaX509Report *report)
{
  g_autoptr (GPtrArray) findings = ca_x509_report_compute_findings (report, NULL);
  GtkWidget *group = g_object_new (ADW_TYPE_PREFERENCES_GROUP,
                                   "title", _("Findings"),
                                   NULL);

  if (findings->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               g_object_new (ADW_TYPE_ACTION_ROW,
                                             "title", _("No problems found"),
                                             "icon-name", "emblem-ok-symbolic",
                                             NULL));
  for (guint i = 0; i < findings->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_finding_row (g_ptr_array_index (findings, i)));
  if (advises_dns (findings))
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_dns_handoff_row ());
  add_result (self, group);
}

static char *
describe_validity (CaCertificateInfo *info)
{
  g_autofree char *from = ca_format_local_date (ca_certificate_info_get_not_before (info));
  g_autofree char *until = ca_format_local_date (ca_certificate_info_get_not_after (info));
  int days = ca_certificate_info_get_days_left (info, NULL);

  if (days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s to %s — expired %d day ago",
                                         "%s to %s — expired %d days ago", -days),
                            from, until, -days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s to %s — %d day left",
                                       "%s to %s — %d days left", days),
                          from, until, days);
}

static const char *
describe_role (CaX509Report *report,
               guint         index)
{
  CaCertificateInfo *info = g_ptr_array_index (ca_x509_report_get_chain (report), index);

  if (index == 0 && ca_certificate_info_get_self_signed (info))
    return _("A self-signed certificate: no authority vouches for it");
  if (index == 0)
    return _("The certificate of the site or service (leaf)");
  if (index >= ca_x509_report_get_path_length (report))
    return _("Not part of this chain");
  if (ca_certificate_info_get_self_signed (info))
    return _("Root certificate");
  return _("Intermediate certificate");
}

/* A long list of names folds away behind its first few. */
static GtkWidget *
create_names_row (const char * const *sans)
{
  guint n = g_strv_length ((char **) sans);
  g_autofree char *all = g_strjoinv (", ", (char **) sans);
  g_autofree char *first = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *row;
  GtkWidget *child;

  if (n <= FOLDED_NAMES)
    return create_value_row (_("Names"), all);

  first = g_strjoin (", ", sans[0], sans[1], sans[2], NULL);
  /* Translators: %u counts the names, %s lists the first three of them */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u name: %s…", "%u names: %s…", n), n, first);
  row = g_object_new (ADW_TYPE_EXPANDER_ROW,
                      "title", _("Names"),
                      "subtitle", summary,
                      NULL);
  ca_accessible_name_expander_row (row);
  gtk_widget_add_css_class (row, "ca-property");
  child = ca_plain_row_new (all, NULL, "title-selectable", TRUE, "title-lines", 0, NULL);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);
  return row;
}

static GtkWidget *
create_certificate_group (CaX509Report *report,
                          guint         index)
{
  CaCertificateInfo *info = g_ptr_array_index (ca_x509_report_get_chain (report), index);
  const char *name = ca_certificate_info_get_common_name (info);
  g_autofree char *sans = g_strjoinv (", ", (char **) ca_certificate_info_get_sans (info));
  g_autofree char *validity = describe_validity (info);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *validity_row = create_value_row (_("Valid"), validity);
  GtkWidget *fingerprint_row = create_value_row (_("SHA-256 Fingerprint"), ca_certificate_info_get_fingerprint (info));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   name != NULL ? name : ca_certificate_info_get_subject (info));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), describe_role (report, index));
  if (sans[0] != '\0')
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_names_row (ca_certificate_info_get_sans (info)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             create_value_row (_("Issuer"), ca_certificate_info_get_issuer (info)));
  if (ca_certificate_info_get_days_left (info, NULL) <= 30)
    gtk_widget_add_css_class (validity_row, ca_certificate_info_get_days_left (info, NULL) < 0 ? "error" : "warning");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), validity_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             create_value_row (_("Key"), ca_certificate_info_get_key_description (info)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             create_value_row (_("Issued by Amazon"),
                                               ca_certificate_info_get_amazon_issued (info) ? _("Yes") : _("No")));
  adw_action_row_add_suffix (ADW_ACTION_ROW (fingerprint_row),
                             create_copy_button (ca_certificate_info_get_fingerprint (info), _("Copy the fingerprint")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), fingerprint_row);
  return group;
}

static GtkWidget *
create_endpoint_group (CaX509Report *report)
{
  GTlsCertificateFlags errors = ca_x509_report_get_tls_errors (report);
  g_autofree char *reasons = ca_x509_report_describe_tls_errors (report);
  /* Translators: %s lists reasons, such as "it has expired; it is not valid for this host name" */
  g_autofree char *untrusted = g_strdup_printf (_("Not trusted: %s"), reasons);
  g_autofree char *server = g_strdup_printf (_("%s, port %u, address %s"), ca_x509_report_get_host (report),
                                             ca_x509_report_get_port (report), ca_x509_report_get_address (report));
  GtkWidget *group = g_object_new (ADW_TYPE_PREFERENCES_GROUP, "title", _("Server"), NULL);
  GtkWidget *trust_row = create_value_row (_("Verification"),
                                           errors == 0 ? _("Trusted by this system") : untrusted);

  if (errors != 0)
    gtk_widget_add_css_class (trust_row, "error");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_value_row (_("Connected To"), server));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), trust_row);
  return group;
}

/* Which file the certificates came from: the picker does not say it again. */
static GtkWidget *
create_file_group (CaX509Report *report)
{
  GtkWidget *group = g_object_new (ADW_TYPE_PREFERENCES_GROUP, "title", _("File"), NULL);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             create_value_row (_("Read From"), ca_x509_report_get_input (report)));
  return group;
}

static GtkWidget *
create_acm_group (CaAcmCertificate *acm)
{
  const char * const *in_use_by = ca_acm_certificate_get_in_use_by (acm);
  g_autofree char *resources = in_use_by != NULL && in_use_by[0] != NULL ? g_strjoinv ("\n", (char **) in_use_by) : NULL;
  const char *method = ca_acm_certificate_get_validation_method (acm);
  const char *renewal = ca_acm_certificate_get_renewal_status (acm);
  GtkWidget *group = g_object_new (ADW_TYPE_PREFERENCES_GROUP,
                                   "title", _("In ACM"),
                                   "description", ca_acm_certificate_get_arn (acm),
                                   NULL);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             create_value_row (_("Status"), ca_acm_status_get_label (ca_acm_certificate_get_status (acm))));
  if (method != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               create_value_row (_("Validation"), ca_acm_method_get_label (method)));
  if (renewal != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               create_value_row (_("Renewal"), ca_acm_renewal_status_get_label (renewal)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             create_value_row (_("In Use By"), resources != NULL ? resources : _("Nothing")));
  return group;
}

static CaSeverity
get_worst_severity (GPtrArray *findings,
                    guint     *n_worst)
{
  CaSeverity worst = CA_SEVERITY_INFO;

  *n_worst = 0;
  for (guint i = 0; i < findings->len; i++)
    {
      CaSeverity severity = ca_finding_get_severity (g_ptr_array_index (findings, i));

      if (severity > worst)
        {
          worst = severity;
          *n_worst = 0;
        }
      if (severity == worst)
        (*n_worst)++;
    }
  return worst;
}

/* One sentence for the worst of the findings, so that a long page starts with
 * its verdict. */
static char *
describe_verdict (GPtrArray *findings)
{
  guint n = 0;
  CaSeverity worst = get_worst_severity (findings, &n);

  if (findings->len == 0)
    return g_strdup (_("No problems found"));
  if (worst == CA_SEVERITY_ERROR)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem to fix: see Findings below",
                                         "%u problems to fix: see Findings below", n), n);
  if (worst == CA_SEVERITY_WARNING)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning: see Findings below",
                                         "%u warnings: see Findings below", n), n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No problems, %u note: see Findings below",
                                       "No problems, %u notes: see Findings below", n), n);
}

/* Returns: (transfer full): who issued @leaf and until when */
static char *
describe_issued (CaCertificateInfo *leaf)
{
  const char *issuer = ca_certificate_info_get_issuer_common_name (leaf);
  g_autofree char *validity = describe_validity (leaf);

  /* Translators: %1$s is who issued a certificate, %2$s its validity such as “2026-12-06 to 2027-06-24 — 199 days left” */
  return g_strdup_printf (_("Issued by %1$s, valid %2$s"),
                          issuer != NULL ? issuer : ca_certificate_info_get_issuer (leaf), validity);
}

/* What the certificate is, who issued it, until when, and the verdict: the
 * top of a page that runs over several screens. */
static GtkWidget *
create_summary_group (CaX509Report *report,
                      GPtrArray    *findings)
{
  CaCertificateInfo *leaf = ca_x509_report_get_leaf (report);
  const char *name = ca_certificate_info_get_common_name (leaf);
  g_autofree char *verdict = describe_verdict (findings);
  g_autofree char *subtitle = NULL;
  GtkWidget *group = g_object_new (ADW_TYPE_PREFERENCES_GROUP, "title", _("At a Glance"), NULL);
  GtkWidget *certificate_row;
  GtkWidget *verdict_row;
  guint n_worst;
  CaSeverity worst = get_worst_severity (findings, &n_worst);
  CaFactStatus status = findings->len == 0 ? CA_FACT_GOOD : ca_fact_status_for_severity (worst);

  if (name == NULL && ca_certificate_info_get_sans (leaf) != NULL)
    name = ca_certificate_info_get_sans (leaf)[0];
  subtitle = describe_issued (leaf);
  certificate_row = ca_plain_row_new (name != NULL ? name : ca_certificate_info_get_subject (leaf), subtitle,
                                      "subtitle-lines", 0,
                                      "icon-name", "application-certificate-symbolic",
                                      NULL);
  verdict_row = ca_plain_row_new (verdict, NULL, "title-lines", 0, NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (verdict_row), ca_status_icon_new (status));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), certificate_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), verdict_row);
  return group;
}

static void
show_report (CaCheckPage  *self,
             CaX509Report *report)
{
  GPtrArray *chain = ca_x509_report_get_chain (report);

  g_set_object (&self->report, report);
  if (ca_x509_report_get_leaf (report) != NULL)
    {
      g_autoptr (GPtrArray) findings = ca_x509_report_compute_findings (report, NULL);

      add_result (self, create_summary_group (report, findings));
    }
  show_findings (self, report);
  if (ca_x509_report_get_acm (report) != NULL)
    add_result (self, create_acm_group (ca_x509_report_get_acm (report)));
  if (ca_x509_report_get_source (report) == CA_X509_SOURCE_ENDPOINT)
    add_result (self, create_endpoint_group (report));
  if (ca_x509_report_get_source (report) == CA_X509_SOURCE_FILE && ca_x509_report_get_input (report) != NULL)
    add_result (self, create_file_group (report));
  for (guint i = 0; i < chain->len; i++)
    add_result (self, create_certificate_group (report, i));
  ca_wizard_page_set_can_next (CA_WIZARD_PAGE (self), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

/* Every finish lands here: nothing touches the page after a cancellation,
 * which is also what happens when the page goes away. */
static void
finish_check (CaCheckPage  *self,
              CaX509Report *report,
              GError       *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, NULL);
  if (report != NULL)
    show_report (self, report);
  else
    show_error (self, error);
}

/*
 * Callbacks
 */

static void
load_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) certificates = ca_x509_load_file_finish (result, &error);
  g_autoptr (CaX509Report) report = NULL;
  CaCheckPage *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (certificates != NULL)
    report = ca_x509_report_new (CA_X509_SOURCE_FILE, self->file_name, certificates, NULL);
  finish_check (self, report, error);
}

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaX509Report) report = ca_tls_probe_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  finish_check (CA_CHECK_PAGE (user_data), report, error);
}

static void
acm_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaX509Report) report = ca_x509_inspect_acm_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  finish_check (CA_CHECK_PAGE (user_data), report, error);
}

/* The entry says what is being checked, or nothing: never a host typed before. */
static void
clear_target_row (CaCheckPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->target_row), "");
}

static void
on_acm_certificate_row_activated_cb (AdwActionRow *row,
                                     CaCheckPage  *self)
{
  clear_target_row (self);
  ca_check_page_check_target (self, g_object_get_data (G_OBJECT (row), "ca-arn"));
}

static GtkWidget *
create_acm_certificate_row (CaCheckPage      *self,
                            CaAcmCertificate *certificate)
{
  GtkWidget *row = ca_plain_row_new (ca_acm_certificate_get_domain (certificate),
                                     ca_acm_status_get_label (ca_acm_certificate_get_status (certificate)),
                                     "activatable", TRUE,
                                     NULL);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "ca-arn", g_strdup (ca_acm_certificate_get_arn (certificate)), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_acm_certificate_row_activated_cb), self, 0);
  return row;
}

/* Without credentials or network the list stays hidden: files and hosts still work. */
static void
list_certificates_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) certificates = ca_acm_client_list_certificates_finish (CA_ACM_CLIENT (object), result, &error);
  CaCheckPage *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (certificates == NULL)
    {
      g_debug ("No ACM list: %s", error->message);
      return;
    }

  for (guint i = 0; i < certificates->len; i++)
    adw_expander_row_add_row (self->acm_row, create_acm_certificate_row (self, g_ptr_array_index (certificates, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->acm_row), certificates->len > 0);
}

static void
request_acm_list (CaCheckPage *self)
{
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (GError) error = NULL;

  self->list_requested = TRUE;
  client = ca_session_create_acm_client (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)), &error);
  if (client == NULL)
    {
      g_debug ("No ACM list: %s", error->message);
      return;
    }
  ca_acm_client_list_certificates_async (client, NULL, self->list_cancellable, list_certificates_cb, self);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        CaCheckPage     *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file != NULL)
    ca_check_page_check_file (self, file);
}

static void
choose_file_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CaCheckPage *self = CA_CHECK_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr (GtkFileFilter) certificates = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  /* A native chooser goes through the portal inside Flatpak. */
  self->chooser = gtk_file_chooser_native_new (_("Choose a Certificate"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (certificates, _("Certificates"));
  for (const char * const *pattern = (const char * const[]) { "*.pem", "*.crt", "*.cer", "*.der", "*.cert", "*.p7b", "*.p7c", NULL };
       *pattern != NULL; pattern++)
    gtk_file_filter_add_pattern (certificates, *pattern);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), certificates);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaCheckPage *self = CA_CHECK_PAGE (widget);

  g_cancellable_cancel (self->cancellable);
  set_busy (self, NULL);
  gtk_widget_set_visible (self->empty_label, TRUE);
}

static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ca_wizard_page_copy_text (CA_WIZARD_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
move_to_dns_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CaCheckPage *self = CA_CHECK_PAGE (widget);
  CaAcmCertificate *acm = self->report != NULL ? ca_x509_report_get_acm (self->report) : NULL;

  if (acm != NULL)
    {
      ca_wizard_page_push_page (CA_WIZARD_PAGE (self), CA_WIZARD_PAGE (ca_move_page_new (acm)));
      return;
    }
  /* A file or a web site: which ACM certificate it is comes from the account. */
  ca_session_set_journey (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)), CA_JOURNEY_MOVE_TO_DNS);
  ca_wizard_page_push_page (CA_WIZARD_PAGE (self), CA_WIZARD_PAGE (ca_account_page_new ()));
}

static void
on_target_row_apply_cb (CaCheckPage *self)
{
  g_autofree char *target = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->target_row))));

  if (target[0] != '\0')
    ca_check_page_check_target (self, target);
}

/*
 * Overrides
 */

static void
ca_check_page_shown (CaWizardPage *page)
{
  CaCheckPage *self = CA_CHECK_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->target_row));
  if (!self->list_requested)
    request_acm_list (self);
}

/* Covered by another page, a check goes on; dropped, it ends. */
static void
ca_check_page_dropped (CaWizardPage *page)
{
  CaCheckPage *self = CA_CHECK_PAGE (page);

  if (self->busy)
    {
      g_cancellable_cancel (self->cancellable);
      set_busy (self, NULL);
      gtk_widget_set_visible (self->empty_label, self->result_widgets->len == 0);
    }
}

static void
ca_check_page_dispose (GObject *object)
{
  CaCheckPage *self = (CaCheckPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->report);
  g_clear_pointer (&self->result_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->file_name, g_free);

  G_OBJECT_CLASS (ca_check_page_parent_class)->dispose (object);
}

static void
ca_check_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CaCheckPage *self = CA_CHECK_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Returns: (transfer full): what was checked, in the words the page used */
static char *
describe_checked (CaX509Report *report)
{
  const char *input = ca_x509_report_get_input (report);

  switch (ca_x509_report_get_source (report))
    {
    case CA_X509_SOURCE_ENDPOINT:
      /* Translators: %s is host:port of a server */
      return g_strdup_printf (_("Checked the certificate that %s presents"), input);
    case CA_X509_SOURCE_FILE:
      /* Translators: %s is a file name */
      return g_strdup_printf (_("Checked the certificate in %s"), input);
    case CA_X509_SOURCE_ACM:
    default:
      /* Translators: %s is the ARN of a certificate in AWS Certificate Manager */
      return g_strdup_printf (_("Checked the certificate %s in ACM"), input);
    }
}

/* What the summary says the check found: the certificate, as at the top of
 * the page, then each finding with what to do about it. */
static GPtrArray *
collect_found (CaX509Report *report)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) findings = ca_x509_report_compute_findings (report, NULL);
  CaCertificateInfo *leaf = ca_x509_report_get_leaf (report);
  g_autofree char *checked = describe_checked (report);
  g_autofree char *detail = leaf != NULL ? describe_issued (leaf) : NULL;

  g_ptr_array_add (found, ca_fact_new (CA_FACT_NOTE, checked, detail));
  if (findings->len == 0)
    g_ptr_array_add (found, ca_fact_new (CA_FACT_GOOD, _("No problems found"), NULL));
  for (guint i = 0; i < findings->len; i++)
    {
      CaFinding *finding = g_ptr_array_index (findings, i);

      g_ptr_array_add (found, ca_fact_new (ca_fact_status_for_severity (ca_finding_get_severity (finding)),
                                           ca_finding_get_message (finding), ca_finding_get_remedy (finding)));
    }
  return found;
}

static void
ca_check_page_next (CaWizardPage *page)
{
  CaCheckPage *self = CA_CHECK_PAGE (page);
  g_autoptr (GPtrArray) found = NULL;

  if (self->report == NULL)
    return;
  found = collect_found (self->report);
  ca_wizard_page_push_page (page, CA_WIZARD_PAGE (ca_summary_page_new_with_found (found)));
}

static void
ca_check_page_class_init (CaCheckPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaWizardPageClass *page_class = CA_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = ca_check_page_dispose;
  object_class->get_property = ca_check_page_get_property;
  page_class->shown = ca_check_page_shown;
  page_class->dropped = ca_check_page_dropped;
  page_class->next = ca_check_page_next;

  properties[PROP_REPORT] = g_param_spec_object ("report", NULL, NULL, CA_TYPE_X509_REPORT,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-check-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaCheckPage, target_row);
  gtk_widget_class_bind_template_child (widget_class, CaCheckPage, acm_row);
  gtk_widget_class_bind_template_child (widget_class, CaCheckPage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, CaCheckPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CaCheckPage, busy_label);
  gtk_widget_class_bind_template_child (widget_class, CaCheckPage, results_box);
  gtk_widget_class_bind_template_child (widget_class, CaCheckPage, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_target_row_apply_cb);

  gtk_widget_class_install_action (widget_class, "check.choose-file", NULL, choose_file_action_cb);
  gtk_widget_class_install_action (widget_class, "check.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "check.copy", "s", copy_action_cb);
  gtk_widget_class_install_action (widget_class, "check.move-to-dns", NULL, move_to_dns_action_cb);
}

static void
ca_check_page_init (CaCheckPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ca_accessible_name_expander_row (GTK_WIDGET (self->acm_row));

  self->result_widgets = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->list_cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "check.cancel", FALSE);
}

/*
 * Public API
 */

CaCheckPage *
ca_check_page_new (void)
{
  return g_object_new (CA_TYPE_CHECK_PAGE, NULL);
}

/* Reads @file in a thread and shows its certificates. */
void
ca_check_page_check_file (CaCheckPage *self,
                          GFile       *file)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  GCancellable *cancellable;

  g_return_if_fail (CA_IS_CHECK_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Reading %s…"), name);
  cancellable = restart (self, message);
  clear_target_row (self);
  g_free (self->file_name);
  self->file_name = g_file_get_parse_name (file);
  ca_x509_load_file_async (file, cancellable, load_file_cb, self);
}

/**
 * ca_check_page_check_target:
 * @target: `host[:port]` of a TLS server, or the ARN of an ACM certificate
 *
 * Fetches the chain the server presents (or ACM's view of the certificate)
 * and shows it. Leaving the page cancels.
 */
void
ca_check_page_check_target (CaCheckPage *self,
                            const char  *target)
{
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  GCancellable *cancellable;

  g_return_if_fail (CA_IS_CHECK_PAGE (self));
  g_return_if_fail (target != NULL);

  if (!g_str_has_prefix (target, "arn:"))
    {
      /* Translators: %s is host:port */
      message = g_strdup_printf (_("Connecting to %s…"), target);
      cancellable = restart (self, message);
      ca_tls_probe_async (target, ca_session_get_timeout (ca_wizard_page_get_session (CA_WIZARD_PAGE (self))),
                          cancellable, probe_cb, self);
      return;
    }

  message = g_strdup_printf (_("Asking ACM about %s…"), target);
  cancellable = restart (self, message);
  if (!ca_acm_check_arn (target, &error) ||
      (client = ca_session_create_acm_client (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)), &error)) == NULL)
    {
      finish_check (self, NULL, error);
      return;
    }
  ca_x509_inspect_acm_async (client, target, cancellable, acm_cb, self);
}

/* Returns: (nullable) (transfer none): what the last check found */
CaX509Report *
ca_check_page_get_report (CaCheckPage *self)
{
  g_return_val_if_fail (CA_IS_CHECK_PAGE (self), NULL);

  return self->report;
}

gboolean
ca_check_page_get_busy (CaCheckPage *self)
{
  g_return_val_if_fail (CA_IS_CHECK_PAGE (self), FALSE);

  return self->busy;
}
