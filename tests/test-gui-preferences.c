/* test-gui-preferences.c: the Preferences window in a real window under Xvfb
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ca-application.h"
#include "ca-preferences-window.h"
#include "ca-test-gui.h"

/* A guard against a hang, not a timing assertion. */
#define WAIT_LIMIT_S 20

static const char * const keys[] = {
  "dns-servers",
  "dnssec",
  "timeout",
  "whois-server",
  "rdap-bootstrap",
};

static gboolean
is_entry (GtkWidget *widget,
          gpointer   data)
{
  return GTK_IS_ENTRY (widget);
}

static gboolean
is_type (GtkWidget *widget,
         gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

/* The settings every test starts from: the memory backend is shared by the whole program. */
static GSettings *
create_default_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);

  return settings;
}

static CaPreferencesWindow *
open_preferences (GSettings *settings)
{
  CaPreferencesWindow *window = ca_preferences_window_new (NULL, settings);

  gtk_window_present (GTK_WINDOW (window));
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));

  return window;
}

static AdwActionRow *
find_row (CaPreferencesWindow *window,
          const char          *title)
{
  GtkWidget *row = ca_test_gui_find_widget (GTK_WIDGET (window), ca_test_gui_is_mapped_row_titled,
                                            (gpointer) title);

  g_assert_nonnull (row);
  return ADW_ACTION_ROW (row);
}

static GtkEditable *
find_entry (CaPreferencesWindow *window,
            const char          *title)
{
  GtkWidget *entry = ca_test_gui_find_widget (GTK_WIDGET (find_row (window, title)), is_entry, NULL);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

static void
assert_strv (GSettings  *settings,
             const char *key,
             const char *joined)
{
  g_auto (GStrv) value = g_settings_get_strv (settings, key);
  g_autofree char *str = g_strjoinv (" ", value);

  g_assert_cmpstr (str, ==, joined);
}

static void
assert_string (GSettings  *settings,
               const char *key,
               const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_preferences_bindings (void)
{
  g_autoptr (GSettings) settings = create_default_settings ();
  CaPreferencesWindow *window = open_preferences (settings);
  GtkWidget *spin = ca_test_gui_find_widget (GTK_WIDGET (window), is_type,
                                             GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON));
  GtkWidget *toggle = ca_test_gui_find_widget (GTK_WIDGET (window), is_type,
                                               GSIZE_TO_POINTER (GTK_TYPE_SWITCH));
  GtkEditable *dns = find_entry (window, "DNS Servers");
  GtkEditable *whois = find_entry (window, "WHOIS Server");
  GtkEditable *rdap = find_entry (window, "RDAP Bootstrap");
  g_autofree char *bootstrap = g_test_build_filename (G_TEST_DIST, "meson.build", NULL);

  g_assert_true (ca_preferences_window_get_settings (window) == settings);

  /* The widgets show the settings. */
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 10);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_cmpstr (gtk_editable_get_text (dns), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (whois), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (rdap), ==, "");

  /* And change them. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 42);
  g_assert_cmpint (g_settings_get_int (settings, "timeout"), ==, 42);
  /* Activating the row flips its switch. */
  adw_action_row_activate (find_row (window, "Validate DNSSEC"));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (g_settings_get_boolean (settings, "dnssec"));

  gtk_editable_set_text (dns, "127.0.0.1@5353, [::1]@53 9.9.9.9");
  assert_strv (settings, "dns-servers", "127.0.0.1@5353 [::1]@53 9.9.9.9");
  /* Half typed: the list is stored, the text stays as typed. */
  gtk_editable_set_text (dns, "127.0.0.1@5353, ");
  assert_strv (settings, "dns-servers", "127.0.0.1@5353");
  g_assert_cmpstr (gtk_editable_get_text (dns), ==, "127.0.0.1@5353, ");

  gtk_editable_set_text (whois, " whois.example:4343 ");
  assert_string (settings, "whois-server", "whois.example:4343");
  gtk_editable_set_text (rdap, bootstrap);
  assert_string (settings, "rdap-bootstrap", bootstrap);

  /* Emptied, the default again: the system's resolvers. */
  gtk_editable_set_text (dns, "");
  assert_strv (settings, "dns-servers", "");

  /* A change from elsewhere shows. */
  g_settings_set_strv (settings, "dns-servers", (const char *[]) { "192.0.2.1", "192.0.2.2@5353", NULL });
  g_assert_cmpstr (gtk_editable_get_text (dns), ==, "192.0.2.1, 192.0.2.2@5353");
  g_settings_set_int (settings, "timeout", 300);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 300);

  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (window), ca_test_gui_is_mapped_error_row, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* @named: how the row's message names the wrong value, the first one in a list */
