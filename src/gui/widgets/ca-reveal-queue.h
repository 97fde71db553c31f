/* ca-reveal-queue.h: widgets shown one per frame, in the order they were added
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CA_TYPE_REVEAL_QUEUE (ca_reveal_queue_get_type ())

G_DECLARE_FINAL_TYPE (CaRevealQueue, ca_reveal_queue, CA, REVEAL_QUEUE, GObject)

CaRevealQueue *ca_reveal_queue_new         (GtkWidget     *clock_widget);
void           ca_reveal_queue_add         (CaRevealQueue *self,
                                            GtkWidget     *widget);
gboolean       ca_reveal_queue_get_pending (CaRevealQueue *self);

G_END_DECLS
