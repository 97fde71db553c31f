/* ca-test-unbound.c: a real unbound server on 127.0.0.1 with the fixture zones
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaTestUnbound"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "ca-test-unbound.h"

#define UNBOUND_PATH      "/usr/sbin/unbound"
#define CONTROL_PATH      "/usr/sbin/unbound-control"
#define START_ATTEMPTS    5
#define READY_DEADLINE_US (20 * G_USEC_PER_SEC)

struct _CaTestUnbound
{
  const char  *root_zone;  /* the local-zone type of "." */
  gboolean     with_zones;
  gboolean     with_control;
  char        *dir;
  char        *config_path;
  char        *server;
  guint        port;
  GSubprocess *process;
};

struct _CaTestBlackhole
{
  GSocket *udp;
  GSocket *tcp;
  char    *server;
};

/* The zones live in tests/zones/ so the demo and the bench serve the same. */
static const char config_template[] =
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
  "  do-not-query-localhost: yes\n"
  "  local-zone: \".\" %s\n"
  "%s"
  "remote-control:\n"
  "%s";

/* A unix socket without TLS: only this user can reach it, no keys to make. */
static const char control_template[] =
  "  control-enable: yes\n"
  "  control-interface: \"%s/control.sock\"\n"
  "  control-use-cert: no\n";

static GSocket *
bind_loopback (GSocketType   type,
               guint         port,
               GError      **error)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port);

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, type, G_SOCKET_PROTOCOL_DEFAULT, error);
  if (socket == NULL || !g_socket_bind (socket, address, FALSE, error))
    return NULL;
  return g_steal_pointer (&socket);
}

static guint
get_local_port (GSocket *socket)
{
  g_autoptr (GSocketAddress) address = g_socket_get_local_address (socket, NULL);

  g_assert_nonnull (address);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

/* A port free for UDP and TCP right now (unbound binds both). */
static guint
pick_free_port (void)
{
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      g_autoptr (GSocket) udp = bind_loopback (G_SOCKET_TYPE_DATAGRAM, 0, NULL);
      g_autoptr (GSocket) tcp = NULL;
      guint port;

      g_assert_nonnull (udp);
      port = get_local_port (udp);
      tcp = bind_loopback (G_SOCKET_TYPE_STREAM, port, NULL);
      if (tcp != NULL)
        return port;
    }
  g_error ("no free loopback port");
}

/* A loopback port where nobody listens: queries there are refused. */
guint
ca_test_get_closed_port (void)
{
  return pick_free_port ();
}

static GBytes *
build_probe (void)
{
  static const guint8 probe[] = {
    0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    4, 'g', 'o', 'o', 'd', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
    0x00, 0x01, 0x00, 0x01,
  };

  return g_bytes_new_static (probe, sizeof probe);
}