static void
assert_rejected (CaPreferencesWindow *window,
                 const char          *title,
                 const char          *text,
                 const char          *named)
{
  GtkEditable *entry = find_entry (window, title);
  AdwActionRow *row = find_row (window, title);
  GtkWidget *error_row;

  gtk_editable_set_text (entry, text);
  error_row = ca_test_gui_wait_for_widget (GTK_WIDGET (window), ca_test_gui_is_mapped_error_row, NULL);
  g_assert_true (error_row == GTK_WIDGET (row));
  /* The row says what is wrong; so do the tooltip and the screen reader. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), named));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (entry)), ==, adw_action_row_get_subtitle (row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       adw_action_row_get_subtitle (row));
}

static void
assert_accepted (CaPreferencesWindow *window,
                 const char          *title,
                 const char          *explanation)
{
  GtkEditable *entry = find_entry (window, title);
  AdwActionRow *row = find_row (window, title);

  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (entry)));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, explanation);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_FALSE);
}

static void
test_preferences_invalid (void)
{
  g_autoptr (GSettings) settings = create_default_settings ();
  CaPreferencesWindow *window = open_preferences (settings);
  AdwActionRow *dns_row = find_row (window, "DNS Servers");
  g_autofree char *explanation = g_strdup (adw_action_row_get_subtitle (dns_row));

  gtk_editable_set_text (find_entry (window, "DNS Servers"), "127.0.0.1");
  assert_strv (settings, "dns-servers", "127.0.0.1");
  assert_accepted (window, "DNS Servers", explanation);

  /* Not written, and the row says why. */
  /* Spaces separate servers as commas do: "not" is the first wrong one. */
  assert_rejected (window, "DNS Servers", "not a server@@", "“not”");
  assert_strv (settings, "dns-servers", "127.0.0.1");
  /* One bad server in a list is enough. */
  gtk_editable_set_text (find_entry (window, "DNS Servers"), "192.0.2.1, 192.0.2.2@99999");
  assert_strv (settings, "dns-servers", "127.0.0.1");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (dns_row), "192.0.2.2@99999"));

  /* Fixed, the error goes at once and the list is stored. */
  gtk_editable_set_text (find_entry (window, "DNS Servers"), "192.0.2.1, 192.0.2.2@5353");
  assert_accepted (window, "DNS Servers", explanation);
  assert_strv (settings, "dns-servers", "192.0.2.1 192.0.2.2@5353");

  assert_rejected (window, "WHOIS Server", "whois.example:http", "“whois.example:http”");
  assert_string (settings, "whois-server", "");
  gtk_editable_set_text (find_entry (window, "WHOIS Server"), "");

  assert_rejected (window, "RDAP Bootstrap", "/nonexistent/bootstrap.json", "/nonexistent/bootstrap.json");
  assert_string (settings, "rdap-bootstrap", "");

  /* Reset to Defaults puts back what was never stored as well. */
  g_settings_set_boolean (settings, "dnssec", FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "preferences.reset", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr (GVariant) user_value = g_settings_get_user_value (settings, keys[i]);

      g_assert_null (user_value);
    }
  g_assert_cmpstr (gtk_editable_get_text (find_entry (window, "DNS Servers")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (find_entry (window, "RDAP Bootstrap")), ==, "");
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (window), ca_test_gui_is_mapped_error_row, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_labelled (CaPreferencesWindow *window,
                 const char          *title,
                 GType                control_type)
{
  AdwActionRow *row = find_row (window, title);
  GtkWidget *control = ca_test_gui_find_widget (GTK_WIDGET (row), is_type, GSIZE_TO_POINTER (control_type));
  const char *subtitle = adw_action_row_get_subtitle (row);

  g_assert_nonnull (control);
  g_assert_true (adw_action_row_get_activatable_widget (row) == control);
  g_assert_nonnull (subtitle);
  g_assert_cmpuint (strlen (subtitle), >, 20);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL, title);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle);
}

