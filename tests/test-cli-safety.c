/* test-cli-safety.c: what strangers' bytes can do to certassist-cli's output
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CLI runs as a separate program against the fake-acm program, seeded with
 * a certificate whose fields hold terminal escapes, bells and bidi overrides,
 * and made to answer with AWS's signature-mismatch text (the signed request
 * quoted, session token included). Text output is clean, JSON exact, secrets
 * nowhere, logs on stderr, and option errors the contract's JSON error.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "ca-test-util.h"

#define HOSTILE_ARN "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0666-4000-8000-000000000666"
#define SESSION_TOKEN "IQoJb3JpZ2luX2VjEHAaCXVzLWVhc3QtMSJHMEUCIQDsessiontokenSECRETpart0123456789abcdefXYZ"
#define SECRET_KEY "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

typedef struct
{
  GSubprocess *fake;
  char        *url;
  char        *seed;
  char        *env[16];
} Fixture;

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Each field a terminal shows: an escape that colours and retitles, a bell, a
 * carriage return that overwrites, a backspace. */
static const char hostile_seed[] =
  "{\"certificates\": [{"
  "\"CertificateArn\": \"" HOSTILE_ARN "\","
  "\"DomainName\": \"evil\\u001b[31m.example.com\","
  "\"SubjectAlternativeNames\": [\"evil\\u001b[31m.example.com\", \"bell\\u0007.example.com\"],"
  "\"Status\": \"FAILED\","
  "\"ValidationMethod\": \"EMAIL\","
  "\"FailureReason\": \"OTHER\\u001b]0;owned\\u0007\\rfine\\b\","
  "\"InUseBy\": [\"arn:aws:cloudfront::123456789012:distribution/E\\u001b[2J\"],"
  "\"CreatedHoursAgo\": 5"
  "}]}";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "fake-acm", "fake-acm", NULL);
  g_autofree char *dir = ca_test_make_temp_dir ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  guint n = 0;

  fixture->seed = g_build_filename (dir, "seed.json", NULL);
  g_file_set_contents (fixture->seed, hostile_seed, -1, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  fixture->fake = g_subprocess_launcher_spawn (launcher, &error, program, "--seed", fixture->seed, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->fake));
  fixture->url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (fixture->url, "http://127.0.0.1:"));

  fixture->env[n++] = g_strdup_printf ("AWS_ENDPOINT_URL_ACM=%s", fixture->url);
  fixture->env[n++] = g_strdup ("AWS_REGION=us-east-1");
  fixture->env[n++] = g_strdup ("AWS_ACCESS_KEY_ID=AKIDEXAMPLE");
  fixture->env[n++] = g_strdup ("AWS_SECRET_ACCESS_KEY=" SECRET_KEY);
  fixture->env[n++] = g_strdup ("AWS_SESSION_TOKEN=" SESSION_TOKEN);
  fixture->env[n++] = g_strdup ("AWS_CONFIG_FILE=/nonexistent/config");
  fixture->env[n++] = g_strdup ("AWS_SHARED_CREDENTIALS_FILE=/nonexistent/credentials");
  fixture->env[n++] = g_strdup ("CERTASSIST_RETRY_BASE_MS=2");
  fixture->env[n++] = g_strdup ("G_MESSAGES_DEBUG=all");
  fixture->env[n++] = g_strdup ("AWS_PROFILE");
  fixture->env[n++] = g_strdup ("AWS_ENDPOINT_URL");
  fixture->env[n++] = NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->seed);

  g_subprocess_send_signal (fixture->fake, SIGTERM);
  g_subprocess_wait (fixture->fake, NULL, NULL);
  g_clear_object (&fixture->fake);
  g_clear_pointer (&fixture->url, g_free);
  g_unlink (fixture->seed);
  g_rmdir (dir);
  g_clear_pointer (&fixture->seed, g_free);
  for (guint i = 0; fixture->env[i] != NULL; i++)
    g_clear_pointer (&fixture->env[i], g_free);
}

#define RUN(fixture, ...) ca_test_run_cli ((const char * const *) (fixture)->env, __VA_ARGS__, NULL)

