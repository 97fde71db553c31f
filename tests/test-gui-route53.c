/* test-gui-route53.c: "Create in Route 53" on the DNS journey's records, in a
 * real window, against the fake ACM and its fake Route 53 (a process of its
 * own) and a real unbound on 127.0.0.1, where the fake publishes each record
 * once Route 53 reports the change INSYNC (--publish-command)
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
#include "ca-fake-acm.h"
#include "ca-iam-policy-dialog.h"
#include "ca-test-fake-acm.h"
#include "ca-test-gui.h"
#include "ca-test-unbound.h"
#include "ca-test-util.h"
#include "ca-util.h"
#include "ca-watch-page.h"
#include "ca-window.h"

/* A guard against a hang, not a timing assertion. */
#define WAIT_LIMIT_S 90

#define ARN "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0501-4000-8000-000000000001"
#define ZONE_ID "Z1GOODEXAMPLE"

/* A DNS request waiting for its one record (good.example and its wildcard share it). */
#define CERTIFICATES \
  "\"certificates\": [" \
  "{\"CertificateArn\": \"" ARN "\", \"DomainName\": \"good.example\", " \
  " \"SubjectAlternativeNames\": [\"good.example\", \"*.good.example\"], " \
  " \"Status\": \"PENDING_VALIDATION\", \"ValidationMethod\": \"DNS\", \"CreatedHoursAgo\": 1}]"

#define ZONE(private, polls) \
  "{\"Id\": \"" ZONE_ID "\", \"Name\": \"good.example\", \"Private\": " private ", " \
  " \"NameServers\": [\"ns-1.awsdns-01.org\", \"ns-2.awsdns-02.net\"], \"InsyncAfterPolls\": " polls "}"

#define SEED_PUBLIC_ZONE "{" CERTIFICATES ", \"hosted_zones\": [" ZONE ("false", "0") "]}"
/* Route 53 keeps the change PENDING for far longer than a test runs. */
#define SEED_SLOW_ZONE "{" CERTIFICATES ", \"hosted_zones\": [" ZONE ("false", "100000") "]}"
#define SEED_PRIVATE_ZONE "{" CERTIFICATES ", \"hosted_zones\": [" ZONE ("true", "0") "]}"
#define SEED_NO_ZONE "{" CERTIFICATES ", \"hosted_zones\": []}"
/* The identity tests/data/credential-process.sh hands out with `count`. */
#define SEED_PROCESS_KEYS \
  "{" CERTIFICATES ", \"hosted_zones\": [" ZONE ("false", "0") "], " \
  " \"keys\": [{\"AccessKeyId\": \"AKIDCOUNT\", \"SecretAccessKey\": \"countsecret\", \"SessionToken\": \"t\"}]}"

#define RECORD_TITLE "For good.example and *.good.example"

static CaTestUnbound *server;

typedef struct
{
  const char *seed;
  const char *fault;  /* --fault NAME:COUNT, or NULL */
} Case;

typedef struct
{
  char        *dir;
  char        *published_path;  /* what the fake published, one `NAME VALUE` a line */
  char        *script_path;
  char        *url;
  GSubprocess *process;
  CaSession   *session;
  CaWindow    *window;
} Fixture;

/* The fake's --publish-command: the record goes into the test's unbound, as a
 * DNS provider would serve it, before the fake reports INSYNC. Arguments only,
 * quoted: the script never evaluates them. */
static void
write_publish_script (Fixture *fixture)
{
  g_autofree char *script = NULL;

  fixture->published_path = g_build_filename (fixture->dir, "published.txt", NULL);
  fixture->script_path = g_build_filename (fixture->dir, "publish.sh", NULL);
  script = g_strdup_printf ("#!/bin/sh\n"
                            "printf '%%s %%s\\n' \"$1\" \"$2\" >> '%s'\n"
                            "exec /usr/sbin/unbound-control -c '%s' local_data \"$1. 300 IN CNAME $2\" >/dev/null\n",
                            fixture->published_path, ca_test_unbound_get_config_path (server));
  g_assert_true (g_file_set_contents (fixture->script_path, script, -1, NULL));
  g_assert_cmpint (g_chmod (fixture->script_path, 0700), ==, 0);
}

