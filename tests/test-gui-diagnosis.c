/* test-gui-diagnosis.c: the journey "My validation mail never arrived" in a real window,
 * against a real unbound on 127.0.0.1
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ca-approvers-page.h"
#include "ca-diagnosis-names-page.h"
#include "ca-diagnosis-page.h"
#include "ca-test-check.h"
#include "ca-test-hierarchy.h"
#include "ca-test-gui.h"
#include "ca-test-unbound.h"
#include "ca-welcome-page.h"
#include "ca-window.h"

/* A guard against a hang, not a timing assertion. */
#define WAIT_LIMIT_S 30

static CaTestUnbound *server;

static gboolean
is_mapped_row_titled_prefix (GtkWidget *widget,
                             gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data);
}

static gboolean
is_group_titled (GtkWidget *widget,
                 gpointer   data)
{
  return ADW_IS_PREFERENCES_GROUP (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), data) == 0;
}

static gboolean
is_group_described (GtkWidget *widget,
                    gpointer   data)
{
  return ADW_IS_PREFERENCES_GROUP (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)), data) == 0;
}

static guint
count_mapped_rows_titled (GtkWidget  *widget,
                          const char *title)
{
  guint count = ca_test_gui_is_mapped_row_titled (widget, (gpointer) title) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    count += count_mapped_rows_titled (child, title);
  return count;
}

/* A session pointed at local servers, as the app's would be by its settings. */
static CaSession *
create_session (const char *server_address,
                int         timeout_s)
{
  CaSession *session = ca_session_new ();
  const char *servers[] = { server_address, NULL };

  ca_session_set_dns_servers (session, servers);
  ca_session_set_dnssec (session, FALSE);
  ca_session_set_timeout (session, (guint) timeout_s);
  /* Registration lookups stay on this machine, where nothing answers them
   * (test-registration-group shows that section against real servers). */
  ca_session_set_whois_server (session, "127.0.0.1:1");
  ca_session_set_rdap_bootstrap (session, "http://127.0.0.1:1/dns.json");
  return session;
}

/* Welcome → names page → Next → the diagnosis page. */
static CaDiagnosisPage *
open_diagnosis (CaWindow   *window,
                const char *names)
{
  GtkWidget *row = ca_test_gui_find_widget (GTK_WIDGET (window), ca_test_gui_is_mapped_row_titled,
                                            "My validation mail never arrived");
  CaWizardPage *names_page;

  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  names_page = ca_window_get_visible_page (window);
  g_assert_true (CA_IS_DIAGNOSIS_NAMES_PAGE (names_page));
  ca_test_gui_type_into_entry (GTK_WIDGET (names_page), names);
  g_assert_true (ca_wizard_page_get_can_next (names_page));
  ca_wizard_page_next (names_page);
  g_assert_true (CA_IS_DIAGNOSIS_PAGE (ca_window_get_visible_page (window)));
  return CA_DIAGNOSIS_PAGE (ca_window_get_visible_page (window));
}

static gboolean
diagnosis_is_done (gpointer diagnosis)
{
  return !ca_diagnosis_get_running (diagnosis);
}

/* The page fills in a row per frame after the diagnosis ends: wait for all of it. */
static gboolean
page_is_complete (gpointer page)
{
  return !ca_diagnosis_page_get_running (page);
}

static void
assert_row (CaWindow   *window,
            const char *title)
{
  if (ca_test_gui_find_widget (GTK_WIDGET (window), ca_test_gui_is_mapped_row_titled,
                               (gpointer) title) == NULL)
    g_error ("no row “%s”", title);
}

