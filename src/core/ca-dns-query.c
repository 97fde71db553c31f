/* ca-dns-query.c: one question to one authoritative server, without recursion
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaDnsQuery"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-dns-answer.h"
#include "ca-dns-query.h"
#include "ca-error.h"

/*
 * A resolver never says what a parent zone delegates: it asks the child's own
 * servers for the NS set, and their answer replaces the referral. To see the
 * delegation itself (the NS set at the registry), the parent's servers are
 * asked directly, with recursion off, and the referral's authority section is
 * read. libunbound cannot ask that question, so this file builds and parses the
 * one message it needs (RFC 1035 §4), over UDP with EDNS (RFC 6891).
 */

#define DNS_PORT          53
#define HEADER_OCTETS     12
#define EDNS_BUFFER_SIZE  1232
#define TYPE_NS           2
#define TYPE_OPT          41
#define CLASS_IN          1
#define FLAG_QR           0x8000
#define FLAG_TC           0x0200
#define MAX_POINTERS      64
#define MAX_NAME_OCTETS   255

typedef struct _Query Query;

typedef struct
{
  Query   *query;
  GSocket *socket;
  GSource *source;
} Ask;

struct _Query
{
  char      *zone;
  guint16    id;
  GPtrArray *asks;
  GSource   *timeout_source;
  GError    *error;   /* the first server's failure, for when none answers */
  guint      pending;
  gint64     started_us; /* for the debug trace of each question's duration */
};

static void
ask_free (Ask *ask)
{
  if (ask->source != NULL)
    g_source_destroy (ask->source);
  g_clear_pointer (&ask->source, g_source_unref);
  g_clear_object (&ask->socket);
  g_free (ask);
}

static void
query_free (Query *query)
{
  if (query->timeout_source != NULL)
    g_source_destroy (query->timeout_source);
  g_clear_pointer (&query->timeout_source, g_source_unref);
  g_clear_pointer (&query->asks, g_ptr_array_unref);
  g_clear_error (&query->error);
  g_free (query->zone);
  g_free (query);
}

/*
 * Building and parsing
 */

static gpointer
set_malformed (GError    **error,
               const char *why)
{
  /* Translators: %s says what is wrong with the DNS server's answer */
  g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE, _("The DNS server sent a malformed answer: %s"), why);
  return NULL;
}

static void
append_name (GByteArray *message,
             const char *name)
{
  g_auto (GStrv) labels = g_strsplit (name, ".", -1);
  guint8 zero = 0;

  for (guint i = 0; labels[i] != NULL; i++)
    {
      guint8 length = (guint8) MIN (strlen (labels[i]), 63);

      if (length == 0)
        continue;
      g_byte_array_append (message, &length, 1);
      g_byte_array_append (message, (const guint8 *) labels[i], length);
    }
  g_byte_array_append (message, &zero, 1);
}

static void
append_u16 (GByteArray *message,
            guint16     value)
{
  guint8 octets[2] = { value >> 8, value & 0xff };

  g_byte_array_append (message, octets, 2);
}

/* "@zone NS?", recursion off, with an OPT record so a large referral fits. */
static GBytes *
build_question (guint16     id,
                const char *zone)
{
  GByteArray *message = g_byte_array_new ();
  static const guint8 opt_rest[] = { 0, 0, 0, 0, 0, 0 }; /* TTL (rcode, version, flags), RDLENGTH */
  guint8 root = 0;

  append_u16 (message, id);
  append_u16 (message, 0);  /* a standard query, RD clear */
  append_u16 (message, 1);  /* QDCOUNT */
  append_u16 (message, 0);
  append_u16 (message, 0);
  append_u16 (message, 1);  /* ARCOUNT: the OPT record */
  append_name (message, zone);
  append_u16 (message, TYPE_NS);
  append_u16 (message, CLASS_IN);
  g_byte_array_append (message, &root, 1);
  append_u16 (message, TYPE_OPT);
  append_u16 (message, EDNS_BUFFER_SIZE);
  g_byte_array_append (message, opt_rest, sizeof opt_rest);
  return g_byte_array_free_to_bytes (message);
}

static guint16
read_u16 (const guint8 *data,
          gsize         offset)
{
  return (guint16) (data[offset] << 8 | data[offset + 1]);
}

/* A name anywhere in the message, following compression pointers (§4.1.4);
 * @offset moves past the name where it starts. */
