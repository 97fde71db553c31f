/* ca-fleet-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaFleetPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-accessible.h"
#include "ca-aws-regions.h"
#include "ca-domain.h"
#include "ca-fleet-item.h"
#include "ca-fleet-list.h"
#include "ca-fleet-page.h"
#include "ca-fleet-scan.h"
#include "ca-plain-row.h"
#include "ca-record-table.h"
#include "ca-reveal-queue.h"
#include "ca-route53-group.h"
#include "ca-summary-page.h"
#include "ca-watch-page.h"

/**
 * CaFleetPage:
 *
 * Every region of the account at once: which certificates still depend on
 * email validation, what to do about each and by when, soonest deadline
 * first. Regions that could not be asked are named, and a result missing
 * some of them says it is partial. Those that can move in place can be
 * selected and moved together after one confirmation; the session then
 * follows each move as it follows a single one (and the application
 * notifies when each ends), and the records of every move started here
 * show in one table, each record once.
 */
struct _CaFleetPage
{
  CaWizardPage         parent_instance;

  AdwPreferencesGroup *progress_group;
  GtkProgressBar      *progress_bar;
  GtkLabel            *running_label;
  AdwPreferencesGroup *status_group;
  AdwActionRow        *partial_row;
  AdwActionRow        *error_row;
  AdwPreferencesGroup *list_group;
  CaFleetList         *fleet_list;
  GtkButton           *move_button;
  AdwPreferencesGroup *regions_group;
  CaRecordTable       *records_table;
  CaRoute53Group      *route53_group;
  guint                route53_planned;  /* records the group's plan holds */

  GCancellable        *cancellable;
  CaFleetScan         *scan;
  GPtrArray           *region_rows;   /* rows of regions_group, to remove on a new scan */
  CaRevealQueue       *reveal;        /* region rows, one a frame: a frame lays out only a few */
  GPtrArray           *followed;      /* Followed, each move started here */
  guint                progress_source;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (CaFleetPage, ca_fleet_page, CA_TYPE_WIZARD_PAGE)

/* Often enough for the bar to move as regions answer; the scan has no signal. */
#define PROGRESS_INTERVAL_MS 150
/* The certificates the summary names one by one. */
#define SUMMARY_CERTIFICATES 100

/* One move of the bulk: the gate of the region's rate quota, then the call. */
typedef struct
{
  CaFleetPage  *page;        /* alive while cancellable is not cancelled */
  GCancellable *cancellable;
  CaFleetItem  *item;
  CaFleetEntry *entry;       /* the item's */
} Move;

/* A move started here, whose records the table shows once ACM has them. */
typedef struct
{
  CaCertificateWatch *watch;
  char               *serves;    /* “example.com in Europe (London)” */
  GDateTime          *deadline;  /* the list's order, which the table keeps */
} Followed;

static void
followed_free (Followed *followed)
{
  g_object_unref (followed->watch);
  g_free (followed->serves);
  g_clear_pointer (&followed->deadline, g_date_time_unref);
  g_free (followed);
}

/* Soonest deadline first, as the list: not the order in which ACM answered. */
static gint
compare_followed (gconstpointer a,
                  gconstpointer b)
{
  const Followed *x = *(Followed **) a, *y = *(Followed **) b;
  int order;

  if ((x->deadline == NULL) != (y->deadline == NULL))
    return x->deadline == NULL ? 1 : -1;
  if (x->deadline != NULL && (order = g_date_time_compare (x->deadline, y->deadline)) != 0)
    return order;
  return g_strcmp0 (x->serves, y->serves);
}

/*
 * Auxiliary methods
 */

static const char *
region_name (const char *region)
{
  const char *name = ca_aws_region_get_name (region);

  return name != NULL ? name : region;
}

static char *
describe_region_state (CaFleetScan *scan,
                       const char  *region)
{
  const char *message = ca_fleet_scan_get_region_message (scan, region);

  switch (ca_fleet_scan_get_region_state (scan, region))
    {
    case CA_FLEET_REGION_NOT_ENABLED:
      return g_strdup (_("Not enabled for this account"));
    case CA_FLEET_REGION_DENIED:
      return g_strdup (_("These credentials may not list its certificates"));
    case CA_FLEET_REGION_ERROR:
      if (message != NULL)
        /* Translators: %s says what went wrong, in words */
        return g_strdup_printf (_("Could not be scanned: %s"), message);
      return g_strdup (_("Could not be scanned"));
    case CA_FLEET_REGION_RUNNING:
    case CA_FLEET_REGION_OK:
    default:
      return NULL;
    }
}

static void
update_move_button (CaFleetPage *self)
{
  g_autoptr (GPtrArray) selected = ca_fleet_list_get_selected (self->fleet_list);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "fleet.move-selected", !self->busy && selected->len > 0);
}

