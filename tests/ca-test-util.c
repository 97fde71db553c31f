/* ca-test-util.c: helpers shared by the tests
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaTest"

#include "config.h"

#include <locale.h>
#include <sys/wait.h>

#include "ca-finding.h"
#include "ca-test-util.h"

void
ca_test_init (int    *argc,
              char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

const char *
ca_test_fixtures_dir (void)
{
  const char *dir = g_getenv ("CERTASSIST_FIXTURES");

  g_assert_nonnull (dir);
  return dir;
}

static char *
fixture_path_va (const char *first_element,
                 va_list     args)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();

  g_ptr_array_add (parts, (gpointer) ca_test_fixtures_dir ());
  g_ptr_array_add (parts, (gpointer) first_element);
  for (const char *part = va_arg (args, const char *); part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

char *
ca_test_fixture_path (const char *first_element,
                      ...)
{
  va_list args;
  char *path;

  va_start (args, first_element);
  path = fixture_path_va (first_element, args);
  va_end (args);
  return path;
}

/* The text of a fixture file, e.g. ("registration", "x.txt", NULL); it must exist. */
char *
ca_test_read_fixture (const char *first_element,
                      ...)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  char *text = NULL;
  va_list args;

  va_start (args, first_element);
  path = fixture_path_va (first_element, args);
  va_end (args);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

char *
ca_test_make_temp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("certassist-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

CaTestRun *
ca_test_run_cli_argv (const char * const *env,
                      const char * const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) envp = g_get_environ ();
  CaTestRun *run = g_new0 (CaTestRun, 1);
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CERTASSIST_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (env[i], "=", 2);

      envp = pair[1] != NULL ? g_environ_setenv (envp, pair[0], pair[1], TRUE)
                             : g_environ_unsetenv (envp, pair[0]);
    }

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->exit_status = WEXITSTATUS (wait_status);
  run->json = json_from_string (run->out, NULL);

  return run;
}

/* Runs certassist-cli; @env holds NAME=VALUE to set and NAME to unset. */
CaTestRun *
ca_test_run_cli (const char * const *env,
                 const char         *first_arg,
                 ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return ca_test_run_cli_argv (env, (const char * const *) args->pdata);
}

JsonObject *
ca_test_run_get_object (CaTestRun *run)
{
  if (run->json == NULL || !JSON_NODE_HOLDS_OBJECT (run->json))
    g_error ("stdout is not a JSON object: %s\nstderr: %s", run->out, run->err);
  return json_node_get_object (run->json);
}

void
ca_test_run_free (CaTestRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_clear_pointer (&run->json, json_node_unref);
  g_free (run);
}

/* Iterates the default main context until *done is set. */
void
ca_test_wait_for (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

/* A GAsyncReadyCallback for tests: @user_data points to a GAsyncResult * that is
 * still NULL and gets a reference to @result, for ca_test_wait_for_result(). */
void
ca_test_store_result_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GAsyncResult **store = user_data;

  g_assert_null (*store);
  *store = g_object_ref (result);
}

/* Iterates the default main context until ca_test_store_result_cb() has filled
 * *result; returns it, still owned by *result. */
GAsyncResult *
ca_test_wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The ids of @findings (CaFinding), in order, separated by single spaces. */
char *
ca_test_finding_ids (GPtrArray *findings)
{
  g_autoptr (GString) ids = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "",
                            ca_finding_get_id_string (g_ptr_array_index (findings, i)));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* A SoupServer on 127.0.0.1, port 0, answering every path with @callback;
 * *@url gets "http://127.0.0.1:PORT". */
SoupServer *
ca_test_server_new (SoupServerCallback   callback,
                    gpointer             user_data,
                    char               **url)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, callback, user_data, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

/* Takes @server out of service; it stays until exit, as libsoup 3.2 leaks a
 * finalized server's sockets. */
