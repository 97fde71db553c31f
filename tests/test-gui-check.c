/* test-gui-check.c: the journey "Check a certificate" in a real window under Xvfb
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "ca-check-page.h"
#include "ca-fake-acm.h"
#include "ca-summary-page.h"
#include "ca-test-gui.h"
#include "ca-util.h"
#include "ca-window.h"
#include "ca-x509.h"

/* A guard against a hang, not a timing assertion. */
#define WAIT_LIMIT_S 150

#define TEST_ARN "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0002-4000-8000-000000000002"

static gboolean
is_group_titled (GtkWidget *widget,
                 gpointer   data)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), data) == 0;
}

static gboolean
is_expander_row (GtkWidget *widget,
                 gpointer   data)
{
  return ADW_IS_EXPANDER_ROW (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_entry_row (GtkWidget *widget,
              gpointer   data)
{
  return ADW_IS_ENTRY_ROW (widget);
}

static const char *
get_target_text (CaCheckPage *page)
{
  return gtk_editable_get_text (GTK_EDITABLE (ca_test_gui_find_widget (GTK_WIDGET (page), is_entry_row, NULL)));
}

static void
set_target_text (CaCheckPage *page,
                 const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (ca_test_gui_find_widget (GTK_WIDGET (page), is_entry_row, NULL)), text);
}

static gboolean
is_mapped_row_with_class (GtkWidget *widget,
                          gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, data);
}

static gboolean
is_subtitle (GtkWidget *widget,
             gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "subtitle") && gtk_widget_get_mapped (widget);
}

/* The colour the text of @row is drawn in, its opacity folded into alpha. */
static GdkRGBA
get_subtitle_color (GtkWidget *row)
{
  GtkWidget *label = ca_test_gui_find_widget (row, is_subtitle, NULL);
  GdkRGBA color;

  g_assert_nonnull (label);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (label), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  for (GtkWidget *widget = label; widget != row; widget = gtk_widget_get_parent (widget))
    color.alpha *= gtk_widget_get_opacity (widget);
  return color;
}

/* A warning or error row's text is drawn as any row's text (WCAG AA in light
 * and dark), not in libadwaita's pale amber or red; its icon carries the colour. */
static void
assert_text_in_default_colours (GtkWidget  *page,
                                const char *style_class,
                                const char *plain_title)
{
  GtkWidget *marked = ca_test_gui_find_widget (page, is_mapped_row_with_class, (gpointer) style_class);
  GtkWidget *plain = ca_test_gui_find_widget (page, ca_test_gui_is_mapped_row_titled, (gpointer) plain_title);
  GdkRGBA marked_color;
  GdkRGBA plain_color;

  g_assert_nonnull (marked);
  g_assert_nonnull (plain);
  marked_color = get_subtitle_color (marked);
  plain_color = get_subtitle_color (plain);
  g_assert_true (gdk_rgba_equal (&marked_color, &plain_color));
}

/* The page has finished what it started. */
static gboolean
page_is_idle (gpointer page)
{
  return !ca_check_page_get_busy (page);
}

static gboolean
page_has_report (gpointer page)
{
  return ca_check_page_get_report (page) != NULL;
}

static char *
cert_path (const char *name)
{
  return g_build_filename (g_getenv ("CERTASSIST_TEST_CERTS"), name, NULL);
}

/* A TLS server on 127.0.0.1 in this main context: the page works asynchronously. */
typedef struct
{
  GSocketService  *service;
  GTlsCertificate *certificate;
  GPtrArray       *connections;
  guint16          port;
} TlsServer;

static void
server_handshake_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (object), result, NULL))
    g_io_stream_close (G_IO_STREAM (object), NULL, NULL);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  TlsServer *server = user_data;
  GIOStream *tls;

  /* Without a certificate the server stays silent, for the cancel test. */
  if (server->certificate == NULL)
    {
      g_ptr_array_add (server->connections, g_object_ref (connection));
      return TRUE;
    }
  tls = g_tls_server_connection_new (G_IO_STREAM (connection), server->certificate, NULL);
  g_assert_nonnull (tls);
  g_ptr_array_add (server->connections, tls);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, NULL, server_handshake_cb, NULL);
  return TRUE;
}

