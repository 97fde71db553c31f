/* ca-watch-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaWatchPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-accessible.h"
#include "ca-acm-findings.h"
#include "ca-acm-record.h"
#include "ca-domain.h"
#include "ca-plain-row.h"
#include "ca-record-table.h"
#include "ca-route53-group.h"
#include "ca-severity-icon.h"
#include "ca-summary-page.h"
#include "ca-util.h"
#include "ca-validation-record.h"
#include "ca-watch-page.h"

/**
 * CaWatchPage:
 *
 * A certificate on its way to DNS validation, followed until ACM issues it,
 * fails it or the 72 hours pass: where it stands in words, the records to
 * publish with copy buttons and whether DNS shows them yet, what trips people
 * up at DNS providers, the whole set as a zone file, and for a request that
 * replaces an email one, the old request to delete once the user says so.
 *
 * The #CaCertificateWatch belongs to the session, not to the page: it goes on
 * when the page is gone. The page only looks, and checks the records in DNS
 * while it is shown.
 */
struct _CaWatchPage
{
  CaWizardPage         parent_instance;

  AdwActionRow        *status_row;
  GtkWidget           *check_button;
  GtkBox              *status_icon_box;
  CaFactStatus         shown_status;
  CaRecordTable       *records_table;
  CaRoute53Group      *route53_group;
  AdwPreferencesGroup *tips_group;
  AdwPreferencesGroup *replaced_group;
  AdwActionRow        *replaced_row;
  GtkWidget           *delete_button;

  CaCertificateWatch  *watch;
  CaAcmCertificate    *replaced;
  gboolean             replaced_deleted;
  GPtrArray           *records;        /* CaAcmRecord, once ACM published them */
  GPtrArray           *record_views;   /* RecordView, one per record */
  CaDnsResolver       *resolver;
  GCancellable        *cancellable;    /* the DNS checks, while the page is shown */
  GCancellable        *delete_cancellable;
  guint                checks_running;
  guint                check_source;
  guint                check_interval_ms;
  gboolean             check_again;     /* a round is running, and is out of date */
  gboolean             checked_issued;
};

G_DEFINE_FINAL_TYPE (CaWatchPage, ca_watch_page, CA_TYPE_WIZARD_PAGE)

/* DNS is asked again after 5 s, then less and less often, up to once a minute. */
#define FIRST_CHECK_INTERVAL_MS 5000
#define MAX_CHECK_INTERVAL_MS   60000

/* One record's rows: whether DNS shows it, refreshed after each check. */
typedef struct
{
  CaAcmRecord *record;
  GtkWidget   *state_row;
  GtkWidget   *state_icon;
  gboolean     looked_up;   /* a check has answered at least once */
} RecordView;

static void
record_view_free (RecordView *view)
{
  g_object_unref (view->record);
  g_free (view);
}

static void schedule_check (CaWatchPage *self);
static void check_records  (CaWatchPage *self);

/*
 * Auxiliary methods
 */

static gboolean
is_email_request (CaWatchPage *self)
{
  CaAcmCertificate *certificate = ca_certificate_watch_get_certificate (self->watch);

  return ca_certificate_watch_get_kind (self->watch) == CA_WATCH_KIND_REQUEST && certificate != NULL &&
         g_strcmp0 (ca_acm_certificate_get_validation_method (certificate), "EMAIL") == 0;
}

static char *
format_deadline (GDateTime *deadline)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = ca_format_local_time (deadline);
  int hours = (int) MAX (0, g_date_time_difference (deadline, now) / G_TIME_SPAN_HOUR);

  /* Translators: %s is a date and time, %d a number of hours */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Publish the records by %s (%d hour left). ACM checks for them by itself.",
                                       "Publish the records by %s (%d hours left). ACM checks for them by itself.",
                                       hours),
                          when, hours);
}

/* Why ACM gave up, in the words of the finding for its FailureReason. */
static char *
describe_failure (CaWatchPage *self)
{
  CaAcmCertificate *certificate = ca_certificate_watch_get_certificate (self->watch);
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  CaFindingId id;

  if (certificate == NULL)
    return NULL;
  id = ca_acm_failure_reason_to_id (ca_acm_certificate_get_failure_reason (certificate));
  findings = ca_acm_findings_for_certificate (certificate, NULL, now);
  for (guint i = 0; i < findings->len; i++)
    if (ca_finding_get_id (g_ptr_array_index (findings, i)) == id)
      return g_strdup (ca_finding_get_remedy (g_ptr_array_index (findings, i)));
  return NULL;
}

