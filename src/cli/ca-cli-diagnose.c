/* ca-cli-diagnose.c: certassist-cli diagnose NAME...
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliDiagnose"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-cli-aws.h"
#include "ca-cli.h"
#include "ca-diagnosis.h"
#include "ca-error.h"
#include "ca-rdap-client.h"
#include "ca-report.h"
#include "ca-session.h"
#include "ca-whois-client.h"

static char *validation_domain_arg;
static char *arn_arg;
static gboolean markdown_arg;

GOptionEntry ca_cli_diagnose_entries[] = {
  { "arn", 0, 0, G_OPTION_ARG_STRING, &arn_arg,
    N_("Also take ACM’s view of this certificate: its mail addresses, records and state"), N_("ARN") },
  { "validation-domain", 0, 0, G_OPTION_ARG_STRING, &validation_domain_arg,
    N_("Domain whose addresses ACM mails instead (the names or a parent)"), N_("DOMAIN") },
  { "markdown", 0, 0, G_OPTION_ARG_NONE, &markdown_arg,
    N_("Print a Markdown report, for a support ticket"), NULL },
  { NULL }
};

static gboolean
check_servers (CaCliOptions  *options,
               GError       **error)
{
  if (!ca_cli_check_dns_options (options, error))
    return FALSE;
  for (guint i = 0; options->dns_servers != NULL && options->dns_servers[i] != NULL; i++)
    if (!ca_dns_check_server (options->dns_servers[i], error))
      return FALSE;
  if (options->whois_server != NULL && !ca_whois_check_server (options->whois_server, error))
    return FALSE;
  if (options->rdap_bootstrap != NULL && !ca_rdap_check_bootstrap (options->rdap_bootstrap, error))
    return FALSE;
  return TRUE;
}

static CaDiagnosis *
create_diagnosis (CaCliOptions        *options,
                  const char * const  *names,
                  CaAcmCertificate    *certificate,
                  GPtrArray           *migration,
                  GError             **error)
{
  g_autoptr (CaSession) session = ca_cli_create_session (options);
  CaDiagnosis *diagnosis;

  diagnosis = ca_session_create_diagnosis (session, names, validation_domain_arg, certificate, migration, error);
  if (diagnosis == NULL)
    return NULL;
  if (options->checks != NULL && !ca_diagnosis_select_checks (diagnosis, options->checks, error))
    return NULL;
  return g_object_ref (diagnosis);
}

/*
 * Text output: every check prints the facts it describes itself with.
 */

static void
print_check (CaCheck    *check,
             const char *indent)
{
  g_autoptr (GPtrArray) facts = ca_check_describe (check);

  if (facts->len == 0)
    return;
  g_print ("%s%s\n", indent, ca_check_get_title (check));
  for (guint i = 0; i < facts->len; i++)
    {
      g_autofree char *text = ca_fact_to_text (g_ptr_array_index (facts, i));

      g_print ("%s  %s\n", indent, text);
    }
}

/* The checks about @name, or with %NULL those about the whole request. */
static void
print_checks (CaDiagnosis *diagnosis,
              const char  *name,
              const char  *indent)
{
  GListModel *checks = ca_diagnosis_get_checks (diagnosis);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr (CaCheck) check = g_list_model_get_item (checks, i);

      if (g_strcmp0 (ca_check_get_name (check), name) == 0 && ca_diagnosis_is_selected (diagnosis, check))
        print_check (check, indent);
    }
}

static void
print_name (CaDiagnosis  *diagnosis,
            CaNameReport *report)
{
  const char *name = ca_name_report_get_name (report);
  const char *display = ca_name_report_get_display_name (report);
  const char * const *addresses = ca_name_report_get_addresses (report);

  if (g_strcmp0 (name, display) != 0)
    g_print ("%s (%s)\n", display, name);
  else
    g_print ("%s\n", name);
  g_print (_("  Approval domain: %s\n"), ca_name_report_get_approval_domain (report));
  g_print (_("  ACM sends the approval mail to:\n"));
  for (guint i = 0; addresses[i] != NULL; i++)
    g_print ("    %s\n", addresses[i]);
  print_checks (diagnosis, name, "  ");
  g_print ("\n");
}

static void
print_finding (CaFinding *finding)
{
  /* Translators: a severity label such as Problem, then the finding's message */
  g_print (_("    %s: %s\n"), ca_severity_get_label (ca_finding_get_severity (finding)), ca_finding_get_message (finding));
  g_print (_("      What to do: %s\n"), ca_finding_get_remedy (finding));
}

