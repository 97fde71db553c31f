/* ca-dns-record.h: one DNS resource record, parsed from its wire rdata
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The record types the diagnosis asks for, with their IANA numbers. */
typedef enum
{
  CA_DNS_TYPE_A     = 1,
  CA_DNS_TYPE_NS    = 2,
  CA_DNS_TYPE_CNAME = 5,
  CA_DNS_TYPE_MX    = 15,
  CA_DNS_TYPE_TXT   = 16,
  CA_DNS_TYPE_AAAA  = 28,
  CA_DNS_TYPE_CAA   = 257,
} CaDnsType;

#define CA_DNS_CAA_FLAG_CRITICAL 0x80

/**
 * CaDnsRecord:
 * @type: the record type
 * @ttl: the time to live, in seconds
 * @preference: MX only
 * @flags: CAA only
 * @target: MX exchange, CNAME or NS target: lower case, no trailing dot, "" for the root
 * @tag: CAA only, lower case
 * @value: A/AAAA address text, CAA value, TXT strings joined; bytes outside
 *   printable ASCII are written as \DDD, so the text is always valid UTF-8
 */
typedef struct
{
  CaDnsType  type;
  guint32    ttl;
  guint16    preference;
  guint8     flags;
  char      *target;
  char      *tag;
  char      *value;
} CaDnsRecord;

#define CA_TYPE_DNS_RECORD (ca_dns_record_get_type ())

GType        ca_dns_record_get_type    (void) G_GNUC_CONST;
CaDnsRecord *ca_dns_record_parse       (CaDnsType          type,
                                        const guint8      *rdata,
                                        gsize              length,
                                        GError           **error);
CaDnsRecord *ca_dns_record_copy        (const CaDnsRecord *self);
void         ca_dns_record_free        (CaDnsRecord       *self);
char        *ca_dns_record_to_string   (const CaDnsRecord *self);
const char  *ca_dns_type_to_string     (CaDnsType          type);
char        *ca_dns_name_from_wire     (const guint8      *data,
                                        gsize              length,
                                        gsize             *offset,
                                        GError           **error);
char        *ca_dns_name_normalize     (const char        *name);
gboolean     ca_dns_name_equal         (const char        *a,
                                        const char        *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaDnsRecord, ca_dns_record_free)

G_END_DECLS
