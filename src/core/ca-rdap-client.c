/* ca-rdap-client.c: RDAP lookups, registry then registrar (RFC 9082, 9083, 9224)
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRdapClient"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ca-domain.h"
#include "ca-error.h"
#include "ca-json.h"
#include "ca-rdap-client.h"
#include "ca-read-file.h"
#include "ca-registration-net.h"

#define DEFAULT_TIMEOUT_SECONDS 10
#define DEFAULT_MAX_SIZE (1024 * 1024)
#define MAX_RELATED_HOPS 2
#define MAX_REDIRECTS 5
/* Without caching headers, a day; IANA changes the file a few times a month. */
#define DEFAULT_MAX_AGE (24 * 60 * 60)
#define MIN_MAX_AGE 60
#define MAX_MAX_AGE (7 * 24 * 60 * 60)
#define RDAP_ACCEPT "application/rdap+json, application/json;q=0.8"

struct _CaRdapClient
{
  GObject          parent_instance;

  SoupSession     *http;
  char            *bootstrap_source;
  guint            timeout;
  gsize            max_size;
  CaRdapBootstrap *bootstrap;
  GPtrArray       *bootstrap_waiters;  /* GTasks waiting for the one download */
};

G_DEFINE_FINAL_TYPE (CaRdapClient, ca_rdap_client, G_TYPE_OBJECT)

void
ca_rdap_answer_free (CaRdapAnswer *answer)
{
  if (answer == NULL)
    return;
  g_clear_pointer (&answer->root, json_node_unref);
  g_free (answer->server);
  g_free (answer->url);
  g_clear_pointer (&answer->notes, g_ptr_array_unref);
  g_free (answer);
}

/*
 * URL policy (registration-data.md §7, contract.md)
 */

static char *
server_of (GUri *uri)
{
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

/* https everywhere; plain http and IP literals only when the chain started on
 * loopback, and then it stays there. */
static GUri *
check_url (const char  *url,
           gboolean     chain_loopback,
           GError     **error)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;
  const char *host;

  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT, _("“%s” is not a URL."), url);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (chain_loopback)
    {
      if (!ca_registration_host_is_loopback (host))
        {
          g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                       _("The link to %s was not followed: a lookup that starts on this computer stays on it."), host);
          return NULL;
        }
    }
  else if (g_strcmp0 (scheme, "https") != 0 || g_hostname_is_ip_address (host))
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                   _("“%s” was refused: RDAP servers must use https:// and a host name (plain http is only allowed on this computer)."), url);
      return NULL;
    }
  if (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT, _("“%s” is not an http(s) URL."), url);
      return NULL;
    }
  return g_steal_pointer (&uri);
}

static gint64
parse_delta_or_date (const char *value)
{
  g_autoptr (GDateTime) date = NULL;
  g_autoptr (GDateTime) now = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT64, &seconds, NULL))
    return seconds;
  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (g_date_time_difference (date, now) / G_TIME_SPAN_SECOND, 0);
}

static gint64
parse_max_age (SoupMessageHeaders *headers)
{
  const char *cache_control = soup_message_headers_get_one (headers, "Cache-Control");
  const char *max_age = cache_control != NULL ? strstr (cache_control, "max-age=") : NULL;
  gint64 seconds = -1;

  if (max_age != NULL)
    seconds = g_ascii_strtoll (max_age + strlen ("max-age="), NULL, 10);
  else
    seconds = parse_delta_or_date (soup_message_headers_get_one (headers, "Expires"));
  if (seconds < 0)
    seconds = DEFAULT_MAX_AGE;
  return CLAMP (seconds, MIN_MAX_AGE, MAX_MAX_AGE);
}

/*
 * One GET, with redirects checked by hand and a size cap
 */

