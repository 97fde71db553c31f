/* ca-approvers-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaApproversPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-accessible.h"
#include "ca-approvers-page.h"
#include "ca-domain.h"
#include "ca-fact.h"
#include "ca-plain-row.h"
#include "ca-summary-page.h"

/* Short enough to feel live, long enough not to flash an error at every key. */
#define UPDATE_DELAY_MS 250
/* ACM puts at most 100 names in a certificate (with a raised quota). */
#define MAX_NAMES 100

struct _CaApproversPage
{
  CaWizardPage  parent_instance;

  AdwEntryRow  *names_row;
  GtkBox       *results_box;
  GtkWidget    *empty_label;

  GSettings    *settings;
  GPtrArray    *result_groups;
  guint         update_id;
};

G_DEFINE_FINAL_TYPE (CaApproversPage, ca_approvers_page, CA_TYPE_WIZARD_PAGE)

/*
 * Auxiliary methods
 */

/* Names may come one a line, pasted from a ticket, or separated by commas. */
static char **
split_names (const char *text)
{
  g_auto (GStrv) tokens = g_regex_split_simple ("[\\s,;]+", text, 0, 0);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; tokens[i] != NULL && names->len < MAX_NAMES; i++)
    if (*tokens[i] != '\0')
      g_ptr_array_add (names, g_strdup (tokens[i]));
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static GtkWidget *
create_copy_button (const char *address)
{
  GtkWidget *button;
  g_autofree char *label = NULL;

  button = g_object_new (GTK_TYPE_BUTTON,
                         "icon-name", "edit-copy-symbolic",
                         "tooltip-text", _("Copy Address"),
                         "valign", GTK_ALIGN_CENTER,
                         "action-name", "approvers.copy",
                         "action-target", g_variant_new_string (address),
                         NULL);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: the accessible name of a copy button; %s is an email address. */
  label = g_strdup_printf (_("Copy %s"), address);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return button;
}

static GtkWidget *
create_address_row (const char *address)
{
  GtkWidget *row;
  GtkWidget *button = create_copy_button (address);

  row = ca_plain_row_new (address, NULL, "title-selectable", TRUE, NULL);
  /* Enter on the row copies, as the button does. */
  ca_plain_row_add_action (ADW_ACTION_ROW (row), button);

  return row;
}

static GtkWidget *
create_info_row (const char *title,
                 const char *value)
{
  GtkWidget *row = ca_plain_row_new (title, value, NULL);

  gtk_widget_add_css_class (row, "ca-property");
  return row;
}

