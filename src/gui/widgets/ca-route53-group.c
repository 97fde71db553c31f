/* ca-route53-group.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRoute53Group"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-accessible.h"
#include "ca-acm-record.h"
#include "ca-domain.h"
#include "ca-error.h"
#include "ca-iam-policy-dialog.h"
#include "ca-iam-policy.h"
#include "ca-plain-row.h"
#include "ca-route53-group.h"
#include "ca-route53-publish.h"
#include "ca-safe-text.h"
#include "ca-severity-icon.h"
#include "ca-wizard-page.h"

/**
 * CaRoute53Group:
 *
 * "Create in Route 53" for the records of the DNS journey. Once the records
 * are known it asks Route 53, in the background, which public hosted zone
 * holds each name (changing nothing). When one does, it offers the button;
 * otherwise it says in words why there is none: no public zone, only a
 * private one, an identity that may not read Route 53 (with the policy that
 * would allow it), or a zone that is not the one the domain is delegated to.
 * Nothing is created before the user confirms the records and their zone;
 * then each record's row says where it stands until DNS shows it.
 */
struct _CaRoute53Group
{
  AdwPreferencesGroup  parent_instance;

  AdwActionRow        *status_row;
  GtkBox              *status_icon_box;
  GtkWidget           *button_box;
  GtkWidget           *create_button;
  GtkWidget           *policy_button;
  GtkWidget           *cancel_button;
  GtkWidget           *retry_button;

  CaSession           *session;
  GPtrArray           *records;       /* CaAcmRecord, as ACM gave them */
  CaRoute53Publish    *publish;       /* the current plan, and its run once confirmed */
  GPtrArray           *record_rows;   /* AdwActionRow, one per record of the plan */
  GCancellable        *cancellable;
  char                *failure;       /* why the run failed, for its failed records */
  gboolean             public_view;   /* the records are looked for in public DNS */
  gboolean             applying;      /* confirmed, and not yet finished or stopped */
};

G_DEFINE_FINAL_TYPE (CaRoute53Group, ca_route53_group, ADW_TYPE_PREFERENCES_GROUP)

enum
{
  PUBLISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/*
 * Auxiliary methods
 */

static void
add_toast (CaRoute53Group *self,
           const char     *message)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), CA_TYPE_WIZARD_PAGE);

  if (page != NULL)
    ca_wizard_page_add_toast (CA_WIZARD_PAGE (page), adw_toast_new (message));
}

/* The status row's words and icon, and the one button that goes with them (or none). */
static void
show_status (CaRoute53Group *self,
             CaFactStatus    status,
             const char     *title,
             const char     *subtitle,
             GtkWidget      *button)
{
  GtkWidget *icon = gtk_widget_get_first_child (GTK_WIDGET (self->status_icon_box));
  GtkWidget *buttons[] = { self->create_button, self->policy_button, self->cancel_button, self->retry_button };

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  ca_plain_row_set_subtitle (self->status_row, subtitle != NULL ? subtitle : "");
  if (icon != NULL)
    gtk_box_remove (self->status_icon_box, icon);
  gtk_box_append (self->status_icon_box, ca_status_icon_new (status));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_widget_set_visible (buttons[i], buttons[i] == button);
  gtk_widget_set_visible (self->button_box, button != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "route53.create", button == self->create_button);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "route53.cancel", button == self->cancel_button);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "route53.retry", button == self->retry_button);
}

/* What the CA sees when the session has the public view; else the resolver in use,
 * as the records' own rows on the page look. */
static CaDnsResolver *
create_resolver (CaRoute53Group *self)
{
  CaDnsView view = ca_session_get_effective_view (self->session);

  self->public_view = view == CA_DNS_VIEW_PUBLIC || view == CA_DNS_VIEW_BOTH;
  if (self->public_view)
    return ca_session_create_public_resolver (self->session);
  return ca_session_create_resolver (self->session);
}

/* Route 53 with the identity that reads the certificates: the HTTP session and
 * credentials of the session's ACM client, already resolved, so a
 * credential_process, a sign-in or an assumed role does not run again. */
static CaRoute53Client *
create_client (CaRoute53Group  *self,
               GError         **error)
{
  g_autoptr (CaAcmClient) acm = NULL;
  CaAwsClient *aws;

  if (ca_session_get_acm_client (self->session) != NULL)
    acm = g_object_ref (ca_session_get_acm_client (self->session));
  else if ((acm = ca_session_create_acm_client (self->session, error)) == NULL)
    return NULL;
  aws = ca_acm_client_get_aws (acm);
  return ca_route53_client_new (ca_aws_client_get_http (aws), ca_aws_client_get_credentials (aws), error);
}