typedef struct
{
  char         *url;
  gboolean      chain_loopback;
  guint         redirects;
  SoupMessage  *message;
  GCancellable *cancellable;
  GCancellable *outer;
  gulong        outer_id;
  GSource      *deadline;
  gboolean      timed_out;
  /* results */
  guint         status;
  GBytes       *body;
  gboolean      truncated;
  gint64        retry_after;
  gint64        max_age;
} Fetch;

static void
fetch_free (gpointer pointer)
{
  Fetch *fetch = pointer;

  if (fetch->deadline != NULL)
    g_source_destroy (fetch->deadline);
  g_clear_pointer (&fetch->deadline, g_source_unref);
  if (fetch->outer != NULL)
    g_cancellable_disconnect (fetch->outer, fetch->outer_id);
  g_clear_object (&fetch->outer);
  g_clear_object (&fetch->cancellable);
  g_clear_object (&fetch->message);
  g_clear_pointer (&fetch->body, g_bytes_unref);
  g_free (fetch->url);
  g_free (fetch);
}

static void
outer_cancelled_cb (GCancellable *outer,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
fetch_deadline_cb (gpointer user_data)
{
  Fetch *fetch = user_data;

  fetch->timed_out = TRUE;
  g_cancellable_cancel (fetch->cancellable);
  g_clear_pointer (&fetch->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
fetch_fail (GTask  *task,
            GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr (GUri) uri = g_uri_parse (fetch->url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *server = uri != NULL ? server_of (uri) : g_strdup (fetch->url);
  g_autoptr (GError) owned = error;

  if (fetch->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_task_return_new_error (task, CA_ERROR, CA_ERROR_TIMEOUT,
                             _("The RDAP server %s did not answer in time."), server);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || error->domain == CA_ERROR)
    g_task_return_error (task, g_steal_pointer (&owned));
  else
    g_task_return_new_error (task, CA_ERROR, CA_ERROR_NETWORK,
                             _("The RDAP server %s could not be asked: %s"), server, error->message);
  g_object_unref (task);
}

static void fetch_send (GTask *task);

static void
fetch_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  fetch->body = ca_registration_read_capped_finish (G_INPUT_STREAM (object), result,
                                                    &fetch->truncated, &error);
  g_input_stream_close (G_INPUT_STREAM (object), NULL, NULL);
  if (fetch->body == NULL)
    {
      fetch_fail (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static gboolean
follow_redirect (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (fetch->message),
                                                       "Location");
  g_autoptr (GError) error = NULL;
  g_autofree char *next = NULL;
  g_autoptr (GUri) checked = NULL;

  if (location == NULL || ++fetch->redirects > MAX_REDIRECTS)
    return FALSE;
  next = g_uri_resolve_relative (fetch->url, location, G_URI_FLAGS_NONE, &error);
  if (next != NULL)
    checked = check_url (next, fetch->chain_loopback, &error);
  if (checked == NULL)
    {
      fetch_fail (task, g_steal_pointer (&error));
      return TRUE;
    }
  g_free (fetch->url);
  fetch->url = g_steal_pointer (&next);
  fetch_send (task);
  return TRUE;
}

static void
fetch_send_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  CaRdapClient *self = g_task_get_source_object (task);
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  SoupMessageHeaders *headers;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      fetch_fail (task, g_steal_pointer (&error));
      return;
    }

  fetch->status = soup_message_get_status (fetch->message);
  headers = soup_message_get_response_headers (fetch->message);
  if (SOUP_STATUS_IS_REDIRECTION (fetch->status) && follow_redirect (task))
    return;

  fetch->retry_after = parse_delta_or_date (soup_message_headers_get_one (headers, "Retry-After"));
  fetch->max_age = parse_max_age (headers);
  ca_registration_read_capped_async (stream, self->max_size, fetch->cancellable,
                                     fetch_read_cb, task);
}

static void
fetch_send (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  CaRdapClient *self = g_task_get_source_object (task);

  g_clear_object (&fetch->message);
  fetch->message = soup_message_new (SOUP_METHOD_GET, fetch->url);
  if (fetch->message == NULL)
    {
      fetch_fail (task, g_error_new (CA_ERROR, CA_ERROR_INVALID_INPUT, _("“%s” is not a URL."), fetch->url));
      return;
    }
  soup_message_add_flags (fetch->message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (fetch->message), "Accept", RDAP_ACCEPT);
  soup_session_send_async (self->http, fetch->message, G_PRIORITY_DEFAULT, fetch->cancellable,
                           fetch_send_cb, task);
}

/* Like the lookup, the public path refuses names that resolve inward. */
static void
fetch_resolve_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (object), result, &error);

  if (addresses == NULL)
    {
      fetch_fail (task, g_steal_pointer (&error));
      return;
    }
  for (GList *l = addresses; l != NULL; l = l->next)
    if (!ca_registration_address_is_public (l->data))
      {
        g_resolver_free_addresses (addresses);
        fetch_fail (task, g_error_new (CA_ERROR, CA_ERROR_INVALID_INPUT,
                                       _("“%s” was refused: it points to a private or local address."), fetch->url));
        return;
      }
  g_resolver_free_addresses (addresses);
  fetch_send (task);
}

static void
fetch_async (CaRdapClient        *self,
             const char          *url,
             gboolean             chain_loopback,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Fetch *fetch = g_new0 (Fetch, 1);
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_task_set_source_tag (task, fetch_async);
  g_task_set_task_data (task, fetch, fetch_free);
  fetch->url = g_strdup (url);
  fetch->chain_loopback = chain_loopback;
  fetch->retry_after = -1;
  fetch->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      fetch->outer = g_object_ref (cancellable);
      fetch->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                               g_object_ref (fetch->cancellable), g_object_unref);
    }
  fetch->deadline = g_timeout_source_new_seconds (self->timeout);
  g_source_set_callback (fetch->deadline, fetch_deadline_cb, fetch, NULL);
  g_source_attach (fetch->deadline, g_main_context_get_thread_default ());

  if (chain_loopback || uri == NULL)
    fetch_send (task);
  else
    g_resolver_lookup_by_name_async (g_resolver_get_default (), g_uri_get_host (uri),
                                     fetch->cancellable, fetch_resolve_cb, task);
}

