/* ca-views-check.h: the local and the public view of DNS, compared for one name
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-check.h"
#include "ca-dns.h"
#include "ca-dns-record.h"

G_BEGIN_DECLS

/**
 * CaViewsDifference:
 * @type: the record type
 * @owner: the name asked about
 * @local: the local view's answer: sorted values, or one of NXDOMAIN,
 *   SERVFAIL, BOGUS, TIMEOUT
 * @public_values: the public view's, alike
 *
 * One record set that the two views answer differently (contract.md's
 * `names[].differences`).
 */
typedef struct
{
  CaDnsType  type;
  char      *owner;
  GStrv      local;
  GStrv      public_values;
} CaViewsDifference;

#define CA_TYPE_VIEWS_CHECK (ca_views_check_get_type ())

G_DECLARE_FINAL_TYPE (CaViewsCheck, ca_views_check, CA, VIEWS_CHECK, GObject)

CaViewsCheck *ca_views_check_new             (const char   *name,
                                              const char   *approval_domain);
gboolean      ca_views_check_get_compared    (CaViewsCheck *self);
void          ca_views_check_warm_up_async   (CaViewsCheck        *self,
                                              CaDiagnosis         *diagnosis,
                                              CaDnsResolver       *resolver,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      ca_views_check_warm_up_finish  (CaViewsCheck        *self,
                                              GAsyncResult        *result,
                                              GError             **error);
GPtrArray    *ca_views_check_get_differences (CaViewsCheck *self);

G_END_DECLS
