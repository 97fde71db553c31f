/* ca-mail-host.c: one MX host of an approval domain and its addresses
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaMailHost"

#include "config.h"

#include <string.h>

#include "ca-dns-record.h"
#include "ca-mail-host.h"

struct _CaMailHost
{
  GObject           parent_instance;

  guint             preference;
  char             *host;
  CaMailHostStatus  status;
  char            **addresses;
  char             *canonical_name;
  char             *error;
};

G_DEFINE_FINAL_TYPE (CaMailHost, ca_mail_host, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PREFERENCE,
  PROP_HOST,
  PROP_STATUS,
  PROP_ADDRESSES,
  PROP_CANONICAL_NAME,
  PROP_IS_CNAME,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_mail_host_finalize (GObject *object)
{
  CaMailHost *self = (CaMailHost *) object;

  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->addresses, g_strfreev);
  g_clear_pointer (&self->canonical_name, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (ca_mail_host_parent_class)->finalize (object);
}

static void
ca_mail_host_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CaMailHost *self = CA_MAIL_HOST (object);

  switch (prop_id)
    {
    case PROP_PREFERENCE:
      g_value_set_uint (value, self->preference);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_ADDRESSES:
      g_value_set_boxed (value, self->addresses);
      break;
    case PROP_CANONICAL_NAME:
      g_value_set_string (value, self->canonical_name);
      break;
    case PROP_IS_CNAME:
      g_value_set_boolean (value, ca_mail_host_get_is_cname (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_mail_host_class_init (CaMailHostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_mail_host_finalize;
  object_class->get_property = ca_mail_host_get_property;

  properties[PROP_PREFERENCE] = g_param_spec_uint ("preference", NULL, NULL, 0, G_MAXUINT16, 0, flags);
  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, flags);
  /* A CaMailHostStatus. */
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, CA_MAIL_HOST_RESOLVING,
                                              CA_MAIL_HOST_LOOKUP_FAILED, CA_MAIL_HOST_RESOLVING, flags);
  properties[PROP_ADDRESSES] = g_param_spec_boxed ("addresses", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CANONICAL_NAME] = g_param_spec_string ("canonical-name", NULL, NULL, NULL, flags);
  properties[PROP_IS_CNAME] = g_param_spec_boolean ("is-cname", NULL, NULL, FALSE, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_mail_host_init (CaMailHost *self)
{
  self->addresses = g_new0 (char *, 1);
}

CaMailHost *
ca_mail_host_new (guint       preference,
                  const char *host)
{
  CaMailHost *self;

  g_return_val_if_fail (host != NULL, NULL);

  self = g_object_new (CA_TYPE_MAIL_HOST, NULL);
  self->preference = preference;
  self->host = ca_dns_name_normalize (host);
  return self;
}

guint
ca_mail_host_get_preference (CaMailHost *self)
{
  g_return_val_if_fail (CA_IS_MAIL_HOST (self), 0);
  return self->preference;
}

const char *
ca_mail_host_get_host (CaMailHost *self)
{
  g_return_val_if_fail (CA_IS_MAIL_HOST (self), NULL);
  return self->host;
}

CaMailHostStatus
ca_mail_host_get_status (CaMailHost *self)
{
  g_return_val_if_fail (CA_IS_MAIL_HOST (self), CA_MAIL_HOST_RESOLVING);
  return self->status;
}

/* IPv4 addresses first, then IPv6, each as the server gave them. */
const char * const *
ca_mail_host_get_addresses (CaMailHost *self)
{
  g_return_val_if_fail (CA_IS_MAIL_HOST (self), NULL);
  return (const char * const *) self->addresses;
}

/* The name the host's address records really sit at, %NULL until known. */
const char *
ca_mail_host_get_canonical_name (CaMailHost *self)
{
  g_return_val_if_fail (CA_IS_MAIL_HOST (self), NULL);
  return self->canonical_name;
}

/* RFC 2181 §10.3: an MX must not name an alias. */
gboolean
ca_mail_host_get_is_cname (CaMailHost *self)
{
  g_return_val_if_fail (CA_IS_MAIL_HOST (self), FALSE);
  return self->canonical_name != NULL && !ca_dns_name_equal (self->canonical_name, self->host);
}

const char *
ca_mail_host_get_error (CaMailHost *self)
{
  g_return_val_if_fail (CA_IS_MAIL_HOST (self), NULL);
  return self->error;
}

void
ca_mail_host_set_result (CaMailHost         *self,
                         CaMailHostStatus    status,
                         const char * const *addresses,
                         const char         *canonical_name,
                         const char         *error)
{
  g_return_if_fail (CA_IS_MAIL_HOST (self));

  g_object_freeze_notify (G_OBJECT (self));
  g_strfreev (self->addresses);
  self->addresses = addresses != NULL ? g_strdupv ((char **) addresses) : g_new0 (char *, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESSES]);
  g_free (self->canonical_name);
  self->canonical_name = canonical_name != NULL ? ca_dns_name_normalize (canonical_name) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANONICAL_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_CNAME]);
  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
ca_mail_host_status_to_string (CaMailHostStatus status)
{
  switch (status)
    {
    case CA_MAIL_HOST_RESOLVED:
      return "resolved";
    case CA_MAIL_HOST_UNRESOLVABLE:
      return "unresolvable";
    case CA_MAIL_HOST_LOOKUP_FAILED:
      return "lookup_failed";
    case CA_MAIL_HOST_RESOLVING:
    default:
      return "resolving";
    }
}

/* Contract order: preference, then host name. */
int
ca_mail_host_compare (CaMailHost *a,
                      CaMailHost *b)
{
  if (a->preference != b->preference)
    return a->preference < b->preference ? -1 : 1;
  return strcmp (a->host, b->host);
}
