/* ca-fleet-list.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaFleetList"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-fleet-list.h"

/**
 * CaFleetList:
 *
 * The certificates of the fleet page, soonest deadline first, each with a
 * check box when ACM can move it in place. A fleet may hold a thousand of
 * them, and building a row takes milliseconds: the view builds rows only
 * around what is shown and reuses them as the list scrolls, and the items go
 * in a few per frame, so no frame waits for the whole list (issue 19: no
 * main-loop iteration over 16 ms). The list scrolls inside its own card, a
 * few rows high, so that the page below it (the records, Route 53) stays in
 * reach.
 *
 * The view is a GtkGridView of one column: GTK 4.8's GtkListView builds 200
 * rows whatever it shows (and rebuilds them all on a jump to the end), its
 * grid view about 30. Everything a row shows is its item's (`CaFleetItem`):
 * rows are recycled. A row is laid out as an AdwActionRow (libadwaita's
 * GtkListBoxRow needs a GtkListBox), with a separator above all but the first.
 */
struct _CaFleetList
{
  GtkWidget    parent_instance;

  GtkWidget   *scroller;
  GtkGridView *view;
  GtkWidget   *placeholder;
  GListStore  *items;      /* CaFleetItem */
  CaFleetScan *scan;       /* while entries wait to go in */
  GPtrArray   *pending;    /* CaFleetEntry, owned by scan: to list, in order */
  guint        next;       /* the first of pending not yet in items */
  guint        tick_id;
};

G_DEFINE_FINAL_TYPE (CaFleetList, ca_fleet_list, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_FILLING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ITEM_ACTIVATED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* GTK 4.8's GtkGridView builds a row for each of about 30 items from the
 * top, whatever it shows: while those go in, a frame builds at most
 * ROWS_PER_FRAME rows; beyond, an item costs no widget and many go in at once. */
#define ROWS_PER_FRAME 2
#define BUILT_ROWS 40
#define ITEMS_PER_FRAME 256

/* About eight rows: enough to compare, short enough to leave the page in reach. */
#define MAX_LIST_HEIGHT 520
/* The least a row can be (its header's size request). The card is at least
 * this per item, up to MAX_LIST_HEIGHT: a grid view's natural height counts
 * only rows from the one scrolled to, so after a scroll down it would shrink
 * the card to a row or two. */
#define MIN_ROW_HEIGHT 50

/* A wrapping label measures its minimum width by laying its text out in
 * this many characters: at 0 (GtkLabel's default), Pango 1.50 breaks a long
 * name into a line per character and shapes each again, some 10 ms a row. */
#define MIN_LABEL_CHARS 20

#define CHECK_KEY "ca-fleet-check"
#define TITLE_KEY "ca-fleet-title"
#define SUBTITLE_KEY "ca-fleet-subtitle"
#define ARROW_KEY "ca-fleet-arrow"
#define SEPARATOR_KEY "ca-fleet-separator"
#define HANDLER_KEY "ca-fleet-handler"

/*
 * Auxiliary methods
 */

static gboolean
is_filling (CaFleetList *self)
{
  return self->pending != NULL && self->next < self->pending->len;
}

/* The card, or the placeholder when the scan found nothing to list; and the card's height. */
static void
update_card (CaFleetList *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->scroller),
                                              MIN (n_items, MAX_LIST_HEIGHT / MIN_ROW_HEIGHT) * MIN_ROW_HEIGHT);
  gtk_widget_set_visible (self->scroller, n_items > 0);
  gtk_widget_set_visible (self->placeholder, n_items == 0 && self->pending != NULL && !is_filling (self));
}

static void
on_item_selected_cb (CaFleetList *self)
{
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
append_chunk (CaFleetList *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint chunk = n_items < BUILT_ROWS ? ROWS_PER_FRAME : ITEMS_PER_FRAME;
  g_autoptr (GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (; self->next < self->pending->len && added->len < chunk; self->next++)
    {
      CaFleetItem *item = ca_fleet_item_new (self->scan, g_ptr_array_index (self->pending, self->next));

      g_signal_connect_object (item, "notify::selected", G_CALLBACK (on_item_selected_cb), self, G_CONNECT_SWAPPED);
      g_ptr_array_add (added, item);
    }
  g_list_store_splice (self->items, n_items, 0, added->pdata, added->len);
  update_card (self);
}

static void
finish_filling (CaFleetList *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_object (&self->scan);
  update_card (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILLING]);
}

/*
 * Callbacks
 */

static gboolean
fill_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  CaFleetList *self = CA_FLEET_LIST (widget);

  append_chunk (self);
  if (is_filling (self))
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  finish_filling (self);
  return G_SOURCE_REMOVE;
}

static CaFleetItem *
get_bound_item (GtkListItem *list_item)
{
  GObject *item = gtk_list_item_get_item (list_item);

  return CA_IS_FLEET_ITEM (item) ? CA_FLEET_ITEM (item) : NULL;
}

