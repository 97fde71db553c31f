/* ca-route53-client.c: Amazon Route 53's REST-XML API, the few calls publishing needs
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRoute53Client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-aws-client.h"
#include "ca-error.h"
#include "ca-route53-client.h"
#include "ca-xml.h"

#define API_PREFIX "/2013-04-01"
#define XML_NAMESPACE "https://route53.amazonaws.com/doc/2013-04-01/"
/* ListHostedZonesByName's largest page. */
#define DEFAULT_PAGE_SIZE 100
/* A listing that keeps handing out next markers must not keep us forever: an account
 * holds 500 hosted zones unless raised, and a name is rarely hosted more than twice. */
#define MAX_PAGES 100
#define RECORD_TTL 300
/* Route 53's own limit on a resource id ("Z…", "C…") is 32 characters. */
#define MAX_ID_LENGTH 32

struct _CaRoute53Client
{
  GObject      parent_instance;

  CaAwsClient *aws;
  guint        page_size;
};

G_DEFINE_FINAL_TYPE (CaRoute53Client, ca_route53_client, G_TYPE_OBJECT)

static void
ca_route53_client_finalize (GObject *object)
{
  CaRoute53Client *self = (CaRoute53Client *) object;

  g_clear_object (&self->aws);

  G_OBJECT_CLASS (ca_route53_client_parent_class)->finalize (object);
}

static void
ca_route53_client_class_init (CaRoute53ClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_route53_client_finalize;
}

static void
ca_route53_client_init (CaRoute53Client *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
}

void
ca_route53_zone_free (CaRoute53Zone *zone)
{
  if (zone == NULL)
    return;
  g_free (zone->id);
  g_free (zone->name);
  g_strfreev (zone->name_servers);
  g_free (zone);
}

/*
 * Reading answers
 */

/* Lower case, without the final dot: how CertAssist writes every DNS name. */
static char *
normalize_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  gsize len = strlen (lower);

  if (len > 0 && lower[len - 1] == '.')
    lower[len - 1] = '\0';
  return g_steal_pointer (&lower);
}

/* "/hostedzone/Z1D633PJN98FT9" → "Z1D633PJN98FT9" */
static char *
bare_id (const char *id)
{
  const char *slash = id != NULL ? strrchr (id, '/') : NULL;

  return g_strdup (slash != NULL ? slash + 1 : id);
}

/* Ids go into request paths: only the letters and digits Route 53 uses. */
static gboolean
is_valid_id (const char *id)
{
  gsize len = id != NULL ? strlen (id) : 0;

  return len > 0 && len <= MAX_ID_LENGTH && strspn (id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == len;
}

static GError *
new_unreadable_error (const char *operation)
{
  /* Translators: %s is a Route 53 operation, such as ListHostedZonesByName */
  return g_error_new (CA_ERROR, CA_ERROR_MALFORMED_RESPONSE, _("Route 53 sent an answer to %s that could not be read."),
                      operation);
}

/* Returns: (nullable): the answer's root when it is @root_name */
static CaXmlNode *
parse_answer (GBytes     *body,
              const char *root_name)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  CaXmlNode *root = ca_xml_parse (data != NULL ? data : "", len, NULL);

  if (root != NULL && g_strcmp0 (ca_xml_node_get_name (root), root_name) != 0)
    g_clear_pointer (&root, ca_xml_node_free);
  return root;
}

/* Returns: (nullable): a zone from a `HostedZone` element, NULL without its id or name */
static CaRoute53Zone *
read_zone (CaXmlNode *element)
{
  const char *id = ca_xml_node_find_text (element, "Id");
  const char *name = ca_xml_node_find_text (element, "Name");
  CaRoute53Zone *zone;

  if (id == NULL || name == NULL)
    return NULL;
  zone = g_new0 (CaRoute53Zone, 1);
  zone->id = bare_id (id);
  zone->name = normalize_name (name);
  zone->private_zone = g_strcmp0 (ca_xml_node_find_text (element, "Config/PrivateZone"), "true") == 0;
  if (!is_valid_id (zone->id))
    g_clear_pointer (&zone, ca_route53_zone_free);
  return zone;
}

