/* test-cli-inspect.c: certassist-cli inspect, as contract.md fixes it
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "ca-fake-acm.h"
#include "ca-test-util.h"

/* A TLS server on 127.0.0.1 in its own thread, because the CLI runs synchronously. */
typedef struct
{
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GSocketService  *service;
  GTlsCertificate *certificate;
  gboolean         silent;
  GPtrArray       *connections;
  guint16          port;
  GMutex           mutex;
  GCond            cond;
  gboolean         ready;
} ThreadServer;

static char *
cert_path (const char *name)
{
  return g_build_filename (g_getenv ("CERTASSIST_TEST_CERTS"), name, NULL);
}

static void
handshake_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_tls_connection_handshake_finish (G_TLS_CONNECTION (object), result, NULL);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  ThreadServer *server = user_data;
  GIOStream *tls;

  if (server->silent)
    {
      g_ptr_array_add (server->connections, g_object_ref (connection));
      return TRUE;
    }
  tls = g_tls_server_connection_new (G_IO_STREAM (connection), server->certificate, NULL);
  g_assert_nonnull (tls);
  g_ptr_array_add (server->connections, tls);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, NULL, handshake_cb, NULL);
  return TRUE;
}

static gpointer
server_thread (gpointer user_data)
{
  ThreadServer *server = user_data;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) wanted = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) effective = NULL;
  g_autoptr (GError) error = NULL;

  g_main_context_push_thread_default (server->context);
  server->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), wanted, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (server->service, "incoming", G_CALLBACK (incoming_cb), server);
  g_socket_service_start (server->service);

  g_mutex_lock (&server->mutex);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  server->ready = TRUE;
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->mutex);

  g_main_loop_run (server->loop);

  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  g_clear_pointer (&server->connections, g_ptr_array_unref);
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

static ThreadServer *
thread_server_new (const char *cert_name,
                   const char *key_name)
{
  ThreadServer *server = g_new0 (ThreadServer, 1);

  if (cert_name != NULL)
    {
      g_autofree char *cert = cert_path (cert_name);
      g_autofree char *key = cert_path (key_name);
      g_autoptr (GError) error = NULL;

      server->certificate = g_tls_certificate_new_from_files (cert, key, &error);
      g_assert_no_error (error);
    }
  server->silent = cert_name == NULL;
  server->connections = g_ptr_array_new_with_free_func (g_object_unref);
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  g_mutex_init (&server->mutex);
  g_cond_init (&server->cond);
  server->thread = g_thread_new ("tls-server", server_thread, server);

  g_mutex_lock (&server->mutex);
  while (!server->ready)
    g_cond_wait (&server->cond, &server->mutex);
  g_mutex_unlock (&server->mutex);

  return server;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
thread_server_free (ThreadServer *server)
{
  g_main_context_invoke (server->context, quit_cb, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_clear_object (&server->certificate);
  g_mutex_clear (&server->mutex);
  g_cond_clear (&server->cond);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThreadServer, thread_server_free)

/* The fake ACM as its own process (tests/fake-acm), seeded with three
 * certificates: the CLI runs synchronously, and the fake's libsoup keeps some
 * accepted sockets alive past its end, which LeakSanitizer would blame on us. */
typedef struct
{
  GSubprocess *process;
  char        *dir;
  char        *url;
  const char  *issued_dns;
  const char  *issued_email;
  const char  *pending;
} AcmProcess;

#define ARN_PREFIX "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-"

static const char acm_seed[] =
  "{\"certificates\": ["
  "{\"CertificateArn\": \"" ARN_PREFIX "0001-4000-8000-000000000001\", \"DomainName\": \"api.example.com\","
  " \"Status\": \"ISSUED\", \"ValidationMethod\": \"DNS\", \"KeyAlgorithm\": \"EC-prime256v1\"},"
  "{\"CertificateArn\": \"" ARN_PREFIX "0002-4000-8000-000000000002\", \"DomainName\": \"example.net\","
  " \"Status\": \"ISSUED\", \"ValidationMethod\": \"EMAIL\","
  " \"InUseBy\": [\"arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL\"]},"
  "{\"CertificateArn\": \"" ARN_PREFIX "0003-4000-8000-000000000003\", \"DomainName\": \"shop.example.com\","
  " \"Status\": \"PENDING_VALIDATION\", \"ValidationMethod\": \"EMAIL\", \"CreatedHoursAgo\": 2}"
  "]}";

static AcmProcess *
acm_process_new (void)
{
  AcmProcess *acm = g_new0 (AcmProcess, 1);
  g_autofree char *fake = g_test_build_filename (G_TEST_BUILT, "fake-acm", "fake-acm", NULL);
  g_autofree char *seed = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GError) error = NULL;

  acm->dir = ca_test_make_temp_dir ();
  seed = g_build_filename (acm->dir, "seed.json", NULL);
  g_assert_true (g_file_set_contents (seed, acm_seed, -1, NULL));
  acm->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, fake, "--seed", seed, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (acm->process));
  acm->url = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (acm->url, "http://127.0.0.1:"));

  acm->issued_dns = ARN_PREFIX "0001-4000-8000-000000000001";
  acm->issued_email = ARN_PREFIX "0002-4000-8000-000000000002";
  acm->pending = ARN_PREFIX "0003-4000-8000-000000000003";
  return acm;
}