static void
start_fake_acm (Fixture    *fixture,
                const Case *test_case)
{
  g_autofree char *seed = g_build_filename (fixture->dir, "seed.json", NULL);

  g_assert_true (g_file_set_contents (seed, test_case->seed, -1, NULL));
  if (test_case->fault != NULL)
    fixture->process = ca_test_fake_acm_spawn (seed, &fixture->url, "--record-delay-ms", "0",
                                               "--dns-server", ca_test_unbound_get_server (server),
                                               "--publish-command", fixture->script_path,
                                               "--fault", test_case->fault, NULL);
  else
    fixture->process = ca_test_fake_acm_spawn (seed, &fixture->url, "--record-delay-ms", "0",
                                               "--dns-server", ca_test_unbound_get_server (server),
                                               "--publish-command", fixture->script_path, NULL);
  g_unlink (seed);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *servers[] = { ca_test_unbound_get_server (server), NULL };

  fixture->dir = g_dir_make_tmp ("certassist-gui-route53-XXXXXX", NULL);
  write_publish_script (fixture);
  start_fake_acm (fixture, data);
  ca_test_fake_acm_use_environment_keys (fixture->url);
  fixture->session = ca_session_new ();
  ca_session_set_dns_servers (fixture->session, servers);
  ca_session_set_dnssec (fixture->session, FALSE);
  ca_session_set_aws_region (fixture->session, "us-east-1");
  fixture->window = ca_test_gui_open_window_for (fixture->session, 800, 1000);
}

