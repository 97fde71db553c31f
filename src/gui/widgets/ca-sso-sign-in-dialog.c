/* ca-sso-sign-in-dialog.c: signing in to IAM Identity Center from the GUI
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaSsoSignInDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-accessible.h"
#include "ca-safe-text.h"
#include "ca-sso-sign-in-dialog.h"

/**
 * CaSsoSignInDialog:
 *
 * Walks the user through a #CaSsoLogin, as `aws sso login` does in a
 * terminal: once shown it asks IAM Identity Center for a code, shows the code
 * and where to confirm it, opens the sign-in page only when the user asks,
 * and waits in the background until the user has confirmed, the code expired
 * or the sign-in failed. A failure says why and offers to try again; Cancel,
 * Escape or closing the window stops the polling at once.
 *
 * The code is shown because the user must compare it with the browser's; the
 * tokens and the registration's secret stay inside #CaSsoLogin.
 */
struct _CaSsoSignInDialog
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkButton       *cancel_button;
  GtkStack        *stack;
  GtkLabel        *code_label;
  GtkButton       *open_button;
  GtkLabel        *address_label;
  GtkLabel        *expiry_label;
  GtkImage        *result_icon;
  GtkLabel        *result_title;
  GtkLabel        *result_message;
  GtkButton       *retry_button;
  GtkButton       *close_button;

  CaSsoLogin      *login;
  GCancellable    *cancellable;
  gboolean         started;
  gboolean         done_emitted;
};

G_DEFINE_FINAL_TYPE (CaSsoSignInDialog, ca_sso_sign_in_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOGIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data);
static void wait_cb  (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data);

/*
 * Auxiliary methods
 */

/* Emits "done" once: the first outcome is the one the caller acts on. */
static void
emit_done (CaSsoSignInDialog *self,
           gboolean           signed_in)
{
  if (self->done_emitted)
    return;
  self->done_emitted = TRUE;
  g_signal_emit (self, signals[DONE], 0, signed_in);
}

/* Shows one page of the stack; @button becomes what Enter presses. */
static void
show_page (CaSsoSignInDialog *self,
           const char        *name,
           GtkButton         *button)
{
  gboolean code_shown = g_strcmp0 (name, "code") == 0;

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.open", code_shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.copy", code_shown);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (button));
  /* Else the selectable code label takes the focus, all of it selected. */
  gtk_widget_grab_focus (GTK_WIDGET (button));
}

/* Without a countdown: the time of day is what the user compares with. */
static char *
describe_expiry (GDateTime *expires_at)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (expires_at);
  g_autofree char *time = g_date_time_format (local, "%H:%M");

  /* Translators: %s is a time of day, such as “14:05” */
  return g_strdup_printf (_("The code is valid until %s."), time);
}

static void
show_code (CaSsoSignInDialog *self)
{
  GDateTime *expires_at = ca_sso_login_get_expires_at (self->login);
  /* The server chose both: a bidi override would make the address read as another. */
  g_autofree char *code = ca_safe_text_clean (ca_sso_login_get_user_code (self->login), -1, CA_SAFE_TEXT_NO_BIDI);
  g_autofree char *address = ca_safe_text_clean (ca_sso_login_get_verification_uri (self->login), -1,
                                                 CA_SAFE_TEXT_NO_BIDI);
  g_autofree char *expiry = NULL;

  gtk_label_set_text (self->code_label, code);
  gtk_label_set_text (self->address_label, address);
  expiry = expires_at != NULL ? describe_expiry (expires_at) : NULL;
  gtk_label_set_text (self->expiry_label, expiry != NULL ? expiry : "");
  gtk_widget_set_visible (GTK_WIDGET (self->expiry_label), expiry != NULL);
  show_page (self, "code", self->open_button);
}

static void
show_result (CaSsoSignInDialog *self,
             gboolean           signed_in,
             const char        *title,
             const char        *message)
{
  GtkWidget *icon = GTK_WIDGET (self->result_icon);

  gtk_image_set_from_icon_name (self->result_icon, signed_in ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (icon, signed_in ? "warning" : "success");
  gtk_widget_add_css_class (icon, signed_in ? "success" : "warning");
  gtk_label_set_text (self->result_title, title);
  gtk_label_set_text (self->result_message, message);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), !signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), signed_in);
  /* Signed in, the body's Close says all; the header's Cancel would not be true. */
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.retry", !signed_in);
  show_page (self, "result", signed_in ? self->close_button : self->retry_button);
}

