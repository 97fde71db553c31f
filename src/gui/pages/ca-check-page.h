/* ca-check-page.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-wizard-page.h"
#include "ca-x509-report.h"

G_BEGIN_DECLS

#define CA_TYPE_CHECK_PAGE (ca_check_page_get_type ())

G_DECLARE_FINAL_TYPE (CaCheckPage, ca_check_page, CA, CHECK_PAGE, CaWizardPage)

CaCheckPage  *ca_check_page_new          (void);
void          ca_check_page_check_file   (CaCheckPage *self,
                                          GFile       *file);
void          ca_check_page_check_target (CaCheckPage *self,
                                          const char  *target);
CaX509Report *ca_check_page_get_report   (CaCheckPage *self);
gboolean      ca_check_page_get_busy     (CaCheckPage *self);

G_END_DECLS