/* “For example.com and *.example.com”: the names one record validates. */
static char *
describe_domains (CaAcmRecord *record)
{
  const char * const *domains = ca_acm_record_get_domains (record);
  g_autofree char *first = ca_domain_to_display (domains[0]);
  g_autofree char *second = NULL;

  if (domains[1] == NULL)
    /* Translators: %s is a domain name */
    return g_strdup_printf (_("For %s"), first);
  second = ca_domain_to_display (domains[1]);
  /* Translators: the names one DNS record validates; %s are domain names */
  return g_strdup_printf (_("For %s and %s"), first, second);
}

/* Where one record stands, in words. */
static char *
describe_record_state (CaRoute53Group *self,
                       guint           index)
{
  const char *zone = ca_route53_publish_get_record_zone (self->publish, index);

  switch (ca_route53_publish_get_record_state (self->publish, index))
    {
    case CA_ROUTE53_RECORD_PLANNED:
      /* Translators: %s is the name of a Route 53 hosted zone, such as “example.com” */
      return g_strdup_printf (_("Planned in the hosted zone %s. Nothing is created before you confirm."), zone);
    case CA_ROUTE53_RECORD_NO_ZONE:
      return g_strdup (_("Not created here: no public hosted zone in this account holds this name. Publish it where the domain’s DNS is hosted."));
    case CA_ROUTE53_RECORD_PRIVATE_ONLY:
      return g_strdup (_("Not created here: only a private hosted zone holds this name, and the CA never sees private zones. Publish it in the domain’s public DNS."));
    case CA_ROUTE53_RECORD_OUTSIDE_ZONE:
      return g_strdup (_("Not created here: the name is outside the hosted zone."));
    case CA_ROUTE53_RECORD_SUBMITTED:
      /* Translators: %s is the name of a Route 53 hosted zone */
      return g_strdup_printf (_("Being created in the hosted zone %s…"), zone);
    case CA_ROUTE53_RECORD_INSYNC:
      return g_strdup (_("Created in Route 53, waiting for DNS to show it"));
    case CA_ROUTE53_RECORD_VISIBLE:
      return g_strdup (self->public_view ? _("Created in Route 53 and visible in public DNS")
                                         : _("Created in Route 53 and visible in DNS"));
    case CA_ROUTE53_RECORD_FAILED:
    default:
      if (self->failure != NULL)
        /* Translators: %s says why, such as an error from Route 53 in words */
        return g_strdup_printf (_("Failed: %s"), self->failure);
      return g_strdup (_("Failed: Route 53 did not create it"));
    }
}

static CaFactStatus
status_for_record_state (CaRoute53RecordState state)
{
  switch (state)
    {
    case CA_ROUTE53_RECORD_SUBMITTED:
    case CA_ROUTE53_RECORD_INSYNC:
      return CA_FACT_PENDING;
    case CA_ROUTE53_RECORD_VISIBLE:
      return CA_FACT_GOOD;
    case CA_ROUTE53_RECORD_FAILED:
      return CA_FACT_PROBLEM;
    case CA_ROUTE53_RECORD_NO_ZONE:
    case CA_ROUTE53_RECORD_PRIVATE_ONLY:
    case CA_ROUTE53_RECORD_OUTSIDE_ZONE:
      return CA_FACT_WARNING;
    case CA_ROUTE53_RECORD_PLANNED:
    default:
      return CA_FACT_NOTE;
    }
}

static void
update_record_row (CaRoute53Group *self,
                   guint           index)
{
  AdwActionRow *row = g_ptr_array_index (self->record_rows, index);
  g_autofree char *words = describe_record_state (self, index);
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "ca-status-icon");

  ca_plain_row_set_subtitle (row, words);
  if (icon != NULL)
    adw_action_row_remove (row, icon);
  icon = ca_status_icon_new (status_for_record_state (ca_route53_publish_get_record_state (self->publish, index)));
  adw_action_row_add_prefix (row, icon);
  g_object_set_data (G_OBJECT (row), "ca-status-icon", icon);
}

static void
update_record_rows (CaRoute53Group *self)
{
  for (guint i = 0; i < self->record_rows->len; i++)
    update_record_row (self, i);
}

static void
remove_record_rows (CaRoute53Group *self)
{
  for (guint i = 0; i < self->record_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->record_rows, i));
  g_ptr_array_set_size (self->record_rows, 0);
}

