/* ca-watch-page.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-wizard-page.h"

G_BEGIN_DECLS

#define CA_TYPE_WATCH_PAGE (ca_watch_page_get_type ())

G_DECLARE_FINAL_TYPE (CaWatchPage, ca_watch_page, CA, WATCH_PAGE, CaWizardPage)

CaWatchPage *ca_watch_page_new (CaCertificateWatch *watch,
                                CaAcmCertificate   *replaced);

G_END_DECLS
