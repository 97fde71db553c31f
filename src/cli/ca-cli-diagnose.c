/* ca-cli-diagnose.c: certassist-cli diagnose NAME...
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliDiagnose"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-cli-acm.h"
#include "ca-cli.h"
#include "ca-diagnosis.h"
#include "ca-error.h"
#include "ca-rdap-client.h"
#include "ca-whois-client.h"

static char *validation_domain_arg;
static char *arn_arg;

GOptionEntry ca_cli_diagnose_entries[] = {
  { "arn", 0, 0, G_OPTION_ARG_STRING, &arn_arg,
    N_("Also take ACM’s view of this certificate: its mail addresses, records and state"), N_("ARN") },
  { "validation-domain", 0, 0, G_OPTION_ARG_STRING, &validation_domain_arg,
    N_("Domain whose addresses ACM mails instead (the names or a parent)"), N_("DOMAIN") },
  { NULL }
};

typedef struct
{
  gboolean  done;
  GError   *error;
} RunState;

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  RunState *state = user_data;

  ca_diagnosis_run_finish (CA_DIAGNOSIS (object), result, &state->error);
  state->done = TRUE;
}

static gboolean
check_options (CaCliOptions       *options,
               CaDiagnosisChecks  *checks,
               GError            **error)
{
  *checks = CA_DIAGNOSIS_CHECK_ALL;
  if (options->checks != NULL && !ca_diagnosis_parse_checks (options->checks, checks, error))
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
create_diagnosis (CaCliOptions       *options,
                  CaDiagnosisChecks   checks,
                  CaAcmCertificate   *certificate,
                  int                 argc,
                  char              **argv,
                  GError            **error)
{
  g_autoptr (CaDnsResolver) resolver = NULL;
  g_autoptr (CaDiagnosis) diagnosis = NULL;

  resolver = ca_dns_resolver_new ((const char * const *) options->dns_servers, !options->no_dnssec,
                                  (guint) MIN (options->timeout, G_MAXINT / 1000) * 1000);
  diagnosis = ca_diagnosis_new (resolver);
  ca_diagnosis_set_checks (diagnosis, checks);
  if (checks & CA_DIAGNOSIS_CHECK_REGISTRATION)
    {
      g_autoptr (CaRegistrationClient) registration =
        ca_registration_client_new (options->whois_server, options->rdap_bootstrap);

      ca_registration_client_set_timeout (registration, options->timeout);
      ca_diagnosis_set_registration_client (diagnosis, registration);
    }

  for (int i = 0; i < argc; i++)
    {
      /* Without --validation-domain, the one ACM used for the name. */
      const char *domain = validation_domain_arg != NULL || certificate == NULL
                             ? validation_domain_arg : ca_cli_acm_validation_domain (certificate, argv[i]);

      if (ca_diagnosis_add_name (diagnosis, argv[i], domain, error) == NULL)
        return NULL;
    }

  return g_steal_pointer (&diagnosis);
}

/*
 * Text output
 */

static void
print_hosts (CaMailReport *mail)
{
  GListModel *hosts = ca_mail_report_get_hosts (mail);

  for (guint i = 0; i < g_list_model_get_n_items (hosts); i++)
    {
      g_autoptr (CaMailHost) host = g_list_model_get_item (hosts, i);
      g_autofree char *addresses = g_strjoinv (", ", (char **) ca_mail_host_get_addresses (host));

      switch (ca_mail_host_get_status (host))
        {
        case CA_MAIL_HOST_RESOLVED:
          /* Translators: an MX preference, a host name and its IP addresses */
          g_print (_("    %u %s: %s\n"), ca_mail_host_get_preference (host), ca_mail_host_get_host (host), addresses);
          break;
        case CA_MAIL_HOST_UNRESOLVABLE:
          g_print (_("    %u %s: no IP address\n"), ca_mail_host_get_preference (host), ca_mail_host_get_host (host));
          break;
        case CA_MAIL_HOST_LOOKUP_FAILED:
        case CA_MAIL_HOST_RESOLVING:
        default:
          g_print (_("    %u %s: address lookup failed\n"), ca_mail_host_get_preference (host), ca_mail_host_get_host (host));
          break;
        }
    }
}

