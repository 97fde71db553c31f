/* ca-check-state.h: where one check of a diagnosis stands
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CA_CHECK_STATE_PENDING,  /* not started, or running */
  CA_CHECK_STATE_DONE,     /* the answers are in */
  CA_CHECK_STATE_FAILED,   /* a lookup failed: SERVFAIL, timeout, resolver error */
  CA_CHECK_STATE_SKIPPED,  /* not asked for (--checks) */
} CaCheckState;

G_END_DECLS
