/* ca-sso-login.c: signing in to IAM Identity Center as `aws sso login` does
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The OAuth device authorization grant (RFC 8628) through AWS's SSO OIDC
 * service, in the AWS CLI's steps: RegisterClient, StartDeviceAuthorization,
 * then CreateToken every `interval` seconds until the user has confirmed the
 * code in the browser. start_async() ends when the code is known, so that the
 * GUI can show it and open the page when the user asks; wait_async() polls,
 * never longer than the code lives, and writes the token where the AWS CLI
 * and ca-credentials-sso.c read it: one sign-in serves both.
 */

#define G_LOG_DOMAIN "CaSsoLogin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ca-acm-json-private.h"
#include "ca-aws-client-http.h"
#include "ca-aws-client.h"
#include "ca-credentials-private.h"
#include "ca-enums.h"
#include "ca-error.h"
#include "ca-json.h"
#include "ca-sso-login.h"
#include "ca-util.h"

#define CLIENT_NAME "certassist"
/* What `aws configure sso` proposes for sso_registration_scopes; it brings a refresh token. */
#define DEFAULT_SCOPES "sso:account:access"
#define DEVICE_CODE_GRANT "urn:ietf:params:oauth:grant-type:device_code"
/* RFC 8628 §3.2 and §3.5: the interval when none is given, and what slow_down adds. */
#define DEFAULT_INTERVAL 5
#define SLOW_DOWN_DELAY 5
/* Numbers from the network are kept sane: AWS's codes live 10 minutes. */
#define MAX_INTERVAL 60
#define MAX_CODE_LIFETIME 3600
#define MAX_TOKEN_LIFETIME (366 * 24 * 3600)
/* botocore registers again when less than this is left of a registration. */
#define REGISTRATION_WINDOW (15 * G_TIME_SPAN_MINUTE)

struct _CaSsoLogin
{
  GObject          parent_instance;

  SoupSession     *http;
  char            *start_url;
  char            *region;
  char           **scopes;
  char            *oidc;        /* the endpoint, without a trailing slash */
  char            *cache_path;

  CaSsoLoginState  state;
  gboolean         busy;        /* a start or a wait is under way */
  char            *user_code;
  char            *verification_uri;
  char            *verification_uri_complete;
  GDateTime       *expires_at;
  gint64           deadline;    /* expires_at on the monotonic clock, which does not jump */
  guint            interval;    /* seconds between two CreateToken calls */

  /* Secrets, wiped when dropped. */
  char            *client_id;
  char            *client_secret;
  GDateTime       *registration_expires_at;
  gboolean         registration_reused;
  char            *device_code;
};

G_DEFINE_FINAL_TYPE (CaSsoLogin, ca_sso_login, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_START_URL,
  PROP_USER_CODE,
  PROP_VERIFICATION_URI,
  PROP_VERIFICATION_URI_COMPLETE,
  PROP_EXPIRES_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A JsonObject that holds secrets: json-glib frees strings without wiping them. */
typedef JsonObject SecretObject;

static void
secret_object_free (SecretObject *object)
{
  static const char *names[] = {
    "accessToken", "refreshToken", "idToken", "clientSecret", "deviceCode", NULL
  };

  for (guint i = 0; names[i] != NULL; i++)
    {
      char *value = (char *) ca_acm_json_string (object, names[i]);

      if (value != NULL)
        ca_secret_wipe (value, strlen (value));
    }
  json_object_unref (object);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecretObject, secret_object_free)

/*
 * Auxiliary methods
 */

static void
set_state (CaSsoLogin      *self,
           CaSsoLoginState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
publish_code (CaSsoLogin *self,
              const char *user_code,
              const char *verification_uri,
              const char *verification_uri_complete,
              GDateTime  *expires_at)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  if (ca_set_str (&self->user_code, user_code))
    g_object_notify_by_pspec (object, properties[PROP_USER_CODE]);
  if (ca_set_str (&self->verification_uri, verification_uri))
    g_object_notify_by_pspec (object, properties[PROP_VERIFICATION_URI]);
  if (ca_set_str (&self->verification_uri_complete, verification_uri_complete))
    g_object_notify_by_pspec (object, properties[PROP_VERIFICATION_URI_COMPLETE]);
  if (self->expires_at != NULL || expires_at != NULL)
    {
      g_clear_pointer (&self->expires_at, g_date_time_unref);
      self->expires_at = expires_at != NULL ? g_date_time_ref (expires_at) : NULL;
      g_object_notify_by_pspec (object, properties[PROP_EXPIRES_AT]);
    }
  g_object_thaw_notify (object);
}

/* A code is used once: a new start or the end of a wait drops it. */
static void
forget_code (CaSsoLogin *self)
{
  g_clear_pointer (&self->device_code, ca_secret_free);
  publish_code (self, NULL, NULL, NULL, NULL);
}

static void
forget_registration (CaSsoLogin *self)
{
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, ca_secret_free);
  g_clear_pointer (&self->registration_expires_at, g_date_time_unref);
  self->registration_reused = FALSE;
}

