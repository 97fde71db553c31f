/* fuzz-aws-config.c: the AWS config and credentials files
 *
 * The input is the config file, a NUL byte, then the credentials file, read
 * as ca_aws_config_load_files() reads them once loaded; then every profile
 * is asked what the credential chain and the clients ask.
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ca-aws-config.h"
#include "fuzz-common.h"

static const char *const profile_keys[] = {
  "region", "aws_access_key_id", "aws_secret_access_key", "aws_session_token",
  "role_arn", "source_profile", "credential_process", "sso_session", "sso_start_url",
  "endpoint_url", "services",
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  ca_fuzz_init ();
  /* Only the files given decide; the environment of the fuzzing host must not. */
  g_unsetenv ("AWS_REGION");
  g_unsetenv ("AWS_DEFAULT_REGION");
  g_unsetenv ("AWS_ENDPOINT_URL");
  g_unsetenv ("AWS_ENDPOINT_URL_ACM");
  return 0;
}

static void
ask_profile (CaAwsConfig *config,
             const char  *profile)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *region = ca_aws_resolve_region (config, profile, NULL);
  g_autofree char *endpoint = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (profile_keys); i++)
    ca_aws_config_get_profile_value (config, profile, profile_keys[i]);
  ca_aws_config_has_section (config, CA_AWS_SECTION_CREDENTIALS, profile);
  ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "region");
  endpoint = ca_aws_resolve_endpoint (config, profile, "acm", region != NULL ? region : "us-east-1", NULL, &error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *config_data = NULL;
  g_autofree char *credentials_data = NULL;
  g_autoptr (CaAwsConfig) config = NULL;
  g_auto (GStrv) profiles = NULL;

  ca_fuzz_split (data, size, &config_data, &credentials_data);
  config = ca_aws_config_new_from_data (config_data, credentials_data);
  profiles = ca_aws_config_list_profiles (config);
  for (guint i = 0; profiles != NULL && profiles[i] != NULL; i++)
    ask_profile (config, profiles[i]);
  ask_profile (config, "default");
  ca_aws_config_get_warnings (config);
  return 0;
}
