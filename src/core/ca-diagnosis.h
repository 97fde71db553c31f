/* ca-diagnosis.h: every check for a set of names, run at once
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ca-dns.h"
#include "ca-finding.h"
#include "ca-name-report.h"
#include "ca-registration-client.h"

G_BEGIN_DECLS

typedef enum
{
  CA_DIAGNOSIS_CHECK_MAIL         = 1 << 0,
  CA_DIAGNOSIS_CHECK_CAA          = 1 << 1,
  CA_DIAGNOSIS_CHECK_REGISTRATION = 1 << 2,
  CA_DIAGNOSIS_CHECK_CERTIFICATE  = 1 << 3,
  CA_DIAGNOSIS_CHECK_ALL          = 0xf,
} CaDiagnosisChecks;

#define CA_TYPE_DIAGNOSIS (ca_diagnosis_get_type ())

G_DECLARE_FINAL_TYPE (CaDiagnosis, ca_diagnosis, CA, DIAGNOSIS, GObject)

CaDiagnosis       *ca_diagnosis_new                   (CaDnsResolver       *resolver);
CaDnsResolver     *ca_diagnosis_get_resolver          (CaDiagnosis         *self);
CaDiagnosisChecks  ca_diagnosis_get_checks            (CaDiagnosis         *self);
void               ca_diagnosis_set_checks            (CaDiagnosis         *self,
                                                       CaDiagnosisChecks    checks);
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
void               ca_diagnosis_set_registration_client (CaDiagnosis       *self,
                                                       CaRegistrationClient *client);
GListModel        *ca_diagnosis_get_registrations     (CaDiagnosis         *self);
void               ca_diagnosis_add_finding           (CaDiagnosis         *self,
                                                       CaFinding           *finding);
void               ca_diagnosis_set_json_member       (CaDiagnosis         *self,
                                                       const char          *member,
                                                       JsonNode            *node);
JsonNode          *ca_diagnosis_get_json_member       (CaDiagnosis         *self,
                                                       const char          *member);
GListModel        *ca_diagnosis_get_names             (CaDiagnosis         *self);
GListModel        *ca_diagnosis_get_findings          (CaDiagnosis         *self);
gboolean           ca_diagnosis_get_running           (CaDiagnosis         *self);
void               ca_diagnosis_run_async             (CaDiagnosis         *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           ca_diagnosis_run_finish            (CaDiagnosis         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
gboolean           ca_diagnosis_parse_checks          (const char          *list,
                                                       CaDiagnosisChecks   *checks,
                                                       GError             **error);

/* ca-diagnosis-json.c */
JsonNode          *ca_diagnosis_to_json               (CaDiagnosis         *self);

G_END_DECLS
