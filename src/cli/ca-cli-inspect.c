/* ca-cli-inspect.c: certassist-cli inspect FILE|HOST[:PORT]|ARN
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCliInspect"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ca-certificate-check.h"
#include "ca-cli-aws.h"
#include "ca-cli.h"
#include "ca-error.h"
#include "ca-report.h"
#include "ca-tls-probe.h"
#include "ca-x509.h"
#include "ca-x509-acm.h"
#include "ca-x509-report.h"

static char **name_args;
static char *ca_file_arg;
static gboolean inspect_markdown;

GOptionEntry ca_cli_inspect_entries[] = {
  { "name", 0, 0, G_OPTION_ARG_STRING_ARRAY, &name_args,
    N_("A name the certificate must cover (repeatable)"), N_("NAME") },
  { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file_arg,
    N_("For a server: trust the root certificates in this PEM file instead of the system’s"), N_("FILE") },
  { "markdown", 0, 0, G_OPTION_ARG_NONE, &inspect_markdown,
    N_("Print a Markdown report, for a support ticket"), NULL },
  { NULL }
};

typedef enum
{
  TARGET_FILE,
  TARGET_ENDPOINT,
  TARGET_ARN,
} TargetKind;

/* An existing path is a file, "arn:" an ARN, "https://" a web address; what looks like a path but does
 * not exist is still a file, so that a typo is "cannot read", not a DNS error. */
static TargetKind
classify_target (const char *target)
{
  static const char * const extensions[] = { ".pem", ".crt", ".cer", ".der", ".cert", ".p7b", ".p7c", ".txt" };

  if (g_file_test (target, G_FILE_TEST_EXISTS))
    return TARGET_FILE;
  if (g_str_has_prefix (target, "arn:"))
    return TARGET_ARN;
  /* A web address pasted from the browser: its slashes are not a path. */
  if (strstr (target, "://") != NULL)
    return TARGET_ENDPOINT;
  if (strchr (target, G_DIR_SEPARATOR) != NULL)
    return TARGET_FILE;
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (target, extensions[i]))
      return TARGET_FILE;
  return TARGET_ENDPOINT;
}

static GPtrArray *
normalize_names (char   **names,
                 GError **error)
{
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      char *name = ca_x509_normalize_name (names[i], error);

      if (name == NULL)
        return NULL;
      g_ptr_array_add (result, name);
    }
  return g_steal_pointer (&result);
}

/* The endpoint's host is already among the report's names: add the others. */
static void
add_names (CaX509Report *report,
           GPtrArray    *names)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *existing = ca_x509_report_get_names (report);
  g_auto (GStrv) all = NULL;

  for (guint i = 0; existing != NULL && existing[i] != NULL; i++)
    g_strv_builder_add (builder, existing[i]);
  for (guint i = 0; i < names->len; i++)
    if (existing == NULL || !g_strv_contains (existing, g_ptr_array_index (names, i)))
      g_strv_builder_add (builder, g_ptr_array_index (names, i));
  all = g_strv_builder_end (builder);
  ca_x509_report_set_names (report, (const char * const *) all);
}

static CaX509Report *
inspect_endpoint (CaCliOptions  *options,
                  const char    *target,
                  GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_tls_probe_with_anchors_async (target, options->timeout, ca_file_arg, NULL, ca_cli_store_result_cb, &result);
  return ca_tls_probe_finish (ca_cli_wait_for_result (&result), error);
}

static CaX509Report *
inspect_arn (CaCliOptions  *options,
             const char    *arn,
             GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CaAcmClient) client = NULL;

  if (!ca_acm_check_arn (arn, error))
    return NULL;
  client = ca_cli_aws_create_client (options, error);
  if (client == NULL)
    return NULL;

  ca_x509_inspect_acm_async (client, arn, NULL, ca_cli_store_result_cb, &result);
  return ca_x509_inspect_acm_finish (ca_cli_wait_for_result (&result), error);
}

static CaX509Report *
inspect_file (const char  *target,
              GError     **error)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (target);
  g_autoptr (GPtrArray) certificates = ca_x509_load_file (file, NULL, error);

  if (certificates == NULL)
    return NULL;
  return ca_x509_report_new (CA_X509_SOURCE_FILE, target, certificates, NULL);
}

/*
 * Text output
 */

