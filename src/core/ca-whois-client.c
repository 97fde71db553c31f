/* ca-whois-client.c: port-43 lookups with referrals (RFC 3912)
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaWhoisClient"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-domain.h"
#include "ca-error.h"
#include "ca-registration-classifier.h"
#include "ca-registration-net.h"
#include "ca-whois-client.h"

#define WHOIS_PORT 43
#define DEFAULT_TIMEOUT_SECONDS 10
/* registration-data.md §7: port 43 answers are small; 256 KiB is plenty. */
#define DEFAULT_MAX_SIZE (256 * 1024)
/* IANA → registry → registrar, and one more for a reseller. */
#define MAX_REFERRALS 3

/* Servers that need more than the bare name (registration-data.md §4). */
static const struct
{
  const char *host;
  const char *prefix;
  const char *suffix;
} query_formats[] = {
  { "whois.verisign-grs.com", "domain ", "" },
  { "whois.denic.de", "-T dn,ace ", "" },
  { "whois.dk-hostmaster.dk", "--show-handles ", "" },
  { "whois.punktum.dk", "--show-handles ", "" },
  { "whois.jprs.jp", "", "/e" },
};

/* Servers known not to answer in UTF-8 (Debian whois's table). */
static const struct
{
  const char *host;
  const char *charset;
} server_charsets[] = {
  { "whois.isnic.is", "ISO-8859-1" },
  { "whois.registro.br", "ISO-8859-1" },
  { "whois.fi", "ISO-8859-1" },
  { "whois.norid.no", "ISO-8859-1" },
  { "whois.kg", "CP1251" },
};

/* The keys that name the next server to ask, in any order. */
static const char * const referral_keys[] = {
  "refer", "whois", "registrar whois server", "whois server", "referralserver", NULL,
};

struct _CaWhoisClient
{
  GObject  parent_instance;

  char    *server;
  guint    timeout;
  gsize    max_size;
};

G_DEFINE_FINAL_TYPE (CaWhoisClient, ca_whois_client, G_TYPE_OBJECT)

typedef struct
{
  char          *domain;
  char          *query;
  char          *host;
  guint16        port;
  guint          hop;
  gboolean       chain_loopback;
  GPtrArray     *visited;
  GList         *addresses;
  GList         *next_address;
  GSocketClient *socket_client;
  GSocketConnection *connection;
  GCancellable  *cancellable;
  GCancellable  *outer;
  gulong         outer_id;
  GSource       *deadline;
  gboolean       timed_out;
  CaWhoisAnswer *answer;
  GPtrArray     *notes;
} LookupData;

void
ca_whois_answer_free (CaWhoisAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->server);
  g_free (answer->text);
  g_clear_pointer (&answer->notes, g_ptr_array_unref);
  g_free (answer->referral_error);
  g_free (answer);
}

static void
lookup_data_free (gpointer pointer)
{
  LookupData *data = pointer;

  if (data->deadline != NULL)
    g_source_destroy (data->deadline);
  g_clear_pointer (&data->deadline, g_source_unref);
  if (data->outer != NULL)
    g_cancellable_disconnect (data->outer, data->outer_id);
  g_clear_object (&data->outer);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->connection);
  g_clear_object (&data->socket_client);
  g_list_free_full (data->addresses, g_object_unref);
  g_clear_pointer (&data->visited, g_ptr_array_unref);
  g_clear_pointer (&data->notes, g_ptr_array_unref);
  ca_whois_answer_free (data->answer);
  g_free (data->domain);
  g_free (data->query);
  g_free (data->host);
  g_free (data);
}

/*
 * Auxiliary methods
 */

static gboolean
is_host_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_';
}

/* "host", "host:port", "[v6]:port", "whois://host[:port]/path" → host and port. */
static gboolean
parse_server (const char  *spec,
              char       **host,
              guint16     *port)
{
  g_autofree char *copy = g_strstrip (g_strdup (spec));
  char *start = copy;
  char *colon;
  char *scheme = strstr (copy, "://");
  guint64 number = WHOIS_PORT;

  if (scheme != NULL)
    start = scheme + 3;
  start[strcspn (start, "/?#")] = '\0';

  if (start[0] == '[')
    {
      char *end = strchr (start, ']');

      if (end == NULL)
        return FALSE;
      *end = '\0';
      colon = end[1] == ':' ? end + 1 : NULL;
      start++;
    }
  else
    colon = strchr (start, ':') == strrchr (start, ':') ? strchr (start, ':') : NULL;

  if (colon != NULL)
    {
      *colon = '\0';
      if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &number, NULL))
        return FALSE;
    }

  if (start[0] == '\0' || strlen (start) > 253)
    return FALSE;
  if (!g_hostname_is_ip_address (start))
    for (const char *p = start; *p != '\0'; p++)
      if (!is_host_char (*p))
        return FALSE;

  *host = g_ascii_strdown (start, -1);
  *port = number;
  return TRUE;
}

