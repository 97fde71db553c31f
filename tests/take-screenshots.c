/* take-screenshots.c: every page of every journey as PNGs, for reviewers and the metainfo
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: take-screenshots DIR (run by `build-aux/dev screenshots DIR`, once per
 * language with LANGUAGE and LC_ALL set). Drives the real window against the
 * demo's local services (the fixture unbound, the fake ACM seeded with
 * tests/data/fake-acm-demo.json, the WHOIS and RDAP servers of
 * tests/registration-server) and saves each page wide and at 360 px, light
 * and dark, as DIR/<lang>-<page>-<wide|narrow>-<light|dark>.png.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>

#include "ca-account-page.h"
#include "ca-approvers-page.h"
#include "ca-certificates-page.h"
#include "ca-check-page.h"
#include "ca-diagnosis-names-page.h"
#include "ca-diagnosis-page.h"
#include "ca-fleet-page.h"
#include "ca-move-page.h"
#include "ca-preferences-window.h"
#include "ca-request-page.h"
#include "ca-resend-page.h"
#include "ca-summary-page.h"
#include "ca-test-gui.h"
#include "ca-test-hierarchy.h"
#include "ca-test-unbound.h"
#include "ca-util.h"
#include "ca-watch-page.h"
#include "ca-window.h"

/* A guard against a hang. */
#define WAIT_LIMIT_S 120

#define WIDE_WIDTH 900
#define WIDE_HEIGHT 1000
#define NARROW_WIDTH 360
#define NARROW_HEIGHT 720

typedef struct
{
  const char    *dir;
  const char    *lang;
  CaTestUnbound *dns;
  CaTestHierarchy *lab;
  char          *lab_extra;
  GSubprocess   *fake_acm;
  GSubprocess   *registration;
  CaSession     *session;
  CaWindow      *window;
} Shooter;

/* The pages look as in real life when the names are public, as in
 * `build-aux/dev demo`: the lab's signed hierarchy with the demo's zones
 * (make-demo-zones.py), so each fixture name is a zone under the lab's .example
 * TLD and both views answer. The lab needs root and nsd; without it the
 * fixture unbound answers, and every name reads as not public. */
static void
start_lab (Shooter *shooter)
{
  g_autofree char *script = g_build_filename (TESTS_SOURCE_DIR, "zones", "lab", "make-demo-zones.py", NULL);
  g_autofree char *skip_reason = NULL;
  const char *dns_servers[2] = { NULL, NULL };
  g_autoptr (GError) error = NULL;
  int status;

  shooter->lab_extra = g_dir_make_tmp ("certassist-shots-XXXXXX", &error);
  g_assert_no_error (error);
  if (!g_spawn_sync (NULL, (char *[]) { "/usr/bin/python3", script, shooter->lab_extra, NULL }, NULL,
                     G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("make-demo-zones.py failed: %s", error->message);
  /* make-lab.sh, which the hierarchy runs, adds the zones of LAB_EXTRA. */
  g_setenv ("LAB_EXTRA", shooter->lab_extra, TRUE);
  shooter->lab = ca_test_hierarchy_start (&skip_reason);
  g_unsetenv ("LAB_EXTRA");
  if (shooter->lab == NULL)
    {
      g_printerr ("No public view in the screenshots (%s): the names read as not public.\n", skip_reason);
      return;
    }
  dns_servers[0] = ca_test_hierarchy_get_split_server (shooter->lab);
  ca_session_set_dns_servers (shooter->session, dns_servers);
  ca_session_set_root_hints (shooter->session, ca_test_hierarchy_get_root_hints (shooter->lab));
  ca_session_set_trust_anchor (shooter->session, ca_test_hierarchy_get_trust_anchor (shooter->lab));
}

static void
stop_lab (Shooter *shooter)
{
  g_autoptr (GFile) extra = NULL;
  g_autoptr (GFileEnumerator) files = NULL;
  GFileInfo *info;

  g_clear_pointer (&shooter->lab, ca_test_hierarchy_stop);
  if (shooter->lab_extra == NULL)
    return;
  extra = g_file_new_for_path (shooter->lab_extra);
  files = g_file_enumerate_children (extra, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  while (files != NULL && (info = g_file_enumerator_next_file (files, NULL, NULL)) != NULL)
    {
      g_autoptr (GFile) child = g_file_get_child (extra, g_file_info_get_name (info));

      g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (extra, NULL, NULL);
  g_clear_pointer (&shooter->lab_extra, g_free);
}

static void
start_fake_acm (Shooter *shooter)
{
  g_autofree char *fake = g_build_filename (BUILD_TESTS_DIR, "fake-acm", "fake-acm", NULL);
  g_autofree char *seed = g_build_filename (TESTS_SOURCE_DIR, "data", "fake-acm-demo.json", NULL);
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  shooter->fake_acm = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, fake, "--seed", seed,
                                        "--dns-server", ca_test_unbound_get_server (shooter->dns), NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (shooter->fake_acm));
  url = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_setenv ("AWS_ENDPOINT_URL_ACM", url, TRUE);
  g_setenv ("AWS_ENDPOINT_URL_ROUTE_53", url, TRUE);
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", TRUE);
  g_setenv ("AWS_CONFIG_FILE", "/nonexistent/aws/config", TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws/credentials", TRUE);
  g_unsetenv ("AWS_SESSION_TOKEN");
  g_unsetenv ("AWS_PROFILE");
  g_unsetenv ("AWS_ENDPOINT_URL");
}

/* The demo's WHOIS and RDAP servers (tests/registration-server), so that the
 * pages show registration data as users see it, not a refused connection. */
static void
start_registration_servers (Shooter *shooter)
{
  g_autofree char *server = g_build_filename (BUILD_TESTS_DIR, "registration-server", NULL);
  g_autofree char *fixtures = g_build_filename (TESTS_SOURCE_DIR, "fixtures", NULL);
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GError) error = NULL;

  /* It runs until its stdin closes, which the subprocess holds open. */
  shooter->registration = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                            server, fixtures, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (shooter->registration));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "whois-server="))
        ca_session_set_whois_server (shooter->session, line + strlen ("whois-server="));
      else if (g_str_has_prefix (line, "rdap-bootstrap="))
        ca_session_set_rdap_bootstrap (shooter->session, line + strlen ("rdap-bootstrap="));
    }
}