static const char *
get_failure_title (CaSsoLoginState state)
{
  switch (state)
    {
    case CA_SSO_LOGIN_STATE_EXPIRED:
      return _("The Code Expired");
    case CA_SSO_LOGIN_STATE_DENIED:
      return _("The Sign-In Was Denied");
    default:
      return _("The Sign-In Failed");
    }
}

/* The core's sentence says what happened and what to do. */
static void
show_failure (CaSsoSignInDialog *self,
              const GError      *error)
{
  show_result (self, FALSE, get_failure_title (ca_sso_login_get_state (self->login)), error->message);
}

static void
start (CaSsoSignInDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.retry", FALSE);
  show_page (self, "progress", self->cancel_button);
  /* The callbacks hold the dialog: see is_stale(). */
  ca_sso_login_start_async (self->login, self->cancellable, start_cb, g_object_ref (self));
}

/* After Cancel or a close, nothing is shown. The error alone does not tell:
 * the login keeps the outcome it had when a late cancel came, which is why
 * the callbacks hold a reference to the dialog. */
static gboolean
is_stale (CaSsoSignInDialog *self,
          const GError      *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         self->cancellable == NULL ||
         g_cancellable_is_cancelled (self->cancellable);
}

/* Whether to go on after a step of the login: a failure is shown here, and
 * after Cancel nothing is. */
static gboolean
check_step (CaSsoSignInDialog *self,
            gboolean           succeeded,
            const GError      *error)
{
  if (is_stale (self, error))
    return FALSE;
  if (!succeeded)
    show_failure (self, error);
  return succeeded;
}

/*
 * Callbacks
 */

static void
start_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (CaSsoSignInDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean started = ca_sso_login_start_finish (CA_SSO_LOGIN (object), result, &error);

  if (!check_step (self, started, error))
    return;
  show_code (self);
  ca_sso_login_wait_async (self->login, self->cancellable, wait_cb, g_object_ref (self));
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (CaSsoSignInDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean signed_in = ca_sso_login_wait_finish (CA_SSO_LOGIN (object), result, &error);

  if (!check_step (self, signed_in, error))
    return;
  show_result (self, TRUE, _("You Are Signed In"),
               _("CertAssist can now use your AWS account. The AWS command line tools share this sign-in."));
  emit_done (self, TRUE);
}

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (CaSsoSignInDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) || is_stale (self, error))
    return;
  /* No browser, or none the portal could start: the address on the page still works. */
  g_debug ("The sign-in page could not be opened: %s", error->message);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("The sign-in page could not be opened. Go to the address below in a web browser.")));
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CaSsoSignInDialog *self = CA_SSO_SIGN_IN_DIALOG (widget);
  const char *uri = ca_sso_login_get_verification_uri_complete (self->login);

  /* The complete address fills the code in; RFC 8628 makes it optional. */
  if (uri == NULL)
    uri = ca_sso_login_get_verification_uri (self->login);
  g_return_if_fail (uri != NULL);
  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, self->cancellable, show_uri_cb, g_object_ref (self));
}

static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CaSsoSignInDialog *self = CA_SSO_SIGN_IN_DIALOG (widget);
  const char *code = ca_sso_login_get_user_code (self->login);
  g_autofree char *message = NULL;

  g_return_if_fail (code != NULL);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), code);
  /* Translators: %s is what was just copied, such as an email address. */
  message = g_strdup_printf (_("Copied %s"), code);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
retry_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  start (CA_SSO_SIGN_IN_DIALOG (widget));
}

/*
 * Overrides
 */

/* Started when shown rather than when made, so that a dialog never shown asks nothing. */
static void
ca_sso_sign_in_dialog_map (GtkWidget *widget)
{
  CaSsoSignInDialog *self = CA_SSO_SIGN_IN_DIALOG (widget);

  GTK_WIDGET_CLASS (ca_sso_sign_in_dialog_parent_class)->map (widget);
  if (self->started)
    return;
  self->started = TRUE;
  start (self);
}

/* gtk_window_destroy() does not dispose a window that a callback still holds:
 * hidden or destroyed, the dialog stops asking. */
static void
ca_sso_sign_in_dialog_unmap (GtkWidget *widget)
{
  g_cancellable_cancel (CA_SSO_SIGN_IN_DIALOG (widget)->cancellable);

  GTK_WIDGET_CLASS (ca_sso_sign_in_dialog_parent_class)->unmap (widget);
}