/* The names the fake published, each `NAME VALUE`. */
static GStrv
read_published (Fixture *fixture)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (fixture->published_path, &text, NULL, NULL))
    return g_new0 (char *, 1);
  g_strchomp (text);
  if (*text == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, "\n", -1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *watches = ca_session_get_watches (fixture->session);
  g_auto (GStrv) published = read_published (fixture);

  for (guint i = 0; i < g_list_model_get_n_items (watches); i++)
    {
      g_autoptr (CaCertificateWatch) watch = g_list_model_get_item (watches, i);

      ca_certificate_watch_stop (watch);
    }
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->session);
  /* The fake makes the same record in every test: one left behind would be seen at once. */
  for (guint i = 0; published[i] != NULL; i++)
    {
      g_auto (GStrv) fields = g_strsplit (published[i], " ", 2);

      ca_test_unbound_remove_local_data (server, fields[0]);
    }
  ca_test_fake_acm_terminate (fixture->process);
  g_clear_object (&fixture->process);
  g_unlink (fixture->published_path);
  g_unlink (fixture->script_path);
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->published_path, g_free);
  g_clear_pointer (&fixture->script_path, g_free);
  g_clear_pointer (&fixture->url, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static gint64
count_calls (Fixture    *fixture,
             const char *operation)
{
  return ca_test_fake_acm_count_calls (fixture->url, operation);
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
has_toplevel (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static GtkWindow *
wait_for_toplevel (GType type)
{
  ca_test_gui_wait_until (has_toplevel, GSIZE_TO_POINTER (type));
  return find_toplevel (type);
}

static gboolean
is_mapped_button_for (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static gboolean
has_records (gpointer data)
{
  return ca_certificate_watch_get_records (data) != NULL;
}

/* The watch page of the seed's request, with its records shown; ACM is asked
 * by itself after @first_ms, then less and less often, up to every @max_ms. */
static CaWatchPage *
open_watch_page_asking_every (Fixture *fixture,
                              guint    first_ms,
                              guint    max_ms)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmClient) client = ca_session_create_acm_client (fixture->session, &error);
  g_autoptr (CaCertificateWatch) watch = NULL;
  CaWatchPage *page;

  g_assert_no_error (error);
  watch = ca_certificate_watch_new (client, ARN, CA_WATCH_KIND_REQUEST);
  ca_certificate_watch_set_interval (watch, first_ms, max_ms);
  ca_session_add_watch (fixture->session, watch);
  page = ca_watch_page_new (watch, NULL);
  ca_window_push_page (fixture->window, CA_WIZARD_PAGE (page));
  ca_test_gui_wait_until (has_records, watch);
  return page;
}

static CaWatchPage *
open_watch_page (Fixture *fixture)
{
  return open_watch_page_asking_every (fixture, 100, 200);
}

/* The first record of the page's watch. */
static CaAcmRecord *
get_record (Fixture *fixture)
{
  g_autoptr (CaCertificateWatch) watch = g_list_model_get_item (ca_session_get_watches (fixture->session), 0);

  return g_ptr_array_index (ca_certificate_watch_get_records (watch), 0);
}

/* Scrolls the page so that the group of @widget is in sight, for the screenshots. */
static void
scroll_to (GtkWidget *button)
{
  GtkWidget *widget = gtk_widget_get_ancestor (button, ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_point_t point;

  g_assert_nonnull (scrolled);
  ca_test_gui_wait_for_paint (widget);
  g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, point.y - 24);
  ca_test_gui_wait_for_paint (widget);
}

/* The same page, light and dark, as @name-light.png and @name-dark.png. */
static void
save_screenshots (GtkWidget  *window,
                  const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  ca_test_gui_wait_for_paint (window);
  ca_test_gui_save_screenshot (window, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  ca_test_gui_wait_for_paint (window);
  ca_test_gui_save_screenshot (window, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

typedef struct
{
  const char *title;
  const char *subtitle_prefix;
} RowText;

static gboolean
is_mapped_row_with_text (GtkWidget *widget,
                         gpointer   data)
{
  RowText *text = data;

  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text->title) == 0 &&
         g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), text->subtitle_prefix);
}

/* Waits for the row to say it, then checks its words and icon together. */
static void
wait_for_row (GtkWidget  *root,
              const char *title,
              const char *subtitle_prefix,
              const char *icon_class)
{
  RowText text = { title, subtitle_prefix };

  ca_test_gui_wait_for_widget (root, is_mapped_row_with_text, &text);
  ca_test_gui_assert_row (root, title, subtitle_prefix, icon_class);
}

static GtkWidget *
wait_for_create_button (CaWatchPage *page)
{
  return ca_test_gui_wait_for_widget (GTK_WIDGET (page), is_mapped_button_for, (gpointer) "route53.create");
}

static gboolean
is_label_showing (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

/* The body breaks a long record name without a hyphen it does not have. */
static void
assert_no_added_hyphens (GtkWidget  *dialog,
                         const char *body)
{
  GtkWidget *label = ca_test_gui_find_widget (dialog, is_label_showing, (gpointer) body);
  PangoAttrList *attributes;
  GSList *list;
  gboolean kept = FALSE;

  g_assert_nonnull (label);
  attributes = gtk_label_get_attributes (GTK_LABEL (label));
  g_assert_nonnull (attributes);
  list = pango_attr_list_get_attributes (attributes);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attribute = l->data;

      if (attribute->klass->type == PANGO_ATTR_INSERT_HYPHENS && !((PangoAttrInt *) attribute)->value &&
          attribute->start_index == 0 && attribute->end_index >= strlen (body))
        kept = TRUE;
    }
  g_slist_free_full (list, (GDestroyNotify) pango_attribute_destroy);
  g_assert_true (kept);
}

/* Clicks the button and answers the confirmation with @response; returns what it said. */
static char *
confirm (GtkWidget  *button,
         const char *response,
         const char *screenshot)
{
  AdwMessageDialog *dialog;
  char *body;

  g_signal_emit_by_name (button, "clicked");
  dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  body = g_strdup (adw_message_dialog_get_body (dialog));
  assert_no_added_hyphens (GTK_WIDGET (dialog), body);
  if (screenshot != NULL)
    save_screenshots (GTK_WIDGET (dialog), screenshot);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  return body;
}

static char *
strip_final_dot (const char *name)
{
  return g_ascii_strdown (name, g_str_has_suffix (name, ".") ? (gssize) strlen (name) - 1 : -1);
}

/* The zone holds exactly the record ACM asked for, and the fake published it. */
static void
assert_zone_holds_record (Fixture     *fixture,
                          CaAcmRecord *record)
{
  g_autofree char *name = strip_final_dot (ca_acm_record_get_name (record));
  g_autofree char *value = strip_final_dot (ca_acm_record_get_value (record));
  g_autofree char *line = g_strdup_printf ("%s cname %s", name, value);
  g_autoptr (JsonObject) stats = ca_test_fake_acm_get_stats (fixture->url);
  JsonArray *records = json_object_get_array_member (json_object_get_object_member (stats, "route53_records"), ZONE_ID);
  g_autofree char *zone_line = NULL;
  g_auto (GStrv) published = read_published (fixture);
  g_auto (GStrv) fields = NULL;
  g_autofree char *published_value = NULL;

  g_assert_cmpuint (json_array_get_length (records), ==, 1);
  zone_line = strip_final_dot (json_array_get_string_element (records, 0));
  g_assert_cmpstr (zone_line, ==, line);
  g_assert_cmpuint (g_strv_length (published), ==, 1);
  fields = g_strsplit (published[0], " ", 2);
  g_assert_cmpstr (fields[0], ==, name);
  published_value = strip_final_dot (fields[1]);
  g_assert_cmpstr (published_value, ==, value);
}

/* A public hosted zone: the button, the confirmation naming the record and
 * the zone, one change batch, and the row following the record into DNS. */
static void
test_publish (Fixture       *fixture,
              gconstpointer  data)
{
  CaWatchPage *page = open_watch_page (fixture);
  CaAcmRecord *record = get_record (fixture);
  GtkWidget *button = wait_for_create_button (page);
  g_autofree char *body = NULL;

  wait_for_row (GTK_WIDGET (page), "Route 53 hosts this domain", "CertAssist can create the records", "dim-label");
  wait_for_row (GTK_WIDGET (page), RECORD_TITLE, "Planned in the hosted zone good.example.", "dim-label");
  g_assert_cmpint (count_calls (fixture, "ChangeResourceRecordSets"), ==, 0);
  scroll_to (button);
  save_screenshots (GTK_WIDGET (fixture->window), "route53-button");

  body = confirm (button, "create", "route53-confirm");
  g_assert_nonnull (strstr (body, ca_acm_record_get_name (record)));
  g_assert_nonnull (strstr (body, ca_acm_record_get_value (record)));
  g_assert_nonnull (strstr (body, "in the hosted zone good.example"));

  wait_for_row (GTK_WIDGET (page), RECORD_TITLE, "Created in Route 53 and visible in DNS", "success");
  wait_for_row (GTK_WIDGET (page), "The records are in Route 53", "ACM finds them by itself.", "success");
  g_assert_cmpint (count_calls (fixture, "ChangeResourceRecordSets"), ==, 1);
  assert_zone_holds_record (fixture, record);
  /* The button is gone: the records are there. */
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button_for, (gpointer) "route53.create"));
  scroll_to (button);
  save_screenshots (GTK_WIDGET (fixture->window), "route53-published");
}