static void
test_journey (void)
{
  g_autoptr (CaSession) session = create_session (ca_test_unbound_get_server (server), 10);
  CaWindow *window;
  CaDiagnosisPage *page;

  /* As tall as the test screen (1280×1024): rendering is slow under ASan. */
  window = ca_test_gui_open_window_for (session, 900, 1000);
  page = open_diagnosis (window, "www.good.example nullmx.example, mx-cname.example *.caa-wild.example");
  g_assert_true (ca_diagnosis_page_get_running (page));

  ca_test_gui_wait_until (page_is_complete, page);
  /* The sections: addresses with copy buttons, mail servers, CAA. */
  assert_row (window, "postmaster@good.example");
  assert_row (window, "mx1.good.example");
  assert_row (window, "mx2.good.example");
  assert_row (window, "No Mail Accepted");
  assert_row (window, "mail.mx-cname.example");
  /* The findings with their remedies come first. */
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (window), is_mapped_row_titled_prefix,
                                             "nullmx.example publishes a null MX record"));
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (window), is_mapped_row_titled_prefix,
                                             "The CAA issuewild records of caa-wild.example"));
  /* The verdicts say the right thing in the right colour. */
  ca_test_gui_assert_row (GTK_WIDGET (window), "Amazon may issue", "The CAA records at good.example allow Amazon.", "success");
  ca_test_gui_assert_row (GTK_WIDGET (window), "Amazon may not issue",
                          "The CAA issuewild records of caa-wild.example do not name Amazon", "error");
  ca_test_gui_assert_row (GTK_WIDGET (window), "No Mail Accepted", "nullmx.example publishes a null MX record", "error");
  ca_test_gui_assert_row (GTK_WIDGET (window), "mx1.good.example", "Preference 10 · 192.0.2.", "success");
  /* Mail servers in the order mail is tried: preference 10 before 20. */
  ca_test_gui_assert_rows_in_order (GTK_WIDGET (window), "mx1.good.example", "mx2.good.example", NULL);
  ca_test_gui_assert_row (GTK_WIDGET (window), "mx2.good.example", "Preference 20 · 192.0.2.", "success");
  ca_test_gui_assert_row (GTK_WIDGET (window), "mail.mx-cname.example", "Preference", "warning");
  /* The five addresses in the contract's order, and the names in the order they were typed. */
  ca_test_gui_assert_rows_in_order (GTK_WIDGET (window), "admin@good.example", "administrator@good.example",
                                    "hostmaster@good.example", "postmaster@good.example", "webmaster@good.example", NULL);
  ca_test_gui_assert_rows_in_order (GTK_WIDGET (page), "www.good.example", "nullmx.example", "mx-cname.example",
                                    "*.caa-wild.example", NULL);
  /* Each name's line on top says its first problem in its colour, and how many more there are
   * (.example is not a public TLD: every name has that problem, after a CAA refusal). */
  ca_test_gui_assert_row (GTK_WIDGET (page), "www.good.example", "The name is not under a public top-level domain", "error");
  ca_test_gui_assert_row (GTK_WIDGET (page), "mx-cname.example",
                          "The name is not under a public top-level domain (and 2 more findings)", "error");
  ca_test_gui_assert_row (GTK_WIDGET (page), "*.caa-wild.example",
                          "A CAA issuewild record forbids Amazon to issue wildcard certificates (and 1 more finding)", "error");
  /* Only the local resolver was asked: the DNS verdicts say so, and no comparison shows. */
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), is_group_described,
                                             "From the DNS resolver in use, not from the public DNS that the certificate authority asks"));
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_group_titled, "Local and Public DNS"));
  /* One line per name on top; the note about the registration contacts once, for all domains. */
  ca_test_gui_assert_row (GTK_WIDGET (page), "nullmx.example", "The approval domain declares that it accepts no mail (null MX)", "error");
  g_assert_cmpuint (count_mapped_rows_titled (GTK_WIDGET (page), "ACM has not mailed these contacts since 2024"), ==, 1);
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "diagnosis.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_visible_error_label (GtkWidget *widget,
                        gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, "error") &&
         g_strstr_len (gtk_label_get_text (GTK_LABEL (widget)), -1, data) != NULL;
}

/* The visible error label says why in words, without a control or bidi character of the input. */
static void
assert_error_label_clean (GtkWidget *page)
{
  GtkWidget *label = ca_test_gui_find_widget (page, is_visible_error_label, "");
  const char *text;

  g_assert_nonnull (label);
  text = gtk_label_get_text (GTK_LABEL (label));
  g_assert_cmpstr (text, !=, "");
  g_assert_null (strchr (text, '\033'));
  g_assert_null (strchr (text, '\007'));
  g_assert_null (strstr (text, "\342\200\256"));  /* U+202E RIGHT-TO-LEFT OVERRIDE */
  g_assert_nonnull (strstr (text, "pwned"));
}

