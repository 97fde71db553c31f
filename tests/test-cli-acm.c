/* test-cli-acm.c: certassist-cli list/describe/resend/request/migrate/delete/watch, as contract.md fixes them
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CLI runs as a separate program against the fake-acm program (seeded with
 * tests/data/fake-acm-demo.json), driven through its /_fake/ control requests.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "ca-test-util.h"

#define ARN(n) "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-000" #n "-4000-8000-00000000000" #n
#define PENDING ARN (1)
#define TIMED_OUT ARN (2)
#define ISSUED_EMAIL ARN (3)
#define ISSUED_DNS ARN (4)
#define FAILED ARN (5)
#define UNKNOWN "arn:aws:acm:us-east-1:123456789012:certificate/99999999-4000-8000-8000-000000000000"

typedef struct
{
  GSubprocess *fake;
  char        *url;
  char        *env[16];
} Fixture;

/* An assertion aborts the test before its tear-down: the fake must not outlive it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "fake-acm", "fake-acm", NULL);
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "data", data != NULL ? data : "fake-acm-demo.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  guint n = 0;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  fixture->fake = g_subprocess_launcher_spawn (launcher, &error, program, "--seed", seed, "--record-delay-ms", "0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->fake));
  fixture->url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (fixture->url, "http://127.0.0.1:"));

  fixture->env[n++] = g_strdup_printf ("AWS_ENDPOINT_URL_ACM=%s", fixture->url);
  fixture->env[n++] = g_strdup ("AWS_REGION=us-east-1");
  fixture->env[n++] = g_strdup ("AWS_ACCESS_KEY_ID=AKIDEXAMPLE");
  fixture->env[n++] = g_strdup ("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  fixture->env[n++] = g_strdup ("AWS_CONFIG_FILE=/nonexistent/config");
  fixture->env[n++] = g_strdup ("AWS_SHARED_CREDENTIALS_FILE=/nonexistent/credentials");
  fixture->env[n++] = g_strdup ("CERTASSIST_RETRY_BASE_MS=2");
  fixture->env[n++] = g_strdup ("CERTASSIST_POLL_MS=50");
  fixture->env[n++] = g_strdup ("AWS_PROFILE");
  fixture->env[n++] = g_strdup ("AWS_SESSION_TOKEN");
  fixture->env[n++] = g_strdup ("AWS_ENDPOINT_URL");
  fixture->env[n++] = NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_subprocess_send_signal (fixture->fake, SIGTERM);
  g_subprocess_wait (fixture->fake, NULL, NULL);
  g_clear_object (&fixture->fake);
  g_clear_pointer (&fixture->url, g_free);
  for (guint i = 0; fixture->env[i] != NULL; i++)
    g_clear_pointer (&fixture->env[i], g_free);
}

/* A /_fake/ control request; returns the answer's JSON. */
static JsonNode *
control (Fixture    *fixture,
         const char *path,
         const char *body)
{
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autofree char *url = g_strconcat (fixture->url, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (body != NULL ? "POST" : "GET", url);
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (http, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  text = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  return json_from_string (text, NULL);
}

static guint
acm_calls (Fixture    *fixture,
           const char *operation)
{
  g_autoptr (JsonNode) stats = control (fixture, "/_fake/stats", NULL);
  JsonObject *operations = json_object_get_object_member (json_node_get_object (stats), "operations");

  if (operation == NULL)
    return json_object_get_int_member (json_node_get_object (stats), "total");
  return json_object_has_member (operations, operation) ? json_object_get_int_member (operations, operation) : 0;
}

static void
inject (Fixture    *fixture,
        const char *fault,
        guint       count)
{
  g_autofree char *body = g_strdup_printf ("{\"fault\": \"%s\", \"count\": %u}", fault, count);
  G_GNUC_UNUSED g_autoptr (JsonNode) answer = control (fixture, "/_fake/fault", body);
}

#define RUN(fixture, ...) ca_test_run_cli ((const char * const *) (fixture)->env, __VA_ARGS__, NULL)

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
assert_members (JsonObject         *object,
                const char * const *members)
{
  g_assert_cmpuint (json_object_get_size (object), >=, g_strv_length ((char **) members));
  for (guint i = 0; members[i] != NULL; i++)
    if (!json_object_has_member (object, members[i]))
      g_error ("member %s is missing", members[i]);
}

/*
 * list
 */

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  static const char *keys[] = { "arn", "domain", "status", "type", "in_use", NULL };
  g_autoptr (CaTestRun) run = RUN (fixture, "list", "--json");
  JsonArray *certificates;
  JsonObject *first, *third;

  g_assert_cmpint (run->exit_status, ==, 0);
  certificates = json_object_get_array_member (ca_test_run_get_object (run), "certificates");
  g_assert_cmpuint (json_array_get_length (certificates), ==, 6);
  first = json_array_get_object_element (certificates, 0);
  third = json_array_get_object_element (certificates, 2);
  assert_members (first, keys);
  g_assert_cmpstr (json_object_get_string_member (first, "arn"), ==, PENDING);
  g_assert_cmpstr (json_object_get_string_member (first, "domain"), ==, "shop.example.com");
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "PENDING_VALIDATION");
  g_assert_cmpstr (json_object_get_string_member (first, "type"), ==, "AMAZON_ISSUED");
  g_assert_false (json_object_get_boolean_member (first, "in_use"));
  g_assert_true (json_object_get_boolean_member (third, "in_use"));
}

