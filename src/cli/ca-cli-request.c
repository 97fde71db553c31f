/* ca-cli-request.c: certassist-cli request NAME... --method dns|email
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliRequest"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ca-cli-aws.h"
#include "ca-cli.h"
#include "ca-domain.h"
#include "ca-error.h"

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

      if (name == NULL || (i == 0 && !ca_domain_check_first_name (name, error)))
        {
          g_free (name);
          return FALSE;
        }
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
      (client = ca_cli_aws_create_client (options, &error)) == NULL)
    return ca_cli_fail (options, error);

  ca_acm_client_request_certificate_async (client, (const char * const *) names->pdata, method,
                                           request_validation_domain != NULL ? (const char * const *) domains->pdata : NULL,
                                           request_key_algorithm, NULL, NULL, ca_cli_store_result_cb, &result);
  arn = ca_acm_client_request_certificate_finish (client, ca_cli_wait_for_result (&result), &error);
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
