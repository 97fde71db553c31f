/* test-cli-approvers.c: certassist-cli approvers, as contract.md fixes it
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-acm-findings.h"
#include "ca-domain.h"
#include "ca-name-report.h"
#include "ca-test-util.h"

static void
assert_error_code (CaTestRun  *run,
                   int         exit_status,
                   const char *code)
{
  JsonObject *error;

  g_assert_cmpint (run->exit_status, ==, exit_status);
  error = json_object_get_object_member (ca_test_run_get_object (run), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (error, "message"), !=, "");
}

static void
test_idn_json (void)
{
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "approvers", "WWW.Bücher.example.", "--json", NULL);
  JsonObject *object = ca_test_run_get_object (run);
  JsonArray *addresses;

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "www.xn--bcher-kva.example");
  g_assert_cmpstr (json_object_get_string_member (object, "approval_domain"), ==, "xn--bcher-kva.example");
  g_assert_cmpstr (json_object_get_string_member (object, "stripped"), ==, "www");
  addresses = json_object_get_array_member (object, "addresses");
  g_assert_cmpuint (json_array_get_length (addresses), ==, 5);
  g_assert_cmpstr (json_array_get_string_element (addresses, 0), ==, "admin@xn--bcher-kva.example");
  g_assert_cmpstr (json_array_get_string_element (addresses, 1), ==, "administrator@xn--bcher-kva.example");
  g_assert_cmpstr (json_array_get_string_element (addresses, 2), ==, "hostmaster@xn--bcher-kva.example");
  g_assert_cmpstr (json_array_get_string_element (addresses, 3), ==, "postmaster@xn--bcher-kva.example");
  g_assert_cmpstr (json_array_get_string_element (addresses, 4), ==, "webmaster@xn--bcher-kva.example");
}

static void
test_stripped_null_and_wildcard (void)
{
  g_autoptr (CaTestRun) plain = ca_test_run_cli (NULL, "--json", "approvers", "shop.example.com", NULL);
  g_autoptr (CaTestRun) wildcard = ca_test_run_cli (NULL, "approvers", "--json", "*.shop.example.com", NULL);

  g_assert_cmpint (plain->exit_status, ==, 0);
  g_assert_true (json_object_get_null_member (ca_test_run_get_object (plain), "stripped"));
  g_assert_cmpstr (json_object_get_string_member (ca_test_run_get_object (plain), "approval_domain"), ==, "shop.example.com");
  g_assert_cmpint (wildcard->exit_status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (ca_test_run_get_object (wildcard), "stripped"), ==, "*");
  g_assert_cmpstr (json_object_get_string_member (ca_test_run_get_object (wildcard), "approval_domain"), ==, "shop.example.com");
}

static void
test_validation_domain (void)
{
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "approvers", "www.shop.example.com",
                                               "--validation-domain", "Example.com", "--json", NULL);
  JsonObject *object = ca_test_run_get_object (run);

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "approval_domain"), ==, "example.com");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "addresses"), 0),
                   ==, "admin@example.com");
}

/* One rule, one answer (acm-rules.md §2): for the ValidationDomain www.example.com the
 * CLI, the name report the diagnosis and the GUI's approvers page use, and the finding
 * that compares ACM's ValidationEmails all say ACM mails admin@example.com. */
static gboolean
has_emails_differ (const char *emails_json)
{
  g_autofree char *json = g_strdup_printf ("{\"CertificateArn\": \"arn:aws:acm:us-east-1:111122223333:certificate/x\","
                                           " \"DomainName\": \"www.example.com\", \"Status\": \"PENDING_VALIDATION\","
                                           " \"Type\": \"AMAZON_ISSUED\","
                                           " \"DomainValidationOptions\": [{\"DomainName\": \"www.example.com\","
                                           " \"ValidationDomain\": \"www.example.com\", \"ValidationMethod\": \"EMAIL\","
                                           " \"ValidationStatus\": \"PENDING_VALIDATION\", \"ValidationEmails\": %s}]}",
                                           emails_json);
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (CaAcmCertificate) certificate = ca_acm_certificate_new_from_json (json_node_get_object (node), NULL);
  g_autoptr (GPtrArray) findings = NULL;

  g_assert_nonnull (certificate);
  findings = ca_acm_findings_for_certificate (certificate, NULL, NULL);
  for (guint i = 0; i < findings->len; i++)
    if (ca_finding_get_id (g_ptr_array_index (findings, i)) == CA_FINDING_VALIDATION_EMAILS_DIFFER)
      return TRUE;
  return FALSE;
}