static void
set_status (CaWatchPage  *self,
            CaFactStatus  status,
            const char   *title,
            const char   *subtitle)
{
  GtkWidget *icon = gtk_widget_get_first_child (GTK_WIDGET (self->status_icon_box));

  /* The watch tells each detail on its own (error, deadline): what reads the same is left alone. */
  if (icon != NULL && status == self->shown_status &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->status_row)), title) == 0 &&
      g_strcmp0 (adw_action_row_get_subtitle (self->status_row), subtitle != NULL ? subtitle : "") == 0)
    return;
  self->shown_status = status;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, subtitle != NULL ? subtitle : "");
  if (icon != NULL)
    gtk_box_remove (self->status_icon_box, icon);
  gtk_box_append (self->status_icon_box, ca_status_icon_new (status));
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_row), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_row), "error");
  if (status == CA_FACT_GOOD)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_row), "success");
  else if (status == CA_FACT_PROBLEM)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_row), "error");
}

static void
show_waiting (CaWatchPage *self)
{
  GDateTime *deadline = ca_certificate_watch_get_deadline (self->watch);
  const GError *error = ca_certificate_watch_get_error (self->watch);
  g_autofree char *subtitle = NULL;

  if (is_email_request (self))
    {
      set_status (self, CA_FACT_PENDING, _("Waiting for the approval"),
                  _("ACM has sent the approval mail. The certificate is issued once someone clicks the link in it."));
      return;
    }
  if (ca_certificate_watch_get_stage (self->watch) == CA_WATCH_STAGE_WAITING_FOR_RECORDS)
    {
      set_status (self, CA_FACT_PENDING, _("ACM is preparing the DNS records"),
                  _("This takes from a few seconds to a few minutes."));
      return;
    }
  if (error != NULL)
    /* Translators: %s says why ACM could not be asked, such as a network error */
    subtitle = g_strdup_printf (_("ACM could not be asked just now: %s It is asked again by itself."), error->message);
  else if (deadline != NULL)
    subtitle = format_deadline (deadline);
  set_status (self, CA_FACT_PENDING, _("Waiting for ACM to see the records"), subtitle);
}

static gboolean
is_final_stage (CaWatchStage stage)
{
  return stage == CA_WATCH_STAGE_ISSUED || stage == CA_WATCH_STAGE_FAILED ||
         stage == CA_WATCH_STAGE_TIMED_OUT || stage == CA_WATCH_STAGE_STOPPED;
}

static void
show_stage (CaWatchPage *self)
{
  gboolean migration = ca_certificate_watch_get_kind (self->watch) == CA_WATCH_KIND_MIGRATION;
  const GError *error = ca_certificate_watch_get_error (self->watch);
  g_autofree char *failure = NULL;
  gboolean followed;

  switch (ca_certificate_watch_get_stage (self->watch))
    {
    case CA_WATCH_STAGE_STARTING:
      set_status (self, CA_FACT_PENDING, _("Asking ACM…"), NULL);
      break;
    case CA_WATCH_STAGE_WAITING_FOR_RECORDS:
    case CA_WATCH_STAGE_WAITING_FOR_VALIDATION:
      show_waiting (self);
      break;
    case CA_WATCH_STAGE_ISSUED:
      if (migration)
        set_status (self, CA_FACT_GOOD, _("The certificate now uses DNS validation"),
                    _("Same certificate, nothing to redeploy. Keep the records: ACM looks for them at every renewal."));
      else
        set_status (self, CA_FACT_GOOD, _("The certificate is issued"),
                    _("Keep the records: ACM looks for them at every renewal."));
      break;
    case CA_WATCH_STAGE_FAILED:
      failure = describe_failure (self);
      set_status (self, CA_FACT_PROBLEM, _("ACM could not validate the certificate"), failure);
      break;
    case CA_WATCH_STAGE_TIMED_OUT:
      set_status (self, CA_FACT_PROBLEM, _("The 72 hours have passed"),
                  _("ACM stopped looking for the records. Request the certificate again, and publish its records as soon as they are shown."));
      break;
    case CA_WATCH_STAGE_STOPPED:
    default:
      set_status (self, CA_FACT_WARNING, _("No longer followed"),
                  error != NULL ? error->message : _("The certificate is not being followed any more."));
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), TRUE);
  /* Issued, failed or no longer followed: there is nothing left to ask. The
   * stage, not "active": a stop tells the stage before the watch goes inactive. */
  followed = ca_certificate_watch_is_active (self->watch) &&
             !is_final_stage (ca_certificate_watch_get_stage (self->watch));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "watch.check-now", followed);
  gtk_widget_set_visible (self->check_button, followed);
}

