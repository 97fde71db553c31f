/* test-hostile-input.c: bytes from strangers must not crash, hang or fool CertAssist
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each class of issue 17's inputs, against a hostile SoupServer on 127.0.0.1
 * (ACM, STS and the IAM Identity Center portal in one), a raw TCP server that
 * drips its answer, hostile files (a FIFO, /dev/zero) and hostile credential
 * helpers, mostly through the real CLI: JSON and XML nested beyond any answer,
 * a NextToken that never changes, list entries of the wrong type, an empty
 * portal answer, a helper that prints nothing, one that prints without end,
 * one that never ends, one whose child keeps stdout open, and source_profile
 * chains long, endless and looping. The CLI runs as a child while this
 * process serves, so the test waits for it with the main loop running.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include "ca-credentials-private.h"
#include "ca-error.h"
#include "ca-json.h"
#include "ca-rdap-bootstrap.h"
#include "ca-read-file.h"
#include "ca-test-util.h"

#define ARN "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
#define SUMMARY "{\"CertificateArn\":\"" ARN "\",\"DomainName\":\"www.example.com\",\"Status\":\"ISSUED\"}"
/* json-glib recurses once per level: this many overflow its stack. */
#define DEEP_LEVELS 80000

typedef enum
{
  SERVE_EMPTY_LIST,
  SERVE_DEEP,
  SERVE_SAME_TOKEN,
  SERVE_WRONG_TYPES,
  SERVE_EMPTY_PORTAL,
  SERVE_DESCRIBE,
} ServeMode;

typedef struct
{
  SoupServer *server;
  char       *url;
  ServeMode   mode;
  const char *describe_answer;  /* DescribeCertificate's, for SERVE_DESCRIBE */
  guint       acm_requests;
  guint       sts_requests;
  guint       drips;   /* dripping answers not finished yet */
  char       *dir;
  char       *config;
  char       *credentials;
} Hostile;

/*
 * The hostile server
 */

static char *
deep_json (guint levels)
{
  GString *text = g_string_new ("{\"CertificateSummaryList\":");

  for (guint i = 0; i < levels; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < levels; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static void
answer_text (SoupServerMessage *msg,
             const char        *content_type,
             const char        *text)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, text, strlen (text));
}

/* A valid HTTP head, then one blank byte of the body every 200 ms for a
 * minute: each read is quick, so only a deadline over the whole exchange ends
 * it. Raw TCP (GSocketService), so the drip stops at once when the client
 * hangs up. */
typedef struct
{
  GSocketConnection *connection;
  guint              left;
  guint             *alive;
} Drip;

static gboolean
drip_cb (gpointer user_data)
{
  Drip *drip = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (drip->connection));

  if (drip->left-- > 0 && g_output_stream_write (out, " ", 1, NULL, NULL) == 1)
    return G_SOURCE_CONTINUE;
  g_io_stream_close (G_IO_STREAM (drip->connection), NULL, NULL);
  g_object_unref (drip->connection);
  (*drip->alive)--;
  g_free (drip);
  return G_SOURCE_REMOVE;
}

static gboolean
drip_incoming_cb (GSocketService    *service,
                  GSocketConnection *connection,
                  GObject           *source,
                  gpointer           user_data)
{
  static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n"
                             "Content-Length: 300\r\n\r\n";
  Drip *drip = g_new0 (Drip, 1);

  drip->connection = g_object_ref (connection);
  drip->left = 300;
  drip->alive = user_data;
  (*drip->alive)++;
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), head, strlen (head),
                             NULL, NULL, NULL);
  g_timeout_add (200, drip_cb, drip);
  return TRUE;
}

static void
answer_sts (SoupServerMessage *msg)
{
  answer_text (msg, "text/xml",
               "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
               "<Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>role/secret</SecretAccessKey>"
               "<SessionToken>roletoken</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>"
               "</AssumeRoleResult></AssumeRoleResponse>");
}