static void
acm_process_free (AcmProcess *acm)
{
  g_autofree char *seed = g_build_filename (acm->dir, "seed.json", NULL);

  g_subprocess_send_signal (acm->process, SIGTERM);
  g_subprocess_wait (acm->process, NULL, NULL);
  g_object_unref (acm->process);
  g_unlink (seed);
  g_rmdir (acm->dir);
  g_free (acm->dir);
  g_free (acm->url);
  g_free (acm);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcmProcess, acm_process_free)

static CaTestRun *
run_with_acm_as (AcmProcess *acm,
                 const char *arn,
                 const char *format)
{
  g_autofree char *endpoint = g_strdup_printf ("AWS_ENDPOINT_URL_ACM=%s", acm->url);
  const char *env[] = {
    endpoint,
    "AWS_REGION=us-east-1",
    "AWS_ACCESS_KEY_ID=" CA_FAKE_ACM_ACCESS_KEY_ID,
    "AWS_SECRET_ACCESS_KEY=" CA_FAKE_ACM_SECRET_ACCESS_KEY,
    "AWS_CONFIG_FILE=/nonexistent/aws/config",
    "AWS_SHARED_CREDENTIALS_FILE=/nonexistent/aws/credentials",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_ENDPOINT_URL",
    NULL
  };

  return ca_test_run_cli (env, "inspect", arn, format, NULL);
}

static CaTestRun *
run_with_acm (AcmProcess *acm,
              const char *arn)
{
  return run_with_acm_as (acm, arn, "--json");
}

static void
assert_error_code (CaTestRun  *run,
                   int         exit_status,
                   const char *code)
{
  JsonObject *error;

  if (run->exit_status != exit_status)
    g_error ("exit %d, expected %d; stdout: %s\nstderr: %s", run->exit_status, exit_status, run->out, run->err);
  error = json_object_get_object_member (ca_test_run_get_object (run), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (error, "message"), !=, "");
}

static gboolean
has_finding (JsonObject *object,
             const char *id,
             const char *name)
{
  JsonArray *findings = json_object_get_array_member (object, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_strcmp0 (json_object_get_string_member (finding, "id"), id) == 0 &&
          (name == NULL || g_strcmp0 (json_object_get_string_member_with_default (finding, "name", NULL), name) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
assert_certificate_keys (JsonObject *object)
{
  const char *strings[] = { "subject", "issuer", "not_before", "not_after", "key" };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    g_assert_nonnull (json_object_get_string_member (object, strings[i]));
  g_assert_nonnull (json_object_get_array_member (object, "sans"));
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "amazon_issued")));
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "days_left")));
}

static void
test_file_json (void)
{
  g_autofree char *path = cert_path ("chain-shuffled.pem");
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "inspect", path, "--json", NULL);
  JsonObject *object = ca_test_run_get_object (run);
  JsonArray *chain = json_object_get_array_member (object, "chain");
  JsonArray *sans = json_object_get_array_member (object, "sans");

  g_assert_cmpint (run->exit_status, ==, 0);
  assert_certificate_keys (object);
  g_assert_cmpstr (json_object_get_string_member (object, "subject"), ==, "CN=www.example");
  g_assert_cmpstr (json_object_get_string_member (object, "key"), ==, "RSA 2048");
  g_assert_false (json_object_get_boolean_member (object, "amazon_issued"));
  g_assert_cmpint (json_object_get_int_member (object, "days_left"), >=, 198);
  g_assert_cmpstr (json_array_get_string_element (sans, 0), ==, "www.example");
  g_assert_cmpuint (json_array_get_length (chain), ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_certificate_keys (json_array_get_object_element (chain, i));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (chain, 0), "subject"), ==,
                   "CN=www.example");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (chain, 1), "key"), ==, "EC P-384");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (chain, 2), "self_signed"));
  g_assert_true (has_finding (object, "cert_not_amazon_issued", NULL));
  g_assert_false (has_finding (object, "cert_chain_incomplete", NULL));
  g_assert_true (json_object_get_boolean_member (object, "chain_complete"));
  g_assert_cmpint (json_object_get_int_member (object, "path_length"), ==, 3);
}