/* Whether the server answers a question, within a short wait. */
static gboolean
probe_server (guint port)
{
  g_autoptr (GSocket) socket = bind_loopback (G_SOCKET_TYPE_DATAGRAM, 0, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr (GBytes) probe = build_probe ();
  guint8 reply[512];
  gssize received;

  g_socket_set_timeout (socket, 1);
  if (g_socket_send_to (socket, address, g_bytes_get_data (probe, NULL), g_bytes_get_size (probe), NULL, NULL) < 0)
    return FALSE;
  if (!g_socket_condition_timed_wait (socket, G_IO_IN, 200 * 1000, NULL, NULL))
    return FALSE;
  received = g_socket_receive (socket, (char *) reply, sizeof reply, NULL, NULL);
  return received >= 12 && reply[0] == 0x12 && reply[1] == 0x34;
}

/* Ready to take records too, when it was asked to. */
static gboolean
control_ready (CaTestUnbound *self)
{
  g_autofree char *socket_path = g_build_filename (self->dir, "control.sock", NULL);

  return !self->with_control || g_file_test (socket_path, G_FILE_TEST_EXISTS);
}

static gboolean
wait_until_ready (CaTestUnbound *self)
{
  gint64 deadline = g_get_monotonic_time () + READY_DEADLINE_US;

  while (g_get_monotonic_time () < deadline)
    {
      /* unbound exits at once when its port was taken meanwhile. */
      if (g_subprocess_get_identifier (self->process) == NULL)
        return FALSE;
      if (probe_server (self->port) && control_ready (self))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return FALSE;
}

/* A test that aborts on a failed assertion must not leave its server behind. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
try_start (CaTestUnbound *self)
{
  g_autofree char *zones = g_test_build_filename (G_TEST_DIST, "zones", "certassist.conf", NULL);
  g_autofree char *include = self->with_zones ? g_strdup_printf ("  include: \"%s\"\n", zones) : g_strdup ("");
  g_autofree char *control = self->with_control ? g_strdup_printf (control_template, self->dir)
                                                : g_strdup ("  control-enable: no\n");
  g_autofree char *config = NULL;
  g_autofree char *log_path = g_build_filename (self->dir, "unbound.log", NULL);
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr (GError) error = NULL;

  self->port = pick_free_port ();
  config = g_strdup_printf (config_template, self->port, self->dir, self->dir, self->root_zone, include, control);
  g_file_set_contents (self->config_path, config, -1, &error);
  g_assert_no_error (error);

  g_subprocess_launcher_set_stdout_file_path (launcher, log_path);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->process = g_subprocess_launcher_spawn (launcher, &error, UNBOUND_PATH, "-d", "-c", self->config_path, NULL);
  g_assert_no_error (error);

  if (wait_until_ready (self))
    return TRUE;

  g_subprocess_force_exit (self->process);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
  return FALSE;
}

static CaTestUnbound *
start_server (const char *root_zone,
              gboolean    with_zones,
              gboolean    with_control)
{
  CaTestUnbound *self = g_new0 (CaTestUnbound, 1);
  g_autoptr (GError) error = NULL;

  self->root_zone = root_zone;
  self->with_zones = with_zones;
  self->with_control = with_control;

  if (!g_file_test (UNBOUND_PATH, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s is missing: install the Debian package unbound", UNBOUND_PATH);

  self->dir = g_dir_make_tmp ("certassist-unbound-XXXXXX", &error);
  g_assert_no_error (error);
  self->config_path = g_build_filename (self->dir, "unbound.conf", NULL);

  for (guint attempt = 0; attempt < START_ATTEMPTS; attempt++)
    if (try_start (self))
      {
        self->server = g_strdup_printf ("127.0.0.1@%u", self->port);
        return self;
      }

  g_error ("unbound did not start; see %s/unbound.log", self->dir);
}

/**
 * ca_test_unbound_start:
 *
 * Starts unbound in the foreground on a free loopback port, serving
 * tests/zones/certassist.conf under `local-zone: "." static`, and waits until
 * it answers. Aborts the test when it cannot.
 */
CaTestUnbound *
ca_test_unbound_start (void)
{
  return start_server ("static", TRUE, FALSE);
}

/**
 * ca_test_unbound_start_with_control:
 *
 * Like ca_test_unbound_start(), and records can be added and removed while
 * it runs (ca_test_unbound_add_local_data()), as a user publishes them.
 */
CaTestUnbound *
ca_test_unbound_start_with_control (void)
{
  return start_server ("static", TRUE, TRUE);
}

/**
 * ca_test_unbound_start_nxdomain:
 *
 * Starts an unbound that answers NXDOMAIN for every name, the root included,
 * as a broken forwarder or a captive portal does: the resolver nothing that
 * a diagnosis says may be blamed on.
 */
CaTestUnbound *
ca_test_unbound_start_nxdomain (void)
{
  return start_server ("always_nxdomain", FALSE, FALSE);
}

/* `127.0.0.1@PORT`, as --dns-server and CaDnsResolver take it. */
const char *
ca_test_unbound_get_server (CaTestUnbound *self)
{
  return self->server;
}

guint
ca_test_unbound_get_port (CaTestUnbound *self)
{
  return self->port;
}

/**
 * ca_test_unbound_create_anchored_resolver:
 * @anchor: a trust anchor file in tests/zones/
 *
 * A resolver that forwards to @self and validates DNSSEC against @anchor
 * instead of the system's root key.
 */
CaDnsResolver *
ca_test_unbound_create_anchored_resolver (CaTestUnbound *self,
                                          const char    *anchor)
{
  const char *forwarders[] = { self->server, NULL };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "zones", anchor, NULL);

  return g_object_new (CA_TYPE_DNS_RESOLVER, "forwarders", forwarders, "dnssec", TRUE,
                       "timeout", 10000, "trust-anchor", path, NULL);
}

/* unbound-control answers "ok" (and exits 0) once the change is live. */
static void
run_control (CaTestUnbound *self,
             const char    *command,
             const char    *argument)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_true (self->with_control);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                              CONTROL_PATH, "-c", self->config_path, command, argument, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0 ||
      !g_str_has_prefix (out, "ok"))
    g_error ("unbound-control %s '%s' failed: %s", command, argument, out);
}

/* The configuration `unbound-control -c` takes: for a program of its own that
 * publishes records, such as the fake ACM's --publish-command in a GUI test. */
const char *
ca_test_unbound_get_config_path (CaTestUnbound *self)
{
  g_assert_true (self->with_control);
  return self->config_path;
}

/* @record: one resource record in zone-file syntax, `NAME CNAME VALUE` */
void
ca_test_unbound_add_local_data (CaTestUnbound *self,
                                const char    *record)
{
  run_control (self, "local_data", record);
}

/* Removes every record of @name that ca_test_unbound_add_local_data() added. */
void
ca_test_unbound_remove_local_data (CaTestUnbound *self,
                                   const char    *name)
{
  run_control (self, "local_data_remove", name);
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (handle != NULL && (entry = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

void
ca_test_unbound_stop (CaTestUnbound *self)
{
  if (self == NULL)
    return;

  if (self->process != NULL)
    {
      g_subprocess_send_signal (self->process, SIGTERM);
      g_subprocess_wait (self->process, NULL, NULL);
      g_clear_object (&self->process);
    }
  remove_dir (self->dir);
  g_free (self->dir);
  g_free (self->config_path);
  g_free (self->server);
  g_free (self);
}

/**
 * ca_test_blackhole_new:
 *
 * A "server" bound on UDP and TCP that never answers: the way to reach a
 * lookup's deadline for real.
 */
CaTestBlackhole *
ca_test_blackhole_new (void)
{
  CaTestBlackhole *self = g_new0 (CaTestBlackhole, 1);
  g_autoptr (GError) error = NULL;
  guint port;

  for (guint attempt = 0; attempt < 20 && self->tcp == NULL; attempt++)
    {
      g_clear_object (&self->udp);
      self->udp = bind_loopback (G_SOCKET_TYPE_DATAGRAM, 0, &error);
      g_assert_no_error (error);
      port = get_local_port (self->udp);
      self->tcp = bind_loopback (G_SOCKET_TYPE_STREAM, port, NULL);
    }
  g_assert_nonnull (self->tcp);
  g_socket_listen (self->tcp, &error);
  g_assert_no_error (error);
  self->server = g_strdup_printf ("127.0.0.1@%u", get_local_port (self->udp));
  return self;
}

const char *
ca_test_blackhole_get_server (CaTestBlackhole *self)
{
  return self->server;
}

void
ca_test_blackhole_free (CaTestBlackhole *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->udp);
  g_clear_object (&self->tcp);
  g_free (self->server);
  g_free (self);
}