static void
set_registration (CaSsoLogin *self,
                  const char *client_id,
                  const char *client_secret,
                  GDateTime  *expires_at,
                  gboolean    reused)
{
  forget_registration (self);
  self->client_id = g_strdup (client_id);
  self->client_secret = g_strdup (client_secret);
  self->registration_expires_at = g_date_time_ref (expires_at);
  self->registration_reused = reused;
}

/* The token cache keeps the registration it was made with (the AWS CLI reads it
 * to refresh the token): reusing it spares a RegisterClient per sign-in, as the
 * AWS CLI's own registration cache does. Only for the same start URL and region. */
static gboolean
reuse_registration (CaSsoLogin *self)
{
  g_autoptr (SecretObject) token = ca_credentials_sso_load_token (self->cache_path, "", NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) expires = NULL;
  const char *client_id, *client_secret;

  if (token == NULL || g_strcmp0 (ca_acm_json_string (token, "startUrl"), self->start_url) != 0 ||
      g_strcmp0 (ca_acm_json_string (token, "region"), self->region) != 0)
    return FALSE;
  client_id = ca_acm_json_string (token, "clientId");
  client_secret = ca_acm_json_string (token, "clientSecret");
  expires = ca_credentials_parse_time (ca_acm_json_string (token, "registrationExpiresAt"));
  if (client_id == NULL || client_secret == NULL || expires == NULL ||
      g_date_time_difference (expires, now) < REGISTRATION_WINDOW)
    return FALSE;

  set_registration (self, client_id, client_secret, expires, TRUE);
  return TRUE;
}

/* Seconds from the network, within [1, @max]; @fallback when absent, -1 when not a number. */
static gint64
read_seconds (JsonObject *object,
              const char *name,
              gint64      fallback,
              gint64      max)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;
  double value;

  if (node == NULL)
    return fallback;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return -1;
  value = json_node_get_double (node);
  if (!isfinite (value))
    return -1;
  return (gint64) CLAMP (value, 1.0, (double) max);
}

/* The GUI opens this page on a click: only https, or http on this computer. */
static gboolean
is_web_page (const char *uri)
{
  return uri != NULL && ca_aws_check_endpoint (uri, NULL);
}

static void
set_malformed_error (GError **error)
{
  g_set_error_literal (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                       _("IAM Identity Center sent an answer that the sign-in cannot use."));
}

/* One step at a time: returns %NULL, the task answered, while another runs. */
static GTask *
begin_step (CaSsoLogin          *self,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* The state says what happened; a late cancel must not contradict it. */
  g_task_set_check_cancellable (task, FALSE);
  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("A sign-in to IAM Identity Center is already under way."));
      return NULL;
    }
  self->busy = TRUE;
  return g_steal_pointer (&task);
}

/*
 * One call to the OIDC service: unsigned JSON over HTTP, the answer capped
 */

typedef struct
{
  SoupMessage *msg;
  char        *error_type;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_clear_object (&exchange->msg);
  g_free (exchange->error_type);
  g_free (exchange);
}

/* The bodies carry the client secret and the device code: wiped once sent. */
static GBytes *
build_body (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  char *text = json_to_string (root, FALSE);

  return g_bytes_new_with_free_func (text, strlen (text), (GDestroyNotify) ca_secret_free, text);
}