static TlsServer *
tls_server_new (const char *cert_name,
                const char *key_name)
{
  TlsServer *server = g_new0 (TlsServer, 1);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) wanted = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) effective = NULL;
  g_autoptr (GError) error = NULL;

  if (cert_name != NULL)
    {
      g_autofree char *cert = cert_path (cert_name);
      g_autofree char *key = cert_path (key_name);

      server->certificate = g_tls_certificate_new_from_files (cert, key, &error);
      g_assert_no_error (error);
    }
  server->connections = g_ptr_array_new_with_free_func (g_object_unref);
  server->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), wanted, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (server->service, "incoming", G_CALLBACK (incoming_cb), server);
  g_socket_service_start (server->service);
  return server;
}

static void
tls_server_free (TlsServer *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  g_clear_object (&server->certificate);
  g_clear_pointer (&server->connections, g_ptr_array_unref);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlsServer, tls_server_free)

/* Through the welcome page, as a user gets there. */
static CaCheckPage *
open_check_page (CaWindow *window)
{
  /* In the language the window was built in. */
  GtkWidget *row = ca_test_gui_wait_for_widget (GTK_WIDGET (window), ca_test_gui_is_mapped_row_titled,
                                                (gpointer) g_dgettext (GETTEXT_PACKAGE, "Check a certificate"));

  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_true (CA_IS_CHECK_PAGE (ca_window_get_visible_page (window)));
  /* Handshakes under AddressSanitizer are slow: a guard, not a timing check. */
  ca_session_set_timeout (ca_window_get_session (window), 120);
  return CA_CHECK_PAGE (ca_window_get_visible_page (window));
}

static gboolean
report_has_finding (CaX509Report *report,
                    const char   *id)
{
  g_autoptr (GPtrArray) findings = ca_x509_report_compute_findings (report, NULL);

  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (ca_finding_get_id_string (g_ptr_array_index (findings, i)), id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_gui_check_file (void)
{
  CaWindow *window = ca_test_gui_open_window (800, 1400);
  CaCheckPage *page = open_check_page (window);
  g_autofree char *path = cert_path ("chain-shuffled.pem");
  g_autoptr (GFile) file = g_file_new_for_path (path);

  ca_test_gui_save_screenshot (GTK_WIDGET (window), "check-empty.png");
  set_target_text (page, "typed-before.example");
  ca_check_page_check_file (page, file);
  ca_test_gui_wait_until (page_is_idle, page);
  /* The entry does not claim a host is being checked, and the file is named. */
  g_assert_cmpstr (get_target_text (page), ==, "");
  ca_test_gui_assert_row (GTK_WIDGET (page), "Read From", path, NULL);

  g_assert_nonnull (ca_check_page_get_report (page));
  /* One card per certificate, leaf first in the report. */
  g_assert_nonnull (ca_test_gui_wait_for_widget (GTK_WIDGET (page), is_group_titled, "www.example"));
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), is_group_titled,
                                             "CertAssist Test Intermediate"));
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), is_group_titled,
                                             "CertAssist Test Root"));
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), is_group_titled, "Findings"));
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled,
                                             "SHA-256 Fingerprint"));
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_group_titled, "Server"));
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "check-file.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A long report starts with its verdict: the certificate, who issued it,
 * until when, and the worst of the findings counted, above the findings. */
