/* ca-report-markdown.c: the summary of a journey as Markdown
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaReport"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-acm-record.h"
#include "ca-certificate-check.h"
#include "ca-certificate-watch.h"
#include "ca-report.h"
#include "ca-report-private.h"
#include "ca-session-action.h"

/*
 * One writer for the summary page's export and `certassist-cli diagnose
 * --markdown`, so a support ticket says the same from either. It writes only
 * what the journey showed: the facts of every check, the findings with their
 * remedies, what was done and what is left. Nothing here ever holds a
 * credential: the diagnosis, the certificate and the watches keep none.
 */

/* Characters that would turn a DNS name or a server's words into markup:
 * `*.example.com` must not start an emphasis, nor `<b>` become HTML. Dots
 * and hyphens stay readable: they only matter at the start of a line. */
#define MARKDOWN_SPECIALS "\\`*_[]<>#|~"

/* "- x", "+ x" or "1. x" at the start would open a list of its own. */
static gsize
escape_list_marker (GString    *escaped,
                    const char *text)
{
  gsize digits = strspn (text, "0123456789");

  if (text[0] == '-' || text[0] == '+')
    {
      g_string_append_c (escaped, '\\');
      return 0;
    }
  if (digits > 0 && (text[digits] == '.' || text[digits] == ')'))
    {
      g_string_append_len (escaped, text, digits);
      g_string_append_c (escaped, '\\');
      return digits;
    }
  return 0;
}

/**
 * ca_report_escape_markdown:
 * @text: (nullable): text from outside (names, messages)
 *
 * Returns: (transfer full): @text with every Markdown special character
 *   escaped and line breaks turned into spaces, so it stays one plain line
 */
char *
ca_report_escape_markdown (const char *text)
{
  GString *escaped = g_string_new (NULL);
  const char *p = text != NULL ? text : "";

  p += escape_list_marker (escaped, p);
  for (; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r')
        {
          g_string_append_c (escaped, ' ');
          continue;
        }
      if (strchr (MARKDOWN_SPECIALS, *p) != NULL)
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }
  return g_string_free (escaped, FALSE);
}

void
ca_report_append_item (GString    *out,
                       const char *text)
{
  g_autofree char *escaped = ca_report_escape_markdown (text);

  g_string_append_printf (out, "- %s\n", escaped);
}

void
ca_report_append_heading (GString    *out,
                          const char *level,
                          const char *text)
{
  g_autofree char *escaped = ca_report_escape_markdown (text);

  g_string_append_printf (out, "\n%s %s\n\n", level, escaped);
}

static void
append_check (GString     *out,
              CaCheck     *check)
{
  g_autoptr (GPtrArray) facts = ca_check_describe (check);
  g_autofree char *title = NULL;

  if (facts->len == 0)
    return;
  title = ca_report_escape_markdown (ca_check_get_title (check));
  g_string_append_printf (out, "**%s**\n\n", title);
  for (guint i = 0; i < facts->len; i++)
    {
      CaFact *fact = g_ptr_array_index (facts, i);
      g_autofree char *label = ca_report_escape_markdown (ca_fact_status_get_label (ca_fact_get_status (fact)));
      g_autofree char *fact_title = ca_report_escape_markdown (ca_fact_get_title (fact));
      g_autofree char *detail = ca_report_escape_markdown (ca_fact_get_detail (fact));

      if (*detail != '\0')
        g_string_append_printf (out, "- %s — %s: %s\n", label, fact_title, detail);
      else
        g_string_append_printf (out, "- %s — %s\n", label, fact_title);
    }
  g_string_append_c (out, '\n');
}

/* The checks about @name, or with %NULL those about the whole request. */
static void
append_checks (GString     *out,
               CaDiagnosis *diagnosis,
               const char  *name)
{
  GListModel *checks = ca_diagnosis_get_checks (diagnosis);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr (CaCheck) check = g_list_model_get_item (checks, i);

      if (g_strcmp0 (ca_check_get_name (check), name) == 0 && ca_diagnosis_is_selected (diagnosis, check))
        append_check (out, check);
    }
}

static void
append_name (GString      *out,
             CaDiagnosis  *diagnosis,
             CaNameReport *report)
{
  const char * const *addresses = ca_name_report_get_addresses (report);
  g_autofree char *approval = NULL;

  ca_report_append_heading (out, "###", ca_name_report_get_display_name (report));
  /* Translators: %s is the domain whose addresses ACM mails */
  approval = g_strdup_printf (_("Approval domain: %s"), ca_name_report_get_approval_domain (report));
  ca_report_append_item (out, approval);
  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      /* Translators: %s is an email address */
      g_autofree char *line = g_strdup_printf (_("ACM sends the approval mail to %s"), addresses[i]);

      ca_report_append_item (out, line);
    }
  g_string_append_c (out, '\n');
  append_checks (out, diagnosis, ca_name_report_get_name (report));
}

