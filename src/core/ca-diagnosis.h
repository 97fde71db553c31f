/* ca-diagnosis.h: every check for a set of names, run at once
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ca-acm-certificate.h"
#include "ca-check.h"
#include "ca-dns.h"
#include "ca-finding.h"
#include "ca-name-report.h"
#include "ca-resolver-check.h"

G_BEGIN_DECLS

#define CA_TYPE_DIAGNOSIS (ca_diagnosis_get_type ())

G_DECLARE_FINAL_TYPE (CaDiagnosis, ca_diagnosis, CA, DIAGNOSIS, GObject)

CaDiagnosis       *ca_diagnosis_new                   (CaDnsResolver       *resolver);
CaDiagnosis       *ca_diagnosis_new_with_views        (CaDnsResolver       *local,
                                                       CaDnsResolver       *public_resolver);
CaDnsResolver     *ca_diagnosis_get_resolver          (CaDiagnosis         *self);
CaDnsResolver     *ca_diagnosis_get_view_resolver     (CaDiagnosis         *self,
                                                       CaDnsView            view);
CaResolverCheck   *ca_diagnosis_get_view_check        (CaDiagnosis         *self,
                                                       CaDnsView            view);
gboolean           ca_diagnosis_get_view_answered     (CaDiagnosis         *self,
                                                       CaDnsView            view);
CaDnsView          ca_diagnosis_get_deciding_view     (CaDiagnosis         *self);
void               ca_diagnosis_add_check             (CaDiagnosis         *self,
                                                       CaCheck             *check);
void               ca_diagnosis_add_certificate       (CaDiagnosis         *self,
                                                       CaAcmCertificate    *certificate,
                                                       GPtrArray           *migration);
CaNameReport      *ca_diagnosis_add_name              (CaDiagnosis         *self,
                                                       const char          *name,
                                                       const char          *validation_domain,
                                                       GError             **error);
CaNameReport      *ca_diagnosis_find_name             (CaDiagnosis         *self,
                                                       const char          *name);
gboolean           ca_diagnosis_set_validation_record (CaDiagnosis         *self,
                                                       const char          *name,
                                                       const char          *record_name,
                                                       const char          *value);
gboolean           ca_diagnosis_select_checks         (CaDiagnosis         *self,
                                                       const char          *list,
                                                       GError             **error);
gboolean           ca_diagnosis_is_selected           (CaDiagnosis         *self,
                                                       CaCheck             *check);
CaResolverCheck   *ca_diagnosis_get_resolver_check    (CaDiagnosis         *self);
GListModel        *ca_diagnosis_get_checks            (CaDiagnosis         *self);
GListModel        *ca_diagnosis_get_names             (CaDiagnosis         *self);
GListModel        *ca_diagnosis_get_findings          (CaDiagnosis         *self);
const char        *ca_diagnosis_get_lookup_failure    (CaDiagnosis         *self);
const char        *ca_diagnosis_get_failure_title     (CaDiagnosis         *self);
gboolean           ca_diagnosis_get_running           (CaDiagnosis         *self);
void               ca_diagnosis_run_async             (CaDiagnosis         *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           ca_diagnosis_run_finish            (CaDiagnosis         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* ca-diagnosis-json.c */
JsonNode          *ca_diagnosis_to_json               (CaDiagnosis         *self);

G_END_DECLS
