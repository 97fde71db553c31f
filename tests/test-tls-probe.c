/* test-tls-probe.c: the live-endpoint probe against GIO TLS servers on loopback
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-error.h"
#include "ca-test-util.h"
#include "ca-tls-probe.h"

typedef enum
{
  SERVE_TLS,
  SERVE_SILENCE,      /* accepts TCP, never answers the handshake */
  SERVE_HANG_UP,      /* accepts TCP and closes at once */
} ServeMode;

typedef struct
{
  GSocketService  *service;
  guint16          port;
  ServeMode        mode;
  GTlsCertificate *certificate;
  GPtrArray       *connections;
  GCancellable    *cancel_on_connect;
  guint            n_connections;
} TestServer;

static char *
cert_path (const char *name)
{
  return g_build_filename (g_getenv ("CERTASSIST_TEST_CERTS"), name, NULL);
}

static void
server_handshake_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  /* The client may hang up right after reading the chain; that is fine. A
   * failed handshake closes, as real servers do, so the client is not left waiting. */
  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (object), result, NULL))
    g_io_stream_close (G_IO_STREAM (object), NULL, NULL);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  TestServer *server = user_data;
  g_autoptr (GError) error = NULL;
  GIOStream *tls;

  server->n_connections++;
  if (server->cancel_on_connect != NULL)
    g_cancellable_cancel (server->cancel_on_connect);

  switch (server->mode)
    {
    case SERVE_SILENCE:
      g_ptr_array_add (server->connections, g_object_ref (connection));
      break;
    case SERVE_HANG_UP:
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      break;
    case SERVE_TLS:
    default:
      tls = g_tls_server_connection_new (G_IO_STREAM (connection), server->certificate, &error);
      g_assert_no_error (error);
      g_ptr_array_add (server->connections, tls);
      g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, NULL,
                                        server_handshake_cb, NULL);
      break;
    }
  return TRUE;
}

static TestServer *
test_server_new_on (ServeMode   mode,
                    const char *cert_name,
                    const char *key_name,
                    const char *address)
{
  TestServer *server = g_new0 (TestServer, 1);
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr (GSocketAddress) wanted = g_inet_socket_address_new (inet, 0);
  g_autoptr (GSocketAddress) effective = NULL;
  g_autoptr (GError) error = NULL;

  server->mode = mode;
  server->connections = g_ptr_array_new_with_free_func (g_object_unref);
  if (cert_name != NULL)
    {
      g_autofree char *cert = cert_path (cert_name);
      g_autofree char *key = cert_path (key_name);

      server->certificate = g_tls_certificate_new_from_files (cert, key, &error);
      g_assert_no_error (error);
    }

  server->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), wanted, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error))
    {
      g_clear_object (&server->service);
      return server;
    }
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (server->service, "incoming", G_CALLBACK (incoming_cb), server);
  g_socket_service_start (server->service);

  return server;
}

static TestServer *
test_server_new (ServeMode   mode,
                 const char *cert_name,
                 const char *key_name)
{
  TestServer *server = test_server_new_on (mode, cert_name, key_name, "127.0.0.1");

  g_assert_nonnull (server->service);
  return server;
}

static void
test_server_free (TestServer *server)
{
  if (server->service != NULL)
    {
      g_socket_service_stop (server->service);
      g_socket_listener_close (G_SOCKET_LISTENER (server->service));
    }
  g_clear_object (&server->service);
  g_clear_object (&server->certificate);
  g_clear_pointer (&server->connections, g_ptr_array_unref);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_free)

typedef struct
{
  gboolean      done;
  CaX509Report *report;
  GError       *error;
} ProbeResult;

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  ProbeResult *probe = user_data;

  probe->report = ca_tls_probe_finish (result, &probe->error);
  probe->done = TRUE;
}

static void
run_probe (const char   *target,
           guint         timeout,
           GCancellable *cancellable,
           ProbeResult  *result)
{
  ca_tls_probe_async (target, timeout, cancellable, probe_cb, result);
  ca_test_wait_for (&result->done);
}

