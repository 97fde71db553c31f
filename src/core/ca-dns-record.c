/* ca-dns-record.c: one DNS resource record, parsed from its wire rdata
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaDnsRecord"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-dns-record.h"
#include "ca-error.h"

#define MAX_NAME_WIRE_OCTETS 255
#define MAX_LABEL_OCTETS     63
#define MAX_CAA_TAG_OCTETS   15

G_DEFINE_BOXED_TYPE (CaDnsRecord, ca_dns_record, ca_dns_record_copy, ca_dns_record_free)

static gpointer
set_malformed (GError    **error,
               CaDnsType   type,
               const char *why)
{
  /* Translators: the first %s is a DNS record type such as MX, the second says what is wrong */
  g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
               _("The DNS server sent a malformed %s record: %s"),
               ca_dns_type_to_string (type), why);
  return NULL;
}

/* Hostile bytes never reach a terminal or JSON raw: anything outside printable
 * ASCII, and the characters that would make the text ambiguous, become \DDD. */
static void
append_escaped (GString      *out,
                const guint8 *data,
                gsize         length,
                gboolean      in_name)
{
  for (gsize i = 0; i < length; i++)
    {
      guint8 c = data[i];

      if (c < 0x20 || c > 0x7e || c == '\\' || (in_name && (c == '.' || c == ' ')) || (!in_name && c == '"'))
        g_string_append_printf (out, "\\%03u", c);
      else
        g_string_append_c (out, in_name ? g_ascii_tolower (c) : c);
    }
}

/**
 * ca_dns_name_from_wire:
 * @data: the rdata
 * @length: its length
 * @offset: (inout): where the name starts; set to the octet after it
 * @error: a %CA_ERROR_MALFORMED_RESPONSE when the name runs past @length, is
 *   too long or uses compression (rdata from libunbound is never compressed)
 *
 * Returns: (transfer full): the name in lower case without a trailing dot,
 *   "" for the root, or %NULL
 */
char *
ca_dns_name_from_wire (const guint8 *data,
                       gsize         length,
                       gsize        *offset,
                       GError      **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  gsize pos = *offset;
  gsize wire = 0;

  for (;;)
    {
      guint8 label_length;

      if (pos >= length)
        return set_malformed (error, CA_DNS_TYPE_CNAME, _("a name runs past the end of the record"));
      label_length = data[pos++];
      wire += 1 + label_length;
      if (label_length == 0)
        break;
      if (label_length > MAX_LABEL_OCTETS)
        return set_malformed (error, CA_DNS_TYPE_CNAME, _("a label is longer than 63 octets or compressed"));
      if (wire > MAX_NAME_WIRE_OCTETS)
        return set_malformed (error, CA_DNS_TYPE_CNAME, _("a name is longer than 255 octets"));
      if (label_length > length - pos)
        return set_malformed (error, CA_DNS_TYPE_CNAME, _("a label runs past the end of the record"));
      if (out->len > 0)
        g_string_append_c (out, '.');
      append_escaped (out, data + pos, label_length, TRUE);
      pos += label_length;
    }

  *offset = pos;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static CaDnsRecord *
parse_address (CaDnsRecord  *record,
               const guint8 *rdata,
               gsize         length,
               GError      **error)
{
  gsize expected = record->type == CA_DNS_TYPE_A ? 4 : 16;
  g_autoptr (GInetAddress) address = NULL;

  if (length != expected)
    return set_malformed (error, record->type, _("the address has the wrong length"));

  address = g_inet_address_new_from_bytes (rdata, record->type == CA_DNS_TYPE_A ? G_SOCKET_FAMILY_IPV4 : G_SOCKET_FAMILY_IPV6);
  record->value = g_inet_address_to_string (address);
  return record;
}

static CaDnsRecord *
parse_target (CaDnsRecord  *record,
              const guint8 *rdata,
              gsize         length,
              gsize         offset,
              GError      **error)
{
  g_autoptr (GError) local_error = NULL;

  record->target = ca_dns_name_from_wire (rdata, length, &offset, &local_error);
  if (record->target == NULL)
    return set_malformed (error, record->type, _("its name is not valid"));
  if (offset != length)
    return set_malformed (error, record->type, _("it has bytes after its name"));
  return record;
}

static CaDnsRecord *
parse_mx (CaDnsRecord  *record,
          const guint8 *rdata,
          gsize         length,
          GError      **error)
{
  if (length < 3)
    return set_malformed (error, record->type, _("it is too short"));

  record->preference = (guint16) (rdata[0] << 8 | rdata[1]);
  return parse_target (record, rdata, length, 2, error);
}

static CaDnsRecord *
parse_txt (CaDnsRecord  *record,
           const guint8 *rdata,
           gsize         length,
           GError      **error)
{
  g_autoptr (GString) value = g_string_new (NULL);
  gsize pos = 0;

  if (length == 0)
    return set_malformed (error, record->type, _("it is empty"));

  while (pos < length)
    {
      guint8 string_length = rdata[pos++];

      if (string_length > length - pos)
        return set_malformed (error, record->type, _("a string runs past the end of the record"));
      append_escaped (value, rdata + pos, string_length, FALSE);
      pos += string_length;
    }

  record->value = g_string_free (g_steal_pointer (&value), FALSE);
  return record;
}

static gboolean
is_valid_caa_tag (const guint8 *tag,
                  gsize         length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (tag[i]))
      return FALSE;
  return length > 0;
}

