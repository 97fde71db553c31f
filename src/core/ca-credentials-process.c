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
#include "ca-json.h"

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

/**
 * ca_credentials_parse_process_output:
 * @output: (array length=len) (nullable): what the helper printed on stdout
 *
 * Reads a credential_process's Version 1 JSON. Every refusal is a
 * %CA_ERROR_NO_CREDENTIALS that names the profile and never quotes @output.
 */
CaCredentials *
ca_credentials_parse_process_output (const char  *output,
                                     gsize        len,
                                     const char  *profile,
                                     GError     **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GDateTime) expiration = NULL;
  g_autoptr (GError) json_error = NULL;
  g_autofree char *source = NULL;
  JsonObject *object;
  JsonNode *version;
  const char *key, *secret, *expiration_text;

  if (len == 0)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                   _("The credential_process of the AWS profile “%s” printed nothing."), profile);
      return NULL;
    }
  root = ca_json_parse_untrusted (output, len, CA_CREDENTIALS_MAX_PROCESS_OUTPUT, &json_error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("credential_process output refused: %s", json_error != NULL ? json_error->message : "not an object");
      g_set_error (error, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                   _("The credential_process of the AWS profile “%s” printed something that is not JSON."), profile);
      return NULL;
    }
  object = json_node_get_object (root);
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

/*
 * Running the helper
 *
 * The helper's own exit ends the wait, not the end of its stdout: a helper
 * may leave a child behind that keeps the pipe open for minutes. So stdout is
 * read as it comes, and when the helper exits whatever it wrote is already in
 * the pipe and is drained without blocking. A deadline kills a helper that
 * does not exit, and the output is capped.
 */

typedef struct
{
  char                 *profile;
  guint                 timeout_seconds;
  GSubprocess          *process;
  GPollableInputStream *stdout_pipe;
  GSource              *read_source;
  guint                 timeout_id;
  GByteArray           *out;
  gboolean              done;
} ProcessData;

static void
stop_watching (ProcessData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  if (data->read_source != NULL)
    {
      g_source_destroy (data->read_source);
      g_clear_pointer (&data->read_source, g_source_unref);
    }
}

static void
process_data_free (ProcessData *data)
{
  stop_watching (data);
  g_free (data->profile);
  g_clear_object (&data->stdout_pipe);
  g_clear_object (&data->process);
  if (data->out != NULL)
    {
      ca_secret_wipe (data->out->data, data->out->len);
      g_byte_array_unref (data->out);
    }
  g_free (data);
}

/* Ends the run once; a helper still running is killed. Takes @error. */
static void
finish_with_error (GTask  *task,
                   GError *error)
{
  ProcessData *data = g_task_get_task_data (task);

  if (data->done)
    {
      g_error_free (error);
      return;
    }
  data->done = TRUE;
  stop_watching (data);
  g_subprocess_force_exit (data->process);
  g_task_return_error (task, error);
}

typedef enum
{
  READ_AGAIN,
  READ_END,
  READ_FAILED,
} ReadState;

/* Reads what the pipe holds now, within the cap. */
static ReadState
read_available (GTask *task)
{
  ProcessData *data = g_task_get_task_data (task);
  guint8 chunk[4096];

  for (;;)
    {
      g_autoptr (GError) error = NULL;
      gssize n = g_pollable_input_stream_read_nonblocking (data->stdout_pipe, chunk, sizeof chunk, NULL, &error);

      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return READ_AGAIN;
      if (n < 0)
        {
          finish_with_error (task, g_error_new (CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                                                _("The credential_process of the AWS profile “%s” could not be read: %s"),
                                                data->profile, error->message));
          return READ_FAILED;
        }
      if (n == 0)
        return READ_END;
      g_byte_array_append (data->out, chunk, (guint) n);
      ca_secret_wipe (chunk, (gsize) n);
      if (data->out->len > CA_CREDENTIALS_MAX_PROCESS_OUTPUT)
        {
          finish_with_error (task, g_error_new (CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                                                _("The credential_process of the AWS profile “%s” printed too much."),
                                                data->profile));
          return READ_FAILED;
        }
    }
}

