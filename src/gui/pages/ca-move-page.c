/* ca-move-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaMovePage"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-accessible.h"
#include "ca-domain.h"
#include "ca-move-page.h"
#include "ca-plain-row.h"
#include "ca-watch-page.h"

/**
 * CaMovePage:
 *
 * Takes one email-validated certificate to DNS validation, the way ACM
 * allows for its state: an issued certificate moves in place (same ARN,
 * UpdateCertificateOptions) after a confirmation; a request still waiting,
 * timed out or failed is requested anew with DNS validation, with the same
 * names, key algorithm and tags, and what uses the old certificate is listed,
 * as the new one has a new ARN. Either way the session's watch follows it and
 * #CaWatchPage shows the records. The old request is never deleted here.
 */
struct _CaMovePage
{
  CaWizardPage         parent_instance;

  AdwPreferencesGroup *about_group;
  AdwPreferencesGroup *in_use_group;
  AdwPreferencesGroup *error_group;
  AdwActionRow        *error_row;
  AdwPreferencesGroup *button_group;
  GtkSpinner          *spinner;
  GtkButton           *start_button;

  CaAcmCertificate    *certificate;
  CaAcmClient         *client;
  GCancellable        *cancellable;
  GError              *move_error;   /* kept while asking whether a move is under way */
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (CaMovePage, ca_move_page, CA_TYPE_WIZARD_PAGE)

typedef enum
{
  MOVE_IN_PLACE,
  MOVE_BY_NEW_REQUEST,
  MOVE_ALREADY_DNS,
  MOVE_NOT_POSSIBLE,
} MoveKind;

/* What RequestCertificate takes, from what DescribeCertificate says (RSA-2048 → RSA_2048). */
static const char *requestable_key_algorithms[] = { "RSA_2048", "EC_prime256v1", "EC_secp384r1", NULL };

/*
 * Auxiliary methods
 */

static MoveKind
get_move_kind (CaAcmCertificate *certificate)
{
  if (g_strcmp0 (ca_acm_certificate_get_validation_method (certificate), "DNS") == 0)
    return MOVE_ALREADY_DNS;
  if (g_strcmp0 (ca_acm_certificate_get_cert_type (certificate), "AMAZON_ISSUED") != 0)
    return MOVE_NOT_POSSIBLE;
  if (g_strcmp0 (ca_acm_certificate_get_status (certificate), "ISSUED") == 0)
    return MOVE_IN_PLACE;
  return MOVE_BY_NEW_REQUEST;
}

static void
add_row (CaMovePage *self,
         const char *icon_name,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = ca_plain_row_new (title, subtitle, "icon-name", icon_name, "subtitle-lines", 0, NULL);

  adw_preferences_group_add (self->about_group, row);
}

static void
set_button (CaMovePage *self,
            const char *label,
            const char *accessible_label)
{
  gtk_button_set_label (self->start_button, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->start_button), accessible_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->start_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  /* GTK 4.8 says the button's own label after that one ("Move to DNS Validation
   * Move to DNS Validation…"): the accessible label alone names it. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->start_button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
show_in_use (CaMovePage *self)
{
  const char * const *in_use_by = ca_acm_certificate_get_in_use_by (self->certificate);

  for (guint i = 0; in_use_by != NULL && in_use_by[i] != NULL; i++)
    adw_preferences_group_add (self->in_use_group,
                               ca_plain_row_new (in_use_by[i], NULL, "title-selectable", TRUE, NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->in_use_group), in_use_by != NULL && in_use_by[0] != NULL);
}

static void
show_certificate (CaMovePage *self)
{
  g_autofree char *name = ca_domain_to_display (ca_acm_certificate_get_domain (self->certificate));

  adw_preferences_group_set_title (self->about_group, name);
  switch (get_move_kind (self->certificate))
    {
    case MOVE_IN_PLACE:
      add_row (self, "emblem-ok-symbolic", _("The same certificate"),
               _("It keeps its ARN: nothing to redeploy, and whatever uses it goes on using it."));
      add_row (self, "alarm-symbolic", _("72 hours to publish the records"),
               _("ACM then shows one DNS record per name. Publish them within 72 hours; until then the certificate stays valid as it is."));
      add_row (self, "dialog-warning-symbolic", _("No way back"),
               _("After the move the certificate cannot return to email validation."));
      set_button (self, _("_Move to DNS Validation…"), _("Move to DNS Validation"));
      break;
    case MOVE_BY_NEW_REQUEST:
      add_row (self, "list-add-symbolic", _("A new request with DNS validation"),
               _("ACM cannot change how a request waiting for its mail is validated. CertAssist asks for a new certificate with the same names, key type and tags."));
      add_row (self, "emblem-important-symbolic", _("A new ARN"),
               _("The new certificate has its own ARN. Whatever should use it must be pointed at it once it is issued."));
      add_row (self, "user-trash-symbolic", _("The old request stays"),
               _("You can delete it afterwards. It is never deleted without asking you."));
      set_button (self, _("_Request With DNS Validation"), _("Request a New Certificate With DNS Validation"));
      show_in_use (self);
      break;
    case MOVE_ALREADY_DNS:
      add_row (self, "emblem-ok-symbolic", _("This certificate already uses DNS validation"),
               _("ACM renews it by itself as long as its records stay published."));
      set_button (self, _("_Show the Records"), _("Show the DNS Records"));
      break;
    case MOVE_NOT_POSSIBLE:
    default:
      add_row (self, "dialog-information-symbolic", _("ACM did not issue this certificate"),
               _("An imported or private certificate is not validated by ACM, so there is nothing to move."));
      gtk_widget_set_visible (GTK_WIDGET (self->button_group), FALSE);
      break;
    }
}

static void
set_busy (CaMovePage *self,
          gboolean    busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* One click, one request: the button waits for the answer. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "move.start", !busy);
  if (busy)
    gtk_widget_set_visible (GTK_WIDGET (self->error_group), FALSE);
}

static void
show_error (CaMovePage   *self,
            const char   *title,
            const GError *error)
{
  set_busy (self, FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->error_row), title);
  ca_plain_row_set_subtitle (self->error_row, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
}

static gboolean
ensure_client (CaMovePage *self)
{
  g_autoptr (GError) error = NULL;

  if (self->client == NULL)
    self->client = ca_session_create_acm_client (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)), &error);
  if (self->client == NULL)
    show_error (self, _("ACM cannot be asked"), error);
  return self->client != NULL;
}

/* The session follows the certificate from now on; the page shows it. */
static void
follow (CaMovePage       *self,
        const char       *arn,
        CaWatchKind       kind,
        CaAcmCertificate *replaced)
{
  CaSession *session = ca_wizard_page_get_session (CA_WIZARD_PAGE (self));
  CaCertificateWatch *watch = ca_session_find_watch (session, arn);
  g_autoptr (CaCertificateWatch) created = NULL;

  if (watch == NULL || !ca_certificate_watch_is_active (watch))
    {
      created = ca_certificate_watch_new (self->client, arn, kind);
      ca_session_add_watch (session, created);
      watch = created;
    }
  set_busy (self, FALSE);
  ca_wizard_page_push_page (CA_WIZARD_PAGE (self), CA_WIZARD_PAGE (ca_watch_page_new (watch, replaced)));
}

/*
 * Callbacks
 */

/* Remembered for the summary, with the time ACM took it. */
static void
record_action (CaMovePage          *self,
               CaSessionActionKind  kind,
               const char          *arn)
{
  g_autoptr (CaSessionAction) action = ca_session_action_new (kind, arn, ca_acm_certificate_get_domain (self->certificate),
                                                              NULL, NULL);

  ca_session_add_action (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)), action);
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *arn = NULL;
  CaMovePage *self;

