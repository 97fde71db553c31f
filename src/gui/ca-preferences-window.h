/* ca-preferences-window.h: the network settings that the command line's flags also reach
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CA_TYPE_PREFERENCES_WINDOW (ca_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CaPreferencesWindow, ca_preferences_window, CA, PREFERENCES_WINDOW, AdwPreferencesWindow)

CaPreferencesWindow *ca_preferences_window_new          (GtkWindow           *parent,
                                                         GSettings           *settings);
GSettings           *ca_preferences_window_get_settings (CaPreferencesWindow *self);

G_END_DECLS
