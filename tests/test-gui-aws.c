/* test-gui-aws.c: the journey "My certificate waits for its approval mail" in a real
 * window, against the fake ACM (a process of its own) and a real unbound on 127.0.0.1
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <time.h>

#include "ca-account-page.h"
#include "ca-certificates-page.h"
#include "ca-diagnosis-page.h"
#include "ca-fake-acm.h"
#include "ca-resend-page.h"
#include "ca-test-fake-acm.h"
#include "ca-test-gui.h"
#include "ca-test-probe.h"
#include "ca-test-unbound.h"
#include "ca-util.h"
#include "ca-window.h"

/* A guard against a hang, not a timing assertion. */
#define WAIT_LIMIT_S 60

#define PENDING_ARN "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0101-4000-8000-000000000001"
#define TIMED_OUT_ARN "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0102-4000-8000-000000000002"
#define ISSUED_ARN "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0103-4000-8000-000000000003"

/* sub.parent-mx.example has no MX of its own; parent-mx.example has one. */
#define SEED \
  "{\"certificates\": [" \
  "{\"CertificateArn\": \"" PENDING_ARN "\", \"DomainName\": \"sub.parent-mx.example\", " \
  " \"Status\": \"PENDING_VALIDATION\", \"ValidationMethod\": \"EMAIL\", \"CreatedHoursAgo\": 20}," \
  "{\"CertificateArn\": \"" TIMED_OUT_ARN "\", \"DomainName\": \"nullmx.example\", " \
  " \"Status\": \"VALIDATION_TIMED_OUT\", \"ValidationMethod\": \"EMAIL\", \"CreatedHoursAgo\": 100}," \
  "{\"CertificateArn\": \"" ISSUED_ARN "\", \"DomainName\": \"good.example\", " \
  " \"Status\": \"ISSUED\", \"ValidationMethod\": \"DNS\", \"CreatedHoursAgo\": 500, " \
  " \"InUseBy\": [\"arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1\"]}]}"

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

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *servers[] = { ca_test_unbound_get_server (server), NULL };

  fixture->dir = g_dir_make_tmp ("certassist-gui-aws-XXXXXX", NULL);
  start_fake_acm (fixture);
  ca_test_fake_acm_use_environment_keys (fixture->url);
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

/* Welcome → account → Next: the certificates of the region, listed. */
static CaCertificatesPage *
open_certificates (Fixture *fixture)
{
  GtkWidget *row = ca_test_gui_find_widget (GTK_WIDGET (fixture->window), ca_test_gui_is_mapped_row_titled,
                                            "My certificate waits for its approval mail");
  CaWizardPage *account;

  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  account = visible_page (fixture);
  g_assert_true (CA_IS_ACCOUNT_PAGE (account));
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "aws-account.png");
  g_assert_true (ca_wizard_page_get_can_next (account));
  ca_wizard_page_next (account);
  wait_for_page (fixture, CA_TYPE_CERTIFICATES_PAGE);
  return CA_CERTIFICATES_PAGE (visible_page (fixture));
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

/* The first toplevel window of @type, or %NULL; with @count, how many there are. */
static GtkWindow *
find_toplevel (GType  type,
               guint *count)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (!G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        continue;
      n++;
      if (found == NULL)
        found = GTK_WINDOW (toplevel);
    }
  if (count != NULL)
    *count = n;
  return found;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
}

static guint
count_message_dialogs (void)
{
  guint n;

  find_toplevel (ADW_TYPE_MESSAGE_DIALOG, &n);
  return n;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static CaDiagnosisPage *
open_certificate (Fixture    *fixture,
                  const char *domain)
{
  CaCertificatesPage *list = open_certificates (fixture);
  GtkWidget *row = ca_test_gui_wait_for_widget (GTK_WIDGET (list), ca_test_gui_is_mapped_row_titled, (gpointer) domain);
  CaDiagnosisPage *page;

  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "aws-certificates.png");
  adw_action_row_activate (ADW_ACTION_ROW (row));
  wait_for_page (fixture, CA_TYPE_DIAGNOSIS_PAGE);
  page = CA_DIAGNOSIS_PAGE (visible_page (fixture));
  ca_test_gui_wait_until (diagnosis_is_done, page);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  return page;
}