void
ca_report_append_finding (GString   *out,
                          CaFinding *finding)
{
  g_autofree char *label = ca_report_escape_markdown (ca_severity_get_label (ca_finding_get_severity (finding)));
  g_autofree char *name = ca_report_escape_markdown (ca_finding_get_name (finding));
  g_autofree char *message = ca_report_escape_markdown (ca_finding_get_message (finding));
  g_autofree char *remedy = ca_report_escape_markdown (ca_finding_get_remedy (finding));

  if (ca_finding_get_name (finding) != NULL)
    g_string_append_printf (out, "- **%s** (%s): %s\n", label, name, message);
  else
    g_string_append_printf (out, "- **%s**: %s\n", label, message);
  /* Translators: what to do about a finding, in a Markdown report */
  g_string_append_printf (out, "  %s %s\n", _("What to do:"), remedy);
}

static void
append_found (GString     *out,
              CaDiagnosis *diagnosis)
{
  GListModel *names = ca_diagnosis_get_names (diagnosis);
  GListModel *findings = ca_diagnosis_get_findings (diagnosis);
  guint n_findings = g_list_model_get_n_items (findings);

  ca_report_append_heading (out, "##", _("What was found"));
  append_checks (out, diagnosis, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (names, i);

      append_name (out, diagnosis, report);
    }

  ca_report_append_heading (out, "###", _("Findings"));
  if (n_findings == 0)
    ca_report_append_item (out, _("No problems found."));
  for (guint i = 0; i < n_findings; i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);

      ca_report_append_finding (out, finding);
    }
}

/* Without a diagnosis (a move or a request straight from the list), the
 * certificate's own facts are what the journey showed about it. */
static void
append_certificate (GString          *out,
                    CaAcmCertificate *certificate)
{
  g_autofree char *domain = NULL;
  g_autofree char *status = NULL;

  ca_report_append_heading (out, "##", _("Certificate"));
  /* Translators: %s is the certificate's main domain name */
  domain = g_strdup_printf (_("Name: %s"), ca_acm_certificate_get_domain (certificate));
  ca_report_append_item (out, domain);
  /* Translators: %s is the certificate's state in words, such as "Waiting for validation" */
  status = g_strdup_printf (_("Status: %s"), ca_acm_status_get_label (ca_acm_certificate_get_status (certificate)));
  ca_report_append_item (out, status);
}

static void
append_done (GString    *out,
             GListModel *actions)
{
  guint n = actions != NULL ? g_list_model_get_n_items (actions) : 0;

  ca_report_append_heading (out, "##", _("What was done"));
  if (n == 0)
    ca_report_append_item (out, _("Nothing was changed in AWS."));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CaSessionAction) action = g_list_model_get_item (actions, i);
      g_autofree char *text = ca_session_action_describe (action);

      ca_report_append_item (out, text);
    }
}

static char *
format_deadline (GDateTime *deadline)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (deadline);

  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

/* A thing left to do: the sentence is the fact's title. */
static CaFact * G_GNUC_PRINTF (2, 3)
new_left (CaFactStatus  status,
          const char   *format,
          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return ca_fact_new (status, text, NULL);
}

static CaFact *
describe_watch (CaCertificateWatch *watch)
{
  CaAcmCertificate *certificate = ca_certificate_watch_get_certificate (watch);
  GDateTime *deadline = ca_certificate_watch_get_deadline (watch);
  g_autofree char *when = deadline != NULL ? format_deadline (deadline) : NULL;
  const char *domain = certificate != NULL ? ca_acm_certificate_get_domain (certificate)
                                           : ca_certificate_watch_get_arn (watch);

  switch (ca_certificate_watch_get_stage (watch))
    {
    case CA_WATCH_STAGE_ISSUED:
      /* Translators: %s is a domain name */
      return new_left (CA_FACT_GOOD, _("The certificate for %s is issued: nothing is left to do for it."), domain);
    case CA_WATCH_STAGE_FAILED:
      /* Translators: %s is a domain name */
      return new_left (CA_FACT_PROBLEM, _("ACM could not validate the certificate for %s: request it again."), domain);
    case CA_WATCH_STAGE_TIMED_OUT:
      /* Translators: %s is a domain name */
      return new_left (CA_FACT_PROBLEM, _("The 72 hours to validate the certificate for %s passed: request it again."), domain);
    case CA_WATCH_STAGE_STOPPED:
      /* Translators: %s is a domain name */
      return new_left (CA_FACT_WARNING, _("Nobody follows the certificate for %s any more: look at it again in the app."), domain);
    case CA_WATCH_STAGE_STARTING:
    case CA_WATCH_STAGE_WAITING_FOR_RECORDS:
    case CA_WATCH_STAGE_WAITING_FOR_VALIDATION:
    default:
      if (when != NULL)
        /* Translators: %1$s is a domain name, %2$s a date and time */
        return new_left (CA_FACT_WARNING, _("Publish the DNS records of the certificate for %1$s before %2$s, and leave them published."),
                                   domain, when);
      /* Translators: %s is a domain name */
      return new_left (CA_FACT_WARNING, _("Publish the DNS records of the certificate for %s, and leave them published."), domain);
    }
}

