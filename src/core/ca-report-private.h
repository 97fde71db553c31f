/* ca-report-private.h: the pieces the Markdown writers share
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-finding.h"

G_BEGIN_DECLS

/* "- text", escaped, one line. */
void ca_report_append_item    (GString    *out,
                               const char *text);
/* A heading of @level ("##"), with a blank line before and after. */
void ca_report_append_heading (GString    *out,
                               const char *level,
                               const char *text);
/* The finding's severity, name and message, then what to do. */
void ca_report_append_finding (GString    *out,
                               CaFinding  *finding);

G_END_DECLS
