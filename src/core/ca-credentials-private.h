/* ca-credentials-private.h: the credential sources behind CaCredentialsProvider
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ca-aws-config.h"
#include "ca-credentials.h"

G_BEGIN_DECLS

#define CA_CREDENTIALS_MAX_PROCESS_OUTPUT (64 * 1024)
/* An answer of IAM Identity Center's portal or OIDC service. */
#define CA_CREDENTIALS_MAX_SSO_ANSWER (64 * 1024)

void           ca_credentials_process_run_async     (const char          *command,
                                                     const char          *profile,
                                                     guint                timeout_seconds,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
CaCredentials *ca_credentials_process_run_finish    (GAsyncResult        *result,
                                                     GError             **error);
/* Tests only: the file whose presence means the app runs in a Flatpak sandbox. */
void           ca_credentials_process_set_sandbox_marker (const char    *path);
CaCredentials *ca_credentials_parse_process_output  (const char          *output,
                                                     gsize                len,
                                                     const char          *profile,
                                                     GError             **error);

void           ca_credentials_sso_fetch_async       (SoupSession         *http,
                                                     CaAwsConfig         *config,
                                                     const char          *profile,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
CaCredentials *ca_credentials_sso_fetch_finish      (GAsyncResult        *result,
                                                     GError             **error);
char          *ca_credentials_sso_cache_path        (const char          *key);
JsonObject    *ca_credentials_sso_load_token        (const char          *path,
                                                     const char          *profile,
                                                     GError             **error);
gboolean       ca_credentials_sso_save_token        (const char          *path,
                                                     JsonObject          *token,
                                                     GError             **error);

void           ca_credentials_sts_assume_role_async (SoupSession         *http,
                                                     CaAwsConfig         *config,
                                                     const char          *profile,
                                                     CaCredentials       *source,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
CaCredentials *ca_credentials_sts_assume_role_finish (GAsyncResult       *result,
                                                      GError            **error);
CaCredentials *ca_credentials_parse_sts_response    (const char          *xml,
                                                     gsize                len,
                                                     const char          *profile,
                                                     GError             **error);

GDateTime     *ca_credentials_parse_time            (const char          *text);

G_END_DECLS
