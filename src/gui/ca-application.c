/* ca-application.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaApplication"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-application.h"
#include "ca-domain.h"
#include "ca-preferences-window.h"
#include "ca-watch-page.h"
#include "ca-window.h"

/*
 * The application owns the session every window's pages share, and binds
 * the GSettings keys to it once. The command line can override a key for
 * this run (a demo or a test pointing at local servers): that key is then
 * set on the session and not bound, so it is never written back to GSettings.
 *
 * While the session follows a certificate (a #CaCertificateWatch still
 * active), the application holds itself: closing the window does not end the
 * watch, and a desktop notification says when the certificate moves on.
 */
struct _CaApplication
{
  AdwApplication   parent_instance;

  GSettings       *settings;
  CaSession       *session;
  GHashTable      *held_watches;   /* CaCertificateWatch → itself, while held */

  /* Set by the command line, which wins over GSettings. */
  guint            dns_servers_overridden : 1;
  guint            no_dnssec : 1;
  guint            whois_server_overridden : 1;
  guint            rdap_bootstrap_overridden : 1;
  guint            public_root_overridden : 1;
};

G_DEFINE_FINAL_TYPE (CaApplication, ca_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "dns-server", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Ask this DNS server instead of the system's (repeatable)"), N_("ADDR[@PORT]") },
  { "no-dnssec", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Do not require DNSSEC validation"), NULL },
  { "root-hints", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Resolve the public view from these root servers instead of the real ones (a lab, the demo)"), N_("FILE") },
  { "trust-anchor", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Validate DNSSEC against this root key (DS or DNSKEY records) instead of the system's"), N_("FILE") },
  { "whois-server", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Ask this WHOIS server first"), N_("HOST[:PORT]") },
  { "rdap-bootstrap", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Read the RDAP bootstrap from this URL or file"), N_("URL-OR-FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static void
bind_setting (CaApplication *self,
              const char    *key,
              gboolean       overridden)
{
  if (!overridden)
    g_settings_bind (self->settings, key, self->session, key, G_SETTINGS_BIND_GET);
}

/* Not in init: `--help` and `--version` work without the schema installed. */
static void
ensure_settings (CaApplication *self)
{
  if (self->settings != NULL)
    return;

  self->settings = g_settings_new (APP_ID);
  bind_setting (self, "dns-servers", self->dns_servers_overridden);
  bind_setting (self, "dnssec", self->no_dnssec);
  bind_setting (self, "whois-server", self->whois_server_overridden);
  bind_setting (self, "rdap-bootstrap", self->rdap_bootstrap_overridden);
  bind_setting (self, "timeout", FALSE);
  bind_setting (self, "aws-profile", FALSE);
  bind_setting (self, "aws-region", FALSE);
}

/* The name to say in a notification: the certificate's first name, in Unicode. */
static char *
get_watch_name (CaCertificateWatch *watch)
{
  CaAcmCertificate *certificate = ca_certificate_watch_get_certificate (watch);

  if (certificate == NULL)
    return g_strdup (ca_certificate_watch_get_arn (watch));
  return ca_domain_to_display (ca_acm_certificate_get_domain (certificate));
}

/* Each sentence whole, for the translators: one per stage and kind. */
static GNotification *
create_watch_notification (CaCertificateWatch *watch)
{
  gboolean migration = ca_certificate_watch_get_kind (watch) == CA_WATCH_KIND_MIGRATION;
  g_autofree char *name = get_watch_name (watch);
  g_autofree char *body = NULL;
  const char *title;
  GNotification *notification;

  switch (ca_certificate_watch_get_stage (watch))
    {
    case CA_WATCH_STAGE_WAITING_FOR_VALIDATION:
      if (ca_certificate_watch_get_records (watch) == NULL)
        return NULL;
      title = _("The DNS records are ready");
      /* Translators: %s is a domain name */
      body = g_strdup_printf (_("Publish the records for %s within 72 hours."), name);
      break;
    case CA_WATCH_STAGE_ISSUED:
      title = migration ? _("Moved to DNS validation") : _("Certificate issued");
      body = g_strdup_printf (migration
                              /* Translators: %s is a domain name */
                              ? _("The certificate for %s now renews by itself with DNS validation.")
                              /* Translators: %s is a domain name */
                              : _("ACM issued the certificate for %s."),
                              name);
      break;
    case CA_WATCH_STAGE_FAILED:
      title = _("Validation failed");
      /* Translators: %s is a domain name */
      body = g_strdup_printf (_("ACM could not validate the certificate for %s. Open CertAssist to see why."), name);
      break;
    case CA_WATCH_STAGE_TIMED_OUT:
      title = _("The 72 hours have passed");
      /* Translators: %s is a domain name */
      body = g_strdup_printf (_("ACM stopped waiting for the records of %s."), name);
      break;
    case CA_WATCH_STAGE_STARTING:
    case CA_WATCH_STAGE_WAITING_FOR_RECORDS:
    case CA_WATCH_STAGE_STOPPED:
    default:
      return NULL;
    }
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-watch", "s",
                                                 ca_certificate_watch_get_arn (watch));
  return notification;
}

static void
release_watch (CaApplication      *self,
               CaCertificateWatch *watch)
{
  if (g_hash_table_remove (self->held_watches, watch))
    g_application_release (G_APPLICATION (self));
}

static void
on_watch_stage_cb (CaCertificateWatch *watch,
                   GParamSpec         *pspec,
                   CaApplication      *self)
{
  g_autoptr (GNotification) notification = create_watch_notification (watch);
  g_autofree char *id = g_strdup_printf ("watch-%s", ca_certificate_watch_get_arn (watch));

  if (notification != NULL)
    g_application_send_notification (G_APPLICATION (self), id, notification);
  if (!ca_certificate_watch_is_active (watch))
    release_watch (self, watch);
}

static void
hold_watch (CaApplication      *self,
            CaCertificateWatch *watch)
{
  if (g_hash_table_contains (self->held_watches, watch) || !ca_certificate_watch_is_active (watch))
    return;
  g_hash_table_add (self->held_watches, g_object_ref (watch));
  g_application_hold (G_APPLICATION (self));
  g_signal_connect_object (watch, "notify::stage", G_CALLBACK (on_watch_stage_cb), self, 0);
}

static void
on_watches_changed_cb (GListModel    *watches,
                       guint          position,
                       guint          removed,
                       guint          added,
                       CaApplication *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (CaCertificateWatch) watch = g_list_model_get_item (watches, i);

      hold_watch (self, watch);
    }
}

/*
 * Callbacks
 */

/* From a notification: the window, open on the certificate's page. */
static void
show_watch_action_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CaApplication *self = user_data;
  CaCertificateWatch *watch = ca_session_find_watch (self->session, g_variant_get_string (parameter, NULL));
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (watch != NULL && CA_IS_WINDOW (window))
    ca_window_push_page (CA_WINDOW (window), CA_WIZARD_PAGE (ca_watch_page_new (watch, NULL)));
}

/* libadwaita 1.2's About window leaves two kinds of button unnamed, which a
 * screen reader then calls by a class (“GtkButton”, “GtkImage”): the version,
 * a button that copies it (GTK 4.8 does not name a button by a label it
 * holds as its child), found by its style class; and each page's Back, an
 * icon whose tooltip GTK 4.8 makes a description only. */
static void
name_about_buttons (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "app-version"))
    {
      /* Translators: the name a screen reader says for the button that copies the version; %s is the version, such as “1.2” */
      g_autofree char *name = g_strdup_printf (_("Copy the Version Number, %s"), PACKAGE_VERSION);

      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL && tooltip != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    name_about_buttons (child);
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CaApplication *self = user_data;
  const char *developers[] = { "The CertAssist authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("CertAssist"),
                        "application-icon", APP_ID,
                        "developer-name", _("The CertAssist authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Find out why the validation mail of an AWS certificate never arrived, and what to do about it."),
                        "website", "https://github.com/certassist/certassist",
                        "issue-url", "https://github.com/certassist/certassist/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The CertAssist authors",
                        "developers", developers,
                        /* Translators: put your names here, one per line, for the About window. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  name_about_buttons (about);
  gtk_window_present (GTK_WINDOW (about));
}

/* Without a help viewer, F1 must still lead somewhere: to the folder the
 * guide is installed in, whose pages any text editor or browser can open. */
static void
show_guide_location (GtkWindow *parent)
{
  g_autofree char  *guide_dir = g_build_filename (DATADIR, "help", "C", GETTEXT_PACKAGE, NULL);
  g_autofree char  *body = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is a folder, such as /usr/share/help/C/certassist. */
  body = g_strdup_printf (_("This computer has no app that opens help pages, such as GNOME Help (Yelp). "
                            "The pages of the guide are in %s."),
                          guide_dir);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("The Guide Needs a Help Viewer"), body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_help_shown_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GtkWindow) parent = user_data;
  g_autoptr (GError) error = NULL;

  if (!gtk_show_uri_full_finish (parent, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Could not open the guide: %s", error->message);
      show_guide_location (parent);
    }
}

/* F1: the guide in the help viewer (yelp), through the help: URI. */
static void
help_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CaApplication *self = user_data;
  GtkWindow     *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr (GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");

  if (viewer == NULL)
    {
      show_guide_location (parent);
      return;
    }
  gtk_show_uri_full (parent, "help:" GETTEXT_PACKAGE, GDK_CURRENT_TIME, NULL, on_help_shown_cb,
                     parent != NULL ? g_object_ref (parent) : NULL);
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CaApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (ca_preferences_window_new (parent, ca_application_get_settings (self))));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "help", help_action_cb },
  { "preferences", preferences_action_cb },
  { "quit", quit_action_cb },
  { "show-watch", show_watch_action_cb, "s" },
};

/*
 * Overrides
 */

static gint
ca_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  CaApplication *self = CA_APPLICATION (application);
  g_auto (GStrv) dns_servers = NULL;
  const char *str;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("certassist %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "dns-server", "^as", &dns_servers))
    {
      ca_session_set_dns_servers (self->session, (const char * const *) dns_servers);
      self->dns_servers_overridden = TRUE;
    }
  if (g_variant_dict_contains (options, "no-dnssec"))
    {
      ca_session_set_dnssec (self->session, FALSE);
      self->no_dnssec = TRUE;
    }
  /* The public view of a lab: another root, and its key. */
  if (g_variant_dict_lookup (options, "root-hints", "^&ay", &str))
    {
      ca_session_set_root_hints (self->session, str);
      self->public_root_overridden = TRUE;
    }
  if (g_variant_dict_lookup (options, "trust-anchor", "^&ay", &str))
    {
      ca_session_set_trust_anchor (self->session, str);
      self->public_root_overridden = TRUE;
    }
  if (g_variant_dict_lookup (options, "whois-server", "&s", &str))
    {
      ca_session_set_whois_server (self->session, str);
      self->whois_server_overridden = TRUE;
    }
  if (g_variant_dict_lookup (options, "rdap-bootstrap", "&s", &str))
    {
      ca_session_set_rdap_bootstrap (self->session, str);
      self->rdap_bootstrap_overridden = TRUE;
    }

  /* A run with its own servers must not hand its window to a running instance
   * that uses other ones. */
  if (self->dns_servers_overridden || self->no_dnssec || self->public_root_overridden ||
      self->whois_server_overridden || self->rdap_bootstrap_overridden)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
ca_application_startup (GApplication *application)
{
  const char *quit_accels[] = { "<Primary>q", NULL };
  const char *close_accels[] = { "<Primary>w", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  const char *help_accels[] = { "F1", NULL };
  const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (ca_application_parent_class)->startup (application);

  ensure_settings (CA_APPLICATION (application));
  g_signal_connect_object (ca_session_get_watches (CA_APPLICATION (application)->session), "items-changed",
                           G_CALLBACK (on_watches_changed_cb), application, 0);

  gtk_window_set_default_icon_name (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay", shortcuts_accels);
}

static void
ca_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (ca_window_new (GTK_APPLICATION (application), CA_APPLICATION (application)->session));

  gtk_window_present (window);
}

static void
ca_application_finalize (GObject *object)
{
  CaApplication *self = (CaApplication *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_pointer (&self->held_watches, g_hash_table_unref);

  G_OBJECT_CLASS (ca_application_parent_class)->finalize (object);
}

static void
ca_application_class_init (CaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ca_application_finalize;
  app_class->handle_local_options = ca_application_handle_local_options;
  app_class->startup = ca_application_startup;
  app_class->activate = ca_application_activate;

}

static void
ca_application_init (CaApplication *self)
{
  self->session = ca_session_new ();
  self->held_watches = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Find out where the validation mail of an AWS certificate goes."));
}

/*
 * Public API
 */

CaApplication *
ca_application_new (void)
{
  return g_object_new (CA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/**
 * ca_application_get_settings:
 *
 * Returns: (transfer none): the app's GSettings
 */
GSettings *
ca_application_get_settings (CaApplication *self)
{
  g_return_val_if_fail (CA_IS_APPLICATION (self), NULL);

  ensure_settings (self);

  return self->settings;
}

/**
 * ca_application_get_session:
 *
 * Returns: (transfer none): the session the app's windows share, with the
 *   settings (or this run's command-line overrides) bound to it
 */
CaSession *
ca_application_get_session (CaApplication *self)
{
  g_return_val_if_fail (CA_IS_APPLICATION (self), NULL);

  ensure_settings (self);

  return self->session;
}
