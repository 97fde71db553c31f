/* ca-report.h: the summary of a journey as Markdown and JSON, for a colleague or AWS Support
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ca-acm-certificate.h"
#include "ca-diagnosis.h"
#include "ca-x509-report.h"

G_BEGIN_DECLS

/* ca-report-markdown.c */
char     *ca_report_to_markdown       (CaDiagnosis      *diagnosis,
                                       CaAcmCertificate *certificate,
                                       GListModel       *actions,
                                       GListModel       *watches);
char     *ca_report_to_markdown_with_found (CaDiagnosis      *diagnosis,
                                            CaAcmCertificate *certificate,
                                            GPtrArray        *found,
                                            GListModel       *actions,
                                            GListModel       *watches);
char     *ca_report_escape_markdown   (const char       *text);
GPtrArray *ca_report_list_left        (CaDiagnosis      *diagnosis,
                                       CaAcmCertificate *certificate,
                                       GPtrArray        *found,
                                       GListModel       *watches);

/* ca-report-certificate.c */
char     *ca_report_certificate_to_markdown (CaAcmCertificate *certificate,
                                             GPtrArray        *findings);
char     *ca_report_x509_to_markdown        (CaX509Report     *report);

/* ca-report-json.c */
JsonNode *ca_report_to_json           (CaDiagnosis      *diagnosis,
                                       CaAcmCertificate *certificate,
                                       GListModel       *actions,
                                       GListModel       *watches);
JsonNode *ca_report_to_json_with_found (CaDiagnosis      *diagnosis,
                                        CaAcmCertificate *certificate,
                                        GPtrArray        *found,
                                        GListModel       *actions,
                                        GListModel       *watches);

G_END_DECLS
