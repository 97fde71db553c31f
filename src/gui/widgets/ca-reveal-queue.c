/* ca-reveal-queue.c: widgets shown one per frame, in the order they were added
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRevealQueue"

#include "config.h"

#include "ca-reveal-queue.h"

/**
 * CaRevealQueue:
 *
 * Keeps a long page drawing while it fills in. The first layout of a row
 * with wrapped text costs milliseconds (GtkLabel shapes its text again for
 * every width it is measured at), so a diagnosis that lands thirty rows at
 * once froze the window for a fifth of a second. A widget added here is
 * hidden, which GTK neither measures nor draws, and shown in a later frame:
 * one per frame, in the order they were added, so the page fills in from the
 * top as it reads. A widget taken out of the window before its turn costs no
 * frame. The widgets are the same as without the queue, so reading order,
 * accessible names and keyboard order do not change once it is empty
 * (#CaRevealQueue:pending).
 */
struct _CaRevealQueue
{
  GObject    parent_instance;

  GtkWidget *clock_widget; /* weak: it owns the queue */
  guint      tick_id;
  GQueue     widgets;      /* owned references, the next first */
};

G_DEFINE_FINAL_TYPE (CaRevealQueue, ca_reveal_queue, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Auxiliary methods
 */

/* Shows the next widget still in a window; those taken out are dropped on the way. */
static void
reveal_next (CaRevealQueue *self)
{
  GtkWidget *widget;

  while ((widget = g_queue_pop_head (&self->widgets)) != NULL)
    {
      gboolean in_window = gtk_widget_get_root (widget) != NULL;

      if (in_window)
        gtk_widget_set_visible (widget, TRUE);
      g_object_unref (widget);
      if (in_window)
        return;
    }
}

static void
stop_ticking (CaRevealQueue *self)
{
  if (self->tick_id != 0 && self->clock_widget != NULL)
    gtk_widget_remove_tick_callback (self->clock_widget, self->tick_id);
  self->tick_id = 0;
}

/*
 * Callbacks
 */

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  CaRevealQueue *self = CA_REVEAL_QUEUE (user_data);

  reveal_next (self);
  if (!g_queue_is_empty (&self->widgets))
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  return G_SOURCE_REMOVE;
}

/*
 * Overrides
 */

static void
ca_reveal_queue_dispose (GObject *object)
{
  CaRevealQueue *self = (CaRevealQueue *) object;

  stop_ticking (self);
  g_clear_weak_pointer (&self->clock_widget);
  g_queue_clear_full (&self->widgets, g_object_unref);

  G_OBJECT_CLASS (ca_reveal_queue_parent_class)->dispose (object);
}

static void
ca_reveal_queue_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CaRevealQueue *self = CA_REVEAL_QUEUE (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_boolean (value, ca_reveal_queue_get_pending (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_reveal_queue_class_init (CaRevealQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ca_reveal_queue_dispose;
  object_class->get_property = ca_reveal_queue_get_property;

  /**
   * CaRevealQueue:pending:
   *
   * Whether some widgets wait for their frame: the page is not complete yet.
   */
  properties[PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_reveal_queue_init (CaRevealQueue *self)
{
  g_queue_init (&self->widgets);
}

/*
 * Public API
 */

/**
 * ca_reveal_queue_new:
 * @clock_widget: the widget whose frames pace the queue, usually the page
 *   that owns it; the queue holds it weakly
 */
CaRevealQueue *
ca_reveal_queue_new (GtkWidget *clock_widget)
{
  CaRevealQueue *self;

  g_return_val_if_fail (GTK_IS_WIDGET (clock_widget), NULL);

  self = g_object_new (CA_TYPE_REVEAL_QUEUE, NULL);
  g_set_weak_pointer (&self->clock_widget, clock_widget);
  return self;
}

/**
 * ca_reveal_queue_add:
 * @widget: a widget already in its parent
 *
 * Hides @widget and shows it in a frame to come, after those added before.
 */
void
ca_reveal_queue_add (CaRevealQueue *self,
                     GtkWidget     *widget)
{
  gboolean was_pending;

  g_return_if_fail (CA_IS_REVEAL_QUEUE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (gtk_widget_get_parent (widget) != NULL);

  was_pending = ca_reveal_queue_get_pending (self);
  gtk_widget_set_visible (widget, FALSE);
  g_queue_push_tail (&self->widgets, g_object_ref (widget));
  if (self->tick_id == 0 && self->clock_widget != NULL)
    self->tick_id = gtk_widget_add_tick_callback (self->clock_widget, on_tick_cb, self, NULL);
  if (!was_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

gboolean
ca_reveal_queue_get_pending (CaRevealQueue *self)
{
  g_return_val_if_fail (CA_IS_REVEAL_QUEUE (self), FALSE);
  return !g_queue_is_empty (&self->widgets);
}
