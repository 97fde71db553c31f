/* ca-credentials-sso.c: IAM Identity Center (SSO) role credentials
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCredentialsSso"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ca-aws-client-http.h"
#include "ca-credentials-private.h"
#include "ca-error.h"
#include "ca-json.h"
#include "ca-read-file.h"

#define MAX_CACHE_SIZE (64 * 1024)
#define MAX_ANSWER_SIZE CA_CREDENTIALS_MAX_SSO_ANSWER
/* The SDKs refresh a token that has less than this left. */
#define REFRESH_WINDOW (15 * G_TIME_SPAN_MINUTE)

typedef struct
{
  SoupSession *http;
  char        *profile;
  char        *account_id;
  char        *role_name;
  char        *region;
  char        *cache_path;
  char        *portal;
  char        *oidc;
  JsonObject  *token;       /* the cache file's object */
  SoupMessage *msg;         /* the exchange under way */
  gboolean     refreshable; /* sso-session profiles only: legacy tokens cannot be refreshed */
} SsoData;

static void
sso_data_free (SsoData *data)
{
  g_clear_object (&data->http);
  g_free (data->profile);
  g_free (data->account_id);
  g_free (data->role_name);
  g_free (data->region);
  g_free (data->cache_path);
  g_free (data->portal);
  g_free (data->oidc);
  g_clear_pointer (&data->token, json_object_unref);
  g_clear_object (&data->msg);
  g_free (data);
}

char *
ca_credentials_sso_cache_path (const char *key)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);
  g_autofree char *file = g_strdup_printf ("%s.json", hash);

  return g_build_filename (g_get_home_dir (), ".aws", "sso", "cache", file, NULL);
}

static const char *
token_string (JsonObject *token,
              const char *name)
{
  JsonNode *node = json_object_get_member (token, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
set_login_error (GError     **error,
                 const char  *profile)
{
  g_set_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
               _("The IAM Identity Center sign-in of the AWS profile “%s” has expired. Run “aws sso login --profile %s”, then try again."),
               profile, profile);
}

JsonObject *
ca_credentials_sso_load_token (const char  *path,
                               const char  *profile,
                               GError     **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) local_error = NULL;
  char *data = NULL;
  gsize len = 0;

  /* A FIFO or a device in the cache must neither block nor fill the memory. */
  data = ca_read_file_capped (path, MAX_CACHE_SIZE, &len, &local_error);
  if (data == NULL)
    {
      g_debug ("SSO cache not read: %s", local_error->message);
      set_login_error (error, profile);
      return NULL;
    }
  root = ca_json_parse_untrusted (data, len, MAX_CACHE_SIZE, NULL);
  ca_secret_wipe (data, len);
  g_free (data);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) || token_string (json_node_get_object (root), "accessToken") == NULL)
    {
      set_login_error (error, profile);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static GTimeSpan
token_time_left (JsonObject *token)
{
  g_autoptr (GDateTime) expires = ca_credentials_parse_time (token_string (token, "expiresAt"));
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  if (expires == NULL)
    return 0;
  return g_date_time_difference (expires, now);
}

gboolean
ca_credentials_sso_save_token (const char  *path,
                               JsonObject  *token,
                               GError     **error)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gboolean saved;

  json_node_set_object (root, token);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  saved = g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  ca_secret_wipe (text, strlen (text));
  return saved;
}

static void
save_token (SsoData *data)
{
  g_autoptr (GError) error = NULL;

  if (!ca_credentials_sso_save_token (data->cache_path, data->token, &error))
    g_debug ("The refreshed SSO token could not be saved: %s", error->message);
}

/*
 * GetRoleCredentials
 */

