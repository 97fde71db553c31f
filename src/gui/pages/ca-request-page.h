/* ca-request-page.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-wizard-page.h"

G_BEGIN_DECLS

#define CA_TYPE_REQUEST_PAGE (ca_request_page_get_type ())

G_DECLARE_FINAL_TYPE (CaRequestPage, ca_request_page, CA, REQUEST_PAGE, CaWizardPage)

CaRequestPage *ca_request_page_new (void);

G_END_DECLS
