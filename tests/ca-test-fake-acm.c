/* ca-test-fake-acm.c: the fake ACM as a process of its own, for the GUI tests.
 *
 * A process, not a server in the test: libsoup 3.2's server leaks a socket
 * and an address per listener, which LeakSanitizer would blame on the test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "ca-fake-acm.h"
#include "ca-test-fake-acm.h"

/* A test that fails must not leave the fake behind, holding its output open. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * ca_test_fake_acm_spawn:
 * @seed_path: the fake's certificates (tests/fake-acm/README.md)
 * @url: (out): where the fake listens
 * @...: more options of the fake, then %NULL
 *
 * Returns: (transfer full): the running fake
 */
GSubprocess *
ca_test_fake_acm_spawn (const char  *seed_path,
                        char       **url,
                        ...)
{
  g_autofree char *fake = g_test_build_filename (G_TEST_BUILT, "fake-acm", "fake-acm", NULL);
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GError) error = NULL;
  GSubprocess *process;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, fake);
  g_ptr_array_add (argv, (gpointer) "--seed");
  g_ptr_array_add (argv, (gpointer) seed_path);
  va_start (args, url);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  *url = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*url);
  return process;
}

void
ca_test_fake_acm_terminate (GSubprocess *process)
{
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

/* The identity of the environment, and nothing from files the developer has. */
void
ca_test_fake_acm_use_environment_keys (const char *url)
{
  g_setenv ("AWS_ENDPOINT_URL_ACM", url, TRUE);
  /* The watch page asks Route 53 where the records go: the fake answers that too. */
  g_setenv ("AWS_ENDPOINT_URL_ROUTE_53", url, TRUE);
  g_setenv ("AWS_ACCESS_KEY_ID", CA_FAKE_ACM_ACCESS_KEY_ID, TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", CA_FAKE_ACM_SECRET_ACCESS_KEY, TRUE);
  g_setenv ("AWS_CONFIG_FILE", "/nonexistent/aws/config", TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws/credentials", TRUE);
  g_unsetenv ("AWS_REGION");
  g_unsetenv ("AWS_SESSION_TOKEN");
  g_unsetenv ("AWS_PROFILE");
  g_unsetenv ("AWS_ENDPOINT_URL");
}

/* Returns: (transfer full): what the fake received: request counts and each
 * operation's last input */
JsonObject *
ca_test_fake_acm_get_stats (const char *url)
{
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autofree char *stats_url = g_strconcat (url, "/_fake/stats", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", stats_url);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  body = soup_session_send_and_read (http, msg, NULL, &error);
  g_assert_no_error (error);
  root = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (root));
}

/* How often the fake was asked for @operation. */
gint64
ca_test_fake_acm_count_calls (const char *url,
                              const char *operation)
{
  g_autoptr (JsonObject) stats = ca_test_fake_acm_get_stats (url);
  JsonObject *operations = json_object_get_object_member (stats, "operations");

  return json_object_has_member (operations, operation) ? json_object_get_int_member (operations, operation) : 0;
}

/* Posts @json to one of the fake's controls, such as /_fake/delay. */
void
ca_test_fake_acm_post (const char *url,
                       const char *path,
                       const char *json)
{
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autofree char *control_url = g_strconcat (url, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", control_url);
  g_autoptr (GBytes) request = g_bytes_new (json, strlen (json));
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  body = soup_session_send_and_read (http, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
}
