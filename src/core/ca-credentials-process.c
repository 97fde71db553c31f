/* ca-credentials-process.c: credentials from a profile's credential_process
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCredentialsProcess"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ca-credentials-private.h"
#include "ca-error.h"

/* A helper that waits for a prompt nobody sees must not hang the app. */
#define PROCESS_TIMEOUT_SECONDS 60

/* ISO 8601 with `Z`, `+00:00` or a trailing `UTC` (the SSO cache writes that). */
GDateTime *
ca_credentials_parse_time (const char *text)
{
  g_autofree char *copy = NULL;
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (g_str_has_suffix (copy, "UTC"))
    {
      copy[strlen (copy) - 3] = '\0';
      g_strchomp (copy);
      return g_date_time_new_from_iso8601 (copy, utc);
    }
  return g_date_time_new_from_iso8601 (copy, utc);
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

CaCredentials *
ca_credentials_parse_process_output (const char  *output,
                                     const char  *profile,
                                     GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GDateTime) expiration = NULL;
  g_autofree char *source = NULL;
  JsonObject *object;
  JsonNode *version;
  const char *key, *secret, *expiration_text;

  if (!json_parser_load_from_data (parser, output, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                   _("The credential_process of the AWS profile “%s” printed something that is not JSON."), profile);
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  version = json_object_get_member (object, "Version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) != 1)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                   _("The credential_process of the AWS profile “%s” printed an unsupported Version (only 1 is known)."), profile);
      return NULL;
    }

  key = get_string_member (object, "AccessKeyId");
  secret = get_string_member (object, "SecretAccessKey");
  expiration_text = get_string_member (object, "Expiration");
  if (key == NULL || secret == NULL || *key == '\0' || *secret == '\0')
    {
      g_set_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                   _("The credential_process of the AWS profile “%s” printed no AccessKeyId or SecretAccessKey."), profile);
      return NULL;
    }
  if (expiration_text != NULL && (expiration = ca_credentials_parse_time (expiration_text)) == NULL)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                   _("The credential_process of the AWS profile “%s” printed an Expiration that is not a date."), profile);
      return NULL;
    }

  source = g_strdup_printf ("credential_process of profile %s", profile);
  return ca_credentials_new (key, secret, get_string_member (object, "SessionToken"), expiration, source);
}

typedef struct
{
  char        *profile;
  guint        timeout_id;
  GSubprocess *process;
  GByteArray  *out;
} ProcessData;

static void
process_data_free (ProcessData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_free (data->profile);
  g_clear_object (&data->process);
  if (data->out != NULL)
    {
      ca_secret_wipe (data->out->data, data->out->len);
      g_byte_array_unref (data->out);
    }
  g_free (data);
}

static gboolean
process_timeout_cb (gpointer user_data)
{
  GSubprocess *process = user_data;

  g_subprocess_force_exit (process);
  return G_SOURCE_REMOVE;
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GSubprocess *process = G_SUBPROCESS (object);
  ProcessData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  CaCredentials *credentials;

  g_clear_handle_id (&data->timeout_id, g_source_remove);
  if (!g_subprocess_wait_finish (process, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      /* Its stderr is not shown: such helpers may print tokens there. */
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                               _("The credential_process of the AWS profile “%s” failed."), data->profile);
      return;
    }

  text = g_strndup ((const char *) data->out->data, data->out->len);
  credentials = ca_credentials_parse_process_output (text, data->profile, &error);
  ca_secret_wipe (text, strlen (text));
  if (credentials == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) ca_credentials_unref);
}

static void read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
read_more (GTask *task)
{
  ProcessData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (g_subprocess_get_stdout_pipe (data->process), 4096, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

/* stdout is read with a cap: a helper gone astray must not fill the memory. */
static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ProcessData *data = g_task_get_task_data (task);
  g_autoptr (GBytes) chunk = NULL;
  g_autoptr (GError) error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      g_subprocess_force_exit (data->process);
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                               _("The credential_process of the AWS profile “%s” could not be read: %s"),
                               data->profile, error->message);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      g_subprocess_wait_async (data->process, cancellable, wait_cb, g_steal_pointer (&task));
      return;
    }
  g_byte_array_append (data->out, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  ca_secret_wipe ((gpointer) g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (data->out->len > CA_CREDENTIALS_MAX_PROCESS_OUTPUT)
    {
      g_subprocess_force_exit (data->process);
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                               _("The credential_process of the AWS profile “%s” printed too much."), data->profile);
      return;
    }
  read_more (g_steal_pointer (&task));
}

/**
 * ca_credentials_process_run_async:
 *
 * Splits @command with shell rules but runs it without a shell, reads its
 * stdout (Version 1 JSON) and throws its stderr away.
 */
void
ca_credentials_process_run_async (const char          *command,
                                  const char          *profile,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) argv = NULL;
  ProcessData *data;

  g_task_set_source_tag (task, ca_credentials_process_run_async);
  data = g_new0 (ProcessData, 1);
  data->profile = g_strdup (profile);
  g_task_set_task_data (task, data, (GDestroyNotify) process_data_free);

  if (!g_shell_parse_argv (command, NULL, &argv, &error))
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                               _("The credential_process of the AWS profile “%s” cannot be split into words: %s"),
                               profile, error->message);
      return;
    }
  process = g_subprocess_newv ((const char * const *) argv,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  if (process == NULL)
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                               _("The credential_process of the AWS profile “%s” cannot be started: %s"),
                               profile, error->message);
      return;
    }

  data->timeout_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, PROCESS_TIMEOUT_SECONDS, process_timeout_cb,
                                                 g_object_ref (process), g_object_unref);
  data->process = g_steal_pointer (&process);
  data->out = g_byte_array_new ();
  read_more (g_steal_pointer (&task));
}

CaCredentials *
ca_credentials_process_run_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
