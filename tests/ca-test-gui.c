/* ca-test-gui.c: helpers shared by the tests that drive the GUI in a real window
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaTest"

#include "config.h"

#include <string.h>

#include "ca-test-gui.h"

/* A guard against a hang, not a timing assertion: each test program sets its own. */
static guint wait_limit_s;

/* Sets up GTK for a test program and turns its animations off; returns FALSE,
 * after a TAP plan that skips everything, when there is no display to test on.
 * Every wait below fails the test after @limit_s seconds. */
gboolean
ca_test_gui_init (int    *argc,
                  char ***argv,
                  guint   limit_s)
{
  g_assert_cmpuint (limit_s, >, 0);

  /* gtk_init_check () before gtk_test_init () would warn, fatally. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }

  wait_limit_s = limit_s;
  g_setenv ("GSETTINGS_SCHEMA_DIR", SCHEMA_DIR, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* Screenshots show where a slide or a reveal ends, not a frame of it. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* The window buttons of GNOME, the desktop the app is made for (Xvfb has no
   * settings daemon, and GTK's fallback adds minimize and maximize). */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  return TRUE;
}

/* What AdwApplication does for the app from its resource base path. */
void
ca_test_gui_load_app_resources (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display), RESOURCE_PATH "/icons");
  gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* The first widget under @root, depth first, @root included, that @predicate accepts. */
GtkWidget *
ca_test_gui_find_widget (GtkWidget          *root,
                         CaTestGuiPredicate  predicate,
                         gpointer            data)
{
  if (predicate (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ca_test_gui_find_widget (child, predicate, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* What the user would see when a wait gives up: the rows on screen, as text. */
static void
print_mapped_rows (GtkWidget *widget)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget))
    g_printerr ("  row: %s — %s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                ADW_IS_ACTION_ROW (widget) ? adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) : "");
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    print_mapped_rows (child);
}

static gboolean
wait_limit_cb (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      g_printerr ("%s:\n", G_OBJECT_TYPE_NAME (toplevel));
      print_mapped_rows (toplevel);
    }
  g_error ("Waited more than %u s", wait_limit_s);
  return G_SOURCE_REMOVE;
}

static guint
wait_limit_start (void)
{
  g_assert_cmpuint (wait_limit_s, >, 0);
  return g_timeout_add_seconds (wait_limit_s, wait_limit_cb, NULL);
}

/* Runs the main loop until @predicate finds a widget under @root. */
GtkWidget *
ca_test_gui_wait_for_widget (GtkWidget          *root,
                             CaTestGuiPredicate  predicate,
                             gpointer            data)
{
  guint limit_id = wait_limit_start ();
  GtkWidget *found;

  while ((found = ca_test_gui_find_widget (root, predicate, data)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit_id);

  return found;
}

/* Runs the main loop until @condition holds. */
void
ca_test_gui_wait_until (CaTestGuiCondition condition,
                        gpointer           data)
{
  guint limit_id = wait_limit_start ();

  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit_id);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

/* Lets GTK map, lay out and paint what changed, so a snapshot shows it. Each
 * step has its own guard: a large window under AddressSanitizer on a loaded
 * machine takes long to paint, without hanging. */
void
ca_test_gui_wait_for_paint (GtkWidget *widget)
{
  guint limit_id = wait_limit_start ();
  GdkFrameClock *clock;

  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit_id);

  clock = gtk_widget_get_frame_clock (widget);
  /* Two frames: the first may only lay out what the last change queued. */
  for (guint i = 0; i < 2; i++)
    {
      gboolean painted = FALSE;
      gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);

      limit_id = wait_limit_start ();
      gtk_widget_queue_draw (widget);
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (limit_id);
      g_signal_handler_disconnect (clock, handler);
    }
}

/* Renders @widget as the user sees it into screenshots/@name in the build directory. */
void
ca_test_gui_save_screenshot (GtkWidget  *widget,
                             const char *name)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GskRenderer) renderer = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  /* build-aux/dev screenshots points this elsewhere. */
  g_autofree char *dir = g_getenv ("CERTASSIST_SCREENSHOT_DIR") != NULL
                           ? g_strdup (g_getenv ("CERTASSIST_SCREENSHOT_DIR"))
                           : g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *path = NULL;
  int width, height;

  ca_test_gui_wait_for_paint (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gsk_cairo_renderer_new ();
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%d×%d)", path, width, height);
}

/* The app's window at @width×@height, shown and painted, its pages sharing
 * @session (or a session of their own with %NULL). */
CaWindow *
ca_test_gui_open_window_for (CaSession *session,
                             int        width,
                             int        height)
{
  CaWindow *window = ca_window_new (NULL, session);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  ca_test_gui_wait_for_paint (GTK_WIDGET (window));

  return window;
}