/* A certificate still waiting for its approval mail has until its resend
 * deadline; an email-validated one must move before email validation ends. */
static void
list_certificate_left (GPtrArray        *left,
                       CaAcmCertificate *certificate)
{
  g_autoptr (GDateTime) resend_deadline = ca_acm_certificate_get_resend_deadline (certificate);
  const char *domain = ca_acm_certificate_get_domain (certificate);
  gboolean by_email = g_strcmp0 (ca_acm_certificate_get_validation_method (certificate), "EMAIL") == 0;

  if (by_email && resend_deadline != NULL &&
      g_strcmp0 (ca_acm_certificate_get_status (certificate), "PENDING_VALIDATION") == 0)
    {
      g_autofree char *when = format_deadline (resend_deadline);

      /* Translators: %1$s is a domain name, %2$s a date and time */
      g_ptr_array_add (left, new_left (CA_FACT_WARNING, _("Approve the mail for %1$s before %2$s; after that, ACM stops waiting for the approval."),
                                                 domain, when));
    }
  if (by_email)
    /* Translators: %s is a domain name; the dates are AWS's announced ends of email validation */
    g_ptr_array_add (left, new_left (CA_FACT_WARNING, _("Move the certificate for %s to DNS validation: ACM issues no email-validated certificates after 31 March 2027 and renews none after 30 September 2027."),
                                               domain));
}

/**
 * ca_report_list_left:
 * @diagnosis: (nullable): the diagnosis the journey ran
 * @certificate: (nullable): the certificate the journey is about
 * @found: (element-type CaFact) (nullable): what the journey's pages found
 *   without a diagnosis
 * @watches: (nullable): the #CaCertificateWatch list of certificates followed
 *
 * What is left to do, each with its deadline: the records of every
 * certificate followed, the approval of a certificate waiting for its mail,
 * the move of an email-validated one, the remedy of every problem found
 * (for a fact found by a page: the detail of each problem or warning).
 *
 * Returns: (transfer container) (element-type CaFact): one fact per thing
 *   left (its title says it), empty when nothing is
 */
GPtrArray *
ca_report_list_left (CaDiagnosis      *diagnosis,
                     CaAcmCertificate *certificate,
                     GPtrArray        *found,
                     GListModel       *watches)
{
  GPtrArray *left = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_watches = watches != NULL ? g_list_model_get_n_items (watches) : 0;

  for (guint i = 0; i < n_watches; i++)
    {
      g_autoptr (CaCertificateWatch) watch = g_list_model_get_item (watches, i);

      g_ptr_array_add (left, describe_watch (watch));
    }
  /* A watch says where the certificate stands now; the certificate as first
   * read would repeat an older state. */
  if (certificate != NULL && n_watches == 0)
    list_certificate_left (left, certificate);
  if (diagnosis != NULL)
    {
      GListModel *findings = ca_diagnosis_get_findings (diagnosis);

      for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
        {
          g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);

          if (ca_finding_get_severity (finding) == CA_SEVERITY_ERROR)
            g_ptr_array_add (left, ca_fact_new (CA_FACT_PROBLEM, ca_finding_get_remedy (finding), NULL));
        }
    }
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      CaFact *fact = g_ptr_array_index (found, i);
      CaFactStatus status = ca_fact_get_status (fact);
      const char *remedy = ca_fact_get_detail (fact);

      /* A page's fact carries what to do about it as its detail. */
      if ((status == CA_FACT_PROBLEM || status == CA_FACT_WARNING) && remedy != NULL && *remedy != '\0')
        g_ptr_array_add (left, ca_fact_new (status, remedy, NULL));
    }
  return left;
}

