/* ca-dns-answer.c: what a DNS lookup returned
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaDnsAnswer"

#include "config.h"

#include "ca-dns-answer.h"

struct _CaDnsAnswer
{
  GObject        parent_instance;

  char          *qname;
  CaDnsType      qtype;
  int            rcode;
  CaDnsSecurity  security;
  char          *why_bogus;
  char          *canonical_name;
  GPtrArray     *records;
  guint          n_malformed;
};

G_DEFINE_FINAL_TYPE (CaDnsAnswer, ca_dns_answer, G_TYPE_OBJECT)

static void
ca_dns_answer_finalize (GObject *object)
{
  CaDnsAnswer *self = (CaDnsAnswer *) object;

  g_clear_pointer (&self->qname, g_free);
  g_clear_pointer (&self->why_bogus, g_free);
  g_clear_pointer (&self->canonical_name, g_free);
  g_clear_pointer (&self->records, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_dns_answer_parent_class)->finalize (object);
}

static void
ca_dns_answer_class_init (CaDnsAnswerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_dns_answer_finalize;
}

static void
ca_dns_answer_init (CaDnsAnswer *self)
{
}

/**
 * ca_dns_answer_new:
 * @records: (transfer none) (nullable): #CaDnsRecord items
 *
 * An answer is immutable once made, so lookups can share it.
 */
CaDnsAnswer *
ca_dns_answer_new (const char    *qname,
                   CaDnsType      qtype,
                   int            rcode,
                   CaDnsSecurity  security,
                   const char    *why_bogus,
                   const char    *canonical_name,
                   GPtrArray     *records)
{
  CaDnsAnswer *self;

  g_return_val_if_fail (qname != NULL, NULL);

  self = g_object_new (CA_TYPE_DNS_ANSWER, NULL);
  self->qname = ca_dns_name_normalize (qname);
  self->qtype = qtype;
  self->rcode = rcode;
  self->security = security;
  self->why_bogus = g_strdup (why_bogus);
  self->canonical_name = ca_dns_name_normalize (canonical_name != NULL ? canonical_name : qname);
  self->records = records != NULL ? g_ptr_array_ref (records)
                                  : g_ptr_array_new_with_free_func ((GDestroyNotify) ca_dns_record_free);
  return self;
}

const char *
ca_dns_answer_get_qname (CaDnsAnswer *self)
{
  g_return_val_if_fail (CA_IS_DNS_ANSWER (self), NULL);
  return self->qname;
}

CaDnsType
ca_dns_answer_get_qtype (CaDnsAnswer *self)
{
  g_return_val_if_fail (CA_IS_DNS_ANSWER (self), 0);
  return self->qtype;
}

int
ca_dns_answer_get_rcode (CaDnsAnswer *self)
{
  g_return_val_if_fail (CA_IS_DNS_ANSWER (self), CA_DNS_RCODE_SERVFAIL);
  return self->rcode;
}

CaDnsSecurity
ca_dns_answer_get_security (CaDnsAnswer *self)
{
  g_return_val_if_fail (CA_IS_DNS_ANSWER (self), CA_DNS_SECURITY_UNCHECKED);
  return self->security;
}

const char *
ca_dns_answer_get_why_bogus (CaDnsAnswer *self)
{
  g_return_val_if_fail (CA_IS_DNS_ANSWER (self), NULL);
  return self->why_bogus;
}

/* The name the answer's data belongs to once CNAMEs are followed. */
const char *
ca_dns_answer_get_canonical_name (CaDnsAnswer *self)
{
  g_return_val_if_fail (CA_IS_DNS_ANSWER (self), NULL);
  return self->canonical_name;
}

gboolean
ca_dns_answer_is_alias (CaDnsAnswer *self)
{
  g_return_val_if_fail (CA_IS_DNS_ANSWER (self), FALSE);
  return !ca_dns_name_equal (self->qname, self->canonical_name);
}

/**
 * ca_dns_answer_get_records:
 *
 * Returns: (transfer none) (element-type CaDnsRecord): the records of the
 *   asked type at the canonical name, in the order the server gave them
 */
GPtrArray *
ca_dns_answer_get_records (CaDnsAnswer *self)
{
  g_return_val_if_fail (CA_IS_DNS_ANSWER (self), NULL);
  return self->records;
}

/* Records the parsers refused; they are left out of the records. */
guint
ca_dns_answer_get_n_malformed (CaDnsAnswer *self)
{
  g_return_val_if_fail (CA_IS_DNS_ANSWER (self), 0);
  return self->n_malformed;
}

void
ca_dns_answer_set_n_malformed (CaDnsAnswer *self,
                               guint        n_malformed)
{
  g_return_if_fail (CA_IS_DNS_ANSWER (self));
  self->n_malformed = n_malformed;
}

/* NOERROR and NXDOMAIN are answers; anything else means nobody knows. */
gboolean
ca_dns_answer_is_failure (CaDnsAnswer *self)
{
  g_return_val_if_fail (CA_IS_DNS_ANSWER (self), TRUE);
  return self->rcode != CA_DNS_RCODE_NOERROR && self->rcode != CA_DNS_RCODE_NXDOMAIN;
}

gboolean
ca_dns_answer_is_bogus (CaDnsAnswer *self)
{
  g_return_val_if_fail (CA_IS_DNS_ANSWER (self), FALSE);
  return self->security == CA_DNS_SECURITY_BOGUS;
}

const char *
ca_dns_rcode_to_string (int rcode)
{
  switch (rcode)
    {
    case CA_DNS_RCODE_NOERROR:
      return "NOERROR";
    case CA_DNS_RCODE_FORMERR:
      return "FORMERR";
    case CA_DNS_RCODE_SERVFAIL:
      return "SERVFAIL";
    case CA_DNS_RCODE_NXDOMAIN:
      return "NXDOMAIN";
    case CA_DNS_RCODE_NOTIMP:
      return "NOTIMP";
    case CA_DNS_RCODE_REFUSED:
      return "REFUSED";
    default:
      return "UNKNOWN";
    }
}
