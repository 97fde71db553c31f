/* ca-plain-row.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ca-plain-row.h"
#include "ca-safe-text.h"

/**
 * ca_plain_row_new:
 * @title: the title, shown as it is but cleaned (ca_safe_text_clean())
 * @subtitle: (nullable): the subtitle, the same
 * @...: further properties of the row as for g_object_new(), then %NULL
 *
 * An #AdwActionRow whose texts are never Pango markup: names, messages and
 * server answers may hold `&` or `<`. With libadwaita 1.2, "use-markup" passed
 * to g_object_new() reaches the labels only after their texts (notifications are
 * held during construction), so it is set first, on the finished row.
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
ca_plain_row_new (const char *title,
                  const char *subtitle,
                  ...)
{
  GtkWidget *row = adw_action_row_new ();
  /* Texts from outside lose control characters and bidi overrides, which
   * could make a name read as another. */
  g_autofree char *clean_title = ca_safe_text_clean (title, -1, CA_SAFE_TEXT_NO_BIDI);
  const char *first_property_name;
  va_list args;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), clean_title);
  if (subtitle != NULL)
    {
      g_autofree char *clean_subtitle = ca_safe_text_clean (subtitle, -1, CA_SAFE_TEXT_NO_BIDI);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), clean_subtitle);
    }

  va_start (args, subtitle);
  first_property_name = va_arg (args, const char *);
  if (first_property_name != NULL)
    g_object_set_valist (G_OBJECT (row), first_property_name, args);
  va_end (args);

  return row;
}

/**
 * ca_plain_row_add_action:
 * @row: a row
 * @widget: the button (or check button) that does what the row is for
 *
 * Puts @widget at the end of @row and makes it what activating the row does.
 * The row would also label @widget with its own title, which GTK 4.8 says
 * after the widget's name (“Copy the Record Name Name”): @widget keeps its own
 * accessible name alone, which should say what it does.
 */
void
ca_plain_row_add_action (AdwActionRow *row,
                         GtkWidget    *widget)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (row));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (gtk_widget_get_parent (widget) == NULL)
    adw_action_row_add_suffix (row, widget);
  adw_action_row_set_activatable_widget (row, widget);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/**
 * ca_plain_row_set_subtitle:
 * @row: a row whose subtitle is not markup
 * @subtitle: (nullable): a text from outside, such as an error's message
 *
 * Sets @subtitle cleaned as ca_plain_row_new() does.
 */
void
ca_plain_row_set_subtitle (AdwActionRow *row,
                           const char   *subtitle)
{
  g_autofree char *clean = ca_safe_text_clean (subtitle, -1, CA_SAFE_TEXT_NO_BIDI);

  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  adw_action_row_set_subtitle (row, clean);
}
