/* test-credentials.c: the AWS credential chain with temporary HOMEs and loopback servers
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every source of the chain: the environment, both files and their syntax,
 * credential_process, IAM Identity Center (token cache, portal, OIDC refresh on
 * a loopback SoupServer) and STS AssumeRole (a loopback SoupServer checking
 * the SigV4 signature). Each test has its own HOME (G_TEST_OPTION_ISOLATE_DIRS).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ca-acm-client.h"
#include "ca-aws-config.h"
#include "ca-credentials-private.h"
#include "ca-credentials-provider.h"
#include "ca-error.h"
#include "ca-fake-acm.h"
#include "ca-fake-sigv4.h"
#include "ca-test-util.h"

static const char *aws_variables[] = {
  "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ACM",
  "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
  NULL
};

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static char *
script_path (void)
{
  return data_path ("credential-process.sh");
}

static void
clear_aws_variables (void)
{
  for (guint i = 0; aws_variables[i] != NULL; i++)
    g_unsetenv (aws_variables[i]);
}

/* A clean environment with the given files (NULL: files that do not exist). */
static void
use_files (const char *config_data,
           const char *credentials_data)
{
  g_autofree char *config = g_build_filename (g_get_home_dir (), "aws-config", NULL);
  g_autofree char *credentials = g_build_filename (g_get_home_dir (), "aws-credentials", NULL);

  clear_aws_variables ();
  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (config, config_data != NULL ? config_data : "", -1, NULL));
  g_assert_true (g_file_set_contents (credentials, credentials_data != NULL ? credentials_data : "", -1, NULL));
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", credentials, TRUE);
}

static void
use_data_files (void)
{
  g_autofree char *config = data_path ("aws-config");
  g_autofree char *credentials = data_path ("aws-credentials");

  clear_aws_variables ();
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", credentials, TRUE);
}

static CaCredentials *
get_credentials (CaCredentialsProvider  *provider,
                 GError                **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_credentials_provider_get_async (provider, NULL, ca_test_store_result_cb, &result);
  return ca_credentials_provider_get_finish (provider, ca_test_wait_for_result (&result), error);
}

static CaCredentials *
resolve (const char  *profile,
         GError     **error)
{
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autoptr (CaCredentialsProvider) provider = ca_credentials_provider_new (http, profile, NULL, error);

  if (provider == NULL)
    return NULL;
  return get_credentials (provider, error);
}

/*
 * Environment and files
 */

static void
test_env_keys (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;

  use_files (NULL, NULL);
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENV", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "env/secret+key", TRUE);
  g_setenv ("AWS_SESSION_TOKEN", "envtoken", TRUE);
  credentials = resolve (NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (credentials), ==, "AKIDENV");
  g_assert_cmpstr (ca_credentials_get_secret_access_key (credentials), ==, "env/secret+key");
  g_assert_cmpstr (ca_credentials_get_session_token (credentials), ==, "envtoken");
  g_assert_cmpstr (ca_credentials_get_source (credentials), ==, "environment");
}

static void
test_env_legacy_token_preferred (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;

  use_files (NULL, NULL);
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENV", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "s", TRUE);
  g_setenv ("AWS_SESSION_TOKEN", "new", TRUE);
  g_setenv ("AWS_SECURITY_TOKEN", "legacy", TRUE);
  credentials = resolve (NULL, &error);

  g_assert_cmpstr (ca_credentials_get_session_token (credentials), ==, "legacy");
}

static void
test_env_key_without_secret (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;

  use_files (NULL, "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file\n");
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENV", TRUE);
  credentials = resolve (NULL, &error);

  g_assert_null (credentials);
  g_assert_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS);
}

/* AWS_PROFILE does not beat keys in the environment; --profile does. */
static void
test_explicit_profile_skips_env (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) from_env = NULL;
  g_autoptr (CaCredentials) from_file = NULL;

  use_data_files ();
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENV", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "s", TRUE);
  g_setenv ("AWS_PROFILE", "both", TRUE);
  from_env = resolve (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (from_env), ==, "AKIDENV");

  from_file = resolve ("both", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (from_file), ==, "AKIDFILEBOTH");
}

