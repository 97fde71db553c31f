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
#include "ca-test-gui.h"
#include "ca-welcome-page.h"
#include "ca-window.h"

/* A guard against a hang, not a timing assertion. */
#define WAIT_LIMIT_S 20

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

static CaApproversPage *
open_approvers_page (CaWindow *window)
{
  GtkWidget *row;

  row = ca_test_gui_wait_for_widget (GTK_WIDGET (window), ca_test_gui_is_mapped_row_titled,
                                     "Where does the approval mail go?");
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_cmpuint (ca_window_get_n_pages (window), ==, 2);
  g_assert_true (CA_IS_APPROVERS_PAGE (ca_window_get_visible_page (window)));

  return CA_APPROVERS_PAGE (ca_window_get_visible_page (window));
}

static void
test_gui_welcome (void)
{
  CaWindow *window = ca_test_gui_open_window (760, 720);
  CaWizardPage *page = ca_window_get_visible_page (window);

  g_assert_true (CA_IS_WELCOME_PAGE (page));
  g_assert_cmpuint (ca_window_get_n_pages (window), ==, 1);
  g_assert_cmpstr (ca_wizard_page_get_title (page), ==, "CertAssist");
  /* Nothing to go back to from the first page. */
  g_assert_false (ca_window_go_back (window));
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (window), ca_test_gui_is_mapped_row_titled,
                                             "Where does the approval mail go?"));
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "welcome.png");

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
  CaWindow *window = ca_test_gui_open_window (760, 900);
  CaApproversPage *page = open_approvers_page (window);
  GtkWidget *entry;
  GdkContentProvider *content;
  GValue value = G_VALUE_INIT;

  ca_test_gui_type_into_entry (GTK_WIDGET (page), "www.bücher.example");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled,
                                 (gpointer) expected[i]);
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_error_row, NULL));
  entry = ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_entry_row, NULL);
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "approvers.png");

  /* The names typed are remembered, and a new page shows them again. */
  {
    g_autoptr (GSettings) settings = g_settings_new (APP_ID);
    g_auto (GStrv) last_names = g_settings_get_strv (settings, "last-names");
    CaApproversPage *again = g_object_ref_sink (ca_approvers_page_new ());

    g_assert_cmpuint (g_strv_length (last_names), ==, 1);
    g_assert_cmpstr (last_names[0], ==, "www.bücher.example");
    g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (again), is_row_titled,
                                               (gpointer) expected[0]));
    g_object_unref (again);
  }

  /* The validation domains ACM would accept instead: the name and its parent. */
  {
    GtkWidget *expander = ca_test_gui_find_widget (GTK_WIDGET (page), is_expander_row, NULL);

    g_assert_nonnull (expander);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
    ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled,
                                 "www.xn--bcher-kva.example");
    ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled,
                                 "xn--bcher-kva.example");
    ca_test_gui_save_screenshot (GTK_WIDGET (window), "approvers-candidates.png");
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

/* A toast's title is a server's words as often as ours: shown as text, never as
 * markup (libadwaita 1.2 parses toast titles), and without control characters. */
static void
test_gui_wizard_toast_plain (void)
{
  CaWindow *window = ca_test_gui_open_window (600, 400);
  TestPage *page = g_object_new (TEST_TYPE_PAGE, "title", "Toasts", NULL);
  g_autoptr (AdwToast) toast = adw_toast_new ("Fails <b>& \x1b[31mred</b>");

  ca_window_push_page (window, CA_WIZARD_PAGE (page));
  g_object_ref (toast);
  ca_wizard_page_add_toast (CA_WIZARD_PAGE (page), toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Fails &lt;b&gt;&amp; [31mred&lt;/b&gt;");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_gui_wizard_navigation (void)
{
  CaWindow *window = ca_test_gui_open_window (600, 400);
  AdwWindowTitle *title =
    ADW_WINDOW_TITLE (ca_test_gui_find_widget (GTK_WIDGET (window), is_window_title, NULL));
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
  CaWindow *window = ca_test_gui_open_window (760, 560);
  CaApproversPage *page = open_approvers_page (window);
  GtkWidget *row;
  GtkWidget *entry;

  g_assert_null (name);
  g_assert_nonnull (expected);

  ca_test_gui_type_into_entry (GTK_WIDGET (page), "a..b");
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_error_row, NULL);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "a..b");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, expected->message);
  entry = ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_entry_row, NULL);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled,
                                          "admin@a..b"));
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "approvers-error.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the user types is never Pango markup: an ampersand or a tag shows as typed. */
static void
test_gui_approvers_markup_input (void)
{
  CaWindow *window = ca_test_gui_open_window (760, 560);
  CaApproversPage *page = open_approvers_page (window);
  GtkWidget *row;

  ca_test_gui_type_into_entry (GTK_WIDGET (page), "a&b<i>.example");
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_error_row, NULL);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "a&b<i>.example");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the user pasted is shown, but no bidi override makes it read as
 * another name, and no control character reaches the label. */
