/* ca-preferences-window.c: the network settings that the command line's flags also reach
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaPreferencesWindow"

#include "config.h"

#include "ca-accessible.h"
#include "ca-dns.h"
#include "ca-preferences-window.h"
#include "ca-rdap-client.h"
#include "ca-whois-client.h"

/* Long enough not to flash an error at every key while an address is half typed. */
#define ERROR_DELAY_MS 400

typedef gboolean (*CheckFunc) (const char  *value,
                               GError     **error);

/*
 * The settings typed as text: servers and a bootstrap. A list takes several
 * values, separated by commas or spaces; an empty text means the default (the
 * system's resolvers, the usual referrals, IANA's bootstrap). The core checks
 * each value as the command line does, and a text it rejects is never stored.
 */
typedef struct
{
  const char *key;
  const char *row_name;
  const char *entry_name;
  gboolean    is_list;
  CheckFunc   check;
} TextSetting;

static const TextSetting text_settings[] = {
  { "dns-servers", "dns_row", "dns_entry", TRUE, ca_dns_check_server },
  { "whois-server", "whois_row", "whois_entry", FALSE, ca_whois_check_server },
  { "rdap-bootstrap", "rdap_row", "rdap_entry", FALSE, ca_rdap_check_bootstrap },
};

/* A text row at run time; its subtitle explains the setting, or says what is wrong. */
typedef struct
{
  const TextSetting *setting;
  AdwActionRow      *row;
  GtkEditable       *entry;
  char              *explanation;
  guint              update_id;
} TextRow;

/* Every key this window writes, for "Reset to Defaults". */
static const char * const reset_keys[] = {
  "dns-servers",
  "dnssec",
  "timeout",
  "whois-server",
  "rdap-bootstrap",
};

struct _CaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkSwitch            *dnssec_switch;
  GtkSpinButton        *timeout_button;

  GSettings            *settings;
  TextRow               text_rows[G_N_ELEMENTS (text_settings)];
};

