/* ca-acm-client.c: the ACM operations CertAssist uses
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaAcmClient"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-acm-client.h"
#include "ca-acm-json-private.h"
#include "ca-error.h"

#define PAGE_SIZE 1000
/* A server that keeps handing out NextTokens must not keep us forever:
 * 200 pages of 1000 are far more than an account's quota of certificates. */
#define MAX_PAGES 200
#define IDEMPOTENCY_TOKEN_LENGTH 32

const char * const ca_acm_key_types[] = {
  "RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1", NULL
};

struct _CaAcmClient
{
  GObject      parent_instance;

  CaAwsClient *aws;
};

G_DEFINE_FINAL_TYPE (CaAcmClient, ca_acm_client, G_TYPE_OBJECT)

static void
ca_acm_client_finalize (GObject *object)
{
  CaAcmClient *self = (CaAcmClient *) object;

  g_clear_object (&self->aws);

  G_OBJECT_CLASS (ca_acm_client_parent_class)->finalize (object);
}

static void
ca_acm_client_class_init (CaAcmClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_acm_client_finalize;
}

static void
ca_acm_client_init (CaAcmClient *self)
{
}

/**
 * ca_acm_client_new:
 * @profile: (nullable): an explicitly chosen AWS profile
 * @region: (nullable): an explicitly chosen region
 * @timeout_seconds: cap for each HTTP exchange, 0 for the default
 *
 * Sets up the one SoupSession, the credential chain and the endpoint.
 */
CaAcmClient *
ca_acm_client_new (const char  *profile,
                   const char  *region,
                   guint        timeout_seconds,
                   GError     **error)
{
  g_autoptr (SoupSession) http = NULL;
  g_autoptr (CaCredentialsProvider) credentials = NULL;
  g_autoptr (CaAwsClient) aws = NULL;

  http = soup_session_new_with_options ("timeout", timeout_seconds > 0 ? timeout_seconds : 30,
                                        "user-agent", "certassist/" PACKAGE_VERSION,
                                        NULL);
  credentials = ca_credentials_provider_new (http, profile, region, error);
  if (credentials == NULL)
    return NULL;
  aws = ca_aws_client_new (http, credentials, "acm", "CertificateManager", error);
  if (aws == NULL)
    return NULL;

  return ca_acm_client_new_for_aws (aws);
}

CaAcmClient *
ca_acm_client_new_for_aws (CaAwsClient *aws)
{
  CaAcmClient *self;

  g_return_val_if_fail (CA_IS_AWS_CLIENT (aws), NULL);

  self = g_object_new (CA_TYPE_ACM_CLIENT, NULL);
  self->aws = g_object_ref (aws);
  return self;
}

CaAwsClient *
ca_acm_client_get_aws (CaAcmClient *self)
{
  g_return_val_if_fail (CA_IS_ACM_CLIENT (self), NULL);
  return self->aws;
}

gboolean
ca_acm_check_arn (const char  *arn,
                  GError     **error)
{
  if (arn != NULL &&
      g_regex_match_simple ("^arn:aws(-[a-z]+)*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]{1,128}$", arn, 0, 0))
    return TRUE;

  g_set_error (error, CA_ERROR, CA_ERROR_INVALID_ARN,
               _("“%s” is not an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID)."),
               arn != NULL ? arn : "");
  return FALSE;
}

static JsonObject *
arn_input (const char *arn)
{
  JsonObject *input = json_object_new ();

  json_object_set_string_member (input, "CertificateArn", arn);
  return input;
}

/* Checks the ARN before any network traffic; FALSE means @task got the error. */
static gboolean
return_if_bad_arn (GTask      *task,
                   const char *arn)
{
  GError *error = NULL;

  if (ca_acm_check_arn (arn, &error))
    return TRUE;
  g_task_return_error (task, error);
  return FALSE;
}

/*
 * ListCertificates: every page, every key type
 */

typedef struct
{
  GPtrArray *certificates;
  JsonObject *input;
  guint pages;
  GHashTable *tokens;   /* every NextToken seen */
} ListData;

static void
list_data_free (ListData *data)
{
  g_clear_pointer (&data->tokens, g_hash_table_unref);
  g_clear_pointer (&data->certificates, g_ptr_array_unref);
  g_clear_pointer (&data->input, json_object_unref);
  g_free (data);
}