static gboolean
subtitle_names_method (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (data));

  return strstr (subtitle, "email validation") != NULL || strstr (subtitle, "DNS validation") != NULL;
}

/* The list: waiting certificates first, each in words (never an API code), with
 * how it is validated (which only DescribeCertificate says) and whether it is in use. */
static void
test_certificate_list (Fixture       *fixture,
                       gconstpointer  data)
{
  CaCertificatesPage *list = open_certificates (fixture);
  const char *titles[] = { "sub.parent-mx.example", "nullmx.example", "good.example" };
  const char *subtitles[] = {
    "Waiting for validation · email validation · 51 hours left to approve",
    "Validation timed out: nobody approved within 72 hours · email validation",
    "Issued · DNS validation · expires in ",
  };
  GtkWidget *rows[G_N_ELEMENTS (titles)];

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      rows[i] = ca_test_gui_wait_for_widget (GTK_WIDGET (list), ca_test_gui_is_mapped_row_titled, (gpointer) titles[i]);
      ca_test_gui_wait_until (subtitle_names_method, rows[i]);
      g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (rows[i])), subtitles[i]));
      g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (rows[i])), "_"));
      if (i > 0)
        g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (rows[i - 1])), <,
                         gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (rows[i])));
    }
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (rows[2])), " · in use"));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (rows[0])), "in use"));
}

/* Pick the pending certificate, learn why no mail came, resend it to the
 * parent domain that receives mail, and find exactly that request at ACM. */
static void
test_resend_journey (Fixture       *fixture,
                     gconstpointer  data)
{
  CaDiagnosisPage *diagnosis;
  CaResendPage *resend;
  AdwMessageDialog *dialog;
  GtkWidget *row;
  g_autoptr (JsonObject) stats = NULL;
  JsonObject *input;
  guint n_dialogs;

  diagnosis = open_certificate (fixture, "sub.parent-mx.example");
  /* ACM's view in words, and the reason from DNS. */
  ca_test_gui_assert_row (GTK_WIDGET (diagnosis), "Status", "Waiting for validation", "dim-label");
  ca_test_gui_assert_row (GTK_WIDGET (diagnosis), "ACM mailed", "admin@sub.parent-mx.example", "dim-label");
  ca_test_gui_assert_row (GTK_WIDGET (diagnosis), "sub.parent-mx.example has no MX record, so no server accepts the approval mail for sub.parent-mx.example.",
                          "Send the mail to a parent domain that receives mail", "error");
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "aws-diagnosis.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (diagnosis), "diagnosis.resend", NULL));
  wait_for_page (fixture, CA_TYPE_RESEND_PAGE);
  resend = CA_RESEND_PAGE (visible_page (fixture));
  /* ACM's own choice first; each domain says whether it receives mail. */
  g_assert_cmpstr (ca_resend_page_get_validation_domain (resend), ==, "sub.parent-mx.example");
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (resend), ca_test_gui_is_mapped_row_titled, "parent-mx.example");
  while (!g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Receives mail at"))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Receives mail at mail.parent-mx.example.");
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_cmpstr (ca_resend_page_get_validation_domain (resend), ==, "parent-mx.example");
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (resend), ca_test_gui_is_mapped_row_titled, "admin@parent-mx.example"));
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "aws-resend.png");

  /* The confirmation names exactly who gets the mail; one click sends once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (resend), "resend.send", NULL));
  ca_test_gui_wait_until (has_message_dialog, NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "webmaster@parent-mx.example"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "@sub.parent-mx.example"));
  adw_message_dialog_response (dialog, "resend");
  g_assert_true (ca_resend_page_get_sending (resend));
  /* A second click while the first is on its way asks nothing and sends nothing. */
  n_dialogs = count_message_dialogs ();
  gtk_widget_activate_action (GTK_WIDGET (resend), "resend.send", NULL);
  g_assert_cmpuint (count_message_dialogs (), ==, n_dialogs);
  ca_test_gui_wait_until (resend_is_done, resend);
  ca_test_gui_assert_row (GTK_WIDGET (resend), "ACM took the request", "At ", "success");
  ca_test_gui_assert_row (GTK_WIDGET (resend), "Subject", "Certificate request for sub.parent-mx.example", "dim-label");
  ca_test_gui_assert_row (GTK_WIDGET (resend), "The approval link", "It leads to https://us-east-1.acm-certificates.amazon.com/", "dim-label");
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "aws-resend-sent.png");

  stats = ca_test_fake_acm_get_stats (fixture->url);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (stats, "operations"), "ResendValidationEmail"), ==, 1);
  input = json_object_get_object_member (json_object_get_object_member (stats, "last_inputs"), "ResendValidationEmail");
  g_assert_cmpstr (json_object_get_string_member (input, "CertificateArn"), ==, PENDING_ARN);
  g_assert_cmpstr (json_object_get_string_member (input, "Domain"), ==, "sub.parent-mx.example");
  g_assert_cmpstr (json_object_get_string_member (input, "ValidationDomain"), ==, "parent-mx.example");
}