/*
 * ListHostedZonesByName
 */

typedef struct
{
  char       *name;
  GPtrArray  *zones;
  GHashTable *seen_markers;  /* "NextDNSName NextHostedZoneId" already asked for */
  char       *next_name;
  char       *next_id;
  guint       pages;
} FindData;

static void
find_data_free (FindData *data)
{
  g_free (data->name);
  g_ptr_array_unref (data->zones);
  g_hash_table_unref (data->seen_markers);
  g_free (data->next_name);
  g_free (data->next_id);
  g_free (data);
}

static void request_page (GTask *task);

/* Zones come sorted by their reversed labels, then by id: the zones named @name come
 * first from dnsname=@name on, and the first other name ends them.
 * Returns: whether the listing may hold more zones of the name */
static gboolean
collect_page (FindData  *data,
              CaXmlNode *root)
{
  g_autoptr (GPtrArray) elements = ca_xml_node_find_all (root, "HostedZones/HostedZone");

  for (guint i = 0; i < elements->len; i++)
    {
      CaRoute53Zone *zone = read_zone (g_ptr_array_index (elements, i));

      if (zone == NULL)
        continue;
      if (g_strcmp0 (zone->name, data->name) != 0)
        {
          ca_route53_zone_free (zone);
          return FALSE;
        }
      g_ptr_array_add (data->zones, zone);
    }
  return g_strcmp0 (ca_xml_node_find_text (root, "IsTruncated"), "true") == 0;
}

/* Returns: FALSE when the markers are missing or were already asked for (a loop) */
static gboolean
take_next_markers (FindData  *data,
                   CaXmlNode *root)
{
  const char *next_name = ca_xml_node_find_text (root, "NextDNSName");
  const char *next_id = ca_xml_node_find_text (root, "NextHostedZoneId");
  char *marker;

  if (next_name == NULL || *next_name == '\0' || !is_valid_id (next_id) || strlen (next_name) > 1024)
    return FALSE;
  marker = g_strconcat (next_name, " ", next_id, NULL);
  if (!g_hash_table_add (data->seen_markers, marker))
    return FALSE;
  g_free (data->next_name);
  data->next_name = g_strdup (next_name);
  g_free (data->next_id);
  data->next_id = g_strdup (next_id);
  return TRUE;
}

