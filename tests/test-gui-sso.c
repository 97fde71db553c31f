/* test-gui-sso.c: the IAM Identity Center sign-in dialog in a real window under Xvfb
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real dialog against the loopback SSO OIDC service of
 * ca-test-sso-server.c, with a temporary HOME for the AWS config and the
 * token cache. Nothing here presses "Open Sign-In Page": there is no browser.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ca-credentials-private.h"
#include "ca-sso-sign-in-dialog.h"
#include "ca-test-gui.h"
#include "ca-test-sso-server.h"
#include "ca-test-util.h"

/* A guard against a hang, not a timing assertion. */
#define WAIT_LIMIT_S 30
/* The narrowest the dialog must fit. */
#define NARROW_WIDTH 360

typedef struct
{
  CaTestSsoServer *server;
  CaSsoLogin      *login;
  GtkWindow       *parent;
  GtkWidget       *dialog;     /* weak: %NULL once the dialog is finalized */
  guint            n_done;
  gboolean         signed_in;
} Fixture;

/*
 * Finding what the user sees
 */

static gboolean
is_mapped_label (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

/* A button the user can see, by its label as written, mnemonic included. */
static gboolean
is_mapped_button (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_button_with_tooltip (GtkWidget *widget,
                        gpointer   data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static gboolean
holds_secret (GtkWidget *widget,
              gpointer   data)
{
  return GTK_IS_LABEL (widget) && ca_test_sso_server_holds_secret (gtk_label_get_text (GTK_LABEL (widget)));
}

static GtkWidget *
find_button (Fixture    *fixture,
             const char *label)
{
  GtkWidget *button = ca_test_gui_find_widget (fixture->dialog, is_mapped_button, (gpointer) label);

  if (button == NULL)
    g_error ("no button “%s”", label);
  return button;
}

/* As a click does, at once: gtk_widget_activate() clicks 250 ms later. */
static void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
}

static void
wait_for_label (Fixture    *fixture,
                const char *prefix)
{
  ca_test_gui_wait_for_widget (fixture->dialog, is_mapped_label, (gpointer) prefix);
}

/* What the waiting page must say: the code, where to go, until when. */
static void
assert_code_shown (Fixture *fixture)
{
  GtkWidget *open;

  wait_for_label (fixture, CA_TEST_SSO_USER_CODE);
  open = find_button (fixture, "_Open Sign-In Page");
  g_assert_nonnull (ca_test_gui_find_widget (fixture->dialog, is_mapped_label, CA_TEST_SSO_VERIFICATION_URI));
  g_assert_nonnull (ca_test_gui_find_widget (fixture->dialog, is_mapped_label, "The code is valid until "));
  g_assert_nonnull (ca_test_gui_find_widget (fixture->dialog, is_mapped_label, "Waiting for you to confirm in the browser…"));
  /* Enter opens the page; the code is not focused, all of it selected. */
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (fixture->dialog)) == open);
  g_assert_true (gtk_widget_has_focus (open));
  g_assert_null (ca_test_gui_find_widget (fixture->dialog, holds_secret, NULL));
}

/* Presses Escape, as far as a test can: runs what the dialog binds to it. */
static void
press_escape (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr (GtkShortcutTrigger) escape = gtk_keyval_trigger_new (GDK_KEY_Escape, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);
      /* A shortcut controller is the list of its shortcuts. */
      GListModel *shortcuts = GTK_IS_SHORTCUT_CONTROLLER (controller) ? G_LIST_MODEL (controller) : NULL;

      for (guint j = 0; shortcuts != NULL && j < g_list_model_get_n_items (shortcuts); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (shortcuts, j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), escape))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget, NULL));
              return;
            }
        }
    }
  g_error ("Escape does nothing");
}

static gboolean
is_dialog_gone (gpointer data)
{
  Fixture *fixture = data;

  return fixture->dialog == NULL;
}

/*
 * The fixture: a parent window, the dialog over it, the service behind it
 */

static void
on_done_cb (CaSsoSignInDialog *dialog,
            gboolean           signed_in,
            Fixture           *fixture)
{
  fixture->n_done++;
  fixture->signed_in = signed_in;
}

static char *
get_cache_path (void)
{
  return ca_credentials_sso_cache_path ("corp");
}

