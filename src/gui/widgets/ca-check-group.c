/* ca-check-group.c: any check of a diagnosis, shown through its facts
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCheckGroup"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-check-group.h"
#include "ca-plain-row.h"
#include "ca-reveal-queue.h"
#include "ca-severity-icon.h"

/**
 * CaCheckGroup:
 *
 * A group headed by the check's title with one row per fact the check
 * describes, rebuilt whenever its state changes. The words come from the
 * check (ca_check_describe()), so the page holds no rule and a new check
 * shows up here without any GUI code. A check whose verdicts come from DNS
 * says under its title which view they came from (ca_check_group_set_view()).
 * New rows appear through the page's #CaRevealQueue, and a state change that
 * leaves the facts as they were keeps the rows it has.
 */
struct _CaCheckGroup
{
  AdwPreferencesGroup  parent_instance;

  CaCheck             *check;
  CaRevealQueue       *reveal;
  GPtrArray           *rows;
  GPtrArray           *facts; /* the facts the rows show */
};

G_DEFINE_FINAL_TYPE (CaCheckGroup, ca_check_group, ADW_TYPE_PREFERENCES_GROUP)

/*
 * Auxiliary methods
 */

static GtkWidget *
create_fact_row (CaFact *fact)
{
  GtkWidget *row = ca_plain_row_new (ca_fact_get_title (fact), ca_fact_get_detail (fact),
                                     "title-selectable", TRUE, NULL);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), ca_status_icon_new (ca_fact_get_status (fact)));
  return row;
}

static gboolean
facts_equal (CaFact *a,
             CaFact *b)
{
  return ca_fact_get_status (a) == ca_fact_get_status (b) &&
         g_strcmp0 (ca_fact_get_title (a), ca_fact_get_title (b)) == 0 &&
         g_strcmp0 (ca_fact_get_detail (a), ca_fact_get_detail (b)) == 0;
}

static gboolean
shows_facts (CaCheckGroup *self,
             GPtrArray    *facts)
{
  if (self->facts == NULL || self->facts->len != facts->len)
    return FALSE;
  for (guint i = 0; i < facts->len; i++)
    if (!facts_equal (g_ptr_array_index (self->facts, i), g_ptr_array_index (facts, i)))
      return FALSE;
  return TRUE;
}

/* Rows cannot be inserted in the middle of a group: rebuild them in order,
 * unless they already say the same (each new row costs a frame). */
static void
show_facts (CaCheckGroup *self)
{
  g_autoptr (GPtrArray) facts = ca_check_describe (self->check);

  if (shows_facts (self, facts))
    return;
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < facts->len; i++)
    {
      GtkWidget *row = create_fact_row (g_ptr_array_index (facts, i));

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
      if (self->reveal != NULL)
        ca_reveal_queue_add (self->reveal, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), facts->len > 0);
  g_clear_pointer (&self->facts, g_ptr_array_unref);
  self->facts = g_steal_pointer (&facts);
}

/*
 * Callbacks
 */

static void
on_check_state_cb (CaCheck      *check,
                   GParamSpec   *pspec,
                   CaCheckGroup *self)
{
  show_facts (self);
}

/*
 * Overrides
 */

static void
ca_check_group_dispose (GObject *object)
{
  CaCheckGroup *self = (CaCheckGroup *) object;

  if (self->check != NULL)
    g_signal_handlers_disconnect_by_data (self->check, self);
  g_clear_object (&self->check);
  g_clear_object (&self->reveal);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->facts, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_check_group_parent_class)->dispose (object);
}

static void
ca_check_group_class_init (CaCheckGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ca_check_group_dispose;
}

static void
ca_check_group_init (CaCheckGroup *self)
{
  self->rows = g_ptr_array_new ();
}

/*
 * Public API
 */

/**
 * ca_check_group_new:
 * @check: the check to show
 * @reveal: (nullable): the queue through which new rows appear, one per frame
 */
GtkWidget *
ca_check_group_new (CaCheck       *check,
                    CaRevealQueue *reveal)
{
  CaCheckGroup *self;

  g_return_val_if_fail (CA_IS_CHECK (check), NULL);
  g_return_val_if_fail (reveal == NULL || CA_IS_REVEAL_QUEUE (reveal), NULL);

  self = g_object_new (CA_TYPE_CHECK_GROUP, "title", ca_check_get_title (check), NULL);
  self->check = g_object_ref (check);
  g_set_object (&self->reveal, reveal);
  g_signal_connect (check, "notify::state", G_CALLBACK (on_check_state_cb), self);
  show_facts (self);
  return GTK_WIDGET (self);
}

/* Returns: (transfer none): the check the group shows */
CaCheck *
ca_check_group_get_check (CaCheckGroup *self)
{
  g_return_val_if_fail (CA_IS_CHECK_GROUP (self), NULL);
  return self->check;
}

/**
 * ca_check_group_set_view:
 * @view: the view of DNS the check's facts came from: %CA_DNS_VIEW_PUBLIC or
 *   %CA_DNS_VIEW_LOCAL; anything else for facts that come from no view
 *
 * The public view is what the certificate authority sees; a fact from the
 * local resolver alone may not be, and the group says so.
 */
void
ca_check_group_set_view (CaCheckGroup *self,
                         CaDnsView     view)
{
  const char *description = NULL;

  g_return_if_fail (CA_IS_CHECK_GROUP (self));

  if (view == CA_DNS_VIEW_PUBLIC)
    description = _("From the public DNS, as the certificate authority sees it");
  else if (view == CA_DNS_VIEW_LOCAL)
    description = _("From the DNS resolver in use, not from the public DNS that the certificate authority asks");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
}
