/* ca-fleet-page.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-wizard-page.h"

G_BEGIN_DECLS

#define CA_TYPE_FLEET_PAGE (ca_fleet_page_get_type ())

G_DECLARE_FINAL_TYPE (CaFleetPage, ca_fleet_page, CA, FLEET_PAGE, CaWizardPage)

CaFleetPage *ca_fleet_page_new      (void);
gboolean     ca_fleet_page_get_busy (CaFleetPage *self);

G_END_DECLS