/* Presents the dialog, NARROW_WIDTH wide, for the "sso" profile of a service
 * whose CreateToken answers @script and whose codes live @expires_in seconds. */
static void
fixture_open (Fixture    *fixture,
              const char *script,
              int         expires_in)
{
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *cache = get_cache_path ();

  g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
  fixture->server = ca_test_sso_server_new (script, expires_in);
  fixture->login = ca_sso_login_new (http, NULL, "sso", &error);
  g_assert_no_error (error);

  fixture->parent = GTK_WINDOW (adw_window_new ());
  gtk_window_present (fixture->parent);
  fixture->dialog = ca_sso_sign_in_dialog_new (fixture->parent, fixture->login);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  g_signal_connect (fixture->dialog, "done", G_CALLBACK (on_done_cb), fixture);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (fixture->dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (fixture->dialog)) == fixture->parent);
  /* The width only: the height stays the one the dialog asks for. */
  g_object_set (fixture->dialog, "default-width", NARROW_WIDTH, NULL);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
}

/* Closes what is left and waits until the dialog is gone: a callback still
 * under way holds it. */
static void
fixture_close (Fixture *fixture)
{
  g_autofree char *cache = get_cache_path ();

  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  ca_test_gui_wait_until (is_dialog_gone, fixture);
  gtk_window_destroy (fixture->parent);
  g_clear_object (&fixture->login);
  g_clear_pointer (&fixture->server, ca_test_sso_server_free);
  g_remove (cache);
}

static void
save_narrow_screenshot (Fixture    *fixture,
                        const char *name)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->dialog));

  ca_test_gui_save_screenshot (fixture->dialog, name);
  /* The surface, that is: the window's frame is drawn inside it. */
  g_assert_cmpint (gdk_surface_get_width (surface), ==, NARROW_WIDTH);
}

/*
 * Tests
 */

/* (a) The user confirms after two polls. */
static void
test_sso_signed_in (void)
{
  Fixture fixture = { 0 };
  g_autofree char *cache = get_cache_path ();

  fixture_open (&fixture, "pending pending token", 600);
  assert_code_shown (&fixture);
  wait_for_label (&fixture, "You Are Signed In");

  g_assert_cmpuint (fixture.n_done, ==, 1);
  g_assert_true (fixture.signed_in);
  g_assert_cmpuint (fixture.server->token_calls, ==, 3);
  g_assert_true (g_file_test (cache, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (ca_sso_login_get_state (fixture.login), ==, CA_SSO_LOGIN_STATE_SIGNED_IN);
  /* Close, and nothing else: there is nothing left to cancel. */
  g_assert_null (ca_test_gui_find_widget (fixture.dialog, is_mapped_button, "_Cancel"));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (fixture.dialog)) == find_button (&fixture, "_Close"));
  g_assert_null (ca_test_gui_find_widget (fixture.dialog, holds_secret, NULL));
  save_narrow_screenshot (&fixture, "sso-signed-in.png");

  /* Closing now says nothing more: "done" came once. */
  click (find_button (&fixture, "_Close"));
  ca_test_gui_wait_until (is_dialog_gone, &fixture);
  g_assert_cmpuint (fixture.n_done, ==, 1);
  fixture_close (&fixture);
}

/* (b) A user who never confirms: the code's lifetime ends the wait. */
static void
test_sso_expired (void)
{
  Fixture fixture = { 0 };
  GtkWidget *retry;

  fixture_open (&fixture, "pending", 2);
  assert_code_shown (&fixture);
  wait_for_label (&fixture, "The Code Expired");
  g_assert_nonnull (ca_test_gui_find_widget (fixture.dialog, is_mapped_label,
                                             "The sign-in code expired before it was confirmed in the browser."));
  retry = find_button (&fixture, "_Try Again");
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (fixture.dialog)) == retry);
  g_assert_nonnull (find_button (&fixture, "_Cancel"));
  g_assert_cmpuint (fixture.n_done, ==, 0);
  save_narrow_screenshot (&fixture, "sso-expired.png");

  /* Try Again asks for a new code. */
  click (retry);
  assert_code_shown (&fixture);
  g_assert_cmpuint (fixture.server->authorize_calls, ==, 2);
  wait_for_label (&fixture, "The Code Expired");

  press_escape (fixture.dialog);
  g_assert_cmpuint (fixture.n_done, ==, 1);
  g_assert_false (fixture.signed_in);
  fixture_close (&fixture);
}