static void
on_check_toggled_cb (GtkCheckButton *check,
                     GtkListItem    *list_item)
{
  CaFleetItem *item = get_bound_item (list_item);

  if (item != NULL)
    ca_fleet_item_set_selected (item, gtk_check_button_get_active (check));
}

/* The widgets and measures of an AdwActionRow (whose GtkListBoxRow needs a
 * GtkListBox), under a separator. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CaFleetList              *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *prefixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  /* The grid's cell pads 3 px: with these, AdwActionRow's 12 px and 50 px. */
  gtk_widget_set_margin_start (header, 9);
  gtk_widget_set_margin_end (header, 9);
  gtk_widget_set_size_request (header, -1, MIN_ROW_HEIGHT);
  gtk_widget_set_margin_top (titles, 6);
  gtk_widget_set_margin_bottom (titles, 6);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  for (GtkWidget *label = title; label != NULL; label = label == title ? subtitle : NULL)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), MIN_LABEL_CHARS);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
    }
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), list_item);

  gtk_box_append (GTK_BOX (prefixes), check);
  gtk_box_append (GTK_BOX (titles), title);
  gtk_box_append (GTK_BOX (titles), subtitle);
  gtk_box_append (GTK_BOX (suffixes), arrow);
  gtk_box_append (GTK_BOX (header), prefixes);
  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (header), suffixes);
  gtk_box_append (GTK_BOX (row), separator);
  gtk_box_append (GTK_BOX (row), header);
  g_object_set_data (G_OBJECT (list_item), SEPARATOR_KEY, separator);
  g_object_set_data (G_OBJECT (list_item), CHECK_KEY, check);
  g_object_set_data (G_OBJECT (list_item), TITLE_KEY, title);
  g_object_set_data (G_OBJECT (list_item), SUBTITLE_KEY, subtitle);
  g_object_set_data (G_OBJECT (list_item), ARROW_KEY, arrow);
  gtk_list_item_set_child (list_item, row);
}

/* The grid's cell, which takes focus, says the row's text: GTK 4.8 has no
 * accessible label for a list item (4.12 adds one) and names the cell by its
 * class, “GtkListItemWidget”. */
static void
name_cell (GtkListItem *list_item,
           CaFleetItem *item)
{
  GtkWidget *cell = gtk_widget_get_parent (gtk_list_item_get_child (list_item));

  if (cell == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, ca_fleet_item_get_title (item),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, ca_fleet_item_get_subtitle (item),
                                  -1);
}

/* Shows the bound item as it is now: called on bind and whenever it changes. */
static void
update_row (GtkListItem *list_item)
{
  CaFleetItem *item = get_bound_item (list_item);
  GtkWidget *check = g_object_get_data (G_OBJECT (list_item), CHECK_KEY);
  gboolean selectable = ca_fleet_item_get_selectable (item);
  gboolean moving = ca_fleet_item_get_moving (item);
  g_autofree char *label = NULL;

  gtk_label_set_text (g_object_get_data (G_OBJECT (list_item), TITLE_KEY), ca_fleet_item_get_title (item));
  gtk_label_set_text (g_object_get_data (G_OBJECT (list_item), SUBTITLE_KEY), ca_fleet_item_get_subtitle (item));
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (list_item), ARROW_KEY), moving);
  /* Items only ever go in at the end: the first stays first. */
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (list_item), SEPARATOR_KEY), gtk_list_item_get_position (list_item) > 0);
  gtk_widget_set_visible (gtk_widget_get_parent (check), selectable);
  gtk_widget_set_sensitive (check, !ca_fleet_item_get_starting (item));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), ca_fleet_item_get_selected (item));
  /* Enter (or a click) on the row toggles its box, or opens its move. */
  gtk_list_item_set_activatable (list_item, moving || (selectable && !ca_fleet_item_get_starting (item)));
  /* Translators: %s is a domain name */
  label = g_strdup_printf (_("Select %s"), ca_fleet_item_get_title (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  name_cell (list_item, item);
}

static void
on_item_notify_cb (CaFleetItem *item,
                   GParamSpec  *pspec,
                   GtkListItem *list_item)
{
  update_row (list_item);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CaFleetList              *self)
{
  CaFleetItem *item = get_bound_item (list_item);
  /* Tied to the list item too: an item may outlive its row (a move holds it). */
  gulong handler = g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify_cb), list_item, 0);

  g_object_set_data (G_OBJECT (list_item), HANDLER_KEY, GSIZE_TO_POINTER (handler));
  update_row (list_item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               CaFleetList              *self)
{
  CaFleetItem *item = get_bound_item (list_item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), HANDLER_KEY));

  if (item != NULL && handler != 0)
    g_signal_handler_disconnect (item, handler);
  g_object_set_data (G_OBJECT (list_item), HANDLER_KEY, NULL);
}