static void
test_gui_approvers_hostile_input (void)
{
  CaWindow *window = ca_test_gui_open_window (760, 560);
  CaApproversPage *page = open_approvers_page (window);
  GtkWidget *row;

  ca_test_gui_type_into_entry (GTK_WIDGET (page), "\xe2\x80\xae" "moc.evil\x1b[1m\x07.example");
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_error_row, NULL);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "moc.evil[1m.example");

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
  window = ca_test_gui_open_window (360, 720);
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "welcome-narrow-dark.png");
  page = open_approvers_page (window);
  ca_test_gui_type_into_entry (GTK_WIDGET (page), "*.shop.example.co.uk, a..b");
  ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled,
                               "admin@shop.example.co.uk");
  ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_error_row, NULL);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "approvers-narrow-dark.png");

  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
is_header_title_label (GtkWidget *widget,
                       gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_WINDOW_TITLE) != NULL &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

/* How many lines @title takes in the header bar; it is never cut short. */
static int
count_title_lines (CaWindow   *window,
                   const char *title)
{
  GtkWidget *label = ca_test_gui_find_widget (GTK_WIDGET (window), is_header_title_label, (gpointer) title);
  PangoLayout *layout;

  g_assert_nonnull (label);
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
  layout = gtk_label_get_layout (GTK_LABEL (label));
  g_test_message ("“%s”: %d px wide, %d lines", title, gtk_widget_get_width (label), pango_layout_get_line_count (layout));
  g_assert_false (pango_layout_is_ellipsized (layout));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  return pango_layout_get_line_count (layout);
}

/* At 360 px a title that fits stays on one line (it once wrapped as
 * “Cert-/Assist”); a long one wraps rather than be cut short. */
