/* ca-sso-sign-in-dialog.h: signing in to IAM Identity Center from the GUI
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ca-sso-login.h"

G_BEGIN_DECLS

#define CA_TYPE_SSO_SIGN_IN_DIALOG (ca_sso_sign_in_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CaSsoSignInDialog, ca_sso_sign_in_dialog, CA, SSO_SIGN_IN_DIALOG, AdwWindow)

GtkWidget  *ca_sso_sign_in_dialog_new       (GtkWindow         *parent,
                                             CaSsoLogin        *login);
CaSsoLogin *ca_sso_sign_in_dialog_get_login (CaSsoSignInDialog *self);

G_END_DECLS
