/* ca-certificate-info.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CA_TYPE_CERTIFICATE_INFO (ca_certificate_info_get_type ())

G_DECLARE_FINAL_TYPE (CaCertificateInfo, ca_certificate_info, CA, CERTIFICATE_INFO, GObject)

CaCertificateInfo  *ca_certificate_info_new_from_der        (GBytes             *der,
                                                             GError            **error);
GBytes             *ca_certificate_info_get_der             (CaCertificateInfo  *self);
const char         *ca_certificate_info_get_subject         (CaCertificateInfo  *self);
const char         *ca_certificate_info_get_common_name     (CaCertificateInfo  *self);
const char         *ca_certificate_info_get_issuer          (CaCertificateInfo  *self);
const char         *ca_certificate_info_get_issuer_common_name (CaCertificateInfo *self);
const char * const *ca_certificate_info_get_sans            (CaCertificateInfo  *self);
const char * const *ca_certificate_info_get_dns_names       (CaCertificateInfo  *self);
const char * const *ca_certificate_info_get_ip_addresses    (CaCertificateInfo  *self);
GDateTime          *ca_certificate_info_get_not_before      (CaCertificateInfo  *self);
GDateTime          *ca_certificate_info_get_not_after       (CaCertificateInfo  *self);
const char         *ca_certificate_info_get_key_description (CaCertificateInfo  *self);
const char         *ca_certificate_info_get_signature_algorithm (CaCertificateInfo *self);
const char         *ca_certificate_info_get_serial          (CaCertificateInfo  *self);
const char         *ca_certificate_info_get_fingerprint     (CaCertificateInfo  *self);
gboolean            ca_certificate_info_get_amazon_issued   (CaCertificateInfo  *self);
gboolean            ca_certificate_info_get_is_ca           (CaCertificateInfo  *self);
gboolean            ca_certificate_info_get_self_signed     (CaCertificateInfo  *self);
int                 ca_certificate_info_get_days_left       (CaCertificateInfo  *self,
                                                             GDateTime          *now);
gboolean            ca_certificate_info_is_issued_by        (CaCertificateInfo  *self,
                                                             CaCertificateInfo  *issuer);
gboolean            ca_certificate_info_covers_name         (CaCertificateInfo  *self,
                                                             const char         *name);

G_END_DECLS