static void
stop_registration_servers (Shooter *shooter)
{
  g_output_stream_close (g_subprocess_get_stdin_pipe (shooter->registration), NULL, NULL);
  g_subprocess_wait (shooter->registration, NULL, NULL);
  g_clear_object (&shooter->registration);
}

static void
set_size (GtkWindow *window,
          gboolean   wide)
{
  gtk_window_set_default_size (window, wide ? WIDE_WIDTH : NARROW_WIDTH, wide ? WIDE_HEIGHT : NARROW_HEIGHT);
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
  /* A resize lands after a round trip to the X server. */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
}

/* Says which labels of @widget the user sees cut short with “…” (a title, a
 * region, a button), so that a reviewer knows where to look in @file. */
static void
report_cut_labels (GtkWidget  *widget,
                   const char *file)
{
  if (ca_test_gui_is_mapped_cut_label (widget, NULL))
    g_print ("# cut short in %s: “%s” (%d px)\n", file, gtk_label_get_text (GTK_LABEL (widget)),
             gtk_widget_get_width (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    report_cut_labels (child, file);
}

/* @window in each width and colour scheme, as @name; the window is left wide and light. */
static void
shoot_window (Shooter    *shooter,
              GtkWindow  *window,
              const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint w = 0; w < 2; w++)
    for (guint d = 0; d < 2; d++)
      {
        g_autofree char *file = g_strdup_printf ("%s-%s-%s-%s.png", shooter->lang, name,
                                                 w == 0 ? "wide" : "narrow", d == 0 ? "light" : "dark");

        adw_style_manager_set_color_scheme (style, d == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT : ADW_COLOR_SCHEME_FORCE_DARK);
        set_size (window, w == 0);
        ca_test_gui_save_screenshot (GTK_WIDGET (window), file);
        report_cut_labels (GTK_WIDGET (window), file);
      }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  set_size (window, TRUE);
}

static void
shoot (Shooter    *shooter,
       const char *name)
{
  shoot_window (shooter, GTK_WINDOW (shooter->window), name);
}

static CaWizardPage *
visible_page (Shooter *shooter)
{
  return ca_window_get_visible_page (shooter->window);
}

static gboolean
page_is_type (gpointer data)
{
  Shooter *shooter = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (visible_page (shooter),
                                     GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (shooter->window), "wanted-type")));
}

static CaWizardPage *
wait_for_page (Shooter *shooter,
               GType    type)
{
  g_object_set_data (G_OBJECT (shooter->window), "wanted-type", GSIZE_TO_POINTER (type));
  ca_test_gui_wait_until (page_is_type, shooter);
  ca_test_gui_wait_for_paint (GTK_WIDGET (shooter->window));
  return visible_page (shooter);
}