static void
test_list_status (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (CaTestRun) issued = RUN (fixture, "list", "--status", "issued", "--status", "FAILED", "--json");
  g_autoptr (CaTestRun) bad = RUN (fixture, "list", "--status", "SHINY", "--json");
  g_autoptr (CaTestRun) text = RUN (fixture, "list");

  g_assert_cmpint (issued->exit_status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ca_test_run_get_object (issued), "certificates")), ==, 3);
  assert_error_code (bad, 2, "usage");
  g_assert_cmpint (text->exit_status, ==, 0);
  g_assert_nonnull (strstr (text->out, "Validation timed out: nobody approved within 72 hours  blog.example.org  "));
  g_assert_null (strstr (text->out, "VALIDATION_TIMED_OUT"));
}

/* The fixture's environment, in @language: run from the build tree, the
 * program reads the catalogues built there. */
static CaTestRun *
run_in_language (Fixture    *fixture,
                 const char *language,
                 ...)
{
  g_autofree char *variable = g_strdup_printf ("LANGUAGE=%s", language);
  g_autoptr (GPtrArray) env = g_ptr_array_new ();
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  for (guint i = 0; fixture->env[i] != NULL; i++)
    g_ptr_array_add (env, fixture->env[i]);
  g_ptr_array_add (env, variable);
  g_ptr_array_add (env, NULL);
  va_start (ap, language);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return ca_test_run_cli_argv ((const char * const *) env->pdata, (const char * const *) args->pdata);
}

/* The seed's certificates, each with its status in the words of each language. */
static const struct
{
  const char *domain;
  const char *words[3];  /* English, German, French */
} list_statuses[] = {
  { "shop.example.com", { "Waiting for validation", "Wartet auf Validierung", "En attente de validation" } },
  { "blog.example.org", { "Validation timed out: nobody approved within 72 hours",
                          "Validierung abgelaufen: niemand hat innerhalb von 72 Stunden genehmigt",
                          "Validation expirée : personne n’a approuvé dans les 72 heures" } },
  { "example.net", { "Issued", "Ausgestellt", "Émis" } },
  { "api.example.com", { "Issued", "Ausgestellt", "Émis" } },
  { "sub.parent-mx.example", { "Waiting for validation", "Wartet auf Validierung", "En attente de validation" } },
  { "store.example.com", { "The request failed", "Die Anforderung ist fehlgeschlagen", "La demande a échoué" } },
};

/* Each line: the status in words, then the domain and the ARN, each column
 * starting at the same terminal column on every line, whatever the bytes of
 * the words before it (“Émis” is five bytes, four columns). */
static void
assert_list_in_words (const char *out,
                      guint       language)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  glong domain_column = -1;
  glong arn_column = -1;

  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (list_statuses) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (list_statuses); i++)
    {
      const char *line = lines[i];
      const char *domain = strstr (line, list_statuses[i].domain);
      const char *arn = strstr (line, "arn:aws:acm:");
      const char *words = list_statuses[i].words[language];

      g_assert_true (g_str_has_prefix (line, words));
      g_assert_nonnull (domain);
      g_assert_nonnull (arn);
      for (const char *p = line + strlen (words); p < domain; p++)
        g_assert_cmpint (*p, ==, ' ');
      if (i == 0)
        {
          domain_column = g_utf8_pointer_to_offset (line, domain);
          arn_column = g_utf8_pointer_to_offset (line, arn);
        }
      g_assert_cmpint (g_utf8_pointer_to_offset (line, domain), ==, domain_column);
      g_assert_cmpint (g_utf8_pointer_to_offset (line, arn), ==, arn_column);
    }
  g_assert_cmpstr (lines[G_N_ELEMENTS (list_statuses)], ==, "");
  g_assert_null (strstr (out, "PENDING_VALIDATION"));
  g_assert_null (strstr (out, "ISSUED"));
}

/* `list` shows ACM's statuses in the user's words, in columns that line up in
 * every language; --json keeps ACM's codes (test_list). */
static void
test_list_text (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (CaTestRun) english = RUN (fixture, "list");
  g_autoptr (CaTestRun) german = run_in_language (fixture, "de", "list", NULL);
  g_autoptr (CaTestRun) french = run_in_language (fixture, "fr", "list", NULL);

  g_assert_cmpint (english->exit_status, ==, 0);
  assert_list_in_words (english->out, 0);
  g_assert_cmpint (german->exit_status, ==, 0);
  assert_list_in_words (german->out, 1);
  g_assert_cmpint (french->exit_status, ==, 0);
  assert_list_in_words (french->out, 2);
}

