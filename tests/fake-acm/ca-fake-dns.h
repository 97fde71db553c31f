/* ca-fake-dns.h: just enough DNS for the fake ACM to look its CNAME records up
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CA_FAKE_DNS_TYPE_CNAME 5

GSocketAddress *ca_fake_dns_parse_server  (const char          *server,
                                           GError             **error);
char           *ca_fake_dns_normalize     (const char          *name);
gboolean        ca_fake_dns_names_equal   (const char          *a,
                                           const char          *b);
GBytes         *ca_fake_dns_build_query   (guint16              id,
                                           const char          *name,
                                           guint16              qtype,
                                           GError             **error);
gboolean        ca_fake_dns_parse_cname   (const guint8        *reply,
                                           gsize                len,
                                           guint16              id,
                                           const char          *name,
                                           char               **target,
                                           GError             **error);
GHashTable     *ca_fake_dns_lookup_cnames (GSocketAddress      *server,
                                           const char * const  *names,
                                           gint64               deadline);

G_END_DECLS