static void
test_files_default_and_profiles (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) default_credentials = NULL;
  g_autoptr (CaCredentials) dev = NULL;
  g_autoptr (CaCredentials) both = NULL;
  g_autoptr (CaCredentials) bare = NULL;
  g_autoptr (CaCredentials) half = NULL;

  use_data_files ();
  default_credentials = resolve (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (default_credentials), ==, "AKIDFILEDEFAULT");
  g_assert_cmpstr (ca_credentials_get_secret_access_key (default_credentials), ==, "file/default+secret");
  g_assert_null (ca_credentials_get_session_token (default_credentials));

  /* Keys in the config file count too, after the credentials file. */
  g_setenv ("AWS_PROFILE", "dev", TRUE);
  dev = resolve (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (dev), ==, "AKIDCONFIGDEV");

  /* Same profile in both files: the credentials file wins. */
  both = resolve ("both", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (both), ==, "AKIDFILEBOTH");
  g_assert_cmpstr (ca_credentials_get_session_token (both), ==, "file-both-token");

  /* [bare] in the config file is no profile. */
  bare = resolve ("bare", &error);
  g_assert_null (bare);
  g_assert_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS);
  g_clear_error (&error);

  half = resolve ("half", &error);
  g_assert_null (half);
  g_assert_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS);
}

static void
test_no_credentials_at_all (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;

  use_files ("[profile other]\nregion = us-east-1\n", NULL);
  credentials = resolve (NULL, &error);
  g_assert_null (credentials);
  g_assert_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS);
  g_assert_cmpint (ca_error_to_exit_status (error), ==, 4);
}

/* The default paths under ~/.aws, and `~` in the variables. */
static void
test_default_paths_and_tilde (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;
  g_autoptr (CaCredentials) tilde = NULL;
  g_autofree char *dir = g_build_filename (g_get_home_dir (), ".aws", NULL);
  g_autofree char *path = g_build_filename (dir, "credentials", NULL);
  g_autofree char *other = g_build_filename (g_get_home_dir (), "elsewhere", NULL);

  clear_aws_variables ();
  g_unsetenv ("AWS_CONFIG_FILE");
  g_unsetenv ("AWS_SHARED_CREDENTIALS_FILE");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "[default]\naws_access_key_id=AKIDHOME\naws_secret_access_key=home\n", -1, NULL));
  credentials = resolve (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (credentials), ==, "AKIDHOME");

  g_assert_true (g_file_set_contents (other, "[default]\naws_access_key_id=AKIDTILDE\naws_secret_access_key=t\n", -1, NULL));
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere", TRUE);
  tilde = resolve (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (tilde), ==, "AKIDTILDE");
}

static void
test_parser_shapes (void)
{
  g_autoptr (CaAwsConfig) config = ca_aws_config_new_from_data (
    "[default]\nregion = eu-west-1\n"
    "[profile default]\nregion = eu-west-3\n"
    "  ; indented comment\n"
    "[profile multi]\nrole_arn = arn:aws:iam::123456789012:role/demo\nnote = first\n  second line\n"
    "[services s]\nacm =\n  endpoint_url = http://127.0.0.1:1\n  other = x\nsts=\n\tendpoint_url=http://127.0.0.1:2\n"
    "[profile commented]\nregion = us-east-2 # trailing\n",
    NULL);
  g_auto (GStrv) profiles = ca_aws_config_list_profiles (config);

  /* [profile default] beats [default]. */
  g_assert_cmpstr (ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, "default", "region"), ==, "eu-west-3");
  g_assert_cmpstr (ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, "multi", "note"), ==, "first\nsecond line");
  g_assert_cmpstr (ca_aws_config_get (config, CA_AWS_SECTION_SERVICES, "s", "acm.endpoint_url"), ==, "http://127.0.0.1:1");
  g_assert_cmpstr (ca_aws_config_get (config, CA_AWS_SECTION_SERVICES, "s", "acm.other"), ==, "x");
  g_assert_cmpstr (ca_aws_config_get (config, CA_AWS_SECTION_SERVICES, "s", "sts.endpoint_url"), ==, "http://127.0.0.1:2");
  g_assert_cmpstr (ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, "commented", "region"), ==, "us-east-2");
  g_assert_cmpuint (ca_aws_config_get_warnings (config)->len, ==, 1);
  g_assert_cmpuint (g_strv_length (profiles), ==, 3);
  g_assert_cmpstr (profiles[0], ==, "commented");
  g_assert_cmpstr (profiles[1], ==, "default");
  g_assert_cmpstr (profiles[2], ==, "multi");
}