static void list_page_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
request_list_page (GTask *task)
{
  CaAcmClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);

  data->pages++;
  ca_aws_client_call_async (self->aws, "ListCertificates", data->input, CA_AWS_CALL_DEFAULT,
                            g_task_get_cancellable (task), list_page_cb, task);
}

static gboolean
collect_page (ListData    *data,
              JsonObject  *answer,
              const char  *list_member,
              gboolean     summaries,
              GError     **error)
{
  JsonArray *array = ca_acm_json_array (answer, list_member);

  if (array == NULL && json_object_has_member (answer, list_member))
    {
      g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE, _("ACM sent a list that is not a list."));
      return FALSE;
    }
  /* An entry that cannot be read is an error, never a silent gap: a list
   * that looks shorter than it is would fool the user. */
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gpointer item = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node) && summaries)
        item = ca_acm_certificate_new_from_summary (json_node_get_object (node), NULL);
      else if (JSON_NODE_HOLDS_OBJECT (node))
        item = ca_acm_domain_validation_new_from_summary (json_node_get_object (node));
      if (item == NULL)
        {
          g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                       _("ACM sent a list whose entry %u on page %u cannot be read."), i + 1, data->pages);
          return FALSE;
        }
      g_ptr_array_add (data->certificates, item);
    }
  return TRUE;
}

/* Sets @more when another page is due and copies its token into the next
 * input; a token seen before would repeat pages forever, so it is an error. */
static gboolean
next_page (ListData    *data,
           JsonObject  *answer,
           gboolean    *more,
           GError     **error)
{
  JsonNode *node = json_object_get_member (answer, "NextToken");
  const char *token = ca_acm_json_string (answer, "NextToken");

  *more = FALSE;
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && token == NULL)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE, _("ACM sent a page token that is not text."));
      return FALSE;
    }
  if (token == NULL || *token == '\0')
    return TRUE;
  if (data->tokens == NULL)
    data->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_add (data->tokens, g_strdup (token)))
    {
      g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                   _("ACM sent the same page token twice, so its list would never end."));
      return FALSE;
    }
  if (data->pages >= MAX_PAGES)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                   _("ACM sent more than %u pages, so its list was not read to the end."), (guint) MAX_PAGES);
      return FALSE;
    }
  json_object_set_string_member (data->input, "NextToken", token);
  *more = TRUE;
  return TRUE;
}

static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr (JsonObject) answer = NULL;
  GError *error = NULL;
  gboolean more;

  answer = ca_aws_client_call_finish (CA_AWS_CLIENT (object), result, NULL, &error);
  if (answer == NULL || !collect_page (data, answer, "CertificateSummaryList", TRUE, &error) ||
      !next_page (data, answer, &more, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (more)
    {
      request_list_page (g_steal_pointer (&task));
      return;
    }
  g_task_return_pointer (task, g_ptr_array_ref (data->certificates), (GDestroyNotify) g_ptr_array_unref);
}

static JsonArray *
strv_to_array (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

/**
 * ca_acm_client_list_certificates_async:
 * @statuses: (nullable): only these statuses (PENDING_VALIDATION, ISSUED, …)
 */
void
ca_acm_client_list_certificates_async (CaAcmClient         *self,
                                       const char * const  *statuses,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;
  ListData *data;
  JsonObject *includes;

  g_return_if_fail (CA_IS_ACM_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_acm_client_list_certificates_async);
  data = g_new0 (ListData, 1);
  data->certificates = g_ptr_array_new_with_free_func (g_object_unref);
  data->input = json_object_new ();
  includes = json_object_new ();
  json_object_set_array_member (includes, "keyTypes", strv_to_array (ca_acm_key_types));
  json_object_set_object_member (data->input, "Includes", includes);
  json_object_set_int_member (data->input, "MaxItems", PAGE_SIZE);
  if (statuses != NULL && statuses[0] != NULL)
    json_object_set_array_member (data->input, "CertificateStatuses", strv_to_array (statuses));
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);

  request_list_page (task);
}

/* Returns: (element-type CaAcmCertificate) (transfer container): summaries */
GPtrArray *
ca_acm_client_list_certificates_finish (CaAcmClient   *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * DescribeCertificate
 */

static void
describe_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (JsonObject) answer = NULL;
  JsonObject *detail;
  CaAcmCertificate *certificate;
  GError *error = NULL;

  answer = ca_aws_client_call_finish (CA_AWS_CLIENT (object), result, NULL, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  detail = ca_acm_json_object (answer, "Certificate");
  if (detail == NULL)
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                               _("ACM answered DescribeCertificate without a certificate."));
      return;
    }
  certificate = ca_acm_certificate_new_from_json (detail, &error);
  if (certificate == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, certificate, g_object_unref);
}