G_DEFINE_FINAL_TYPE (CaPreferencesWindow, ca_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Auxiliary methods
 */

/* The values in @text, without the blanks around them. */
static GStrv
split_text (const TextSetting *setting,
            const char        *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) parts = NULL;

  /* A file name may hold spaces; a server never does. */
  if (setting->is_list)
    parts = g_strsplit_set (text, ", \t\r\n", -1);
  else
    parts = g_strdupv ((char *[]) { (char *) text, NULL });

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static gboolean
check_values (const TextSetting  *setting,
              const char * const *values,
              GError            **error)
{
  for (guint i = 0; values[i] != NULL; i++)
    {
      if (!setting->check (values[i], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
text_row_is_valid (TextRow *text_row)
{
  g_auto (GStrv) values = split_text (text_row->setting, gtk_editable_get_text (text_row->entry));

  return check_values (text_row->setting, (const char * const *) values, NULL);
}

/* Shows on the row whether its text can be stored, and why not. */
static void
update_text_row (TextRow *text_row)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) values = split_text (text_row->setting, gtk_editable_get_text (text_row->entry));
  gboolean valid = check_values (text_row->setting, (const char * const *) values, &error);
  const char *message = valid ? text_row->explanation : error->message;

  adw_action_row_set_subtitle (text_row->row, message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (text_row->entry), valid ? NULL : message);
  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (text_row->row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (text_row->entry), "error");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (text_row->row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (text_row->entry), "error");
    }
  /* Screen readers hear what the red row shows. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (text_row->entry), GTK_ACCESSIBLE_STATE_INVALID,
                               valid ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_row->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message, -1);
}

static GStrv
dup_values (GVariant *variant)
{
  const char *str;

  if (g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING_ARRAY))
    return g_variant_dup_strv (variant, NULL);

  str = g_variant_get_string (variant, NULL);
  return str[0] != '\0' ? g_strdupv ((char *[]) { (char *) str, NULL }) : g_new0 (char *, 1);
}

/*
 * Callbacks
 */

static gboolean
get_text_mapping_cb (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  TextRow *text_row = user_data;
  const char *text = gtk_editable_get_text (text_row->entry);
  g_auto (GStrv) stored = dup_values (variant);
  g_auto (GStrv) typed = split_text (text_row->setting, text);

  /* Keep the text as typed (a trailing comma, spaces) while it says the same. */
  if (g_strv_equal ((const char * const *) stored, (const char * const *) typed))
    g_value_set_string (value, text);
  else
    g_value_take_string (value, g_strjoinv (", ", stored));

  return TRUE;
}

static GVariant *
set_text_mapping_cb (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  TextRow *text_row = user_data;
  const char *text = g_value_get_string (value);
  g_auto (GStrv) values = split_text (text_row->setting, text != NULL ? text : "");

  /* NULL leaves the setting as it was. */
  if (!check_values (text_row->setting, (const char * const *) values, NULL))
    return NULL;
  if (text_row->setting->is_list)
    return g_variant_new_strv ((const char * const *) values, -1);

  return g_variant_new_string (values[0] != NULL ? values[0] : "");
}

static gboolean
update_text_row_cb (gpointer user_data)
{
  TextRow *text_row = user_data;

  text_row->update_id = 0;
  update_text_row (text_row);

  return G_SOURCE_REMOVE;
}

/* A fix, or a change to a text already marked wrong, shows at once; a new
 * error waits for a pause in typing. Unlike "changed", "notify::text" skips
 * the empty text between the two halves of gtk_editable_set_text () or a paste. */
static void
on_entry_text_notify_cb (GObject    *entry,
                         GParamSpec *pspec,
                         TextRow    *text_row)
{
  g_clear_handle_id (&text_row->update_id, g_source_remove);
  if (text_row_is_valid (text_row) || gtk_widget_has_css_class (GTK_WIDGET (text_row->row), "error"))
    update_text_row (text_row);
  else
    text_row->update_id = g_timeout_add (ERROR_DELAY_MS, update_text_row_cb, text_row);
}

static void
reset_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (widget);

  /* A rejected text was never stored, and resetting a key that did not change
   * announces nothing: the text goes back to the stored value first. */
  for (guint i = 0; i < G_N_ELEMENTS (self->text_rows); i++)
    {
      TextRow *text_row = &self->text_rows[i];
      g_autoptr (GVariant) variant = g_settings_get_value (self->settings, text_row->setting->key);
      g_auto (GStrv) values = dup_values (variant);
      g_autofree char *text = g_strjoinv (", ", values);

      if (!text_row_is_valid (text_row))
        gtk_editable_set_text (text_row->entry, text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (reset_keys); i++)
    g_settings_reset (self->settings, reset_keys[i]);
}

/*
 * Overrides
 */

static void
bind_text_row (CaPreferencesWindow *self,
               TextRow             *text_row,
               const TextSetting   *setting)
{
  GType type = CA_TYPE_PREFERENCES_WINDOW;

  text_row->setting = setting;
  text_row->row = ADW_ACTION_ROW (gtk_widget_get_template_child (GTK_WIDGET (self), type, setting->row_name));
  text_row->entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (self), type, setting->entry_name));
  text_row->explanation = g_strdup (adw_action_row_get_subtitle (text_row->row));
  ca_accessible_keep_label (GTK_WIDGET (text_row->entry));

  g_signal_connect (text_row->entry, "notify::text", G_CALLBACK (on_entry_text_notify_cb), text_row);
  g_settings_bind_with_mapping (self->settings, setting->key, text_row->entry, "text",
                                G_SETTINGS_BIND_DEFAULT, get_text_mapping_cb, set_text_mapping_cb,
                                text_row, NULL);
  update_text_row (text_row);
}

/* Below this width an entry of twenty characters squeezes its row's
 * explanation into a narrow column (six words a line in German). */
#define NARROW_WIDTH 500
#define ENTRY_CHARS 20
#define NARROW_ENTRY_CHARS 10

/* GtkEntry in an AdwActionRow keeps to its width-chars, so the window
 * chooses them by its width. */
static void
update_entry_widths (CaPreferencesWindow *self)
{
  int width;
  int height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  for (guint i = 0; i < G_N_ELEMENTS (self->text_rows); i++)
    if (self->text_rows[i].entry != NULL)
      gtk_editable_set_width_chars (self->text_rows[i].entry,
                                    width > 0 && width < NARROW_WIDTH ? NARROW_ENTRY_CHARS : ENTRY_CHARS);
}

static void
on_default_width_changed_cb (CaPreferencesWindow *self,
                             GParamSpec          *pspec,
                             gpointer             user_data)
{
  update_entry_widths (self);
}

static void
ca_preferences_window_constructed (GObject *object)
{
  CaPreferencesWindow *self = (CaPreferencesWindow *) object;

  G_OBJECT_CLASS (ca_preferences_window_parent_class)->constructed (object);
  ca_accessible_name_buttons (GTK_WIDGET (object));
  /* Each row's control is named in the template; the row's activatable-widget
   * would label it with the same title again (“Validate DNSSEC Validate DNSSEC”). */
  ca_accessible_keep_label (GTK_WIDGET (self->dnssec_switch));
  ca_accessible_keep_label (GTK_WIDGET (self->timeout_button));

  g_settings_bind (self->settings, "dnssec", self->dnssec_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "timeout", self->timeout_button, "value", G_SETTINGS_BIND_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (text_settings); i++)
    bind_text_row (self, &self->text_rows[i], &text_settings[i]);
  update_entry_widths (self);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (on_default_width_changed_cb), NULL);
}

