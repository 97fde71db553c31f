/* ca-cli-aws.c: what the ACM subcommands and `diagnose --arn` share
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliAws"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "ca-acm-findings.h"
#include "ca-cli-aws.h"
#include "ca-domain.h"

#define DEFAULT_POLL_SECONDS 10

CaAcmClient *
ca_cli_aws_create_client (CaCliOptions  *options,
                          GError       **error)
{
  return ca_acm_client_new (options->profile, options->region, (guint) MAX (options->timeout, 0), error);
}

/* Returns 0, or the exit status once the mistake is reported. */
int
ca_cli_aws_check_one_arn (CaCliOptions  *options,
                          int            argc,
                          char         **argv,
                          const char    *usage)
{
  g_autoptr (GError) error = NULL;

  if (argc != 1)
    return ca_cli_usage_error (options, usage);
  if (!ca_acm_check_arn (argv[0], &error))
    return ca_cli_fail (options, error);
  return 0;
}

/**
 * ca_cli_aws_client_for_arn:
 * @status: (out): the exit status when this returns %NULL
 *
 * The start of every subcommand that takes one ARN: checks it, then creates
 * the client, and reports what went wrong.
 */
CaAcmClient *
ca_cli_aws_client_for_arn (CaCliOptions  *options,
                           int            argc,
                           char         **argv,
                           const char    *usage,
                           int           *status)
{
  g_autoptr (GError) error = NULL;
  CaAcmClient *client;

  *status = ca_cli_aws_check_one_arn (options, argc, argv, usage);
  if (*status != 0)
    return NULL;
  client = ca_cli_aws_create_client (options, &error);
  if (client == NULL)
    *status = ca_cli_fail (options, error);
  return client;
}

CaAcmCertificate *
ca_cli_aws_describe (CaAcmClient  *client,
                     const char   *arn,
                     GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_acm_client_describe_certificate_async (client, arn, NULL, ca_cli_store_result_cb, &result);
  return ca_acm_client_describe_certificate_finish (client, ca_cli_wait_for_result (&result), error);
}

/* The migration's state, only where one can run: an issued email certificate. */
GPtrArray *
ca_cli_aws_fetch_migration (CaAcmClient      *client,
                            CaAcmCertificate *certificate)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *migration;

  if (g_strcmp0 (ca_acm_certificate_get_status (certificate), "ISSUED") != 0 ||
      g_strcmp0 (ca_acm_certificate_get_validation_method (certificate), "EMAIL") != 0)
    return NULL;
  ca_acm_client_list_domain_validations_async (client, ca_acm_certificate_get_arn (certificate), NULL,
                                               ca_cli_store_result_cb, &result);
  migration = ca_acm_client_list_domain_validations_finish (client, ca_cli_wait_for_result (&result), &error);
  if (migration == NULL)
    g_debug ("No migration state: %s", error->message);
  return migration;
}

/* Polling interval; tests shorten it with CERTASSIST_POLL_MS. */
static guint
poll_interval_ms (int seconds)
{
  const char *override = g_getenv ("CERTASSIST_POLL_MS");

  if (override != NULL && *override != '\0')
    return (guint) strtoul (override, NULL, 10);
  return (guint) (seconds > 0 ? seconds : DEFAULT_POLL_SECONDS) * 1000;
}

/* Waits between two looks at ACM: @seconds, or the default when not positive. */
void
ca_cli_aws_pause (int seconds)
{
  ca_cli_sleep (poll_interval_ms (seconds));
}

/*
 * diagnose --arn
 */

/**
 * ca_cli_aws_describe_for_diagnosis:
 * @migration: (out) (transfer full) (nullable): the migration state, for an
 *   issued email certificate
 *
 * Describes @arn for ca_diagnosis_add_certificate().
 */
CaAcmCertificate *
ca_cli_aws_describe_for_diagnosis (CaCliOptions  *options,
                                   const char    *arn,
                                   GPtrArray    **migration,
                                   GError       **error)
{
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (CaAcmCertificate) certificate = NULL;

  if (!ca_acm_check_arn (arn, error) || (client = ca_cli_aws_create_client (options, error)) == NULL ||
      (certificate = ca_cli_aws_describe (client, arn, error)) == NULL)
    return NULL;
  *migration = ca_cli_aws_fetch_migration (client, certificate);
  return g_steal_pointer (&certificate);
}