static void
test_file_names (void)
{
  g_autofree char *path = cert_path ("chain.pem");
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "inspect", "--name", "WWW.example",
                                               "--name", "absent.example", path, "--json", NULL);
  JsonObject *object = ca_test_run_get_object (run);

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_true (has_finding (object, "cert_name_missing", "absent.example"));
  g_assert_false (has_finding (object, "cert_name_missing", "www.example"));
}

static void
test_amazon_der_and_expired (void)
{
  g_autofree char *amazon = cert_path ("amazon-chain.pem");
  g_autofree char *der = cert_path ("leaf.der");
  g_autofree char *expired = cert_path ("expired.pem");
  g_autoptr (CaTestRun) amazon_run = ca_test_run_cli (NULL, "--json", "inspect", amazon, NULL);
  g_autoptr (CaTestRun) der_run = ca_test_run_cli (NULL, "--json", "inspect", der, NULL);
  g_autoptr (CaTestRun) expired_run = ca_test_run_cli (NULL, "--json", "inspect", expired, NULL);

  g_assert_cmpint (amazon_run->exit_status, ==, 0);
  g_assert_true (json_object_get_boolean_member (ca_test_run_get_object (amazon_run), "amazon_issued"));
  g_assert_false (has_finding (ca_test_run_get_object (amazon_run), "cert_not_amazon_issued", NULL));
  g_assert_cmpint (der_run->exit_status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ca_test_run_get_object (der_run), "chain")), ==, 1);
  g_assert_cmpint (expired_run->exit_status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (ca_test_run_get_object (expired_run), "days_left"), <, 0);
  g_assert_true (has_finding (ca_test_run_get_object (expired_run), "cert_expired", NULL));
}

static void
test_bad_files (void)
{
  const char *names[] = { "broken.pem", "truncated.der", "garbage.bin", "key-only.pem", "empty.pem" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = cert_path (names[i]);
      g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "inspect", path, "--json", NULL);

      assert_error_code (run, 2, "no_certificate");
    }
}

static void
test_missing_file (void)
{
  g_autofree char *path = cert_path ("nope.pem");
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "inspect", path, "--json", NULL);
  g_autoptr (CaTestRun) relative = ca_test_run_cli (NULL, "inspect", "nope.crt", "--json", NULL);

  assert_error_code (run, 2, "invalid_input");
  assert_error_code (relative, 2, "invalid_input");
}

static void
test_text (void)
{
  g_autofree char *path = cert_path ("chain-no-intermediate.pem");
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "inspect", path, NULL);

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_nonnull (strstr (run->out, "www.example"));
  g_assert_nonnull (strstr (run->out, "CN=CertAssist Test Intermediate"));
  g_assert_nonnull (strstr (run->out, "RSA 2048"));
  g_assert_null (run->json);
}

/* --markdown: the same facts, in words, for a support ticket; never with --json. */
static void
test_markdown (void)
{
  g_autofree char *path = cert_path ("chain-no-intermediate.pem");
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "inspect", path, "--markdown", NULL);
  g_autoptr (CaTestRun) both = ca_test_run_cli (NULL, "inspect", path, "--markdown", "--json", NULL);

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "# CertAssist report\n"));
  g_assert_nonnull (strstr (run->out, "\n## www.example\n"));
  g_assert_nonnull (strstr (run->out, "- Issuer: CN=CertAssist Test Intermediate"));
  g_assert_nonnull (strstr (run->out, "- Key: RSA 2048"));
  g_assert_nonnull (strstr (run->out, "\n### Chain\n\n1. www.example (leaf)\n"));
  g_assert_nonnull (strstr (run->out, "- Missing: the issuer “CN=CertAssist Test Intermediate,O=CertAssist Test”"));
  g_assert_nonnull (strstr (run->out, "\n## Findings\n"));
  g_assert_null (run->json);

  g_assert_cmpint (both->exit_status, ==, 2);
  g_assert_nonnull (both->json);
}

