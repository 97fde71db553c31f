/* ca-aws-client.h: AWS JSON 1.1 and REST-XML over HTTP, with retries and clock-skew correction
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ca-credentials-provider.h"

G_BEGIN_DECLS

#define CA_TYPE_AWS_CLIENT (ca_aws_client_get_type ())

G_DECLARE_FINAL_TYPE (CaAwsClient, ca_aws_client, CA, AWS_CLIENT, GObject)

typedef enum
{
  CA_AWS_CALL_DEFAULT = 0,
  /* LimitExceededException is an account quota here, not throttling: no retry. */
  CA_AWS_CALL_LIMIT_IS_QUOTA = 1 << 0,
} CaAwsCallFlags;

#define CA_AWS_MAX_ATTEMPTS 3

CaAwsClient           *ca_aws_client_new                (SoupSession            *http,
                                                         CaCredentialsProvider  *credentials,
                                                         const char             *service,
                                                         const char             *target_prefix,
                                                         GError                **error);
CaAwsClient           *ca_aws_client_new_in_region      (SoupSession            *http,
                                                         CaCredentialsProvider  *credentials,
                                                         const char             *region,
                                                         const char             *service,
                                                         const char             *target_prefix,
                                                         GError                **error);
CaAwsClient           *ca_aws_client_new_rest           (SoupSession            *http,
                                                         CaCredentialsProvider  *credentials,
                                                         const char             *endpoint_id,
                                                         const char             *service,
                                                         const char             *region,
                                                         GError                **error);
SoupSession           *ca_aws_client_get_http           (CaAwsClient            *self);
CaCredentialsProvider *ca_aws_client_get_credentials    (CaAwsClient            *self);
const char            *ca_aws_client_get_endpoint       (CaAwsClient            *self);
const char            *ca_aws_client_get_region         (CaAwsClient            *self);
void                   ca_aws_client_set_retry_base_ms  (CaAwsClient            *self,
                                                         guint                   base_ms);
guint                  ca_aws_client_get_request_count  (CaAwsClient            *self);
GTimeSpan              ca_aws_client_get_clock_offset   (CaAwsClient            *self);
void                   ca_aws_client_call_async         (CaAwsClient            *self,
                                                         const char             *operation,
                                                         JsonObject             *input,
                                                         CaAwsCallFlags          flags,
                                                         GCancellable           *cancellable,
                                                         GAsyncReadyCallback     callback,
                                                         gpointer                user_data);
JsonObject            *ca_aws_client_call_finish        (CaAwsClient            *self,
                                                         GAsyncResult           *result,
                                                         char                  **aws_error_type,
                                                         GError                **error);
void                   ca_aws_client_call_rest_async    (CaAwsClient            *self,
                                                         const char             *operation,
                                                         const char             *method,
                                                         const char             *path_and_query,
                                                         GBytes                 *body,
                                                         GCancellable           *cancellable,
                                                         GAsyncReadyCallback     callback,
                                                         gpointer                user_data);
GBytes                *ca_aws_client_call_rest_finish   (CaAwsClient            *self,
                                                         GAsyncResult           *result,
                                                         char                  **aws_error_type,
                                                         char                  **aws_error_message,
                                                         GError                **error);

void                   ca_aws_parse_error               (SoupMessageHeaders     *headers,
                                                         GBytes                 *body,
                                                         char                  **type,
                                                         char                  **message);
void                   ca_aws_parse_xml_error           (GBytes                 *body,
                                                         char                  **type,
                                                         char                  **message);
gboolean               ca_aws_error_is_retryable        (guint                   status,
                                                         const char             *type,
                                                         CaAwsCallFlags          flags);

G_END_DECLS
