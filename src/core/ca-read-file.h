/* ca-read-file.h: reading a local file that someone else may have put there
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *ca_read_file_capped (const char  *path,
                           gsize        max_size,
                           gsize       *len,
                           GError     **error);

G_END_DECLS
