/* ca-accessible.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ca_accessible_name_buttons      (GtkWidget *root);
void ca_accessible_keep_label        (GtkWidget *button);
void ca_accessible_name_expander_row (GtkWidget *row);

G_END_DECLS
