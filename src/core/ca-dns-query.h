/* ca-dns-query.h: one question to one authoritative server, without recursion
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void   ca_dns_query_delegation_async  (const char * const  *servers,
                                       const char          *zone,
                                       guint                timeout_ms,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GStrv  ca_dns_query_delegation_finish (GAsyncResult        *result,
                                       GError             **error);
GStrv  ca_dns_parse_delegation        (const guint8        *message,
                                       gsize                length,
                                       guint16              id,
                                       const char          *zone,
                                       GError             **error);

G_END_DECLS
