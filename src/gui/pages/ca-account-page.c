/* ca-account-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaAccountPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-account-page.h"
#include "ca-aws-config.h"
#include "ca-aws-regions.h"
#include "ca-certificates-page.h"
#include "ca-fleet-page.h"
#include "ca-iam-policy-dialog.h"
#include "ca-request-page.h"
#include "ca-diagnosis-names-page.h"

/**
 * CaAccountPage:
 *
 * The AWS identity and region the journey reads certificates with: every
 * profile of the AWS config and credentials files, and the keys of the
 * environment, with the one in use preselected; the region from the
 * profile, changeable. The choice goes into the session and is remembered
 * in the settings (a name, never a secret). Without any credentials the page
 * says how to create them, and the journey can go on without AWS.
 */
struct _CaAccountPage
{
  CaWizardPage         parent_instance;

  AdwComboRow         *profile_row;
  AdwComboRow         *region_row;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *region_group;
  AdwPreferencesGroup *missing_group;
  AdwPreferencesGroup *without_group;

  CaAwsConfig         *config;
  GPtrArray           *profiles;  /* profile names; "" for the environment's keys */
};

G_DEFINE_FINAL_TYPE (CaAccountPage, ca_account_page, CA_TYPE_WIZARD_PAGE)

/*
 * Auxiliary methods
 */

static gboolean
has_key (CaAccountPage *self,
         const char    *profile,
         const char    *key)
{
  return ca_aws_config_get_profile_value (self->config, profile, key) != NULL;
}

/* Says where the profile's credentials come from, so that people recognise it. */
static char *
describe_profile (CaAccountPage *self,
                  const char    *profile)
{
  if (*profile == '\0')
    return g_strdup (_("Keys from the environment (AWS_ACCESS_KEY_ID)"));
  if (has_key (self, profile, "sso_session") || has_key (self, profile, "sso_start_url"))
    /* Translators: %s is the name of an AWS profile */
    return g_strdup_printf (_("%s (IAM Identity Center)"), profile);
  if (has_key (self, profile, "role_arn"))
    return g_strdup_printf (_("%s (role)"), profile);
  if (has_key (self, profile, "credential_process"))
    return g_strdup_printf (_("%s (credential helper)"), profile);
  return g_strdup_printf (_("%s (access key)"), profile);
}

/* The one in use: the session's, else AWS_PROFILE, else the environment's keys, else "default". */
static guint
find_profile_in_use (CaAccountPage *self)
{
  const char *wanted = ca_session_get_aws_profile (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)));
  guint position = 0;

  if (wanted == NULL)
    wanted = g_getenv ("AWS_PROFILE");
  if (wanted == NULL && g_getenv ("AWS_ACCESS_KEY_ID") != NULL)
    wanted = "";
  if (wanted == NULL)
    wanted = "default";
  if (g_ptr_array_find_with_equal_func (self->profiles, wanted, g_str_equal, &position))
    return position;
  return 0;
}

static void
load_profiles (CaAccountPage *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;

  self->config = ca_aws_config_load (&error);
  if (self->config == NULL)
    g_debug ("No AWS config: %s", error->message);
  if (g_getenv ("AWS_ACCESS_KEY_ID") != NULL)
    g_ptr_array_add (self->profiles, g_strdup (""));
  names = self->config != NULL ? ca_aws_config_list_profiles (self->config) : NULL;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    g_ptr_array_add (self->profiles, g_strdup (names[i]));

  for (guint i = 0; i < self->profiles->len; i++)
    {
      g_autofree char *label = describe_profile (self, g_ptr_array_index (self->profiles, i));

      gtk_string_list_append (labels, label);
    }
  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (labels));
  gtk_widget_set_visible (GTK_WIDGET (self->missing_group), self->profiles->len == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->identity_group), self->profiles->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->region_group), self->profiles->len > 0);
  ca_wizard_page_set_can_next (CA_WIZARD_PAGE (self), self->profiles->len > 0);
}

static void
load_regions (CaAccountPage *self)
{
  const char * const *codes = ca_aws_regions_list ();
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      /* Translators: a region's name, then its code, such as “Europe (Frankfurt) · eu-central-1” */
      g_autofree char *label = g_strdup_printf (_("%s · %s"), ca_aws_region_get_name (codes[i]), codes[i]);

      gtk_string_list_append (labels, label);
    }
  adw_combo_row_set_model (self->region_row, G_LIST_MODEL (labels));
}

static const char *
get_selected_profile (CaAccountPage *self)
{
  guint selected = adw_combo_row_get_selected (self->profile_row);

  if (selected >= self->profiles->len)
    return NULL;
  return g_ptr_array_index (self->profiles, selected);
}

static void
select_region (CaAccountPage *self,
               const char    *region)
{
  const char * const *codes = ca_aws_regions_list ();

  for (guint i = 0; region != NULL && codes[i] != NULL; i++)
    if (g_str_equal (codes[i], region))
      adw_combo_row_set_selected (self->region_row, i);
}