static void
answer_acm (Hostile           *self,
            SoupServerMessage *msg)
{
  g_autofree char *deep = NULL;

  self->acm_requests++;
  switch (self->mode)
    {
    case SERVE_DEEP:
      deep = deep_json (DEEP_LEVELS);
      answer_text (msg, "application/x-amz-json-1.1", deep);
      break;
    case SERVE_SAME_TOKEN:
      answer_text (msg, "application/x-amz-json-1.1", "{\"CertificateSummaryList\":[" SUMMARY "],\"NextToken\":\"again\"}");
      break;
    case SERVE_WRONG_TYPES:
      answer_text (msg, "application/x-amz-json-1.1", "{\"CertificateSummaryList\":[42,{\"CertificateArn\":7},\"x\"]}");
      break;
    case SERVE_DESCRIBE:
      answer_text (msg, "application/x-amz-json-1.1", self->describe_answer);
      break;
    case SERVE_EMPTY_LIST:
    case SERVE_EMPTY_PORTAL:
    default:
      answer_text (msg, "application/x-amz-json-1.1", "{\"CertificateSummaryList\":[]}");
      break;
    }
}

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Hostile *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (g_str_has_prefix (path, "/federation/credentials"))
    {
      /* IAM Identity Center's portal, answering 200 with nothing. */
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "", 0);
      return;
    }
  if (soup_message_headers_get_one (headers, "X-Amz-Target") == NULL)
    {
      self->sts_requests++;
      answer_sts (msg);
      return;
    }
  answer_acm (self, msg);
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static Hostile *
hostile_new (ServeMode mode)
{
  Hostile *self = g_new0 (Hostile, 1);

  self->mode = mode;
  self->server = ca_test_server_new (serve_cb, self, &self->url);
  self->dir = ca_test_make_temp_dir ();
  self->config = g_build_filename (self->dir, "config", NULL);
  self->credentials = g_build_filename (self->dir, "credentials", NULL);
  write_file (self->config, "[default]\nregion = us-east-1\n");
  write_file (self->credentials, "");
  return self;
}

static void
hostile_free (Hostile *self)
{
  ca_test_server_retire (self->server);
  g_free (self->url);
  g_free (self->config);
  g_free (self->credentials);
  g_free (self->dir);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Hostile, hostile_free)

/*
 * Running the CLI while serving
 */

typedef struct
{
  gboolean  done;
  GBytes   *out;
  GBytes   *err;
} Communicated;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communicated *communicated = user_data;
  g_autoptr (GError) error = NULL;

  g_subprocess_communicate_finish (G_SUBPROCESS (object), result, &communicated->out, &communicated->err, &error);
  g_assert_no_error (error);
  communicated->done = TRUE;
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize len = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;

  return g_strndup (data != NULL ? data : "", len);
}

