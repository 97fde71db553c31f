/* ca-caa.c: what a CAA set (RFC 8659) says about Amazon
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCaa"

#include "config.h"

#include <string.h>

#include "ca-caa.h"
#include "ca-dns-record.h"

/* The issuer domain names Amazon's CA recognises (UG/setup-caa). */
static const char * const amazon_issuers[] = {
  "amazon.com",
  "amazontrust.com",
  "awstrust.com",
  "amazonaws.com",
};

/* Tags a CA understands; an unknown one marked critical stops every CA. */
static const char * const known_tags[] = {
  "issue",
  "issuewild",
  "iodef",
  "issuemail",
  "contactemail",
  "contactphone",
};

/**
 * ca_caa_get_issuer_domain:
 * @value: an issue or issuewild value, such as `amazon.com; account=1`
 *
 * Returns: (transfer full): the issuer domain in lower case without the
 *   parameters, "" when the value names none (`;` forbids every CA)
 */
char *
ca_caa_get_issuer_domain (const char *value)
{
  const char *end;
  g_autofree char *domain = NULL;

  g_return_val_if_fail (value != NULL, NULL);

  end = strchr (value, ';');
  domain = g_strndup (value, end != NULL ? (gsize) (end - value) : strlen (value));
  g_strstrip (domain);
  return ca_dns_name_normalize (domain);
}

gboolean
ca_caa_is_amazon_issuer (const char *issuer_domain)
{
  g_return_val_if_fail (issuer_domain != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (amazon_issuers); i++)
    if (g_ascii_strcasecmp (issuer_domain, amazon_issuers[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_known_tag (const char *tag)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_tags); i++)
    if (g_ascii_strcasecmp (tag, known_tags[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
names_amazon (const CaDnsRecord *record)
{
  g_autofree char *issuer = ca_caa_get_issuer_domain (record->value);

  return ca_caa_is_amazon_issuer (issuer);
}

/**
 * ca_caa_evaluate:
 * @records: (element-type CaDnsRecord) (nullable): the relevant CAA set
 * @verdict: (out caller-allocates): the result
 *
 * No set, or a set without `issue` records, allows every CA. Otherwise one
 * `issue` record must name Amazon; for wildcards, `issuewild` records take the
 * place of `issue` ones when there are any (RFC 8659 §4.3).
 */
void
ca_caa_evaluate (GPtrArray    *records,
                 CaCaaVerdict *verdict)
{
  gboolean has_issue = FALSE;
  gboolean issue_amazon = FALSE;
  gboolean issuewild_amazon = FALSE;

  g_return_if_fail (verdict != NULL);

  memset (verdict, 0, sizeof *verdict);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const CaDnsRecord *record = g_ptr_array_index (records, i);

      if (g_ascii_strcasecmp (record->tag, "issue") == 0)
        {
          has_issue = TRUE;
          issue_amazon |= names_amazon (record);
        }
      else if (g_ascii_strcasecmp (record->tag, "issuewild") == 0)
        {
          verdict->has_issuewild = TRUE;
          issuewild_amazon |= names_amazon (record);
        }
      else if ((record->flags & CA_DNS_CAA_FLAG_CRITICAL) != 0 && !is_known_tag (record->tag))
        {
          verdict->critical_unknown = TRUE;
        }
    }

  verdict->allows_amazon = !verdict->critical_unknown && (!has_issue || issue_amazon);
  if (verdict->has_issuewild)
    verdict->allows_amazon_wildcard = !verdict->critical_unknown && issuewild_amazon;
  else
    verdict->allows_amazon_wildcard = verdict->allows_amazon;
}
