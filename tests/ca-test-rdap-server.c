/* ca-test-rdap-server.c: an RDAP server (SoupServer) on 127.0.0.1 for tests and the demo
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaTestRdapServer"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "ca-test-rdap-server.h"

typedef struct
{
  guint       status;
  GBytes     *body;
  GPtrArray  *headers;   /* name, value, name, value… */
  guint       n_requests;
} Route;

struct _CaTestRdapServer
{
  GObject     parent_instance;

  SoupServer *server;
  guint16     port;
  GHashTable *routes;    /* path → Route */
  char       *last_accept;
};

G_DEFINE_FINAL_TYPE (CaTestRdapServer, ca_test_rdap_server, G_TYPE_OBJECT)

static void
route_free (gpointer pointer)
{
  Route *route = pointer;

  g_clear_pointer (&route->body, g_bytes_unref);
  g_clear_pointer (&route->headers, g_ptr_array_unref);
  g_free (route);
}

static Route *
ensure_route (CaTestRdapServer *self,
              const char       *path)
{
  Route *route = g_hash_table_lookup (self->routes, path);

  if (route == NULL)
    {
      route = g_new0 (Route, 1);
      route->status = SOUP_STATUS_NOT_FOUND;
      route->headers = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->routes, g_strdup (path), route);
    }
  return route;
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  CaTestRdapServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  Route *route = g_hash_table_lookup (self->routes, path);
  static const char not_found[] = "{\"errorCode\": 404, \"title\": \"Not Found\"}";

  g_free (self->last_accept);
  self->last_accept = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (message), "Accept"));

  if (route == NULL || route->body == NULL)
    {
      if (route != NULL)
        route->n_requests++;
      soup_server_message_set_status (message, route != NULL ? route->status : SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (message, "application/rdap+json", SOUP_MEMORY_STATIC,
                                        not_found, strlen (not_found));
      return;
    }

  route->n_requests++;
  for (guint i = 0; i + 1 < route->headers->len; i += 2)
    soup_message_headers_replace (headers, route->headers->pdata[i], route->headers->pdata[i + 1]);
  soup_server_message_set_status (message, route->status, NULL);
  soup_server_message_set_response (message, "application/rdap+json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (route->body, NULL), g_bytes_get_size (route->body));
}

static void
ca_test_rdap_server_dispose (GObject *object)
{
  CaTestRdapServer *self = (CaTestRdapServer *) object;

  /* libsoup 3.2 drops the sockets it accepted when a SoupServer is disconnected
   * or finalized (a 30-line client/server pair shows it), which LeakSanitizer
   * reports against our tests. Test servers are small: they stay reachable,
   * and keep their port, until the process exits. */
  if (self->server != NULL)
    {
      static GPtrArray *retired;

      soup_server_remove_handler (self->server, NULL);
      if (retired == NULL)
        retired = g_ptr_array_new ();
      g_ptr_array_add (retired, g_steal_pointer (&self->server));
    }

  G_OBJECT_CLASS (ca_test_rdap_server_parent_class)->dispose (object);
}

static void
ca_test_rdap_server_finalize (GObject *object)
{
  CaTestRdapServer *self = (CaTestRdapServer *) object;

  g_clear_pointer (&self->routes, g_hash_table_unref);
  g_clear_pointer (&self->last_accept, g_free);

  G_OBJECT_CLASS (ca_test_rdap_server_parent_class)->finalize (object);
}

static void
ca_test_rdap_server_class_init (CaTestRdapServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ca_test_rdap_server_dispose;
  object_class->finalize = ca_test_rdap_server_finalize;
}

static void
ca_test_rdap_server_init (CaTestRdapServer *self)
{
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, route_free);
}

CaTestRdapServer *
ca_test_rdap_server_new (void)
{
  CaTestRdapServer *self = g_object_new (CA_TEST_TYPE_RDAP_SERVER, NULL);
  g_autoptr (GError) error = NULL;
  GSList *uris;

  /* listen_local: in libsoup 3.2, soup_server_listen() and listen_socket() leak
   * every accepted socket. */
  self->server = soup_server_new (NULL, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  soup_server_add_handler (self->server, NULL, handle_cb, self, NULL);

  return self;
}

/* "http://127.0.0.1:PORT" + @path */
char *
ca_test_rdap_server_get_url (CaTestRdapServer *self,
                             const char       *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, path);
}

void
ca_test_rdap_server_add (CaTestRdapServer *self,
                         const char       *path,
                         guint             status,
                         GBytes           *body)
{
  Route *route = ensure_route (self, path);

  route->status = status;
  g_clear_pointer (&route->body, g_bytes_unref);
  route->body = body != NULL ? g_bytes_ref (body) : NULL;
}

void
ca_test_rdap_server_add_text (CaTestRdapServer *self,
                              const char       *path,
                              guint             status,
                              const char       *body)
{
  g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

  ca_test_rdap_server_add (self, path, status, bytes);
}

gboolean
ca_test_rdap_server_add_file (CaTestRdapServer *self,
                              const char       *path,
                              guint             status,
                              const char       *file,
                              GError          **error)
{
  g_autoptr (GFile) gfile = g_file_new_for_path (file);
  g_autoptr (GBytes) bytes = g_file_load_bytes (gfile, NULL, NULL, error);

  if (bytes == NULL)
    return FALSE;
  ca_test_rdap_server_add (self, path, status, bytes);
  return TRUE;
}

void
ca_test_rdap_server_add_header (CaTestRdapServer *self,
                                const char       *path,
                                const char       *name,
                                const char       *value)
{
  Route *route = ensure_route (self, path);

  g_ptr_array_add (route->headers, g_strdup (name));
  g_ptr_array_add (route->headers, g_strdup (value));
}

/* Serves at @path a bootstrap that sends @tlds to this server's /rdap/. */
void
ca_test_rdap_server_add_bootstrap (CaTestRdapServer   *self,
                                   const char         *path,
                                   const char * const *tlds)
{
  g_autoptr (GString) json = g_string_new ("{\"version\": \"1.0\", \"services\": [[[");
  g_autofree char *base = ca_test_rdap_server_get_url (self, "/rdap/");

  for (guint i = 0; tlds[i] != NULL; i++)
    g_string_append_printf (json, "%s\"%s\"", i > 0 ? ", " : "", tlds[i]);
  g_string_append_printf (json, "], [\"%s\"]]]}", base);
  ca_test_rdap_server_add_text (self, path, SOUP_STATUS_OK, json->str);
}

guint
ca_test_rdap_server_get_n_requests (CaTestRdapServer *self,
                                    const char       *path)
{
  Route *route = g_hash_table_lookup (self->routes, path);

  return route != NULL ? route->n_requests : 0;
}

const char *
ca_test_rdap_server_get_last_accept (CaTestRdapServer *self)
{
  return self->last_accept;
}

void
ca_test_rdap_server_stop (CaTestRdapServer *self)
{
  if (self->server != NULL)
    soup_server_disconnect (self->server);
}
