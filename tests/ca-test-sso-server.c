/* ca-test-sso-server.c: a loopback IAM Identity Center (SSO OIDC and portal) for the tests
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on 127.0.0.1 plays SSO OIDC (RegisterClient,
 * StartDeviceAuthorization, CreateToken, answering as AWS does: the error's
 * name in X-Amzn-ErrorType, RFC 8628's in the body) and the portal
 * (GetRoleCredentials), so that the token cache a sign-in writes is checked
 * by the credential chain that reads it. The core's tests and the GUI's drive
 * the same one.
 */

#define G_LOG_DOMAIN "CaTest"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "ca-test-sso-server.h"
#include "ca-test-util.h"

#define SSO_CONFIG \
  "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin Role\nregion = us-east-1\n" \
  "[sso-session corp]\nsso_start_url = " CA_TEST_SSO_START_URL "\nsso_region = eu-west-1\n" \
  "sso_registration_scopes = sso:account:access\n" \
  "[profile legacy]\nsso_start_url = " CA_TEST_SSO_LEGACY_START_URL "\nsso_region = eu-west-1\n" \
  "sso_account_id = 123456789012\nsso_role_name = Admin Role\n" \
  "[profile keys]\nregion = eu-west-1\n"

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *error_type,
       const char        *body)
{
  if (error_type != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-Amzn-ErrorType", error_type);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static JsonObject *
request_object (SoupServerMessage *msg,
                JsonParser        *parser)
{
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
handle_register (CaTestSsoServer   *self,
                 SoupServerMessage *msg)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *input = request_object (msg, parser);
  JsonArray *scopes = json_object_get_array_member (input, "scopes");
  g_autofree char *answer = NULL;

  self->register_calls++;
  g_assert_cmpstr (json_object_get_string_member (input, "clientName"), ==, "certassist");
  g_assert_cmpstr (json_object_get_string_member (input, "clientType"), ==, "public");
  g_assert_cmpuint (json_array_get_length (scopes), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (scopes, 0), ==, "sso:account:access");

  answer = g_strdup_printf ("{\"clientId\":\"client-%u\",\"clientSecret\":\"" CA_TEST_SSO_CLIENT_SECRET "\","
                            "\"clientIdIssuedAt\":%" G_GINT64_FORMAT ",\"clientSecretExpiresAt\":%" G_GINT64_FORMAT "}",
                            self->register_calls, g_get_real_time () / G_USEC_PER_SEC,
                            g_get_real_time () / G_USEC_PER_SEC + 90 * 24 * 3600);
  reply (msg, 200, NULL, self->register_answer != NULL ? self->register_answer : answer);
}

static void
handle_authorize (CaTestSsoServer   *self,
                  SoupServerMessage *msg)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *input = request_object (msg, parser);
  g_autofree char *answer = NULL;

  self->authorize_calls++;
  g_assert_cmpstr (json_object_get_string_member (input, "startUrl"), ==, self->start_url);
  if (g_strcmp0 (json_object_get_string_member (input, "clientId"), self->revoked_client) == 0)
    {
      reply (msg, 401, "InvalidClientException:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/",
             "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client provided\"}");
      return;
    }
  g_assert_cmpstr (json_object_get_string_member (input, "clientSecret"), ==, CA_TEST_SSO_CLIENT_SECRET);

  answer = g_strdup_printf ("{\"deviceCode\":\"" CA_TEST_SSO_DEVICE_CODE "\",\"userCode\":\"" CA_TEST_SSO_USER_CODE "\","
                            "\"verificationUri\":\"" CA_TEST_SSO_VERIFICATION_URI "\","
                            "\"verificationUriComplete\":\"" CA_TEST_SSO_VERIFICATION_URI "?user_code=" CA_TEST_SSO_USER_CODE "\","
                            "\"expiresIn\":%d,\"interval\":1}", self->expires_in);
  reply (msg, 200, NULL, self->authorize_answer != NULL ? self->authorize_answer : answer);
}

/* CreateToken, as AWS answers: the error's name in the header, RFC 8628's in the body. */
static void
handle_token (CaTestSsoServer   *self,
              SoupServerMessage *msg)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *input = request_object (msg, parser);
  guint last = g_strv_length (self->token_script) - 1;
  const char *step = self->token_script[MIN (self->token_calls, last)];

  if (self->token_calls < G_N_ELEMENTS (self->token_times))
    self->token_times[self->token_calls] = g_get_monotonic_time ();
  self->token_calls++;
  g_assert_cmpstr (json_object_get_string_member (input, "grantType"), ==, "urn:ietf:params:oauth:grant-type:device_code");
  g_assert_cmpstr (json_object_get_string_member (input, "deviceCode"), ==, CA_TEST_SSO_DEVICE_CODE);
  g_assert_cmpstr (json_object_get_string_member (input, "clientSecret"), ==, CA_TEST_SSO_CLIENT_SECRET);

  if (strcmp (step, "token") == 0)
    reply (msg, 200, NULL, "{\"accessToken\":\"" CA_TEST_SSO_ACCESS_TOKEN "\",\"tokenType\":\"Bearer\",\"expiresIn\":28800,"
                           "\"refreshToken\":\"" CA_TEST_SSO_REFRESH_TOKEN "\"}");
  else if (strcmp (step, "pending") == 0)
    reply (msg, 400, "AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/",
           "{\"error\":\"authorization_pending\",\"error_description\":\"Authorization is still pending\"}");
  else if (strcmp (step, "slow_down") == 0)
    reply (msg, 400, "SlowDownException", "{\"error\":\"slow_down\",\"error_description\":\"Client is polling too quickly\"}");
  else if (strcmp (step, "expired") == 0)
    reply (msg, 400, "ExpiredTokenException", "{\"error\":\"expired_token\",\"error_description\":\"Device code expired\"}");
  else if (strcmp (step, "denied") == 0)
    reply (msg, 400, "AccessDeniedException", "{\"error\":\"access_denied\",\"error_description\":\"Access denied\"}");
  else if (strcmp (step, "invalid_grant") == 0)
    reply (msg, 400, "InvalidGrantException", "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid grant provided\"}");
  else if (strcmp (step, "unavailable") == 0)
    reply (msg, 500, "InternalServerException", "{\"error\":\"server_error\",\"error_description\":\"Internal error\"}");
  else if (strcmp (step, "wrong_types") == 0)
    reply (msg, 200, NULL, "{\"accessToken\":[\"x\"],\"expiresIn\":\"soon\"}");
  else if (strcmp (step, "hang") == 0)
    soup_server_message_pause (msg);
  else
    g_assert_not_reached ();
}

