/* ca-certificates-page.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-wizard-page.h"

G_BEGIN_DECLS

#define CA_TYPE_CERTIFICATES_PAGE (ca_certificates_page_get_type ())

G_DECLARE_FINAL_TYPE (CaCertificatesPage, ca_certificates_page, CA, CERTIFICATES_PAGE, CaWizardPage)

CaCertificatesPage *ca_certificates_page_new      (void);
gboolean            ca_certificates_page_get_busy (CaCertificatesPage *self);

G_END_DECLS
