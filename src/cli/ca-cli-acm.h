/* ca-cli-acm.h: what `diagnose --arn` takes from ACM
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-acm-certificate.h"
#include "ca-cli.h"
#include "ca-diagnosis.h"

G_BEGIN_DECLS

CaAcmCertificate *ca_cli_acm_describe_for_diagnosis (CaCliOptions      *options,
                                                     const char        *arn,
                                                     GPtrArray        **findings,
                                                     GError           **error);
const char       *ca_cli_acm_validation_domain      (CaAcmCertificate  *certificate,
                                                     const char        *name);
void              ca_cli_acm_merge_into_diagnosis   (CaDiagnosis       *diagnosis,
                                                     CaAcmCertificate  *certificate,
                                                     GPtrArray         *findings);
void              ca_cli_acm_print_certificate_summary (JsonNode       *certificate);

G_END_DECLS
