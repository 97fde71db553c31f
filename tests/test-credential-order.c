/* test-credential-order.c: which source wins when one profile names several
 *
 * Pinned against the AWS CLI's order, botocore's provider chain (botocore/credentials.py,
 * create_credential_resolver): environment, then within the profile assume-role
 * (role_arn), IAM Identity Center (sso_*), the shared credentials file's keys,
 * credential_process, and last the config file's keys (aws-protocol.md §4).
 * Only public functions: the provider resolves as the app does.
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ca-acm-client.h"
#include "ca-credentials-provider.h"
#include "ca-error.h"
#include "ca-fake-acm.h"
#include "ca-test-util.h"

static const char *aws_variables[] = {
  "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ACM",
  "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
  NULL
};

/* A clean environment with these files; STS and the SSO portal on a closed loopback port,
 * so a source that needs them fails at once instead of reaching out. */
static void
use_files (const char *config_data,
           const char *credentials_data)
{
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "credential-order", NULL);
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *credentials = g_build_filename (dir, "credentials", NULL);

  for (guint i = 0; aws_variables[i] != NULL; i++)
    g_unsetenv (aws_variables[i]);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (config, config_data, -1, NULL));
  g_assert_true (g_file_set_contents (credentials, credentials_data, -1, NULL));
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", credentials, TRUE);
  g_setenv ("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9", TRUE);
  g_setenv ("AWS_ENDPOINT_URL_SSO", "http://127.0.0.1:9", TRUE);
  g_setenv ("AWS_ENDPOINT_URL_SSO_OIDC", "http://127.0.0.1:9", TRUE);
}

static CaCredentials *
resolve_with_timeout (const char  *profile,
                      guint        timeout_seconds,
                      GError     **error)
{
  g_autoptr (SoupSession) http = soup_session_new_with_options ("timeout", timeout_seconds, NULL);
  g_autoptr (CaCredentialsProvider) provider = ca_credentials_provider_new (http, profile, "us-east-1", error);
  g_autoptr (GAsyncResult) result = NULL;

  if (provider == NULL)
    return NULL;
  ca_credentials_provider_get_async (provider, NULL, ca_test_store_result_cb, &result);
  return ca_credentials_provider_get_finish (provider, ca_test_wait_for_result (&result), error);
}

static CaCredentials *
resolve (const char  *profile,
         GError     **error)
{
  return resolve_with_timeout (profile, 5, error);
}

static char *
process_command (const char *mode)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "credential-process.sh", NULL);

  return g_strdup_printf ("%s %s", script, mode);
}

/* botocore: AssumeRoleProvider comes before the keys of the same profile. */
static void
test_role_arn_beats_keys (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;

  use_files ("[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\n"
             "aws_access_key_id = AKIDCONFIG\naws_secret_access_key = config/secret\n",
             "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base/secret\n"
             "[p]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file/secret\n");
  credentials = resolve ("p", &error);

  /* The role is assumed (at a closed STS): the profile's own keys are never used. */
  g_assert_null (credentials);
  g_assert_nonnull (error);
}

/* botocore: SSOProvider comes before the shared credentials file and the config keys. */
static void
test_sso_beats_keys (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;

  use_files ("[profile p]\nsso_session = s\nsso_account_id = 123456789012\nsso_role_name = Admin\n"
             "aws_access_key_id = AKIDCONFIG\naws_secret_access_key = config/secret\n"
             "[sso-session s]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n",
             "[p]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file/secret\n");
  credentials = resolve ("p", &error);

  /* Nobody has signed in (no token cache): the keys do not stand in for the sign-in. */
  g_assert_null (credentials);
  g_assert_nonnull (error);
}

/* botocore: SharedCredentialProvider comes before ProcessProvider. */
static void
test_credentials_file_keys_beat_process (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;
  g_autofree char *command = process_command ("ok");
  g_autofree char *config = g_strdup_printf ("[profile p]\ncredential_process = %s\n", command);

  use_files (config, "[p]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file/secret\n");
  credentials = resolve ("p", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (credentials), ==, "AKIDFILE");
}

