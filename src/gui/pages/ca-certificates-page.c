/* ca-certificates-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCertificatesPage"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ca-aws-regions.h"
#include "ca-certificate-check.h"
#include "ca-certificates-page.h"
#include "ca-diagnosis-page.h"
#include "ca-domain.h"
#include "ca-error.h"
#include "ca-move-page.h"
#include "ca-plain-row.h"
#include "ca-severity-icon.h"
#include "ca-sso-login.h"
#include "ca-sso-sign-in-dialog.h"

/**
 * CaCertificatesPage:
 *
 * The certificates of the session's region, those waiting for approval
 * first, each with its state in words, its names, the time left to approve
 * or until it expires, and whether it is in use. Picking one asks ACM for
 * the whole certificate and diagnoses its names with ACM's view. Errors say
 * what went wrong and how to get out; a retry asks again.
 */
struct _CaCertificatesPage
{
  CaWizardPage         parent_instance;

  AdwPreferencesGroup *status_group;
  AdwActionRow        *progress_row;
  GtkSpinner          *spinner;
  AdwActionRow        *error_row;
  GtkButton           *sign_in_button;
  AdwPreferencesGroup *list_group;
  GtkSearchEntry      *search_entry;
  GtkListBox          *list_box;

  GCancellable        *cancellable;
  CaAcmClient         *client;
  gboolean             busy;

  /* Rows still to be described in the background, for their validation method. */
  GQueue               details_queue;
  guint                details_in_flight;
};

G_DEFINE_FINAL_TYPE (CaCertificatesPage, ca_certificates_page, CA_TYPE_WIZARD_PAGE)

#define CERTIFICATE_KEY "ca-certificate"

/* ListCertificates does not say how a certificate is validated: each row is
 * described on its own, a few at a time, well within ACM's request rate. */
#define MAX_DETAILS_IN_FLIGHT 3

typedef struct
{
  CaCertificatesPage *page;          /* alive while cancellable is not cancelled */
  GCancellable       *cancellable;
  GtkWidget          *row;
} DetailsRequest;

/*
 * Auxiliary methods
 */

/* Those that wait for someone first, then those that failed, then the rest. */
static int
status_rank (CaAcmCertificate *certificate)
{
  const char *status = ca_acm_certificate_get_status (certificate);

  if (g_strcmp0 (status, "PENDING_VALIDATION") == 0)
    return 0;
  if (g_strcmp0 (status, "VALIDATION_TIMED_OUT") == 0 || g_strcmp0 (status, "FAILED") == 0)
    return 1;
  if (g_strcmp0 (status, "ISSUED") == 0)
    return 2;
  return 3;
}

static int
compare_certificates (gconstpointer a,
                      gconstpointer b)
{
  CaAcmCertificate *first = *(CaAcmCertificate **) a;
  CaAcmCertificate *second = *(CaAcmCertificate **) b;

  if (status_rank (first) != status_rank (second))
    return status_rank (first) - status_rank (second);
  return g_strcmp0 (ca_acm_certificate_get_domain (first), ca_acm_certificate_get_domain (second));
}

static CaFactStatus
get_fact_status (CaAcmCertificate *certificate)
{
  switch (status_rank (certificate))
    {
    case 0:
      return CA_FACT_WARNING;
    case 1:
      return CA_FACT_PROBLEM;
    case 2:
      return CA_FACT_GOOD;
    default:
      return CA_FACT_NOTE;
    }
}

/* The time that matters: left to approve while pending, else until it expires. */
static char *
describe_time (CaAcmCertificate *certificate)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *created = ca_acm_certificate_get_created_at (certificate);
  GDateTime *not_after = ca_acm_certificate_get_not_after (certificate);
  GTimeSpan left;

  if (g_strcmp0 (ca_acm_certificate_get_status (certificate), "PENDING_VALIDATION") == 0 && created != NULL)
    {
      left = g_date_time_difference (created, now) + CA_ACM_VALIDATION_WINDOW;
      if (left <= 0)
        return g_strdup (_("the 72 hours to approve have passed"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour left to approve", "%d hours left to approve",
                                           (int) (left / G_TIME_SPAN_HOUR)),
                              (int) (left / G_TIME_SPAN_HOUR));
    }
  if (not_after == NULL)
    return NULL;
  left = g_date_time_difference (not_after, now);
  if (left <= 0)
    return g_strdup (_("expired"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "expires in %d day", "expires in %d days",
                                       (int) (left / G_TIME_SPAN_DAY)),
                          (int) (left / G_TIME_SPAN_DAY));
}

