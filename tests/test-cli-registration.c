/* test-cli-registration.c: certassist-cli diagnose's registrations[] against the
 * fixture servers (tests/registration-server.c) on 127.0.0.1
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-test-util.h"

static GSubprocess *server;
static char *whois_server;
static char *rdap_bootstrap;

static void
start_server (void)
{
  const char *program = g_getenv ("CERTASSIST_REGISTRATION_SERVER");
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) output = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_nonnull (program);
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             program, ca_test_fixtures_dir (), NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  first = g_data_input_stream_read_line (output, NULL, NULL, &error);
  second = g_data_input_stream_read_line (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (first, "whois-server="));
  g_assert_true (g_str_has_prefix (second, "rdap-bootstrap="));
  whois_server = g_strdup (first + strlen ("whois-server="));
  rdap_bootstrap = g_strdup (second + strlen ("rdap-bootstrap="));
}

static void
stop_server (void)
{
  g_autoptr (GError) error = NULL;

  /* Closing its stdin ends the server. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (server), NULL, NULL);
  g_subprocess_wait (server, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&server);
  g_clear_pointer (&whois_server, g_free);
  g_clear_pointer (&rdap_bootstrap, g_free);
}

static CaTestRun *
diagnose (const char *first_name,
          ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) "diagnose");
  g_ptr_array_add (args, (gpointer) "--checks");
  g_ptr_array_add (args, (gpointer) "registration");
  g_ptr_array_add (args, (gpointer) "--whois-server");
  g_ptr_array_add (args, whois_server);
  g_ptr_array_add (args, (gpointer) "--rdap-bootstrap");
  g_ptr_array_add (args, rdap_bootstrap);
  g_ptr_array_add (args, (gpointer) "--timeout");
  g_ptr_array_add (args, (gpointer) "5");
  va_start (ap, first_name);
  for (const char *arg = first_name; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return ca_test_run_cli_argv (NULL, (const char * const *) args->pdata);
}

static JsonObject *
find_registration (JsonObject *root,
                   const char *domain)
{
  JsonArray *registrations = json_object_get_array_member (root, "registrations");

  for (guint i = 0; i < json_array_get_length (registrations); i++)
    {
      JsonObject *item = json_array_get_object_element (registrations, i);

      if (g_str_equal (json_object_get_string_member (item, "domain"), domain))
        return item;
    }
  g_error ("no registration for %s", domain);
}

static char *
join_emails (JsonObject *item)
{
  JsonArray *emails = json_object_get_array_member (item, "emails");
  g_autoptr (GPtrArray) strings = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (emails); i++)
    g_ptr_array_add (strings, (gpointer) json_array_get_string_element (emails, i));
  g_ptr_array_add (strings, NULL);
  return g_strjoinv (",", (char **) strings->pdata);
}

static gboolean
has_finding (JsonObject *root,
             const char *id,
             const char *name)
{
  JsonArray *findings = json_object_get_array_member (root, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (finding, "id"), id) &&
          g_strcmp0 (json_object_get_string_member (finding, "name"), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
assert_item (JsonObject *root,
             const char *domain,
             const char *source,
             const char *verdict,
             const char *emails)
{
  JsonObject *item = find_registration (root, domain);
  static const char * const keys[] = { "domain", "source", "server", "verdict", "emails", NULL };
  g_autofree char *joined = NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_true (json_object_has_member (item, keys[i]));
  g_assert_cmpstr (json_object_get_string_member (item, "source"), ==, source);
  g_assert_cmpstr (json_object_get_string_member (item, "verdict"), ==, verdict);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (item, "server"), "127.0.0.1:"));
  joined = join_emails (item);
  g_assert_cmpstr (joined, ==, emails);
}

/* One entry per registrable domain, RDAP where the bootstrap lists the TLD. */
static void
test_json (void)
{
  g_autoptr (CaTestRun) run = diagnose ("www.example-freight-5511.com", "example-freight-5511.com",
                                        "exemple-vins-2020.eu", "example-bakery-4417.com",
                                        "beispiel-baeckerei-4711.de", "--json", NULL);
  JsonObject *root = ca_test_run_get_object (run);
  JsonArray *registrations = json_object_get_array_member (root, "registrations");

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_cmpuint (json_array_get_length (registrations), ==, 4);
  assert_item (root, "example-freight-5511.com", "rdap", "contacts_usable",
               "dns-admin@example-freight-5511.com,noc@example-freight-5511.com");
  assert_item (root, "exemple-vins-2020.eu", "whois", "contacts_usable", "domains@example-webagency-77.fr");
  /* The thin registry answer links to the registrar's, which shows a web form. */
  assert_item (root, "example-bakery-4417.com", "rdap", "web_form_or_captcha", "");
  assert_item (root, "beispiel-baeckerei-4711.de", "whois", "web_form_or_captcha", "");

  g_assert_true (has_finding (root, "whois_not_used_since_2024", "example-freight-5511.com"));
  g_assert_true (has_finding (root, "whois_captcha_or_web_form", "example-bakery-4417.com"));
  g_assert_false (has_finding (root, "whois_privacy_placeholder", "example-freight-5511.com"));
  g_assert_false (has_finding (root, "rdap_whois_unavailable", "example-freight-5511.com"));
}

