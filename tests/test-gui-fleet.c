/* test-gui-fleet.c: the page "Your certificates before the deadline" in a real
 * window, from the welcome page through the account step, against the fake
 * ACM (a process of its own) seeded with tests/data/fake-acm-fleet.json
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The seed: certificates in us-east-1, eu-west-2 and ca-central-1;
 * af-south-1 not enabled, eu-west-1 denying access, ap-south-1
 * answering garbage, ap-northeast-1 throttling every call and sa-east-1
 * never answering (only in the test of timeouts: the others would wait for it).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <time.h>

#include "ca-acm-domain-validation.h"
#include "ca-acm-record.h"
#include "ca-application.h"
#include "ca-aws-regions.h"
#include "ca-fake-acm.h"
#include "ca-fleet-item.h"
#include "ca-fleet-page.h"
#include "ca-record-table.h"
#include "ca-summary-page.h"
#include "ca-test-fake-acm.h"
#include "ca-test-gui.h"
#include "ca-test-probe.h"
#include "ca-test-notifications.h"
#include "ca-watch-page.h"
#include "ca-window.h"

/* A guard against a hang, not a timing assertion. */
#define WAIT_LIMIT_S 90
/* The fixture data of the test in which sa-east-1 never answers. */
#define WITH_HANGING_REGION GINT_TO_POINTER (1)
/* The fixture data of the test whose window belongs to the application. */
#define WITH_APPLICATION GINT_TO_POINTER (2)
/* The fixture data of the test of a large fleet: every region the account has
 * without opting in holds MANY_PER_REGION certificates to move. */
#define WITH_MANY GINT_TO_POINTER (3)
#define MANY_PER_REGION 60

typedef struct
{
  char        *dir;
  char        *url;
  GSubprocess   *process;
  CaApplication *app;      /* only WITH_APPLICATION */
  CaSession     *session;
  CaWindow      *window;
} Fixture;

/* The fleet seed, with every other region of the partition answering with no
 * certificate, as real ACM does: the page asks them all, while the fake
 * refuses a region its seed does not name. us-west-2 too: refusing there
 * means bad credentials (test-cli-fleet.c checks that), not this account. */
static char *
write_seed (Fixture  *fixture,
            gboolean  hanging_region)
{
  g_autofree char *fleet = g_test_build_filename (G_TEST_DIST, "data", "fake-acm-fleet.json", NULL);
  g_autofree char *seed = g_build_filename (fixture->dir, "seed.json", NULL);
  const char * const *regions = ca_aws_regions_list ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *stores;

  json_parser_load_from_file (parser, fleet, &error);
  g_assert_no_error (error);
  stores = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "regions");
  if (!hanging_region)
    json_object_remove_member (stores, "sa-east-1");
  for (guint i = 0; regions[i] != NULL; i++)
    if ((!json_object_has_member (stores, regions[i]) || g_str_equal (regions[i], "us-west-2")) &&
        !g_str_equal (regions[i], "us-east-1"))
      {
        JsonObject *empty = json_object_new ();

        json_object_set_array_member (empty, "certificates", json_array_new ());
        json_object_set_object_member (stores, regions[i], empty);
      }
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, seed, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&seed);
}

/* One certificate issued by email, each of a region expiring on another day. */
static JsonObject *
many_certificate (const char *region,
                  guint       region_index,
                  guint       n)
{
  JsonObject *certificate = json_object_new ();
  g_autofree char *arn = g_strdup_printf ("arn:aws:acm:%s:123456789012:certificate/f1ee7000-%04u-4000-8000-%012u",
                                          region, n, region_index);
  g_autofree char *name = g_strdup_printf ("host%u.%s.fleet.example.com", n, region);

  json_object_set_string_member (certificate, "CertificateArn", arn);
  json_object_set_string_member (certificate, "DomainName", name);
  json_object_set_string_member (certificate, "Status", "ISSUED");
  json_object_set_string_member (certificate, "ValidationMethod", "EMAIL");
  json_object_set_int_member (certificate, "CreatedHoursAgo", 1000);
  json_object_set_int_member (certificate, "NotAfterDaysAhead", 20 + (n * 7 + region_index) % 300);
  return certificate;
}

/* The large fleet: MANY_PER_REGION certificates in each region every account
 * has, none in the opt-in ones (which answer as not enabled). */
static char *
write_many_seed (Fixture *fixture)
{
  g_autofree char *seed = g_build_filename (fixture->dir, "seed.json", NULL);
  const char * const *regions = ca_aws_regions_list ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (GError) error = NULL;
  JsonObject *top = json_object_new ();
  JsonObject *stores = json_object_new ();

  json_node_take_object (root, top);
  json_object_set_int_member (top, "record_delay_ms", 0);
  for (guint i = 0; regions[i] != NULL; i++)
    {
      JsonObject *store = json_object_new ();
      JsonArray *certificates = json_array_new ();

      for (guint n = 0; !ca_aws_region_is_opt_in (regions[i]) && n < MANY_PER_REGION; n++)
        json_array_add_object_element (certificates, many_certificate (regions[i], i, n));
      if (ca_aws_region_is_opt_in (regions[i]))
        json_object_set_string_member (store, "state", "not_enabled");
      if (g_str_equal (regions[i], "us-east-1"))
        {
          json_object_set_array_member (top, "certificates", certificates);
          json_object_unref (store);
          continue;
        }
      json_object_set_array_member (store, "certificates", certificates);
      json_object_set_object_member (stores, regions[i], store);
    }
  json_object_set_object_member (top, "regions", stores);
  json_generator_set_root (generator, root);
  json_generator_to_file (generator, seed, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&seed);
}

