/* ca-test-hierarchy.c: a signed DNS hierarchy on loopback (root, TLDs, domains) for the public view
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaTestHierarchy"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "ca-test-hierarchy.h"

#define NSD_PATH          "/usr/sbin/nsd"
#define UNBOUND_PATH      "/usr/sbin/unbound"
#define N_ADDRESSES       6
#define START_ATTEMPTS    5
#define READY_DEADLINE_US (20 * G_USEC_PER_SEC)

/**
 * CaTestHierarchy:
 *
 * The public view resolves from the root servers down, so its tests need a
 * root: tests/zones/lab/ holds a root zone, the TLDs `example` and `caatld`
 * and the domains of each case, which make-lab.sh signs with fresh keys.
 * Each zone set is served by its own NSD on 127.53.N.x port 53 (root hints
 * carry no port), with N chosen per test program, so that programs running at
 * once each have their own lab. Beside it runs a split-horizon resolver: an
 * unbound that resolves from the lab's root but answers some names itself
 * (tests/zones/lab/split-horizon.conf), as a company's resolver does.
 */
struct _CaTestHierarchy
{
  char      *dir;
  char      *net;
  char      *root_hints;
  char      *trust_anchor;
  char      *split_server;
  GPtrArray *processes;
  GPtrArray *addresses;  /* the first address of each server, to probe */
};

static const char split_config[] =
  "server:\n"
  "  interface: 127.0.0.1\n"
  "  port: %u\n"
  "  do-daemonize: no\n"
  "  chroot: \"\"\n"
  "  username: \"\"\n"
  "  directory: \"%s\"\n"
  "  pidfile: \"%s/unbound.pid\"\n"
  "  use-syslog: no\n"
  "  logfile: \"\"\n"
  "  verbosity: 0\n"
  "  do-ip6: no\n"
  "  num-threads: 1\n"
  "  module-config: \"iterator\"\n"
  "  do-not-query-localhost: no\n"
  "  root-hints: \"%s\"\n"
  "  include: \"%s\"\n"
  "remote-control:\n"
  "  control-enable: no\n";

/* tests/zones/lab/@name: from the test's source dir, or from where dns-lab was built. */
static char *
lab_source_path (const char *name)
{
  const char *dir = g_getenv ("G_TEST_SRCDIR");

  return g_build_filename (dir != NULL ? dir : TESTS_SOURCE_DIR, "zones", "lab", name, NULL);
}

/* A test that aborts on a failed assertion must not leave its servers behind. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSocket *
bind_address (const char  *host,
              guint        port,
              GSocketType  type,
              GError     **error)
{
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string (host);
  g_autoptr (GSocketAddress) socket_address = g_inet_socket_address_new (address, port);
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, type, G_SOCKET_PROTOCOL_DEFAULT, error);

  if (socket == NULL || !g_socket_bind (socket, socket_address, FALSE, error))
    return NULL;
  return g_steal_pointer (&socket);
}

/* Whether NET.1 to NET.6 are free on port 53; %FALSE with a reason when binding there is not allowed. */
static gboolean
addresses_free (const char  *net,
                gboolean    *allowed)
{
  *allowed = TRUE;
  for (guint i = 1; i <= N_ADDRESSES; i++)
    {
      g_autofree char *host = g_strdup_printf ("%s.%u", net, i);
      g_autoptr (GError) error = NULL;
      g_autoptr (GSocket) udp = bind_address (host, 53, G_SOCKET_TYPE_DATAGRAM, &error);
      g_autoptr (GSocket) tcp = udp != NULL ? bind_address (host, 53, G_SOCKET_TYPE_STREAM, &error) : NULL;

      if (tcp != NULL)
        continue;
      *allowed = !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      return FALSE;
    }
  return TRUE;
}

static guint
pick_free_port (void)
{
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      g_autoptr (GSocket) udp = bind_address ("127.0.0.1", 0, G_SOCKET_TYPE_DATAGRAM, NULL);
      g_autoptr (GSocketAddress) local = g_socket_get_local_address (udp, NULL);
      guint port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
      g_autoptr (GSocket) tcp = bind_address ("127.0.0.1", port, G_SOCKET_TYPE_STREAM, NULL);

      if (tcp != NULL)
        return port;
    }
  g_error ("no free loopback port");
}

