/* ca-plain-row.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *ca_plain_row_new          (const char   *title,
                                      const char   *subtitle,
                                      ...) G_GNUC_NULL_TERMINATED;
void       ca_plain_row_add_action   (AdwActionRow *row,
                                      GtkWidget    *widget);
void       ca_plain_row_set_subtitle (AdwActionRow *row,
                                      const char   *subtitle);

G_END_DECLS