static guint
count_many (void)
{
  const char * const *regions = ca_aws_regions_list ();
  guint count = 0;

  for (guint i = 0; regions[i] != NULL; i++)
    count += ca_aws_region_is_opt_in (regions[i]) ? 0 : MANY_PER_REGION;
  return count;
}

static void
start_fake_acm (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *seed = data == WITH_MANY ? write_many_seed (fixture)
                                            : write_seed (fixture, data == WITH_HANGING_REGION);

  fixture->process = ca_test_fake_acm_spawn (seed, &fixture->url, NULL);
  g_unlink (seed);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("certassist-gui-fleet-XXXXXX", NULL);
  start_fake_acm (fixture, data);
  ca_test_fake_acm_use_environment_keys (fixture->url);
  if (data == WITH_APPLICATION)
    {
      g_autoptr (GError) error = NULL;

      fixture->app = ca_application_new ();
      /* Its own name on the bus: the app itself may run beside this test. */
      g_application_set_application_id (G_APPLICATION (fixture->app), "io.github.certassist.CertAssist.TestGuiFleet");
      g_assert_true (g_application_register (G_APPLICATION (fixture->app), NULL, &error));
      g_assert_no_error (error);
      fixture->session = g_object_ref (ca_application_get_session (fixture->app));
    }
  else
    fixture->session = ca_session_new ();
  ca_session_set_aws_region (fixture->session, "us-east-1");
  /* The region that never answers fails after this; the others answer
   * within it, the fake's first answer (its signature checker starting) too. */
  if (data == WITH_HANGING_REGION)
    ca_session_set_timeout (fixture->session, 4);
  if (fixture->app != NULL)
    {
      fixture->window = ca_window_new (GTK_APPLICATION (fixture->app), fixture->session);
      gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 1000);
      gtk_window_present (GTK_WINDOW (fixture->window));
      ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
    }
  else
    fixture->window = ca_test_gui_open_window_for (fixture->session, 800, 1000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *watches = ca_session_get_watches (fixture->session);

  for (guint i = 0; i < g_list_model_get_n_items (watches); i++)
    {
      g_autoptr (CaCertificateWatch) watch = g_list_model_get_item (watches, i);

      ca_certificate_watch_stop (watch);
    }
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->app);
  ca_test_fake_acm_terminate (fixture->process);
  g_clear_object (&fixture->process);
  g_clear_pointer (&fixture->url, g_free);
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gint64
count_calls (Fixture    *fixture,
             const char *operation)
{
  return ca_test_fake_acm_count_calls (fixture->url, operation);
}

static CaWizardPage *
visible_page (Fixture *fixture)
{
  return ca_window_get_visible_page (fixture->window);
}

static gboolean
fleet_page_done (gpointer data)
{
  CaWizardPage *page = visible_page (data);

  return CA_IS_FLEET_PAGE (page) && !ca_fleet_page_get_busy (CA_FLEET_PAGE (page));
}

static gboolean
is_label_starting (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static gboolean
is_progress_bar (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_PROGRESS_BAR (widget);
}

static gboolean
is_mapped_button_for (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

/* Before the main loop runs again no region can have answered: the bar is
 * empty and every region is named as still running. */
static void
assert_progress (Fixture *fixture)
{
  CaWizardPage *page = visible_page (fixture);
  GtkWidget *bar;
  GtkWidget *label;

  g_assert_true (CA_IS_FLEET_PAGE (page));
  g_assert_true (ca_fleet_page_get_busy (CA_FLEET_PAGE (page)));
  bar = ca_test_gui_find_widget (GTK_WIDGET (page), is_progress_bar, NULL);
  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_is_visible (bar));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), ==, 0.0);
  label = ca_test_gui_find_widget (GTK_WIDGET (page), is_label_starting, "Still waiting for ");
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Europe (London)"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Asia Pacific (Tokyo)"));
}

/* Welcome → "Which of my certificates…" → the account step → Next → every region answered. */
static CaWizardPage *
open_fleet_page (Fixture *fixture)
{
  GtkWidget *row = ca_test_gui_find_widget (GTK_WIDGET (fixture->window), ca_test_gui_is_mapped_row_titled,
                                            "Which of my certificates must move before the deadline?");
  CaWizardPage *account;

  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  account = visible_page (fixture);
  g_assert_false (CA_IS_FLEET_PAGE (account));
  /* Every region is asked: there is none to choose. */
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (account), ca_test_gui_is_mapped_row_titled, "Region"));
  g_assert_true (ca_wizard_page_get_can_next (account));
  ca_wizard_page_next (account);
  assert_progress (fixture);
  ca_test_gui_wait_until (fleet_page_done, fixture);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  return visible_page (fixture);
}

/* “30 September 2027”, as the page writes dates in English. */
static char *
days_ahead (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%-d %B %Y");
}

/* The list is a grid view of one column (ca-fleet-list.c says why). */
static gboolean
is_list_view (GtkWidget *widget,
              gpointer   data)
{
  return GTK_IS_GRID_VIEW (widget);
}