static void
ca_preferences_window_dispose (GObject *object)
{
  CaPreferencesWindow *self = (CaPreferencesWindow *) object;

  /* The bindings and handlers point into text_rows, which dies with the window. */
  for (guint i = 0; i < G_N_ELEMENTS (self->text_rows); i++)
    {
      TextRow *text_row = &self->text_rows[i];

      g_clear_handle_id (&text_row->update_id, g_source_remove);
      if (text_row->entry != NULL)
        {
          g_settings_unbind (text_row->entry, "text");
          g_signal_handlers_disconnect_by_data (text_row->entry, text_row);
          text_row->entry = NULL;
        }
      text_row->row = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (ca_preferences_window_parent_class)->dispose (object);
}

static void
ca_preferences_window_finalize (GObject *object)
{
  CaPreferencesWindow *self = (CaPreferencesWindow *) object;

  for (guint i = 0; i < G_N_ELEMENTS (self->text_rows); i++)
    g_clear_pointer (&self->text_rows[i].explanation, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ca_preferences_window_parent_class)->finalize (object);
}

static void
ca_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_preferences_window_class_init (CaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ca_preferences_window_constructed;
  object_class->dispose = ca_preferences_window_dispose;
  object_class->finalize = ca_preferences_window_finalize;
  object_class->get_property = ca_preferences_window_get_property;
  object_class->set_property = ca_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, dnssec_switch);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, timeout_button);
  /* Looked up by name in bind_text_row (). */
  for (guint i = 0; i < G_N_ELEMENTS (text_settings); i++)
    {
      gtk_widget_class_bind_template_child_full (widget_class, text_settings[i].row_name, FALSE, 0);
      gtk_widget_class_bind_template_child_full (widget_class, text_settings[i].entry_name, FALSE, 0);
    }

  gtk_widget_class_install_action (widget_class, "preferences.reset", NULL, reset_action_cb);
}

static void
ca_preferences_window_init (CaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

/**
 * ca_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: the app's settings, which the window changes as the user types
 *
 * Returns: (transfer none): the window, not shown yet; it destroys itself when closed
 */
CaPreferencesWindow *
ca_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}

GSettings *
ca_preferences_window_get_settings (CaPreferencesWindow *self)
{
  g_return_val_if_fail (CA_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}
