/* ca-cli-publish.c: certassist-cli publish ARN [--zone-id ID] [--yes]
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliPublish"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "ca-cli-aws.h"
#include "ca-cli.h"
#include "ca-error.h"
#include "ca-report.h"
#include "ca-route53-publish.h"
#include "ca-safe-text.h"

static char *publish_zone_id;
static gboolean publish_yes;
static gboolean publish_markdown;

GOptionEntry ca_cli_publish_entries[] = {
  { "zone-id", 0, 0, G_OPTION_ARG_STRING, &publish_zone_id,
    N_("Create the records only in this Route 53 hosted zone"), N_("ID") },
  { "yes", 0, 0, G_OPTION_ARG_NONE, &publish_yes,
    N_("Really create the records; without it, only show the plan"), NULL },
  { "markdown", 0, 0, G_OPTION_ARG_NONE, &publish_markdown,
    N_("Print a Markdown report, for a support ticket"), NULL },
  { NULL }
};

/*
 * The records
 */

/* The records ACM asks for: a DNS-validated request's, or those of a move to DNS
 * validation in progress (an issued email-validated certificate). */
static GPtrArray *
fetch_records (CaAcmClient  *client,
               const char   *arn,
               GError      **error)
{
  g_autoptr (CaAcmCertificate) certificate = NULL;
  g_autoptr (GPtrArray) migration = NULL;
  GPtrArray *records;

  certificate = ca_cli_aws_describe (client, arn, error);
  if (certificate == NULL)
    return NULL;
  records = ca_acm_records_from_validations (ca_acm_certificate_get_current_validations (certificate));
  if (records != NULL)
    return records;
  migration = ca_cli_aws_fetch_migration (client, certificate);
  records = migration != NULL ? ca_acm_records_from_validations (migration) : NULL;
  if (records == NULL)
    g_set_error_literal (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                         _("ACM has no DNS validation records for this certificate: it is not DNS-validated, or ACM has not published its records yet. Start the move with “certassist-cli migrate”, or try again in a minute."));
  return records;
}

/* The view that shows what the certificate authority will see: the public one, unless
 * the options ask for the local view alone (--view local, or DNS servers without root hints). */
static CaDnsResolver *
create_checking_resolver (CaCliOptions *options)
{
  g_autoptr (CaSession) session = ca_cli_create_session (options);

  if (ca_session_get_effective_view (session) == CA_DNS_VIEW_LOCAL)
    return ca_session_create_resolver (session);
  return ca_session_create_public_resolver (session);
}

/* Tests make the waiting short: CERTASSIST_POLL_MS, CERTASSIST_ROUTE53_DEADLINE (seconds). */
static void
apply_test_timings (CaRoute53Publish *publish)
{
  const char *poll = g_getenv ("CERTASSIST_POLL_MS");
  const char *deadline = g_getenv ("CERTASSIST_ROUTE53_DEADLINE");

  if (poll != NULL && *poll != '\0')
    ca_route53_publish_set_poll_interval (publish, (guint) strtoul (poll, NULL, 10));
  if (deadline != NULL && *deadline != '\0')
    ca_route53_publish_set_deadline (publish, (guint) strtoul (deadline, NULL, 10));
}

/*
 * Text and Markdown
 */

static const char *
describe_state (CaRoute53RecordState state)
{
  switch (state)
    {
    case CA_ROUTE53_RECORD_PLANNED:
      return _("to be created");
    case CA_ROUTE53_RECORD_NO_ZONE:
      return _("not created: no public hosted zone holds the name");
    case CA_ROUTE53_RECORD_PRIVATE_ONLY:
      return _("not created: only a private hosted zone holds the name");
    case CA_ROUTE53_RECORD_OUTSIDE_ZONE:
      return _("skipped: outside the hosted zone given with --zone-id");
    case CA_ROUTE53_RECORD_SUBMITTED:
      return _("sent to Route 53, not yet in sync on its name servers");
    case CA_ROUTE53_RECORD_INSYNC:
      return _("created and in sync on Route 53’s name servers; the public DNS does not show it yet");
    case CA_ROUTE53_RECORD_VISIBLE:
      return _("created, and the public DNS answers with it");
    case CA_ROUTE53_RECORD_FAILED:
    default:
      return _("not created: Route 53 did not take the change in time or refused it");
    }
}

/* Name and value without the final dot, as in the JSON. */
static char *
record_field (const char *text)
{
  g_autofree char *clean = ca_safe_text_clean (text, -1, CA_SAFE_TEXT_NO_BIDI);
  gsize len = strlen (clean);

  if (len > 0 && clean[len - 1] == '.')
    clean[len - 1] = '\0';
  return g_steal_pointer (&clean);
}

