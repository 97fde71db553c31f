/* ca-delegation-check.h: the NS set a parent zone delegates to, against the zone's own
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-check.h"
#include "ca-dns.h"

G_BEGIN_DECLS

#define CA_TYPE_DELEGATION_CHECK (ca_delegation_check_get_type ())

G_DECLARE_FINAL_TYPE (CaDelegationCheck, ca_delegation_check, CA, DELEGATION_CHECK, GObject)

CaDelegationCheck  *ca_delegation_check_new            (const char        *name);
void                ca_delegation_check_run_in_view_async  (CaDelegationCheck   *self,
                                                            CaDnsResolver       *resolver,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean            ca_delegation_check_run_in_view_finish (CaDelegationCheck   *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
const char         *ca_delegation_check_get_error      (CaDelegationCheck *self);
const char         *ca_delegation_check_get_zone       (CaDelegationCheck *self);
const char         *ca_delegation_check_get_parent     (CaDelegationCheck *self);
const char * const *ca_delegation_check_get_parent_ns  (CaDelegationCheck *self);
const char * const *ca_delegation_check_get_zone_ns    (CaDelegationCheck *self);
gboolean            ca_delegation_check_get_matches    (CaDelegationCheck *self);

G_END_DECLS