static void
test_gui_check_summary (void)
{
  CaWindow *window = ca_test_gui_open_window (800, 1400);
  CaCheckPage *page = open_check_page (window);
  g_autofree char *path = cert_path ("leaf.pem");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GtkWidget *summary;
  GtkWidget *findings;

  ca_check_page_check_file (page, file);
  ca_test_gui_wait_until (page_is_idle, page);
  summary = ca_test_gui_wait_for_widget (GTK_WIDGET (page), is_group_titled, "At a Glance");
  findings = ca_test_gui_find_widget (GTK_WIDGET (page), is_group_titled, "Findings");
  g_assert_nonnull (findings);
  /* Above the findings, in the same box. */
  g_assert_true (gtk_widget_get_parent (summary) == gtk_widget_get_parent (findings));
  g_assert_true (gtk_widget_get_next_sibling (summary) == findings);
  /* The chain stops at the leaf (a warning); its issuer is not Amazon (a note). */
  g_assert_true (report_has_finding (ca_check_page_get_report (page), "cert_chain_incomplete"));
  ca_test_gui_assert_row (summary, "www.example", "Issued by CertAssist Test Intermediate, valid ", NULL);
  ca_test_gui_assert_row (summary, "1 warning: see Findings below", "", "warning");
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "check-summary.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The check journey ends on a summary too: what was checked and each finding
 * with its remedy, as the page showed them, in the rows and in the export. */
static void
test_gui_check_journey_summary (void)
{
  CaWindow *window = ca_test_gui_open_window (800, 1400);
  CaCheckPage *page = open_check_page (window);
  g_autofree char *path = cert_path ("leaf.pem");
  g_autofree char *checked = g_strdup_printf ("Checked the certificate in %s", path);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) findings = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *left = NULL;
  CaFinding *incomplete = NULL;
  CaSummaryPage *summary;

  /* Nothing to sum up before a check has shown something. */
  g_assert_false (ca_wizard_page_get_can_next (CA_WIZARD_PAGE (page)));
  ca_check_page_check_file (page, file);
  ca_test_gui_wait_until (page_has_report, page);
  g_assert_true (ca_wizard_page_get_can_next (CA_WIZARD_PAGE (page)));
  findings = ca_x509_report_compute_findings (ca_check_page_get_report (page), NULL);
  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (ca_finding_get_id_string (g_ptr_array_index (findings, i)), "cert_chain_incomplete") == 0)
      incomplete = g_ptr_array_index (findings, i);
  g_assert_nonnull (incomplete);

  ca_wizard_page_next (CA_WIZARD_PAGE (page));
  g_assert_true (CA_IS_SUMMARY_PAGE (ca_window_get_visible_page (window)));
  summary = CA_SUMMARY_PAGE (ca_window_get_visible_page (window));
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
  ca_test_gui_assert_row (GTK_WIDGET (summary), checked, "Issued by CertAssist Test Intermediate, valid ", "dim-label");
  ca_test_gui_assert_row (GTK_WIDGET (summary), ca_finding_get_message (incomplete), ca_finding_get_remedy (incomplete),
                          "warning");
  ca_test_gui_assert_rows_in_order (GTK_WIDGET (summary), checked, ca_finding_get_message (incomplete), NULL);
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (summary), ca_test_gui_is_mapped_row_titled,
                                          "Nothing was diagnosed on this journey"));
  ca_test_gui_assert_row (GTK_WIDGET (summary), "Nothing was changed in AWS", "", "dim-label");
  /* What to do about the warning is what is left; the note about the issuer is not. */
  ca_test_gui_assert_row (GTK_WIDGET (summary), ca_finding_get_remedy (incomplete), "", "warning");
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (summary), ca_test_gui_is_mapped_row_titled,
                                          "Nothing is left to do"));

  markdown = ca_summary_page_get_report (summary, CA_SUMMARY_FORMAT_MARKDOWN);
  g_assert_nonnull (strstr (markdown, "\n## What was found\n\n- Checked the certificate in "));
  left = g_strdup_printf ("\n## What is left\n\n- %s\n", ca_finding_get_remedy (incomplete));
  g_assert_nonnull (strstr (markdown, left));
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "check-journey-summary.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_window_title (GtkWidget *widget,
                 gpointer   data)
{
  return ADW_IS_WINDOW_TITLE (widget);
}

/* A window built in German (the header's “Weiter” is wider than “Next”),
 * showing the check of @file. Unset LANGUAGE and call setlocale() again after. */
static CaWindow *
check_file_in_german (GFile *file,
                      int    width,
                      int    height)
{
  CaWindow *window;
  CaCheckPage *page;

  g_setenv ("LANGUAGE", "de", TRUE);
  /* gettext reads LANGUAGE again only after a locale change. */
  setlocale (LC_ALL, "");
  window = ca_test_gui_open_window (width, height);
  page = open_check_page (window);
  ca_check_page_check_file (page, file);
  ca_test_gui_wait_until (page_has_report, page);
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
  return window;
}

/* The title of a page breaks between words, never inside one: at 360 px in
 * German, beside the Next button, “Zertifikat prüfen” once read “Zertifik-/at
 * prüfen”, and before that was cut short. */
static void
test_gui_check_german_narrow_title (void)
{
  g_autofree char *path = cert_path ("leaf.pem");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  CaWindow *window;
  GtkWidget *title;
  GtkWidget *label;
  PangoLayout *layout;
  const char *text;
  GSList *lines;

  window = check_file_in_german (file, 360, 800);
  title = ca_test_gui_find_widget (GTK_WIDGET (window), is_window_title, NULL);
  g_assert_nonnull (title);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, "Zertifikat prüfen");
  g_assert_null (ca_test_gui_find_widget (title, ca_test_gui_is_mapped_cut_label, NULL));
  label = gtk_widget_get_first_child (gtk_widget_get_first_child (title));
  g_assert_true (GTK_IS_LABEL (label));
  layout = gtk_label_get_layout (GTK_LABEL (label));
  text = pango_layout_get_text (layout);
  lines = pango_layout_get_lines_readonly (layout);
  for (GSList *line = lines != NULL ? lines->next : NULL; line != NULL; line = line->next)
    {
      int start = ((PangoLayoutLine *) line->data)->start_index;

      g_assert_cmpint (start, >, 0);
      g_assert_cmpint (text[start - 1], ==, ' ');
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "check-german-narrow.png");
  gtk_window_destroy (GTK_WINDOW (window));

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

