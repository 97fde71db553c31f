/* ca-dns.c: an asynchronous DNS resolver on libunbound
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaDnsResolver"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unbound.h>

#include "ca-dns.h"
#include "ca-error.h"

/* Debian's dns-root-data, or the copy the Flatpak installs under its prefix. */
static const char * const root_trust_anchor_files[] = {
  DATADIR "/dns/root.key",
  "/usr/share/dns/root.key",
};
/* The root servers for the public view; libunbound has its own copy otherwise. */
static const char * const root_hints_files[] = {
  DATADIR "/dns/root.hints",
  "/usr/share/dns/root.hints",
};
#define DNS_CLASS_IN           1

/**
 * CaDnsResolver:
 *
 * One libunbound context shared by all lookups. libunbound answers in a
 * thread of its own and signals through a pipe, which the GLib main loop
 * watches, so every callback runs in the main context that made the context.
 * Each lookup has its own deadline and can be cancelled.
 *
 * A public resolver ignores the system's resolvers and resolves every name
 * from the root servers itself, as a certificate authority does: what the
 * CA sees, whatever the local resolver makes of it. Its context, and with it
 * the cache of the root's and the TLDs' answers, serves every name of a
 * diagnosis.
 */
struct _CaDnsResolver
{
  GObject        parent_instance;

  char         **forwarders;
  gboolean       dnssec;
  guint          timeout_ms;
  char          *trust_anchor;
  gboolean       public_view;
  char          *root_hints;

  struct ub_ctx *ctx;
  gboolean       validating;
  GSource       *fd_source;
};

G_DEFINE_FINAL_TYPE (CaDnsResolver, ca_dns_resolver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FORWARDERS,
  PROP_DNSSEC,
  PROP_TIMEOUT,
  PROP_TRUST_ANCHOR,
  PROP_PUBLIC,
  PROP_ROOT_HINTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CaDnsResolver *resolver;
  GTask         *task;
  char          *name;
  CaDnsType      type;
  guint          timeout_ms;
  gint64         started_us; /* for the debug trace of each lookup's duration */
  int            async_id;
  GSource       *timeout_source;
  GSource       *cancel_source;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  if (lookup->timeout_source != NULL)
    g_source_destroy (lookup->timeout_source);
  g_clear_pointer (&lookup->timeout_source, g_source_unref);
  if (lookup->cancel_source != NULL)
    g_source_destroy (lookup->cancel_source);
  g_clear_pointer (&lookup->cancel_source, g_source_unref);
  g_clear_object (&lookup->task);
  g_free (lookup->name);
  g_free (lookup);
}

/*
 * Auxiliary methods
 */

static gboolean
split_server (const char  *server,
              char       **address,
              guint       *port)
{
  g_auto (GStrv) parts = g_strsplit (server, "@", 2);
  guint64 number = 53;
  char *host = parts[0];
  gsize len;

  if (host == NULL)
    return FALSE;
  /* "[::1]@53" is accepted as well as unbound's own "::1@53". */
  len = strlen (host);
  if (len > 2 && host[0] == '[' && host[len - 1] == ']')
    {
      host[len - 1] = '\0';
      host++;
    }
  if (!g_hostname_is_ip_address (host))
    return FALSE;
  if (parts[1] != NULL &&
      (!g_ascii_string_to_unsigned (parts[1], 10, 1, 65535, &number, NULL)))
    return FALSE;

  if (address != NULL)
    *address = g_strdup (host);
  if (port != NULL)
    *port = (guint) number;
  return TRUE;
}

/**
 * ca_dns_check_server:
 * @server: `ADDR[@PORT]`, as --dns-server takes it
 *
 * Returns: whether libunbound can forward to @server
 */
gboolean
ca_dns_check_server (const char  *server,
                     GError     **error)
{
  g_return_val_if_fail (server != NULL, FALSE);

  if (split_server (server, NULL, NULL))
    return TRUE;

  g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
               _("“%s” is not a DNS server address: give an IP address, optionally followed by @ and a port, such as 127.0.0.1@5353."),
               server);
  return FALSE;
}

