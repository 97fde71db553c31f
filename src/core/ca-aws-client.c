/* ca-aws-client.c: AWS JSON 1.1 and REST-XML over HTTP, with retries and clock-skew correction
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaAwsClient"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "ca-aws-client-http.h"
#include "ca-aws-client-private.h"
#include "ca-error.h"
#include "ca-json.h"
#include "ca-safe-text.h"
#include "ca-xml.h"

#define DEFAULT_RETRY_BASE_MS 1000
#define MAX_BACKOFF_MS (20 * 1000)
#define SKEW_THRESHOLD (300 * G_TIME_SPAN_SECOND)
/* The SDKs' retry quota: a bucket of tokens that retries spend. */
#define RETRY_BUCKET_SIZE 500
#define RETRY_COST 5
#define RETRY_TIMEOUT_COST 10

struct _CaAwsClient
{
  GObject                parent_instance;

  SoupSession           *http;
  CaCredentialsProvider *credentials;
  char                  *service;
  char                  *target_prefix;
  char                  *endpoint;
  char                  *region;
  guint                  retry_base_ms;
  guint                  max_attempts;
  guint                  request_count;
  int                    retry_tokens;
  GTimeSpan              clock_offset;
  /* Tests replace the jitter and watch the backoffs (ca-aws-client-private.h). */
  CaAwsJitterFunc        jitter;
  CaAwsBackoffFunc       observe_backoff;
  gpointer               backoff_hook_data;
};

G_DEFINE_FINAL_TYPE (CaAwsClient, ca_aws_client, G_TYPE_OBJECT)

static void
ca_aws_client_finalize (GObject *object)
{
  CaAwsClient *self = (CaAwsClient *) object;

  g_clear_object (&self->http);
  g_clear_object (&self->credentials);
  g_clear_pointer (&self->service, g_free);
  g_clear_pointer (&self->target_prefix, g_free);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->region, g_free);

  G_OBJECT_CLASS (ca_aws_client_parent_class)->finalize (object);
}

static void
ca_aws_client_class_init (CaAwsClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_aws_client_finalize;
}

static void
ca_aws_client_init (CaAwsClient *self)
{
  const char *base = g_getenv ("CERTASSIST_RETRY_BASE_MS");
  const char *attempts = g_getenv ("AWS_MAX_ATTEMPTS");

  self->retry_base_ms = base != NULL ? (guint) strtoul (base, NULL, 10) : DEFAULT_RETRY_BASE_MS;
  /* Standard mode: 3 attempts in total, unless AWS_MAX_ATTEMPTS says otherwise. */
  self->max_attempts = attempts != NULL ? (guint) CLAMP (strtoul (attempts, NULL, 10), 1, 10) : CA_AWS_MAX_ATTEMPTS;
  self->retry_tokens = RETRY_BUCKET_SIZE;
}

/*
 * Error classification
 */

static const char *throttling_codes[] = {
  "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
  "TooManyRequestsException", "ProvisionedThroughputExceededException",
  "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
  "LimitExceededException", "RequestThrottled", "SlowDown", "EC2ThrottledException", NULL
};

static const char *transient_codes[] = {
  "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", NULL
};

static const char *auth_codes[] = {
  "AccessDenied", "AccessDeniedException", "UnrecognizedClient", "UnrecognizedClientException",
  "InvalidClientTokenId", "IncompleteSignature", "IncompleteSignatureException",
  "MissingAuthenticationToken", "MissingAuthenticationTokenException", "InvalidSignature",
  "InvalidSignatureException", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException",
  "AuthFailure", "NotAuthorized", "RequestExpired", "RequestTimeTooSkewed", "RequestInTheFuture", NULL
};

/* Refusals of the caller's permissions, as opposed to the keys themselves. */
static const char *permission_codes[] = {
  "AccessDenied", "AccessDeniedException", "NotAuthorized", NULL
};

static const char *skew_codes[] = {
  "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture", "InvalidSignatureException",
  "SignatureDoesNotMatch", "AuthFailure", NULL
};

static gboolean
code_in (const char  *type,
         const char **codes)
{
  return type != NULL && g_strv_contains (codes, type);
}

