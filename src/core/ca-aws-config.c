/* ca-aws-config.c: the AWS shared config and credentials files
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaAwsConfig"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-aws-config.h"
#include "ca-credentials.h"
#include "ca-error.h"
#include "ca-read-file.h"

#define MAX_FILE_SIZE (1024 * 1024)

struct _CaAwsConfig
{
  /* "<kind>:<name>" → (key → value); nested sub-properties are "parent.key". */
  GHashTable *sections;
  GPtrArray  *warnings;
};

static const char *kind_prefixes[] = { "credentials", "profile", "sso-session", "services" };

static CaAwsConfig *
ca_aws_config_new (void)
{
  CaAwsConfig *self = g_new0 (CaAwsConfig, 1);

  self->sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_hash_table_unref);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
ca_aws_config_free (CaAwsConfig *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->sections);
  g_ptr_array_unref (self->warnings);
  g_free (self);
}

static GHashTable *
ensure_section (CaAwsConfig *self,
                const char  *id)
{
  GHashTable *table = g_hash_table_lookup (self->sections, id);

  if (table == NULL)
    {
      /* Values may be secrets: wipe them when the table goes. */
      table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) ca_secret_free);
      g_hash_table_insert (self->sections, g_strdup (id), table);
    }
  return table;
}

/* `[default]` and `[profile default]` are told apart, because the latter wins. */
static char *
prefixed_id (const char *prefix,
             const char *name)
{
  g_autofree char *copy = g_strstrip (g_strdup (name));

  return g_strdup_printf ("%s:%s", prefix, copy);
}

static char *
config_section_id (const char *header)
{
  if (g_str_has_prefix (header, "profile ") || g_str_has_prefix (header, "profile\t"))
    return prefixed_id ("profile", header + 8);
  if (strcmp (header, "default") == 0)
    return g_strdup ("profile-bare:default");
  if (g_str_has_prefix (header, "sso-session "))
    return prefixed_id ("sso-session", header + 12);
  if (g_str_has_prefix (header, "services "))
    return prefixed_id ("services", header + 9);
  /* A bare [name] in the config file is not a profile (the CLI ignores it). */
  return NULL;
}

/* The CRT strips ` #`/` ;` comments after a value; botocore keeps them. We strip
 * them and say so, since the CLI would then read another value than we do. */
static void
strip_inline_comment (CaAwsConfig *self,
                      char        *value,
                      const char  *key)
{
  for (char *p = value; *p != '\0'; p++)
    {
      if ((*p == '#' || *p == ';') && p > value && g_ascii_isspace (p[-1]))
        {
          *p = '\0';
          g_strchomp (value);
          g_ptr_array_add (self->warnings,
                           g_strdup_printf (_("The value of “%s” has a comment after it, which the AWS CLI would read as part of the value."), key));
          return;
        }
    }
}

typedef struct
{
  GHashTable *table;
  char       *parent;    /* key with an empty value: indented lines are its sub-properties */
  char       *last_key;  /* for continuation lines */
} ParseState;

static void
parse_state_clear (ParseState *state)
{
  g_clear_pointer (&state->parent, g_free);
  g_clear_pointer (&state->last_key, g_free);
}

static void
parse_header (CaAwsConfig *self,
              ParseState  *state,
              char        *line,
              gboolean     is_credentials)
{
  char *end = strchr (line, ']');
  g_autofree char *id = NULL;

  parse_state_clear (state);
  state->table = NULL;
  if (end == NULL)
    return;
  *end = '\0';
  g_strstrip (line + 1);
  id = is_credentials ? g_strdup_printf ("credentials:%s", line + 1) : config_section_id (line + 1);
  if (id != NULL)
    state->table = ensure_section (self, id);
}

static void
parse_assignment (CaAwsConfig *self,
                  ParseState  *state,
                  char        *line,
                  gboolean     indented)
{
  char *eq = strchr (line, '=');
  char *key, *value;

  if (eq == NULL)
    {
      /* An indented line without '=' continues the previous value. */
      if (indented && state->last_key != NULL && state->parent == NULL)
        {
          const char *old = g_hash_table_lookup (state->table, state->last_key);
          char *joined = g_strconcat (old != NULL ? old : "", "\n", g_strstrip (line), NULL);

          g_hash_table_insert (state->table, g_strdup (state->last_key), joined);
        }
      return;
    }

  *eq = '\0';
  key = g_strstrip (line);
  value = g_strstrip (eq + 1);
  strip_inline_comment (self, value, key);

  if (indented && state->parent != NULL)
    {
      g_hash_table_insert (state->table, g_strdup_printf ("%s.%s", state->parent, key), g_strdup (value));
      return;
    }

  parse_state_clear (state);
  if (*value == '\0')
    state->parent = g_strdup (key);
  state->last_key = g_strdup (key);
  g_hash_table_insert (state->table, g_strdup (key), g_strdup (value));
}