/* `--view` words, and the JSON's "views". */
const char *
ca_dns_view_to_string (CaDnsView view)
{
  switch (view)
    {
    case CA_DNS_VIEW_LOCAL:
      return "local";
    case CA_DNS_VIEW_PUBLIC:
      return "public";
    case CA_DNS_VIEW_BOTH:
      return "both";
    case CA_DNS_VIEW_AUTO:
    default:
      return "auto";
    }
}

gboolean
ca_dns_view_from_string (const char *string,
                         CaDnsView  *view)
{
  g_return_val_if_fail (string != NULL, FALSE);

  for (CaDnsView v = CA_DNS_VIEW_AUTO; v <= CA_DNS_VIEW_BOTH; v++)
    if (g_ascii_strcasecmp (string, ca_dns_view_to_string (v)) == 0)
      {
        if (view != NULL)
          *view = v;
        return TRUE;
      }
  return FALSE;
}

static gboolean
set_ub_error (GError    **error,
              int         code,
              const char *what)
{
  /* Translators: the first %s names a setting, the second is libunbound's reason */
  g_set_error (error, CA_ERROR, CA_ERROR_NETWORK,
               _("The DNS resolver could not be set up (%s): %s"), what, ub_strerror (code));
  return FALSE;
}

static gboolean
configure_forwarders (CaDnsResolver *self,
                      GError       **error)
{
  int code;

  /* Forwarders and system resolvers are stubs; 127.0.0.1 is a normal answer there. */
  ub_ctx_set_option (self->ctx, "do-not-query-localhost:", "no");
  /* libunbound's defaults (16 ports, few queries per thread) queue a diagnosis's
   * questions behind each other; a diagnosis of many names asks about a hundred. */
  ub_ctx_set_option (self->ctx, "outgoing-range:", "256");
  ub_ctx_set_option (self->ctx, "num-queries-per-thread:", "256");

  if (self->forwarders == NULL || self->forwarders[0] == NULL)
    {
      /* Without resolv.conf libunbound resolves from the root itself. */
      ub_ctx_resolvconf (self->ctx, NULL);
      ub_ctx_hosts (self->ctx, NULL);
      return TRUE;
    }

  for (guint i = 0; self->forwarders[i] != NULL; i++)
    {
      g_autofree char *address = NULL;
      g_autofree char *forwarder = NULL;
      guint port = 53;

      if (!ca_dns_check_server (self->forwarders[i], error))
        return FALSE;
      split_server (self->forwarders[i], &address, &port);
      forwarder = g_strdup_printf ("%s@%u", address, port);
      code = ub_ctx_set_fwd (self->ctx, forwarder);
      if (code != 0)
        return set_ub_error (error, code, self->forwarders[i]);
    }
  return TRUE;
}

static const char *
find_root_hints (CaDnsResolver *self)
{
  if (self->root_hints != NULL)
    return self->root_hints;
  for (guint i = 0; i < G_N_ELEMENTS (root_hints_files); i++)
    if (g_file_test (root_hints_files[i], G_FILE_TEST_EXISTS))
      return root_hints_files[i];
  return NULL;
}

/* Full recursion: neither resolv.conf nor forwarders, the root servers as hints. */
static gboolean
configure_recursion (CaDnsResolver *self,
                     GError       **error)
{
  const char *hints = find_root_hints (self);
  int code;

  /* A lab's root (--root-hints) lives on loopback; on the Internet a
   * referral to 127.0.0.1 is an attack, which libunbound refuses by default. */
  if (self->root_hints != NULL)
    ub_ctx_set_option (self->ctx, "do-not-query-localhost:", "no");
  ub_ctx_set_option (self->ctx, "outgoing-range:", "256");
  ub_ctx_set_option (self->ctx, "num-queries-per-thread:", "256");
  /* Each zone's DNSKEY set is asked as soon as the referral to it shows a DS,
   * beside the walk down, instead of after the answer, one zone after the
   * other: the same chain of trust, in far fewer round trips from a cold cache. */
  ub_ctx_set_option (self->ctx, "prefetch-key:", "yes");
  /* An answer that fails validation is asked again of other servers of the
   * zone, by default up to five times, a round trip each (about a second for
   * a broken DS at a distant registry). Two more servers still get a chance,
   * which covers the one stale or unsynchronised secondary that the retries
   * exist for; a chain of trust broken at the parent (a wrong DS, as in
   * bogus-ds.example of the lab) fails the same at every server, so the
   * verdict is the same, only sooner. */
  ub_ctx_set_option (self->ctx, "val-max-restart:", "2");
  if (hints == NULL)
    return TRUE;
  code = ub_ctx_set_option (self->ctx, "root-hints:", hints);
  if (code != 0)
    return set_ub_error (error, code, hints);
  return TRUE;
}