/* After the 72 hours no resend is offered, and the page says why. */
static void
test_expired_window (Fixture       *fixture,
                     gconstpointer  data)
{
  CaDiagnosisPage *diagnosis = open_certificate (fixture, "nullmx.example");

  ca_test_gui_assert_row (GTK_WIDGET (diagnosis), "Status", "Validation timed out", "error");
  ca_test_gui_assert_row (GTK_WIDGET (diagnosis), "The 72 hours to approve have passed", "ACM sends no more approval mail", "error");
  gtk_widget_activate_action (GTK_WIDGET (diagnosis), "diagnosis.resend", NULL);
  g_assert_true (visible_page (fixture) == CA_WIZARD_PAGE (diagnosis));
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (diagnosis), ca_test_gui_is_mapped_row_titled,
                                          "Send the approval mail again"));
}

static gboolean
is_mapped_sign_in_button (GtkWidget *widget,
                          gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "certificates.sign-in") == 0;
}

static gboolean
certificates_idle (gpointer data)
{
  return !ca_certificates_page_get_busy (data);
}

/* A refusal names the permission to ask for; Try Again asks again. */
static void
test_access_denied (Fixture       *fixture,
                    gconstpointer  data)
{
  CaCertificatesPage *list;

  ca_test_fake_acm_post (fixture->url, "/_fake/fault", "{\"fault\": \"access-denied\", \"count\": 1}");
  list = open_certificates (fixture);
  ca_test_gui_wait_until (certificates_idle, list);
  ca_test_gui_assert_row (GTK_WIDGET (list), "ACM could not be asked",
                          "This AWS identity is not allowed to call ListCertificates. Ask your AWS administrator for the IAM permission “acm:ListCertificates”.",
                          NULL);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "aws-access-denied.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "certificates.refresh", NULL));
  ca_test_gui_wait_for_widget (GTK_WIDGET (list), ca_test_gui_is_mapped_row_titled, "sub.parent-mx.example");
}

/* Without any credentials: how to create them, no Next, and the way on without AWS. */
static void
test_no_credentials (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *row = ca_test_gui_find_widget (GTK_WIDGET (fixture->window), ca_test_gui_is_mapped_row_titled,
                                            "My certificate waits for its approval mail");
  CaWizardPage *account;

  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
  adw_action_row_activate (ADW_ACTION_ROW (row));
  account = visible_page (fixture);
  g_assert_true (CA_IS_ACCOUNT_PAGE (account));
  g_assert_false (ca_wizard_page_get_can_next (account));
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (account), ca_test_gui_is_mapped_row_titled,
                                             "No AWS credentials on this computer"));
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "aws-no-credentials.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account), "account.without-aws", NULL));
  g_assert_false (CA_IS_ACCOUNT_PAGE (visible_page (fixture)));
}

/* An IAM Identity Center profile whose sign-in expired: the error says so and
 * offers to sign in from the app (the dialog itself: test-gui-sso). */