static gboolean
is_throttling (guint       status,
               const char *type)
{
  return status == 429 || code_in (type, throttling_codes);
}

gboolean
ca_aws_error_is_retryable (guint           status,
                           const char     *type,
                           CaAwsCallFlags  flags)
{
  if ((flags & CA_AWS_CALL_LIMIT_IS_QUOTA) && g_strcmp0 (type, "LimitExceededException") == 0)
    return FALSE;
  return status == 500 || status == 502 || status == 503 || status == 504 ||
         is_throttling (status, type) || code_in (type, transient_codes);
}

static gboolean
is_skew_error (const char *type,
               const char *message)
{
  return code_in (type, skew_codes) ||
         (message != NULL && (strstr (message, "Signature expired") != NULL ||
                              strstr (message, "Signature not yet current") != NULL));
}

/* `__type` may carry a namespace (`com.amazonaws.acm#X`) and a `:` suffix. */
static char *
clean_error_type (const char *raw)
{
  g_autofree char *copy = g_strdup (raw);
  char *colon = strchr (copy, ':');
  char *hash;

  if (colon != NULL)
    *colon = '\0';
  hash = strrchr (copy, '#');
  return g_strstrip (g_strdup (hash != NULL ? hash + 1 : copy));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * ca_aws_parse_error:
 * @type: (out): the error's short name, such as "ResourceNotFoundException", or %NULL
 * @message: (out): its message, or %NULL
 *
 * The type comes from the X-Amzn-ErrorType header, else the body's `code`,
 * else its `__type`; the message from `message` or `Message`.
 */
void
ca_aws_parse_error (SoupMessageHeaders  *headers,
                    GBytes              *body,
                    char               **type,
                    char               **message)
{
  const char *header = headers != NULL ? soup_message_headers_get_one (headers, "X-Amzn-ErrorType") : NULL;
  g_autoptr (JsonNode) root = ca_json_parse_untrusted_bytes (body, CA_AWS_MAX_RESPONSE_SIZE, NULL);
  JsonObject *object = NULL;
  const char *raw = header;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    object = json_node_get_object (root);

  if (raw == NULL)
    raw = member_string (object, "code");
  if (raw == NULL)
    raw = member_string (object, "__type");

  *type = raw != NULL ? clean_error_type (raw) : NULL;
  if (*type != NULL && **type == '\0')
    g_clear_pointer (type, g_free);
  /* Shown and logged: AWS quotes the signed request, session token included. */
  *message = ca_safe_text_redact (member_string (object, "message") != NULL ? member_string (object, "message")
                                                                            : member_string (object, "Message"));
}

/**
 * ca_aws_parse_xml_error:
 * @type: (out): the error's code, such as "InvalidChangeBatch", or %NULL
 * @message: (out): its message, redacted, or %NULL
 *
 * REST-XML services answer `ErrorResponse/Error/{Type,Code,Message}`, where
 * `Type` is only "Sender" or "Receiver"; Route 53 sends a refused change batch
 * as a root element `InvalidChangeBatch` with `Messages/Message` instead.
 */
void
ca_aws_parse_xml_error (GBytes  *body,
                        char   **type,
                        char   **message)
{
  gsize len = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  g_autoptr (CaXmlNode) root = data != NULL ? ca_xml_parse (data, len, NULL) : NULL;
  const char *code = NULL;
  g_autofree char *text = NULL;

  *type = NULL;
  *message = NULL;
  if (root == NULL)
    return;
  if (g_strcmp0 (ca_xml_node_get_name (root), "ErrorResponse") == 0)
    {
      code = ca_xml_node_find_text (root, "Error/Code");
      text = g_strdup (ca_xml_node_find_text (root, "Error/Message"));
    }
  else if (g_strcmp0 (ca_xml_node_get_name (root), "InvalidChangeBatch") == 0)
    {
      g_autoptr (GPtrArray) messages = ca_xml_node_find_all (root, "Messages/Message");
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv) lines = NULL;

      code = ca_xml_node_get_name (root);
      for (guint i = 0; i < messages->len; i++)
        g_strv_builder_add (builder, ca_xml_node_get_text (g_ptr_array_index (messages, i)));
      lines = g_strv_builder_end (builder);
      text = messages->len > 0 ? g_strjoinv ("; ", lines) : g_strdup (ca_xml_node_find_text (root, "Message"));
    }
  *type = code != NULL && *code != '\0' ? g_strdup (code) : NULL;
  /* Shown and logged: AWS may quote the signed request, session token included. */
  *message = ca_safe_text_redact (text);
}

