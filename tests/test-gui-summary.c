/* test-gui-summary.c: where the journeys end: the summary page and its export,
 * in a real window against the fake ACM (a process of its own) and a real unbound
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ca-account-page.h"
#include "ca-acm-record.h"
#include "ca-approvers-page.h"
#include "ca-certificates-page.h"
#include "ca-diagnosis-page.h"
#include "ca-fake-acm.h"
#include "ca-request-page.h"
#include "ca-resend-page.h"
#include "ca-summary-page.h"
#include "ca-test-fake-acm.h"
#include "ca-test-gui.h"
#include "ca-test-unbound.h"
#include "ca-watch-page.h"
#include "ca-window.h"

/* A guard against a hang, not a timing assertion. */
#define WAIT_LIMIT_S 60

#define PENDING_ARN "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0101-4000-8000-000000000001"

/* sub.parent-mx.example has no MX of its own: the diagnosis finds a problem. */
#define SEED \
  "{\"certificates\": [" \
  "{\"CertificateArn\": \"" PENDING_ARN "\", \"DomainName\": \"sub.parent-mx.example\", " \
  " \"Status\": \"PENDING_VALIDATION\", \"ValidationMethod\": \"EMAIL\", \"CreatedHoursAgo\": 20}]}"

/* Recognisable credentials: none of them may reach a report. */
#define SESSION_TOKEN "FwoGZXIvYXdzEXAMPLESESSIONTOKENsummarytest"

static CaTestUnbound *server;

typedef struct
{
  char        *dir;
  char        *url;
  GSubprocess *process;
  CaSession   *session;
  CaWindow    *window;
} Fixture;

static void
start_fake_acm (Fixture *fixture)
{
  g_autofree char *seed = g_build_filename (fixture->dir, "seed.json", NULL);

  g_assert_true (g_file_set_contents (seed, SEED, -1, NULL));
  fixture->process = ca_test_fake_acm_spawn (seed, &fixture->url, NULL);
  g_unlink (seed);
}

/* The environment's identity, with a session token: none of it may reach an export. */
static void
use_environment_keys (Fixture *fixture)
{
  ca_test_fake_acm_use_environment_keys (fixture->url);
  g_setenv ("AWS_SESSION_TOKEN", SESSION_TOKEN, TRUE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *servers[] = { ca_test_unbound_get_server (server), NULL };

  fixture->dir = g_dir_make_tmp ("certassist-gui-summary-XXXXXX", NULL);
  start_fake_acm (fixture);
  use_environment_keys (fixture);
  fixture->session = ca_session_new ();
  ca_session_set_dns_servers (fixture->session, servers);
  ca_session_set_dnssec (fixture->session, FALSE);
  ca_session_set_aws_region (fixture->session, "us-east-1");
  /* Registration lookups stay on this machine, where nothing answers them. */
  ca_session_set_whois_server (fixture->session, "127.0.0.1:1");
  ca_session_set_rdap_bootstrap (fixture->session, "http://127.0.0.1:1/dns.json");
  fixture->window = ca_test_gui_open_window_for (fixture->session, 800, 1000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->session);
  ca_test_fake_acm_terminate (fixture->process);
  g_clear_object (&fixture->process);
  g_clear_pointer (&fixture->url, g_free);
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static CaWizardPage *
visible_page (Fixture *fixture)
{
  return ca_window_get_visible_page (fixture->window);
}

static gboolean
page_is_type (gpointer data)
{
  Fixture *fixture = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (visible_page (fixture), GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (fixture->window), "wanted-type")));
}

static void
wait_for_page (Fixture *fixture,
               GType    type)
{
  g_object_set_data (G_OBJECT (fixture->window), "wanted-type", GSIZE_TO_POINTER (type));
  ca_test_gui_wait_until (page_is_type, fixture);
}

static gboolean
diagnosis_is_done (gpointer data)
{
  CaDiagnosisPage *page = data;

  return ca_diagnosis_page_get_diagnosis (page) != NULL && !ca_diagnosis_page_get_running (page);
}