static char *
format_server (const char *host,
               guint16     port)
{
  if (port == WHOIS_PORT)
    return g_strdup (host);
  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("[%s]:%u", host, port);
  return g_strdup_printf ("%s:%u", host, port);
}

static const char *
charset_for (const char *host)
{
  for (guint i = 0; i < G_N_ELEMENTS (server_charsets); i++)
    if (g_ascii_strcasecmp (host, server_charsets[i].host) == 0)
      return server_charsets[i].charset;
  return NULL;
}

static gboolean
has_unsafe_bytes (const char *input)
{
  for (const guchar *p = (const guchar *) input; *p != '\0'; p++)
    if (*p < 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/**
 * ca_whois_build_query:
 * @server_host: the server the query goes to
 * @domain: the name the user gave
 *
 * Builds the bytes to send: the validated A-label, a fixed prefix some servers
 * need, and exactly one CRLF. Input holding CR, LF or any other control
 * character is refused, never cleaned: it cannot be what the user meant.
 *
 * Returns: (transfer full): the query, or %NULL with @error set
 */
char *
ca_whois_build_query (const char  *server_host,
                      const char  *domain,
                      GError     **error)
{
  g_autofree char *ascii = NULL;

  g_return_val_if_fail (server_host != NULL, NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  if (has_unsafe_bytes (domain))
    {
      g_set_error_literal (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN,
                           _("The name holds control characters such as line breaks: enter the domain name alone."));
      return NULL;
    }
  ascii = ca_domain_normalize (domain, error);
  if (ascii == NULL)
    return NULL;
  g_assert (!has_unsafe_bytes (ascii) && strchr (ascii, ' ') == NULL);

  for (guint i = 0; i < G_N_ELEMENTS (query_formats); i++)
    if (g_ascii_strcasecmp (server_host, query_formats[i].host) == 0)
      return g_strconcat (query_formats[i].prefix, ascii, query_formats[i].suffix, "\r\n", NULL);
  return g_strconcat (ascii, "\r\n", NULL);
}

/**
 * ca_whois_check_server:
 * @server: a `--whois-server` value: HOST, HOST:PORT or whois://HOST[:PORT]
 *
 * Returns: %FALSE with %CA_ERROR_INVALID_INPUT when @server is none of these
 */
gboolean
ca_whois_check_server (const char  *server,
                       GError     **error)
{
  g_autofree char *host = NULL;
  guint16 port;

  g_return_val_if_fail (server != NULL, FALSE);

  if (has_unsafe_bytes (server) || !parse_server (server, &host, &port))
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                   _("“%s” is not a WHOIS server: give HOST or HOST:PORT."), server);
      return FALSE;
    }
  return TRUE;
}

/**
 * ca_whois_find_referral:
 * @text: a cleaned port-43 answer
 *
 * Returns: (transfer full) (nullable): the first referral in @text as
 *   "host" or "host:port", or %NULL
 */
char *
ca_whois_find_referral (const char *text)
{
  g_auto (GStrv) lines = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');
      g_autofree char *key = NULL;
      g_autofree char *host = NULL;
      guint16 port;

      if (colon == NULL)
        continue;
      key = g_strstrip (g_ascii_strdown (lines[i], colon - lines[i]));
      if (!g_strv_contains (referral_keys, key) || !parse_server (colon + 1, &host, &port))
        continue;
      return format_server (host, port);
    }
  return NULL;
}

static void
add_note (LookupData *data,
          char       *note)
{
  g_ptr_array_add (data->notes, note);
}

