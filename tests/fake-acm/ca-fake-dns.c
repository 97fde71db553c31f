/* ca-fake-dns.c: just enough DNS for the fake ACM to look its CNAME records up
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fake ACM validates DNS requests the way ACM does, by looking the
 * records up. It must not borrow the resolver of the code under test (a bug
 * there would then pass its own test), so this is a DNS client of its own:
 * one UDP question per name, the answer's CNAME read with name compression,
 * every offset checked against the message. No TCP, no EDNS, no DNSSEC: the
 * fake talks to an unbound on loopback whose answers are a few hundred bytes.
 */

#define G_LOG_DOMAIN "CaFakeDns"

#include "config.h"

#include <string.h>

#include "ca-fake-dns.h"

#define HEADER_LEN     12
#define MAX_NAME_WIRE  255
#define MAX_LABEL      63
#define MAX_JUMPS      32     /* more pointers than a sane message has: a loop */
#define CLASS_IN       1
#define RCODE_NXDOMAIN 3
#define REPLY_MAX      4096

static guint16
read_u16 (const guint8 *data)
{
  return (guint16) ((data[0] << 8) | data[1]);
}

static void
append_u16 (GByteArray *bytes,
            guint16     value)
{
  guint8 pair[2] = { value >> 8, value & 0xff };

  g_byte_array_append (bytes, pair, 2);
}