static char *
zone_label (CaRoute53Publish *publish,
            guint             index)
{
  const char *zone = ca_route53_publish_get_record_zone (publish, index);

  if (zone == NULL)
    return g_strdup ("—");
  return g_strdup_printf ("%s (%s)", zone, ca_route53_publish_get_record_zone_id (publish, index));
}

static void
print_plan_table (CaRoute53Publish *publish)
{
  guint n = ca_route53_publish_get_n_records (publish);
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  const char *headings[] = { _("Name"), _("Value"), _("Hosted zone") };
  guint widths[3];

  for (guint column = 0; column < 3; column++)
    widths[column] = ca_cli_text_width (headings[column]);
  for (guint i = 0; i < n; i++)
    {
      CaAcmRecord *record = ca_route53_publish_get_record (publish, i);
      char *row[] = { record_field (ca_acm_record_get_name (record)), record_field (ca_acm_record_get_value (record)),
                      zone_label (publish, i) };

      for (guint column = 0; column < 3; column++)
        {
          widths[column] = MAX (widths[column], ca_cli_text_width (row[column]));
          g_ptr_array_add (cells, row[column]);
        }
    }

  g_print (_("The certificate’s DNS validation records (CNAME) and their hosted zones in Amazon Route 53:\n"));
  for (guint column = 0; column < 3; column++)
    {
      g_print ("  ");
      ca_cli_print_padded (headings[column], column < 2 ? widths[column] : 0);
    }
  g_print ("\n");
  for (guint i = 0; i < n; i++)
    {
      for (guint column = 0; column < 3; column++)
        {
          g_print ("  ");
          ca_cli_print_padded (g_ptr_array_index (cells, i * 3 + column), column < 2 ? widths[column] : 0);
        }
      g_print ("\n");
    }
}

static void
print_findings_text (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      CaFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *message = ca_safe_text_clean (ca_finding_get_message (finding), -1, CA_SAFE_TEXT_DEFAULT);

      g_print ("[%s] %s\n    %s\n", ca_severity_get_label (ca_finding_get_severity (finding)), message,
               ca_finding_get_remedy (finding));
    }
}

static void
print_results_text (CaRoute53Publish *publish)
{
  guint n = ca_route53_publish_get_n_records (publish);

  g_print (_("\nWhat became of each record:\n"));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = record_field (ca_acm_record_get_name (ca_route53_publish_get_record (publish, i)));

      /* Translators: a record name, then what became of it ("created, and the public DNS answers with it") */
      g_print (_("  %s: %s\n"), name, describe_state (ca_route53_publish_get_record_state (publish, i)));
    }
  if (ca_route53_publish_get_published (publish))
    g_print (_("Every record is published: ACM will see them at its next check and validate the certificate.\n"));
}

static void
print_publish_text (CaRoute53Publish *publish)
{
  if (ca_route53_publish_has_changes (publish))
    print_plan_table (publish);
  else
    g_print (_("No record can be created in Route 53: no public hosted zone of this AWS account holds the names.\n"));
  print_findings_text (ca_route53_publish_get_findings (publish));
  if (!publish_yes)
    {
      if (ca_route53_publish_has_changes (publish))
        g_print (_("Nothing was changed. Add --yes to create these records.\n"));
      return;
    }
  print_results_text (publish);
}

static void
append_markdown_row (GString    *out,
                     const char *name,
                     const char *value,
                     const char *zone,
                     const char *state)
{
  g_autofree char *name_md = ca_report_escape_markdown (name);
  g_autofree char *value_md = ca_report_escape_markdown (value);
  g_autofree char *zone_md = ca_report_escape_markdown (zone);
  g_autofree char *state_md = ca_report_escape_markdown (state);

  g_string_append_printf (out, "| %s | %s | %s | %s |\n", name_md, value_md, zone_md, state_md);
}

