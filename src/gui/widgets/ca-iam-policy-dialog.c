/* ca-iam-policy-dialog.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaIamPolicyDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-accessible.h"
#include "ca-copy-button.h"
#include "ca-iam-policy-dialog.h"
#include "ca-iam-policy.h"

/**
 * CaIamPolicyDialog:
 *
 * The IAM policy that lets CertAssist do what it does and nothing more, as
 * JSON to select or copy and hand to whoever administers the AWS account:
 * people who lack a permission usually cannot grant it themselves.
 */
struct _CaIamPolicyDialog
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwHeaderBar    *header_bar;
  GtkTextView     *policy_view;

  char            *policy;
};

G_DEFINE_FINAL_TYPE (CaIamPolicyDialog, ca_iam_policy_dialog, ADW_TYPE_WINDOW)

/*
 * Callbacks
 */

static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CaIamPolicyDialog *self = CA_IAM_POLICY_DIALOG (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (parameter, NULL));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Copied the policy")));
}

/*
 * Overrides
 */

static void
ca_iam_policy_dialog_finalize (GObject *object)
{
  CaIamPolicyDialog *self = (CaIamPolicyDialog *) object;

  g_clear_pointer (&self->policy, g_free);

  G_OBJECT_CLASS (ca_iam_policy_dialog_parent_class)->finalize (object);
}

static void
ca_iam_policy_dialog_class_init (CaIamPolicyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ca_iam_policy_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-iam-policy-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CaIamPolicyDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CaIamPolicyDialog, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CaIamPolicyDialog, policy_view);
  gtk_widget_class_install_action (widget_class, "policy.copy", "s", copy_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ca_iam_policy_dialog_init (CaIamPolicyDialog *self)
{
  GtkWidget *copy_button;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->policy = ca_iam_policy_to_json ();
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->policy_view), self->policy, -1);
  copy_button = ca_copy_button_new ("policy.copy", self->policy, _("Copy the IAM Policy"));
  adw_header_bar_pack_end (self->header_bar, copy_button);
  ca_accessible_name_buttons (GTK_WIDGET (self));
}

/*
 * Public API
 */

/**
 * ca_iam_policy_dialog_new:
 * @parent: (nullable): the window it belongs to, which it is modal for
 *
 * Returns: (transfer none): the dialog, not shown yet; it destroys itself when closed
 */
GtkWidget *
ca_iam_policy_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CA_TYPE_IAM_POLICY_DIALOG, "transient-for", parent, NULL);
}

/* The policy as shown and copied: JSON text. */
const char *
ca_iam_policy_dialog_get_policy (CaIamPolicyDialog *self)
{
  g_return_val_if_fail (CA_IS_IAM_POLICY_DIALOG (self), NULL);

  return self->policy;
}