static void
test_www_validation_domain_one_answer (void)
{
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "approvers", "www.example.com",
                                               "--validation-domain", "www.example.com", "--json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaNameReport) report = ca_name_report_new ("www.example.com", "www.example.com", &error);
  const char *stripped = NULL;
  g_autofree char *gui_domain = ca_domain_get_approval_domain ("www.example.com", &stripped);
  g_auto (GStrv) gui_addresses = ca_domain_get_approver_addresses (gui_domain);
  JsonArray *cli_addresses;
  g_autoptr (GString) cli_json = g_string_new ("[");

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (ca_test_run_get_object (run), "approval_domain"), ==, "example.com");
  g_assert_cmpstr (ca_name_report_get_approval_domain (report), ==, "example.com");
  g_assert_cmpstr (gui_domain, ==, "example.com");
  g_assert_cmpstr (stripped, ==, "www");

  cli_addresses = json_object_get_array_member (ca_test_run_get_object (run), "addresses");
  g_assert_cmpuint (json_array_get_length (cli_addresses), ==, 5);
  g_assert_cmpuint (g_strv_length ((char **) ca_name_report_get_addresses (report)), ==, 5);
  g_assert_cmpuint (g_strv_length (gui_addresses), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const char *address = json_array_get_string_element (cli_addresses, i);

      g_assert_cmpstr (address, ==, ca_name_report_get_addresses (report)[i]);
      g_assert_cmpstr (address, ==, gui_addresses[i]);
      g_string_append_printf (cli_json, "%s\"%s\"", i > 0 ? ", " : "", address);
    }
  g_assert_cmpstr (json_array_get_string_element (cli_addresses, 0), ==, "admin@example.com");
  g_string_append (cli_json, "]");

  /* ACM mailing what the CLI prints is no difference; mailing www's addresses is. */
  g_assert_false (has_emails_differ (cli_json->str));
  g_assert_true (has_emails_differ ("[\"admin@www.example.com\", \"webmaster@www.example.com\"]"));
}

static void
test_invalid_domain (void)
{
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "approvers", "a..b", "--json", NULL);

  assert_error_code (run, 2, "invalid_domain");
}

static void
test_invalid_validation_domain (void)
{
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "approvers", "www.example.com",
                                               "--validation-domain", "other.com", "--json", NULL);

  assert_error_code (run, 2, "invalid_validation_domain");
}

static void
test_text_output (void)
{
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "approvers", "www.bücher.example", NULL);

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_null (run->json);
  g_assert_nonnull (strstr (run->out, "hostmaster@xn--bcher-kva.example"));
  g_assert_nonnull (strstr (run->out, "www.bücher.example"));
}

static void
test_text_error_on_stderr (void)
{
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "approvers", "exa_mple.com", NULL);

  g_assert_cmpint (run->exit_status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, "exa_mple"));
}

/* Run from the build tree, the program reads the catalogues built there. */
static void
test_translated (void)
{
  const char *german[] = { "LANGUAGE=de", NULL };
  const char *french[] = { "LANGUAGE=fr", NULL };
  g_autoptr (CaTestRun) de = ca_test_run_cli (german, "approvers", "exa_mple.com", NULL);
  g_autoptr (CaTestRun) fr = ca_test_run_cli (french, "approvers", "exa_mple.com", NULL);

  g_assert_cmpint (de->exit_status, ==, 2);
  g_assert_nonnull (strstr (de->err, "Das Label „exa_mple“"));
  g_assert_cmpint (fr->exit_status, ==, 2);
  g_assert_nonnull (strstr (fr->err, "L’étiquette « exa_mple »"));
}

