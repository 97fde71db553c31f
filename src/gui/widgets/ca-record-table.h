/* ca-record-table.h: DNS validation records to publish, each once, with copy and save
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ca-acm-record.h"

G_BEGIN_DECLS

#define CA_TYPE_RECORD_TABLE (ca_record_table_get_type ())

G_DECLARE_FINAL_TYPE (CaRecordTable, ca_record_table, CA, RECORD_TABLE, AdwPreferencesGroup)

GtkWidget *ca_record_table_new          (void);
void       ca_record_table_add_records  (CaRecordTable *self,
                                         GPtrArray     *records,
                                         const char    *serves);
void       ca_record_table_remove_all   (CaRecordTable *self);
guint      ca_record_table_get_n_records (CaRecordTable *self);
void       ca_record_table_add_row      (CaRecordTable *self,
                                         CaAcmRecord   *record,
                                         GtkWidget     *row);
char      *ca_record_table_to_zone_file (CaRecordTable *self);

G_END_DECLS