/* Imported certificates have no validation method; summaries do not carry it. */
static const char *
describe_validation_method (CaAcmCertificate *certificate)
{
  const char *method = ca_acm_certificate_get_validation_method (certificate);

  if (g_strcmp0 (method, "EMAIL") == 0)
    return _("email validation");
  if (g_strcmp0 (method, "DNS") == 0)
    return _("DNS validation");
  return NULL;
}

/* “Waiting for validation · email validation · 51 hours left to approve · in use”:
 * each part a whole phrase. */
static char *
describe_certificate (CaAcmCertificate *certificate)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *time = describe_time (certificate);
  const char *method = describe_validation_method (certificate);

  g_ptr_array_add (parts, g_strdup (ca_acm_status_get_label (ca_acm_certificate_get_status (certificate))));
  if (method != NULL)
    g_ptr_array_add (parts, g_strdup (method));
  if (time != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&time));
  if (ca_acm_certificate_get_in_use (certificate))
    g_ptr_array_add (parts, g_strdup (_("in use")));
  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the facts of a certificate */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

/* Names as people write them (Unicode), with the ASCII form where it differs. */
static char *
describe_names (CaAcmCertificate *certificate)
{
  const char * const *sans = ca_acm_certificate_get_sans (certificate);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; sans != NULL && sans[i] != NULL; i++)
    g_ptr_array_add (names, ca_domain_to_display (sans[i]));
  if (names->len <= 1)
    return NULL;
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static void on_row_activated_cb (CaCertificatesPage *self,
                                 AdwActionRow       *row);
static void describe_next_rows  (CaCertificatesPage *self);

static char *
describe_row (CaAcmCertificate *certificate)
{
  g_autofree char *subtitle = describe_certificate (certificate);
  g_autofree char *names = describe_names (certificate);

  if (names == NULL)
    return g_steal_pointer (&subtitle);
  /* Translators: the certificate's state, then all its names */
  return g_strdup_printf (_("%s\n%s"), subtitle, names);
}

static GtkWidget *
create_row (CaCertificatesPage *self,
            CaAcmCertificate   *certificate)
{
  g_autofree char *title = ca_domain_to_display (ca_acm_certificate_get_domain (certificate));
  g_autofree char *subtitle = describe_row (certificate);
  GtkWidget *row;
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  row = ca_plain_row_new (title, subtitle, "activatable", TRUE, NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), ca_status_icon_new (get_fact_status (certificate)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data_full (G_OBJECT (row), CERTIFICATE_KEY, g_object_ref (certificate), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated_cb), self, G_CONNECT_SWAPPED);
  return row;
}

static void
clear_rows (CaCertificatesPage *self)
{
  GtkWidget *child;

  g_queue_clear_full (&self->details_queue, g_object_unref);
  self->details_in_flight = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (self->list_box, child);
}

/* An empty group would still draw its frame. */
static void
update_status_group (CaCertificatesPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->status_group),
                          gtk_widget_get_visible (GTK_WIDGET (self->progress_row)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->error_row)));
}

static void
set_busy (CaCertificatesPage *self,
          const char         *message)
{
  self->busy = message != NULL;
  if (message != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_row), message);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_row), self->busy);
  update_status_group (self);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "certificates.refresh", !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->list_box), !self->busy);
}

/* The profile signs in through IAM Identity Center: a failed call may just
 * mean that its sign-in expired. */
static gboolean
profile_uses_identity_center (CaCertificatesPage *self)
{
  CaCredentialsProvider *provider = self->client != NULL ? ca_aws_client_get_credentials (ca_acm_client_get_aws (self->client)) : NULL;
  CaAwsConfig *config = provider != NULL ? ca_credentials_provider_get_config (provider) : NULL;
  const char *profile = provider != NULL ? ca_credentials_provider_get_profile (provider) : NULL;

  return config != NULL && profile != NULL &&
         (ca_aws_config_get_profile_value (config, profile, "sso_session") != NULL ||
          ca_aws_config_get_profile_value (config, profile, "sso_start_url") != NULL);
}

static void
show_error (CaCertificatesPage *self,
            const GError       *error)
{
  gboolean credentials = g_error_matches (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS) ||
                         g_error_matches (error, CA_ERROR, CA_ERROR_ACCESS_DENIED);

  ca_plain_row_set_subtitle (self->error_row, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), credentials && profile_uses_identity_center (self));
  update_status_group (self);
}