/* @env adds to the Hostile's environment: NAME=VALUE, or NAME to unset. */
static CaTestRun *
run_cli (Hostile            *self,
         const char * const *env,
         const char * const *args)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  Communicated communicated = { FALSE, NULL, NULL };
  CaTestRun *run = g_new0 (CaTestRun, 1);
  static const char *unset[] = {
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", NULL
  };

  for (guint i = 0; unset[i] != NULL; i++)
    g_subprocess_launcher_unsetenv (launcher, unset[i]);
  g_subprocess_launcher_setenv (launcher, "AWS_CONFIG_FILE", self->config, TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_SHARED_CREDENTIALS_FILE", self->credentials, TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_REGION", "us-east-1", TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_ENDPOINT_URL_ACM", self->url, TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_ENDPOINT_URL_STS", self->url, TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_ENDPOINT_URL_SSO", self->url, TRUE);
  g_subprocess_launcher_setenv (launcher, "CERTASSIST_RETRY_BASE_MS", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", self->dir, TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (env[i], "=", 2);

      if (pair[1] != NULL)
        g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, pair[0]);
    }

  g_ptr_array_add (argv, (gpointer) g_getenv ("CERTASSIST_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_async (process, NULL, NULL, communicated_cb, &communicated);
  ca_test_wait_for (&communicated.done);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  /* A crash (a stack overflow, a fatal critical) is no exit at all. */
  g_assert_true (g_subprocess_get_if_exited (process));
  run->exit_status = g_subprocess_get_exit_status (process);
  run->out = bytes_to_string (communicated.out);
  run->err = bytes_to_string (communicated.err);
  run->json = json_from_string (run->out, NULL);
  g_clear_pointer (&communicated.out, g_bytes_unref);
  g_clear_pointer (&communicated.err, g_bytes_unref);
  return run;
}

static const char *keys_env[] = {
  "AWS_ACCESS_KEY_ID=AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", NULL
};

/* The error object of a --json run, checked against contract.md. */
static void
assert_json_error (CaTestRun  *run,
                   int         exit_status,
                   const char *code,
                   const char *words)
{
  JsonObject *error;

  if (run->exit_status != exit_status)
    g_printerr ("stdout: %s\nstderr: %s\n", run->out, run->err);
  g_assert_cmpint (run->exit_status, ==, exit_status);
  g_assert_nonnull (run->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (run->json));
  error = json_object_get_object_member (json_node_get_object (run->json), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  if (words != NULL && strstr (json_object_get_string_member (error, "message"), words) == NULL)
    g_error ("“%s” lacks “%s”", json_object_get_string_member (error, "message"), words);
}

/*
 * JSON nesting and size, before json-glib
 */

static void
test_json_deep_refused (void)
{
  g_autofree char *deep = deep_json (DEEP_LEVELS);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = ca_json_parse_untrusted (deep, strlen (deep), 1024 * 1024, &error);

  g_assert_null (root);
  g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
  g_assert_nonnull (strstr (error->message, "nested"));
}

static void
test_json_brackets_in_strings (void)
{
  g_autoptr (GString) text = g_string_new ("{\"a\":\"");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  /* Brackets inside a string, and an escaped quote, are not nesting. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "[{\\\"");
  g_string_append (text, "\"}");
  root = ca_json_parse_untrusted (text->str, text->len, 1024 * 1024, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
}

static void
test_json_limits (void)
{
  g_autoptr (GString) fine = g_string_new (NULL);
  g_autoptr (GString) deep = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  for (guint i = 0; i < CA_JSON_MAX_DEPTH; i++)
    g_string_append_c (fine, '[');
  for (guint i = 0; i < CA_JSON_MAX_DEPTH; i++)
    g_string_append_c (fine, ']');
  root = ca_json_parse_untrusted (fine->str, fine->len, 1024, &error);
  g_assert_no_error (error);
  g_clear_pointer (&root, json_node_unref);

  g_string_append_printf (deep, "[%s]", fine->str);
  g_assert_null (ca_json_parse_untrusted (deep->str, deep->len, 1024, &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
  g_clear_error (&error);

  g_assert_null (ca_json_parse_untrusted ("{\"a\":\"long enough\"}", 20, 10, &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
  g_clear_error (&error);

  /* json-glib reads nothing as a document without a root. */
  g_assert_null (ca_json_parse_untrusted ("", 0, 10, &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
  g_clear_error (&error);
  g_assert_null (ca_json_parse_untrusted (NULL, 0, 10, &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
}

static void
test_rdap_bootstrap_deep (void)
{
  g_autofree char *deep = deep_json (DEEP_LEVELS);
  g_autoptr (GBytes) bytes = g_bytes_new_take (g_steal_pointer (&deep), DEEP_LEVELS * 2 + 27);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaRdapBootstrap) bootstrap = ca_rdap_bootstrap_new_from_bytes (bytes, &error);

  g_assert_null (bootstrap);
  g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
}

static void
test_sts_deep_xml (void)
{
  g_autoptr (GString) xml = g_string_new ("");
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append (xml, "<a>");
  g_string_append (xml, "<AccessKeyId>A</AccessKeyId><SecretAccessKey>B</SecretAccessKey>");
  for (guint i = 0; i < 1000; i++)
    g_string_append (xml, "</a>");
  credentials = ca_credentials_parse_sts_response (xml->str, xml->len, "p", &error);
  g_assert_null (credentials);
  g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
}

static void
test_acm_deep_answer (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_DEEP);
  g_autoptr (CaTestRun) run = run_cli (hostile, keys_env, (const char *[]) { "--json", "list", NULL });

  assert_json_error (run, 3, "malformed_response", NULL);
}

/*
 * IAM Identity Center: an empty 200
 */

static void
test_sso_empty_portal_answer (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_EMPTY_PORTAL);
  g_autofree char *cache_dir = g_build_filename (hostile->dir, ".aws", "sso", "cache", NULL);
  g_autofree char *key = g_compute_checksum_for_string (G_CHECKSUM_SHA1, "corp", -1);
  g_autofree char *name = g_strconcat (key, ".json", NULL);
  g_autofree char *cache = g_build_filename (cache_dir, name, NULL);
  g_autoptr (CaTestRun) run = NULL;

  write_file (hostile->config,
              "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n"
              "region = us-east-1\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
              "sso_region = us-east-1\n");
  g_assert_cmpint (g_mkdir_with_parents (cache_dir, 0700), ==, 0);
  write_file (cache, "{\"accessToken\":\"TOKEN-hostile\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}");

  /* G_DEBUG=fatal-warnings makes a Json-CRITICAL a crash, which run_cli() fails on. */
  run = run_cli (hostile, NULL, (const char *[]) { "--json", "--profile", "sso", "list", NULL });
  assert_json_error (run, 3, "malformed_response", NULL);
  g_assert_cmpuint (hostile->acm_requests, ==, 0);
}

/*
 * credential_process
 */

static void
use_helper (Hostile    *self,
            const char *command)
{
  g_autofree char *config = g_strdup_printf ("[default]\nregion = us-east-1\ncredential_process = %s\n", command);

  write_file (self->config, config);
}

static void
test_process_prints_nothing (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_EMPTY_LIST);
  g_autoptr (CaTestRun) run = NULL;

  use_helper (hostile, "/bin/true");
  run = run_cli (hostile, NULL, (const char *[]) { "--json", "list", NULL });
  assert_json_error (run, 4, "no_credentials", "printed nothing");
  g_assert_cmpuint (hostile->acm_requests, ==, 0);
}

static void
test_process_prints_too_much (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_EMPTY_LIST);
  g_autoptr (CaTestRun) run = NULL;

  use_helper (hostile, "/usr/bin/yes");
  run = run_cli (hostile, NULL, (const char *[]) { "--json", "list", NULL });
  assert_json_error (run, 4, "no_credentials", "too much");
}

/* The helper exits at once; its child keeps the pipe open for five minutes. */
static void
test_process_child_keeps_stdout (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_EMPTY_LIST);
  g_autofree char *script = g_build_filename (hostile->dir, "helper.sh", NULL);
  g_autofree char *pid_file = g_build_filename (hostile->dir, "child.pid", NULL);
  g_autofree char *command = g_strdup_printf ("/bin/sh %s %s", script, pid_file);
  g_autofree char *pid = NULL;
  g_autoptr (CaTestRun) run = NULL;

  write_file (script,
              "echo '{\"Version\":1,\"AccessKeyId\":\"AKIDHELPER\",\"SecretAccessKey\":\"helper/secret\"}'\n"
              "sleep 300 &\n"
              "echo $! > \"$1\"\n");
  use_helper (hostile, command);
  run = run_cli (hostile, NULL, (const char *[]) { "--json", "list", NULL });

  g_assert_true (g_file_get_contents (pid_file, &pid, NULL, NULL));
  kill ((pid_t) g_ascii_strtoll (pid, NULL, 10), SIGKILL);
  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (run->json), "certificates")), ==, 0);
  g_assert_cmpuint (hostile->acm_requests, ==, 1);
}

