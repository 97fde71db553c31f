/* ca-wizard-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaWizardPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-safe-text.h"
#include "ca-accessible.h"
#include "ca-util.h"
#include "ca-window.h"
#include "ca-wizard-page.h"

typedef struct
{
  char     *title;
  char     *subtitle;
  gboolean  can_next;
  CaSession *session;
} CaWizardPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CaWizardPage, ca_wizard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_CAN_NEXT,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_wizard_page_finalize (GObject *object)
{
  CaWizardPage *self = (CaWizardPage *) object;
  CaWizardPagePrivate *priv = ca_wizard_page_get_instance_private (self);

  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->subtitle, g_free);
  g_clear_object (&priv->session);

  G_OBJECT_CLASS (ca_wizard_page_parent_class)->finalize (object);
}

static void
ca_wizard_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CaWizardPage *self = CA_WIZARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, ca_wizard_page_get_title (self));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, ca_wizard_page_get_subtitle (self));
      break;
    case PROP_SESSION:
      g_value_set_object (value, ca_wizard_page_get_session (self));
      break;
    case PROP_CAN_NEXT:
      g_value_set_boolean (value, ca_wizard_page_get_can_next (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_wizard_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CaWizardPage *self = CA_WIZARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      ca_wizard_page_set_title (self, g_value_get_string (value));
      break;
    case PROP_SUBTITLE:
      ca_wizard_page_set_subtitle (self, g_value_get_string (value));
      break;
    case PROP_SESSION:
      if (g_value_get_object (value) != NULL)
        ca_wizard_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_CAN_NEXT:
      ca_wizard_page_set_can_next (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Runs after the subclass has built its template. */
static void
ca_wizard_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (ca_wizard_page_parent_class)->constructed (object);
  ca_accessible_name_buttons (GTK_WIDGET (object));
}

static void
ca_wizard_page_class_init (CaWizardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ca_wizard_page_constructed;
  object_class->finalize = ca_wizard_page_finalize;
  object_class->get_property = ca_wizard_page_get_property;
  object_class->set_property = ca_wizard_page_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_NEXT] =
    g_param_spec_boolean ("can-next", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The model every page of the journey shares. A page gets it at
   * construction, or from the page or window that shows it. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CA_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_wizard_page_init (CaWizardPage *self)
{
}

const char *
ca_wizard_page_get_title (CaWizardPage *self)
{
  CaWizardPagePrivate *priv = ca_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CA_IS_WIZARD_PAGE (self), NULL);

  return priv->title;
}

void
ca_wizard_page_set_title (CaWizardPage *self,
                          const char   *title)
{
  CaWizardPagePrivate *priv = ca_wizard_page_get_instance_private (self);

  g_return_if_fail (CA_IS_WIZARD_PAGE (self));

  if (ca_set_str (&priv->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
ca_wizard_page_get_subtitle (CaWizardPage *self)
{
  CaWizardPagePrivate *priv = ca_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CA_IS_WIZARD_PAGE (self), NULL);

  return priv->subtitle;
}

void
ca_wizard_page_set_subtitle (CaWizardPage *self,
                             const char   *subtitle)
{
  CaWizardPagePrivate *priv = ca_wizard_page_get_instance_private (self);

  g_return_if_fail (CA_IS_WIZARD_PAGE (self));

  if (ca_set_str (&priv->subtitle, subtitle))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

gboolean
ca_wizard_page_get_can_next (CaWizardPage *self)
{
  CaWizardPagePrivate *priv = ca_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CA_IS_WIZARD_PAGE (self), FALSE);

  return priv->can_next;
}

void
ca_wizard_page_set_can_next (CaWizardPage *self,
                             gboolean      can_next)
{
  CaWizardPagePrivate *priv = ca_wizard_page_get_instance_private (self);

  g_return_if_fail (CA_IS_WIZARD_PAGE (self));

  can_next = !!can_next;
  if (priv->can_next == can_next)
    return;

  priv->can_next = can_next;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_NEXT]);
}

/**
 * ca_wizard_page_has_next:
 *
 * Returns: whether the page implements the Next step, so the window shows a
 *   Next button for it
 */
gboolean
ca_wizard_page_has_next (CaWizardPage *self)
{
  g_return_val_if_fail (CA_IS_WIZARD_PAGE (self), FALSE);

  return CA_WIZARD_PAGE_GET_CLASS (self)->next != NULL;
}

void
ca_wizard_page_shown (CaWizardPage *self)
{
  g_return_if_fail (CA_IS_WIZARD_PAGE (self));

  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE, -1);
  if (CA_WIZARD_PAGE_GET_CLASS (self)->shown != NULL)
    CA_WIZARD_PAGE_GET_CLASS (self)->shown (self);
}