static char *
format_time (GDateTime *time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

static const char *
display_name (CaCertificateInfo *info)
{
  const char *name = ca_certificate_info_get_common_name (info);

  return name != NULL ? name : ca_certificate_info_get_subject (info);
}

static void
print_validity (CaCertificateInfo *info)
{
  g_autofree char *from = format_time (ca_certificate_info_get_not_before (info));
  g_autofree char *until = format_time (ca_certificate_info_get_not_after (info));
  int days = ca_certificate_info_get_days_left (info, NULL);

  if (days >= 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "  Valid:       %s to %s (%d day left)\n",
                          "  Valid:       %s to %s (%d days left)\n", days),
             from, until, days);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "  Valid:       %s to %s (expired %d day ago)\n",
                          "  Valid:       %s to %s (expired %d days ago)\n", -days),
             from, until, -days);
}

static void
print_certificate (CaCertificateInfo *info)
{
  g_autofree char *sans = g_strjoinv (", ", (char **) ca_certificate_info_get_sans (info));

  g_print (_("  Subject:     %s\n"), ca_certificate_info_get_subject (info));
  g_print (_("  Issuer:      %s\n"), ca_certificate_info_get_issuer (info));
  if (sans[0] != '\0')
    g_print (_("  Names:       %s\n"), sans);
  print_validity (info);
  g_print (_("  Key:         %s\n"), ca_certificate_info_get_key_description (info));
  g_print (_("  Signature:   %s\n"), ca_certificate_info_get_signature_algorithm (info));
  g_print (_("  Serial:      %s\n"), ca_certificate_info_get_serial (info));
  g_print (_("  SHA-256:     %s\n"), ca_certificate_info_get_fingerprint (info));
  g_print ("%s\n", ca_certificate_info_get_amazon_issued (info) ? _("  Issued by Amazon: yes")
                                                                 : _("  Issued by Amazon: no"));
}

static void
print_chain (CaX509Report *report)
{
  GPtrArray *chain = ca_x509_report_get_chain (report);
  guint path_length = ca_x509_report_get_path_length (report);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Chain (%u certificate):\n", "Chain (%u certificates):\n", chain->len),
           chain->len);
  for (guint i = 0; i < chain->len; i++)
    {
      CaCertificateInfo *info = g_ptr_array_index (chain, i);

      if (i == 0 && ca_certificate_info_get_self_signed (info))
        g_print (_("  %u. %s (self-signed leaf: no authority vouches for it)\n"), i + 1, display_name (info));
      else if (i == 0)
        g_print (_("  %u. %s (leaf)\n"), i + 1, display_name (info));
      else if (i >= path_length)
        g_print (_("  %u. %s (not part of the chain)\n"), i + 1, display_name (info));
      else if (ca_certificate_info_get_self_signed (info))
        g_print (_("  %u. %s (root)\n"), i + 1, display_name (info));
      else
        g_print (_("  %u. %s (intermediate)\n"), i + 1, display_name (info));
    }
  if (ca_x509_report_get_missing_issuer (report) != NULL)
    g_print (_("  Missing: the issuer “%s”\n"), ca_x509_report_get_missing_issuer (report));
}

static void
print_endpoint (CaX509Report *report)
{
  GTlsCertificateFlags errors = ca_x509_report_get_tls_errors (report);
  g_autofree char *reasons = ca_x509_report_describe_tls_errors (report);

  g_print (_("Server: %s port %u (address %s)\n"), ca_x509_report_get_host (report),
           ca_x509_report_get_port (report), ca_x509_report_get_address (report));
  if (errors == 0)
    g_print ("%s\n", _("  Verification: trusted by this system"));
  else
    g_print (_("  Verification: not trusted: %s\n"), reasons);
}

/* ACM's certificate Type in words. */
static const char *
describe_cert_type (const char *type)
{
  if (g_strcmp0 (type, "AMAZON_ISSUED") == 0)
    return _("Issued by Amazon");
  if (g_strcmp0 (type, "IMPORTED") == 0)
    return _("Imported into ACM");
  if (g_strcmp0 (type, "PRIVATE") == 0)
    return _("Issued by a private certificate authority");
  return _("Unknown");
}