static SecretObject *
parse_answer (GBytes  *body,
              GError **error)
{
  /* An empty body is refused too: json-glib parses it to no root at all. */
  g_autoptr (JsonNode) root = ca_json_parse_untrusted_bytes (body, CA_CREDENTIALS_MAX_SSO_ANSWER, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_malformed_error (error);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* AWS's own error name decides what happens next; it is logged, never shown. */
static GError *
describe_refusal (Exchange *exchange,
                  guint     status,
                  GBytes   *body)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (exchange->msg);
  const char *request_id = soup_message_headers_get_one (headers, "x-amzn-RequestId");
  g_autofree char *message = NULL;

  ca_aws_parse_error (headers, body, &exchange->error_type, &message);
  g_debug ("%s: HTTP %u, %s (request %s)", g_uri_get_path (soup_message_get_uri (exchange->msg)), status,
           exchange->error_type != NULL ? exchange->error_type : "no error type",
           request_id != NULL ? request_id : "unknown");

  if (ca_aws_error_is_retryable (status, exchange->error_type, CA_AWS_CALL_DEFAULT))
    return g_error_new_literal (CA_ERROR, CA_ERROR_NETWORK,
                                _("IAM Identity Center is busy or unavailable. Try again in a few minutes."));
  return g_error_new (CA_ERROR, CA_ERROR_AWS,
                      _("IAM Identity Center refused the sign-in (HTTP status %u). Start it again; if that fails too, ask your AWS administrator."),
                      status);
}

static void
oidc_call_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  SecretObject *answer = NULL;
  guint status;

  body = ca_aws_http_send_finish (result, &error);
  if (body == NULL)
    {
      /* Our own errors (a body over the cap) are sentences already. */
      if (error->domain != CA_ERROR && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* Translators: the network library's reason follows. */
        g_prefix_error (&error, _("IAM Identity Center could not be reached: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (exchange->msg);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    answer = parse_answer (body, &error);
  else
    error = describe_refusal (exchange, status, body);
  ca_secret_wipe ((gpointer) g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  if (answer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, answer, (GDestroyNotify) secret_object_free);
}

static void
oidc_call_async (CaSsoLogin          *self,
                 const char          *path,
                 JsonBuilder         *input,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *url = g_strconcat (self->oidc, path, NULL);
  g_autoptr (GBytes) body = build_body (input);
  Exchange *exchange = g_new0 (Exchange, 1);

  g_task_set_source_tag (task, oidc_call_async);
  g_task_set_task_data (task, exchange, (GDestroyNotify) exchange_free);
  exchange->msg = soup_message_new (SOUP_METHOD_POST, url);
  if (exchange->msg == NULL)
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_INVALID_INPUT,
                               _("The IAM Identity Center endpoint “%s” is not a valid URL."), self->oidc);
      return;
    }
  ca_aws_http_set_body (exchange->msg, "application/json", body);
  ca_aws_http_send_async (self->http, exchange->msg, CA_CREDENTIALS_MAX_SSO_ANSWER, cancellable,
                          oidc_call_cb, g_steal_pointer (&task));
}

/* @error_type: (out): AWS's error name when the service refused, else %NULL */
static SecretObject *
oidc_call_finish (GAsyncResult  *result,
                  char         **error_type,
                  GError       **error)
{
  Exchange *exchange = g_task_get_task_data (G_TASK (result));

  *error_type = g_steal_pointer (&exchange->error_type);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Start: RegisterClient, then StartDeviceAuthorization
 */

static void
fail_start (GTask  *task,
            GError *error)
{
  CaSsoLogin *self = g_task_get_source_object (task);

  self->busy = FALSE;
  set_state (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? CA_SSO_LOGIN_STATE_IDLE
                                                                             : CA_SSO_LOGIN_STATE_FAILED);
  g_task_return_error (task, error);
}

static void register_client (GTask *task);

/* RFC 8628 §3.2; verificationUriComplete is optional there. */
static gboolean
take_authorization (CaSsoLogin  *self,
                    JsonObject  *answer,
                    GError     **error)
{
  const char *device_code = ca_acm_json_string (answer, "deviceCode");
  const char *user_code = ca_acm_json_string (answer, "userCode");
  const char *uri = ca_acm_json_string (answer, "verificationUri");
  const char *uri_complete = ca_acm_json_string (answer, "verificationUriComplete");
  gint64 lifetime = read_seconds (answer, "expiresIn", -1, MAX_CODE_LIFETIME);
  gint64 interval = read_seconds (answer, "interval", DEFAULT_INTERVAL, MAX_INTERVAL);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) expires_at = NULL;

  if (device_code == NULL || user_code == NULL || *user_code == '\0' || !is_web_page (uri) ||
      (uri_complete != NULL && !is_web_page (uri_complete)) || lifetime < 0 || interval < 0)
    {
      set_malformed_error (error);
      return FALSE;
    }
  self->device_code = g_strdup (device_code);
  self->interval = (guint) interval;
  self->deadline = g_get_monotonic_time () + lifetime * G_USEC_PER_SEC;
  expires_at = g_date_time_add_seconds (now, (double) lifetime);
  publish_code (self, user_code, uri, uri_complete, expires_at);
  return TRUE;
}

static gboolean
is_client_refused (const char *error_type)
{
  return g_strcmp0 (error_type, "InvalidClientException") == 0 ||
         g_strcmp0 (error_type, "UnauthorizedClientException") == 0;
}

static void
authorize_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaSsoLogin *self = g_task_get_source_object (task);
  g_autofree char *error_type = NULL;
  GError *error = NULL;
  g_autoptr (SecretObject) answer = oidc_call_finish (result, &error_type, &error);

  if (answer == NULL && self->registration_reused && is_client_refused (error_type))
    {
      /* The cached registration was revoked: make a new one, once. */
      g_clear_error (&error);
      forget_registration (self);
      register_client (task);
      return;
    }
  if (answer == NULL || !take_authorization (self, answer, &error))
    {
      fail_start (task, error);
      return;
    }
  self->busy = FALSE;
  set_state (self, CA_SSO_LOGIN_STATE_WAITING_FOR_USER);
  g_task_return_boolean (task, TRUE);
}

static void
authorize (GTask *task)
{
  CaSsoLogin *self = g_task_get_source_object (task);
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  ca_json_add_string_or_null (builder, "clientId", self->client_id);
  ca_json_add_string_or_null (builder, "clientSecret", self->client_secret);
  ca_json_add_string_or_null (builder, "startUrl", self->start_url);
  json_builder_end_object (builder);
  oidc_call_async (self, "/device_authorization", builder, g_task_get_cancellable (task),
                   authorize_cb, g_object_ref (task));
}

static void
register_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaSsoLogin *self = g_task_get_source_object (task);
  g_autofree char *error_type = NULL;
  GError *error = NULL;
  g_autoptr (SecretObject) answer = oidc_call_finish (result, &error_type, &error);
  g_autoptr (GDateTime) expires_at = NULL;

  if (answer == NULL)
    {
      fail_start (task, error);
      return;
    }
  /* Epoch seconds, like ACM's times. */
  expires_at = ca_acm_json_time (answer, "clientSecretExpiresAt");
  if (ca_acm_json_string (answer, "clientId") == NULL || ca_acm_json_string (answer, "clientSecret") == NULL ||
      expires_at == NULL)
    {
      set_malformed_error (&error);
      fail_start (task, error);
      return;
    }
  set_registration (self, ca_acm_json_string (answer, "clientId"), ca_acm_json_string (answer, "clientSecret"),
                    expires_at, FALSE);
  authorize (task);
}

static void
register_client (GTask *task)
{
  CaSsoLogin *self = g_task_get_source_object (task);
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  ca_json_add_string_or_null (builder, "clientName", CLIENT_NAME);
  ca_json_add_string_or_null (builder, "clientType", "public");
  ca_json_add_strv (builder, "scopes", (const char * const *) self->scopes);
  json_builder_end_object (builder);
  oidc_call_async (self, "/client/register", builder, g_task_get_cancellable (task),
                   register_cb, g_object_ref (task));
}

/*
 * Wait: CreateToken every interval until the user confirms, or the code expires
 */

typedef struct
{
  GCancellable *cancellable;  /* ours: the caller's cancels it, and so does the deadline */
  GCancellable *outer;
  gulong        outer_id;
  GSource      *deadline;
  GSource      *pause;        /* between two CreateToken calls */
  guint         failures;     /* transient ones in a row */
  gboolean      expired;
} WaitData;

static void
destroy_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
wait_data_free (WaitData *data)
{
  if (data->outer != NULL)
    g_cancellable_disconnect (data->outer, data->outer_id);
  g_clear_object (&data->outer);
  destroy_source (&data->deadline);
  destroy_source (&data->pause);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static void
outer_cancelled_cb (GCancellable *outer,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* Cancels what is under way when the code expires: a server that never
 * answers cannot make the wait outlive the code. */
static gboolean
deadline_cb (gpointer user_data)
{
  WaitData *data = user_data;

  data->expired = TRUE;
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static void
end_wait (GTask           *task,
          CaSsoLoginState  state,
          GError          *error)
{
  CaSsoLogin *self = g_task_get_source_object (task);
  WaitData *data = g_task_get_task_data (task);

  destroy_source (&data->deadline);
  self->busy = FALSE;
  forget_code (self);
  set_state (self, state);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The service's word, or the deadline's, turned into a state and a sentence. */
static void
fail_wait (GTask      *task,
           const char *error_type,
           GError     *error)
{
  WaitData *data = g_task_get_task_data (task);

  if (data->expired || g_strcmp0 (error_type, "ExpiredTokenException") == 0)
    {
      g_clear_error (&error);
      g_set_error_literal (&error, CA_ERROR, CA_ERROR_TIMEOUT,
                           _("The sign-in code expired before it was confirmed in the browser. Start the sign-in again."));
      end_wait (task, CA_SSO_LOGIN_STATE_EXPIRED, error);
    }
  else if (g_strcmp0 (error_type, "AccessDeniedException") == 0)
    {
      g_clear_error (&error);
      g_set_error_literal (&error, CA_ERROR, CA_ERROR_ACCESS_DENIED,
                           _("The sign-in to IAM Identity Center was denied. Start it again and allow the access, or ask your AWS administrator."));
      end_wait (task, CA_SSO_LOGIN_STATE_DENIED, error);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    end_wait (task, CA_SSO_LOGIN_STATE_IDLE, error);
  else
    end_wait (task, CA_SSO_LOGIN_STATE_FAILED, error);
}

static void create_token (GTask *task);

static gboolean
poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  WaitData *data = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_pointer (&data->pause, g_source_unref);
  if (g_cancellable_set_error_if_cancelled (data->cancellable, &error))
    fail_wait (task, NULL, error);
  else
    create_token (task);
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (GTask *task)
{
  CaSsoLogin *self = g_task_get_source_object (task);
  WaitData *data = g_task_get_task_data (task);
  GSource *cancelled = g_cancellable_source_new (data->cancellable);

  g_assert (data->pause == NULL);
  data->pause = g_timeout_source_new (self->interval * 1000);
  /* A cancelled wait (by the caller or the deadline) ends the pause at once. */
  g_source_set_dummy_callback (cancelled);
  g_source_add_child_source (data->pause, cancelled);
  g_source_unref (cancelled);
  g_source_set_callback (data->pause, poll_cb, g_object_ref (task), g_object_unref);
  g_source_attach (data->pause, g_task_get_context (task));
}

/* A short outage or throttling is waited out like a pending answer, a few times in a row. */
static gboolean
is_transient (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  return error->domain != CA_ERROR || error->code == CA_ERROR_NETWORK;
}

/* The token cache as the AWS CLI writes it, so that it and the app share one sign-in. */
static SecretObject *
build_token_cache (CaSsoLogin  *self,
                   JsonObject  *answer,
                   GError     **error)
{
  const char *access_token = ca_acm_json_string (answer, "accessToken");
  const char *refresh_token = ca_acm_json_string (answer, "refreshToken");
  gint64 lifetime = read_seconds (answer, "expiresIn", -1, MAX_TOKEN_LIFETIME);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) expires_at = NULL;
  g_autofree char *expires_text = NULL;
  g_autofree char *registration_text = ca_acm_format_time (self->registration_expires_at);
  JsonObject *token;

  if (access_token == NULL || lifetime < 0)
    {
      set_malformed_error (error);
      return NULL;
    }
  expires_at = g_date_time_add_seconds (now, (double) lifetime);
  expires_text = ca_acm_format_time (expires_at);

  token = json_object_new ();
  json_object_set_string_member (token, "startUrl", self->start_url);
  json_object_set_string_member (token, "region", self->region);
  json_object_set_string_member (token, "accessToken", access_token);
  json_object_set_string_member (token, "expiresAt", expires_text);
  if (refresh_token != NULL)
    json_object_set_string_member (token, "refreshToken", refresh_token);
  json_object_set_string_member (token, "clientId", self->client_id);
  json_object_set_string_member (token, "clientSecret", self->client_secret);
  json_object_set_string_member (token, "registrationExpiresAt", registration_text);
  return token;
}

static gboolean
save_token_cache (CaSsoLogin  *self,
                  JsonObject  *answer,
                  GError     **error)
{
  g_autoptr (SecretObject) token = build_token_cache (self, answer, error);
  g_autofree char *dir = g_path_get_dirname (self->cache_path);

  if (token == NULL)
    return FALSE;
  /* As private as the AWS CLI makes it; a failure shows in the save's error. */
  g_mkdir_with_parents (dir, 0700);
  if (ca_credentials_sso_save_token (self->cache_path, token, error))
    return TRUE;
  /* Translators: the file system's reason follows. */
  g_prefix_error (error, _("The sign-in worked, but its token could not be saved: "));
  return FALSE;
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaSsoLogin *self = g_task_get_source_object (task);
  WaitData *data = g_task_get_task_data (task);
  g_autofree char *error_type = NULL;
  GError *error = NULL;
  g_autoptr (SecretObject) answer = oidc_call_finish (result, &error_type, &error);

  if (answer != NULL && save_token_cache (self, answer, &error))
    end_wait (task, CA_SSO_LOGIN_STATE_SIGNED_IN, NULL);
  else if (answer != NULL)
    end_wait (task, CA_SSO_LOGIN_STATE_FAILED, error);
  else if (g_strcmp0 (error_type, "AuthorizationPendingException") == 0 ||
           g_strcmp0 (error_type, "SlowDownException") == 0)
    {
      g_clear_error (&error);
      if (g_strcmp0 (error_type, "SlowDownException") == 0)
        self->interval += SLOW_DOWN_DELAY;
      data->failures = 0;
      schedule_poll (task);
    }
  else if (is_transient (error) && ++data->failures < CA_AWS_MAX_ATTEMPTS)
    {
      g_debug ("CreateToken failed (%u in a row), polling on: %s", data->failures, error->message);
      g_clear_error (&error);
      schedule_poll (task);
    }
  else
    fail_wait (task, error_type, error);
}

static void
create_token (GTask *task)
{
  CaSsoLogin *self = g_task_get_source_object (task);
  WaitData *data = g_task_get_task_data (task);
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  ca_json_add_string_or_null (builder, "grantType", DEVICE_CODE_GRANT);
  ca_json_add_string_or_null (builder, "deviceCode", self->device_code);
  ca_json_add_string_or_null (builder, "clientId", self->client_id);
  ca_json_add_string_or_null (builder, "clientSecret", self->client_secret);
  json_builder_end_object (builder);
  oidc_call_async (self, "/token", builder, data->cancellable, token_cb, g_object_ref (task));
}

static void
arm_deadline (GTask        *task,
              GCancellable *cancellable)
{
  CaSsoLogin *self = g_task_get_source_object (task);
  WaitData *data = g_new0 (WaitData, 1);
  gint64 left_ms = MAX (0, (self->deadline - g_get_monotonic_time ()) / 1000);

  g_task_set_task_data (task, data, (GDestroyNotify) wait_data_free);
  data->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      data->outer = g_object_ref (cancellable);
      data->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                              g_object_ref (data->cancellable), g_object_unref);
    }
  data->deadline = g_timeout_source_new ((guint) MIN (left_ms, G_MAXUINT));
  g_source_set_callback (data->deadline, deadline_cb, data, NULL);
  g_source_attach (data->deadline, g_task_get_context (task));
}

/*
 * Reading the AWS config
 */

static char **
split_scopes (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

/* An sso-session section, or a legacy profile that holds the keys itself. */
static gboolean
read_settings (CaSsoLogin        *self,
               CaAwsConfig       *config,
               CaAwsSectionKind   kind,
               const char        *section,
               GError           **error)
{
  const char *scopes = ca_aws_config_get (config, kind, section, "sso_registration_scopes");

  self->start_url = g_strdup (ca_aws_config_get (config, kind, section, "sso_start_url"));
  self->region = g_strdup (ca_aws_config_get (config, kind, section, "sso_region"));
  self->scopes = split_scopes (scopes != NULL ? scopes : DEFAULT_SCOPES);
  if (self->start_url != NULL && self->region != NULL)
    return TRUE;

  if (kind == CA_AWS_SECTION_SSO_SESSION)
    g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                 _("The IAM Identity Center session “%s” of the AWS config lacks sso_start_url or sso_region."),
                 section);
  else
    g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                 _("The AWS profile “%s” does not sign in through IAM Identity Center: it has neither sso_session nor sso_start_url and sso_region."),
                 section);
  return FALSE;
}

/* @config: (nullable): read now when %NULL; @profile: (nullable): its
 * sso_session, else its legacy keys, and its endpoint settings; @session:
 * (nullable): the sso-session to sign in to */
static CaSsoLogin *
create (SoupSession  *http,
        CaAwsConfig  *config,
        const char   *profile,
        const char   *session,
        GError      **error)
{
  g_autoptr (CaSsoLogin) self = g_object_new (CA_TYPE_SSO_LOGIN, NULL);
  g_autoptr (CaAwsConfig) loaded = NULL;
  gsize len;

  if (config == NULL && (config = loaded = ca_aws_config_load (error)) == NULL)
    return NULL;
  if (session == NULL)
    session = ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "sso_session");
  self->http = g_object_ref (http);
  if (!read_settings (self, config, session != NULL ? CA_AWS_SECTION_SSO_SESSION : CA_AWS_SECTION_PROFILE,
                      session != NULL ? session : profile, error))
    return NULL;
  /* AWS_ENDPOINT_URL_SSO_OIDC and the other overrides, as for the portal ("sso"). */
  self->oidc = ca_aws_resolve_endpoint (config, profile, "sso_oidc", self->region, NULL, error);
  if (self->oidc == NULL)
    return NULL;
  len = strlen (self->oidc);
  while (len > 0 && self->oidc[len - 1] == '/')
    self->oidc[--len] = '\0';
  /* The AWS CLI's key: the session's name, or a legacy profile's start URL. */
  self->cache_path = ca_credentials_sso_cache_path (session != NULL ? session : self->start_url);
  return g_steal_pointer (&self);
}

/*
 * Overrides
 */

static void
ca_sso_login_finalize (GObject *object)
{
  CaSsoLogin *self = (CaSsoLogin *) object;

  forget_registration (self);
  g_clear_pointer (&self->device_code, ca_secret_free);
  g_clear_object (&self->http);
  g_clear_pointer (&self->start_url, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->scopes, g_strfreev);
  g_clear_pointer (&self->oidc, g_free);
  g_clear_pointer (&self->cache_path, g_free);
  g_clear_pointer (&self->user_code, g_free);
  g_clear_pointer (&self->verification_uri, g_free);
  g_clear_pointer (&self->verification_uri_complete, g_free);
  g_clear_pointer (&self->expires_at, g_date_time_unref);

  G_OBJECT_CLASS (ca_sso_login_parent_class)->finalize (object);
}

static void
ca_sso_login_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CaSsoLogin *self = CA_SSO_LOGIN (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_START_URL:
      g_value_set_string (value, self->start_url);
      break;
    case PROP_USER_CODE:
      g_value_set_string (value, self->user_code);
      break;
    case PROP_VERIFICATION_URI:
      g_value_set_string (value, self->verification_uri);
      break;
    case PROP_VERIFICATION_URI_COMPLETE:
      g_value_set_string (value, self->verification_uri_complete);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_boxed (value, self->expires_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_sso_login_class_init (CaSsoLoginClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_sso_login_finalize;
  object_class->get_property = ca_sso_login_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CA_TYPE_SSO_LOGIN_STATE, CA_SSO_LOGIN_STATE_IDLE, flags);
  properties[PROP_START_URL] = g_param_spec_string ("start-url", NULL, NULL, NULL, flags);
  /* The code the user compares on the verification page; not a secret. */
  properties[PROP_USER_CODE] = g_param_spec_string ("user-code", NULL, NULL, NULL, flags);
  properties[PROP_VERIFICATION_URI] = g_param_spec_string ("verification-uri", NULL, NULL, NULL, flags);
  properties[PROP_VERIFICATION_URI_COMPLETE] =
    g_param_spec_string ("verification-uri-complete", NULL, NULL, NULL, flags);
  properties[PROP_EXPIRES_AT] = g_param_spec_boxed ("expires-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_sso_login_init (CaSsoLogin *self)
{
  self->interval = DEFAULT_INTERVAL;
}

/*
 * Public API
 */

/**
 * ca_sso_login_new:
 * @config: (nullable): the AWS files, or %NULL to read them now
 * @profile: a profile with `sso_session`, or the legacy `sso_start_url` and `sso_region`
 *
 * Returns: (transfer full): a sign-in in state %CA_SSO_LOGIN_STATE_IDLE, or
 *   %NULL when the profile does not name an IAM Identity Center
 */
CaSsoLogin *
ca_sso_login_new (SoupSession  *http,
                  CaAwsConfig  *config,
                  const char   *profile,
                  GError      **error)
{
  g_return_val_if_fail (SOUP_IS_SESSION (http), NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  return create (http, config, profile, NULL, error);
}

/**
 * ca_sso_login_new_for_session:
 * @config: (nullable): the AWS files, or %NULL to read them now
 * @sso_session: the name of an `[sso-session]` section
 */
CaSsoLogin *
ca_sso_login_new_for_session (SoupSession  *http,
                              CaAwsConfig  *config,
                              const char   *sso_session,
                              GError      **error)
{
  g_return_val_if_fail (SOUP_IS_SESSION (http), NULL);
  g_return_val_if_fail (sso_session != NULL, NULL);

  return create (http, config, NULL, sso_session, error);
}

CaSsoLoginState
ca_sso_login_get_state (CaSsoLogin *self)
{
  g_return_val_if_fail (CA_IS_SSO_LOGIN (self), CA_SSO_LOGIN_STATE_IDLE);
  return self->state;
}

const char *
ca_sso_login_get_start_url (CaSsoLogin *self)
{
  g_return_val_if_fail (CA_IS_SSO_LOGIN (self), NULL);
  return self->start_url;
}

const char *
ca_sso_login_get_user_code (CaSsoLogin *self)
{
  g_return_val_if_fail (CA_IS_SSO_LOGIN (self), NULL);
  return self->user_code;
}

const char *
ca_sso_login_get_verification_uri (CaSsoLogin *self)
{
  g_return_val_if_fail (CA_IS_SSO_LOGIN (self), NULL);
  return self->verification_uri;
}

/* The page with the code filled in; %NULL if the service sent none. */
const char *
ca_sso_login_get_verification_uri_complete (CaSsoLogin *self)
{
  g_return_val_if_fail (CA_IS_SSO_LOGIN (self), NULL);
  return self->verification_uri_complete;
}

GDateTime *
ca_sso_login_get_expires_at (CaSsoLogin *self)
{
  g_return_val_if_fail (CA_IS_SSO_LOGIN (self), NULL);
  return self->expires_at;
}

/**
 * ca_sso_login_start_async:
 *
 * Registers the app with the OIDC service (or reuses the registration the token
 * cache holds) and asks for a code: the state goes REGISTERING, then
 * WAITING_FOR_USER with #CaSsoLogin:user-code and the verification URIs set.
 * Nothing is opened: the caller shows the code and opens the page on the
 * user's click, then calls ca_sso_login_wait_async().
 */
void
ca_sso_login_start_async (CaSsoLogin          *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (CA_IS_SSO_LOGIN (self));

  task = begin_step (self, ca_sso_login_start_async, cancellable, callback, user_data);
  if (task == NULL)
    return;
  forget_code (self);
  set_state (self, CA_SSO_LOGIN_STATE_REGISTERING);
  if (reuse_registration (self))
    authorize (task);
  else
    register_client (task);
}

gboolean
ca_sso_login_start_finish (CaSsoLogin    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ca_sso_login_wait_async:
 *
 * Polls until the user has confirmed the code, then writes the token cache;
 * never longer than the code lives (#CaSsoLogin:expires-at). Ends in
 * SIGNED_IN, EXPIRED, DENIED or FAILED, or IDLE when cancelled.
 */
void
ca_sso_login_wait_async (CaSsoLogin          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (CA_IS_SSO_LOGIN (self));

  task = begin_step (self, ca_sso_login_wait_async, cancellable, callback, user_data);
  if (task == NULL)
    return;
  if (self->state != CA_SSO_LOGIN_STATE_WAITING_FOR_USER)
    {
      self->busy = FALSE;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("There is no sign-in code to wait for: start the sign-in first."));
      return;
    }
  arm_deadline (task, cancellable);
  schedule_poll (task);
}

/**
 * ca_sso_login_wait_finish:
 *
 * Returns: %TRUE when signed in; else %FALSE with @error: %CA_ERROR_TIMEOUT
 *   (expired), %CA_ERROR_ACCESS_DENIED (denied), %G_IO_ERROR_CANCELLED, or
 *   another failure, each worded for the user
 */
gboolean
ca_sso_login_wait_finish (CaSsoLogin    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