static void
parse_data (CaAwsConfig *self,
            const char  *data,
            gboolean     is_credentials)
{
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  ParseState state = { 0 };

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gboolean indented = *line == ' ' || *line == '\t';
      char *trimmed = g_strstrip (line);

      if (*trimmed == '\0' || *trimmed == '#' || *trimmed == ';')
        continue;
      if (*trimmed == '[')
        parse_header (self, &state, trimmed, is_credentials);
      else if (state.table != NULL)
        parse_assignment (self, &state, trimmed, indented);
    }
  parse_state_clear (&state);

  for (guint i = 0; lines[i] != NULL; i++)
    ca_secret_wipe (lines[i], strlen (lines[i]));
}

CaAwsConfig *
ca_aws_config_new_from_data (const char *config_data,
                             const char *credentials_data)
{
  CaAwsConfig *self = ca_aws_config_new ();

  if (config_data != NULL)
    parse_data (self, config_data, FALSE);
  if (credentials_data != NULL)
    parse_data (self, credentials_data, TRUE);
  return self;
}

static char *
expand_home (const char *path)
{
  if (path[0] == '~' && (path[1] == '/' || path[1] == '\0'))
    return g_build_filename (g_get_home_dir (), path + 1, NULL);
  return g_strdup (path);
}

static char *
read_optional_file (const char  *path,
                    GError     **error)
{
  g_autofree char *expanded = expand_home (path);
  g_autoptr (GError) local_error = NULL;
  char *data = NULL;
  gsize len = 0;

  /* AWS_CONFIG_FILE=/dev/null is the usual way to say "no config file". */
  if (g_strcmp0 (expanded, "/dev/null") == 0)
    return g_strdup ("");
  /* Only a regular file of a sane size is read: AWS_CONFIG_FILE=/dev/zero
   * would fill the memory, and a FIFO would block forever. */
  data = ca_read_file_capped (expanded, MAX_FILE_SIZE, &len, &local_error);
  if (data == NULL)
    {
      /* A file that does not exist (HOME=/dev/null included) is simply not used. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
          g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
        return g_strdup ("");
      g_set_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                   _("The AWS configuration cannot be used: %s"), local_error->message);
      return NULL;
    }
  return data;
}

CaAwsConfig *
ca_aws_config_load_files (const char  *config_path,
                          const char  *credentials_path,
                          GError     **error)
{
  char *config_data = NULL;
  char *credentials_data = NULL;
  CaAwsConfig *self = NULL;

  config_data = read_optional_file (config_path, error);
  if (config_data != NULL)
    credentials_data = read_optional_file (credentials_path, error);
  if (config_data != NULL && credentials_data != NULL)
    self = ca_aws_config_new_from_data (config_data, credentials_data);

  ca_secret_free (config_data);
  ca_secret_free (credentials_data);
  return self;
}

CaAwsConfig *
ca_aws_config_load (GError **error)
{
  const char *config_path = g_getenv ("AWS_CONFIG_FILE");
  const char *credentials_path = g_getenv ("AWS_SHARED_CREDENTIALS_FILE");

  return ca_aws_config_load_files (config_path != NULL && *config_path != '\0' ? config_path : "~/.aws/config",
                                   credentials_path != NULL && *credentials_path != '\0' ? credentials_path : "~/.aws/credentials",
                                   error);
}

static GHashTable *
lookup_section (CaAwsConfig      *self,
                CaAwsSectionKind  kind,
                const char       *section)
{
  g_autofree char *id = g_strdup_printf ("%s:%s", kind_prefixes[kind], section);
  GHashTable *table = g_hash_table_lookup (self->sections, id);

  if (table == NULL && kind == CA_AWS_SECTION_PROFILE && strcmp (section, "default") == 0)
    table = g_hash_table_lookup (self->sections, "profile-bare:default");
  return table;
}

gboolean
ca_aws_config_has_section (CaAwsConfig      *self,
                           CaAwsSectionKind  kind,
                           const char       *section)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return section != NULL && lookup_section (self, kind, section) != NULL;
}

const char *
ca_aws_config_get (CaAwsConfig      *self,
                   CaAwsSectionKind  kind,
                   const char       *section,
                   const char       *key)
{
  GHashTable *table;
  const char *value;

  g_return_val_if_fail (self != NULL, NULL);

  if (section == NULL)
    return NULL;
  table = lookup_section (self, kind, section);
  if (table == NULL)
    return NULL;
  value = g_hash_table_lookup (table, key);
  return value != NULL && *value != '\0' ? value : NULL;
}

/* Same profile in both files: the credentials file wins. */
const char *
ca_aws_config_get_profile_value (CaAwsConfig *self,
                                 const char  *profile,
                                 const char  *key)
{
  const char *value = ca_aws_config_get (self, CA_AWS_SECTION_CREDENTIALS, profile, key);

  return value != NULL ? value : ca_aws_config_get (self, CA_AWS_SECTION_PROFILE, profile, key);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char **
ca_aws_config_list_profiles (CaAwsConfig *self)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  const char *id;

  g_return_val_if_fail (self != NULL, NULL);

  g_hash_table_iter_init (&iter, self->sections);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    {
      const char *colon = strchr (id, ':');

      if (!g_str_has_prefix (id, "profile") && !g_str_has_prefix (id, "credentials:"))
        continue;
      if (!g_hash_table_contains (seen, colon + 1))
        {
          g_hash_table_add (seen, g_strdup (colon + 1));
          g_ptr_array_add (names, g_strdup (colon + 1));
        }
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_steal (names, NULL);
}

GPtrArray *
ca_aws_config_get_warnings (CaAwsConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->warnings;
}

static const char *
nonempty_env (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? value : NULL;
}

/* --profile > AWS_PROFILE > AWS_DEFAULT_PROFILE > default */
char *
ca_aws_resolve_profile_name (const char *explicit_profile)
{
  if (explicit_profile != NULL && *explicit_profile != '\0')
    return g_strdup (explicit_profile);
  if (nonempty_env ("AWS_PROFILE") != NULL)
    return g_strdup (nonempty_env ("AWS_PROFILE"));
  if (nonempty_env ("AWS_DEFAULT_PROFILE") != NULL)
    return g_strdup (nonempty_env ("AWS_DEFAULT_PROFILE"));
  return g_strdup ("default");
}

/* --region > AWS_REGION > AWS_DEFAULT_REGION > profile region; no default. */
char *
ca_aws_resolve_region (CaAwsConfig *config,
                       const char  *profile,
                       const char  *explicit_region)
{
  if (explicit_region != NULL && *explicit_region != '\0')
    return g_strdup (explicit_region);
  if (nonempty_env ("AWS_REGION") != NULL)
    return g_strdup (nonempty_env ("AWS_REGION"));
  if (nonempty_env ("AWS_DEFAULT_REGION") != NULL)
    return g_strdup (nonempty_env ("AWS_DEFAULT_REGION"));
  if (config != NULL && profile != NULL)
    return g_strdup (ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "region"));
  return NULL;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* https with verification everywhere; plain http only to this machine. */
gboolean
ca_aws_check_endpoint (const char  *url,
                       GError     **error)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                   _("The endpoint “%s” is not a valid URL."), url);
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri)))
    return TRUE;

  g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
               _("The endpoint “%s” must use https:// (plain http:// is accepted only on this computer)."), url);
  return FALSE;
}

