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
#include "ca-fleet-page.h"
#include "ca-fleet-scan.h"
#include "ca-plain-row.h"
#include "ca-record-table.h"
#include "ca-route53-group.h"
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
  GtkListBox          *list_box;
  GtkButton           *move_button;
  AdwPreferencesGroup *regions_group;
  CaRecordTable       *records_table;
  CaRoute53Group      *route53_group;
  guint                route53_planned;  /* records the group's plan holds */

  GCancellable        *cancellable;
  CaFleetScan         *scan;
  GPtrArray           *region_rows;   /* rows of regions_group, to remove on a new scan */
  GPtrArray           *followed;      /* Followed, each move started here */
  guint                progress_source;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (CaFleetPage, ca_fleet_page, CA_TYPE_WIZARD_PAGE)

#define ENTRY_KEY "ca-fleet-entry"
#define CHECK_KEY "ca-fleet-check"

/* Often enough for the bar to move as regions answer; the scan has no signal. */
#define PROGRESS_INTERVAL_MS 150

/* One move of the bulk: the gate of the region's rate quota, then the call. */
typedef struct
{
  CaFleetPage  *page;        /* alive while cancellable is not cancelled */
  GCancellable *cancellable;
  GtkWidget    *row;
  CaFleetEntry *entry;       /* owned by the scan, which the page keeps */
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
format_date (GDateTime *date)
{
  /* Translators: a deadline's date, as in “30 September 2027” (strftime format) */
  return g_date_time_format (date, _("%-d %B %Y"));
}

/* Returns: (nullable): what to do about the certificate, in words */
static char *
describe_action (CaFleetEntry *entry)
{
  g_autofree char *date = entry->deadline != NULL ? format_date (entry->deadline) : NULL;

  switch (entry->action)
    {
    case CA_FLEET_ACTION_MIGRATE:
      /* Translators: %s is a date, such as “30 September 2027” */
      return date != NULL ? g_strdup_printf (_("Move to DNS validation by %s"), date) : g_strdup (_("Move to DNS validation"));
    case CA_FLEET_ACTION_REQUEST_DNS:
      /* Translators: %s is a date, such as “31 March 2027” */
      return date != NULL ? g_strdup_printf (_("Request a new certificate validated by DNS by %s"), date)
                          : g_strdup (_("Request a new certificate validated by DNS"));
    case CA_FLEET_ACTION_IN_PROGRESS:
      return g_strdup (_("Being moved"));
    case CA_FLEET_ACTION_NONE:
    default:
      return NULL;
    }
}

static char *
describe_entry (CaFleetEntry *entry)
{
  g_autofree char *action = describe_action (entry);

  if (action == NULL)
    return g_strdup (region_name (entry->region));
  /* Translators: a region's name, then what to do about the certificate */
  return g_strdup_printf (_("%s\n%s"), region_name (entry->region), action);
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

static guint
count_selected (CaFleetPage *self)
{
  guint count = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (child), CHECK_KEY);

      if (check != NULL && gtk_widget_get_sensitive (GTK_WIDGET (check)) && gtk_check_button_get_active (check))
        count++;
    }
  return count;
}

static void
update_move_button (CaFleetPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "fleet.move-selected", !self->busy && count_selected (self) > 0);
}

