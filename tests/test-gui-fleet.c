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
 * answering garbage and ap-northeast-1 throttling every call.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "ca-aws-regions.h"
#include "ca-fake-acm.h"
#include "ca-fleet-page.h"
#include "ca-test-fake-acm.h"
#include "ca-test-gui.h"
#include "ca-watch-page.h"
#include "ca-window.h"

/* A guard against a hang, not a timing assertion. */
#define WAIT_LIMIT_S 90

typedef struct
{
  char        *dir;
  char        *url;
  GSubprocess *process;
  CaSession   *session;
  CaWindow    *window;
} Fixture;

/* The fleet seed, with every other region of the partition answering with no
 * certificate, as real ACM does: the page asks them all, while the fake
 * refuses a region its seed does not name. us-west-2 too: refusing there
 * means bad credentials (test-cli-fleet.c checks that), not this account. */
static char *
write_seed (Fixture *fixture)
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

static void
start_fake_acm (Fixture *fixture)
{
  g_autofree char *seed = write_seed (fixture);

  fixture->process = ca_test_fake_acm_spawn (seed, &fixture->url, NULL);
  g_unlink (seed);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("certassist-gui-fleet-XXXXXX", NULL);
  start_fake_acm (fixture);
  ca_test_fake_acm_use_environment_keys (fixture->url);
  fixture->session = ca_session_new ();
  ca_session_set_aws_region (fixture->session, "us-east-1");
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

static void
assert_entry (CaWizardPage *page,
              const char   *name,
              const char   *region,
              const char   *action)
{
  g_autofree char *subtitle = NULL;

  if (action != NULL)
    subtitle = g_strdup_printf ("%s\n%s", ca_aws_region_get_name (region), action);
  else
    subtitle = g_strdup (ca_aws_region_get_name (region));
  ca_test_gui_assert_row (GTK_WIDGET (page), name, subtitle, NULL);
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
  ca_test_gui_assert_rows_in_order (GTK_WIDGET (page), "fleet.example.com", "pending.fleet.example.com",
                                    "shop.fleet.example.com", "eu.fleet.example.com", NULL);
  /* Only email-validated certificates are listed. */
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled, "dns.fleet.example.com"));
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled, "imported.fleet.example.com"));

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
  g_assert_cmpuint (count_rows_titled (GTK_WIDGET (page), "fleet.example.com"), ==, 1);
  g_assert_cmpuint (count_rows_titled (GTK_WIDGET (page), ca_aws_region_get_name ("af-south-1")), ==, 1);
}

static gboolean
is_check_for (GtkWidget *widget,
              gpointer   data)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  return GTK_IS_CHECK_BUTTON (widget) && row != NULL &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), data) == 0;
}

static void
select_certificate (CaWizardPage *page,
                    const char   *name)
{
  GtkWidget *check = ca_test_gui_find_widget (GTK_WIDGET (page), is_check_for, (gpointer) name);

  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
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
  select_certificate (page, "shop.fleet.example.com");
  /* Only those ACM can move in place have a checkbox. */
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_check_for, "pending.fleet.example.com"));
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
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "fleet-moving.png");

  /* A moving certificate opens its records, as after a single move. */
  adw_action_row_activate (ADW_ACTION_ROW (ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled,
                                                                    "shop.fleet.example.com")));
  ca_test_gui_wait_until (watch_page_shown, fixture);
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

int
main (int    argc,
      char **argv)
{
  if (!ca_test_gui_init (&argc, &argv, WAIT_LIMIT_S))
    return 0;
  ca_test_gui_load_app_resources ();

  g_test_add ("/gui/fleet/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/gui/fleet/move-selected", Fixture, NULL, fixture_set_up, test_move_selected, fixture_tear_down);
  g_test_add ("/gui/fleet/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);

  return g_test_run ();
}
