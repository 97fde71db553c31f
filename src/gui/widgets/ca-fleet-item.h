/* ca-fleet-item.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-fleet-scan.h"

G_BEGIN_DECLS

#define CA_TYPE_FLEET_ITEM (ca_fleet_item_get_type ())

G_DECLARE_FINAL_TYPE (CaFleetItem, ca_fleet_item, CA, FLEET_ITEM, GObject)

char         *ca_fleet_item_format_date    (GDateTime    *date);
CaFleetItem  *ca_fleet_item_new            (CaFleetScan  *scan,
                                            CaFleetEntry *entry);
CaFleetEntry *ca_fleet_item_get_entry      (CaFleetItem  *self);
const char   *ca_fleet_item_get_title      (CaFleetItem  *self);
const char   *ca_fleet_item_get_subtitle   (CaFleetItem  *self);
gboolean      ca_fleet_item_get_selectable (CaFleetItem  *self);
gboolean      ca_fleet_item_get_selected   (CaFleetItem  *self);
void          ca_fleet_item_set_selected   (CaFleetItem  *self,
                                            gboolean      selected);
gboolean      ca_fleet_item_get_starting   (CaFleetItem  *self);
gboolean      ca_fleet_item_get_moving     (CaFleetItem  *self);
void          ca_fleet_item_start_move     (CaFleetItem  *self);
void          ca_fleet_item_set_moving     (CaFleetItem  *self);
void          ca_fleet_item_set_failed     (CaFleetItem  *self,
                                            const char   *message);

G_END_DECLS