static void
clear_rows (CaFleetPage *self)
{
  ca_fleet_list_clear (self->fleet_list);
  for (guint i = 0; i < self->region_rows->len; i++)
    adw_preferences_group_remove (self->regions_group, g_ptr_array_index (self->region_rows, i));
  g_ptr_array_set_size (self->region_rows, 0);
}

/* An empty group would still draw its frame. */
static void
update_status_group (CaFleetPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->status_group),
                          gtk_widget_get_visible (GTK_WIDGET (self->partial_row)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->error_row)));
}

static void
show_error (CaFleetPage  *self,
            const GError *error)
{
  ca_plain_row_set_subtitle (self->error_row, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), TRUE);
  update_status_group (self);
}

/* “3 of 17 regions have answered”, and the names of those still asked. */
static void
update_progress (CaFleetPage *self)
{
  const char * const *regions = ca_fleet_scan_get_regions (self->scan);
  g_autoptr (GPtrArray) running = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_autofree char *text = NULL;
  guint total = g_strv_length ((char **) regions);

  for (guint i = 0; regions[i] != NULL; i++)
    if (ca_fleet_scan_get_region_state (self->scan, regions[i]) == CA_FLEET_REGION_RUNNING)
      g_ptr_array_add (running, (gpointer) region_name (regions[i]));
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) (total - running->len) / total : 1.0);
  g_ptr_array_add (running, NULL);
  /* Translators: the separator between region names */
  joined = g_strjoinv (_(", "), (char **) running->pdata);
  /* Translators: %s lists the regions that have not answered yet */
  text = running->len > 1 ? g_strdup_printf (_("Still waiting for %s"), joined) : NULL;
  gtk_label_set_text (self->running_label, text != NULL ? text : "");
}

static gboolean
progress_cb (gpointer user_data)
{
  update_progress (CA_FLEET_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
set_busy (CaFleetPage *self,
          gboolean     busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), busy);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (busy)
    self->progress_source = g_timeout_add (PROGRESS_INTERVAL_MS, progress_cb, self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "fleet.refresh", !busy);
  update_move_button (self);
}

static void
show_regions (CaFleetPage *self)
{
  const char * const *regions = ca_fleet_scan_get_regions (self->scan);

  for (guint i = 0; regions[i] != NULL; i++)
    {
      g_autofree char *state = describe_region_state (self->scan, regions[i]);
      GtkWidget *row;

      if (state == NULL)
        continue;
      row = ca_plain_row_new (region_name (regions[i]), state, NULL);
      adw_preferences_group_add (self->regions_group, row);
      ca_reveal_queue_add (self->reveal, row);
      g_ptr_array_add (self->region_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->regions_group), self->region_rows->len > 0);
}

static void
show_entries (CaFleetPage *self)
{
  GPtrArray *entries = ca_fleet_scan_get_entries (self->scan);
  gboolean movable = FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      CaFleetEntry *entry = g_ptr_array_index (entries, i);

      movable |= ca_fleet_entry_needs_listing (entry, FALSE) && entry->action == CA_FLEET_ACTION_MIGRATE;
    }
  ca_fleet_list_show_scan (self->fleet_list, self->scan);
  gtk_widget_set_visible (GTK_WIDGET (self->move_button), movable);
  gtk_widget_set_visible (GTK_WIDGET (self->list_group), TRUE);
}