static GtkWidget *
find_list_view (CaWizardPage *page)
{
  GtkWidget *list = ca_test_gui_find_widget (GTK_WIDGET (page), is_list_view, NULL);

  g_assert_nonnull (list);
  return list;
}

/* The first two labels of a row, in the order the user reads them. */
static void
collect_labels (GtkWidget *widget,
                GtkLabel **labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && labels[1] == NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        labels[labels[0] == NULL ? 0 : 1] = GTK_LABEL (child);
      else
        collect_labels (child, labels);
    }
}

/* A row of the list the user can see: the child of one of the view's cells,
 * whose first label (its title) is @data. */
static gboolean
is_mapped_entry_titled (GtkWidget *widget,
                        gpointer   data)
{
  GtkWidget *cell = gtk_widget_get_parent (widget);
  GtkLabel *labels[2] = { NULL, NULL };

  if (cell == NULL || !GTK_IS_GRID_VIEW (gtk_widget_get_parent (cell)) || !gtk_widget_get_mapped (widget))
    return FALSE;
  collect_labels (widget, labels);
  return labels[0] != NULL && g_strcmp0 (gtk_label_get_text (labels[0]), data) == 0;
}

static guint find_entry_position (CaWizardPage *page,
                                  const char   *name);

/* The row of @name, scrolled into view as the user would. */
static GtkWidget *
find_entry_row (CaWizardPage *page,
                const char   *name)
{
  guint position = find_entry_position (page, name);
  GtkWidget *row;

  if (position == G_MAXUINT)
    g_error ("“%s” is not listed", name);
  g_assert_true (gtk_widget_activate_action (find_list_view (page), "list.scroll-to-item", "u", position));
  ca_test_gui_wait_for_paint (GTK_WIDGET (page));
  row = ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_entry_titled, (gpointer) name);
  if (row == NULL)
    g_error ("no row “%s” in the list", name);
  return row;
}

static guint
count_entry_rows (GtkWidget  *widget,
                  const char *name)
{
  guint count = is_mapped_entry_titled (widget, (gpointer) name) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    count += count_entry_rows (child, name);
  return count;
}

/* The row of @name shows its region, then what to do (or how the move goes). */
static void
assert_entry (CaWizardPage *page,
              const char   *name,
              const char   *region,
              const char   *action)
{
  GtkLabel *labels[2] = { NULL, NULL };
  g_autofree char *subtitle = NULL;

  if (action != NULL)
    subtitle = g_strdup_printf ("%s\n%s", ca_aws_region_get_name (region), action);
  else
    subtitle = g_strdup (ca_aws_region_get_name (region));
  collect_labels (find_entry_row (page, name), labels);
  g_assert_nonnull (labels[1]);
  g_assert_cmpstr (gtk_label_get_text (labels[1]), ==, subtitle);
}

/* The position of @name in the list's model, G_MAXUINT when it is not listed. */
static guint
find_entry_position (CaWizardPage *page,
                     const char   *name)
{
  GListModel *model = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (find_list_view (page))));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (CaFleetItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (ca_fleet_item_get_title (item), name) == 0)
        return i;
    }
  return G_MAXUINT;
}

static void
assert_region (CaWizardPage *page,
               const char   *region,
               const char   *state)
{
  ca_test_gui_assert_row (GTK_WIDGET (page), ca_aws_region_get_name (region), state, NULL);
}

static gboolean
is_mapped_label (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static guint
count_rows_titled (GtkWidget  *widget,
                   const char *title)
{
  guint count = ca_test_gui_is_mapped_row_titled (widget, (gpointer) title) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    count += count_rows_titled (child, title);
  return count;
}

/* Each certificate with what to do in words and by when, the regions that
 * could not be asked in words, and the result labelled partial. */
static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  CaWizardPage *page = open_fleet_page (fixture);
  g_autofree char *in_30_days = days_ahead (30);
  g_autofree char *in_200_days = days_ahead (200);
  g_autofree char *by_expiry = g_strdup_printf ("Move to DNS validation by %s", in_30_days);
  g_autofree char *by_shop_expiry = g_strdup_printf ("Move to DNS validation by %s", in_200_days);

  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "fleet-list.png");
  assert_entry (page, "fleet.example.com", "us-east-1", by_expiry);
  assert_entry (page, "shop.fleet.example.com", "eu-west-2", by_shop_expiry);
  assert_entry (page, "eu.fleet.example.com", "eu-west-2", "Move to DNS validation by 30 September 2027");
  assert_entry (page, "pending.fleet.example.com", "us-east-1", "Request a new certificate validated by DNS by 31 March 2027");
  assert_entry (page, "late.fleet.example.com", "eu-west-2", "Request a new certificate validated by DNS by 31 March 2027");
  assert_entry (page, "old.fleet.example.com", "us-east-1", NULL);
  /* Soonest deadline first. */
  g_assert_cmpuint (find_entry_position (page, "fleet.example.com"), <, find_entry_position (page, "pending.fleet.example.com"));
  g_assert_cmpuint (find_entry_position (page, "pending.fleet.example.com"), <, find_entry_position (page, "shop.fleet.example.com"));
  g_assert_cmpuint (find_entry_position (page, "shop.fleet.example.com"), <, find_entry_position (page, "eu.fleet.example.com"));
  /* Only email-validated certificates are listed. */
  g_assert_cmpuint (find_entry_position (page, "dns.fleet.example.com"), ==, G_MAXUINT);
  g_assert_cmpuint (find_entry_position (page, "imported.fleet.example.com"), ==, G_MAXUINT);

  assert_region (page, "af-south-1", "Not enabled for this account");
  assert_region (page, "eu-west-1", "These credentials may not list its certificates");
  assert_region (page, "ap-south-1", "Could not be scanned");
  assert_region (page, "ap-northeast-1", "Could not be scanned");
  ca_test_gui_assert_row (GTK_WIDGET (page), "This result is partial", "Some regions could not be scanned", NULL);
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_label,
                                          "Nothing to move: no certificate validated by email"));

  /* Try Again asks every region afresh and shows each row once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "fleet.refresh", NULL));
  g_assert_true (ca_fleet_page_get_busy (CA_FLEET_PAGE (page)));
  ca_test_gui_wait_until (fleet_page_done, fixture);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  assert_entry (page, "fleet.example.com", "us-east-1", by_expiry);
  g_assert_cmpuint (count_entry_rows (GTK_WIDGET (page), "fleet.example.com"), ==, 1);
  g_assert_cmpuint (count_rows_titled (GTK_WIDGET (page), ca_aws_region_get_name ("af-south-1")), ==, 1);
}

static gboolean
is_mapped_check (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_mapped (widget);
}

/* The check box of @name's row, if it has one the user can see. */
static GtkWidget *
find_check_for (CaWizardPage *page,
                const char   *name)
{
  return ca_test_gui_find_widget (find_entry_row (page, name), is_mapped_check, NULL);
}

