/* ca-route53-publish.h: a certificate's DNS validation records, created in Route 53
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ca-acm-record.h"
#include "ca-dns.h"
#include "ca-route53-client.h"

G_BEGIN_DECLS

/**
 * CaRoute53RecordState:
 * @CA_ROUTE53_RECORD_PLANNED: a hosted zone holds the name; nothing changed yet
 * @CA_ROUTE53_RECORD_NO_ZONE: no public hosted zone holds the name (`route53_no_zone`)
 * @CA_ROUTE53_RECORD_PRIVATE_ONLY: only a private zone of that name exists
 * @CA_ROUTE53_RECORD_OUTSIDE_ZONE: the name is outside the zone asked for (`--zone-id`)
 * @CA_ROUTE53_RECORD_SUBMITTED: the change batch went out; Route 53 is not INSYNC yet
 * @CA_ROUTE53_RECORD_INSYNC: Route 53 reports the change INSYNC
 * @CA_ROUTE53_RECORD_VISIBLE: INSYNC, and the public view answers with the record
 * @CA_ROUTE53_RECORD_FAILED: Route 53 refused the change, or it never became INSYNC
 *
 * Where one record stands, for the GUI's "publication state" per record.
 */
typedef enum
{
  CA_ROUTE53_RECORD_PLANNED,
  CA_ROUTE53_RECORD_NO_ZONE,
  CA_ROUTE53_RECORD_PRIVATE_ONLY,
  CA_ROUTE53_RECORD_OUTSIDE_ZONE,
  CA_ROUTE53_RECORD_SUBMITTED,
  CA_ROUTE53_RECORD_INSYNC,
  CA_ROUTE53_RECORD_VISIBLE,
  CA_ROUTE53_RECORD_FAILED,
} CaRoute53RecordState;

#define CA_TYPE_ROUTE53_PUBLISH (ca_route53_publish_get_type ())

G_DECLARE_FINAL_TYPE (CaRoute53Publish, ca_route53_publish, CA, ROUTE53_PUBLISH, GObject)

/* @records: CaAcmRecord (ca-acm-record.h), each published once (a name and its
 * wildcard share one). @zone_id: (nullable): limit the run to this zone (bare "Z…").
 * @public_resolver: (nullable): the public view, for the delegation check and for
 * looking at the records after INSYNC; NULL skips both (the GUI without a view). */
CaRoute53Publish     *ca_route53_publish_new               (CaRoute53Client      *client,
                                                            GPtrArray            *records,
                                                            const char           *zone_id,
                                                            CaDnsResolver        *public_resolver);

/* Finds the public hosted zone of each record (longest match), reads its name
 * servers and compares them with the parent's delegation. Changes nothing. Fails
 * only when Route 53 could not be asked at all (credentials, permission, network):
 * CA_ERROR_ACCESS_DENIED names the IAM action. An unknown or private --zone-id is
 * CA_ERROR_INVALID_INPUT. */
void                  ca_route53_publish_plan_async        (CaRoute53Publish     *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean              ca_route53_publish_plan_finish       (CaRoute53Publish     *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/* After a plan: one change batch per zone (UPSERT of each CNAME), then polls GetChange
 * until INSYNC or the deadline, then looks at each record through the public view.
 * Emits ::record-changed as records move on. CA_ERROR_TIMEOUT when a change never
 * became INSYNC; a refused batch (InvalidChangeBatch) is CA_ERROR_AWS in words. */
void                  ca_route53_publish_apply_async       (CaRoute53Publish     *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean              ca_route53_publish_apply_finish      (CaRoute53Publish     *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/* Defaults: poll every 5 s, give up after 300 s. Tests shorten both. */
void                  ca_route53_publish_set_poll_interval (CaRoute53Publish     *self,
                                                            guint                 milliseconds);
void                  ca_route53_publish_set_deadline      (CaRoute53Publish     *self,
                                                            guint                 seconds);

guint                 ca_route53_publish_get_n_records     (CaRoute53Publish     *self);
CaAcmRecord          *ca_route53_publish_get_record        (CaRoute53Publish     *self,
                                                            guint                 index);
CaRoute53RecordState  ca_route53_publish_get_record_state  (CaRoute53Publish     *self,
                                                            guint                 index);
/* The hosted zone's name ("example.com") and bare id, or NULL without one. */
const char           *ca_route53_publish_get_record_zone   (CaRoute53Publish     *self,
                                                            guint                 index);
const char           *ca_route53_publish_get_record_zone_id (CaRoute53Publish    *self,
                                                            guint                 index);
/* TRUE when at least one record has a public hosted zone (the GUI's button). */
gboolean              ca_route53_publish_has_changes       (CaRoute53Publish     *self);
/* "planned", "PENDING" or "INSYNC", as the contract's `status`. */
const char           *ca_route53_publish_get_status        (CaRoute53Publish     *self);
gboolean              ca_route53_publish_get_published     (CaRoute53Publish     *self);
/* CaFinding: route53_no_zone, route53_private_zone_ignored, dns_ns_mismatch. */
GPtrArray            *ca_route53_publish_get_findings      (CaRoute53Publish     *self);
/* The contract's `publish` object: changes, change_ids, status, published, findings. */
void                  ca_route53_publish_add_json          (CaRoute53Publish     *self,
                                                            JsonBuilder          *builder);

G_END_DECLS