static void
add_record_rows (CaRoute53Group *self)
{
  remove_record_rows (self);
  for (guint i = 0; i < ca_route53_publish_get_n_records (self->publish); i++)
    {
      g_autofree char *title = describe_domains (ca_route53_publish_get_record (self->publish, i));
      GtkWidget *row = ca_plain_row_new (title, NULL, "subtitle-lines", 0, NULL);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->record_rows, row);
    }
  update_record_rows (self);
}

static gboolean
has_record_in_state (CaRoute53Group       *self,
                     CaRoute53RecordState  state)
{
  for (guint i = 0; i < ca_route53_publish_get_n_records (self->publish); i++)
    if (ca_route53_publish_get_record_state (self->publish, i) == state)
      return TRUE;
  return FALSE;
}

/* A hosted zone whose name servers are not the domain's: what is created there is never seen. */
static CaFinding *
find_delegation_mismatch (CaRoute53Group *self)
{
  GPtrArray *findings = ca_route53_publish_get_findings (self->publish);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (ca_finding_get_id (g_ptr_array_index (findings, i)) == CA_FINDING_DNS_NS_MISMATCH)
      return g_ptr_array_index (findings, i);
  return NULL;
}

/* Says which IAM actions are missing, and offers the policy that has them. */
static void
show_access_denied (CaRoute53Group *self)
{
  g_autofree char *actions = g_strjoinv (", ", (char **) ca_iam_policy_route53_actions);
  g_autofree char *subtitle = NULL;

  /* Translators: %s is a list of IAM actions, such as “route53:ListHostedZonesByName, route53:GetChange” */
  subtitle = g_strdup_printf (_("To create the records, it needs the IAM actions %s. Publish the records by hand, or ask whoever manages the account to allow them."),
                              actions);
  show_status (self, CA_FACT_WARNING, _("This AWS identity may not use Route 53"), subtitle, self->policy_button);
}

static void
show_plan (CaRoute53Group *self)
{
  CaFinding *mismatch = find_delegation_mismatch (self);

  if (mismatch != NULL)
    {
      /* Translators: a finding's message (which name servers serve what), then what to do */
      g_autofree char *subtitle = g_strdup_printf (_("%s %s"), ca_finding_get_message (mismatch), ca_finding_get_remedy (mismatch));

      remove_record_rows (self);
      show_status (self, CA_FACT_WARNING, _("Route 53 does not serve this domain"), subtitle, NULL);
      return;
    }
  if (ca_route53_publish_has_changes (self->publish))
    {
      add_record_rows (self);
      show_status (self, CA_FACT_NOTE, _("Route 53 hosts this domain"),
                   _("CertAssist can create the records in your hosted zone. You see them before anything changes."),
                   self->create_button);
      return;
    }
  remove_record_rows (self);
  if (has_record_in_state (self, CA_ROUTE53_RECORD_PRIVATE_ONLY))
    show_status (self, CA_FACT_WARNING, _("Only a private hosted zone holds these names"),
                 _("The CA never sees private hosted zones. Publish the records in the domain’s public DNS."),
                 NULL);
  else
    show_status (self, CA_FACT_NOTE, _("No public hosted zone for these names"),
                 _("Route 53 in this AWS account hosts none of these names. Publish the records where the domain’s DNS is hosted."),
                 NULL);
}

static void plan_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
reset_cancellable (CaRoute53Group *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
start_plan (CaRoute53Group *self)
{
  g_autoptr (CaRoute53Client) client = NULL;
  g_autoptr (CaDnsResolver) resolver = NULL;
  g_autoptr (GError) error = NULL;

  reset_cancellable (self);
  remove_record_rows (self);
  g_clear_pointer (&self->failure, g_free);
  g_clear_object (&self->publish);
  client = create_client (self, &error);
  if (client == NULL)
    {
      show_status (self, CA_FACT_WARNING, _("Route 53 could not be asked"), error->message, self->retry_button);
      return;
    }
  resolver = create_resolver (self);
  self->publish = ca_route53_publish_new (client, self->records, NULL, resolver);
  show_status (self, CA_FACT_PENDING, _("Looking for the domain in Route 53…"), NULL, NULL);
  ca_route53_publish_plan_async (self->publish, self->cancellable, plan_cb, self);
}

/* The records and their zones, for the confirmation: the user sees exactly what changes. */
static char *
describe_changes (CaRoute53Group *self)
{
  g_autoptr (GString) body = g_string_new (_("CertAssist creates these records. A record of the same name and type in the hosted zone is replaced; nothing else changes."));

  for (guint i = 0; i < ca_route53_publish_get_n_records (self->publish); i++)
    {
      CaAcmRecord *record = ca_route53_publish_get_record (self->publish, i);
      g_autofree char *change = NULL;

      if (ca_route53_publish_get_record_state (self->publish, i) != CA_ROUTE53_RECORD_PLANNED)
        continue;
      /* Translators: a record to create; %1$s is its name, %2$s its value, %3$s the hosted zone */
      change = g_strdup_printf (_("%1$s\nCNAME %2$s\nin the hosted zone %3$s"), ca_acm_record_get_name (record),
                                ca_acm_record_get_value (record), ca_route53_publish_get_record_zone (self->publish, i));
      g_string_append (body, "\n\n");
      g_string_append (body, change);
    }
  if (has_record_in_state (self, CA_ROUTE53_RECORD_NO_ZONE) || has_record_in_state (self, CA_ROUTE53_RECORD_PRIVATE_ONLY))
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("The records without a public hosted zone are not created: publish them where their DNS is hosted."));
    }
  /* Names, values and zones come from ACM and Route 53. */
  return ca_safe_text_clean (body->str, -1, CA_SAFE_TEXT_NO_BIDI);
}