/* Prints the findings about @name (or, with %NULL, those about no name of the
 * diagnosis), most severe first; returns how many. */
static guint
print_findings_for (CaDiagnosis *diagnosis,
                    const char  *name)
{
  GListModel *findings = ca_diagnosis_get_findings (diagnosis);
  guint printed = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);
      const char *about = ca_finding_get_name (finding);
      gboolean matches = name != NULL ? g_strcmp0 (about, name) == 0
                                      : about == NULL || ca_diagnosis_find_name (diagnosis, about) == NULL;

      if (!matches)
        continue;
      if (printed++ == 0)
        {
          if (name != NULL)
            g_print ("  %s\n", name);
          else
            g_print (_("  About the whole request\n"));
        }
      print_finding (finding);
    }
  return printed;
}

static void
print_findings (CaDiagnosis *diagnosis)
{
  GListModel *findings = ca_diagnosis_get_findings (diagnosis);
  GListModel *names = ca_diagnosis_get_names (diagnosis);
  guint n = g_list_model_get_n_items (findings);

  if (n == 0)
    {
      g_print (_("No problems found.\n"));
      return;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u finding:\n", "%u findings:\n", n), n);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (names, i);

      print_findings_for (diagnosis, ca_name_report_get_name (report));
    }
  print_findings_for (diagnosis, NULL);
}

static void
print_text (CaDiagnosis *diagnosis)
{
  GListModel *names = ca_diagnosis_get_names (diagnosis);

  print_checks (diagnosis, NULL, "");
  g_print ("\n");
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (names, i);

      print_name (diagnosis, report);
    }
  print_findings (diagnosis);
}

/* The names to diagnose: those given, else (with --arn alone) the certificate's. */
static GStrv
collect_names (int               argc,
               char            **argv,
               CaAcmCertificate *certificate)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *sans;

  if (argc > 0)
    return g_strdupv (argv);
  if (certificate == NULL)
    return NULL;
  sans = ca_acm_certificate_get_sans (certificate);
  if (sans != NULL && sans[0] != NULL)
    return g_strdupv ((char **) sans);
  g_strv_builder_add (builder, ca_acm_certificate_get_domain (certificate));
  return g_strv_builder_end (builder);
}

int
ca_cli_diagnose_run (CaCliOptions *options,
                     int           argc,
                     char        **argv)
{
  g_autoptr (CaDiagnosis) diagnosis = NULL;
  g_autoptr (CaAcmCertificate) certificate = NULL;
  g_autoptr (GPtrArray) migration = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_auto (GStrv) names = NULL;

  if (markdown_arg && options->json)
    return ca_cli_usage_error (options, _("Give --json or --markdown, not both."));
  if (argc < 1 && arn_arg == NULL)
    return ca_cli_usage_error (options, _("Give at least one name, for example: certassist-cli diagnose www.example.com"));

  if (!check_servers (options, &error))
    return ca_cli_fail (options, error);

  if (arn_arg != NULL &&
      (certificate = ca_cli_aws_describe_for_diagnosis (options, arn_arg, &migration, &error)) == NULL)
    return ca_cli_fail (options, error);
  names = collect_names (argc, argv, certificate);
  if (names == NULL || names[0] == NULL)
    return ca_cli_usage_error (options, _("Give at least one name, for example: certassist-cli diagnose www.example.com"));

  diagnosis = create_diagnosis (options, (const char * const *) names, certificate, migration, &error);
  if (diagnosis == NULL)
    return ca_cli_fail (options, error);

  ca_diagnosis_run_async (diagnosis, NULL, ca_cli_store_result_cb, &result);
  if (!ca_diagnosis_run_finish (diagnosis, ca_cli_wait_for_result (&result), &error))
    return ca_cli_fail (options, error);

  if (options->json)
    {
      g_autoptr (JsonNode) root = ca_diagnosis_to_json (diagnosis);

      ca_cli_print_json (root);
    }
  else if (markdown_arg)
    {
      /* The same writer as the GUI's summary export: one report, two front ends. */
      g_autofree char *report = ca_report_to_markdown (diagnosis, certificate, NULL, NULL);

      g_print ("%s", report);
    }
  else
    {
      print_text (diagnosis);
    }

  return 0;
}
