/* ca-cli-acm.c: certassist-cli list, describe, resend, request, migrate, delete, watch
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliAcm"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca-acm-client.h"
#include "ca-acm-findings.h"
#include "ca-cli-acm.h"
#include "ca-cli.h"
#include "ca-domain.h"
#include "ca-error.h"

#define DEFAULT_POLL_SECONDS 10
#define MIGRATE_MAX_WAIT_SECONDS (10 * 60)

static const char *statuses[] = {
  "PENDING_VALIDATION", "ISSUED", "INACTIVE", "EXPIRED", "VALIDATION_TIMED_OUT", "REVOKED", "FAILED", NULL
};

/*
 * Shared helpers
 */

static CaAcmClient *
create_client (CaCliOptions  *options,
               GError       **error)
{
  return ca_acm_client_new (options->profile, options->region, (guint) MAX (options->timeout, 0), error);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The CLI runs one operation at a time: spin the main context until it ends. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
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

static gboolean
sleep_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
sleep_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, sleep_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static int
require_one_arn (CaCliOptions  *options,
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

static CaAcmCertificate *
describe (CaAcmClient  *client,
          const char   *arn,
          GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_acm_client_describe_certificate_async (client, arn, NULL, store_result_cb, &result);
  return ca_acm_client_describe_certificate_finish (client, wait_for (&result), error);
}

static void
print_compact_json (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  fprintf (stdout, "%s\n", text);
  fflush (stdout);
}

static char *
format_time (GDateTime *time)
{
  g_autoptr (GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("—");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/*
 * list
 */

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

static void
print_list_text (GPtrArray *certificates)
{
  if (certificates->len == 0)
    g_print (_("No certificates.\n"));
  for (guint i = 0; i < certificates->len; i++)
    {
      CaAcmCertificate *certificate = g_ptr_array_index (certificates, i);

      g_print ("%-22s %-40s %s%s\n", ca_acm_certificate_get_status (certificate),
               ca_acm_certificate_get_domain (certificate), ca_acm_certificate_get_arn (certificate),
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
  if (!normalize_statuses (list_statuses, &error) || (client = create_client (options, &error)) == NULL)
    return ca_cli_fail (options, error);

  ca_acm_client_list_certificates_async (client, (const char * const *) list_statuses, NULL, store_result_cb, &result);
  certificates = ca_acm_client_list_certificates_finish (client, wait_for (&result), &error);
  if (certificates == NULL)
    return ca_cli_fail (options, error);

  if (options->json)
    print_list_json (certificates);
  else
    print_list_text (certificates);
  return 0;
}

/*
 * describe
 */

GOptionEntry ca_cli_describe_entries[] = {
  { NULL }
};

/* The migration's state, only where one can run: an issued email certificate. */
static GPtrArray *
fetch_migration (CaAcmClient      *client,
                 CaAcmCertificate *certificate)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *migration;

  if (g_strcmp0 (ca_acm_certificate_get_status (certificate), "ISSUED") != 0 ||
      g_strcmp0 (ca_acm_certificate_get_validation_method (certificate), "EMAIL") != 0)
    return NULL;
  ca_acm_client_list_domain_validations_async (client, ca_acm_certificate_get_arn (certificate), NULL,
                                               store_result_cb, &result);
  migration = ca_acm_client_list_domain_validations_finish (client, wait_for (&result), &error);
  if (migration == NULL)
    g_debug ("No migration state: %s", error->message);
  return migration;
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

  g_print (_("  %s: %s by %s\n"), ca_acm_domain_validation_get_name (validation),
           ca_acm_domain_validation_get_status (validation) ?: "—",
           ca_acm_domain_validation_get_method (validation) ?: "—");
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

  g_print (_("Certificate: %s\n"), ca_acm_certificate_get_arn (certificate));
  g_print (_("Domain: %s\n"), ca_acm_certificate_get_domain (certificate));
  g_print (_("Status: %s\n"), ca_acm_certificate_get_status (certificate));
  if (ca_acm_certificate_get_failure_reason (certificate) != NULL)
    g_print (_("Failure reason: %s\n"), ca_acm_certificate_get_failure_reason (certificate));
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

      g_print ("[%s] %s\n    %s\n", ca_severity_to_string (ca_finding_get_severity (finding)),
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

  status = require_one_arn (options, argc, argv, _("Give exactly one certificate ARN."));
  if (status != 0)
    return status;
  if ((client = create_client (options, &error)) == NULL ||
      (certificate = describe (client, argv[0], &error)) == NULL)
    return ca_cli_fail (options, error);

  migration = fetch_migration (client, certificate);
  findings = ca_acm_findings_for_certificate (certificate, migration, NULL);
  if (options->json)
    print_describe_json (certificate, findings);
  else
    print_describe_text (certificate, findings);
  return 0;
}

/*
 * resend
 */

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
  g_autoptr (CaAcmCertificate) certificate = describe (client, arn, error);
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

  status = require_one_arn (options, argc, argv, _("Give exactly one certificate ARN and --name NAME."));
  if (status != 0)
    return status;
  if (resend_name == NULL)
    return ca_cli_usage_error (options, _("Say which name’s mail to resend with --name NAME."));
  if ((name = ca_domain_normalize (resend_name, &error)) == NULL ||
      (resend_validation_domain != NULL &&
       (validation_domain = ca_domain_check_validation_domain (name, resend_validation_domain, &error)) == NULL) ||
      (client = create_client (options, &error)) == NULL ||
      (validation_domain == NULL &&
       (validation_domain = original_validation_domain (client, argv[0], name, &error)) == NULL))
    return ca_cli_fail (options, error);

  ca_acm_client_resend_validation_email_async (client, argv[0], name, validation_domain, NULL, store_result_cb, &result);
  if (!ca_acm_client_resend_validation_email_finish (client, wait_for (&result), &error))
    return ca_cli_fail (options, error);

  print_resend (options, name, validation_domain);
  return 0;
}

/*
 * request
 */

static char *request_method;
static char *request_validation_domain;
static char *request_key_algorithm;

GOptionEntry ca_cli_request_entries[] = {
  { "method", 0, 0, G_OPTION_ARG_STRING, &request_method, N_("How to prove control: dns (recommended) or email"), N_("METHOD") },
  { "validation-domain", 0, 0, G_OPTION_ARG_STRING, &request_validation_domain,
    N_("For email: the domain whose addresses get the mail (the names or a parent)"), N_("DOMAIN") },
  { "key-algorithm", 0, 0, G_OPTION_ARG_STRING, &request_key_algorithm,
    N_("RSA_2048 (default), EC_prime256v1 or EC_secp384r1"), N_("ALGORITHM") },
  { NULL }
};

static const char *key_algorithms[] = { "RSA_2048", "EC_prime256v1", "EC_secp384r1", NULL };

static gboolean
check_request_options (const char  **method,
                       GError      **error)
{
  if (g_ascii_strcasecmp (request_method != NULL ? request_method : "", "dns") == 0)
    *method = "DNS";
  else if (g_ascii_strcasecmp (request_method != NULL ? request_method : "", "email") == 0)
    *method = "EMAIL";
  else
    {
      g_set_error_literal (error, CA_ERROR, CA_ERROR_USAGE, _("Choose --method dns or --method email."));
      return FALSE;
    }
  if (request_validation_domain != NULL && strcmp (*method, "EMAIL") != 0)
    {
      g_set_error_literal (error, CA_ERROR, CA_ERROR_USAGE, _("--validation-domain applies to email validation only."));
      return FALSE;
    }
  if (request_key_algorithm != NULL && !g_strv_contains (key_algorithms, request_key_algorithm))
    {
      g_set_error (error, CA_ERROR, CA_ERROR_USAGE,
                   _("Unknown key algorithm “%s”: use RSA_2048, EC_prime256v1 or EC_secp384r1."), request_key_algorithm);
      return FALSE;
    }
  return TRUE;
}

/* Normalises every name and checks the validation domain against each. */
static gboolean
prepare_names (int          argc,
               char       **argv,
               GPtrArray   *names,
               GPtrArray   *domains,
               GError     **error)
{
  for (int i = 0; i < argc; i++)
    {
      char *name = ca_domain_normalize (argv[i], error);
      char *domain = NULL;

      if (name == NULL)
        return FALSE;
      g_ptr_array_add (names, name);
      if (request_validation_domain != NULL &&
          (domain = ca_domain_check_validation_domain (name, request_validation_domain, error)) == NULL)
        return FALSE;
      g_ptr_array_add (domains, domain);
    }
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (domains, NULL);
  return TRUE;
}

int
ca_cli_request_run (CaCliOptions *options,
                    int           argc,
                    char        **argv)
{
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) domains = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *arn = NULL;
  const char *method = NULL;

  if (argc < 1)
    return ca_cli_usage_error (options, _("Give at least one name, for example: certassist-cli request example.com www.example.com --method dns"));
  if (!check_request_options (&method, &error) ||
      !prepare_names (argc, argv, names, domains, &error) ||
      (client = create_client (options, &error)) == NULL)
    return ca_cli_fail (options, error);

  ca_acm_client_request_certificate_async (client, (const char * const *) names->pdata, method,
                                           request_validation_domain != NULL ? (const char * const *) domains->pdata : NULL,
                                           request_key_algorithm, NULL, store_result_cb, &result);
  arn = ca_acm_client_request_certificate_finish (client, wait_for (&result), &error);
  if (arn == NULL)
    return ca_cli_fail (options, error);

  if (!options->json)
    {
      g_print (_("Requested: %s\n"), arn);
      return 0;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "arn");
  json_builder_add_string_value (builder, arn);
  json_builder_end_object (builder);
  ca_cli_print_json_object (builder);
  return 0;
}

/*
 * migrate
 */

GOptionEntry ca_cli_migrate_entries[] = {
  { NULL }
};

/* NULL while ACM has not published every name's record yet. */
static GPtrArray *
published_records (GPtrArray *validations)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < validations->len; i++)
    {
      CaAcmDomainValidation *validation = g_ptr_array_index (validations, i);
      gboolean seen = FALSE;

      if (g_strcmp0 (ca_acm_domain_validation_get_method (validation), "DNS") != 0 ||
          ca_acm_domain_validation_get_record_name (validation) == NULL)
        return NULL;
      /* A wildcard and its base name share one record. */
      for (guint j = 0; j < records->len && !seen; j++)
        seen = g_strcmp0 (ca_acm_domain_validation_get_record_name (g_ptr_array_index (records, j)),
                          ca_acm_domain_validation_get_record_name (validation)) == 0;
      if (!seen)
        g_ptr_array_add (records, g_object_ref (validation));
    }
  return records->len > 0 ? g_steal_pointer (&records) : NULL;
}

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

      ca_acm_client_list_domain_validations_async (client, arn, NULL, store_result_cb, &result);
      validations = ca_acm_client_list_domain_validations_finish (client, wait_for (&result), error);
      if (validations == NULL)
        return NULL;
      if ((records = published_records (validations)) != NULL)
        return records;
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error_literal (error, CA_ERROR, CA_ERROR_TIMEOUT,
                               _("ACM started the move to DNS validation but has not published the records yet. Run “certassist-cli describe” later to see them."));
          return NULL;
        }
      sleep_ms (poll_interval_ms (2));
    }
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
        g_print ("  %s %s %s\n", ca_acm_domain_validation_get_record_name (g_ptr_array_index (records, i)),
                 ca_acm_domain_validation_get_record_type (g_ptr_array_index (records, i)) ?: "CNAME",
                 ca_acm_domain_validation_get_record_value (g_ptr_array_index (records, i)));
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "arn");
  json_builder_add_string_value (builder, arn);
  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    ca_acm_record_to_json (g_ptr_array_index (records, i), builder);
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

  status = require_one_arn (options, argc, argv, _("Give exactly one certificate ARN."));
  if (status != 0)
    return status;
  if ((client = create_client (options, &error)) == NULL)
    return ca_cli_fail (options, error);

  ca_acm_client_migrate_to_dns_async (client, argv[0], NULL, store_result_cb, &result);
  if (!ca_acm_client_migrate_to_dns_finish (client, wait_for (&result), &error) ||
      (records = wait_for_records (client, argv[0], &error)) == NULL)
    return ca_cli_fail (options, error);

  print_migrate (options, argv[0], records);
  return 0;
}

