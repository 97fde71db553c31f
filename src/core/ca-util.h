/* ca-util.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     ca_bind_text_domain (void);
gboolean ca_set_str (char       **str_pointer,
                     const char  *new_str);

char    *ca_format_local_date (GDateTime *time);
char    *ca_format_local_time (GDateTime *time);

G_END_DECLS