static void
test_region_order (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autoptr (CaCredentialsProvider) from_profile = NULL;
  g_autoptr (CaCredentialsProvider) from_default_region = NULL;
  g_autoptr (CaCredentialsProvider) from_region = NULL;
  g_autoptr (CaCredentialsProvider) from_option = NULL;

  use_data_files ();
  from_profile = ca_credentials_provider_new (http, "dev", NULL, &error);
  g_assert_cmpstr (ca_credentials_provider_get_region (from_profile), ==, "us-west-2");
  g_setenv ("AWS_DEFAULT_REGION", "sa-east-1", TRUE);
  from_default_region = ca_credentials_provider_new (http, "dev", NULL, &error);
  g_assert_cmpstr (ca_credentials_provider_get_region (from_default_region), ==, "sa-east-1");
  g_setenv ("AWS_REGION", "af-south-1", TRUE);
  from_region = ca_credentials_provider_new (http, "dev", NULL, &error);
  g_assert_cmpstr (ca_credentials_provider_get_region (from_region), ==, "af-south-1");
  from_option = ca_credentials_provider_new (http, "dev", "me-south-1", &error);
  g_assert_cmpstr (ca_credentials_provider_get_region (from_option), ==, "me-south-1");
  g_assert_no_error (error);
}

static char *
endpoint_for (const char *profile,
              const char *service)
{
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentialsProvider) provider = ca_credentials_provider_new (http, profile, NULL, &error);
  char *endpoint;

  g_assert_no_error (error);
  endpoint = ca_credentials_provider_resolve_endpoint (provider, service, &error);
  g_assert_no_error (error);
  return endpoint;
}

static void
test_endpoint_order (void)
{
  g_autofree char *profile_endpoint = NULL;
  g_autofree char *services_acm = NULL;
  g_autofree char *services_sts = NULL;
  g_autofree char *public_sso = NULL;
  g_autofree char *global = NULL;
  g_autofree char *acm_env = NULL;
  g_autofree char *ignored = NULL;
  g_autofree char *default_endpoint = NULL;

  use_data_files ();
  default_endpoint = endpoint_for (NULL, "acm");
  g_assert_cmpstr (default_endpoint, ==, "https://acm.eu-west-1.amazonaws.com");
  profile_endpoint = endpoint_for ("plain-endpoint", "acm");
  g_assert_cmpstr (profile_endpoint, ==, "http://localhost:9000");
  services_acm = endpoint_for ("local", "acm");
  g_assert_cmpstr (services_acm, ==, "http://127.0.0.1:8443");
  services_sts = endpoint_for ("local", "sts");
  g_assert_cmpstr (services_sts, ==, "http://127.0.0.1:8444");
  /* No `sso` in the services section: the profile's endpoint_url. */
  public_sso = endpoint_for ("local", "sso");
  g_assert_cmpstr (public_sso, ==, "https://profile-endpoint.example.com");

  g_setenv ("AWS_ENDPOINT_URL", "http://127.0.0.1:7000", TRUE);
  global = endpoint_for ("local", "acm");
  g_assert_cmpstr (global, ==, "http://127.0.0.1:7000");
  g_setenv ("AWS_ENDPOINT_URL_ACM", "http://127.0.0.1:7001", TRUE);
  acm_env = endpoint_for ("local", "acm");
  g_assert_cmpstr (acm_env, ==, "http://127.0.0.1:7001");

  g_setenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", TRUE);
  ignored = endpoint_for ("local", "acm");
  g_assert_cmpstr (ignored, ==, "https://acm.us-east-1.amazonaws.com");
}

