/* ca-registration-list.h: a registration group for each registrable domain
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ca-reveal-queue.h"

G_BEGIN_DECLS

#define CA_TYPE_REGISTRATION_LIST (ca_registration_list_get_type ())

G_DECLARE_FINAL_TYPE (CaRegistrationList, ca_registration_list, CA, REGISTRATION_LIST, GtkBox)

GtkWidget *ca_registration_list_new (GListModel    *registrations,
                                     CaRevealQueue *reveal);

G_END_DECLS
