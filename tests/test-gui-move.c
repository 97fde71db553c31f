/* test-gui-move.c: the journeys "Move to DNS validation" and "Request a
 * certificate" in a real window, against the fake ACM (a process of its own,
 * validating by looking the records up) and a real unbound on 127.0.0.1 where
 * the test publishes the records as a user would at their DNS provider
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

#include "ca-acm-record.h"
#include "ca-application.h"
#include "ca-certificates-page.h"
#include "ca-diagnosis-page.h"
#include "ca-fake-acm.h"
#include "ca-move-page.h"
#include "ca-request-page.h"
#include "ca-test-fake-acm.h"
#include "ca-test-gui.h"
#include "ca-test-notifications.h"
#include "ca-test-unbound.h"
#include "ca-util.h"
#include "ca-watch-page.h"
#include "ca-window.h"

/* A guard against a hang, not a timing assertion. */
#define WAIT_LIMIT_S 90

#define ISSUED_ARN "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0201-4000-8000-000000000001"
#define PENDING_ARN "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0202-4000-8000-000000000002"

/* An issued email certificate in use, and an email request still waiting, with a tag. */
#define SEED \
  "{\"certificates\": [" \
  "{\"CertificateArn\": \"" ISSUED_ARN "\", \"DomainName\": \"good.example\", " \
  " \"SubjectAlternativeNames\": [\"good.example\", \"*.good.example\"], " \
  " \"Status\": \"ISSUED\", \"ValidationMethod\": \"EMAIL\", \"CreatedHoursAgo\": 500, " \
  " \"InUseBy\": [\"arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188\"]}," \
  "{\"CertificateArn\": \"" PENDING_ARN "\", \"DomainName\": \"sub.parent-mx.example\", " \
  " \"Status\": \"PENDING_VALIDATION\", \"ValidationMethod\": \"EMAIL\", \"CreatedHoursAgo\": 20, " \
  " \"KeyAlgorithm\": \"EC-prime256v1\", \"Tags\": [{\"Key\": \"team\", \"Value\": \"shop\"}]}]}"

static CaTestUnbound *server;
/* The record names a test published, taken away after it: the fake makes the
 * same records for the same certificate in every test, so records left behind
 * would validate the next test's move at once. */
static GPtrArray *published;

typedef struct
{
  char        *dir;
  char        *url;
  GSubprocess *process;
  CaSession   *session;
  CaWindow    *window;
} Fixture;

/* The fake ACM, validating DNS at @server. */
static void
start_fake_acm (Fixture *fixture)
{
  g_autofree char *seed = g_build_filename (fixture->dir, "seed.json", NULL);

  g_assert_true (g_file_set_contents (seed, SEED, -1, NULL));
  fixture->process = ca_test_fake_acm_spawn (seed, &fixture->url, "--record-delay-ms", "200",
                                             "--dns-server", ca_test_unbound_get_server (server), NULL);
  g_unlink (seed);
}

static void
configure_session (CaSession *session)
{
  const char *servers[] = { ca_test_unbound_get_server (server), NULL };

  ca_session_set_dns_servers (session, servers);
  ca_session_set_dnssec (session, FALSE);
  ca_session_set_aws_region (session, "us-east-1");
  ca_session_set_whois_server (session, "127.0.0.1:1");
  ca_session_set_rdap_bootstrap (session, "http://127.0.0.1:1/dns.json");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("certassist-gui-move-XXXXXX", NULL);
  start_fake_acm (fixture);
  ca_test_fake_acm_use_environment_keys (fixture->url);
  fixture->session = ca_session_new ();
  configure_session (fixture->session);
  fixture->window = ca_test_gui_open_window_for (fixture->session, 800, 1000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *watches = ca_session_get_watches (fixture->session);

  for (guint i = 0; i < g_list_model_get_n_items (watches); i++)
    {
      g_autoptr (CaCertificateWatch) watch = g_list_model_get_item (watches, i);

      ca_certificate_watch_stop (watch);
    }
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->session);
  for (guint i = 0; i < published->len; i++)
    ca_test_unbound_remove_local_data (server, g_ptr_array_index (published, i));
  g_ptr_array_set_size (published, 0);
  ca_test_fake_acm_terminate (fixture->process);
  g_clear_object (&fixture->process);
  g_clear_pointer (&fixture->url, g_free);
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gint64
count_calls (Fixture    *fixture,
             const char *operation)
{
  return ca_test_fake_acm_count_calls (fixture->url, operation);
}

static JsonObject *
get_last_input (Fixture    *fixture,
                const char *operation)
{
  g_autoptr (JsonObject) stats = ca_test_fake_acm_get_stats (fixture->url);
  JsonObject *inputs = json_object_get_object_member (stats, "last_inputs");

  g_assert_true (json_object_has_member (inputs, operation));
  return json_object_ref (json_object_get_object_member (inputs, operation));
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

  return G_TYPE_CHECK_INSTANCE_TYPE (visible_page (fixture),
                                     GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (fixture->window), "wanted-type")));
}

