/* ca-caa-report.h: the CAA check of one name
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ca-check-state.h"
#include "ca-dns.h"

G_BEGIN_DECLS

#define CA_TYPE_CAA_REPORT (ca_caa_report_get_type ())

G_DECLARE_FINAL_TYPE (CaCaaReport, ca_caa_report, CA, CAA_REPORT, GObject)

CaCaaReport  *ca_caa_report_new                        (const char          *name);
const char   *ca_caa_report_get_name                   (CaCaaReport         *self);
CaCheckState  ca_caa_report_get_state                  (CaCaaReport         *self);
const char   *ca_caa_report_get_relevant_domain        (CaCaaReport         *self);
GPtrArray    *ca_caa_report_get_records                (CaCaaReport         *self);
gboolean      ca_caa_report_get_allows_amazon          (CaCaaReport         *self);
gboolean      ca_caa_report_get_allows_amazon_wildcard (CaCaaReport         *self);
gboolean      ca_caa_report_get_critical_unknown       (CaCaaReport         *self);
const char   *ca_caa_report_get_error                  (CaCaaReport         *self);
gboolean      ca_caa_report_get_bogus                  (CaCaaReport         *self);
const char   *ca_caa_report_get_why_bogus              (CaCaaReport         *self);
void          ca_caa_report_run_async                  (CaCaaReport         *self,
                                                        CaDnsResolver       *resolver,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean      ca_caa_report_run_finish                 (CaCaaReport         *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void          ca_caa_report_add_findings               (CaCaaReport         *self,
                                                        GPtrArray           *findings);

G_END_DECLS