static char *
service_env_name (const char *service)
{
  g_autofree char *upper = g_ascii_strup (service, -1);

  g_strdelimit (upper, "-", '_');
  return g_strdup_printf ("AWS_ENDPOINT_URL_%s", upper);
}

static char *
default_endpoint (const char *service,
                  const char *region)
{
  const char *suffix = g_str_has_prefix (region, "cn-") ? "amazonaws.com.cn" : "amazonaws.com";

  if (strcmp (service, "sso") == 0)
    return g_strdup_printf ("https://portal.sso.%s.%s", region, suffix);
  if (strcmp (service, "sso_oidc") == 0)
    return g_strdup_printf ("https://oidc.%s.%s", region, suffix);
  /* Route 53 is global: one endpoint per partition. */
  if (strcmp (service, "route_53") == 0)
    return g_strdup_printf ("https://route53.%s", suffix);
  return g_strdup_printf ("https://%s.%s.%s", service, region, suffix);
}

static const char *
configured_endpoint (CaAwsConfig *config,
                     const char  *profile,
                     const char  *service)
{
  g_autofree char *env_name = service_env_name (service);
  g_autofree char *services_key = g_strdup_printf ("%s.endpoint_url", service);
  const char *services = NULL;
  const char *value;

  if ((value = nonempty_env (env_name)) != NULL || (value = nonempty_env ("AWS_ENDPOINT_URL")) != NULL)
    return value;
  if (config == NULL || profile == NULL)
    return NULL;
  services = ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "services");
  if (services != NULL &&
      (value = ca_aws_config_get (config, CA_AWS_SECTION_SERVICES, services, services_key)) != NULL)
    return value;
  return ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "endpoint_url");
}

/**
 * ca_aws_resolve_endpoint:
 * @service: "acm", "sts", "sso", "sso_oidc" or "route_53"
 *
 * explicit > AWS_ENDPOINT_URL_<SERVICE> > AWS_ENDPOINT_URL > the profile's
 * `[services]` section > its `endpoint_url` > the public endpoint of @region.
 */
char *
ca_aws_resolve_endpoint (CaAwsConfig  *config,
                         const char   *profile,
                         const char   *service,
                         const char   *region,
                         const char   *explicit_endpoint,
                         GError      **error)
{
  const char *chosen = explicit_endpoint;
  const char *ignore = g_getenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");

  g_return_val_if_fail (service != NULL, NULL);

  if (chosen == NULL && g_strcmp0 (ignore, "true") != 0)
    chosen = configured_endpoint (config, profile, service);
  if (chosen != NULL)
    return ca_aws_check_endpoint (chosen, error) ? g_strdup (chosen) : NULL;

  if (region == NULL)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                   _("No AWS region is set: use --region, set AWS_REGION, or add a region to the profile."));
      return NULL;
    }
  return default_endpoint (service, region);
}