/* complete() and fail_hop() take over the caller's reference on @task. */
static void
complete (GTask *task)
{
  LookupData *data = g_task_get_task_data (task);
  CaWhoisAnswer *answer = g_steal_pointer (&data->answer);

  answer->notes = g_steal_pointer (&data->notes);
  g_task_return_pointer (task, answer, (GDestroyNotify) ca_whois_answer_free);
  g_object_unref (task);
}

/* A failed first server fails the lookup; a failed referral keeps what we have. */
static void
fail_hop (GTask  *task,
          GError *error)
{
  g_autoptr (GTask) owned_task = task;
  LookupData *data = g_task_get_task_data (task);
  g_autofree char *server = format_server (data->host, data->port);
  g_autoptr (GError) owned = error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !data->timed_out)
    {
      g_task_return_error (task, g_steal_pointer (&owned));
      return;
    }

  if (data->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_clear_error (&owned);
      g_set_error (&owned, CA_ERROR, CA_ERROR_TIMEOUT,
                   _("The WHOIS server %s did not answer in time."), server);
    }
  else if (error->domain != CA_ERROR)
    {
      g_autofree char *message = g_strdup (error->message);

      g_clear_error (&owned);
      g_set_error (&owned, CA_ERROR, CA_ERROR_NETWORK,
                   _("The WHOIS server %s could not be asked: %s"), server, message);
    }

  if (data->answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&owned));
      return;
    }

  /* What we have is the registry's pointer to the data, not the data: no verdict rests on it. */
  add_note (data, g_strdup (owned->message));
  g_free (data->answer->referral_error);
  data->answer->referral_error = g_strdup (owned->message);
  complete (g_steal_pointer (&owned_task));
}