static void
print_mail (CaMailReport *mail)
{
  const char *walk = ca_mail_report_get_console_walk_domain (mail);

  if (ca_mail_report_get_state (mail) == CA_CHECK_STATE_FAILED)
    g_print (_("  Mail servers: the lookup failed: %s\n"), ca_mail_report_get_error (mail));
  else if (ca_mail_report_get_null_mx (mail))
    g_print (_("  Mail servers: %s declares that it receives no mail (null MX).\n"), ca_mail_report_get_domain (mail));
  else if (g_list_model_get_n_items (ca_mail_report_get_hosts (mail)) == 0)
    g_print (_("  Mail servers: %s has no MX record.\n"), ca_mail_report_get_domain (mail));
  else
    g_print (_("  Mail servers of %s:\n"), ca_mail_report_get_domain (mail));
  print_hosts (mail);

  if (walk != NULL && g_strcmp0 (walk, ca_mail_report_get_domain (mail)) != 0)
    g_print (_("  The old AWS console would have mailed %s, the first parent with an MX record.\n"), walk);
}

static void
print_caa (CaCaaReport *caa,
           gboolean     wildcard)
{
  const char *domain = ca_caa_report_get_relevant_domain (caa);
  gboolean allowed = wildcard ? ca_caa_report_get_allows_amazon_wildcard (caa) : ca_caa_report_get_allows_amazon (caa);

  if (ca_caa_report_get_state (caa) == CA_CHECK_STATE_FAILED)
    g_print (_("  CAA: the lookup failed: %s\n"), ca_caa_report_get_error (caa));
  else if (domain == NULL)
    g_print (_("  CAA: no CAA records, so Amazon may issue.\n"));
  else if (allowed)
    g_print (_("  CAA: the records at %s allow Amazon.\n"), domain);
  else
    g_print (_("  CAA: the records at %s do not allow Amazon.\n"), domain);
}

static void
print_validation_record (CaValidationRecord *record)
{
  const char *name = ca_validation_record_get_record_name (record);

  switch (ca_validation_record_get_state (record))
    {
    case CA_VALIDATION_RECORD_PUBLISHED:
      g_print (_("  Validation record %s: published.\n"), name);
      break;
    case CA_VALIDATION_RECORD_WRONG_VALUE:
      g_print (_("  Validation record %s: points to %s instead of %s.\n"), name,
               ca_validation_record_get_found (record), ca_validation_record_get_expected (record));
      break;
    case CA_VALIDATION_RECORD_MISSING:
      g_print (_("  Validation record %s: missing.\n"), name);
      break;
    case CA_VALIDATION_RECORD_LOOKUP_FAILED:
    case CA_VALIDATION_RECORD_PENDING:
    default:
      g_print (_("  Validation record %s: the lookup failed: %s\n"), name,
               ca_validation_record_get_error (record) != NULL ? ca_validation_record_get_error (record) : "");
      break;
    }
}

static void
print_name (CaNameReport      *report,
            CaDiagnosisChecks  checks)
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
  if (checks & CA_DIAGNOSIS_CHECK_MAIL)
    print_mail (ca_name_report_get_mail (report));
  if (checks & CA_DIAGNOSIS_CHECK_CAA)
    print_caa (ca_name_report_get_caa (report), g_str_has_prefix (name, "*."));
  if (ca_name_report_get_validation_record (report) != NULL)
    print_validation_record (ca_name_report_get_validation_record (report));
  g_print ("\n");
}

static const char *
severity_label (CaSeverity severity)
{
  switch (severity)
    {
    case CA_SEVERITY_ERROR:
      /* Translators: a finding that blocks validation */
      return _("Problem");
    case CA_SEVERITY_WARNING:
      return _("Warning");
    case CA_SEVERITY_INFO:
    default:
      return _("Note");
    }
}

