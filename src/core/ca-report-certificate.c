/* ca-report-certificate.c: one certificate as Markdown, for describe and inspect
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaReport"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-certificate-check.h"
#include "ca-report.h"
#include "ca-report-private.h"

/*
 * `describe --markdown` and `inspect --markdown`: the facts their JSON holds,
 * in words, for a support ticket. ACM's codes become the labels the app
 * shows; names, addresses and a server's words are escaped, so nothing from
 * outside turns into markup.
 */

static char *
format_utc (GDateTime *time)
{
  g_autoptr (GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;
  utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

/* "Label: value" as one item: the label is a whole translated sentence
 * start, the value is data. */
static void G_GNUC_PRINTF (2, 3)
append_itemf (GString    *out,
              const char *format,
              ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  ca_report_append_item (out, text);
}

static void
append_findings (GString   *out,
                 GPtrArray *findings)
{
  ca_report_append_heading (out, "##", _("Findings"));
  if (findings == NULL || findings->len == 0)
    ca_report_append_item (out, _("No problems found."));
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    ca_report_append_finding (out, g_ptr_array_index (findings, i));
}

static void
append_validation (GString               *out,
                   CaAcmDomainValidation *validation)
{
  const char * const *emails = ca_acm_domain_validation_get_emails (validation);
  const char *record_name = ca_acm_domain_validation_get_record_name (validation);
  const char *label = ca_acm_validation_get_label (ca_acm_domain_validation_get_status (validation),
                                                   ca_acm_domain_validation_get_method (validation));

  /* Translators: a name of the certificate and where its validation stands, in a Markdown report */
  append_itemf (out, _("%s: %s"), ca_acm_domain_validation_get_name (validation), label);
  for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
    {
      g_autofree char *line = g_strdup_printf (_("ACM sends the approval mail to %s"), emails[i]);
      g_autofree char *escaped = ca_report_escape_markdown (line);

      g_string_append_printf (out, "  - %s\n", escaped);
    }
  if (record_name != NULL)
    {
      g_autofree char *name = ca_report_escape_markdown (record_name);
      g_autofree char *type = ca_report_escape_markdown (ca_acm_domain_validation_get_record_type (validation) ?: "CNAME");
      g_autofree char *value = ca_report_escape_markdown (ca_acm_domain_validation_get_record_value (validation));

      g_string_append_printf (out, "  - %s %s %s\n", name, type, value);
    }
}

static void
append_acm_facts (GString          *out,
                  CaAcmCertificate *certificate)
{
  const char * const *in_use_by = ca_acm_certificate_get_in_use_by (certificate);
  const char *method = ca_acm_certificate_get_validation_method (certificate);
  const char *renewal = ca_acm_certificate_get_renewal_status (certificate);
  g_autoptr (GDateTime) deadline = ca_acm_certificate_get_resend_deadline (certificate);
  g_autofree char *requested = format_utc (ca_acm_certificate_get_created_at (certificate));
  g_autofree char *not_after = format_utc (ca_acm_certificate_get_not_after (certificate));
  g_autofree char *resend_until = format_utc (deadline);

  append_itemf (out, _("Name: %s"), ca_acm_certificate_get_domain (certificate));
  append_itemf (out, _("Certificate: %s"), ca_acm_certificate_get_arn (certificate));
  append_itemf (out, _("Status: %s"), ca_acm_status_get_label (ca_acm_certificate_get_status (certificate)));
  if (method != NULL)
    append_itemf (out, _("Validation: %s"), ca_acm_method_get_label (method));
  if (renewal != NULL)
    append_itemf (out, _("Renewal: %s"), ca_acm_renewal_status_get_label (renewal));
  if (requested != NULL)
    append_itemf (out, _("Requested: %s"), requested);
  if (not_after != NULL)
    append_itemf (out, _("Valid until: %s"), not_after);
  if (resend_until != NULL)
    append_itemf (out, _("The approval mail can be sent again until %s"), resend_until);
  if (in_use_by == NULL || in_use_by[0] == NULL)
    ca_report_append_item (out, _("In use by nothing"));
  for (guint i = 0; in_use_by != NULL && in_use_by[i] != NULL; i++)
    append_itemf (out, _("In use by %s"), in_use_by[i]);
}

/**
 * ca_report_certificate_to_markdown:
 * @certificate: ACM's description of the certificate
 * @findings: (element-type CaFinding) (nullable): what was found about it
 *
 * Returns: (transfer full): `describe --markdown`: the certificate, where
 *   each name's validation stands, and the findings with what to do
 */
char *
ca_report_certificate_to_markdown (CaAcmCertificate *certificate,
                                   GPtrArray        *findings)
{
  GString *out = g_string_new (NULL);
  GPtrArray *validations;

  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (certificate), NULL);

  g_string_append_printf (out, "# %s\n", _("CertAssist report"));
  ca_report_append_heading (out, "##", _("Certificate"));
  append_acm_facts (out, certificate);
  validations = ca_acm_certificate_get_current_validations (certificate);
  if (validations != NULL && validations->len > 0)
    {
      ca_report_append_heading (out, "###", _("Names"));
      for (guint i = 0; i < validations->len; i++)
        append_validation (out, g_ptr_array_index (validations, i));
    }
  append_findings (out, findings);
  return g_string_free (out, FALSE);
}

static const char *
display_name (CaCertificateInfo *info)
{
  const char *name = ca_certificate_info_get_common_name (info);

  return name != NULL ? name : ca_certificate_info_get_subject (info);
}

static void
append_validity (GString           *out,
                 CaCertificateInfo *info)
{
  g_autofree char *from = format_utc (ca_certificate_info_get_not_before (info));
  g_autofree char *until = format_utc (ca_certificate_info_get_not_after (info));
  int days = ca_certificate_info_get_days_left (info, NULL);

  if (days >= 0)
    append_itemf (out, g_dngettext (GETTEXT_PACKAGE, "Valid from %s to %s (%d day left)",
                                    "Valid from %s to %s (%d days left)", days), from, until, days);
  else
    append_itemf (out, g_dngettext (GETTEXT_PACKAGE, "Valid from %s to %s (expired %d day ago)",
                                    "Valid from %s to %s (expired %d days ago)", -days), from, until, -days);
}

static void
append_leaf (GString           *out,
             CaCertificateInfo *info)
{
  g_autofree char *sans = g_strjoinv (", ", (char **) ca_certificate_info_get_sans (info));

  ca_report_append_heading (out, "##", display_name (info));
  append_itemf (out, _("Subject: %s"), ca_certificate_info_get_subject (info));
  append_itemf (out, _("Issuer: %s"), ca_certificate_info_get_issuer (info));
  if (sans[0] != '\0')
    append_itemf (out, _("Names: %s"), sans);
  append_validity (out, info);
  append_itemf (out, _("Key: %s"), ca_certificate_info_get_key_description (info));
  append_itemf (out, _("Signature: %s"), ca_certificate_info_get_signature_algorithm (info));
  append_itemf (out, _("Serial: %s"), ca_certificate_info_get_serial (info));
  append_itemf (out, _("SHA-256: %s"), ca_certificate_info_get_fingerprint (info));
  ca_report_append_item (out, ca_certificate_info_get_amazon_issued (info) ? _("Issued by Amazon")
                                                                           : _("Not issued by Amazon"));
}

static const char *
describe_chain_role (CaX509Report      *report,
                     CaCertificateInfo *info,
                     guint              index)
{
  if (index == 0 && ca_certificate_info_get_self_signed (info))
    return _("self-signed leaf: no authority vouches for it");
  if (index == 0)
    return _("leaf");
  if (index >= ca_x509_report_get_path_length (report))
    return _("not part of the chain");
  if (ca_certificate_info_get_self_signed (info))
    return _("root");
  return _("intermediate");
}

static void
append_chain (GString      *out,
              CaX509Report *report)
{
  GPtrArray *chain = ca_x509_report_get_chain (report);

  ca_report_append_heading (out, "###", _("Chain"));
  for (guint i = 0; i < chain->len; i++)
    {
      CaCertificateInfo *info = g_ptr_array_index (chain, i);
      /* Translators: one certificate of a chain and its role, such as "Amazon RSA 2048 M02 (intermediate)" */
      g_autofree char *line = g_strdup_printf (_("%s (%s)"), display_name (info), describe_chain_role (report, info, i));
      g_autofree char *escaped = ca_report_escape_markdown (line);

      g_string_append_printf (out, "%u. %s\n", i + 1, escaped);
    }
  if (ca_x509_report_get_missing_issuer (report) != NULL)
    append_itemf (out, _("Missing: the issuer “%s”"), ca_x509_report_get_missing_issuer (report));
}

static void
append_endpoint (GString      *out,
                 CaX509Report *report)
{
  g_autofree char *reasons = NULL;

  ca_report_append_heading (out, "###", _("Server"));
  append_itemf (out, _("Server: %s port %u (address %s)"), ca_x509_report_get_host (report),
                ca_x509_report_get_port (report), ca_x509_report_get_address (report));
  if (ca_x509_report_get_tls_errors (report) == 0)
    {
      ca_report_append_item (out, _("Trusted by this system"));
      return;
    }
  reasons = ca_x509_report_describe_tls_errors (report);
  append_itemf (out, _("Not trusted: %s"), reasons);
}

/**
 * ca_report_x509_to_markdown:
 * @report: a certificate file, server or ACM certificate, inspected
 *
 * Returns: (transfer full): `inspect --markdown`: ACM's facts when it came
 *   from ACM, the leaf, the chain, the server and the findings
 */
char *
ca_report_x509_to_markdown (CaX509Report *report)
{
  GString *out = g_string_new (NULL);
  CaCertificateInfo *leaf;
  g_autoptr (GPtrArray) findings = NULL;

  g_return_val_if_fail (CA_IS_X509_REPORT (report), NULL);

  leaf = ca_x509_report_get_leaf (report);
  findings = ca_x509_report_compute_findings (report, NULL);
  g_string_append_printf (out, "# %s\n", _("CertAssist report"));
  if (ca_x509_report_get_acm (report) != NULL)
    {
      ca_report_append_heading (out, "##", _("ACM certificate"));
      append_acm_facts (out, ca_x509_report_get_acm (report));
    }
  if (leaf != NULL)
    {
      append_leaf (out, leaf);
      append_chain (out, report);
    }
  if (ca_x509_report_get_source (report) == CA_X509_SOURCE_ENDPOINT)
    append_endpoint (out, report);
  append_findings (out, findings);
  return g_string_free (out, FALSE);
}