/* The session's region when it has one, else the profile's (or AWS_REGION). */
static void
select_region_for_profile (CaAccountPage *self,
                           gboolean       prefer_session)
{
  const char *profile = get_selected_profile (self);
  const char *session_region = ca_session_get_aws_region (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)));
  g_autofree char *region = NULL;

  if (prefer_session && session_region != NULL)
    {
      select_region (self, session_region);
      return;
    }
  if (self->config != NULL)
    region = ca_aws_resolve_region (self->config, profile != NULL && *profile != '\0' ? profile : NULL, NULL);
  select_region (self, region != NULL ? region : CA_AWS_CLOUDFRONT_REGION);
}

static void
remember_choice (CaAccountPage *self,
                 const char    *profile,
                 const char    *region)
{
  CaSession *session = ca_wizard_page_get_session (CA_WIZARD_PAGE (self));
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  ca_session_set_aws_profile (session, profile);
  ca_session_set_aws_region (session, region);
  g_settings_set_string (settings, "aws-profile", profile != NULL ? profile : "");
  g_settings_set_string (settings, "aws-region", region);
}

/*
 * Callbacks
 */

static void
on_profile_selected_cb (CaAccountPage *self,
                        GParamSpec    *pspec,
                        AdwComboRow   *row)
{
  select_region_for_profile (self, FALSE);
}

static void
without_aws_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ca_wizard_page_push_page (CA_WIZARD_PAGE (widget), CA_WIZARD_PAGE (ca_diagnosis_names_page_new ()));
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
ca_account_page_next (CaWizardPage *page)
{
  CaAccountPage *self = CA_ACCOUNT_PAGE (page);
  const char *profile = get_selected_profile (self);
  const char * const *regions = ca_aws_regions_list ();
  guint selected = adw_combo_row_get_selected (self->region_row);
  const char *region = selected < g_strv_length ((char **) regions) ? regions[selected] : CA_AWS_CLOUDFRONT_REGION;

  /* The environment's keys are the default chain without a profile. */
  remember_choice (self, profile != NULL && *profile != '\0' ? profile : NULL, region);
  if (ca_session_get_journey (ca_wizard_page_get_session (page)) == CA_JOURNEY_REQUEST)
    ca_wizard_page_push_page (page, CA_WIZARD_PAGE (ca_request_page_new ()));
  else if (ca_session_get_journey (ca_wizard_page_get_session (page)) == CA_JOURNEY_FLEET)
    ca_wizard_page_push_page (page, CA_WIZARD_PAGE (ca_fleet_page_new ()));
  else
    ca_wizard_page_push_page (page, CA_WIZARD_PAGE (ca_certificates_page_new ()));
}

/* The session is there once shown; read the files each time, as the user may
 * have run “aws configure” meanwhile. */
static void
ca_account_page_shown (CaWizardPage *page)
{
  CaAccountPage *self = CA_ACCOUNT_PAGE (page);

  g_ptr_array_set_size (self->profiles, 0);
  g_clear_pointer (&self->config, ca_aws_config_free);
  load_profiles (self);
  g_signal_handlers_block_by_func (self->profile_row, on_profile_selected_cb, self);
  adw_combo_row_set_selected (self->profile_row, find_profile_in_use (self));
  g_signal_handlers_unblock_by_func (self->profile_row, on_profile_selected_cb, self);
  select_region_for_profile (self, TRUE);
  /* The fleet is every region at once. */
  gtk_widget_set_visible (GTK_WIDGET (self->region_group),
                          ca_session_get_journey (ca_wizard_page_get_session (page)) != CA_JOURNEY_FLEET);
  /* Only the approval mail can be looked into without AWS. */
  gtk_widget_set_visible (GTK_WIDGET (self->without_group),
                          ca_session_get_journey (ca_wizard_page_get_session (page)) == CA_JOURNEY_APPROVAL_MAIL);
  gtk_widget_grab_focus (GTK_WIDGET (self->profile_row));
}

static void
ca_account_page_finalize (GObject *object)
{
  CaAccountPage *self = (CaAccountPage *) object;

  g_clear_pointer (&self->config, ca_aws_config_free);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_account_page_parent_class)->finalize (object);
}

static void
ca_account_page_class_init (CaAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaWizardPageClass *page_class = CA_WIZARD_PAGE_CLASS (klass);

  object_class->finalize = ca_account_page_finalize;
  page_class->next = ca_account_page_next;
  page_class->shown = ca_account_page_shown;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaAccountPage, profile_row);
  gtk_widget_class_bind_template_child (widget_class, CaAccountPage, region_row);
  gtk_widget_class_bind_template_child (widget_class, CaAccountPage, identity_group);
  gtk_widget_class_bind_template_child (widget_class, CaAccountPage, region_group);
  gtk_widget_class_bind_template_child (widget_class, CaAccountPage, missing_group);
  gtk_widget_class_bind_template_child (widget_class, CaAccountPage, without_group);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_selected_cb);
  gtk_widget_class_install_action (widget_class, "account.without-aws", NULL, without_aws_action_cb);
  gtk_widget_class_install_action (widget_class, "account.show-policy", NULL, show_policy_action_cb);
}

static void
ca_account_page_init (CaAccountPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->profiles = g_ptr_array_new_with_free_func (g_free);
  load_regions (self);
}

/*
 * Public API
 */

CaAccountPage *
ca_account_page_new (void)
{
  return g_object_new (CA_TYPE_ACCOUNT_PAGE, NULL);
}