static Fetch *
fetch_finish (CaRdapClient  *self,
              GAsyncResult  *result,
              GError       **error)
{
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_task_get_task_data (G_TASK (result));
}

/*
 * The bootstrap: a file, a URL, or IANA's file through the cache
 */

static char *
cache_path_for (const char *url)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *name = g_strdup_printf ("rdap-bootstrap-%.16s.json", hash);

  return g_build_filename (g_get_user_cache_dir (), "certassist", name, NULL);
}

/* The expiry sits beside the copy, as seconds since the epoch. */
static gboolean
cache_is_fresh (const char *path)
{
  g_autofree char *expires_path = g_strconcat (path, ".expires", NULL);
  g_autofree char *text = NULL;
  gsize len;

  if ((text = ca_read_file_capped (expires_path, 64, &len, NULL)) == NULL)
    return FALSE;
  return g_ascii_strtoll (text, NULL, 10) > g_get_real_time () / G_USEC_PER_SEC;
}

static void
write_cache (const char *path,
             GBytes     *bytes,
             gint64      max_age)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *expires_path = g_strconcat (path, ".expires", NULL);
  g_autofree char *expires = g_strdup_printf ("%" G_GINT64_FORMAT "\n",
                                              g_get_real_time () / G_USEC_PER_SEC + max_age);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* A cache that cannot be written only costs a download next time. */
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents (path, data != NULL ? data : "", size, NULL))
    return;
  g_file_set_contents (expires_path, expires, -1, NULL);
}

