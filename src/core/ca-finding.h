/* ca-finding.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  CA_SEVERITY_INFO,
  CA_SEVERITY_WARNING,
  CA_SEVERITY_ERROR,
} CaSeverity;

/* The catalogue of acm-rules.md §10 and §11, one entry per id, in ca-finding.c. */
typedef enum
{
  CA_FINDING_NO_MX,
  CA_FINDING_NULL_MX,
  CA_FINDING_MX_HOST_UNRESOLVABLE,
  CA_FINDING_MX_LOOKUP_FAILED,
  CA_FINDING_MX_HOST_IS_CNAME,
  CA_FINDING_APPROVAL_DOMAIN_IS_SUBDOMAIN,
  CA_FINDING_VALIDATION_DOMAIN_NOT_SUPERDOMAIN,
  CA_FINDING_VALIDATION_EMAILS_DIFFER,
  CA_FINDING_DOMAINS_PENDING_APPROVAL,
  CA_FINDING_RESEND_WINDOW_OPEN,
  CA_FINDING_VALIDATION_WINDOW_EXPIRED,
  CA_FINDING_RENEWAL_PENDING_VALIDATION,
  CA_FINDING_RENEWAL_FAILED,
  CA_FINDING_EXPIRY_NEAR,
  CA_FINDING_WHOIS_NOT_USED_SINCE_2024,
  CA_FINDING_WHOIS_PRIVACY_PLACEHOLDER,
  CA_FINDING_WHOIS_CAPTCHA_OR_WEB_FORM,
  CA_FINDING_RDAP_WHOIS_UNAVAILABLE,
  CA_FINDING_CAA_FORBIDS_AMAZON,
  CA_FINDING_CAA_ISSUEWILD_FORBIDS_AMAZON,
  CA_FINDING_CAA_CRITICAL_UNKNOWN,
  CA_FINDING_CAA_LOOKUP_FAILED,
  CA_FINDING_EMAIL_VALIDATION_PHASE_OUT,
  CA_FINDING_MIGRATION_AVAILABLE,
  CA_FINDING_MIGRATION_IN_PROGRESS,
  CA_FINDING_MIGRATION_NOT_ELIGIBLE,
  CA_FINDING_DNS_RECORD_MISSING,
  CA_FINDING_DNS_RECORD_WRONG_VALUE,
  CA_FINDING_DNS_RECORD_NAME_DOUBLED,
  CA_FINDING_DNS_NS_MISMATCH,
  CA_FINDING_DNS_CNAME_CHAIN_TOO_LONG,
  CA_FINDING_DNS_NAME_NOT_PUBLIC,
  CA_FINDING_CERT_FAILED_NO_AVAILABLE_CONTACTS,
  CA_FINDING_CERT_FAILED_ADDITIONAL_VERIFICATION_REQUIRED,
  CA_FINDING_CERT_FAILED_INVALID_PUBLIC_DOMAIN,
  CA_FINDING_CERT_FAILED_OTHER,
  CA_FINDING_CERT_FAILED_CAA_ERROR,
  CA_FINDING_CERT_FAILED_DOMAIN_NOT_ALLOWED,
  CA_FINDING_CERT_FAILED_DOMAIN_VALIDATION_DENIED,
  CA_FINDING_CERT_FAILED_PCA,
  CA_FINDING_CERT_FAILED_SLR_NOT_FOUND,
  CA_FINDING_INVALID_PUBLIC_DOMAIN,
  CA_FINDING_DNSSEC_BOGUS,
  CA_FINDING_CERT_EXPIRES_SOON,
  CA_FINDING_CERT_NAME_MISSING,
  CA_FINDING_CERT_NOT_AMAZON_ISSUED,
  CA_FINDING_CERT_CHAIN_INCOMPLETE,
  CA_FINDING_CERT_EXPIRED,
  CA_FINDING_CERT_NOT_TRUSTED,
  CA_FINDING_DNS_RECORD_LOOKUP_FAILED,
  CA_FINDING_DNS_RESOLVER_UNRELIABLE,
  CA_FINDING_DNS_VIEWS_DIFFER,
  CA_FINDING_DNS_NS_INCONSISTENT,
  CA_FINDING_DNS_VALIDATION_RECORD_PROXIED,
  CA_FINDING_DNS_VALIDATION_RECORD_SHARED,
  CA_FINDING_ROUTE53_NO_ZONE,
  CA_FINDING_ROUTE53_PRIVATE_ZONE_IGNORED,
  CA_FINDING_N_IDS
} CaFindingId;

#define CA_TYPE_FINDING (ca_finding_get_type ())

G_DECLARE_FINAL_TYPE (CaFinding, ca_finding, CA, FINDING, GObject)

CaFinding   *ca_finding_new               (CaFindingId  id,
                                           const char  *name,
                                           const char  *message);
CaFinding   *ca_finding_new_printf        (CaFindingId  id,
                                           const char  *name,
                                           const char  *format,
                                           ...) G_GNUC_PRINTF (3, 4);
CaFindingId  ca_finding_get_id            (CaFinding   *self);
const char  *ca_finding_get_id_string     (CaFinding   *self);
CaSeverity   ca_finding_get_severity      (CaFinding   *self);
const char  *ca_finding_get_name          (CaFinding   *self);
const char  *ca_finding_get_message       (CaFinding   *self);
const char  *ca_finding_get_remedy        (CaFinding   *self);

const char  *ca_finding_id_to_string      (CaFindingId  id);
gboolean     ca_finding_id_from_string    (const char  *string,
                                           CaFindingId *id);
CaSeverity   ca_finding_id_get_severity   (CaFindingId  id);
const char  *ca_finding_id_get_title      (CaFindingId  id);
const char  *ca_finding_id_get_remedy     (CaFindingId  id);
const char  *ca_severity_to_string        (CaSeverity   severity);
const char  *ca_severity_get_label        (CaSeverity   severity);
int          ca_finding_compare           (CaFinding   *a,
                                           CaFinding   *b);
void         ca_finding_to_json           (CaFinding   *self,
                                           JsonBuilder *builder);

G_END_DECLS
