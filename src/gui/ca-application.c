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
#include "ca-window.h"

/*
 * The network settings a run uses: the GSettings keys, unless the command line
 * overrides them for this run (a demo or a test pointing at local servers).
 * Overrides are never written back to GSettings.
 */
struct _CaApplication
{
  AdwApplication   parent_instance;

  GSettings       *settings;
  char           **dns_servers;
  gboolean         dnssec;
  char            *whois_server;
  char            *rdap_bootstrap;

  /* Set by the command line, which wins over GSettings. */
  guint            dns_servers_overridden : 1;
  guint            no_dnssec : 1;
  guint            whois_server_overridden : 1;
  guint            rdap_bootstrap_overridden : 1;
};

G_DEFINE_FINAL_TYPE (CaApplication, ca_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DNS_SERVERS,
  PROP_DNSSEC,
  PROP_WHOIS_SERVER,
  PROP_RDAP_BOOTSTRAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static char *
dup_nonempty (const char *str)
{
  return str != NULL && *str != '\0' ? g_strdup (str) : NULL;
}

/* Not in init: `--help` and `--version` work without the schema installed. */
static void
ensure_settings (CaApplication *self)
{
  g_autofree char *whois = NULL;
  g_autofree char *rdap = NULL;

  if (self->settings != NULL)
    return;

  self->settings = g_settings_new (APP_ID);
  if (!self->dns_servers_overridden)
    self->dns_servers = g_settings_get_strv (self->settings, "dns-servers");
  if (!self->no_dnssec)
    self->dnssec = g_settings_get_boolean (self->settings, "dnssec");
  if (!self->whois_server_overridden)
    {
      whois = g_settings_get_string (self->settings, "whois-server");
      self->whois_server = dup_nonempty (whois);
    }
  if (!self->rdap_bootstrap_overridden)
    {
      rdap = g_settings_get_string (self->settings, "rdap-bootstrap");
      self->rdap_bootstrap = dup_nonempty (rdap);
    }
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
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
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
      g_strfreev (self->dns_servers);
      self->dns_servers = g_steal_pointer (&dns_servers);
      self->dns_servers_overridden = TRUE;
    }
  if (g_variant_dict_contains (options, "no-dnssec"))
    {
      self->dnssec = FALSE;
      self->no_dnssec = TRUE;
    }
  if (g_variant_dict_lookup (options, "whois-server", "&s", &str))
    {
      g_free (self->whois_server);
      self->whois_server = dup_nonempty (str);
      self->whois_server_overridden = TRUE;
    }
  if (g_variant_dict_lookup (options, "rdap-bootstrap", "&s", &str))
    {
      g_free (self->rdap_bootstrap);
      self->rdap_bootstrap = dup_nonempty (str);
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

  G_APPLICATION_CLASS (ca_application_parent_class)->startup (application);

  ensure_settings (CA_APPLICATION (application));

  gtk_window_set_default_icon_name (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close", close_accels);
}

static void
ca_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (ca_window_new (GTK_APPLICATION (application)));

  gtk_window_present (window);
}

static void
ca_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CaApplication *self = CA_APPLICATION (object);

  ensure_settings (self);

  switch (prop_id)
    {
    case PROP_DNS_SERVERS:
      g_value_set_boxed (value, self->dns_servers);
      break;
    case PROP_DNSSEC:
      g_value_set_boolean (value, self->dnssec);
      break;
    case PROP_WHOIS_SERVER:
      g_value_set_string (value, self->whois_server);
      break;
    case PROP_RDAP_BOOTSTRAP:
      g_value_set_string (value, self->rdap_bootstrap);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_application_finalize (GObject *object)
{
  CaApplication *self = (CaApplication *) object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->dns_servers, g_strfreev);
  g_clear_pointer (&self->whois_server, g_free);
  g_clear_pointer (&self->rdap_bootstrap, g_free);

  G_OBJECT_CLASS (ca_application_parent_class)->finalize (object);
}

static void
ca_application_class_init (CaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ca_application_finalize;
  object_class->get_property = ca_application_get_property;
  app_class->handle_local_options = ca_application_handle_local_options;
  app_class->startup = ca_application_startup;
  app_class->activate = ca_application_activate;

  properties[PROP_DNS_SERVERS] =
    g_param_spec_boxed ("dns-servers", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DNSSEC] =
    g_param_spec_boolean ("dnssec", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WHOIS_SERVER] =
    g_param_spec_string ("whois-server", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RDAP_BOOTSTRAP] =
    g_param_spec_string ("rdap-bootstrap", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_application_init (CaApplication *self)
{
  self->dnssec = TRUE;

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
 * ca_application_get_dns_servers:
 *
 * Returns: (transfer none): the DNS servers to ask, `ADDR[@PORT]`; empty for the system's
 */
const char * const *
ca_application_get_dns_servers (CaApplication *self)
{
  g_return_val_if_fail (CA_IS_APPLICATION (self), NULL);

  ensure_settings (self);

  return (const char * const *) self->dns_servers;
}

gboolean
ca_application_get_dnssec (CaApplication *self)
{
  g_return_val_if_fail (CA_IS_APPLICATION (self), TRUE);

  ensure_settings (self);

  return self->dnssec;
}

/**
 * ca_application_get_whois_server:
 *
 * Returns: (nullable): `HOST[:PORT]` to ask first, or %NULL for the usual referrals
 */
const char *
ca_application_get_whois_server (CaApplication *self)
{
  g_return_val_if_fail (CA_IS_APPLICATION (self), NULL);

  ensure_settings (self);

  return self->whois_server;
}

/**
 * ca_application_get_rdap_bootstrap:
 *
 * Returns: (nullable): a URL or file with the RDAP bootstrap, or %NULL for IANA's
 */
const char *
ca_application_get_rdap_bootstrap (CaApplication *self)
{
  g_return_val_if_fail (CA_IS_APPLICATION (self), NULL);

  ensure_settings (self);

  return self->rdap_bootstrap;
}

/**
 * ca_application_get_timeout:
 *
 * Returns: seconds a lookup may take
 */
guint
ca_application_get_timeout (CaApplication *self)
{
  g_return_val_if_fail (CA_IS_APPLICATION (self), 10);

  ensure_settings (self);

  return (guint) MAX (1, g_settings_get_int (self->settings, "timeout"));
}
