/* ca-diagnosis-page.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-diagnosis.h"
#include "ca-acm-certificate.h"
#include "ca-wizard-page.h"

G_BEGIN_DECLS

#define CA_TYPE_DIAGNOSIS_PAGE (ca_diagnosis_page_get_type ())

G_DECLARE_FINAL_TYPE (CaDiagnosisPage, ca_diagnosis_page, CA, DIAGNOSIS_PAGE, CaWizardPage)

CaDiagnosisPage *ca_diagnosis_page_new           (const char * const *names,
                                                  const char         *validation_domain);
CaDiagnosisPage *ca_diagnosis_page_new_for_certificate (CaAcmCertificate   *certificate);
CaDiagnosis     *ca_diagnosis_page_get_diagnosis (CaDiagnosisPage    *self);
gboolean         ca_diagnosis_page_get_running   (CaDiagnosisPage    *self);

G_END_DECLS