/* Under the record's own rows: whether DNS shows it, refreshed after each check. */
static void
add_record_view (CaWatchPage *self,
                 CaAcmRecord *record)
{
  RecordView *view = g_new0 (RecordView, 1);

  view->record = g_object_ref (record);
  view->state_row = ca_plain_row_new (_("Not looked up yet"), NULL, "subtitle-lines", 0, NULL);
  view->state_icon = ca_status_icon_new (CA_FACT_PENDING);
  adw_action_row_add_prefix (ADW_ACTION_ROW (view->state_row), view->state_icon);
  ca_record_table_add_row (self->records_table, record, view->state_row);
  g_ptr_array_add (self->record_views, view);
}

static void
add_tip (CaWatchPage *self,
         const char  *title,
         const char  *subtitle)
{
  GtkWidget *row = ca_plain_row_new (title, subtitle, "subtitle-lines", 0, NULL);

  adw_preferences_group_add (self->tips_group, row);
}

/* The pitfalls of DNS providers, with this certificate's own names in them. */
static void
show_tips (CaWatchPage *self)
{
  CaAcmRecord *first = g_ptr_array_index (self->records, 0);
  g_autofree char *relative = ca_acm_record_get_relative_name (first);
  g_autofree char *zone = ca_domain_to_display (ca_acm_record_get_zone (first));
  g_autofree char *appending = NULL;

  /* Translators: the first %s is the part of a record name before the domain,
   * such as “_3f1c.www”, the second the domain, such as “example.com” */
  appending = g_strdup_printf (_("Many providers add “%2$s” to every name by themselves: there, enter only “%1$s” as the name, or the record ends up at a doubled name."),
                               relative, zone);
  add_tip (self, _("Only the first part of the name"), appending);
  add_tip (self, _("The dot at the end"),
           _("Some providers want the names with their final dot, others without. Both mean the same: take what the provider accepts."));
  add_tip (self, _("No proxy for these records"),
           _("A proxy, such as Cloudflare’s orange cloud, must be off (“DNS only”) for these records, or ACM sees an address instead of the record."));
  gtk_widget_set_visible (GTK_WIDGET (self->tips_group), TRUE);
}

static void
show_records (CaWatchPage *self)
{
  GPtrArray *records = ca_certificate_watch_get_records (self->watch);

  if (self->records != NULL || records == NULL || records->len == 0)
    return;
  self->records = g_ptr_array_ref (records);
  /* The page says what the records are for: no line of it under each. */
  ca_record_table_add_records (self->records_table, records, NULL);
  for (guint i = 0; i < records->len; i++)
    add_record_view (self, g_ptr_array_index (records, i));
  gtk_widget_set_visible (GTK_WIDGET (self->records_table), TRUE);
  show_tips (self);
  schedule_check (self);
  /* Offered only once Route 53 has said it hosts the names; nothing changes unasked. */
  ca_route53_group_start (self->route53_group, ca_wizard_page_get_session (CA_WIZARD_PAGE (self)), records);
}