static CaCredentials *
parse_role_credentials (GBytes      *body,
                        const char  *profile,
                        GError     **error)
{
  g_autoptr (GDateTime) expiration = NULL;
  g_autofree char *source = NULL;
  g_autoptr (JsonNode) root = ca_json_parse_untrusted_bytes (body, MAX_ANSWER_SIZE, NULL);
  JsonObject *role;
  JsonNode *node;
  const char *key, *secret;

  /* An empty 200 answer has no root at all. */
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (node = json_object_get_member (json_node_get_object (root), "roleCredentials")) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    goto malformed;

  role = json_node_get_object (node);
  key = token_string (role, "accessKeyId");
  secret = token_string (role, "secretAccessKey");
  if (key == NULL || secret == NULL)
    goto malformed;
  node = json_object_get_member (role, "expiration");
  /* Milliseconds since the epoch, unlike every other AWS time; a value out of
   * the calendar's range would overflow the conversion. */
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_double (node) >= 0 &&
      json_node_get_double (node) < 253402300799000.0)
    expiration = g_date_time_new_from_unix_utc ((gint64) (json_node_get_double (node) / 1000.0));

  source = g_strdup_printf ("IAM Identity Center, profile %s", profile);
  return ca_credentials_new (key, secret, token_string (role, "sessionToken"), expiration, source);

malformed:
  g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
               _("IAM Identity Center sent an answer that is not role credentials."));
  return NULL;
}

static void
role_credentials_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SsoData *data = g_task_get_task_data (task);
  SoupMessage *msg = data->msg;
  g_autoptr (GBytes) body = NULL;
  GError *error = NULL;
  CaCredentials *credentials;
  guint status;

  body = ca_aws_http_send_finish (result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  status = soup_message_get_status (msg);
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      set_login_error (&error, data->profile);
      g_task_return_error (task, error);
      return;
    }
  if (status != SOUP_STATUS_OK)
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_NETWORK,
                               _("IAM Identity Center answered with HTTP status %u."), status);
      return;
    }

  credentials = parse_role_credentials (body, data->profile, &error);
  ca_secret_wipe ((gpointer) g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) ca_credentials_unref);
}

static void
fetch_role_credentials (GTask *task)
{
  SsoData *data = g_task_get_task_data (task);
  g_autofree char *account = g_uri_escape_string (data->account_id, NULL, FALSE);
  g_autofree char *role = g_uri_escape_string (data->role_name, NULL, FALSE);
  g_autofree char *base = g_strdup (data->portal);
  g_autofree char *url = NULL;
  g_autoptr (SoupMessage) msg = NULL;

  g_strchomp (base);
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  url = g_strdup_printf ("%s/federation/credentials?account_id=%s&role_name=%s", base, account, role);
  msg = soup_message_new (SOUP_METHOD_GET, url);
  if (msg == NULL)
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_INVALID_INPUT,
                               _("The IAM Identity Center endpoint “%s” is not a valid URL."), data->portal);
      g_object_unref (task);
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "x-amz-sso_bearer_token",
                                token_string (data->token, "accessToken"));
  g_set_object (&data->msg, msg);
  ca_aws_http_send_async (data->http, msg, MAX_ANSWER_SIZE, g_task_get_cancellable (task),
                          role_credentials_cb, task);
}

/*
 * Token refresh through SSO OIDC CreateToken
 */

