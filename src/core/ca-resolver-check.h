/* ca-resolver-check.h: whether the DNS resolver in use can be trusted, before any verdict
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-check.h"
#include "ca-dns.h"

G_BEGIN_DECLS

#define CA_TYPE_RESOLVER_CHECK (ca_resolver_check_get_type ())

G_DECLARE_FINAL_TYPE (CaResolverCheck, ca_resolver_check, CA, RESOLVER_CHECK, GObject)

CaResolverCheck *ca_resolver_check_new                  (CaDnsView        view,
                                                         CaDnsResolver   *resolver);
CaDnsView        ca_resolver_check_get_view             (CaResolverCheck *self);
gboolean         ca_resolver_check_get_reliable         (CaResolverCheck *self);
gboolean         ca_resolver_check_knows_tld            (CaResolverCheck *self,
                                                         const char      *tld);
const char      *ca_resolver_check_get_failure_title    (CaResolverCheck *self);
const char      *ca_resolver_check_get_failure_summary  (CaResolverCheck *self);
const char      *ca_resolver_check_get_untrusted_reason (CaResolverCheck *self);

G_END_DECLS