/* The next page starts at NextDNSName: another name there ends the matches. */
static gboolean
next_page_may_match (FindData  *data,
                     CaXmlNode *root)
{
  const char *next_name = ca_xml_node_find_text (root, "NextDNSName");
  g_autofree char *normalized = next_name != NULL ? normalize_name (next_name) : NULL;

  return normalized == NULL || strcmp (normalized, data->name) == 0;
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  FindData *data = g_task_get_task_data (task);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (CaXmlNode) root = NULL;
  GError *error = NULL;

  body = ca_aws_client_call_rest_finish (CA_AWS_CLIENT (object), result, NULL, NULL, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  root = parse_answer (body, "ListHostedZonesByNameResponse");
  if (root == NULL)
    {
      g_task_return_error (task, new_unreadable_error ("ListHostedZonesByName"));
      return;
    }
  if (!collect_page (data, root) || !next_page_may_match (data, root))
    {
      g_task_return_pointer (task, g_ptr_array_ref (data->zones), (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  if (!take_next_markers (data, root) || ++data->pages >= MAX_PAGES)
    {
      g_debug ("ListHostedZonesByName for %s: no new next marker after page %u", data->name, data->pages);
      g_task_return_error (task, new_unreadable_error ("ListHostedZonesByName"));
      return;
    }
  request_page (g_steal_pointer (&task));
}

/* Takes the reference of @task. */
static void
request_page (GTask *task)
{
  CaRoute53Client *self = g_task_get_source_object (task);
  FindData *data = g_task_get_task_data (task);
  g_autofree char *name = g_uri_escape_string (data->next_name != NULL ? data->next_name : data->name, NULL, FALSE);
  g_autofree char *path = NULL;

  if (data->next_id != NULL)
    path = g_strdup_printf (API_PREFIX "/hostedzonesbyname?dnsname=%s&hostedzoneid=%s&maxitems=%u", name,
                            data->next_id, self->page_size);
  else
    path = g_strdup_printf (API_PREFIX "/hostedzonesbyname?dnsname=%s&maxitems=%u", name, self->page_size);
  ca_aws_client_call_rest_async (self->aws, "ListHostedZonesByName", "GET", path, NULL,
                                 g_task_get_cancellable (task), page_cb, task);
}

/*
 * GetHostedZone
 */

static void
get_zone_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (CaXmlNode) root = NULL;
  g_autoptr (GPtrArray) servers = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *type = NULL;
  CaRoute53Zone *zone;
  GError *error = NULL;

  body = ca_aws_client_call_rest_finish (CA_AWS_CLIENT (object), result, &type, NULL, &error);
  if (body == NULL && g_strcmp0 (type, "NoSuchHostedZone") == 0)
    {
      g_error_free (error);
      /* Translators: %s is a hosted zone id, such as Z1D633PJN98FT9 */
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_INVALID_INPUT,
                               _("This AWS account has no hosted zone with the id %s in Route 53."),
                               (const char *) g_task_get_task_data (task));
      return;
    }
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  root = parse_answer (body, "GetHostedZoneResponse");
  zone = root != NULL ? read_zone (ca_xml_node_find (root, "HostedZone")) : NULL;
  if (zone == NULL)
    {
      g_task_return_error (task, new_unreadable_error ("GetHostedZone"));
      return;
    }
  servers = ca_xml_node_find_all (root, "DelegationSet/NameServers/NameServer");
  for (guint i = 0; i < servers->len; i++)
    {
      g_autofree char *server = normalize_name (ca_xml_node_get_text (g_ptr_array_index (servers, i)));

      if (*server != '\0')
        g_strv_builder_add (builder, server);
    }
  zone->name_servers = g_strv_builder_end (builder);
  g_task_return_pointer (task, zone, (GDestroyNotify) ca_route53_zone_free);
}

/*
 * ChangeResourceRecordSets
 */

/* Each value escaped, the elements in the model's order (ChangeBatch: Comment,
 * Changes; ResourceRecordSet: Name, Type, TTL, ResourceRecords). */
static char *
build_change_batch (const char * const *names,
                    const char * const *values)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<ChangeResourceRecordSetsRequest xmlns=\"" XML_NAMESPACE "\">"
                               "<ChangeBatch><Comment>CertAssist: ACM DNS validation</Comment><Changes>");

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_markup_escape_text (names[i], -1);
      g_autofree char *value = g_markup_escape_text (values[i], -1);

      g_string_append_printf (xml,
                              "<Change><Action>UPSERT</Action><ResourceRecordSet>"
                              "<Name>%s</Name><Type>CNAME</Type><TTL>%d</TTL>"
                              "<ResourceRecords><ResourceRecord><Value>%s</Value></ResourceRecord></ResourceRecords>"
                              "</ResourceRecordSet></Change>",
                              name, RECORD_TTL, value);
    }
  g_string_append (xml, "</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>");
  return g_string_free (xml, FALSE);
}

/* Returns: (nullable): the bare change id of a `ChangeInfo` answer */
static char *
read_change_id (GBytes     *body,
                const char *root_name,
                char      **status)
{
  g_autoptr (CaXmlNode) root = parse_answer (body, root_name);
  const char *id = root != NULL ? ca_xml_node_find_text (root, "ChangeInfo/Id") : NULL;
  g_autofree char *bare = bare_id (id);

  if (!is_valid_id (bare))
    return NULL;
  *status = g_strdup (ca_xml_node_find_text (root, "ChangeInfo/Status"));
  return g_steal_pointer (&bare);
}