/* The label of @widget, or of a widget inside it, that shows @text. */
static GtkLabel *
find_label_showing (GtkWidget  *widget,
                    const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label_showing (child, text);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* A record name broken over two lines must not show a hyphen it does not have
 * ("shop.ex-" "ample.com."), as in the records' own rows: people compare it with
 * what they see elsewhere. AdwMessageDialog 1.2 has no getter for its body label. */
static void
keep_names_unhyphenated (GtkWidget  *dialog,
                         const char *body)
{
  GtkLabel *label = find_label_showing (dialog, body);
  g_autoptr (PangoAttrList) attributes = NULL;

  if (label == NULL)
    return;
  attributes = pango_attr_list_new ();
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (label, attributes);
}

/*
 * Callbacks
 */

static void
plan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  CaRoute53Group *self;

  if (!ca_route53_publish_plan_finish (CA_ROUTE53_PUBLISH (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CA_ROUTE53_GROUP (user_data);
  if (g_error_matches (error, CA_ERROR, CA_ERROR_ACCESS_DENIED))
    show_access_denied (self);
  else if (error != NULL)
    show_status (self, CA_FACT_WARNING, _("Route 53 could not be asked"), error->message, self->retry_button);
  else
    show_plan (self);
}

static void
on_record_changed_cb (CaRoute53Group *self)
{
  update_record_rows (self);
}

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  CaRoute53Group *self;

  /* Cancelled: by the user, who was told at once, or with the group gone. */
  if (!ca_route53_publish_apply_finish (CA_ROUTE53_PUBLISH (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CA_ROUTE53_GROUP (user_data);
  self->applying = FALSE;
  if (error != NULL)
    {
      self->failure = g_strdup (error->message);
      update_record_rows (self);
      if (g_error_matches (error, CA_ERROR, CA_ERROR_ACCESS_DENIED))
        show_access_denied (self);
      else if (g_error_matches (error, CA_ERROR, CA_ERROR_TIMEOUT))
        show_status (self, CA_FACT_WARNING, _("Route 53 has not finished the change"), error->message, self->retry_button);
      else
        show_status (self, CA_FACT_PROBLEM, _("The records were not created"), error->message, self->retry_button);
      add_toast (self, _("Route 53 did not create the records"));
      return;
    }
  update_record_rows (self);
  show_status (self, CA_FACT_GOOD, _("The records are in Route 53"),
               _("ACM finds them by itself. Leave them there: ACM looks for them again at every renewal."), NULL);
  add_toast (self, _("Created the records in Route 53"));
  g_signal_emit (self, signals[PUBLISHED], 0);
}

static void
start_apply (CaRoute53Group *self)
{
  reset_cancellable (self);
  g_clear_pointer (&self->failure, g_free);
  self->applying = TRUE;
  show_status (self, CA_FACT_PENDING, _("Creating the records in Route 53…"),
               _("Route 53 takes up to a few minutes to carry out a change. Then DNS is asked for the records."),
               self->cancel_button);
  g_signal_connect_object (self->publish, "record-changed", G_CALLBACK (on_record_changed_cb), self, G_CONNECT_SWAPPED);
  ca_route53_publish_apply_async (self->publish, self->cancellable, apply_cb, self);
  update_record_rows (self);
  /* The button that had the focus is gone: a keyboard user lands on Stop. */
  gtk_widget_grab_focus (self->cancel_button);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CaRoute53Group   *self)
{
  /* Only once: a second click on the button while the dialog was up changes nothing. */
  if (g_strcmp0 (response, "create") != 0 || !gtk_widget_get_visible (self->create_button))
    return;
  start_apply (self);
}

static void
create_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaRoute53Group *self = CA_ROUTE53_GROUP (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->publish == NULL || !ca_route53_publish_has_changes (self->publish))
    return;
  body = describe_changes (self);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Create the Records in Route 53?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate Records"),
                                    NULL);
  ca_accessible_name_buttons (dialog);
  keep_names_unhyphenated (dialog, body);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Stops waiting; a change Route 53 has accepted goes on there all the same. */
static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaRoute53Group *self = CA_ROUTE53_GROUP (widget);

  g_cancellable_cancel (self->cancellable);
  self->applying = FALSE;
  update_record_rows (self);
  show_status (self, CA_FACT_WARNING, _("No longer waiting for Route 53"),
               _("CertAssist no longer follows the change. If Route 53 had accepted it already, it still carries it out."),
               self->retry_button);
  gtk_widget_grab_focus (self->retry_button);
}

static void
retry_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  start_plan (CA_ROUTE53_GROUP (widget));
}

static void
show_policy_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (ca_iam_policy_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)))));
}