static gboolean
configure_dnssec (CaDnsResolver *self,
                  GError       **error)
{
  const char *anchor_file = self->trust_anchor;
  int code;

  for (guint i = 0; i < G_N_ELEMENTS (root_trust_anchor_files) && anchor_file == NULL; i++)
    if (g_file_test (root_trust_anchor_files[i], G_FILE_TEST_EXISTS))
      anchor_file = root_trust_anchor_files[i];

  if (!self->dnssec || anchor_file == NULL)
    return TRUE;

  code = ub_ctx_add_ta_file (self->ctx, anchor_file);
  if (code != 0)
    return set_ub_error (error, code, anchor_file);
  self->validating = TRUE;
  return TRUE;
}

static gboolean
fd_ready_cb (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  g_autoptr (CaDnsResolver) self = g_object_ref (user_data);

  /* A callback may drop the last reference to the resolver; deleting the
   * context must wait until ub_process() has returned. */
  ub_process (self->ctx);
  return G_SOURCE_CONTINUE;
}

static gboolean
ensure_context (CaDnsResolver *self,
                GError       **error)
{
  int code;

  if (self->ctx != NULL)
    return TRUE;

  self->ctx = ub_ctx_create ();
  if (self->ctx == NULL)
    {
      g_set_error_literal (error, CA_ERROR, CA_ERROR_FAILED, _("The DNS resolver could not be created."));
      return FALSE;
    }

  /* Threads rather than a forked process: cheaper, and sanitizers follow them. */
  code = ub_ctx_async (self->ctx, 1);
  if (code != 0 ||
      !(self->public_view ? configure_recursion (self, error) : configure_forwarders (self, error)) ||
      !configure_dnssec (self, error))
    {
      if (code != 0)
        set_ub_error (error, code, "async");
      g_clear_pointer (&self->ctx, ub_ctx_delete);
      self->validating = FALSE;
      return FALSE;
    }

  self->fd_source = g_unix_fd_source_new (ub_fd (self->ctx), G_IO_IN);
  g_source_set_callback (self->fd_source, G_SOURCE_FUNC (fd_ready_cb), self, NULL);
  g_source_set_static_name (self->fd_source, "[certassist] libunbound");
  g_source_attach (self->fd_source, g_main_context_get_thread_default ());
  return TRUE;
}

static CaDnsSecurity
get_security (CaDnsResolver    *self,
              struct ub_result *result)
{
  if (!self->validating)
    return CA_DNS_SECURITY_UNCHECKED;
  if (result->bogus)
    return CA_DNS_SECURITY_BOGUS;
  return result->secure ? CA_DNS_SECURITY_SECURE : CA_DNS_SECURITY_INSECURE;
}

