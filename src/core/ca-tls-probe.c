/* ca-tls-probe.c: fetch the certificate chain a TLS server presents
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaTlsProbe"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-error.h"
#include "ca-tls-probe.h"
#include "ca-x509.h"

/* A server presents a handful; more is an attack on our pairwise ordering. */
#define MAX_PEER_CERTIFICATES 32

typedef enum
{
  PHASE_CONNECT,
  PHASE_HANDSHAKE,
} Phase;

/* One probe: connect, handshake, read the chain, close. Nothing else is sent. */
typedef struct
{
  char                 *target;
  char                 *host;
  guint16               port;
  guint                 timeout_seconds;
  GSocketConnectable   *identity;
  GCancellable         *cancellable;
  GCancellable         *parent_cancellable;
  gulong                parent_handler;
  GSource              *timeout_source;
  gboolean              timed_out;
  Phase                 phase;
  GSocketClient        *client;
  GIOStream            *tls;
  char                 *address;
  GTlsCertificateFlags  errors;
  GTlsDatabase         *database;
  GPtrArray            *anchors;
  CaX509Report         *report;
} Probe;

static void
probe_free (Probe *probe)
{
  if (probe->parent_handler != 0)
    g_cancellable_disconnect (probe->parent_cancellable, probe->parent_handler);
  if (probe->timeout_source != NULL)
    g_source_destroy (probe->timeout_source);
  g_clear_pointer (&probe->timeout_source, g_source_unref);
  g_clear_object (&probe->parent_cancellable);
  g_clear_object (&probe->cancellable);
  g_clear_object (&probe->identity);
  g_clear_object (&probe->client);
  g_clear_object (&probe->tls);
  g_clear_object (&probe->report);
  g_clear_object (&probe->database);
  g_clear_pointer (&probe->anchors, g_ptr_array_unref);
  g_free (probe->target);
  g_free (probe->host);
  g_free (probe->address);
  g_free (probe);
}

static void
parent_cancelled_cb (GCancellable *parent,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
timeout_cb (gpointer user_data)
{
  Probe *probe = user_data;

  probe->timed_out = TRUE;
  g_cancellable_cancel (probe->cancellable);
  return G_SOURCE_REMOVE;
}

/* Turns what GIO says into the contract's error: timeout, network or cancelled. */
static void
return_error (GTask  *task,
              GError *error)
{
  Probe *probe = g_task_get_task_data (task);
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !probe->timed_out)
    {
      g_task_return_error (task, error);
      return;
    }

  if (probe->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    mapped = g_error_new (CA_ERROR, CA_ERROR_TIMEOUT,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s did not complete a TLS handshake within %u second.",
                                       "%s did not complete a TLS handshake within %u seconds.",
                                       probe->timeout_seconds),
                          probe->target, probe->timeout_seconds);
  else if (probe->phase == PHASE_CONNECT)
    mapped = g_error_new (CA_ERROR, CA_ERROR_NETWORK, _("Cannot connect to %s: %s"),
                          probe->target, error->message);
  else
    mapped = g_error_new (CA_ERROR, CA_ERROR_NETWORK, _("The TLS handshake with %s failed: %s"),
                          probe->target, error->message);

  g_error_free (error);
  g_task_return_error (task, mapped);
}

/* Accept what does not verify: an expired or misnamed certificate is exactly
 * what the user wants to see. The errors are kept for the report. */
static gboolean
accept_certificate_cb (GTlsConnection       *connection,
                       GTlsCertificate      *peer_certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  Probe *probe = user_data;

  probe->errors |= errors;
  return TRUE;
}

static GPtrArray *
read_peer_chain (Probe   *probe,
                 GError **error)
{
  g_autoptr (GPtrArray) certificates = g_ptr_array_new_with_free_func (g_object_unref);
  GTlsCertificate *certificate = g_tls_connection_get_peer_certificate (G_TLS_CONNECTION (probe->tls));

  for (; certificate != NULL && certificates->len < MAX_PEER_CERTIFICATES;
       certificate = g_tls_certificate_get_issuer (certificate))
    {
      GByteArray *der = NULL;
      g_autoptr (GBytes) bytes = NULL;
      CaCertificateInfo *info;

      g_object_get (certificate, "certificate", &der, NULL);
      if (der == NULL)
        break;
      bytes = g_byte_array_free_to_bytes (der);
      info = ca_certificate_info_new_from_der (bytes, NULL);
      if (info == NULL)
        break;
      g_ptr_array_add (certificates, info);
    }

  if (certificates->len == 0)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                   _("%s presented no certificate that can be read."), probe->target);
      return NULL;
    }
  return g_steal_pointer (&certificates);
}