/*
 * Overrides
 */

static void
ca_route53_group_dispose (GObject *object)
{
  CaRoute53Group *self = (CaRoute53Group *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->publish);
  g_clear_object (&self->session);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->record_rows, g_ptr_array_unref);
  g_clear_pointer (&self->failure, g_free);

  G_OBJECT_CLASS (ca_route53_group_parent_class)->dispose (object);
}

static void
ca_route53_group_class_init (CaRoute53GroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_route53_group_dispose;

  /**
   * CaRoute53Group::published:
   *
   * Emitted when Route 53 has carried out the change the user confirmed,
   * so that the page looks at the records in DNS again.
   */
  signals[PUBLISHED] = g_signal_new ("published", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-route53-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CaRoute53Group, status_row);
  gtk_widget_class_bind_template_child (widget_class, CaRoute53Group, status_icon_box);
  gtk_widget_class_bind_template_child (widget_class, CaRoute53Group, button_box);
  gtk_widget_class_bind_template_child (widget_class, CaRoute53Group, create_button);
  gtk_widget_class_bind_template_child (widget_class, CaRoute53Group, policy_button);
  gtk_widget_class_bind_template_child (widget_class, CaRoute53Group, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CaRoute53Group, retry_button);
  gtk_widget_class_install_action (widget_class, "route53.create", NULL, create_action_cb);
  gtk_widget_class_install_action (widget_class, "route53.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "route53.retry", NULL, retry_action_cb);
  gtk_widget_class_install_action (widget_class, "route53.show-policy", NULL, show_policy_action_cb);
}

static void
ca_route53_group_init (CaRoute53Group *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->record_rows = g_ptr_array_new ();
  /* Their accessible labels say what they do, which their short labels leave out. */
  ca_accessible_keep_label (self->create_button);
  ca_accessible_keep_label (self->policy_button);
  ca_accessible_keep_label (self->cancel_button);
  ca_accessible_keep_label (self->retry_button);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "route53.create", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "route53.cancel", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "route53.retry", FALSE);
}

/*
 * Public API
 */

/**
 * ca_route53_group_start:
 * @session: the session, whose identity and view of DNS are used
 * @records: (element-type CaAcmRecord): the certificate's records, as ACM gave them
 *
 * Shows the group and asks Route 53, in the background, where the records
 * would go. Changes nothing: creating them waits for the user's confirmation.
 */
void
ca_route53_group_start (CaRoute53Group *self,
                        CaSession      *session,
                        GPtrArray      *records)
{
  g_return_if_fail (CA_IS_ROUTE53_GROUP (self));
  g_return_if_fail (CA_IS_SESSION (session));
  g_return_if_fail (records != NULL && records->len > 0);

  g_set_object (&self->session, session);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  self->records = g_ptr_array_ref (records);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  start_plan (self);
}

/**
 * ca_route53_group_get_applying:
 *
 * Returns: %TRUE from the user's confirmation until Route 53 and DNS have
 *   answered, or the user stopped waiting: a new plan must not replace this one
 */
gboolean
ca_route53_group_get_applying (CaRoute53Group *self)
{
  g_return_val_if_fail (CA_IS_ROUTE53_GROUP (self), FALSE);
  return self->applying;
}