static gboolean
resend_is_done (gpointer data)
{
  return !ca_resend_page_get_sending (data);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* Welcome → account → the pending certificate → its diagnosis. */
static CaDiagnosisPage *
open_diagnosis (Fixture *fixture)
{
  GtkWidget *row = ca_test_gui_find_widget (GTK_WIDGET (fixture->window), ca_test_gui_is_mapped_row_titled,
                                            "My certificate waits for its approval mail");
  CaDiagnosisPage *page;

  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_true (CA_IS_ACCOUNT_PAGE (visible_page (fixture)));
  ca_wizard_page_next (visible_page (fixture));
  wait_for_page (fixture, CA_TYPE_CERTIFICATES_PAGE);
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (visible_page (fixture)), ca_test_gui_is_mapped_row_titled,
                                     "sub.parent-mx.example");
  adw_action_row_activate (ADW_ACTION_ROW (row));
  wait_for_page (fixture, CA_TYPE_DIAGNOSIS_PAGE);
  page = CA_DIAGNOSIS_PAGE (visible_page (fixture));
  ca_test_gui_wait_until (diagnosis_is_done, page);
  return page;
}

/* The resend page: send the mail again to ACM's own choice. */
static CaResendPage *
resend (Fixture         *fixture,
        CaDiagnosisPage *diagnosis)
{
  CaResendPage *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (diagnosis), "diagnosis.resend", NULL));
  wait_for_page (fixture, CA_TYPE_RESEND_PAGE);
  page = CA_RESEND_PAGE (visible_page (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "resend.send", NULL));
  ca_test_gui_wait_until (has_message_dialog, NULL);
  adw_message_dialog_response (find_message_dialog (), "resend");
  ca_test_gui_wait_until (resend_is_done, page);
  return page;
}

static CaSummaryPage *
open_summary (Fixture *fixture)
{
  CaWizardPage *last = visible_page (fixture);

  g_assert_true (ca_wizard_page_has_next (last));
  g_assert_true (ca_wizard_page_get_can_next (last));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "wizard.next", NULL));
  wait_for_page (fixture, CA_TYPE_SUMMARY_PAGE);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  return CA_SUMMARY_PAGE (visible_page (fixture));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (ca_summary_page_save_report_finish (CA_SUMMARY_PAGE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return *(gboolean *) data;
}

/* Saves the report as the file chooser's answer does, and reads it back. */
static char *
export (CaSummaryPage   *page,
        CaSummaryFormat  format,
        const char      *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gboolean done = FALSE;

  ca_summary_page_save_report_async (page, format, file, NULL, saved_cb, &done);
  ca_test_gui_wait_until (is_done, &done);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_unlink (path);
  return contents;
}

/*
 * No secret in a log line, with every debug line on
 */

/* Whether @text holds a credential of the environment, plain, URL-encoded or in base64. */
static gboolean
holds_secret (const char *text)
{
  static const char * const secrets[] = { CA_FAKE_ACM_SECRET_ACCESS_KEY, SESSION_TOKEN, NULL };

  for (guint i = 0; secrets[i] != NULL; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (secrets[i], NULL, FALSE);
      g_autofree char *base64 = g_base64_encode ((const guchar *) secrets[i], strlen (secrets[i]));

      if (strstr (text, secrets[i]) != NULL || strstr (text, escaped) != NULL || strstr (text, base64) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Every log line, debug lines included, is checked before it reaches stderr. */
static GLogWriterOutput
check_log_writer (GLogLevelFlags   log_level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0 && holds_secret (fields[i].value))
        g_error ("A credential was logged (%s)", fields[i].key);
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
check_logs (void)
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_log_writer_default_set_use_stderr (TRUE);
  g_log_set_writer_func (check_log_writer, NULL, NULL);
}

static void
assert_no_secret (const char *text)
{
  g_assert_false (holds_secret (text));
  g_assert_null (strstr (text, CA_FAKE_ACM_ACCESS_KEY_ID));
}

/* The app owns the clipboard: its content is here, no X round trip (whose
 * deserializer GTK 4.8 leaks under ASan). */
static char *
read_clipboard (GtkWidget *widget)
{
  g_auto (GValue) text = G_VALUE_INIT;
  GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));

  g_assert_nonnull (content);
  g_value_init (&text, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &text, NULL));
  return g_value_dup_string (&text);
}

/* The approval-mail journey ends on its summary: the problem found, the
 * resend with its time, what is left with its deadline; the export says the
 * same, in Markdown and JSON, and holds no credential of the environment. */