static CaRdapBootstrap *
load_cache (const char  *path,
            GError     **error)
{
  g_autoptr (GBytes) bytes = NULL;
  gsize len = 0;
  char *data;

  /* The file may be named on the command line: a FIFO or a device must
   * neither block nor fill the memory. */
  data = ca_read_file_capped (path, CA_RDAP_BOOTSTRAP_MAX_SIZE, &len, error);
  if (data == NULL)
    return NULL;
  bytes = g_bytes_new_take (data, len);
  return ca_rdap_bootstrap_new_from_bytes (bytes, error);
}

static void
bootstrap_ready (CaRdapClient    *self,
                 CaRdapBootstrap *bootstrap,
                 const GError    *error)
{
  g_autoptr (GPtrArray) waiters = g_steal_pointer (&self->bootstrap_waiters);

  if (bootstrap != NULL)
    g_set_object (&self->bootstrap, bootstrap);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (bootstrap != NULL)
        g_task_return_pointer (task, g_object_ref (bootstrap), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

static void
bootstrap_fetch_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CaRdapClient *self = CA_RDAP_CLIENT (object);
  g_autofree char *path = user_data;
  g_autoptr (CaRdapBootstrap) bootstrap = NULL;
  g_autoptr (GError) error = NULL;
  Fetch *fetch = fetch_finish (self, result, &error);

  if (fetch != NULL && fetch->status == SOUP_STATUS_OK && !fetch->truncated)
    {
      bootstrap = ca_rdap_bootstrap_new_from_bytes (fetch->body, &error);
      if (bootstrap != NULL)
        write_cache (path, fetch->body, fetch->max_age);
    }
  else if (fetch != NULL)
    g_set_error (&error, CA_ERROR, CA_ERROR_NETWORK,
                 _("The RDAP bootstrap file could not be downloaded (HTTP status %u)."), fetch->status);

  /* Offline, a stale copy beats nothing. */
  if (bootstrap == NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_clear_error (&error);
      bootstrap = load_cache (path, &error);
    }
  bootstrap_ready (self, bootstrap, error);
  g_object_unref (self);
}

static void
start_bootstrap_load (CaRdapClient *self,
                      GCancellable *cancellable)
{
  const char *source = self->bootstrap_source != NULL ? self->bootstrap_source : CA_RDAP_IANA_BOOTSTRAP_URL;
  g_autoptr (CaRdapBootstrap) bootstrap = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autofree char *path = NULL;
  gboolean chain_loopback;

  if (strstr (source, "://") == NULL)
    {
      path = g_strdup (source);
      bootstrap = load_cache (path, &error);
      if (bootstrap == NULL)
        g_prefix_error (&error, _("The RDAP bootstrap file %s cannot be used: "), source);
      bootstrap_ready (self, bootstrap, error);
      return;
    }

  uri = g_uri_parse (source, G_URI_FLAGS_NONE, NULL);
  chain_loopback = uri != NULL && ca_registration_host_is_loopback (g_uri_get_host (uri));
  g_clear_pointer (&uri, g_uri_unref);
  uri = check_url (source, chain_loopback, &error);
  if (uri == NULL)
    {
      bootstrap_ready (self, NULL, error);
      return;
    }

  path = cache_path_for (source);
  if (cache_is_fresh (path) && (bootstrap = load_cache (path, NULL)) != NULL)
    {
      bootstrap_ready (self, bootstrap, NULL);
      return;
    }
  fetch_async (self, source, chain_loopback, cancellable,
               bootstrap_fetch_cb, g_steal_pointer (&path));
  g_object_ref (self);
}

/*
 * Domain lookups: registry, then the registrar through `related`
 */

typedef struct
{
  char         *domain;
  gboolean      chain_loopback;
  guint         hops;
  GPtrArray    *visited;
  CaRdapAnswer *answer;     /* the best answer so far */
} Lookup;

static void
lookup_free (gpointer pointer)
{
  Lookup *lookup = pointer;

  g_free (lookup->domain);
  g_clear_pointer (&lookup->visited, g_ptr_array_unref);
  ca_rdap_answer_free (lookup->answer);
  g_free (lookup);
}

static CaRdapAnswer *
new_answer (CaRdapStatus status,
            const char  *url)
{
  CaRdapAnswer *answer = g_new0 (CaRdapAnswer, 1);
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  answer->status = status;
  answer->url = g_strdup (url);
  answer->server = uri != NULL ? server_of (uri) : NULL;
  answer->notes = g_ptr_array_new_with_free_func (g_free);
  return answer;
}

static void
lookup_complete (GTask *task)
{
  Lookup *lookup = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&lookup->answer), (GDestroyNotify) ca_rdap_answer_free);
  g_object_unref (task);
}