static void
wait_for_page (Fixture *fixture,
               GType    type)
{
  g_object_set_data (G_OBJECT (fixture->window), "wanted-type", GSIZE_TO_POINTER (type));
  ca_test_gui_wait_until (page_is_type, fixture);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return GTK_WINDOW (toplevel);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* Answers the confirmation that is open, as a click on @response would. */
static void
answer_dialog (const char *response)
{
  AdwMessageDialog *dialog;

  ca_test_gui_wait_until (has_message_dialog, NULL);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Welcome → a journey that starts with the AWS account → Next. */
static void
start_aws_journey (Fixture    *fixture,
                   const char *journey,
                   GType       next_type)
{
  GtkWidget *row = ca_test_gui_find_widget (GTK_WIDGET (fixture->window), ca_test_gui_is_mapped_row_titled,
                                            (gpointer) journey);
  CaWizardPage *account;

  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  account = visible_page (fixture);
  /* Without AWS there is nothing to move or request; the approval mail can still be looked into. */
  g_assert_true ((ca_test_gui_find_widget (GTK_WIDGET (account), ca_test_gui_is_mapped_row_titled,
                                           "Continue without an AWS account") != NULL) ==
                 (next_type == CA_TYPE_CERTIFICATES_PAGE &&
                  ca_session_get_journey (fixture->session) == CA_JOURNEY_APPROVAL_MAIL));
  g_assert_true (ca_wizard_page_get_can_next (account));
  ca_wizard_page_next (account);
  wait_for_page (fixture, next_type);
}

static CaMovePage *
open_move_page (Fixture    *fixture,
                const char *domain)
{
  CaWizardPage *list;
  GtkWidget *row;

  start_aws_journey (fixture, "Move a certificate to DNS validation", CA_TYPE_CERTIFICATES_PAGE);
  list = visible_page (fixture);
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (list), ca_test_gui_is_mapped_row_titled, (gpointer) domain);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  wait_for_page (fixture, CA_TYPE_MOVE_PAGE);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  return CA_MOVE_PAGE (visible_page (fixture));
}

/* The user presses Check Now while waiting, as often as a bored user would. */
static gboolean
press_check_now_cb (gpointer data)
{
  CaWizardPage *page = data;

  g_test_message ("%s: Check Now", G_OBJECT_TYPE_NAME (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "watch.check-now", NULL);
  return G_SOURCE_CONTINUE;
}

static void
wait_pressing_check_now (CaWizardPage       *page,
                         CaTestGuiCondition  condition,
                         gpointer            data)
{
  guint source = g_timeout_add (300, press_check_now_cb, page);

  ca_test_gui_wait_until (condition, data);
  g_source_remove (source);
}

static gboolean
has_records (gpointer data)
{
  return ca_certificate_watch_get_records (data) != NULL;
}

static gboolean
is_issued (gpointer data)
{
  return ca_certificate_watch_get_stage (data) == CA_WATCH_STAGE_ISSUED;
}

static CaCertificateWatch *
get_watch (Fixture    *fixture,
           const char *arn)
{
  CaCertificateWatch *watch = ca_session_find_watch (fixture->session, arn);

  g_assert_nonnull (watch);
  return watch;
}

/* The records the page shows, published at the test's DNS as the user would. */
static void
publish_records (CaWatchPage *page,
                 GPtrArray   *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      CaAcmRecord *record = g_ptr_array_index (records, i);
      g_autofree char *data = g_strdup_printf ("%s 300 IN CNAME %s", ca_acm_record_get_name (record),
                                               ca_acm_record_get_value (record));

      /* Shown with its copy button before it is published. */
      ca_test_gui_assert_row (GTK_WIDGET (page), "Name", ca_acm_record_get_name (record), NULL);
      ca_test_gui_assert_row (GTK_WIDGET (page), "Value", ca_acm_record_get_value (record), NULL);
      ca_test_unbound_add_local_data (server, data);
      g_ptr_array_add (published, g_strdup (ca_acm_record_get_name (record)));
    }
}

static gboolean
is_copy_button_for (GtkWidget *widget,
                    gpointer   data)
{
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "records.copy") != 0)
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), data) == 0;
}

