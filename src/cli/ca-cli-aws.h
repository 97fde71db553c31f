/* ca-cli-aws.h: what the ACM subcommands and `diagnose --arn` share
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ca-acm-certificate.h"
#include "ca-acm-client.h"
#include "ca-cli.h"

G_BEGIN_DECLS

CaAcmClient      *ca_cli_aws_create_client             (CaCliOptions      *options,
                                                        GError           **error);
CaAcmClient      *ca_cli_aws_client_for_arn            (CaCliOptions      *options,
                                                        int                argc,
                                                        char             **argv,
                                                        const char        *usage,
                                                        int               *status);
int               ca_cli_aws_check_one_arn             (CaCliOptions      *options,
                                                        int                argc,
                                                        char             **argv,
                                                        const char        *usage);
CaAcmCertificate *ca_cli_aws_describe                  (CaAcmClient       *client,
                                                        const char        *arn,
                                                        GError           **error);
GPtrArray        *ca_cli_aws_fetch_migration           (CaAcmClient       *client,
                                                        CaAcmCertificate  *certificate);
void              ca_cli_aws_pause                     (int                seconds);

CaAcmCertificate *ca_cli_aws_describe_for_diagnosis    (CaCliOptions      *options,
                                                        const char        *arn,
                                                        GPtrArray        **migration,
                                                        GError           **error);

G_END_DECLS
