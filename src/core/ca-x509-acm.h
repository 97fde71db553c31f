/* ca-x509-acm.h: an ACM certificate as X.509 plus what ACM says about it
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-acm-client.h"
#include "ca-x509-report.h"

G_BEGIN_DECLS

void          ca_x509_inspect_acm_async  (CaAcmClient          *client,
                                          const char           *arn,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
CaX509Report *ca_x509_inspect_acm_finish (GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