/*
 * delete
 */

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

  status = require_one_arn (options, argc, argv, _("Give exactly one certificate ARN."));
  if (status != 0)
    return status;
  if (!delete_yes)
    return ca_cli_usage_error (options, _("Deleting a certificate cannot be undone: add --yes to confirm."));
  if ((client = create_client (options, &error)) == NULL)
    return ca_cli_fail (options, error);

  ca_acm_client_delete_certificate_async (client, argv[0], NULL, store_result_cb, &result);
  if (!ca_acm_client_delete_certificate_finish (client, wait_for (&result), &error))
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

/*
 * watch
 */

static int watch_interval;
static int watch_max_wait;

GOptionEntry ca_cli_watch_entries[] = {
  { "interval", 0, 0, G_OPTION_ARG_INT, &watch_interval, N_("Seconds between two looks (default 10)"), N_("SECONDS") },
  { "max-wait", 0, 0, G_OPTION_ARG_INT, &watch_max_wait, N_("Give up after this many seconds (default: never)"), N_("SECONDS") },
  { NULL }
};

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
print_watch_line (CaCliOptions     *options,
                  CaAcmCertificate *certificate)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  GPtrArray *validations = ca_acm_certificate_get_validations (certificate);

  if (!options->json)
    {
      g_print (_("%s  %s is %s\n"), at, ca_acm_certificate_get_domain (certificate), ca_acm_certificate_get_status (certificate));
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

  status = require_one_arn (options, argc, argv, _("Give exactly one certificate ARN."));
  if (status != 0)
    return status;
  if ((client = create_client (options, &error)) == NULL)
    return ca_cli_fail (options, error);

  deadline = watch_max_wait > 0 ? g_get_monotonic_time () + (gint64) watch_max_wait * G_USEC_PER_SEC : G_MAXINT64;
  for (;;)
    {
      g_autoptr (CaAcmCertificate) certificate = describe (client, argv[0], &error);
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
      sleep_ms (poll_interval_ms (watch_interval));
    }
}

