/* ca-resend-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaResendPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-accessible.h"
#include "ca-certificate-check.h"
#include "ca-domain.h"
#include "ca-mail-report.h"
#include "ca-plain-row.h"
#include "ca-resend-page.h"
#include "ca-severity-icon.h"
#include "ca-summary-page.h"
#include "ca-util.h"

/**
 * CaResendPage:
 *
 * Sends the approval mail of one name again, for a request or a renewal
 * waiting for approval. The user picks the name (those still waiting), then the domain it goes to: the name or a
 * parent up to the registrable domain, each with whether it receives mail,
 * looked up live; ACM's own choice comes preselected. The five addresses
 * that will get the mail are listed, and a confirmation repeats them before
 * anything is sent. One click sends one request: the button is off while it
 * is on its way. Afterwards: when it went out, until when the link works,
 * and how to recognise the mail.
 */
struct _CaResendPage
{
  CaWizardPage         parent_instance;

  AdwComboRow         *name_row;
  AdwPreferencesGroup *domain_group;
  AdwPreferencesGroup *addresses_group;
  AdwPreferencesGroup *result_group;
  AdwPreferencesGroup *error_group;
  AdwActionRow        *error_row;
  GtkSpinner          *send_spinner;

  CaAcmCertificate    *certificate;
  GPtrArray           *names;          /* the names still waiting for their mail */
  GPtrArray           *domain_rows;
  GPtrArray           *address_rows;
  GPtrArray           *result_rows;
  char                *validation_domain;
  GCancellable        *cancellable;
  gboolean             sending;
};

G_DEFINE_FINAL_TYPE (CaResendPage, ca_resend_page, CA_TYPE_WIZARD_PAGE)

#define DOMAIN_KEY "ca-domain"
#define REPORT_KEY "ca-mail-report"

/*
 * Auxiliary methods
 */

static const char *
get_name (CaResendPage *self)
{
  guint selected = adw_combo_row_get_selected (self->name_row);

  return selected < self->names->len ? g_ptr_array_index (self->names, selected) : NULL;
}

/* Email validations still waiting first; every name when none says so. */
static void
collect_names (CaResendPage *self)
{
  GPtrArray *validations = ca_acm_certificate_get_current_validations (self->certificate);
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; validations != NULL && i < validations->len; i++)
    {
      CaAcmDomainValidation *validation = g_ptr_array_index (validations, i);

      if (g_strcmp0 (ca_acm_domain_validation_get_status (validation), "SUCCESS") != 0)
        g_ptr_array_add (self->names, g_strdup (ca_acm_domain_validation_get_name (validation)));
    }
  if (self->names->len == 0)
    g_ptr_array_add (self->names, g_strdup (ca_acm_certificate_get_domain (self->certificate)));
  for (guint i = 0; i < self->names->len; i++)
    {
      g_autofree char *display = ca_domain_to_display (g_ptr_array_index (self->names, i));

      gtk_string_list_append (labels, display);
    }
  adw_combo_row_set_model (self->name_row, G_LIST_MODEL (labels));
}

/* Where ACM sends the name's mail today: its ValidationDomain, else the name. */
static char *
get_acm_validation_domain (CaResendPage *self,
                           const char   *name)
{
  CaAcmDomainValidation *validation = ca_acm_certificate_find_validation (self->certificate, name);
  const char *domain = validation != NULL ? ca_acm_domain_validation_get_validation_domain (validation) : NULL;

  return g_strdup (domain != NULL ? domain : name);
}

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
show_addresses (CaResendPage *self)
{
  g_autofree char *approval = NULL;
  g_auto (GStrv) addresses = NULL;

  clear_group (self->addresses_group, self->address_rows);
  if (self->validation_domain == NULL)
    return;
  approval = ca_domain_get_approval_domain (self->validation_domain, NULL);
  addresses = ca_domain_get_approver_addresses (approval);
  for (guint i = 0; addresses[i] != NULL; i++)
    {
      GtkWidget *row = ca_plain_row_new (addresses[i], NULL, "title-selectable", TRUE, NULL);

      adw_preferences_group_add (self->addresses_group, row);
      g_ptr_array_add (self->address_rows, row);
    }
}