static gboolean
fail (GError    **error,
      const char *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

/*
 * Names
 */

/* Lower case, without the final dot: how ACM's values and answers compare. */
char *
ca_fake_dns_normalize (const char *name)
{
  char *normal = g_ascii_strdown (name, -1);
  gsize len = strlen (normal);

  if (len > 0 && normal[len - 1] == '.')
    normal[len - 1] = '\0';
  return normal;
}

gboolean
ca_fake_dns_names_equal (const char *a,
                         const char *b)
{
  g_autofree char *normal_a = NULL;
  g_autofree char *normal_b = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  normal_a = ca_fake_dns_normalize (a);
  normal_b = ca_fake_dns_normalize (b);
  return strcmp (normal_a, normal_b) == 0;
}

static gboolean
encode_name (GByteArray  *bytes,
             const char  *name,
             GError     **error)
{
  g_autofree char *normal = ca_fake_dns_normalize (name);
  g_auto (GStrv) labels = NULL;
  gsize wire = 1;

  if (*normal != '\0')
    labels = g_strsplit (normal, ".", -1);
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    {
      gsize len = strlen (labels[i]);
      guint8 len_byte = (guint8) len;

      wire += len + 1;
      if (len == 0 || len > MAX_LABEL || wire > MAX_NAME_WIRE)
        return fail (error, "not a DNS name");
      g_byte_array_append (bytes, &len_byte, 1);
      g_byte_array_append (bytes, (const guint8 *) labels[i], len);
    }
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return TRUE;
}

/* A label's bytes as text; a dot or an odd byte inside a label is escaped
 * (\DDD), so that no label can pose as two. */
static void
append_label (GString      *out,
              const guint8 *label,
              guint8        len)
{
  if (out->len > 0)
    g_string_append_c (out, '.');
  for (guint i = 0; i < len; i++)
    {
      guint8 c = g_ascii_tolower (label[i]);

      if (c <= ' ' || c > '~' || c == '.' || c == '\\')
        g_string_append_printf (out, "\\%03u", c);
      else
        g_string_append_c (out, (char) c);
    }
}

/* Reads the name at *@offset, following compression pointers (RFC 1035
 * 4.1.4), and moves *@offset past it where it sits (not where it points). */
static gboolean
read_name (const guint8  *msg,
           gsize          len,
           gsize         *offset,
           GString       *out,
           GError       **error)
{
  gsize pos = *offset, wire = 1;
  gboolean jumped = FALSE;
  guint jumps = 0;

  for (;;)
    {
      guint8 b;

      if (pos >= len)
        return fail (error, "a name runs past the end of the message");
      b = msg[pos];
      if ((b & 0xc0) == 0xc0)
        {
          if (pos + 1 >= len || ++jumps > MAX_JUMPS)
            return fail (error, "a bad compression pointer");
          if (!jumped)
            *offset = pos + 2;
          jumped = TRUE;
          pos = ((gsize) (b & 0x3f) << 8) | msg[pos + 1];
          continue;
        }
      if ((b & 0xc0) != 0)
        return fail (error, "an unknown label type");
      if (b == 0)
        break;
      wire += b + 1;
      if (pos + 1 + b > len || wire > MAX_NAME_WIRE)
        return fail (error, "a label runs past the end of the message or the name is too long");
      append_label (out, msg + pos + 1, b);
      pos += 1 + b;
    }
  if (!jumped)
    *offset = pos + 1;
  return TRUE;
}

/*
 * Messages
 */

/* A question with recursion desired, so that a forwarder answers too. */
GBytes *
ca_fake_dns_build_query (guint16      id,
                         const char  *name,
                         guint16      qtype,
                         GError     **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();

  append_u16 (bytes, id);
  append_u16 (bytes, 0x0100);
  append_u16 (bytes, 1);
  append_u16 (bytes, 0);
  append_u16 (bytes, 0);
  append_u16 (bytes, 0);
  if (!encode_name (bytes, name, error))
    return NULL;
  append_u16 (bytes, qtype);
  append_u16 (bytes, CLASS_IN);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static gboolean
check_header (const guint8  *reply,
              gsize          len,
              guint16        id,
              GError       **error)
{
  if (len < HEADER_LEN)
    return fail (error, "shorter than a DNS header");
  if (read_u16 (reply) != id || (reply[2] & 0x80) == 0)
    return fail (error, "not the answer to our question");
  if ((reply[2] & 0x02) != 0)
    return fail (error, "truncated (TC)");
  if ((reply[3] & 0x0f) != 0 && (reply[3] & 0x0f) != RCODE_NXDOMAIN)
    return fail (error, "the server failed or refused (RCODE)");
  if (read_u16 (reply + 4) != 1)
    return fail (error, "not exactly one question");
  return TRUE;
}

/* Skips the question after checking it is ours. */
static gboolean
check_question (const guint8  *reply,
                gsize          len,
                const char    *name,
                gsize         *offset,
                GError       **error)
{
  g_autoptr (GString) qname = g_string_new (NULL);

  if (!read_name (reply, len, offset, qname, error))
    return FALSE;
  if (!ca_fake_dns_names_equal (qname->str, name))
    return fail (error, "the answer is about another name");
  if (*offset + 4 > len)
    return fail (error, "the question runs past the end of the message");
  *offset += 4;
  return TRUE;
}

/* One answer record: a CNAME owned by @name sets *@target. */
static gboolean
read_answer (const guint8  *reply,
             gsize          len,
             const char    *name,
             gsize         *offset,
             char         **target,
             GError       **error)
{
  g_autoptr (GString) owner = g_string_new (NULL);
  g_autoptr (GString) rdata = g_string_new (NULL);
  gsize rdata_start, rdata_end;

  if (!read_name (reply, len, offset, owner, error))
    return FALSE;
  if (*offset + 10 > len)
    return fail (error, "a record runs past the end of the message");
  rdata_start = *offset + 10;
  rdata_end = rdata_start + read_u16 (reply + *offset + 8);
  if (rdata_end > len)
    return fail (error, "a record's data runs past the end of the message");
  if (*target == NULL && read_u16 (reply + *offset) == CA_FAKE_DNS_TYPE_CNAME &&
      read_u16 (reply + *offset + 2) == CLASS_IN && ca_fake_dns_names_equal (owner->str, name))
    {
      gsize end = rdata_start;

      if (!read_name (reply, len, &end, rdata, error))
        return FALSE;
      if (end != rdata_end)
        return fail (error, "a CNAME's data is not one name");
      *target = g_strdup (rdata->str);
    }
  *offset = rdata_end;
  return TRUE;
}

/**
 * ca_fake_dns_parse_cname:
 * @target: (out) (transfer full): the CNAME's target, lower case without the
 *   final dot, or %NULL when the answer has none (NXDOMAIN, NODATA, another type)
 *
 * Reads the answer to the question ca_fake_dns_build_query() made.
 *
 * Returns: %FALSE for a malformed answer, one to another question, or one
 *   that says the server failed
 */
gboolean
ca_fake_dns_parse_cname (const guint8  *reply,
                         gsize          len,
                         guint16        id,
                         const char    *name,
                         char         **target,
                         GError       **error)
{
  g_autofree char *found = NULL;
  gsize offset = HEADER_LEN;
  guint answers;

  g_return_val_if_fail (target != NULL, FALSE);

  *target = NULL;
  if (!check_header (reply, len, id, error) || !check_question (reply, len, name, &offset, error))
    return FALSE;
  answers = read_u16 (reply + 6);
  for (guint i = 0; i < answers; i++)
    if (!read_answer (reply, len, name, &offset, &found, error))
      return FALSE;
  *target = g_steal_pointer (&found);
  return TRUE;
}

/*
 * Lookups
 */

/* `ADDRESS@PORT` (as unbound and the app's --dns-server write it) or `ADDRESS`. */
GSocketAddress *
ca_fake_dns_parse_server (const char  *server,
                          GError     **error)
{
  const char *at = server != NULL ? strrchr (server, '@') : NULL;
  g_autofree char *host = at != NULL ? g_strndup (server, at - server) : g_strdup (server);
  g_autoptr (GInetAddress) address = host != NULL ? g_inet_address_new_from_string (host) : NULL;
  guint64 port = 53;

  if (address == NULL ||
      (at != NULL && !g_ascii_string_to_unsigned (at + 1, 10, 1, G_MAXUINT16, &port, NULL)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s is not a DNS server (ADDRESS@PORT)", server != NULL ? server : "");
      return NULL;
    }
  return g_inet_socket_address_new (address, (guint16) port);
}

static GSocket *
open_socket (GSocketAddress *server)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GError) error = NULL;

  socket = g_socket_new (g_socket_address_get_family (server), G_SOCKET_TYPE_DATAGRAM,
                         G_SOCKET_PROTOCOL_UDP, &error);
  /* Connected, so that only the server's answers come in and a closed port
   * is reported (ICMP) instead of waited for. */
  if (socket == NULL || !g_socket_connect (socket, server, NULL, &error))
    {
      g_debug ("no socket for DNS: %s", error->message);
      return NULL;
    }
  g_socket_set_blocking (socket, FALSE);
  return g_steal_pointer (&socket);
}

/* Sends one question per name; returns id → name of those sent. */
static GHashTable *
send_questions (GSocket            *socket,
                const char * const *names)
{
  GHashTable *pending = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (GBytes) query = NULL;
      g_autoptr (GError) error = NULL;
      guint16 id;

      do
        id = (guint16) g_random_int_range (0, G_MAXUINT16 + 1);
      while (g_hash_table_contains (pending, GUINT_TO_POINTER (id)));
      query = ca_fake_dns_build_query (id, names[i], CA_FAKE_DNS_TYPE_CNAME, &error);
      if (query == NULL ||
          g_socket_send (socket, g_bytes_get_data (query, NULL), g_bytes_get_size (query), NULL, &error) < 0)
        {
          g_debug ("no question for %s: %s", names[i], error->message);
          /* A closed port (ICMP) refuses the rest too: wait for no answer. */
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
            {
              g_hash_table_remove_all (pending);
              break;
            }
          continue;
        }
      g_hash_table_insert (pending, GUINT_TO_POINTER (id), g_strdup (names[i]));
    }
  return pending;
}