/*
 * describe
 */

static void
test_describe (Fixture       *fixture,
               gconstpointer  data)
{
  static const char *keys[] = {
    "arn", "domain", "sans", "status", "type", "failure_reason", "created_at", "issued_at", "not_after",
    "in_use_by", "renewal_status", "resend_deadline", "validations", NULL
  };
  static const char *validation_keys[] = { "name", "method", "status", "validation_domain", "emails", "record", NULL };
  g_autoptr (CaTestRun) run = RUN (fixture, "describe", PENDING, "--json");
  JsonObject *certificate, *validation;
  JsonArray *findings;
  gboolean window_open = FALSE;

  g_assert_cmpint (run->exit_status, ==, 0);
  certificate = json_object_get_object_member (ca_test_run_get_object (run), "certificate");
  assert_members (certificate, keys);
  g_assert_cmpstr (json_object_get_string_member (certificate, "arn"), ==, PENDING);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (certificate, "sans")), ==, 2);
  g_assert_true (json_object_get_null_member (certificate, "failure_reason"));
  g_assert_true (json_object_get_null_member (certificate, "not_after"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (certificate, "created_at"), "Z"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (certificate, "resend_deadline"), "Z"));
  validation = json_array_get_object_element (json_object_get_array_member (certificate, "validations"), 1);
  assert_members (validation, validation_keys);
  g_assert_cmpstr (json_object_get_string_member (validation, "name"), ==, "www.shop.example.com");
  g_assert_cmpstr (json_object_get_string_member (validation, "method"), ==, "EMAIL");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (validation, "emails"), 0), ==, "admin@shop.example.com");
  g_assert_true (json_object_get_null_member (validation, "record"));

  findings = json_object_get_array_member (ca_test_run_get_object (run), "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    window_open |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (findings, i), "id"), "resend_window_open") == 0;
  g_assert_true (window_open);
}

static void
test_describe_dns_record_and_failed (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr (CaTestRun) dns = RUN (fixture, "describe", ISSUED_DNS, "--json");
  g_autoptr (CaTestRun) failed = RUN (fixture, "describe", FAILED, "--json");
  g_autoptr (CaTestRun) text = RUN (fixture, "describe", FAILED);
  JsonObject *certificate, *record;

  g_assert_cmpint (dns->exit_status, ==, 0);
  certificate = json_object_get_object_member (ca_test_run_get_object (dns), "certificate");
  g_assert_true (json_object_get_null_member (certificate, "resend_deadline"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (certificate, "in_use_by")), ==, 1);
  record = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (certificate, "validations"), 0), "record");
  g_assert_cmpstr (json_object_get_string_member (record, "type"), ==, "CNAME");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (record, "name"), ".api.example.com."));

  certificate = json_object_get_object_member (ca_test_run_get_object (failed), "certificate");
  g_assert_cmpstr (json_object_get_string_member (certificate, "failure_reason"), ==, "CAA_ERROR");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (ca_test_run_get_object (failed), "findings"), 0), "id"),
                   ==, "cert_failed_caa_error");
  /* Why it failed is the finding's sentence, not ACM's code. */
  g_assert_cmpint (text->exit_status, ==, 0);
  g_assert_nonnull (strstr (text->out, "\nStatus: The request failed\n"));
  g_assert_nonnull (strstr (text->out, "[Problem] The request failed because CAA records forbid Amazon\n"));
  g_assert_null (strstr (text->out, "CAA_ERROR"));
  g_assert_null (strstr (text->out, "FAILED"));
}

/* describe's text: ACM's status, method and each name's validation in the
 * user's words, never ACM's codes, which only --json keeps (test_describe). */
static void
test_describe_text (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (CaTestRun) english = RUN (fixture, "describe", PENDING);
  g_autoptr (CaTestRun) german = run_in_language (fixture, "de", "describe", PENDING, NULL);
  g_autoptr (CaTestRun) issued = RUN (fixture, "describe", ISSUED_DNS);

  g_assert_cmpint (english->exit_status, ==, 0);
  g_assert_nonnull (strstr (english->out, "\nStatus: Waiting for validation\n"));
  g_assert_nonnull (strstr (english->out, "\nValidation: By email\n"));
  g_assert_nonnull (strstr (english->out, "\n  www.shop.example.com: Waiting for someone to approve the mail\n"));
  g_assert_nonnull (strstr (english->out, "\n    admin@shop.example.com\n"));
  g_assert_nonnull (strstr (english->out, "\n[Note] "));
  g_assert_null (strstr (english->out, "PENDING_VALIDATION"));
  g_assert_null (strstr (english->out, "EMAIL"));
  g_assert_null (strstr (english->out, "[info]"));

  g_assert_cmpint (german->exit_status, ==, 0);
  g_assert_nonnull (strstr (german->out, "\nStatus: Wartet auf Validierung\n"));
  g_assert_nonnull (strstr (german->out, "\n  www.shop.example.com: Wartet darauf, dass jemand die E-Mail genehmigt\n"));

  g_assert_cmpint (issued->exit_status, ==, 0);
  g_assert_nonnull (strstr (issued->out, "\nStatus: Issued\n"));
  g_assert_nonnull (strstr (issued->out, "\n  api.example.com: Validated by DNS\n"));
  g_assert_null (strstr (issued->out, "SUCCESS"));
}