static void
test_expired_sign_in (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *config = g_build_filename (fixture->dir, "config", NULL);
  CaCertificatesPage *list;
  GtkWidget *button;

  g_assert_true (g_file_set_contents (config,
                                      "[profile work]\nsso_session = corp\nsso_account_id = 123456789012\n"
                                      "sso_role_name = Admin\nregion = us-east-1\n\n"
                                      "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
                                      "sso_region = us-east-1\n", -1, NULL));
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);
  g_setenv ("AWS_ENDPOINT_URL_SSO_OIDC", "http://127.0.0.1:1", TRUE);
  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
  ca_session_set_aws_profile (fixture->session, "work");

  list = open_certificates (fixture);
  ca_test_gui_wait_until (certificates_idle, list);
  button = ca_test_gui_wait_for_widget (GTK_WIDGET (list), is_mapped_sign_in_button, NULL);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "aws-sign-in-expired.png");
  /* The dialog itself is driven by test-gui-sso against a fake IAM Identity Center. */
  g_assert_true (gtk_widget_get_sensitive (button));
  g_unsetenv ("AWS_ENDPOINT_URL_SSO_OIDC");
  g_unlink (config);
}

/* Says which widgets need the width, down the widest path, for a failure's log. */
static void
log_widest_path (GtkWidget *widget)
{
  while (widget != NULL)
    {
      GtkWidget *widest = NULL;
      int widest_minimum = -1;
      int minimum;

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("  %s needs %d px%s%s", G_OBJECT_TYPE_NAME (widget), minimum,
                      GTK_IS_LABEL (widget) ? ": " : "", GTK_IS_LABEL (widget) ? gtk_label_get_label (GTK_LABEL (widget)) : "");
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
        {
          int child_minimum;

          if (!gtk_widget_get_visible (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, NULL, NULL, NULL);
          if (child_minimum > widest_minimum)
            {
              widest = child;
              widest_minimum = child_minimum;
            }
        }
      widget = widest;
    }
}

/* The narrowest the window can be drawn: above 360 px it would widen itself
 * on a phone and cut off its right side (the header bar's buttons, a row's
 * button with a long label, a label that does not wrap). */
static void
assert_fits_360 (Fixture    *fixture,
                 const char *what)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  int minimum;
  int natural;

  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("%s: the window needs %d px, would like %d px, has %d px", what, minimum, natural,
                  gtk_widget_get_width (window));
  if (minimum > 360)
    log_widest_path (window);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
}

/* At 360 px every page of the journey fits the window, which does not widen. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  CaDiagnosisPage *diagnosis;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 900);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  diagnosis = open_certificate (fixture, "sub.parent-mx.example");
  assert_fits_360 (fixture, "diagnosis");
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "aws-diagnosis-narrow.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (diagnosis), "diagnosis.resend", NULL));
  wait_for_page (fixture, CA_TYPE_RESEND_PAGE);
  ca_test_gui_wait_for_widget (GTK_WIDGET (visible_page (fixture)), ca_test_gui_is_mapped_row_titled, "admin@sub.parent-mx.example");
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  assert_fits_360 (fixture, "resend");
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "aws-resend-narrow.png");
}

/* A label on screen whose text is cut short, such as a page title shown as
 * “Ihr AWS-Ko…” or a region no one can read. */
static gboolean
is_ellipsized_label (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget)));
}

static void
assert_nothing_cut_short (Fixture    *fixture,
                          const char *what)
{
  GtkWidget *label;

  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  label = ca_test_gui_find_widget (GTK_WIDGET (fixture->window), is_ellipsized_label, NULL);
  if (label != NULL)
    g_test_message ("%s: “%s” is cut short to %d px", what, gtk_label_get_text (GTK_LABEL (label)),
                    gtk_widget_get_width (label));
  g_assert_null (label);
}

