/* ca-x509-report.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ca-acm-certificate.h"
#include "ca-certificate-info.h"
#include "ca-finding.h"

G_BEGIN_DECLS

typedef enum
{
  CA_X509_SOURCE_FILE,
  CA_X509_SOURCE_ENDPOINT,
  CA_X509_SOURCE_ACM,
} CaX509Source;

#define CA_TYPE_X509_REPORT (ca_x509_report_get_type ())

G_DECLARE_FINAL_TYPE (CaX509Report, ca_x509_report, CA, X509_REPORT, GObject)

CaX509Report       *ca_x509_report_new                 (CaX509Source          source,
                                                        const char           *input,
                                                        GPtrArray            *certificates,
                                                        GPtrArray            *anchors);
CaX509Source        ca_x509_report_get_source          (CaX509Report         *self);
const char         *ca_x509_report_get_input           (CaX509Report         *self);
CaCertificateInfo  *ca_x509_report_get_leaf            (CaX509Report         *self);
GPtrArray          *ca_x509_report_get_chain           (CaX509Report         *self);
guint               ca_x509_report_get_path_length     (CaX509Report         *self);
gboolean            ca_x509_report_get_chain_complete  (CaX509Report         *self);
const char         *ca_x509_report_get_missing_issuer  (CaX509Report         *self);
gboolean            ca_x509_report_get_self_signed     (CaX509Report         *self);
void                ca_x509_report_set_endpoint        (CaX509Report         *self,
                                                        const char           *host,
                                                        guint16               port,
                                                        const char           *address,
                                                        GTlsCertificateFlags  tls_errors);
const char         *ca_x509_report_get_host            (CaX509Report         *self);
guint16             ca_x509_report_get_port            (CaX509Report         *self);
const char         *ca_x509_report_get_address         (CaX509Report         *self);
GTlsCertificateFlags ca_x509_report_get_tls_errors     (CaX509Report         *self);
char               *ca_x509_report_describe_tls_errors (CaX509Report         *self);
void                ca_x509_report_set_names           (CaX509Report         *self,
                                                        const char * const   *names);
const char * const *ca_x509_report_get_names           (CaX509Report         *self);
void                ca_x509_report_set_expects_amazon  (CaX509Report         *self,
                                                        gboolean              expects_amazon);
void                ca_x509_report_add_finding         (CaX509Report         *self,
                                                        CaFinding            *finding);
void                ca_x509_report_set_acm             (CaX509Report         *self,
                                                        CaAcmCertificate     *acm);
CaAcmCertificate   *ca_x509_report_get_acm             (CaX509Report         *self);
GPtrArray          *ca_x509_report_compute_findings    (CaX509Report         *self,
                                                        GDateTime            *now);
JsonNode           *ca_x509_report_to_json             (CaX509Report         *self,
                                                        GDateTime            *now);

char              **ca_x509_tls_errors_to_strv         (GTlsCertificateFlags  errors);
char               *ca_x509_describe_tls_errors        (GTlsCertificateFlags  errors);

G_END_DECLS