static gboolean
is_issued (gpointer data)
{
  return ca_certificate_watch_get_stage (data) == CA_WATCH_STAGE_ISSUED;
}

/* Once Route 53 has the records, ACM is asked at once, as Check Now does, not at
 * the watch's next round (here an hour away): "Create in Route 53" ends in an
 * issued certificate without a wait. */
static void
test_publish_asks_acm (Fixture       *fixture,
                       gconstpointer  data)
{
  CaWatchPage *page = open_watch_page_asking_every (fixture, 3600 * 1000, 3600 * 1000);
  g_autoptr (CaCertificateWatch) watch = g_list_model_get_item (ca_session_get_watches (fixture->session), 0);
  GtkWidget *button = wait_for_create_button (page);
  g_autofree char *body = NULL;

  /* The fake looks at DNS at most every 200 ms per certificate: its look when the
   * page opened must be over, or ACM's answer would say nothing new. */
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  body = confirm (button, "create", NULL);
  ca_test_gui_wait_until (is_issued, watch);
  wait_for_row (GTK_WIDGET (page), "The certificate is issued", "Keep the records", "success");
}

/* Cancelled at the confirmation: nothing is sent, and the button stays. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  CaWatchPage *page = open_watch_page (fixture);
  GtkWidget *button = wait_for_create_button (page);
  g_autofree char *body = confirm (button, "cancel", NULL);

  /* One round of the main loop for anything the answer would have started. */
  ca_test_gui_wait_for_paint (GTK_WIDGET (fixture->window));
  g_assert_cmpint (count_calls (fixture, "ChangeResourceRecordSets"), ==, 0);
  g_assert_true (gtk_widget_get_mapped (button));
  ca_test_gui_assert_row (GTK_WIDGET (page), RECORD_TITLE, "Planned in the hosted zone good.example.", "dim-label");
}

