/* ca-certificate-check.h: ACM's view of the certificate, as a check of the diagnosis
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-acm-certificate.h"
#include "ca-check.h"

G_BEGIN_DECLS

#define CA_TYPE_CERTIFICATE_CHECK (ca_certificate_check_get_type ())

G_DECLARE_FINAL_TYPE (CaCertificateCheck, ca_certificate_check, CA, CERTIFICATE_CHECK, GObject)

CaCertificateCheck *ca_certificate_check_new                   (CaAcmCertificate   *certificate,
                                                                GPtrArray          *migration);
CaAcmCertificate   *ca_certificate_check_get_certificate       (CaCertificateCheck *self);
const char         *ca_certificate_check_get_validation_domain (CaCertificateCheck *self,
                                                                const char         *name);
const char         *ca_acm_status_get_label                    (const char         *status);
const char         *ca_acm_method_get_label                    (const char         *method);
const char         *ca_acm_renewal_status_get_label            (const char         *status);
const char         *ca_acm_validation_get_label                (const char         *status,
                                                                const char         *method);
GPtrArray          *ca_acm_resend_describe                     (CaAcmCertificate   *certificate,
                                                                const char         *name,
                                                                GDateTime          *sent_at);

G_END_DECLS