/* --markdown: the certificate, each name and the findings in words, for a
 * support ticket: no ACM code, the addresses ACM mailed, what to do. */
static void
test_describe_markdown (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (CaTestRun) run = RUN (fixture, "describe", PENDING, "--markdown");
  g_autoptr (CaTestRun) both = RUN (fixture, "describe", PENDING, "--markdown", "--json");

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "# CertAssist report\n\n## Certificate\n"));
  g_assert_nonnull (strstr (run->out, "- Certificate: " PENDING "\n"));
  g_assert_nonnull (strstr (run->out, "- Status: Waiting for validation\n"));
  g_assert_nonnull (strstr (run->out, "\n### Names\n"));
  g_assert_nonnull (strstr (run->out, "  - ACM sends the approval mail to admin@shop.example.com\n"));
  g_assert_nonnull (strstr (run->out, "\n## Findings\n"));
  g_assert_nonnull (strstr (run->out, "  What to do: "));
  g_assert_null (strstr (run->out, "PENDING_VALIDATION"));
  g_assert_null (run->json);

  assert_error_code (both, 2, "usage");
}

static void
test_describe_errors (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (CaTestRun) unknown = RUN (fixture, "describe", UNKNOWN, "--json");
  g_autoptr (CaTestRun) invalid = RUN (fixture, "describe", "arn:aws:acm:us-east-1:12:certificate/x", "--json");
  g_autoptr (CaTestRun) none = RUN (fixture, "describe", "--json");
  g_autoptr (CaTestRun) text = RUN (fixture, "describe", UNKNOWN);

  assert_error_code (unknown, 5, "aws_error");
  assert_error_code (invalid, 2, "invalid_arn");
  assert_error_code (none, 2, "usage");
  g_assert_cmpint (text->exit_status, ==, 5);
  g_assert_cmpstr (text->out, ==, "");
  g_assert_nonnull (strstr (text->err, "Could not find certificate " UNKNOWN));
  g_assert_null (strstr (text->err, "ResourceNotFoundException"));
}

