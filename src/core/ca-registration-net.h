/* ca-registration-net.h: network helpers shared by the RDAP and WHOIS clients
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  ca_registration_address_is_public  (GInetAddress        *address);
gboolean  ca_registration_host_is_loopback   (const char          *host);
void      ca_registration_read_capped_async  (GInputStream        *stream,
                                              gsize                cap,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GBytes   *ca_registration_read_capped_finish (GInputStream        *stream,
                                              GAsyncResult        *result,
                                              gboolean            *truncated,
                                              GError             **error);

G_END_DECLS