static void
test_endpoint (void)
{
  g_autoptr (ThreadServer) server = thread_server_new ("chain-served.pem", "leaf.key");
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", server->port);
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "inspect", target, "--json", "--name", "shop.example",
                                               /* slow under AddressSanitizer, not a timing check */
                                               "--timeout", "120", NULL);
  JsonObject *object = ca_test_run_get_object (run);
  JsonObject *endpoint;

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "subject"), ==, "CN=www.example");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "chain")), ==, 2);
  endpoint = json_object_get_object_member (object, "endpoint");
  g_assert_nonnull (endpoint);
  g_assert_cmpint (json_object_get_int_member (endpoint, "port"), ==, server->port);
  g_assert_false (json_object_get_boolean_member (endpoint, "verified"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (endpoint, "tls_errors"), 0),
                   ==, "unknown_ca");
  g_assert_true (has_finding (object, "cert_not_trusted", NULL));
  g_assert_true (has_finding (object, "cert_name_missing", "shop.example"));
  g_assert_false (has_finding (object, "cert_name_missing", "127.0.0.1"));
}

/* A web address pasted from the browser is checked as its host and port; a
 * self-signed certificate is called so in the text. */
static void
test_endpoint_url_self_signed (void)
{
  g_autoptr (ThreadServer) server = thread_server_new ("self-signed.pem", "self.key");
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u/some/page?x=1", server->port);
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "inspect", url, "--timeout", "120", NULL);

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_nonnull (strstr (run->out, "self.example (self-signed leaf: no authority vouches for it)"));
  g_assert_nonnull (strstr (run->out, "not trusted: it is self-signed, so no authority vouches for it"));
}

static void
test_endpoint_ca_file (void)
{
  g_autoptr (ThreadServer) server = thread_server_new ("chain-served.pem", "leaf.key");
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", server->port);
  g_autofree char *root = cert_path ("root.pem");
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "inspect", target, "--ca-file", root, "--json",
                                               "--timeout", "120", NULL);
  JsonObject *object = ca_test_run_get_object (run);

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (object, "endpoint"), "verified"));
  g_assert_true (json_object_get_boolean_member (object, "chain_complete"));
  g_assert_false (has_finding (object, "cert_not_trusted", NULL));
}

static void
test_endpoint_failures (void)
{
  g_autoptr (ThreadServer) silent = thread_server_new (NULL, NULL);
  g_autofree char *silent_target = g_strdup_printf ("127.0.0.1:%u", silent->port);
  g_autoptr (CaTestRun) timeout = ca_test_run_cli (NULL, "inspect", silent_target, "--json", "--timeout", "1", NULL);
  g_autoptr (ThreadServer) gone = thread_server_new (NULL, NULL);
  g_autofree char *closed_target = g_strdup_printf ("127.0.0.1:%u", gone->port);
  g_autoptr (CaTestRun) closed = NULL;
  /* "not a host" is refused before any lookup. */
  g_autoptr (CaTestRun) invalid = ca_test_run_cli (NULL, "inspect", "not a host", "--json", NULL);

  assert_error_code (timeout, 3, "timeout");
  g_clear_pointer (&gone, thread_server_free);
  closed = ca_test_run_cli (NULL, "inspect", closed_target, "--json", NULL);
  assert_error_code (closed, 3, "network");
  assert_error_code (invalid, 2, "invalid_input");
}

static void
test_arn_issued (void)
{
  g_autoptr (AcmProcess) acm = acm_process_new ();
  g_autoptr (CaTestRun) dns = run_with_acm (acm, acm->issued_dns);
  g_autoptr (CaTestRun) email = run_with_acm (acm, acm->issued_email);
  g_autoptr (CaTestRun) markdown = NULL;
  g_autoptr (CaTestRun) text = NULL;
  JsonObject *object = ca_test_run_get_object (dns);
  JsonObject *view;

  g_assert_cmpint (dns->exit_status, ==, 0);
  assert_certificate_keys (object);
  /* The fields come from the PEM that GetCertificate returned: the certificate's own. */
  g_assert_cmpstr (json_object_get_string_member (object, "subject"), ==, "CN=api.example.com");
  g_assert_true (json_object_get_boolean_member (object, "amazon_issued"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "chain")), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, "acm");
  view = json_object_get_object_member (object, "acm");
  g_assert_cmpstr (json_object_get_string_member (view, "arn"), ==, acm->issued_dns);
  g_assert_cmpstr (json_object_get_string_member (view, "validation_method"), ==, "DNS");
  g_assert_false (json_object_has_member (view, "email_validation_ends"));
  g_assert_false (has_finding (object, "email_validation_phase_out", NULL));
  g_assert_false (has_finding (object, "cert_not_amazon_issued", NULL));

  g_assert_cmpint (email->exit_status, ==, 0);
  object = ca_test_run_get_object (email);
  view = json_object_get_object_member (object, "acm");
  g_assert_cmpstr (json_object_get_string_member (view, "validation_method"), ==, "EMAIL");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (view, "email_validation_ends"),
                                                  "renewals"), ==, "2027-09-30");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (view, "in_use_by"), 0), ==,
                   "arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL");
  g_assert_true (has_finding (object, "email_validation_phase_out", NULL));

  /* ACM's codes in words: "Issued", not ISSUED, in the text as in Markdown. */
  text = run_with_acm_as (acm, acm->issued_email, NULL);
  g_assert_cmpint (text->exit_status, ==, 0);
  g_assert_nonnull (strstr (text->out, "\n  Status:      Issued\n"));
  g_assert_nonnull (strstr (text->out, "\n  Type:        Issued by Amazon\n"));
  g_assert_nonnull (strstr (text->out, "\n  Validation:  By email\n"));
  g_assert_null (strstr (text->out, "ISSUED"));
  g_assert_null (strstr (text->out, "EMAIL"));
  g_assert_null (strstr (text->out, "[warning]"));
  markdown = run_with_acm_as (acm, acm->issued_email, "--markdown");
  g_assert_cmpint (markdown->exit_status, ==, 0);
  g_assert_nonnull (strstr (markdown->out, "\n## ACM certificate\n"));
  g_assert_nonnull (strstr (markdown->out, "- Status: Issued\n"));
  g_assert_nonnull (strstr (markdown->out, "- In use by arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL\n"));
  g_assert_null (strstr (markdown->out, "ISSUED"));
  g_assert_null (strstr (markdown->out, "EMAIL"));
}