static gboolean
is_mapped_label_with (GtkWidget *widget,
                      gpointer   text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* A German reader sees the certificate's dates as German writes them, as the
 * resend deadline and every other date of the app; no ISO date beside them. */
static void
test_gui_check_german_dates (void)
{
  g_autofree char *path = cert_path ("leaf.pem");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) chain = NULL;
  g_autoptr (GDateTime) until = NULL;
  g_autofree char *german = NULL;
  g_autofree char *iso = NULL;
  g_autoptr (GError) error = NULL;
  CaWindow *window;

  chain = ca_x509_load_file (file, NULL, &error);
  g_assert_no_error (error);
  until = g_date_time_to_local (ca_certificate_info_get_not_after (g_ptr_array_index (chain, 0)));
  german = g_date_time_format (until, "%d.%m.%Y");
  iso = g_date_time_format (until, "%Y-%m-%d");

  window = check_file_in_german (file, 800, 900);
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (window), is_mapped_label_with, german));
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (window), is_mapped_label_with, iso));
  gtk_window_destroy (GTK_WINDOW (window));

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* Many names and a phone-sized window: long values wrap, nothing overflows. */
static void
test_gui_check_narrow_dark (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *path = cert_path ("many.pem");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  CaWindow *window;
  CaCheckPage *page;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  window = ca_test_gui_open_window (360, 900);
  page = open_check_page (window);
  /* What to type there is read whole; its examples once were cut short. */
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));
  g_assert_null (ca_test_gui_find_widget (ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_entry_row, NULL),
                                          ca_test_gui_is_mapped_cut_label, NULL));
  ca_check_page_check_file (page, file);
  ca_test_gui_wait_until (page_is_idle, page);
  g_assert_nonnull (ca_test_gui_wait_for_widget (GTK_WIDGET (page), is_group_titled, "many.example"));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "check-narrow-dark.png");

  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_gui_check_bad_file (void)
{
  CaWindow *window = ca_test_gui_open_window (800, 700);
  CaCheckPage *page = open_check_page (window);
  g_autofree char *path = cert_path ("truncated.der");
  g_autoptr (GFile) file = g_file_new_for_path (path);

  ca_check_page_check_file (page, file);
  ca_test_gui_wait_until (page_is_idle, page);
  g_assert_null (ca_check_page_get_report (page));
  g_assert_nonnull (ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_error_row,
                                                 NULL));
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "check-error.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_gui_check_endpoint (void)
{
  g_autoptr (TlsServer) server = tls_server_new ("expired-served.pem", "expired.key");
  /* As pasted from the browser's address bar: its host and port are checked. */
  g_autofree char *target = g_strdup_printf ("https://127.0.0.1:%u/shop/index.html?x=1", server->port);
  CaWindow *window = ca_test_gui_open_window (800, 1300);
  CaCheckPage *page = open_check_page (window);

  ca_check_page_check_target (page, target);
  g_assert_true (ca_check_page_get_busy (page));
  ca_test_gui_wait_until (page_is_idle, page);
  g_assert_cmpuint (ca_x509_report_get_port (ca_check_page_get_report (page)), ==, server->port);

  g_assert_nonnull (ca_check_page_get_report (page));
  g_assert_true (report_has_finding (ca_check_page_get_report (page), "cert_expired"));
  g_assert_nonnull (ca_test_gui_wait_for_widget (GTK_WIDGET (page), is_group_titled, "Server"));
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), is_group_titled, "expired.example"));
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_error_row, NULL));
  assert_text_in_default_colours (GTK_WIDGET (page), "error", "Connected To");
  assert_text_in_default_colours (GTK_WIDGET (page), "warning", "Connected To");
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "check-endpoint.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Going back while the probe waits cancels it; nothing lands on the page later. */
static void
test_gui_check_cancel_on_leaving (void)
{
  g_autoptr (TlsServer) server = tls_server_new (NULL, NULL);
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", server->port);
  CaWindow *window = ca_test_gui_open_window (800, 700);
  CaCheckPage *page = open_check_page (window);

  g_object_ref (page);
  ca_check_page_check_target (page, target);
  while (server->connections->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ca_check_page_get_busy (page));
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "check-busy.png");

  g_assert_true (ca_window_go_back (window));
  g_assert_false (ca_check_page_get_busy (page));
  g_assert_null (ca_check_page_get_report (page));
  g_object_unref (page);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The fake ACM as a process of its own: libsoup 3.2's server leaks a socket
 * and an address per listener, which LeakSanitizer would blame on this test. */