void
ca_acm_client_describe_certificate_async (CaAcmClient         *self,
                                          const char          *arn,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonObject) input = NULL;

  g_return_if_fail (CA_IS_ACM_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_acm_client_describe_certificate_async);
  if (!return_if_bad_arn (task, arn))
    return;
  input = arn_input (arn);
  ca_aws_client_call_async (self->aws, "DescribeCertificate", input, CA_AWS_CALL_DEFAULT, cancellable,
                            describe_cb, g_steal_pointer (&task));
}

CaAcmCertificate *
ca_acm_client_describe_certificate_finish (CaAcmClient   *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * RequestCertificate
 */

/**
 * ca_acm_idempotency_token:
 *
 * The same request gives the same token, so a retried request (the network
 * failed after ACM created the certificate) does not create a second one
 * within the hour ACM remembers tokens.
 */
char *
ca_acm_idempotency_token (const char * const *names,
                          const char         *method,
                          const char * const *validation_domains,
                          const char         *key_algorithm)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *hex = NULL;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      const char *domain = validation_domains != NULL ? validation_domains[i] : NULL;

      g_checksum_update (checksum, (const guchar *) names[i], -1);
      g_checksum_update (checksum, (const guchar *) "\1", 1);
      g_checksum_update (checksum, (const guchar *) (domain != NULL ? domain : ""), -1);
      g_checksum_update (checksum, (const guchar *) "\n", 1);
    }
  g_checksum_update (checksum, (const guchar *) (method != NULL ? method : ""), -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) (key_algorithm != NULL ? key_algorithm : ""), -1);

  hex = g_strdup (g_checksum_get_string (checksum));
  return g_strndup (hex, IDEMPOTENCY_TOKEN_LENGTH);
}

/* The tags are part of the request too: the same names asked for again with
 * other tags within the hour must not give back the first certificate, which
 * has the first tags. A request without tags keeps ca_acm_idempotency_token(). */
static char *
request_token (const char * const *names,
               const char         *method,
               const char * const *validation_domains,
               const char         *key_algorithm,
               GPtrArray          *tags)
{
  g_autofree char *token = ca_acm_idempotency_token (names, method, validation_domains, key_algorithm);
  g_autoptr (GChecksum) checksum = NULL;

  if (tags == NULL || tags->len == 0)
    return g_steal_pointer (&token);
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) token, -1);
  for (guint i = 0; i < tags->len; i++)
    {
      const char * const *tag = g_ptr_array_index (tags, i);

      g_checksum_update (checksum, (const guchar *) "\n", 1);
      g_checksum_update (checksum, (const guchar *) tag[0], -1);
      g_checksum_update (checksum, (const guchar *) "\1", 1);
      g_checksum_update (checksum, (const guchar *) (tag[1] != NULL ? tag[1] : ""), -1);
    }
  return g_strndup (g_checksum_get_string (checksum), IDEMPOTENCY_TOKEN_LENGTH);
}

/* ACM's `Tags`: [{Key, Value}]. */
static JsonArray *
tags_to_array (GPtrArray *tags)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < tags->len; i++)
    {
      const char * const *tag = g_ptr_array_index (tags, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "Key", tag[0]);
      if (tag[1] != NULL)
        json_object_set_string_member (object, "Value", tag[1]);
      json_array_add_object_element (array, object);
    }
  return array;
}

static gboolean
tags_are_valid (GPtrArray *tags)
{
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      const char * const *tag = g_ptr_array_index (tags, i);

      if (tag == NULL || tag[0] == NULL)
        return FALSE;
    }
  return TRUE;
}