static GtkWidget *
create_row (CaFleetPage  *self,
            CaFleetEntry *entry)
{
  g_autofree char *title = ca_domain_to_display (ca_acm_certificate_get_domain (entry->certificate));
  g_autofree char *subtitle = describe_entry (entry);
  g_autofree char *label = NULL;
  GtkWidget *row = ca_plain_row_new (title, subtitle, NULL);
  GtkWidget *check;

  g_object_set_data (G_OBJECT (row), ENTRY_KEY, entry);
  if (entry->action != CA_FLEET_ACTION_MIGRATE)
    return row;
  check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  /* Translators: %s is a domain name */
  label = g_strdup_printf (_("Select %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (update_move_button), self, G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), CHECK_KEY, check);
  return row;
}

static void
clear_rows (CaFleetPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (self->list_box, child);
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

      if (!ca_fleet_entry_needs_listing (entry, FALSE))
        continue;
      gtk_list_box_append (self->list_box, create_row (self, entry));
      movable |= entry->action == CA_FLEET_ACTION_MIGRATE;
    }
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
  g_object_unref (move->row);
  g_free (move);
}

/* A moving certificate opens its records and progress, as after a single move. */
static void
on_moving_row_activated_cb (CaFleetPage  *self,
                            AdwActionRow *row)
{
  CaFleetEntry *entry = g_object_get_data (G_OBJECT (row), ENTRY_KEY);
  CaSession *session = ca_wizard_page_get_session (CA_WIZARD_PAGE (self));
  CaCertificateWatch *watch = ca_session_find_watch (session, ca_acm_certificate_get_arn (entry->certificate));

  if (watch != NULL)
    ca_wizard_page_push_page (CA_WIZARD_PAGE (self), CA_WIZARD_PAGE (ca_watch_page_new (watch, NULL)));
}

static void
make_row_open_watch (Move *move)
{
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  /* Started: nothing left to select. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (move->row), NULL);
  adw_action_row_remove (ADW_ACTION_ROW (move->row), g_object_get_data (G_OBJECT (move->row), CHECK_KEY));
  g_object_set_data (G_OBJECT (move->row), CHECK_KEY, NULL);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (move->row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (move->row), arrow);
  g_signal_connect_object (move->row, "activated", G_CALLBACK (on_moving_row_activated_cb), move->page,
                           G_CONNECT_SWAPPED);
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
  g_autofree char *subtitle = NULL;

  ca_acm_client_migrate_to_dns_finish (CA_ACM_CLIENT (object), result, &error);
  if (g_cancellable_is_cancelled (move->cancellable))
    {
      move_free (move);
      return;
    }
  if (error == NULL)
    {
      follow_move (move);
      make_row_open_watch (move);
      /* Translators: a region's name, then the state of the move */
      subtitle = g_strdup_printf (_("%s\n%s"), region_name (move->entry->region), _("Being moved"));
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (g_object_get_data (G_OBJECT (move->row), CHECK_KEY)), TRUE);
      /* Translators: a region's name, then why the move did not start, in words */
      subtitle = g_strdup_printf (_("%s\nThe move did not start: %s"), region_name (move->entry->region), error->message);
    }
  ca_plain_row_set_subtitle (ADW_ACTION_ROW (move->row), subtitle);
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
            GtkWidget   *row)
{
  Move *move = g_new0 (Move, 1);
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), CHECK_KEY);

  move->page = self;
  move->cancellable = g_object_ref (self->cancellable);
  move->row = g_object_ref (row);
  move->entry = g_object_get_data (G_OBJECT (row), ENTRY_KEY);
  gtk_check_button_set_active (check, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (check), FALSE);
  ca_fleet_scan_limit_call (self->scan, move->entry->region, "UpdateCertificateOptions", self->cancellable,
                            gate_cb, move);
}

static GPtrArray *
get_selected_rows (CaFleetPage *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (child), CHECK_KEY);

      if (check != NULL && gtk_widget_get_sensitive (GTK_WIDGET (check)) && gtk_check_button_get_active (check))
        g_ptr_array_add (rows, child);
    }
  return rows;
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CaFleetPage      *self)
{
  g_autoptr (GPtrArray) rows = NULL;

  if (g_strcmp0 (response, "move") != 0 || self->busy || self->scan == NULL)
    return;
  rows = get_selected_rows (self);
  for (guint i = 0; i < rows->len; i++)
    start_move (self, g_ptr_array_index (rows, i));
  update_move_button (self);
}

static char *
describe_selection (GPtrArray *rows)
{
  g_autoptr (GString) names = g_string_new (NULL);
  guint count = rows->len;

  for (guint i = 0; i < count; i++)
    {
      CaFleetEntry *entry = g_object_get_data (G_OBJECT (g_ptr_array_index (rows, i)), ENTRY_KEY);
      g_autofree char *name = ca_domain_to_display (ca_acm_certificate_get_domain (entry->certificate));

      /* Translators: one line of the list of certificates to move: a name and its region */
      g_string_append_printf (names, _("• %s (%s)\n"), name, region_name (entry->region));
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
  g_autoptr (GPtrArray) rows = get_selected_rows (self);
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
  g_clear_pointer (&self->followed, g_ptr_array_unref);
  g_clear_object (&self->scan);

  G_OBJECT_CLASS (ca_fleet_page_parent_class)->dispose (object);
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
  gtk_widget_class_bind_template_child (widget_class, CaFleetPage, list_box);
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
  self->followed = g_ptr_array_new_with_free_func ((GDestroyNotify) followed_free);
  g_signal_connect_object (self->route53_group, "published", G_CALLBACK (on_route53_published_cb), self, G_CONNECT_SWAPPED);
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

/* While the regions are still being asked. */
gboolean
ca_fleet_page_get_busy (CaFleetPage *self)
{
  g_return_val_if_fail (CA_IS_FLEET_PAGE (self), FALSE);
  return self->busy;
}