/*
 * Callbacks
 */

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  CaFleetPage *self;

  if (!ca_fleet_scan_run_finish (CA_FLEET_SCAN (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CA_FLEET_PAGE (user_data);
  set_busy (self, FALSE);
  if (error != NULL)
    show_error (self, error);
  show_entries (self);
  show_regions (self);
  gtk_widget_set_visible (GTK_WIDGET (self->partial_row), !ca_fleet_scan_is_complete (self->scan));
  update_status_group (self);
  ca_wizard_page_set_can_next (CA_WIZARD_PAGE (self), error == NULL);
}

static void
refresh (CaFleetPage *self)
{
  CaSession *session = ca_wizard_page_get_session (CA_WIZARD_PAGE (self));
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->partial_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->list_group), FALSE);
  ca_wizard_page_set_can_next (CA_WIZARD_PAGE (self), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->regions_group), FALSE);
  update_status_group (self);

  g_clear_object (&self->scan);
  self->scan = ca_fleet_scan_new (NULL, ca_session_get_aws_profile (session), ca_session_get_timeout (session), &error);
  if (self->scan == NULL)
    {
      show_error (self, error);
      return;
    }
  set_busy (self, TRUE);
  update_progress (self);
  ca_fleet_scan_run_async (self->scan, self->cancellable, scan_cb, self);
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  refresh (CA_FLEET_PAGE (widget));
}

static void
move_free (Move *move)
{
  g_object_unref (move->cancellable);
  g_object_unref (move->item);
  g_free (move);
}

/* A moving certificate opens its records and progress, as after a single move. */
static void
on_item_activated_cb (CaFleetPage *self,
                      CaFleetItem *item)
{
  CaFleetEntry *entry = ca_fleet_item_get_entry (item);
  CaSession *session = ca_wizard_page_get_session (CA_WIZARD_PAGE (self));
  CaCertificateWatch *watch = ca_session_find_watch (session, ca_acm_certificate_get_arn (entry->certificate));

  if (watch != NULL)
    ca_wizard_page_push_page (CA_WIZARD_PAGE (self), CA_WIZARD_PAGE (ca_watch_page_new (watch, NULL)));
}

/* Every move's records, each once: a name and its wildcard, or two certificates,
 * may ask for the same record, and Route 53 refuses a batch that names one twice. */
static GPtrArray *
collect_records (CaFleetPage *self)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->followed->len; i++)
    {
      GPtrArray *records = ca_certificate_watch_get_records (((Followed *) g_ptr_array_index (self->followed, i))->watch);

      for (guint j = 0; records != NULL && j < records->len; j++)
        {
          CaAcmRecord *record = g_ptr_array_index (records, j);
          char *key = g_ascii_strdown (ca_acm_record_get_name (record), -1);

          if (g_hash_table_add (seen, key))
            g_ptr_array_add (all, g_object_ref (record));
        }
    }
  return all;
}

/* "Create in Route 53" for all of them, planned again as more records come in,
 * but never while a confirmed change runs. */
static void
offer_route53 (CaFleetPage *self)
{
  g_autoptr (GPtrArray) records = collect_records (self);

  if (records->len == 0 || records->len == self->route53_planned ||
      ca_route53_group_get_applying (self->route53_group))
    return;
  self->route53_planned = records->len;
  ca_route53_group_start (self->route53_group, ca_wizard_page_get_session (CA_WIZARD_PAGE (self)), records);
}

/* Route 53 has the records: each move asks ACM at once, not at its next round. */
static void
on_route53_published_cb (CaFleetPage *self)
{
  for (guint i = 0; self->followed != NULL && i < self->followed->len; i++)
    ca_certificate_watch_poll_now (((Followed *) g_ptr_array_index (self->followed, i))->watch);
}

/* Every move's records in one table, rebuilt as each watch learns its records. */
static void
show_records (CaFleetPage *self)
{
  /* Disposed: the watches outlive the page, and their handlers its dispose. */
  if (self->followed == NULL)
    return;
  ca_record_table_remove_all (self->records_table);
  for (guint i = 0; i < self->followed->len; i++)
    {
      Followed *followed = g_ptr_array_index (self->followed, i);
      GPtrArray *records = ca_certificate_watch_get_records (followed->watch);

      if (records != NULL)
        ca_record_table_add_records (self->records_table, records, followed->serves);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->records_table), ca_record_table_get_n_records (self->records_table) > 0);
  offer_route53 (self);
}