static CaX509Report *
probe_ok (const char *host,
          guint16     port)
{
  g_autofree char *target = strchr (host, ':') != NULL ? g_strdup_printf ("[%s]:%u", host, port)
                                                       : g_strdup_printf ("%s:%u", host, port);
  ProbeResult result = { 0 };

  /* Generous: a handshake under AddressSanitizer on a loaded machine is slow. */
  run_probe (target, 120, NULL, &result);
  g_assert_no_error (result.error);
  g_assert_nonnull (result.report);
  return result.report;
}

static GError *
probe_fails (const char   *target,
             guint         timeout,
             GCancellable *cancellable)
{
  ProbeResult result = { 0 };

  run_probe (target, timeout, cancellable, &result);
  g_assert_null (result.report);
  g_assert_nonnull (result.error);
  return result.error;
}

/* Returns: (nullable): the message of the first finding @id, kept alive with the report */
static const char *
find_finding_message (CaX509Report *report,
                      const char   *id)
{
  g_autoptr (GPtrArray) findings = ca_x509_report_compute_findings (report, NULL);

  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (ca_finding_get_id_string (g_ptr_array_index (findings, i)), id) == 0)
      {
        char *message = g_strdup (ca_finding_get_message (g_ptr_array_index (findings, i)));

        g_object_set_data_full (G_OBJECT (report), id, message, g_free);
        return message;
      }
  return NULL;
}

