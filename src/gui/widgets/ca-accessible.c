/* ca-accessible.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ca-accessible.h"

/*
 * GTK 4.8 names a button with a mnemonic label twice, once from the label's
 * text and once from the label it is labelled by: a screen reader says
 * “_Next Next”. A button that says its label alone, without the underline,
 * is named once.
 */

#define KEEP_LABEL_KEY "ca-accessible-keep-label"

/* “_Check Now” → “Check Now”; “__” stands for one underscore. */
static char *
strip_mnemonic (const char *label)
{
  GString *plain = g_string_sized_new (strlen (label));

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

static void
name_button (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);
  g_autofree char *plain = NULL;

  if (label == NULL || !gtk_button_get_use_underline (button) ||
      g_object_get_data (G_OBJECT (button), KEEP_LABEL_KEY) != NULL)
    return;
  plain = strip_mnemonic (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/**
 * ca_accessible_name_buttons:
 * @root: a widget built from a template, or a button
 *
 * Names every button under @root (and @root itself) whose label has a
 * mnemonic by that label, said once. Call it once the widgets exist; a
 * button whose label changes later must be named again.
 */
void
ca_accessible_name_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root))
    name_button (GTK_BUTTON (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ca_accessible_name_buttons (child);
}

/**
 * ca_accessible_keep_label:
 * @button: a button with an accessible label of its own, which says more
 *   than its visible label
 *
 * Keeps that label when ca_accessible_name_buttons() walks past @button,
 * and stops GTK 4.8 from saying the visible label after it.
 */
void
ca_accessible_keep_label (GtkWidget *button)
{
  g_return_if_fail (GTK_IS_WIDGET (button));

  g_object_set_data (G_OBJECT (button), KEEP_LABEL_KEY, GINT_TO_POINTER (TRUE));
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/**
 * ca_accessible_name_expander_row:
 * @row: an #AdwExpanderRow, its title set
 *
 * Names @row by its title. libadwaita 1.2 names only the header row inside
 * it; the row around the header takes focus too, and would have no name.
 */
void
ca_accessible_name_expander_row (GtkWidget *row)
{
  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
}
