/* ca-fleet-scan.h: every region, every certificate, against the email deadlines
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-acm-client.h"

G_BEGIN_DECLS

/* What AWS has announced for email validation (acm-rules.md): the dates that bind. */
#define CA_FLEET_NO_NEW_EMAIL_DATE "2027-03-31"
#define CA_FLEET_NO_EMAIL_RENEWAL_DATE "2027-09-30"

typedef enum
{
  CA_FLEET_REGION_RUNNING,
  CA_FLEET_REGION_OK,
  CA_FLEET_REGION_NOT_ENABLED, /* an opt-in region the account has not enabled */
  CA_FLEET_REGION_DENIED,      /* the credentials may not list certificates there */
  CA_FLEET_REGION_ERROR,       /* timed out, throttled past the retries, garbage */
} CaFleetRegionState;

typedef enum
{
  CA_FLEET_ACTION_NONE,
  CA_FLEET_ACTION_MIGRATE,     /* issued by email: move it to DNS in place */
  CA_FLEET_ACTION_IN_PROGRESS, /* a move to DNS is running */
  CA_FLEET_ACTION_REQUEST_DNS, /* never issued by email: request a DNS-validated one */
} CaFleetAction;

/* One certificate the scan found, with what to do about it. */
typedef struct
{
  char             *region;
  CaAcmCertificate *certificate; /* described, or only the summary for imported and private ones */
  CaFleetAction     action;
  GDateTime        *deadline;    /* nullable: no action possible */
} CaFleetEntry;

void                ca_fleet_entry_free (CaFleetEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaFleetEntry, ca_fleet_entry_free)

#define CA_TYPE_FLEET_SCAN (ca_fleet_scan_get_type ())

G_DECLARE_FINAL_TYPE (CaFleetScan, ca_fleet_scan, CA, FLEET_SCAN, GObject)

CaFleetScan        *ca_fleet_scan_new                 (const char * const  *regions,
                                                       const char          *profile,
                                                       guint                timeout_seconds,
                                                       GError             **error);
void                ca_fleet_scan_run_async           (CaFleetScan         *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            ca_fleet_scan_run_finish          (CaFleetScan         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
const char * const *ca_fleet_scan_get_regions         (CaFleetScan         *self);
CaFleetRegionState  ca_fleet_scan_get_region_state    (CaFleetScan         *self,
                                                       const char          *region);
const char         *ca_fleet_scan_get_region_message  (CaFleetScan         *self,
                                                       const char          *region);
guint               ca_fleet_scan_get_region_count    (CaFleetScan         *self,
                                                       const char          *region);
gboolean            ca_fleet_scan_is_complete         (CaFleetScan         *self);
GPtrArray          *ca_fleet_scan_get_entries         (CaFleetScan         *self);
CaAcmClient        *ca_fleet_scan_get_client          (CaFleetScan         *self,
                                                       const char          *region);
void                ca_fleet_scan_limit_call          (CaFleetScan         *self,
                                                       const char          *region,
                                                       const char          *operation,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            ca_fleet_scan_limit_call_finish   (CaFleetScan         *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

const char         *ca_fleet_action_to_string         (CaFleetAction        action);
const char         *ca_fleet_region_state_to_string   (CaFleetRegionState   state);
CaFleetAction       ca_fleet_action_for               (CaAcmCertificate    *certificate,
                                                       GPtrArray           *migration);
GDateTime          *ca_fleet_deadline_for             (CaAcmCertificate    *certificate,
                                                       CaFleetAction        action);
gboolean            ca_fleet_entry_needs_listing      (CaFleetEntry        *entry,
                                                       gboolean             all_methods);

G_END_DECLS