/* A failed registrar step keeps the registry's answer and says why. */
static void
lookup_note_or_fail (GTask  *task,
                     GError *error)
{
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr (GError) owned = error;

  if (lookup->answer == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&owned));
      g_object_unref (task);
      return;
    }
  g_ptr_array_add (lookup->answer->notes, g_strdup (error->message));
  lookup_complete (task);
}

static const char *
find_related (JsonNode *root)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *links_node = object != NULL ? json_object_get_member (object, "links") : NULL;
  JsonArray *links = links_node != NULL && JSON_NODE_HOLDS_ARRAY (links_node) ? json_node_get_array (links_node) : NULL;

  for (guint i = 0; links != NULL && i < json_array_get_length (links); i++)
    {
      JsonNode *node = json_array_get_element (links, i);
      JsonObject *link = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (link != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (link, "rel", NULL), "related") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (link, "type", NULL), "application/rdap+json") == 0)
        return json_object_get_string_member_with_default (link, "href", NULL);
    }
  return NULL;
}

static void lookup_fetch (GTask *task, const char *url);

static void
follow_related (GTask *task)
{
  Lookup *lookup = g_task_get_task_data (task);
  const char *related = find_related (lookup->answer->root);
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) uri = NULL;

  if (related == NULL || lookup->hops >= MAX_RELATED_HOPS ||
      g_ptr_array_find_with_equal_func (lookup->visited, related, g_str_equal, NULL))
    {
      lookup_complete (task);
      return;
    }
  uri = check_url (related, lookup->chain_loopback, &error);
  if (uri == NULL)
    {
      lookup_note_or_fail (task, g_steal_pointer (&error));
      return;
    }
  lookup->hops++;
  lookup_fetch (task, related);
}

static gboolean
parse_body (Fetch     *fetch,
            JsonNode **root,
            GError   **error)
{
  g_autoptr (GError) local_error = NULL;

  if (fetch->truncated)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                   _("The RDAP answer from %s is too large and was cut off."), fetch->url);
      return FALSE;
    }
  /* The fetch capped the size already; the nesting is checked here. */
  *root = ca_json_parse_untrusted_bytes (fetch->body, G_MAXSIZE, &local_error);
  if (*root == NULL || !JSON_NODE_HOLDS_OBJECT (*root))
    {
      g_debug ("RDAP answer from %s refused: %s", fetch->url,
               local_error != NULL ? local_error->message : "not an object");
      g_clear_pointer (root, json_node_unref);
      g_set_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                   _("The RDAP answer from %s is not valid JSON."), fetch->url);
      return FALSE;
    }
  return TRUE;
}