/* A helper that never ends costs the operation's deadline, --timeout. */
static void
test_process_hangs (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_EMPTY_LIST);
  g_autoptr (CaTestRun) run = NULL;

  use_helper (hostile, "/bin/sleep 300");
  run = run_cli (hostile, NULL, (const char *[]) { "--json", "--timeout", "1", "list", NULL });
  assert_json_error (run, 3, "timeout", "1 second");
  g_assert_cmpuint (hostile->acm_requests, ==, 0);
}

/*
 * Files that are not regular files
 */

static void
test_config_is_dev_zero (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_EMPTY_LIST);
  g_autoptr (CaTestRun) run = run_cli (hostile, (const char *[]) { "AWS_CONFIG_FILE=/dev/zero", keys_env[0], keys_env[1], NULL },
                                       (const char *[]) { "--json", "list", NULL });

  assert_json_error (run, 4, "no_credentials", "not a regular file");
  g_assert_cmpuint (hostile->acm_requests, ==, 0);
}

/* /dev/null is a device too, but the usual way to say "no config file". */
static void
test_config_is_dev_null (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_EMPTY_LIST);
  g_autoptr (CaTestRun) run = run_cli (hostile, (const char *[]) { "AWS_CONFIG_FILE=/dev/null", keys_env[0], keys_env[1], NULL },
                                       (const char *[]) { "--json", "list", NULL });

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_cmpuint (hostile->acm_requests, ==, 1);
}

