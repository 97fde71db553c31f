/* ca-cli-resend.c: certassist-cli resend ARN --name NAME
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliResend"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-cli-aws.h"
#include "ca-cli.h"
#include "ca-domain.h"
#include "ca-error.h"

static char *resend_name;
static char *resend_validation_domain;

GOptionEntry ca_cli_resend_entries[] = {
  { "name", 0, 0, G_OPTION_ARG_STRING, &resend_name, N_("The name whose approval mail to send again"), N_("NAME") },
  { "validation-domain", 0, 0, G_OPTION_ARG_STRING, &resend_validation_domain,
    N_("Send it to this domain’s addresses instead (the name or a parent)"), N_("DOMAIN") },
  { NULL }
};

/* Without --validation-domain the mail goes where ACM sent it first. */
static char *
original_validation_domain (CaAcmClient  *client,
                            const char   *arn,
                            const char   *name,
                            GError      **error)
{
  g_autoptr (CaAcmCertificate) certificate = ca_cli_aws_describe (client, arn, error);
  CaAcmDomainValidation *validation;

  if (certificate == NULL)
    return NULL;
  validation = ca_acm_certificate_find_validation (certificate, name);
  if (validation == NULL)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN,
                   _("The certificate does not cover %s."), name);
      return NULL;
    }
  return g_strdup (ca_acm_domain_validation_get_validation_domain (validation) ?: name);
}

static void
print_resend (CaCliOptions *options,
              const char   *name,
              const char   *validation_domain)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_auto (GStrv) addresses = NULL;

  if (!options->json)
    {
      g_autofree char *approval = ca_domain_get_approval_domain (validation_domain, NULL);

      addresses = ca_domain_get_approver_addresses (approval);
      g_print (_("ACM sends the approval mail for %s again, to the addresses of %s, such as %s.\n"),
               name, approval, addresses[0]);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "resent");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "validation_domain");
  json_builder_add_string_value (builder, validation_domain);
  json_builder_end_object (builder);
  ca_cli_print_json_object (builder);
}

int
ca_cli_resend_run (CaCliOptions *options,
                   int           argc,
                   char        **argv)
{
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *validation_domain = NULL;
  int status;

  status = ca_cli_aws_check_one_arn (options, argc, argv, _("Give exactly one certificate ARN and --name NAME."));
  if (status != 0)
    return status;
  if (resend_name == NULL)
    return ca_cli_usage_error (options, _("Say which name’s mail to resend with --name NAME."));
  if ((name = ca_domain_normalize (resend_name, &error)) == NULL ||
      (resend_validation_domain != NULL &&
       (validation_domain = ca_domain_check_validation_domain (name, resend_validation_domain, &error)) == NULL) ||
      (client = ca_cli_aws_create_client (options, &error)) == NULL ||
      (validation_domain == NULL &&
       (validation_domain = original_validation_domain (client, argv[0], name, &error)) == NULL))
    return ca_cli_fail (options, error);

  ca_acm_client_resend_validation_email_async (client, argv[0], name, validation_domain, NULL, ca_cli_store_result_cb, &result);
  if (!ca_acm_client_resend_validation_email_finish (client, ca_cli_wait_for_result (&result), &error))
    return ca_cli_fail (options, error);

  print_resend (options, name, validation_domain);
  return 0;
}

