/* ca-dns-answer.h: what a DNS lookup returned
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ca-dns-record.h"

G_BEGIN_DECLS

typedef enum
{
  CA_DNS_RCODE_NOERROR  = 0,
  CA_DNS_RCODE_FORMERR  = 1,
  CA_DNS_RCODE_SERVFAIL = 2,
  CA_DNS_RCODE_NXDOMAIN = 3,
  CA_DNS_RCODE_NOTIMP   = 4,
  CA_DNS_RCODE_REFUSED  = 5,
} CaDnsRcode;

typedef enum
{
  CA_DNS_SECURITY_UNCHECKED, /* no validation: --no-dnssec or no trust anchor */
  CA_DNS_SECURITY_INSECURE,
  CA_DNS_SECURITY_SECURE,
  CA_DNS_SECURITY_BOGUS,
} CaDnsSecurity;

#define CA_TYPE_DNS_ANSWER (ca_dns_answer_get_type ())

G_DECLARE_FINAL_TYPE (CaDnsAnswer, ca_dns_answer, CA, DNS_ANSWER, GObject)

CaDnsAnswer   *ca_dns_answer_new                (const char    *qname,
                                                 CaDnsType      qtype,
                                                 int            rcode,
                                                 CaDnsSecurity  security,
                                                 const char    *why_bogus,
                                                 const char    *canonical_name,
                                                 GPtrArray     *records);
const char    *ca_dns_answer_get_qname          (CaDnsAnswer   *self);
CaDnsType      ca_dns_answer_get_qtype          (CaDnsAnswer   *self);
int            ca_dns_answer_get_rcode          (CaDnsAnswer   *self);
CaDnsSecurity  ca_dns_answer_get_security       (CaDnsAnswer   *self);
const char    *ca_dns_answer_get_why_bogus      (CaDnsAnswer   *self);
const char    *ca_dns_answer_get_canonical_name (CaDnsAnswer   *self);
gboolean       ca_dns_answer_is_alias           (CaDnsAnswer   *self);
GPtrArray     *ca_dns_answer_get_records        (CaDnsAnswer   *self);
guint          ca_dns_answer_get_n_malformed    (CaDnsAnswer   *self);
void           ca_dns_answer_set_n_malformed    (CaDnsAnswer   *self,
                                                 guint          n_malformed);
gboolean       ca_dns_answer_is_failure         (CaDnsAnswer   *self);
gboolean       ca_dns_answer_is_bogus           (CaDnsAnswer   *self);
const char    *ca_dns_rcode_to_string           (int            rcode);

G_END_DECLS
