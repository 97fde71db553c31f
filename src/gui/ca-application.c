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
#include "ca-preferences-window.h"
#include "ca-window.h"

/*
 * The application owns the session every window's pages share, and binds
 * the GSettings keys to it once. The command line can override a key for
 * this run (a demo or a test pointing at local servers): that key is then
 * set on the session and not bound, so it is never written back to GSettings.
 */
struct _CaApplication
{
  AdwApplication   parent_instance;

  GSettings       *settings;
  CaSession       *session;

  /* Set by the command line, which wins over GSettings. */
  guint            dns_servers_overridden : 1;
  guint            no_dnssec : 1;
  guint            whois_server_overridden : 1;
  guint            rdap_bootstrap_overridden : 1;
};

G_DEFINE_FINAL_TYPE (CaApplication, ca_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "dns-server", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Ask this DNS server instead of the system's (repeatable)"), N_("ADDR[@PORT]") },
  { "no-dnssec", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Do not require DNSSEC validation"), NULL },
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

/*
 * Callbacks
 */

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
  gtk_window_present (GTK_WINDOW (about));
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
  { "preferences", preferences_action_cb },
  { "quit", quit_action_cb },
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
  if (self->dns_servers_overridden || self->no_dnssec ||
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

  G_APPLICATION_CLASS (ca_application_parent_class)->startup (application);

  ensure_settings (CA_APPLICATION (application));

  gtk_window_set_default_icon_name (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences", preferences_accels);
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