/* The copy button of @value puts exactly @value on the clipboard. */
static void
assert_copies (GtkWidget  *page,
               const char *value)
{
  GtkWidget *button = ca_test_gui_find_widget (page, is_copy_button_for, (gpointer) value);
  g_auto (GValue) text = G_VALUE_INIT;
  GdkContentProvider *content;

  g_assert_nonnull (button);
  /* A click: “activate” would wait for the button's pressed look to end. */
  g_signal_emit_by_name (button, "clicked");
  /* The app owns the clipboard: its content is here, no X round trip needed. */
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (page));
  g_assert_nonnull (content);
  g_value_init (&text, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &text, NULL));
  g_assert_cmpstr (g_value_get_string (&text), ==, value);
}

/* An issued email certificate moves in place: confirmed, records shown and
 * published, every name SUCCESS, the same ARN. */
static void
test_move_in_place (Fixture       *fixture,
                    gconstpointer  data)
{
  CaMovePage *move = open_move_page (fixture, "good.example");
  CaWatchPage *page;
  CaCertificateWatch *watch;
  g_autoptr (JsonObject) input = NULL;

  ca_test_gui_assert_row (GTK_WIDGET (move), "The same certificate", "It keeps its ARN", NULL);
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "move-in-place.png");

  /* Nothing happens before the user confirms. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (move), "move.start", NULL));
  answer_dialog ("cancel");
  g_assert_cmpint (count_calls (fixture, "UpdateCertificateOptions"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (move), "move.start", NULL));
  answer_dialog ("move");

  wait_for_page (fixture, CA_TYPE_WATCH_PAGE);
  page = CA_WATCH_PAGE (visible_page (fixture));
  watch = get_watch (fixture, ISSUED_ARN);
  g_assert_cmpint (ca_certificate_watch_get_kind (watch), ==, CA_WATCH_KIND_MIGRATION);
  input = get_last_input (fixture, "UpdateCertificateOptions");
  g_assert_cmpstr (json_object_get_string_member (input, "CertificateArn"), ==, ISSUED_ARN);
  g_assert_cmpint (count_calls (fixture, "UpdateCertificateOptions"), ==, 1);

  wait_pressing_check_now (CA_WIZARD_PAGE (page), has_records, watch);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  /* good.example and *.good.example share one record, and the page says so. */
  g_assert_cmpuint (ca_certificate_watch_get_records (watch)->len, ==, 1);
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled, "Only the first part of the name"));
  ca_test_gui_assert_row (GTK_WIDGET (page), "Waiting for ACM to see the records", "Publish the records by ", NULL);
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "move-records.png");
  assert_copies (GTK_WIDGET (page), ca_acm_record_get_name (g_ptr_array_index (ca_certificate_watch_get_records (watch), 0)));
  assert_copies (GTK_WIDGET (page), ca_acm_record_get_value (g_ptr_array_index (ca_certificate_watch_get_records (watch), 0)));

  publish_records (page, ca_certificate_watch_get_records (watch));
  wait_pressing_check_now (CA_WIZARD_PAGE (page), is_issued, watch);
  ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled,
                               "The certificate now uses DNS validation");
  ca_test_gui_assert_row (GTK_WIDGET (page), "The certificate now uses DNS validation", "Same certificate, nothing to redeploy.", "success");
  g_assert_cmpstr (ca_acm_certificate_get_arn (ca_certificate_watch_get_certificate (watch)), ==, ISSUED_ARN);
  g_assert_false (ca_certificate_watch_is_active (watch));
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "move-done.png");
}