/* No certificate exists yet: the contract's keys are there, from ACM or null. */
static void
test_arn_pending (void)
{
  g_autoptr (AcmProcess) acm = acm_process_new ();
  g_autoptr (CaTestRun) run = run_with_acm (acm, acm->pending);
  JsonObject *object = ca_test_run_get_object (run);

  g_assert_cmpint (run->exit_status, ==, 0);
  g_assert_true (json_object_get_null_member (object, "subject"));
  g_assert_true (json_object_get_null_member (object, "days_left"));
  g_assert_cmpstr (json_object_get_string_member (object, "key"), ==, "RSA 2048");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "sans"), 0), ==,
                   "shop.example.com");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "chain")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "acm"), "status"), ==,
                   "PENDING_VALIDATION");
  g_assert_true (has_finding (object, "resend_window_open", NULL));
  g_assert_true (has_finding (object, "email_validation_phase_out", NULL));
}

static void
test_arn_errors (void)
{
  g_autoptr (AcmProcess) acm = acm_process_new ();
  g_autoptr (CaTestRun) missing = run_with_acm (acm, "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0099-4000-8000-000000000099");
  g_autoptr (CaTestRun) bad = run_with_acm (acm, "arn:aws:s3:::bucket");

  assert_error_code (missing, 5, "aws_error");
  assert_error_code (bad, 2, "invalid_arn");
}

static void
test_usage (void)
{
  g_autoptr (CaTestRun) none = ca_test_run_cli (NULL, "inspect", "--json", NULL);
  g_autoptr (CaTestRun) bad_name = ca_test_run_cli (NULL, "inspect", "x.pem", "--name", "a b", "--json", NULL);

  assert_error_code (none, 2, "usage");
  assert_error_code (bad_name, 2, "invalid_domain");
}

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/cli/inspect/file-json", test_file_json);
  g_test_add_func ("/cli/inspect/file-names", test_file_names);
  g_test_add_func ("/cli/inspect/amazon-der-expired", test_amazon_der_and_expired);
  g_test_add_func ("/cli/inspect/bad-files", test_bad_files);
  g_test_add_func ("/cli/inspect/missing-file", test_missing_file);
  g_test_add_func ("/cli/inspect/text", test_text);
  g_test_add_func ("/cli/inspect/markdown", test_markdown);
  g_test_add_func ("/cli/inspect/endpoint", test_endpoint);
  g_test_add_func ("/cli/inspect/endpoint-url-self-signed", test_endpoint_url_self_signed);
  g_test_add_func ("/cli/inspect/endpoint-ca-file", test_endpoint_ca_file);
  g_test_add_func ("/cli/inspect/endpoint-failures", test_endpoint_failures);
  g_test_add_func ("/cli/inspect/arn-issued", test_arn_issued);
  g_test_add_func ("/cli/inspect/arn-pending", test_arn_pending);
  g_test_add_func ("/cli/inspect/arn-errors", test_arn_errors);
  g_test_add_func ("/cli/inspect/usage", test_usage);

  return g_test_run ();
}