static void
select_certificate (CaWizardPage *page,
                    const char   *name)
{
  GtkWidget *check = find_check_for (page, name);

  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
}

/* What Enter (or a click) on the row does. */
static void
activate_entry (CaWizardPage *page,
                const char   *name)
{
  guint position = find_entry_position (page, name);

  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_signal_emit_by_name (find_list_view (page), "activate", position);
}

static gboolean
is_mapped_button (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return GTK_WINDOW (toplevel);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
has_watches (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (ca_session_get_watches (fixture->session)) == 2;
}

static gboolean
watch_page_shown (gpointer data)
{
  return CA_IS_WATCH_PAGE (visible_page (data));
}

/* Two selected, one confirmation naming both, exactly two moves at ACM, each followed. */
static void
test_move_selected (Fixture       *fixture,
                    gconstpointer  data)
{
  CaWizardPage *page = open_fleet_page (fixture);
  AdwMessageDialog *dialog;

  GtkWidget *button = ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button, "_Move Selected…");

  /* Nothing selected: nothing to move. */
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));
  select_certificate (page, "fleet.example.com");
  /* Enter on a row ticks its box, and again unticks it. */
  activate_entry (page, "shop.fleet.example.com");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check_for (page, "shop.fleet.example.com"))));
  activate_entry (page, "eu.fleet.example.com");
  activate_entry (page, "eu.fleet.example.com");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check_for (page, "eu.fleet.example.com"))));
  /* Only those ACM can move in place have a checkbox; Enter leaves the others alone. */
  g_assert_null (find_check_for (page, "pending.fleet.example.com"));
  activate_entry (page, "pending.fleet.example.com");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  ca_test_gui_wait_until (has_message_dialog, NULL);
  dialog = ADW_MESSAGE_DIALOG (find_message_dialog ());
  ca_test_gui_save_screenshot (GTK_WIDGET (dialog), "fleet-confirm.png");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Move 2 Certificates to DNS Validation?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "fleet.example.com"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "shop.fleet.example.com"));
  g_assert_cmpint (count_calls (fixture, "UpdateCertificateOptions"), ==, 0);
  adw_message_dialog_response (dialog, "move");
  gtk_window_destroy (GTK_WINDOW (dialog));

  ca_test_gui_wait_until (has_watches, fixture);
  g_assert_cmpint (count_calls (fixture, "UpdateCertificateOptions"), ==, 2);
  g_assert_nonnull (ca_session_find_watch (fixture->session,
                                           "arn:aws:acm:us-east-1:123456789012:certificate/f1ee7000-0001-4000-8000-000000000001"));
  g_assert_nonnull (ca_session_find_watch (fixture->session,
                                           "arn:aws:acm:eu-west-2:123456789012:certificate/f1ee7000-0011-4000-8000-000000000011"));
  assert_entry (page, "fleet.example.com", "us-east-1", "Being moved");
  assert_entry (page, "shop.fleet.example.com", "eu-west-2", "Being moved");
  /* Scrolled down to them, the card keeps its height: at least a row's
   * least height for each of the eight certificates, up to ten. */
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  g_assert_cmpint (gtk_widget_get_height (gtk_widget_get_parent (find_list_view (page))), >=, 8 * 50);
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "fleet-moving.png");

  /* Nothing left to select on a moving certificate: it opens its records, as after a single move. */
  g_assert_null (find_check_for (page, "shop.fleet.example.com"));
  activate_entry (page, "shop.fleet.example.com");
  ca_test_gui_wait_until (watch_page_shown, fixture);
}

static gboolean
has_one_watch (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (ca_session_get_watches (fixture->session)) == 1;
}

/* The fleet journey ends on a summary: each certificate with what is left to
 * do about it, naming it, except the one whose move started, which is what
 * was done; the partial scan is said; the export carries them. */