static void
test_endpoint_http_refused (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (ca_aws_check_endpoint ("http://127.0.0.5:1", NULL));
  g_assert_true (ca_aws_check_endpoint ("http://localhost", NULL));
  g_assert_true (ca_aws_check_endpoint ("https://acm.example.com", NULL));
  g_assert_false (ca_aws_check_endpoint ("http://192.0.2.1:80", &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (ca_aws_check_endpoint ("ftp://127.0.0.1", &error));
  g_clear_error (&error);
  g_assert_false (ca_aws_check_endpoint ("not a url", &error));
}

/*
 * credential_process
 */

static CaCredentials *
resolve_process (const char  *arguments,
                 GError     **error)
{
  g_autofree char *script = script_path ();
  g_autofree char *config = g_strdup_printf ("[profile p]\ncredential_process = \"%s\" %s\n", script, arguments);

  use_files (config, NULL);
  return resolve ("p", error);
}

static void
test_process_ok (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = resolve_process ("ok", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (credentials), ==, "AKIDPROCESS");
  g_assert_cmpstr (ca_credentials_get_secret_access_key (credentials), ==, "process/secret+key");
  g_assert_cmpstr (ca_credentials_get_session_token (credentials), ==, "processtoken");
  g_assert_null (ca_credentials_get_expiration (credentials));
}

/* Shell quoting splits the words, but no shell runs: `;` is just a character. */
static void
test_process_without_shell (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *marker = g_build_filename (g_get_home_dir (), "marker", NULL);
  g_autofree char *arguments = g_strdup_printf ("echo-arg 'AKID;touch %s'", marker);
  g_autoptr (CaCredentials) credentials = resolve_process (arguments, &error);
  g_autofree char *expected = g_strdup_printf ("AKID;touch %s", marker);

  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (credentials), ==, expected);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
}

/* In the Flatpak sandbox a helper of the host cannot start: the message says
 * so and what to use instead, not just "not found". */
static void
test_process_in_sandbox (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) outside = NULL;
  g_autofree char *marker = g_build_filename (g_get_home_dir (), "flatpak-info", NULL);
  g_autoptr (CaCredentials) credentials = NULL;
  g_autoptr (CaCredentials) credentials_outside = NULL;

  use_files ("[profile p]\ncredential_process = /nonexistent/aws-helper\n", NULL);
  credentials_outside = resolve ("p", &outside);
  g_assert_error (outside, CA_ERROR, CA_ERROR_NO_CREDENTIALS);
  g_assert_null (strstr (outside->message, "Flatpak"));

  g_assert_true (g_file_set_contents (marker, "[Application]\n", -1, NULL));
  ca_credentials_process_set_sandbox_marker (marker);
  credentials = resolve ("p", &error);
  ca_credentials_process_set_sandbox_marker (NULL);
  g_assert_null (credentials);
  g_assert_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "Flatpak sandbox"));
  g_assert_nonnull (strstr (error->message, "IAM Identity Center"));
}

static void
test_process_failures (void)
{
  const char *modes[] = { "fail", "v2", "garbage", "unknown-mode", "flood" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CaCredentials) credentials = resolve_process (modes[i], &error);

      g_assert_null (credentials);
      g_assert_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS);
      /* What the helper printed on stderr stays out of the message. */
      g_assert_null (strstr (error->message, "process/secret"));
    }
}

static void
test_process_parse_output (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = ca_credentials_parse_process_output (
    "{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"B\",\"Expiration\":\"2030-05-06T07:08:09+00:00\"}", 94, "p", &error);
  g_autofree char *when = NULL;

  g_assert_no_error (error);
  when = g_date_time_format_iso8601 (ca_credentials_get_expiration (credentials));
  g_assert_cmpstr (when, ==, "2030-05-06T07:08:09Z");
}

static int
count_runs (const char *path)
{
  g_autofree char *text = NULL;
  int runs = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p++)
    runs += *p == '\n';
  return runs;
}

/* Temporary credentials are fetched again shortly before they expire. */
static void
test_expired_credentials_refreshed (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autoptr (CaCredentialsProvider) short_lived = NULL;
  g_autoptr (CaCredentialsProvider) long_lived = NULL;
  g_autofree char *script = script_path ();
  g_autofree char *counter = g_build_filename (g_get_home_dir (), "runs", NULL);
  g_autofree char *long_counter = g_build_filename (g_get_home_dir (), "long-runs", NULL);
  g_autofree char *config = g_strdup_printf ("[profile short]\ncredential_process = %s count %s 60\n"
                                             "[profile long]\ncredential_process = %s count %s 7200\n",
                                             script, counter, script, long_counter);

  use_files (config, NULL);
  short_lived = ca_credentials_provider_new (http, "short", NULL, &error);
  long_lived = ca_credentials_provider_new (http, "long", NULL, &error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (CaCredentials) a = get_credentials (short_lived, &error);
      g_autoptr (CaCredentials) b = get_credentials (long_lived, &error);

      g_assert_no_error (error);
      g_assert_nonnull (ca_credentials_get_expiration (a));
      g_assert_cmpstr (ca_credentials_get_access_key_id (b), ==, "AKIDCOUNT");
    }
  g_assert_cmpint (count_runs (counter), ==, 3);
  g_assert_cmpint (count_runs (long_counter), ==, 1);
}

