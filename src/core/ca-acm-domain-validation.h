/* ca-acm-domain-validation.h: how ACM validates one name of a certificate
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CA_TYPE_ACM_DOMAIN_VALIDATION (ca_acm_domain_validation_get_type ())

G_DECLARE_FINAL_TYPE (CaAcmDomainValidation, ca_acm_domain_validation, CA, ACM_DOMAIN_VALIDATION, GObject)

CaAcmDomainValidation *ca_acm_domain_validation_new_from_json    (JsonObject            *object);
CaAcmDomainValidation *ca_acm_domain_validation_new_from_summary (JsonObject            *object);
const char            *ca_acm_domain_validation_get_name         (CaAcmDomainValidation *self);
const char            *ca_acm_domain_validation_get_method       (CaAcmDomainValidation *self);
const char            *ca_acm_domain_validation_get_status       (CaAcmDomainValidation *self);
const char            *ca_acm_domain_validation_get_validation_domain (CaAcmDomainValidation *self);
const char * const    *ca_acm_domain_validation_get_emails       (CaAcmDomainValidation *self);
const char            *ca_acm_domain_validation_get_record_name  (CaAcmDomainValidation *self);
const char            *ca_acm_domain_validation_get_record_type  (CaAcmDomainValidation *self);
const char            *ca_acm_domain_validation_get_record_value (CaAcmDomainValidation *self);
const char            *ca_acm_domain_validation_get_active_method (CaAcmDomainValidation *self);
void                   ca_acm_domain_validation_to_json          (CaAcmDomainValidation *self,
                                                                  JsonBuilder           *builder);
void                   ca_acm_record_to_json                     (CaAcmDomainValidation *self,
                                                                  JsonBuilder           *builder);

G_END_DECLS