static void
print_finding (CaFinding *finding)
{
  /* Translators: a severity label such as Problem, then the finding's message */
  g_print (_("    %s: %s\n"), severity_label (ca_finding_get_severity (finding)), ca_finding_get_message (finding));
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
print_registration (CaRegistration *registration)
{
  g_autofree char *verdict = ca_registration_describe_verdict (registration);
  const char * const *emails = ca_registration_get_emails (registration);
  const char * const *evidence = ca_registration_get_evidence (registration);

  if (ca_registration_get_server (registration) != NULL)
    /* Translators: a domain, "rdap" or "whois", and the server that answered */
    g_print (_("Registration data of %s (%s, from %s)\n"), ca_registration_get_domain (registration),
             ca_registration_source_to_string (ca_registration_get_source (registration)),
             ca_registration_get_server (registration));
  else
    g_print (_("Registration data of %s\n"), ca_registration_get_domain (registration));
  g_print ("  %s\n", verdict);
  if (emails[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) emails);

      g_print (_("  Contact addresses: %s\n"), joined);
    }
  for (guint i = 0; evidence[i] != NULL; i++)
    g_print ("    %s\n", evidence[i]);
  g_print ("\n");
}

static void
print_text (CaDiagnosis *diagnosis)
{
  GListModel *names = ca_diagnosis_get_names (diagnosis);
  GListModel *registrations = ca_diagnosis_get_registrations (diagnosis);
  JsonNode *certificate = ca_diagnosis_get_json_member (diagnosis, "certificate");

  if (certificate != NULL)
    ca_cli_acm_print_certificate_summary (certificate);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (names, i);

      print_name (report, ca_diagnosis_get_checks (diagnosis));
    }
  for (guint i = 0; i < g_list_model_get_n_items (registrations); i++)
    {
      g_autoptr (CaRegistration) registration = g_list_model_get_item (registrations, i);

      print_registration (registration);
    }
  print_findings (diagnosis);
}

int
ca_cli_diagnose_run (CaCliOptions *options,
                     int           argc,
                     char        **argv)
{
  g_autoptr (CaDiagnosis) diagnosis = NULL;
  g_autoptr (CaAcmCertificate) certificate = NULL;
  g_autoptr (GPtrArray) certificate_findings = NULL;
  g_autoptr (GError) error = NULL;
  CaDiagnosisChecks checks;
  RunState state = { 0 };
  char *domain_only[2] = { NULL, NULL };

  if (argc < 1 && arn_arg == NULL)
    return ca_cli_usage_error (options, _("Give at least one name, for example: certassist-cli diagnose www.example.com"));

  if (!check_options (options, &checks, &error))
    return ca_cli_fail (options, error);

  if (arn_arg != NULL && (checks & CA_DIAGNOSIS_CHECK_CERTIFICATE) &&
      (certificate = ca_cli_acm_describe_for_diagnosis (options, arn_arg, &certificate_findings, &error)) == NULL)
    return ca_cli_fail (options, error);
  /* With --arn alone, the certificate's names. */
  if (argc < 1 && certificate != NULL)
    {
      argv = (char **) ca_acm_certificate_get_sans (certificate);
      argc = (int) g_strv_length (argv);
      if (argc == 0)
        {
          domain_only[0] = (char *) ca_acm_certificate_get_domain (certificate);
          argv = domain_only;
          argc = 1;
        }
    }
  if (argc < 1)
    return ca_cli_usage_error (options, _("Give at least one name, for example: certassist-cli diagnose www.example.com"));

  diagnosis = create_diagnosis (options, checks, certificate, argc, argv, &error);
  if (diagnosis == NULL)
    return ca_cli_fail (options, error);
  if (certificate != NULL)
    ca_cli_acm_merge_into_diagnosis (diagnosis, certificate, certificate_findings);

  ca_diagnosis_run_async (diagnosis, NULL, run_cb, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  if (state.error != NULL)
    {
      g_autoptr (GError) run_error = state.error;

      return ca_cli_fail (options, run_error);
    }

  if (options->json)
    {
      g_autoptr (JsonNode) root = ca_diagnosis_to_json (diagnosis);

      ca_cli_print_json (root);
    }
  else
    {
      print_text (diagnosis);
    }

  return 0;
}