static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  CaWizardPage *page = open_fleet_page (fixture);
  GtkWidget *button = ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button, "_Move Selected…");
  g_autofree char *in_200_days = days_ahead (200);
  g_autofree char *shop_left = g_strdup_printf ("Move shop.fleet.example.com (%s) to DNS validation by %s",
                                                ca_aws_region_get_name ("eu-west-2"), in_200_days);
  g_autofree char *shop_title = g_strdup_printf ("shop.fleet.example.com in %s", ca_aws_region_get_name ("eu-west-2"));
  g_autofree char *moved_title = g_strdup_printf ("fleet.example.com in %s", ca_aws_region_get_name ("us-east-1"));
  g_autofree char *pending_left = g_strdup_printf ("Request a new certificate for pending.fleet.example.com (%s) "
                                                   "validated by DNS by 31 March 2027", ca_aws_region_get_name ("us-east-1"));
  g_autofree char *markdown = NULL;
  AdwMessageDialog *dialog;
  CaWizardPage *summary;

  g_assert_true (ca_wizard_page_get_can_next (page));
  select_certificate (page, "fleet.example.com");
  g_signal_emit_by_name (button, "clicked");
  ca_test_gui_wait_until (has_message_dialog, NULL);
  dialog = ADW_MESSAGE_DIALOG (find_message_dialog ());
  adw_message_dialog_response (dialog, "move");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ca_test_gui_wait_until (has_one_watch, fixture);

  ca_wizard_page_next (page);
  summary = visible_page (fixture);
  g_assert_true (CA_IS_SUMMARY_PAGE (summary));
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_assert_row (GTK_WIDGET (summary), "This result is partial", "Some regions could not be scanned", "warning");
  ca_test_gui_assert_row (GTK_WIDGET (summary), shop_title, shop_left, "warning");
  ca_test_gui_assert_row (GTK_WIDGET (summary), moved_title, "Being moved to DNS validation", "dim-label");
  /* Left: each named, soonest first; the moved one is not left. */
  ca_test_gui_assert_row (GTK_WIDGET (summary), pending_left, "", "warning");
  ca_test_gui_assert_rows_in_order (GTK_WIDGET (summary), pending_left, shop_left, NULL);
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (summary), ca_test_gui_is_mapped_row_titled,
                                          "Nothing was changed in AWS"));
  markdown = ca_summary_page_get_report (CA_SUMMARY_PAGE (summary), CA_SUMMARY_FORMAT_MARKDOWN);
  g_assert_nonnull (strstr (markdown, shop_left));
  g_assert_null (strstr (markdown, "- Move fleet.example.com"));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "fleet-summary.png");
}

/* A region that never answers is named with its reason in words once the
 * timeout ends it; the other regions' certificates are listed, and the
 * result is labelled partial. */
static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  CaWizardPage *page = open_fleet_page (fixture);
  g_autofree char *in_30_days = days_ahead (30);
  g_autofree char *by_expiry = g_strdup_printf ("Move to DNS validation by %s", in_30_days);

  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "fleet-timeout.png");
  assert_region (page, "sa-east-1", "Could not be scanned: AWS did not answer");
  assert_entry (page, "fleet.example.com", "us-east-1", by_expiry);
  assert_entry (page, "eu.fleet.example.com", "eu-west-2", "Move to DNS validation by 30 September 2027");
  ca_test_gui_assert_row (GTK_WIDGET (page), "This result is partial", "Some regions could not be scanned", NULL);
}

static gboolean
is_record_table (GtkWidget *widget,
                 gpointer   data)
{
  return CA_IS_RECORD_TABLE (widget);
}

typedef struct
{
  GtkWidget *table;
  guint      count;
} TableWait;

static gboolean
table_has_records (gpointer data)
{
  TableWait *wait = data;

  return gtk_widget_get_mapped (wait->table) &&
         ca_record_table_get_n_records (CA_RECORD_TABLE (wait->table)) == wait->count;
}

static gboolean
is_mapped_row_with_subtitle (GtkWidget *widget,
                             gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), data) == 0;
}

static guint
count_rows_with_subtitle (GtkWidget  *widget,
                          const char *subtitle)
{
  guint count = is_mapped_row_with_subtitle (widget, (gpointer) subtitle) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    count += count_rows_with_subtitle (child, subtitle);
  return count;
}

static gboolean
is_copy_button_for (GtkWidget *widget,
                    gpointer   data)
{
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) || !gtk_widget_get_mapped (widget) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "records.copy") != 0)
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), data) == 0;
}

/* The app owns the clipboard: its content is here, no X round trip (whose
 * deserializer GTK 4.8 leaks under ASan). */
static char *
read_clipboard (GtkWidget *widget)
{
  g_auto (GValue) text = G_VALUE_INIT;
  GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));

  g_assert_nonnull (content);
  g_value_init (&text, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &text, NULL));
  return g_value_dup_string (&text);
}

static guint
count_substring (const char *text,
                 const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* Every record name of the zone file (its lines that are not comments). */
static GPtrArray *
record_names_of (const char *zone)
{
  g_auto (GStrv) lines = g_strsplit (zone, "\n", -1);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && lines[i][0] != ';')
      g_ptr_array_add (names, g_strndup (lines[i], strcspn (lines[i], " ")));
  return names;
}

/* "Create in Route 53" under the fleet's records: all moves' records in one
 * batch for the hosted zone that holds them, each record once, after one
 * confirmation; then the moves ask ACM at once. */