static void
follow_records (CaFleetPage        *self,
                CaCertificateWatch *watch,
                CaFleetEntry       *entry)
{
  g_autofree char *name = ca_domain_to_display (ca_acm_certificate_get_domain (entry->certificate));
  Followed *followed;

  for (guint i = 0; i < self->followed->len; i++)
    if (((Followed *) g_ptr_array_index (self->followed, i))->watch == watch)
      return;
  followed = g_new0 (Followed, 1);
  followed->watch = g_object_ref (watch);
  /* Translators: a certificate's domain name, then the region it is in */
  followed->serves = g_strdup_printf (_("%s in %s"), name, region_name (entry->region));
  followed->deadline = entry->deadline != NULL ? g_date_time_ref (entry->deadline) : NULL;
  g_ptr_array_add (self->followed, followed);
  g_ptr_array_sort (self->followed, compare_followed);
  g_signal_connect_object (watch, "notify::records", G_CALLBACK (show_records), self, G_CONNECT_SWAPPED);
  show_records (self);
}

/* The move runs: the session follows it and notifies when it ends, as for one move. */
static void
follow_move (Move *move)
{
  CaSession *session = ca_wizard_page_get_session (CA_WIZARD_PAGE (move->page));
  const char *arn = ca_acm_certificate_get_arn (move->entry->certificate);
  CaAcmClient *client = ca_fleet_scan_get_client (move->page->scan, move->entry->region);
  g_autoptr (CaSessionAction) action = NULL;
  g_autoptr (CaCertificateWatch) watch = NULL;
  CaCertificateWatch *existing = ca_session_find_watch (session, arn);

  action = ca_session_action_new (CA_SESSION_ACTION_MIGRATION_STARTED, arn,
                                  ca_acm_certificate_get_domain (move->entry->certificate), NULL, NULL);
  ca_session_add_action (session, action);
  if (existing == NULL || !ca_certificate_watch_is_active (existing))
    {
      watch = ca_certificate_watch_new (client, arn, CA_WATCH_KIND_MIGRATION);
      ca_session_add_watch (session, watch);
    }
  follow_records (move->page, watch != NULL ? watch : existing, move->entry);
}

static void
migrate_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Move *move = user_data;
  g_autoptr (GError) error = NULL;

  ca_acm_client_migrate_to_dns_finish (CA_ACM_CLIENT (object), result, &error);
  if (g_cancellable_is_cancelled (move->cancellable))
    {
      move_free (move);
      return;
    }
  if (error == NULL)
    {
      follow_move (move);
      ca_fleet_item_set_moving (move->item);
    }
  else
    ca_fleet_item_set_failed (move->item, error->message);
  update_move_button (move->page);
  move_free (move);
}

/* Within the region's quota for UpdateCertificateOptions, as the CLI's migrate --all. */
static void
gate_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Move *move = user_data;
  const char *arn = ca_acm_certificate_get_arn (move->entry->certificate);

  ca_fleet_scan_limit_call_finish (CA_FLEET_SCAN (object), result, NULL);
  if (g_cancellable_is_cancelled (move->cancellable))
    {
      move_free (move);
      return;
    }
  ca_acm_client_migrate_to_dns_async (ca_fleet_scan_get_client (CA_FLEET_SCAN (object), move->entry->region), arn,
                                      move->cancellable, migrate_cb, move);
}

static void
start_move (CaFleetPage *self,
            CaFleetItem *item)
{
  Move *move = g_new0 (Move, 1);

  move->page = self;
  move->cancellable = g_object_ref (self->cancellable);
  move->item = g_object_ref (item);
  move->entry = ca_fleet_item_get_entry (item);
  ca_fleet_item_start_move (item);
  ca_fleet_scan_limit_call (self->scan, move->entry->region, "UpdateCertificateOptions", self->cancellable,
                            gate_cb, move);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CaFleetPage      *self)
{
  g_autoptr (GPtrArray) items = NULL;

  if (g_strcmp0 (response, "move") != 0 || self->busy || self->scan == NULL)
    return;
  items = ca_fleet_list_get_selected (self->fleet_list);
  for (guint i = 0; i < items->len; i++)
    start_move (self, g_ptr_array_index (items, i));
  update_move_button (self);
}

static char *
describe_selection (GPtrArray *items)
{
  g_autoptr (GString) names = g_string_new (NULL);
  guint count = items->len;

  for (guint i = 0; i < count; i++)
    {
      CaFleetItem *item = g_ptr_array_index (items, i);

      /* Translators: one line of the list of certificates to move: a name and its region */
      g_string_append_printf (names, _("• %s (%s)\n"), ca_fleet_item_get_title (item),
                              region_name (ca_fleet_item_get_entry (item)->region));
    }
  /* Translators: %s lists the certificates, one a line */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s\nThe certificate keeps its ARN and stays valid. You then have 72 hours to publish its DNS records, and it cannot go back to email validation.",
                                       "%s\nEach certificate keeps its ARN and stays valid. You then have 72 hours to publish their DNS records, and they cannot go back to email validation.",
                                       count),
                          names->str);
}