static gboolean
has_finding (CaX509Report *report,
             const char   *id,
             const char   *name)
{
  g_autoptr (GPtrArray) findings = ca_x509_report_compute_findings (report, NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      CaFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (ca_finding_get_id_string (finding), id) == 0 &&
          (name == NULL || g_strcmp0 (ca_finding_get_name (finding), name) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
test_good_chain (void)
{
  g_autoptr (TestServer) server = test_server_new (SERVE_TLS, "chain-served.pem", "leaf.key");
  g_autoptr (CaX509Report) report = probe_ok ("127.0.0.1", server->port);
  GPtrArray *chain = ca_x509_report_get_chain (report);

  g_assert_cmpint (ca_x509_report_get_source (report), ==, CA_X509_SOURCE_ENDPOINT);
  g_assert_cmpuint (chain->len, ==, 2);
  g_assert_cmpstr (ca_certificate_info_get_common_name (g_ptr_array_index (chain, 0)), ==, "www.example");
  g_assert_cmpstr (ca_certificate_info_get_common_name (g_ptr_array_index (chain, 1)), ==,
                   "CertAssist Test Intermediate");
  g_assert_cmpstr (ca_x509_report_get_host (report), ==, "127.0.0.1");
  g_assert_cmpuint (ca_x509_report_get_port (report), ==, server->port);
  g_assert_cmpstr (ca_x509_report_get_address (report), ==, "127.0.0.1");
  /* Our test root is in no trust store: the handshake went on all the same. */
  g_assert_true (ca_x509_report_get_tls_errors (report) & G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_assert_false (ca_x509_report_get_self_signed (report));
  g_assert_null (strstr (find_finding_message (report, "cert_not_trusted"), "self-signed"));
  g_assert_true (has_finding (report, "cert_not_trusted", "127.0.0.1"));
  g_assert_false (has_finding (report, "cert_name_missing", NULL));
  g_assert_false (has_finding (report, "cert_expired", NULL));
  g_assert_cmpuint (server->n_connections, ==, 1);
}

/* With the test root trusted, the same server verifies and its chain is complete. */
static void
test_anchors (void)
{
  g_autoptr (TestServer) server = test_server_new (SERVE_TLS, "chain-served.pem", "leaf.key");
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", server->port);
  g_autofree char *root = cert_path ("root.pem");
  g_autofree char *garbage = cert_path ("garbage.bin");
  ProbeResult trusted = { 0 };
  ProbeResult refused = { 0 };

  ca_tls_probe_with_anchors_async (target, 120, root, NULL, probe_cb, &trusted);
  ca_test_wait_for (&trusted.done);
  g_assert_no_error (trusted.error);
  g_assert_cmpint (ca_x509_report_get_tls_errors (trusted.report), ==, 0);
  g_assert_true (ca_x509_report_get_chain_complete (trusted.report));
  g_assert_false (has_finding (trusted.report, "cert_not_trusted", NULL));
  g_assert_false (has_finding (trusted.report, "cert_chain_incomplete", NULL));
  g_clear_object (&trusted.report);

  ca_tls_probe_with_anchors_async (target, 120, garbage, NULL, probe_cb, &refused);
  ca_test_wait_for (&refused.done);
  g_assert_error (refused.error, CA_ERROR, CA_ERROR_NO_CERTIFICATE);
  g_clear_error (&refused.error);
}

/* The host name is what the certificate must cover. */
static void
test_host_name_checked (void)
{
  g_autoptr (TestServer) server = test_server_new (SERVE_TLS, "wrong-served.pem", "wrong.key");
  g_autoptr (CaX509Report) report = probe_ok ("127.0.0.1", server->port);

  g_assert_cmpstr (ca_certificate_info_get_common_name (ca_x509_report_get_leaf (report)), ==, "other.example");
  g_assert_true (has_finding (report, "cert_name_missing", "127.0.0.1"));
  g_assert_cmpint (ca_x509_report_get_tls_errors (report), !=, 0);
  g_assert_true (ca_x509_report_get_names (report) != NULL &&
                 g_strv_contains (ca_x509_report_get_names (report), "127.0.0.1"));
}

static void
test_expired (void)
{
  g_autoptr (TestServer) server = test_server_new (SERVE_TLS, "expired-served.pem", "expired.key");
  g_autoptr (CaX509Report) report = probe_ok ("127.0.0.1", server->port);

  g_assert_cmpstr (ca_certificate_info_get_common_name (ca_x509_report_get_leaf (report)), ==, "expired.example");
  g_assert_cmpint (ca_certificate_info_get_days_left (ca_x509_report_get_leaf (report), NULL), <, 0);
  g_assert_true (has_finding (report, "cert_expired", NULL));
  g_assert_cmpint (ca_x509_report_get_tls_errors (report), !=, 0);
}

static void
test_self_signed (void)
{
  g_autoptr (TestServer) server = test_server_new (SERVE_TLS, "self-signed.pem", "self.key");
  g_autoptr (CaX509Report) report = probe_ok ("127.0.0.1", server->port);

  g_assert_cmpuint (ca_x509_report_get_chain (report)->len, ==, 1);
  g_assert_true (ca_certificate_info_get_self_signed (ca_x509_report_get_leaf (report)));
  g_assert_cmpstr (ca_certificate_info_get_key_description (ca_x509_report_get_leaf (report)), ==, "EC P-256");
  g_assert_cmpint (ca_x509_report_get_tls_errors (report), !=, 0);
  /* Called what it is, not "an authority this system does not trust". */
  g_assert_true (ca_x509_report_get_self_signed (report));
  g_assert_cmpstr (find_finding_message (report, "cert_not_trusted"), ==,
                   "Browsers would refuse this certificate: it is self-signed, so no authority vouches for it; "
                   "it is not valid for this host name.");
}

static void
test_ipv6 (void)
{
  g_autoptr (TestServer) server = test_server_new_on (SERVE_TLS, "chain-served.pem", "leaf.key", "::1");
  g_autoptr (CaX509Report) report = NULL;

  if (server->service == NULL)
    {
      g_test_skip ("no IPv6 loopback here");
      return;
    }
  report = probe_ok ("::1", server->port);
  g_assert_cmpstr (ca_x509_report_get_host (report), ==, "::1");
  g_assert_cmpstr (ca_x509_report_get_address (report), ==, "::1");
  g_assert_false (has_finding (report, "cert_name_missing", NULL));
}

/* A server that takes the connection and says nothing must not hang us. */
static void
test_timeout (void)
{
  g_autoptr (TestServer) server = test_server_new (SERVE_SILENCE, NULL, NULL);
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", server->port);
  g_autoptr (GError) error = probe_fails (target, 1, NULL);

  g_assert_error (error, CA_ERROR, CA_ERROR_TIMEOUT);
  g_assert_cmpuint (server->n_connections, ==, 1);
}

static void
test_cancel (void)
{
  g_autoptr (TestServer) server = test_server_new (SERVE_SILENCE, NULL, NULL);
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", server->port);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  server->cancel_on_connect = cancellable;
  error = probe_fails (target, 60, cancellable);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_closed_port (void)
{
  g_autoptr (TestServer) server = test_server_new (SERVE_SILENCE, NULL, NULL);
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", server->port);
  g_autoptr (GError) error = NULL;

  /* Free the port again: nothing listens there now. */
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  error = probe_fails (target, 5, NULL);
  g_assert_error (error, CA_ERROR, CA_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, target));
}

static void
test_not_tls (void)
{
  g_autoptr (TestServer) server = test_server_new (SERVE_HANG_UP, NULL, NULL);
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", server->port);
  g_autoptr (GError) error = probe_fails (target, 5, NULL);

  g_assert_error (error, CA_ERROR, CA_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "handshake"));
}

static void
test_parse_target (void)
{
  g_autofree char *host = NULL;
  g_autofree char *v6 = NULL;
  g_autofree char *idn = NULL;
  g_autoptr (GError) error = NULL;
  guint16 port = 0;

  g_assert_true (ca_tls_probe_parse_target ("www.example", &host, &port, NULL));
  g_assert_cmpstr (host, ==, "www.example");
  g_assert_cmpuint (port, ==, 443);
  g_assert_true (ca_tls_probe_parse_target ("Bücher.Example:8443", &idn, &port, NULL));
  g_assert_cmpstr (idn, ==, "xn--bcher-kva.example");
  g_assert_cmpuint (port, ==, 8443);
  g_assert_true (ca_tls_probe_parse_target ("[::1]:8443", &v6, &port, NULL));
  g_assert_cmpstr (v6, ==, "::1");
  g_assert_cmpuint (port, ==, 8443);
  g_assert_false (ca_tls_probe_parse_target ("bad host:443", NULL, NULL, &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (ca_tls_probe_parse_target ("www.example:99999", NULL, NULL, &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
}

/* A web address pasted from the browser gives its host (and an https port). */
static void
test_parse_url (void)
{
  static const struct
  {
    const char *target;
    const char *host;
    guint16     port;
  } urls[] = {
    { "https://WWW.Example/some/path?q=1#top", "www.example", 443 },
    { "https://www.example:8443/", "www.example", 8443 },
    { "http://www.example/index.html", "www.example", 443 },
    { "http://www.example:8080/", "www.example", 443 },
    { "https://[::1]:8443/x", "::1", 8443 },
    { "https://user@Bücher.Example/", "xn--bcher-kva.example", 443 },
  };
  static const char * const refused[] = { "ftp://www.example/", "https:///path", "https://bad host/", "https://www.example:99999/" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *host = NULL;
      guint16 port = 0;

      g_assert_true (ca_tls_probe_parse_target (urls[i].target, &host, &port, NULL));
      g_assert_cmpstr (host, ==, urls[i].host);
      g_assert_cmpuint (port, ==, urls[i].port);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (ca_tls_probe_parse_target (refused[i], NULL, NULL, &error));
      g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
    }
}

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/tls-probe/parse-target", test_parse_target);
  g_test_add_func ("/tls-probe/parse-url", test_parse_url);
  g_test_add_func ("/tls-probe/good-chain", test_good_chain);
  g_test_add_func ("/tls-probe/anchors", test_anchors);
  g_test_add_func ("/tls-probe/wrong-name", test_host_name_checked);
  g_test_add_func ("/tls-probe/expired", test_expired);
  g_test_add_func ("/tls-probe/self-signed", test_self_signed);
  g_test_add_func ("/tls-probe/ipv6", test_ipv6);
  g_test_add_func ("/tls-probe/timeout", test_timeout);
  g_test_add_func ("/tls-probe/cancel", test_cancel);
  g_test_add_func ("/tls-probe/closed-port", test_closed_port);
  g_test_add_func ("/tls-probe/not-tls", test_not_tls);

  return g_test_run ();
}
