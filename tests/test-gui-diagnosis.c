/* test-gui-diagnosis.c: the journey "My validation mail never arrived" in a real window,
 * against a real unbound on 127.0.0.1
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ca-diagnosis-names-page.h"
#include "ca-diagnosis-page.h"
#include "ca-test-unbound.h"
#include "ca-welcome-page.h"
#include "ca-window.h"

/* A guard against a hang, not a timing assertion. */
#define WAIT_LIMIT_S 30

static CaTestUnbound *server;

typedef gboolean (*WidgetPredicate) (GtkWidget *widget,
                                     gpointer   data);

static GtkWidget *
find_widget (GtkWidget       *root,
             WidgetPredicate  predicate,
             gpointer         data)
{
  if (predicate (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, predicate, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_mapped_row_titled (GtkWidget *widget,
                      gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
is_mapped_row_titled_prefix (GtkWidget *widget,
                             gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data);
}

static gboolean
is_entry_row (GtkWidget *widget,
              gpointer   data)
{
  return ADW_IS_ENTRY_ROW (widget);
}

static gboolean
wait_limit_cb (gpointer data)
{
  g_error ("Waited more than %d s", WAIT_LIMIT_S);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

static void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock;

  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (widget);
  for (guint i = 0; i < 2; i++)
    {
      gboolean painted = FALSE;
      gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
      guint limit_id = g_timeout_add_seconds (WAIT_LIMIT_S, wait_limit_cb, NULL);

      gtk_widget_queue_draw (widget);
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (limit_id);
      g_signal_handler_disconnect (clock, handler);
    }
}

/* Renders @widget as the user sees it into a PNG in the build directory. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GskRenderer) renderer = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *path = NULL;
  int width, height;

  wait_for_paint (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gsk_cairo_renderer_new ();
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%d×%d)", path, width, height);
}

static void
use_dns_server (const char *server_address,
                int         timeout_s)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  const char *servers[] = { server_address, NULL };

  g_settings_set_strv (settings, "dns-servers", servers);
  g_settings_set_boolean (settings, "dnssec", FALSE);
  g_settings_set_int (settings, "timeout", timeout_s);
  /* Registration lookups stay on this machine, where nothing answers them
   * (test-registration-group shows that section against real servers). */
  g_settings_set_string (settings, "whois-server", "127.0.0.1:1");
  g_settings_set_string (settings, "rdap-bootstrap", "http://127.0.0.1:1/dns.json");
}

static CaWindow *
open_window (int width,
             int height)
{
  CaWindow *window = ca_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_paint (GTK_WIDGET (window));
  return window;
}

/* Welcome → names page → Next → the diagnosis page. */
static CaDiagnosisPage *
open_diagnosis (CaWindow   *window,
                const char *names)
{
  GtkWidget *row = find_widget (GTK_WIDGET (window), is_mapped_row_titled, "My validation mail never arrived");
  CaWizardPage *names_page;

  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  names_page = ca_window_get_visible_page (window);
  g_assert_true (CA_IS_DIAGNOSIS_NAMES_PAGE (names_page));
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (names_page), is_entry_row, NULL)), names);
  g_assert_true (ca_wizard_page_get_can_next (names_page));
  ca_wizard_page_next (names_page);
  g_assert_true (CA_IS_DIAGNOSIS_PAGE (ca_window_get_visible_page (window)));
  return CA_DIAGNOSIS_PAGE (ca_window_get_visible_page (window));
}

static void
wait_until_done (CaDiagnosis *diagnosis)
{
  guint limit_id = g_timeout_add_seconds (WAIT_LIMIT_S, wait_limit_cb, NULL);

  while (ca_diagnosis_get_running (diagnosis))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit_id);
}

static void
assert_row (CaWindow   *window,
            const char *title)
{
  if (find_widget (GTK_WIDGET (window), is_mapped_row_titled, (gpointer) title) == NULL)
    g_error ("no row “%s”", title);
}

