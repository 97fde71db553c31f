/* ca-record-table.c: DNS validation records to publish, each once, with copy and save
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRecordTable"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ca-acm-record.h"
#include "ca-copy-button.h"
#include "ca-domain.h"
#include "ca-plain-row.h"
#include "ca-record-table.h"
#include "ca-wizard-page.h"

/**
 * CaRecordTable:
 *
 * The records that DNS validation asks for, from one certificate or many:
 * each record once (a name and its wildcard, or two certificates for one
 * name, share one), in the rows of the DNS journey (name, type and value,
 * each value with its copy button), with the certificates each record
 * serves, and the whole set to copy or save as a zone file.
 *
 * The rows are plain text: record names and values come from ACM.
 */
struct _CaRecordTable
{
  AdwPreferencesGroup  parent_instance;

  GtkBox              *records_box;
  GtkWidget           *zone_group;
  GPtrArray           *items;  /* Item, in the order first added */
};

G_DEFINE_FINAL_TYPE (CaRecordTable, ca_record_table, ADW_TYPE_PREFERENCES_GROUP)

/* One record shown, and what asked for it. */
typedef struct
{
  char        *key;      /* name, type and value, folded */
  CaAcmRecord *record;   /* the first that asked: the zone file's line */
  GPtrArray   *domains;  /* every name it validates, of every certificate */
  GPtrArray   *serves;   /* “example.com in Europe (London)” */
  GtkWidget   *group;
  GtkWidget   *serves_row;
} Item;

static void
item_free (Item *item)
{
  g_free (item->key);
  g_object_unref (item->record);
  g_ptr_array_unref (item->domains);
  g_ptr_array_unref (item->serves);
  g_free (item);
}

/*
 * Auxiliary methods
 */

/* ACM writes names with or without the final dot, in any case. */
static char *
record_key (CaAcmRecord *record)
{
  g_autofree char *key = g_strdup_printf ("%s %s %s", ca_acm_record_get_name (record),
                                          ca_acm_record_get_type_name (record), ca_acm_record_get_value (record));
  g_autoptr (GString) folded = g_string_new (NULL);

  for (const char *p = key; *p != '\0'; p++)
    if (!(*p == '.' && (p[1] == ' ' || p[1] == '\0')))
      g_string_append_c (folded, g_ascii_tolower (*p));
  return g_string_free (g_steal_pointer (&folded), FALSE);
}

static Item *
find_item (CaRecordTable *self,
           const char    *key)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (g_str_equal (item->key, key))
        return item;
    }
  return NULL;
}

static gboolean
add_unique (GPtrArray  *strings,
            const char *value)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (strings, i), value) == 0)
      return FALSE;
  g_ptr_array_add (strings, g_strdup (value));
  return TRUE;
}

/* The subtitle label of an #AdwActionRow, which libadwaita 1.2 has no getter
 * for: the label of the "subtitle" style class (its documented CSS node). */
static GtkWidget *
find_subtitle_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "subtitle"))
        return child;
      if ((found = find_subtitle_label (child)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
create_value_row (const char *caption,
                  const char *value,
                  const char *copy_label)
{
  GtkWidget *row = ca_plain_row_new (caption, value, NULL);
  GtkWidget *label = find_subtitle_label (row);

  gtk_widget_add_css_class (row, "ca-property");
  /* A record name broken over two lines must not show a hyphen it does not
   * have ("_3f1c.g-" "ood.example."): people type it at their DNS provider. */
  if (label != NULL)
    {
      g_autoptr (PangoAttrList) attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
      gtk_label_set_attributes (GTK_LABEL (label), attributes);
    }
  if (copy_label != NULL)
    ca_plain_row_add_action (ADW_ACTION_ROW (row), ca_copy_button_new ("records.copy", value, copy_label));
  return row;
}

/* “For example.com and *.example.com”: the names one record validates. */
static char *
describe_domains (GPtrArray *domains)
{
  g_autofree char *first = ca_domain_to_display (g_ptr_array_index (domains, 0));
  g_autofree char *second = NULL;

  if (domains->len == 1)
    /* Translators: %s is a domain name */
    return g_strdup_printf (_("For %s"), first);
  second = ca_domain_to_display (g_ptr_array_index (domains, 1));
  if (domains->len == 2)
    /* Translators: the names one DNS record validates; %s are domain names */
    return g_strdup_printf (_("For %s and %s"), first, second);
  /* Translators: the names one DNS record validates: two domain names, then how many more */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "For %s, %s and %u more name", "For %s, %s and %u more names",
                                       domains->len - 2),
                          first, second, domains->len - 2);
}

/* The label that shows @text under @widget (its own title), or %NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return GTK_LABEL (child);
      if ((found = find_label (child, text)) != NULL)
        return found;
    }
  return NULL;
}

/* libadwaita 1.2 ends a long title with “…”; at 360 px a name and its
 * wildcard do not fit, and the names are what the user must read. */
static void
wrap_title (GtkWidget  *group,
            const char *title)
{
  GtkLabel *label = find_label (group, title);

  if (label == NULL)
    return;
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
}