CaWindow *
ca_test_gui_open_window (int width,
                         int height)
{
  return ca_test_gui_open_window_for (NULL, width, height);
}

/* Puts @text into the first entry row under @root, as typing would; returns the row. */
GtkWidget *
ca_test_gui_type_into_entry (GtkWidget  *root,
                             const char *text)
{
  GtkWidget *entry = ca_test_gui_find_widget (root, ca_test_gui_is_entry_row, NULL);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);

  return entry;
}

gboolean
ca_test_gui_is_entry_row (GtkWidget *widget,
                          gpointer   data)
{
  return ADW_IS_ENTRY_ROW (widget);
}

/* A row the user can see with the title @data. */
gboolean
ca_test_gui_is_mapped_row_titled (GtkWidget *widget,
                                  gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
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

  return ca_test_gui_is_mapped_row_titled (widget, (gpointer) text->title) &&
         g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), text->subtitle_prefix);
}

/* The one icon each status class goes with (ca_status_icon_new()). */
static const char *
icon_name_for_class (const char *icon_class)
{
  static const char * const pairs[][2] = {
    { "success", "emblem-ok-symbolic" },
    { "warning", "dialog-warning-symbolic" },
    { "error", "dialog-error-symbolic" },
    { "dim-label", "dialog-information-symbolic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (strcmp (pairs[i][0], icon_class) == 0)
      return pairs[i][1];
  g_error ("no status icon has the class %s", icon_class);
  return NULL;
}

static gboolean
is_icon_with_class (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_IMAGE (widget) && gtk_widget_has_css_class (widget, data);
}

/**
 * ca_test_gui_assert_row:
 * @title: the row's whole title
 * @subtitle_prefix: how its subtitle starts
 * @icon_class: (nullable): the style class of its status icon: success,
 *   warning, error or dim-label; %NULL for a row without one
 *
 * A verdict is its words and its colour: a row that says the right thing
 * with the wrong icon is as wrong as a missing row.
 */
void
ca_test_gui_assert_row (GtkWidget  *root,
                        const char *title,
                        const char *subtitle_prefix,
                        const char *icon_class)
{
  RowText text = { title, subtitle_prefix };
  GtkWidget *row = ca_test_gui_find_widget (root, is_mapped_row_with_text, &text);

  if (row == NULL)
    g_error ("no row “%s” — “%s…”", title, subtitle_prefix);
  if (icon_class != NULL)
    {
      GtkWidget *icon = ca_test_gui_find_widget (row, is_icon_with_class, (gpointer) icon_class);

      if (icon == NULL)
        g_error ("the row “%s” has no %s icon", title, icon_class);
      /* The colour and the shape must agree: an error never wears the info icon. */
      if (g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (icon)), icon_name_for_class (icon_class)) != 0)
        g_error ("the row “%s” shows %s, not %s", title, gtk_image_get_icon_name (GTK_IMAGE (icon)),
                 icon_name_for_class (icon_class));
    }
}

static void
collect_mapped_row_titles (GtkWidget *widget,
                           GPtrArray *titles)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (titles, (gpointer) adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_mapped_row_titles (child, titles);
}

/**
 * ca_test_gui_assert_rows_in_order:
 * @first_title: the whole title of the row that must come first, then the others, %NULL-terminated
 *
 * The rows the user sees under @root, top to bottom, hold these titles in this order
 * (other rows may sit between them): a verdict that moves is a verdict misread.
 */
void
ca_test_gui_assert_rows_in_order (GtkWidget  *root,
                                  const char *first_title,
                                  ...)
{
  g_autoptr (GPtrArray) titles = g_ptr_array_new ();
  const char *title = first_title;
  guint position = 0;
  va_list args;

  collect_mapped_row_titles (root, titles);
  va_start (args, first_title);
  for (; title != NULL; title = va_arg (args, const char *))
    {
      while (position < titles->len && g_strcmp0 (g_ptr_array_index (titles, position), title) != 0)
        position++;
      if (position == titles->len)
        g_error ("the row “%s” is missing or out of order", title);
      position++;
    }
  va_end (args);
}

/* A row the user can see that shows an error. */
gboolean
ca_test_gui_is_mapped_error_row (GtkWidget *widget,
                                 gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         gtk_widget_get_mapped (widget) &&
         gtk_widget_has_css_class (widget, "error");
}

/* A label the user can see whose text is cut short with “…”, such as a page
 * title shown as “Ihr AWS-Ko…” or a region no one can read. */
gboolean
ca_test_gui_is_mapped_cut_label (GtkWidget *widget,
                                 gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget)));
}
