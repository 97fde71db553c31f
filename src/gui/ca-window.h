/* ca-window.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ca-wizard-page.h"

G_BEGIN_DECLS

#define CA_TYPE_WINDOW (ca_window_get_type ())

G_DECLARE_FINAL_TYPE (CaWindow, ca_window, CA, WINDOW, AdwApplicationWindow)

CaWindow     *ca_window_new              (GtkApplication *application,
                                         CaSession      *session);
CaSession    *ca_window_get_session      (CaWindow       *self);
void          ca_window_push_page        (CaWindow       *self,
                                          CaWizardPage   *page);
gboolean      ca_window_go_back          (CaWindow       *self);
CaWizardPage *ca_window_get_visible_page (CaWindow       *self);
guint         ca_window_get_n_pages      (CaWindow       *self);
void          ca_window_add_toast        (CaWindow       *self,
                                          AdwToast       *toast);

G_END_DECLS