/* While Route 53 works: the record is being created, and Stop stops waiting
 * (what Route 53 accepted stays accepted); the user can ask again. */
static void
test_stop (Fixture       *fixture,
           gconstpointer  data)
{
  CaWatchPage *page = open_watch_page (fixture);
  GtkWidget *button = wait_for_create_button (page);
  g_autofree char *body = confirm (button, "create", NULL);
  GtkWidget *stop;

  wait_for_row (GTK_WIDGET (page), RECORD_TITLE, "Being created in the hosted zone good.example", NULL);
  ca_test_gui_assert_row (GTK_WIDGET (page), "Creating the records in Route 53…", "Route 53 takes up to a few minutes", NULL);
  stop = ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button_for, (gpointer) "route53.cancel");
  g_assert_nonnull (stop);
  /* The keyboard's place is not lost with the button that went away. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (fixture->window)) == stop);
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button_for, (gpointer) "route53.create"));
  scroll_to (stop);
  save_screenshots (GTK_WIDGET (fixture->window), "route53-creating");
  g_assert_cmpint (count_calls (fixture, "ChangeResourceRecordSets"), ==, 1);

  g_signal_emit_by_name (stop, "clicked");
  ca_test_gui_assert_row (GTK_WIDGET (page), "No longer waiting for Route 53", "CertAssist no longer follows the change.",
                          "warning");
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button_for, (gpointer) "route53.retry"));
  g_assert_cmpint (count_calls (fixture, "ChangeResourceRecordSets"), ==, 1);
}

/* Route 53 refuses the batch: each record and the group say so in words. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  CaWatchPage *page = open_watch_page (fixture);
  GtkWidget *button = wait_for_create_button (page);
  g_autofree char *body = confirm (button, "create", NULL);

  wait_for_row (GTK_WIDGET (page), "The records were not created", "", "error");
  g_test_message ("Route 53 refused: %s", adw_action_row_get_subtitle (ADW_ACTION_ROW (ca_test_gui_find_widget (
                                            GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled, "The records were not created"))));
  ca_test_gui_assert_row (GTK_WIDGET (page), RECORD_TITLE, "Failed: ", "error");
  g_assert_nonnull (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button_for, (gpointer) "route53.retry"));
  g_assert_cmpint (count_calls (fixture, "ChangeResourceRecordSets"), ==, 1);
}

/* No hosted zone: the row says why there is no button. */
static void
test_no_zone (Fixture       *fixture,
              gconstpointer  data)
{
  CaWatchPage *page = open_watch_page (fixture);

  wait_for_row (GTK_WIDGET (page), "No public hosted zone for these names",
                "Route 53 in this AWS account hosts none of these names.", "dim-label");
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button_for, (gpointer) "route53.create"));
  g_assert_cmpint (count_calls (fixture, "ListHostedZonesByName"), >=, 1);
  g_assert_cmpint (count_calls (fixture, "ChangeResourceRecordSets"), ==, 0);
}

/* Only a private zone: the CA would never see the records. */
static void
test_private_zone (Fixture       *fixture,
                   gconstpointer  data)
{
  CaWatchPage *page = open_watch_page (fixture);

  wait_for_row (GTK_WIDGET (page), "Only a private hosted zone holds these names",
                "The CA never sees private hosted zones.", "warning");
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button_for, (gpointer) "route53.create"));
  g_assert_cmpint (count_calls (fixture, "ChangeResourceRecordSets"), ==, 0);
}

