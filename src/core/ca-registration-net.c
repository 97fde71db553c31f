/* ca-registration-net.c: network helpers shared by the RDAP and WHOIS clients
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRegistrationNet"

#include "config.h"

#include <string.h>

#include "ca-registration-net.h"

#define READ_CHUNK 16384

/**
 * ca_registration_address_is_public:
 *
 * Whether @address may be reached on a referral from a public server
 * (registration-data.md §7): not loopback, private, link-local, shared
 * (100.64/10), unique-local (fc00::/7), multicast or unspecified.
 */
gboolean
ca_registration_address_is_public (GInetAddress *address)
{
  const guint8 *bytes;

  g_return_val_if_fail (G_IS_INET_ADDRESS (address), FALSE);

  if (g_inet_address_get_is_loopback (address) || g_inet_address_get_is_link_local (address) ||
      g_inet_address_get_is_site_local (address) || g_inet_address_get_is_any (address) ||
      g_inet_address_get_is_multicast (address))
    return FALSE;

  bytes = g_inet_address_to_bytes (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return bytes[0] != 0 && !(bytes[0] == 100 && (bytes[1] & 0xc0) == 64);

  /* IPv4-mapped IPv6 addresses hide an IPv4 address. */
  if (memcmp (bytes, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0)
    {
      g_autoptr (GInetAddress) v4 = g_inet_address_new_from_bytes (bytes + 12, G_SOCKET_FAMILY_IPV4);

      return ca_registration_address_is_public (v4);
    }
  return (bytes[0] & 0xfe) != 0xfc;
}

/* A loopback IP literal or "localhost": where tests and the demo live. */
gboolean
ca_registration_host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  bare = g_strdup (host[0] == '[' ? host + 1 : host);
  if (bare[0] != '\0' && bare[strlen (bare) - 1] == ']')
    bare[strlen (bare) - 1] = '\0';
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

typedef struct
{
  GByteArray *data;
  gsize       cap;
  gboolean    truncated;
} ReadData;

static void
read_data_free (gpointer pointer)
{
  ReadData *data = pointer;

  g_byte_array_unref (data->data);
  g_free (data);
}

static void read_chunk (GTask *task);

static void
read_chunk_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ReadData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) chunk = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_byte_array_ref (data->data)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (data->data->len + size > data->cap)
    {
      /* Stop at the cap instead of reading on: an endless answer must not hang us. */
      g_byte_array_append (data->data, g_bytes_get_data (chunk, NULL), data->cap - data->data->len);
      data->truncated = TRUE;
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_byte_array_ref (data->data)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  g_byte_array_append (data->data, g_bytes_get_data (chunk, NULL), size);
  read_chunk (g_steal_pointer (&task));
}

static void
read_chunk (GTask *task)
{
  GInputStream *stream = g_task_get_source_object (task);

  g_input_stream_read_bytes_async (stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_chunk_cb, task);
}

/**
 * ca_registration_read_capped_async:
 *
 * Reads @stream to its end, but never more than @cap bytes.
 */
void
ca_registration_read_capped_async (GInputStream        *stream,
                                   gsize                cap,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  ReadData *data;

  g_return_if_fail (G_IS_INPUT_STREAM (stream));

  task = g_task_new (stream, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_registration_read_capped_async);
  data = g_new0 (ReadData, 1);
  data->data = g_byte_array_new ();
  data->cap = cap;
  g_task_set_task_data (task, data, read_data_free);
  read_chunk (task);
}

GBytes *
ca_registration_read_capped_finish (GInputStream  *stream,
                                    GAsyncResult  *result,
                                    gboolean      *truncated,
                                    GError       **error)
{
  ReadData *data;

  g_return_val_if_fail (g_task_is_valid (result, stream), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (truncated != NULL)
    *truncated = data->truncated;
  return g_task_propagate_pointer (G_TASK (result), error);
}