static void
test_gui_narrow_title (void)
{
  const char *long_title = "Where the Approval Mail Goes";
  CaWindow *window = ca_test_gui_open_window (360, 720);

  g_assert_cmpint (count_title_lines (window, "CertAssist"), ==, 1);
  ca_window_push_page (window, g_object_new (TEST_TYPE_PAGE, "title", "Second", NULL));
  g_assert_cmpint (count_title_lines (window, "Second"), ==, 1);
  ca_window_push_page (window, g_object_new (TEST_TYPE_PAGE, "title", long_title, NULL));
  g_assert_cmpint (count_title_lines (window, long_title), >, 1);
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "title-narrow.png");
  /* Wide again, the long title has its one line. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 720);
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (
                     ca_test_gui_find_widget (GTK_WIDGET (window), is_header_title_label, (gpointer) long_title)))), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

/* No help viewer here (the tests run without yelp): F1 says where the guide is instead. */
static void
check_help_without_viewer (CaApplication *app)
{
  g_autoptr (GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");
  g_autofree char  *guide_dir = g_build_filename (DATADIR, "help", "C", "certassist", NULL);
  AdwMessageDialog *dialog;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  if (viewer != NULL)
    {
      g_test_message ("a help viewer is installed (%s): not opening it", g_app_info_get_id (viewer));
      return;
    }
  g_assert_null (find_message_dialog ());
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), guide_dir));
  ca_test_gui_save_screenshot (GTK_WIDGET (dialog), "help-missing.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
check_application_cb (gpointer user_data)
{
  CaApplication *app = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  CaSession *session = ca_application_get_session (app);
  const char * const *dns_servers = ca_session_get_dns_servers (session);
  GSettings *settings = ca_application_get_settings (app);
  gboolean found_about = FALSE;
  GListModel *toplevels;
  GtkWidget *help_overlay;
  g_auto (GStrv) actions = NULL;

  /* The command line wins over GSettings for this run. */
  g_assert_nonnull (dns_servers);
  g_assert_cmpstr (dns_servers[0], ==, "127.0.0.1@5353");
  g_assert_cmpstr (dns_servers[1], ==, "[::1]@53");
  g_assert_null (dns_servers[2]);
  g_assert_false (ca_session_get_dnssec (session));
  g_assert_cmpstr (ca_session_get_whois_server (session), ==, "127.0.0.1:4343");
  g_assert_null (ca_session_get_rdap_bootstrap (session));
  g_assert_cmpuint (ca_session_get_timeout (session), ==, 10);
  /* What the command line did not set follows the settings, bound once… */
  g_settings_set_int (settings, "timeout", 42);
  g_settings_set_string (settings, "rdap-bootstrap", "http://127.0.0.1:1/dns.json");
  g_assert_cmpuint (ca_session_get_timeout (session), ==, 42);
  g_assert_cmpstr (ca_session_get_rdap_bootstrap (session), ==, "http://127.0.0.1:1/dns.json");
  /* …what it set is never overwritten by them, nor written back to them. */
  g_settings_set_string (settings, "whois-server", "192.0.2.1");
  g_assert_cmpstr (ca_session_get_whois_server (session), ==, "127.0.0.1:4343");
  g_settings_reset (settings, "timeout");
  g_settings_reset (settings, "rdap-bootstrap");
  g_settings_reset (settings, "whois-server");

  /* activate opened the wizard on the app's session, with the shortcuts window from the resources. */
  g_assert_true (CA_IS_WINDOW (window));
  g_assert_true (ca_window_get_session (CA_WINDOW (window)) == session);
  g_assert_true (ca_wizard_page_get_session (ca_window_get_visible_page (CA_WINDOW (window))) == session);
  help_overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (help_overlay));
  /* F1 opens the guide; Ctrl+? the shortcuts window. */
  actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "F1");
  g_assert_cmpstrv (actions, ((const char *[]) { "app.help", NULL }));
  g_clear_pointer (&actions, g_strfreev);
  actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Control>question");
  g_assert_cmpstrv (actions, ((const char *[]) { "win.show-help-overlay", NULL }));
  g_assert_false (gtk_widget_get_visible (help_overlay));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_widget_get_visible (help_overlay));
  ca_test_gui_save_screenshot (help_overlay, "shortcuts.png");
  gtk_widget_set_visible (help_overlay, FALSE);

  check_help_without_viewer (app);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        {
          found_about = TRUE;
          g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (toplevel)), ==, APP_ID);
          ca_test_gui_save_screenshot (GTK_WIDGET (toplevel), "about.png");
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

int
main (int    argc,
      char **argv)
{
  if (!ca_test_gui_init (&argc, &argv, WAIT_LIMIT_S))
    return 0;
  ca_test_gui_load_app_resources ();

  g_test_add_func ("/gui/application", test_gui_application);
  g_test_add_func ("/gui/welcome", test_gui_welcome);
  g_test_add_func ("/gui/wizard/navigation", test_gui_wizard_navigation);
  g_test_add_func ("/gui/wizard/toast-plain", test_gui_wizard_toast_plain);
  g_test_add_func ("/gui/approvers/addresses", test_gui_approvers_addresses);
  g_test_add_func ("/gui/approvers/error", test_gui_approvers_error);
  g_test_add_func ("/gui/approvers/markup-input", test_gui_approvers_markup_input);
  g_test_add_func ("/gui/approvers/hostile-input", test_gui_approvers_hostile_input);
  g_test_add_func ("/gui/approvers/narrow-dark", test_gui_narrow_dark);
  g_test_add_func ("/gui/window/narrow-title", test_gui_narrow_title);

  return g_test_run ();
}