static gboolean
is_text_view (GtkWidget *widget,
              gpointer   data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

/* The policy dialog: JSON that parses, with the Route 53 actions, copied whole. */
static void
check_policy_dialog (void)
{
  CaIamPolicyDialog *dialog = CA_IAM_POLICY_DIALOG (wait_for_toplevel (CA_TYPE_IAM_POLICY_DIALOG));
  GtkWidget *view = ca_test_gui_find_widget (GTK_WIDGET (dialog), is_text_view, NULL);
  GtkWidget *copy = ca_test_gui_find_widget (GTK_WIDGET (dialog), is_mapped_button_for, (gpointer) "policy.copy");
  g_autofree char *shown = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GValue) copied = G_VALUE_INIT;
  GtkTextIter start, end;
  GdkContentProvider *content;
  JsonArray *statements;
  gboolean lists_route53 = FALSE;

  g_assert_nonnull (view);
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end);
  shown = gtk_text_iter_get_text (&start, &end);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  g_assert_true (gtk_text_view_get_monospace (GTK_TEXT_VIEW (view)));
  root = json_from_string (shown, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "Version"), ==, "2012-10-17");
  statements = json_object_get_array_member (json_node_get_object (root), "Statement");
  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonArray *actions = json_object_get_array_member (json_array_get_object_element (statements, i), "Action");

      for (guint j = 0; j < json_array_get_length (actions); j++)
        lists_route53 |= g_strcmp0 (json_array_get_string_element (actions, j), "route53:ListHostedZonesByName") == 0;
    }
  g_assert_true (lists_route53);

  g_assert_nonnull (copy);
  g_signal_emit_by_name (copy, "clicked");
  /* The app owns the clipboard: its content is here, no X round trip needed. */
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (dialog)));
  g_assert_nonnull (content);
  g_value_init (&copied, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &copied, NULL));
  g_assert_cmpstr (g_value_get_string (&copied), ==, shown);
  save_screenshots (GTK_WIDGET (dialog), "route53-policy");
  /* On a phone: the JSON scrolls, the window does not widen. */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  ca_test_gui_wait_for_paint (GTK_WIDGET (dialog));
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  ca_test_gui_wait_for_paint (GTK_WIDGET (dialog));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 360);
  save_screenshots (GTK_WIDGET (dialog), "route53-policy-360");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Route 53 signs with the credentials that already read the certificate: a
 * credential_process (as an MFA prompt or a sign-in would) runs once, not
 * once for ACM and again for Route 53. */
static void
test_credentials_resolved_once (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "credential-process.sh", NULL);
  g_autofree char *runs = g_build_filename (fixture->dir, "runs", NULL);
  g_autofree char *config = g_build_filename (fixture->dir, "config", NULL);
  g_autofree char *text = g_strdup_printf ("[profile p]\nregion = us-east-1\ncredential_process = %s count %s 3600\n",
                                           script, runs);
  CaWatchPage *page;

  g_assert_true (g_file_set_contents (config, text, -1, NULL));
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);
  ca_session_set_aws_profile (fixture->session, "p");

  page = open_watch_page (fixture);
  wait_for_create_button (page);
  g_assert_cmpint (count_calls (fixture, "ListHostedZonesByName"), >=, 1);
  g_assert_cmpuint (ca_test_count_lines (runs), ==, 1);

  g_unlink (runs);
  g_unlink (config);
}

typedef struct
{
  GtkWidget *row;
  guint      icons;
} IconCount;

/* Counts the status icons that appear in the row: one per time the page shows a stage. */
static gboolean
count_status_icon_cb (GSignalInvocationHint *hint,
                      guint                  n_values,
                      const GValue          *values,
                      gpointer               data)
{
  IconCount *count = data;
  GtkWidget *widget = g_value_get_object (&values[0]);

  if ((GTK_IS_IMAGE (widget) || GTK_IS_SPINNER (widget)) &&
      gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW) == count->row)
    count->icons++;
  return TRUE;
}

/* One change of the watch, one new look of the page: the status row is
 * rebuilt once, not once per signal the watch emits for it. */
static void
test_watch_page_shows_each_change_once (Fixture       *fixture,
                                        gconstpointer  data)
{
  CaWatchPage *page = open_watch_page (fixture);
  g_autoptr (CaCertificateWatch) watch = g_list_model_get_item (ca_session_get_watches (fixture->session), 0);
  RowText waiting = { "Waiting for ACM to see the records", "" };
  IconCount count = { NULL, 0 };
  guint signal_id = g_signal_lookup ("map", GTK_TYPE_WIDGET);
  gulong hook;

  count.row = ca_test_gui_wait_for_widget (GTK_WIDGET (page), is_mapped_row_with_text, &waiting);
  hook = g_signal_add_emission_hook (signal_id, 0, count_status_icon_cb, &count, NULL);
  ca_test_fake_acm_post (fixture->url, "/_fake/approve", "{\"arn\": \"" ARN "\"}");
  ca_test_gui_wait_until (is_issued, watch);
  ca_test_gui_wait_for_paint (GTK_WIDGET (page));
  g_signal_remove_emission_hook (signal_id, hook);

  ca_test_gui_assert_row (GTK_WIDGET (page), "The certificate is issued", "Keep the records", "success");
  g_assert_cmpuint (count.icons, ==, 1);
}