static void
show_replaced (CaWatchPage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->replaced == NULL)
    return;
  name = ca_domain_to_display (ca_acm_certificate_get_domain (self->replaced));
  if (self->replaced_deleted)
    /* Translators: %s is a domain name */
    title = g_strdup_printf (_("The email request for %s is deleted"), name);
  else
    /* Translators: %s is a domain name */
    title = g_strdup_printf (_("The email request for %s is still in ACM"), name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->replaced_row), title);
  adw_action_row_set_subtitle (self->replaced_row,
                               self->replaced_deleted
                               ? _("Nobody can approve it by mistake any more.")
                               : _("Nothing uses it. Delete it when you no longer need it, so nobody approves the wrong request."));
  gtk_widget_set_visible (self->delete_button, !self->replaced_deleted);
  gtk_widget_set_visible (GTK_WIDGET (self->replaced_group), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "watch.delete-replaced", !self->replaced_deleted);
}

/* What DNS shows for one record, in the words of its finding. */
static void
show_record_state (RecordView         *view,
                   CaValidationRecord *check)
{
  g_autoptr (GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  CaFinding *finding;
  CaFactStatus status;
  GtkWidget *icon;

  view->looked_up = TRUE;
  ca_validation_record_add_findings (check, findings);
  finding = findings->len > 0 ? g_ptr_array_index (findings, 0) : NULL;
  switch (ca_validation_record_get_state (check))
    {
    case CA_VALIDATION_RECORD_PUBLISHED:
      status = CA_FACT_GOOD;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->state_row), _("Published: DNS shows this record"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (view->state_row), "");
      break;
    case CA_VALIDATION_RECORD_LOOKUP_FAILED:
      status = CA_FACT_WARNING;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->state_row), _("DNS could not be asked"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (view->state_row),
                                   finding != NULL ? ca_finding_get_message (finding) : "");
      break;
    default:
      /* Not there yet is where everyone starts; a wrong record is an error. */
      status = ca_validation_record_get_state (check) == CA_VALIDATION_RECORD_MISSING ? CA_FACT_WARNING : CA_FACT_PROBLEM;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->state_row),
                                     finding != NULL ? ca_finding_get_message (finding) : _("Not published yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (view->state_row),
                                   finding != NULL && ca_finding_get_remedy (finding) != NULL
                                   ? ca_finding_get_remedy (finding) : "");
      break;
    }
  icon = ca_status_icon_new (status);
  adw_action_row_remove (ADW_ACTION_ROW (view->state_row), view->state_icon);
  adw_action_row_add_prefix (ADW_ACTION_ROW (view->state_row), icon);
  view->state_icon = icon;
}

/* What the CA sees when the session has the public view; else the resolver in use. */
static CaDnsResolver *
create_resolver (CaWatchPage *self)
{
  CaSession *session = ca_wizard_page_get_session (CA_WIZARD_PAGE (self));
  CaDnsView view = ca_session_get_effective_view (session);

  if (view == CA_DNS_VIEW_PUBLIC || view == CA_DNS_VIEW_BOTH)
    return ca_session_create_public_resolver (session);
  return ca_session_create_resolver (session);
}

/* Looked up while ACM still waits; once it is issued, the records are known good. */
static gboolean
needs_checks (CaWatchPage *self)
{
  return self->records != NULL && ca_certificate_watch_get_stage (self->watch) != CA_WATCH_STAGE_ISSUED;
}

/*
 * Callbacks
 */