static GtkWidget *
create_domain_row (CaResendPage *self,
                   const char   *domain,
                   GtkWidget    *group_check);

static void
show_domains (CaResendPage *self)
{
  const char *name = get_name (self);
  g_auto (GStrv) candidates = NULL;
  g_autofree char *preferred = NULL;
  GtkWidget *first_check = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_group (self->domain_group, self->domain_rows);
  if (name == NULL)
    return;

  preferred = get_acm_validation_domain (self, name);
  candidates = ca_domain_list_validation_candidates (name);
  for (guint i = 0; candidates[i] != NULL; i++)
    {
      GtkWidget *row = create_domain_row (self, candidates[i], first_check);

      if (first_check == NULL)
        first_check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
      adw_preferences_group_add (self->domain_group, row);
      g_ptr_array_add (self->domain_rows, row);
    }
  ca_resend_page_set_validation_domain (self, preferred);
  if (self->validation_domain == NULL)
    ca_resend_page_set_validation_domain (self, candidates[0]);
}

static void
set_sending (CaResendPage *self,
             gboolean      sending)
{
  self->sending = sending;
  gtk_widget_set_visible (GTK_WIDGET (self->send_spinner), sending);
  gtk_spinner_set_spinning (self->send_spinner, sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resend.send", !sending && self->validation_domain != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), !sending);
  gtk_widget_set_sensitive (GTK_WIDGET (self->domain_group), !sending);
}

static void
show_error (CaResendPage *self,
            const GError *error)
{
  ca_plain_row_set_subtitle (self->error_row, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
}

static void
show_result (CaResendPage *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GPtrArray) facts = ca_acm_resend_describe (self->certificate, get_name (self), now);

  clear_group (self->result_group, self->result_rows);
  for (guint i = 0; i < facts->len; i++)
    {
      CaFact *fact = g_ptr_array_index (facts, i);
      GtkWidget *row = ca_plain_row_new (ca_fact_get_title (fact), ca_fact_get_detail (fact),
                                         "title-selectable", TRUE, NULL);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), ca_status_icon_new (ca_fact_get_status (fact)));
      adw_preferences_group_add (self->result_group, row);
      g_ptr_array_add (self->result_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), TRUE);
}

/*
 * Callbacks
 */

static void
on_report_state_cb (CaMailReport *report,
                    GParamSpec   *pspec,
                    AdwActionRow *row)
{
  g_autofree char *summary = ca_mail_report_summarize (report);

  adw_action_row_set_subtitle (row, summary);
}

static void
mail_report_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  /* The row follows the report's state; a cancelled lookup leaves nothing to do. */
  ca_mail_report_run_finish (CA_MAIL_REPORT (object), result, NULL);
}

static void
on_domain_toggled_cb (GtkCheckButton *check,
                      CaResendPage   *self)
{
  if (gtk_check_button_get_active (check))
    ca_resend_page_set_validation_domain (self, g_object_get_data (G_OBJECT (check), DOMAIN_KEY));
}

