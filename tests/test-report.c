/* test-report.c: the journey's report as Markdown and JSON, against a real unbound
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-report.h"
#include "ca-session.h"
#include "ca-test-unbound.h"
#include "ca-test-util.h"

static CaTestUnbound *server;

#define ARN "arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c"
/* 2026-12-06T10:30:00Z */
#define CREATED_AT 1796553000

static CaSession *
new_session (void)
{
  CaSession *session = ca_session_new ();
  const char *servers[] = { ca_test_unbound_get_server (server), NULL };

  ca_session_set_dns_servers (session, servers);
  ca_session_set_dnssec (session, FALSE);
  /* Registration lookups stay on this machine: nothing listens there. */
  ca_session_set_whois_server (session, "127.0.0.1:1");
  ca_session_set_rdap_bootstrap (session, "http://127.0.0.1:1/dns.json");
  return session;
}

/* A request for nullmx.example waiting for its approval mail. */
static CaAcmCertificate *
new_pending_certificate (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = g_strdup_printf (
    "{\"CertificateArn\": \"" ARN "\", \"DomainName\": \"nullmx.example\","
    " \"SubjectAlternativeNames\": [\"nullmx.example\"], \"Status\": \"PENDING_VALIDATION\","
    " \"Type\": \"AMAZON_ISSUED\", \"CreatedAt\": %d,"
    " \"DomainValidationOptions\": [{\"DomainName\": \"nullmx.example\", \"ValidationDomain\": \"nullmx.example\","
    " \"ValidationMethod\": \"EMAIL\", \"ValidationStatus\": \"PENDING_VALIDATION\","
    " \"ValidationEmails\": [\"admin@nullmx.example\"]}]}", CREATED_AT);
  g_autoptr (JsonNode) node = json_from_string (json, &error);
  CaAcmCertificate *certificate;

  g_assert_no_error (error);
  certificate = ca_acm_certificate_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  return certificate;
}

static CaDiagnosis *
run_diagnosis (CaSession          *session,
               const char * const *names,
               CaAcmCertificate   *certificate)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  CaDiagnosis *diagnosis = ca_session_create_diagnosis (session, names, NULL, certificate, NULL, &error);

  g_assert_no_error (error);
  ca_diagnosis_run_async (diagnosis, NULL, ca_test_store_result_cb, &result);
  g_assert_true (ca_diagnosis_run_finish (diagnosis, ca_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  return diagnosis;
}

static GListStore *
new_actions (void)
{
  GListStore *actions = g_list_store_new (CA_TYPE_SESSION_ACTION);
  g_autoptr (GDateTime) at = g_date_time_new_utc (2026, 12, 6, 14, 2, 0);
  g_autoptr (CaSessionAction) resend = ca_session_action_new (CA_SESSION_ACTION_RESEND, ARN, "nullmx.example",
                                                              "nullmx.example", at);

  g_list_store_append (actions, resend);
  return actions;
}

static CaFinding *
find_finding (CaDiagnosis *diagnosis,
              const char  *id)
{
  GListModel *findings = ca_diagnosis_get_findings (diagnosis);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (ca_finding_get_id_string (finding), id))
        return finding;
    }
  g_error ("no finding %s", id);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("missing «%s» in:\n%s", part, text);
}

static void
test_markdown_content (void)
{
  g_autoptr (CaSession) session = new_session ();
  g_autoptr (CaAcmCertificate) certificate = new_pending_certificate ();
  const char *names[] = { "nullmx.example", "*.caa-wild.example", NULL };
  CaDiagnosis *diagnosis = run_diagnosis (session, names, certificate);
  g_autoptr (GListStore) actions = new_actions ();
  g_autofree char *markdown = ca_report_to_markdown (diagnosis, certificate, G_LIST_MODEL (actions), NULL);
  CaFinding *null_mx = find_finding (diagnosis, "null_mx");
  g_autofree char *message = ca_report_escape_markdown (ca_finding_get_message (null_mx));
  g_autofree char *remedy = ca_report_escape_markdown (ca_finding_get_remedy (null_mx));
  g_autofree char *finding_line = g_strdup_printf ("- **Problem** (nullmx.example): %s\n  What to do: %s\n", message, remedy);
  g_autofree char *left_line = g_strdup_printf ("## What is left\n\n"
                                                "- Approve the mail for nullmx.example before 2026-12-09 10:30 UTC; "
                                                "after that, ACM stops waiting for the approval.\n");

  g_assert_true (g_str_has_prefix (markdown, "# CertAssist report\n"));
  /* What was found: each name with its addresses and its checks' facts. */
  assert_contains (markdown, "\n## What was found\n");
  assert_contains (markdown, "\n### nullmx.example\n\n- Approval domain: nullmx.example\n");
  assert_contains (markdown, "- ACM sends the approval mail to admin@nullmx.example\n");
  /* A wildcard stays a name, not an emphasis. */
  assert_contains (markdown, "\n### \\*.caa-wild.example\n");
  /* The findings, in words, with severity and remedy. */
  assert_contains (markdown, finding_line);
  /* What was done, with its time. */
  assert_contains (markdown, "## What was done\n\n- 2026-12-06 14:02 UTC: the approval mail for nullmx.example was sent again.\n");
  /* What is left, with the deadline: 72 hours after the request. */
  assert_contains (markdown, left_line);
  assert_contains (markdown, "- Move the certificate for nullmx.example to DNS validation: ACM issues no email-validated certificates after 31 March 2027");
  assert_contains (markdown, remedy);
  g_assert_true (g_str_has_suffix (markdown, "\n"));
}