static void
move_selected_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CaFleetPage *self = CA_FLEET_PAGE (widget);
  g_autoptr (GPtrArray) rows = ca_fleet_list_get_selected (self->fleet_list);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->busy || rows->len == 0)
    return;
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Move %u Certificate to DNS Validation?",
                                          "Move %u Certificates to DNS Validation?", rows->len),
                             rows->len);
  body = describe_selection (rows);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move"),
                                    NULL);
  ca_accessible_name_buttons (dialog);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * Overrides
 */

static void
ca_fleet_page_shown (CaWizardPage *page)
{
  CaFleetPage *self = CA_FLEET_PAGE (page);

  if (self->scan == NULL && !self->busy)
    refresh (self);
}

static void
ca_fleet_page_dropped (CaWizardPage *page)
{
  CaFleetPage *self = CA_FLEET_PAGE (page);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
}

static void
ca_fleet_page_dispose (GObject *object)
{
  CaFleetPage *self = (CaFleetPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_pointer (&self->region_rows, g_ptr_array_unref);
  g_clear_object (&self->reveal);
  g_clear_pointer (&self->followed, g_ptr_array_unref);
  g_clear_object (&self->scan);

  G_OBJECT_CLASS (ca_fleet_page_parent_class)->dispose (object);
}

static gboolean
was_moved (CaSession    *session,
           CaFleetEntry *entry)
{
  GListModel *actions = ca_session_get_actions (session);
  const char *arn = ca_acm_certificate_get_arn (entry->certificate);

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr (CaSessionAction) action = g_list_model_get_item (actions, i);

      if (g_strcmp0 (ca_session_action_get_arn (action), arn) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Returns: (transfer full): what is left to do about @entry, naming it, as
 * the summary lists it among what is left */
static char *
describe_left (CaFleetEntry *entry,
               const char   *name,
               const char   *region)
{
  g_autofree char *date = entry->deadline != NULL ? ca_fleet_item_format_date (entry->deadline) : NULL;

  if (entry->action == CA_FLEET_ACTION_MIGRATE)
    /* Translators: %1$s is a domain, %2$s an AWS region's name, %3$s a date such as “30 September 2027” */
    return date != NULL ? g_strdup_printf (_("Move %1$s (%2$s) to DNS validation by %3$s"), name, region, date)
                        /* Translators: %1$s is a domain, %2$s an AWS region's name */
                        : g_strdup_printf (_("Move %1$s (%2$s) to DNS validation"), name, region);
  /* Translators: %1$s is a domain, %2$s an AWS region's name, %3$s a date such as “31 March 2027” */
  return date != NULL ? g_strdup_printf (_("Request a new certificate for %1$s (%2$s) validated by DNS by %3$s"), name, region, date)
                      /* Translators: %1$s is a domain, %2$s an AWS region's name */
                      : g_strdup_printf (_("Request a new certificate for %1$s (%2$s) validated by DNS"), name, region);
}

/* What the summary says the scan found: each certificate listed, with what to
 * do about it (a warning, left to do) unless its move started on this
 * journey, and whether some regions could not be asked. The soonest
 * deadlines come first; past SUMMARY_CERTIFICATES one line counts the rest,
 * so that a summary of a thousand certificates stays a page to read. */
static GPtrArray *
collect_found (CaFleetPage *self)
{
  CaSession *session = ca_wizard_page_get_session (CA_WIZARD_PAGE (self));
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *entries = ca_fleet_scan_get_entries (self->scan);
  guint listed = 0;
  guint more = 0;

  if (!ca_fleet_scan_is_complete (self->scan))
    g_ptr_array_add (found, ca_fact_new (CA_FACT_WARNING, _("This result is partial"),
                                         _("Some regions could not be scanned, so certificates may be missing.")));
  for (guint i = 0; i < entries->len; i++)
    {
      CaFleetEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr (CaFleetItem) item = NULL;
      g_autofree char *title = NULL;
      g_autofree char *left = NULL;
      const char *region = region_name (entry->region);

      if (!ca_fleet_entry_needs_listing (entry, FALSE) || entry->action == CA_FLEET_ACTION_NONE)
        continue;
      if (listed++ >= SUMMARY_CERTIFICATES)
        {
          more++;
          continue;
        }
      item = ca_fleet_item_new (self->scan, entry);
      /* Translators: %1$s is a domain, %2$s an AWS region's name */
      title = g_strdup_printf (_("%1$s in %2$s"), ca_fleet_item_get_title (item), region);
      if (entry->action == CA_FLEET_ACTION_IN_PROGRESS || was_moved (session, entry))
        {
          g_ptr_array_add (found, ca_fact_new (CA_FACT_NOTE, title, _("Being moved to DNS validation")));
          continue;
        }
      left = describe_left (entry, ca_fleet_item_get_title (item), region);
      g_ptr_array_add (found, ca_fact_new (CA_FACT_WARNING, title, left));
    }
  if (more > 0)
    {
      /* Translators: %u counts certificates */
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u more certificate, with later deadlines",
                                                             "%u more certificates, with later deadlines", more),
                                                more);

      g_ptr_array_add (found, ca_fact_new (CA_FACT_NOTE, title,
                                           _("The page “Before the Deadline” lists them all, as does certassist-cli scan.")));
    }
  return found;
}

static void
ca_fleet_page_next (CaWizardPage *page)
{
  CaFleetPage *self = CA_FLEET_PAGE (page);
  g_autoptr (GPtrArray) found = NULL;

  if (self->scan == NULL)
    return;
  found = collect_found (self);
  ca_wizard_page_push_page (page, CA_WIZARD_PAGE (ca_summary_page_new_with_found (found)));
}

static void
ca_fleet_page_class_init (CaFleetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaWizardPageClass *page_class = CA_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = ca_fleet_page_dispose;
  page_class->shown = ca_fleet_page_shown;
  page_class->dropped = ca_fleet_page_dropped;
  page_class->next = ca_fleet_page_next;

  g_type_ensure (CA_TYPE_FLEET_LIST);
  g_type_ensure (CA_TYPE_RECORD_TABLE);
  g_type_ensure (CA_TYPE_ROUTE53_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-fleet-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaFleetPage, progress_group);
  gtk_widget_class_bind_template_child (widget_class, CaFleetPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CaFleetPage, running_label);
  gtk_widget_class_bind_template_child (widget_class, CaFleetPage, status_group);
  gtk_widget_class_bind_template_child (widget_class, CaFleetPage, partial_row);
  gtk_widget_class_bind_template_child (widget_class, CaFleetPage, error_row);
  gtk_widget_class_bind_template_child (widget_class, CaFleetPage, list_group);
  gtk_widget_class_bind_template_child (widget_class, CaFleetPage, fleet_list);
  gtk_widget_class_bind_template_child (widget_class, CaFleetPage, move_button);
  gtk_widget_class_bind_template_child (widget_class, CaFleetPage, regions_group);
  gtk_widget_class_bind_template_child (widget_class, CaFleetPage, records_table);
  gtk_widget_class_bind_template_child (widget_class, CaFleetPage, route53_group);
  gtk_widget_class_install_action (widget_class, "fleet.move-selected", NULL, move_selected_action_cb);
  gtk_widget_class_install_action (widget_class, "fleet.refresh", NULL, refresh_action_cb);
}

static void
ca_fleet_page_init (CaFleetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->region_rows = g_ptr_array_new ();
  self->reveal = ca_reveal_queue_new (GTK_WIDGET (self));
  self->followed = g_ptr_array_new_with_free_func ((GDestroyNotify) followed_free);
  g_signal_connect_object (self->route53_group, "published", G_CALLBACK (on_route53_published_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fleet_list, "selection-changed", G_CALLBACK (update_move_button), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fleet_list, "item-activated", G_CALLBACK (on_item_activated_cb), self, G_CONNECT_SWAPPED);
  set_busy (self, FALSE);
}

/*
 * Public API
 */

CaFleetPage *
ca_fleet_page_new (void)
{
  return g_object_new (CA_TYPE_FLEET_PAGE, NULL);
}

/* While the regions are still being asked, or what they said is still going on screen. */
gboolean
ca_fleet_page_get_busy (CaFleetPage *self)
{
  g_return_val_if_fail (CA_IS_FLEET_PAGE (self), FALSE);
  return self->busy || ca_fleet_list_get_filling (self->fleet_list) || ca_reveal_queue_get_pending (self->reveal);
}