/* InvalidChangeBatch lists what is wrong as "[m1, m2]": said in a sentence instead. */
static GError *
explain_refused_batch (const char *zone_id,
                       const char *message)
{
  g_autofree char *list = g_strstrip (g_strdup (message != NULL ? message : ""));
  gsize len = strlen (list);

  if (len >= 2 && list[0] == '[' && list[len - 1] == ']')
    {
      list[len - 1] = '\0';
      memmove (list, list + 1, len - 1);
    }
  /* Translators: a Route 53 hosted zone id, then Route 53's own reasons (in English) */
  return g_error_new (CA_ERROR, CA_ERROR_AWS,
                      _("Route 53 refused to change the records of the hosted zone %s, and changed none of them. Its reasons: %s"),
                      zone_id, list);
}

static void
upsert_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *status = NULL;
  g_autofree char *type = NULL;
  g_autofree char *message = NULL;
  char *change_id;
  GError *error = NULL;

  body = ca_aws_client_call_rest_finish (CA_AWS_CLIENT (object), result, &type, &message, &error);
  if (body == NULL && g_strcmp0 (type, "InvalidChangeBatch") == 0)
    {
      g_error_free (error);
      g_task_return_error (task, explain_refused_batch (g_task_get_task_data (task), message));
      return;
    }
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  change_id = read_change_id (body, "ChangeResourceRecordSetsResponse", &status);
  if (change_id == NULL)
    {
      g_task_return_error (task, new_unreadable_error ("ChangeResourceRecordSets"));
      return;
    }
  g_task_return_pointer (task, change_id, g_free);
}

/*
 * GetChange
 */

static void
get_change_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *change_id = NULL;
  g_autofree char *status = NULL;
  GError *error = NULL;

  body = ca_aws_client_call_rest_finish (CA_AWS_CLIENT (object), result, NULL, NULL, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  change_id = read_change_id (body, "GetChangeResponse", &status);
  if (change_id == NULL || (g_strcmp0 (status, "INSYNC") != 0 && g_strcmp0 (status, "PENDING") != 0))
    {
      g_task_return_error (task, new_unreadable_error ("GetChange"));
      return;
    }
  g_task_return_boolean (task, g_strcmp0 (status, "INSYNC") == 0);
}

/*
 * Public API
 */

/**
 * ca_route53_client_new:
 * @http: the one session all AWS calls share
 * @credentials: the credential chain, shared with the ACM client
 *
 * Route 53 is global: it signs for us-east-1 (cn-northwest-1 when the profile's
 * region is in China), whatever the region of the certificates.
 */
CaRoute53Client *
ca_route53_client_new (SoupSession            *http,
                       CaCredentialsProvider  *credentials,
                       GError                **error)
{
  g_autoptr (CaRoute53Client) self = NULL;
  const char *region = ca_credentials_provider_get_region (credentials);

  g_return_val_if_fail (SOUP_IS_SESSION (http), NULL);
  g_return_val_if_fail (CA_IS_CREDENTIALS_PROVIDER (credentials), NULL);

  self = g_object_new (CA_TYPE_ROUTE53_CLIENT, NULL);
  self->aws = ca_aws_client_new_rest (http, credentials, "route_53", "route53",
                                      region != NULL && g_str_has_prefix (region, "cn-") ? "cn-northwest-1" : "us-east-1",
                                      error);
  if (self->aws == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

const char *
ca_route53_client_get_endpoint (CaRoute53Client *self)
{
  g_return_val_if_fail (CA_IS_ROUTE53_CLIENT (self), NULL);
  return ca_aws_client_get_endpoint (self->aws);
}

/* Tests shorten the backoff; the default is the SDKs' one second. */
void
ca_route53_client_set_retry_base_ms (CaRoute53Client *self,
                                     guint            base_ms)
{
  g_return_if_fail (CA_IS_ROUTE53_CLIENT (self));
  ca_aws_client_set_retry_base_ms (self->aws, base_ms);
}

/* Tests make pages small to read a listing across pages; 1 to 100. */
void
ca_route53_client_set_page_size (CaRoute53Client *self,
                                 guint            page_size)
{
  g_return_if_fail (CA_IS_ROUTE53_CLIENT (self));
  self->page_size = CLAMP (page_size, 1, DEFAULT_PAGE_SIZE);
}

void
ca_route53_client_find_zones_async (CaRoute53Client     *self,
                                    const char          *name,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  FindData *data;

  g_return_if_fail (CA_IS_ROUTE53_CLIENT (self));
  g_return_if_fail (name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_route53_client_find_zones_async);
  data = g_new0 (FindData, 1);
  data->name = normalize_name (name);
  data->zones = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_route53_zone_free);
  data->seen_markers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);
  if (*data->name == '\0' || strlen (data->name) > 253)
    {
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_INVALID_INPUT, _("“%s” is not a DNS name."), name);
      return;
    }
  request_page (g_steal_pointer (&task));
}