static void
test_rate_limited (void)
{
  g_autoptr (CaTestRun) run = diagnose ("example-busy-429.com", "--json", NULL);
  JsonObject *root = ca_test_run_get_object (run);
  JsonObject *item;

  g_assert_cmpint (run->exit_status, ==, 0);
  assert_item (root, "example-busy-429.com", "rdap", "rate_limited", "");
  item = find_registration (root, "example-busy-429.com");
  g_assert_cmpint (json_object_get_int_member (item, "retry_after"), ==, 3600);
  g_assert_true (has_finding (root, "rdap_whois_unavailable", "example-busy-429.com"));
  g_assert_false (has_finding (root, "whois_not_used_since_2024", "example-busy-429.com"));
}

/* Names under other TLDs go to port 43, whose default answer is a proxy. */
static void
test_whois_privacy (void)
{
  g_autoptr (CaTestRun) run = diagnose ("shop.other-name.org", "--json", NULL);
  JsonObject *root = ca_test_run_get_object (run);

  g_assert_cmpint (run->exit_status, ==, 0);
  assert_item (root, "other-name.org", "whois", "privacy_placeholder", "");
  g_assert_true (has_finding (root, "whois_privacy_placeholder", "other-name.org"));
  g_assert_true (has_finding (root, "whois_not_used_since_2024", "other-name.org"));
}

/* Without --checks registration nothing is looked up. */
static void
test_not_checked (void)
{
  const char * const args[] = { "diagnose", "--checks", "caa", "--dns-server", "127.0.0.1@1",
                                "--timeout", "1", "--whois-server", whois_server, "example-freight-5511.com",
                                "--json", NULL };
  g_autoptr (CaTestRun) run = ca_test_run_cli_argv (NULL, args);
  JsonObject *root = ca_test_run_get_object (run);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "registrations")), ==, 0);
}

static void
test_text (void)
{
  g_autoptr (CaTestRun) run = diagnose ("example-lantern-5150.com", NULL);

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_nonnull (strstr (run->out, "example-lantern-5150.com"));
  g_assert_nonnull (strstr (run->out, "withheldforprivacy.com"));
}

/* Nothing listens: the lookup fails inside the diagnosis, which still exits 0. */
static void
test_unreachable (void)
{
  const char * const args[] = { "diagnose", "--checks", "registration", "--whois-server", "127.0.0.1:1",
                                "--rdap-bootstrap", "http://127.0.0.1:1/dns.json", "--timeout", "2",
                                "example.com", "--json", NULL };
  g_autoptr (CaTestRun) run = ca_test_run_cli_argv (NULL, args);
  JsonObject *root = ca_test_run_get_object (run);
  JsonObject *item;

  g_assert_cmpint (run->exit_status, ==, 0);
  item = find_registration (root, "example.com");
  g_assert_cmpstr (json_object_get_string_member (item, "source"), ==, "none");
  g_assert_cmpstr (json_object_get_string_member (item, "verdict"), ==, "error");
  g_assert_true (has_finding (root, "rdap_whois_unavailable", "example.com"));
}

/* Bad --whois-server and --rdap-bootstrap values are usage errors (exit 2). */
static void
test_bad_options (void)
{
  static const char * const bad[][2] = {
    { "--whois-server", "whois.example.net:99999" },
    { "--whois-server", "bad host" },
    { "--rdap-bootstrap", "http://rdap.example.net/dns.json" },
    { "--rdap-bootstrap", "/no/such/bootstrap.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char * const args[] = { "diagnose", "--checks", "registration", bad[i][0], bad[i][1],
                                    "example.com", "--json", NULL };
      g_autoptr (CaTestRun) run = ca_test_run_cli_argv (NULL, args);
      JsonObject *error;

      g_assert_cmpint (run->exit_status, ==, 2);
      error = json_object_get_object_member (ca_test_run_get_object (run), "error");
      g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "invalid_input");
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ca_test_init (&argc, &argv);
  start_server ();

  g_test_add_func ("/cli-registration/json", test_json);
  g_test_add_func ("/cli-registration/rate-limited", test_rate_limited);
  g_test_add_func ("/cli-registration/whois-privacy", test_whois_privacy);
  g_test_add_func ("/cli-registration/not-checked", test_not_checked);
  g_test_add_func ("/cli-registration/text", test_text);
  g_test_add_func ("/cli-registration/unreachable", test_unreachable);
  g_test_add_func ("/cli-registration/bad-options", test_bad_options);

  status = g_test_run ();
  stop_server ();
  return status;
}