static void
lookup_fetch_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  JsonNode *root = NULL;
  Fetch *fetch = fetch_finish (CA_RDAP_CLIENT (object), result, &error);
  gboolean first = lookup->answer == NULL;

  if (fetch == NULL)
    {
      lookup_note_or_fail (task, g_steal_pointer (&error));
      return;
    }

  if (first && fetch->status == SOUP_STATUS_NOT_FOUND)
    lookup->answer = new_answer (CA_RDAP_STATUS_NOT_FOUND, fetch->url);
  else if (first && fetch->status == 429)
    {
      lookup->answer = new_answer (CA_RDAP_STATUS_RATE_LIMITED, fetch->url);
      lookup->answer->retry_after = MAX (fetch->retry_after, 0);
    }
  if (lookup->answer != NULL && lookup->answer->status != CA_RDAP_STATUS_OK)
    {
      lookup_complete (task);
      return;
    }

  if (fetch->status != SOUP_STATUS_OK)
    {
      lookup_note_or_fail (task, g_error_new (CA_ERROR, CA_ERROR_NETWORK,
                                              _("The RDAP server at %s answered with HTTP status %u."),
                                              fetch->url, fetch->status));
      return;
    }
  if (!parse_body (fetch, &root, &error))
    {
      lookup_note_or_fail (task, g_steal_pointer (&error));
      return;
    }

  ca_rdap_answer_free (lookup->answer);
  lookup->answer = new_answer (CA_RDAP_STATUS_OK, fetch->url);
  lookup->answer->root = root;
  follow_related (task);
}

static void
lookup_fetch (GTask      *task,
              const char *url)
{
  Lookup *lookup = g_task_get_task_data (task);

  g_ptr_array_add (lookup->visited, g_strdup (url));
  fetch_async (g_task_get_source_object (task), url, lookup->chain_loopback,
               g_task_get_cancellable (task), lookup_fetch_cb, task);
}

static void
lookup_bootstrap_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr (CaRdapBootstrap) bootstrap = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *url = NULL;
  const char *base;

  bootstrap = ca_rdap_client_load_bootstrap_finish (CA_RDAP_CLIENT (object), result, &error);
  if (bootstrap == NULL)
    {
      lookup_note_or_fail (task, g_steal_pointer (&error));
      return;
    }

  base = ca_rdap_bootstrap_lookup (bootstrap, lookup->domain);
  if (base == NULL)
    {
      lookup->answer = new_answer (CA_RDAP_STATUS_NO_SERVICE, "");
      lookup_complete (task);
      return;
    }

  escaped = g_uri_escape_string (lookup->domain, NULL, FALSE);
  url = g_strconcat (base, "domain/", escaped, NULL);
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  lookup->chain_loopback = uri != NULL && ca_registration_host_is_loopback (g_uri_get_host (uri));
  g_clear_pointer (&uri, g_uri_unref);
  uri = check_url (url, lookup->chain_loopback, &error);
  if (uri == NULL)
    {
      lookup_note_or_fail (task, g_steal_pointer (&error));
      return;
    }
  lookup_fetch (task, url);
}

/*
 * Callbacks
 */

static void
ca_rdap_client_dispose (GObject *object)
{
  CaRdapClient *self = (CaRdapClient *) object;

  /* Close idle keep-alive connections now rather than whenever the pool goes. */
  if (self->http != NULL)
    soup_session_abort (self->http);
  g_clear_object (&self->http);
  g_clear_object (&self->bootstrap);

  G_OBJECT_CLASS (ca_rdap_client_parent_class)->dispose (object);
}

static void
ca_rdap_client_finalize (GObject *object)
{
  CaRdapClient *self = (CaRdapClient *) object;

  g_clear_pointer (&self->bootstrap_source, g_free);
  g_clear_pointer (&self->bootstrap_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_rdap_client_parent_class)->finalize (object);
}

static void
ca_rdap_client_class_init (CaRdapClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ca_rdap_client_dispose;
  object_class->finalize = ca_rdap_client_finalize;
}

static void
ca_rdap_client_init (CaRdapClient *self)
{
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->max_size = DEFAULT_MAX_SIZE;
  self->http = soup_session_new_with_options ("timeout", DEFAULT_TIMEOUT_SECONDS,
                                              "user-agent", "CertAssist/" PACKAGE_VERSION,
                                              NULL);
}

/*
 * Public API
 */

/**
 * ca_rdap_check_bootstrap:
 * @bootstrap: a `--rdap-bootstrap` value: a readable file, an https:// URL, or
 *   an http:// URL on loopback
 *
 * Returns: %FALSE with %CA_ERROR_INVALID_INPUT otherwise
 */
