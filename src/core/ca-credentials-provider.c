/* ca-credentials-provider.c: the AWS credential chain, region and endpoints
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCredentialsProvider"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-credentials-private.h"
#include "ca-credentials-provider.h"
#include "ca-error.h"

/* Temporary credentials are renewed this long before they expire. */
#define REFRESH_MARGIN (5 * G_TIME_SPAN_MINUTE)
/* botocore follows source_profile chains of any length and refuses only a
 * profile seen twice; this cap only keeps a generated config finite. */
#define MAX_SOURCE_HOPS 32
#define HELPER_DEFAULT_TIMEOUT_SECONDS 60

struct _CaCredentialsProvider
{
  GObject        parent_instance;

  SoupSession   *http;
  CaAwsConfig   *config;
  char          *profile;
  gboolean       explicit_profile;
  char          *region;
  CaCredentials *cached;
  GPtrArray     *waiting;  /* GTasks sharing the resolution under way, or NULL */
};

G_DEFINE_FINAL_TYPE (CaCredentialsProvider, ca_credentials_provider, G_TYPE_OBJECT)

static void
ca_credentials_provider_finalize (GObject *object)
{
  CaCredentialsProvider *self = (CaCredentialsProvider *) object;

  g_clear_object (&self->http);
  g_clear_pointer (&self->config, ca_aws_config_free);
  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->cached, ca_credentials_unref);

  G_OBJECT_CLASS (ca_credentials_provider_parent_class)->finalize (object);
}

static void
ca_credentials_provider_class_init (CaCredentialsProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_credentials_provider_finalize;
}

static void
ca_credentials_provider_init (CaCredentialsProvider *self)
{
}

/*
 * Sources
 */

static const char *
nonempty_env (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? value : NULL;
}

/* Returns NULL without error when the environment holds no keys. */
static CaCredentials *
credentials_from_env (GError **error)
{
  const char *key = nonempty_env ("AWS_ACCESS_KEY_ID");
  const char *secret = nonempty_env ("AWS_SECRET_ACCESS_KEY");
  const char *token = nonempty_env ("AWS_SECURITY_TOKEN");

  if (key == NULL && secret == NULL)
    return NULL;
  if (key == NULL || secret == NULL)
    {
      g_set_error_literal (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                           _("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together."));
      return NULL;
    }
  /* botocore prefers the legacy AWS_SECURITY_TOKEN when both are set. */
  if (token == NULL)
    token = nonempty_env ("AWS_SESSION_TOKEN");

  return ca_credentials_new (key, secret, token, NULL, "environment");
}

static CaCredentials *
credentials_from_keys (CaAwsConfig      *config,
                       CaAwsSectionKind  kind,
                       const char       *profile,
                       GError          **error)
{
  const char *key = ca_aws_config_get (config, kind, profile, "aws_access_key_id");
  const char *secret = ca_aws_config_get (config, kind, profile, "aws_secret_access_key");
  const char *token = ca_aws_config_get (config, kind, profile, "aws_session_token");
  g_autofree char *source = NULL;

  if (key == NULL)
    return NULL;
  if (secret == NULL)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                   _("The AWS profile “%s” has an access key but no secret access key."), profile);
      return NULL;
    }
  source = g_strdup_printf ("profile %s", profile);
  return ca_credentials_new (key, secret, token, NULL, source);
}

/*
 * The chain for one profile, recursive through source_profile.
 */

typedef struct
{
  char       *profile;
  GHashTable *visited;
} ResolveData;

static void
resolve_data_free (ResolveData *data)
{
  g_free (data->profile);
  g_hash_table_unref (data->visited);
  g_free (data);
}

static void resolve_profile_async (CaCredentialsProvider *self,
                                   const char            *profile,
                                   GHashTable            *visited,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data);

static void
process_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  CaCredentials *credentials = ca_credentials_process_run_finish (result, &error);

  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) ca_credentials_unref);
}

static void
sso_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  CaCredentials *credentials = ca_credentials_sso_fetch_finish (result, &error);

  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) ca_credentials_unref);
}

static void
assume_role_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  CaCredentials *credentials = ca_credentials_sts_assume_role_finish (result, &error);

  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) ca_credentials_unref);
}

