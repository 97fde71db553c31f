/* test-sso-login.c: the IAM Identity Center sign-in against a loopback OIDC service
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loopback service of ca-test-sso-server.c plays SSO OIDC and the
 * portal, so that the token cache the sign-in writes is checked by the
 * credential chain that reads it. Each test has its own HOME
 * (G_TEST_OPTION_ISOLATE_DIRS).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ca-credentials-private.h"
#include "ca-credentials-provider.h"
#include "ca-enums.h"
#include "ca-error.h"
#include "ca-sso-login.h"
#include "ca-test-sso-server.h"
#include "ca-test-util.h"

/*
 * Driving a sign-in
 */

static CaSsoLogin *
login_new (const char *profile)
{
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autoptr (GError) error = NULL;
  CaSsoLogin *login = ca_sso_login_new (http, NULL, profile, &error);

  g_assert_no_error (error);
  return login;
}

static gboolean
start (CaSsoLogin  *login,
       GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_sso_login_start_async (login, NULL, ca_test_store_result_cb, &result);
  return ca_sso_login_start_finish (login, ca_test_wait_for_result (&result), error);
}

static gboolean
wait_for_user (CaSsoLogin    *login,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_sso_login_wait_async (login, cancellable, ca_test_store_result_cb, &result);
  return ca_sso_login_wait_finish (login, ca_test_wait_for_result (&result), error);
}

/* Starts, then waits; returns the wait's result. */
static gboolean
sign_in (CaSsoLogin  *login,
         GError     **error)
{
  g_autoptr (GError) start_error = NULL;

  g_assert_true (start (login, &start_error));
  g_assert_no_error (start_error);
  g_assert_cmpint (ca_sso_login_get_state (login), ==, CA_SSO_LOGIN_STATE_WAITING_FOR_USER);
  return wait_for_user (login, NULL, error);
}

static void
record_state_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  g_autoptr (GEnumClass) states = g_type_class_ref (CA_TYPE_SSO_LOGIN_STATE);

  g_string_append_printf (user_data, "%s ", g_enum_get_value (states, ca_sso_login_get_state (CA_SSO_LOGIN (object)))->value_nick);
}

