/* ca-acm-certificate.h: what ACM knows about one certificate
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ca-acm-domain-validation.h"

G_BEGIN_DECLS

#define CA_TYPE_ACM_CERTIFICATE (ca_acm_certificate_get_type ())

G_DECLARE_FINAL_TYPE (CaAcmCertificate, ca_acm_certificate, CA, ACM_CERTIFICATE, GObject)

/* Mail tokens last 72 hours (acm-rules.md §3). */
#define CA_ACM_VALIDATION_WINDOW (72 * G_TIME_SPAN_HOUR)

CaAcmCertificate   *ca_acm_certificate_new_from_json          (JsonObject       *detail,
                                                               GError          **error);
CaAcmCertificate   *ca_acm_certificate_new_from_summary       (JsonObject       *summary,
                                                               GError          **error);
const char         *ca_acm_certificate_get_arn                (CaAcmCertificate *self);
const char         *ca_acm_certificate_get_domain             (CaAcmCertificate *self);
const char * const *ca_acm_certificate_get_sans               (CaAcmCertificate *self);
const char         *ca_acm_certificate_get_status             (CaAcmCertificate *self);
const char         *ca_acm_certificate_get_cert_type          (CaAcmCertificate *self);
const char         *ca_acm_certificate_get_failure_reason     (CaAcmCertificate *self);
const char         *ca_acm_certificate_get_key_algorithm      (CaAcmCertificate *self);
GDateTime          *ca_acm_certificate_get_created_at         (CaAcmCertificate *self);
GDateTime          *ca_acm_certificate_get_issued_at          (CaAcmCertificate *self);
GDateTime          *ca_acm_certificate_get_not_after          (CaAcmCertificate *self);
const char * const *ca_acm_certificate_get_in_use_by          (CaAcmCertificate *self);
gboolean            ca_acm_certificate_get_in_use             (CaAcmCertificate *self);
const char         *ca_acm_certificate_get_renewal_status     (CaAcmCertificate *self);
const char         *ca_acm_certificate_get_renewal_status_reason (CaAcmCertificate *self);
GPtrArray          *ca_acm_certificate_get_validations        (CaAcmCertificate *self);
GPtrArray          *ca_acm_certificate_get_renewal_validations (CaAcmCertificate *self);
const char         *ca_acm_certificate_get_validation_method  (CaAcmCertificate *self);
CaAcmDomainValidation *ca_acm_certificate_find_validation     (CaAcmCertificate *self,
                                                               const char       *name);
GDateTime          *ca_acm_certificate_get_resend_deadline    (CaAcmCertificate *self);
gboolean            ca_acm_certificate_get_renewal_awaits_approval (CaAcmCertificate *self);
GPtrArray          *ca_acm_certificate_get_current_validations (CaAcmCertificate *self);
void                ca_acm_certificate_to_json                (CaAcmCertificate *self,
                                                               JsonBuilder      *builder);
void                ca_acm_certificate_summary_to_json        (CaAcmCertificate *self,
                                                               JsonBuilder      *builder);

G_END_DECLS