static JsonObject *
build_request_input (const char * const *names,
                     const char         *method,
                     const char * const *validation_domains,
                     const char         *key_algorithm,
                     GPtrArray          *tags)
{
  JsonObject *input = json_object_new ();
  g_autofree char *token = request_token (names, method, validation_domains, key_algorithm, tags);

  json_object_set_string_member (input, "DomainName", names[0]);
  if (names[1] != NULL)
    json_object_set_array_member (input, "SubjectAlternativeNames", strv_to_array (names));
  json_object_set_string_member (input, "ValidationMethod", method);
  if (g_strcmp0 (method, "EMAIL") == 0 && validation_domains != NULL)
    {
      JsonArray *options = json_array_new ();

      for (guint i = 0; names[i] != NULL; i++)
        {
          JsonObject *option;

          if (validation_domains[i] == NULL || *validation_domains[i] == '\0')
            continue;
          option = json_object_new ();
          json_object_set_string_member (option, "DomainName", names[i]);
          json_object_set_string_member (option, "ValidationDomain", validation_domains[i]);
          json_array_add_object_element (options, option);
        }
      json_object_set_array_member (input, "DomainValidationOptions", options);
    }
  if (key_algorithm != NULL)
    json_object_set_string_member (input, "KeyAlgorithm", key_algorithm);
  if (tags != NULL && tags->len > 0)
    json_object_set_array_member (input, "Tags", tags_to_array (tags));
  json_object_set_string_member (input, "IdempotencyToken", token);

  return input;
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (JsonObject) answer = NULL;
  GError *error = NULL;
  const char *arn;

  answer = ca_aws_client_call_finish (CA_AWS_CLIENT (object), result, NULL, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  arn = ca_acm_json_string (answer, "CertificateArn");
  if (arn == NULL || !ca_acm_check_arn (arn, NULL))
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                               _("ACM answered RequestCertificate without a valid certificate ARN."));
      return;
    }
  g_task_return_pointer (task, g_strdup (arn), g_free);
}

/**
 * ca_acm_client_request_certificate_async:
 * @names: the certificate's names, the first one its DomainName
 * @method: "DNS" or "EMAIL"
 * @validation_domains: (nullable): one entry per name (NULL or "" for none),
 *   for EMAIL validation only
 * @key_algorithm: (nullable): RSA_2048 (ACM's default), EC_prime256v1 or EC_secp384r1
 * @tags: (nullable) (element-type GStrv): the certificate's tags, as made by
 *   ca_acm_tags_new() and ca_acm_tags_add(); %NULL for none
 */
void
ca_acm_client_request_certificate_async (CaAcmClient         *self,
                                         const char * const  *names,
                                         const char          *method,
                                         const char * const  *validation_domains,
                                         const char          *key_algorithm,
                                         GPtrArray           *tags,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonObject) input = NULL;

  g_return_if_fail (CA_IS_ACM_CLIENT (self));
  g_return_if_fail (names != NULL && names[0] != NULL);
  g_return_if_fail (method != NULL);
  g_return_if_fail (tags_are_valid (tags));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_acm_client_request_certificate_async);
  input = build_request_input (names, method, validation_domains, key_algorithm, tags);
  ca_aws_client_call_async (self->aws, "RequestCertificate", input, CA_AWS_CALL_LIMIT_IS_QUOTA, cancellable,
                            request_cb, g_steal_pointer (&task));
}

/* Returns: (transfer full): the new certificate's ARN */
char *
ca_acm_client_request_certificate_finish (CaAcmClient   *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Operations with an empty answer
 */

static void
empty_answer_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (JsonObject) answer = NULL;
  g_autofree char *type = NULL;
  GError *error = NULL;

  answer = ca_aws_client_call_finish (CA_AWS_CLIENT (object), result, &type, &error);
  if (answer != NULL)
    g_task_return_boolean (task, TRUE);
  else if (g_strcmp0 (type, "InvalidStateException") == 0 &&
           g_task_get_source_tag (task) == ca_acm_client_resend_validation_email_async)
    {
      /* ACM's words name its state machine; say what it means for the user. */
      g_clear_error (&error);
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_AWS, "%s",
                               _("ACM sends no approval mail for this certificate any more: it no longer waits for email validation (it was issued, it failed, or its 72 hours have passed)."));
    }
  else if (g_strcmp0 (type, "ConflictException") == 0 &&
           g_task_get_source_tag (task) == ca_acm_client_migrate_to_dns_async)
    {
      g_clear_error (&error);
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_AWS, "%s",
                               _("A move to DNS validation is already under way for this certificate."));
    }
  else
    g_task_return_error (task, error);
}