/*
 * One call
 */

typedef struct
{
  char           *operation;
  /* REST calls (Route 53): the method and the path with its query; NULL for JSON 1.1. */
  char           *method;
  char           *path_and_query;
  GBytes         *body;
  CaAwsCallFlags  flags;
  guint           attempt;
  gboolean        skew_retried;
  int             spent_tokens;
  CaCredentials  *credentials;
  SoupMessage    *msg;
  char           *error_type;
  char           *error_message;  /* redacted */
  /* The deadline of the whole call, retries and slow answers included: it
   * cancels @cancellable, which every step of the call uses. */
  GCancellable   *cancellable;
  gulong          cancelled_id;
  GCancellable   *caller_cancellable;
  guint           deadline_seconds;
  gint64          deadline;
  guint           deadline_id;
  gboolean        timed_out;
} CallData;

static void
call_data_free (CallData *data)
{
  g_clear_handle_id (&data->deadline_id, g_source_remove);
  if (data->caller_cancellable != NULL)
    g_cancellable_disconnect (data->caller_cancellable, data->cancelled_id);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->cancellable);
  g_free (data->operation);
  g_free (data->method);
  g_free (data->path_and_query);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_pointer (&data->credentials, ca_credentials_unref);
  g_clear_object (&data->msg);
  g_free (data->error_type);
  g_free (data->error_message);
  g_free (data);
}

static void send_attempt (GTask *task);

static GDateTime *
corrected_now (CaAwsClient *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add (now, self->clock_offset);
}

/* The SDKs' rule: a server clock ≥ 5 minutes away from ours moves our offset. */
static gboolean
update_clock_offset (CaAwsClient *self,
                     SoupMessage *msg)
{
  const char *date = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Date");
  g_autoptr (GDateTime) server = NULL;
  g_autoptr (GDateTime) local = NULL;
  GTimeSpan difference;

  if (date == NULL || (server = soup_date_time_new_from_http_string (date)) == NULL)
    return FALSE;
  local = g_date_time_new_now_utc ();
  difference = g_date_time_difference (server, local);
  if (ABS (difference - self->clock_offset) < SKEW_THRESHOLD)
    return FALSE;

  g_debug ("The server’s clock is %" G_GINT64_FORMAT " s away from ours: correcting",
           difference / G_TIME_SPAN_SECOND);
  self->clock_offset = difference;
  return TRUE;
}

static gboolean
retry_after_cb (gpointer user_data)
{
  send_attempt (user_data);
  return G_SOURCE_REMOVE;
}

static double
draw_jitter (CaAwsClient *self)
{
  return self->jitter != NULL ? self->jitter (self->backoff_hook_data) : g_random_double ();
}

/* Full jitter: U(0,1) × base × 2^(attempt−1), capped. */
static gboolean
schedule_retry (GTask    *task,
                gboolean  timed_out)
{
  CaAwsClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  int cost = timed_out ? RETRY_TIMEOUT_COST : RETRY_COST;
  double backoff;
  guint delay_ms;

  if (data->attempt >= self->max_attempts || self->retry_tokens < cost || data->timed_out)
    return FALSE;
  backoff = draw_jitter (self) * self->retry_base_ms * (double) (1u << (data->attempt - 1));
  delay_ms = (guint) MIN (backoff, MAX_BACKOFF_MS);
  /* A retry that would start after the deadline is not worth waiting for. */
  if (data->deadline > 0 && g_get_monotonic_time () + (gint64) delay_ms * 1000 >= data->deadline)
    return FALSE;
  self->retry_tokens -= cost;
  data->spent_tokens += cost;

  g_debug ("%s: attempt %u failed, retrying in %u ms", data->operation, data->attempt, delay_ms);
  /* An observing test reads the schedule instead of sleeping through it. */
  if (self->observe_backoff != NULL)
    {
      self->observe_backoff (data->attempt, delay_ms, self->backoff_hook_data);
      delay_ms = 0;
    }
  g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, retry_after_cb, g_object_ref (task), NULL);
  return TRUE;
}

