/* ca-cli-delete.c: certassist-cli delete ARN --yes
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliDelete"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-cli-aws.h"
#include "ca-cli.h"

static gboolean delete_yes;

GOptionEntry ca_cli_delete_entries[] = {
  { "yes", 0, 0, G_OPTION_ARG_NONE, &delete_yes, N_("Really delete: this cannot be undone"), NULL },
  { NULL }
};

int
ca_cli_delete_run (CaCliOptions *options,
                   int           argc,
                   char        **argv)
{
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GError) error = NULL;
  int status;

  status = ca_cli_aws_check_one_arn (options, argc, argv, _("Give exactly one certificate ARN."));
  if (status != 0)
    return status;
  if (!delete_yes)
    return ca_cli_usage_error (options, _("Deleting a certificate cannot be undone: add --yes to confirm."));
  if ((client = ca_cli_aws_create_client (options, &error)) == NULL)
    return ca_cli_fail (options, error);

  ca_acm_client_delete_certificate_async (client, argv[0], NULL, ca_cli_store_result_cb, &result);
  if (!ca_acm_client_delete_certificate_finish (client, ca_cli_wait_for_result (&result), &error))
    return ca_cli_fail (options, error);

  if (!options->json)
    {
      g_print (_("Deleted %s\n"), argv[0]);
      return 0;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  ca_cli_print_json_object (builder);
  return 0;
}

