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

/**
 * CaDnsView:
 * @CA_DNS_VIEW_AUTO: both views, but only the local one when DNS servers are
 *   given without root hints (a forwarder-only test stays local)
 * @CA_DNS_VIEW_LOCAL: the system's resolvers, or the DNS servers given
 * @CA_DNS_VIEW_PUBLIC: full recursion from the root servers, as the CA sees it
 * @CA_DNS_VIEW_BOTH: both, compared
 *
 * Which DNS a diagnosis asks (contract.md's `--view`).
 */
typedef enum
{
  CA_DNS_VIEW_AUTO,
  CA_DNS_VIEW_LOCAL,
  CA_DNS_VIEW_PUBLIC,
  CA_DNS_VIEW_BOTH,
} CaDnsView;

#define CA_TYPE_DNS_RESOLVER (ca_dns_resolver_get_type ())

G_DECLARE_FINAL_TYPE (CaDnsResolver, ca_dns_resolver, CA, DNS_RESOLVER, GObject)

CaDnsResolver      *ca_dns_resolver_new             (const char * const  *forwarders,
                                                     gboolean             dnssec,
                                                     guint                timeout_ms);
CaDnsResolver      *ca_dns_resolver_new_public      (const char          *root_hints,
                                                     const char          *trust_anchor,
                                                     gboolean             dnssec,
                                                     guint                timeout_ms);
const char * const *ca_dns_resolver_get_forwarders  (CaDnsResolver       *self);
gboolean            ca_dns_resolver_get_public      (CaDnsResolver       *self);
const char         *ca_dns_resolver_get_root_hints  (CaDnsResolver       *self);
gboolean            ca_dns_resolver_get_dnssec      (CaDnsResolver       *self);
guint               ca_dns_resolver_get_timeout     (CaDnsResolver       *self);
gboolean            ca_dns_resolver_is_validating   (CaDnsResolver       *self);
void                ca_dns_resolver_lookup_async    (CaDnsResolver       *self,
                                                     const char          *name,
                                                     CaDnsType            type,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
void                ca_dns_resolver_lookup_within_async (CaDnsResolver   *self,
                                                     const char          *name,
                                                     CaDnsType            type,
                                                     guint                timeout_ms,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
CaDnsAnswer        *ca_dns_resolver_lookup_finish   (CaDnsResolver       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
gboolean            ca_dns_check_server             (const char          *server,
                                                     GError             **error);
const char         *ca_dns_view_to_string           (CaDnsView            view);
gboolean            ca_dns_view_from_string         (const char          *string,
                                                     CaDnsView           *view);

G_END_DECLS