static void
update_item (Item *item)
{
  g_autofree char *title = describe_domains (item->domains);
  g_autofree char *serves = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (item->group), title);
  wrap_title (item->group, title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (item->group),
                                         item->domains->len > 1
                                           ? _("A name and its wildcard share this one record: publish it once.")
                                           : NULL);
  gtk_widget_set_visible (item->serves_row, item->serves->len > 0);
  if (item->serves->len == 0)
    return;
  g_ptr_array_add (item->serves, NULL);
  serves = g_strjoinv ("\n", (char **) item->serves->pdata);
  g_ptr_array_remove_index (item->serves, item->serves->len - 1);
  /* One or several, no number shown: the heading of a list, not a count. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->serves_row),
                                 item->serves->len == 1 ? _("Certificate") : _("Certificates"));
  ca_plain_row_set_subtitle (ADW_ACTION_ROW (item->serves_row), serves);
}

static Item *
add_item (CaRecordTable *self,
          CaAcmRecord   *record,
          char          *key)
{
  Item *item = g_new0 (Item, 1);
  GtkWidget *group = adw_preferences_group_new ();

  item->key = key;
  item->record = g_object_ref (record);
  item->domains = g_ptr_array_new_with_free_func (g_free);
  item->serves = g_ptr_array_new_with_free_func (g_free);
  item->group = group;
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             create_value_row (_("Name"), ca_acm_record_get_name (record), _("Copy the Record Name")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             create_value_row (_("Type"), ca_acm_record_get_type_name (record), NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             create_value_row (_("Value"), ca_acm_record_get_value (record), _("Copy the Record Value")));
  item->serves_row = ca_plain_row_new (_("Certificate"), NULL, "subtitle-lines", 0, NULL);
  gtk_widget_add_css_class (item->serves_row, "ca-property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), item->serves_row);
  gtk_box_append (self->records_box, group);
  g_ptr_array_add (self->items, item);
  return item;
}

static GPtrArray *
get_records (CaRecordTable *self)
{
  GPtrArray *records = g_ptr_array_new ();

  for (guint i = 0; i < self->items->len; i++)
    g_ptr_array_add (records, ((Item *) g_ptr_array_index (self->items, i))->record);
  return records;
}

/* Copied and saved are said where the user looks: the page's toasts. */
static void
say (CaRecordTable *self,
     const char    *message)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), CA_TYPE_WIZARD_PAGE);

  if (page != NULL)
    ca_wizard_page_add_toast (CA_WIZARD_PAGE (page), adw_toast_new (message));
}

/*
 * Actions
 */

static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GtkWidget *page = gtk_widget_get_ancestor (widget, CA_TYPE_WIZARD_PAGE);
  const char *text = g_variant_get_string (parameter, NULL);

  if (page != NULL)
    ca_wizard_page_copy_text (CA_WIZARD_PAGE (page), text);
  else
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
copy_zone_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CaRecordTable *self = CA_RECORD_TABLE (widget);
  g_autofree char *zone = NULL;

  if (self->items->len == 0)
    return;
  zone = ca_record_table_to_zone_file (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), zone);
  say (self, _("Copied the zone file"));
}

static void
save_zone_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (CaRecordTable) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    message = g_strdup (_("Saved the zone file"));
  else
    /* Translators: %s says why, such as “Permission denied” */
    message = g_strdup_printf (_("The zone file could not be saved: %s"), error->message);
  say (self, message);
}

static void
save_zone_to (CaRecordTable *self,
              GFile         *file)
{
  char *zone = ca_record_table_to_zone_file (self);
  gsize length = strlen (zone);

  /* The bytes own the text while it is written. */
  g_file_replace_contents_bytes_async (file, g_bytes_new_take (zone, length), NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, NULL, save_zone_done_cb,
                                       g_object_ref (self));
}

static char *
suggest_file_name (CaRecordTable *self)
{
  Item *first = g_ptr_array_index (self->items, 0);
  const char *zone = ca_acm_record_get_zone (first->record);

  return g_strdup_printf ("%s.zone", zone != NULL && *zone != '\0' ? zone : "records");
}

#if GTK_CHECK_VERSION(4, 10, 0) && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_10
static void
save_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (CaRecordTable) self = user_data;
  g_autoptr (GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL && self->items->len > 0)
    save_zone_to (self, file);
}

