/* ca-credentials-provider.h: the AWS credential chain, region and endpoints
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "ca-aws-config.h"
#include "ca-credentials.h"

G_BEGIN_DECLS

#define CA_TYPE_CREDENTIALS_PROVIDER (ca_credentials_provider_get_type ())

G_DECLARE_FINAL_TYPE (CaCredentialsProvider, ca_credentials_provider, CA, CREDENTIALS_PROVIDER, GObject)

CaCredentialsProvider *ca_credentials_provider_new              (SoupSession            *http,
                                                                 const char             *profile,
                                                                 const char             *region,
                                                                 GError                **error);
const char            *ca_credentials_provider_get_profile      (CaCredentialsProvider  *self);
const char            *ca_credentials_provider_get_region       (CaCredentialsProvider  *self);
CaAwsConfig           *ca_credentials_provider_get_config       (CaCredentialsProvider  *self);
char                  *ca_credentials_provider_resolve_endpoint (CaCredentialsProvider  *self,
                                                                 const char             *service,
                                                                 GError                **error);
void                   ca_credentials_provider_get_async        (CaCredentialsProvider  *self,
                                                                 GCancellable           *cancellable,
                                                                 GAsyncReadyCallback     callback,
                                                                 gpointer                user_data);
CaCredentials         *ca_credentials_provider_get_finish       (CaCredentialsProvider  *self,
                                                                 GAsyncResult           *result,
                                                                 GError                **error);
void                   ca_credentials_provider_invalidate       (CaCredentialsProvider  *self);

G_END_DECLS