static void
build_report (Probe     *probe,
              GPtrArray *certificates)
{
  g_autofree char *name = ca_x509_normalize_name (probe->host, NULL);
  const char *names[] = { name, NULL };

  probe->report = ca_x509_report_new (CA_X509_SOURCE_ENDPOINT, probe->target, certificates, probe->anchors);
  probe->errors |= g_tls_connection_get_peer_certificate_errors (G_TLS_CONNECTION (probe->tls));
  ca_x509_report_set_endpoint (probe->report, probe->host, probe->port, probe->address, probe->errors);
  if (name != NULL)
    ca_x509_report_set_names (probe->report, names);
}

/* SNI carries host names only (RFC 6066): glib-networking sends whatever a
 * GNetworkAddress holds, and servers reject "::1", so addresses go as such. */
static GSocketConnectable *
create_identity (const char *host,
                 guint16     port)
{
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string (host);

  if (address != NULL)
    return G_SOCKET_CONNECTABLE (g_inet_socket_address_new (address, port));
  return g_network_address_new (host, port);
}

/*
 * Callbacks
 */

static void
closed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);

  /* The chain is in hand: how the goodbye went does not matter. */
  g_io_stream_close_finish (G_IO_STREAM (object), result, NULL);
  g_task_return_pointer (task, g_steal_pointer (&probe->report), g_object_unref);
}

static void
handshake_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  g_autoptr (GPtrArray) certificates = NULL;
  GError *error = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (object), result, &error))
    {
      return_error (task, error);
      return;
    }

  certificates = read_peer_chain (probe, &error);
  if (certificates == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  build_report (probe, certificates);
  g_io_stream_close_async (probe->tls, G_PRIORITY_DEFAULT, probe->cancellable,
                           closed_cb, g_steal_pointer (&task));
}

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GSocketAddress) remote = NULL;
  GError *error = NULL;

  connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (object), result, &error);
  if (connection == NULL)
    {
      return_error (task, error);
      return;
    }

  remote = g_socket_connection_get_remote_address (connection, NULL);
  if (G_IS_INET_SOCKET_ADDRESS (remote))
    probe->address = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));

  probe->phase = PHASE_HANDSHAKE;
  probe->tls = g_tls_client_connection_new (G_IO_STREAM (connection), probe->identity, &error);
  if (probe->tls == NULL)
    {
      return_error (task, error);
      return;
    }
  g_signal_connect (probe->tls, "accept-certificate", G_CALLBACK (accept_certificate_cb), probe);
  if (probe->database != NULL)
    g_tls_connection_set_database (G_TLS_CONNECTION (probe->tls), probe->database);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (probe->tls), G_PRIORITY_DEFAULT, probe->cancellable,
                                    handshake_cb, g_steal_pointer (&task));
}

/*
 * Public API
 */

/* A pasted web address: https://host:port/path gives its host and port; an
 * http:// one only its host, since the certificate is served on the TLS port. */
static gboolean
split_url (const char  *url,
           char       **hostname,
           guint16     *port)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  gboolean https;

  if (scheme == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return FALSE;
  https = g_ascii_strcasecmp (scheme, "https") == 0;
  if (!https && g_ascii_strcasecmp (scheme, "http") != 0)
    return FALSE;
  *hostname = g_strdup (g_uri_get_host (uri));
  *port = https && g_uri_get_port (uri) > 0 ? (guint16) g_uri_get_port (uri) : CA_TLS_PROBE_DEFAULT_PORT;
  return TRUE;
}

static gboolean
split_target (const char  *target,
              char       **hostname,
              guint16     *port)
{
  g_autoptr (GSocketConnectable) address = NULL;

  if (strstr (target, "://") != NULL)
    return split_url (target, hostname, port);
  address = g_network_address_parse (target, CA_TLS_PROBE_DEFAULT_PORT, NULL);
  if (address == NULL)
    return FALSE;
  *hostname = g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (address)));
  *port = g_network_address_get_port (G_NETWORK_ADDRESS (address));
  return TRUE;
}

