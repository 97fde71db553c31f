/* ca-tls-probe.h: fetch the certificate chain a TLS server presents
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ca-x509-report.h"

G_BEGIN_DECLS

#define CA_TLS_PROBE_DEFAULT_PORT 443

gboolean      ca_tls_probe_parse_target (const char           *target,
                                         char                **host,
                                         guint16              *port,
                                         GError              **error);
void          ca_tls_probe_async        (const char           *target,
                                         guint                 timeout_seconds,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
void          ca_tls_probe_with_anchors_async (const char     *target,
                                         guint                 timeout_seconds,
                                         const char           *anchors_file,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
CaX509Report *ca_tls_probe_finish       (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