/* Exit 3 for the service, 4 for credentials, with the contract's codes. */
static void
test_transport_errors (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (CaTestRun) throttled = NULL;
  g_autoptr (CaTestRun) malformed = NULL;
  g_autoptr (CaTestRun) recovered = NULL;
  g_autoptr (CaTestRun) no_credentials = NULL;
  g_autoptr (CaTestRun) bad_secret = NULL;
  const char *no_keys[] = { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", NULL };
  g_autofree char *endpoint = g_strdup_printf ("AWS_ENDPOINT_URL_ACM=%s", fixture->url);
  const char *wrong_secret[] = { endpoint, "AWS_REGION=us-east-1", "AWS_ACCESS_KEY_ID=AKIDEXAMPLE",
                                 "AWS_SECRET_ACCESS_KEY=wrong/secret", "AWS_CONFIG_FILE=/nonexistent", NULL };
  g_auto (GStrv) env = g_strdupv (fixture->env);

  inject (fixture, "throttle", 3);
  throttled = RUN (fixture, "describe", PENDING, "--json");
  assert_error_code (throttled, 3, "throttled");
  g_assert_cmpuint (acm_calls (fixture, "DescribeCertificate"), ==, 3);

  inject (fixture, "throttle", 2);
  recovered = RUN (fixture, "describe", PENDING, "--json");
  g_assert_cmpint (recovered->exit_status, ==, 0);

  inject (fixture, "malformed-body", 1);
  malformed = RUN (fixture, "list", "--json");
  assert_error_code (malformed, 3, "malformed_response");

  for (guint i = 0; no_keys[i] != NULL; i++)
    env = g_environ_unsetenv (env, no_keys[i]);
  {
    g_autoptr (GPtrArray) list = g_ptr_array_new ();

    for (guint i = 0; env[i] != NULL; i++)
      g_ptr_array_add (list, env[i]);
    g_ptr_array_add (list, (gpointer) "AWS_ACCESS_KEY_ID");
    g_ptr_array_add (list, (gpointer) "AWS_SECRET_ACCESS_KEY");
    g_ptr_array_add (list, NULL);
    no_credentials = ca_test_run_cli ((const char * const *) list->pdata, "list", "--json", NULL);
  }
  assert_error_code (no_credentials, 4, "no_credentials");

  bad_secret = ca_test_run_cli (wrong_secret, "list", "--json", NULL);
  assert_error_code (bad_secret, 4, "access_denied");
  g_assert_null (strstr (bad_secret->out, "wrong/secret"));
}

static void
test_profile_and_region_options (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *dir = ca_test_make_temp_dir ();
  g_autofree char *credentials = g_build_filename (dir, "credentials", NULL);
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *credentials_env = g_strdup_printf ("AWS_SHARED_CREDENTIALS_FILE=%s", credentials);
  g_autofree char *config_env = g_strdup_printf ("AWS_CONFIG_FILE=%s", config);
  g_autofree char *endpoint = g_strdup_printf ("AWS_ENDPOINT_URL_ACM=%s", fixture->url);
  const char *env[] = { endpoint, credentials_env, config_env, "AWS_ACCESS_KEY_ID=AKIDWRONG",
                        "AWS_SECRET_ACCESS_KEY=wrong", "AWS_REGION=eu-west-3", "CERTASSIST_RETRY_BASE_MS=2", NULL };
  g_autoptr (CaTestRun) with_options = NULL;
  g_autoptr (CaTestRun) without = NULL;

  g_assert_true (g_file_set_contents (credentials, "[demo]\naws_access_key_id = AKIDEXAMPLE\n"
                                                   "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n", -1, NULL));
  g_assert_true (g_file_set_contents (config, "[profile demo]\nregion = ap-south-1\n", -1, NULL));
  /* --profile skips the wrong keys in the environment, --region beats AWS_REGION. */
  with_options = ca_test_run_cli (env, "list", "--profile", "demo", "--region", "us-east-1", "--json", NULL);
  g_assert_cmpint (with_options->exit_status, ==, 0);
  without = ca_test_run_cli (env, "list", "--json", NULL);
  assert_error_code (without, 4, "access_denied");
}

/*
 * resend
 */

static void
test_resend (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (CaTestRun) plain = RUN (fixture, "resend", PENDING, "--name", "www.shop.example.com", "--json");
  g_autoptr (CaTestRun) moved = RUN (fixture, "resend", PENDING, "--name", "WWW.Shop.Example.com.", "--validation-domain", "example.com", "--json");
  JsonObject *object = ca_test_run_get_object (plain);

  g_assert_cmpint (plain->exit_status, ==, 0);
  g_assert_true (json_object_get_boolean_member (object, "resent"));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "www.shop.example.com");
  g_assert_cmpstr (json_object_get_string_member (object, "validation_domain"), ==, "www.shop.example.com");
  g_assert_cmpint (moved->exit_status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (ca_test_run_get_object (moved), "validation_domain"), ==, "example.com");
  g_assert_cmpuint (acm_calls (fixture, "ResendValidationEmail"), ==, 2);
}

static void
test_resend_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (CaTestRun) bad_domain = RUN (fixture, "resend", PENDING, "--name", "www.shop.example.com", "--validation-domain", "example.org", "--json");
  g_autoptr (CaTestRun) bad_name = RUN (fixture, "resend", PENDING, "--name", "exa_mple..com", "--json");
  g_autoptr (CaTestRun) no_name = RUN (fixture, "resend", PENDING, "--json");
  g_autoptr (CaTestRun) issued = RUN (fixture, "resend", ISSUED_EMAIL, "--name", "example.net", "--json");
  g_autoptr (CaTestRun) timed_out = RUN (fixture, "resend", TIMED_OUT, "--name", "blog.example.org", "--json");

  assert_error_code (bad_domain, 2, "invalid_validation_domain");
  assert_error_code (bad_name, 2, "invalid_domain");
  assert_error_code (no_name, 2, "usage");
  assert_error_code (issued, 5, "aws_error");
  assert_error_code (timed_out, 5, "aws_error");
  g_assert_cmpuint (acm_calls (fixture, "ResendValidationEmail"), ==, 2);
}

/*
 * request
 */

static void
test_request (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (CaTestRun) dns = RUN (fixture, "request", "new.example.com", "*.new.example.com", "--method", "dns", "--json");
  g_autoptr (CaTestRun) email = NULL;
  g_autoptr (CaTestRun) again = NULL;
  g_autoptr (CaTestRun) listed = NULL;
  const char *arn;

  g_assert_cmpint (dns->exit_status, ==, 0);
  arn = json_object_get_string_member (ca_test_run_get_object (dns), "arn");
  g_assert_true (g_str_has_prefix (arn, "arn:aws:acm:us-east-1:123456789012:certificate/"));

  email = RUN (fixture, "request", "shop2.example.com", "www.shop2.example.com", "--method", "email",
               "--validation-domain", "example.com", "--key-algorithm", "EC_prime256v1", "--json");
  g_assert_cmpint (email->exit_status, ==, 0);

  /* A retry after a lost answer (503) makes no second certificate. */
  inject (fixture, "server-error", 1);
  again = RUN (fixture, "request", "new.example.com", "*.new.example.com", "--method", "dns", "--json");
  g_assert_cmpint (again->exit_status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (ca_test_run_get_object (again), "arn"), ==, arn);
  listed = RUN (fixture, "list", "--json");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ca_test_run_get_object (listed), "certificates")), ==, 8);
}