/*
 * diagnose --arn: the certificate's truth in the diagnosis
 */

/**
 * ca_cli_acm_describe_for_diagnosis:
 * @findings: (out): the findings from the certificate's state
 *
 * Describes @arn (and, for an issued email certificate, its migration state).
 */
CaAcmCertificate *
ca_cli_acm_describe_for_diagnosis (CaCliOptions  *options,
                                   const char    *arn,
                                   GPtrArray    **findings,
                                   GError       **error)
{
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (CaAcmCertificate) certificate = NULL;
  g_autoptr (GPtrArray) migration = NULL;

  if (!ca_acm_check_arn (arn, error) || (client = create_client (options, error)) == NULL ||
      (certificate = describe (client, arn, error)) == NULL)
    return NULL;
  migration = fetch_migration (client, certificate);
  *findings = ca_acm_findings_for_certificate (certificate, migration, NULL);
  return g_steal_pointer (&certificate);
}

/* ACM's ValidationDomain for @name when it moves the mail elsewhere, else %NULL:
 * ACM writes the name itself there by default, and still strips `www`. */
const char *
ca_cli_acm_validation_domain (CaAcmCertificate *certificate,
                              const char       *name)
{
  g_autofree char *normal = ca_domain_normalize (name, NULL);
  CaAcmDomainValidation *validation;
  const char *domain;

  if (normal == NULL || (validation = ca_acm_certificate_find_validation (certificate, normal)) == NULL)
    return NULL;
  domain = ca_acm_domain_validation_get_validation_domain (validation);
  if (domain == NULL || g_ascii_strcasecmp (domain, normal) == 0 ||
      !ca_domain_is_superdomain_or_equal (domain, normal))
    return NULL;
  return domain;
}