static CaError
error_code_for (guint           status,
                const char     *type,
                CaAwsCallFlags  flags)
{
  if ((flags & CA_AWS_CALL_LIMIT_IS_QUOTA) && g_strcmp0 (type, "LimitExceededException") == 0)
    return CA_ERROR_AWS;
  if (code_in (type, auth_codes) || status == 401 || status == 403)
    return CA_ERROR_ACCESS_DENIED;
  /* Route 53's "a change of this zone is still in progress" is a wait, as throttling is. */
  if (is_throttling (status, type) || g_strcmp0 (type, "PriorRequestNotComplete") == 0)
    return CA_ERROR_THROTTLED;
  if (status >= 500 || code_in (type, transient_codes))
    return CA_ERROR_NETWORK;
  return CA_ERROR_AWS;
}

static GError *
build_aws_error (CaAwsClient *self,
                 CallData    *data,
                 guint        status,
                 const char  *type,
                 const char  *message)
{
  CaError code = error_code_for (status, type, data->flags);
  const char *text = message != NULL && *message != '\0' ? message : "";

  switch (code)
    {
    case CA_ERROR_ACCESS_DENIED:
      /* Say what to ask for: IAM actions are named after the operations, with the
       * service's signing name as prefix ("acm:", "route53:"). */
      if (code_in (type, permission_codes))
        return g_error_new (CA_ERROR, code,
                            _("This AWS identity is not allowed to call %s. Ask your AWS administrator for the IAM permission “%s:%s”. AWS says: %s"),
                            data->operation, self->service, data->operation, text);
      return g_error_new (CA_ERROR, code,
                          _("AWS does not accept these credentials: the access key is wrong, deactivated or expired. Create new access keys in the IAM console, or choose another profile."));
    case CA_ERROR_THROTTLED:
      return g_error_new_literal (CA_ERROR, code, _("AWS is throttling the requests and the retries did not get through. Wait a little, then try again."));
    case CA_ERROR_NETWORK:
      return g_error_new (CA_ERROR, code, _("AWS could not answer (HTTP status %u). Try again later."), status);
    default:
      /* AWS's own words say why; its error name (logged above) means nothing to a reader. */
      if (*text == '\0')
        return g_error_new_literal (CA_ERROR, code, _("AWS refused the request and gave no reason."));
      return g_error_new (CA_ERROR, code, _("AWS refused the request: %s"), text);
    }
}

static void
refund_tokens (CaAwsClient *self,
               CallData    *data)
{
  self->retry_tokens = MIN (RETRY_BUCKET_SIZE, self->retry_tokens + (data->spent_tokens > 0 ? data->spent_tokens : 1));
  data->spent_tokens = 0;
}

static gboolean
is_blank (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

static void
finish_success (GTask  *task,
                GBytes *body)
{
  CaAwsClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  gsize len = 0;
  const char *text = g_bytes_get_data (body, &len);

  refund_tokens (self, data);
  /* Resend, Delete and UpdateCertificateOptions answer with an empty body. */
  if (is_blank (text, len))
    {
      g_task_return_pointer (task, json_object_new (), (GDestroyNotify) json_object_unref);
      return;
    }
  root = ca_json_parse_untrusted (text, len, CA_AWS_MAX_RESPONSE_SIZE, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("%s: %s", data->operation, error != NULL ? error->message : "not an object");
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                               _("AWS sent an answer that could not be read."));
      return;
    }
  g_task_return_pointer (task, json_object_ref (json_node_get_object (root)), (GDestroyNotify) json_object_unref);
}