/* Callers asking at the same time share one run of the helper. */
static void
test_concurrent_callers_share_one_run (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autoptr (CaCredentialsProvider) provider = NULL;
  g_autofree char *script = script_path ();
  g_autofree char *counter = g_build_filename (g_get_home_dir (), "runs", NULL);
  g_autofree char *config = g_strdup_printf ("[profile p]\ncredential_process = %s count %s 3600\n", script, counter);
  GAsyncResult *results[3] = { NULL, NULL, NULL };

  use_files (config, NULL);
  provider = ca_credentials_provider_new (http, "p", NULL, &error);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    ca_credentials_provider_get_async (provider, NULL, ca_test_store_result_cb, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr (CaCredentials) credentials = NULL;

      credentials = ca_credentials_provider_get_finish (provider, ca_test_wait_for_result (&results[i]), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (ca_credentials_get_access_key_id (credentials), ==, "AKIDCOUNT");
      g_clear_object (&results[i]);
    }
  g_assert_cmpint (count_runs (counter), ==, 1);
}

/*
 * Loopback STS and IAM Identity Center
 */

typedef struct
{
  SoupServer *server;
  char       *url;
  guint       sts_calls;
  guint       portal_calls;
  guint       oidc_calls;
  const char *expected_key;     /* STS: the source credentials */
  const char *expected_secret;
  const char *expected_bearer;  /* portal */
  gboolean    sts_denies;
  char       *last_form;
} Servers;

static gboolean
sts_signature_ok (Servers           *servers,
                  SoupServerMessage *msg,
                  GBytes            *body)
{
  g_autoptr (GError) error = NULL;

  /* botocore decides, not the product's signer (tests/fake-acm/ca-fake-sigv4.c). */
  if (ca_fake_sigv4_verify (msg, body, servers->expected_key, servers->expected_secret, "us-east-1", "sts", &error))
    return TRUE;
  g_test_message ("fake STS: %s", error->message);
  return FALSE;
}

static void
handle_sts (Servers           *servers,
            SoupServerMessage *msg)
{
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *answer;

  servers->sts_calls++;
  g_free (servers->last_form);
  servers->last_form = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  if (servers->sts_denies || !sts_signature_ok (servers, msg, body))
    {
      answer = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
               "<Code>AccessDenied</Code><Message>User is not authorized to perform: sts:AssumeRole</Message></Error>"
               "<RequestId>r</RequestId></ErrorResponse>";
      soup_server_message_set_status (msg, 403, NULL);
    }
  else
    {
      answer = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
               "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/demo/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>"
               "<Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>role/secret+key</SecretAccessKey>"
               "<SessionToken>roletoken</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>"
               "</AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>";
      soup_server_message_set_status (msg, 200, NULL);
    }
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_COPY, answer, strlen (answer));
}

static void
handle_portal (Servers           *servers,
               SoupServerMessage *msg,
               GHashTable        *query)
{
  const char *bearer = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "x-amz-sso_bearer_token");
  const char *answer = "{\"roleCredentials\":{\"accessKeyId\":\"ASIASSO\",\"secretAccessKey\":\"sso/secret\","
                       "\"sessionToken\":\"ssotoken\",\"expiration\":1893456000000}}";

  servers->portal_calls++;
  if (g_strcmp0 (bearer, servers->expected_bearer) != 0 || query == NULL ||
      g_strcmp0 (g_hash_table_lookup (query, "account_id"), "123456789012") != 0 ||
      g_strcmp0 (g_hash_table_lookup (query, "role_name"), "Admin Role") != 0)
    {
      answer = "{\"message\":\"Session token not found or invalid\",\"__type\":\"com.amazonaws.switchboard.portal#UnauthorizedException\"}";
      soup_server_message_set_status (msg, 401, NULL);
    }
  else
    soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, answer, strlen (answer));
}

static void
handle_oidc (Servers           *servers,
             SoupServerMessage *msg)
{
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *input;
  const char *answer = "{\"accessToken\":\"refreshed-token\",\"expiresIn\":3600,\"refreshToken\":\"next-refresh\",\"tokenType\":\"Bearer\"}";

  servers->oidc_calls++;
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
  input = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (input, "grantType"), ==, "refresh_token");
  g_assert_cmpstr (json_object_get_string_member (input, "clientId"), ==, "client-id");
  g_assert_cmpstr (json_object_get_string_member (input, "clientSecret"), ==, "client-secret");
  g_assert_cmpstr (json_object_get_string_member (input, "refreshToken"), ==, "refresh-1");
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, answer, strlen (answer));
}

static void
servers_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  if (strcmp (path, "/federation/credentials") == 0)
    handle_portal (user_data, msg, query);
  else if (strcmp (path, "/token") == 0)
    handle_oidc (user_data, msg);
  else
    handle_sts (user_data, msg);
}

static Servers *
servers_start (void)
{
  Servers *servers = g_new0 (Servers, 1);

  servers->server = ca_test_server_new (servers_cb, servers, &servers->url);
  return servers;
}

static void
servers_free (Servers *servers)
{
  ca_test_server_retire (servers->server);
  g_free (servers->url);
  g_free (servers->last_form);
  g_free (servers);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Servers, servers_free)