/* Another page covers this one, or it is dropped: it may come back. */
void
ca_wizard_page_leaving (CaWizardPage *self)
{
  g_return_if_fail (CA_IS_WIZARD_PAGE (self));

  /* The window's stack keeps a covered page, and GTK 4.8 would still offer it
   * to a screen reader as visible, rows and buttons beside the page on top. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  if (CA_WIZARD_PAGE_GET_CLASS (self)->leaving != NULL)
    CA_WIZARD_PAGE_GET_CLASS (self)->leaving (self);
}

/* The user went back from this page: it will not come back, so nothing it
 * still waits for is needed. Called after leaving. */
void
ca_wizard_page_dropped (CaWizardPage *self)
{
  g_return_if_fail (CA_IS_WIZARD_PAGE (self));

  if (CA_WIZARD_PAGE_GET_CLASS (self)->dropped != NULL)
    CA_WIZARD_PAGE_GET_CLASS (self)->dropped (self);
}

void
ca_wizard_page_next (CaWizardPage *self)
{
  g_return_if_fail (CA_IS_WIZARD_PAGE (self));

  if (CA_WIZARD_PAGE_GET_CLASS (self)->next != NULL && ca_wizard_page_get_can_next (self))
    CA_WIZARD_PAGE_GET_CLASS (self)->next (self);
}

/**
 * ca_wizard_page_add_toast:
 * @toast: (transfer full): the toast
 *
 * Shows @toast in the page's window; dropped when the page is not in one.
 * Its title is plain text, often with a server's words in it: libadwaita 1.2
 * reads a toast's title as markup, so it is cleaned and escaped here.
 */
void
ca_wizard_page_add_toast (CaWizardPage *self,
                          AdwToast     *toast)
{
  g_autofree char *clean = NULL;
  g_autofree char *escaped = NULL;
  GtkRoot *root;

  g_return_if_fail (CA_IS_WIZARD_PAGE (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  clean = ca_safe_text_clean (adw_toast_get_title (toast), -1, CA_SAFE_TEXT_NO_BIDI);
  escaped = g_markup_escape_text (clean, -1);
  adw_toast_set_title (toast, escaped);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (CA_IS_WINDOW (root))
    ca_window_add_toast (CA_WINDOW (root), toast);
  else
    g_object_unref (toast);
}

/**
 * ca_wizard_page_push_page:
 * @page: (transfer none): the page to show next
 *
 * Pushes @page on the wizard of the window this page is in.
 */
void
ca_wizard_page_push_page (CaWizardPage *self,
                          CaWizardPage *page)
{
  GtkRoot *root;

  g_return_if_fail (CA_IS_WIZARD_PAGE (self));
  g_return_if_fail (CA_IS_WIZARD_PAGE (page));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  g_return_if_fail (CA_IS_WINDOW (root));

  if (ca_wizard_page_get_session (page) == NULL && ca_wizard_page_get_session (self) != NULL)
    ca_wizard_page_set_session (page, ca_wizard_page_get_session (self));
  ca_window_push_page (CA_WINDOW (root), page);
}

/**
 * ca_wizard_page_get_session:
 *
 * Returns: (transfer none) (nullable): the session the page reads and binds
 *   to, %NULL until the page is given one
 */
CaSession *
ca_wizard_page_get_session (CaWizardPage *self)
{
  CaWizardPagePrivate *priv = ca_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CA_IS_WIZARD_PAGE (self), NULL);
  return priv->session;
}

/**
 * ca_wizard_page_set_session:
 * @session: the session of the window the page is shown in
 *
 * A page belongs to one session for its whole life: set it once.
 */
void
ca_wizard_page_set_session (CaWizardPage *self,
                            CaSession    *session)
{
  CaWizardPagePrivate *priv = ca_wizard_page_get_instance_private (self);

  g_return_if_fail (CA_IS_WIZARD_PAGE (self));
  g_return_if_fail (CA_IS_SESSION (session));
  g_return_if_fail (priv->session == NULL || priv->session == session);

  if (g_set_object (&priv->session, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* Longer texts (fingerprints, commands) would not fit a toast. */
#define MAX_TOAST_TEXT_CHARS 64

/**
 * ca_wizard_page_copy_text:
 * @text: what to put on the clipboard
 *
 * Copies @text and says so in a toast, for the copy buttons of every page.
 */
void
ca_wizard_page_copy_text (CaWizardPage *self,
                          const char   *text)
{
  g_autofree char *message = NULL;

  g_return_if_fail (CA_IS_WIZARD_PAGE (self));
  g_return_if_fail (text != NULL);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  if (g_utf8_strlen (text, -1) <= MAX_TOAST_TEXT_CHARS)
    /* Translators: %s is what was just copied, such as an email address. */
    message = g_strdup_printf (_("Copied %s"), text);
  else
    message = g_strdup (_("Copied"));
  ca_wizard_page_add_toast (self, adw_toast_new (message));
}
