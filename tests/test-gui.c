/* test-gui.c: the wizard in a real window under Xvfb
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ca-application.h"
#include "ca-approvers-page.h"
#include "ca-domain.h"
#include "ca-welcome-page.h"
#include "ca-window.h"

/* A guard against a hang, not a timing assertion. */
#define WAIT_LIMIT_S 20

typedef gboolean (*WidgetPredicate) (GtkWidget *widget,
                                     gpointer   data);

static GtkWidget *
find_widget (GtkWidget       *root,
             WidgetPredicate  predicate,
             gpointer         data)
{
  if (predicate (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, predicate, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_entry_row (GtkWidget *widget,
              gpointer   data)
{
  return ADW_IS_ENTRY_ROW (widget);
}

/* A row the user can see with this title. */
static gboolean
is_mapped_row_titled (GtkWidget *widget,
                      gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
is_row_titled (GtkWidget *widget,
               gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
is_expander_row (GtkWidget *widget,
                 gpointer   data)
{
  return ADW_IS_EXPANDER_ROW (widget);
}

static gboolean
is_mapped_error_row (GtkWidget *widget,
                     gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         gtk_widget_get_mapped (widget) &&
         gtk_widget_has_css_class (widget, "error");
}

static gboolean
wait_limit_cb (gpointer data)
{
  g_error ("Waited more than %d s for the window", WAIT_LIMIT_S);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @predicate finds a widget under @root. */
static GtkWidget *
wait_for_widget (GtkWidget       *root,
                 WidgetPredicate  predicate,
                 gpointer         data)
{
  guint limit_id = g_timeout_add_seconds (WAIT_LIMIT_S, wait_limit_cb, NULL);
  GtkWidget *found;

  while ((found = find_widget (root, predicate, data)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit_id);

  return found;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

/* Lets GTK lay out and paint what changed, so a snapshot shows it. */
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
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%d×%d)", path, width, height);
}

/* A page that counts what the wizard does to it. */
#define TEST_TYPE_PAGE (test_page_get_type ())
G_DECLARE_FINAL_TYPE (TestPage, test_page, TEST, PAGE, CaWizardPage)

struct _TestPage
{
  CaWizardPage parent_instance;

  guint        n_shown;
  guint        n_leaving;
  guint        n_next;
};

G_DEFINE_FINAL_TYPE (TestPage, test_page, CA_TYPE_WIZARD_PAGE)

static void
test_page_shown (CaWizardPage *page)
{
  TEST_PAGE (page)->n_shown++;
}

static void
test_page_leaving (CaWizardPage *page)
{
  TEST_PAGE (page)->n_leaving++;
}

static void
test_page_next (CaWizardPage *page)
{
  TEST_PAGE (page)->n_next++;
  ca_wizard_page_push_page (page, g_object_new (TEST_TYPE_PAGE, "title", "Second", NULL));
}

static void
test_page_class_init (TestPageClass *klass)
{
  CaWizardPageClass *page_class = CA_WIZARD_PAGE_CLASS (klass);

  page_class->shown = test_page_shown;
  page_class->leaving = test_page_leaving;
  page_class->next = test_page_next;
}

static void
test_page_init (TestPage *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

static gboolean
is_window_title (GtkWidget *widget,
                 gpointer   data)
{
  return ADW_IS_WINDOW_TITLE (widget);
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

static CaApproversPage *
open_approvers_page (CaWindow *window)
{
  GtkWidget *row;

  row = wait_for_widget (GTK_WIDGET (window), is_mapped_row_titled,
                         "Where does the approval mail go?");
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_cmpuint (ca_window_get_n_pages (window), ==, 2);
  g_assert_true (CA_IS_APPROVERS_PAGE (ca_window_get_visible_page (window)));

  return CA_APPROVERS_PAGE (ca_window_get_visible_page (window));
}

static void
type_names (CaApproversPage *page,
            const char      *text)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (page), is_entry_row, NULL);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
test_gui_welcome (void)
{
  CaWindow *window = open_window (760, 720);
  CaWizardPage *page = ca_window_get_visible_page (window);

  g_assert_true (CA_IS_WELCOME_PAGE (page));
  g_assert_cmpuint (ca_window_get_n_pages (window), ==, 1);
  g_assert_cmpstr (ca_wizard_page_get_title (page), ==, "CertAssist");
  /* Nothing to go back to from the first page. */
  g_assert_false (ca_window_go_back (window));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_mapped_row_titled,
                                 "Where does the approval mail go?"));
  save_screenshot (GTK_WIDGET (window), "welcome.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_gui_approvers_addresses (void)
{
  const char *expected[] = {
    "admin@xn--bcher-kva.example",
    "administrator@xn--bcher-kva.example",
    "hostmaster@xn--bcher-kva.example",
    "postmaster@xn--bcher-kva.example",
    "webmaster@xn--bcher-kva.example",
  };
  CaWindow *window = open_window (760, 900);
  CaApproversPage *page = open_approvers_page (window);
  GtkWidget *entry;
  GdkContentProvider *content;
  GValue value = G_VALUE_INIT;

  type_names (page, "www.bücher.example");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    wait_for_widget (GTK_WIDGET (page), is_mapped_row_titled, (gpointer) expected[i]);
  g_assert_null (find_widget (GTK_WIDGET (page), is_mapped_error_row, NULL));
  entry = find_widget (GTK_WIDGET (page), is_entry_row, NULL);
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  save_screenshot (GTK_WIDGET (window), "approvers.png");

  /* The names typed are remembered, and a new page shows them again. */
  {
    g_autoptr (GSettings) settings = g_settings_new (APP_ID);
    g_auto (GStrv) last_names = g_settings_get_strv (settings, "last-names");
    CaApproversPage *again = g_object_ref_sink (ca_approvers_page_new ());

    g_assert_cmpuint (g_strv_length (last_names), ==, 1);
    g_assert_cmpstr (last_names[0], ==, "www.bücher.example");
    g_assert_nonnull (find_widget (GTK_WIDGET (again), is_row_titled, (gpointer) expected[0]));
    g_object_unref (again);
  }

  /* The validation domains ACM would accept instead: the name and its parent. */
  {
    GtkWidget *expander = find_widget (GTK_WIDGET (page), is_expander_row, NULL);

    g_assert_nonnull (expander);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
    wait_for_widget (GTK_WIDGET (page), is_mapped_row_titled, "www.xn--bcher-kva.example");
    wait_for_widget (GTK_WIDGET (page), is_mapped_row_titled, "xn--bcher-kva.example");
    save_screenshot (GTK_WIDGET (window), "approvers-candidates.png");
  }

  /* The copy button puts the address on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "approvers.copy", "s", expected[0]));
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (page)));
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==, expected[0]);
  g_value_unset (&value);

  /* Back to the welcome page, and the page is gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "wizard.back", NULL));
  g_assert_cmpuint (ca_window_get_n_pages (window), ==, 1);
  g_assert_true (CA_IS_WELCOME_PAGE (ca_window_get_visible_page (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_gui_wizard_navigation (void)
{
  CaWindow *window = open_window (600, 400);
  AdwWindowTitle *title = ADW_WINDOW_TITLE (find_widget (GTK_WIDGET (window), is_window_title, NULL));
  TestPage *first = g_object_new (TEST_TYPE_PAGE, "title", "First", "subtitle", "One of two", NULL);
  TestPage *second;

  g_object_ref (first);
  ca_window_push_page (window, CA_WIZARD_PAGE (first));
  g_assert_cmpuint (first->n_shown, ==, 1);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "First");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "One of two");

  /* The header follows the page's properties while it is visible. */
  ca_wizard_page_set_title (CA_WIZARD_PAGE (first), "First, renamed");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "First, renamed");

  /* Next does nothing until the page allows it, then the page pushes the next one. */
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.next", NULL);
  g_assert_cmpuint (first->n_next, ==, 0);
  ca_wizard_page_set_can_next (CA_WIZARD_PAGE (first), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "wizard.next", NULL));
  g_assert_cmpuint (first->n_next, ==, 1);
  g_assert_cmpuint (first->n_leaving, ==, 1);
  g_assert_cmpuint (ca_window_get_n_pages (window), ==, 3);
  second = TEST_PAGE (ca_window_get_visible_page (window));
  g_assert_true (second != first);
  g_assert_cmpuint (second->n_shown, ==, 1);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Second");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "");

  /* Back: the second page leaves, the first is shown again and leads the header. */
  g_assert_true (ca_window_go_back (window));
  g_assert_cmpuint (first->n_shown, ==, 2);
  g_assert_cmpuint (ca_window_get_n_pages (window), ==, 2);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "First, renamed");
  ca_wizard_page_set_title (CA_WIZARD_PAGE (first), "First again");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "First again");

  g_assert_true (ca_window_go_back (window));
  g_assert_cmpuint (first->n_leaving, ==, 2);
  g_assert_true (CA_IS_WELCOME_PAGE (ca_window_get_visible_page (window)));
  /* The popped page left the window. */
  g_assert_null (gtk_widget_get_parent (GTK_WIDGET (first)));
  g_object_unref (first);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_gui_approvers_error (void)
{
  g_autoptr (GError) expected = NULL;
  g_autofree char *name = ca_domain_normalize ("a..b", &expected);
  CaWindow *window = open_window (760, 560);
  CaApproversPage *page = open_approvers_page (window);
  GtkWidget *row;
  GtkWidget *entry;

  g_assert_null (name);
  g_assert_nonnull (expected);

  type_names (page, "a..b");
  row = wait_for_widget (GTK_WIDGET (page), is_mapped_error_row, NULL);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "a..b");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, expected->message);
  entry = find_widget (GTK_WIDGET (page), is_entry_row, NULL);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_null (find_widget (GTK_WIDGET (page), is_mapped_row_titled, "admin@a..b"));
  save_screenshot (GTK_WIDGET (window), "approvers-error.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the user types is never Pango markup: an ampersand or a tag shows as typed. */
static void
test_gui_approvers_markup_input (void)
{
  CaWindow *window = open_window (760, 560);
  CaApproversPage *page = open_approvers_page (window);
  GtkWidget *row;

  type_names (page, "a&b<i>.example");
  row = wait_for_widget (GTK_WIDGET (page), is_mapped_error_row, NULL);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "a&b<i>.example");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A phone-sized window in the dark style: a good name, a bad one. */
static void
test_gui_narrow_dark (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  CaWindow *window;
  CaApproversPage *page;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  window = open_window (360, 720);
  save_screenshot (GTK_WIDGET (window), "welcome-narrow-dark.png");
  page = open_approvers_page (window);
  type_names (page, "*.shop.example.co.uk, a..b");
  wait_for_widget (GTK_WIDGET (page), is_mapped_row_titled, "admin@shop.example.co.uk");
  wait_for_widget (GTK_WIDGET (page), is_mapped_error_row, NULL);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  save_screenshot (GTK_WIDGET (window), "approvers-narrow-dark.png");

  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
check_application_cb (gpointer user_data)
{
  CaApplication *app = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  const char * const *dns_servers = ca_application_get_dns_servers (app);
  gboolean found_about = FALSE;
  GListModel *toplevels;
  GtkWidget *help_overlay;

  /* The command line wins over GSettings for this run. */
  g_assert_nonnull (dns_servers);
  g_assert_cmpstr (dns_servers[0], ==, "127.0.0.1@5353");
  g_assert_cmpstr (dns_servers[1], ==, "[::1]@53");
  g_assert_null (dns_servers[2]);
  g_assert_false (ca_application_get_dnssec (app));
  g_assert_cmpstr (ca_application_get_whois_server (app), ==, "127.0.0.1:4343");
  g_assert_null (ca_application_get_rdap_bootstrap (app));
  g_assert_cmpuint (ca_application_get_timeout (app), ==, 10);

  /* activate opened the wizard, with the shortcuts window from the resources. */
  g_assert_true (CA_IS_WINDOW (window));
  help_overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (help_overlay));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  save_screenshot (help_overlay, "shortcuts.png");
  gtk_widget_set_visible (help_overlay, FALSE);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        {
          found_about = TRUE;
          g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (toplevel)), ==, APP_ID);
          save_screenshot (GTK_WIDGET (toplevel), "about.png");
          gtk_window_destroy (GTK_WINDOW (toplevel));
          break;
        }
    }
  g_assert_true (found_about);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_gui_application (void)
{
  const char *args[] = {
    "certassist", "--dns-server", "127.0.0.1@5353", "--dns-server", "[::1]@53",
    "--no-dnssec", "--whois-server", "127.0.0.1:4343", NULL
  };
  g_autoptr (CaApplication) app = ca_application_new ();

  g_idle_add (check_application_cb, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (args) - 1, (char **) args), ==, 0);
}

static void
load_app_resources (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  /* What AdwApplication does for the app from its resource base path. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display), RESOURCE_PATH "/icons");
  gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

int
main (int    argc,
      char **argv)
{
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
  /* Screenshots show where a slide or a reveal ends, not a frame of it. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui/application", test_gui_application);
  g_test_add_func ("/gui/welcome", test_gui_welcome);
  g_test_add_func ("/gui/wizard/navigation", test_gui_wizard_navigation);
  g_test_add_func ("/gui/approvers/addresses", test_gui_approvers_addresses);
  g_test_add_func ("/gui/approvers/error", test_gui_approvers_error);
  g_test_add_func ("/gui/approvers/markup-input", test_gui_approvers_markup_input);
  g_test_add_func ("/gui/approvers/narrow-dark", test_gui_narrow_dark);

  return g_test_run ();
}
