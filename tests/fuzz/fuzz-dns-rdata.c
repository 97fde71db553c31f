/* fuzz-dns-rdata.c: wire rdata of every type CertAssist reads, and referral messages
 *
 * The first byte picks what the rest is: the rdata of one record type
 * (ca_dns_record_parse, then printed and, for CAA, judged), or a whole DNS
 * message as the delegation probe reads it (ca_dns_parse_delegation).
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ca-caa.h"
#include "ca-dns-query.h"
#include "ca-dns-record.h"
#include "fuzz-common.h"

static const CaDnsType types[] = {
  CA_DNS_TYPE_A, CA_DNS_TYPE_NS, CA_DNS_TYPE_CNAME, CA_DNS_TYPE_MX,
  CA_DNS_TYPE_TXT, CA_DNS_TYPE_AAAA, CA_DNS_TYPE_CAA,
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  ca_fuzz_init ();
  return 0;
}

static void
parse_rdata (CaDnsType      type,
             const uint8_t *rdata,
             size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaDnsRecord) record = ca_dns_record_parse (type, rdata, size, &error);
  g_autofree char *text = NULL;

  g_assert ((record == NULL) != (error == NULL));
  if (record == NULL)
    return;
  text = ca_dns_record_to_string (record);
  g_assert (g_utf8_validate (text, -1, NULL));
  if (type == CA_DNS_TYPE_CAA)
    {
      g_autoptr (GPtrArray) records = g_ptr_array_new ();
      g_autofree char *issuer = ca_caa_get_issuer_domain (record->value);
      CaCaaVerdict verdict;

      g_ptr_array_add (records, record);
      ca_caa_evaluate (records, &verdict);
      if (issuer != NULL)
        ca_caa_is_amazon_issuer (issuer);
    }
  if (record->target != NULL)
    {
      g_autofree char *normal = ca_dns_name_normalize (record->target);
      g_assert (ca_dns_name_equal (normal, record->target));
    }
}

static void
parse_message (const uint8_t *message,
               size_t         size)
{
  g_autoptr (GError) error = NULL;
  guint16 id = size >= 2 ? (guint16) (message[0] << 8 | message[1]) : 0;
  g_auto (GStrv) servers = ca_dns_parse_delegation (message, size, id, "example.com", &error);

  g_assert ((servers == NULL) != (error == NULL));
}

static void
parse_name (const uint8_t *data,
            size_t         size)
{
  g_autoptr (GError) error = NULL;
  gsize offset = 0;
  g_autofree char *name = ca_dns_name_from_wire (data, size, &offset, &error);

  g_assert ((name == NULL) != (error == NULL));
  if (name != NULL)
    g_assert (offset <= size);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  guint8 selector;

  if (size < 1)
    return 0;
  selector = data[0] % (G_N_ELEMENTS (types) + 2);
  if (selector < G_N_ELEMENTS (types))
    parse_rdata (types[selector], data + 1, size - 1);
  else if (selector == G_N_ELEMENTS (types))
    parse_message (data + 1, size - 1);
  else
    parse_name (data + 1, size - 1);
  return 0;
}