static void
handle_error_answer (GTask  *task,
                     GBytes *body)
{
  CaAwsClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  SoupMessage *msg = data->msg;
  guint status = soup_message_get_status (msg);
  g_autofree char *type = NULL;
  g_autofree char *message = NULL;
  gboolean skewed;

  if (data->method != NULL)
    ca_aws_parse_xml_error (body, &type, &message);
  else
    ca_aws_parse_error (soup_message_get_response_headers (msg), body, &type, &message);
  g_debug ("%s failed: HTTP %u, %s, request id %s", data->operation, status, type != NULL ? type : "(no type)",
           soup_message_headers_get_one (soup_message_get_response_headers (msg), "x-amzn-RequestId"));

  skewed = update_clock_offset (self, msg);
  if (skewed && !data->skew_retried && is_skew_error (type, message))
    {
      /* One re-signed retry with the corrected clock; it is not a backoff attempt. */
      data->skew_retried = TRUE;
      data->attempt--;
      send_attempt (g_object_ref (task));
      return;
    }
  if (g_strcmp0 (type, "ExpiredTokenException") == 0 || g_strcmp0 (type, "ExpiredToken") == 0)
    ca_credentials_provider_invalidate (self->credentials);

  if (ca_aws_error_is_retryable (status, type, data->flags) && schedule_retry (task, FALSE))
    return;

  g_free (data->error_type);
  data->error_type = g_strdup (type);
  g_free (data->error_message);
  data->error_message = g_strdup (message);
  g_task_return_error (task, build_aws_error (self, data, status, type, message));
}

static GError *
new_deadline_error (CallData *data)
{
  if (data->credentials == NULL)
    return g_error_new (CA_ERROR, CA_ERROR_TIMEOUT,
                        g_dngettext (GETTEXT_PACKAGE, "The AWS credentials were not ready within %u second.",
                                     "The AWS credentials were not ready within %u seconds.", data->deadline_seconds),
                        data->deadline_seconds);
  return g_error_new (CA_ERROR, CA_ERROR_TIMEOUT,
                      g_dngettext (GETTEXT_PACKAGE, "AWS did not answer %s within %u second.",
                                   "AWS did not answer %s within %u seconds.", data->deadline_seconds),
                      data->operation, data->deadline_seconds);
}

static void
handle_transport_error (GTask  *task,
                        GError *error)
{
  CallData *data = g_task_get_task_data (task);
  gboolean timed_out = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && data->timed_out)
    {
      g_debug ("%s: the deadline passed during attempt %u", data->operation, data->attempt);
      g_error_free (error);
      g_task_return_error (task, new_deadline_error (data));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  /* A too large answer is not a network accident: no retry. */
  if (error->domain != CA_ERROR && schedule_retry (task, timed_out))
    {
      g_error_free (error);
      return;
    }

  g_debug ("%s failed after %u attempts: %s", data->operation, data->attempt, error->message);
  if (error->domain == CA_ERROR)
    g_task_return_error (task, error);
  else
    {
      g_task_return_new_error (task, CA_ERROR, timed_out ? CA_ERROR_TIMEOUT : CA_ERROR_NETWORK,
                               timed_out ? _("AWS did not answer in time: %s") : _("AWS could not be reached: %s"),
                               error->message);
      g_error_free (error);
    }
}

static void
attempt_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaAwsClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr (GBytes) body = NULL;
  GError *error = NULL;

  body = ca_aws_http_send_finish (result, &error);
  if (body == NULL)
    {
      handle_transport_error (task, error);
      return;
    }
  if (soup_message_get_status (data->msg) == SOUP_STATUS_OK && data->method == NULL)
    {
      update_clock_offset (self, data->msg);
      finish_success (task, body);
      return;
    }
  if (SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (data->msg)) && data->method != NULL)
    {
      update_clock_offset (self, data->msg);
      refund_tokens (self, data);
      g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
      return;
    }
  handle_error_answer (task, body);
}

/* A REST request: the endpoint's path (normally none) followed by @data's path. */
static SoupMessage *
new_rest_message (CaAwsClient *self,
                  CallData    *data)
{
  g_autofree char *base = g_strdup (self->endpoint);
  g_autofree char *url = NULL;
  SoupMessage *msg;

  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  url = g_strconcat (base, data->path_and_query, NULL);
  msg = soup_message_new (data->method, url);
  if (data->body != NULL)
    ca_aws_http_set_body (msg, "application/xml", data->body);
  return msg;
}

