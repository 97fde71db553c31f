/* ca-cli-list.c: certassist-cli list [--status STATUS]...
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliList"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-certificate-check.h"
#include "ca-cli-aws.h"
#include "ca-cli.h"
#include "ca-error.h"

static const char *statuses[] = {
  "PENDING_VALIDATION", "ISSUED", "INACTIVE", "EXPIRED", "VALIDATION_TIMED_OUT", "REVOKED", "FAILED", NULL
};

static char **list_statuses;

GOptionEntry ca_cli_list_entries[] = {
  { "status", 0, 0, G_OPTION_ARG_STRING_ARRAY, &list_statuses,
    N_("Only certificates with this status (repeatable), such as PENDING_VALIDATION"), N_("STATUS") },
  { NULL }
};

static gboolean
normalize_statuses (char   **given,
                    GError **error)
{
  for (guint i = 0; given != NULL && given[i] != NULL; i++)
    {
      g_autofree char *upper = g_ascii_strup (given[i], -1);

      if (!g_strv_contains (statuses, upper))
        {
          g_set_error (error, CA_ERROR, CA_ERROR_USAGE,
                       _("Unknown status “%s”: use one of PENDING_VALIDATION, ISSUED, INACTIVE, EXPIRED, VALIDATION_TIMED_OUT, REVOKED, FAILED."),
                       given[i]);
          return FALSE;
        }
      g_free (given[i]);
      given[i] = g_steal_pointer (&upper);
    }
  return TRUE;
}

static void
print_list_json (GPtrArray *certificates)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "certificates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < certificates->len; i++)
    ca_acm_certificate_summary_to_json (g_ptr_array_index (certificates, i), builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  ca_cli_print_json_object (builder);
}

/* Each certificate on a line: its status in words, its domain, its ARN. The
 * columns are as wide as their widest cell, counted in terminal columns,
 * since the words differ in length from one language to the next. */
static void
print_list_text (GPtrArray *certificates)
{
  guint status_width = 0;
  guint domain_width = 0;

  if (certificates->len == 0)
    g_print (_("No certificates.\n"));
  for (guint i = 0; i < certificates->len; i++)
    {
      CaAcmCertificate *certificate = g_ptr_array_index (certificates, i);

      const char *status = ca_acm_status_get_label (ca_acm_certificate_get_status (certificate));

      status_width = MAX (status_width, ca_cli_text_width (status));
      domain_width = MAX (domain_width, ca_cli_text_width (ca_acm_certificate_get_domain (certificate)));
    }
  for (guint i = 0; i < certificates->len; i++)
    {
      CaAcmCertificate *certificate = g_ptr_array_index (certificates, i);
      const char *status = ca_acm_status_get_label (ca_acm_certificate_get_status (certificate));

      ca_cli_print_padded (status, status_width + 2);
      ca_cli_print_padded (ca_acm_certificate_get_domain (certificate), domain_width + 2);
      g_print ("%s%s\n", ca_acm_certificate_get_arn (certificate),
               /* Translators: shown after a certificate that AWS resources use */
               ca_acm_certificate_get_in_use (certificate) ? _(" (in use)") : "");
    }
}

int
ca_cli_list_run (CaCliOptions *options,
                 int           argc,
                 char        **argv)
{
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) certificates = NULL;
  g_autoptr (GError) error = NULL;

  if (argc != 0)
    return ca_cli_usage_error (options, _("“list” takes no names; filter with --status."));
  if (!normalize_statuses (list_statuses, &error) || (client = ca_cli_aws_create_client (options, &error)) == NULL)
    return ca_cli_fail (options, error);

  ca_acm_client_list_certificates_async (client, (const char * const *) list_statuses, NULL, ca_cli_store_result_cb, &result);
  certificates = ca_acm_client_list_certificates_finish (client, ca_cli_wait_for_result (&result), &error);
  if (certificates == NULL)
    return ca_cli_fail (options, error);

  if (options->json)
    print_list_json (certificates);
  else
    print_list_text (certificates);
  return 0;
}