static gboolean
is_mapped_entry_row (GtkWidget *widget,
                     gpointer   data)
{
  return ADW_IS_ENTRY_ROW (widget) && gtk_widget_get_mapped (widget);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* A move already under way (started from another computer, or by a click
 * whose answer was lost): ACM refuses a second one, and the page follows the
 * first instead of showing an error. */
static void
test_move_already_started (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (CaAcmClient) client = ca_session_create_acm_client (fixture->session, NULL);
  g_autoptr (GAsyncResult) started = NULL;
  g_autoptr (GAsyncResult) described = NULL;
  g_autoptr (CaAcmCertificate) certificate = NULL;
  g_autoptr (GError) error = NULL;
  CaWizardPage *move;

  g_assert_nonnull (client);
  ca_acm_client_migrate_to_dns_async (client, ISSUED_ARN, NULL, store_result_cb, &started);
  g_assert_true (ca_acm_client_migrate_to_dns_finish (client, wait_for_result (&started), &error));
  ca_acm_client_describe_certificate_async (client, ISSUED_ARN, NULL, store_result_cb, &described);
  certificate = ca_acm_client_describe_certificate_finish (client, wait_for_result (&described), &error);
  g_assert_no_error (error);

  move = CA_WIZARD_PAGE (ca_move_page_new (certificate));
  ca_window_push_page (fixture->window, move);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (move), "move.start", NULL));
  answer_dialog ("move");
  wait_for_page (fixture, CA_TYPE_WATCH_PAGE);
  g_assert_cmpint (count_calls (fixture, "UpdateCertificateOptions"), ==, 2);
  g_assert_cmpint (ca_certificate_watch_get_kind (get_watch (fixture, ISSUED_ARN)), ==, CA_WATCH_KIND_MIGRATION);
}

static gboolean
is_send_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "request.send") == 0;
}

static gboolean
is_visible_error_label (GtkWidget *widget,
                        gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, "error");
}

/* The visible error label says why in words, without a control or bidi character of the input. */
static void
assert_error_label_clean (GtkWidget *page)
{
  GtkWidget *label = ca_test_gui_find_widget (page, is_visible_error_label, NULL);
  const char *text;

  g_assert_nonnull (label);
  text = gtk_label_get_text (GTK_LABEL (label));
  g_assert_null (strchr (text, '\033'));
  g_assert_null (strchr (text, '\007'));
  g_assert_null (strstr (text, "\342\200\256"));  /* U+202E RIGHT-TO-LEFT OVERRIDE */
  g_assert_nonnull (strstr (text, "pwned"));
}

/* A new certificate with DNS validation, from the names typed to issued. */
static gboolean
is_mapped_check_now (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Check Now") == 0;
}