static char *
read_name (const guint8 *message,
           gsize         length,
           gsize        *offset,
           GError      **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  gsize pos = *offset;
  gsize end = 0;
  guint pointers = 0;

  for (;;)
    {
      guint8 label_length;

      if (pos >= length)
        return set_malformed (error, _("a name runs past the end of the message"));
      label_length = message[pos];
      if ((label_length & 0xc0) == 0xc0)
        {
          if (pos + 1 >= length || ++pointers > MAX_POINTERS)
            return set_malformed (error, _("a name points outside the message or in a loop"));
          if (end == 0)
            end = pos + 2;
          pos = ((label_length & 0x3f) << 8) | message[pos + 1];
          continue;
        }
      pos++;
      if (label_length == 0)
        break;
      if (label_length > 63 || label_length > length - pos || out->len + label_length + 1 > MAX_NAME_OCTETS)
        return set_malformed (error, _("a name is not valid"));
      if (out->len > 0)
        g_string_append_c (out, '.');
      for (guint i = 0; i < label_length; i++)
        {
          guint8 c = message[pos + i];

          if (c <= 0x20 || c > 0x7e || c == '.' || c == '\\')
            g_string_append_printf (out, "\\%03u", c);
          else
            g_string_append_c (out, g_ascii_tolower (c));
        }
      pos += label_length;
    }

  *offset = end != 0 ? end : pos;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
skip_question (const guint8 *message,
               gsize         length,
               gsize        *offset,
               GError      **error)
{
  g_autofree char *name = read_name (message, length, offset, error);

  if (name == NULL)
    return FALSE;
  if (*offset + 4 > length)
    {
      set_malformed (error, _("the question is cut short"));
      return FALSE;
    }
  *offset += 4;
  return TRUE;
}

/* One record of the answer or authority section: an NS target for @zone is added. */
static gboolean
read_record (const guint8 *message,
             gsize         length,
             gsize        *offset,
             const char   *zone,
             GPtrArray    *targets,
             GError      **error)
{
  g_autofree char *owner = read_name (message, length, offset, error);
  guint16 type, rdlength;
  gsize rdata;

  if (owner == NULL)
    return FALSE;
  if (*offset + 10 > length || *offset + 10 + read_u16 (message, *offset + 8) > length)
    {
      set_malformed (error, _("a record is cut short"));
      return FALSE;
    }
  type = read_u16 (message, *offset);
  rdlength = read_u16 (message, *offset + 8);
  rdata = *offset + 10;
  *offset = rdata + rdlength;

  if (type == TYPE_NS && ca_dns_name_equal (owner, zone))
    {
      gsize target_offset = rdata;
      char *target = read_name (message, length, &target_offset, error);

      if (target == NULL)
        return FALSE;
      if (!g_ptr_array_find_with_equal_func (targets, target, g_str_equal, NULL))
        g_ptr_array_add (targets, target);
      else
        g_free (target);
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/**
 * ca_dns_parse_delegation:
 * @message: a DNS answer
 * @id: the id of the question it answers
 * @zone: the zone asked about
 *
 * Reads the NS set of @zone from the answer and authority sections: a
 * referral names it in the authority section, a server that also serves the
 * zone itself answers with it.
 *
 * Returns: (transfer full): the server names, sorted, in lower case without a
 *   trailing dot; %NULL with %CA_ERROR_MALFORMED_RESPONSE, or %CA_ERROR_NETWORK
 *   when the server refused, failed, or named no server for @zone
 */
GStrv
ca_dns_parse_delegation (const guint8  *message,
                         gsize          length,
                         guint16        id,
                         const char    *zone,
                         GError       **error)
{
  g_autoptr (GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  guint16 flags, n_questions, n_records;
  gsize offset = HEADER_OCTETS;

  g_return_val_if_fail (zone != NULL, NULL);

  if (length < HEADER_OCTETS || read_u16 (message, 0) != id || !(read_u16 (message, 2) & FLAG_QR))
    return set_malformed (error, _("it does not answer the question asked"));
  flags = read_u16 (message, 2);
  if ((flags & 0x000f) != CA_DNS_RCODE_NOERROR)
    {
      /* Translators: the first %s is a DNS code such as REFUSED, the second a zone */
      g_set_error (error, CA_ERROR, CA_ERROR_NETWORK, _("The server of the parent zone answered %s when asked for the delegation of %s."),
                   ca_dns_rcode_to_string (flags & 0x000f), zone);
      return NULL;
    }
  n_questions = read_u16 (message, 4);
  n_records = read_u16 (message, 6) + read_u16 (message, 8);
  for (guint i = 0; i < n_questions; i++)
    if (!skip_question (message, length, &offset, error))
      return NULL;
  for (guint i = 0; i < n_records; i++)
    if (!read_record (message, length, &offset, zone, targets, error))
      return NULL;

  if (targets->len == 0)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_NETWORK,
                   (flags & FLAG_TC) ? _("The answer of the parent zone’s server about %s was cut short.")
                                     : _("The parent zone’s server names no server for %s."),
                   zone);
      return NULL;
    }
  g_ptr_array_sort (targets, compare_strings);
  g_ptr_array_add (targets, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&targets), FALSE);
}

/*
 * Callbacks
 */

static void
finish_with_error (GTask *task)
{
  Query *query = g_task_get_task_data (task);

  if (query->error != NULL)
    g_task_return_error (task, g_steal_pointer (&query->error));
  else
    g_task_return_new_error (task, CA_ERROR, CA_ERROR_NETWORK, _("No server of the parent zone could be asked about %s."), query->zone);
}

/* Every ask has ended: the sources go, and with them the task's references. */
static void
stop_asking (GTask *task)
{
  Query *query = g_task_get_task_data (task);

  g_ptr_array_set_size (query->asks, 0);
  if (query->timeout_source != NULL)
    g_source_destroy (query->timeout_source);
  g_clear_pointer (&query->timeout_source, g_source_unref);
}

static void
keep_error (Query  *query,
            GError *error)
{
  if (query->error == NULL)
    query->error = error;
  else
    g_error_free (error);
}

static gboolean
answer_cb (GSocket      *socket,
           GIOCondition  condition,
           gpointer      user_data)
{
  GTask *task = user_data;
  Query *query = g_task_get_task_data (task);
  guint8 buffer[65535];
  g_autoptr (GError) error = NULL;
  GStrv targets = NULL;
  gssize received;

  if (g_task_return_error_if_cancelled (task))
    {
      stop_asking (task);
      return G_SOURCE_REMOVE;
    }
  received = g_socket_receive (socket, (char *) buffer, sizeof buffer, NULL, &error);
  if (received < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return G_SOURCE_CONTINUE;
  if (received >= 0)
    targets = ca_dns_parse_delegation (buffer, (gsize) received, query->id, query->zone, &error);
  if (targets != NULL)
    {
      /* G_MESSAGES_DEBUG=CaDnsQuery: when the delegation check's last round ends. */
      g_debug ("delegation of %s answered in %" G_GINT64_FORMAT " ms", query->zone,
               (g_get_monotonic_time () - query->started_us) / 1000);
      g_task_return_pointer (task, targets, (GDestroyNotify) g_strfreev);
      stop_asking (task);
      return G_SOURCE_REMOVE;
    }

  keep_error (query, g_steal_pointer (&error));
  if (--query->pending == 0)
    {
      finish_with_error (task);
      stop_asking (task);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
deadline_cb (gpointer user_data)
{
  GTask *task = user_data;
  Query *query = g_task_get_task_data (task);

  keep_error (query, g_error_new (CA_ERROR, CA_ERROR_TIMEOUT,
                                  _("No server of the parent zone answered in time about %s."), query->zone));
  finish_with_error (task);
  stop_asking (task);
  return G_SOURCE_REMOVE;
}

static gboolean
start_ask (GTask        *task,
           const char   *server,
           GBytes       *question,
           GError      **error)
{
  Query *query = g_task_get_task_data (task);
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string (server);
  g_autoptr (GSocketAddress) destination = NULL;
  g_autoptr (GSocket) socket = NULL;
  Ask *ask;

  if (address == NULL)
    {
      set_malformed (error, _("a server address is not an IP address"));
      return FALSE;
    }
  destination = g_inet_socket_address_new (address, DNS_PORT);
  socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_blocking (socket, FALSE);
  if (g_socket_send_to (socket, destination, g_bytes_get_data (question, NULL), g_bytes_get_size (question),
                        NULL, error) < 0)
    return FALSE;

  ask = g_new0 (Ask, 1);
  ask->query = query;
  ask->socket = g_steal_pointer (&socket);
  ask->source = g_socket_create_source (ask->socket, G_IO_IN, g_task_get_cancellable (task));
  /* The task lives as long as any of its sources. */
  g_source_set_callback (ask->source, G_SOURCE_FUNC (answer_cb), g_object_ref (task), g_object_unref);
  g_source_attach (ask->source, g_main_context_get_thread_default ());
  g_ptr_array_add (query->asks, ask);
  query->pending++;
  return TRUE;
}

/*
 * Public API
 */

/**
 * ca_dns_query_delegation_async:
 * @servers: the IP addresses of the parent zone's servers
 * @zone: the zone whose delegation is asked for, such as `example.com`
 *
 * Asks every server at once, on port 53 without recursion, for @zone's NS
 * set, and takes the first server that names one. The task fails with
 * %CA_ERROR_TIMEOUT when none answers in time, with the first server's
 * failure when all fail, and with %G_IO_ERROR_CANCELLED.
 */
void
ca_dns_query_delegation_async (const char * const  *servers,
                               const char          *zone,
                               guint                timeout_ms,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GBytes) question = NULL;
  Query *query;

  g_return_if_fail (servers != NULL);
  g_return_if_fail (zone != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_dns_query_delegation_async);
  query = g_new0 (Query, 1);
  query->zone = ca_dns_name_normalize (zone);
  query->id = (guint16) g_random_int_range (0, 0x10000);
  query->asks = g_ptr_array_new_with_free_func ((GDestroyNotify) ask_free);
  query->started_us = g_get_monotonic_time ();
  g_task_set_task_data (task, query, (GDestroyNotify) query_free);

  question = build_question (query->id, query->zone);
  for (guint i = 0; servers[i] != NULL; i++)
    {
      GError *error = NULL;

      if (!start_ask (task, servers[i], question, &error))
        keep_error (query, error);
    }
  if (query->pending == 0)
    {
      finish_with_error (task);
      return;
    }
  query->timeout_source = g_timeout_source_new (MAX (timeout_ms, 1));
  g_source_set_callback (query->timeout_source, deadline_cb, g_object_ref (task), g_object_unref);
  g_source_attach (query->timeout_source, g_main_context_get_thread_default ());
}

/* Returns: (transfer full): the NS set the parent zone delegates to, sorted */
GStrv
ca_dns_query_delegation_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