static CaDnsRecord *
parse_caa (CaDnsRecord  *record,
           const guint8 *rdata,
           gsize         length,
           GError      **error)
{
  g_autoptr (GString) value = g_string_new (NULL);
  guint8 tag_length;

  if (length < 2)
    return set_malformed (error, record->type, _("it is too short"));

  record->flags = rdata[0];
  tag_length = rdata[1];
  if (tag_length == 0 || tag_length > MAX_CAA_TAG_OCTETS || tag_length > length - 2)
    return set_malformed (error, record->type, _("its tag length is not valid"));
  if (!is_valid_caa_tag (rdata + 2, tag_length))
    return set_malformed (error, record->type, _("its tag holds characters other than letters and digits"));

  record->tag = g_ascii_strdown ((const char *) rdata + 2, tag_length);
  append_escaped (value, rdata + 2 + tag_length, length - 2 - tag_length, FALSE);
  record->value = g_string_free (g_steal_pointer (&value), FALSE);
  return record;
}

/**
 * ca_dns_record_parse:
 * @type: the record type
 * @rdata: the record's data in wire format, as libunbound hands it over
 * @length: the length of @rdata, never trusted beyond itself
 * @error: a %CA_ERROR_MALFORMED_RESPONSE
 *
 * Returns: (transfer full): the record, or %NULL
 */
CaDnsRecord *
ca_dns_record_parse (CaDnsType     type,
                     const guint8 *rdata,
                     gsize         length,
                     GError      **error)
{
  g_autoptr (CaDnsRecord) record = g_new0 (CaDnsRecord, 1);
  CaDnsRecord *parsed = NULL;

  g_return_val_if_fail (rdata != NULL || length == 0, NULL);

  record->type = type;
  switch (type)
    {
    case CA_DNS_TYPE_A:
    case CA_DNS_TYPE_AAAA:
      parsed = parse_address (record, rdata, length, error);
      break;
    case CA_DNS_TYPE_NS:
    case CA_DNS_TYPE_CNAME:
      parsed = parse_target (record, rdata, length, 0, error);
      break;
    case CA_DNS_TYPE_MX:
      parsed = parse_mx (record, rdata, length, error);
      break;
    case CA_DNS_TYPE_TXT:
      parsed = parse_txt (record, rdata, length, error);
      break;
    case CA_DNS_TYPE_CAA:
      parsed = parse_caa (record, rdata, length, error);
      break;
    default:
      set_malformed (error, type, _("this record type is not supported"));
    }

  return parsed != NULL ? g_steal_pointer (&record) : NULL;
}

CaDnsRecord *
ca_dns_record_copy (const CaDnsRecord *self)
{
  CaDnsRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->target = g_strdup (self->target);
  copy->tag = g_strdup (self->tag);
  copy->value = g_strdup (self->value);
  return copy;
}

void
ca_dns_record_free (CaDnsRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->target);
  g_free (self->tag);
  g_free (self->value);
  g_free (self);
}

/* The zone-file form of the data, for people and logs. */
char *
ca_dns_record_to_string (const CaDnsRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->type)
    {
    case CA_DNS_TYPE_MX:
      return g_strdup_printf ("%u %s.", self->preference, self->target);
    case CA_DNS_TYPE_NS:
    case CA_DNS_TYPE_CNAME:
      return g_strdup_printf ("%s.", self->target);
    case CA_DNS_TYPE_CAA:
      return g_strdup_printf ("%u %s \"%s\"", self->flags, self->tag, self->value);
    case CA_DNS_TYPE_TXT:
      return g_strdup_printf ("\"%s\"", self->value);
    case CA_DNS_TYPE_A:
    case CA_DNS_TYPE_AAAA:
    default:
      return g_strdup (self->value);
    }
}

const char *
ca_dns_type_to_string (CaDnsType type)
{
  switch (type)
    {
    case CA_DNS_TYPE_A:
      return "A";
    case CA_DNS_TYPE_NS:
      return "NS";
    case CA_DNS_TYPE_CNAME:
      return "CNAME";
    case CA_DNS_TYPE_MX:
      return "MX";
    case CA_DNS_TYPE_TXT:
      return "TXT";
    case CA_DNS_TYPE_AAAA:
      return "AAAA";
    case CA_DNS_TYPE_CAA:
      return "CAA";
    default:
      return "?";
    }
}

/* Lower case, no trailing dot: the form every comparison here uses. */
char *
ca_dns_name_normalize (const char *name)
{
  g_autofree char *lower = NULL;
  gsize len;

  g_return_val_if_fail (name != NULL, NULL);

  lower = g_ascii_strdown (name, -1);
  g_strstrip (lower);
  len = strlen (lower);
  if (len > 0 && lower[len - 1] == '.')
    lower[len - 1] = '\0';
  return g_steal_pointer (&lower);
}

gboolean
ca_dns_name_equal (const char *a,
                   const char *b)
{
  g_autofree char *norm_a = NULL;
  g_autofree char *norm_b = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  norm_a = ca_dns_name_normalize (a);
  norm_b = ca_dns_name_normalize (b);
  return strcmp (norm_a, norm_b) == 0;
}