static JsonObject *
read_cache (const char *key)
{
  g_autofree char *path = ca_credentials_sso_cache_path (key);
  g_autoptr (JsonParser) parser = json_parser_new ();
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
assert_cache_absent (const char *key)
{
  g_autofree char *path = ca_credentials_sso_cache_path (key);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* An ISO 8601 time in UTC with a Z, about @seconds from now. */
static void
assert_time_in (JsonObject *cache,
                const char *member,
                gint64      seconds)
{
  const char *text = json_object_get_string_member (cache, member);
  g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_assert_true (g_str_has_suffix (text, "Z"));
  g_assert_nonnull (time);
  g_assert_cmpint (ABS (g_date_time_difference (time, now) / G_USEC_PER_SEC - seconds), <=, 5);
}

/*
 * Tests
 */

static void
test_happy_path (void)
{
  g_autoptr (CaTestSsoServer) fake = ca_test_sso_server_new ("pending pending token", 600);
  g_autoptr (GString) states = g_string_new (NULL);
  g_autoptr (CaSsoLogin) login = login_new ("sso");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) cache = NULL;
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autoptr (CaCredentialsProvider) provider = NULL;
  g_autoptr (CaCredentials) credentials = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  g_signal_connect (login, "notify::state", G_CALLBACK (record_state_cb), states);
  g_assert_cmpstr (ca_sso_login_get_start_url (login), ==, CA_TEST_SSO_START_URL);
  g_assert_true (start (login, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ca_sso_login_get_user_code (login), ==, CA_TEST_SSO_USER_CODE);
  g_assert_cmpstr (ca_sso_login_get_verification_uri (login), ==, CA_TEST_SSO_VERIFICATION_URI);
  g_assert_cmpstr (ca_sso_login_get_verification_uri_complete (login), ==, CA_TEST_SSO_VERIFICATION_URI "?user_code=" CA_TEST_SSO_USER_CODE);
  g_assert_nonnull (ca_sso_login_get_expires_at (login));
  g_assert_cmpuint (fake->token_calls, ==, 0);

  g_assert_true (wait_for_user (login, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (states->str, ==, "registering waiting-for-user signed-in ");
  g_assert_cmpuint (fake->register_calls, ==, 1);
  g_assert_cmpuint (fake->token_calls, ==, 3);
  /* Each poll waits the interval (1 s) after the last answer. */
  g_assert_cmpint (fake->token_times[2] - fake->token_times[1], >=, G_USEC_PER_SEC);

  /* Where and how the AWS CLI writes it. */
  cache = read_cache ("corp");
  g_assert_cmpstr (json_object_get_string_member (cache, "accessToken"), ==, CA_TEST_SSO_ACCESS_TOKEN);
  g_assert_cmpstr (json_object_get_string_member (cache, "refreshToken"), ==, CA_TEST_SSO_REFRESH_TOKEN);
  g_assert_cmpstr (json_object_get_string_member (cache, "clientId"), ==, "client-1");
  g_assert_cmpstr (json_object_get_string_member (cache, "clientSecret"), ==, CA_TEST_SSO_CLIENT_SECRET);
  g_assert_cmpstr (json_object_get_string_member (cache, "region"), ==, "eu-west-1");
  g_assert_cmpstr (json_object_get_string_member (cache, "startUrl"), ==, CA_TEST_SSO_START_URL);
  assert_time_in (cache, "expiresAt", 28800);
  assert_time_in (cache, "registrationExpiresAt", 90 * 24 * 3600);

  /* The credential chain takes the token to the portal. */
  provider = ca_credentials_provider_new (http, "sso", NULL, &error);
  g_assert_no_error (error);
  ca_credentials_provider_get_async (provider, NULL, ca_test_store_result_cb, &result);
  credentials = ca_credentials_provider_get_finish (provider, ca_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (credentials), ==, "ASIASSO");
  g_assert_cmpuint (fake->portal_calls, ==, 1);
}

/* The next sign-in reuses the registration the token cache holds. */
static void
test_registration_reused (void)
{
  g_autoptr (CaTestSsoServer) fake = ca_test_sso_server_new ("token", 600);
  g_autoptr (CaSsoLogin) login = login_new ("sso");
  g_autoptr (GError) error = NULL;

  g_assert_true (sign_in (login, &error));
  g_assert_true (sign_in (login, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake->register_calls, ==, 1);
  g_assert_cmpuint (fake->authorize_calls, ==, 2);
}

/* A revoked registration in the cache: registered again, once. */
static void
test_registration_revoked (void)
{
  g_autoptr (CaTestSsoServer) fake = ca_test_sso_server_new ("token", 600);
  g_autoptr (CaSsoLogin) login = login_new ("sso");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) cache = NULL;

  g_assert_true (sign_in (login, &error));
  fake->revoked_client = "client-1";
  g_assert_true (sign_in (login, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake->register_calls, ==, 2);
  g_assert_cmpuint (fake->authorize_calls, ==, 3);
  cache = read_cache ("corp");
  g_assert_cmpstr (json_object_get_string_member (cache, "clientId"), ==, "client-2");
}

/* A legacy profile: the cache is named after the start URL. */
static void
test_legacy_profile (void)
{
  g_autoptr (CaTestSsoServer) fake = ca_test_sso_server_new ("token", 600);
  g_autoptr (CaSsoLogin) login = login_new ("legacy");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) cache = NULL;

  fake->start_url = CA_TEST_SSO_LEGACY_START_URL;
  g_assert_true (sign_in (login, &error));
  g_assert_no_error (error);
  cache = read_cache (CA_TEST_SSO_LEGACY_START_URL);
  g_assert_cmpstr (json_object_get_string_member (cache, "startUrl"), ==, CA_TEST_SSO_LEGACY_START_URL);
  assert_cache_absent ("corp");
}

static void
test_for_session (void)
{
  G_GNUC_UNUSED g_autoptr (CaTestSsoServer) fake = ca_test_sso_server_new ("token", 600);
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CaSsoLogin) login = ca_sso_login_new_for_session (http, NULL, "corp", &error);
  g_autoptr (JsonObject) cache = NULL;

  g_assert_no_error (error);
  g_assert_true (sign_in (login, &error));
  g_assert_no_error (error);
  cache = read_cache ("corp");
}

/* slow_down adds 5 s to the interval (RFC 8628 §3.5). */
static void
test_slow_down (void)
{
  g_autoptr (CaTestSsoServer) fake = ca_test_sso_server_new ("slow_down token", 600);
  g_autoptr (CaSsoLogin) login = login_new ("sso");
  g_autoptr (GError) error = NULL;

  g_assert_true (sign_in (login, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake->token_calls, ==, 2);
  g_assert_cmpint (fake->token_times[1] - fake->token_times[0], >=, 6 * G_USEC_PER_SEC);
  g_assert_cmpint (ca_sso_login_get_state (login), ==, CA_SSO_LOGIN_STATE_SIGNED_IN);
}

/* @script's wait ends in @state with @code, within @max_seconds. */
static void
assert_wait_ends (const char      *script,
                  int              expires_in,
                  CaSsoLoginState  state,
                  GQuark           domain,
                  int              code,
                  int              max_seconds)
{
  G_GNUC_UNUSED g_autoptr (CaTestSsoServer) fake = ca_test_sso_server_new (script, expires_in);
  g_autoptr (CaSsoLogin) login = login_new ("sso");
  g_autoptr (GError) error = NULL;
  gint64 began = g_get_monotonic_time ();

  g_assert_false (sign_in (login, &error));
  g_assert_error (error, domain, code);
  g_assert_cmpint (ca_sso_login_get_state (login), ==, state);
  g_assert_cmpint (g_get_monotonic_time () - began, <, max_seconds * G_USEC_PER_SEC);
  /* Sentences, never AWS's names for the errors. */
  g_assert_null (strstr (error->message, "Exception"));
  g_assert_null (strstr (error->message, "_"));
  g_assert_null (ca_sso_login_get_user_code (login));
  assert_cache_absent ("corp");
}

/* A user who never confirms: the code's lifetime (2 s) ends the wait. */
static void
test_never_confirmed (void)
{
  assert_wait_ends ("pending", 2, CA_SSO_LOGIN_STATE_EXPIRED, CA_ERROR, CA_ERROR_TIMEOUT, 5);
}

/* A service that stops answering cannot make the wait outlive the code either. */
static void
test_service_hangs (void)
{
  assert_wait_ends ("pending hang", 2, CA_SSO_LOGIN_STATE_EXPIRED, CA_ERROR, CA_ERROR_TIMEOUT, 5);
}

static void
test_expired_token_exception (void)
{
  assert_wait_ends ("pending expired", 600, CA_SSO_LOGIN_STATE_EXPIRED, CA_ERROR, CA_ERROR_TIMEOUT, 10);
}

static void
test_denied (void)
{
  assert_wait_ends ("pending denied", 600, CA_SSO_LOGIN_STATE_DENIED, CA_ERROR, CA_ERROR_ACCESS_DENIED, 10);
}

static void
test_refused (void)
{
  assert_wait_ends ("invalid_grant", 600, CA_SSO_LOGIN_STATE_FAILED, CA_ERROR, CA_ERROR_AWS, 10);
}

static void
test_token_wrong_types (void)
{
  assert_wait_ends ("wrong_types", 600, CA_SSO_LOGIN_STATE_FAILED, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE, 10);
}

/* A short outage is polled through... */
static void
test_briefly_unavailable (void)
{
  g_autoptr (CaTestSsoServer) fake = ca_test_sso_server_new ("unavailable pending unavailable unavailable token", 600);
  g_autoptr (CaSsoLogin) login = login_new ("sso");
  g_autoptr (GError) error = NULL;

  g_assert_true (sign_in (login, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake->token_calls, ==, 5);
}

/* ...a longer one fails. */
static void
test_unavailable (void)
{
  assert_wait_ends ("unavailable", 600, CA_SSO_LOGIN_STATE_FAILED, CA_ERROR, CA_ERROR_NETWORK, 10);
}

/* Answers that are not what the operation returns: errors, never crashes. */
static void
test_malformed_answers (void)
{
  g_autofree char *huge = g_strdup_printf ("{\"clientId\":\"%0*d\"}", 200 * 1024, 0);
  const struct
  {
    const char *register_answer;
    const char *authorize_answer;
  } cases[] = {
    { "<html>Service Unavailable</html>", NULL },
    { "[\"clientId\"]", NULL },
    { "{\"clientId\":42,\"clientSecret\":{},\"clientSecretExpiresAt\":\"never\"}", NULL },
    { "{\"clientId\":\"c\",\"clientSecret\":\"s\"}", NULL },
    { huge, NULL },
    { NULL, "{\"deviceCode\":null,\"userCode\":7,\"verificationUri\":[],\"expiresIn\":600}" },
    { NULL, "{\"deviceCode\":\"d\",\"userCode\":\"U\",\"verificationUri\":\"javascript:alert(1)\",\"expiresIn\":600}" },
    { NULL, "{\"deviceCode\":\"d\",\"userCode\":\"U\",\"verificationUri\":\"http://phish.example/\",\"expiresIn\":600}" },
    { NULL, "{\"deviceCode\":\"d\",\"userCode\":\"U\",\"verificationUri\":\"" CA_TEST_SSO_VERIFICATION_URI "\",\"expiresIn\":\"600\"}" },
    { NULL, "{\"deviceCode\":\"d\",\"userCode\":\"U\",\"verificationUri\":\"" CA_TEST_SSO_VERIFICATION_URI "\"}" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CaTestSsoServer) fake = ca_test_sso_server_new ("token", 600);
      g_autoptr (CaSsoLogin) login = login_new ("sso");
      g_autoptr (GError) error = NULL;

      g_test_message ("case %u", i);
      fake->register_answer = cases[i].register_answer;
      fake->authorize_answer = cases[i].authorize_answer;
      g_assert_false (start (login, &error));
      g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
      g_assert_cmpint (ca_sso_login_get_state (login), ==, CA_SSO_LOGIN_STATE_FAILED);
      g_assert_null (ca_sso_login_get_user_code (login));
    }
}

/* Cancelling while the service is asked (hang) and between two polls (pending). */
static void
test_cancel (void)
{
  const char *scripts[] = { "pending", "hang" };

  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    {
      G_GNUC_UNUSED g_autoptr (CaTestSsoServer) fake = ca_test_sso_server_new (scripts[i], 600);
      g_autoptr (CaSsoLogin) login = login_new ("sso");
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      g_autoptr (GError) error = NULL;
      gint64 began;

      g_assert_true (start (login, &error));
      began = g_get_monotonic_time ();
      ca_test_cancel_later (cancellable, 1500);
      g_assert_false (wait_for_user (login, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpint (g_get_monotonic_time () - began, <, 3 * G_USEC_PER_SEC);
      g_assert_cmpint (ca_sso_login_get_state (login), ==, CA_SSO_LOGIN_STATE_IDLE);
      assert_cache_absent ("corp");
    }
}

static void
test_wait_before_start (void)
{
  g_autoptr (CaTestSsoServer) fake = ca_test_sso_server_new ("token", 600);
  g_autoptr (CaSsoLogin) login = login_new ("sso");
  g_autoptr (GError) error = NULL;

  g_assert_false (wait_for_user (login, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_assert_cmpuint (fake->register_calls, ==, 0);
}

static void
test_configuration_errors (void)
{
  G_GNUC_UNUSED g_autoptr (CaTestSsoServer) fake = ca_test_sso_server_new ("token", 600);
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CaSsoLogin) login = NULL;

  login = ca_sso_login_new (http, NULL, "keys", &error);
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  login = ca_sso_login_new_for_session (http, NULL, "nowhere", &error);
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Plain http only to this computer. */
  g_setenv ("AWS_ENDPOINT_URL_SSO_OIDC", "http://oidc.example.com", TRUE);
  login = ca_sso_login_new (http, NULL, "sso", &error);
  g_assert_null (login);
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
}

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);
  ca_test_sso_server_check_logs ("CaSsoLogin CaCredentialsSso CaAwsHttp");

  g_test_add_func ("/sso-login/happy-path", test_happy_path);
  g_test_add_func ("/sso-login/registration-reused", test_registration_reused);
  g_test_add_func ("/sso-login/registration-revoked", test_registration_revoked);
  g_test_add_func ("/sso-login/legacy-profile", test_legacy_profile);
  g_test_add_func ("/sso-login/for-session", test_for_session);
  g_test_add_func ("/sso-login/slow-down", test_slow_down);
  g_test_add_func ("/sso-login/never-confirmed", test_never_confirmed);
  g_test_add_func ("/sso-login/service-hangs", test_service_hangs);
  g_test_add_func ("/sso-login/expired-token", test_expired_token_exception);
  g_test_add_func ("/sso-login/denied", test_denied);
  g_test_add_func ("/sso-login/refused", test_refused);
  g_test_add_func ("/sso-login/token-wrong-types", test_token_wrong_types);
  g_test_add_func ("/sso-login/briefly-unavailable", test_briefly_unavailable);
  g_test_add_func ("/sso-login/unavailable", test_unavailable);
  g_test_add_func ("/sso-login/malformed-answers", test_malformed_answers);
  g_test_add_func ("/sso-login/cancel", test_cancel);
  g_test_add_func ("/sso-login/wait-before-start", test_wait_before_start);
  g_test_add_func ("/sso-login/configuration-errors", test_configuration_errors);

  return g_test_run ();
}