static void
record_check_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CaValidationRecord *check = CA_VALIDATION_RECORD (object);
  g_autoptr (GError) error = NULL;
  RecordView *view;
  CaWatchPage *self;

  /* Cancelled: the page is hidden or gone, with its record views. */
  if (!ca_validation_record_run_finish (check, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = CA_WATCH_PAGE (user_data);
  view = g_object_get_data (G_OBJECT (check), "ca-record-view");
  show_record_state (view, check);
  if (--self->checks_running > 0)
    return;
  if (self->check_again)
    check_records (self);
  else
    schedule_check (self);
}

static void
check_records (CaWatchPage *self)
{
  if (self->record_views == NULL)
    return;
  if (self->checks_running > 0)
    {
      /* A round that started before the change may say what no longer holds. */
      self->check_again = TRUE;
      return;
    }
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_again = FALSE;
  /* A fresh resolver each round: a cached “no such name” from before the user
   * published would hide the record for as long as its negative TTL. */
  g_clear_object (&self->resolver);
  self->resolver = create_resolver (self);
  for (guint i = 0; i < self->record_views->len; i++)
    {
      RecordView *view = g_ptr_array_index (self->record_views, i);
      const char * const *domains = ca_acm_record_get_domains (view->record);
      g_autoptr (CaValidationRecord) check = ca_validation_record_new (domains[0],
                                                                       ca_acm_record_get_name (view->record),
                                                                       ca_acm_record_get_value (view->record),
                                                                       ca_acm_record_get_zone (view->record));

      /* Until the first answer, say that DNS is being asked, not that nobody asked. */
      if (!view->looked_up)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->state_row), _("Looking for the record in DNS…"));
      g_object_set_data (G_OBJECT (check), "ca-record-view", view);
      self->checks_running++;
      ca_validation_record_run_async (check, self->resolver, self->cancellable, record_check_cb, self);
    }
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  CaWatchPage *self = user_data;

  self->check_source = 0;
  check_records (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_check (CaWatchPage *self)
{
  if (!needs_checks (self) || self->checks_running > 0 || self->check_source != 0 ||
      self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (self->check_interval_ms == 0)
    {
      /* The first look at once: the user may have published them already. */
      self->check_interval_ms = FIRST_CHECK_INTERVAL_MS;
      check_records (self);
      return;
    }
  self->check_source = g_timeout_add (self->check_interval_ms, check_timeout_cb, self);
  self->check_interval_ms = MIN (self->check_interval_ms * 3 / 2, MAX_CHECK_INTERVAL_MS);
}

static void
on_watch_stage_cb (CaWatchPage *self)
{
  show_stage (self);
  show_records (self);
  show_replaced (self);
  /* Issued: one last look, so the records show what ACM has just seen. */
  if (ca_certificate_watch_get_stage (self->watch) == CA_WATCH_STAGE_ISSUED && !self->checked_issued &&
      self->records != NULL && self->cancellable != NULL && !g_cancellable_is_cancelled (self->cancellable))
    {
      self->checked_issued = TRUE;
      check_records (self);
    }
}

/* Route 53 has the records: ACM and DNS are asked at once, not at the next round,
 * as Check Now does (DNS while the page is shown: a hidden page looks again when it
 * is back). By then the watch may wait a minute between its questions to ACM. */
static void
on_route53_published_cb (CaWatchPage *self)
{
  ca_certificate_watch_poll_now (self->watch);
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  self->check_interval_ms = FIRST_CHECK_INTERVAL_MS;
  check_records (self);
}

static void
check_now_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CaWatchPage *self = CA_WATCH_PAGE (widget);

  ca_certificate_watch_poll_now (self->watch);
  self->check_interval_ms = FIRST_CHECK_INTERVAL_MS;
  check_records (self);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  CaWatchPage *self;

  if (!ca_acm_client_delete_certificate_finish (CA_ACM_CLIENT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CA_WATCH_PAGE (user_data);
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The old request was not deleted: %s"), error->message);

      ca_wizard_page_add_toast (CA_WIZARD_PAGE (self), adw_toast_new (message));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "watch.delete-replaced", TRUE);
      return;
    }
  self->replaced_deleted = TRUE;
  show_replaced (self);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       CaWatchPage      *self)
{
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->replaced_deleted)
    return;
  client = ca_session_create_acm_client (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)), &error);
  if (client == NULL)
    {
      ca_wizard_page_add_toast (CA_WIZARD_PAGE (self), adw_toast_new (error->message));
      return;
    }
  /* One click, one request: the button waits for the answer. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "watch.delete-replaced", FALSE);
  ca_acm_client_delete_certificate_async (client, ca_acm_certificate_get_arn (self->replaced),
                                          self->delete_cancellable, delete_cb, self);
}

static void
delete_replaced_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CaWatchPage *self = CA_WATCH_PAGE (widget);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->replaced == NULL || self->replaced_deleted)
    return;
  name = ca_domain_to_display (ca_acm_certificate_get_domain (self->replaced));
  /* Translators: %s is a domain name */
  body = g_strdup_printf (_("The email request for %s goes away for good. The new certificate with DNS validation stays."), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Delete the Old Request?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep It"),
                                    "delete", _("_Delete"),
                                    NULL);
  ca_accessible_name_buttons (dialog);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * Overrides
 */