static void
print_publish_markdown (CaRoute53Publish *publish,
                        const char       *arn)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *arn_md = ca_report_escape_markdown (arn);
  GPtrArray *findings = ca_route53_publish_get_findings (publish);
  guint n = ca_route53_publish_get_n_records (publish);

  g_string_append_printf (out, "# %s\n\n", _("DNS validation records in Amazon Route 53"));
  g_string_append_printf (out, _("Certificate: %s\n\n"), arn_md);
  g_string_append_printf (out, "| %s | %s | %s | %s |\n|---|---|---|---|\n", _("Name"), _("Value"), _("Hosted zone"),
                          _("State"));
  for (guint i = 0; i < n; i++)
    {
      CaAcmRecord *record = ca_route53_publish_get_record (publish, i);
      g_autofree char *name = record_field (ca_acm_record_get_name (record));
      g_autofree char *value = record_field (ca_acm_record_get_value (record));
      g_autofree char *zone = zone_label (publish, i);

      append_markdown_row (out, name, value, zone, describe_state (ca_route53_publish_get_record_state (publish, i)));
    }
  if (!publish_yes)
    g_string_append_printf (out, "\n%s\n", _("Nothing was changed: this is the plan."));
  if (findings->len > 0)
    g_string_append_printf (out, "\n## %s\n\n", _("Findings"));
  for (guint i = 0; i < findings->len; i++)
    {
      CaFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *message = ca_report_escape_markdown (ca_finding_get_message (finding));
      g_autofree char *remedy = ca_report_escape_markdown (ca_finding_get_remedy (finding));

      g_string_append_printf (out, "- **%s** %s %s\n", ca_severity_get_label (ca_finding_get_severity (finding)),
                              message, remedy);
    }
  g_print ("%s", out->str);
}

static void
print_publish_json (CaRoute53Publish *publish)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  ca_route53_publish_add_json (publish, builder);
  json_builder_end_object (builder);
  ca_cli_print_json_object (builder);
}

static void
print_publish (CaCliOptions     *options,
               CaRoute53Publish *publish,
               const char       *arn)
{
  if (options->json)
    print_publish_json (publish);
  else if (publish_markdown)
    print_publish_markdown (publish, arn);
  else
    print_publish_text (publish);
}

/*
 * The command
 */

static CaRoute53Publish *
create_publish (CaCliOptions  *options,
                CaAcmClient   *client,
                const char    *arn,
                GError       **error)
{
  CaAwsClient *aws = ca_acm_client_get_aws (client);
  g_autoptr (CaRoute53Client) route53 = NULL;
  g_autoptr (CaDnsResolver) resolver = NULL;
  g_autoptr (GPtrArray) records = NULL;
  CaRoute53Publish *publish;

  if (!ca_cli_check_dns_options (options, error) || (records = fetch_records (client, arn, error)) == NULL)
    return NULL;
  route53 = ca_route53_client_new (ca_aws_client_get_http (aws), ca_aws_client_get_credentials (aws), error);
  if (route53 == NULL)
    return NULL;
  resolver = create_checking_resolver (options);
  publish = ca_route53_publish_new (route53, records, publish_zone_id, resolver);
  apply_test_timings (publish);
  return publish;
}

static gboolean
plan (CaRoute53Publish  *publish,
      GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  GError *local_error = NULL;

  ca_route53_publish_plan_async (publish, NULL, ca_cli_store_result_cb, &result);
  if (ca_route53_publish_plan_finish (publish, ca_cli_wait_for_result (&result), &local_error))
    return TRUE;
  /* contract.md: an unknown or private --zone-id is `invalid_zone`. */
  if (publish_zone_id != NULL && g_error_matches (local_error, CA_ERROR, CA_ERROR_INVALID_INPUT))
    local_error->code = CA_ERROR_INVALID_ZONE;
  g_propagate_error (error, local_error);
  return FALSE;
}

int
ca_cli_publish_run (CaCliOptions *options,
                    int           argc,
                    char        **argv)
{
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (publish_markdown && options->json)
    return ca_cli_usage_error (options, _("Give --json or --markdown, not both."));
  client = ca_cli_aws_client_for_arn (options, argc, argv, _("Give exactly one certificate ARN."), &status);
  if (client == NULL)
    return status;
  publish = create_publish (options, client, argv[0], &error);
  if (publish == NULL || !plan (publish, &error))
    return ca_cli_fail (options, error);
  if (!publish_yes)
    {
      print_publish (options, publish, argv[0]);
      return 0;
    }

  ca_route53_publish_apply_async (publish, NULL, ca_cli_store_result_cb, &result);
  if (!ca_route53_publish_apply_finish (publish, ca_cli_wait_for_result (&result), &error) &&
      !g_error_matches (error, CA_ERROR, CA_ERROR_TIMEOUT))
    return ca_cli_fail (options, error);
  /* A change that never got in sync is still under way: the object says which. */
  print_publish (options, publish, argv[0]);
  if (error != NULL)
    {
      g_autofree char *message = ca_safe_text_clean (error->message, -1, CA_SAFE_TEXT_DEFAULT);

      /* Translators: the prefix of every error message of the command-line tool */
      g_printerr (_("certassist-cli: %s\n"), message);
      return ca_error_to_exit_status (error);
    }
  return 0;
}
