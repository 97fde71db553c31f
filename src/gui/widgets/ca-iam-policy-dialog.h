/* ca-iam-policy-dialog.h: the least-privilege IAM policy, to copy for an administrator
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CA_TYPE_IAM_POLICY_DIALOG (ca_iam_policy_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CaIamPolicyDialog, ca_iam_policy_dialog, CA, IAM_POLICY_DIALOG, AdwWindow)

GtkWidget  *ca_iam_policy_dialog_new        (GtkWindow         *parent);
const char *ca_iam_policy_dialog_get_policy (CaIamPolicyDialog *self);

G_END_DECLS