static void
assume_role_with (GTask         *task,
                  CaCredentials *source)
{
  CaCredentialsProvider *self = g_task_get_source_object (task);
  ResolveData *data = g_task_get_task_data (task);

  ca_credentials_sts_assume_role_async (self->http, self->config, data->profile, source,
                                        g_task_get_cancellable (task), assume_role_cb, task);
}

static void
source_profile_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (CaCredentials) source = g_task_propagate_pointer (G_TASK (result), &error);

  if (source == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  assume_role_with (g_steal_pointer (&task), source);
}

static void
resolve_role (GTask *task)
{
  CaCredentialsProvider *self = g_task_get_source_object (task);
  ResolveData *data = g_task_get_task_data (task);
  const char *source_profile = ca_aws_config_get (self->config, CA_AWS_SECTION_PROFILE, data->profile, "source_profile");
  const char *credential_source = ca_aws_config_get (self->config, CA_AWS_SECTION_PROFILE, data->profile, "credential_source");
  g_autoptr (CaCredentials) env = NULL;
  GError *error = NULL;

  /* A role profile may name itself as source when it holds static keys. */
  if (g_strcmp0 (source_profile, data->profile) == 0)
    {
      g_autoptr (CaCredentials) own = credentials_from_keys (self->config, CA_AWS_SECTION_CREDENTIALS, data->profile, &error);

      if (own == NULL && error == NULL)
        own = credentials_from_keys (self->config, CA_AWS_SECTION_PROFILE, data->profile, &error);
      if (own != NULL)
        {
          assume_role_with (task, own);
          return;
        }
      if (error == NULL)
        g_set_error (&error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                     _("The AWS profile “%s” takes its credentials from itself through source_profile."),
                     data->profile);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  else if (source_profile != NULL)
    {
      resolve_profile_async (self, source_profile, data->visited, g_task_get_cancellable (task),
                             source_profile_cb, task);
      return;
    }
  if (g_strcmp0 (credential_source, "Environment") == 0)
    {
      env = credentials_from_env (&error);
      if (env != NULL)
        {
          assume_role_with (task, env);
          return;
        }
      if (error == NULL)
        g_set_error (&error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                     _("The AWS profile “%s” takes its keys from the environment, but AWS_ACCESS_KEY_ID is not set."),
                     data->profile);
    }
  else
    g_set_error (&error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                 _("The AWS profile “%s” has a role_arn but neither a source_profile nor credential_source = Environment."),
                 data->profile);

  g_task_return_error (task, error);
  g_object_unref (task);
}

/* A helper gets the deadline of one network lookup (--timeout), which the
 * session's I/O timeout carries. */
static guint
helper_timeout (CaCredentialsProvider *self)
{
  guint seconds = 0;

  g_object_get (self->http, "timeout", &seconds, NULL);
  return seconds > 0 ? seconds : HELPER_DEFAULT_TIMEOUT_SECONDS;
}

static void
resolve_profile_sources (GTask *task)
{
  CaCredentialsProvider *self = g_task_get_source_object (task);
  ResolveData *data = g_task_get_task_data (task);
  CaAwsConfig *config = self->config;
  const char *profile = data->profile;
  const char *process;
  CaCredentials *credentials;
  GError *error = NULL;

  if (ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "role_arn") != NULL)
    {
      resolve_role (task);
      return;
    }

  if (ca_aws_config_get (config, CA_AWS_SECTION_PROFILE, profile, "sso_account_id") != NULL)
    {
      ca_credentials_sso_fetch_async (self->http, config, profile, g_task_get_cancellable (task), sso_cb, task);
      return;
    }

  credentials = credentials_from_keys (config, CA_AWS_SECTION_CREDENTIALS, profile, &error);
  if (credentials == NULL && error == NULL)
    {
      process = ca_aws_config_get_profile_value (config, profile, "credential_process");
      if (process != NULL)
        {
          ca_credentials_process_run_async (process, profile, helper_timeout (self), g_task_get_cancellable (task),
                                            process_cb, task);
          return;
        }
      credentials = credentials_from_keys (config, CA_AWS_SECTION_PROFILE, profile, &error);
    }

  if (credentials == NULL && error == NULL)
    g_set_error (&error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                 _("The AWS profile “%s” holds no credentials. Run “aws configure”, or choose another profile."),
                 profile);
  if (credentials != NULL)
    g_task_return_pointer (task, credentials, (GDestroyNotify) ca_credentials_unref);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

static void
resolve_profile_async (CaCredentialsProvider *self,
                       const char            *profile,
                       GHashTable            *visited,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ResolveData *data = g_new0 (ResolveData, 1);

  g_task_set_source_tag (task, resolve_profile_async);
  data->profile = g_strdup (profile);
  data->visited = g_hash_table_ref (visited);
  g_task_set_task_data (task, data, (GDestroyNotify) resolve_data_free);

  if (g_hash_table_contains (visited, profile))
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                               _("The AWS profile “%s” takes its credentials from itself through source_profile."),
                               profile);
      g_object_unref (task);
      return;
    }
  if (g_hash_table_size (visited) > MAX_SOURCE_HOPS)
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "The AWS profile “%s” is reached through more than %u source_profile step; CertAssist follows at most that many.",
                                            "The AWS profile “%s” is reached through more than %u source_profile steps; CertAssist follows at most that many.",
                                            MAX_SOURCE_HOPS),
                               profile, (guint) MAX_SOURCE_HOPS);
      g_object_unref (task);
      return;
    }
  g_hash_table_add (visited, g_strdup (profile));

  if (!ca_aws_config_has_section (self->config, CA_AWS_SECTION_PROFILE, profile) &&
      !ca_aws_config_has_section (self->config, CA_AWS_SECTION_CREDENTIALS, profile))
    {
      if (g_strcmp0 (profile, "default") == 0)
        g_task_return_new_error (task, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                                 _("No AWS credentials were found. Run “aws configure”, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or choose a profile with --profile."));
      else
        g_task_return_new_error (task, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                                 _("The AWS profile “%s” does not exist in the AWS config or credentials file."),
                                 profile);
      g_object_unref (task);
      return;
    }

  resolve_profile_sources (task);
}

