/* ca-welcome-page.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaWelcomePage"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-account-page.h"
#include "ca-approvers-page.h"
#include "ca-check-page.h"
#include "ca-diagnosis-names-page.h"
#include "ca-welcome-page.h"

struct _CaWelcomePage
{
  CaWizardPage         parent_instance;

  AdwPreferencesGroup *journeys_group;
};

G_DEFINE_FINAL_TYPE (CaWelcomePage, ca_welcome_page, CA_TYPE_WIZARD_PAGE)

/*
 * The journeys the welcome page offers, in this order. Offer only what works:
 * adding a journey is one row here (its page type must be a CaWizardPage that
 * g_object_new() can create without properties).
 */
typedef struct
{
  const char *icon_name;
  const char *title;
  const char *subtitle;
  GType     (*get_type) (void);
  CaJourney   journey;
} Journey;

static const Journey journeys[] = {
  { "mail-send-symbolic",
    N_("My certificate waits for its approval mail"),
    N_("Pick the certificate in your AWS account, learn why the mail did not come, and send it again"),
    ca_account_page_get_type, CA_JOURNEY_APPROVAL_MAIL },
  { "emblem-synchronizing-symbolic",
    N_("Move a certificate to DNS validation"),
    N_("ACM stops email validation in 2027. Keep the same certificate, renewed by itself from then on"),
    ca_account_page_get_type, CA_JOURNEY_MOVE_TO_DNS },
  { "list-add-symbolic",
    N_("Request a certificate"),
    N_("Ask ACM for a new certificate with DNS validation and follow it until it is issued"),
    ca_account_page_get_type, CA_JOURNEY_REQUEST },
  { "x-office-calendar-symbolic",
    N_("Which of my certificates must move before the deadline?"),
    N_("Scan every region of your account and move those still validated by email together"),
    ca_account_page_get_type, CA_JOURNEY_FLEET },
  { "mail-mark-junk-symbolic",
    N_("My validation mail never arrived"),
    N_("Find out from DNS where the approval mail goes and what stops it, without an AWS account"),
    ca_diagnosis_names_page_get_type },
  { "mail-unread-symbolic",
    N_("Where does the approval mail go?"),
    N_("See the five addresses ACM mails for each name of a certificate"),
    ca_approvers_page_get_type },
  { "security-high-symbolic",
    N_("Check a certificate"),
    N_("See what a file, a web site or an ACM certificate covers, who issued it and when it expires"),
    ca_check_page_get_type },
};

#define JOURNEY_PAGE_TYPE_KEY "ca-journey-page-type"
#define JOURNEY_KEY "ca-journey"

/*
 * Callbacks
 */

static void
on_journey_row_activated_cb (AdwActionRow  *row,
                             CaWelcomePage *self)
{
  GType page_type = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), JOURNEY_PAGE_TYPE_KEY));
  CaJourney journey = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), JOURNEY_KEY));

  ca_session_start_journey (ca_wizard_page_get_session (CA_WIZARD_PAGE (self)), journey);
  ca_wizard_page_push_page (CA_WIZARD_PAGE (self), g_object_new (page_type, NULL));
}

/*
 * Overrides
 */

static void
ca_welcome_page_class_init (CaWelcomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ca-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaWelcomePage, journeys_group);
}

static void
ca_welcome_page_init (CaWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (journeys); i++)
    ca_welcome_page_add_journey (self, journeys[i].icon_name, _(journeys[i].title),
                                 _(journeys[i].subtitle), journeys[i].get_type (), journeys[i].journey);
}

/*
 * Public API
 */

CaWelcomePage *
ca_welcome_page_new (void)
{
  return g_object_new (CA_TYPE_WELCOME_PAGE, NULL);
}

/**
 * ca_welcome_page_add_journey:
 * @icon_name: a symbolic icon
 * @title: (translatable): what the user wants to do, as a question or a task
 * @subtitle: (translatable): one sentence about it
 * @page_type: the #CaWizardPage subtype the journey starts with
 * @journey: where it leads, for the pages it shares with other journeys
 *
 * Adds a row that starts a journey: activating it pushes a new @page_type page.
 */
void
ca_welcome_page_add_journey (CaWelcomePage *self,
                             const char    *icon_name,
                             const char    *title,
                             const char    *subtitle,
                             GType          page_type,
                             CaJourney      journey)
{
  GtkWidget *row;

  g_return_if_fail (CA_IS_WELCOME_PAGE (self));
  g_return_if_fail (title != NULL);
  g_return_if_fail (g_type_is_a (page_type, CA_TYPE_WIZARD_PAGE));

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", title,
                      "subtitle", subtitle,
                      "icon-name", icon_name,
                      "activatable", TRUE,
                      NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data (G_OBJECT (row), JOURNEY_PAGE_TYPE_KEY, GSIZE_TO_POINTER (page_type));
  g_object_set_data (G_OBJECT (row), JOURNEY_KEY, GINT_TO_POINTER (journey));
  g_signal_connect_object (row, "activated", G_CALLBACK (on_journey_row_activated_cb), self, 0);
  adw_preferences_group_add (self->journeys_group, row);
}
