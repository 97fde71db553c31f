/* ca-copy-button.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ca-copy-button.h"

/**
 * ca_copy_button_new:
 * @action_name: the page's copy action, taking a string
 * @value: what the button copies
 * @accessible_label: what a screen reader says, naming what is copied
 *   (“Copy the record name”), as the icon says nothing
 *
 * A flat copy button for the end of a row.
 *
 * Returns: (transfer floating): the button
 */
GtkWidget *
ca_copy_button_new (const char *action_name,
                    const char *value,
                    const char *accessible_label)
{
  GtkWidget *button;

  g_return_val_if_fail (action_name != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (accessible_label != NULL, NULL);

  button = g_object_new (GTK_TYPE_BUTTON,
                         "icon-name", "edit-copy-symbolic",
                         "tooltip-text", accessible_label,
                         "valign", GTK_ALIGN_CENTER,
                         "action-name", action_name,
                         "action-target", g_variant_new_string (value),
                         NULL);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return button;
}