static void
test_resend_summary (Fixture       *fixture,
                     gconstpointer  data)
{
  CaDiagnosisPage *diagnosis = open_diagnosis (fixture);
  CaSummaryPage *summary;
  g_autofree char *markdown_path = g_build_filename (fixture->dir, "report.md", NULL);
  g_autofree char *json_path = g_build_filename (fixture->dir, "report.json", NULL);
  g_autofree char *markdown = NULL;
  g_autofree char *json = NULL;
  g_autofree char *copied = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *action;

  resend (fixture, diagnosis);
  summary = open_summary (fixture);
  ca_test_gui_assert_row (GTK_WIDGET (summary),
                          "sub.parent-mx.example has no MX record, so no server accepts the approval mail for sub.parent-mx.example.",
                          "Problem, about sub.parent-mx.example", "error");
  /* What is left: the problem's remedy. */
  ca_test_gui_assert_row (GTK_WIDGET (summary),
                          "Send the mail to a parent domain that receives mail, or add an MX record that points to a mail service "
                          "delivering to one of the five mailboxes (Amazon SES email receiving with an SNS notification is one way), "
                          "wait an hour and resend. A DNS validation record is no more work than that MX record, and ends the waiting "
                          "for mail for good.", "", "error");
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (summary), ca_test_gui_is_mapped_row_titled,
                                             "Markdown"));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "summary.png");

  markdown = export (summary, CA_SUMMARY_FORMAT_MARKDOWN, markdown_path);
  assert_no_secret (markdown);
  g_assert_true (g_str_has_prefix (markdown, "# CertAssist report\n"));
  g_assert_nonnull (strstr (markdown, " UTC: the approval mail for sub.parent-mx.example was sent again.\n"));
  g_assert_nonnull (strstr (markdown, "- Approve the mail for sub.parent-mx.example before "));
  g_assert_nonnull (strstr (markdown, "- **Problem** (sub.parent-mx.example): sub.parent-mx.example has no MX record"));

  json = export (summary, CA_SUMMARY_FORMAT_JSON, json_path);
  assert_no_secret (json);
  root = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "version"), ==, 1);
  action = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "actions"), 0);
  g_assert_cmpstr (json_object_get_string_member (action, "action"), ==, "resend");
  g_assert_cmpstr (json_object_get_string_member (action, "arn"), ==, PENDING_ARN);
  g_assert_cmpstr (json_object_get_string_member (action, "name"), ==, "sub.parent-mx.example");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (root), "certificate"), "arn"),
                   ==, PENDING_ARN);

  /* Copied: the same Markdown as saved. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (summary), "summary.copy", "i", CA_SUMMARY_FORMAT_MARKDOWN));
  copied = read_clipboard (GTK_WIDGET (summary));
  g_assert_cmpstr (copied, ==, markdown);

  /* The next journey's summary reports that journey only. */
  while (ca_window_get_n_pages (fixture->window) > 1)
    ca_window_go_back (fixture->window);
  adw_action_row_activate (ADW_ACTION_ROW (ca_test_gui_find_widget (GTK_WIDGET (fixture->window), ca_test_gui_is_mapped_row_titled,
                                                                    "Where does the approval mail go?")));
  wait_for_page (fixture, CA_TYPE_APPROVERS_PAGE);
  summary = open_summary (fixture);
  ca_test_gui_assert_row (GTK_WIDGET (summary), "Nothing was diagnosed on this journey", "", "dim-label");
  ca_test_gui_assert_row (GTK_WIDGET (summary), "Nothing was changed in AWS", "", "dim-label");
  g_clear_pointer (&markdown, g_free);
  markdown = ca_summary_page_get_report (summary, CA_SUMMARY_FORMAT_MARKDOWN);
  g_assert_null (strstr (markdown, "sub.parent-mx.example"));
}