static void
choose_file (CaRecordTable *self)
{
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autofree char *file_name = suggest_file_name (self);

  gtk_file_dialog_set_title (dialog, _("Save the Zone File"));
  gtk_file_dialog_set_initial_name (dialog, file_name);
  gtk_file_dialog_save (dialog, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL, save_chosen_cb,
                        g_object_ref (self));
}
#else
static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     CaRecordTable   *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->items->len > 0 &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    save_zone_to (self, file);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_file (CaRecordTable *self)
{
  GtkFileChooserNative *dialog;
  g_autofree char *file_name = suggest_file_name (self);

  dialog = gtk_file_chooser_native_new (_("Save the Zone File"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), file_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
#endif

static void
save_zone_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CaRecordTable *self = CA_RECORD_TABLE (widget);

  if (self->items->len > 0)
    choose_file (self);
}

static GtkWidget *
create_zone_row (const char *title,
                 const char *icon_name,
                 const char *action_name)
{
  GtkWidget *row = g_object_new (ADW_TYPE_ACTION_ROW,
                                 "title", title,
                                 "activatable", TRUE,
                                 "action-name", action_name,
                                 NULL);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  return row;
}

/*
 * Overrides
 */

static void
ca_record_table_dispose (GObject *object)
{
  CaRecordTable *self = (CaRecordTable *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_record_table_parent_class)->dispose (object);
}

static void
ca_record_table_class_init (CaRecordTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_record_table_dispose;

  gtk_widget_class_install_action (widget_class, "records.copy", "s", copy_action_cb);
  gtk_widget_class_install_action (widget_class, "records.copy-zone", NULL, copy_zone_action_cb);
  gtk_widget_class_install_action (widget_class, "records.save-zone", NULL, save_zone_action_cb);
}

static void
ca_record_table_init (CaRecordTable *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->records_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  /* Apart from the table's own description: each record's title is a heading too. */
  gtk_widget_set_margin_top (GTK_WIDGET (self->records_box), 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->records_box));

  self->zone_group = adw_preferences_group_new ();
  gtk_widget_set_margin_top (self->zone_group, 24);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->zone_group),
                             create_zone_row (_("Copy all as zone file"), "edit-copy-symbolic", "records.copy-zone"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->zone_group),
                             create_zone_row (_("Save as zone file…"), "document-save-symbolic", "records.save-zone"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->zone_group);
  gtk_widget_set_visible (self->zone_group, FALSE);
}

/*
 * Public API
 */

/**
 * ca_record_table_new:
 *
 * An empty table; give it a title and a description for its place.
 */
GtkWidget *
ca_record_table_new (void)
{
  return g_object_new (CA_TYPE_RECORD_TABLE, NULL);
}

/**
 * ca_record_table_add_records:
 * @records: (element-type CaAcmRecord): one certificate's records, from
 *   ca_acm_records_from_validations()
 * @serves: (nullable): what they are for, such as “example.com in Europe
 *   (London)”, shown with each record; %NULL when the page says it
 *
 * Adds the records not shown yet; one already shown gains the names it
 * validates and what it serves.
 */
void
ca_record_table_add_records (CaRecordTable *self,
                             GPtrArray     *records,
                             const char    *serves)
{
  g_return_if_fail (CA_IS_RECORD_TABLE (self));
  g_return_if_fail (records != NULL);

  for (guint i = 0; i < records->len; i++)
    {
      CaAcmRecord *record = g_ptr_array_index (records, i);
      char *key = record_key (record);
      Item *item = find_item (self, key);
      const char * const *domains = ca_acm_record_get_domains (record);

      if (item != NULL)
        g_free (key);
      else
        item = add_item (self, record, key);
      for (guint j = 0; domains[j] != NULL; j++)
        add_unique (item->domains, domains[j]);
      if (serves != NULL)
        add_unique (item->serves, serves);
      update_item (item);
    }
  gtk_widget_set_visible (self->zone_group, self->items->len > 0);
}

void
ca_record_table_remove_all (CaRecordTable *self)
{
  g_return_if_fail (CA_IS_RECORD_TABLE (self));

  for (guint i = 0; i < self->items->len; i++)
    gtk_box_remove (self->records_box, ((Item *) g_ptr_array_index (self->items, i))->group);
  g_ptr_array_set_size (self->items, 0);
  gtk_widget_set_visible (self->zone_group, FALSE);
}

/* Returns: how many records the table shows, each counted once */
guint
ca_record_table_get_n_records (CaRecordTable *self)
{
  g_return_val_if_fail (CA_IS_RECORD_TABLE (self), 0);
  return self->items->len;
}

/**
 * ca_record_table_add_row:
 * @record: a record the table shows
 * @row: (transfer floating): a row about that record, such as whether DNS
 *   shows it yet
 *
 * Adds @row under the record's own rows, where the user reads it with the
 * record; it goes with the record in ca_record_table_remove_all().
 */
void
ca_record_table_add_row (CaRecordTable *self,
                         CaAcmRecord   *record,
                         GtkWidget     *row)
{
  g_autofree char *key = NULL;
  Item *item;

  g_return_if_fail (CA_IS_RECORD_TABLE (self));
  g_return_if_fail (CA_IS_ACM_RECORD (record));
  g_return_if_fail (GTK_IS_WIDGET (row));

  key = record_key (record);
  item = find_item (self, key);
  g_return_if_fail (item != NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (item->group), row);
}

/**
 * ca_record_table_to_zone_file:
 *
 * Each record once, as ca_acm_records_to_zone_file() writes them.
 *
 * Returns: (transfer full): the zone-file lines, "" for no records
 */
char *
ca_record_table_to_zone_file (CaRecordTable *self)
{
  g_autoptr (GPtrArray) records = NULL;

  g_return_val_if_fail (CA_IS_RECORD_TABLE (self), NULL);

  records = get_records (self);
  return ca_acm_records_to_zone_file (records);
}