static void
test_request_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (CaTestRun) no_method = RUN (fixture, "request", "a.example.com", "--json");
  g_autoptr (CaTestRun) bad_method = RUN (fixture, "request", "a.example.com", "--method", "http", "--json");
  g_autoptr (CaTestRun) no_names = RUN (fixture, "request", "--method", "dns", "--json");
  g_autoptr (CaTestRun) bad_name = RUN (fixture, "request", "a..example.com", "--method", "dns", "--json");
  g_autoptr (CaTestRun) bad_domain = RUN (fixture, "request", "a.example.com", "--method", "email", "--validation-domain", "example.org", "--json");
  g_autoptr (CaTestRun) dns_domain = RUN (fixture, "request", "a.example.com", "--method", "dns", "--validation-domain", "example.com", "--json");
  g_autoptr (CaTestRun) bad_key = RUN (fixture, "request", "a.example.com", "--method", "dns", "--key-algorithm", "RSA_1024", "--json");

  assert_error_code (no_method, 2, "usage");
  assert_error_code (bad_method, 2, "usage");
  assert_error_code (no_names, 2, "usage");
  assert_error_code (bad_name, 2, "invalid_domain");
  assert_error_code (bad_domain, 2, "invalid_validation_domain");
  assert_error_code (dns_domain, 2, "usage");
  assert_error_code (bad_key, 2, "usage");
  g_assert_cmpuint (acm_calls (fixture, NULL), ==, 0);
}

static void
test_request_quota (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (CaTestRun) run = NULL;

  inject (fixture, "limit-exceeded", 1);
  run = RUN (fixture, "request", "quota.example.com", "--method", "dns", "--json");
  assert_error_code (run, 5, "aws_error");
  g_assert_cmpuint (acm_calls (fixture, "RequestCertificate"), ==, 1);
}

/*
 * migrate, delete
 */

static void
test_migrate (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (CaTestRun) run = RUN (fixture, "migrate", ISSUED_EMAIL, "--json");
  g_autoptr (CaTestRun) again = RUN (fixture, "migrate", ISSUED_EMAIL, "--json");
  g_autoptr (CaTestRun) pending = RUN (fixture, "migrate", PENDING, "--json");
  g_autoptr (CaTestRun) described = RUN (fixture, "describe", ISSUED_EMAIL, "--json");
  JsonArray *records, *findings;
  JsonObject *record;
  gboolean in_progress = FALSE;

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (ca_test_run_get_object (run), "arn"), ==, ISSUED_EMAIL);
  records = json_object_get_array_member (ca_test_run_get_object (run), "records");
  g_assert_cmpuint (json_array_get_length (records), ==, 2);
  record = json_array_get_object_element (records, 1);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (record, "name"), ".www.example.net."));
  g_assert_cmpstr (json_object_get_string_member (record, "type"), ==, "CNAME");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (record, "value"), ".acm-validations.aws."));

  assert_error_code (again, 5, "aws_error");
  assert_error_code (pending, 5, "aws_error");

  findings = json_object_get_array_member (ca_test_run_get_object (described), "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    in_progress |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (findings, i), "id"), "migration_in_progress") == 0;
  g_assert_true (in_progress);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (CaTestRun) unconfirmed = RUN (fixture, "delete", TIMED_OUT, "--json");
  g_autoptr (CaTestRun) deleted = RUN (fixture, "delete", TIMED_OUT, "--yes", "--json");
  g_autoptr (CaTestRun) gone = RUN (fixture, "describe", TIMED_OUT, "--json");
  g_autoptr (CaTestRun) in_use = RUN (fixture, "delete", ISSUED_DNS, "--yes", "--json");

  assert_error_code (unconfirmed, 2, "usage");
  g_assert_cmpint (deleted->exit_status, ==, 0);
  g_assert_true (json_object_get_boolean_member (ca_test_run_get_object (deleted), "deleted"));
  assert_error_code (gone, 5, "aws_error");
  assert_error_code (in_use, 5, "aws_error");
}

/*
 * watch
 */

