/* ca-name-report.h: everything a diagnosis found out about one name
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ca-caa-report.h"
#include "ca-delegation-check.h"
#include "ca-mail-report.h"
#include "ca-validation-record.h"
#include "ca-views-check.h"

G_BEGIN_DECLS

#define CA_TYPE_NAME_REPORT (ca_name_report_get_type ())

G_DECLARE_FINAL_TYPE (CaNameReport, ca_name_report, CA, NAME_REPORT, GObject)

CaNameReport       *ca_name_report_new                    (const char          *name,
                                                           const char          *validation_domain,
                                                           GError             **error);
const char         *ca_name_report_get_name               (CaNameReport        *self);
const char         *ca_name_report_get_display_name       (CaNameReport        *self);
const char         *ca_name_report_get_approval_domain    (CaNameReport        *self);
const char         *ca_name_report_get_stripped           (CaNameReport        *self);
const char * const *ca_name_report_get_addresses          (CaNameReport        *self);
const char         *ca_name_report_get_registrable_domain (CaNameReport        *self);
gboolean            ca_name_report_get_is_public          (CaNameReport        *self);
void                ca_name_report_set_is_public          (CaNameReport        *self,
                                                           gboolean             is_public);
CaMailReport       *ca_name_report_get_mail               (CaNameReport        *self);
CaCaaReport        *ca_name_report_get_caa                (CaNameReport        *self);
CaDelegationCheck  *ca_name_report_get_delegation         (CaNameReport        *self);
CaViewsCheck       *ca_name_report_get_views              (CaNameReport        *self);
CaValidationRecord *ca_name_report_get_validation_record  (CaNameReport        *self);
void                ca_name_report_set_validation_record  (CaNameReport        *self,
                                                           const char          *record_name,
                                                           const char          *value);
void                ca_name_report_add_findings           (CaNameReport        *self,
                                                           GPtrArray           *findings);

G_END_DECLS
