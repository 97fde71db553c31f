/* ca-cli-migrate.c: certassist-cli migrate ARN
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliMigrate"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-acm-record.h"
#include "ca-cli-aws.h"
#include "ca-cli.h"
#include "ca-error.h"

#define MIGRATE_MAX_WAIT_SECONDS (10 * 60)

GOptionEntry ca_cli_migrate_entries[] = {
  { NULL }
};

static GPtrArray *
wait_for_records (CaAcmClient  *client,
                  const char   *arn,
                  GError      **error)
{
  gint64 deadline = g_get_monotonic_time () + MIGRATE_MAX_WAIT_SECONDS * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GPtrArray) validations = NULL;
      GPtrArray *records;

      ca_acm_client_list_domain_validations_async (client, arn, NULL, ca_cli_store_result_cb, &result);
      validations = ca_acm_client_list_domain_validations_finish (client, ca_cli_wait_for_result (&result), error);
      if (validations == NULL)
        return NULL;
      /* NULL while ACM has not published every name's record yet. */
      if ((records = ca_acm_records_from_validations (validations)) != NULL)
        return records;
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error_literal (error, CA_ERROR, CA_ERROR_TIMEOUT,
                               _("ACM started the move to DNS validation but has not published the records yet. Run “certassist-cli describe” later to see them."));
          return NULL;
        }
      ca_cli_aws_pause (2);
    }
}

/* contract.md's `{"name", "type", "value"}`. */
static void
add_record_json (JsonBuilder *builder,
                 CaAcmRecord *record)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, ca_acm_record_get_name (record));
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, ca_acm_record_get_type_name (record));
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, ca_acm_record_get_value (record));
  json_builder_end_object (builder);
}

static void
print_migrate (CaCliOptions *options,
               const char   *arn,
               GPtrArray    *records)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  if (!options->json)
    {
      g_print (_("Publish these DNS records within 72 hours to finish the move to DNS validation:\n"));
      for (guint i = 0; i < records->len; i++)
        g_print ("  %s %s %s\n", ca_acm_record_get_name (g_ptr_array_index (records, i)),
                 ca_acm_record_get_type_name (g_ptr_array_index (records, i)),
                 ca_acm_record_get_value (g_ptr_array_index (records, i)));
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "arn");
  json_builder_add_string_value (builder, arn);
  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    add_record_json (builder, g_ptr_array_index (records, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  ca_cli_print_json_object (builder);
}

int
ca_cli_migrate_run (CaCliOptions *options,
                    int           argc,
                    char        **argv)
{
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  client = ca_cli_aws_client_for_arn (options, argc, argv, _("Give exactly one certificate ARN."), &status);
  if (client == NULL)
    return status;

  ca_acm_client_migrate_to_dns_async (client, argv[0], NULL, ca_cli_store_result_cb, &result);
  if (!ca_acm_client_migrate_to_dns_finish (client, ca_cli_wait_for_result (&result), &error) ||
      (records = wait_for_records (client, argv[0], &error)) == NULL)
    return ca_cli_fail (options, error);

  print_migrate (options, argv[0], records);
  return 0;
}