static gboolean
apply_refreshed_token (SsoData *data,
                       GBytes  *body)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) expires = NULL;
  g_autofree char *expires_text = NULL;
  g_autoptr (JsonNode) root = ca_json_parse_untrusted_bytes (body, MAX_ANSWER_SIZE, NULL);
  JsonObject *answer;
  JsonNode *expires_in;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  answer = json_node_get_object (root);
  expires_in = json_object_get_member (answer, "expiresIn");
  if (token_string (answer, "accessToken") == NULL || expires_in == NULL || !JSON_NODE_HOLDS_VALUE (expires_in))
    return FALSE;

  expires = g_date_time_add_seconds (now, json_node_get_double (expires_in));
  json_object_set_string_member (data->token, "accessToken", token_string (answer, "accessToken"));
  expires_text = g_date_time_format (expires, "%Y-%m-%dT%H:%M:%SZ");
  json_object_set_string_member (data->token, "expiresAt", expires_text);
  if (token_string (answer, "refreshToken") != NULL)
    json_object_set_string_member (data->token, "refreshToken", token_string (answer, "refreshToken"));
  return TRUE;
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  SsoData *data = g_task_get_task_data (task);
  SoupMessage *msg = data->msg;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;

  body = ca_aws_http_send_finish (result, &error);
  if (body != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK && apply_refreshed_token (data, body))
    save_token (data);
  else
    g_debug ("The SSO token could not be refreshed (HTTP %u)", soup_message_get_status (msg));
  if (body != NULL)
    ca_secret_wipe ((gpointer) g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  /* A token that still works is used even when its refresh failed. */
  if (token_time_left (data->token) <= 0)
    {
      set_login_error (&error, data->profile);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  fetch_role_credentials (task);
}

static void
refresh_token (GTask *task)
{
  SsoData *data = g_task_get_task_data (task);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autofree char *base = g_strdup (data->oidc);
  g_autofree char *url = NULL;
  char *text;

  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  url = g_strdup_printf ("%s/token", base);
  msg = soup_message_new (SOUP_METHOD_POST, url);
  if (msg == NULL)
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_INVALID_INPUT,
                               _("The IAM Identity Center endpoint “%s” is not a valid URL."), data->oidc);
      g_object_unref (task);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "grantType");
  json_builder_add_string_value (builder, "refresh_token");
  json_builder_set_member_name (builder, "clientId");
  json_builder_add_string_value (builder, token_string (data->token, "clientId"));
  json_builder_set_member_name (builder, "clientSecret");
  json_builder_add_string_value (builder, token_string (data->token, "clientSecret"));
  json_builder_set_member_name (builder, "refreshToken");
  json_builder_add_string_value (builder, token_string (data->token, "refreshToken"));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  body = g_bytes_new_with_free_func (text, strlen (text), (GDestroyNotify) ca_secret_free, text);

  ca_aws_http_set_body (msg, "application/json", body);
  g_set_object (&data->msg, msg);
  ca_aws_http_send_async (data->http, msg, MAX_ANSWER_SIZE, g_task_get_cancellable (task), refresh_cb, task);
}

/*
 * Entry point
 */

static gboolean
read_profile (SsoData      *data,
              CaAwsConfig  *config,
              const char  **cache_key,
              GError      **error)
{
  const char *profile = data->profile;
  const char *session = ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "sso_session");
  const char *start_url;
  const char *region;

  if (session != NULL)
    {
      start_url = ca_aws_config_get (config, CA_AWS_SECTION_SSO_SESSION, session, "sso_start_url");
      region = ca_aws_config_get (config, CA_AWS_SECTION_SSO_SESSION, session, "sso_region");
      *cache_key = session;
      data->refreshable = TRUE;
    }
  else
    {
      start_url = ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "sso_start_url");
      region = ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "sso_region");
      *cache_key = start_url;
    }
  data->account_id = g_strdup (ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "sso_account_id"));
  data->role_name = g_strdup (ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "sso_role_name"));
  data->region = g_strdup (region);

  if (start_url == NULL || region == NULL || data->account_id == NULL || data->role_name == NULL)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                   _("The AWS profile “%s” lacks one of sso_start_url, sso_region, sso_account_id and sso_role_name."),
                   profile);
      return FALSE;
    }
  return TRUE;
}

void
ca_credentials_sso_fetch_async (SoupSession         *http,
                                CaAwsConfig         *config,
                                const char          *profile,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;
  const char *cache_key = NULL;
  SsoData *data;

  g_task_set_source_tag (task, ca_credentials_sso_fetch_async);
  data = g_new0 (SsoData, 1);
  data->http = g_object_ref (http);
  data->profile = g_strdup (profile);
  g_task_set_task_data (task, data, (GDestroyNotify) sso_data_free);

  if (!read_profile (data, config, &cache_key, &error) ||
      (data->portal = ca_aws_resolve_endpoint (config, profile, "sso", data->region, NULL, &error)) == NULL ||
      (data->oidc = ca_aws_resolve_endpoint (config, profile, "sso_oidc", data->region, NULL, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->cache_path = ca_credentials_sso_cache_path (cache_key);
  data->token = ca_credentials_sso_load_token (data->cache_path, profile, &error);
  if (data->token == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (token_time_left (data->token) < REFRESH_WINDOW && data->refreshable &&
      token_string (data->token, "refreshToken") != NULL && token_string (data->token, "clientId") != NULL &&
      token_string (data->token, "clientSecret") != NULL)
    refresh_token (g_steal_pointer (&task));
  else if (token_time_left (data->token) <= 0)
    {
      set_login_error (&error, profile);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    fetch_role_credentials (g_steal_pointer (&task));
}

CaCredentials *
ca_credentials_sso_fetch_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