/* Cancel, Escape and the window manager all come here. The wait would poll
 * for as long as the code lives: it stops now. */
static gboolean
ca_sso_sign_in_dialog_close_request (GtkWindow *window)
{
  CaSsoSignInDialog *self = CA_SSO_SIGN_IN_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  emit_done (self, FALSE);

  return GTK_WINDOW_CLASS (ca_sso_sign_in_dialog_parent_class)->close_request (window);
}

static void
ca_sso_sign_in_dialog_dispose (GObject *object)
{
  CaSsoSignInDialog *self = (CaSsoSignInDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_SSO_SIGN_IN_DIALOG);
  g_clear_object (&self->login);

  G_OBJECT_CLASS (ca_sso_sign_in_dialog_parent_class)->dispose (object);
}

static void
ca_sso_sign_in_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CaSsoSignInDialog *self = CA_SSO_SIGN_IN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_LOGIN:
      g_value_set_object (value, self->login);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_sso_sign_in_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CaSsoSignInDialog *self = CA_SSO_SIGN_IN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_LOGIN:
      self->login = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_sso_sign_in_dialog_class_init (CaSsoSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ca_sso_sign_in_dialog_dispose;
  object_class->get_property = ca_sso_sign_in_dialog_get_property;
  object_class->set_property = ca_sso_sign_in_dialog_set_property;
  widget_class->map = ca_sso_sign_in_dialog_map;
  widget_class->unmap = ca_sso_sign_in_dialog_unmap;
  window_class->close_request = ca_sso_sign_in_dialog_close_request;

  properties[PROP_LOGIN] =
    g_param_spec_object ("login", NULL, NULL, CA_TYPE_SSO_LOGIN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CaSsoSignInDialog::done:
   * @signed_in: %TRUE when the token is in the cache, %FALSE when the window
   *   was closed before that
   *
   * Emitted once: when the sign-in succeeds (the window stays open, showing
   * so, until the user closes it) or when the window is closed without it.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-sso-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CaSsoSignInDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CaSsoSignInDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CaSsoSignInDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CaSsoSignInDialog, code_label);
  gtk_widget_class_bind_template_child (widget_class, CaSsoSignInDialog, open_button);
  gtk_widget_class_bind_template_child (widget_class, CaSsoSignInDialog, address_label);
  gtk_widget_class_bind_template_child (widget_class, CaSsoSignInDialog, expiry_label);
  gtk_widget_class_bind_template_child (widget_class, CaSsoSignInDialog, result_icon);
  gtk_widget_class_bind_template_child (widget_class, CaSsoSignInDialog, result_title);
  gtk_widget_class_bind_template_child (widget_class, CaSsoSignInDialog, result_message);
  gtk_widget_class_bind_template_child (widget_class, CaSsoSignInDialog, retry_button);
  gtk_widget_class_bind_template_child (widget_class, CaSsoSignInDialog, close_button);
  gtk_widget_class_install_action (widget_class, "sign-in.open", NULL, open_action_cb);
  gtk_widget_class_install_action (widget_class, "sign-in.copy", NULL, copy_action_cb);
  gtk_widget_class_install_action (widget_class, "sign-in.retry", NULL, retry_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ca_sso_sign_in_dialog_init (CaSsoSignInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ca_accessible_name_buttons (GTK_WIDGET (self));
}

/*
 * Public API
 */

/**
 * ca_sso_sign_in_dialog_new:
 * @parent: (nullable): the window it belongs to, which it is modal for
 * @login: the sign-in to walk through, not started
 *
 * The sign-in starts when the dialog is presented. Connect to
 * #CaSsoSignInDialog::done to learn how it ended.
 *
 * Returns: (transfer none): the dialog, not shown yet; it destroys itself when closed
 */
GtkWidget *
ca_sso_sign_in_dialog_new (GtkWindow  *parent,
                           CaSsoLogin *login)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CA_IS_SSO_LOGIN (login), NULL);

  return g_object_new (CA_TYPE_SSO_SIGN_IN_DIALOG,
                       "transient-for", parent,
                       "login", login,
                       NULL);
}

CaSsoLogin *
ca_sso_sign_in_dialog_get_login (CaSsoSignInDialog *self)
{
  g_return_val_if_fail (CA_IS_SSO_SIGN_IN_DIALOG (self), NULL);

  return self->login;
}
