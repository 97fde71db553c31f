/* ca-acm-client.h: the ACM operations CertAssist uses
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-acm-certificate.h"
#include "ca-aws-client.h"

G_BEGIN_DECLS

#define CA_TYPE_ACM_CLIENT (ca_acm_client_get_type ())

G_DECLARE_FINAL_TYPE (CaAcmClient, ca_acm_client, CA, ACM_CLIENT, GObject)

/* The seven key types: ListCertificates shows only RSA_2048 without them. */
extern const char * const ca_acm_key_types[];

CaAcmClient      *ca_acm_client_new                         (const char          *profile,
                                                             const char          *region,
                                                             guint                timeout_seconds,
                                                             GError             **error);
CaAcmClient      *ca_acm_client_new_for_aws                 (CaAwsClient         *aws);
CaAwsClient      *ca_acm_client_get_aws                     (CaAcmClient         *self);

void              ca_acm_client_list_certificates_async     (CaAcmClient         *self,
                                                             const char * const  *statuses,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GPtrArray        *ca_acm_client_list_certificates_finish    (CaAcmClient         *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void              ca_acm_client_describe_certificate_async  (CaAcmClient         *self,
                                                             const char          *arn,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
CaAcmCertificate *ca_acm_client_describe_certificate_finish (CaAcmClient         *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
char             *ca_acm_idempotency_token                  (const char * const  *names,
                                                             const char          *method,
                                                             const char * const  *validation_domains,
                                                             const char          *key_algorithm);
void              ca_acm_client_request_certificate_async   (CaAcmClient         *self,
                                                             const char * const  *names,
                                                             const char          *method,
                                                             const char * const  *validation_domains,
                                                             const char          *key_algorithm,
                                                             GPtrArray           *tags,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
char             *ca_acm_client_request_certificate_finish  (CaAcmClient         *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void              ca_acm_client_resend_validation_email_async (CaAcmClient       *self,
                                                             const char          *arn,
                                                             const char          *domain,
                                                             const char          *validation_domain,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean          ca_acm_client_resend_validation_email_finish (CaAcmClient      *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void              ca_acm_client_delete_certificate_async    (CaAcmClient         *self,
                                                             const char          *arn,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean          ca_acm_client_delete_certificate_finish   (CaAcmClient         *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void              ca_acm_client_get_certificate_async       (CaAcmClient         *self,
                                                             const char          *arn,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
char             *ca_acm_client_get_certificate_finish      (CaAcmClient         *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void              ca_acm_client_migrate_to_dns_async        (CaAcmClient         *self,
                                                             const char          *arn,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean          ca_acm_client_migrate_to_dns_finish       (CaAcmClient         *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void              ca_acm_client_list_domain_validations_async (CaAcmClient       *self,
                                                             const char          *arn,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GPtrArray        *ca_acm_client_list_domain_validations_finish (CaAcmClient      *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
void              ca_acm_client_list_tags_async             (CaAcmClient         *self,
                                                             const char          *arn,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GPtrArray        *ca_acm_client_list_tags_finish            (CaAcmClient         *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

GPtrArray        *ca_acm_tags_new                           (void);
void              ca_acm_tags_add                           (GPtrArray           *tags,
                                                             const char          *key,
                                                             const char          *value);

gboolean          ca_acm_check_arn                          (const char          *arn,
                                                             GError             **error);

G_END_DECLS
