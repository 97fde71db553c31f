/* ca-route53-client.h: Amazon Route 53's REST-XML API, the few calls publishing needs
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Added by r53-core: ca_route53_client_set_page_size() (tests read listings across pages).
 */

#pragma once

#include <libsoup/soup.h>

#include "ca-credentials-provider.h"

G_BEGIN_DECLS

/* One hosted zone as ListHostedZonesByName and GetHostedZone describe it. */
typedef struct
{
  char     *id;            /* bare: "Z1D633PJN98FT9" */
  char     *name;          /* no final dot: "example.com" */
  gboolean  private_zone;
  GStrv     name_servers;  /* GetHostedZone's delegation set; NULL from a listing */
} CaRoute53Zone;

void           ca_route53_zone_free (CaRoute53Zone *zone);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaRoute53Zone, ca_route53_zone_free)

#define CA_TYPE_ROUTE53_CLIENT (ca_route53_client_get_type ())

G_DECLARE_FINAL_TYPE (CaRoute53Client, ca_route53_client, CA, ROUTE53_CLIENT, GObject)

/* Signs for service "route53" in us-east-1 (cn-northwest-1 in China), whatever the
 * profile's region; the endpoint from AWS_ENDPOINT_URL_ROUTE_53, then AWS_ENDPOINT_URL. */
CaRoute53Client *ca_route53_client_new                    (SoupSession            *http,
                                                           CaCredentialsProvider  *credentials,
                                                           GError                **error);
const char      *ca_route53_client_get_endpoint           (CaRoute53Client        *self);
void             ca_route53_client_set_retry_base_ms      (CaRoute53Client        *self,
                                                           guint                   base_ms);
void             ca_route53_client_set_page_size          (CaRoute53Client        *self,
                                                           guint                   page_size);

/* Every hosted zone named exactly @name (public and private), all pages read.
 * Returns: (element-type CaRoute53Zone) (transfer container) */
void             ca_route53_client_find_zones_async       (CaRoute53Client        *self,
                                                           const char             *name,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
GPtrArray       *ca_route53_client_find_zones_finish      (CaRoute53Client        *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

void             ca_route53_client_get_zone_async         (CaRoute53Client        *self,
                                                           const char             *zone_id,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
CaRoute53Zone   *ca_route53_client_get_zone_finish        (CaRoute53Client        *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

/* One batch: an UPSERT of each CNAME (@names[i] → @values[i], TTL 300).
 * Returns: the bare change id ("C…") */
void             ca_route53_client_upsert_cnames_async    (CaRoute53Client        *self,
                                                           const char             *zone_id,
                                                           const char * const     *names,
                                                           const char * const     *values,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
char            *ca_route53_client_upsert_cnames_finish   (CaRoute53Client        *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

/* Returns: TRUE when the change is INSYNC (FALSE and no error while PENDING) */
void             ca_route53_client_get_change_async       (CaRoute53Client        *self,
                                                           const char             *change_id,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
gboolean         ca_route53_client_get_change_finish      (CaRoute53Client        *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

G_END_DECLS