static CaDnsAnswer *
answer_from_result (CaDnsResolver    *self,
                    Lookup           *lookup,
                    struct ub_result *result)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_dns_record_free);
  CaDnsAnswer *answer;
  guint n_malformed = 0;

  for (guint i = 0; result->havedata && result->data[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      CaDnsRecord *record;

      record = ca_dns_record_parse (lookup->type, (const guint8 *) result->data[i],
                                    result->len[i] < 0 ? 0 : (gsize) result->len[i], &error);
      if (record == NULL)
        {
          g_debug ("%s %s: %s", lookup->name, ca_dns_type_to_string (lookup->type), error->message);
          n_malformed++;
          continue;
        }
      record->ttl = result->ttl < 0 ? 0 : (guint32) result->ttl;
      g_ptr_array_add (records, record);
    }

  answer = ca_dns_answer_new (lookup->name, lookup->type, result->rcode, get_security (self, result),
                              result->why_bogus, result->canonname, records);
  ca_dns_answer_set_n_malformed (answer, n_malformed);
  return answer;
}

/*
 * Callbacks
 */

static void
resolve_cb (void             *user_data,
            int               err,
            struct ub_result *result)
{
  Lookup *lookup = user_data;

  /* G_MESSAGES_DEBUG=CaDnsResolver traces which questions wait for which
   * (bench/dns/bench-public-view.py measures the whole chain). */
  g_debug ("%s view: %s %s answered in %" G_GINT64_FORMAT " ms",
           lookup->resolver->public_view ? "public" : "local", lookup->name,
           ca_dns_type_to_string (lookup->type), (g_get_monotonic_time () - lookup->started_us) / 1000);
  if (err != 0)
    g_task_return_new_error (lookup->task, CA_ERROR, CA_ERROR_NETWORK,
                             _("Looking up %s failed: %s"), lookup->name, ub_strerror (err));
  else
    g_task_return_pointer (lookup->task, answer_from_result (lookup->resolver, lookup, result), g_object_unref);

  if (result != NULL)
    ub_resolve_free (result);
  lookup_free (lookup);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Lookup *lookup = user_data;
  guint seconds = (lookup->timeout_ms + 999) / 1000;

  ub_cancel (lookup->resolver->ctx, lookup->async_id);
  g_task_return_new_error (lookup->task, CA_ERROR, CA_ERROR_TIMEOUT,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "No DNS server answered the question for %s %s within %u second. Check the network connection or the DNS server setting.",
                                        "No DNS server answered the question for %s %s within %u seconds. Check the network connection or the DNS server setting.",
                                        seconds),
                           ca_dns_type_to_string (lookup->type), lookup->name, seconds);
  lookup_free (lookup);
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  Lookup *lookup = user_data;

  ub_cancel (lookup->resolver->ctx, lookup->async_id);
  g_task_return_error_if_cancelled (lookup->task);
  lookup_free (lookup);
  return G_SOURCE_REMOVE;
}

/*
 * Overrides
 */

static void
ca_dns_resolver_finalize (GObject *object)
{
  CaDnsResolver *self = (CaDnsResolver *) object;

  if (self->fd_source != NULL)
    g_source_destroy (self->fd_source);
  g_clear_pointer (&self->fd_source, g_source_unref);
  g_clear_pointer (&self->ctx, ub_ctx_delete);
  g_clear_pointer (&self->forwarders, g_strfreev);
  g_clear_pointer (&self->trust_anchor, g_free);
  g_clear_pointer (&self->root_hints, g_free);

  G_OBJECT_CLASS (ca_dns_resolver_parent_class)->finalize (object);
}