static void
test_route53 (Fixture       *fixture,
              gconstpointer  data)
{
  CaWizardPage *page = open_fleet_page (fixture);
  GtkWidget *button = ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button, "_Move Selected…");
  TableWait wait = { NULL, 4 };
  g_autoptr (JsonObject) stats = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *create;
  JsonArray *zone;

  wait.table = ca_test_gui_find_widget (GTK_WIDGET (page), is_record_table, NULL);
  select_certificate (page, "fleet.example.com");
  select_certificate (page, "shop.fleet.example.com");
  select_certificate (page, "eu.fleet.example.com");
  g_signal_emit_by_name (button, "clicked");
  ca_test_gui_wait_until (has_message_dialog, NULL);
  dialog = ADW_MESSAGE_DIALOG (find_message_dialog ());
  adw_message_dialog_response (dialog, "move");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ca_test_gui_wait_until (table_has_records, &wait);

  create = ca_test_gui_wait_for_widget (GTK_WIDGET (page), is_mapped_button_for, (gpointer) "route53.create");
  g_assert_cmpint (count_calls (fixture, "ChangeResourceRecordSets"), ==, 0);
  g_signal_emit_by_name (create, "clicked");
  ca_test_gui_wait_until (has_message_dialog, NULL);
  dialog = ADW_MESSAGE_DIALOG (find_message_dialog ());
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Create the Records in Route 53?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "in the hosted zone fleet.example.com"));
  adw_message_dialog_response (dialog, "create");
  gtk_window_destroy (GTK_WINDOW (dialog));

  ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled, "The records are in Route 53");
  g_assert_cmpint (count_calls (fixture, "ChangeResourceRecordSets"), ==, 1);
  stats = ca_test_fake_acm_get_stats (fixture->url);
  zone = json_object_get_array_member (json_object_get_object_member (stats, "route53_records"), "Z0FLEETEXAMPLE");
  /* fleet.example.com and its wildcard share one record. */
  g_assert_cmpuint (json_array_get_length (zone), ==, 4);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "fleet-route53.png");
}

/* Three selected and moved: exactly three changes at ACM, then the records
 * of all three in one table, each record once (fleet.example.com and its
 * wildcard share one), with the certificate and region each serves; a value's
 * copy button copies it, and the whole table copies as a zone file. */
static void
test_records (Fixture       *fixture,
              gconstpointer  data)
{
  CaWizardPage *page = open_fleet_page (fixture);
  GtkWidget *button = ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button, "_Move Selected…");
  TableWait wait = { NULL, 4 };
  g_autofree char *zone = NULL;
  g_autofree char *copied = NULL;
  g_autoptr (GPtrArray) names = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *copy, *copy_all;

  wait.table = ca_test_gui_find_widget (GTK_WIDGET (page), is_record_table, NULL);
  g_assert_nonnull (wait.table);
  g_assert_false (gtk_widget_get_visible (wait.table));
  select_certificate (page, "fleet.example.com");
  select_certificate (page, "shop.fleet.example.com");
  select_certificate (page, "eu.fleet.example.com");
  g_signal_emit_by_name (button, "clicked");
  ca_test_gui_wait_until (has_message_dialog, NULL);
  dialog = ADW_MESSAGE_DIALOG (find_message_dialog ());
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Move 3 Certificates to DNS Validation?");
  adw_message_dialog_response (dialog, "move");
  gtk_window_destroy (GTK_WINDOW (dialog));

  ca_test_gui_wait_until (table_has_records, &wait);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "fleet-records.png");
  g_assert_cmpint (count_calls (fixture, "UpdateCertificateOptions"), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (ca_session_get_watches (fixture->session)), ==, 3);

  /* fleet.example.com + its wildcard: one; shop and www.shop: two; eu: one. */
  zone = ca_record_table_to_zone_file (CA_RECORD_TABLE (wait.table));
  names = record_names_of (zone);
  g_assert_cmpuint (names->len, ==, 4);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *shown = g_str_has_suffix (name, ".") ? g_strdup (name) : g_strconcat (name, ".", NULL);
      guint rows = count_rows_with_subtitle (wait.table, name);

      /* ACM writes the name with its final dot or without. */
      if (rows == 0)
        rows = count_rows_with_subtitle (wait.table, shown);
      g_assert_cmpuint (rows, ==, 1);
      g_assert_cmpuint (count_substring (zone, name), ==, 1);
    }
  ca_test_gui_assert_row (wait.table, "Certificate", "fleet.example.com in US East (N. Virginia)", NULL);
  ca_test_gui_assert_row (wait.table, "Certificate", "shop.fleet.example.com in Europe (London)", NULL);
  ca_test_gui_assert_row (wait.table, "Certificate", "eu.fleet.example.com in Europe (London)", NULL);
  g_assert_nonnull (ca_test_gui_find_widget (wait.table, is_mapped_label, "For fleet.example.com and *.fleet.example.com"));
  g_assert_nonnull (strstr (zone, "; fleet.example.com, *.fleet.example.com\n"));

  /* A value's copy button copies that value. */
  copy = ca_test_gui_find_widget (wait.table, is_copy_button_for, g_ptr_array_index (names, 0));
  g_assert_nonnull (copy);
  g_signal_emit_by_name (copy, "clicked");
  copied = read_clipboard (GTK_WIDGET (page));
  g_assert_cmpstr (copied, ==, g_ptr_array_index (names, 0));
  g_clear_pointer (&copied, g_free);

  /* “Copy all as zone file”: the zone file, each record once. */
  copy_all = ca_test_gui_find_widget (wait.table, ca_test_gui_is_mapped_row_titled, "Copy all as zone file");
  g_assert_nonnull (copy_all);
  g_assert_nonnull (ca_test_gui_find_widget (wait.table, ca_test_gui_is_mapped_row_titled, "Save as zone file…"));
  g_assert_true (gtk_widget_activate (copy_all));
  copied = read_clipboard (GTK_WIDGET (page));
  g_assert_cmpstr (copied, ==, zone);
  g_assert_cmpuint (count_substring (copied, " 300 IN CNAME "), ==, 4);
}

