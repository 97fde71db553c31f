/* ca-diagnosis-names-page.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-wizard-page.h"

G_BEGIN_DECLS

#define CA_TYPE_DIAGNOSIS_NAMES_PAGE (ca_diagnosis_names_page_get_type ())

G_DECLARE_FINAL_TYPE (CaDiagnosisNamesPage, ca_diagnosis_names_page, CA, DIAGNOSIS_NAMES_PAGE, CaWizardPage)

CaDiagnosisNamesPage *ca_diagnosis_names_page_new (void);

G_END_DECLS