static GSubprocess *
spawn_cli (Fixture            *fixture,
           const char * const *args)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  for (guint i = 0; fixture->env[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (fixture->env[i], "=", 2);

      if (pair[1] != NULL)
        g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, pair[0]);
    }
  g_ptr_array_add (argv, (gpointer) g_getenv ("CERTASSIST_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static JsonObject *
read_json_line (GDataInputStream *out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_autoptr (JsonNode) node = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (line);
  node = json_from_string (line, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static void
test_watch_until_issued (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *args[] = { "watch", PENDING, "--json", NULL };
  g_autoptr (GSubprocess) watch = spawn_cli (fixture, args);
  g_autoptr (GDataInputStream) out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (watch));
  g_autoptr (JsonObject) first = NULL;
  g_autoptr (JsonObject) second = NULL;
  g_autoptr (JsonNode) approved = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *rest = NULL;

  first = read_json_line (out);
  g_assert_cmpstr (json_object_get_string_member (first, "arn"), ==, PENDING);
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "PENDING_VALIDATION");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "validations")), ==, 2);

  approved = control (fixture, "/_fake/approve", "{\"arn\": \"" PENDING "\"}");
  second = read_json_line (out);
  g_assert_cmpstr (json_object_get_string_member (second, "status"), ==, "ISSUED");

  rest = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_null (rest);
  g_assert_true (g_subprocess_wait (watch, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (watch), ==, 0);
}

