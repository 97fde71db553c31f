/* ca-resend-page.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-acm-certificate.h"
#include "ca-wizard-page.h"

G_BEGIN_DECLS

#define CA_TYPE_RESEND_PAGE (ca_resend_page_get_type ())

G_DECLARE_FINAL_TYPE (CaResendPage, ca_resend_page, CA, RESEND_PAGE, CaWizardPage)

CaResendPage *ca_resend_page_new                   (CaAcmCertificate *certificate);
const char   *ca_resend_page_get_validation_domain (CaResendPage     *self);
void          ca_resend_page_set_validation_domain (CaResendPage     *self,
                                                    const char       *domain);
gboolean      ca_resend_page_get_sending           (CaResendPage     *self);

G_END_DECLS
