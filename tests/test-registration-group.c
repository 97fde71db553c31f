/* test-registration-group.c: the registration section in a real window, filled by
 * real lookups against the fixture servers on 127.0.0.1, with screenshots
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ca-diagnosis-page.h"
#include "ca-registration-classifier.h"
#include "ca-registration-client.h"
#include "ca-registration-group.h"
#include "ca-test-gui.h"
#include "ca-test-rdap-server.h"
#include "ca-test-util.h"
#include "ca-test-whois-server.h"

/* A guard against a hang, not a timing assertion. */
#define WAIT_LIMIT_S 20

static gboolean
is_visible_row_titled (GtkWidget *widget,
                       gpointer   data)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
is_spinning (GtkWidget *widget,
             gpointer   data)
{
  return GTK_IS_SPINNER (widget) && gtk_widget_is_visible (widget) && gtk_spinner_get_spinning (GTK_SPINNER (widget));
}

static GtkWidget *
present_in_window (GtkWidget *group)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = adw_preferences_page_new ();

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

typedef struct
{
  gboolean done;
} Wait;

static void
fill_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  g_assert_true (ca_registration_client_fill_finish (CA_REGISTRATION_CLIENT (object), result, NULL));
  wait->done = TRUE;
}

/* Spinner while pending; then who answered, the verdict, the warnings. */
static void
test_whois_lookup (void)
{
  g_autoptr (CaTestWhoisServer) whois = ca_test_whois_server_new ();
  g_autoptr (CaTestRdapServer) rdap = ca_test_rdap_server_new ();
  g_autofree char *address = ca_test_whois_server_get_address (whois);
  g_autofree char *bootstrap = ca_test_rdap_server_get_url (rdap, "/dns.json");
  g_autofree char *path = ca_test_fixture_path ("registration", "whois-godaddy-domainsbyproxy-email-is-contact-url.txt", NULL);
  g_autofree char *answered = g_strdup_printf ("Answered by %s over WHOIS", address);
  const char * const tlds[] = { "example", NULL };
  g_autoptr (CaRegistrationClient) client = ca_registration_client_new (address, bootstrap);
  g_autoptr (CaRegistration) registration = ca_registration_new ("example-bakery-4417.com");
  g_autoptr (GError) error = NULL;
  GtkWidget *group = ca_registration_group_new (registration);
  GtkWidget *window = present_in_window (group);
  GtkWidget *row;
  Wait wait = { 0 };

  ca_test_rdap_server_add_bootstrap (rdap, "/dns.json", tlds);
  g_assert_true (ca_test_whois_server_add_file (whois, "example-bakery-4417.com", path, &error));

  ca_registration_client_fill_async (client, registration, NULL, fill_cb, &wait);
  g_assert_true (ca_registration_get_pending (registration));
  g_assert_nonnull (ca_test_gui_find_widget (window, is_spinning, NULL));

  ca_test_wait_for (&wait.done);
  ca_test_gui_wait_for_paint (window);
  g_assert_null (ca_test_gui_find_widget (window, is_spinning, NULL));
  row = ca_test_gui_find_widget (window, is_visible_row_titled,
                                 (gpointer) "The contacts can only be reached through a web form or a CAPTCHA-protected lookup.");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, answered);
  g_assert_nonnull (ca_test_gui_find_widget (window, is_visible_row_titled,
                                             (gpointer) "A privacy service or placeholder stands in for the holder"));
  g_assert_nonnull (ca_test_gui_find_widget (window, is_visible_row_titled,
                                             (gpointer) "ACM has not mailed these contacts since 2024"));
  g_assert_nonnull (ca_test_gui_find_widget (window, is_visible_row_titled,
                                             (gpointer) "What the server said"));
  row = ca_test_gui_find_widget (window, is_visible_row_titled,
                                 (gpointer) "https://www.godaddy.com/whois/results.aspx?domain=example-bakery-4417.com&action=contactDomainOwner");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Contact form offered instead of an address");
  ca_test_gui_save_screenshot (window, "registration-web-form.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A server that never answers: a spinner that never blocks, then the error. */
static void
test_pending_then_error (void)
{
  g_autoptr (CaTestWhoisServer) whois = ca_test_whois_server_new ();
  g_autoptr (CaTestRdapServer) rdap = ca_test_rdap_server_new ();
  g_autofree char *address = ca_test_whois_server_get_address (whois);
  g_autofree char *bootstrap = ca_test_rdap_server_get_url (rdap, "/dns.json");
  const char * const tlds[] = { "example", NULL };
  g_autoptr (CaRegistrationClient) client = ca_registration_client_new (address, bootstrap);
  g_autoptr (CaRegistration) registration = ca_registration_new ("slow-registry.com");
  GtkWidget *group = ca_registration_group_new (registration);
  GtkWidget *window = present_in_window (group);
  Wait wait = { 0 };

  ca_test_rdap_server_add_bootstrap (rdap, "/dns.json", tlds);
  ca_test_whois_server_set_mode (whois, CA_TEST_WHOIS_SILENT);
  ca_registration_client_set_timeout (client, 2);
  ca_registration_client_fill_async (client, registration, NULL, fill_cb, &wait);
  ca_test_gui_wait_for_paint (window);
  g_assert_true (ca_registration_get_pending (registration));
  g_assert_nonnull (ca_test_gui_find_widget (window, is_spinning, NULL));
  ca_test_gui_save_screenshot (window, "registration-pending.png");

  ca_test_wait_for (&wait.done);
  ca_test_gui_wait_for_paint (window);
  g_assert_null (ca_test_gui_find_widget (window, is_spinning, NULL));
  g_assert_nonnull (ca_test_gui_find_widget (window, is_visible_row_titled,
                                             (gpointer) "The registration data could not be looked up."));
  ca_test_gui_save_screenshot (window, "registration-error.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Server text is plain text: markup in it shows literally and breaks nothing. */
static void
test_markup_is_literal (void)
{
  g_autoptr (CaRegistration) registration = ca_registration_new ("kites.example");
  const char *text = "Domain Name: kites.example\nRegistrant Organization: <b>Acme</b> & Sons\n"
                     "Registrant Email: Owner@Kites.example\nTech Email: <span>x</span>@kites.example\n";
  GtkWidget *group;
  GtkWidget *window;
  GtkWidget *expander;

  ca_registration_set_source (registration, CA_REGISTRATION_SOURCE_WHOIS);
  ca_registration_set_server (registration, "whois.kites.example");
  ca_registration_classify_whois (registration, text);
  ca_registration_add_evidence (registration, "Registrant Organization: <b>Acme</b> & Sons");
  group = ca_registration_group_new (registration);
  window = present_in_window (group);

  g_assert_nonnull (ca_test_gui_find_widget (window, is_visible_row_titled,
                                             (gpointer) "owner@kites.example"));
  expander = ca_test_gui_find_widget (window, is_visible_row_titled, (gpointer) "What the server said");
  g_assert_nonnull (expander);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  ca_test_gui_wait_for_paint (window);
  g_assert_nonnull (ca_test_gui_find_widget (window, is_visible_row_titled,
                                             (gpointer) "Registrant Organization: <b>Acme</b> & Sons"));
  ca_test_gui_save_screenshot (window, "registration-contacts.png");
  gtk_window_destroy (GTK_WINDOW (window));

  /* An error message carries server text too, in a subtitle. */
  {
    g_autoptr (CaRegistration) failed = ca_registration_new ("kites.example");
    GtkWidget *row;

    ca_registration_set_verdict (failed, CA_REGISTRATION_VERDICT_ERROR);
    ca_registration_set_error_message (failed, "Refused: a&b <i>x</i>");
    window = present_in_window (ca_registration_group_new (failed));
    ca_test_gui_wait_for_paint (window);
    row = ca_test_gui_find_widget (window, is_visible_row_titled,
                                   (gpointer) "The registration data could not be looked up.");
    g_assert_nonnull (row);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Refused: a&b <i>x</i>");
    gtk_window_destroy (GTK_WINDOW (window));
  }
}

static gboolean
is_registration_group (GtkWidget *widget,
                       gpointer   data)
{
  return CA_IS_REGISTRATION_GROUP (widget);
}

/* In the diagnosis page: a section per registrable domain, filled over RDAP
 * (registry → registrar) while DNS answers nothing. */
static void
test_in_diagnosis_page (void)
{
  g_autoptr (CaTestRdapServer) rdap = ca_test_rdap_server_new ();
  g_autoptr (CaTestWhoisServer) whois = ca_test_whois_server_new ();
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *address = ca_test_whois_server_get_address (whois);
  g_autofree char *bootstrap = ca_test_rdap_server_get_url (rdap, "/dns.json");
  g_autofree char *path = ca_test_fixture_path ("registration", "rdap-namecheap-withheld-for-privacy-proxy-email.json", NULL);
  const char * const tlds[] = { "com", NULL };
  const char * const dns[] = { "127.0.0.1@1", NULL };
  const char * const names[] = { "www.example-lantern-5150.com", "example-lantern-5150.com", NULL };
  g_autoptr (GError) error = NULL;
  CaRegistrationGroup *group;
  CaRegistration *registration;
  GtkWidget *window = adw_window_new ();
  CaDiagnosisPage *page;
  guint n_groups = 0;

  ca_test_rdap_server_add_bootstrap (rdap, "/dns.json", tlds);
  g_assert_true (ca_test_rdap_server_add_file (rdap, "/rdap/domain/example-lantern-5150.com", 200, path, &error));
  g_settings_set_strv (settings, "dns-servers", dns);
  g_settings_set_boolean (settings, "dnssec", FALSE);
  /* DNS to a closed port takes the whole timeout, which the registration
   * section must not wait for (asserted below). */
  g_settings_set_int (settings, "timeout", 8);
  g_settings_set_string (settings, "whois-server", address);
  g_settings_set_string (settings, "rdap-bootstrap", bootstrap);

  page = ca_diagnosis_page_new (names, NULL);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 1400);
  gtk_window_present (GTK_WINDOW (window));

  group = CA_REGISTRATION_GROUP (ca_test_gui_find_widget (window, is_registration_group, NULL));
  g_assert_nonnull (group);
  registration = ca_registration_group_get_registration (group);
  g_assert_cmpstr (ca_registration_get_domain (registration), ==, "example-lantern-5150.com");
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (group)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n_groups += CA_IS_REGISTRATION_GROUP (child);
  g_assert_cmpuint (n_groups, ==, 1);

  while (ca_registration_get_pending (registration))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (ca_registration_get_verdict (registration), ==, CA_REGISTRATION_VERDICT_PRIVACY_PLACEHOLDER);
  g_assert_cmpint (ca_registration_get_source (registration), ==, CA_REGISTRATION_SOURCE_RDAP);
  /* The section was complete before DNS gave up; the screenshot waits for both. */
  g_assert_true (ca_diagnosis_page_get_running (page));
  while (ca_diagnosis_page_get_running (page))
    g_main_context_iteration (NULL, TRUE);
  ca_test_gui_save_screenshot (window, "registration-in-diagnosis.png");
  ca_test_gui_save_screenshot (GTK_WIDGET (group), "registration-in-diagnosis-section.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!ca_test_gui_init (&argc, &argv, WAIT_LIMIT_S))
    return 0;

  g_test_add_func ("/registration-group/whois-lookup", test_whois_lookup);
  g_test_add_func ("/registration-group/pending-then-error", test_pending_then_error);
  g_test_add_func ("/registration-group/markup-is-literal", test_markup_is_literal);
  g_test_add_func ("/registration-group/in-diagnosis-page", test_in_diagnosis_page);

  return g_test_run ();
}
