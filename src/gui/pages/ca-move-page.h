/* ca-move-page.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-wizard-page.h"

G_BEGIN_DECLS

#define CA_TYPE_MOVE_PAGE (ca_move_page_get_type ())

G_DECLARE_FINAL_TYPE (CaMovePage, ca_move_page, CA, MOVE_PAGE, CaWizardPage)

CaMovePage *ca_move_page_new (CaAcmCertificate *certificate);

G_END_DECLS
