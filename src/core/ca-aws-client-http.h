/* ca-aws-client-http.h: bounded HTTP exchanges for the AWS clients
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "ca-credentials.h"

G_BEGIN_DECLS

#define CA_AWS_MAX_RESPONSE_SIZE (4 * 1024 * 1024)

void    ca_aws_http_send_async    (SoupSession         *http,
                                   SoupMessage         *msg,
                                   gsize                max_size,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
GBytes *ca_aws_http_send_finish   (GAsyncResult        *result,
                                   GError             **error);
void    ca_aws_http_set_body      (SoupMessage         *msg,
                                   const char          *content_type,
                                   GBytes              *body);
void    ca_aws_http_sign          (SoupMessage         *msg,
                                   GBytes              *body,
                                   CaCredentials       *credentials,
                                   const char          *region,
                                   const char          *service,
                                   GDateTime           *time);

G_END_DECLS
