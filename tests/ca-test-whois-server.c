/* ca-test-whois-server.c: a port-43 server on 127.0.0.1 for tests and the demo
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaTestWhoisServer"

#include "config.h"

#include <string.h>

#include "ca-test-whois-server.h"

#define ENDLESS_CHUNK 8192

struct _CaTestWhoisServer
{
  GObject          parent_instance;

  GSocketService  *service;
  guint16          port;
  CaTestWhoisMode  mode;
  GHashTable      *answers;      /* query line → GBytes */
  GBytes          *fallback;
  GPtrArray       *queries;      /* every query line received, in order */
  GPtrArray       *held;         /* connections kept open by SILENT */
  GCancellable    *cancellable;
  guint            n_connections;
};

G_DEFINE_FINAL_TYPE (CaTestWhoisServer, ca_test_whois_server, G_TYPE_OBJECT)

typedef struct
{
  CaTestWhoisServer *server;
  GSocketConnection *connection;
  GDataInputStream  *input;
  GBytes            *answer;
  char              *endless;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  if (exchange->connection != NULL)
    g_io_stream_close (G_IO_STREAM (exchange->connection), NULL, NULL);
  g_clear_object (&exchange->server);
  g_clear_object (&exchange->connection);
  g_clear_object (&exchange->input);
  g_clear_pointer (&exchange->answer, g_bytes_unref);
  g_free (exchange->endless);
  g_free (exchange);
}

static void
write_endless_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Exchange *exchange = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL))
    {
      exchange_free (exchange);
      return;
    }
  g_output_stream_write_all_async (G_OUTPUT_STREAM (object), exchange->endless, ENDLESS_CHUNK,
                                   G_PRIORITY_DEFAULT, exchange->server->cancellable,
                                   write_endless_cb, exchange);
}

static void
write_answer_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Exchange *exchange = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  exchange_free (exchange);
}

static void
read_query_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Exchange *exchange = user_data;
  CaTestWhoisServer *self = exchange->server;
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (exchange->connection));
  g_autofree char *line = NULL;
  GBytes *answer;

  line = g_data_input_stream_read_line_finish (exchange->input, result, NULL, NULL);
  if (line == NULL)
    {
      exchange_free (exchange);
      return;
    }
  g_ptr_array_add (self->queries, g_strdup (line));

  switch (self->mode)
    {
    case CA_TEST_WHOIS_SILENT:
      g_ptr_array_add (self->held, g_steal_pointer (&exchange->connection));
      exchange_free (exchange);
      return;
    case CA_TEST_WHOIS_ENDLESS:
      exchange->endless = g_malloc (ENDLESS_CHUNK);
      memset (exchange->endless, 'x', ENDLESS_CHUNK);
      g_output_stream_write_all_async (output, exchange->endless, ENDLESS_CHUNK,
                                       G_PRIORITY_DEFAULT, self->cancellable,
                                       write_endless_cb, exchange);
      return;
    case CA_TEST_WHOIS_ANSWER:
    default:
      answer = g_hash_table_lookup (self->answers, line);
      if (answer == NULL)
        answer = self->fallback;
      if (answer == NULL)
        {
          exchange_free (exchange);
          return;
        }
      exchange->answer = g_bytes_ref (answer);
      g_output_stream_write_all_async (output, g_bytes_get_data (answer, NULL),
                                       g_bytes_get_size (answer), G_PRIORITY_DEFAULT,
                                       self->cancellable, write_answer_cb, exchange);
    }
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  CaTestWhoisServer *self = user_data;
  Exchange *exchange = g_new0 (Exchange, 1);

  self->n_connections++;
  exchange->server = g_object_ref (self);
  exchange->connection = g_object_ref (connection);
  exchange->input = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_data_input_stream_set_newline_type (exchange->input, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  g_data_input_stream_read_line_async (exchange->input, G_PRIORITY_DEFAULT, self->cancellable,
                                       read_query_cb, exchange);
  return TRUE;
}

static void
ca_test_whois_server_dispose (GObject *object)
{
  CaTestWhoisServer *self = (CaTestWhoisServer *) object;

  ca_test_whois_server_stop (self);
  g_clear_object (&self->service);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ca_test_whois_server_parent_class)->dispose (object);
}

static void
ca_test_whois_server_finalize (GObject *object)
{
  CaTestWhoisServer *self = (CaTestWhoisServer *) object;

  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->fallback, g_bytes_unref);
  g_clear_pointer (&self->queries, g_ptr_array_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_test_whois_server_parent_class)->finalize (object);
}

static void
ca_test_whois_server_class_init (CaTestWhoisServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ca_test_whois_server_dispose;
  object_class->finalize = ca_test_whois_server_finalize;
}

static void
ca_test_whois_server_init (CaTestWhoisServer *self)
{
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  self->queries = g_ptr_array_new_with_free_func (g_free);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

CaTestWhoisServer *
ca_test_whois_server_new (void)
{
  CaTestWhoisServer *self = g_object_new (CA_TEST_TYPE_WHOIS_SERVER, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  self->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_service_start (self->service);

  return self;
}

guint16
ca_test_whois_server_get_port (CaTestWhoisServer *self)
{
  return self->port;
}

/* "127.0.0.1:PORT", as --whois-server and referral lines take it. */
char *
ca_test_whois_server_get_address (CaTestWhoisServer *self)
{
  return g_strdup_printf ("127.0.0.1:%u", self->port);
}

void
ca_test_whois_server_set_mode (CaTestWhoisServer *self,
                               CaTestWhoisMode    mode)
{
  self->mode = mode;
}

void
ca_test_whois_server_add_answer (CaTestWhoisServer *self,
                                 const char        *query,
                                 GBytes            *answer)
{
  g_hash_table_replace (self->answers, g_strdup (query), g_bytes_ref (answer));
}

void
ca_test_whois_server_add_text (CaTestWhoisServer *self,
                               const char        *query,
                               const char        *text)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

  ca_test_whois_server_add_answer (self, query, bytes);
}

gboolean
ca_test_whois_server_add_file (CaTestWhoisServer *self,
                               const char        *query,
                               const char        *path,
                               GError           **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);

  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return FALSE;
  ca_test_whois_server_add_answer (self, query, bytes);
  return TRUE;
}

void
ca_test_whois_server_set_default (CaTestWhoisServer *self,
                                  GBytes            *answer)
{
  g_clear_pointer (&self->fallback, g_bytes_unref);
  self->fallback = answer != NULL ? g_bytes_ref (answer) : NULL;
}

guint
ca_test_whois_server_get_n_connections (CaTestWhoisServer *self)
{
  return self->n_connections;
}

/* Returns: (transfer none): every query line received, without CRLF */
GPtrArray *
ca_test_whois_server_get_queries (CaTestWhoisServer *self)
{
  return self->queries;
}

void
ca_test_whois_server_stop (CaTestWhoisServer *self)
{
  g_cancellable_cancel (self->cancellable);
  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
    }
  for (guint i = 0; i < self->held->len; i++)
    g_io_stream_close (g_ptr_array_index (self->held, i), NULL, NULL);
  g_ptr_array_set_size (self->held, 0);
}