/* A choice with whether the domain receives mail, asked at once. */
static GtkWidget *
create_domain_row (CaResendPage *self,
                   const char   *domain,
                   GtkWidget    *group_check)
{
  g_autofree char *display = ca_domain_to_display (domain);
  g_autoptr (CaMailReport) report = ca_mail_report_new (get_name (self), domain);
  g_autoptr (CaDnsResolver) resolver = ca_session_create_resolver (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)));
  g_autofree char *summary = ca_mail_report_summarize (report);
  /* Translators: the accessible name of a choice; %s is a domain */
  g_autofree char *label = g_strdup_printf (_("Send to the addresses at %s"), display);
  GtkWidget *row = ca_plain_row_new (display, summary, NULL);
  /* One choice of several: GTK 4.8 would call a grouped check button a check box. */
  GtkWidget *check = g_object_new (GTK_TYPE_CHECK_BUTTON, "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO, NULL);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group_check != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group_check));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (check), DOMAIN_KEY, g_strdup (domain), g_free);
  g_object_set_data_full (G_OBJECT (row), REPORT_KEY, g_object_ref (report), g_object_unref);
  g_signal_connect (check, "toggled", G_CALLBACK (on_domain_toggled_cb), self);
  g_signal_connect_object (report, "notify::state", G_CALLBACK (on_report_state_cb), row, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  ca_plain_row_add_action (ADW_ACTION_ROW (row), check);
  ca_mail_report_run_async (report, resolver, self->cancellable, mail_report_cb, NULL);
  return row;
}

static void
on_name_selected_cb (CaResendPage *self,
                     GParamSpec   *pspec,
                     AdwComboRow  *row)
{
  if (self->names->len > 0)
    show_domains (self);
}

static void
resend_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (CaResendPage) self = user_data;
  g_autoptr (CaSessionAction) action = NULL;
  g_autoptr (GError) error = NULL;

  set_sending (self, FALSE);
  if (!ca_acm_client_resend_validation_email_finish (CA_ACM_CLIENT (object), result, &error))
    {
      show_error (self, error);
      return;
    }
  /* Remembered for the summary, with the time ACM took it. */
  action = ca_session_action_new (CA_SESSION_ACTION_RESEND, ca_acm_certificate_get_arn (self->certificate),
                                  get_name (self), self->validation_domain, NULL);
  ca_session_add_action (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)), action);
  show_result (self);
}

static void
send (CaResendPage *self)
{
  g_autoptr (CaAcmClient) client = NULL;
  g_autoptr (GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->error_group), FALSE);
  client = ca_session_create_acm_client (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)), &error);
  if (client == NULL)
    {
      show_error (self, error);
      return;
    }
  set_sending (self, TRUE);
  /* Not cancelled with the page: a request on its way is sent either way, and
   * its answer must not be lost. */
  ca_acm_client_resend_validation_email_async (client, ca_acm_certificate_get_arn (self->certificate),
                                               get_name (self), self->validation_domain, NULL,
                                               resend_cb, g_object_ref (self));
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CaResendPage     *self)
{
  if (g_str_equal (response, "resend") && !self->sending)
    send (self);
}

static char *
list_addresses (CaResendPage *self)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new ();

  for (guint i = 0; i < self->address_rows->len; i++)
    g_ptr_array_add (lines, (gpointer) adw_preferences_row_get_title (g_ptr_array_index (self->address_rows, i)));
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
send_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CaResendPage *self = CA_RESEND_PAGE (widget);
  g_autofree char *display = ca_domain_to_display (get_name (self));
  g_autofree char *addresses = list_addresses (self);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a domain name */
  heading = g_strdup_printf (_("Send the approval mail for %s again?"), display);
  /* Translators: %s is a list of email addresses, one per line */
  body = g_strdup_printf (_("ACM will mail these addresses:\n%s"), addresses);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "resend", _("_Resend"),
                                    NULL);
  ca_accessible_name_buttons (dialog);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "resend", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "resend");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * Overrides
 */

static void
ca_resend_page_shown (CaWizardPage *page)
{
  CaResendPage *self = CA_RESEND_PAGE (page);

  if (self->domain_rows->len == 0)
    show_domains (self);
}

static void
ca_resend_page_dropped (CaWizardPage *page)
{
  g_cancellable_cancel (CA_RESEND_PAGE (page)->cancellable);
}