/* Next stays off, with the reason in sight, until every name and the validation domain are valid. */
static void
test_names_input (void)
{
  CaWindow *window = ca_test_gui_open_window (760, 720);
  GtkWidget *row = ca_test_gui_find_widget (GTK_WIDGET (window), ca_test_gui_is_mapped_row_titled,
                                            "My validation mail never arrived");
  CaWizardPage *page;
  GtkWidget *names_row, *validation_row = NULL;

  adw_action_row_activate (ADW_ACTION_ROW (row));
  page = ca_window_get_visible_page (window);
  g_assert_true (CA_IS_DIAGNOSIS_NAMES_PAGE (page));
  names_row = ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_entry_row, NULL);
  /* The validation domain's row follows the names' row. */
  for (GtkWidget *w = gtk_widget_get_next_sibling (names_row); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_ENTRY_ROW (w))
      validation_row = w;
  g_assert_nonnull (validation_row);

  gtk_editable_set_text (GTK_EDITABLE (names_row), "");
  g_assert_false (ca_wizard_page_get_can_next (page));
  gtk_editable_set_text (GTK_EDITABLE (names_row), "www.good.example exa_mple.com");
  g_assert_false (ca_wizard_page_get_can_next (page));
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), is_visible_error_label, "exa_mple"));

  /* A pasted name with terminal and bidi controls: the message quotes it, cleaned. */
  gtk_editable_set_text (GTK_EDITABLE (names_row), "a\033[31mpwned\007\342\200\256moc.b.example");
  g_assert_false (ca_wizard_page_get_can_next (page));
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
  assert_error_label_clean (GTK_WIDGET (page));

  gtk_editable_set_text (GTK_EDITABLE (names_row), "www.good.example, shop.good.example");
  g_assert_true (ca_wizard_page_get_can_next (page));
  gtk_editable_set_text (GTK_EDITABLE (validation_row), "other.example");
  g_assert_false (ca_wizard_page_get_can_next (page));
  gtk_editable_set_text (GTK_EDITABLE (validation_row), "good.example");
  g_assert_true (ca_wizard_page_get_can_next (page));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What each frame showed: how many rows were on screen after it. */
typedef struct
{
  GtkWidget *page;
  guint      frames;
  guint      last_rows;
  guint      most_new_rows; /* the most rows that came on screen in one frame */
  guint      growing_frames;
} FillCount;

static guint
count_mapped_rows (GtkWidget *widget)
{
  guint count = ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    count += count_mapped_rows (child);
  return count;
}

static void
on_after_paint_count_cb (GdkFrameClock *clock,
                         FillCount     *fill)
{
  guint rows = count_mapped_rows (fill->page);

  if (rows > fill->last_rows)
    {
      fill->most_new_rows = MAX (fill->most_new_rows, rows - fill->last_rows);
      fill->growing_frames++;
    }
  fill->last_rows = rows;
  fill->frames++;
}

/* The page fills in a row per frame rather than all at once, so that the
 * window keeps drawing (bench/responsiveness); it says when it is complete,
 * and then shows what it would have shown at once. A registration group
 * comes with its verdict and its note, hence up to three rows in a frame. */