/* Whether a DNS server answers anything (even REFUSED) at @host:@port within a short wait. */
static gboolean
probe_server (const char *host,
              guint       port)
{
  static const guint8 probe[] = {
    0x53, 0x53, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
    0x00, 0x06, 0x00, 0x01,
  };
  g_autoptr (GSocket) socket = bind_address ("127.0.0.1", 0, G_SOCKET_TYPE_DATAGRAM, NULL);
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string (host);
  g_autoptr (GSocketAddress) destination = g_inet_socket_address_new (address, port);
  guint8 reply[512];
  gssize received;

  if (g_socket_send_to (socket, destination, (const char *) probe, sizeof probe, NULL, NULL) < 0)
    return FALSE;
  if (!g_socket_condition_timed_wait (socket, G_IO_IN, 200 * 1000, NULL, NULL))
    return FALSE;
  received = g_socket_receive (socket, (char *) reply, sizeof reply, NULL, NULL);
  return received >= 12 && reply[0] == 0x53 && reply[1] == 0x53;
}

static GSubprocess *
spawn (const char  *log_path,
       GError     **error,
       const char  *program,
       ...)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (argv, (gpointer) program);
  va_start (ap, program);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_stdout_file_path (launcher, log_path);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
}

static void
make_lab (CaTestHierarchy *self)
{
  g_autofree char *script = lab_source_path ("make-lab.sh");
  const char *argv[] = { "/bin/sh", script, self->dir, self->net, NULL };
  g_autofree char *output = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &output, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("make-lab.sh failed: %s", error->message);
}

/* One NSD per server of the `servers` file make-lab.sh wrote. */
static void
start_servers (CaTestHierarchy *self)
{
  g_autofree char *servers_path = g_build_filename (self->dir, "servers", NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;

  g_file_get_contents (servers_path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], " ", 2);
      g_autofree char *conf = NULL;
      g_autofree char *log = NULL;
      GSubprocess *process;

      if (fields[0] == NULL || fields[1] == NULL || g_ptr_array_find_with_equal_func (names, fields[0], g_str_equal, NULL))
        continue;
      g_ptr_array_add (names, g_strdup (fields[0]));
      g_ptr_array_add (self->addresses, g_strdup (fields[1]));
      conf = g_strdup_printf ("%s/nsd-%s.conf", self->dir, fields[0]);
      log = g_strdup_printf ("%s/nsd-%s.out", self->dir, fields[0]);
      process = spawn (log, &error, NSD_PATH, "-d", "-c", conf, NULL);
      g_assert_no_error (error);
      g_ptr_array_add (self->processes, process);
    }
}

static void
start_split_resolver (CaTestHierarchy *self)
{
  g_autofree char *lies = lab_source_path ("split-horizon.conf");
  g_autofree char *config_path = g_build_filename (self->dir, "split-horizon-unbound.conf", NULL);
  g_autofree char *log = g_build_filename (self->dir, "unbound.out", NULL);
  g_autofree char *config = NULL;
  g_autoptr (GError) error = NULL;
  guint port = pick_free_port ();

  config = g_strdup_printf (split_config, port, self->dir, self->dir, self->root_hints, lies);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (self->processes, spawn (log, &error, UNBOUND_PATH, "-d", "-c", config_path, NULL));
  g_assert_no_error (error);
  g_ptr_array_add (self->addresses, g_strdup_printf ("127.0.0.1@%u", port));
  self->split_server = g_strdup_printf ("127.0.0.1@%u", port);
}

static gboolean
all_running (CaTestHierarchy *self)
{
  for (guint i = 0; i < self->processes->len; i++)
    if (g_subprocess_get_identifier (g_ptr_array_index (self->processes, i)) == NULL)
      return FALSE;
  return TRUE;
}

/* Every server answers; %FALSE when one exited first (its address was taken meanwhile). */
static gboolean
wait_until_ready (CaTestHierarchy *self)
{
  gint64 deadline = g_get_monotonic_time () + READY_DEADLINE_US;

  for (guint i = 0; i < self->addresses->len; i++)
    {
      g_auto (GStrv) parts = g_strsplit (g_ptr_array_index (self->addresses, i), "@", 2);
      guint port = parts[1] != NULL ? (guint) g_ascii_strtoull (parts[1], NULL, 10) : 53;

      while (!probe_server (parts[0], port))
        {
          if (!all_running (self) || g_get_monotonic_time () > deadline)
            return FALSE;
          g_usleep (20 * 1000);
        }
    }
  /* Another lab that took the same prefix meanwhile may have answered for ours. */
  return all_running (self);
}

