/* ca-acm-record.h: one DNS record that DNS validation asks the user to publish
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-acm-domain-validation.h"

G_BEGIN_DECLS

#define CA_TYPE_ACM_RECORD (ca_acm_record_get_type ())

G_DECLARE_FINAL_TYPE (CaAcmRecord, ca_acm_record, CA, ACM_RECORD, GObject)

GPtrArray          *ca_acm_records_from_validations (GPtrArray   *validations);
char               *ca_acm_records_to_zone_file     (GPtrArray   *records);
const char         *ca_acm_record_get_name          (CaAcmRecord *self);
const char         *ca_acm_record_get_type_name     (CaAcmRecord *self);
const char         *ca_acm_record_get_value         (CaAcmRecord *self);
const char * const *ca_acm_record_get_domains       (CaAcmRecord *self);
gboolean            ca_acm_record_is_shared         (CaAcmRecord *self);
const char         *ca_acm_record_get_zone          (CaAcmRecord *self);
char               *ca_acm_record_get_relative_name (CaAcmRecord *self);

G_END_DECLS