void
ca_test_server_retire (SoupServer *server)
{
  static GPtrArray *retired;

  soup_server_remove_handler (server, NULL);
  if (retired == NULL)
    retired = g_ptr_array_new ();
  g_ptr_array_add (retired, server);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancels @cancellable after @ms milliseconds of the default main context. */
void
ca_test_cancel_later (GCancellable *cancellable,
                      guint         ms)
{
  g_timeout_add_full (G_PRIORITY_DEFAULT, ms, cancel_cb, g_object_ref (cancellable), g_object_unref);
}

/*
 * A server that drips
 */

struct _CaTestDrip
{
  GSocketService *service;
  char           *head;
  guint           period_ms;
  GPtrArray      *connections;  /* GSocketConnection, each dripping */
  GArray         *sources;      /* guint, their timers */
  guint           accepted;
  guint           dripped;
};

typedef struct
{
  CaTestDrip        *drip;
  GSocketConnection *connection;
} DripConnection;

/* One byte, a space (JSON and WHOIS text alike), until the client hangs up. */
static gboolean
drip_byte_cb (gpointer user_data)
{
  DripConnection *dc = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (dc->connection));

  if (g_output_stream_write (out, " ", 1, NULL, NULL) != 1)
    return G_SOURCE_REMOVE;
  dc->drip->dripped++;
  return G_SOURCE_CONTINUE;
}

static gboolean
drip_incoming_cb (GSocketService     *service,
                  GSocketConnection  *connection,
                  GObject            *source_object,
                  gpointer            user_data)
{
  CaTestDrip *self = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  DripConnection *dc;
  guint id;

  self->accepted++;
  /* Kept open: a connection that is dropped would end the client's wait. */
  g_ptr_array_add (self->connections, g_object_ref (connection));
  if (self->head != NULL)
    g_output_stream_write_all (out, self->head, strlen (self->head), NULL, NULL, NULL);
  if (self->period_ms == 0)
    return TRUE;
  dc = g_new0 (DripConnection, 1);
  dc->drip = self;
  dc->connection = connection;
  id = g_timeout_add_full (G_PRIORITY_DEFAULT, self->period_ms, drip_byte_cb, dc, g_free);
  g_array_append_val (self->sources, id);
  return TRUE;
}

/**
 * ca_test_drip_new:
 * @head: (nullable): sent at once on each connection, such as an HTTP status and headers
 * @period_ms: then one byte every @period_ms for as long as the client listens; 0 for
 *   none, a server that accepts and never says a word
 * @port: (out): the port on 127.0.0.1
 *
 * A TCP server for deadlines: a client's idle timeout never fires against it, as
 * bytes keep coming; only an overall deadline (or cancelling) ends the wait.
 */
CaTestDrip *
ca_test_drip_new (const char *head,
                  guint       period_ms,
                  guint16    *port)
{
  CaTestDrip *self = g_new0 (CaTestDrip, 1);
  g_autoptr (GError) error = NULL;

  self->service = g_socket_service_new ();
  self->head = g_strdup (head);
  self->period_ms = period_ms;
  self->connections = g_ptr_array_new_with_free_func (g_object_unref);
  self->sources = g_array_new (FALSE, FALSE, sizeof (guint));
  *port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (self->service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (self->service, "incoming", G_CALLBACK (drip_incoming_cb), self);
  g_socket_service_start (self->service);
  return self;
}

guint
ca_test_drip_get_accepted (CaTestDrip *self)
{
  return self->accepted;
}

guint
ca_test_drip_get_dripped (CaTestDrip *self)
{
  return self->dripped;
}

void
ca_test_drip_free (CaTestDrip *self)
{
  /* A timer that met a closed connection has removed itself already. */
  for (guint i = 0; i < self->sources->len; i++)
    {
      GSource *source = g_main_context_find_source_by_id (NULL, g_array_index (self->sources, guint, i));

      if (source != NULL)
        g_source_destroy (source);
    }
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_signal_handlers_disconnect_by_data (self->service, self);
  g_object_unref (self->service);
  g_ptr_array_unref (self->connections);
  g_array_unref (self->sources);
  g_free (self->head);
  g_free (self);
}

/* The lines of a file a helper appends to each time it runs (0 when it never
 * ran): how many times it ran. */
guint
ca_test_count_lines (const char *path)
{
  g_autofree char *contents = NULL;
  guint lines = 0;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;
  for (const char *p = contents; *p != '\0'; p++)
    lines += *p == '\n';
  return lines;
}