/* One certificate's records, as ACM's DomainValidationOptions give them. */
static GPtrArray *
records_for (const char * const *names,
             const char * const *labels)
{
  g_autoptr (GPtrArray) validations = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (JsonObject) option = json_object_new ();
      JsonObject *record = json_object_new ();
      g_autofree char *name = g_strdup_printf ("_%s.example.com.", labels[i]);

      json_object_set_string_member (option, "DomainName", names[i]);
      json_object_set_string_member (option, "ValidationMethod", "DNS");
      json_object_set_string_member (record, "Name", name);
      json_object_set_string_member (record, "Type", "CNAME");
      json_object_set_string_member (record, "Value", "_v.acm-validations.aws.");
      json_object_set_object_member (option, "ResourceRecord", record);
      g_ptr_array_add (validations, ca_acm_domain_validation_new_from_json (option));
    }
  return ca_acm_records_from_validations (validations);
}

/* Two certificates asking for the same record: shown once, serving both,
 * once in the zone file; and gone when the table is emptied. */
static void
test_record_table_merge (void)
{
  const char *pair[] = { "example.com", "*.example.com", NULL };
  const char *pair_labels[] = { "a1", "a1", NULL };
  const char *other[] = { "example.com", "www.example.com", NULL };
  const char *other_labels[] = { "a1", "b2", NULL };
  g_autoptr (GPtrArray) first = records_for (pair, pair_labels);
  g_autoptr (GPtrArray) second = records_for (other, other_labels);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *table = ca_record_table_new ();
  g_autofree char *zone = NULL;

  gtk_window_set_child (GTK_WINDOW (window), table);
  gtk_window_present (GTK_WINDOW (window));
  ca_record_table_add_records (CA_RECORD_TABLE (table), first, "example.com in Europe (London)");
  ca_record_table_add_records (CA_RECORD_TABLE (table), second, "example.com in US East (N. Virginia)");
  ca_test_gui_wait_for_paint (window);
  g_assert_cmpuint (ca_record_table_get_n_records (CA_RECORD_TABLE (table)), ==, 2);
  g_assert_cmpuint (count_rows_with_subtitle (table, "_a1.example.com."), ==, 1);
  ca_test_gui_assert_row (table, "Certificates", "example.com in Europe (London)\nexample.com in US East (N. Virginia)", NULL);
  ca_test_gui_assert_row (table, "Certificate", "example.com in US East (N. Virginia)", NULL);
  g_assert_nonnull (ca_test_gui_find_widget (table, is_mapped_label, "For example.com and *.example.com"));
  zone = ca_record_table_to_zone_file (CA_RECORD_TABLE (table));
  g_assert_cmpuint (count_substring (zone, "_a1.example.com. 300 IN CNAME"), ==, 1);
  g_assert_cmpuint (count_substring (zone, "_b2.example.com. 300 IN CNAME"), ==, 1);

  ca_record_table_remove_all (CA_RECORD_TABLE (table));
  g_assert_cmpuint (ca_record_table_get_n_records (CA_RECORD_TABLE (table)), ==, 0);
  g_assert_null (ca_test_gui_find_widget (table, ca_test_gui_is_mapped_row_titled, "Copy all as zone file"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
count_received (GPtrArray  *received,
                const char *text)
{
  guint count = 0;

  for (guint i = 0; i < received->len; i++)
    count += g_strcmp0 (g_ptr_array_index (received, i), text) == 0;
  return count;
}

static gboolean
both_moves_notified (gpointer data)
{
  GPtrArray *received = data;

  return count_received (received, "Moved to DNS validation|The certificate for fleet.example.com now renews by itself with DNS validation.") == 1 &&
         count_received (received, "Moved to DNS validation|The certificate for shop.fleet.example.com now renews by itself with DNS validation.") == 1;
}

/* Each move started together is followed as a single one is: the
 * application tells the desktop when each has finished, once. */
static void
test_notifications (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *arns[] = { "arn:aws:acm:us-east-1:123456789012:certificate/f1ee7000-0001-4000-8000-000000000001",
                         "arn:aws:acm:eu-west-2:123456789012:certificate/f1ee7000-0011-4000-8000-000000000011" };
  g_autoptr (CaTestNotifications) notifications = ca_test_notifications_start ();
  GPtrArray *received = ca_test_notifications_get_received (notifications);
  CaWizardPage *page;
  GtkWindow *dialog;

  page = open_fleet_page (fixture);
  select_certificate (page, "fleet.example.com");
  select_certificate (page, "shop.fleet.example.com");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "fleet.move-selected", NULL));
  ca_test_gui_wait_until (has_message_dialog, NULL);
  dialog = find_message_dialog ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "move");
  gtk_window_destroy (dialog);
  ca_test_gui_wait_until (has_watches, fixture);
  for (guint i = 0; i < G_N_ELEMENTS (arns); i++)
    {
      g_autofree char *approve = g_strdup_printf ("{\"arn\": \"%s\"}", arns[i]);
      CaCertificateWatch *watch = ca_session_find_watch (fixture->session, arns[i]);

      g_assert_nonnull (watch);
      ca_certificate_watch_set_interval (watch, 100, 200);
      ca_test_fake_acm_post (fixture->url, "/_fake/approve", approve);
    }
  ca_test_gui_wait_until (both_moves_notified, received);
  for (guint i = 0; i < G_N_ELEMENTS (arns); i++)
    g_assert_false (ca_certificate_watch_is_active (ca_session_find_watch (fixture->session, arns[i])));
}

