/* ca-x509-private.h: OpenSSL handles shared by the ca-x509 files
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <openssl/x509.h>

#include "ca-certificate-info.h"

G_BEGIN_DECLS

X509 *ca_certificate_info_get_x509 (CaCertificateInfo *self);

G_END_DECLS
