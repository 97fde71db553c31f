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
#include "ca-fleet-scan.h"
#include "ca-safe-text.h"

#define MIGRATE_MAX_WAIT_SECONDS (10 * 60)

static gboolean migrate_all;
static gboolean migrate_yes;
static char *migrate_regions;

GOptionEntry ca_cli_migrate_entries[] = {
  { "all", 0, 0, G_OPTION_ARG_NONE, &migrate_all,
    N_("Every certificate that “scan” marks for moving, in every region"), NULL },
  { "regions", 0, 0, G_OPTION_ARG_STRING, &migrate_regions,
    N_("With --all: comma-separated regions, or “all” (the default)"), N_("LIST") },
  { "yes", 0, 0, G_OPTION_ARG_NONE, &migrate_yes,
    N_("With --all: really start the moves; without it, only show the plan"), NULL },
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

/*
 * migrate --all
 */

typedef struct
{
  CaFleetEntry *entry;    /* owned by the scan */
  const char   *state;    /* "planned", "started" or "failed" */
  char         *message;
  GPtrArray    *records;  /* CaAcmRecord */
} Migration;

static void
migration_free (Migration *migration)
{
  g_free (migration->message);
  g_clear_pointer (&migration->records, g_ptr_array_unref);
  g_free (migration);
}

/* UpdateCertificateOptions within the region's rate quota, then its records. */
static void
start_migration (CaFleetScan *scan,
                 Migration   *migration)
{
  const char *region = migration->entry->region;
  const char *arn = ca_acm_certificate_get_arn (migration->entry->certificate);
  CaAcmClient *client = ca_fleet_scan_get_client (scan, region);
  g_autoptr (GAsyncResult) gate = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  ca_fleet_scan_limit_call (scan, region, "UpdateCertificateOptions", NULL, ca_cli_store_result_cb, &gate);
  ca_fleet_scan_limit_call_finish (scan, ca_cli_wait_for_result (&gate), NULL);
  ca_acm_client_migrate_to_dns_async (client, arn, NULL, ca_cli_store_result_cb, &result);
  if (!ca_acm_client_migrate_to_dns_finish (client, ca_cli_wait_for_result (&result), &error))
    {
      migration->state = "failed";
      migration->message = ca_safe_text_clean (error->message, -1, CA_SAFE_TEXT_DEFAULT);
      return;
    }
  migration->state = "started";
  migration->records = wait_for_records (client, arn, &error);
  /* Started all the same: `describe` shows the records once ACM has them. */
  if (migration->records == NULL)
    migration->message = ca_safe_text_clean (error->message, -1, CA_SAFE_TEXT_DEFAULT);
}

/* Every record of every started move, each once: a name and its wildcard,
 * or two certificates for one name, share one. */
static GPtrArray *
collect_zone_records (GPtrArray *migrations)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < migrations->len; i++)
    {
      Migration *migration = g_ptr_array_index (migrations, i);

      for (guint j = 0; migration->records != NULL && j < migration->records->len; j++)
        {
          CaAcmRecord *record = g_ptr_array_index (migration->records, j);
          g_autofree char *key = g_strdup_printf ("%s %s %s", ca_acm_record_get_name (record),
                                                  ca_acm_record_get_type_name (record), ca_acm_record_get_value (record));
          g_autofree char *folded = g_ascii_strdown (key, -1);

          if (g_hash_table_add (seen, g_steal_pointer (&folded)))
            g_ptr_array_add (all, g_object_ref (record));
        }
    }
  return all;
}