static void
test_request_dns (Fixture       *fixture,
                  gconstpointer  data)
{
  CaWizardPage *request;
  GtkWidget *entry;
  CaWatchPage *page;
  CaCertificateWatch *watch;
  g_autoptr (JsonObject) input = NULL;
  g_autofree char *arn = NULL;
  JsonArray *sans;

  start_aws_journey (fixture, "Request a certificate", CA_TYPE_REQUEST_PAGE);
  request = visible_page (fixture);
  entry = ca_test_gui_find_widget (GTK_WIDGET (request), is_mapped_entry_row, NULL);
  /* A bad name is said in words, and nothing can be sent. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "shop.good.example bad..name");
  g_assert_false (gtk_widget_get_sensitive (ca_test_gui_find_widget (GTK_WIDGET (request), is_send_button, NULL)));
  /* A pasted name with terminal and bidi controls: the message quotes it, cleaned. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "a\033[31mpwned\007\342\200\256moc.b.example");
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  assert_error_label_clean (GTK_WIDGET (request));
  /* The first name is the common name: 65 characters is one too many there, not after it. */
  gtk_editable_set_text (GTK_EDITABLE (entry),
                         "shop-with-a-rather-long-name-for-a-common-name-xyzwv.good.example shop.good.example");
  g_assert_false (gtk_widget_get_sensitive (ca_test_gui_find_widget (GTK_WIDGET (request), is_send_button, NULL)));
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (ca_test_gui_find_widget (GTK_WIDGET (request), is_visible_error_label, NULL))),
                            "has 65 characters"));
  gtk_editable_set_text (GTK_EDITABLE (entry),
                         "shop.good.example shop-with-a-rather-long-name-for-a-common-name-xyzwv.good.example");
  g_assert_true (gtk_widget_get_sensitive (ca_test_gui_find_widget (GTK_WIDGET (request), is_send_button, NULL)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "shop.good.example, www.shop.good.example");
  g_assert_true (gtk_widget_get_sensitive (ca_test_gui_find_widget (GTK_WIDGET (request), is_send_button, NULL)));
  ca_test_gui_assert_row (GTK_WIDGET (request), "www.shop.good.example", "", NULL);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "request.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (request), "request.send", NULL));
  wait_for_page (fixture, CA_TYPE_WATCH_PAGE);
  page = CA_WATCH_PAGE (visible_page (fixture));
  g_assert_cmpint (count_calls (fixture, "RequestCertificate"), ==, 1);
  input = get_last_input (fixture, "RequestCertificate");
  g_assert_cmpstr (json_object_get_string_member (input, "DomainName"), ==, "shop.good.example");
  g_assert_cmpstr (json_object_get_string_member (input, "ValidationMethod"), ==, "DNS");
  g_assert_cmpstr (json_object_get_string_member (input, "KeyAlgorithm"), ==, "RSA_2048");
  g_assert_true (json_object_has_member (input, "IdempotencyToken"));
  sans = json_object_get_array_member (input, "SubjectAlternativeNames");
  g_assert_cmpuint (json_array_get_length (sans), ==, 2);

  g_assert_cmpuint (g_list_model_get_n_items (ca_session_get_watches (fixture->session)), ==, 1);
  watch = g_list_model_get_item (ca_session_get_watches (fixture->session), 0);
  g_object_unref (watch); /* the session keeps it */
  arn = g_strdup (ca_certificate_watch_get_arn (watch));
  wait_pressing_check_now (CA_WIZARD_PAGE (page), has_records, watch);
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_check_now, NULL));
  g_assert_cmpuint (ca_certificate_watch_get_records (watch)->len, ==, 2);
  publish_records (page, ca_certificate_watch_get_records (watch));
  wait_pressing_check_now (CA_WIZARD_PAGE (page), is_issued, watch);
  ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled, "The certificate is issued");
  ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled, "Published: DNS shows this record");
  /* Issued: nothing is left to ask, so no Check Now to press. */
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_check_now, NULL));
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "request-issued.png");
}

static gboolean
is_mapped_combo_row_titled (GtkWidget *widget,
                            gpointer   data)
{
  return ADW_IS_COMBO_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
subtitle_is (gpointer data)
{
  GtkWidget *row = data;

  return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                    g_object_get_data (G_OBJECT (row), "wanted-subtitle")) == 0;
}

static void
wait_for_subtitle (GtkWidget  *row,
                   const char *subtitle)
{
  g_object_set_data (G_OBJECT (row), "wanted-subtitle", (gpointer) subtitle);
  ca_test_gui_wait_until (subtitle_is, row);
}

/* An email request: each name's mail goes where the user chose, with
 * whether that domain receives mail said before anything is sent. */