static void
merge_name (CaDiagnosis      *diagnosis,
            CaAcmCertificate *certificate,
            const char       *name)
{
  CaAcmDomainValidation *validation = ca_acm_certificate_find_validation (certificate, name);

  if (validation == NULL)
    {
      g_autoptr (CaFinding) finding =
        ca_finding_new_printf (CA_FINDING_CERT_NAME_MISSING, name,
                               _("The certificate %s does not cover %s."),
                               ca_acm_certificate_get_domain (certificate), name);

      ca_diagnosis_add_finding (diagnosis, finding);
      return;
    }
  if (ca_acm_domain_validation_get_record_name (validation) != NULL)
    ca_diagnosis_set_validation_record (diagnosis, name,
                                        ca_acm_domain_validation_get_record_name (validation),
                                        ca_acm_domain_validation_get_record_value (validation));
}

/* Call between adding the names and running the diagnosis. */
void
ca_cli_acm_merge_into_diagnosis (CaDiagnosis      *diagnosis,
                                 CaAcmCertificate *certificate,
                                 GPtrArray        *findings)
{
  GListModel *names = ca_diagnosis_get_names (diagnosis);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (names, i);

      merge_name (diagnosis, certificate, ca_name_report_get_name (report));
    }
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    ca_diagnosis_add_finding (diagnosis, g_ptr_array_index (findings, i));

  ca_acm_certificate_to_json (certificate, builder);
  node = json_builder_get_root (builder);
  ca_diagnosis_set_json_member (diagnosis, "certificate", node);
}

static const char *
member_or_dash (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : "—";
}

/* The text form of diagnose --arn starts with what ACM says, from the report's
 * `certificate` object. */
void
ca_cli_acm_print_certificate_summary (JsonNode *certificate)
{
  JsonObject *object;
  JsonArray *validations;

  if (!JSON_NODE_HOLDS_OBJECT (certificate))
    return;
  object = json_node_get_object (certificate);
  g_print (_("Certificate: %s\n"), member_or_dash (object, "arn"));
  g_print (_("Status: %s\n"), member_or_dash (object, "status"));
  if (json_object_has_member (object, "resend_deadline") && !json_object_get_null_member (object, "resend_deadline"))
    g_print (_("Resend possible until: %s\n"), member_or_dash (object, "resend_deadline"));
  validations = json_object_get_array_member (object, "validations");
  for (guint i = 0; validations != NULL && i < json_array_get_length (validations); i++)
    {
      JsonObject *validation = json_array_get_object_element (validations, i);
      JsonArray *emails = json_object_get_array_member (validation, "emails");

      g_print (_("  %s: %s by %s\n"), member_or_dash (validation, "name"), member_or_dash (validation, "status"),
               member_or_dash (validation, "method"));
      for (guint j = 0; emails != NULL && j < json_array_get_length (emails); j++)
        g_print ("    %s\n", json_array_get_string_element (emails, j));
    }
  g_print ("\n");
}