static void
test_config_is_fifo (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_EMPTY_LIST);
  g_autoptr (CaTestRun) run = NULL;

  g_assert_cmpint (g_remove (hostile->config), ==, 0);
  g_assert_cmpint (mkfifo (hostile->config, 0600), ==, 0);
  run = run_cli (hostile, keys_env, (const char *[]) { "--json", "list", NULL });
  assert_json_error (run, 4, "no_credentials", "not a regular file");
}

static void
test_inspect_fifo (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_EMPTY_LIST);
  g_autofree char *fifo = g_build_filename (hostile->dir, "cert.pem", NULL);
  g_autoptr (CaTestRun) run = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  run = run_cli (hostile, NULL, (const char *[]) { "--json", "inspect", fifo, NULL });
  assert_json_error (run, 2, "invalid_input", "not a regular file");
}

static void
test_read_file_capped (void)
{
  g_autofree char *dir = ca_test_make_temp_dir ();
  g_autofree char *big = g_build_filename (dir, "big", NULL);
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  gsize len = 0;

  write_file (big, "0123456789");
  data = ca_read_file_capped (big, 10, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data, ==, "0123456789");
  g_assert_cmpuint (len, ==, 10);
  g_clear_pointer (&data, g_free);

  g_assert_null (ca_read_file_capped (big, 9, &len, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (ca_read_file_capped ("/dev/zero", 9, &len, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_clear_error (&error);
  g_assert_null (ca_read_file_capped (dir, 9, &len, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_clear_error (&error);
  g_assert_cmpint (g_remove (big), ==, 0);
  g_assert_null (ca_read_file_capped (big, 9, &len, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_rmdir (dir);
}

/*
 * Deadlines, pages, types
 */

static void
test_drip_ends_at_deadline (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_EMPTY_LIST);
  g_autoptr (GSocketService) service = g_socket_service_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *endpoint = NULL;
  g_autoptr (CaTestRun) run = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  guint16 port;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (service, "incoming", G_CALLBACK (drip_incoming_cb), &hostile->drips);
  endpoint = g_strdup_printf ("AWS_ENDPOINT_URL_ACM=http://127.0.0.1:%u", port);

  run = run_cli (hostile, (const char *[]) { endpoint, keys_env[0], keys_env[1], NULL },
                 (const char *[]) { "--json", "--timeout", "2", "list", NULL });
  assert_json_error (run, 3, "timeout", "2 seconds");
  /* The next drops find the client gone and end the drip. */
  while (hostile->drips > 0)
    g_main_context_iteration (NULL, TRUE);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

static void
test_same_next_token (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_SAME_TOKEN);
  g_autoptr (CaTestRun) run = run_cli (hostile, keys_env, (const char *[]) { "--json", "list", NULL });

  assert_json_error (run, 3, "malformed_response", "twice");
  g_assert_cmpuint (hostile->acm_requests, ==, 2);
  g_assert_null (strstr (run->out, ARN));
}

static void
test_list_wrong_types (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_WRONG_TYPES);
  g_autoptr (CaTestRun) run = run_cli (hostile, keys_env, (const char *[]) { "--json", "list", NULL });

  assert_json_error (run, 3, "malformed_response", "entry 1");
}

/* A DescribeCertificate answer: a pending email certificate whose members are
 * as ACM sends them, but for the one given by @member_json (`"Name": value`). */
static char *
describe_answer_with (const char *member_json)
{
  return g_strdup_printf ("{\"Certificate\":{\"CertificateArn\":\"" ARN "\",\"DomainName\":\"www.example.com\","
                          "\"Status\":\"PENDING_VALIDATION\",\"Type\":\"AMAZON_ISSUED\",%s}}", member_json);
}

/* Inner entries of the wrong type are refused in words, never skipped: a
 * validation, a name or a user left out would change what describe says. */
static void
test_describe_wrong_inner_types (void)
{
  static const char * const members[] = {
    "\"DomainValidationOptions\":[42]",
    "\"DomainValidationOptions\":{\"DomainName\":\"www.example.com\"}",
    "\"DomainValidationOptions\":[{\"DomainName\":7}]",
    "\"DomainValidationOptions\":[{\"DomainName\":\"www.example.com\",\"ValidationEmails\":[\"admin@example.com\",3]}]",
    "\"DomainValidationOptions\":[{\"DomainName\":\"www.example.com\",\"ValidationStatus\":[\"SUCCESS\"]}]",
    "\"DomainValidationOptions\":[{\"DomainName\":\"www.example.com\",\"ResourceRecord\":\"_x.www.example.com\"}]",
    "\"DomainValidationOptions\":[{\"DomainName\":\"www.example.com\",\"ResourceRecord\":{\"Name\":1,\"Type\":\"CNAME\",\"Value\":\"v\"}}]",
    "\"SubjectAlternativeNames\":[\"www.example.com\",{\"x\":1}]",
    "\"SubjectAlternativeNames\":\"www.example.com\"",
    "\"InUseBy\":[false]",
    "\"RenewalSummary\":[\"PENDING_VALIDATION\"]",
    "\"RenewalSummary\":{\"RenewalStatus\":\"PENDING_VALIDATION\",\"DomainValidationOptions\":[null]}",
    "\"RenewalSummary\":{\"RenewalStatus\":{\"Status\":\"PENDING_VALIDATION\"}}",
    "\"FailureReason\":404",
  };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr (Hostile) hostile = hostile_new (SERVE_DESCRIBE);
      g_autofree char *answer = describe_answer_with (members[i]);
      g_autoptr (CaTestRun) run = NULL;

      g_test_message ("%s", members[i]);
      hostile->describe_answer = answer;
      run = run_cli (hostile, keys_env, (const char *[]) { "--json", "describe", ARN, NULL });
      assert_json_error (run, 3, "malformed_response", "could not be read");
    }
}

/* Members ACM may leave out or send as null are no error: the check is of types only. */
static void
test_describe_null_members (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_DESCRIBE);
  g_autofree char *answer = describe_answer_with (
    "\"SubjectAlternativeNames\":[\"www.example.com\"],\"InUseBy\":null,\"RenewalSummary\":null,"
    "\"DomainValidationOptions\":[{\"DomainName\":\"www.example.com\",\"ValidationEmails\":[\"admin@example.com\"],"
    "\"ValidationMethod\":\"EMAIL\",\"ValidationStatus\":\"PENDING_VALIDATION\",\"ResourceRecord\":null}]");
  g_autoptr (CaTestRun) run = NULL;
  JsonObject *certificate;
  JsonObject *validation;

  hostile->describe_answer = answer;
  run = run_cli (hostile, keys_env, (const char *[]) { "--json", "describe", ARN, NULL });
  g_assert_cmpint (run->exit_status, ==, 0);
  certificate = json_object_get_object_member (json_node_get_object (run->json), "certificate");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (certificate, "in_use_by")), ==, 0);
  validation = json_array_get_object_element (json_object_get_array_member (certificate, "validations"), 0);
  g_assert_cmpstr (json_object_get_string_member (validation, "name"), ==, "www.example.com");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (validation, "emails"), 0), ==, "admin@example.com");
}