static void
back_to_welcome (Shooter *shooter)
{
  while (ca_window_get_n_pages (shooter->window) > 1)
    ca_window_go_back (shooter->window);
  ca_test_gui_wait_for_paint (GTK_WIDGET (shooter->window));
}

/* The n-th journey row of the welcome page, as the user clicks it. */
static void
start_journey (Shooter *shooter,
               guint    index)
{
  GtkWidget *row = ca_test_gui_find_widget (GTK_WIDGET (visible_page (shooter)), ca_test_gui_is_mapped_row_titled,
                                            g_object_get_data (G_OBJECT (shooter->window), "journey-titles") != NULL
                                              ? ((char **) g_object_get_data (G_OBJECT (shooter->window), "journey-titles"))[index]
                                              : NULL);

  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return GTK_WINDOW (toplevel);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* The confirmation, shot on its own, then answered. */
static void
shoot_and_answer_dialog (Shooter    *shooter,
                         const char *name,
                         const char *response)
{
  GtkWindow *dialog;

  ca_test_gui_wait_until (has_message_dialog, NULL);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  ca_test_gui_wait_for_paint (GTK_WIDGET (dialog));
  ca_test_gui_save_screenshot (GTK_WIDGET (dialog), name);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
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

static gboolean
check_is_done (gpointer data)
{
  return !ca_check_page_get_busy (data) && ca_check_page_get_report (data) != NULL;
}

static void
next (Shooter *shooter)
{
  g_assert_true (ca_wizard_page_get_can_next (visible_page (shooter)));
  ca_wizard_page_next (visible_page (shooter));
}

static void
open_certificate (Shooter    *shooter,
                  const char *domain)
{
  GtkWidget *row = ca_test_gui_wait_for_widget (GTK_WIDGET (visible_page (shooter)), ca_test_gui_is_mapped_row_titled,
                                                (gpointer) domain);

  adw_action_row_activate (ADW_ACTION_ROW (row));
}

static void
type_names (Shooter    *shooter,
            const char *names)
{
  ca_test_gui_type_into_entry (GTK_WIDGET (visible_page (shooter)), names);
  /* Pages look names up a moment after typing stops. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (600 * 1000);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Approval mail: account, certificate list, diagnosis, resend, its
 * confirmation and result, and the summary. */
static void
shoot_approval_journey (Shooter *shooter)
{
  g_autofree char *confirm = g_strdup_printf ("%s-resend-confirmation.png", shooter->lang);
  CaWizardPage *page;

  start_journey (shooter, 0);
  wait_for_page (shooter, CA_TYPE_ACCOUNT_PAGE);
  shoot (shooter, "account");
  next (shooter);
  wait_for_page (shooter, CA_TYPE_CERTIFICATES_PAGE);
  ca_test_gui_wait_for_widget (GTK_WIDGET (visible_page (shooter)), ca_test_gui_is_mapped_row_titled, "sub.parent-mx.example");
  shoot (shooter, "certificates");
  open_certificate (shooter, "sub.parent-mx.example");
  page = wait_for_page (shooter, CA_TYPE_DIAGNOSIS_PAGE);
  ca_test_gui_wait_until (diagnosis_is_done, page);
  shoot (shooter, "diagnosis");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "diagnosis.resend", NULL));
  page = wait_for_page (shooter, CA_TYPE_RESEND_PAGE);
  shoot (shooter, "resend");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "resend.send", NULL));
  shoot_and_answer_dialog (shooter, confirm, "resend");
  ca_test_gui_wait_until (resend_is_done, page);
  shoot (shooter, "resend-sent");
  next (shooter);
  wait_for_page (shooter, CA_TYPE_SUMMARY_PAGE);
  shoot (shooter, "summary-resend");
  back_to_welcome (shooter);
}

static gboolean
has_records (gpointer data)
{
  Shooter *shooter = data;
  GListModel *watches = ca_session_get_watches (shooter->session);
  guint n = g_list_model_get_n_items (watches);
  g_autoptr (CaCertificateWatch) watch = n > 0 ? g_list_model_get_item (watches, n - 1) : NULL;

  return watch != NULL && ca_certificate_watch_get_records (watch) != NULL;
}

/* The user presses Check Now while ACM prepares the records, as a curious user would. */
static gboolean
press_check_now_cb (gpointer data)
{
  gtk_widget_activate_action (GTK_WIDGET (data), "watch.check-now", NULL);
  return G_SOURCE_CONTINUE;
}