/* botocore: ProcessProvider comes before ConfigProvider (the config file's keys). */
static void
test_process_beats_config_keys (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;
  g_autofree char *command = process_command ("ok");
  g_autofree char *config = g_strdup_printf ("[profile p]\naws_access_key_id = AKIDCONFIG\n"
                                             "aws_secret_access_key = config/secret\ncredential_process = %s\n",
                                             command);

  use_files (config, "");
  credentials = resolve ("p", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (credentials), ==, "AKIDPROCESS");
}

/* The environment's keys beat a profile chosen by AWS_PROFILE (not one chosen explicitly). */
static void
test_environment_beats_aws_profile (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;

  use_files ("", "[p]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file/secret\n");
  g_setenv ("AWS_PROFILE", "p", TRUE);
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENV", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "env/secret", TRUE);
  credentials = resolve (NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ca_credentials_get_access_key_id (credentials), ==, "AKIDENV");
  g_assert_cmpstr (ca_credentials_get_source (credentials), ==, "environment");
}

/* A credential_process that never answers ends at the lookup deadline with an error. */
static void
test_process_timeout (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = NULL;

  use_files ("[profile p]\ncredential_process = /bin/sleep 30\n", "");
  credentials = resolve_with_timeout ("p", 1, &error);

  g_assert_null (credentials);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}

static CaAcmCertificate *
describe (CaAcmClient  *client,
          const char   *arn,
          GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_acm_client_describe_certificate_async (client, arn, NULL, ca_test_store_result_cb, &result);
  return ca_acm_client_describe_certificate_finish (client, ca_test_wait_for_result (&result), error);
}

/* ACM answers ExpiredTokenException: the cached credentials go, and the next call runs
 * credential_process again instead of signing with the expired token once more. */
static void
test_expired_token_refreshes (void)
{
  g_autoptr (CaFakeAcm) fake = ca_fake_acm_new ("us-east-1");
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (JsonObject) spec = json_object_new ();
  g_autofree char *arn = NULL;
  g_autofree char *url = NULL;
  g_autofree char *counter = g_build_filename (g_get_home_dir (), "credential-order", "runs", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "credential-process.sh", NULL);
  g_autofree char *config = g_strdup_printf ("[profile p]\nregion = us-east-1\ncredential_process = %s count %s 3600\n",
                                             script, counter);

  g_assert_true (ca_fake_acm_listen (fake, 0, &error));
  g_assert_no_error (error);
  ca_fake_acm_add_key (fake, "AKIDCOUNT", "countsecret", "t");
  json_object_set_string_member (spec, "DomainName", "www.example.com");
  arn = ca_fake_acm_add_certificate (fake, spec);
  use_files (config, "");
  g_unlink (counter);
  url = ca_fake_acm_get_url (fake);
  g_setenv ("AWS_ENDPOINT_URL_ACM", url, TRUE);
  g_setenv ("CERTASSIST_RETRY_BASE_MS", "1", TRUE);
  client = ca_acm_client_new ("p", NULL, 5, &error);
  g_assert_no_error (error);

  {
    G_GNUC_UNUSED g_autoptr (CaAcmCertificate) first = describe (client, arn, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ca_test_count_lines (counter), ==, 1);
  }
  ca_fake_acm_inject_fault (fake, CA_FAKE_ACM_FAULT_EXPIRED_TOKEN, 1);
  {
    G_GNUC_UNUSED g_autoptr (CaAcmCertificate) refused = describe (client, arn, &error);

    g_clear_error (&error);
  }
  {
    g_autoptr (CaAcmCertificate) again = describe (client, arn, &error);

    g_assert_no_error (error);
    g_assert_nonnull (again);
    g_assert_cmpuint (ca_test_count_lines (counter), ==, 2);
  }
  g_clear_object (&client);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/credential-order/role-arn-beats-keys", test_role_arn_beats_keys);
  g_test_add_func ("/credential-order/sso-beats-keys", test_sso_beats_keys);
  g_test_add_func ("/credential-order/credentials-file-keys-beat-process", test_credentials_file_keys_beat_process);
  g_test_add_func ("/credential-order/process-beats-config-keys", test_process_beats_config_keys);
  g_test_add_func ("/credential-order/environment-beats-aws-profile", test_environment_beats_aws_profile);
  g_test_add_func ("/credential-order/process-timeout", test_process_timeout);
  g_test_add_func ("/credential-order/expired-token-refreshes", test_expired_token_refreshes);

  return g_test_run ();
}
