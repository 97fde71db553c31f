/* ca-aws-client-http.c: bounded HTTP exchanges for the AWS clients
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaAwsHttp"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-aws-client-http.h"
#include "ca-error.h"
#include "ca-sigv4.h"

#define CHUNK_SIZE 16384

typedef struct
{
  GInputStream *stream;
  GByteArray   *buffer;
  gsize         max_size;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_free (data);
}

static void read_chunk_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
read_next_chunk (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_chunk_cb, task);
}

static void
read_chunk_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) chunk = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  g_byte_array_append (data->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (data->buffer->len > data->max_size)
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                               _("The server’s answer is larger than %u KiB, so it was not read."),
                               (guint) (data->max_size / 1024));
      return;
    }
  read_next_chunk (g_steal_pointer (&task));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  read_next_chunk (g_steal_pointer (&task));
}

/**
 * ca_aws_http_send_async:
 *
 * Sends @msg and reads at most @max_size bytes of its body: an answer from the
 * network is untrusted and must not fill the memory.
 */
void
ca_aws_http_send_async (SoupSession         *http,
                        SoupMessage         *msg,
                        gsize                max_size,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  SendData *data;

  g_return_if_fail (SOUP_IS_SESSION (http));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));

  task = g_task_new (http, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_aws_http_send_async);
  data = g_new0 (SendData, 1);
  data->buffer = g_byte_array_new ();
  data->max_size = max_size;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  soup_session_send_async (http, msg, G_PRIORITY_DEFAULT, cancellable, send_cb, g_steal_pointer (&task));
}

GBytes *
ca_aws_http_send_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ca_aws_http_set_body (SoupMessage *msg,
                      const char  *content_type,
                      GBytes      *body)
{
  soup_message_set_request_body_from_bytes (msg, content_type, body);
}

/* Each pair is a GStrv { name, value }, both encoded. */
static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const char * const *pair_a = *(const char * const * const *) a;
  const char * const *pair_b = *(const char * const * const *) b;
  int by_name = strcmp (pair_a[0], pair_b[0]);

  return by_name != 0 ? by_name : strcmp (pair_a[1], pair_b[1]);
}

/* SigV4's canonical query: each name and value decoded, then encoded again with
 * only the unreserved characters left as they are, sorted by name, then by value. */
static char *
canonical_query (GUri *uri)
{
  const char *query = g_uri_get_query (uri);
  g_auto (GStrv) parts = NULL;
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GString) canonical = g_string_new (NULL);

  if (query == NULL || *query == '\0')
    return g_strdup ("");
  parts = g_strsplit (query, "&", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *equals = strchr (parts[i], '=');
      g_autofree char *name = NULL, *value = NULL, *name_escaped = NULL, *value_escaped = NULL;
      char **pair;

      if (*parts[i] == '\0')
        continue;
      if (equals != NULL)
        *equals = '\0';
      name = g_uri_unescape_string (parts[i], NULL);
      value = g_uri_unescape_string (equals != NULL ? equals + 1 : "", NULL);
      name_escaped = g_uri_escape_string (name != NULL ? name : parts[i], NULL, FALSE);
      value_escaped = g_uri_escape_string (value != NULL ? value : "", NULL, FALSE);
      pair = g_new0 (char *, 3);
      pair[0] = g_steal_pointer (&name_escaped);
      pair[1] = g_steal_pointer (&value_escaped);
      g_ptr_array_add (pairs, pair);
    }
  g_ptr_array_sort (pairs, compare_pairs);
  for (guint i = 0; i < pairs->len; i++)
    {
      const char * const *pair = g_ptr_array_index (pairs, i);

      g_string_append_printf (canonical, "%s%s=%s", i > 0 ? "&" : "", pair[0], pair[1]);
    }
  return g_string_free (g_steal_pointer (&canonical), FALSE);
}

/**
 * ca_aws_http_sign:
 * @body: exactly the bytes that will be sent
 * @time: the clock reading, skew correction included
 *
 * Signs @msg with SigV4 over content-type, host, x-amz-date, and x-amz-target
 * and x-amz-security-token when present. User-Agent, Accept-Encoding and
 * Connection stay unsigned: libsoup may change them.
 */
void
ca_aws_http_sign (SoupMessage   *msg,
                  GBytes        *body,
                  CaCredentials *credentials,
                  const char    *region,
                  const char    *service,
                  GDateTime     *time)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autofree char *amz_date = ca_sigv4_format_amz_date (time);
  g_autofree char *host = ca_sigv4_host_for_uri (soup_message_get_uri (msg));
  g_autofree char *authorization = NULL;
  g_autofree char *query = canonical_query (soup_message_get_uri (msg));
  const char *token = ca_credentials_get_session_token (credentials);
  const char *target = soup_message_headers_get_one (headers, "X-Amz-Target");
  const char *content_type = soup_message_headers_get_one (headers, "Content-Type");
  CaSigv4Header signed_headers[5];
  CaSigv4Request request = { 0 };
  gsize n = 0;

  soup_message_headers_replace (headers, "X-Amz-Date", amz_date);
  if (token != NULL)
    soup_message_headers_replace (headers, "X-Amz-Security-Token", token);
  else
    soup_message_headers_remove (headers, "X-Amz-Security-Token");

  if (content_type != NULL)
    signed_headers[n++] = (CaSigv4Header) { "content-type", content_type };
  signed_headers[n++] = (CaSigv4Header) { "host", host };
  signed_headers[n++] = (CaSigv4Header) { "x-amz-date", amz_date };
  if (token != NULL)
    signed_headers[n++] = (CaSigv4Header) { "x-amz-security-token", token };
  if (target != NULL)
    signed_headers[n++] = (CaSigv4Header) { "x-amz-target", target };

  request.method = soup_message_get_method (msg);
  request.canonical_uri = *g_uri_get_path (soup_message_get_uri (msg)) != '\0' ? g_uri_get_path (soup_message_get_uri (msg)) : "/";
  request.canonical_query = query;
  request.headers = signed_headers;
  request.n_headers = n;
  request.payload = body != NULL ? g_bytes_get_data (body, &request.payload_len) : NULL;
  request.amz_date = amz_date;
  request.region = region;
  request.service = service;
  request.access_key_id = ca_credentials_get_access_key_id (credentials);
  request.secret_access_key = ca_credentials_get_secret_access_key (credentials);

  authorization = ca_sigv4_authorization (&request);
  soup_message_headers_replace (headers, "Authorization", authorization);
}
