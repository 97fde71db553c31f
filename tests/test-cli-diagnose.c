/* test-cli-diagnose.c: certassist-cli diagnose against a real unbound, as contract.md fixes it
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-report.h"
#include "ca-session.h"
#include "ca-test-unbound.h"
#include "ca-test-util.h"

static CaTestUnbound *server;

/* diagnose against @dns with @extra arguments, the lookups kept on this machine */
static CaTestRun *
diagnose_with (CaTestUnbound      *dns,
               const char * const *extra)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) "diagnose");
  g_ptr_array_add (args, (gpointer) "--dns-server");
  g_ptr_array_add (args, (gpointer) ca_test_unbound_get_server (dns));
  g_ptr_array_add (args, (gpointer) "--no-dnssec");
  /* Registration lookups stay on this machine; nothing listens there, so each is
   * an error entry (test-cli-registration covers them against real servers). */
  g_ptr_array_add (args, (gpointer) "--whois-server");
  g_ptr_array_add (args, (gpointer) "127.0.0.1:1");
  g_ptr_array_add (args, (gpointer) "--rdap-bootstrap");
  g_ptr_array_add (args, (gpointer) "http://127.0.0.1:1/dns.json");
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
  g_ptr_array_add (args, NULL);

  return ca_test_run_cli_argv (NULL, (const char * const *) args->pdata);
}