static gboolean
deadline_cb (gpointer user_data)
{
  LookupData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  g_clear_pointer (&data->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
outer_cancelled_cb (GCancellable *outer,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* Each hop gets the whole timeout for connect and exchange. */
static void
arm_deadline (LookupData *data,
              guint       seconds)
{
  if (data->deadline != NULL)
    {
      g_source_destroy (data->deadline);
      g_clear_pointer (&data->deadline, g_source_unref);
    }
  data->deadline = g_timeout_source_new_seconds (seconds);
  g_source_set_callback (data->deadline, deadline_cb, data, NULL);
  g_source_attach (data->deadline, g_main_context_get_thread_default ());
}

/*
 * The chain of hops
 */

static void start_hop (GTask *task);
static void connect_next (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *referral = NULL;
  CaWhoisAnswer *answer;
  gboolean truncated = FALSE;
  gsize size;
  const char *raw;

  bytes = ca_registration_read_capped_finish (G_INPUT_STREAM (object), result, &truncated, &error);
  g_io_stream_close (G_IO_STREAM (data->connection), NULL, NULL);
  g_clear_object (&data->connection);
  if (bytes == NULL)
    {
      fail_hop (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  answer = g_new0 (CaWhoisAnswer, 1);
  raw = g_bytes_get_data (bytes, &size);
  answer->text = ca_registration_clean_text (raw != NULL ? raw : "", size, charset_for (data->host));
  answer->server = format_server (data->host, data->port);
  answer->truncated = truncated;

  /* A referral that answers nothing at all keeps the answer we have. */
  if (data->answer != NULL && answer->text[strspn (answer->text, " \t\n")] == '\0')
    {
      add_note (data, g_strdup_printf (_("The WHOIS server %s gave an empty answer."), answer->server));
      g_free (data->answer->referral_error);
      data->answer->referral_error = g_strdup_printf (_("The WHOIS server %s gave an empty answer."), answer->server);
      ca_whois_answer_free (answer);
      complete (g_steal_pointer (&task));
      return;
    }
  ca_whois_answer_free (data->answer);
  data->answer = answer;
  /* A part of an answer is not evidence that the record has no contact. */
  if (truncated)
    data->answer->referral_error = g_strdup_printf (_("The WHOIS server %s sent more than the %u KiB we read; its answer was cut off."),
                                                    answer->server, (guint) (CA_WHOIS_CLIENT (g_task_get_source_object (task))->max_size / 1024));

  referral = truncated ? NULL : ca_whois_find_referral (answer->text);
  if (referral != NULL && data->hop >= MAX_REFERRALS)
    data->answer->referral_error = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "The WHOIS servers kept referring onward; the lookup stopped after %d referral.",
                                                                 "The WHOIS servers kept referring onward; the lookup stopped after %d referrals.",
                                                                 MAX_REFERRALS),
                                                    MAX_REFERRALS);
  if (referral != NULL && data->hop < MAX_REFERRALS)
    {
      g_autofree char *host = NULL;
      guint16 port;

      if (parse_server (referral, &host, &port))
        {
          g_free (data->host);
          data->host = g_steal_pointer (&host);
          data->port = port;
          data->hop++;
          start_hop (g_steal_pointer (&task));
          return;
        }
    }
  complete (g_steal_pointer (&task));
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);
  CaWhoisClient *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  GInputStream *input;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      fail_hop (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  input = g_io_stream_get_input_stream (G_IO_STREAM (data->connection));
  ca_registration_read_capped_async (input, self->max_size, data->cancellable,
                                     read_cb, g_steal_pointer (&task));
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  GOutputStream *output;

  data->connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (object), result, &error);
  if (data->connection == NULL)
    {
      if (data->next_address != NULL && !g_cancellable_is_cancelled (data->cancellable))
        connect_next (g_steal_pointer (&task));
      else
        fail_hop (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  g_free (data->query);
  data->query = ca_whois_build_query (data->host, data->domain, &error);
  g_assert (data->query != NULL);
  output = g_io_stream_get_output_stream (G_IO_STREAM (data->connection));
  g_output_stream_write_all_async (output, data->query, strlen (data->query), G_PRIORITY_DEFAULT,
                                   data->cancellable, write_cb, g_steal_pointer (&task));
}

static void
connect_next (GTask *task)
{
  LookupData *data = g_task_get_task_data (task);
  GInetAddress *address = data->next_address->data;
  g_autoptr (GSocketAddress) socket_address = g_inet_socket_address_new (address, data->port);

  data->next_address = data->next_address->next;
  g_socket_client_connect_async (data->socket_client, G_SOCKET_CONNECTABLE (socket_address),
                                 data->cancellable, connect_cb, task);
}

/* registration-data.md §7: no public answer may steer the client inward. */
static char *
check_referral_target (LookupData *data,
                       gboolean    literal)
{
  g_autofree char *server = format_server (data->host, data->port);

  /* The user chose the first server; where it lives sets the rules for the rest. */
  if (data->hop == 0)
    {
      data->chain_loopback = g_inet_address_get_is_loopback (data->addresses->data);
      return NULL;
    }

  for (GList *l = data->addresses; l != NULL; l = l->next)
    {
      gboolean loopback = g_inet_address_get_is_loopback (l->data);

      if (data->chain_loopback && !loopback)
        return g_strdup_printf (_("The referral to %s was not followed: a lookup that starts on this computer stays on it."), server);
      else if (!data->chain_loopback && !ca_registration_address_is_public (l->data))
        return g_strdup_printf (_("The referral to %s was refused: it points to a private or local address."), server);
    }

  if (!data->chain_loopback && (literal || data->port != WHOIS_PORT))
    return g_strdup_printf (_("The referral to %s was refused: only host names on port 43 are followed."), server);
  return NULL;
}

static void
addresses_ready (GTask    *task,
                 GList    *addresses,
                 gboolean  literal)
{
  LookupData *data = g_task_get_task_data (task);
  g_autofree char *refused = NULL;

  g_list_free_full (data->addresses, g_object_unref);
  data->addresses = addresses;
  data->next_address = addresses;

  refused = addresses != NULL ? check_referral_target (data, literal) : NULL;
  if (refused != NULL)
    {
      g_assert (data->answer != NULL);
      g_free (data->answer->referral_error);
      data->answer->referral_error = g_strdup (refused);
      add_note (data, g_steal_pointer (&refused));
      complete (task);
      return;
    }
  connect_next (task);
}

static void
resolve_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;
  GList *addresses;

  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (object), result, &error);
  if (addresses == NULL)
    {
      fail_hop (task, g_steal_pointer (&error));
      return;
    }
  addresses_ready (task, addresses, FALSE);
}

static void
start_hop (GTask *task)
{
  LookupData *data = g_task_get_task_data (task);
  CaWhoisClient *self = g_task_get_source_object (task);
  g_autofree char *server = format_server (data->host, data->port);
  GInetAddress *literal;

  if (g_ptr_array_find_with_equal_func (data->visited, server, g_str_equal, NULL))
    {
      add_note (data, g_strdup_printf (_("The referral to %s was not followed: that server was already asked."), server));
      complete (task);
      return;
    }
  g_ptr_array_add (data->visited, g_strdup (server));
  arm_deadline (data, self->timeout);

  literal = g_inet_address_new_from_string (data->host);
  if (literal != NULL)
    {
      addresses_ready (task, g_list_prepend (NULL, literal), TRUE);
      return;
    }

  g_resolver_lookup_by_name_async (g_resolver_get_default (), data->host, data->cancellable,
                                   resolve_cb, task);
}

/*
 * Callbacks
 */

static void
ca_whois_client_finalize (GObject *object)
{
  CaWhoisClient *self = (CaWhoisClient *) object;

  g_clear_pointer (&self->server, g_free);

  G_OBJECT_CLASS (ca_whois_client_parent_class)->finalize (object);
}

static void
ca_whois_client_class_init (CaWhoisClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_whois_client_finalize;
}

static void
ca_whois_client_init (CaWhoisClient *self)
{
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->max_size = DEFAULT_MAX_SIZE;
}

/*
 * Public API
 */

/**
 * ca_whois_client_new:
 * @server: (nullable): the first server, "HOST[:PORT]", or %NULL for whois.iana.org
 */
CaWhoisClient *
ca_whois_client_new (const char *server)
{
  CaWhoisClient *self = g_object_new (CA_TYPE_WHOIS_CLIENT, NULL);

  self->server = g_strdup (server != NULL && server[0] != '\0' ? server : CA_WHOIS_DEFAULT_SERVER);
  return self;
}

const char *
ca_whois_client_get_server (CaWhoisClient *self)
{
  g_return_val_if_fail (CA_IS_WHOIS_CLIENT (self), NULL);

  return self->server;
}

guint
ca_whois_client_get_timeout (CaWhoisClient *self)
{
  g_return_val_if_fail (CA_IS_WHOIS_CLIENT (self), 0);

  return self->timeout;
}

void
ca_whois_client_set_timeout (CaWhoisClient *self,
                             guint          seconds)
{
  g_return_if_fail (CA_IS_WHOIS_CLIENT (self));

  self->timeout = seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS;
}

void
ca_whois_client_set_max_size (CaWhoisClient *self,
                              gsize          bytes)
{
  g_return_if_fail (CA_IS_WHOIS_CLIENT (self));

  self->max_size = bytes > 0 ? bytes : DEFAULT_MAX_SIZE;
}

/**
 * ca_whois_client_lookup_async:
 * @domain: the registrable domain, as the user gave it
 *
 * Asks the first server, then follows its referrals: at most three, never the
 * same server twice, never from a public server to a private address. A chain
 * that starts on loopback stays on loopback, ports included.
 */
void
ca_whois_client_lookup_async (CaWhoisClient       *self,
                              const char          *domain,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *query = NULL;
  LookupData *data;

  g_return_if_fail (CA_IS_WHOIS_CLIENT (self));
  g_return_if_fail (domain != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_whois_client_lookup_async);

  data = g_new0 (LookupData, 1);
  g_task_set_task_data (task, data, lookup_data_free);
  data->visited = g_ptr_array_new_with_free_func (g_free);
  data->notes = g_ptr_array_new_with_free_func (g_free);

  if (!parse_server (self->server, &data->host, &data->port))
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_INVALID_INPUT,
                               _("“%s” is not a WHOIS server: give HOST or HOST:PORT."), self->server);
      return;
    }

  /* Refuse bad input before a single byte goes out. */
  query = ca_whois_build_query (data->host, domain, &error);
  if (query == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->domain = ca_domain_normalize (domain, NULL);

  data->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      data->outer = g_object_ref (cancellable);
      data->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                              g_object_ref (data->cancellable), g_object_unref);
    }
  data->socket_client = g_socket_client_new ();
  g_socket_client_set_timeout (data->socket_client, self->timeout);

  start_hop (g_steal_pointer (&task));
}

/**
 * ca_whois_client_lookup_finish:
 *
 * Returns: (transfer full): the last answer of the chain, or %NULL with
 *   @error set when the first server gave none
 */
CaWhoisAnswer *
ca_whois_client_lookup_finish (CaWhoisClient  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