static void
inject (Fixture    *fixture,
        const char *fault)
{
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autofree char *url = g_strconcat (fixture->url, "/_fake/fault", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *body = g_strdup_printf ("{\"fault\": \"%s\", \"count\": 1}", fault);
  g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  answer = soup_session_send_and_read (http, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

/* No byte a terminal obeys: C0 controls but tab and newline, DEL, C1. */
static void
assert_no_controls (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch != '\n' && ch != '\t' && g_unichar_iscntrl (ch))
        g_error ("control character U+%04X in: %s", ch, text);
    }
}

static void
assert_json_only_on_stdout (CaTestRun *run)
{
  if (run->json == NULL)
    g_error ("stdout is not JSON alone:\n%s\nstderr: %s", run->out, run->err);
}

static void
test_text_is_clean (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (CaTestRun) describe = RUN (fixture, "describe", HOSTILE_ARN);
  g_autoptr (CaTestRun) list = RUN (fixture, "list");
  g_autoptr (CaTestRun) inspect = RUN (fixture, "inspect", HOSTILE_ARN);

  g_assert_cmpint (describe->exit_status, ==, 0);
  g_assert_nonnull (strstr (describe->out, "evil[31m.example.com"));
  g_assert_nonnull (strstr (describe->out, "bell.example.com"));
  assert_no_controls (describe->out);
  assert_no_controls (describe->err);
  g_assert_cmpint (list->exit_status, ==, 0);
  g_assert_nonnull (strstr (list->out, "evil[31m.example.com"));
  assert_no_controls (list->out);
  assert_no_controls (list->err);
  g_assert_nonnull (strstr (inspect->out, "evil[31m.example.com"));
  assert_no_controls (inspect->out);
  assert_no_controls (inspect->err);
}

/* JSON carries the bytes as they are, escaped by the generator. */
static void
test_json_is_exact (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (CaTestRun) run = RUN (fixture, "describe", HOSTILE_ARN, "--json");
  JsonObject *certificate;
  JsonArray *sans;

  g_assert_cmpint (run->exit_status, ==, 0);
  assert_json_only_on_stdout (run);
  certificate = json_object_get_object_member (ca_test_run_get_object (run), "certificate");
  g_assert_cmpstr (json_object_get_string_member (certificate, "domain"), ==, "evil\033[31m.example.com");
  g_assert_cmpstr (json_object_get_string_member (certificate, "failure_reason"), ==, "OTHER\033]0;owned\a\rfine\b");
  sans = json_object_get_array_member (certificate, "sans");
  g_assert_cmpstr (json_array_get_string_element (sans, 1), ==, "bell\a.example.com");
  /* The raw bytes are not on stdout: the generator wrote \u001b. */
  g_assert_null (strchr (run->out, '\033'));
  g_assert_null (strchr (run->out, '\a'));
}

static void
assert_no_secret (CaTestRun *run)
{
  const char *streams[] = { run->out, run->err };

  for (guint i = 0; i < G_N_ELEMENTS (streams); i++)
    {
      if (strstr (streams[i], SESSION_TOKEN) != NULL || strstr (streams[i], "sessiontokenSECRET") != NULL)
        g_error ("the session token reached the output:\n%s", streams[i]);
      if (strstr (streams[i], SECRET_KEY) != NULL)
        g_error ("the secret key reached the output:\n%s", streams[i]);
      if (strstr (streams[i], "Signature=") != NULL && strstr (streams[i], "Signature=[redacted]") == NULL)
        g_error ("a signature reached the output:\n%s", streams[i]);
    }
}

/* AWS quotes the signed request in its signature-mismatch message: what the
 * CLI shows of it, and what it logs (G_MESSAGES_DEBUG=all), holds no secret. */
static void
test_server_message_redacted (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (CaTestRun) text = NULL;
  g_autoptr (CaTestRun) json = NULL;
  JsonObject *error;

  inject (fixture, "echo-credentials");
  text = RUN (fixture, "describe", HOSTILE_ARN);
  g_assert_cmpint (text->exit_status, ==, 4);
  /* The message is still shown, in words, without what it quoted. */
  g_assert_nonnull (strstr (text->err, "is not authorized"));
  g_assert_nonnull (strstr (text->err, "[redacted]"));
  assert_no_secret (text);

  inject (fixture, "echo-credentials");
  json = RUN (fixture, "describe", HOSTILE_ARN, "--json");
  g_assert_cmpint (json->exit_status, ==, 4);
  assert_json_only_on_stdout (json);
  error = json_object_get_object_member (ca_test_run_get_object (json), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "access_denied");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "[redacted]"));
  assert_no_secret (json);
}

/* G_MESSAGES_DEBUG=all is set for every run here: the debug lines go to
 * stderr and stdout stays one JSON object. */
static void
test_logs_on_stderr (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (CaTestRun) run = RUN (fixture, "list", "--json");

  g_assert_cmpint (run->exit_status, ==, 0);
  assert_json_only_on_stdout (run);
  g_assert_nonnull (strstr (run->err, "DEBUG"));
}

static void
assert_usage_json (CaTestRun *run)
{
  JsonObject *error;

  g_assert_cmpint (run->exit_status, ==, 2);
  assert_json_only_on_stdout (run);
  error = json_object_get_object_member (ca_test_run_get_object (run), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "usage");
  g_assert_true (g_utf8_validate (json_object_get_string_member (error, "message"), -1, NULL));
  g_assert_cmpstr (json_object_get_string_member (error, "message"), !=, "");
}

/* Options GOption refuses are errors like any other under --json, wherever
 * --json stands. */
static void
test_option_errors_json (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (CaTestRun) before = RUN (fixture, "--json", "--timeout", "abc", "list");
  g_autoptr (CaTestRun) after = RUN (fixture, "list", "--timeout", "abc", "--json");
  g_autoptr (CaTestRun) profile = RUN (fixture, "--json", "--profile", "\xff\xfe" "bad", "list");
  g_autoptr (CaTestRun) text = RUN (fixture, "list", "--timeout", "abc");

  assert_usage_json (before);
  assert_usage_json (after);
  assert_usage_json (profile);
  g_assert_cmpint (text->exit_status, ==, 2);
  g_assert_null (text->json);
  g_assert_nonnull (strstr (text->err, "--timeout"));
}

int
main (int   argc,
      char *argv[])
{
  ca_test_init (&argc, &argv);

  g_test_add ("/cli-safety/text-is-clean", Fixture, NULL, fixture_set_up, test_text_is_clean, fixture_tear_down);
  g_test_add ("/cli-safety/json-is-exact", Fixture, NULL, fixture_set_up, test_json_is_exact, fixture_tear_down);
  g_test_add ("/cli-safety/server-message-redacted", Fixture, NULL, fixture_set_up, test_server_message_redacted,
              fixture_tear_down);
  g_test_add ("/cli-safety/logs-on-stderr", Fixture, NULL, fixture_set_up, test_logs_on_stderr, fixture_tear_down);
  g_test_add ("/cli-safety/option-errors-json", Fixture, NULL, fixture_set_up, test_option_errors_json,
              fixture_tear_down);

  return g_test_run ();
}