static void
stop_processes (CaTestHierarchy *self)
{
  for (guint i = 0; i < self->processes->len; i++)
    {
      GSubprocess *process = g_ptr_array_index (self->processes, i);

      g_subprocess_send_signal (process, SIGTERM);
      g_subprocess_wait (process, NULL, NULL);
    }
  g_ptr_array_set_size (self->processes, 0);
  g_ptr_array_set_size (self->addresses, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, entry, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static const char *
find_missing_tool (void)
{
  static const char * const tools[] = { NSD_PATH, UNBOUND_PATH, "ldns-keygen", "ldns-signzone" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        return tools[i];
    }
  return NULL;
}

static gboolean
try_start (CaTestHierarchy *self)
{
  g_autoptr (GError) error = NULL;

  self->dir = g_dir_make_tmp ("certassist-lab-XXXXXX", &error);
  g_assert_no_error (error);
  make_lab (self);
  self->root_hints = g_build_filename (self->dir, "root.hints", NULL);
  self->trust_anchor = g_build_filename (self->dir, "root.ds", NULL);
  start_servers (self);
  start_split_resolver (self);
  if (wait_until_ready (self))
    return TRUE;

  stop_processes (self);
  remove_tree (self->dir);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->root_hints, g_free);
  g_clear_pointer (&self->trust_anchor, g_free);
  g_clear_pointer (&self->split_server, g_free);
  return FALSE;
}

/**
 * ca_test_hierarchy_start:
 * @skip_reason: (out): why the lab cannot run here, when it returns %NULL
 *
 * Builds and starts the lab, and waits until every server answers. It needs
 * nsd, unbound and ldnsutils (build-aux/dev installs them) and the right to
 * bind port 53 on loopback addresses (root, or CAP_NET_BIND_SERVICE).
 *
 * Returns: (transfer full) (nullable): the running lab
 */
CaTestHierarchy *
ca_test_hierarchy_start (char **skip_reason)
{
  g_autoptr (CaTestHierarchy) self = g_new0 (CaTestHierarchy, 1);
  const char *missing = find_missing_tool ();

  self->processes = g_ptr_array_new_with_free_func (g_object_unref);
  self->addresses = g_ptr_array_new_with_free_func (g_free);
  if (missing != NULL)
    {
      *skip_reason = g_strdup_printf ("%s is missing: install the Debian packages nsd, unbound and ldnsutils", missing);
      return NULL;
    }

  for (guint attempt = 0; attempt < START_ATTEMPTS * 10; attempt++)
    {
      gboolean allowed;

      g_free (self->net);
      self->net = g_strdup_printf ("127.53.%u", (guint) ((getpid () + attempt * 37) % 250) + 1);
      if (!addresses_free (self->net, &allowed))
        {
          if (!allowed)
            {
              *skip_reason = g_strdup ("the DNS lab binds port 53 on loopback, which needs root or CAP_NET_BIND_SERVICE");
              return NULL;
            }
          continue;
        }
      if (try_start (self))
        return g_steal_pointer (&self);
    }
  g_error ("the DNS lab did not start");
}

/* A root hints file naming the lab's root server (`--root-hints`). */
const char *
ca_test_hierarchy_get_root_hints (CaTestHierarchy *self)
{
  return self->root_hints;
}

/* The DS of the lab's root key (`--trust-anchor`). */
const char *
ca_test_hierarchy_get_trust_anchor (CaTestHierarchy *self)
{
  return self->trust_anchor;
}

/* `127.0.0.1@PORT` of the split-horizon resolver (`--dns-server`). */
const char *
ca_test_hierarchy_get_split_server (CaTestHierarchy *self)
{
  return self->split_server;
}

/* The lab's `127.53.N` prefix: server n answers on NET.n. */
const char *
ca_test_hierarchy_get_net (CaTestHierarchy *self)
{
  return self->net;
}

void
ca_test_hierarchy_stop (CaTestHierarchy *self)
{
  if (self == NULL)
    return;

  stop_processes (self);
  if (self->dir != NULL)
    remove_tree (self->dir);
  g_clear_pointer (&self->processes, g_ptr_array_unref);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_free (self->dir);
  g_free (self->net);
  g_free (self->root_hints);
  g_free (self->trust_anchor);
  g_free (self->split_server);
  g_free (self);
}