/* the same against the fixture unbound */
static CaTestRun *
diagnose (const char *first_arg,
          ...)
{
  g_autoptr (GPtrArray) extra = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (extra, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (extra, NULL);

  return diagnose_with (server, (const char * const *) extra->pdata);
}

static void
assert_keys (JsonObject         *object,
             const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    if (!json_object_has_member (object, keys[i]))
      g_error ("missing key %s", keys[i]);
}

static JsonObject *
find_name (JsonObject *root,
           const char *name)
{
  JsonArray *names = json_object_get_array_member (root, "names");

  for (guint i = 0; i < json_array_get_length (names); i++)
    {
      JsonObject *object = json_array_get_object_element (names, i);

      if (g_str_equal (json_object_get_string_member (object, "name"), name))
        return object;
    }
  g_error ("no entry for %s", name);
}

/* Whether @root has a finding @id about @name (%NULL: about no name). */
static gboolean
has_finding (JsonObject *root,
             const char *id,
             const char *name)
{
  JsonArray *findings = json_object_get_array_member (root, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      static const char * const keys[] = { "id", "severity", "name", "message", "remedy", NULL };

      assert_keys (finding, keys);
      if (g_str_equal (json_object_get_string_member (finding, "id"), id) &&
          g_strcmp0 (json_object_get_string_member (finding, "name"), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_json (void)
{
  g_autoptr (CaTestRun) run = diagnose ("www.multi-mx.example", "nullmx.example", "sub.parent-mx.example",
                                        "*.caa-wild.example", "--json", NULL);
  JsonObject *root = ca_test_run_get_object (run);
  static const char * const root_keys[] = { "version", "names", "registrations", "certificate", "findings", NULL };
  static const char * const name_keys[] = { "name", "approval_domain", "addresses", "mail", "caa", NULL };
  static const char * const mail_keys[] = { "domain", "mx", "null_mx", "console_walk_domain", NULL };
  static const char * const mx_keys[] = { "preference", "host", "addresses", NULL };
  static const char * const caa_keys[] = { "allows_amazon", "allows_amazon_wildcard", "relevant_domain", "records", NULL };
  JsonObject *multi, *mail, *mx, *null_mail, *sub_mail, *wild_caa;

  g_assert_cmpint (run->exit_status, ==, 0);
  assert_keys (root, root_keys);
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "names")), ==, 4);
  /* One per registrable domain: multi-mx, nullmx, parent-mx and caa-wild. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "registrations")), ==, 4);
  g_assert_true (json_object_get_null_member (root, "certificate"));

  multi = find_name (root, "www.multi-mx.example");
  assert_keys (multi, name_keys);
  g_assert_cmpstr (json_object_get_string_member (multi, "approval_domain"), ==, "multi-mx.example");
  mail = json_object_get_object_member (multi, "mail");
  assert_keys (mail, mail_keys);
  g_assert_cmpstr (json_object_get_string_member (mail, "domain"), ==, "multi-mx.example");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (mail, "mx")), ==, 4);
  mx = json_array_get_object_element (json_object_get_array_member (mail, "mx"), 0);
  assert_keys (mx, mx_keys);
  g_assert_cmpint (json_object_get_int_member (mx, "preference"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (mx, "host"), ==, "mxa.multi-mx.example");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (mx, "addresses"), 0), ==, "192.0.2.21");
  assert_keys (json_object_get_object_member (multi, "caa"), caa_keys);
  g_assert_true (json_object_get_null_member (json_object_get_object_member (multi, "caa"), "relevant_domain"));

  null_mail = json_object_get_object_member (find_name (root, "nullmx.example"), "mail");
  g_assert_true (json_object_get_boolean_member (null_mail, "null_mx"));
  g_assert_true (has_finding (root, "null_mx", "nullmx.example"));

  sub_mail = json_object_get_object_member (find_name (root, "sub.parent-mx.example"), "mail");
  g_assert_cmpstr (json_object_get_string_member (sub_mail, "console_walk_domain"), ==, "parent-mx.example");
  g_assert_true (has_finding (root, "no_mx", "sub.parent-mx.example"));
  g_assert_true (has_finding (root, "approval_domain_is_subdomain", "sub.parent-mx.example"));

  wild_caa = json_object_get_object_member (find_name (root, "*.caa-wild.example"), "caa");
  g_assert_true (json_object_get_boolean_member (wild_caa, "allows_amazon"));
  g_assert_false (json_object_get_boolean_member (wild_caa, "allows_amazon_wildcard"));
  g_assert_cmpstr (json_object_get_string_member (wild_caa, "relevant_domain"), ==, "caa-wild.example");
  g_assert_true (has_finding (root, "caa_issuewild_forbids_amazon", "*.caa-wild.example"));
  g_assert_true (has_finding (root, "invalid_public_domain", "nullmx.example"));
}

static void
test_validation_domain (void)
{
  g_autoptr (CaTestRun) run = diagnose ("sub.parent-mx.example", "--validation-domain", "parent-mx.example",
                                        "--json", NULL);
  JsonObject *root = ca_test_run_get_object (run);
  JsonObject *name = find_name (root, "sub.parent-mx.example");

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (name, "approval_domain"), ==, "parent-mx.example");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (name, "mail"), "domain"), ==,
                   "parent-mx.example");
  g_assert_false (has_finding (root, "no_mx", "sub.parent-mx.example"));
}

static void
test_checks (void)
{
  g_autoptr (CaTestRun) run = diagnose ("nullmx.example", "--checks", "caa", "--json", NULL);
  JsonObject *root = ca_test_run_get_object (run);

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_true (json_object_get_null_member (find_name (root, "nullmx.example"), "mail"));
  g_assert_false (has_finding (root, "null_mx", "nullmx.example"));
}

static void
assert_error (CaTestRun  *run,
              const char *code)
{
  JsonObject *error = json_object_get_object_member (ca_test_run_get_object (run), "error");

  g_assert_cmpint (run->exit_status, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (error, "message"), !=, "");
}

static void
test_bad_input (void)
{
  g_autoptr (CaTestRun) bad_name = diagnose ("www.good.example", "exa_mple.com", "--json", NULL);
  g_autoptr (CaTestRun) bad_validation = diagnose ("www.good.example", "--validation-domain", "other.example", "--json", NULL);
  g_autoptr (CaTestRun) none = diagnose ("--json", NULL);
  g_autoptr (CaTestRun) bad_checks = diagnose ("good.example", "--checks", "mail,dns", "--json", NULL);
  g_autoptr (CaTestRun) bad_server = ca_test_run_cli (NULL, "diagnose", "good.example", "--dns-server", "localhost:53",
                                                      "--checks", "mail,caa", "--json", NULL);

  assert_error (bad_name, "invalid_domain");
  assert_error (bad_validation, "invalid_validation_domain");
  assert_error (none, "usage");
  g_assert_cmpint (bad_checks->exit_status, ==, 2);
  g_assert_cmpint (bad_server->exit_status, ==, 2);
}

static void
test_dead_server (void)
{
  g_autoptr (CaTestBlackhole) hole = ca_test_blackhole_new ();
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "diagnose", "www.good.example", "--json", "--no-dnssec",
                                               "--timeout", "1", "--dns-server", ca_test_blackhole_get_server (hole),
                                               "--checks", "mail,caa", NULL);
  JsonObject *root = ca_test_run_get_object (run);

  /* A failed lookup inside a diagnosis is a finding, not an exit status; a
   * resolver that answers nothing is no verdict about the domain. */
  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_true (has_finding (root, "dns_resolver_unreliable", NULL));
  g_assert_false (has_finding (root, "mx_lookup_failed", "www.good.example"));
  g_assert_false (has_finding (root, "caa_lookup_failed", "www.good.example"));
}

/* The machine's resolver answers NXDOMAIN for every name: one finding says so,
 * about no name, and nothing about the domain; the text says it in words. */
static void
test_nxdomain_resolver (void)
{
  g_autoptr (CaTestUnbound) liar = ca_test_unbound_start_nxdomain ();
  g_autoptr (CaTestRun) json = diagnose_with (liar, (const char *[]) { "example.com", "--json", "--checks", "mail,caa", NULL });
  g_autoptr (CaTestRun) text = diagnose_with (liar, (const char *[]) { "example.com", NULL });
  JsonObject *root = ca_test_run_get_object (json);
  JsonArray *findings = json_object_get_array_member (root, "findings");
  JsonObject *finding = json_array_get_object_element (findings, 0);

  g_assert_cmpint (json->exit_status, ==, 0);
  g_assert_cmpuint (json_array_get_length (findings), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (finding, "id"), ==, "dns_resolver_unreliable");
  g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "error");
  g_assert_true (json_object_get_null_member (finding, "name"));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (root, "resolver"), "reliable"));
  g_assert_true (json_object_get_null_member (find_name (root, "example.com"), "mail"));

  g_assert_cmpint (text->exit_status, ==, 0);
  g_assert_nonnull (strstr (text->out, "Your DNS resolver cannot be trusted: The DNS resolver in use answered NXDOMAIN"));
  g_assert_nonnull (strstr (text->out, "may well be fine"));
  g_assert_nonnull (strstr (text->out, "Not checked: The DNS resolver in use cannot be trusted"));
  g_assert_null (strstr (text->out, "No Mail Server"));
  g_assert_null (strstr (text->out, "Amazon may issue"));
  g_assert_null (strstr (text->out, "DNSSEC"));
}

