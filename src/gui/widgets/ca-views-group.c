/* ca-views-group.c: the local and the public view of DNS, side by side
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaViewsGroup"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-plain-row.h"
#include "ca-reveal-queue.h"
#include "ca-severity-icon.h"
#include "ca-views-group.h"

/**
 * CaViewsGroup:
 *
 * How the views check shows itself: for each record set the two views
 * answer differently, an open expander headed by the record and its owner
 * with one row per view, each value under the view it came from, so the
 * user sees what this computer sees and what the certificate authority
 * sees. When the views agree, one row says so; when they were not compared
 * (one view asked, or one that cannot be trusted), the group hides. Rows
 * appear through the page's #CaRevealQueue.
 */
struct _CaViewsGroup
{
  AdwPreferencesGroup  parent_instance;

  CaViewsCheck        *check;
  CaRevealQueue       *reveal;
  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (CaViewsGroup, ca_views_group, ADW_TYPE_PREFERENCES_GROUP)

/*
 * Auxiliary methods
 */

/* Values come from DNS: shown as plain text, never as markup. */
static char *
format_values (const char * const *values)
{
  if (values == NULL || values[0] == NULL)
    return g_strdup (_("No record"));
  if (values[1] == NULL && g_str_equal (values[0], "NXDOMAIN"))
    return g_strdup (_("The name does not exist"));
  return g_strjoinv (", ", (char **) values);
}

static GtkWidget *
create_value_row (const char * const *values,
                  const char         *subtitle)
{
  g_autofree char *title = format_values (values);

  return ca_plain_row_new (title, subtitle, "title-selectable", TRUE, "subtitle-lines", 0, NULL);
}

static GtkWidget *
create_difference_row (CaViewsDifference *difference)
{
  /* Translators: a record type such as MX, and a domain */
  g_autofree char *title = g_strdup_printf (_("%s at %s"), ca_dns_type_to_string (difference->type), difference->owner);
  GtkWidget *expander = g_object_new (ADW_TYPE_EXPANDER_ROW,
                                      "use-markup", FALSE,
                                      "title", title,
                                      "subtitle", _("The two views answer differently"),
                                      "expanded", TRUE,
                                      NULL);

  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander), ca_status_icon_new (CA_FACT_WARNING));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            create_value_row ((const char * const *) difference->local,
                                              _("The DNS resolver in use: only this computer sees this")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            create_value_row ((const char * const *) difference->public_values,
                                              _("Public DNS: the certificate authority sees this")));
  return expander;
}

static void
add_row (CaViewsGroup *self,
         GtkWidget    *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
  if (self->reveal != NULL)
    ca_reveal_queue_add (self->reveal, row);
}

static void
show_differences (CaViewsGroup *self)
{
  CaCheck *check = CA_CHECK (self->check);
  GPtrArray *differences = ca_views_check_get_differences (self->check);
  gboolean compared = ca_check_get_state (check) == CA_CHECK_STATE_DONE && ca_views_check_get_compared (self->check);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  if (compared && differences->len == 0)
    {
      GtkWidget *row = ca_plain_row_new (_("Both views agree"),
                                         _("The DNS resolver in use and the public DNS give the same answers for every record this diagnosis uses."),
                                         NULL);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), ca_status_icon_new (CA_FACT_GOOD));
      add_row (self, row);
    }
  for (guint i = 0; compared && i < differences->len; i++)
    add_row (self, create_difference_row (g_ptr_array_index (differences, i)));
  gtk_widget_set_visible (GTK_WIDGET (self), compared);
}

/*
 * Callbacks
 */

static void
on_check_state_cb (CaCheck      *check,
                   GParamSpec   *pspec,
                   CaViewsGroup *self)
{
  show_differences (self);
}

/*
 * Overrides
 */

static void
ca_views_group_dispose (GObject *object)
{
  CaViewsGroup *self = (CaViewsGroup *) object;

  if (self->check != NULL)
    g_signal_handlers_disconnect_by_data (self->check, self);
  g_clear_object (&self->check);
  g_clear_object (&self->reveal);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_views_group_parent_class)->dispose (object);
}

static void
ca_views_group_class_init (CaViewsGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ca_views_group_dispose;
}

static void
ca_views_group_init (CaViewsGroup *self)
{
  self->rows = g_ptr_array_new ();
}

/*
 * Public API
 */

/**
 * ca_views_group_new:
 * @check: the views check to show
 * @reveal: (nullable): the queue through which new rows appear, one per frame
 */
GtkWidget *
ca_views_group_new (CaViewsCheck  *check,
                    CaRevealQueue *reveal)
{
  CaViewsGroup *self;

  g_return_val_if_fail (CA_IS_VIEWS_CHECK (check), NULL);
  g_return_val_if_fail (reveal == NULL || CA_IS_REVEAL_QUEUE (reveal), NULL);

  self = g_object_new (CA_TYPE_VIEWS_GROUP,
                       "title", ca_check_get_title (CA_CHECK (check)),
                       "description", _("What this computer is told, beside what the certificate authority is told"),
                       NULL);
  self->check = g_object_ref (check);
  g_set_object (&self->reveal, reveal);
  g_signal_connect (check, "notify::state", G_CALLBACK (on_check_state_cb), self);
  show_differences (self);
  return GTK_WIDGET (self);
}
