/* ca-diagnosis-names-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaDiagnosisNamesPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-diagnosis-names-page.h"
#include "ca-diagnosis-page.h"
#include "ca-domain.h"
#include "ca-safe-text.h"

/* ACM puts at most 100 names in a certificate (with a raised quota). */
#define MAX_NAMES 100

/**
 * CaDiagnosisNamesPage:
 *
 * The start of the journey "My validation mail never arrived" without AWS:
 * the names of the certificate and, when one was chosen, the validation
 * domain. Next opens a #CaDiagnosisPage for them.
 */
struct _CaDiagnosisNamesPage
{
  CaWizardPage  parent_instance;

  AdwEntryRow  *names_row;
  AdwEntryRow  *validation_row;
  GtkLabel     *error_label;
  GSettings    *settings;
};

G_DEFINE_FINAL_TYPE (CaDiagnosisNamesPage, ca_diagnosis_names_page, CA_TYPE_WIZARD_PAGE)

/*
 * Auxiliary methods
 */

/* Names may come one a line, pasted from a ticket, or separated by commas. */
static char **
split_names (const char *text)
{
  g_auto (GStrv) tokens = g_regex_split_simple ("[\\s,;]+", text, 0, 0);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; tokens[i] != NULL && n < MAX_NAMES; i++)
    if (*tokens[i] != '\0')
      {
        g_strv_builder_add (builder, tokens[i]);
        n++;
      }
  return g_strv_builder_end (builder);
}

static const char *
get_validation_domain (CaDiagnosisNamesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->validation_row));

  return *text != '\0' ? text : NULL;
}

/* The first problem with the input, so the user fixes one thing at a time. */
static gboolean
check_input (CaDiagnosisNamesPage  *self,
             char                 **names,
             GError               **error)
{
  const char *validation_domain = get_validation_domain (self);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = ca_domain_normalize (names[i], error);
      g_autofree char *checked = NULL;

      if (name == NULL)
        return FALSE;
      if (validation_domain == NULL)
        continue;
      checked = ca_domain_check_validation_domain (name, validation_domain, error);
      if (checked == NULL)
        return FALSE;
    }
  return names[0] != NULL;
}

static void
update_state (CaDiagnosisNamesPage *self)
{
  g_auto (GStrv) names = split_names (gtk_editable_get_text (GTK_EDITABLE (self->names_row)));
  g_autoptr (GError) error = NULL;
  gboolean ok = check_input (self, names, &error);
  /* The message quotes what was typed or pasted: no control or bidi character reaches the label. */
  g_autofree char *shown = error != NULL ? ca_safe_text_clean (error->message, -1, CA_SAFE_TEXT_NO_BIDI) : NULL;

  gtk_label_set_text (self->error_label, shown != NULL ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  /* Screen readers hear what the red text shows. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->names_row), GTK_ACCESSIBLE_STATE_INVALID,
                               error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  ca_wizard_page_set_can_next (CA_WIZARD_PAGE (self), ok);
}

/*
 * Callbacks
 */

static void
on_input_changed_cb (CaDiagnosisNamesPage *self,
                     GtkEditable          *editable)
{
  update_state (self);
}

static void
on_entry_activated_cb (CaDiagnosisNamesPage *self,
                       AdwEntryRow          *row)
{
  ca_wizard_page_next (CA_WIZARD_PAGE (self));
}

/*
 * Overrides
 */

static void
ca_diagnosis_names_page_next (CaWizardPage *page)
{
  CaDiagnosisNamesPage *self = CA_DIAGNOSIS_NAMES_PAGE (page);
  g_auto (GStrv) names = split_names (gtk_editable_get_text (GTK_EDITABLE (self->names_row)));

  g_settings_set_strv (self->settings, "last-names", (const char * const *) names);
  ca_wizard_page_push_page (page, CA_WIZARD_PAGE (ca_diagnosis_page_new ((const char * const *) names,
                                                                         get_validation_domain (self))));
}

static void
ca_diagnosis_names_page_shown (CaWizardPage *page)
{
  CaDiagnosisNamesPage *self = CA_DIAGNOSIS_NAMES_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->names_row));
}

static void
ca_diagnosis_names_page_dispose (GObject *object)
{
  CaDiagnosisNamesPage *self = (CaDiagnosisNamesPage *) object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ca_diagnosis_names_page_parent_class)->dispose (object);
}

static void
ca_diagnosis_names_page_class_init (CaDiagnosisNamesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaWizardPageClass *page_class = CA_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = ca_diagnosis_names_page_dispose;
  page_class->next = ca_diagnosis_names_page_next;
  page_class->shown = ca_diagnosis_names_page_shown;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-diagnosis-names-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisNamesPage, names_row);
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisNamesPage, validation_row);
  gtk_widget_class_bind_template_child (widget_class, CaDiagnosisNamesPage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
}

static void
ca_diagnosis_names_page_init (CaDiagnosisNamesPage *self)
{
  g_auto (GStrv) last_names = NULL;
  g_autofree char *text = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);

  last_names = g_settings_get_strv (self->settings, "last-names");
  text = g_strjoinv (" ", last_names);
  gtk_editable_set_text (GTK_EDITABLE (self->names_row), text);
  update_state (self);
}

/*
 * Public API
 */

CaDiagnosisNamesPage *
ca_diagnosis_names_page_new (void)
{
  return g_object_new (CA_TYPE_DIAGNOSIS_NAMES_PAGE, NULL);
}