/*
 * source_profile chains
 */

/* r0 → r1 → … → r(hops−1) → base (static keys), or back to r0 for a loop. */
static void
write_role_chain (Hostile  *self,
                  guint     hops,
                  gboolean  loop)
{
  g_autoptr (GString) config = g_string_new ("");

  for (guint i = 0; i < hops; i++)
    {
      g_autofree char *source = i + 1 < hops ? g_strdup_printf ("r%u", i + 1) : g_strdup (loop ? "r0" : "base");

      g_string_append_printf (config, "[profile r%u]\nrole_arn = arn:aws:iam::123456789012:role/r%u\n"
                              "source_profile = %s\nregion = us-east-1\n", i, i, source);
    }
  write_file (self->config, config->str);
  write_file (self->credentials, "[base]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = base/secret\n");
}

static void
test_long_role_chain (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_EMPTY_LIST);
  g_autoptr (CaTestRun) run = NULL;

  write_role_chain (hostile, 9, FALSE);
  run = run_cli (hostile, NULL, (const char *[]) { "--json", "--profile", "r0", "list", NULL });
  if (run->exit_status != 0)
    g_printerr ("%s%s", run->out, run->err);
  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_cmpuint (hostile->sts_requests, ==, 9);
  g_assert_cmpuint (hostile->acm_requests, ==, 1);
}

