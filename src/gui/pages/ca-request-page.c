/* ca-request-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRequestPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-domain.h"
#include "ca-mail-report.h"
#include "ca-plain-row.h"
#include "ca-request-page.h"
#include "ca-safe-text.h"
#include "ca-watch-page.h"

/**
 * CaRequestPage:
 *
 * Asks ACM for a new public certificate: the names (checked as they are
 * typed, shown in Unicode, sent in their ASCII form), the validation method
 * with DNS recommended and the end of email validation said, for email the
 * domain each name's mail goes to, and the key type. One click sends one
 * request; the session's watch then follows the certificate and
 * #CaWatchPage shows its records. Going to the next page and back keeps
 * everything typed.
 */
struct _CaRequestPage
{
  CaWizardPage         parent_instance;

  AdwEntryRow         *names_row;
  GtkLabel            *error_label;
  AdwPreferencesGroup *names_group;
  AdwComboRow         *method_row;
  AdwActionRow        *method_note_row;
  AdwComboRow         *key_row;
  AdwPreferencesGroup *error_group;
  AdwActionRow        *error_row;
  GtkSpinner          *spinner;

  GPtrArray           *names;       /* ASCII forms of the valid names typed */
  GPtrArray           *name_rows;   /* rows in names_group, one per name */
  CaDnsResolver       *resolver;    /* for the mail state of validation domains */
  GCancellable        *cancellable;
  GCancellable        *mail_cancellable;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (CaRequestPage, ca_request_page, CA_TYPE_WIZARD_PAGE)

/* ACM takes up to 100 names; a page of rows for each is plenty. */
#define MAX_NAMES 100

enum { METHOD_DNS, METHOD_EMAIL };

/* In the order of the key row's items. */
static const char *key_algorithms[] = { "RSA_2048", "EC_prime256v1", "EC_secp384r1" };

#define CANDIDATES_KEY "ca-candidates"
#define NAME_KEY "ca-name"
#define REPORT_KEY "ca-mail-report"

/*
 * Auxiliary methods
 */

static gboolean
uses_email (CaRequestPage *self)
{
  return adw_combo_row_get_selected (self->method_row) == METHOD_EMAIL;
}

/* Names one a line, or separated by commas, as they come from a ticket. */
static char **
split_names (const char *text)
{
  g_auto (GStrv) tokens = g_regex_split_simple ("[\\s,;]+", text, 0, 0);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; tokens[i] != NULL; i++)
    if (*tokens[i] != '\0')
      g_strv_builder_add (builder, tokens[i]);
  return g_strv_builder_end (builder);
}

/* The valid names in ASCII, once each; the first problem in @error. */
static GPtrArray *
parse_names (const char  *text,
             GError     **error)
{
  g_auto (GStrv) tokens = split_names (text);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autofree char *name = ca_domain_normalize (tokens[i], error);

      if (name == NULL)
        return NULL;
      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, g_steal_pointer (&name));
    }
  if (names->len > 0 && !ca_domain_check_first_name (g_ptr_array_index (names, 0), error))
    return NULL;
  if (names->len > MAX_NAMES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   g_dngettext (GETTEXT_PACKAGE, "A certificate covers at most %d name.",
                                "A certificate covers at most %d names.", MAX_NAMES),
                   MAX_NAMES);
      return NULL;
    }
  return g_steal_pointer (&names);
}

/* The name in Unicode; its ASCII form beneath when they differ, as ACM shows that one. */
static GtkWidget *
create_dns_name_row (const char *name)
{
  g_autofree char *display = ca_domain_to_display (name);
  g_autofree char *ascii = NULL;

  if (g_strcmp0 (display, name) != 0)
    /* Translators: %s is a domain name in its ASCII form (xn--…) */
    ascii = g_strdup_printf (_("ACM shows it as %s"), name);
  return ca_plain_row_new (display, ascii, NULL);
}

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

/* Whether the chosen domain receives mail, asked as soon as it is chosen. */
static void
check_mail_domain (CaRequestPage *self,
                   AdwComboRow   *row)
{
  char **candidates = g_object_get_data (G_OBJECT (row), CANDIDATES_KEY);
  guint selected = adw_combo_row_get_selected (row);
  CaMailReport *earlier = g_object_get_data (G_OBJECT (row), REPORT_KEY);
  g_autoptr (CaMailReport) report = NULL;
  g_autofree char *summary = NULL;

  if (candidates == NULL || selected >= g_strv_length (candidates))
    return;
  /* The answer about the domain chosen before must not land on this one. */
  if (earlier != NULL)
    g_signal_handlers_disconnect_by_data (earlier, row);
  if (self->resolver == NULL)
    self->resolver = ca_session_create_resolver (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)));
  report = ca_mail_report_new (g_object_get_data (G_OBJECT (row), NAME_KEY), candidates[selected]);
  summary = ca_mail_report_summarize (report);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  g_object_set_data_full (G_OBJECT (row), REPORT_KEY, g_object_ref (report), g_object_unref);
  g_signal_connect_object (report, "notify::state", G_CALLBACK (on_report_state_cb), row, 0);
  ca_mail_report_run_async (report, self->resolver, self->mail_cancellable, mail_report_cb, NULL);
}

