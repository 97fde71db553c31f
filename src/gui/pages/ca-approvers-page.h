/* ca-approvers-page.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-wizard-page.h"

G_BEGIN_DECLS

#define CA_TYPE_APPROVERS_PAGE (ca_approvers_page_get_type ())

G_DECLARE_FINAL_TYPE (CaApproversPage, ca_approvers_page, CA, APPROVERS_PAGE, CaWizardPage)

CaApproversPage *ca_approvers_page_new (void);

G_END_DECLS