/* Takes one datagram; FALSE when the socket failed (a closed port). */
static gboolean
receive_answer (GSocket    *socket,
                GHashTable *pending,
                GHashTable *results)
{
  guint8 reply[REPLY_MAX];
  g_autoptr (GError) error = NULL;
  g_autofree char *target = NULL;
  const char *name;
  gssize len;
  guint16 id;

  len = g_socket_receive (socket, (char *) reply, sizeof reply, NULL, &error);
  if (len < 0)
    {
      g_debug ("DNS answer: %s", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
    }
  if (len < 2)
    return TRUE;
  id = read_u16 (reply);
  name = g_hash_table_lookup (pending, GUINT_TO_POINTER (id));
  if (name == NULL)
    return TRUE;
  if (!ca_fake_dns_parse_cname (reply, (gsize) len, id, name, &target, &error))
    g_debug ("DNS answer for %s: %s", name, error->message);
  else if (target != NULL)
    g_hash_table_insert (results, ca_fake_dns_normalize (name), g_steal_pointer (&target));
  g_hash_table_remove (pending, GUINT_TO_POINTER (id));
  return TRUE;
}

/**
 * ca_fake_dns_lookup_cnames:
 * @deadline: monotonic time (µs) after which unanswered names count as
 *   having no CNAME
 *
 * Asks @server for the CNAME of each name at once and waits for the answers,
 * never past @deadline: the caller is a server that must not hang.
 *
 * Returns: (transfer full): normalized name → normalized CNAME target, for
 *   the names that have one
 */
GHashTable *
ca_fake_dns_lookup_cnames (GSocketAddress     *server,
                           const char * const *names,
                           gint64              deadline)
{
  g_autoptr (GHashTable) results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) pending = NULL;
  g_autoptr (GSocket) socket = NULL;

  g_return_val_if_fail (G_IS_SOCKET_ADDRESS (server), NULL);

  socket = open_socket (server);
  if (socket == NULL)
    return g_steal_pointer (&results);
  pending = send_questions (socket, names);
  while (g_hash_table_size (pending) > 0)
    {
      gint64 remaining = deadline - g_get_monotonic_time ();

      if (remaining <= 0 || !g_socket_condition_timed_wait (socket, G_IO_IN, remaining, NULL, NULL))
        break;
      if (!receive_answer (socket, pending, results))
        break;
    }
  return g_steal_pointer (&results);
}