gboolean
ca_rdap_check_bootstrap (const char  *bootstrap,
                         GError     **error)
{
  g_autoptr (GUri) parsed = NULL;
  g_autoptr (GUri) uri = NULL;
  gboolean loopback;

  g_return_val_if_fail (bootstrap != NULL, FALSE);

  if (strstr (bootstrap, "://") == NULL)
    {
      if (g_file_test (bootstrap, G_FILE_TEST_IS_REGULAR))
        return TRUE;
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                   _("The RDAP bootstrap file %s does not exist."), bootstrap);
      return FALSE;
    }

  parsed = g_uri_parse (bootstrap, G_URI_FLAGS_NONE, NULL);
  loopback = parsed != NULL && ca_registration_host_is_loopback (g_uri_get_host (parsed));
  uri = check_url (bootstrap, loopback, error);
  return uri != NULL;
}

/**
 * ca_rdap_client_new:
 * @bootstrap: (nullable): a bootstrap file or URL (`--rdap-bootstrap`), or
 *   %NULL for IANA's, downloaded once and cached in the user's cache directory
 */
CaRdapClient *
ca_rdap_client_new (const char *bootstrap)
{
  CaRdapClient *self = g_object_new (CA_TYPE_RDAP_CLIENT, NULL);

  self->bootstrap_source = bootstrap != NULL && bootstrap[0] != '\0' ? g_strdup (bootstrap) : NULL;
  return self;
}

void
ca_rdap_client_set_timeout (CaRdapClient *self,
                            guint         seconds)
{
  g_return_if_fail (CA_IS_RDAP_CLIENT (self));

  self->timeout = seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS;
  g_object_set (self->http, "timeout", self->timeout, NULL);
}

void
ca_rdap_client_set_max_size (CaRdapClient *self,
                             gsize         bytes)
{
  g_return_if_fail (CA_IS_RDAP_CLIENT (self));

  self->max_size = bytes > 0 ? bytes : DEFAULT_MAX_SIZE;
}

/**
 * ca_rdap_client_load_bootstrap_async:
 *
 * Loads the bootstrap once; concurrent callers share the one download. A
 * cached copy is used while fresh (Cache-Control or Expires, else one day),
 * and after that whenever the download fails.
 */
void
ca_rdap_client_load_bootstrap_async (CaRdapClient        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  gboolean first;

  g_return_if_fail (CA_IS_RDAP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_rdap_client_load_bootstrap_async);
  if (self->bootstrap != NULL)
    {
      g_task_return_pointer (task, g_object_ref (self->bootstrap), g_object_unref);
      return;
    }

  first = self->bootstrap_waiters == NULL;
  if (first)
    self->bootstrap_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->bootstrap_waiters, g_steal_pointer (&task));
  if (first)
    start_bootstrap_load (self, NULL);
}

CaRdapBootstrap *
ca_rdap_client_load_bootstrap_finish (CaRdapClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ca_rdap_client_lookup_async:
 * @domain: a registrable domain
 *
 * Asks the registry the bootstrap names, then follows its `related` link of
 * type application/rdap+json to the registrar (at most two hops, never the
 * same URL twice, https only unless the chain started on loopback).
 */
void
ca_rdap_client_lookup_async (CaRdapClient        *self,
                             const char          *domain,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Lookup *lookup;
  GError *error = NULL;
  char *ascii;

  g_return_if_fail (CA_IS_RDAP_CLIENT (self));
  g_return_if_fail (domain != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_rdap_client_lookup_async);

  ascii = ca_domain_normalize (domain, &error);
  if (ascii == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  lookup = g_new0 (Lookup, 1);
  lookup->domain = ascii;
  lookup->visited = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, lookup, lookup_free);
  ca_rdap_client_load_bootstrap_async (self, cancellable, lookup_bootstrap_cb, task);
}

CaRdapAnswer *
ca_rdap_client_lookup_finish (CaRdapClient  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
