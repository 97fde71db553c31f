/* ca-mail-report.h: where the approval mail of one name goes, from DNS
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ca-check-state.h"
#include "ca-dns.h"
#include "ca-mail-host.h"

G_BEGIN_DECLS

/* How many MX hosts, the most preferred, have their addresses looked up: a
 * domain naming 1,700 would otherwise cost thousands of queries per diagnosis. */
#define CA_MAIL_REPORT_MAX_HOSTS 10

#define CA_TYPE_MAIL_REPORT (ca_mail_report_get_type ())

G_DECLARE_FINAL_TYPE (CaMailReport, ca_mail_report, CA, MAIL_REPORT, GObject)

CaMailReport *ca_mail_report_new                     (const char          *name,
                                                      const char          *domain);
const char   *ca_mail_report_get_name                (CaMailReport        *self);
const char   *ca_mail_report_get_domain              (CaMailReport        *self);
CaCheckState  ca_mail_report_get_state               (CaMailReport        *self);
GListModel   *ca_mail_report_get_hosts               (CaMailReport        *self);
guint         ca_mail_report_get_n_hosts_named       (CaMailReport        *self);
gboolean      ca_mail_report_get_null_mx             (CaMailReport        *self);
const char   *ca_mail_report_get_console_walk_domain (CaMailReport        *self);
const char   *ca_mail_report_get_error               (CaMailReport        *self);
gboolean      ca_mail_report_get_bogus               (CaMailReport        *self);
const char   *ca_mail_report_get_why_bogus           (CaMailReport        *self);
void          ca_mail_report_run_async               (CaMailReport        *self,
                                                      CaDnsResolver       *resolver,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean      ca_mail_report_run_finish              (CaMailReport        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
char         *ca_mail_report_summarize               (CaMailReport        *self);
void          ca_mail_report_add_findings            (CaMailReport        *self,
                                                      GPtrArray           *findings);

G_END_DECLS
