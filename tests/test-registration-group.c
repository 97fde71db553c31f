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
#include "ca-window.h"

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
  /* No server answered, so none "said" anything. */
  g_assert_null (ca_test_gui_find_widget (window, is_visible_row_titled, (gpointer) "What the server said"));
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

static CaSession *
create_session (const char *whois,
                const char *bootstrap)
{
  CaSession *session = ca_session_new ();
  const char * const dns[] = { "127.0.0.1@1", NULL };

  ca_session_set_dns_servers (session, dns);
  ca_session_set_dnssec (session, FALSE);
  /* DNS to a closed port takes the whole timeout, which the registration
   * section must not wait for (asserted below). */
  ca_session_set_timeout (session, 8);
  ca_session_set_whois_server (session, whois);
  ca_session_set_rdap_bootstrap (session, bootstrap);
  return session;
}

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  char **out = user_data;

  g_assert_true (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, out, NULL, NULL));
}

/* The CLI's JSON, run while this process's servers keep answering it. */
static JsonNode *
run_cli_diagnose (const char * const *names,
                  const char         *whois,
                  const char         *bootstrap)
{
  g_autoptr (GSubprocess) cli = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  JsonNode *root;

  cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("CERTASSIST_CLI"), "diagnose",
                          names[0], names[1], "--dns-server", "127.0.0.1@1", "--no-dnssec", "--timeout", "8",
                          "--whois-server", whois, "--rdap-bootstrap", bootstrap, "--checks", "registration",
                          "--json", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (cli, NULL, NULL, communicate_cb, &out);
  while (out == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait (cli, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (cli) && g_subprocess_get_exit_status (cli) == 0);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  return root;
}

/* Every registration finding the CLI reports for the same names and servers
 * is a row of the page, worded the same. */
static void
assert_cli_findings_shown (GtkWidget          *page,
                           const char * const *names,
                           const char         *whois,
                           const char         *bootstrap)
{
  g_autoptr (JsonNode) root = run_cli_diagnose (names, whois, bootstrap);
  JsonArray *findings = json_object_get_array_member (json_node_get_object (root), "findings");
  guint n_registration = 0;

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      const char *id = json_object_get_string_member (finding, "id");

      if (!g_str_has_prefix (id, "whois_") && !g_str_has_prefix (id, "rdap_"))
        continue;
      n_registration++;
      if (ca_test_gui_find_widget (page, ca_test_gui_is_mapped_row_titled,
                                   (gpointer) json_object_get_string_member (finding, "message")) == NULL)
        g_error ("the page does not show the finding %s: %s", id, json_object_get_string_member (finding, "message"));
    }
  g_assert_cmpuint (n_registration, >, 0);
}

/* In the diagnosis page: a section per registrable domain, filled over RDAP
 * (registry → registrar) while DNS answers nothing, and its findings. */
static void
test_in_diagnosis_page (void)
{
  g_autoptr (CaTestRdapServer) rdap = ca_test_rdap_server_new ();
  g_autoptr (CaTestWhoisServer) whois = ca_test_whois_server_new ();
  g_autofree char *address = ca_test_whois_server_get_address (whois);
  g_autofree char *bootstrap = ca_test_rdap_server_get_url (rdap, "/dns.json");
  g_autofree char *path = ca_test_fixture_path ("registration", "rdap-namecheap-withheld-for-privacy-proxy-email.json", NULL);
  const char * const tlds[] = { "com", NULL };
  const char * const names[] = { "www.example-lantern-5150.com", "example-lantern-5150.com", NULL };
  g_autoptr (CaSession) session = create_session (address, bootstrap);
  g_autoptr (GError) error = NULL;
  CaRegistrationGroup *group;
  CaRegistration *registration;
  CaWindow *window;
  CaDiagnosisPage *page;
  guint n_groups = 0;

  ca_test_rdap_server_add_bootstrap (rdap, "/dns.json", tlds);
  g_assert_true (ca_test_rdap_server_add_file (rdap, "/rdap/domain/example-lantern-5150.com", 200, path, &error));

  window = ca_test_gui_open_window_for (session, 720, 1000);
  page = ca_diagnosis_page_new (names, NULL);
  ca_window_push_page (window, CA_WIZARD_PAGE (page));

  /* The page builds a section per frame. */
  group = CA_REGISTRATION_GROUP (ca_test_gui_wait_for_widget (GTK_WIDGET (window), is_registration_group, NULL));
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
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
  assert_cli_findings_shown (GTK_WIDGET (page), names, address, bootstrap);
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "registration-in-diagnosis.png");
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