static GtkWidget *
create_candidates_row (const char         *approval_domain,
                       const char * const *candidates)
{
  GtkWidget *row;

  row = g_object_new (ADW_TYPE_EXPANDER_ROW,
                      "title", _("Validation Domains"),
                      "subtitle", _("When you request the certificate, you can choose which of these domains ACM mails"),
                      NULL);
  ca_accessible_name_expander_row (row);
  for (guint i = 0; candidates[i] != NULL; i++)
    {
      GtkWidget *child = ca_plain_row_new (candidates[i], NULL, "title-selectable", TRUE, NULL);

      if (g_strcmp0 (candidates[i], approval_domain) == 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (child), _("The default, unless you choose another"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);
    }

  return row;
}

static const char *
describe_addresses (const char *stripped)
{
  if (g_strcmp0 (stripped, "www") == 0)
    return _("ACM drops the leading “www” and mails these five addresses. Make sure one of them reaches you.");
  if (g_strcmp0 (stripped, "*") == 0)
    return _("ACM drops the wildcard label “*” and mails these five addresses. Make sure one of them reaches you.");

  return _("ACM mails these five addresses. Make sure one of them reaches you.");
}

static GtkWidget *
create_name_group (const char *name)
{
  g_autofree char *display = ca_domain_to_display (name);
  const char *stripped = NULL;
  g_autofree char *approval_domain = ca_domain_get_approval_domain (name, &stripped);
  g_auto (GStrv) addresses = ca_domain_get_approver_addresses (approval_domain);
  g_auto (GStrv) candidates = ca_domain_list_validation_candidates (name);
  AdwPreferencesGroup *group;

  group = g_object_new (ADW_TYPE_PREFERENCES_GROUP,
                        "title", display,
                        "description", describe_addresses (stripped),
                        NULL);
  if (g_strcmp0 (display, name) != 0)
    adw_preferences_group_add (group, create_info_row (_("Name in DNS (IDNA)"), name));
  adw_preferences_group_add (group, create_info_row (_("Approval Domain"), approval_domain));
  for (guint i = 0; addresses[i] != NULL; i++)
    adw_preferences_group_add (group, create_address_row (addresses[i]));
  if (candidates != NULL && g_strv_length (candidates) > 1)
    adw_preferences_group_add (group, create_candidates_row (approval_domain,
                                                             (const char * const *) candidates));

  return GTK_WIDGET (group);
}

static GtkWidget *
create_error_group (const char   *input,
                    const GError *error)
{
  AdwPreferencesGroup *group = g_object_new (ADW_TYPE_PREFERENCES_GROUP, NULL);
  GtkWidget *row;

  row = ca_plain_row_new (input, error->message, "icon-name", "dialog-error-symbolic", NULL);
  gtk_widget_add_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  adw_preferences_group_add (group, row);

  return GTK_WIDGET (group);
}

static void
clear_results (CaApproversPage *self)
{
  for (guint i = 0; i < self->result_groups->len; i++)
    gtk_box_remove (self->results_box, g_ptr_array_index (self->result_groups, i));
  g_ptr_array_set_size (self->result_groups, 0);
}

static void
add_result (CaApproversPage *self,
            GtkWidget       *group)
{
  gtk_box_append (self->results_box, group);
  g_ptr_array_add (self->result_groups, group);
}

/* Shows what is wrong first, so that it is in sight next to the entry. */
static guint
show_errors (CaApproversPage *self,
             char           **inputs)
{
  guint n_errors = 0;

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *name = ca_domain_normalize (inputs[i], &error);

      if (name != NULL)
        continue;
      add_result (self, create_error_group (inputs[i], error));
      n_errors++;
    }

  return n_errors;
}

/* One group per valid name, however often it was typed. */
static void
show_names (CaApproversPage *self,
            char           **inputs)
{
  g_autoptr (GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_autofree char *name = ca_domain_normalize (inputs[i], NULL);

      if (name == NULL || g_ptr_array_find_with_equal_func (shown, name, g_str_equal, NULL))
        continue;
      add_result (self, create_name_group (name));
      g_ptr_array_add (shown, g_steal_pointer (&name));
    }
}

static void
update_results (CaApproversPage *self)
{
  g_auto (GStrv) inputs = split_names (gtk_editable_get_text (GTK_EDITABLE (self->names_row)));
  guint n_errors;

  clear_results (self);
  n_errors = show_errors (self, inputs);
  show_names (self, inputs);

  gtk_widget_set_visible (self->empty_label, inputs[0] == NULL);
  if (n_errors > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->names_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->names_row), "error");
  /* Screen readers hear what the red outline shows. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->names_row), GTK_ACCESSIBLE_STATE_INVALID,
                               n_errors > 0 ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);

  /* Only what was typed in full is worth offering again next time. */
  if (n_errors == 0)
    g_settings_set_strv (self->settings, "last-names", (const char * const *) inputs);
}

/*
 * Callbacks
 */

static gboolean
update_timeout_cb (gpointer user_data)
{
  CaApproversPage *self = user_data;

  self->update_id = 0;
  update_results (self);

  return G_SOURCE_REMOVE;
}

static void
on_names_row_changed_cb (CaApproversPage *self,
                         GtkEditable     *editable)
{
  g_clear_handle_id (&self->update_id, g_source_remove);
  self->update_id = g_timeout_add (UPDATE_DELAY_MS, update_timeout_cb, self);
}