static void
test_request_email (Fixture       *fixture,
                    gconstpointer  data)
{
  CaWizardPage *request;
  GtkWidget *entry;
  GtkWidget *method;
  GtkWidget *row;
  g_autoptr (JsonObject) input = NULL;
  JsonObject *option;

  start_aws_journey (fixture, "Request a certificate", CA_TYPE_REQUEST_PAGE);
  request = visible_page (fixture);
  method = ca_test_gui_find_widget (GTK_WIDGET (request), is_mapped_combo_row_titled, "Method");
  adw_combo_row_set_selected (ADW_COMBO_ROW (method), 1);
  ca_test_gui_assert_row (GTK_WIDGET (request), "Email validation ends in 2027", "ACM issues no email-validated certificates after 31 March 2027", NULL);
  entry = ca_test_gui_find_widget (GTK_WIDGET (request), is_mapped_entry_row, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "sub.parent-mx.example");
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (request), is_mapped_combo_row_titled, "sub.parent-mx.example");
  /* The name itself receives no mail; its parent does. */
  wait_for_subtitle (row, "Receives no mail: it has no MX record.");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  wait_for_subtitle (row, "Receives mail at mail.parent-mx.example.");
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "request-email.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (request), "request.send", NULL));
  wait_for_page (fixture, CA_TYPE_WATCH_PAGE);
  input = get_last_input (fixture, "RequestCertificate");
  g_assert_cmpstr (json_object_get_string_member (input, "ValidationMethod"), ==, "EMAIL");
  option = json_array_get_object_element (json_object_get_array_member (input, "DomainValidationOptions"), 0);
  g_assert_cmpstr (json_object_get_string_member (option, "DomainName"), ==, "sub.parent-mx.example");
  g_assert_cmpstr (json_object_get_string_member (option, "ValidationDomain"), ==, "parent-mx.example");
  ca_test_gui_wait_for_widget (GTK_WIDGET (visible_page (fixture)), ca_test_gui_is_mapped_row_titled,
                               "Waiting for the approval");
}

static gboolean
diagnosis_is_done (gpointer data)
{
  CaDiagnosisPage *page = data;

  return ca_diagnosis_page_get_diagnosis (page) != NULL && !ca_diagnosis_page_get_running (page);
}

/* A pending email request is replaced by a DNS request with the same names,
 * key and tags; the old one goes only when the user confirms. */
static void
test_replace_pending (Fixture       *fixture,
                      gconstpointer  data)
{
  CaWizardPage *list;
  CaDiagnosisPage *diagnosis;
  CaWizardPage *move;
  CaWatchPage *page;
  GtkWidget *row;
  g_autoptr (JsonObject) request = NULL;
  g_autoptr (JsonObject) deleted = NULL;
  JsonArray *tags;

  start_aws_journey (fixture, "My certificate waits for its approval mail", CA_TYPE_CERTIFICATES_PAGE);
  list = visible_page (fixture);
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (list), ca_test_gui_is_mapped_row_titled, "sub.parent-mx.example");
  adw_action_row_activate (ADW_ACTION_ROW (row));
  wait_for_page (fixture, CA_TYPE_DIAGNOSIS_PAGE);
  diagnosis = CA_DIAGNOSIS_PAGE (visible_page (fixture));
  ca_test_gui_wait_until (diagnosis_is_done, diagnosis);
  /* The diagnosis hands off to the move for the certificate at hand. */
  ca_test_gui_assert_row (GTK_WIDGET (diagnosis), "Request it with DNS validation", "One DNS record per name", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (diagnosis), "diagnosis.move", NULL));
  wait_for_page (fixture, CA_TYPE_MOVE_PAGE);
  move = visible_page (fixture);
  ca_test_gui_assert_row (GTK_WIDGET (move), "A new request with DNS validation", "", NULL);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "move-replace.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (move), "move.start", NULL));
  wait_for_page (fixture, CA_TYPE_WATCH_PAGE);
  page = CA_WATCH_PAGE (visible_page (fixture));
  request = get_last_input (fixture, "RequestCertificate");
  g_assert_cmpstr (json_object_get_string_member (request, "DomainName"), ==, "sub.parent-mx.example");
  g_assert_cmpstr (json_object_get_string_member (request, "ValidationMethod"), ==, "DNS");
  g_assert_cmpstr (json_object_get_string_member (request, "KeyAlgorithm"), ==, "EC_prime256v1");
  tags = json_object_get_array_member (request, "Tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tags, 0), "Key"), ==, "team");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tags, 0), "Value"), ==, "shop");

  /* Never deleted by itself; kept when the user says so; deleted once confirmed. */
  ca_test_gui_assert_row (GTK_WIDGET (page), "The email request for sub.parent-mx.example is still in ACM", "", NULL);
  g_assert_cmpint (count_calls (fixture, "DeleteCertificate"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "watch.delete-replaced", NULL));
  answer_dialog ("cancel");
  g_assert_cmpint (count_calls (fixture, "DeleteCertificate"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "watch.delete-replaced", NULL));
  answer_dialog ("delete");
  ca_test_gui_wait_for_widget (GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled,
                               "The email request for sub.parent-mx.example is deleted");
  while (count_calls (fixture, "DeleteCertificate") == 0)
    g_main_context_iteration (NULL, FALSE);
  deleted = get_last_input (fixture, "DeleteCertificate");
  g_assert_cmpstr (json_object_get_string_member (deleted, "CertificateArn"), ==, PENDING_ARN);
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), "move-replace-records.png");
}