static void
print_migrations_json (GPtrArray  *migrations,
                       const char *zone_records)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "migrations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < migrations->len; i++)
    {
      Migration *migration = g_ptr_array_index (migrations, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "arn");
      json_builder_add_string_value (builder, ca_acm_certificate_get_arn (migration->entry->certificate));
      json_builder_set_member_name (builder, "region");
      json_builder_add_string_value (builder, migration->entry->region);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, migration->state);
      json_builder_set_member_name (builder, "message");
      if (migration->message != NULL)
        json_builder_add_string_value (builder, migration->message);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "records");
      json_builder_begin_array (builder);
      for (guint j = 0; migration->records != NULL && j < migration->records->len; j++)
        add_record_json (builder, g_ptr_array_index (migration->records, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "zone_records");
  json_builder_add_string_value (builder, zone_records);
  json_builder_end_object (builder);
  ca_cli_print_json_object (builder);
}

static void
print_migrations_text (GPtrArray  *migrations,
                       const char *zone_records)
{
  if (migrations->len == 0)
    g_print (_("No certificate needs moving to DNS validation.\n"));
  else if (!migrate_yes)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "This %u certificate would move to DNS validation (add --yes to start):\n",
                          "These %u certificates would move to DNS validation (add --yes to start):\n",
                          migrations->len),
             migrations->len);
  for (guint i = 0; i < migrations->len; i++)
    {
      Migration *migration = g_ptr_array_index (migrations, i);
      g_autofree char *domain = ca_safe_text_clean (ca_acm_certificate_get_domain (migration->entry->certificate) ?: "", -1,
                                                    CA_SAFE_TEXT_NO_BIDI);
      const char *arn = ca_acm_certificate_get_arn (migration->entry->certificate);

      if (g_str_equal (migration->state, "planned"))
        g_print ("  %s  %s  %s\n", domain, migration->entry->region, arn);
      else if (g_str_equal (migration->state, "started"))
        /* Translators: %s are a domain name, an AWS region and an ARN */
        g_print (_("Started: %s (%s) %s\n"), domain, migration->entry->region, arn);
      else
        /* Translators: the first three %s are a domain name, an AWS region and an ARN; the last says why */
        g_print (_("Failed: %s (%s) %s: %s\n"), domain, migration->entry->region, arn, migration->message);
    }
  if (*zone_records != '\0')
    {
      g_print (_("\nPublish these DNS records within 72 hours to finish the moves to DNS validation:\n"));
      g_print ("%s", zone_records);
    }
}

static int
migrate_all_run (CaCliOptions *options,
                 int           argc)
{
  g_autoptr (CaFleetScan) scan = NULL;
  g_autoptr (GPtrArray) migrations = g_ptr_array_new_with_free_func ((GDestroyNotify) migration_free);
  g_autoptr (GPtrArray) zone = NULL;
  g_autofree char *zone_records = NULL;
  GPtrArray *entries;
  gboolean refused = FALSE;
  int status;

  if (argc != 0)
    return ca_cli_usage_error (options, _("“migrate --all” takes no ARN."));
  scan = ca_cli_scan_fleet (options, migrate_regions, &status);
  if (scan == NULL)
    return status;

  entries = ca_fleet_scan_get_entries (scan);
  for (guint i = 0; i < entries->len; i++)
    {
      Migration *migration;

      if (((CaFleetEntry *) g_ptr_array_index (entries, i))->action != CA_FLEET_ACTION_MIGRATE)
        continue;
      migration = g_new0 (Migration, 1);
      migration->entry = g_ptr_array_index (entries, i);
      migration->state = "planned";
      g_ptr_array_add (migrations, migration);
      if (migrate_yes)
        start_migration (scan, migration);
      refused |= g_str_equal (migration->state, "failed");
    }
  zone = collect_zone_records (migrations);
  zone_records = ca_acm_records_to_zone_file (zone);

  if (options->json)
    print_migrations_json (migrations, zone_records);
  else
    print_migrations_text (migrations, zone_records);
  return refused ? ca_error_code_to_exit_status (CA_ERROR_AWS) : 0;
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

  if (migrate_all)
    return migrate_all_run (options, argc);
  if (migrate_regions != NULL || migrate_yes)
    return ca_cli_usage_error (options, _("--regions and --yes go with --all."));
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
