/* ca-cli-describe.c: certassist-cli describe ARN
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliDescribe"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-acm-findings.h"
#include "ca-certificate-check.h"
#include "ca-cli-aws.h"
#include "ca-cli.h"
#include "ca-report.h"
#include "ca-util.h"

static gboolean describe_markdown;

GOptionEntry ca_cli_describe_entries[] = {
  { "markdown", 0, 0, G_OPTION_ARG_NONE, &describe_markdown,
    N_("Print a Markdown report, for a support ticket"), NULL },
  { NULL }
};

static char *
format_time (GDateTime *time)
{
  if (time == NULL)
    return g_strdup ("—");
  /* As the findings below write their dates. */
  return ca_format_local_time (time);
}

static void
print_describe_json (CaAcmCertificate *certificate,
                     GPtrArray        *findings)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "certificate");
  ca_acm_certificate_to_json (certificate, builder);
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < findings->len; i++)
    ca_finding_to_json (g_ptr_array_index (findings, i), builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  ca_cli_print_json_object (builder);
}

static void
print_validation_text (CaAcmDomainValidation *validation)
{
  const char * const *emails = ca_acm_domain_validation_get_emails (validation);

  /* Translators: a name of the certificate and where its validation stands, such as
   * "www.example.com: Waiting for someone to approve the mail" */
  g_print (_("  %s: %s\n"), ca_acm_domain_validation_get_name (validation),
           ca_acm_validation_get_label (ca_acm_domain_validation_get_status (validation),
                                        ca_acm_domain_validation_get_method (validation)));
  for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
    g_print ("    %s\n", emails[i]);
  if (ca_acm_domain_validation_get_record_name (validation) != NULL)
    g_print ("    %s %s %s\n", ca_acm_domain_validation_get_record_name (validation),
             ca_acm_domain_validation_get_record_type (validation) ?: "CNAME",
             ca_acm_domain_validation_get_record_value (validation));
}

static void
print_describe_text (CaAcmCertificate *certificate,
                     GPtrArray        *findings)
{
  g_autoptr (GDateTime) deadline = ca_acm_certificate_get_resend_deadline (certificate);
  g_autofree char *created = format_time (ca_acm_certificate_get_created_at (certificate));
  g_autofree char *not_after = format_time (ca_acm_certificate_get_not_after (certificate));
  GPtrArray *validations = ca_acm_certificate_get_validations (certificate);
  const char *method = ca_acm_certificate_get_validation_method (certificate);
  const char *renewal = ca_acm_certificate_get_renewal_status (certificate);

  g_print (_("Certificate: %s\n"), ca_acm_certificate_get_arn (certificate));
  g_print (_("Domain: %s\n"), ca_acm_certificate_get_domain (certificate));
  /* ACM's codes in words; why a request failed is its finding's message, below. */
  g_print (_("Status: %s\n"), ca_acm_status_get_label (ca_acm_certificate_get_status (certificate)));
  if (method != NULL)
    g_print (_("Validation: %s\n"), ca_acm_method_get_label (method));
  if (renewal != NULL)
    g_print (_("Renewal: %s\n"), ca_acm_renewal_status_get_label (renewal));
  g_print (_("Requested: %s\n"), created);
  g_print (_("Valid until: %s\n"), not_after);
  if (deadline != NULL)
    {
      g_autofree char *until = format_time (deadline);

      g_print (_("Resend possible until: %s\n"), until);
    }
  g_print (_("Names:\n"));
  for (guint i = 0; i < validations->len; i++)
    print_validation_text (g_ptr_array_index (validations, i));
  for (guint i = 0; i < findings->len; i++)
    {
      CaFinding *finding = g_ptr_array_index (findings, i);

      g_print ("[%s] %s\n    %s\n", ca_severity_get_label (ca_finding_get_severity (finding)),
               ca_finding_get_message (finding), ca_finding_get_remedy (finding));
    }
}

int
ca_cli_describe_run (CaCliOptions *options,
                     int           argc,
                     char        **argv)
{
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (CaAcmCertificate) certificate = NULL;
  g_autoptr (GPtrArray) migration = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (describe_markdown && options->json)
    return ca_cli_usage_error (options, _("Give --json or --markdown, not both."));
  client = ca_cli_aws_client_for_arn (options, argc, argv, _("Give exactly one certificate ARN."), &status);
  if (client == NULL)
    return status;
  if ((certificate = ca_cli_aws_describe (client, argv[0], &error)) == NULL)
    return ca_cli_fail (options, error);

  migration = ca_cli_aws_fetch_migration (client, certificate);
  findings = ca_acm_findings_for_certificate (certificate, migration, NULL);
  if (options->json)
    print_describe_json (certificate, findings);
  else if (describe_markdown)
    {
      g_autofree char *report = ca_report_certificate_to_markdown (certificate, findings);

      g_print ("%s", report);
    }
  else
    print_describe_text (certificate, findings);
  return 0;
}

