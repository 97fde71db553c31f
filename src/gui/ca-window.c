/* ca-window.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-accessible.h"
#include "ca-welcome-page.h"
#include "ca-window.h"

struct _CaWindow
{
  AdwApplicationWindow  parent_instance;

  GtkButton            *back_button;
  GtkButton            *next_button;
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;

  GSettings            *settings;
  CaSession            *session;
  GPtrArray            *history;  /* CaWizardPage, the visible one last */
  GPtrArray            *removing; /* popped pages waiting for the transition to end */
  GBinding             *title_binding;
  GBinding             *subtitle_binding;
  CaWizardPage         *header_page;  /* the page the header follows, unowned */
  gulong                can_next_handler;
};

G_DEFINE_FINAL_TYPE (CaWindow, ca_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Below this width the header bar leaves a page's title a few characters. */
#define NARROW_WIDTH 500

/* What a window's width holds besides the header bar's start, title and end:
 * the window's frame, the header bar's padding, the spacing around the title
 * and the title's own padding (12 px on each side). */
#define HEADER_CHROME_WIDTH 60

/* Three lines hold the longest title of any language at 360 px (German). */
#define NARROW_TITLE_LINES 3

static int
measure_width (GtkWidget *widget)
{
  int natural = 0;

  if (widget != NULL && gtk_widget_get_visible (widget))
    gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* The width the header bar leaves its title: the window's, less what the back
 * button, the Next button, the menu and the window buttons ask for. The title
 * sits in the header bar's GtkCenterBox, which places it off centre when one
 * side is wider (libadwaita's loose centering). */
static int
get_title_room (CaWindow *self,
                int       window_width)
{
  GtkWidget *center_box = gtk_widget_get_parent (GTK_WIDGET (self->window_title));
  int room = window_width - HEADER_CHROME_WIDTH;

  if (GTK_IS_CENTER_BOX (center_box))
    room -= measure_width (gtk_center_box_get_start_widget (GTK_CENTER_BOX (center_box))) +
            measure_width (gtk_center_box_get_end_widget (GTK_CENTER_BOX (center_box)));
  return room;
}

/* Whether @label's text, on one line in its own font, is wider than @room. */
static gboolean
label_overflows (GtkLabel *label,
                 int       room)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (label), gtk_label_get_text (label));
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width > room;
}

/* A page's title stays on one line when it fits; when it does not, it wraps
 * onto more lines rather than be cut short. It must not always
 * wrap: GtkCenterBox asks a wrapping label for its width at the header bar's
 * height, which fits two lines, and so splits even a short title in two
 * (“Cert-/Assist”). libadwaita 1.2 has no property for this, so the title's
 * own labels are told. */
static void
update_title_wrap (CaWindow *self)
{
  GtkWidget *box = self->window_title != NULL ? gtk_widget_get_first_child (GTK_WIDGET (self->window_title)) : NULL;
  int default_width;
  int default_height;
  int room;

  /* GTK 4.8 takes no NULL here. */
  gtk_window_get_default_size (GTK_WINDOW (self), &default_width, &default_height);
  room = default_width > 0 && default_width < NARROW_WIDTH ? get_title_room (self, default_width) : G_MAXINT;
  for (GtkWidget *child = box != NULL ? gtk_widget_get_first_child (box) : NULL;
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      {
        gboolean wrap = label_overflows (GTK_LABEL (child), room);

        /* Its few characters of minimum would widen a window of 360 px. */
        gtk_label_set_width_chars (GTK_LABEL (child), -1);
        gtk_label_set_single_line_mode (GTK_LABEL (child), !wrap);
        gtk_label_set_wrap (GTK_LABEL (child), wrap);
        /* Between words only: a title's label may get less than it asked
         * for, and breaking a word there read “Zertifik-/at prüfen”. */
        gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD);
        gtk_label_set_lines (GTK_LABEL (child), wrap ? NARROW_TITLE_LINES : -1);
        gtk_label_set_justify (GTK_LABEL (child), GTK_JUSTIFY_CENTER);
      }
}

static void
on_default_width_changed_cb (CaWindow   *self,
                             GParamSpec *pspec,
                             gpointer    user_data)
{
  update_title_wrap (self);
}

/* A new title, or a subtitle that moves it, may fit where the last did not. */
static void
on_title_changed_cb (CaWindow   *self,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  update_title_wrap (self);
}

static void
clear_bindings (CaWindow *self)
{
  g_clear_pointer (&self->title_binding, g_binding_unbind);
  g_clear_pointer (&self->subtitle_binding, g_binding_unbind);
  if (self->header_page != NULL)
    g_clear_signal_handler (&self->can_next_handler, self->header_page);
  self->header_page = NULL;
}

/* The action, not the button, so that the page's state also guards shortcuts. */
static void
update_next (CaWindow *self)
{
  CaWizardPage *page = ca_window_get_visible_page (self);
  gboolean has_next = page != NULL && ca_wizard_page_has_next (page);

  gtk_widget_set_visible (GTK_WIDGET (self->next_button), has_next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 has_next && ca_wizard_page_get_can_next (page));
  /* The Next button takes room from the title. */
  update_title_wrap (self);
}

static void
update_header (CaWindow *self)
{
  CaWizardPage *page = ca_window_get_visible_page (self);
  gboolean can_go_back = self->history->len > 1;

  clear_bindings (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", can_go_back);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), can_go_back);
  update_next (self);
  if (page == NULL)
    return;

  /* A binding is unbound (and so dropped) when either end goes away. */
  self->title_binding = g_object_bind_property (page, "title", self->window_title, "title",
                                                G_BINDING_SYNC_CREATE);
  self->subtitle_binding = g_object_bind_property (page, "subtitle", self->window_title, "subtitle",
                                                   G_BINDING_SYNC_CREATE);
  self->header_page = page;
  self->can_next_handler = g_signal_connect_object (page, "notify::can-next",
                                                    G_CALLBACK (update_next), self,
                                                    G_CONNECT_SWAPPED);
}

static void
remove_popped_pages (CaWindow *self)
{
  for (guint i = 0; i < self->removing->len; i++)
    gtk_stack_remove (self->stack, g_ptr_array_index (self->removing, i));
  g_ptr_array_set_size (self->removing, 0);
}

/*
 * Callbacks
 */

static void
on_stack_transition_running_cb (CaWindow   *self,
                                GParamSpec *pspec,
                                GtkStack   *stack)
{
  if (!gtk_stack_get_transition_running (stack))
    remove_popped_pages (self);
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ca_window_go_back (CA_WINDOW (widget));
}

static void
next_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CaWizardPage *page = ca_window_get_visible_page (CA_WINDOW (widget));

  if (page != NULL)
    ca_wizard_page_next (page);
}

/*
 * Overrides
 */

static void
save_window_state (CaWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
ca_window_close_request (GtkWindow *window)
{
  CaWindow *self = CA_WINDOW (window);
  CaWizardPage *page = ca_window_get_visible_page (self);

  save_window_state (self);
  if (page != NULL)
    ca_wizard_page_leaving (page);

  return GTK_WINDOW_CLASS (ca_window_parent_class)->close_request (window);
}

static void
ca_window_dispose (GObject *object)
{
  CaWindow *self = (CaWindow *) object;

  clear_bindings (self);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->removing, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ca_window_parent_class)->dispose (object);
}

static void
ca_window_constructed (GObject *object)
{
  CaWindow *self = (CaWindow *) object;

  G_OBJECT_CLASS (ca_window_parent_class)->constructed (object);
  ca_accessible_name_buttons (GTK_WIDGET (self));

  /* A window on its own (a test, a second window) still needs a model. */
  if (self->session == NULL)
    self->session = ca_session_new ();
  ca_window_push_page (self, CA_WIZARD_PAGE (ca_welcome_page_new ()));
}

static void
ca_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CaWindow *self = CA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CaWindow *self = CA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_window_class_init (CaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ca_window_dispose;
  object_class->constructed = ca_window_constructed;
  object_class->get_property = ca_window_get_property;
  object_class->set_property = ca_window_set_property;
  window_class->close_request = ca_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CaWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_transition_running_cb);

  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "wizard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "wizard.back", NULL);

  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, CA_TYPE_SESSION,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_window_init (CaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* GtkWindow keeps default-width in step with the size the user gives it. */
  g_signal_connect (self, "notify::default-width", G_CALLBACK (on_default_width_changed_cb), NULL);
  g_signal_connect_object (self->window_title, "notify::title", G_CALLBACK (on_title_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->history = g_ptr_array_new_with_free_func (g_object_unref);
  self->removing = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  update_title_wrap (self);
}

/*
 * Public API
 */

CaWindow *
ca_window_new (GtkApplication *application,
               CaSession      *session)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (session == NULL || CA_IS_SESSION (session), NULL);

  return g_object_new (CA_TYPE_WINDOW, "application", application, "session", session, NULL);
}

/* Returns: (transfer none): the model the window's pages share */
CaSession *
ca_window_get_session (CaWindow *self)
{
  g_return_val_if_fail (CA_IS_WINDOW (self), NULL);
  return self->session;
}

/**
 * ca_window_push_page:
 * @page: (transfer none): a page not yet in a window
 *
 * Shows @page after the visible one; going back returns to the visible one.
 */
void
ca_window_push_page (CaWindow     *self,
                     CaWizardPage *page)
{
  CaWizardPage *previous;

  g_return_if_fail (CA_IS_WINDOW (self));
  g_return_if_fail (CA_IS_WIZARD_PAGE (page));
  g_return_if_fail (gtk_widget_get_parent (GTK_WIDGET (page)) == NULL);

  if (ca_wizard_page_get_session (page) == NULL)
    ca_wizard_page_set_session (page, self->session);
  previous = ca_window_get_visible_page (self);
  if (previous != NULL)
    ca_wizard_page_leaving (previous);

  gtk_stack_add_child (self->stack, GTK_WIDGET (page));
  g_ptr_array_add (self->history, g_object_ref (page));
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (page));
  update_header (self);

  ca_wizard_page_shown (page);
}

/**
 * ca_window_go_back:
 *
 * Drops the visible page and shows the one before it.
 *
 * Returns: %FALSE when the first page is visible, so there is nothing to go back to
 */
gboolean
ca_window_go_back (CaWindow *self)
{
  g_autoptr (CaWizardPage) page = NULL;
  CaWizardPage *previous;

  g_return_val_if_fail (CA_IS_WINDOW (self), FALSE);

  if (self->history->len < 2)
    return FALSE;

  page = g_ptr_array_steal_index (self->history, self->history->len - 1);
  ca_wizard_page_leaving (page);
  ca_wizard_page_dropped (page);

  previous = ca_window_get_visible_page (self);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (previous));
  update_header (self);

  /* Removing the page now would cut the slide short. */
  g_ptr_array_add (self->removing, g_steal_pointer (&page));
  if (!gtk_stack_get_transition_running (self->stack))
    remove_popped_pages (self);

  ca_wizard_page_shown (previous);
  return TRUE;
}

/**
 * ca_window_get_visible_page:
 *
 * Returns: (transfer none) (nullable): the page the user sees
 */
CaWizardPage *
ca_window_get_visible_page (CaWindow *self)
{
  g_return_val_if_fail (CA_IS_WINDOW (self), NULL);

  if (self->history->len == 0)
    return NULL;

  return g_ptr_array_index (self->history, self->history->len - 1);
}

/**
 * ca_window_get_n_pages:
 *
 * Returns: how many pages are in the history, the visible one included
 */
guint
ca_window_get_n_pages (CaWindow *self)
{
  g_return_val_if_fail (CA_IS_WINDOW (self), 0);

  return self->history->len;
}

/**
 * ca_window_add_toast:
 * @toast: (transfer full): the toast
 */
void
ca_window_add_toast (CaWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (CA_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