static void
ca_watch_page_shown (CaWizardPage *page)
{
  CaWatchPage *self = CA_WATCH_PAGE (page);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->check_interval_ms = 0;
  on_watch_stage_cb (self);
  schedule_check (self);
}

/* The watch goes on without the page; only the DNS checks stop. */
static void
ca_watch_page_leaving (CaWizardPage *page)
{
  CaWatchPage *self = CA_WATCH_PAGE (page);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->checks_running = 0;
}

static void
ca_watch_page_dispose (GObject *object)
{
  CaWatchPage *self = (CaWatchPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->delete_cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->delete_cancellable);
  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);
  g_clear_object (&self->replaced);
  g_clear_object (&self->resolver);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->record_views, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_watch_page_parent_class)->dispose (object);
}

static void
ca_watch_page_next (CaWizardPage *page)
{
  ca_wizard_page_push_page (page, CA_WIZARD_PAGE (ca_summary_page_new ()));
}

static void
ca_watch_page_class_init (CaWatchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaWizardPageClass *page_class = CA_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = ca_watch_page_dispose;
  page_class->shown = ca_watch_page_shown;
  page_class->leaving = ca_watch_page_leaving;
  page_class->next = ca_watch_page_next;

  g_type_ensure (CA_TYPE_RECORD_TABLE);
  g_type_ensure (CA_TYPE_ROUTE53_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-watch-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaWatchPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, CaWatchPage, check_button);
  gtk_widget_class_bind_template_child (widget_class, CaWatchPage, status_icon_box);
  gtk_widget_class_bind_template_child (widget_class, CaWatchPage, records_table);
  gtk_widget_class_bind_template_child (widget_class, CaWatchPage, route53_group);
  gtk_widget_class_bind_template_callback (widget_class, on_route53_published_cb);
  gtk_widget_class_bind_template_child (widget_class, CaWatchPage, tips_group);
  gtk_widget_class_bind_template_child (widget_class, CaWatchPage, replaced_group);
  gtk_widget_class_bind_template_child (widget_class, CaWatchPage, replaced_row);
  gtk_widget_class_bind_template_child (widget_class, CaWatchPage, delete_button);

  gtk_widget_class_install_action (widget_class, "watch.check-now", NULL, check_now_action_cb);
  gtk_widget_class_install_action (widget_class, "watch.delete-replaced", NULL, delete_replaced_action_cb);
}

static void
ca_watch_page_init (CaWatchPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ca_accessible_keep_label (self->delete_button);
  self->record_views = g_ptr_array_new_with_free_func ((GDestroyNotify) record_view_free);
  self->delete_cancellable = g_cancellable_new ();
  ca_wizard_page_set_can_next (CA_WIZARD_PAGE (self), TRUE);
}

/*
 * Public API
 */

/**
 * ca_watch_page_new:
 * @watch: the session's watch of the certificate
 * @replaced: (nullable): the email request the new certificate replaces,
 *   offered for deletion once the user confirms
 *
 * Returns: (transfer floating): the page
 */
CaWatchPage *
ca_watch_page_new (CaCertificateWatch *watch,
                   CaAcmCertificate   *replaced)
{
  CaWatchPage *self;

  g_return_val_if_fail (CA_IS_CERTIFICATE_WATCH (watch), NULL);
  g_return_val_if_fail (replaced == NULL || CA_IS_ACM_CERTIFICATE (replaced), NULL);

  self = g_object_new (CA_TYPE_WATCH_PAGE, NULL);
  self->watch = g_object_ref (watch);
  self->replaced = replaced != NULL ? g_object_ref (replaced) : NULL;
  /* The stage alone: its records come with the move to waiting for validation,
   * and a stop (the session following the certificate anew) changes nothing
   * else and emits no "changed". "changed" as well redrew the page twice. */
  g_signal_connect_object (watch, "notify::stage", G_CALLBACK (on_watch_stage_cb), self, G_CONNECT_SWAPPED);
  /* Within a stage, ACM failing to answer (and answering again) and the
   * deadline change only the words of the status. */
  g_signal_connect_object (watch, "notify::error", G_CALLBACK (show_stage), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (watch, "notify::deadline", G_CALLBACK (show_stage), self, G_CONNECT_SWAPPED);
  return self;
}
