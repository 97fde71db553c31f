/* ca-acm-findings.h: what a certificate's state in ACM means for the user
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-acm-certificate.h"
#include "ca-finding.h"

G_BEGIN_DECLS

GPtrArray   *ca_acm_findings_for_certificate (CaAcmCertificate *certificate,
                                              GPtrArray        *migration,
                                              GDateTime        *now);
CaFindingId  ca_acm_failure_reason_to_id     (const char       *reason);

G_END_DECLS