static void
handle_portal (CaTestSsoServer   *self,
               SoupServerMessage *msg,
               GHashTable        *query)
{
  const char *bearer = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "x-amz-sso_bearer_token");

  self->portal_calls++;
  g_assert_cmpstr (bearer, ==, CA_TEST_SSO_ACCESS_TOKEN);
  g_assert_cmpstr (g_hash_table_lookup (query, "role_name"), ==, "Admin Role");
  reply (msg, 200, NULL, "{\"roleCredentials\":{\"accessKeyId\":\"ASIASSO\",\"secretAccessKey\":\"sso/secret\","
                         "\"sessionToken\":\"ssotoken\",\"expiration\":1893456000000}}");
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  if (strcmp (path, "/client/register") == 0)
    handle_register (user_data, msg);
  else if (strcmp (path, "/device_authorization") == 0)
    handle_authorize (user_data, msg);
  else if (strcmp (path, "/token") == 0)
    handle_token (user_data, msg);
  else if (strcmp (path, "/federation/credentials") == 0)
    handle_portal (user_data, msg, query);
  else
    reply (msg, 404, "UnknownOperationException", "{}");
}

/**
 * ca_test_sso_server_new:
 * @script: CreateToken's answers in turn, such as "pending pending token";
 *   also "slow_down", "expired", "denied", "invalid_grant", "unavailable",
 *   "wrong_types" and "hang" (no answer)
 * @expires_in: the lifetime of the codes it hands out, in seconds
 *
 * Starts the service and points the AWS config (written into the home
 * directory), the credentials file and the OIDC and portal endpoints at it,
 * through the environment.
 */
CaTestSsoServer *
ca_test_sso_server_new (const char *script,
                        int         expires_in)
{
  CaTestSsoServer *self = g_new0 (CaTestSsoServer, 1);
  g_autofree char *config = g_build_filename (g_get_home_dir (), "aws-config", NULL);
  g_autofree char *base = NULL;

  self->token_script = g_strsplit (script, " ", -1);
  self->expires_in = expires_in;
  self->start_url = CA_TEST_SSO_START_URL;
  self->server = ca_test_server_new (handle_cb, self, &base);
  /* With a trailing slash, which the sign-in must not double. */
  self->url = g_strconcat (base, "/", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (config, SSO_CONFIG, -1, NULL));
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws/credentials", TRUE);
  g_setenv ("AWS_ENDPOINT_URL_SSO_OIDC", self->url, TRUE);
  g_setenv ("AWS_ENDPOINT_URL_SSO", self->url, TRUE);
  return self;
}

/* Takes the service out of use; libsoup 3.2 leaks a finalized server. */
void
ca_test_sso_server_free (CaTestSsoServer *self)
{
  ca_test_server_retire (self->server);
  g_strfreev (self->token_script);
  g_free (self->url);
  g_free (self);
}


/*
 * No secret in any log line
 */

static const char * const secrets[] = {
  CA_TEST_SSO_CLIENT_SECRET, CA_TEST_SSO_DEVICE_CODE, CA_TEST_SSO_ACCESS_TOKEN, CA_TEST_SSO_REFRESH_TOKEN, NULL
};

/* Whether @text holds a secret the service handed out. The user code is no
 * secret: the user compares it with the browser's. */
gboolean
ca_test_sso_server_holds_secret (const char *text)
{
  for (guint i = 0; text != NULL && secrets[i] != NULL; i++)
    {
      if (strstr (text, secrets[i]) != NULL)
        return TRUE;
    }
  return FALSE;
}

static GLogWriterOutput
check_log_writer (GLogLevelFlags   log_level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0 && ca_test_sso_server_holds_secret (fields[i].value))
        g_error ("A secret was logged (%s)", fields[i].key);
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/**
 * ca_test_sso_server_check_logs:
 * @debug_domains: the log domains whose debug lines are checked too
 *
 * Makes every log line that carries a secret fail the program. Debug lines
 * are formatted, and so checked, only when enabled; stderr keeps them out of
 * the TAP stream. Call it once, early in main().
 */
void
ca_test_sso_server_check_logs (const char *debug_domains)
{
  g_setenv ("G_MESSAGES_DEBUG", debug_domains, TRUE);
  g_log_writer_default_set_use_stderr (TRUE);
  g_log_set_writer_func (check_log_writer, NULL, NULL);
}
