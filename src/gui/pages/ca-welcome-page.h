/* ca-welcome-page.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-wizard-page.h"

G_BEGIN_DECLS

#define CA_TYPE_WELCOME_PAGE (ca_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (CaWelcomePage, ca_welcome_page, CA, WELCOME_PAGE, CaWizardPage)

CaWelcomePage *ca_welcome_page_new         (void);
void           ca_welcome_page_add_journey (CaWelcomePage *self,
                                            const char    *icon_name,
                                            const char    *title,
                                            const char    *subtitle,
                                            GType          page_type,
                                            CaJourney      journey);

G_END_DECLS