static void
append_records (GString    *out,
                GListModel *watches)
{
  guint n_watches = watches != NULL ? g_list_model_get_n_items (watches) : 0;
  gboolean any = FALSE;

  for (guint i = 0; i < n_watches; i++)
    {
      g_autoptr (CaCertificateWatch) watch = g_list_model_get_item (watches, i);
      GPtrArray *records = ca_certificate_watch_get_records (watch);

      if (records == NULL || ca_certificate_watch_get_stage (watch) == CA_WATCH_STAGE_ISSUED)
        continue;
      for (guint j = 0; j < records->len; j++)
        {
          CaAcmRecord *record = g_ptr_array_index (records, j);
          g_autofree char *name = ca_report_escape_markdown (ca_acm_record_get_name (record));
          g_autofree char *type = ca_report_escape_markdown (ca_acm_record_get_type_name (record));
          g_autofree char *value = ca_report_escape_markdown (ca_acm_record_get_value (record));

          if (!any)
            ca_report_append_heading (out, "###", _("DNS records to publish"));
          any = TRUE;
          g_string_append_printf (out, "- %s %s %s\n", name, type, value);
        }
    }
}

static void
append_left (GString          *out,
             CaDiagnosis      *diagnosis,
             CaAcmCertificate *certificate,
             GPtrArray        *found,
             GListModel       *watches)
{
  g_autoptr (GPtrArray) left = ca_report_list_left (diagnosis, certificate, diagnosis == NULL ? found : NULL, watches);

  ca_report_append_heading (out, "##", _("What is left"));
  if (left->len == 0)
    ca_report_append_item (out, _("Nothing is left to do."));
  for (guint i = 0; i < left->len; i++)
    ca_report_append_item (out, ca_fact_get_title (g_ptr_array_index (left, i)));
  append_records (out, watches);
}

/* What a journey's pages found without a diagnosis (the approval addresses). */
static void
append_found_facts (GString   *out,
                    GPtrArray *found)
{
  ca_report_append_heading (out, "##", _("What was found"));
  for (guint i = 0; i < found->len; i++)
    {
      CaFact *fact = g_ptr_array_index (found, i);
      const char *detail = ca_fact_get_detail (fact);

      if (detail != NULL && *detail != '\0')
        {
          /* Translators: a fact of a Markdown report: what, then its detail */
          g_autofree char *line = g_strdup_printf (_("%s: %s"), ca_fact_get_title (fact), detail);

          ca_report_append_item (out, line);
        }
      else
        ca_report_append_item (out, ca_fact_get_title (fact));
    }
}

/**
 * ca_report_to_markdown:
 * @diagnosis: (nullable): the diagnosis the journey ran, once it finished
 * @certificate: (nullable): the certificate the journey is about
 * @actions: (nullable): the #CaSessionAction list of what was done
 * @watches: (nullable): the #CaCertificateWatch list of certificates followed
 *
 * Returns: (transfer full): the report as Markdown (CommonMark), in the
 *   user's language, ending in a newline
 */
char *
ca_report_to_markdown (CaDiagnosis      *diagnosis,
                       CaAcmCertificate *certificate,
                       GListModel       *actions,
                       GListModel       *watches)
{
  return ca_report_to_markdown_with_found (diagnosis, certificate, NULL, actions, watches);
}

/**
 * ca_report_to_markdown_with_found:
 * @found: (element-type CaFact) (nullable): what the journey's pages found
 *   when it ran no diagnosis, such as the approval addresses
 *
 * As ca_report_to_markdown(), with @found under “What was found”.
 */
char *
ca_report_to_markdown_with_found (CaDiagnosis      *diagnosis,
                                  CaAcmCertificate *certificate,
                                  GPtrArray        *found,
                                  GListModel       *actions,
                                  GListModel       *watches)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (diagnosis == NULL || CA_IS_DIAGNOSIS (diagnosis), NULL);
  g_return_val_if_fail (certificate == NULL || CA_IS_ACM_CERTIFICATE (certificate), NULL);

  /* Translators: the title of a Markdown report */
  g_string_append_printf (out, "# %s\n", _("CertAssist report"));
  if (diagnosis != NULL)
    append_found (out, diagnosis);
  else if (found != NULL && found->len > 0)
    append_found_facts (out, found);
  if (diagnosis == NULL && certificate != NULL)
    append_certificate (out, certificate);
  append_done (out, actions);
  append_left (out, diagnosis, certificate, found, watches);
  return g_string_free (out, FALSE);
}
