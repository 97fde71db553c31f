/* ca-iam-policy.h: the least-privilege IAM policy for what CertAssist calls
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The IAM actions of each statement, NULL-terminated (tests and the GUI list them). */
extern const char * const ca_iam_policy_acm_actions[];
extern const char * const ca_iam_policy_route53_actions[];

char *ca_iam_policy_to_json (void);

G_END_DECLS