/*
 * Public API
 */

/**
 * ca_credentials_provider_new:
 * @http: the session that STS and IAM Identity Center calls use
 * @profile: (nullable): a profile chosen by the user (--profile, the GUI's
 *   picker); it skips the environment's keys
 * @region: (nullable): a region chosen by the user (--region)
 *
 * Reads the AWS config and credentials files.
 */
CaCredentialsProvider *
ca_credentials_provider_new (SoupSession  *http,
                             const char   *profile,
                             const char   *region,
                             GError      **error)
{
  g_autoptr (CaCredentialsProvider) self = NULL;

  g_return_val_if_fail (SOUP_IS_SESSION (http), NULL);

  self = g_object_new (CA_TYPE_CREDENTIALS_PROVIDER, NULL);
  self->http = g_object_ref (http);
  self->config = ca_aws_config_load (error);
  if (self->config == NULL)
    return NULL;
  self->explicit_profile = profile != NULL && *profile != '\0';
  self->profile = ca_aws_resolve_profile_name (profile);
  self->region = ca_aws_resolve_region (self->config, self->profile, region);

  for (guint i = 0; i < ca_aws_config_get_warnings (self->config)->len; i++)
    g_debug ("%s", (const char *) g_ptr_array_index (ca_aws_config_get_warnings (self->config), i));

  return g_steal_pointer (&self);
}

const char *
ca_credentials_provider_get_profile (CaCredentialsProvider *self)
{
  g_return_val_if_fail (CA_IS_CREDENTIALS_PROVIDER (self), NULL);
  return self->profile;
}

/* Returns: (nullable): the region, or %NULL when nothing sets one */
const char *
ca_credentials_provider_get_region (CaCredentialsProvider *self)
{
  g_return_val_if_fail (CA_IS_CREDENTIALS_PROVIDER (self), NULL);
  return self->region;
}

CaAwsConfig *
ca_credentials_provider_get_config (CaCredentialsProvider *self)
{
  g_return_val_if_fail (CA_IS_CREDENTIALS_PROVIDER (self), NULL);
  return self->config;
}

char *
ca_credentials_provider_resolve_endpoint (CaCredentialsProvider  *self,
                                          const char             *service,
                                          GError                **error)
{
  g_return_val_if_fail (CA_IS_CREDENTIALS_PROVIDER (self), NULL);

  return ca_aws_resolve_endpoint (self->config, self->profile, service, self->region, NULL, error);
}

#define CANCELLED_ID_KEY "ca-cancelled-id"