static void
test_usage (void)
{
  g_autoptr (CaTestRun) none = ca_test_run_cli (NULL, "approvers", "--json", NULL);
  g_autoptr (CaTestRun) two = ca_test_run_cli (NULL, "approvers", "a.example", "b.example", "--json", NULL);
  g_autoptr (CaTestRun) unknown = ca_test_run_cli (NULL, "no-such-command", "--json", NULL);
  g_autoptr (CaTestRun) bad_option = ca_test_run_cli (NULL, "approvers", "--no-such-option", "a.example", "--json", NULL);

  assert_error_code (none, 2, "usage");
  assert_error_code (two, 2, "usage");
  assert_error_code (unknown, 2, "usage");
  assert_error_code (bad_option, 2, "usage");
}

/* contract.md: `--` ends the options, so a name that begins with `-` gets the
 * same error as any other bad one, whatever the subcommand and wherever the
 * global options stand. */
static void
test_end_of_options (void)
{
  static const struct
  {
    const char *args[8];
    const char *code;
  } cases[] = {
    { { "approvers", "--json", "--", "-x.example.com" }, "invalid_domain" },
    { { "--json", "approvers", "--", "-x.example.com" }, "invalid_domain" },
    { { "approvers", "--validation-domain", "example.com", "--json", "--", "-x.example.com" }, "invalid_domain" },
    /* After `--`, even --json is a name: two names are one too many. */
    { { "approvers", "--json", "--", "a.example", "--json" }, "usage" },
    { { "diagnose", "--json", "--checks", "registration", "--", "good.example", "-x.example.com" }, "invalid_domain" },
    { { "request", "--json", "--method", "dns", "--", "-x.example.com" }, "invalid_domain" },
    { { "describe", "--json", "--", "-arn" }, "invalid_arn" },
    { { "resend", "--json", "--name", "a.example.com", "--", "-arn" }, "invalid_arn" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CaTestRun) run = ca_test_run_cli_argv (NULL, cases[i].args);

      g_test_message ("%s %s", cases[i].args[0], cases[i].args[1]);
      assert_error_code (run, 2, cases[i].code);
    }
}

/* Without `--`, an option is an option; with it, a good name works as ever. */
static void
test_end_of_options_name (void)
{
  g_autoptr (CaTestRun) option = ca_test_run_cli (NULL, "approvers", "--json", "-x.example.com", NULL);
  g_autoptr (CaTestRun) name = ca_test_run_cli (NULL, "approvers", "--json", "--", "www.bücher.example", NULL);

  assert_error_code (option, 2, "usage");
  g_assert_cmpint (name->exit_status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (ca_test_run_get_object (name), "name"), ==, "www.xn--bcher-kva.example");
}

static void
test_help_and_version (void)
{
  g_autoptr (CaTestRun) help = ca_test_run_cli (NULL, "approvers", "--help", NULL);
  g_autoptr (CaTestRun) version = ca_test_run_cli (NULL, "--version", NULL);

  g_assert_cmpint (help->exit_status, ==, 0);
  g_assert_nonnull (strstr (help->out, "--validation-domain"));
  g_assert_cmpint (version->exit_status, ==, 0);
  g_assert_true (g_str_has_prefix (version->out, "certassist-cli " PACKAGE_VERSION));
}

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/cli/approvers/idn-json", test_idn_json);
  g_test_add_func ("/cli/approvers/stripped", test_stripped_null_and_wildcard);
  g_test_add_func ("/cli/approvers/validation-domain", test_validation_domain);
  g_test_add_func ("/cli/approvers/www-validation-domain-one-answer", test_www_validation_domain_one_answer);
  g_test_add_func ("/cli/approvers/invalid-domain", test_invalid_domain);
  g_test_add_func ("/cli/approvers/invalid-validation-domain", test_invalid_validation_domain);
  g_test_add_func ("/cli/approvers/text", test_text_output);
  g_test_add_func ("/cli/approvers/text-error", test_text_error_on_stderr);
  g_test_add_func ("/cli/approvers/translated", test_translated);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/end-of-options", test_end_of_options);
  g_test_add_func ("/cli/end-of-options/name", test_end_of_options_name);
  g_test_add_func ("/cli/help-and-version", test_help_and_version);

  return g_test_run ();
}