static gboolean
set_true_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Runs the main loop for @ms milliseconds. */
static void
run_for (guint ms)
{
  gboolean over = FALSE;

  g_timeout_add (ms, set_true_cb, &over);
  ca_test_gui_wait_until (is_true, &over);
}

/* (c) Cancel during the wait: done(FALSE), the window goes, the polling stops. */
static void
test_sso_cancel_waiting (void)
{
  Fixture fixture = { 0 };
  guint token_calls;

  fixture_open (&fixture, "pending", 600);
  assert_code_shown (&fixture);
  save_narrow_screenshot (&fixture, "sso-waiting.png");

  click (find_button (&fixture, "_Cancel"));
  g_assert_cmpuint (fixture.n_done, ==, 1);
  g_assert_false (fixture.signed_in);
  ca_test_gui_wait_until (is_dialog_gone, &fixture);
  g_assert_cmpint (ca_sso_login_get_state (fixture.login), ==, CA_SSO_LOGIN_STATE_IDLE);

  token_calls = fixture.server->token_calls;
  run_for (1500);
  g_assert_cmpuint (fixture.server->token_calls, ==, token_calls);
  fixture_close (&fixture);
}

/* Closed while the first request is under way: no crash, no hang. */
static void
test_sso_close_while_contacting (void)
{
  Fixture fixture = { 0 };

  fixture_open (&fixture, "pending", 600);
  g_assert_nonnull (ca_test_gui_find_widget (fixture.dialog, is_mapped_label, "Contacting IAM Identity Center…"));
  gtk_window_close (GTK_WINDOW (fixture.dialog));
  g_assert_cmpuint (fixture.n_done, ==, 1);
  g_assert_false (fixture.signed_in);
  ca_test_gui_wait_until (is_dialog_gone, &fixture);
  fixture_close (&fixture);
}

static void
store_text_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
has_text (gpointer data)
{
  return *(char **) data != NULL;
}

/* (d) The copy button puts the code on the clipboard. */
static void
test_sso_copy_code (void)
{
  Fixture fixture = { 0 };
  g_autofree char *text = NULL;
  GtkWidget *copy;

  fixture_open (&fixture, "pending", 600);
  assert_code_shown (&fixture);
  copy = ca_test_gui_find_widget (fixture.dialog, is_button_with_tooltip, "Copy Code");
  g_assert_nonnull (copy);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, "Copy Code");

  click (copy);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (fixture.dialog), NULL, store_text_cb, &text);
  ca_test_gui_wait_until (has_text, &text);
  g_assert_cmpstr (text, ==, CA_TEST_SSO_USER_CODE);

  /* Destroyed by its owner during the wait (destroy-with-parent does that
   * too): the wait ends as well. */
  gtk_window_destroy (GTK_WINDOW (fixture.dialog));
  ca_test_gui_wait_until (is_dialog_gone, &fixture);
  g_assert_cmpint (ca_sso_login_get_state (fixture.login), ==, CA_SSO_LOGIN_STATE_IDLE);
  fixture_close (&fixture);
}

/*
 * A temporary HOME for the whole program: GLib reads it once.
 */

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = ca_test_make_temp_dir ();
  int status = 0;

  g_setenv ("HOME", home, TRUE);
  /* Before GTK starts its threads. */
  ca_test_sso_server_check_logs ("CaSsoSignInDialog CaSsoLogin CaCredentialsSso CaAwsHttp");
  if (!ca_test_gui_init (&argc, &argv, WAIT_LIMIT_S))
    {
      remove_tree (home);
      return status;
    }
  ca_test_gui_load_app_resources ();
  g_assert_cmpstr (g_get_home_dir (), ==, home);

  g_test_add_func ("/gui-sso/signed-in", test_sso_signed_in);
  g_test_add_func ("/gui-sso/expired", test_sso_expired);
  g_test_add_func ("/gui-sso/cancel-waiting", test_sso_cancel_waiting);
  g_test_add_func ("/gui-sso/close-while-contacting", test_sso_close_while_contacting);
  g_test_add_func ("/gui-sso/copy-code", test_sso_copy_code);

  status = g_test_run ();
  remove_tree (home);
  return status;
}