static void
on_domain_selected_cb (AdwComboRow   *row,
                       GParamSpec    *pspec,
                       CaRequestPage *self)
{
  check_mail_domain (self, row);
}

/* For email, where the name's mail goes: the name or a parent, up to the
 * registrable domain, with whether the chosen one receives mail. */
static GtkWidget *
create_email_name_row (CaRequestPage *self,
                       const char    *name)
{
  g_autofree char *display = ca_domain_to_display (name);
  g_auto (GStrv) candidates = ca_domain_list_validation_candidates (name);
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = g_object_new (ADW_TYPE_COMBO_ROW,
                                 "use-markup", FALSE,
                                 "title", display,
                                 NULL);

  for (guint i = 0; candidates != NULL && candidates[i] != NULL; i++)
    {
      g_autofree char *label = ca_domain_to_display (candidates[i]);

      gtk_string_list_append (labels, label);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  g_object_set_data_full (G_OBJECT (row), CANDIDATES_KEY, g_steal_pointer (&candidates), (GDestroyNotify) g_strfreev);
  g_object_set_data_full (G_OBJECT (row), NAME_KEY, g_strdup (name), g_free);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_domain_selected_cb), self, 0);
  check_mail_domain (self, ADW_COMBO_ROW (row));
  return row;
}

static void
show_names (CaRequestPage *self)
{
  /* The rows and their lookups are made anew. */
  g_cancellable_cancel (self->mail_cancellable);
  g_clear_object (&self->mail_cancellable);
  self->mail_cancellable = g_cancellable_new ();

  for (guint i = 0; i < self->name_rows->len; i++)
    adw_preferences_group_remove (self->names_group, g_ptr_array_index (self->name_rows, i));
  g_ptr_array_set_size (self->name_rows, 0);

  for (guint i = 0; self->names != NULL && i < self->names->len; i++)
    {
      const char *name = g_ptr_array_index (self->names, i);
      GtkWidget *row = uses_email (self) ? create_email_name_row (self, name) : create_dns_name_row (name);

      adw_preferences_group_add (self->names_group, row);
      g_ptr_array_add (self->name_rows, row);
    }
  adw_preferences_group_set_title (self->names_group,
                                   uses_email (self) ? _("Where the Approval Mail Goes") : _("The Certificate Covers"));
  adw_preferences_group_set_description (self->names_group,
                                         uses_email (self)
                                         ? _("Approval mail goes to admin@, hostmaster@, postmaster@, webmaster@ and administrator@ at the chosen domain")
                                         : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->names_group), self->name_rows->len > 0);
}

static void
update_names (CaRequestPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *shown = NULL;

  g_clear_pointer (&self->names, g_ptr_array_unref);
  self->names = parse_names (gtk_editable_get_text (GTK_EDITABLE (self->names_row)), &error);
  /* The message quotes what was typed or pasted: no control or bidi character reaches the label. */
  if (error != NULL)
    shown = ca_safe_text_clean (error->message, -1, CA_SAFE_TEXT_NO_BIDI);
  gtk_label_set_text (self->error_label, shown != NULL ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  /* Screen readers hear what the red text shows. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->names_row), GTK_ACCESSIBLE_STATE_INVALID,
                               error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.send",
                                 !self->busy && self->names != NULL && self->names->len > 0);
  show_names (self);
}

static void
show_method_note (CaRequestPage *self)
{
  if (uses_email (self))
    adw_action_row_set_subtitle (self->method_note_row,
                                 _("ACM issues no email-validated certificates after 31 March 2027 and renews none after 30 September 2027. Each renewal until then needs someone to click a mail."));
  else
    adw_action_row_set_subtitle (self->method_note_row,
                                 _("One DNS record per name. ACM renews the certificate by itself for as long as the records stay published."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->method_note_row),
                                 uses_email (self) ? _("Email validation ends in 2027") : _("Renewed by itself"));
}

/* The validation domain chosen for each name, in the order of the names. */
static char **
get_validation_domains (CaRequestPage *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->name_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->name_rows, i);
      char **candidates = g_object_get_data (G_OBJECT (row), CANDIDATES_KEY);
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

      g_strv_builder_add (builder, candidates != NULL && selected < g_strv_length (candidates)
                                   ? candidates[selected] : g_ptr_array_index (self->names, i));
    }
  return g_strv_builder_end (builder);
}

static void
set_busy (CaRequestPage *self,
          gboolean       busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* One click, one request: the button waits for the answer. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.send",
                                 !busy && self->names != NULL && self->names->len > 0);
  if (busy)
    gtk_widget_set_visible (GTK_WIDGET (self->error_group), FALSE);
}

