/* ca-registration-list.c: a registration group for each registrable domain
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRegistrationList"

#include "config.h"

#include "ca-registration-group.h"
#include "ca-registration-list.h"
#include "ca-reveal-queue.h"

/**
 * CaRegistrationList:
 *
 * How the registration check shows itself: one #CaRegistrationGroup per
 * item of its model, added as the lookups start, each filling in as its
 * answer comes. The note about the contacts ACM no longer mails is the
 * same for every domain, so only the last group shows it. Groups appear
 * through the page's #CaRevealQueue.
 */
struct _CaRegistrationList
{
  GtkBox      parent_instance;

  GListModel    *registrations;
  CaRevealQueue *reveal;
};

G_DEFINE_FINAL_TYPE (CaRegistrationList, ca_registration_list, GTK_TYPE_BOX)

static void
rebuild (CaRegistrationList *self)
{
  GtkWidget *child;
  guint n_items = g_list_model_get_n_items (self->registrations);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_box_remove (GTK_BOX (self), child);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (CaRegistration) registration = g_list_model_get_item (self->registrations, i);
      GtkWidget *group = ca_registration_group_new (registration);

      ca_registration_group_set_note_visible (CA_REGISTRATION_GROUP (group), i == n_items - 1);
      gtk_box_append (GTK_BOX (self), group);
      if (self->reveal != NULL)
        {
          ca_reveal_queue_add (self->reveal, group);
          ca_registration_group_set_reveal_queue (CA_REGISTRATION_GROUP (group), self->reveal);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self), n_items > 0);
}

static void
on_items_changed_cb (GListModel         *model,
                     guint               position,
                     guint               removed,
                     guint               added,
                     CaRegistrationList *self)
{
  rebuild (self);
}

static void
ca_registration_list_dispose (GObject *object)
{
  CaRegistrationList *self = (CaRegistrationList *) object;

  if (self->registrations != NULL)
    g_signal_handlers_disconnect_by_data (self->registrations, self);
  g_clear_object (&self->registrations);
  g_clear_object (&self->reveal);

  G_OBJECT_CLASS (ca_registration_list_parent_class)->dispose (object);
}

static void
ca_registration_list_class_init (CaRegistrationListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ca_registration_list_dispose;
}

static void
ca_registration_list_init (CaRegistrationList *self)
{
}

/**
 * ca_registration_list_new:
 * @registrations: #CaRegistration items
 * @reveal: (nullable): the queue through which new groups appear, one per frame
 */
GtkWidget *
ca_registration_list_new (GListModel    *registrations,
                          CaRevealQueue *reveal)
{
  CaRegistrationList *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (registrations), NULL);
  g_return_val_if_fail (reveal == NULL || CA_IS_REVEAL_QUEUE (reveal), NULL);

  self = g_object_new (CA_TYPE_REGISTRATION_LIST, "orientation", GTK_ORIENTATION_VERTICAL, "spacing", 18, NULL);
  self->registrations = g_object_ref (registrations);
  g_set_object (&self->reveal, reveal);
  g_signal_connect (registrations, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  rebuild (self);
  return GTK_WIDGET (self);
}
