/* ca-copy-button.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *ca_copy_button_new (const char *action_name,
                               const char *value,
                               const char *accessible_label);

G_END_DECLS