/*
 * Callbacks
 */

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) certificates = NULL;
  CaCertificatesPage *self;

  certificates = ca_acm_client_list_certificates_finish (CA_ACM_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = CA_CERTIFICATES_PAGE (user_data);
  set_busy (self, NULL);
  if (certificates == NULL)
    {
      show_error (self, error);
      return;
    }
  g_ptr_array_sort (certificates, compare_certificates);
  for (guint i = 0; i < certificates->len; i++)
    {
      GtkWidget *row = create_row (self, g_ptr_array_index (certificates, i));

      gtk_list_box_append (self->list_box, row);
      g_queue_push_tail (&self->details_queue, g_object_ref (row));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list_group), TRUE);
  describe_next_rows (self);
}

static void
details_request_free (DetailsRequest *request)
{
  g_object_unref (request->cancellable);
  g_object_unref (request->row);
  g_free (request);
}

/* The whole certificate: the row now says how it is validated. A failure
 * leaves the row as the list described it; opening it asks again. */
static void
details_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  DetailsRequest *request = user_data;
  g_autoptr (CaAcmCertificate) certificate = NULL;
  g_autofree char *subtitle = NULL;

  certificate = ca_acm_client_describe_certificate_finish (CA_ACM_CLIENT (object), result, NULL);
  if (g_cancellable_is_cancelled (request->cancellable))
    {
      details_request_free (request);
      return;
    }
  if (certificate != NULL)
    {
      subtitle = describe_row (certificate);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (request->row), subtitle);
    }
  request->page->details_in_flight--;
  describe_next_rows (request->page);
  details_request_free (request);
}

static void
describe_next_rows (CaCertificatesPage *self)
{
  while (self->details_in_flight < MAX_DETAILS_IN_FLIGHT && !g_queue_is_empty (&self->details_queue))
    {
      GtkWidget *row = g_queue_pop_head (&self->details_queue);
      CaAcmCertificate *summary = g_object_get_data (G_OBJECT (row), CERTIFICATE_KEY);
      DetailsRequest *request = g_new0 (DetailsRequest, 1);

      request->page = self;
      request->cancellable = g_object_ref (self->cancellable);
      request->row = row;
      self->details_in_flight++;
      ca_acm_client_describe_certificate_async (self->client, ca_acm_certificate_get_arn (summary),
                                                self->cancellable, details_cb, request);
    }
}

/* The label of @widget's subtree that shows @text, or %NULL. */
static GtkLabel *
find_label_showing (GtkWidget  *widget,
                    const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label_showing (child, text);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* A region's name is long in some languages (“Zertifikate in USA Ost
 * (Nord-Virginia)”): at 360 px the group's title wraps instead of being cut
 * short, which libadwaita 1.2's group does and has no property against. */
static void
wrap_group_title (AdwPreferencesGroup *group)
{
  GtkLabel *label = find_label_showing (GTK_WIDGET (group), adw_preferences_group_get_title (group));

  if (label == NULL)
    return;
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
}

static void
refresh (CaCertificatesPage *self)
{
  CaSession *session = ca_wizard_page_get_session (CA_WIZARD_PAGE (self));
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  const char *region;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->list_group), FALSE);

  g_clear_object (&self->client);
  self->client = ca_session_create_acm_client (session, &error);
  if (self->client == NULL)
    {
      show_error (self, error);
      return;
    }
  region = ca_aws_client_get_region (ca_acm_client_get_aws (self->client));
  /* Translators: %s is a region's name, such as “Europe (Frankfurt)” */
  title = g_strdup_printf (_("Certificates in %s"), ca_aws_region_get_name (region) != NULL ? ca_aws_region_get_name (region) : region);
  adw_preferences_group_set_title (self->list_group, title);
  wrap_group_title (self->list_group);
  set_busy (self, _("Asking ACM for the certificates…"));
  ca_acm_client_list_certificates_async (self->client, NULL, self->cancellable, list_cb, self);
}

static void
describe_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmCertificate) certificate = NULL;
  CaCertificatesPage *self;
  CaSession *session;

  certificate = ca_acm_client_describe_certificate_finish (CA_ACM_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = CA_CERTIFICATES_PAGE (user_data);
  set_busy (self, NULL);
  if (certificate == NULL)
    {
      show_error (self, error);
      return;
    }
  session = ca_wizard_page_get_session (CA_WIZARD_PAGE (self));
  ca_session_set_certificate (session, certificate);
  if (ca_session_get_journey (session) == CA_JOURNEY_MOVE_TO_DNS)
    ca_wizard_page_push_page (CA_WIZARD_PAGE (self), CA_WIZARD_PAGE (ca_move_page_new (certificate)));
  else
    ca_wizard_page_push_page (CA_WIZARD_PAGE (self), CA_WIZARD_PAGE (ca_diagnosis_page_new_for_certificate (certificate)));
}

