/* ca-check-group.h: any check of a diagnosis, shown through its facts
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ca-check.h"
#include "ca-dns.h"
#include "ca-reveal-queue.h"

G_BEGIN_DECLS

#define CA_TYPE_CHECK_GROUP (ca_check_group_get_type ())

G_DECLARE_FINAL_TYPE (CaCheckGroup, ca_check_group, CA, CHECK_GROUP, AdwPreferencesGroup)

GtkWidget *ca_check_group_new       (CaCheck       *check,
                                     CaRevealQueue *reveal);
CaCheck   *ca_check_group_get_check (CaCheckGroup  *self);
void       ca_check_group_set_view  (CaCheckGroup  *self,
                                     CaDnsView      view);

G_END_DECLS
