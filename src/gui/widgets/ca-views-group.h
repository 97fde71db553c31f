/* ca-views-group.h: the local and the public view of DNS, side by side
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ca-reveal-queue.h"
#include "ca-views-check.h"

G_BEGIN_DECLS

#define CA_TYPE_VIEWS_GROUP (ca_views_group_get_type ())

G_DECLARE_FINAL_TYPE (CaViewsGroup, ca_views_group, CA, VIEWS_GROUP, AdwPreferencesGroup)

GtkWidget *ca_views_group_new (CaViewsCheck  *check,
                               CaRevealQueue *reveal);

G_END_DECLS
