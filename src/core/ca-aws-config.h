/* ca-aws-config.h: the AWS shared config and credentials files
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CaAwsConfig CaAwsConfig;

/* Where a section comes from: `[name]` in the credentials file, and in the
 * config file `[default]`/`[profile name]`, `[sso-session name]`, `[services name]`. */
typedef enum
{
  CA_AWS_SECTION_CREDENTIALS,
  CA_AWS_SECTION_PROFILE,
  CA_AWS_SECTION_SSO_SESSION,
  CA_AWS_SECTION_SERVICES,
} CaAwsSectionKind;

CaAwsConfig  *ca_aws_config_load              (GError          **error);
CaAwsConfig  *ca_aws_config_load_files        (const char       *config_path,
                                               const char       *credentials_path,
                                               GError          **error);
CaAwsConfig  *ca_aws_config_new_from_data     (const char       *config_data,
                                               const char       *credentials_data);
void          ca_aws_config_free              (CaAwsConfig      *self);
const char   *ca_aws_config_get               (CaAwsConfig      *self,
                                               CaAwsSectionKind  kind,
                                               const char       *section,
                                               const char       *key);
gboolean      ca_aws_config_has_section       (CaAwsConfig      *self,
                                               CaAwsSectionKind  kind,
                                               const char       *section);
const char   *ca_aws_config_get_profile_value (CaAwsConfig      *self,
                                               const char       *profile,
                                               const char       *key);
char        **ca_aws_config_list_profiles     (CaAwsConfig      *self);
GPtrArray    *ca_aws_config_get_warnings      (CaAwsConfig      *self);

char         *ca_aws_resolve_profile_name     (const char       *explicit_profile);
char         *ca_aws_resolve_region           (CaAwsConfig      *config,
                                               const char       *profile,
                                               const char       *explicit_region);
char         *ca_aws_resolve_endpoint         (CaAwsConfig      *config,
                                               const char       *profile,
                                               const char       *service,
                                               const char       *region,
                                               const char       *explicit_endpoint,
                                               GError          **error);
gboolean      ca_aws_check_endpoint           (const char       *url,
                                               GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAwsConfig, ca_aws_config_free)

G_END_DECLS