static void
test_markdown_without_diagnosis (void)
{
  g_autoptr (CaAcmCertificate) certificate = new_pending_certificate ();
  g_autofree char *markdown = ca_report_to_markdown (NULL, certificate, NULL, NULL);

  g_assert_cmpstr (markdown, ==,
                   "# CertAssist report\n"
                   "\n## Certificate\n\n"
                   "- Name: nullmx.example\n"
                   "- Status: Waiting for validation\n"
                   "\n## What was done\n\n"
                   "- Nothing was changed in AWS.\n"
                   "\n## What is left\n\n"
                   "- Approve the mail for nullmx.example before 2026-12-09 10:30 UTC; after that, ACM stops waiting for the approval.\n"
                   "- Move the certificate for nullmx.example to DNS validation: ACM issues no email-validated certificates after 31 March 2027 and renews none after 30 September 2027.\n");
}

static void
test_escape (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "*.example.com", "\\*.example.com" },
    { "<b>bold</b> [link](x)", "\\<b\\>bold\\</b\\> \\[link\\](x)" },
    { "- not a list", "\\- not a list" },
    { "1. not a list", "1\\. not a list" },
    { "two\nlines", "two lines" },
    { "a_b `c` #d |e| ~f", "a\\_b \\`c\\` \\#d \\|e\\| \\~f" },
    { "2026-12-06 fine", "2026-12-06 fine" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = ca_report_escape_markdown (cases[i].in);

      g_assert_cmpstr (escaped, ==, cases[i].out);
    }
}

static void
test_json (void)
{
  g_autoptr (CaSession) session = new_session ();
  g_autoptr (CaAcmCertificate) certificate = new_pending_certificate ();
  const char *names[] = { "nullmx.example", NULL };
  CaDiagnosis *diagnosis = run_diagnosis (session, names, certificate);
  g_autoptr (GListStore) actions = new_actions ();
  g_autoptr (JsonNode) root = ca_report_to_json (diagnosis, certificate, G_LIST_MODEL (actions), NULL);
  g_autoptr (JsonNode) plain = ca_diagnosis_to_json (diagnosis);
  g_autoptr (JsonNode) skeleton = ca_report_to_json (NULL, certificate, NULL, NULL);
  JsonObject *object = json_node_get_object (root);
  JsonObject *action;
  GList *members;

  /* diagnose --json's members, unchanged, then what the journeys add. */
  members = json_object_get_members (json_node_get_object (plain));
  for (GList *m = members; m != NULL; m = m->next)
    g_assert_true (json_node_equal (json_object_get_member (object, m->data),
                                    json_object_get_member (json_node_get_object (plain), m->data)));
  g_list_free (members);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "actions")), ==, 1);
  action = json_array_get_object_element (json_object_get_array_member (object, "actions"), 0);
  g_assert_cmpstr (json_object_get_string_member (action, "action"), ==, "resend");
  g_assert_cmpstr (json_object_get_string_member (action, "arn"), ==, ARN);
  g_assert_cmpstr (json_object_get_string_member (action, "name"), ==, "nullmx.example");
  g_assert_cmpstr (json_object_get_string_member (action, "validation_domain"), ==, "nullmx.example");
  g_assert_cmpstr (json_object_get_string_member (action, "at"), ==, "2026-12-06T14:02:00Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "watches")), ==, 0);

  /* Without a diagnosis: the same keys, the certificate as `describe` has it. */
  object = json_node_get_object (skeleton);
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "names")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "findings")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "certificate"), "arn"), ==, ARN);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "actions")), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  ca_test_init (&argc, &argv);
  server = ca_test_unbound_start ();

  g_test_add_func ("/report/markdown/content", test_markdown_content);
  g_test_add_func ("/report/markdown/without-diagnosis", test_markdown_without_diagnosis);
  g_test_add_func ("/report/markdown/escape", test_escape);
  g_test_add_func ("/report/json", test_json);

  status = g_test_run ();
  ca_test_unbound_stop (server);
  return status;
}
