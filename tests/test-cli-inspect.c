/* test-cli-inspect.c: certassist-cli inspect, as contract.md fixes it
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

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

static void
test_endpoint (void)
{
  g_autoptr (ThreadServer) server = thread_server_new ("chain-served.pem", "leaf.key");
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", server->port);
  g_autoptr (CaTestRun) run = ca_test_run_cli (NULL, "inspect", target, "--json", "--name", "shop.example", NULL);
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

static void
test_endpoint_failures (void)
{
  g_autoptr (ThreadServer) silent = thread_server_new (NULL, NULL);
  g_autofree char *silent_target = g_strdup_printf ("127.0.0.1:%u", silent->port);
  g_autoptr (CaTestRun) timeout = ca_test_run_cli (NULL, "inspect", silent_target, "--json", "--timeout", "1", NULL);
  g_autoptr (ThreadServer) gone = thread_server_new (NULL, NULL);
  g_autofree char *closed_target = g_strdup_printf ("127.0.0.1:%u", gone->port);
  g_autoptr (CaTestRun) closed = NULL;
  g_autoptr (CaTestRun) invalid = ca_test_run_cli (NULL, "inspect", "not a host", "--json", NULL);

  assert_error_code (timeout, 3, "timeout");
  g_clear_pointer (&gone, thread_server_free);
  closed = ca_test_run_cli (NULL, "inspect", closed_target, "--json", NULL);
  assert_error_code (closed, 3, "network");
  assert_error_code (invalid, 2, "invalid_input");
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
  g_test_add_func ("/cli/inspect/endpoint", test_endpoint);
  g_test_add_func ("/cli/inspect/endpoint-failures", test_endpoint_failures);
  g_test_add_func ("/cli/inspect/usage", test_usage);

  return g_test_run ();
}