/* A journey without AWS ends on a summary too, which claims nothing it did not do. */
static void
test_approvers_summary (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *row = ca_test_gui_find_widget (GTK_WIDGET (fixture->window), ca_test_gui_is_mapped_row_titled,
                                            "Where does the approval mail go?");
  CaSummaryPage *summary;
  g_autofree char *markdown = NULL;
  g_autofree char *json = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonArray *found;

  adw_action_row_activate (ADW_ACTION_ROW (row));
  wait_for_page (fixture, CA_TYPE_APPROVERS_PAGE);
  /* Twice the same name, and one that is not a name: each valid name once. */
  ca_test_gui_type_into_entry (GTK_WIDGET (visible_page (fixture)), "www.example.com shop.example.org www.example.com a..b");
  summary = open_summary (fixture);
  /* What the page found is what the summary found. */
  ca_test_gui_assert_row (GTK_WIDGET (summary),
                          "ACM mails the approval for www.example.com to five addresses at example.com: "
                          "admin@example.com, administrator@example.com, hostmaster@example.com, "
                          "postmaster@example.com, webmaster@example.com", "", "dim-label");
  ca_test_gui_assert_row (GTK_WIDGET (summary),
                          "ACM mails the approval for shop.example.org to five addresses at shop.example.org: "
                          "admin@shop.example.org, administrator@shop.example.org, hostmaster@shop.example.org, "
                          "postmaster@shop.example.org, webmaster@shop.example.org", "", "dim-label");
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (summary), ca_test_gui_is_mapped_row_titled,
                                          "Nothing was diagnosed on this journey"));
  ca_test_gui_assert_row (GTK_WIDGET (summary), "Nothing was changed in AWS", "", "dim-label");
  ca_test_gui_assert_row (GTK_WIDGET (summary), "Nothing is left to do", "", "success");

  /* The export says what the page showed: the addresses, in both formats. */
  markdown = ca_summary_page_get_report (summary, CA_SUMMARY_FORMAT_MARKDOWN);
  g_assert_nonnull (strstr (markdown, "\n## What was found\n\n- ACM mails the approval for www.example.com to five addresses at example.com: admin@example.com, "));
  g_assert_nonnull (strstr (markdown, "postmaster@shop.example.org, webmaster@shop.example.org\n"));
  g_assert_null (strstr (markdown, "Nothing was diagnosed"));
  json = ca_summary_page_get_report (summary, CA_SUMMARY_FORMAT_JSON);
  root = json_from_string (json, NULL);
  g_assert_nonnull (root);
  found = json_object_get_array_member (json_node_get_object (root), "found");
  g_assert_nonnull (found);
  g_assert_cmpuint (json_array_get_length (found), ==, 2);
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (found, 1), "title"),
                            "webmaster@shop.example.org"));
}

static gboolean
press_check_now_cb (gpointer data)
{
  gtk_widget_activate_action (GTK_WIDGET (data), "watch.check-now", NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean
has_records (gpointer data)
{
  return ca_certificate_watch_get_records (data) != NULL;
}

static gboolean
is_mapped_entry_row (GtkWidget *widget,
                     gpointer   data)
{
  return ADW_IS_ENTRY_ROW (widget) && gtk_widget_get_mapped (widget);
}

/* A request's summary says where the new certificate stands and which
 * records to publish, as the records page showed them. */
static void
test_request_summary (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *row = ca_test_gui_find_widget (GTK_WIDGET (fixture->window), ca_test_gui_is_mapped_row_titled,
                                            "Request a certificate");
  CaSummaryPage *summary;
  CaCertificateWatch *watch;
  CaAcmRecord *record;
  g_autofree char *value = NULL;
  guint source;

  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_true (CA_IS_ACCOUNT_PAGE (visible_page (fixture)));
  ca_wizard_page_next (visible_page (fixture));
  wait_for_page (fixture, CA_TYPE_REQUEST_PAGE);
  gtk_editable_set_text (GTK_EDITABLE (ca_test_gui_find_widget (GTK_WIDGET (visible_page (fixture)), is_mapped_entry_row, NULL)),
                         "shop.good.example");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (visible_page (fixture)), "request.send", NULL));
  wait_for_page (fixture, CA_TYPE_WATCH_PAGE);
  watch = g_list_model_get_item (ca_session_get_watches (fixture->session), 0);
  g_object_unref (watch); /* the session keeps it */
  source = g_timeout_add (300, press_check_now_cb, visible_page (fixture));
  ca_test_gui_wait_until (has_records, watch);
  g_source_remove (source);
  record = g_ptr_array_index (ca_certificate_watch_get_records (watch), 0);
  value = g_strdup_printf ("CNAME %s", ca_acm_record_get_value (record));

  summary = open_summary (fixture);
  ca_test_gui_assert_row (GTK_WIDGET (summary), "ACM waits to see the DNS records for shop.good.example", "", "warning");
  ca_test_gui_assert_row (GTK_WIDGET (summary), ca_acm_record_get_name (record), value, NULL);
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (summary), ca_test_gui_is_mapped_row_titled,
                                          "Nothing was diagnosed on this journey"));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "summary-request.png");
}

#define ADD(path, func) \
  g_test_add ("/gui/summary/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  int status;

  check_logs ();
  if (!ca_test_gui_init (&argc, &argv, WAIT_LIMIT_S))
    return 0;
  ca_test_gui_load_app_resources ();
  server = ca_test_unbound_start ();

  ADD ("resend", test_resend_summary);
  ADD ("approvers", test_approvers_summary);
  ADD ("request", test_request_summary);

  status = g_test_run ();
  ca_test_unbound_stop (server);
  return status;
}
