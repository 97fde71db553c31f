/* ca-rdap-bootstrap.c: the IANA RDAP bootstrap file for domains (RFC 9224)
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRdapBootstrap"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ca-error.h"
#include "ca-json.h"
#include "ca-rdap-bootstrap.h"
#include "ca-registration-net.h"

struct _CaRdapBootstrap
{
  GObject     parent_instance;

  GHashTable *services;   /* lower-case label sequence ("co.uk") → base URL ending in "/" */
};

G_DEFINE_FINAL_TYPE (CaRdapBootstrap, ca_rdap_bootstrap, G_TYPE_OBJECT)

static void
ca_rdap_bootstrap_finalize (GObject *object)
{
  CaRdapBootstrap *self = (CaRdapBootstrap *) object;

  g_clear_pointer (&self->services, g_hash_table_unref);

  G_OBJECT_CLASS (ca_rdap_bootstrap_parent_class)->finalize (object);
}

static void
ca_rdap_bootstrap_class_init (CaRdapBootstrapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_rdap_bootstrap_finalize;
}

static void
ca_rdap_bootstrap_init (CaRdapBootstrap *self)
{
  self->services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* RFC 9224 §3: prefer https; plain http only where it cannot leave the machine. */
static char *
choose_url (JsonArray *urls)
{
  const char *fallback = NULL;

  for (guint i = 0; i < json_array_get_length (urls); i++)
    {
      JsonNode *node = json_array_get_element (urls, i);
      const char *url = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
      g_autoptr (GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

      if (uri == NULL)
        continue;
      if (g_strcmp0 (g_uri_get_scheme (uri), "https") == 0)
        return g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);
      if (g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 &&
          ca_registration_host_is_loopback (g_uri_get_host (uri)) && fallback == NULL)
        fallback = url;
    }

  if (fallback == NULL)
    return NULL;
  return g_str_has_suffix (fallback, "/") ? g_strdup (fallback) : g_strconcat (fallback, "/", NULL);
}

static void
add_service (CaRdapBootstrap *self,
             JsonArray       *service)
{
  JsonNode *labels_node;
  JsonNode *urls_node;
  JsonArray *labels;
  g_autofree char *url = NULL;

  if (json_array_get_length (service) < 2)
    return;
  labels_node = json_array_get_element (service, 0);
  urls_node = json_array_get_element (service, 1);
  if (!JSON_NODE_HOLDS_ARRAY (labels_node) || !JSON_NODE_HOLDS_ARRAY (urls_node))
    return;

  url = choose_url (json_node_get_array (urls_node));
  if (url == NULL)
    return;

  labels = json_node_get_array (labels_node);
  for (guint i = 0; i < json_array_get_length (labels); i++)
    {
      JsonNode *node = json_array_get_element (labels, i);
      const char *label = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

      if (label != NULL && label[0] != '\0')
        g_hash_table_replace (self->services, g_ascii_strdown (label, -1), g_strdup (url));
    }
}

/**
 * ca_rdap_bootstrap_new_from_bytes:
 *
 * Returns: (transfer full): the bootstrap, or %NULL with @error set when
 *   @bytes hold no RFC 9224 `services` array
 */
CaRdapBootstrap *
ca_rdap_bootstrap_new_from_bytes (GBytes  *bytes,
                                  GError **error)
{
  g_autoptr (CaRdapBootstrap) self = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (JsonNode) root = ca_json_parse_untrusted_bytes (bytes, CA_RDAP_BOOTSTRAP_MAX_SIZE, &local_error);
  JsonNode *services_node;
  JsonArray *services;

  if (root == NULL)
    g_debug ("Bootstrap refused: %s", local_error->message);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (services_node = json_object_get_member (json_node_get_object (root), "services")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (services_node))
    {
      g_set_error_literal (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE,
                           _("The RDAP bootstrap file is not in the IANA format (RFC 9224)."));
      return NULL;
    }

  self = g_object_new (CA_TYPE_RDAP_BOOTSTRAP, NULL);
  services = json_node_get_array (services_node);
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonNode *service = json_array_get_element (services, i);

      if (JSON_NODE_HOLDS_ARRAY (service))
        add_service (self, json_node_get_array (service));
    }
  return g_steal_pointer (&self);
}

/**
 * ca_rdap_bootstrap_lookup:
 * @domain: an A-label name, such as "www.example.co.uk"
 *
 * Finds the RDAP service by the longest match compared label by label, so
 * that the entry "co" never matches "shop.eco".
 *
 * Returns: (transfer none) (nullable): the base URL, ending in "/", or %NULL
 */
const char *
ca_rdap_bootstrap_lookup (CaRdapBootstrap *self,
                          const char      *domain)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (CA_IS_RDAP_BOOTSTRAP (self), NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  lower = g_ascii_strdown (domain, -1);
  if (g_str_has_suffix (lower, "."))
    lower[strlen (lower) - 1] = '\0';

  /* Suffixes from the longest: the first one listed is the longest match. */
  for (const char *suffix = lower; suffix != NULL && *suffix != '\0';)
    {
      const char *url = g_hash_table_lookup (self->services, suffix);
      const char *dot = strchr (suffix, '.');

      if (url != NULL)
        return url;
      suffix = dot != NULL ? dot + 1 : NULL;
    }
  return NULL;
}

guint
ca_rdap_bootstrap_get_n_entries (CaRdapBootstrap *self)
{
  g_return_val_if_fail (CA_IS_RDAP_BOOTSTRAP (self), 0);

  return g_hash_table_size (self->services);
}
