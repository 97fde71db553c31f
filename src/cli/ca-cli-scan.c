/* ca-cli-scan.c: certassist-cli scan [--regions LIST] [--all-methods]
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliScan"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-certificate-check.h"
#include "ca-cli.h"
#include "ca-error.h"
#include "ca-fleet-scan.h"
#include "ca-report.h"
#include "ca-safe-text.h"

static char *scan_regions;
static gboolean scan_all_methods;
static gboolean scan_markdown;

GOptionEntry ca_cli_scan_entries[] = {
  { "regions", 0, 0, G_OPTION_ARG_STRING, &scan_regions,
    N_("Comma-separated regions to scan, or “all” (the default)"), N_("LIST") },
  { "all-methods", 0, 0, G_OPTION_ARG_NONE, &scan_all_methods,
    N_("List every certificate, not only the email-validated ones"), NULL },
  { "markdown", 0, 0, G_OPTION_ARG_NONE, &scan_markdown,
    N_("Print a Markdown report, for a support ticket"), NULL },
  { NULL }
};

/* Returns: (transfer full) (nullable): the regions of --regions, %NULL for all */
static GStrv
parse_regions (const char *given)
{
  g_auto (GStrv) parts = NULL;
  g_autoptr (GStrvBuilder) regions = g_strv_builder_new ();
  g_autofree char *stripped = g_strstrip (g_strdup (given != NULL ? given : "all"));

  if (g_ascii_strcasecmp (stripped, "all") == 0)
    return NULL;
  parts = g_strsplit (stripped, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (regions, parts[i]);
  return g_strv_builder_end (regions);
}

static gboolean
any_region_answered (CaFleetScan *scan)
{
  const char * const *regions = ca_fleet_scan_get_regions (scan);

  for (guint i = 0; regions[i] != NULL; i++)
    if (ca_fleet_scan_get_region_state (scan, regions[i]) != CA_FLEET_REGION_ERROR)
      return TRUE;
  return FALSE;
}

/**
 * ca_cli_scan_fleet:
 * @regions_arg: (nullable): the value of --regions
 * @status: (out): the exit status when this returns %NULL
 *
 * Scans the regions and waits: what `scan` and `migrate --all` start with.
 */
CaFleetScan *
ca_cli_scan_fleet (CaCliOptions *options,
                   const char   *regions_arg,
                   int          *status)
{
  g_auto (GStrv) regions = parse_regions (regions_arg);
  g_autoptr (CaFleetScan) scan = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  scan = ca_fleet_scan_new ((const char * const *) regions, options->profile, (guint) MAX (options->timeout, 0), &error);
  if (scan == NULL)
    {
      *status = ca_cli_fail (options, error);
      return NULL;
    }
  ca_fleet_scan_run_async (scan, NULL, ca_cli_store_result_cb, &result);
  if (!ca_fleet_scan_run_finish (scan, ca_cli_wait_for_result (&result), &error))
    {
      *status = ca_cli_fail (options, error);
      return NULL;
    }
  if (!any_region_answered (scan))
    {
      g_set_error_literal (&error, CA_ERROR, CA_ERROR_NO_REGION_ANSWERED,
                           _("No region answered, so nothing is known about the certificates."));
      *status = ca_cli_fail (options, error);
      return NULL;
    }
  *status = 0;
  return g_steal_pointer (&scan);
}

/*
 * Counting
 */

typedef struct
{
  guint total;
  guint email_validated;
  guint migrate_now;
  guint request_dns;
} ScanSummary;

static ScanSummary
summarize (CaFleetScan *scan)
{
  GPtrArray *entries = ca_fleet_scan_get_entries (scan);
  const char * const *regions = ca_fleet_scan_get_regions (scan);
  ScanSummary summary = { 0 };

  for (guint i = 0; regions[i] != NULL; i++)
    summary.total += ca_fleet_scan_get_region_count (scan, regions[i]);
  for (guint i = 0; i < entries->len; i++)
    {
      CaFleetEntry *entry = g_ptr_array_index (entries, i);

      if (ca_fleet_entry_needs_listing (entry, FALSE))
        summary.email_validated++;
      if (entry->action == CA_FLEET_ACTION_MIGRATE)
        summary.migrate_now++;
      else if (entry->action == CA_FLEET_ACTION_REQUEST_DNS)
        summary.request_dns++;
    }
  return summary;
}

static char *
format_date (GDateTime *time,
             const char *format)
{
  g_autoptr (GDateTime) utc = time != NULL ? g_date_time_to_utc (time) : NULL;

  return utc != NULL ? g_date_time_format (utc, format) : NULL;
}

/*
 * JSON (contract.md, `scan`)
 */

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_entry_json (JsonBuilder  *builder,
                CaFleetEntry *entry)
{
  CaAcmCertificate *certificate = entry->certificate;
  g_autofree char *not_after = format_date (ca_acm_certificate_get_not_after (certificate), "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *deadline = format_date (entry->deadline, "%Y-%m-%d");

  json_builder_begin_object (builder);
  add_nullable_string (builder, "arn", ca_acm_certificate_get_arn (certificate));
  add_nullable_string (builder, "region", entry->region);
  add_nullable_string (builder, "domain", ca_acm_certificate_get_domain (certificate));
  add_strv (builder, "sans", ca_acm_certificate_get_sans (certificate));
  add_nullable_string (builder, "status", ca_acm_certificate_get_status (certificate));
  add_nullable_string (builder, "type", ca_acm_certificate_get_cert_type (certificate));
  add_nullable_string (builder, "validation_method", ca_acm_certificate_get_validation_method (certificate));
  add_nullable_string (builder, "not_after", not_after);
  add_strv (builder, "in_use_by", ca_acm_certificate_get_in_use_by (certificate));
  add_nullable_string (builder, "renewal_status", ca_acm_certificate_get_renewal_status (certificate));
  add_nullable_string (builder, "deadline", deadline);
  add_nullable_string (builder, "action", ca_fleet_action_to_string (entry->action));
  json_builder_end_object (builder);
}

static void
add_regions_json (JsonBuilder *builder,
                  CaFleetScan *scan)
{
  const char * const *regions = ca_fleet_scan_get_regions (scan);

  json_builder_set_member_name (builder, "regions");
  json_builder_begin_array (builder);
  for (guint i = 0; regions[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      add_nullable_string (builder, "region", regions[i]);
      add_nullable_string (builder, "state",
                           ca_fleet_region_state_to_string (ca_fleet_scan_get_region_state (scan, regions[i])));
      json_builder_set_member_name (builder, "certificates");
      json_builder_add_int_value (builder, ca_fleet_scan_get_region_count (scan, regions[i]));
      add_nullable_string (builder, "message", ca_fleet_scan_get_region_message (scan, regions[i]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_summary_json (JsonBuilder *builder,
                  ScanSummary *summary)
{
  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, summary->total);
  json_builder_set_member_name (builder, "email_validated");
  json_builder_add_int_value (builder, summary->email_validated);
  json_builder_set_member_name (builder, "migrate_now");
  json_builder_add_int_value (builder, summary->migrate_now);
  json_builder_set_member_name (builder, "request_dns");
  json_builder_add_int_value (builder, summary->request_dns);
  json_builder_set_member_name (builder, "no_action");
  json_builder_add_int_value (builder, summary->total - summary->migrate_now - summary->request_dns);
  json_builder_end_object (builder);
}

static void
print_scan_json (CaFleetScan *scan)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  GPtrArray *entries = ca_fleet_scan_get_entries (scan);
  ScanSummary summary = summarize (scan);

  json_builder_begin_object (builder);
  add_regions_json (builder, scan);
  json_builder_set_member_name (builder, "complete");
  json_builder_add_boolean_value (builder, ca_fleet_scan_is_complete (scan));
  json_builder_set_member_name (builder, "certificates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    if (ca_fleet_entry_needs_listing (g_ptr_array_index (entries, i), scan_all_methods))
      add_entry_json (builder, g_ptr_array_index (entries, i));
  json_builder_end_array (builder);
  add_summary_json (builder, &summary);
  json_builder_end_object (builder);
  ca_cli_print_json_object (builder);
}

/*
 * Words
 */

static const char *
describe_action (CaFleetAction action)
{
  switch (action)
    {
    case CA_FLEET_ACTION_MIGRATE:
      return _("Move to DNS validation (certassist-cli migrate)");
    case CA_FLEET_ACTION_IN_PROGRESS:
      return _("Moving to DNS validation: publish its records");
    case CA_FLEET_ACTION_REQUEST_DNS:
      return _("Request a new DNS-validated certificate");
    case CA_FLEET_ACTION_NONE:
    default:
      return _("Nothing to do");
    }
}

/* Returns: (transfer full): how the region answered, in words */
static char *
describe_region (CaFleetScan *scan,
                 const char  *region)
{
  guint count = ca_fleet_scan_get_region_count (scan, region);
  g_autofree char *message = ca_safe_text_clean (ca_fleet_scan_get_region_message (scan, region) ?: "", -1,
                                                 CA_SAFE_TEXT_DEFAULT);

  switch (ca_fleet_scan_get_region_state (scan, region))
    {
    case CA_FLEET_REGION_OK:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u certificate", "%u certificates", count), count);
    case CA_FLEET_REGION_NOT_ENABLED:
      return g_strdup (_("not enabled for this account"));
    case CA_FLEET_REGION_DENIED:
      /* Translators: %s is AWS's explanation */
      return g_strdup_printf (_("access denied: %s"), message);
    case CA_FLEET_REGION_ERROR:
    case CA_FLEET_REGION_RUNNING:
    default:
      /* Translators: %s says why the region could not be scanned */
      return g_strdup_printf (_("not scanned completely: %s"), message);
    }
}

static char *
clean (const char *text)
{
  return ca_safe_text_clean (text != NULL ? text : "", -1, CA_SAFE_TEXT_NO_BIDI);
}

static void
print_scan_text (CaFleetScan *scan)
{
  const char * const *regions = ca_fleet_scan_get_regions (scan);
  GPtrArray *entries = ca_fleet_scan_get_entries (scan);
  ScanSummary summary = summarize (scan);
  guint listed = 0;

  g_print (_("Regions:\n"));
  for (guint i = 0; regions[i] != NULL; i++)
    {
      g_autofree char *state = describe_region (scan, regions[i]);

      g_print ("  %-16s %s\n", regions[i], state);
    }
  g_print ("\n");
  for (guint i = 0; i < entries->len; i++)
    {
      CaFleetEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *deadline = format_date (entry->deadline, "%Y-%m-%d");
      g_autofree char *domain = clean (ca_acm_certificate_get_domain (entry->certificate));
      g_autofree char *arn = clean (ca_acm_certificate_get_arn (entry->certificate));

      if (!ca_fleet_entry_needs_listing (entry, scan_all_methods))
        continue;
      listed++;
      /* Translators: shown instead of a date for a certificate without a deadline */
      g_print ("%-10s  %s  %s\n", deadline != NULL ? deadline : _("none"), domain, describe_action (entry->action));
      g_print ("            %s\n", arn);
    }
  if (listed == 0)
    g_print (_("No email-validated certificates.\n"));
  g_print ("\n");
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "%u certificate, %u validated by email: %u to move to DNS validation, %u to request again with DNS validation.\n",
                        "%u certificates, %u validated by email: %u to move to DNS validation, %u to request again with DNS validation.\n",
                        summary.total),
           summary.total, summary.email_validated, summary.migrate_now, summary.request_dns);
  if (!ca_fleet_scan_is_complete (scan))
    g_print (_("This result is partial: some regions could not be scanned, so certificates may be missing.\n"));
}

static void
print_scan_markdown (CaFleetScan *scan)
{
  const char * const *regions = ca_fleet_scan_get_regions (scan);
  GPtrArray *entries = ca_fleet_scan_get_entries (scan);
  ScanSummary summary = summarize (scan);
  g_autoptr (GString) out = g_string_new (NULL);

  g_string_append_printf (out, "# %s\n\n", _("Certificates before the email validation deadlines"));
  if (!ca_fleet_scan_is_complete (scan))
    g_string_append_printf (out, "**%s**\n\n", _("This result is partial: some regions could not be scanned, so certificates may be missing."));
  g_string_append_printf (out, "## %s\n\n", _("Regions"));
  for (guint i = 0; regions[i] != NULL; i++)
    {
      g_autofree char *state = describe_region (scan, regions[i]);
      g_autofree char *escaped = ca_report_escape_markdown (state);

      g_string_append_printf (out, "- `%s`: %s\n", regions[i], escaped);
    }
  g_string_append_printf (out, "\n## %s\n\n", _("Certificates"));
  for (guint i = 0; i < entries->len; i++)
    {
      CaFleetEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *deadline = format_date (entry->deadline, "%Y-%m-%d");
      g_autofree char *domain = ca_report_escape_markdown (ca_acm_certificate_get_domain (entry->certificate) ?: "");
      g_autofree char *arn = ca_report_escape_markdown (ca_acm_certificate_get_arn (entry->certificate) ?: "");

      if (!ca_fleet_entry_needs_listing (entry, scan_all_methods))
        continue;
      g_string_append_printf (out, "- **%s** (%s, %s): %s — %s\n  %s\n", domain, entry->region,
                              ca_acm_status_get_label (ca_acm_certificate_get_status (entry->certificate)),
                              deadline != NULL ? deadline : _("none"), describe_action (entry->action), arn);
    }
  g_string_append_c (out, '\n');
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                        "%u certificate, %u validated by email: %u to move to DNS validation, %u to request again with DNS validation.\n",
                        "%u certificates, %u validated by email: %u to move to DNS validation, %u to request again with DNS validation.\n",
                        summary.total),
                          summary.total, summary.email_validated, summary.migrate_now, summary.request_dns);
  g_print ("%s", out->str);
}

int
ca_cli_scan_run (CaCliOptions *options,
                 int           argc,
                 char        **argv)
{
  g_autoptr (CaFleetScan) scan = NULL;
  int status;

  if (argc != 0)
    return ca_cli_usage_error (options, _("“scan” takes no names; choose regions with --regions."));
  if (scan_markdown && options->json)
    return ca_cli_usage_error (options, _("Give --json or --markdown, not both."));
  scan = ca_cli_scan_fleet (options, scan_regions, &status);
  if (scan == NULL)
    return status;

  if (options->json)
    print_scan_json (scan);
  else if (scan_markdown)
    print_scan_markdown (scan);
  else
    print_scan_text (scan);
  return 0;
}
