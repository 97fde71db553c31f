/* ca-aws-client-private.h: the retry schedule made observable, for tests only
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-aws-client.h"

G_BEGIN_DECLS

/* Stands in for U(0,1), the full jitter's random factor. */
typedef double (*CaAwsJitterFunc)  (gpointer user_data);

/* Told each backoff the client computed, before retry @attempt + 1. */
typedef void   (*CaAwsBackoffFunc) (guint    attempt,
                                    guint    delay_ms,
                                    gpointer user_data);

void ca_aws_client_set_backoff_hooks (CaAwsClient      *self,
                                      CaAwsJitterFunc   jitter,
                                      CaAwsBackoffFunc  observe,
                                      gpointer          user_data);

G_END_DECLS