/* The records page with its records and whether DNS shows them. */
static void
wait_for_records (Shooter *shooter)
{
  guint source = g_timeout_add (500, press_check_now_cb, visible_page (shooter));

  ca_test_gui_wait_until (has_records, shooter);
  g_source_remove (source);
  for (guint i = 0; i < 10; i++)
    {
      g_usleep (100 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

/* Move: the move page, its confirmation, the records and their progress, the summary. */
static void
shoot_move_journey (Shooter *shooter)
{
  g_autofree char *confirm = g_strdup_printf ("%s-move-confirmation.png", shooter->lang);
  CaWizardPage *page;

  start_journey (shooter, 1);
  wait_for_page (shooter, CA_TYPE_ACCOUNT_PAGE);
  next (shooter);
  wait_for_page (shooter, CA_TYPE_CERTIFICATES_PAGE);
  open_certificate (shooter, "example.net");
  page = wait_for_page (shooter, CA_TYPE_MOVE_PAGE);
  shoot (shooter, "move");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "move.start", NULL));
  shoot_and_answer_dialog (shooter, confirm, "move");
  wait_for_page (shooter, CA_TYPE_WATCH_PAGE);
  /* Let ACM publish its records and the page look them up. */
  wait_for_records (shooter);
  shoot (shooter, "move-progress");
  next (shooter);
  wait_for_page (shooter, CA_TYPE_SUMMARY_PAGE);
  shoot (shooter, "summary-move");
  back_to_welcome (shooter);
}

static void
shoot_request_journey (Shooter *shooter)
{
  start_journey (shooter, 2);
  wait_for_page (shooter, CA_TYPE_ACCOUNT_PAGE);
  next (shooter);
  wait_for_page (shooter, CA_TYPE_REQUEST_PAGE);
  type_names (shooter, "shop.good.example www.shop.good.example");
  shoot (shooter, "request");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (visible_page (shooter)), "request.send", NULL));
  wait_for_page (shooter, CA_TYPE_WATCH_PAGE);
  wait_for_records (shooter);
  shoot (shooter, "records");
  next (shooter);
  wait_for_page (shooter, CA_TYPE_SUMMARY_PAGE);
  shoot (shooter, "summary-request");
  back_to_welcome (shooter);
}

static void
shoot_mail_journey (Shooter *shooter)
{
  CaWizardPage *page;

  start_journey (shooter, 3);
  wait_for_page (shooter, CA_TYPE_DIAGNOSIS_NAMES_PAGE);
  type_names (shooter, "nullmx.example www.good.example");
  shoot (shooter, "names");
  next (shooter);
  page = wait_for_page (shooter, CA_TYPE_DIAGNOSIS_PAGE);
  ca_test_gui_wait_until (diagnosis_is_done, page);
  shoot (shooter, "diagnosis-names");
  next (shooter);
  wait_for_page (shooter, CA_TYPE_SUMMARY_PAGE);
  shoot (shooter, "summary-diagnosis");
  back_to_welcome (shooter);
}

static void
shoot_approvers_journey (Shooter *shooter)
{
  start_journey (shooter, 4);
  wait_for_page (shooter, CA_TYPE_APPROVERS_PAGE);
  type_names (shooter, "www.example.com shop.example.org");
  shoot (shooter, "approvers");
  next (shooter);
  wait_for_page (shooter, CA_TYPE_SUMMARY_PAGE);
  shoot (shooter, "summary-approvers");
  back_to_welcome (shooter);
}