/* What ACM says of it, its codes in words (the JSON keeps the codes). */
static void
print_acm (CaAcmCertificate *acm)
{
  const char * const *in_use_by = ca_acm_certificate_get_in_use_by (acm);
  const char *renewal = ca_acm_certificate_get_renewal_status (acm);
  const char *method = ca_acm_certificate_get_validation_method (acm);

  g_print (_("ACM certificate: %s\n"), ca_acm_certificate_get_arn (acm));
  g_print (_("  Domain:      %s\n"), ca_acm_certificate_get_domain (acm));
  g_print (_("  Status:      %s\n"), ca_acm_status_get_label (ca_acm_certificate_get_status (acm)));
  g_print (_("  Type:        %s\n"), describe_cert_type (ca_acm_certificate_get_cert_type (acm)));
  if (method != NULL)
    g_print (_("  Validation:  %s\n"), ca_acm_method_get_label (method));
  if (renewal != NULL)
    g_print (_("  Renewal:     %s\n"), ca_acm_renewal_status_get_label (renewal));
  if (in_use_by == NULL || in_use_by[0] == NULL)
    g_print ("%s\n", _("  In use by:   nothing"));
  for (guint i = 0; in_use_by != NULL && in_use_by[i] != NULL; i++)
    g_print (_("  In use by:   %s\n"), in_use_by[i]);
  if (g_strcmp0 (method, "EMAIL") == 0)
    g_print ("%s\n", _("  AWS has announced that ACM issues no email-validated certificates after 31 March 2027 and renews none after 30 September 2027."));
}

static void
print_findings (GPtrArray *findings)
{
  if (findings->len == 0)
    {
      g_print ("%s\n", _("No problems found."));
      return;
    }

  g_print ("%s\n", _("Findings:"));
  for (guint i = 0; i < findings->len; i++)
    {
      CaFinding *finding = g_ptr_array_index (findings, i);

      /* Translators: a severity word and the finding's message */
      g_print (_("  [%s] %s\n"), ca_severity_get_label (ca_finding_get_severity (finding)),
               ca_finding_get_message (finding));
      /* Translators: the remedy of a finding, below its message */
      g_print (_("      What to do: %s\n"), ca_finding_get_remedy (finding));
    }
}

static void
print_text (CaX509Report *report)
{
  CaCertificateInfo *leaf = ca_x509_report_get_leaf (report);
  g_autoptr (GPtrArray) findings = ca_x509_report_compute_findings (report, NULL);

  if (ca_x509_report_get_acm (report) != NULL)
    {
      print_acm (ca_x509_report_get_acm (report));
      g_print ("\n");
    }
  if (leaf == NULL)
    {
      g_print ("%s\n\n", _("ACM has not issued this certificate, so there is nothing more to show."));
      print_findings (findings);
      return;
    }

  g_print (_("Certificate: %s\n"), display_name (leaf));
  print_certificate (leaf);
  g_print ("\n");
  print_chain (report);
  if (ca_x509_report_get_source (report) == CA_X509_SOURCE_ENDPOINT)
    {
      g_print ("\n");
      print_endpoint (report);
    }
  g_print ("\n");
  print_findings (findings);
}

/*
 * Public API
 */

int
ca_cli_inspect_run (CaCliOptions *options,
                    int           argc,
                    char        **argv)
{
  g_autoptr (CaX509Report) report = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GError) error = NULL;

  if (inspect_markdown && options->json)
    return ca_cli_usage_error (options, _("Give --json or --markdown, not both."));
  if (argc != 1)
    return ca_cli_usage_error (options, _("Give exactly one file, host[:port] or ARN, for example: certassist-cli inspect www.example.com"));

  names = normalize_names (name_args, &error);
  if (names == NULL)
    return ca_cli_fail (options, error);

  switch (classify_target (argv[0]))
    {
    case TARGET_FILE:
      report = inspect_file (argv[0], &error);
      break;
    case TARGET_ENDPOINT:
      report = inspect_endpoint (options, argv[0], &error);
      break;
    case TARGET_ARN:
    default:
      report = inspect_arn (options, argv[0], &error);
      break;
    }
  if (report == NULL)
    return ca_cli_fail (options, error);

  add_names (report, names);
  if (options->json)
    {
      g_autoptr (JsonNode) node = ca_x509_report_to_json (report, NULL);

      ca_cli_print_json (node);
    }
  else if (inspect_markdown)
    {
      g_autofree char *markdown = ca_report_x509_to_markdown (report);

      g_print ("%s", markdown);
    }
  else
    {
      print_text (report);
    }

  return 0;
}