static void
test_preferences_accessible (void)
{
  g_autoptr (GSettings) settings = create_default_settings ();
  CaPreferencesWindow *window = open_preferences (settings);
  AdwStyleManager *style = adw_style_manager_get_default ();

  assert_labelled (window, "DNS Servers", GTK_TYPE_ENTRY);
  assert_labelled (window, "Validate DNSSEC", GTK_TYPE_SWITCH);
  assert_labelled (window, "WHOIS Server", GTK_TYPE_ENTRY);
  assert_labelled (window, "RDAP Bootstrap", GTK_TYPE_ENTRY);
  assert_labelled (window, "Lookup Timeout", GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Preferences");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_editable_set_text (find_entry (window, "DNS Servers"), "127.0.0.1@5353, ::1");
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "preferences.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
check_application_cb (gpointer user_data)
{
  CaApplication *app = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  CaPreferencesWindow *preferences = NULL;
  GListModel *toplevels;
  guint key, expected_key;
  GdkModifierType mods, expected_mods;

  g_assert_nonnull (parent);
  g_assert_nonnull (accels);
  g_assert_nonnull (accels[0]);
  g_assert_true (gtk_accelerator_parse (accels[0], &key, &mods));
  g_assert_true (gtk_accelerator_parse ("<Control>comma", &expected_key, &expected_mods));
  g_assert_cmpuint (key, ==, expected_key);
  g_assert_cmpuint (mods, ==, expected_mods);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (CA_IS_PREFERENCES_WINDOW (toplevel))
        preferences = CA_PREFERENCES_WINDOW (toplevel);
    }
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == parent);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (preferences)));
  g_assert_true (ca_preferences_window_get_settings (preferences) == ca_application_get_settings (app));
  gtk_window_destroy (GTK_WINDOW (preferences));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_preferences_application (void)
{
  const char *args[] = { "certassist", NULL };
  g_autoptr (CaApplication) app = ca_application_new ();

  g_idle_add (check_application_cb, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (args) - 1, (char **) args), ==, 0);
}

static gboolean
is_label_showing (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

/* At 360 px the entries give way: a row's explanation keeps more than half
 * the row (it was squeezed into a third, six words a line, in German). */
static void
test_preferences_narrow (void)
{
  g_autoptr (GSettings) settings = create_default_settings ();
  CaPreferencesWindow *window = open_preferences (settings);
  AdwActionRow *row = find_row (window, "DNS Servers");
  GtkWidget *subtitle;
  GtkWidget *entry;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
  subtitle = ca_test_gui_find_widget (GTK_WIDGET (row), is_label_showing, (gpointer) adw_action_row_get_subtitle (row));
  entry = ca_test_gui_find_widget (GTK_WIDGET (row), is_entry, NULL);
  g_assert_nonnull (subtitle);
  g_test_message ("at 360 px: the text has %d px, the entry %d px", gtk_widget_get_width (subtitle), gtk_widget_get_width (entry));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  g_assert_cmpint (gtk_widget_get_width (subtitle), >, gtk_widget_get_width (GTK_WIDGET (row)) / 2);
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "preferences-narrow.png");
  /* Wide, the entry has its twenty characters again. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 720);
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_width (entry), >, 150);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  if (!ca_test_gui_init (&argc, &argv, WAIT_LIMIT_S))
    return 0;
  ca_test_gui_load_app_resources ();

  g_test_add_func ("/preferences/bindings", test_preferences_bindings);
  g_test_add_func ("/preferences/invalid", test_preferences_invalid);
  g_test_add_func ("/preferences/accessible", test_preferences_accessible);
  g_test_add_func ("/preferences/application", test_preferences_application);
  g_test_add_func ("/preferences/narrow", test_preferences_narrow);

  return g_test_run ();
}