static void
test_fills_in (void)
{
  g_autoptr (CaSession) session = create_session (ca_test_unbound_get_server (server), 10);
  CaWindow *window = ca_test_gui_open_window_for (session, 760, 720);
  FillCount fill = { 0 };
  GdkFrameClock *clock;
  CaDiagnosisPage *page;
  gulong handler;

  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  page = open_diagnosis (window, "www.good.example nullmx.example");
  fill.page = GTK_WIDGET (page);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_count_cb), &fill);
  ca_test_gui_wait_until (diagnosis_is_done, ca_diagnosis_page_get_diagnosis (page));
  ca_test_gui_wait_until (page_is_complete, page);
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
  g_signal_handler_disconnect (clock, handler);

  g_test_message ("%u rows in %u frames, %u frames adding rows, at most %u rows in one",
                  fill.last_rows, fill.frames, fill.growing_frames, fill.most_new_rows);
  g_assert_cmpuint (fill.most_new_rows, <=, 3);
  g_assert_cmpuint (fill.growing_frames, >=, fill.last_rows / 3);
  /* Complete: every section, finding and verdict, as the journey expects. */
  assert_row (window, "postmaster@good.example");
  assert_row (window, "postmaster@nullmx.example");
  ca_test_gui_assert_row (GTK_WIDGET (window), "No Mail Accepted", "nullmx.example publishes a null MX record", "error");
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (window), is_mapped_row_titled_prefix,
                                             "nullmx.example publishes a null MX record"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_back_cancels (void)
{
  g_autoptr (CaTestBlackhole) hole = ca_test_blackhole_new ();
  g_autoptr (CaSession) session = create_session (ca_test_blackhole_get_server (hole), 300);
  g_autoptr (CaDiagnosis) diagnosis = NULL;
  CaWindow *window;
  CaDiagnosisPage *page;

  window = ca_test_gui_open_window_for (session, 760, 720);
  page = open_diagnosis (window, "www.good.example");
  diagnosis = g_object_ref (ca_diagnosis_page_get_diagnosis (page));
  g_assert_true (ca_diagnosis_get_running (diagnosis));

  /* Nothing answers within 300 s; going back must end the lookups now. */
  g_assert_true (ca_window_go_back (window));
  ca_test_gui_wait_until (diagnosis_is_done, diagnosis);
  g_assert_cmpuint (g_list_model_get_n_items (ca_diagnosis_get_findings (diagnosis)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_network_failure (void)
{
  g_autoptr (CaTestBlackhole) hole = ca_test_blackhole_new ();
  g_autoptr (CaSession) session = create_session (ca_test_blackhole_get_server (hole), 1);
  CaWindow *window;
  CaDiagnosisPage *page;

  window = ca_test_gui_open_window_for (session, 760, 720);
  page = open_diagnosis (window, "www.good.example");
  ca_test_gui_wait_until (page_is_complete, page);
  assert_row (window, "No DNS server answered");
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "diagnosis-network-failure.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_mapped_row_titled_any (GtkWidget *widget,
                          gpointer   data)
{
  const char * const *titles = data;

  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strv_contains (titles, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
}

/* The machine's resolver answers NXDOMAIN for every name: the page says, on
 * top and in words, that the resolver cannot be trusted, and shows no verdict
 * about the domains, neither red nor green. */
static void
test_nxdomain_resolver (void)
{
  static const char * const verdicts[] = {
    "No Mail Server", "No Mail Accepted", "Domain Does Not Exist", "Amazon may issue", "Amazon may not issue",
    "DNS shows nothing that stops the approval mail", NULL
  };
  g_autoptr (CaTestUnbound) liar = ca_test_unbound_start_nxdomain ();
  g_autoptr (CaSession) session = create_session (ca_test_unbound_get_server (liar), 10);
  const char *may_be_fine = "The DNS resolver in use denies names that exist, so nothing it says about the domains is evidence";
  CaWindow *window;
  CaDiagnosisPage *page;
  GtkWidget *name_group;

  window = ca_test_gui_open_window_for (session, 900, 1000);
  page = open_diagnosis (window, "example.com www.example.org");
  ca_test_gui_wait_until (page_is_complete, page);
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));

  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_error_row, NULL));
  ca_test_gui_assert_row (GTK_WIDGET (page), "Your DNS resolver cannot be trusted", may_be_fine, NULL);
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), is_group_titled, "About the Whole Request"));
  ca_test_gui_assert_row (GTK_WIDGET (page),
                          "The DNS resolver in use answered NXDOMAIN when asked for the root zone, which always exists. A resolver that denies names that exist cannot be trusted, so nothing it said is held against the domains: they may well be fine.",
                          "Its answers are no evidence about the domains.", "error");
  ca_test_gui_assert_row (GTK_WIDGET (page), "Not checked", "The DNS resolver in use cannot be trusted", "warning");
  /* A name without findings says the same instead of a verdict (example.com has
   * one: its registration data, which needs no DNS answer, could not be read). */
  name_group = ca_test_gui_find_widget (GTK_WIDGET (page), is_group_titled, "www.example.org");
  g_assert_nonnull (name_group);
  ca_test_gui_assert_row (name_group, "Your DNS resolver cannot be trusted", may_be_fine, "warning");
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_row_titled_any, (gpointer) verdicts));
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_row_titled_prefix, "DNSSEC"));
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "diagnosis-nxdomain-resolver.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A company resolver that lies about split.example beside the public DNS of
 * the lab (tests/zones/lab/): the verdicts say they come from the public DNS,
 * the comparison shows both mail servers under the view that gave each, and
 * the summary on top leads to the name's section. */
