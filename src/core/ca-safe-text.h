/* ca-safe-text.h: untrusted text made safe to show, server messages made safe to tell
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CaSafeTextFlags:
 * @CA_SAFE_TEXT_DEFAULT: keep tab and newline (a carriage return becomes a newline)
 * @CA_SAFE_TEXT_NO_BIDI: also drop the bidirectional embeddings, overrides and
 *   isolates, which can make a label read otherwise than its text (GUI labels)
 */
typedef enum
{
  CA_SAFE_TEXT_DEFAULT = 0,
  CA_SAFE_TEXT_NO_BIDI = 1 << 0,
} CaSafeTextFlags;

char *ca_safe_text_clean  (const char      *text,
                           gssize           length,
                           CaSafeTextFlags  flags);
char *ca_safe_text_redact (const char      *message);

GLogWriterOutput ca_safe_text_log_writer (GLogLevelFlags   log_level,
                                          const GLogField *fields,
                                          gsize            n_fields,
                                          gpointer         user_data);

G_END_DECLS