/* Loopback servers, with use_files (@config, @credentials) and the chain's STS and SSO pointed at them. */
static Servers *
servers_for (const char *config,
             const char *credentials)
{
  Servers *servers = servers_start ();

  use_files (config, credentials);
  g_setenv ("AWS_ENDPOINT_URL_STS", servers->url, TRUE);
  g_setenv ("AWS_ENDPOINT_URL_SSO", servers->url, TRUE);
  g_setenv ("AWS_ENDPOINT_URL_SSO_OIDC", servers->url, TRUE);
  return servers;
}

#define ROLE_CONFIG \
  "[profile base]\nregion = us-east-1\n" \
  "[profile role]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/demo\nsource_profile = base\n" \
  "role_session_name = tests\nexternal_id = ext-42\n" \
  "[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/other\nsource_profile = role\nregion = us-east-1\n" \
  "[profile loop-a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = loop-b\n" \
  "[profile loop-b]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = loop-a\n" \
  "[profile from-env]\nrole_arn = arn:aws:iam::123456789012:role/e\ncredential_source = Environment\nregion = us-east-1\n"
#define ROLE_CREDENTIALS "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base/secret+key\n"

/* Servers for ROLE_CONFIG whose STS accepts what the [base] keys signed. */
static Servers *
role_servers (void)
{
  Servers *servers = servers_for (ROLE_CONFIG, ROLE_CREDENTIALS);

  servers->expected_key = "AKIDBASE";
  servers->expected_secret = "base/secret+key";
  return servers;
}

static void
test_assume_role (void)
{
  g_autoptr (Servers) servers = role_servers ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;
  g_autofree char *expiration = NULL;

  credentials = resolve ("role", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (servers->sts_calls, ==, 1);
  g_assert_cmpstr (ca_credentials_get_access_key_id (credentials), ==, "ASIAROLE");
  g_assert_cmpstr (ca_credentials_get_secret_access_key (credentials), ==, "role/secret+key");
  g_assert_cmpstr (ca_credentials_get_session_token (credentials), ==, "roletoken");
  expiration = g_date_time_format_iso8601 (ca_credentials_get_expiration (credentials));
  g_assert_cmpstr (expiration, ==, "2030-01-01T00:00:00Z");
  g_assert_true (g_str_has_prefix (servers->last_form, "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo"));
  g_assert_nonnull (strstr (servers->last_form, "&RoleSessionName=tests"));
  g_assert_nonnull (strstr (servers->last_form, "&ExternalId=ext-42"));
}

/* role → role: the second AssumeRole is signed with the first one's temporary keys. */
static void
test_assume_role_chained (void)
{
  g_autoptr (Servers) servers = role_servers ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;

  credentials = resolve ("chained", &error);

  /* The fake STS only knows the base keys, so the second call is refused. */
  g_assert_null (credentials);
  g_assert_error (error, CA_ERROR, CA_ERROR_ACCESS_DENIED);
  g_assert_cmpuint (servers->sts_calls, ==, 2);
  g_assert_nonnull (strstr (servers->last_form, "role%2Fother"));
}

static void
test_assume_role_denied (void)
{
  g_autoptr (Servers) servers = role_servers ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;

  servers->sts_denies = TRUE;
  credentials = resolve ("role", &error);

  g_assert_null (credentials);
  g_assert_error (error, CA_ERROR, CA_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, "not authorized"));
  g_assert_null (strstr (error->message, "base/secret"));
}

static void
test_assume_role_loop (void)
{
  g_autoptr (Servers) servers = role_servers ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;

  credentials = resolve ("loop-a", &error);

  g_assert_null (credentials);
  g_assert_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS);
  g_assert_cmpuint (servers->sts_calls, ==, 0);
}

static void
test_assume_role_from_environment (void)
{
  g_autoptr (Servers) servers = servers_for (ROLE_CONFIG, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;

  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENVBASE", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "env/base", TRUE);
  servers->expected_key = "AKIDENVBASE";
  servers->expected_secret = "env/base";
  credentials = resolve ("from-env", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (credentials), ==, "ASIAROLE");
}

/* The role's keys then work against (the fake) ACM. */
static void
test_assume_role_then_acm (void)
{
  G_GNUC_UNUSED g_autoptr (Servers) servers = role_servers ();
  g_autoptr (CaFakeAcm) fake = ca_fake_acm_new ("us-east-1");
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) certificates = NULL;
  g_autoptr (JsonObject) spec = json_object_new ();
  g_autofree char *arn = NULL;
  g_autofree char *url = NULL;

  g_assert_true (ca_fake_acm_listen (fake, 0, &error));
  ca_fake_acm_add_key (fake, "ASIAROLE", "role/secret+key", "roletoken");
  json_object_set_string_member (spec, "DomainName", "role.example.com");
  arn = ca_fake_acm_add_certificate (fake, spec);
  url = ca_fake_acm_get_url (fake);
  g_setenv ("AWS_ENDPOINT_URL_ACM", url, TRUE);

  client = ca_acm_client_new ("role", NULL, 5, &error);
  g_assert_no_error (error);
  ca_acm_client_list_certificates_async (client, NULL, NULL, ca_test_store_result_cb, &result);
  certificates = ca_acm_client_list_certificates_finish (client, ca_test_wait_for_result (&result), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (certificates->len, ==, 1);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fake, "ListCertificates"), ==, 1);
}