/* At 360 px the page fits: the window has not widened for it. A window keeps
 * the width it grew to, so this also catches a page seen in between, such as
 * the move page waiting for ACM with its spinner. Nothing on it, the title
 * included, is cut short with “…”. */
static void
save_narrow_screenshot (Fixture    *fixture,
                        const char *name)
{
  GtkWidget *cut;

  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
  ca_test_gui_save_screenshot (GTK_WIDGET (fixture->window), name);
  cut = ca_test_gui_find_widget (GTK_WIDGET (fixture->window), ca_test_gui_is_mapped_cut_label, NULL);
  if (cut != NULL)
    g_test_message ("%s: “%s” is cut short", name, gtk_label_get_text (GTK_LABEL (cut)));
  g_assert_null (cut);
}

/* In German at 360 px, as a German-speaking user sees the move, its records
 * and a new request. */
static void
test_german_narrow (Fixture       *fixture,
                    gconstpointer  data)
{
  CaWizardPage *move;
  CaWatchPage *page;
  CaCertificateWatch *watch;
  CaAcmRecord *record;
  CaWizardPage *request;
  GtkWidget *row;

  g_setenv ("LANGUAGE", "de", TRUE);
  /* gettext reads LANGUAGE again only after a locale change. */
  setlocale (LC_ALL, "");
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = ca_test_gui_open_window_for (fixture->session, 360, 1000);

  start_aws_journey (fixture, "Ein Zertifikat auf DNS-Validierung umstellen", CA_TYPE_CERTIFICATES_PAGE);
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (visible_page (fixture)), ca_test_gui_is_mapped_row_titled,
                                     "good.example");
  adw_action_row_activate (ADW_ACTION_ROW (row));
  wait_for_page (fixture, CA_TYPE_MOVE_PAGE);
  move = visible_page (fixture);
  ca_test_gui_assert_row (GTK_WIDGET (move), "Dasselbe Zertifikat", "Es behält seinen ARN", NULL);
  save_narrow_screenshot (fixture, "move-de-360.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (move), "move.start", NULL));
  answer_dialog ("move");
  wait_for_page (fixture, CA_TYPE_WATCH_PAGE);
  page = CA_WATCH_PAGE (visible_page (fixture));
  watch = get_watch (fixture, ISSUED_ARN);
  wait_pressing_check_now (CA_WIZARD_PAGE (page), has_records, watch);
  record = g_ptr_array_index (ca_certificate_watch_get_records (watch), 0);
  ca_test_gui_assert_row (GTK_WIDGET (page), "Warten, bis ACM die Einträge sieht", "Veröffentlichen Sie die Einträge bis", NULL);
  ca_test_gui_assert_row (GTK_WIDGET (page), "Wert", ca_acm_record_get_value (record), NULL);
  save_narrow_screenshot (fixture, "watch-de-360.png");

  /* Back to the first page, for a new certificate. */
  while (ca_window_go_back (fixture->window))
    ;
  start_aws_journey (fixture, "Ein Zertifikat anfordern", CA_TYPE_REQUEST_PAGE);
  request = visible_page (fixture);
  row = ca_test_gui_find_widget (GTK_WIDGET (request), is_mapped_entry_row, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), "shop.good.example, www.shop.good.example");
  ca_test_gui_assert_row (GTK_WIDGET (request), "Erneuert sich von selbst", "Ein DNS-Eintrag pro Name", NULL);
  save_narrow_screenshot (fixture, "request-de-360.png");

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

