/* ca-validation-record.h: is the CNAME that DNS validation asks for published?
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ca-dns.h"

G_BEGIN_DECLS

typedef enum
{
  CA_VALIDATION_RECORD_PENDING,
  CA_VALIDATION_RECORD_PUBLISHED,
  CA_VALIDATION_RECORD_WRONG_VALUE,
  CA_VALIDATION_RECORD_MISSING,
  CA_VALIDATION_RECORD_LOOKUP_FAILED,
  CA_VALIDATION_RECORD_PROXIED,
} CaValidationRecordState;

#define CA_VALIDATION_RECORD_MAX_HOPS 5

#define CA_TYPE_VALIDATION_RECORD (ca_validation_record_get_type ())

G_DECLARE_FINAL_TYPE (CaValidationRecord, ca_validation_record, CA, VALIDATION_RECORD, GObject)

CaValidationRecord      *ca_validation_record_new              (const char              *name,
                                                                const char              *record_name,
                                                                const char              *expected,
                                                                const char              *zone);
const char              *ca_validation_record_get_name         (CaValidationRecord      *self);
const char              *ca_validation_record_get_record_name  (CaValidationRecord      *self);
const char              *ca_validation_record_get_expected     (CaValidationRecord      *self);
CaValidationRecordState  ca_validation_record_get_state        (CaValidationRecord      *self);
const char              *ca_validation_record_get_found        (CaValidationRecord      *self);
guint                    ca_validation_record_get_hops         (CaValidationRecord      *self);
gboolean                 ca_validation_record_get_chain_too_long (CaValidationRecord    *self);
gboolean                 ca_validation_record_get_name_doubled (CaValidationRecord      *self);
const char              *ca_validation_record_get_error        (CaValidationRecord      *self);
const char              *ca_validation_record_get_addresses    (CaValidationRecord      *self);
void                     ca_validation_record_run_async        (CaValidationRecord      *self,
                                                                CaDnsResolver           *resolver,
                                                                GCancellable            *cancellable,
                                                                GAsyncReadyCallback      callback,
                                                                gpointer                 user_data);
gboolean                 ca_validation_record_run_finish       (CaValidationRecord      *self,
                                                                GAsyncResult            *result,
                                                                GError                 **error);
void                     ca_validation_record_add_findings     (CaValidationRecord      *self,
                                                                GPtrArray               *findings);
const char              *ca_validation_record_state_to_string  (CaValidationRecordState  state);

G_END_DECLS