#define SSO_CONFIG \
  "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin Role\nregion = us-east-1\n" \
  "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n" \
  "[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = eu-west-1\n" \
  "sso_account_id = 123456789012\nsso_role_name = Admin Role\n"

static char *
write_token_cache (const char *key,
                   const char *token,
                   GTimeSpan   valid_for,
                   gboolean    refreshable,
                   const char *suffix)
{
  g_autofree char *path = ca_credentials_sso_cache_path (key);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) expires = g_date_time_add (now, valid_for);
  g_autofree char *when = g_date_time_format (expires, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *text = NULL;

  text = g_strdup_printf ("{\"startUrl\":\"https://corp.awsapps.com/start\",\"region\":\"eu-west-1\","
                          "\"accessToken\":\"%s\",\"expiresAt\":\"%s%s\"%s}", token, when, suffix,
                          refreshable ? ",\"clientId\":\"client-id\",\"clientSecret\":\"client-secret\",\"refreshToken\":\"refresh-1\"" : "");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_steal_pointer (&path);
}

/* A cached SSO token for a profile of SSO_CONFIG, and the bearer the portal takes. */
typedef struct
{
  const char *profile;
  const char *cache_key;    /* the sso-session's name, or the legacy start URL */
  const char *token;
  GTimeSpan   valid_for;
  gboolean    refreshable;  /* the cache holds an OIDC client and refresh token */
  const char *suffix;       /* of expiresAt */
  const char *bearer;       /* NULL: the portal takes none */
} SsoCase;

/* Writes @sso's token cache and resolves its profile against @servers; *@cache (if
 * not NULL) gets the cache file's path. */
static CaCredentials *
resolve_sso (Servers        *servers,
             const SsoCase  *sso,
             char          **cache,
             GError        **error)
{
  g_autofree char *path = NULL;

  servers->expected_bearer = sso->bearer;
  path = write_token_cache (sso->cache_key, sso->token, sso->valid_for, sso->refreshable, sso->suffix);
  if (cache != NULL)
    *cache = g_steal_pointer (&path);
  return resolve (sso->profile, error);
}