static void
shoot_check_journey (Shooter *shooter)
{
  g_autofree char *path = g_build_filename (BUILD_TESTS_DIR, "certs", "leaf.pem", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  CaWizardPage *page;

  start_journey (shooter, 5);
  page = wait_for_page (shooter, CA_TYPE_CHECK_PAGE);
  shoot (shooter, "check");
  /* Built with the tool (tests/certs.stamp): every page, or a failure. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_error ("%s is missing: build tests/certs.stamp first", path);
  ca_check_page_check_file (CA_CHECK_PAGE (page), file);
  ca_test_gui_wait_until (check_is_done, page);
  shoot (shooter, "check-file");
  back_to_welcome (shooter);
}

static gboolean
fleet_is_done (gpointer data)
{
  CaWizardPage *page = visible_page (data);

  return CA_IS_FLEET_PAGE (page) && !ca_fleet_page_get_busy (CA_FLEET_PAGE (page));
}

/* Every region of the demo's account: what to move, by when. */
static void
shoot_fleet (Shooter *shooter)
{
  const char *title = _("Which of my certificates must move before the deadline?");
  GtkWidget *row = ca_test_gui_find_widget (GTK_WIDGET (visible_page (shooter)), ca_test_gui_is_mapped_row_titled,
                                            (gpointer) title);

  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  ca_wizard_page_next (visible_page (shooter));
  wait_for_page (shooter, CA_TYPE_FLEET_PAGE);
  ca_test_gui_wait_until (fleet_is_done, shooter);
  shoot (shooter, "fleet");
  back_to_welcome (shooter);
}

static void
shoot_preferences (Shooter *shooter)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  CaPreferencesWindow *preferences = ca_preferences_window_new (GTK_WINDOW (shooter->window), settings);

  gtk_window_present (GTK_WINDOW (preferences));
  ca_test_gui_wait_for_paint (GTK_WIDGET (preferences));
  shoot_window (shooter, GTK_WINDOW (preferences), "preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The journey titles, in the language of the pages, to click them by name. */
static void
remember_journey_titles (Shooter *shooter)
{
  static const char *titles[] = {
    N_("My certificate waits for its approval mail"),
    N_("Move a certificate to DNS validation"),
    N_("Request a certificate"),
    N_("My validation mail never arrived"),
    N_("Where does the approval mail go?"),
    N_("Check a certificate"),
  };
  char **translated = g_new0 (char *, G_N_ELEMENTS (titles) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    translated[i] = g_strdup (_(titles[i]));
  g_object_set_data_full (G_OBJECT (shooter->window), "journey-titles", translated, (GDestroyNotify) g_strfreev);
}

static char *
get_language (void)
{
  const char *language = g_getenv ("LANGUAGE");

  if (language == NULL || *language == '\0' || g_str_has_prefix (language, "en") || g_str_equal (language, "C"))
    return g_strdup ("en");
  return g_strndup (language, 2);
}

int
main (int    argc,
      char **argv)
{
  Shooter shooter = { 0 };
  g_autofree char *lang = NULL;
  const char *dns_servers[2] = { NULL, NULL };

  if (argc != 2)
    {
      g_printerr ("usage: %s DIR\n", argv[0]);
      return 2;
    }
  shooter.dir = argv[1];
  g_assert_cmpint (g_mkdir_with_parents (shooter.dir, 0755), ==, 0);
  g_setenv ("CERTASSIST_SCREENSHOT_DIR", shooter.dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* Where the test helpers find the fixture zones, run from anywhere. */
  g_setenv ("G_TEST_SRCDIR", TESTS_SOURCE_DIR, TRUE);
  g_setenv ("G_TEST_BUILDDIR", BUILD_TESTS_DIR, TRUE);
  if (!ca_test_gui_init (&argc, &argv, WAIT_LIMIT_S))
    return 1;
  setlocale (LC_ALL, "");
  ca_bind_text_domain ();
  textdomain (GETTEXT_PACKAGE);
  lang = get_language ();
  shooter.lang = lang;
  ca_test_gui_load_app_resources ();

  shooter.dns = ca_test_unbound_start ();
  start_fake_acm (&shooter);
  dns_servers[0] = ca_test_unbound_get_server (shooter.dns);
  shooter.session = ca_session_new ();
  ca_session_set_dns_servers (shooter.session, dns_servers);
  ca_session_set_dnssec (shooter.session, FALSE);
  ca_session_set_aws_region (shooter.session, "us-east-1");
  start_lab (&shooter);
  start_registration_servers (&shooter);
  shooter.window = ca_test_gui_open_window_for (shooter.session, WIDE_WIDTH, WIDE_HEIGHT);
  remember_journey_titles (&shooter);

  shoot (&shooter, "welcome");
  shoot_preferences (&shooter);
  shoot_approval_journey (&shooter);
  shoot_move_journey (&shooter);
  shoot_request_journey (&shooter);
  shoot_mail_journey (&shooter);
  shoot_approvers_journey (&shooter);
  shoot_check_journey (&shooter);
  shoot_fleet (&shooter);

  gtk_window_destroy (GTK_WINDOW (shooter.window));
  g_clear_object (&shooter.session);
  stop_registration_servers (&shooter);
  g_subprocess_send_signal (shooter.fake_acm, SIGTERM);
  g_subprocess_wait (shooter.fake_acm, NULL, NULL);
  g_clear_object (&shooter.fake_acm);
  stop_lab (&shooter);
  ca_test_unbound_stop (shooter.dns);
  g_print ("Screenshots in %s\n", shooter.dir);
  return 0;
}