/* Returns: (element-type CaRoute53Zone) (transfer container) */
GPtrArray *
ca_route53_client_find_zones_finish (CaRoute53Client  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
return_if_bad_id (GTask      *task,
                  const char *id)
{
  if (is_valid_id (id))
    return FALSE;
  /* Translators: %s is what was given as a Route 53 id, such as Z1D633PJN98FT9 */
  g_task_return_new_error (task, CA_ERROR, CA_ERROR_INVALID_INPUT,
                           _("“%s” is not a Route 53 id: it has only capital letters and digits, such as Z1D633PJN98FT9."),
                           id != NULL ? id : "");
  return TRUE;
}

void
ca_route53_client_get_zone_async (CaRoute53Client     *self,
                                  const char          *zone_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (CA_IS_ROUTE53_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_route53_client_get_zone_async);
  if (return_if_bad_id (task, zone_id))
    return;
  g_task_set_task_data (task, g_strdup (zone_id), g_free);
  path = g_strdup_printf (API_PREFIX "/hostedzone/%s", zone_id);
  ca_aws_client_call_rest_async (self->aws, "GetHostedZone", "GET", path, NULL, cancellable, get_zone_cb,
                                 g_steal_pointer (&task));
}

CaRoute53Zone *
ca_route53_client_get_zone_finish (CaRoute53Client  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ca_route53_client_upsert_cnames_async (CaRoute53Client     *self,
                                       const char          *zone_id,
                                       const char * const  *names,
                                       const char * const  *values,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GBytes) body = NULL;
  char *xml;

  g_return_if_fail (CA_IS_ROUTE53_CLIENT (self));
  g_return_if_fail (names != NULL && values != NULL && names[0] != NULL);
  g_return_if_fail (g_strv_length ((char **) names) == g_strv_length ((char **) values));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_route53_client_upsert_cnames_async);
  if (return_if_bad_id (task, zone_id))
    return;
  g_task_set_task_data (task, g_strdup (zone_id), g_free);
  path = g_strdup_printf (API_PREFIX "/hostedzone/%s/rrset/", zone_id);
  xml = build_change_batch (names, values);
  body = g_bytes_new_take (xml, strlen (xml));
  ca_aws_client_call_rest_async (self->aws, "ChangeResourceRecordSets", "POST", path, body, cancellable, upsert_cb,
                                 g_steal_pointer (&task));
}

/* Returns: (transfer full): the bare change id */
char *
ca_route53_client_upsert_cnames_finish (CaRoute53Client  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ca_route53_client_get_change_async (CaRoute53Client     *self,
                                    const char          *change_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (CA_IS_ROUTE53_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_route53_client_get_change_async);
  if (return_if_bad_id (task, change_id))
    return;
  path = g_strdup_printf (API_PREFIX "/change/%s", change_id);
  ca_aws_client_call_rest_async (self->aws, "GetChange", "GET", path, NULL, cancellable, get_change_cb,
                                 g_steal_pointer (&task));
}

gboolean
ca_route53_client_get_change_finish (CaRoute53Client  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