static void
test_watch_final_states (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (CaTestRun) timed_out = RUN (fixture, "watch", TIMED_OUT, "--json");
  g_autoptr (CaTestRun) failed = RUN (fixture, "watch", FAILED, "--json");
  const char *args[] = { "watch", PENDING, "--max-wait", "1", "--json", NULL };
  g_autoptr (GSubprocess) gave_up = spawn_cli (fixture, args);
  g_autoptr (GError) error = NULL;
  g_autofree char *gave_up_out = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_cmpint (timed_out->exit_status, ==, 0);
  lines = g_strsplit (g_strstrip (timed_out->out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_nonnull (strstr (lines[0], "\"status\":\"VALIDATION_TIMED_OUT\""));
  g_assert_cmpint (failed->exit_status, ==, 0);
  g_assert_nonnull (strstr (failed->out, "\"status\":\"FAILED\""));
  /* No change in a second: one line, then the timeout (exit 3). Two JSON
   * documents, so not through ca_test_run_cli(), which parses one. */
  g_assert_true (g_subprocess_communicate_utf8 (gave_up, NULL, NULL, &gave_up_out, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (gave_up), ==, 3);
  g_assert_nonnull (strstr (gave_up_out, "\"status\":\"PENDING_VALIDATION\""));
  g_assert_nonnull (strstr (gave_up_out, "\"code\" : \"timeout\""));
}

/* The text of watch: each change in words (the JSON lines keep ACM's codes). */
static void
test_watch_text (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (CaTestRun) failed = RUN (fixture, "watch", FAILED);
  g_autoptr (CaTestRun) timed_out = run_in_language (fixture, "fr", "watch", TIMED_OUT, NULL);

  g_assert_cmpint (failed->exit_status, ==, 0);
  g_assert_nonnull (strstr (failed->out, "Z  store.example.com: The request failed\n"));
  g_assert_null (strstr (failed->out, "FAILED"));
  g_assert_cmpint (timed_out->exit_status, ==, 0);
  g_assert_nonnull (strstr (timed_out->out, "Z  blog.example.org"));
  g_assert_nonnull (strstr (timed_out->out, "Validation expirée : personne n’a approuvé dans les 72 heures\n"));
  g_assert_null (strstr (timed_out->out, "VALIDATION_TIMED_OUT"));
}

/*
 * diagnose --arn
 */

static gboolean
has_finding (JsonObject *report,
             const char *id,
             const char *name)
{
  JsonArray *findings = json_object_get_array_member (report, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_strcmp0 (json_object_get_string_member (finding, "id"), id) == 0 &&
          (name == NULL || g_strcmp0 (json_object_get_string_member (finding, "name"), name) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
test_diagnose_arn (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (CaTestRun) all_names = RUN (fixture, "diagnose", "--arn", PENDING, "--checks", "certificate", "--json");
  g_autoptr (CaTestRun) chosen = RUN (fixture, "diagnose", "www.shop.example.com", "other.example.com", "--arn", PENDING,
                                      "--checks", "certificate", "--json");
  JsonObject *report = ca_test_run_get_object (all_names);
  JsonObject *certificate;
  JsonArray *names;

  g_assert_cmpint (all_names->exit_status, ==, 0);
  certificate = json_object_get_object_member (report, "certificate");
  g_assert_cmpstr (json_object_get_string_member (certificate, "arn"), ==, PENDING);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (certificate, "validations")), ==, 2);
  names = json_object_get_array_member (report, "names");
  g_assert_cmpuint (json_array_get_length (names), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (names, 1), "name"), ==, "www.shop.example.com");
  g_assert_true (has_finding (report, "resend_window_open", NULL));
  g_assert_true (has_finding (report, "email_validation_phase_out", NULL));
  g_assert_true (has_finding (report, "domains_pending_approval", NULL));

  g_assert_cmpint (chosen->exit_status, ==, 0);
  g_assert_true (has_finding (ca_test_run_get_object (chosen), "cert_name_missing", "other.example.com"));
  {
    g_autoptr (CaTestRun) text = RUN (fixture, "diagnose", "--arn", PENDING, "--checks", "certificate");

    g_assert_cmpint (text->exit_status, ==, 0);
    /* ACM's view comes first, in words: never an API code such as PENDING_VALIDATION. */
    g_assert_true (g_str_has_prefix (text->out, "The Certificate in ACM\n  Certificate: " PENDING "\n"));
    g_assert_nonnull (strstr (text->out, "  Status: Waiting for validation\n"));
    g_assert_nonnull (strstr (text->out, "  www.shop.example.com: Waiting for someone to approve the mail\n"));
    g_assert_nonnull (strstr (text->out, "admin@shop.example.com"));
  }
  g_assert_false (has_finding (ca_test_run_get_object (chosen), "cert_name_missing", "www.shop.example.com"));
  g_assert_cmpuint (acm_calls (fixture, "DescribeCertificate"), ==, 3);
}

/* The fake serves what ACM mailed from its seed, not from the product's rule: two
 * addresses where five are computed is reported; the five ACM mails for the
 * ValidationDomain www.example.com (admin@example.com…, acm-rules.md §2) are not. */
#define SEEDED_EMAILS "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0011-4000-8000-000000000011"
#define COMPUTED_EMAILS "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0012-4000-8000-000000000012"

static void
test_diagnose_arn_emails_differ (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (CaTestRun) seeded = RUN (fixture, "diagnose", "--arn", SEEDED_EMAILS, "--checks", "certificate", "--json");
  g_autoptr (CaTestRun) computed = RUN (fixture, "diagnose", "--arn", COMPUTED_EMAILS, "--checks", "certificate", "--json");
  g_autoptr (CaTestRun) text = RUN (fixture, "diagnose", "--arn", SEEDED_EMAILS, "--checks", "certificate");

  g_assert_cmpint (seeded->exit_status, ==, 0);
  g_assert_true (has_finding (ca_test_run_get_object (seeded), "validation_emails_differ", "www.example.com"));
  g_assert_cmpint (computed->exit_status, ==, 0);
  g_assert_false (has_finding (ca_test_run_get_object (computed), "validation_emails_differ", NULL));
  g_assert_true (has_finding (ca_test_run_get_object (computed), "resend_window_open", NULL));
  g_assert_nonnull (strstr (text->out, "ACM mailed these addresses: admin@example.com, hostmaster@example.com."));
}

static void
test_diagnose_arn_errors (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (CaTestRun) invalid = RUN (fixture, "diagnose", "a.example.com", "--arn", "nope", "--json");
  g_autoptr (CaTestRun) unknown = RUN (fixture, "diagnose", "a.example.com", "--arn", UNKNOWN, "--checks", "certificate", "--json");
  g_autoptr (CaTestRun) without = RUN (fixture, "diagnose", "shop.example.com", "--checks", "certificate", "--json");

  assert_error_code (invalid, 2, "invalid_arn");
  assert_error_code (unknown, 5, "aws_error");
  g_assert_cmpint (without->exit_status, ==, 0);
  g_assert_true (json_object_get_null_member (ca_test_run_get_object (without), "certificate"));
  g_assert_cmpuint (acm_calls (fixture, NULL), ==, 1);
}

#define ADD(path, func) \
  g_test_add ("/cli/acm/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  ADD ("list", test_list);
  ADD ("list/status", test_list_status);
  ADD ("list/text", test_list_text);
  ADD ("describe", test_describe);
  ADD ("describe/dns-and-failed", test_describe_dns_record_and_failed);
  ADD ("describe/markdown", test_describe_markdown);
  ADD ("describe/text", test_describe_text);
  ADD ("describe/errors", test_describe_errors);
  ADD ("errors/transport", test_transport_errors);
  ADD ("profile-and-region", test_profile_and_region_options);
  ADD ("resend", test_resend);
  ADD ("resend/errors", test_resend_errors);
  ADD ("request", test_request);
  ADD ("request/errors", test_request_errors);
  ADD ("request/quota", test_request_quota);
  ADD ("migrate", test_migrate);
  ADD ("delete", test_delete);
  ADD ("watch/until-issued", test_watch_until_issued);
  ADD ("watch/final-states", test_watch_final_states);
  ADD ("watch/text", test_watch_text);
  ADD ("diagnose-arn", test_diagnose_arn);
  ADD ("diagnose-arn/errors", test_diagnose_arn_errors);
  g_test_add ("/cli/acm/diagnose-arn/emails-differ", Fixture, "fake-acm-emails.json",
              fixture_set_up, test_diagnose_arn_emails_differ, fixture_tear_down);

  return g_test_run ();
}
