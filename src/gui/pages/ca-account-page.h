/* ca-account-page.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-wizard-page.h"

G_BEGIN_DECLS

#define CA_TYPE_ACCOUNT_PAGE (ca_account_page_get_type ())

G_DECLARE_FINAL_TYPE (CaAccountPage, ca_account_page, CA, ACCOUNT_PAGE, CaWizardPage)

CaAccountPage *ca_account_page_new (void);

G_END_DECLS