/* A waiter whose caller gave up (its deadline passed) leaves at once; the
 * shared lookup goes on for the others. */
static void
forget_cancel_handler (GTask *task)
{
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (task), CANCELLED_ID_KEY));

  if (id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), id);
  g_object_set_data (G_OBJECT (task), CANCELLED_ID_KEY, NULL);
}

static gboolean
waiter_cancelled_idle (gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CaCredentialsProvider *self = g_task_get_source_object (task);
  guint index;

  forget_cancel_handler (task);
  if (self->waiting != NULL && g_ptr_array_find (self->waiting, task, &index))
    {
      /* The array's reference: the task leaves the waiters with its answer. */
      g_autoptr (GTask) waiter = g_ptr_array_steal_index (self->waiting, index);

      g_task_return_error_if_cancelled (waiter);
    }
  return G_SOURCE_REMOVE;
}

/* Runs in the cancelling code: no disconnecting here, the idle does it. */
static void
waiter_cancelled_cb (GCancellable *cancellable,
                     GTask        *task)
{
  g_idle_add (waiter_cancelled_idle, g_object_ref (task));
}

static void
add_waiter (CaCredentialsProvider *self,
            GTask                 *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_ptr_array_add (self->waiting, task);
  if (cancellable != NULL)
    g_object_set_data (G_OBJECT (task), CANCELLED_ID_KEY,
                       GSIZE_TO_POINTER (g_cancellable_connect (cancellable, G_CALLBACK (waiter_cancelled_cb),
                                                                task, NULL)));
}

/* Every caller that asked meanwhile gets the one answer. */
static void
resolved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (CaCredentialsProvider) self = user_data;
  g_autoptr (GPtrArray) waiting = g_steal_pointer (&self->waiting);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaCredentials) credentials = g_task_propagate_pointer (G_TASK (result), &error);

  if (credentials != NULL)
    {
      g_clear_pointer (&self->cached, ca_credentials_unref);
      self->cached = ca_credentials_ref (credentials);
      g_debug ("Using AWS credentials from %s", ca_credentials_get_source (credentials));
    }
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      forget_cancel_handler (task);
      if (credentials != NULL)
        g_task_return_pointer (task, ca_credentials_ref (credentials), (GDestroyNotify) ca_credentials_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

/**
 * ca_credentials_provider_get_async:
 *
 * Finds credentials in the AWS CLI's order: the environment (unless a profile
 * was chosen explicitly), then the profile's role, IAM Identity Center,
 * credentials-file keys, credential_process and config-file keys. Temporary
 * credentials are kept until shortly before they expire.
 */
void
ca_credentials_provider_get_async (CaCredentialsProvider *self,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) visited = NULL;
  g_autoptr (GError) error = NULL;
  CaCredentials *env;

  g_return_if_fail (CA_IS_CREDENTIALS_PROVIDER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_credentials_provider_get_async);

  if (self->cached != NULL && !ca_credentials_expires_within (self->cached, REFRESH_MARGIN))
    {
      g_task_return_pointer (task, ca_credentials_ref (self->cached), (GDestroyNotify) ca_credentials_unref);
      return;
    }

  if (!self->explicit_profile)
    {
      env = credentials_from_env (&error);
      if (error != NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (env != NULL)
        {
          g_clear_pointer (&self->cached, ca_credentials_unref);
          self->cached = ca_credentials_ref (env);
          g_task_return_pointer (task, env, (GDestroyNotify) ca_credentials_unref);
          return;
        }
    }

  /* STS, IAM Identity Center and credential_process run once for concurrent
   * callers; the shared lookup is not cancelled with one of them. */
  if (self->waiting != NULL)
    {
      add_waiter (self, g_steal_pointer (&task));
      return;
    }
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  add_waiter (self, g_steal_pointer (&task));
  visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  resolve_profile_async (self, self->profile, visited, NULL, resolved_cb, g_object_ref (self));
}

CaCredentials *
ca_credentials_provider_get_finish (CaCredentialsProvider  *self,
                                    GAsyncResult           *result,
                                    GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* After AWS rejected the credentials (expired token), fetch them anew. */
void
ca_credentials_provider_invalidate (CaCredentialsProvider *self)
{
  g_return_if_fail (CA_IS_CREDENTIALS_PROVIDER (self));

  g_clear_pointer (&self->cached, ca_credentials_unref);
}