static void
ca_resend_page_dispose (GObject *object)
{
  CaResendPage *self = (CaResendPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->domain_rows, g_ptr_array_unref);
  g_clear_pointer (&self->address_rows, g_ptr_array_unref);
  g_clear_pointer (&self->result_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_resend_page_parent_class)->dispose (object);
}

static void
ca_resend_page_finalize (GObject *object)
{
  CaResendPage *self = (CaResendPage *) object;

  g_clear_object (&self->certificate);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->validation_domain, g_free);

  G_OBJECT_CLASS (ca_resend_page_parent_class)->finalize (object);
}

static void
ca_resend_page_next (CaWizardPage *page)
{
  ca_wizard_page_push_page (page, CA_WIZARD_PAGE (ca_summary_page_new ()));
}

static void
ca_resend_page_class_init (CaResendPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaWizardPageClass *page_class = CA_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = ca_resend_page_dispose;
  object_class->finalize = ca_resend_page_finalize;
  page_class->shown = ca_resend_page_shown;
  page_class->dropped = ca_resend_page_dropped;
  page_class->next = ca_resend_page_next;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-resend-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaResendPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, CaResendPage, domain_group);
  gtk_widget_class_bind_template_child (widget_class, CaResendPage, addresses_group);
  gtk_widget_class_bind_template_child (widget_class, CaResendPage, result_group);
  gtk_widget_class_bind_template_child (widget_class, CaResendPage, error_group);
  gtk_widget_class_bind_template_child (widget_class, CaResendPage, error_row);
  gtk_widget_class_bind_template_child (widget_class, CaResendPage, send_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_name_selected_cb);
  gtk_widget_class_install_action (widget_class, "resend.send", NULL, send_action_cb);
}

static void
ca_resend_page_init (CaResendPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->domain_rows = g_ptr_array_new ();
  self->address_rows = g_ptr_array_new ();
  self->result_rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resend.send", FALSE);
  /* The summary also ends a journey whose mail was not sent again. */
  ca_wizard_page_set_can_next (CA_WIZARD_PAGE (self), TRUE);
}

/*
 * Public API
 */

CaResendPage *
ca_resend_page_new (CaAcmCertificate *certificate)
{
  CaResendPage *self;

  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (certificate), NULL);

  self = g_object_new (CA_TYPE_RESEND_PAGE, NULL);
  self->certificate = g_object_ref (certificate);
  g_signal_handlers_block_by_func (self->name_row, on_name_selected_cb, self);
  collect_names (self);
  g_signal_handlers_unblock_by_func (self->name_row, on_name_selected_cb, self);
  return self;
}

/* Returns: (nullable): the domain whose addresses get the mail */
const char *
ca_resend_page_get_validation_domain (CaResendPage *self)
{
  g_return_val_if_fail (CA_IS_RESEND_PAGE (self), NULL);
  return self->validation_domain;
}

/**
 * ca_resend_page_set_validation_domain:
 * @domain: one of the domains offered for the name
 *
 * Chooses where the mail goes, as a click on its row does; a domain not
 * offered is ignored.
 */
void
ca_resend_page_set_validation_domain (CaResendPage *self,
                                      const char   *domain)
{
  g_return_if_fail (CA_IS_RESEND_PAGE (self));

  for (guint i = 0; domain != NULL && i < self->domain_rows->len; i++)
    {
      GtkWidget *check = adw_action_row_get_activatable_widget (g_ptr_array_index (self->domain_rows, i));

      if (!ca_dns_name_equal (g_object_get_data (G_OBJECT (check), DOMAIN_KEY), domain))
        continue;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      if (ca_set_str (&self->validation_domain, g_object_get_data (G_OBJECT (check), DOMAIN_KEY)))
        show_addresses (self);
      set_sending (self, self->sending);
      return;
    }
}

gboolean
ca_resend_page_get_sending (CaResendPage *self)
{
  g_return_val_if_fail (CA_IS_RESEND_PAGE (self), FALSE);
  return self->sending;
}