static void
on_row_activated_cb (CaCertificatesPage *self,
                     AdwActionRow       *row)
{
  CaAcmCertificate *summary = g_object_get_data (G_OBJECT (row), CERTIFICATE_KEY);

  if (self->busy || summary == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), FALSE);
  set_busy (self, _("Asking ACM about the certificate…"));
  ca_acm_client_describe_certificate_async (self->client, ca_acm_certificate_get_arn (summary),
                                            self->cancellable, describe_cb, self);
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  CaCertificatesPage *self = user_data;
  CaAcmCertificate *certificate = g_object_get_data (G_OBJECT (row), CERTIFICATE_KEY);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char * const *sans;

  if (*text == '\0' || certificate == NULL)
    return TRUE;
  sans = ca_acm_certificate_get_sans (certificate);
  for (guint i = 0; sans != NULL && sans[i] != NULL; i++)
    {
      g_autofree char *display = ca_domain_to_display (sans[i]);

      if (strstr (sans[i], text) != NULL || strstr (display, text) != NULL)
        return TRUE;
    }
  return strstr (ca_acm_certificate_get_domain (certificate), text) != NULL;
}

static void
on_search_changed_cb (CaCertificatesPage *self,
                      GtkSearchEntry     *entry)
{
  gtk_list_box_invalidate_filter (self->list_box);
}

static void
on_sign_in_done_cb (CaCertificatesPage *self,
                    gboolean            signed_in)
{
  if (signed_in)
    refresh (self);
}

/* The profile's IAM Identity Center session expired: sign in from here, as
 * “aws sso login” would, and ask ACM again once signed in. */
static void
sign_in_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CaCertificatesPage *self = CA_CERTIFICATES_PAGE (widget);
  CaAwsClient *aws;
  CaCredentialsProvider *provider;
  g_autoptr (CaSsoLogin) login = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;

  if (self->client == NULL)
    return;
  aws = ca_acm_client_get_aws (self->client);
  provider = ca_aws_client_get_credentials (aws);
  login = ca_sso_login_new (ca_aws_client_get_http (aws), ca_credentials_provider_get_config (provider),
                            ca_credentials_provider_get_profile (provider), &error);
  if (login == NULL)
    {
      show_error (self, error);
      return;
    }
  dialog = ca_sso_sign_in_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), login);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_sign_in_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  refresh (CA_CERTIFICATES_PAGE (widget));
}

/*
 * Overrides
 */

static void
ca_certificates_page_shown (CaWizardPage *page)
{
  CaCertificatesPage *self = CA_CERTIFICATES_PAGE (page);

  if (self->client == NULL && !self->busy)
    refresh (self);
}

static void
ca_certificates_page_dropped (CaWizardPage *page)
{
  g_cancellable_cancel (CA_CERTIFICATES_PAGE (page)->cancellable);
}

static void
ca_certificates_page_dispose (GObject *object)
{
  CaCertificatesPage *self = (CaCertificatesPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_queue_clear_full (&self->details_queue, g_object_unref);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (ca_certificates_page_parent_class)->dispose (object);
}

static void
ca_certificates_page_class_init (CaCertificatesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaWizardPageClass *page_class = CA_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = ca_certificates_page_dispose;
  page_class->shown = ca_certificates_page_shown;
  page_class->dropped = ca_certificates_page_dropped;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-certificates-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaCertificatesPage, status_group);
  gtk_widget_class_bind_template_child (widget_class, CaCertificatesPage, progress_row);
  gtk_widget_class_bind_template_child (widget_class, CaCertificatesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CaCertificatesPage, error_row);
  gtk_widget_class_bind_template_child (widget_class, CaCertificatesPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, CaCertificatesPage, list_group);
  gtk_widget_class_bind_template_child (widget_class, CaCertificatesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CaCertificatesPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_install_action (widget_class, "certificates.refresh", NULL, refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "certificates.sign-in", NULL, sign_in_action_cb);
}

static void
ca_certificates_page_init (CaCertificatesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list_box, filter_row, self, NULL);
  set_busy (self, NULL);
}

/*
 * Public API
 */

CaCertificatesPage *
ca_certificates_page_new (void)
{
  return g_object_new (CA_TYPE_CERTIFICATES_PAGE, NULL);
}

gboolean
ca_certificates_page_get_busy (CaCertificatesPage *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATES_PAGE (self), FALSE);
  return self->busy;
}