/* No loop, but longer than anyone configures: refused before any request. */
static void
test_endless_role_chain (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_EMPTY_LIST);
  g_autoptr (CaTestRun) run = NULL;

  write_role_chain (hostile, 40, FALSE);
  run = run_cli (hostile, NULL, (const char *[]) { "--json", "--profile", "r0", "list", NULL });
  assert_json_error (run, 4, "no_credentials", "at most");
  g_assert_cmpuint (hostile->sts_requests, ==, 0);
}

static void
test_role_loop (void)
{
  g_autoptr (Hostile) hostile = hostile_new (SERVE_EMPTY_LIST);
  g_autoptr (CaTestRun) run = NULL;

  write_role_chain (hostile, 3, TRUE);
  run = run_cli (hostile, NULL, (const char *[]) { "--json", "--profile", "r0", "list", NULL });
  assert_json_error (run, 4, "no_credentials", "from itself");
  g_assert_cmpuint (hostile->sts_requests, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/hostile/json/deep-refused", test_json_deep_refused);
  g_test_add_func ("/hostile/json/brackets-in-strings", test_json_brackets_in_strings);
  g_test_add_func ("/hostile/json/limits", test_json_limits);
  g_test_add_func ("/hostile/json/rdap-bootstrap-deep", test_rdap_bootstrap_deep);
  g_test_add_func ("/hostile/json/acm-deep-answer", test_acm_deep_answer);
  g_test_add_func ("/hostile/xml/sts-deep", test_sts_deep_xml);
  g_test_add_func ("/hostile/sso/empty-portal-answer", test_sso_empty_portal_answer);
  g_test_add_func ("/hostile/process/prints-nothing", test_process_prints_nothing);
  g_test_add_func ("/hostile/process/prints-too-much", test_process_prints_too_much);
  g_test_add_func ("/hostile/process/child-keeps-stdout", test_process_child_keeps_stdout);
  g_test_add_func ("/hostile/process/hangs", test_process_hangs);
  g_test_add_func ("/hostile/files/read-file-capped", test_read_file_capped);
  g_test_add_func ("/hostile/files/config-is-dev-zero", test_config_is_dev_zero);
  g_test_add_func ("/hostile/files/config-is-dev-null", test_config_is_dev_null);
  g_test_add_func ("/hostile/files/config-is-fifo", test_config_is_fifo);
  g_test_add_func ("/hostile/files/inspect-fifo", test_inspect_fifo);
  g_test_add_func ("/hostile/acm/drip-ends-at-deadline", test_drip_ends_at_deadline);
  g_test_add_func ("/hostile/acm/same-next-token", test_same_next_token);
  g_test_add_func ("/hostile/acm/list-wrong-types", test_list_wrong_types);
  g_test_add_func ("/hostile/acm/describe-wrong-inner-types", test_describe_wrong_inner_types);
  g_test_add_func ("/hostile/acm/describe-null-members", test_describe_null_members);
  g_test_add_func ("/hostile/roles/long-chain", test_long_role_chain);
  g_test_add_func ("/hostile/roles/endless-chain", test_endless_role_chain);
  g_test_add_func ("/hostile/roles/loop", test_role_loop);

  return g_test_run ();
}