static void
show_error (CaRequestPage *self,
            const GError  *error)
{
  set_busy (self, FALSE);
  ca_plain_row_set_subtitle (self->error_row, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
}

/*
 * Callbacks
 */

static void
on_names_changed_cb (CaRequestPage *self)
{
  update_names (self);
}

static void
on_method_selected_cb (CaRequestPage *self)
{
  show_method_note (self);
  show_names (self);
}

typedef struct
{
  CaRequestPage *self;
  CaAcmClient   *client;
} RequestData;

static void
request_data_free (RequestData *data)
{
  g_object_unref (data->client);
  g_free (data);
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  RequestData *data = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *arn = NULL;
  g_autoptr (CaCertificateWatch) watch = NULL;
  g_autoptr (CaSessionAction) action = NULL;
  CaRequestPage *self;

  arn = ca_acm_client_request_certificate_finish (CA_ACM_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      request_data_free (data);
      return;
    }
  self = data->self;
  if (arn == NULL)
    {
      show_error (self, error);
      request_data_free (data);
      return;
    }
  set_busy (self, FALSE);
  action = ca_session_action_new (CA_SESSION_ACTION_REQUESTED, arn,
                                  self->names->len > 0 ? g_ptr_array_index (self->names, 0) : NULL, NULL, NULL);
  ca_session_add_action (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)), action);
  watch = ca_certificate_watch_new (data->client, arn, CA_WATCH_KIND_REQUEST);
  ca_session_add_watch (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)), watch);
  ca_wizard_page_push_page (CA_WIZARD_PAGE (self), CA_WIZARD_PAGE (ca_watch_page_new (watch, NULL)));
  request_data_free (data);
}

static void
send_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CaRequestPage *self = CA_REQUEST_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) validation_domains = NULL;
  g_autoptr (GPtrArray) names = NULL;
  CaAcmClient *client;
  RequestData *data;
  guint key;

  if (self->busy || self->names == NULL || self->names->len == 0)
    return;
  client = ca_session_create_acm_client (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)), &error);
  if (client == NULL)
    {
      show_error (self, error);
      return;
    }
  /* NULL-terminated, as the client wants a string vector. */
  names = g_ptr_array_new ();
  for (guint i = 0; i < self->names->len; i++)
    g_ptr_array_add (names, g_ptr_array_index (self->names, i));
  g_ptr_array_add (names, NULL);
  if (uses_email (self))
    validation_domains = get_validation_domains (self);
  key = MIN (adw_combo_row_get_selected (self->key_row), G_N_ELEMENTS (key_algorithms) - 1);

  data = g_new0 (RequestData, 1);
  data->self = self;
  data->client = client;
  set_busy (self, TRUE);
  ca_acm_client_request_certificate_async (client, (const char * const *) names->pdata,
                                           uses_email (self) ? "EMAIL" : "DNS",
                                           (const char * const *) validation_domains,
                                           key_algorithms[key], NULL, self->cancellable, request_cb, data);
}

/*
 * Overrides
 */

static void
ca_request_page_shown (CaWizardPage *page)
{
  gtk_widget_grab_focus (GTK_WIDGET (CA_REQUEST_PAGE (page)->names_row));
}

/* A request on its way is answered either way; the page only stops listening. */
static void
ca_request_page_dropped (CaWizardPage *page)
{
  g_cancellable_cancel (CA_REQUEST_PAGE (page)->cancellable);
}

static void
ca_request_page_dispose (GObject *object)
{
  CaRequestPage *self = (CaRequestPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->mail_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->mail_cancellable);
  g_clear_object (&self->resolver);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->name_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_request_page_parent_class)->dispose (object);
}

static void
ca_request_page_class_init (CaRequestPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaWizardPageClass *page_class = CA_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = ca_request_page_dispose;
  page_class->shown = ca_request_page_shown;
  page_class->dropped = ca_request_page_dropped;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-request-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaRequestPage, names_row);
  gtk_widget_class_bind_template_child (widget_class, CaRequestPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CaRequestPage, names_group);
  gtk_widget_class_bind_template_child (widget_class, CaRequestPage, method_row);
  gtk_widget_class_bind_template_child (widget_class, CaRequestPage, method_note_row);
  gtk_widget_class_bind_template_child (widget_class, CaRequestPage, key_row);
  gtk_widget_class_bind_template_child (widget_class, CaRequestPage, error_group);
  gtk_widget_class_bind_template_child (widget_class, CaRequestPage, error_row);
  gtk_widget_class_bind_template_child (widget_class, CaRequestPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_names_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_method_selected_cb);

  gtk_widget_class_install_action (widget_class, "request.send", NULL, send_action_cb);
}

static void
ca_request_page_init (CaRequestPage *self)
{
  self->name_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  show_method_note (self);
  update_names (self);
}

/*
 * Public API
 */

CaRequestPage *
ca_request_page_new (void)
{
  return g_object_new (CA_TYPE_REQUEST_PAGE, NULL);
}