/* `--` ends the options: a name that begins with `-` is a bad name like any other. */
static void
test_end_of_options (void)
{
  g_autoptr (CaTestRun) dashed = diagnose ("--json", "--", "good.example", "-x.example.com", NULL);
  g_autoptr (CaTestRun) good = diagnose ("--json", "--checks", "mail", "--", "nullmx.example", NULL);

  assert_error (dashed, "invalid_domain");
  g_assert_cmpint (good->exit_status, ==, 0);
  g_assert_true (has_finding (ca_test_run_get_object (good), "null_mx", "nullmx.example"));
}

static void
test_text (void)
{
  g_autoptr (CaTestRun) run = diagnose ("nullmx.example", "www.bücher.example", NULL);

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_null (run->json);
  g_assert_nonnull (strstr (run->out, "null MX"));
  g_assert_nonnull (strstr (run->out, "www.bücher.example"));
  g_assert_nonnull (strstr (run->out, "mx.xn--bcher-kva.example"));
  g_assert_nonnull (strstr (run->out, "postmaster@nullmx.example"));
  g_assert_nonnull (strstr (run->out, "What to do:"));
}

/* --markdown prints what the GUI's summary exports: the core's Markdown of
 * the same diagnosis, byte for byte. */
static void
test_markdown (void)
{
  /* Names whose record sets hold one record each: the CAA check lists records
   * in the order DNS answers them, which unbound rotates. */
  g_autoptr (CaTestRun) run = diagnose ("nullmx.example", "sub.parent-mx.example", "--markdown", NULL);
  g_autoptr (CaTestRun) both = diagnose ("nullmx.example", "--markdown", "--json", NULL);
  g_autoptr (CaSession) session = ca_session_new ();
  const char *servers[] = { ca_test_unbound_get_server (server), NULL };
  const char *names[] = { "nullmx.example", "sub.parent-mx.example", NULL };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  CaDiagnosis *diagnosis;

  g_assert_cmpint (run->exit_status, ==, 0);
  ca_session_set_dns_servers (session, servers);
  ca_session_set_dnssec (session, FALSE);
  ca_session_set_whois_server (session, "127.0.0.1:1");
  ca_session_set_rdap_bootstrap (session, "http://127.0.0.1:1/dns.json");
  diagnosis = ca_session_create_diagnosis (session, names, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ca_diagnosis_run_async (diagnosis, NULL, ca_test_store_result_cb, &result);
  g_assert_true (ca_diagnosis_run_finish (diagnosis, ca_test_wait_for_result (&result), &error));
  expected = ca_report_to_markdown (diagnosis, NULL, NULL, NULL);
  g_assert_cmpstr (run->out, ==, expected);
  g_assert_true (g_str_has_prefix (run->out, "# CertAssist report\n"));

  /* One format at a time. */
  g_assert_cmpint (both->exit_status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  int status;

  ca_test_init (&argc, &argv);
  server = ca_test_unbound_start ();

  g_test_add_func ("/cli/diagnose/json", test_json);
  g_test_add_func ("/cli/diagnose/validation-domain", test_validation_domain);
  g_test_add_func ("/cli/diagnose/checks", test_checks);
  g_test_add_func ("/cli/diagnose/bad-input", test_bad_input);
  g_test_add_func ("/cli/diagnose/dead-server", test_dead_server);
  g_test_add_func ("/cli/diagnose/nxdomain-resolver", test_nxdomain_resolver);
  g_test_add_func ("/cli/diagnose/end-of-options", test_end_of_options);
  g_test_add_func ("/cli/diagnose/text", test_text);
  g_test_add_func ("/cli/diagnose/markdown", test_markdown);

  status = g_test_run ();
  ca_test_unbound_stop (server);
  return status;
}
