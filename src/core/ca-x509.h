/* ca-x509.h: read certificates from files and bytes
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ca-certificate-info.h"

G_BEGIN_DECLS

/* Certificate files are small; anything larger is not one (1 MiB). */
#define CA_X509_MAX_FILE_SIZE (1024 * 1024)

GPtrArray *ca_x509_parse              (GBytes               *data,
                                       const char           *display_name,
                                       GError              **error);
GPtrArray *ca_x509_load_file          (GFile                *file,
                                       GCancellable         *cancellable,
                                       GError              **error);
void       ca_x509_load_file_async    (GFile                *file,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
GPtrArray *ca_x509_load_file_finish   (GAsyncResult         *result,
                                       GError              **error);
gboolean   ca_x509_is_amazon_issuer   (const char           *organization,
                                       const char           *common_name);
gboolean   ca_x509_dns_name_matches   (const char           *pattern,
                                       const char           *name);
char      *ca_x509_format_time        (GDateTime            *time);
char      *ca_x509_normalize_name     (const char           *name,
                                       GError              **error);

G_END_DECLS