static gboolean
is_mapped_waiting_row_not_saying (GtkWidget *widget,
                                  gpointer   subtitle_prefix)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Waiting for ACM to see the records") == 0 &&
         !g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), subtitle_prefix);
}

/* ACM fails to answer once while the page waits, then answers again: the
 * status says so, and says it no more, though the stage never changed. */
static void
test_watch_page_shows_acm_unreachable (Fixture       *fixture,
                                       gconstpointer  data)
{
  CaWatchPage *page = open_watch_page (fixture);
  g_autoptr (CaCertificateWatch) watch = g_list_model_get_item (ca_session_get_watches (fixture->session), 0);

  wait_for_row (GTK_WIDGET (page), "Waiting for ACM to see the records", "", NULL);
  ca_test_fake_acm_post (fixture->url, "/_fake/fault", "{\"fault\": \"malformed-body\", \"count\": 1}");
  wait_for_row (GTK_WIDGET (page), "Waiting for ACM to see the records", "ACM could not be asked just now: ", NULL);
  g_assert_cmpint (ca_certificate_watch_get_stage (watch), ==, CA_WATCH_STAGE_WAITING_FOR_VALIDATION);
  ca_test_gui_wait_for_widget (GTK_WIDGET (page), is_mapped_waiting_row_not_saying,
                               (gpointer) "ACM could not be asked just now: ");
  g_assert_null (ca_certificate_watch_get_error (watch));
}

/* The session follows the certificate anew (the move started again from
 * elsewhere): the page of the earlier watch says it is no longer followed,
 * though that stop comes with no "changed". */
static void
test_watch_page_shows_stop (Fixture       *fixture,
                            gconstpointer  data)
{
  CaWatchPage *page = open_watch_page (fixture);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmClient) client = ca_session_create_acm_client (fixture->session, &error);
  g_autoptr (CaCertificateWatch) again = NULL;

  g_assert_no_error (error);
  wait_for_row (GTK_WIDGET (page), "Waiting for ACM to see the records", "", NULL);
  again = ca_certificate_watch_new (client, ARN, CA_WATCH_KIND_REQUEST);
  ca_session_add_watch (fixture->session, again);

  ca_test_gui_assert_row (GTK_WIDGET (page), "No longer followed", "The certificate is not being followed any more.",
                          "warning");
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button_for, (gpointer) "watch.check-now"));
}

/* An identity without Route 53: the row names the actions and offers the policy. */
static void
test_access_denied (Fixture       *fixture,
                    gconstpointer  data)
{
  CaWatchPage *page = open_watch_page (fixture);
  GtkWidget *policy;

  wait_for_row (GTK_WIDGET (page), "This AWS identity may not use Route 53", "To create the records, it needs the IAM actions ",
                "warning");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ca_test_gui_find_widget (
                              GTK_WIDGET (page), ca_test_gui_is_mapped_row_titled, "This AWS identity may not use Route 53"))),
                            "route53:ListHostedZonesByName"));
  g_assert_null (ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button_for, (gpointer) "route53.create"));
  g_assert_cmpint (count_calls (fixture, "ChangeResourceRecordSets"), ==, 0);
  policy = ca_test_gui_find_widget (GTK_WIDGET (page), is_mapped_button_for, (gpointer) "route53.show-policy");
  g_assert_nonnull (policy);
  scroll_to (policy);
  save_screenshots (GTK_WIDGET (fixture->window), "route53-denied");
  g_signal_emit_by_name (policy, "clicked");
  check_policy_dialog ();
}

/* The same policy from the account step, before any journey needs it. */
static void
test_policy_from_account (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *row = ca_test_gui_find_widget (GTK_WIDGET (fixture->window), ca_test_gui_is_mapped_row_titled,
                                            (gpointer) "Move a certificate to DNS validation");
  CaWizardPage *account;

  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  account = ca_window_get_visible_page (fixture->window);
  row = ca_test_gui_wait_for_widget (GTK_WIDGET (account), ca_test_gui_is_mapped_row_titled,
                                     (gpointer) "Permissions CertAssist needs");
  save_screenshots (GTK_WIDGET (fixture->window), "route53-account");
  /* As a click or Enter on the row does. */
  g_assert_true (gtk_widget_activate (row));
  check_policy_dialog ();
}