static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ca_wizard_page_copy_text (CA_WIZARD_PAGE (widget), g_variant_get_string (parameter, NULL));
}

/*
 * Overrides
 */

static void
ca_approvers_page_shown (CaWizardPage *page)
{
  CaApproversPage *self = CA_APPROVERS_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->names_row));
}

static void
ca_approvers_page_leaving (CaWizardPage *page)
{
  CaApproversPage *self = CA_APPROVERS_PAGE (page);

  /* Keep what the user typed last, even within the debounce. */
  if (self->update_id != 0)
    {
      g_clear_handle_id (&self->update_id, g_source_remove);
      update_results (self);
    }
}

static void
ca_approvers_page_dispose (GObject *object)
{
  CaApproversPage *self = (CaApproversPage *) object;

  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_pointer (&self->result_groups, g_ptr_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ca_approvers_page_parent_class)->dispose (object);
}

/* What the page found, for the summary: where each valid name's mail goes. */
static GPtrArray *
collect_found (CaApproversPage *self)
{
  g_auto (GStrv) inputs = split_names (gtk_editable_get_text (GTK_EDITABLE (self->names_row)));
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_autofree char *name = ca_domain_normalize (inputs[i], NULL);
      g_autofree char *display = NULL;
      g_autofree char *approval_domain = NULL;
      g_auto (GStrv) addresses = NULL;
      g_autofree char *list = NULL;
      g_autofree char *title = NULL;

      if (name == NULL || g_ptr_array_find_with_equal_func (shown, name, g_str_equal, NULL))
        continue;
      display = ca_domain_to_display (name);
      approval_domain = ca_domain_get_approval_domain (name, NULL);
      addresses = ca_domain_get_approver_addresses (approval_domain);
      list = g_strjoinv (", ", addresses);
      /* Translators: %1$s is a domain name, %2$s the domain ACM mails, %3$s its five addresses */
      title = g_strdup_printf (_("ACM mails the approval for %1$s to five addresses at %2$s: %3$s"),
                               display, approval_domain, list);
      g_ptr_array_add (found, ca_fact_new (CA_FACT_NOTE, title, NULL));
      g_ptr_array_add (shown, g_steal_pointer (&name));
    }
  return found;
}

static void
ca_approvers_page_next (CaWizardPage *page)
{
  g_autoptr (GPtrArray) found = collect_found (CA_APPROVERS_PAGE (page));

  ca_wizard_page_push_page (page, CA_WIZARD_PAGE (ca_summary_page_new_with_found (found)));
}

static void
ca_approvers_page_class_init (CaApproversPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaWizardPageClass *page_class = CA_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = ca_approvers_page_dispose;
  page_class->shown = ca_approvers_page_shown;
  page_class->leaving = ca_approvers_page_leaving;
  page_class->next = ca_approvers_page_next;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-approvers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaApproversPage, names_row);
  gtk_widget_class_bind_template_child (widget_class, CaApproversPage, results_box);
  gtk_widget_class_bind_template_child (widget_class, CaApproversPage, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_names_row_changed_cb);

  gtk_widget_class_install_action (widget_class, "approvers.copy", "s", copy_action_cb);
}

static void
ca_approvers_page_init (CaApproversPage *self)
{
  g_auto (GStrv) last_names = NULL;
  g_autofree char *text = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->result_groups = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID);

  /* Show the last names at once, as if typed again. */
  last_names = g_settings_get_strv (self->settings, "last-names");
  text = g_strjoinv (" ", last_names);
  gtk_editable_set_text (GTK_EDITABLE (self->names_row), text);
  g_clear_handle_id (&self->update_id, g_source_remove);
  update_results (self);
  ca_wizard_page_set_can_next (CA_WIZARD_PAGE (self), TRUE);
}

/*
 * Public API
 */

CaApproversPage *
ca_approvers_page_new (void)
{
  return g_object_new (CA_TYPE_APPROVERS_PAGE, NULL);
}