/**
 * ca_tls_probe_parse_target:
 * @target: `host`, `host:port`, `[v6]:port`, a bare IPv6 address, or a web
 *   address (`https://host:port/path`, `http://host/path`)
 * @host: (out) (optional): the host without brackets, in lower-case ASCII
 *   (IDNA) or as a canonical IP address
 * @port: (out) (optional): the port, 443 when none is given
 *
 * Returns: %FALSE with %CA_ERROR_INVALID_INPUT when @target is not an endpoint
 */
gboolean
ca_tls_probe_parse_target (const char  *target,
                           char       **host,
                           guint16     *port,
                           GError     **error)
{
  g_autofree char *hostname = NULL;
  g_autofree char *name = NULL;
  guint16 parsed_port = 0;

  g_return_val_if_fail (target != NULL, FALSE);

  if (split_target (target, &hostname, &parsed_port))
    name = ca_x509_normalize_name (hostname, NULL);
  if (name == NULL)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                   _("“%s” is neither a file nor a host name with an optional port, such as www.example.com:443."),
                   target);
      return FALSE;
    }

  /* The ASCII form: SNI and the resolver want A-labels. */
  if (host != NULL)
    *host = g_steal_pointer (&name);
  if (port != NULL)
    *port = parsed_port;
  return TRUE;
}

/* Roots to trust instead of the system's: for the handshake (a database) and
 * for judging whether the chain is complete (the parsed certificates). */
static gboolean
load_anchors (Probe       *probe,
              const char  *anchors_file,
              GError     **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (anchors_file);
  g_autoptr (GError) local_error = NULL;

  probe->anchors = ca_x509_load_file (file, NULL, error);
  if (probe->anchors == NULL)
    return FALSE;
  probe->database = g_tls_file_database_new (anchors_file, &local_error);
  if (probe->database == NULL)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT, _("Cannot trust the roots in “%s”: %s"),
                   anchors_file, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * ca_tls_probe_async:
 * @target: see ca_tls_probe_parse_target()
 * @timeout_seconds: the cap for connecting and the handshake together
 *
 * Connects, performs the TLS handshake with SNI and reads the chain the server
 * presents, whether or not it verifies. The report names the host, so that
 * cert_name_missing says when the certificate does not cover it.
 */
void
ca_tls_probe_async (const char          *target,
                    guint                timeout_seconds,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  ca_tls_probe_with_anchors_async (target, timeout_seconds, NULL, cancellable, callback, user_data);
}

/**
 * ca_tls_probe_with_anchors_async:
 * @anchors_file: (nullable): a PEM file of root certificates to trust instead
 *   of the system's (a private CA, a test CA), or %NULL for the system's
 *
 * As ca_tls_probe_async(), verifying against @anchors_file.
 */
void
ca_tls_probe_with_anchors_async (const char          *target,
                                 guint                timeout_seconds,
                                 const char          *anchors_file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;
  Probe *probe;

  g_return_if_fail (target != NULL);
  g_return_if_fail (timeout_seconds > 0);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_tls_probe_with_anchors_async);
  probe = g_new0 (Probe, 1);
  g_task_set_task_data (task, probe, (GDestroyNotify) probe_free);
  probe->target = g_strdup (target);
  probe->timeout_seconds = timeout_seconds;
  if (!ca_tls_probe_parse_target (target, &probe->host, &probe->port, &error) ||
      (anchors_file != NULL && !load_anchors (probe, anchors_file, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  probe->identity = create_identity (probe->host, probe->port);
  probe->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      probe->parent_cancellable = g_object_ref (cancellable);
      probe->parent_handler = g_cancellable_connect (cancellable, G_CALLBACK (parent_cancelled_cb),
                                                     g_object_ref (probe->cancellable), g_object_unref);
    }
  probe->timeout_source = g_timeout_source_new_seconds (timeout_seconds);
  g_source_set_callback (probe->timeout_source, timeout_cb, probe, NULL);
  g_source_attach (probe->timeout_source, g_task_get_context (task));

  probe->client = g_socket_client_new ();
  g_socket_client_set_timeout (probe->client, timeout_seconds);
  g_socket_client_connect_async (probe->client, probe->identity, probe->cancellable,
                                 connected_cb, g_steal_pointer (&task));
}

/**
 * ca_tls_probe_finish:
 *
 * Returns: (transfer full): the report, with the endpoint's verification
 *   errors; %NULL with %CA_ERROR_TIMEOUT, %CA_ERROR_NETWORK,
 *   %CA_ERROR_MALFORMED_RESPONSE, %CA_ERROR_INVALID_INPUT or a cancellation
 */
CaX509Report *
ca_tls_probe_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