  arn = ca_acm_client_request_certificate_finish (CA_ACM_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CA_MOVE_PAGE (user_data);
  if (arn == NULL)
    {
      show_error (self, _("The new certificate was not requested"), error);
      return;
    }
  record_action (self, CA_SESSION_ACTION_REQUESTED, arn);
  follow (self, arn, CA_WATCH_KIND_REQUEST, self->certificate);
}

/* The names, key algorithm and tags of the request it replaces. */
static void
request_replacement (CaMovePage *self,
                     GPtrArray  *tags)
{
  const char * const *sans = ca_acm_certificate_get_sans (self->certificate);
  const char *names_fallback[] = { ca_acm_certificate_get_domain (self->certificate), NULL };
  const char *key = ca_acm_certificate_get_key_algorithm (self->certificate);
  g_autofree char *requestable = g_strdelimit (g_strdup (key != NULL ? key : ""), "-", '_');

  ca_acm_client_request_certificate_async (self->client,
                                           sans != NULL && sans[0] != NULL ? sans : names_fallback,
                                           "DNS", NULL,
                                           g_strv_contains (requestable_key_algorithms, requestable) ? requestable : NULL,
                                           tags, self->cancellable, request_cb, self);
}

static void
list_tags_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) tags = NULL;
  CaMovePage *self;

  tags = ca_acm_client_list_tags_finish (CA_ACM_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CA_MOVE_PAGE (user_data);
  if (tags == NULL)
    {
      show_error (self, _("The new certificate was not requested"), error);
      return;
    }
  request_replacement (self, tags);
}

static gboolean
is_moving (GPtrArray *validations)
{
  for (guint i = 0; validations != NULL && i < validations->len; i++)
    if (g_strcmp0 (ca_acm_domain_validation_get_method (g_ptr_array_index (validations, i)), "DNS") == 0)
      return TRUE;
  return FALSE;
}