static void
test_sso (void)
{
  const char *suffixes[] = { "Z", "UTC", "+00:00" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      const SsoCase sso = { "sso", "corp", "cached-token", G_TIME_SPAN_HOUR, TRUE, suffixes[i], "cached-token" };
      g_autoptr (Servers) servers = servers_for (SSO_CONFIG, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (CaCredentials) credentials = resolve_sso (servers, &sso, NULL, &error);
      g_autofree char *expiration = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (servers->portal_calls, ==, 1);
      g_assert_cmpuint (servers->oidc_calls, ==, 0);
      g_assert_cmpstr (ca_credentials_get_access_key_id (credentials), ==, "ASIASSO");
      g_assert_cmpstr (ca_credentials_get_session_token (credentials), ==, "ssotoken");
      expiration = g_date_time_format_iso8601 (ca_credentials_get_expiration (credentials));
      g_assert_cmpstr (expiration, ==, "2030-01-01T00:00:00Z");
    }
}

static void
test_sso_legacy_cache_key (void)
{
  static const SsoCase sso = {
    "legacy", "https://legacy.awsapps.com/start", "legacy-token", G_TIME_SPAN_HOUR, FALSE, "Z", "legacy-token"
  };
  g_autoptr (Servers) servers = servers_for (SSO_CONFIG, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = resolve_sso (servers, &sso, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (credentials), ==, "ASIASSO");
}

static void
test_sso_refresh (void)
{
  static const SsoCase sso = { "sso", "corp", "old-token", 5 * G_TIME_SPAN_MINUTE, TRUE, "Z", "refreshed-token" };
  g_autoptr (Servers) servers = servers_for (SSO_CONFIG, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *cache = NULL;
  g_autoptr (CaCredentials) credentials = resolve_sso (servers, &sso, &cache, &error);
  g_autofree char *saved = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (servers->oidc_calls, ==, 1);
  g_assert_cmpuint (servers->portal_calls, ==, 1);
  g_assert_cmpstr (ca_credentials_get_access_key_id (credentials), ==, "ASIASSO");
  g_assert_true (g_file_get_contents (cache, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "refreshed-token"));
  g_assert_nonnull (strstr (saved, "next-refresh"));
}

static void
test_sso_expired_needs_login (void)
{
  static const SsoCase sso = {
    "legacy", "https://legacy.awsapps.com/start", "old", -G_TIME_SPAN_MINUTE, FALSE, "Z", NULL
  };
  g_autoptr (Servers) servers = servers_for (SSO_CONFIG, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = resolve_sso (servers, &sso, NULL, &error);

  g_assert_null (credentials);
  g_assert_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "aws sso login"));
  g_assert_cmpuint (servers->portal_calls, ==, 0);
}

static void
test_sso_rejected_token (void)
{
  static const SsoCase sso = { "sso", "corp", "cached-token", G_TIME_SPAN_HOUR, TRUE, "Z", "other" };
  g_autoptr (Servers) servers = servers_for (SSO_CONFIG, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = resolve_sso (servers, &sso, NULL, &error);

  g_assert_null (credentials);
  g_assert_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS);
  g_assert_cmpuint (servers->portal_calls, ==, 1);
}

static void
test_sso_no_cache (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;

  use_files (SSO_CONFIG, NULL);
  credentials = resolve ("sso", &error);
  g_assert_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS);
}

static void
test_secret_wipe (void)
{
  char buffer[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  ca_secret_wipe (buffer, sizeof buffer - 1);
  for (gsize i = 0; i < sizeof buffer - 1; i++)
    g_assert_cmpint (buffer[i], ==, 0);
}

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/credentials/env/keys", test_env_keys);
  g_test_add_func ("/credentials/env/legacy-token", test_env_legacy_token_preferred);
  g_test_add_func ("/credentials/env/key-without-secret", test_env_key_without_secret);
  g_test_add_func ("/credentials/env/explicit-profile", test_explicit_profile_skips_env);
  g_test_add_func ("/credentials/files/profiles", test_files_default_and_profiles);
  g_test_add_func ("/credentials/files/none", test_no_credentials_at_all);
  g_test_add_func ("/credentials/files/default-paths", test_default_paths_and_tilde);
  g_test_add_func ("/credentials/files/parser", test_parser_shapes);
  g_test_add_func ("/credentials/region-order", test_region_order);
  g_test_add_func ("/credentials/endpoint-order", test_endpoint_order);
  g_test_add_func ("/credentials/endpoint-http-refused", test_endpoint_http_refused);
  g_test_add_func ("/credentials/process/ok", test_process_ok);
  g_test_add_func ("/credentials/process/no-shell", test_process_without_shell);
  g_test_add_func ("/credentials/process/failures", test_process_failures);
  g_test_add_func ("/credentials/process/in-sandbox", test_process_in_sandbox);
  g_test_add_func ("/credentials/process/parse", test_process_parse_output);
  g_test_add_func ("/credentials/process/refresh-expiring", test_expired_credentials_refreshed);
  g_test_add_func ("/credentials/process/concurrent", test_concurrent_callers_share_one_run);
  g_test_add_func ("/credentials/sts/assume-role", test_assume_role);
  g_test_add_func ("/credentials/sts/chained", test_assume_role_chained);
  g_test_add_func ("/credentials/sts/denied", test_assume_role_denied);
  g_test_add_func ("/credentials/sts/loop", test_assume_role_loop);
  g_test_add_func ("/credentials/sts/from-environment", test_assume_role_from_environment);
  g_test_add_func ("/credentials/sts/then-acm", test_assume_role_then_acm);
  g_test_add_func ("/credentials/sso/role-credentials", test_sso);
  g_test_add_func ("/credentials/sso/legacy", test_sso_legacy_cache_key);
  g_test_add_func ("/credentials/sso/refresh", test_sso_refresh);
  g_test_add_func ("/credentials/sso/expired", test_sso_expired_needs_login);
  g_test_add_func ("/credentials/sso/rejected", test_sso_rejected_token);
  g_test_add_func ("/credentials/sso/no-cache", test_sso_no_cache);
  g_test_add_func ("/credentials/secret-wipe", test_secret_wipe);

  return g_test_run ();
}
