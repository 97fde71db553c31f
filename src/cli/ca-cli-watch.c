/* ca-cli-watch.c: certassist-cli watch ARN
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliWatch"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ca-certificate-check.h"
#include "ca-cli-aws.h"
#include "ca-cli.h"
#include "ca-error.h"

static int watch_interval;
static int watch_max_wait;

GOptionEntry ca_cli_watch_entries[] = {
  { "interval", 0, 0, G_OPTION_ARG_INT, &watch_interval, N_("Seconds between two looks (default 10)"), N_("SECONDS") },
  { "max-wait", 0, 0, G_OPTION_ARG_INT, &watch_max_wait, N_("Give up after this many seconds (default: never)"), N_("SECONDS") },
  { NULL }
};

static void
print_compact_json (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  fprintf (stdout, "%s\n", text);
  fflush (stdout);
}

static gboolean
is_final_status (const char *status)
{
  static const char *final[] = {
    "ISSUED", "FAILED", "VALIDATION_TIMED_OUT", "REVOKED", "EXPIRED", "INACTIVE", NULL
  };

  return status != NULL && g_strv_contains (final, status);
}

/* What a change means: the certificate's status and each name's. */
static char *
state_key (CaAcmCertificate *certificate)
{
  GPtrArray *validations = ca_acm_certificate_get_validations (certificate);
  GString *key = g_string_new (ca_acm_certificate_get_status (certificate));

  for (guint i = 0; i < validations->len; i++)
    g_string_append_printf (key, "|%s", ca_acm_domain_validation_get_status (g_ptr_array_index (validations, i)));
  return g_string_free (key, FALSE);
}

static void
print_validation_text (CaAcmDomainValidation *validation)
{
  /* Translators: a name of the certificate and where its validation stands, such as
   * "www.example.com: Waiting for someone to approve the mail" */
  g_print (_("  %s: %s\n"), ca_acm_domain_validation_get_name (validation),
           ca_acm_validation_get_label (ca_acm_domain_validation_get_status (validation),
                                        ca_acm_domain_validation_get_method (validation)));
}

static void
print_watch_line (CaCliOptions     *options,
                  CaAcmCertificate *certificate)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  GPtrArray *validations = ca_acm_certificate_get_validations (certificate);

  if (!options->json)
    {
      /* Translators: a time, a domain, then its status in words, such as "Waiting for validation" */
      g_print (_("%s  %s: %s\n"), at, ca_acm_certificate_get_domain (certificate),
               ca_acm_status_get_label (ca_acm_certificate_get_status (certificate)));
      /* A line comes when a name's status changes too: each name says where it stands. */
      for (guint i = 0; i < validations->len; i++)
        print_validation_text (g_ptr_array_index (validations, i));
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "arn");
  json_builder_add_string_value (builder, ca_acm_certificate_get_arn (certificate));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, ca_acm_certificate_get_status (certificate));
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, at);
  json_builder_set_member_name (builder, "validations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < validations->len; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, ca_acm_domain_validation_get_name (g_ptr_array_index (validations, i)));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, ca_acm_domain_validation_get_status (g_ptr_array_index (validations, i)) ?: "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  print_compact_json (builder);
}

int
ca_cli_watch_run (CaCliOptions *options,
                  int           argc,
                  char        **argv)
{
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *last = NULL;
  gint64 deadline;
  int status;

  client = ca_cli_aws_client_for_arn (options, argc, argv, _("Give exactly one certificate ARN."), &status);
  if (client == NULL)
    return status;

  deadline = watch_max_wait > 0 ? g_get_monotonic_time () + (gint64) watch_max_wait * G_USEC_PER_SEC : G_MAXINT64;
  for (;;)
    {
      g_autoptr (CaAcmCertificate) certificate = ca_cli_aws_describe (client, argv[0], &error);
      g_autofree char *key = NULL;

      if (certificate == NULL)
        return ca_cli_fail (options, error);
      key = state_key (certificate);
      if (g_strcmp0 (key, last) != 0)
        print_watch_line (options, certificate);
      g_free (last);
      last = g_steal_pointer (&key);
      if (is_final_status (ca_acm_certificate_get_status (certificate)))
        return 0;
      if (g_get_monotonic_time () >= deadline)
        {
          g_set_error_literal (&error, CA_ERROR, CA_ERROR_TIMEOUT,
                               _("The certificate did not reach a final status within --max-wait."));
          return ca_cli_fail (options, error);
        }
      ca_cli_aws_pause (watch_interval);
    }
}