static void
test_views (void)
{
  g_autofree char *skip_reason = NULL;
  g_autoptr (CaTestHierarchy) lab = ca_test_hierarchy_start (&skip_reason);
  g_autoptr (CaSession) session = NULL;
  CaWindow *window;
  CaDiagnosisPage *page;
  GtkWidget *summary_row, *name_group, *focus;

  if (lab == NULL)
    {
      g_test_skip (skip_reason);
      return;
    }
  session = create_session (ca_test_hierarchy_get_split_server (lab), 5);
  ca_session_set_root_hints (session, ca_test_hierarchy_get_root_hints (lab));
  ca_session_set_trust_anchor (session, ca_test_hierarchy_get_trust_anchor (lab));
  ca_session_set_dnssec (session, TRUE);

  window = ca_test_gui_open_window_for (session, 900, 1000);
  page = open_diagnosis (window, "split.example good.example");
  ca_test_gui_wait_until (page_is_complete, page);
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));

  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), is_group_described,
                                             "From the public DNS, as the certificate authority sees it"));
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_group_described,
                                          "From the DNS resolver in use, not from the public DNS that the certificate authority asks"));
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), is_group_titled, "Local and Public DNS"));
  ca_test_gui_assert_row (GTK_WIDGET (page), "10 internal-mx.split.example",
                          "The DNS resolver in use: only this computer sees this", NULL);
  ca_test_gui_assert_row (GTK_WIDGET (page), "10 mx.split.example",
                          "Public DNS: the certificate authority sees this", NULL);
  ca_test_gui_assert_row (GTK_WIDGET (page), "Both views agree", "The DNS resolver in use and the public DNS give the same answers", "success");
  ca_test_gui_assert_row (GTK_WIDGET (page),
                          "For the MX records of split.example, the DNS resolver in use answers 10 internal-mx.split.example, but the public DNS, which the certificate authority asks, answers 10 mx.split.example.",
                          "Fix the records in the public zone", "warning");

  ca_test_gui_assert_row (GTK_WIDGET (page), "split.example", "The DNS resolver in use answers differently from the public DNS", "warning");
  summary_row = ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled, "split.example");
  name_group = ca_test_gui_find_widget (GTK_WIDGET (page), is_group_titled, "split.example");
  g_assert_nonnull (name_group);
  adw_action_row_activate (ADW_ACTION_ROW (summary_row));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, name_group));
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "diagnosis-views.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Another page pushed on top covers the diagnosis page but does not stop it:
 * back on it, the diagnosis has run to its end. */
static void
test_covered_goes_on (void)
{
  g_autoptr (CaSession) session = create_session (ca_test_unbound_get_server (server), 10);
  CaWindow *window = ca_test_gui_open_window_for (session, 760, 720);
  CaDiagnosisPage *page = open_diagnosis (window, "nullmx.example");
  CaDiagnosis *diagnosis = ca_diagnosis_page_get_diagnosis (page);

  g_assert_true (ca_diagnosis_get_running (diagnosis));
  ca_wizard_page_push_page (CA_WIZARD_PAGE (page), CA_WIZARD_PAGE (ca_approvers_page_new ()));
  g_assert_true (ca_window_get_visible_page (window) != CA_WIZARD_PAGE (page));
  ca_test_gui_wait_until (diagnosis_is_done, diagnosis);
  g_assert_true (ca_window_go_back (window));
  g_assert_true (ca_window_get_visible_page (window) == CA_WIZARD_PAGE (page));

  g_assert_true (ca_diagnosis_page_get_diagnosis (page) == diagnosis);
  g_assert_cmpuint (g_list_model_get_n_items (ca_diagnosis_get_findings (diagnosis)), >, 0);
  ca_test_gui_wait_until (page_is_complete, page);
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
  ca_test_gui_assert_row (GTK_WIDGET (window), "No Mail Accepted", "nullmx.example publishes a null MX record", "error");
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_row_titled_prefix, "Asking DNS"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A check the page has never heard of, added through the interface and the
 * session: its group, its fact and its finding show, worded by the check. */
static void
test_added_check (void)
{
  g_autoptr (CaSession) session = create_session (ca_test_unbound_get_server (server), 10);
  CaWindow *window;
  CaDiagnosisPage *page;

  ca_session_add_check_type (session, CA_TYPE_TEST_CHECK);
  window = ca_test_gui_open_window_for (session, 760, 1000);
  page = open_diagnosis (window, "www.good.example");
  ca_test_gui_wait_until (page_is_complete, page);
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));

  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), is_group_titled, "Hello Check"));
  ca_test_gui_assert_row (GTK_WIDGET (page), "Hello", "1 names said hello", "success");
  ca_test_gui_assert_row (GTK_WIDGET (page), "Hello from a test check.", "AWS has announced", "warning");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (!ca_test_gui_init (&argc, &argv, WAIT_LIMIT_S))
    return 0;
  ca_test_gui_load_app_resources ();
  server = ca_test_unbound_start ();

  g_test_add_func ("/gui/diagnosis/journey", test_journey);
  g_test_add_func ("/gui/diagnosis/names-input", test_names_input);
  g_test_add_func ("/gui/diagnosis/back-cancels", test_back_cancels);
  g_test_add_func ("/gui/diagnosis/network-failure", test_network_failure);
  g_test_add_func ("/gui/diagnosis/nxdomain-resolver", test_nxdomain_resolver);
  g_test_add_func ("/gui/diagnosis/covered-goes-on", test_covered_goes_on);
  g_test_add_func ("/gui/diagnosis/added-check", test_added_check);
  g_test_add_func ("/gui/diagnosis/views", test_views);
  g_test_add_func ("/gui/diagnosis/fills-in", test_fills_in);

  status = g_test_run ();
  ca_test_unbound_stop (server);
  return status;
}