static void
ca_dns_resolver_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CaDnsResolver *self = CA_DNS_RESOLVER (object);

  switch (prop_id)
    {
    case PROP_FORWARDERS:
      g_value_set_boxed (value, self->forwarders);
      break;
    case PROP_DNSSEC:
      g_value_set_boolean (value, self->dnssec);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;
    case PROP_TRUST_ANCHOR:
      g_value_set_string (value, self->trust_anchor);
      break;
    case PROP_PUBLIC:
      g_value_set_boolean (value, self->public_view);
      break;
    case PROP_ROOT_HINTS:
      g_value_set_string (value, self->root_hints);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_dns_resolver_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CaDnsResolver *self = CA_DNS_RESOLVER (object);

  switch (prop_id)
    {
    case PROP_FORWARDERS:
      g_strfreev (self->forwarders);
      self->forwarders = g_value_dup_boxed (value);
      break;
    case PROP_DNSSEC:
      self->dnssec = g_value_get_boolean (value);
      break;
    case PROP_TIMEOUT:
      self->timeout_ms = g_value_get_uint (value);
      break;
    case PROP_TRUST_ANCHOR:
      self->trust_anchor = g_value_dup_string (value);
      break;
    case PROP_PUBLIC:
      self->public_view = g_value_get_boolean (value);
      break;
    case PROP_ROOT_HINTS:
      self->root_hints = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_dns_resolver_class_init (CaDnsResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_dns_resolver_finalize;
  object_class->get_property = ca_dns_resolver_get_property;
  object_class->set_property = ca_dns_resolver_set_property;

  /* `ADDR[@PORT]` servers to forward to; empty or %NULL for the system's resolvers. */
  properties[PROP_FORWARDERS] = g_param_spec_boxed ("forwarders", NULL, NULL, G_TYPE_STRV, flags);
  /* Validate against the root trust anchor when the system has one. */
  properties[PROP_DNSSEC] = g_param_spec_boolean ("dnssec", NULL, NULL, TRUE, flags);
  /* The deadline of each lookup, in milliseconds. */
  properties[PROP_TIMEOUT] = g_param_spec_uint ("timeout", NULL, NULL, 1, G_MAXUINT,
                                                CA_DNS_DEFAULT_TIMEOUT_MS, flags);
  /* A file of DS or DNSKEY records (zone-file syntax) to validate against
   * instead of the system's root key: a lab's signed root, or a test's anchor. */
  properties[PROP_TRUST_ANCHOR] = g_param_spec_string ("trust-anchor", NULL, NULL, NULL, flags);
  /* Resolve from the root servers, ignoring the forwarders and the system's resolvers. */
  properties[PROP_PUBLIC] = g_param_spec_boolean ("public", NULL, NULL, FALSE, flags);
  /* For a public resolver: a root hints file (named.root) instead of the real root servers. */
  properties[PROP_ROOT_HINTS] = g_param_spec_string ("root-hints", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_dns_resolver_init (CaDnsResolver *self)
{
  self->dnssec = TRUE;
  self->timeout_ms = CA_DNS_DEFAULT_TIMEOUT_MS;
}

/*
 * Public API
 */

CaDnsResolver *
ca_dns_resolver_new (const char * const *forwarders,
                     gboolean            dnssec,
                     guint               timeout_ms)
{
  return g_object_new (CA_TYPE_DNS_RESOLVER,
                       "forwarders", forwarders,
                       "dnssec", dnssec,
                       "timeout", MAX (timeout_ms, 1),
                       NULL);
}

/**
 * ca_dns_resolver_new_public:
 * @root_hints: (nullable): a root hints file, %NULL for the real root servers
 * @trust_anchor: (nullable): a file of the root's DS or DNSKEY records, %NULL
 *   for the system's root key
 *
 * Returns: (transfer full): a resolver that asks the public DNS itself, from
 *   the root down, as the certificate authority does
 */
CaDnsResolver *
ca_dns_resolver_new_public (const char *root_hints,
                            const char *trust_anchor,
                            gboolean    dnssec,
                            guint       timeout_ms)
{
  return g_object_new (CA_TYPE_DNS_RESOLVER,
                       "public", TRUE,
                       "root-hints", root_hints,
                       "trust-anchor", trust_anchor,
                       "dnssec", dnssec,
                       "timeout", MAX (timeout_ms, 1),
                       NULL);
}

const char * const *
ca_dns_resolver_get_forwarders (CaDnsResolver *self)
{
  g_return_val_if_fail (CA_IS_DNS_RESOLVER (self), NULL);
  return (const char * const *) self->forwarders;
}

/* Returns: whether the resolver asks the public DNS from the root down */
gboolean
ca_dns_resolver_get_public (CaDnsResolver *self)
{
  g_return_val_if_fail (CA_IS_DNS_RESOLVER (self), FALSE);
  return self->public_view;
}

/* Returns: (nullable): the root hints file given instead of the real root servers (a lab) */
const char *
ca_dns_resolver_get_root_hints (CaDnsResolver *self)
{
  g_return_val_if_fail (CA_IS_DNS_RESOLVER (self), NULL);
  return self->root_hints;
}

gboolean
ca_dns_resolver_get_dnssec (CaDnsResolver *self)
{
  g_return_val_if_fail (CA_IS_DNS_RESOLVER (self), FALSE);
  return self->dnssec;
}

guint
ca_dns_resolver_get_timeout (CaDnsResolver *self)
{
  g_return_val_if_fail (CA_IS_DNS_RESOLVER (self), 0);
  return self->timeout_ms;
}

/* Whether answers are checked against a trust anchor (known after the first lookup). */
gboolean
ca_dns_resolver_is_validating (CaDnsResolver *self)
{
  g_return_val_if_fail (CA_IS_DNS_RESOLVER (self), FALSE);
  return self->validating;
}

static void
start_lookup (CaDnsResolver *self,
              Lookup        *lookup,
              GCancellable  *cancellable)
{
  int code;

  code = ub_resolve_async (self->ctx, lookup->name, lookup->type, DNS_CLASS_IN,
                           lookup, resolve_cb, &lookup->async_id);
  if (code != 0)
    {
      g_task_return_new_error (lookup->task, CA_ERROR, CA_ERROR_NETWORK,
                               _("Looking up %s failed: %s"), lookup->name, ub_strerror (code));
      lookup_free (lookup);
      return;
    }

  lookup->timeout_source = g_timeout_source_new (lookup->timeout_ms);
  g_source_set_callback (lookup->timeout_source, timeout_cb, lookup, NULL);
  g_source_set_static_name (lookup->timeout_source, "[certassist] DNS deadline");
  g_source_attach (lookup->timeout_source, g_main_context_get_thread_default ());

  if (cancellable != NULL)
    {
      lookup->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (lookup->cancel_source, G_SOURCE_FUNC (cancelled_cb), lookup, NULL);
      g_source_attach (lookup->cancel_source, g_main_context_get_thread_default ());
    }
}

/**
 * ca_dns_resolver_lookup_async:
 * @name: an ASCII domain name, with or without a trailing dot
 *
 * Asks for @type records at @name. A CNAME is followed (except when @type is
 * CNAME). SERVFAIL and NXDOMAIN are answers, not errors; the errors are
 * %CA_ERROR_TIMEOUT past the deadline, %CA_ERROR_NETWORK when libunbound
 * fails, and %G_IO_ERROR_CANCELLED.
 */
void
ca_dns_resolver_lookup_async (CaDnsResolver       *self,
                              const char          *name,
                              CaDnsType            type,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CA_IS_DNS_RESOLVER (self));

  ca_dns_resolver_lookup_within_async (self, name, type, self->timeout_ms, cancellable, callback, user_data);
}

/**
 * ca_dns_resolver_lookup_within_async:
 * @timeout_ms: the deadline of this lookup, instead of the resolver's
 *
 * As ca_dns_resolver_lookup_async(), finished with
 * ca_dns_resolver_lookup_finish(): for a question whose answer either comes
 * quickly or says that nothing will.
 */
void
ca_dns_resolver_lookup_within_async (CaDnsResolver       *self,
                                     const char          *name,
                                     CaDnsType            type,
                                     guint                timeout_ms,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  Lookup *lookup;

  g_return_if_fail (CA_IS_DNS_RESOLVER (self));
  g_return_if_fail (name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_dns_resolver_lookup_async);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!ensure_context (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  lookup = g_new0 (Lookup, 1);
  lookup->resolver = self;
  lookup->task = g_steal_pointer (&task);
  lookup->name = g_strdup (name);
  lookup->type = type;
  lookup->timeout_ms = MAX (timeout_ms, 1);
  lookup->started_us = g_get_monotonic_time ();
  start_lookup (self, lookup, cancellable);
}

CaDnsAnswer *
ca_dns_resolver_lookup_finish (CaDnsResolver *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