static void
on_activate_cb (GtkGridView *view,
                guint        position,
                CaFleetList *self)
{
  g_autoptr (CaFleetItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (item == NULL)
    return;
  if (ca_fleet_item_get_moving (item))
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
  else if (ca_fleet_item_get_selectable (item) && !ca_fleet_item_get_starting (item))
    ca_fleet_item_set_selected (item, !ca_fleet_item_get_selected (item));
}

/*
 * Overrides
 */

static void
ca_fleet_list_dispose (GObject *object)
{
  CaFleetList *self = (CaFleetList *) object;

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->placeholder, gtk_widget_unparent);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_object (&self->scan);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (ca_fleet_list_parent_class)->dispose (object);
}

static void
ca_fleet_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CaFleetList *self = CA_FLEET_LIST (object);

  switch (prop_id)
    {
    case PROP_FILLING:
      g_value_set_boolean (value, ca_fleet_list_get_filling (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_fleet_list_class_init (CaFleetListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_fleet_list_dispose;
  object_class->get_property = ca_fleet_list_get_property;

  /**
   * CaFleetList:filling:
   *
   * Whether items of the last scan still wait to go in.
   */
  properties[PROP_FILLING] = g_param_spec_boolean ("filling", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CaFleetList::item-activated:
   * @item: a certificate whose move runs
   *
   * The user asked to follow that move.
   */
  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, CA_TYPE_FLEET_ITEM);
  /**
   * CaFleetList::selection-changed:
   *
   * A certificate was selected or unselected.
   */
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                             NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
ca_fleet_list_init (CaFleetList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->items = g_list_store_new (CA_TYPE_FLEET_ITEM);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  self->view = GTK_GRID_VIEW (gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items)))),
                                                 factory));
  gtk_grid_view_set_max_columns (self->view, 1);
  /* A click on a row does what Enter does, as on an AdwActionRow. */
  gtk_grid_view_set_single_click_activate (self->view, TRUE);
  /* The card around it draws the background, as a boxed list's. */
  gtk_widget_remove_css_class (GTK_WIDGET (self->view), "view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Certificates before the deadline"), -1);
  g_signal_connect (self->view, "activate", G_CALLBACK (on_activate_cb), self);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scroller), MAX_LIST_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->view));
  gtk_widget_add_css_class (self->scroller, "card");
  gtk_widget_set_visible (self->scroller, FALSE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->placeholder = gtk_label_new (_("Nothing to move: no certificate validated by email"));
  gtk_label_set_wrap (GTK_LABEL (self->placeholder), TRUE);
  gtk_widget_set_margin_top (self->placeholder, 18);
  gtk_widget_set_margin_bottom (self->placeholder, 18);
  gtk_widget_set_margin_start (self->placeholder, 12);
  gtk_widget_set_margin_end (self->placeholder, 12);
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_widget_set_visible (self->placeholder, FALSE);
  gtk_widget_set_parent (self->placeholder, GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
ca_fleet_list_new (void)
{
  return g_object_new (CA_TYPE_FLEET_LIST, NULL);
}

/**
 * ca_fleet_list_show_scan:
 * @scan: a finished scan
 *
 * Lists the certificates of @scan that depend on email validation, in the
 * scan's order. The first rows are there at once, the others a few per frame
 * (#CaFleetList:filling).
 */
void
ca_fleet_list_show_scan (CaFleetList *self,
                         CaFleetScan *scan)
{
  GPtrArray *entries;

  g_return_if_fail (CA_IS_FLEET_LIST (self));
  g_return_if_fail (CA_IS_FLEET_SCAN (scan));

  ca_fleet_list_clear (self);
  entries = ca_fleet_scan_get_entries (scan);
  self->scan = g_object_ref (scan);
  self->pending = g_ptr_array_new ();
  for (guint i = 0; i < entries->len; i++)
    if (ca_fleet_entry_needs_listing (g_ptr_array_index (entries, i), FALSE))
      g_ptr_array_add (self->pending, g_ptr_array_index (entries, i));
  append_chunk (self);
  if (is_filling (self))
    {
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_tick_cb, NULL, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILLING]);
      update_card (self);
      return;
    }
  finish_filling (self);
}

/* Empties the list, for a new scan. */
void
ca_fleet_list_clear (CaFleetList *self)
{
  gboolean was_filling;

  g_return_if_fail (CA_IS_FLEET_LIST (self));

  was_filling = is_filling (self);
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->next = 0;
  g_clear_object (&self->scan);
  g_list_store_remove_all (self->items);
  update_card (self);
  if (was_filling)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILLING]);
}

gboolean
ca_fleet_list_get_filling (CaFleetList *self)
{
  g_return_val_if_fail (CA_IS_FLEET_LIST (self), FALSE);
  return is_filling (self);
}

/* Returns: (transfer full) (element-type CaFleetItem): the selected certificates, in the list's order */
GPtrArray *
ca_fleet_list_get_selected (CaFleetList *self)
{
  GPtrArray *selected = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (CA_IS_FLEET_LIST (self), selected);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr (CaFleetItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (ca_fleet_item_get_selected (item))
        g_ptr_array_add (selected, g_steal_pointer (&item));
    }
  return selected;
}