static void
call_with_empty_answer (CaAcmClient         *self,
                        const char          *operation,
                        JsonObject          *input,
                        CaAwsCallFlags       flags,
                        gpointer             source_tag,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (!return_if_bad_arn (task, ca_acm_json_string (input, "CertificateArn")))
    return;
  ca_aws_client_call_async (self->aws, operation, input, flags, cancellable, empty_answer_cb, g_steal_pointer (&task));
}

/**
 * ca_acm_client_resend_validation_email_async:
 * @validation_domain: (nullable): the domain whose addresses get the mail;
 *   %NULL for @domain itself. It lasts for this one resend.
 */
void
ca_acm_client_resend_validation_email_async (CaAcmClient         *self,
                                             const char          *arn,
                                             const char          *domain,
                                             const char          *validation_domain,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr (JsonObject) input = NULL;

  g_return_if_fail (CA_IS_ACM_CLIENT (self));
  g_return_if_fail (domain != NULL);

  input = arn_input (arn != NULL ? arn : "");
  json_object_set_string_member (input, "Domain", domain);
  json_object_set_string_member (input, "ValidationDomain", validation_domain != NULL ? validation_domain : domain);
  call_with_empty_answer (self, "ResendValidationEmail", input, CA_AWS_CALL_DEFAULT,
                          ca_acm_client_resend_validation_email_async, cancellable, callback, user_data);
}

gboolean
ca_acm_client_resend_validation_email_finish (CaAcmClient   *self,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ca_acm_client_delete_certificate_async (CaAcmClient         *self,
                                        const char          *arn,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr (JsonObject) input = NULL;

  g_return_if_fail (CA_IS_ACM_CLIENT (self));

  input = arn_input (arn != NULL ? arn : "");
  call_with_empty_answer (self, "DeleteCertificate", input, CA_AWS_CALL_DEFAULT,
                          ca_acm_client_delete_certificate_async, cancellable, callback, user_data);
}

gboolean
ca_acm_client_delete_certificate_finish (CaAcmClient   *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Starts the in-place email → DNS migration (UpdateCertificateOptions). */
void
ca_acm_client_migrate_to_dns_async (CaAcmClient         *self,
                                    const char          *arn,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr (JsonObject) input = NULL;
  JsonObject *options;

  g_return_if_fail (CA_IS_ACM_CLIENT (self));

  input = arn_input (arn != NULL ? arn : "");
  options = json_object_new ();
  json_object_set_string_member (options, "ValidationMethod", "DNS");
  json_object_set_object_member (input, "Options", options);
  call_with_empty_answer (self, "UpdateCertificateOptions", input, CA_AWS_CALL_LIMIT_IS_QUOTA,
                          ca_acm_client_migrate_to_dns_async, cancellable, callback, user_data);
}

gboolean
ca_acm_client_migrate_to_dns_finish (CaAcmClient   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/*
 * GetCertificate
 */

static void
get_certificate_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (JsonObject) answer = NULL;
  GError *error = NULL;
  const char *certificate, *chain;

  answer = ca_aws_client_call_finish (CA_AWS_CLIENT (object), result, NULL, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  certificate = ca_acm_json_string (answer, "Certificate");
  chain = ca_acm_json_string (answer, "CertificateChain");
  if (certificate == NULL || strstr (certificate, "-----BEGIN CERTIFICATE-----") == NULL)
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                               _("ACM answered GetCertificate without a PEM certificate."));
      return;
    }
  g_task_return_pointer (task, g_strconcat (certificate, g_str_has_suffix (certificate, "\n") ? "" : "\n",
                                            chain != NULL ? chain : "", NULL), g_free);
}

void
ca_acm_client_get_certificate_async (CaAcmClient         *self,
                                     const char          *arn,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonObject) input = NULL;

  g_return_if_fail (CA_IS_ACM_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_acm_client_get_certificate_async);
  if (!return_if_bad_arn (task, arn))
    return;
  input = arn_input (arn);
  ca_aws_client_call_async (self->aws, "GetCertificate", input, CA_AWS_CALL_DEFAULT, cancellable,
                            get_certificate_cb, g_steal_pointer (&task));
}