/* At 360 px the page fits the window, which does not widen. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  int minimum;
  int natural;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 900);
  ca_test_gui_wait_for_paint (window);
  open_fleet_page (fixture);
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("fleet: the window needs %d px, would like %d px, has %d px", minimum, natural,
                  gtk_widget_get_width (window));
  ca_test_gui_save_screenshot (window, "fleet-narrow.png");
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
}

/* Every region has answered: the progress bar is gone, the list is being shown. */
static gboolean
fleet_scan_done (gpointer data)
{
  CaWizardPage *page = visible_page (data);
  GtkWidget *bar;

  if (!CA_IS_FLEET_PAGE (page))
    return FALSE;
  bar = ca_test_gui_find_widget (GTK_WIDGET (page), is_progress_bar, NULL);
  return !gtk_widget_is_visible (bar);
}

/* The list's own scrollbar, all the way down. */
static void
scroll_to_end (GtkWidget *list)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

/* 17 regions of 60 certificates each, all to move: while every region is
 * asked and the thousand rows are shown, scrolled to the end and selected,
 * the window keeps drawing. The worst main-loop iteration is printed, not
 * asserted (timing depends on the machine); what is asserted is that every
 * certificate is listed, soonest deadline first, the last one can be reached
 * and selected, and the confirmation counts them all. */
static void
test_many (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *row = ca_test_gui_find_widget (GTK_WIDGET (fixture->window), ca_test_gui_is_mapped_row_titled,
                                            "Which of my certificates must move before the deadline?");
  CaTestProbe *probe;
  g_autoptr (CaFleetItem) first = NULL;
  g_autoptr (CaFleetItem) last = NULL;
  CaWizardPage *page;
  GtkWidget *list;
  GListModel *model;

  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  probe = ca_test_probe_start ();
  /* What one frame of this window costs on this machine, for comparison. */
  ca_test_probe_step (probe, "floor: draw the welcome page again");
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_probe_step (probe, "welcome and account: pick the journey, go on");
  adw_action_row_activate (ADW_ACTION_ROW (row));
  ca_wizard_page_next (visible_page (fixture));
  ca_test_probe_step (probe, "scan: ask every region");
  ca_test_gui_wait_until (fleet_scan_done, fixture);
  ca_test_probe_step (probe, "list: show every certificate");
  ca_test_gui_wait_until (fleet_page_done, fixture);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  page = visible_page (fixture);
  list = find_list_view (page);
  ca_test_probe_step (probe, "list: scroll to the end");
  scroll_to_end (list);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_probe_finish (probe);
  g_test_message ("for %u certificates", count_many ());

  /* After the jump the card keeps its height: a grid view's natural height
   * counts only the rows it has built. */
  g_assert_cmpint (gtk_widget_get_height (gtk_widget_get_parent (list)), >=, 400);

  model = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (list)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, count_many ());
  /* Soonest deadline first, and the last one in reach of the user. */
  last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpint (g_date_time_compare (ca_fleet_item_get_entry (first)->deadline,
                                        ca_fleet_item_get_entry (last)->deadline), <=, 0);
  select_certificate (page, ca_fleet_item_get_title (last));
  g_assert_true (ca_fleet_item_get_selected (last));
  g_assert_true (gtk_widget_is_sensitive (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button, "_Move Selected…")));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "fleet-many.png");
}

int
main (int    argc,
      char **argv)
{
  if (!ca_test_gui_init (&argc, &argv, WAIT_LIMIT_S))
    return 0;
  ca_test_gui_load_app_resources ();

  g_test_add ("/gui/fleet/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/gui/fleet/move-selected", Fixture, NULL, fixture_set_up, test_move_selected, fixture_tear_down);
  g_test_add ("/gui/fleet/summary", Fixture, NULL, fixture_set_up, test_summary, fixture_tear_down);
  g_test_add ("/gui/fleet/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/gui/fleet/timeout", Fixture, WITH_HANGING_REGION, fixture_set_up, test_timeout, fixture_tear_down);
  g_test_add ("/gui/fleet/records", Fixture, NULL, fixture_set_up, test_records, fixture_tear_down);
  g_test_add ("/gui/fleet/route53", Fixture, NULL, fixture_set_up, test_route53, fixture_tear_down);
  g_test_add_func ("/gui/fleet/record-table-merge", test_record_table_merge);
  g_test_add ("/gui/fleet/many", Fixture, WITH_MANY, fixture_set_up, test_many, fixture_tear_down);
  g_test_add ("/gui/fleet/notifications", Fixture, WITH_APPLICATION, fixture_set_up, test_notifications,
              fixture_tear_down);

  return g_test_run ();
}
