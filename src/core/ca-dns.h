/* ca-dns.h: an asynchronous DNS resolver on libunbound
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ca-dns-answer.h"
#include "ca-dns-record.h"

G_BEGIN_DECLS

#define CA_DNS_DEFAULT_TIMEOUT_MS 10000

#define CA_TYPE_DNS_RESOLVER (ca_dns_resolver_get_type ())

G_DECLARE_FINAL_TYPE (CaDnsResolver, ca_dns_resolver, CA, DNS_RESOLVER, GObject)

CaDnsResolver      *ca_dns_resolver_new             (const char * const  *forwarders,
                                                     gboolean             dnssec,
                                                     guint                timeout_ms);
const char * const *ca_dns_resolver_get_forwarders  (CaDnsResolver       *self);
gboolean            ca_dns_resolver_get_dnssec      (CaDnsResolver       *self);
guint               ca_dns_resolver_get_timeout     (CaDnsResolver       *self);
gboolean            ca_dns_resolver_is_validating   (CaDnsResolver       *self);
void                ca_dns_resolver_lookup_async    (CaDnsResolver       *self,
                                                     const char          *name,
                                                     CaDnsType            type,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
CaDnsAnswer        *ca_dns_resolver_lookup_finish   (CaDnsResolver       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
gboolean            ca_dns_check_server             (const char          *server,
                                                     GError             **error);

G_END_DECLS
