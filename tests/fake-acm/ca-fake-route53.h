/* ca-fake-route53.h: the fake ACM's Route 53 half (internal to the fake library)
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "ca-fake-acm.h"

G_BEGIN_DECLS

#define CA_FAKE_ROUTE53_PATH_PREFIX "/2013-04-01/"

typedef struct _CaFakeRoute53 CaFakeRoute53;

/* @acm keys, clock, faults and counts are the fake ACM's (not owned: it owns us). */
CaFakeRoute53 *ca_fake_route53_new                (CaFakeAcm            *acm);
void           ca_fake_route53_free               (CaFakeRoute53        *self);
void           ca_fake_route53_add_zone           (CaFakeRoute53        *self,
                                                   const char           *zone_id,
                                                   const char           *name,
                                                   gboolean              private_zone,
                                                   const char * const   *name_servers,
                                                   guint                 insync_after_polls);
gboolean       ca_fake_route53_load_seed          (CaFakeRoute53        *self,
                                                   JsonArray            *zones,
                                                   GError              **error);
void           ca_fake_route53_set_insync_after_polls (CaFakeRoute53    *self,
                                                   guint                 polls);
guint          ca_fake_route53_get_insync_after_polls (CaFakeRoute53    *self);
GPtrArray     *ca_fake_route53_get_zone_records   (CaFakeRoute53        *self,
                                                   const char           *zone_id);
JsonObject    *ca_fake_route53_records_object     (CaFakeRoute53        *self);
void           ca_fake_route53_set_publish_func   (CaFakeRoute53        *self,
                                                   CaFakeAcmPublishFunc  func,
                                                   gpointer              user_data);
void           ca_fake_route53_handle             (CaFakeRoute53        *self,
                                                   SoupServerMessage    *msg);

/* What ca-fake-acm.c lends the Route 53 half: one key store, clock, fault list and count. */
gboolean       ca_fake_acm_find_key               (CaFakeAcm            *self,
                                                   const char           *access_key_id,
                                                   const char          **secret_access_key,
                                                   const char          **session_token);
gint64         ca_fake_acm_now_us                 (CaFakeAcm            *self);
gboolean       ca_fake_acm_take_fault             (CaFakeAcm            *self,
                                                   CaFakeAcmFault        fault);
void           ca_fake_acm_count_operation        (CaFakeAcm            *self,
                                                   const char           *operation);
void           ca_fake_acm_set_last_input         (CaFakeAcm            *self,
                                                   const char           *operation,
                                                   JsonObject           *input);

G_END_DECLS