static void
validations_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GPtrArray) validations = NULL;
  g_autoptr (GError) error = NULL;
  CaMovePage *self;

  validations = ca_acm_client_list_domain_validations_finish (CA_ACM_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CA_MOVE_PAGE (user_data);
  if (is_moving (validations))
    follow (self, ca_acm_certificate_get_arn (self->certificate), CA_WATCH_KIND_MIGRATION, NULL);
  else
    show_error (self, _("The move did not start"), self->move_error);
  g_clear_error (&self->move_error);
}

static void
migrate_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  CaMovePage *self;

  if (!ca_acm_client_migrate_to_dns_finish (CA_ACM_CLIENT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CA_MOVE_PAGE (user_data);
  if (error != NULL)
    {
      /* Refused, perhaps because a move is already under way (started
       * elsewhere, or by a click whose answer was lost): then follow that one. */
      g_clear_error (&self->move_error);
      self->move_error = g_steal_pointer (&error);
      ca_acm_client_list_domain_validations_async (self->client, ca_acm_certificate_get_arn (self->certificate),
                                                   self->cancellable, validations_cb, self);
      return;
    }
  record_action (self, CA_SESSION_ACTION_MIGRATION_STARTED, ca_acm_certificate_get_arn (self->certificate));
  follow (self, ca_acm_certificate_get_arn (self->certificate), CA_WATCH_KIND_MIGRATION, NULL);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CaMovePage       *self)
{
  if (g_strcmp0 (response, "move") != 0 || self->busy || !ensure_client (self))
    return;
  set_busy (self, TRUE);
  ca_acm_client_migrate_to_dns_async (self->client, ca_acm_certificate_get_arn (self->certificate),
                                      self->cancellable, migrate_cb, self);
}

static void
confirm_move (CaMovePage *self)
{
  g_autofree char *name = ca_domain_to_display (ca_acm_certificate_get_domain (self->certificate));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a domain name */
  body = g_strdup_printf (_("The certificate for %s keeps its ARN and stays valid. You then have 72 hours to publish its DNS records, and it cannot go back to email validation."), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Move to DNS Validation?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move"),
                                    NULL);
  ca_accessible_name_buttons (dialog);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CaMovePage *self = CA_MOVE_PAGE (widget);

  if (self->busy)
    return;
  switch (get_move_kind (self->certificate))
    {
    case MOVE_IN_PLACE:
      confirm_move (self);
      break;
    case MOVE_BY_NEW_REQUEST:
      if (!ensure_client (self))
        return;
      set_busy (self, TRUE);
      ca_acm_client_list_tags_async (self->client, ca_acm_certificate_get_arn (self->certificate),
                                     self->cancellable, list_tags_cb, self);
      break;
    case MOVE_ALREADY_DNS:
      if (ensure_client (self))
        follow (self, ca_acm_certificate_get_arn (self->certificate), CA_WATCH_KIND_REQUEST, NULL);
      break;
    case MOVE_NOT_POSSIBLE:
    default:
      break;
    }
}

/*
 * Overrides
 */

/* A request on its way is answered either way; the page only stops listening. */
static void
ca_move_page_dropped (CaWizardPage *page)
{
  g_cancellable_cancel (CA_MOVE_PAGE (page)->cancellable);
}

static void
ca_move_page_dispose (GObject *object)
{
  CaMovePage *self = (CaMovePage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->certificate);
  g_clear_error (&self->move_error);

  G_OBJECT_CLASS (ca_move_page_parent_class)->dispose (object);
}

static void
ca_move_page_class_init (CaMovePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaWizardPageClass *page_class = CA_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = ca_move_page_dispose;
  page_class->dropped = ca_move_page_dropped;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-move-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaMovePage, about_group);
  gtk_widget_class_bind_template_child (widget_class, CaMovePage, in_use_group);
  gtk_widget_class_bind_template_child (widget_class, CaMovePage, error_group);
  gtk_widget_class_bind_template_child (widget_class, CaMovePage, error_row);
  gtk_widget_class_bind_template_child (widget_class, CaMovePage, button_group);
  gtk_widget_class_bind_template_child (widget_class, CaMovePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CaMovePage, start_button);

  gtk_widget_class_install_action (widget_class, "move.start", NULL, start_action_cb);
}

static void
ca_move_page_init (CaMovePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/*
 * Public API
 */

/**
 * ca_move_page_new:
 * @certificate: the certificate as DescribeCertificate gives it
 *
 * Returns: (transfer floating): the page
 */
CaMovePage *
ca_move_page_new (CaAcmCertificate *certificate)
{
  CaMovePage *self;

  g_return_val_if_fail (CA_IS_ACM_CERTIFICATE (certificate), NULL);

  self = g_object_new (CA_TYPE_MOVE_PAGE, NULL);
  self->certificate = g_object_ref (certificate);
  show_certificate (self);
  return self;
}
