/* ca-fleet-list.h
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ca-fleet-item.h"

G_BEGIN_DECLS

#define CA_TYPE_FLEET_LIST (ca_fleet_list_get_type ())

G_DECLARE_FINAL_TYPE (CaFleetList, ca_fleet_list, CA, FLEET_LIST, GtkWidget)

GtkWidget  *ca_fleet_list_new             (void);
void        ca_fleet_list_show_scan       (CaFleetList *self,
                                           CaFleetScan *scan);
void        ca_fleet_list_clear           (CaFleetList *self);
gboolean    ca_fleet_list_get_filling     (CaFleetList *self);
GPtrArray  *ca_fleet_list_get_selected    (CaFleetList *self);

G_END_DECLS