static SoupMessage *
new_json_message (CaAwsClient *self,
                  CallData    *data)
{
  g_autofree char *target = g_strdup_printf ("%s.%s", self->target_prefix, data->operation);
  SoupMessage *msg = soup_message_new (SOUP_METHOD_POST, self->endpoint);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Amz-Target", target);
  ca_aws_http_set_body (msg, "application/x-amz-json-1.1", data->body);
  return msg;
}

/* Takes the reference of @task. */
static void
send_attempt (GTask *task)
{
  CaAwsClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr (GDateTime) now = corrected_now (self);

  data->attempt++;
  g_clear_object (&data->msg);
  data->msg = data->method != NULL ? new_rest_message (self, data) : new_json_message (self, data);
  if (data->msg == NULL)
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_INVALID_INPUT,
                               _("The request for %s could not be made: its address is not valid."), data->operation);
      g_object_unref (task);
      return;
    }
  /* Every attempt is signed anew, with the current (corrected) time. */
  ca_aws_http_sign (data->msg, data->body, data->credentials, self->region, self->service, now);
  self->request_count++;

  ca_aws_http_send_async (self->http, data->msg, CA_AWS_MAX_RESPONSE_SIZE, data->cancellable, attempt_cb, task);
}

static void
credentials_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  CallData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->credentials = ca_credentials_provider_get_finish (CA_CREDENTIALS_PROVIDER (object), result, &error);
  /* Credentials that came too late (a slow credential_process) end the call;
   * a helper's own error says more than ours. */
  if (data->timed_out && (data->credentials != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    {
      g_clear_error (&error);
      g_task_return_error (task, new_deadline_error (data));
      g_object_unref (task);
      return;
    }
  if (data->credentials == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  send_attempt (task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  CallData *data = user_data;

  data->deadline_id = 0;
  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *own)
{
  g_cancellable_cancel (own);
}

/* The SoupSession's timeout is --timeout: it caps each read, and here the
 * whole call, so that a server that drips its answer cannot hold us. */
static void
start_deadline (CaAwsClient  *self,
                CallData     *data,
                GCancellable *caller)
{
  guint seconds = 0;

  data->cancellable = g_cancellable_new ();
  if (caller != NULL)
    {
      data->caller_cancellable = g_object_ref (caller);
      data->cancelled_id = g_cancellable_connect (caller, G_CALLBACK (caller_cancelled_cb),
                                                  data->cancellable, NULL);
    }
  g_object_get (self->http, "timeout", &seconds, NULL);
  if (seconds == 0)
    return;
  data->deadline_seconds = seconds;
  data->deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  data->deadline_id = g_timeout_add (seconds * 1000, deadline_cb, data);
}

/*
 * Public API
 */

/**
 * ca_aws_client_new:
 * @http: the one session all AWS calls share
 * @service: the signing name and endpoint prefix, such as "acm"
 * @target_prefix: the X-Amz-Target prefix, such as "CertificateManager"
 */
CaAwsClient *
ca_aws_client_new (SoupSession            *http,
                   CaCredentialsProvider  *credentials,
                   const char             *service,
                   const char             *target_prefix,
                   GError                **error)
{
  g_return_val_if_fail (CA_IS_CREDENTIALS_PROVIDER (credentials), NULL);

  if (ca_credentials_provider_get_region (credentials) == NULL)
    {
      g_set_error_literal (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                           _("No AWS region is set: use --region, set AWS_REGION, or add a region to the profile."));
      return NULL;
    }
  return ca_aws_client_new_in_region (http, credentials, ca_credentials_provider_get_region (credentials), service,
                                      target_prefix, error);
}

/**
 * ca_aws_client_new_in_region:
 * @region: the region to sign for and whose endpoint to call
 *
 * As ca_aws_client_new(), in @region whatever the provider's own: clients of
 * many regions (a scan of every region) then share one provider, so that a
 * credential_process, IAM Identity Center or an assumed role runs once.
 */
CaAwsClient *
ca_aws_client_new_in_region (SoupSession            *http,
                             CaCredentialsProvider  *credentials,
                             const char             *region,
                             const char             *service,
                             const char             *target_prefix,
                             GError                **error)
{
  g_autoptr (CaAwsClient) self = NULL;

  g_return_val_if_fail (SOUP_IS_SESSION (http), NULL);
  g_return_val_if_fail (CA_IS_CREDENTIALS_PROVIDER (credentials), NULL);
  g_return_val_if_fail (region != NULL, NULL);

  self = g_object_new (CA_TYPE_AWS_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->credentials = g_object_ref (credentials);
  self->service = g_strdup (service);
  self->target_prefix = g_strdup (target_prefix);
  self->region = g_strdup (region);
  self->endpoint = ca_aws_resolve_endpoint (ca_credentials_provider_get_config (credentials),
                                            ca_credentials_provider_get_profile (credentials), service, region, NULL,
                                            error);
  if (self->endpoint == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ca_aws_client_new_rest:
 * @endpoint_id: the service id for the endpoint override, such as "route_53"
 *   (AWS_ENDPOINT_URL_ROUTE_53, `route_53.endpoint_url` in a `[services]` section)
 * @service: the signing name and IAM prefix, such as "route53"
 * @region: the region to sign for: a global service has one, whatever the profile's
 *
 * A client for a REST API (ca_aws_client_call_rest_async()).
 */
CaAwsClient *
ca_aws_client_new_rest (SoupSession            *http,
                        CaCredentialsProvider  *credentials,
                        const char             *endpoint_id,
                        const char             *service,
                        const char             *region,
                        GError                **error)
{
  g_autoptr (CaAwsClient) self = NULL;

  g_return_val_if_fail (SOUP_IS_SESSION (http), NULL);
  g_return_val_if_fail (CA_IS_CREDENTIALS_PROVIDER (credentials), NULL);
  g_return_val_if_fail (region != NULL, NULL);

  self = g_object_new (CA_TYPE_AWS_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->credentials = g_object_ref (credentials);
  self->service = g_strdup (service);
  self->region = g_strdup (region);
  self->endpoint = ca_aws_resolve_endpoint (ca_credentials_provider_get_config (credentials),
                                            ca_credentials_provider_get_profile (credentials), endpoint_id, region,
                                            NULL, error);
  if (self->endpoint == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

SoupSession *
ca_aws_client_get_http (CaAwsClient *self)
{
  g_return_val_if_fail (CA_IS_AWS_CLIENT (self), NULL);
  return self->http;
}

CaCredentialsProvider *
ca_aws_client_get_credentials (CaAwsClient *self)
{
  g_return_val_if_fail (CA_IS_AWS_CLIENT (self), NULL);
  return self->credentials;
}

const char *
ca_aws_client_get_endpoint (CaAwsClient *self)
{
  g_return_val_if_fail (CA_IS_AWS_CLIENT (self), NULL);
  return self->endpoint;
}

const char *
ca_aws_client_get_region (CaAwsClient *self)
{
  g_return_val_if_fail (CA_IS_AWS_CLIENT (self), NULL);
  return self->region;
}

/* Tests shorten the backoff; the default is the SDKs' one second. */
void
ca_aws_client_set_retry_base_ms (CaAwsClient *self,
                                 guint        base_ms)
{
  g_return_if_fail (CA_IS_AWS_CLIENT (self));
  self->retry_base_ms = base_ms;
}

/* For tests: @jitter replaces the random factor of the backoff; @observe is told
 * each backoff computed, and the retry then goes out at once. NULL restores either. */
void
ca_aws_client_set_backoff_hooks (CaAwsClient      *self,
                                 CaAwsJitterFunc   jitter,
                                 CaAwsBackoffFunc  observe,
                                 gpointer          user_data)
{
  g_return_if_fail (CA_IS_AWS_CLIENT (self));
  self->jitter = jitter;
  self->observe_backoff = observe;
  self->backoff_hook_data = user_data;
}

/* HTTP requests sent so far, retries included. */
guint
ca_aws_client_get_request_count (CaAwsClient *self)
{
  g_return_val_if_fail (CA_IS_AWS_CLIENT (self), 0);
  return self->request_count;
}

GTimeSpan
ca_aws_client_get_clock_offset (CaAwsClient *self)
{
  g_return_val_if_fail (CA_IS_AWS_CLIENT (self), 0);
  return self->clock_offset;
}

/**
 * ca_aws_client_call_async:
 * @operation: such as "DescribeCertificate"
 * @input: (nullable): the request object; %NULL sends `{}`
 *
 * Calls @operation with up to three attempts for retryable failures, and
 * one more, re-signed, when the server's clock shows ours is off. All of it
 * ends by the deadline of the session's timeout (%CA_ERROR_TIMEOUT).
 */
void
ca_aws_client_call_async (CaAwsClient         *self,
                          const char          *operation,
                          JsonObject          *input,
                          CaAwsCallFlags       flags,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonObject) empty = NULL;
  GTask *task;
  CallData *data;
  char *text;

  g_return_if_fail (CA_IS_AWS_CLIENT (self));
  g_return_if_fail (operation != NULL);

  if (input == NULL)
    input = empty = json_object_new ();
  json_node_set_object (root, input);
  text = json_to_string (root, FALSE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_aws_client_call_async);
  data = g_new0 (CallData, 1);
  data->operation = g_strdup (operation);
  /* The same bytes are signed and sent on every attempt. */
  data->body = g_bytes_new_take (text, strlen (text));
  data->flags = flags;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  start_deadline (self, data, cancellable);

  ca_credentials_provider_get_async (self->credentials, data->cancellable, credentials_cb, task);
}

/**
 * ca_aws_client_call_finish:
 * @aws_error_type: (out) (optional): AWS's error name when AWS refused the call
 *
 * Returns: (transfer full): the answer object (empty for empty answers)
 */
JsonObject *
ca_aws_client_call_finish (CaAwsClient   *self,
                           GAsyncResult  *result,
                           char         **aws_error_type,
                           GError       **error)
{
  CallData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (aws_error_type != NULL)
    *aws_error_type = g_strdup (data->error_type);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ca_aws_client_call_rest_async:
 * @operation: the model's name, such as "ChangeResourceRecordSets", for messages
 *   and the IAM action
 * @method: "GET" or "POST"
 * @path_and_query: such as "/2013-04-01/hostedzonesbyname?dnsname=example.com",
 *   its parts already percent-encoded
 * @body: (nullable): the XML request body
 *
 * As ca_aws_client_call_async(), for a REST-XML API: the same deadline, retries,
 * clock-skew retry, credentials and signature; errors are read from XML.
 */
void
ca_aws_client_call_rest_async (CaAwsClient         *self,
                               const char          *operation,
                               const char          *method,
                               const char          *path_and_query,
                               GBytes              *body,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  CallData *data;

  g_return_if_fail (CA_IS_AWS_CLIENT (self));
  g_return_if_fail (operation != NULL && method != NULL);
  g_return_if_fail (path_and_query != NULL && *path_and_query == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_aws_client_call_rest_async);
  data = g_new0 (CallData, 1);
  data->operation = g_strdup (operation);
  data->method = g_strdup (method);
  data->path_and_query = g_strdup (path_and_query);
  data->body = body != NULL ? g_bytes_ref (body) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  start_deadline (self, data, cancellable);

  ca_credentials_provider_get_async (self->credentials, data->cancellable, credentials_cb, task);
}

/**
 * ca_aws_client_call_rest_finish:
 * @aws_error_type: (out) (optional): AWS's error code when AWS refused the call
 * @aws_error_message: (out) (optional): and its message, redacted
 *
 * Returns: (transfer full): the answer's body, at most %CA_AWS_MAX_RESPONSE_SIZE bytes
 */
GBytes *
ca_aws_client_call_rest_finish (CaAwsClient   *self,
                                GAsyncResult  *result,
                                char         **aws_error_type,
                                char         **aws_error_message,
                                GError       **error)
{
  CallData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (aws_error_type != NULL)
    *aws_error_type = g_strdup (data->error_type);
  if (aws_error_message != NULL)
    *aws_error_message = g_strdup (data->error_message);

  return g_task_propagate_pointer (G_TASK (result), error);
}