static void
test_journey (void)
{
  CaWindow *window;
  CaDiagnosisPage *page;

  use_dns_server (ca_test_unbound_get_server (server), 10);
  /* As tall as the test screen (1280×1024): rendering is slow under ASan. */
  window = open_window (900, 1000);
  page = open_diagnosis (window, "www.good.example nullmx.example, mx-cname.example *.caa-wild.example");
  g_assert_true (ca_diagnosis_page_get_running (page));

  wait_until_done (ca_diagnosis_page_get_diagnosis (page));
  /* The sections: addresses with copy buttons, mail servers, CAA. */
  assert_row (window, "postmaster@good.example");
  assert_row (window, "mx1.good.example");
  assert_row (window, "mx2.good.example");
  assert_row (window, "No Mail Accepted");
  assert_row (window, "mail.mx-cname.example");
  /* The findings with their remedies come first. */
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_mapped_row_titled_prefix,
                                 "nullmx.example publishes a null MX record"));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_mapped_row_titled_prefix,
                                 "The CAA issuewild records of caa-wild.example"));
  save_screenshot (GTK_WIDGET (window), "diagnosis.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_visible_error_label (GtkWidget *widget,
                        gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, "error") &&
         g_strstr_len (gtk_label_get_text (GTK_LABEL (widget)), -1, data) != NULL;
}

/* Next stays off, with the reason in sight, until every name and the validation domain are valid. */
static void
test_names_input (void)
{
  CaWindow *window = open_window (760, 720);
  GtkWidget *row = find_widget (GTK_WIDGET (window), is_mapped_row_titled, "My validation mail never arrived");
  CaWizardPage *page;
  GtkWidget *names_row, *validation_row = NULL;

  adw_action_row_activate (ADW_ACTION_ROW (row));
  page = ca_window_get_visible_page (window);
  g_assert_true (CA_IS_DIAGNOSIS_NAMES_PAGE (page));
  names_row = find_widget (GTK_WIDGET (page), is_entry_row, NULL);
  /* The validation domain's row follows the names' row. */
  for (GtkWidget *w = gtk_widget_get_next_sibling (names_row); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_ENTRY_ROW (w))
      validation_row = w;
  g_assert_nonnull (validation_row);

  gtk_editable_set_text (GTK_EDITABLE (names_row), "");
  g_assert_false (ca_wizard_page_get_can_next (page));
  gtk_editable_set_text (GTK_EDITABLE (names_row), "www.good.example exa_mple.com");
  g_assert_false (ca_wizard_page_get_can_next (page));
  wait_for_paint (GTK_WIDGET (window));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_visible_error_label, "exa_mple"));

  gtk_editable_set_text (GTK_EDITABLE (names_row), "www.good.example, shop.good.example");
  g_assert_true (ca_wizard_page_get_can_next (page));
  gtk_editable_set_text (GTK_EDITABLE (validation_row), "other.example");
  g_assert_false (ca_wizard_page_get_can_next (page));
  gtk_editable_set_text (GTK_EDITABLE (validation_row), "good.example");
  g_assert_true (ca_wizard_page_get_can_next (page));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_back_cancels (void)
{
  g_autoptr (CaTestBlackhole) hole = ca_test_blackhole_new ();
  g_autoptr (CaDiagnosis) diagnosis = NULL;
  CaWindow *window;
  CaDiagnosisPage *page;

  use_dns_server (ca_test_blackhole_get_server (hole), 300);
  window = open_window (760, 720);
  page = open_diagnosis (window, "www.good.example");
  diagnosis = g_object_ref (ca_diagnosis_page_get_diagnosis (page));
  g_assert_true (ca_diagnosis_get_running (diagnosis));

  /* Nothing answers within 300 s; going back must end the lookups now. */
  g_assert_true (ca_window_go_back (window));
  wait_until_done (diagnosis);
  g_assert_cmpuint (g_list_model_get_n_items (ca_diagnosis_get_findings (diagnosis)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_network_failure (void)
{
  g_autoptr (CaTestBlackhole) hole = ca_test_blackhole_new ();
  CaWindow *window;
  CaDiagnosisPage *page;

  use_dns_server (ca_test_blackhole_get_server (hole), 1);
  window = open_window (760, 720);
  page = open_diagnosis (window, "www.good.example");
  wait_until_done (ca_diagnosis_page_get_diagnosis (page));
  assert_row (window, "No DNS server answered");
  save_screenshot (GTK_WIDGET (window), "diagnosis-network-failure.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
load_app_resources (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display), RESOURCE_PATH "/icons");
  gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* gtk_init_check () before gtk_test_init () would warn, fatally. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_setenv ("GSETTINGS_SCHEMA_DIR", SCHEMA_DIR, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  load_app_resources ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  server = ca_test_unbound_start ();

  g_test_add_func ("/gui/diagnosis/journey", test_journey);
  g_test_add_func ("/gui/diagnosis/names-input", test_names_input);
  g_test_add_func ("/gui/diagnosis/back-cancels", test_back_cancels);
  g_test_add_func ("/gui/diagnosis/network-failure", test_network_failure);

  status = g_test_run ();
  ca_test_unbound_stop (server);
  return status;
}