static gboolean
has_notification (gpointer data)
{
  GPtrArray *received = data;

  for (guint i = 0; i < received->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (received, i), "Certificate issued|"))
      return TRUE;
  return FALSE;
}

/* A watch goes on when the window closes: the application holds itself, and
 * the desktop hears when the certificate is issued. */
static void
test_notification (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (CaTestNotifications) notifications = ca_test_notifications_start ();
  GPtrArray *received = ca_test_notifications_get_received (notifications);
  g_autoptr (CaApplication) app = ca_application_new ();
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (CaCertificateWatch) watch = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *approve = NULL;
  CaSession *session;
  CaWindow *window;

  /* Its own name on the bus: the app itself may run beside this test (test-atspi-journey). */
  g_application_set_application_id (G_APPLICATION (app), "io.github.certassist.CertAssist.TestGuiMove");
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  session = ca_application_get_session (app);
  configure_session (session);
  window = ca_window_new (GTK_APPLICATION (app), session);
  gtk_window_present (GTK_WINDOW (window));

  client = ca_session_create_acm_client (session, &error);
  g_assert_no_error (error);
  watch = ca_certificate_watch_new (client, PENDING_ARN, CA_WATCH_KIND_REQUEST);
  ca_certificate_watch_set_interval (watch, 100, 200);
  ca_session_add_watch (session, watch);
  /* The window goes; the watch and the application stay. */
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (ca_certificate_watch_is_active (watch));

  approve = g_strdup_printf ("{\"arn\": \"%s\"}", PENDING_ARN);
  ca_test_fake_acm_post (fixture->url, "/_fake/approve", approve);
  ca_test_gui_wait_until (has_notification, received);
  g_assert_nonnull (strstr (g_ptr_array_index (received, received->len - 1), "ACM issued the certificate for sub.parent-mx.example."));
  g_assert_false (ca_certificate_watch_is_active (watch));
}

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
  server = ca_test_unbound_start_with_control ();
  published = g_ptr_array_new_with_free_func (g_free);

  g_test_add ("/gui/move/in-place", Fixture, NULL, fixture_set_up, test_move_in_place, fixture_tear_down);
  g_test_add ("/gui/move/already-started", Fixture, NULL, fixture_set_up, test_move_already_started, fixture_tear_down);
  g_test_add ("/gui/move/request-dns", Fixture, NULL, fixture_set_up, test_request_dns, fixture_tear_down);
  g_test_add ("/gui/move/request-email", Fixture, NULL, fixture_set_up, test_request_email, fixture_tear_down);
  g_test_add ("/gui/move/replace-pending", Fixture, NULL, fixture_set_up, test_replace_pending, fixture_tear_down);
  g_test_add ("/gui/move/notification", Fixture, NULL, fixture_set_up, test_notification, fixture_tear_down);
  g_test_add ("/gui/move/german-narrow", Fixture, NULL, fixture_set_up, test_german_narrow, fixture_tear_down);

  status = g_test_run ();
  g_ptr_array_unref (published);
  ca_test_unbound_stop (server);
  return status;
}