static gboolean
readable_cb (GObject  *stream,
             gpointer  user_data)
{
  GTask *task = user_data;
  ProcessData *data = g_task_get_task_data (task);

  if (read_available (task) == READ_AGAIN)
    return G_SOURCE_CONTINUE;
  /* At the end of stdout the run waits for the exit; after a failure it is over. */
  g_clear_pointer (&data->read_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static gboolean
deadline_cb (gpointer user_data)
{
  GTask *task = user_data;
  ProcessData *data = g_task_get_task_data (task);

  data->timeout_id = 0;
  finish_with_error (task, g_error_new (CA_ERROR, CA_ERROR_TIMEOUT,
                                        g_dngettext (GETTEXT_PACKAGE,
                                                     "The credential_process of the AWS profile “%s” did not finish within %u second.",
                                                     "The credential_process of the AWS profile “%s” did not finish within %u seconds.",
                                                     data->timeout_seconds),
                                        data->profile, data->timeout_seconds));
  return G_SOURCE_REMOVE;
}

static void
exited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GSubprocess *process = G_SUBPROCESS (object);
  ProcessData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  CaCredentials *credentials;

  if (!g_subprocess_wait_finish (process, result, &error))
    {
      finish_with_error (task, g_steal_pointer (&error));
      return;
    }
  if (data->done)
    return;
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      /* Its stderr is not shown: such helpers may print tokens there. */
      finish_with_error (task, g_error_new (CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                                            _("The credential_process of the AWS profile “%s” failed."), data->profile));
      return;
    }
  if (read_available (task) == READ_FAILED)
    return;

  data->done = TRUE;
  stop_watching (data);
  credentials = ca_credentials_parse_process_output ((const char *) data->out->data, data->out->len,
                                                     data->profile, &error);
  if (credentials == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) ca_credentials_unref);
}

/**
 * ca_credentials_process_run_async:
 * @timeout_seconds: how long the helper may run, the operation's deadline
 *
 * Splits @command with shell rules but runs it without a shell, reads its
 * stdout (Version 1 JSON) and throws its stderr away.
 */
/* Flatpak marks its sandboxes with this file. The app does not ask for host
 * commands (flatpak-spawn --host): a helper named in ~/.aws/config would run
 * outside the sandbox. */
static const char *sandbox_marker = "/.flatpak-info";

void
ca_credentials_process_set_sandbox_marker (const char *path)
{
  sandbox_marker = path != NULL ? path : "/.flatpak-info";
}

static gboolean
in_sandbox (void)
{
  return g_file_test (sandbox_marker, G_FILE_TEST_EXISTS);
}

void
ca_credentials_process_run_async (const char          *command,
                                  const char          *profile,
                                  guint                timeout_seconds,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) argv = NULL;
  ProcessData *data;

  g_task_set_source_tag (task, ca_credentials_process_run_async);
  data = g_new0 (ProcessData, 1);
  data->profile = g_strdup (profile);
  data->timeout_seconds = MAX (timeout_seconds, 1);
  data->out = g_byte_array_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) process_data_free);

  if (!g_shell_parse_argv (command, NULL, &argv, &error))
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                               _("The credential_process of the AWS profile “%s” cannot be split into words: %s"),
                               profile, error->message);
      return;
    }
  data->process = g_subprocess_newv ((const char * const *) argv,
                                     G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  if (data->process == NULL && in_sandbox ())
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                               _("The credential_process of the AWS profile “%s” cannot run in the Flatpak sandbox, which starts no programs of your system. With the Flatpak, use an IAM Identity Center profile or keys in the environment."),
                               profile);
      return;
    }
  if (data->process == NULL)
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_NO_CREDENTIALS,
                               _("The credential_process of the AWS profile “%s” cannot be started: %s"),
                               profile, error->message);
      return;
    }

  /* The sources borrow @task: the pending wait holds a reference until the
   * helper is reaped, and stop_watching() removes them before that ends. */
  data->stdout_pipe = G_POLLABLE_INPUT_STREAM (g_object_ref (g_subprocess_get_stdout_pipe (data->process)));
  data->read_source = g_pollable_input_stream_create_source (data->stdout_pipe, NULL);
  g_source_set_callback (data->read_source, (GSourceFunc) (void (*) (void)) readable_cb, task, NULL);
  g_source_attach (data->read_source, g_main_context_get_thread_default ());
  data->timeout_id = g_timeout_add (data->timeout_seconds * 1000, deadline_cb, task);
  g_subprocess_wait_async (data->process, cancellable, exited_cb, g_steal_pointer (&task));
}

CaCredentials *
ca_credentials_process_run_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