/* Returns: (transfer full): the leaf's PEM followed by the chain's */
char *
ca_acm_client_get_certificate_finish (CaAcmClient   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * ListCertificateDomainValidations: the migration's progress
 */

static void domain_validations_page_cb (GObject      *object,
                                        GAsyncResult *result,
                                        gpointer      user_data);

static void
request_domain_validations_page (GTask *task)
{
  CaAcmClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);

  data->pages++;
  ca_aws_client_call_async (self->aws, "ListCertificateDomainValidations", data->input, CA_AWS_CALL_DEFAULT,
                            g_task_get_cancellable (task), domain_validations_page_cb, task);
}

static void
domain_validations_page_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr (JsonObject) answer = NULL;
  GError *error = NULL;
  gboolean more;

  answer = ca_aws_client_call_finish (CA_AWS_CLIENT (object), result, NULL, &error);
  if (answer == NULL || !collect_page (data, answer, "DomainValidationSummaryList", FALSE, &error) ||
      !next_page (data, answer, &more, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (more)
    {
      request_domain_validations_page (g_steal_pointer (&task));
      return;
    }
  g_task_return_pointer (task, g_ptr_array_ref (data->certificates), (GDestroyNotify) g_ptr_array_unref);
}

void
ca_acm_client_list_domain_validations_async (CaAcmClient         *self,
                                             const char          *arn,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  GTask *task;
  ListData *data;

  g_return_if_fail (CA_IS_ACM_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_acm_client_list_domain_validations_async);
  if (!return_if_bad_arn (task, arn))
    {
      g_object_unref (task);
      return;
    }
  data = g_new0 (ListData, 1);
  data->certificates = g_ptr_array_new_with_free_func (g_object_unref);
  data->input = arn_input (arn);
  json_object_set_int_member (data->input, "MaxItems", PAGE_SIZE);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);

  request_domain_validations_page (task);
}

/* Returns: (element-type CaAcmDomainValidation) (transfer container): the
 * requested (DNS) configuration per name, with the active method */
GPtrArray *
ca_acm_client_list_domain_validations_finish (CaAcmClient   *self,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * ListTagsForCertificate
 */

/**
 * ca_acm_tags_new:
 *
 * Tags as this client takes and gives them: a #GPtrArray of `{ key, value,
 * NULL }` string vectors, in order. ACM allows a key without a value; it comes
 * back with "" as its value.
 *
 * Returns: (transfer full) (element-type GStrv): an empty list of tags
 */
GPtrArray *
ca_acm_tags_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

/**
 * ca_acm_tags_add:
 * @tags: (element-type GStrv): from ca_acm_tags_new()
 * @value: (nullable): the value, %NULL for ""
 */
void
ca_acm_tags_add (GPtrArray  *tags,
                 const char *key,
                 const char *value)
{
  char **tag;

  g_return_if_fail (tags != NULL);
  g_return_if_fail (key != NULL);

  tag = g_new0 (char *, 3);
  tag[0] = g_strdup (key);
  tag[1] = g_strdup (value != NULL ? value : "");
  g_ptr_array_add (tags, tag);
}

static void
list_tags_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (GPtrArray) tags = NULL;
  GError *error = NULL;
  JsonArray *array;

  answer = ca_aws_client_call_finish (CA_AWS_CLIENT (object), result, NULL, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  array = ca_acm_json_array (answer, "Tags");
  if (array == NULL && json_object_has_member (answer, "Tags"))
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE, _("ACM sent a list that is not a list."));
      return;
    }
  tags = ca_acm_tags_new ();
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *key;

      if (!JSON_NODE_HOLDS_OBJECT (node) || (key = ca_acm_json_string (json_node_get_object (node), "Key")) == NULL)
        continue;
      ca_acm_tags_add (tags, key, ca_acm_json_string (json_node_get_object (node), "Value"));
    }
  g_task_return_pointer (task, g_steal_pointer (&tags), (GDestroyNotify) g_ptr_array_unref);
}

void
ca_acm_client_list_tags_async (CaAcmClient         *self,
                               const char          *arn,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonObject) input = NULL;

  g_return_if_fail (CA_IS_ACM_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_acm_client_list_tags_async);
  if (!return_if_bad_arn (task, arn))
    return;
  input = arn_input (arn);
  ca_aws_client_call_async (self->aws, "ListTagsForCertificate", input, CA_AWS_CALL_DEFAULT, cancellable,
                            list_tags_cb, g_steal_pointer (&task));
}

/* Returns: (element-type GStrv) (transfer full): the tags, see ca_acm_tags_new() */
GPtrArray *
ca_acm_client_list_tags_finish (CaAcmClient   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