/* In German at 360 px: the group, the confirmation and the result fit. */
static void
test_german_narrow (Fixture       *fixture,
                    gconstpointer  data)
{
  CaWatchPage *page;
  GtkWidget *button;
  g_autofree char *body = NULL;

  g_setenv ("LANGUAGE", "de", TRUE);
  /* gettext reads LANGUAGE again only after a locale change. */
  setlocale (LC_ALL, "");
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = ca_test_gui_open_window_for (fixture->session, 360, 1000);

  page = open_watch_page (fixture);
  button = wait_for_create_button (page);
  scroll_to (button);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
  save_screenshots (GTK_WIDGET (fixture->window), "route53-button-de-360");
  body = confirm (button, "create", "route53-confirm-de-360");
  wait_for_row (GTK_WIDGET (page), "Für good.example und *.good.example", "In Route 53 angelegt und im DNS sichtbar", "success");
  scroll_to (button);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
  save_screenshots (GTK_WIDGET (fixture->window), "route53-published-de-360");

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

static const Case public_zone = { SEED_PUBLIC_ZONE, NULL };
static const Case private_zone = { SEED_PRIVATE_ZONE, NULL };
static const Case no_zone = { SEED_NO_ZONE, NULL };
static const Case access_denied = { SEED_PUBLIC_ZONE, "route53-access-denied:1000" };
static const Case slow_zone = { SEED_SLOW_ZONE, NULL };
static const Case refused = { SEED_PUBLIC_ZONE, "route53-invalid-batch:1" };
static const Case process_keys = { SEED_PROCESS_KEYS, NULL };

int
main (int    argc,
      char **argv)
{
  int status;

  if (!ca_test_gui_init (&argc, &argv, WAIT_LIMIT_S))
    return 0;
  ca_test_gui_load_app_resources ();
  /* The catalogues built in the build tree, for the German page. */
  ca_bind_text_domain ();
  textdomain (GETTEXT_PACKAGE);
  server = ca_test_unbound_start_with_control ();

  g_test_add ("/gui/route53/publish", Fixture, &public_zone, fixture_set_up, test_publish, fixture_tear_down);
  g_test_add ("/gui/route53/publish-asks-acm", Fixture, &public_zone, fixture_set_up, test_publish_asks_acm,
              fixture_tear_down);
  g_test_add ("/gui/route53/cancel", Fixture, &public_zone, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/gui/route53/stop", Fixture, &slow_zone, fixture_set_up, test_stop, fixture_tear_down);
  g_test_add ("/gui/route53/refused", Fixture, &refused, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/gui/route53/no-zone", Fixture, &no_zone, fixture_set_up, test_no_zone, fixture_tear_down);
  g_test_add ("/gui/route53/private-zone", Fixture, &private_zone, fixture_set_up, test_private_zone, fixture_tear_down);
  g_test_add ("/gui/route53/access-denied", Fixture, &access_denied, fixture_set_up, test_access_denied, fixture_tear_down);
  g_test_add ("/gui/route53/policy-from-account", Fixture, &no_zone, fixture_set_up, test_policy_from_account,
              fixture_tear_down);
  g_test_add ("/gui/route53/german-narrow", Fixture, &public_zone, fixture_set_up, test_german_narrow, fixture_tear_down);
  g_test_add ("/gui/route53/credentials-resolved-once", Fixture, &process_keys, fixture_set_up,
              test_credentials_resolved_once, fixture_tear_down);
  g_test_add ("/gui/route53/watch-page/each-change-once", Fixture, &public_zone, fixture_set_up,
              test_watch_page_shows_each_change_once, fixture_tear_down);
  g_test_add ("/gui/route53/watch-page/acm-unreachable", Fixture, &public_zone, fixture_set_up,
              test_watch_page_shows_acm_unreachable, fixture_tear_down);
  g_test_add ("/gui/route53/watch-page/stop", Fixture, &public_zone, fixture_set_up, test_watch_page_shows_stop,
              fixture_tear_down);

  status = g_test_run ();
  ca_test_unbound_stop (server);
  return status;
}