static GSubprocess *
start_fake_acm (const char *dir,
                char      **url)
{
  g_autofree char *fake = g_test_build_filename (G_TEST_BUILT, "fake-acm", "fake-acm", NULL);
  g_autofree char *seed = g_build_filename (dir, "seed.json", NULL);
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  g_assert_true (g_file_set_contents (seed,
                                      "{\"certificates\": [{\"CertificateArn\": \"" TEST_ARN "\", "
                                      "\"DomainName\": \"example.net\", \"Status\": \"ISSUED\", "
                                      "\"ValidationMethod\": \"EMAIL\"}]}", -1, NULL));
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, fake, "--seed", seed, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  *url = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*url);
  g_unlink (seed);
  return process;
}

/* An email-validated ACM certificate picked from the ACM list: the ACM card
 * and the hand-off to DNS validation. */
static void
test_gui_check_acm (void)
{
  g_autofree char *dir = g_dir_make_tmp ("certassist-gui-check-XXXXXX", NULL);
  g_autofree char *url = NULL;
  g_autoptr (GSubprocess) fake = start_fake_acm (dir, &url);
  CaWindow *window = NULL;
  CaCheckPage *page = NULL;
  GtkWidget *row;

  g_setenv ("AWS_ENDPOINT_URL_ACM", url, TRUE);
  g_setenv ("AWS_REGION", "us-east-1", TRUE);
  g_setenv ("AWS_ACCESS_KEY_ID", CA_FAKE_ACM_ACCESS_KEY_ID, TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", CA_FAKE_ACM_SECRET_ACCESS_KEY, TRUE);
  g_setenv ("AWS_CONFIG_FILE", "/nonexistent/aws/config", TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws/credentials", TRUE);
  g_unsetenv ("AWS_SESSION_TOKEN");
  g_unsetenv ("AWS_PROFILE");
  g_unsetenv ("AWS_ENDPOINT_URL");

  window = ca_test_gui_open_window (800, 1500);
  page = open_check_page (window);
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (page), is_expander_row, NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled,
                                     "example.net");
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "check-acm-list.png");
  set_target_text (page, "typed-before.example");
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_true (ca_check_page_get_busy (page));
  ca_test_gui_wait_until (page_is_idle, page);
  g_assert_cmpstr (get_target_text (page), ==, "");
  g_assert_cmpstr (ca_x509_report_get_input (ca_check_page_get_report (page)), ==, TEST_ARN);

  g_assert_nonnull (ca_check_page_get_report (page));
  g_assert_true (report_has_finding (ca_check_page_get_report (page), "email_validation_phase_out"));
  g_assert_nonnull (ca_test_gui_wait_for_widget (GTK_WIDGET (page), is_group_titled, "In ACM"));
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled,
                                             "Move to DNS Validation"));
  ca_test_gui_save_screenshot (GTK_WIDGET (window), "check-acm.png");

  gtk_window_destroy (GTK_WINDOW (window));
  g_subprocess_send_signal (fake, SIGTERM);
  g_subprocess_wait (fake, NULL, NULL);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  if (!ca_test_gui_init (&argc, &argv, WAIT_LIMIT_S))
    return 0;
  ca_test_gui_load_app_resources ();
  /* The catalogues built in the build tree, for the German title. */
  ca_bind_text_domain ();
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/gui/check/file", test_gui_check_file);
  g_test_add_func ("/gui/check/summary", test_gui_check_summary);
  g_test_add_func ("/gui/check/journey-summary", test_gui_check_journey_summary);
  g_test_add_func ("/gui/check/narrow-dark", test_gui_check_narrow_dark);
  g_test_add_func ("/gui/check/german-narrow-title", test_gui_check_german_narrow_title);
  g_test_add_func ("/gui/check/german-dates", test_gui_check_german_dates);
  g_test_add_func ("/gui/check/bad-file", test_gui_check_bad_file);
  g_test_add_func ("/gui/check/endpoint", test_gui_check_endpoint);
  g_test_add_func ("/gui/check/cancel-on-leaving", test_gui_check_cancel_on_leaving);
  g_test_add_func ("/gui/check/acm", test_gui_check_acm);

  return g_test_run ();
}