/* In German at 360 px, as a German-speaking user sees the journey. */
static void
test_german (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *row;
  CaDiagnosisPage *diagnosis;

  g_setenv ("LANGUAGE", "de", TRUE);
  /* gettext reads LANGUAGE again only after a locale change. */
  setlocale (LC_ALL, "");
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = ca_test_gui_open_window_for (fixture->session, 360, 900);

  row = ca_test_gui_find_widget (GTK_WIDGET (fixture->window), ca_test_gui_is_mapped_row_titled,
                                 "Mein Zertifikat wartet auf seine Genehmigungs-E-Mail");
  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_true (CA_IS_ACCOUNT_PAGE (visible_page (fixture)));
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "aws-account-de.png");
  /* The page's title and the chosen region are read whole. */
  assert_nothing_cut_short (fixture, "German account page");
  ca_wizard_page_next (visible_page (fixture));
  wait_for_page (fixture, CA_TYPE_CERTIFICATES_PAGE);
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (visible_page (fixture)), ca_test_gui_is_mapped_row_titled,
                                     "sub.parent-mx.example");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Wartet auf Validierung"));
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "aws-certificates-de.png");
  adw_action_row_activate (ADW_ACTION_ROW (row));
  wait_for_page (fixture, CA_TYPE_DIAGNOSIS_PAGE);
  diagnosis = CA_DIAGNOSIS_PAGE (visible_page (fixture));
  ca_test_gui_wait_until (diagnosis_is_done, diagnosis);
  ca_test_gui_assert_row (GTK_WIDGET (diagnosis), "Genehmigungs-E-Mail erneut senden", "Möglich bis", NULL);
  assert_fits_360 (fixture, "German diagnosis");
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "aws-diagnosis-de.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (diagnosis), "diagnosis.resend", NULL));
  wait_for_page (fixture, CA_TYPE_RESEND_PAGE);
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (visible_page (fixture)), ca_test_gui_is_mapped_row_titled, "parent-mx.example");
  while (!g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Empfängt E-Mail bei"))
    g_main_context_iteration (NULL, TRUE);
  assert_fits_360 (fixture, "German resend");
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "aws-resend-de.png");

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* While ACM answers each call 300 ms late and the diagnosis asks unbound, the
 * window keeps drawing: the worst iteration is printed (bench/responsiveness
 * compares it with the 16 ms of a frame), not asserted, since timing depends
 * on the machine. No screenshots on the way: saving a PNG blocks on purpose. */
static void
test_responsiveness (Fixture       *fixture,
                     gconstpointer  data)
{
  CaTestProbe *probe;
  GtkWidget *row;
  CaDiagnosisPage *diagnosis;

  ca_test_fake_acm_post (fixture->url, "/_fake/delay", "{\"ms\": 300}");
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  probe = ca_test_probe_start ();
  ca_test_probe_step (probe, "welcome: pick the journey, push the certificates page");
  row = ca_test_gui_find_widget (GTK_WIDGET (fixture->window), ca_test_gui_is_mapped_row_titled,
                                 "My certificate waits for its approval mail");
  adw_action_row_activate (ADW_ACTION_ROW (row));
  ca_wizard_page_next (visible_page (fixture));
  wait_for_page (fixture, CA_TYPE_CERTIFICATES_PAGE);
  ca_test_probe_step (probe, "certificates: list them (ACM +300 ms)");
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (visible_page (fixture)), ca_test_gui_is_mapped_row_titled,
                                     "sub.parent-mx.example");
  ca_test_probe_step (probe, "certificates: pick one, push the diagnosis page");
  adw_action_row_activate (ADW_ACTION_ROW (row));
  wait_for_page (fixture, CA_TYPE_DIAGNOSIS_PAGE);
  ca_test_probe_step (probe, "diagnosis: run and show the checks");
  diagnosis = CA_DIAGNOSIS_PAGE (visible_page (fixture));
  ca_test_gui_wait_until (diagnosis_is_done, diagnosis);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_probe_finish (probe);
}

#define ADD(path, func) \
  g_test_add ("/gui/aws/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  int status;

  if (!ca_test_gui_init (&argc, &argv, WAIT_LIMIT_S))
    return 0;
  ca_test_gui_load_app_resources ();
  /* The catalogues built in the build tree, for the German pages. */
  ca_bind_text_domain ();
  textdomain (GETTEXT_PACKAGE);
  server = ca_test_unbound_start ();

  ADD ("certificate-list", test_certificate_list);
  ADD ("resend-journey", test_resend_journey);
  ADD ("expired-window", test_expired_window);
  ADD ("access-denied", test_access_denied);
  ADD ("no-credentials", test_no_credentials);
  ADD ("narrow", test_narrow);
  ADD ("expired-sign-in", test_expired_sign_in);
  ADD ("german", test_german);
  ADD ("responsiveness", test_responsiveness);

  status = g_test_run ();
  ca_test_unbound_stop (server);
  return status;
}
