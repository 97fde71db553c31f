/* ca-fake-route53.c: the fake ACM's Route 53 half, REST-XML on the same server
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Answers every request under /2013-04-01/ as Route 53 does, for the four calls publishing
 * needs (ListHostedZonesByName, GetHostedZone, ChangeResourceRecordSets, GetChange), with
 * the element names and order of botocore's model (data/route53/2013-04-01/service-2.json)
 * and Route 53's error shapes. It decides on its own, links none of the product's code and
 * checks signatures with botocore (service route53, region us-east-1), so a client that
 * the AWS CLI could talk to is what passes. Keys, clock, faults and counts are the fake
 * ACM's: one fake, one URL, as one account.
 */

#define G_LOG_DOMAIN "CaFakeRoute53"

#include "config.h"

#include <string.h>

#include "ca-fake-route53.h"
#include "ca-fake-sigv4.h"

#define XML_NAMESPACE "https://route53.amazonaws.com/doc/2013-04-01/"
#define SIGNING_REGION "us-east-1"
#define SIGNING_SERVICE "route53"
#define MAX_SKEW (5 * G_TIME_SPAN_MINUTE)
/* Route 53 refuses more than 1,000 records or 32,000 characters of values a request; a
 * body beyond this cap cannot be a batch it would take, and GMarkup never sees it. */
#define MAX_BODY_BYTES (128 * 1024)
#define MAX_XML_DEPTH 12
#define MAX_CHANGES 1000
#define MAX_RESOURCE_ID 32
#define MAX_DNS_NAME 1024
#define DEFAULT_MAX_ITEMS 100

typedef struct
{
  char      *name;    /* lower case, no final dot */
  char      *type;
  gint64     ttl;
  GPtrArray *values;  /* char *, as sent */
} FakeRecord;

typedef struct
{
  char      *id;                  /* bare: "Z1EXAMPLE" */
  char      *name;                /* lower case, no final dot */
  gboolean   private_zone;
  gboolean   undelegated;         /* the parent names other servers: its records are never seen */
  GStrv      name_servers;
  guint      insync_after_polls;
  GPtrArray *records;             /* FakeRecord, in creation order */
} FakeZone;

typedef struct
{
  char      *id;                  /* bare: "C…" */
  gint64     submitted_us;
  char      *comment;
  guint      polls;
  guint      insync_after_polls;
  gboolean   insync;
  GPtrArray *published;           /* name, value, name, value…: the CNAMEs to publish when INSYNC */
} FakeChange;

struct _CaFakeRoute53
{
  CaFakeAcm            *acm;
  GPtrArray            *zones;    /* FakeZone */
  GHashTable           *changes;  /* id → FakeChange */
  guint                 insync_after_polls;
  guint                 serial;
  CaFakeAcmPublishFunc  publish;
  gpointer              publish_data;
};

static const char * const record_types[] = {
  "SOA", "A", "TXT", "NS", "CNAME", "MX", "NAPTR", "PTR", "SRV", "SPF", "AAAA", "CAA", "DS", NULL
};

static void
fake_record_free (FakeRecord *record)
{
  g_free (record->name);
  g_free (record->type);
  g_ptr_array_unref (record->values);
  g_free (record);
}

static void
fake_zone_free (FakeZone *zone)
{
  g_free (zone->id);
  g_free (zone->name);
  g_strfreev (zone->name_servers);
  g_ptr_array_unref (zone->records);
  g_free (zone);
}

static void
fake_change_free (FakeChange *change)
{
  g_free (change->id);
  g_free (change->comment);
  g_ptr_array_unref (change->published);
  g_free (change);
}

CaFakeRoute53 *
ca_fake_route53_new (CaFakeAcm *acm)
{
  CaFakeRoute53 *self = g_new0 (CaFakeRoute53, 1);

  self->acm = acm;
  self->zones = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_zone_free);
  self->changes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) fake_change_free);
  self->insync_after_polls = 1;
  return self;
}

void
ca_fake_route53_free (CaFakeRoute53 *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->zones);
  g_hash_table_unref (self->changes);
  g_free (self);
}

/*
 * Names: the fake's own reading, not ca-domain.c's
 */

static char *
normalize_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  gsize length = strlen (lower);

  if (length > 0 && lower[length - 1] == '.')
    lower[length - 1] = '\0';
  return g_steal_pointer (&lower);
}

/* Route 53's words for a name it cannot take, or NULL. */
static char *
name_problem (const char *name)
{
  g_auto (GStrv) labels = NULL;

  if (*name == '\0')
    return g_strdup ("FATAL problem: DomainLabelEmpty (Domain label is empty) encountered with ''");
  if (strlen (name) > 253)
    return g_strdup_printf ("FATAL problem: DomainNameTooLong (Domain name is too long) encountered with '%s'", name);
  labels = g_strsplit (name, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      if (*labels[i] == '\0')
        return g_strdup_printf ("FATAL problem: DomainLabelEmpty (Domain label is empty) encountered with '%s'", name);
      if (strlen (labels[i]) > 63)
        return g_strdup_printf ("FATAL problem: DomainLabelTooLong (Domain label is too long) encountered with '%s'", name);
    }
  return NULL;
}

static gboolean
name_in_zone (const char *name,
              const char *zone)
{
  gsize ln = strlen (name), lz = strlen (zone);

  return strcmp (name, zone) == 0 || (ln > lz && name[ln - lz - 1] == '.' && strcmp (name + ln - lz, zone) == 0);
}

/* ListHostedZonesByName's order: labels reversed (com, example, sub), label by label. */
static int
compare_reversed_labels (const char *a,
                         const char *b)
{
  g_auto (GStrv) la = g_strsplit (a, ".", -1);
  g_auto (GStrv) lb = g_strsplit (b, ".", -1);
  int ia = (int) g_strv_length (la) - 1, ib = (int) g_strv_length (lb) - 1;

  for (; ia >= 0 && ib >= 0; ia--, ib--)
    {
      int cmp = strcmp (la[ia], lb[ib]);

      if (cmp != 0)
        return cmp;
    }
  return (ia >= 0) - (ib >= 0);
}

static int
compare_zones (gconstpointer a,
               gconstpointer b)
{
  const FakeZone *za = *(FakeZone * const *) a;
  const FakeZone *zb = *(FakeZone * const *) b;
  int cmp = compare_reversed_labels (za->name, zb->name);

  return cmp != 0 ? cmp : strcmp (za->id, zb->id);
}

static const char *
bare_id (const char *id,
         const char *prefix)
{
  return g_str_has_prefix (id, prefix) ? id + strlen (prefix) : id;
}

static FakeZone *
find_zone (CaFakeRoute53 *self,
           const char    *zone_id)
{
  for (guint i = 0; zone_id != NULL && i < self->zones->len; i++)
    {
      FakeZone *zone = g_ptr_array_index (self->zones, i);

      if (strcmp (zone->id, bare_id (zone_id, "/hostedzone/")) == 0)
        return zone;
    }
  return NULL;
}

static FakeRecord *
find_record (FakeZone   *zone,
             const char *name,
             const char *type)
{
  for (guint i = 0; i < zone->records->len; i++)
    {
      FakeRecord *record = g_ptr_array_index (zone->records, i);

      if (strcmp (record->name, name) == 0 && strcmp (record->type, type) == 0)
        return record;
    }
  return NULL;
}

/*
 * Answers
 */

static void
set_common_headers (CaFakeRoute53     *self,
                    SoupServerMessage *msg,
                    const char        *request_id)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (ca_fake_acm_now_us (self->acm) / G_USEC_PER_SEC);
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);

  soup_message_headers_replace (headers, "Date", date);
  soup_message_headers_replace (headers, "x-amzn-RequestId", request_id);
}

static void
respond_xml (CaFakeRoute53     *self,
             SoupServerMessage *msg,
             guint              status,
             GString           *body)
{
  g_autofree char *request_id = g_uuid_string_random ();

  set_common_headers (self, msg, request_id);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_COPY, body->str, body->len);
}

static void
append_element (GString    *xml,
                const char *element,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (xml, "<%s>%s</%s>", element, escaped, element);
}

static GString *
start_document (const char *root)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\"?>\n");

  g_string_append_printf (xml, "<%s xmlns=\"" XML_NAMESPACE "\">", root);
  return xml;
}

/* <ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>… */
static void
respond_error (CaFakeRoute53     *self,
               SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *message)
{
  g_autoptr (GString) xml = start_document ("ErrorResponse");
  g_autofree char *request_id = g_uuid_string_random ();

  g_string_append (xml, "<Error>");
  append_element (xml, "Type", status >= 500 ? "Receiver" : "Sender");
  append_element (xml, "Code", code);
  append_element (xml, "Message", message);
  g_string_append (xml, "</Error>");
  append_element (xml, "RequestId", request_id);
  g_string_append (xml, "</ErrorResponse>");
  set_common_headers (self, msg, request_id);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_COPY, xml->str, xml->len);
}

static void
append_hosted_zone (GString  *xml,
                    FakeZone *zone)
{
  g_autofree char *id = g_strconcat ("/hostedzone/", zone->id, NULL);
  g_autofree char *name = g_strconcat (zone->name, ".", NULL);
  g_autofree char *reference = g_strconcat ("certassist-fake-", zone->id, NULL);
  g_autofree char *count = g_strdup_printf ("%u", zone->records->len + 2);  /* with its SOA and NS */

  g_string_append (xml, "<HostedZone>");
  append_element (xml, "Id", id);
  append_element (xml, "Name", name);
  append_element (xml, "CallerReference", reference);
  g_string_append (xml, "<Config>");
  append_element (xml, "PrivateZone", zone->private_zone ? "true" : "false");
  g_string_append (xml, "</Config>");
  append_element (xml, "ResourceRecordSetCount", count);
  g_string_append (xml, "</HostedZone>");
}

static void
append_change_info (GString    *xml,
                    FakeChange *change)
{
  g_autoptr (GDateTime) submitted = g_date_time_new_from_unix_utc (change->submitted_us / G_USEC_PER_SEC);
  g_autofree char *day = g_date_time_format (submitted, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *at = g_strdup_printf ("%s.%03dZ", day, (int) (change->submitted_us % G_USEC_PER_SEC / 1000));
  g_autofree char *id = g_strconcat ("/change/", change->id, NULL);

  g_string_append (xml, "<ChangeInfo>");
  append_element (xml, "Id", id);
  append_element (xml, "Status", change->insync ? "INSYNC" : "PENDING");
  append_element (xml, "SubmittedAt", at);
  if (change->comment != NULL)
    append_element (xml, "Comment", change->comment);
  g_string_append (xml, "</ChangeInfo>");
}

/*
 * ListHostedZonesByName, GetHostedZone
 */

static gboolean
parse_max_items (const char *text,
                 guint      *max_items)
{
  guint64 value;

  if (text == NULL)
    {
      *max_items = DEFAULT_MAX_ITEMS;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &value, NULL))
    return FALSE;
  *max_items = (guint) MIN (value, DEFAULT_MAX_ITEMS);
  return TRUE;
}

/* The first zone at or after (@dns_name, @zone_id) in the listing's order. */
static guint
first_listed (GPtrArray  *sorted,
              const char *dns_name,
              const char *zone_id)
{
  guint i = 0;

  for (; dns_name != NULL && i < sorted->len; i++)
    {
      FakeZone *zone = g_ptr_array_index (sorted, i);
      int cmp = compare_reversed_labels (zone->name, dns_name);

      if (cmp > 0 || (cmp == 0 && (zone_id == NULL || strcmp (zone->id, zone_id) >= 0)))
        break;
    }
  return i;
}

static void
op_list_hosted_zones_by_name (CaFakeRoute53     *self,
                              SoupServerMessage *msg,
                              GHashTable        *query)
{
  const char *dns_name = query != NULL ? g_hash_table_lookup (query, "dnsname") : NULL;
  const char *zone_id = query != NULL ? g_hash_table_lookup (query, "hostedzoneid") : NULL;
  g_autoptr (GPtrArray) sorted = g_ptr_array_sized_new (self->zones->len);  /* borrows the zones */
  g_autoptr (GString) xml = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *max_text = NULL;
  guint max_items, start, end;

  if (!parse_max_items (query != NULL ? g_hash_table_lookup (query, "maxitems") : NULL, &max_items))
    {
      respond_error (self, msg, 400, "InvalidInput", "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must be a number from 1 to 100");
      return;
    }
  if ((dns_name != NULL && strlen (dns_name) > MAX_DNS_NAME) || (zone_id != NULL && strlen (zone_id) > MAX_RESOURCE_ID))
    {
      respond_error (self, msg, 400, "InvalidInput", "1 validation error detected: Value at 'dnsname' or 'hostedzoneid' failed to satisfy constraint: Member must have length less than or equal to the limit");
      return;
    }
  if (zone_id != NULL && dns_name == NULL)
    {
      respond_error (self, msg, 400, "InvalidInput", "The hostedzoneid parameter is only valid together with the dnsname parameter.");
      return;
    }
  if (dns_name != NULL)
    {
      wanted = normalize_name (dns_name);
      problem = name_problem (wanted);
      if (problem != NULL)
        {
          g_autofree char *message = g_strdup_printf ("%s is not a valid DNS name.", dns_name);

          respond_error (self, msg, 400, "InvalidDomainName", message);
          return;
        }
    }

  for (guint i = 0; i < self->zones->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (self->zones, i));
  g_ptr_array_sort (sorted, compare_zones);
  start = first_listed (sorted, wanted, zone_id);
  end = MIN (sorted->len, start + max_items);
  xml = start_document ("ListHostedZonesByNameResponse");
  g_string_append (xml, "<HostedZones>");
  for (guint i = start; i < end; i++)
    append_hosted_zone (xml, g_ptr_array_index (sorted, i));
  g_string_append (xml, "</HostedZones>");
  if (dns_name != NULL)
    append_element (xml, "DNSName", dns_name);
  if (zone_id != NULL)
    append_element (xml, "HostedZoneId", zone_id);
  append_element (xml, "IsTruncated", end < sorted->len ? "true" : "false");
  if (end < sorted->len)
    {
      FakeZone *next = g_ptr_array_index (sorted, end);
      g_autofree char *next_name = g_strconcat (next->name, ".", NULL);

      append_element (xml, "NextDNSName", next_name);
      append_element (xml, "NextHostedZoneId", next->id);
    }
  max_text = g_strdup_printf ("%u", max_items);
  append_element (xml, "MaxItems", max_text);
  g_string_append (xml, "</ListHostedZonesByNameResponse>");
  respond_xml (self, msg, SOUP_STATUS_OK, xml);
}

static void
respond_no_such_zone (CaFakeRoute53     *self,
                      SoupServerMessage *msg,
                      const char        *zone_id)
{
  g_autofree char *message = g_strdup_printf ("No hosted zone found with ID: %s", zone_id);

  respond_error (self, msg, 404, "NoSuchHostedZone", message);
}

/* A private zone answers with its VPCs and no delegation set, as Route 53 does. */
static void
op_get_hosted_zone (CaFakeRoute53     *self,
                    SoupServerMessage *msg,
                    const char        *zone_id)
{
  FakeZone *zone = find_zone (self, zone_id);
  g_autoptr (GString) xml = NULL;

  if (zone == NULL)
    {
      respond_no_such_zone (self, msg, zone_id);
      return;
    }
  xml = start_document ("GetHostedZoneResponse");
  append_hosted_zone (xml, zone);
  if (zone->private_zone)
    {
      g_autofree char *vpc = g_strdup_printf ("vpc-%08x", g_str_hash (zone->id));

      g_string_append (xml, "<VPCs><VPC>");
      append_element (xml, "VPCRegion", SIGNING_REGION);
      append_element (xml, "VPCId", vpc);
      g_string_append (xml, "</VPC></VPCs>");
    }
  else
    {
      g_string_append (xml, "<DelegationSet><NameServers>");
      for (guint i = 0; zone->name_servers[i] != NULL; i++)
        append_element (xml, "NameServer", zone->name_servers[i]);
      g_string_append (xml, "</NameServers></DelegationSet>");
    }
  g_string_append (xml, "</GetHostedZoneResponse>");
  respond_xml (self, msg, SOUP_STATUS_OK, xml);
}

/*
 * ChangeResourceRecordSets: the body, read with GMarkup in the model's order
 */

typedef struct
{
  char      *action;
  char      *name;
  char      *type;
  char      *ttl;
  GPtrArray *values;
  gboolean   has_rrset;
  gboolean   has_records;
  char      *unsupported;  /* the first element the fake does not model */
} ParsedChange;

typedef struct
{
  GPtrArray *stack;          /* element names, the root first */
  GArray    *positions;      /* per open element: its last child's place in the model, -1 if none */
  guint      skip_depth;     /* > 0: inside an element whose contents the fake does not read */
  GString   *text;
  gboolean   has_batch;
  gboolean   has_changes;
  char      *comment;
  GPtrArray *changes;        /* ParsedChange */
} ChangeRequest;

static void
parsed_change_free (ParsedChange *change)
{
  g_free (change->action);
  g_free (change->name);
  g_free (change->type);
  g_free (change->ttl);
  g_ptr_array_unref (change->values);
  g_free (change->unsupported);
  g_free (change);
}

static void
change_request_free (ChangeRequest *request)
{
  g_ptr_array_unref (request->stack);
  g_array_unref (request->positions);
  g_string_free (request->text, TRUE);
  g_free (request->comment);
  g_ptr_array_unref (request->changes);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChangeRequest, change_request_free)

/* Each element's children in the model's order; "repeated" lists take one child again and again. */
static const struct
{
  const char *parent;
  gboolean    repeated;
  const char *children[15];
} schema[] = {
  { "", FALSE, { "ChangeResourceRecordSetsRequest" } },
  { "ChangeResourceRecordSetsRequest", FALSE, { "ChangeBatch" } },
  { "ChangeBatch", FALSE, { "Comment", "Changes" } },
  { "Changes", TRUE, { "Change" } },
  { "Change", FALSE, { "Action", "ResourceRecordSet" } },
  { "ResourceRecordSet", FALSE, { "Name", "Type", "SetIdentifier", "Weight", "Region", "GeoLocation", "Failover",
                                  "MultiValueAnswer", "TTL", "ResourceRecords", "AliasTarget", "HealthCheckId",
                                  "TrafficPolicyInstanceId", "CidrRoutingConfig" } },
  { "ResourceRecords", TRUE, { "ResourceRecord" } },
  { "ResourceRecord", FALSE, { "Value" } },
};

/* Parts of a record set the fake keeps no model of: routing policies, aliases, traffic policies. */
static const char * const unsupported_elements[] = {
  "SetIdentifier", "Weight", "Region", "GeoLocation", "Failover", "MultiValueAnswer", "AliasTarget",
  "HealthCheckId", "TrafficPolicyInstanceId", "CidrRoutingConfig", NULL
};

static int
schema_index (const char *parent)
{
  for (guint i = 0; i < G_N_ELEMENTS (schema); i++)
    if (strcmp (schema[i].parent, parent) == 0)
      return (int) i;
  return -1;
}

static int
child_position (int         parent,
                const char *child)
{
  for (int i = 0; i < (int) G_N_ELEMENTS (schema[parent].children) && schema[parent].children[i] != NULL; i++)
    if (strcmp (schema[parent].children[i], child) == 0)
      return i;
  return -1;
}

static const char *
current_element (ChangeRequest *request)
{
  return request->stack->len > 0 ? g_ptr_array_index (request->stack, request->stack->len - 1) : "";
}

static ParsedChange *
current_change (ChangeRequest *request)
{
  return request->changes->len > 0 ? g_ptr_array_index (request->changes, request->changes->len - 1) : NULL;
}

static gboolean set_xml_error (GError     **error,
                               const char  *format,
                               ...) G_GNUC_PRINTF (2, 3);

static gboolean
set_xml_error (GError     **error,
               const char  *format,
               ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, message);
  return FALSE;
}

/* The root must be ours in Route 53's namespace; every other element must be where the model puts it. */
static gboolean
check_element_place (ChangeRequest  *request,
                     const char     *element,
                     const char    **attribute_names,
                     const char    **attribute_values,
                     GError        **error)
{
  int parent = schema_index (current_element (request));
  int position = parent >= 0 ? child_position (parent, element) : -1;
  int *last = request->positions->len > 0 ? &g_array_index (request->positions, int, request->positions->len - 1) : NULL;

  gboolean in_namespace = FALSE;

  for (guint i = 0; request->stack->len == 0 && attribute_names[i] != NULL; i++)
    if (strcmp (attribute_names[i], "xmlns") == 0 && strcmp (attribute_values[i], XML_NAMESPACE) == 0)
      in_namespace = TRUE;
  if (request->stack->len == 0 && !in_namespace)
    return set_xml_error (error, "Invalid XML ; cvc-elt.1.a: Cannot find the declaration of element '%s'.", element);
  if (position < 0 || last == NULL || position < *last || (position == *last && !schema[parent].repeated))
    return set_xml_error (error, "Invalid XML ; cvc-complex-type.2.4.a: Invalid content was found starting with element '%s'.", element);
  *last = position;
  return TRUE;
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  ChangeRequest *request = user_data;
  ParsedChange *change;
  int none = -1;

  if (request->skip_depth > 0)
    {
      request->skip_depth++;
      return;
    }
  if (request->stack->len >= MAX_XML_DEPTH)
    {
      set_xml_error (error, "Invalid XML ; the element '%s' is nested too deeply.", element);
      return;
    }
  if (!check_element_place (request, element, attribute_names, attribute_values, error))
    return;

  change = current_change (request);
  if (strcmp (element, "ChangeBatch") == 0)
    request->has_batch = TRUE;
  else if (strcmp (element, "Changes") == 0)
    request->has_changes = TRUE;
  else if (strcmp (element, "Change") == 0)
    {
      change = g_new0 (ParsedChange, 1);
      change->values = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (request->changes, change);
    }
  else if (strcmp (element, "ResourceRecordSet") == 0)
    change->has_rrset = TRUE;
  else if (strcmp (element, "ResourceRecords") == 0)
    change->has_records = TRUE;
  else if (g_strv_contains (unsupported_elements, element))
    {
      if (change->unsupported == NULL)
        change->unsupported = g_strdup (element);
      request->skip_depth = 1;
      return;
    }
  g_ptr_array_add (request->stack, g_strdup (element));
  g_array_append_val (request->positions, none);
  g_string_truncate (request->text, 0);
}

static void
take_text (ChangeRequest *request,
           const char    *element)
{
  ParsedChange *change = current_change (request);
  char **slot = NULL;

  if (strcmp (element, "Comment") == 0)
    slot = &request->comment;
  else if (change == NULL)
    return;
  else if (strcmp (element, "Action") == 0)
    slot = &change->action;
  else if (strcmp (element, "Name") == 0)
    slot = &change->name;
  else if (strcmp (element, "Type") == 0)
    slot = &change->type;
  else if (strcmp (element, "TTL") == 0)
    slot = &change->ttl;
  else if (strcmp (element, "Value") == 0)
    g_ptr_array_add (change->values, g_strdup (request->text->str));
  if (slot != NULL)
    {
      g_free (*slot);
      *slot = g_strdup (request->text->str);
    }
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element,
                gpointer              user_data,
                GError              **error)
{
  ChangeRequest *request = user_data;

  if (request->skip_depth > 0)
    {
      request->skip_depth--;
      return;
    }
  if (schema_index (element) < 0)
    take_text (request, element);
  g_ptr_array_remove_index (request->stack, request->stack->len - 1);
  g_array_remove_index (request->positions, request->positions->len - 1);
  g_string_truncate (request->text, 0);
}

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  ChangeRequest *request = user_data;

  if (request->skip_depth > 0)
    return;
  if (schema_index (current_element (request)) >= 0)
    {
      if (!is_blank (text, length))
        set_xml_error (error, "Invalid XML ; cvc-complex-type.2.3: Element '%s' cannot have character [children].", current_element (request));
      return;
    }
  g_string_append_len (request->text, text, length);
}

static ChangeRequest *
parse_change_request (GBytes  *body,
                      GError **error)
{
  static const GMarkupParser parser = { start_element_cb, end_element_cb, text_cb, NULL, NULL };
  g_autoptr (ChangeRequest) request = g_new0 (ChangeRequest, 1);
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (GError) markup_error = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  int none = -1;

  request->stack = g_ptr_array_new_with_free_func (g_free);
  request->positions = g_array_new (FALSE, FALSE, sizeof (int));
  request->text = g_string_new (NULL);
  request->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) parsed_change_free);
  g_array_append_val (request->positions, none);
  if (size > MAX_BODY_BYTES)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "The request body is too large.");
      return NULL;
    }
  context = g_markup_parse_context_new (&parser, 0, request, NULL);
  if (!g_markup_parse_context_parse (context, data != NULL ? data : "", size, &markup_error) ||
      !g_markup_parse_context_end_parse (context, &markup_error))
    {
      /* Our own checks word themselves as Route 53 does; GMarkup's get its prefix. */
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "%s%s",
                   g_str_has_prefix (markup_error->message, "Invalid XML") ? "" : "Invalid XML ; ", markup_error->message);
      return NULL;
    }
  if (request->changes->len > MAX_CHANGES)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "Invalid XML ; too many Change elements.");
      return NULL;
    }
  return g_steal_pointer (&request);
}

/* AWS's "N validation errors detected: …; …" for what the model requires. */
static void
check_required (ChangeRequest *request,
                GPtrArray     *problems)
{
  if (!request->has_batch)
    g_ptr_array_add (problems, g_strdup ("Value null at 'changeBatch' failed to satisfy constraint: Member must not be null"));
  else if (!request->has_changes)
    g_ptr_array_add (problems, g_strdup ("Value null at 'changeBatch.changes' failed to satisfy constraint: Member must not be null"));
  else if (request->changes->len == 0)
    g_ptr_array_add (problems, g_strdup ("Value '[]' at 'changeBatch.changes' failed to satisfy constraint: Member must have length greater than or equal to 1"));
  for (guint i = 0; i < request->changes->len; i++)
    {
      ParsedChange *change = g_ptr_array_index (request->changes, i);
      guint n = i + 1;

      if (change->action == NULL)
        g_ptr_array_add (problems, g_strdup_printf ("Value null at 'changeBatch.changes.%u.member.action' failed to satisfy constraint: Member must not be null", n));
      else if (strcmp (change->action, "CREATE") != 0 && strcmp (change->action, "DELETE") != 0 && strcmp (change->action, "UPSERT") != 0)
        g_ptr_array_add (problems, g_strdup_printf ("Value '%s' at 'changeBatch.changes.%u.member.action' failed to satisfy constraint: Member must satisfy enum value set: [CREATE, DELETE, UPSERT]", change->action, n));
      if (!change->has_rrset)
        g_ptr_array_add (problems, g_strdup_printf ("Value null at 'changeBatch.changes.%u.member.resourceRecordSet' failed to satisfy constraint: Member must not be null", n));
      else if (change->name == NULL)
        g_ptr_array_add (problems, g_strdup_printf ("Value null at 'changeBatch.changes.%u.member.resourceRecordSet.name' failed to satisfy constraint: Member must not be null", n));
      if (change->has_rrset && change->type == NULL)
        g_ptr_array_add (problems, g_strdup_printf ("Value null at 'changeBatch.changes.%u.member.resourceRecordSet.type' failed to satisfy constraint: Member must not be null", n));
      else if (change->type != NULL && !g_strv_contains (record_types, change->type))
        g_ptr_array_add (problems, g_strdup_printf ("Value '%s' at 'changeBatch.changes.%u.member.resourceRecordSet.type' failed to satisfy constraint: Member must satisfy enum value set: [SOA, A, TXT, NS, CNAME, MX, NAPTR, PTR, SRV, SPF, AAAA, CAA, DS]", change->type, n));
      if (change->ttl != NULL && !g_ascii_string_to_signed (change->ttl, 10, 0, G_MAXINT32, NULL, NULL))
        g_ptr_array_add (problems, g_strdup_printf ("Value '%s' at 'changeBatch.changes.%u.member.resourceRecordSet.tTL' failed to satisfy constraint: Member must be a number from 0 to 2147483647", change->ttl, n));
    }
}

/* InvalidInput's message for a body the model takes but Route 53 does not, or NULL. */
static char *
find_input_problem (ChangeRequest *request)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  check_required (request, problems);
  if (problems->len > 0)
    {
      g_ptr_array_add (problems, NULL);
      joined = g_strjoinv ("; ", (char **) problems->pdata);
      return g_strdup_printf ("%u validation error%s detected: %s", problems->len - 1, problems->len > 2 ? "s" : "", joined);
    }
  for (guint i = 0; i < request->changes->len; i++)
    {
      ParsedChange *change = g_ptr_array_index (request->changes, i);

      if (change->unsupported != NULL)
        return g_strdup_printf ("The fake Route 53 keeps simple records only; it does not model %s.", change->unsupported);
      if (change->ttl == NULL || !change->has_records || change->values->len == 0)
        return g_strdup_printf ("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=%s, Name=%s, Type=%s, SetIdentifier=null]",
                                change->action, change->name, change->type);
    }
  return NULL;
}

static gboolean
same_values (FakeRecord   *record,
             ParsedChange *change)
{
  if (record->values->len != change->values->len ||
      record->ttl != g_ascii_strtoll (change->ttl, NULL, 10))
    return FALSE;
  for (guint i = 0; i < record->values->len; i++)
    if (strcmp (g_ptr_array_index (record->values, i), g_ptr_array_index (change->values, i)) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
deleted_in_batch (ChangeRequest *request,
                  const char    *name,
                  const char    *type)
{
  for (guint i = 0; i < request->changes->len; i++)
    {
      ParsedChange *change = g_ptr_array_index (request->changes, i);
      g_autofree char *change_name = normalize_name (change->name);

      if (strcmp (change->action, "DELETE") == 0 && strcmp (change_name, name) == 0 && strcmp (change->type, type) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A CNAME stands alone at its name: no other type beside it, unless this batch deletes that. */
static gboolean
conflicts_at_name (FakeZone      *zone,
                   ChangeRequest *request,
                   const char    *name,
                   const char    *type)
{
  for (guint i = 0; i < zone->records->len; i++)
    {
      FakeRecord *record = g_ptr_array_index (zone->records, i);

      if (strcmp (record->name, name) == 0 && strcmp (record->type, type) != 0 &&
          (strcmp (type, "CNAME") == 0 || strcmp (record->type, "CNAME") == 0) &&
          !deleted_in_batch (request, record->name, record->type))
        return TRUE;
    }
  return FALSE;
}

static gboolean
touched_before (ChangeRequest *request,
                guint          index,
                const char    *name,
                const char    *type)
{
  for (guint i = 0; i < index; i++)
    {
      ParsedChange *change = g_ptr_array_index (request->changes, i);
      g_autofree char *change_name = normalize_name (change->name);

      if (strcmp (change_name, name) == 0 && strcmp (change->type, type) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
find_change_problem (FakeZone      *zone,
                     ChangeRequest *request,
                     guint          index)
{
  ParsedChange *change = g_ptr_array_index (request->changes, index);
  g_autofree char *name = normalize_name (change->name);
  g_autofree char *problem = name_problem (name);
  FakeRecord *existing;

  if (problem != NULL)
    return g_steal_pointer (&problem);
  if (!name_in_zone (name, zone->name))
    return g_strdup_printf ("RRSet with DNS name %s. is not permitted in zone %s.", name, zone->name);
  if (touched_before (request, index, name, change->type))
    return g_strdup_printf ("The request contains an invalid set of changes for a resource record set '%s %s.'", change->type, name);
  existing = find_record (zone, name, change->type);
  if (strcmp (change->action, "DELETE") == 0)
    {
      if (existing == NULL)
        return g_strdup_printf ("Tried to delete resource record set [name='%s.', type='%s'] but it was not found", name, change->type);
      if (!same_values (existing, change))
        return g_strdup_printf ("Tried to delete resource record set [name='%s.', type='%s'] but the values provided do not match the current values", name, change->type);
      return NULL;
    }
  if (strcmp (change->action, "CREATE") == 0 && existing != NULL)
    return g_strdup_printf ("Tried to create resource record set [name='%s.', type='%s'] but it already exists", name, change->type);
  if (strcmp (change->type, "CNAME") == 0 && strcmp (name, zone->name) == 0)
    return g_strdup_printf ("RRSet of type CNAME with DNS name %s. is not permitted at apex in zone %s.", name, zone->name);
  if (strcmp (change->type, "CNAME") == 0 && change->values->len > 1)
    return g_strdup_printf ("RRSet of type CNAME with DNS name %s. has more than one value; a CNAME takes exactly one.", name);
  if (conflicts_at_name (zone, request, name, change->type))
    return g_strdup_printf ("RRSet of type %s with DNS name %s. is not permitted as it conflicts with other records with the same DNS name in zone %s.", change->type, name, zone->name);
  return NULL;
}

/* InvalidChangeBatch's "[m1, m2]": every change is checked against the zone before any applies. */
static char *
find_batch_problems (FakeZone      *zone,
                     ChangeRequest *request)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; i < request->changes->len; i++)
    {
      char *problem = find_change_problem (zone, request, i);

      if (problem != NULL)
        g_ptr_array_add (problems, problem);
    }
  if (problems->len == 0)
    return NULL;
  g_ptr_array_add (problems, NULL);
  joined = g_strjoinv (", ", (char **) problems->pdata);
  return g_strdup_printf ("[%s]", joined);
}

static void
apply_change (FakeZone     *zone,
              ParsedChange *change,
              FakeChange   *record_of_change)
{
  g_autofree char *name = normalize_name (change->name);
  FakeRecord *existing = find_record (zone, name, change->type);
  FakeRecord *record;

  if (existing != NULL)
    g_ptr_array_remove (zone->records, existing);
  if (strcmp (change->action, "DELETE") == 0)
    return;
  record = g_new0 (FakeRecord, 1);
  record->name = g_strdup (name);
  record->type = g_strdup (change->type);
  record->ttl = g_ascii_strtoll (change->ttl, NULL, 10);
  record->values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < change->values->len; i++)
    g_ptr_array_add (record->values, g_strdup (g_ptr_array_index (change->values, i)));
  g_ptr_array_add (zone->records, record);
  /* A private zone's records are never seen from outside its VPCs, nor an undelegated zone's. */
  if (!zone->private_zone && !zone->undelegated && strcmp (record->type, "CNAME") == 0)
    {
      g_ptr_array_add (record_of_change->published, g_strdup (name));
      g_ptr_array_add (record_of_change->published, g_strdup (g_ptr_array_index (change->values, 0)));
    }
}

/* What /_fake/stats and ca_fake_acm_get_last_input() show of the request. */
static JsonObject *
describe_request (const char    *zone_id,
                  ChangeRequest *request)
{
  JsonObject *input = json_object_new ();
  JsonArray *changes = json_array_new ();

  json_object_set_string_member (input, "HostedZoneId", zone_id);
  if (request->comment != NULL)
    json_object_set_string_member (input, "Comment", request->comment);
  for (guint i = 0; i < request->changes->len; i++)
    {
      ParsedChange *change = g_ptr_array_index (request->changes, i);
      JsonObject *object = json_object_new ();
      JsonArray *values = json_array_new ();

      json_object_set_string_member (object, "Action", change->action);
      json_object_set_string_member (object, "Name", change->name);
      json_object_set_string_member (object, "Type", change->type);
      if (change->ttl != NULL)
        json_object_set_int_member (object, "TTL", g_ascii_strtoll (change->ttl, NULL, 10));
      for (guint j = 0; j < change->values->len; j++)
        json_array_add_string_element (values, g_ptr_array_index (change->values, j));
      json_object_set_array_member (object, "Values", values);
      json_array_add_object_element (changes, object);
    }
  json_object_set_array_member (input, "Changes", changes);
  return input;
}

static char *
new_change_id (CaFakeRoute53 *self)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  GString *id = g_string_new ("C");

  g_string_append_printf (id, "%04u", ++self->serial);
  for (guint i = 0; i < 9; i++)
    g_string_append_c (id, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);
  return g_string_free (id, FALSE);
}

/* Faults that only ChangeResourceRecordSets raises; the batch names a record of the request. */
static gboolean
answer_change_fault (CaFakeRoute53     *self,
                     SoupServerMessage *msg,
                     FakeZone          *zone,
                     ChangeRequest     *request)
{
  if (ca_fake_acm_take_fault (self->acm, CA_FAKE_ACM_FAULT_ROUTE53_PRIOR_REQUEST))
    {
      respond_error (self, msg, 400, "PriorRequestNotComplete", "The request was rejected because Route 53 was still processing a prior request.");
      return TRUE;
    }
  if (ca_fake_acm_take_fault (self->acm, CA_FAKE_ACM_FAULT_ROUTE53_INVALID_BATCH))
    {
      ParsedChange *first = g_ptr_array_index (request->changes, 0);
      g_autofree char *name = normalize_name (first->name);
      g_autofree char *message = g_strdup_printf (
        "[Tried to create resource record set [name='%s.', type='%s'] but it already exists, "
        "RRSet of type %s with DNS name %s. is not permitted as it conflicts with other records with the same DNS name in zone %s.]",
        name, first->type, first->type, name, zone->name);

      respond_error (self, msg, 400, "InvalidChangeBatch", message);
      return TRUE;
    }
  return FALSE;
}

static void
op_change_resource_record_sets (CaFakeRoute53     *self,
                                SoupServerMessage *msg,
                                const char        *zone_id,
                                GBytes            *body)
{
  FakeZone *zone = find_zone (self, zone_id);
  g_autoptr (ChangeRequest) request = NULL;
  g_autoptr (GString) xml = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL;
  FakeChange *change;

  if (zone == NULL)
    {
      respond_no_such_zone (self, msg, zone_id);
      return;
    }
  request = parse_change_request (body, &error);
  if (request == NULL)
    {
      respond_error (self, msg, 400, "InvalidInput", error->message);
      return;
    }
  problem = find_input_problem (request);
  if (problem != NULL)
    {
      respond_error (self, msg, 400, "InvalidInput", problem);
      return;
    }
  ca_fake_acm_set_last_input (self->acm, "ChangeResourceRecordSets", describe_request (zone->id, request));
  if (answer_change_fault (self, msg, zone, request))
    return;
  problem = find_batch_problems (zone, request);
  if (problem != NULL)
    {
      respond_error (self, msg, 400, "InvalidChangeBatch", problem);
      return;
    }

  change = g_new0 (FakeChange, 1);
  change->id = new_change_id (self);
  change->submitted_us = ca_fake_acm_now_us (self->acm);
  change->comment = g_strdup (request->comment);
  change->insync_after_polls = zone->insync_after_polls;
  change->published = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < request->changes->len; i++)
    apply_change (zone, g_ptr_array_index (request->changes, i), change);
  g_hash_table_insert (self->changes, change->id, change);

  xml = start_document ("ChangeResourceRecordSetsResponse");
  append_change_info (xml, change);
  g_string_append (xml, "</ChangeResourceRecordSetsResponse>");
  respond_xml (self, msg, SOUP_STATUS_OK, xml);
}

/*
 * GetChange
 */

/* INSYNC from the change's n-th GetChange on (n = its zone's InsyncAfterPolls, at least 1;
 * G_MAXUINT: never); its CNAMEs are published first, so a client that sees INSYNC finds them. */
static void
op_get_change (CaFakeRoute53     *self,
               SoupServerMessage *msg,
               const char        *change_id)
{
  FakeChange *change = g_hash_table_lookup (self->changes, bare_id (change_id, "/change/"));
  g_autoptr (GString) xml = NULL;

  if (change == NULL)
    {
      g_autofree char *message = g_strdup_printf ("A change with the specified change ID does not exist: %s", change_id);

      respond_error (self, msg, 404, "NoSuchChange", message);
      return;
    }
  if (change->polls < G_MAXUINT)
    change->polls++;
  if (!change->insync && change->insync_after_polls != G_MAXUINT && change->polls >= change->insync_after_polls)
    {
      change->insync = TRUE;
      for (guint i = 0; self->publish != NULL && i + 1 < change->published->len; i += 2)
        self->publish (g_ptr_array_index (change->published, i), g_ptr_array_index (change->published, i + 1), self->publish_data);
    }
  xml = start_document ("GetChangeResponse");
  append_change_info (xml, change);
  g_string_append (xml, "</GetChangeResponse>");
  respond_xml (self, msg, SOUP_STATUS_OK, xml);
}

/*
 * Signatures: Route 53's 403s
 */

/* "AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, …" → its scope's parts */
static GStrv
credential_scope (const char *authorization)
{
  const char *start = authorization != NULL ? strstr (authorization, "Credential=") : NULL;
  g_autofree char *credential = NULL;
  g_auto (GStrv) scope = NULL;

  if (authorization == NULL || !g_str_has_prefix (authorization, "AWS4-HMAC-SHA256 ") || start == NULL)
    return NULL;
  start += strlen ("Credential=");
  credential = g_strndup (start, strcspn (start, ", "));
  scope = g_strsplit (credential, "/", -1);
  if (g_strv_length (scope) != 5 || strcmp (scope[4], "aws4_request") != 0)
    return NULL;
  return g_steal_pointer (&scope);
}

static char *
check_time (CaFakeRoute53 *self,
            const char    *amz_date)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (ca_fake_acm_now_us (self->acm) / G_USEC_PER_SEC);
  g_autofree char *now_text = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *iso = NULL;
  g_autoptr (GDateTime) sent = NULL;
  GTimeSpan difference;

  if (amz_date == NULL || strlen (amz_date) != 16)
    return g_strdup ("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  iso = g_strdup_printf ("%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", amz_date, amz_date + 4, amz_date + 6,
                         amz_date + 9, amz_date + 11, amz_date + 13);
  sent = g_date_time_new_from_iso8601 (iso, utc);
  if (sent == NULL)
    return g_strdup ("The X-Amz-Date header is not a date.");
  difference = g_date_time_difference (now, sent);
  if (ABS (difference) <= MAX_SKEW)
    return NULL;
  if (difference > 0)
    return g_strdup_printf ("Signature expired: %s is now earlier than %s (%s - 5 min.)", amz_date, now_text, now_text);
  return g_strdup_printf ("Signature not yet current: %s is still later than %s (%s + 5 min.)", amz_date, now_text, now_text);
}

static gboolean
check_signature (CaFakeRoute53     *self,
                 SoupServerMessage *msg,
                 GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *token = soup_message_headers_get_one (headers, "X-Amz-Security-Token");
  g_auto (GStrv) scope = credential_scope (soup_message_headers_get_one (headers, "Authorization"));
  const char *secret = NULL, *wanted_token = NULL;
  g_autofree char *time_problem = NULL;
  g_autoptr (GError) error = NULL;

  if (scope == NULL)
    {
      respond_error (self, msg, 403, "MissingAuthenticationToken", "Missing Authentication Token");
      return FALSE;
    }
  if (!ca_fake_acm_find_key (self->acm, scope[0], &secret, &wanted_token) ||
      (wanted_token != NULL && g_strcmp0 (wanted_token, token) != 0))
    {
      respond_error (self, msg, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
      return FALSE;
    }
  time_problem = check_time (self, soup_message_headers_get_one (headers, "X-Amz-Date"));
  if (time_problem != NULL)
    {
      respond_error (self, msg, 403, "SignatureDoesNotMatch", time_problem);
      return FALSE;
    }
  if (strcmp (scope[2], SIGNING_REGION) != 0 || strcmp (scope[3], SIGNING_SERVICE) != 0)
    {
      g_autofree char *message = g_strdup_printf ("Credential should be scoped to a valid region and service: '%s' '%s', not '%s' '%s'.",
                                                  SIGNING_REGION, SIGNING_SERVICE, scope[2], scope[3]);

      respond_error (self, msg, 403, "SignatureDoesNotMatch", message);
      return FALSE;
    }
  if (ca_fake_sigv4_verify (msg, body, scope[0], secret, SIGNING_REGION, SIGNING_SERVICE, &error))
    return TRUE;
  g_debug ("fake Route 53: %s", error->message);
  respond_error (self, msg, 403, "SignatureDoesNotMatch",
                 "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
  return FALSE;
}

/*
 * Requests
 */

typedef enum
{
  OP_UNKNOWN,
  OP_LIST_HOSTED_ZONES_BY_NAME,
  OP_GET_HOSTED_ZONE,
  OP_CHANGE_RESOURCE_RECORD_SETS,
  OP_GET_CHANGE,
} Operation;

static const char * const operation_names[] = {
  NULL, "ListHostedZonesByName", "GetHostedZone", "ChangeResourceRecordSets", "GetChange"
};

/* The operation a method and path name, and the id in the path ("Z…", "C…"). */
static Operation
route (const char  *method,
       const char  *path,
       char       **id)
{
  g_auto (GStrv) parts = g_strsplit (path + strlen (CA_FAKE_ROUTE53_PATH_PREFIX), "/", -1);
  guint n = g_strv_length (parts);
  gboolean get = strcmp (method, "GET") == 0, post = strcmp (method, "POST") == 0;

  if (get && n == 1 && strcmp (parts[0], "hostedzonesbyname") == 0)
    return OP_LIST_HOSTED_ZONES_BY_NAME;
  if (n < 2 || *parts[1] == '\0')
    return OP_UNKNOWN;
  *id = g_uri_unescape_string (parts[1], NULL);
  if (*id == NULL)
    return OP_UNKNOWN;
  if (get && n == 2 && strcmp (parts[0], "hostedzone") == 0)
    return OP_GET_HOSTED_ZONE;
  if (post && strcmp (parts[0], "hostedzone") == 0 && strcmp (parts[2] != NULL ? parts[2] : "", "rrset") == 0 &&
      (n == 3 || (n == 4 && *parts[3] == '\0')))
    return OP_CHANGE_RESOURCE_RECORD_SETS;
  if (get && n == 2 && strcmp (parts[0], "change") == 0)
    return OP_GET_CHANGE;
  return OP_UNKNOWN;
}

static gboolean
answer_fault (CaFakeRoute53     *self,
              SoupServerMessage *msg,
              Operation          operation)
{
  g_autofree char *message = NULL;

  if (ca_fake_acm_take_fault (self->acm, CA_FAKE_ACM_FAULT_ROUTE53_THROTTLE))
    {
      respond_error (self, msg, 400, "Throttling", "Rate exceeded");
      return TRUE;
    }
  if (ca_fake_acm_take_fault (self->acm, CA_FAKE_ACM_FAULT_ROUTE53_ACCESS_DENIED))
    {
      message = g_strdup_printf ("User: arn:aws:iam::" CA_FAKE_ACM_ACCOUNT ":user/demo is not authorized to perform: route53:%s "
                                 "because no identity-based policy allows the route53:%s action",
                                 operation_names[operation], operation_names[operation]);
      respond_error (self, msg, 403, "AccessDenied", message);
      return TRUE;
    }
  return FALSE;
}

void
ca_fake_route53_handle (CaFakeRoute53     *self,
                        SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query_text = g_uri_get_query (uri);
  g_autoptr (GHashTable) query = query_text != NULL ? soup_form_decode (query_text) : NULL;
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *id = NULL;
  Operation operation = route (soup_server_message_get_method (msg), g_uri_get_path (uri), &id);

  if (operation == OP_UNKNOWN)
    {
      respond_error (self, msg, 404, "UnknownOperationException", "The operation is not known to the fake Route 53.");
      return;
    }
  ca_fake_acm_count_operation (self->acm, operation_names[operation]);
  if (!check_signature (self, msg, body) || answer_fault (self, msg, operation))
    return;
  if (id != NULL && strlen (id) > MAX_RESOURCE_ID)
    {
      g_autofree char *message = g_strdup_printf ("1 validation error detected: Value '%.40s…' at 'id' failed to satisfy constraint: Member must have length less than or equal to 32", id);

      respond_error (self, msg, 400, "InvalidInput", message);
      return;
    }
  switch (operation)
    {
    case OP_LIST_HOSTED_ZONES_BY_NAME:
      op_list_hosted_zones_by_name (self, msg, query);
      break;
    case OP_GET_HOSTED_ZONE:
      op_get_hosted_zone (self, msg, id);
      break;
    case OP_CHANGE_RESOURCE_RECORD_SETS:
      op_change_resource_record_sets (self, msg, id, body);
      break;
    case OP_GET_CHANGE:
      op_get_change (self, msg, id);
      break;
    case OP_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
}

/*
 * Zones
 */

/* Route 53 hands each public zone four servers of its own; a seed may name others. */
static GStrv
default_name_servers (const char *zone_id)
{
  guint hash = g_str_hash (zone_id);
  g_autofree char *joined = g_strdup_printf ("ns-%u.awsdns-%02u.com ns-%u.awsdns-%02u.net ns-%u.awsdns-%02u.org ns-%u.awsdns-%02u.co.uk",
                                             hash % 512, hash % 64, 512 + hash % 512, (hash >> 6) % 64,
                                             1024 + hash % 512, (hash >> 12) % 64, 1536 + hash % 512, (hash >> 18) % 64);

  return g_strsplit (joined, " ", -1);
}

void
ca_fake_route53_add_zone (CaFakeRoute53      *self,
                          const char         *zone_id,
                          const char         *name,
                          gboolean            private_zone,
                          const char * const *name_servers,
                          guint               insync_after_polls)
{
  FakeZone *zone = g_new0 (FakeZone, 1);

  zone->id = g_strdup (bare_id (zone_id, "/hostedzone/"));
  zone->name = normalize_name (name);
  zone->private_zone = private_zone;
  zone->name_servers = name_servers != NULL && name_servers[0] != NULL ? g_strdupv ((GStrv) name_servers)
                                                                       : default_name_servers (zone->id);
  zone->insync_after_polls = insync_after_polls;
  zone->records = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_record_free);
  g_ptr_array_add (self->zones, zone);
}

static GStrv
strv_member (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

/* "hosted_zones": [{"Id", "Name", "Private", "NameServers", "InsyncAfterPolls", "Delegated"}];
 * "Delegated": false for a zone the parent does not delegate to (its changes are never published). */
gboolean
ca_fake_route53_load_seed (CaFakeRoute53  *self,
                           JsonArray      *zones,
                           GError        **error)
{
  for (guint i = 0; i < json_array_get_length (zones); i++)
    {
      JsonNode *node = json_array_get_element (zones, i);
      JsonObject *zone = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = zone != NULL ? json_object_get_string_member_with_default (zone, "Id", NULL) : NULL;
      const char *name = zone != NULL ? json_object_get_string_member_with_default (zone, "Name", NULL) : NULL;
      g_auto (GStrv) name_servers = NULL;
      gint64 polls;

      if (id == NULL || name == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "hosted zone %u of the seed has no Id or Name", i);
          return FALSE;
        }
      name_servers = strv_member (zone, "NameServers");
      polls = json_object_get_int_member_with_default (zone, "InsyncAfterPolls", self->insync_after_polls);
      ca_fake_route53_add_zone (self, id, name, json_object_get_boolean_member_with_default (zone, "Private", FALSE),
                                (const char * const *) name_servers, (guint) CLAMP (polls, 0, G_MAXUINT));
      ((FakeZone *) g_ptr_array_index (self->zones, self->zones->len - 1))->undelegated =
        !json_object_get_boolean_member_with_default (zone, "Delegated", TRUE);
    }
  return TRUE;
}

void
ca_fake_route53_set_insync_after_polls (CaFakeRoute53 *self,
                                        guint          polls)
{
  self->insync_after_polls = polls;
  for (guint i = 0; i < self->zones->len; i++)
    ((FakeZone *) g_ptr_array_index (self->zones, i))->insync_after_polls = polls;
}

guint
ca_fake_route53_get_insync_after_polls (CaFakeRoute53 *self)
{
  return self->insync_after_polls;
}

static GPtrArray *
zone_record_lines (FakeZone *zone)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < zone->records->len; i++)
    {
      FakeRecord *record = g_ptr_array_index (zone->records, i);

      for (guint j = 0; j < record->values->len; j++)
        g_ptr_array_add (lines, g_strdup_printf ("%s %s %s", record->name, record->type, (char *) g_ptr_array_index (record->values, j)));
    }
  return lines;
}

GPtrArray *
ca_fake_route53_get_zone_records (CaFakeRoute53 *self,
                                  const char    *zone_id)
{
  FakeZone *zone = find_zone (self, zone_id);

  return zone != NULL ? zone_record_lines (zone) : NULL;
}

/* {"Z…": ["name TYPE value", …]} for /_fake/stats */
JsonObject *
ca_fake_route53_records_object (CaFakeRoute53 *self)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < self->zones->len; i++)
    {
      FakeZone *zone = g_ptr_array_index (self->zones, i);
      g_autoptr (GPtrArray) lines = zone_record_lines (zone);
      JsonArray *array = json_array_new ();

      for (guint j = 0; j < lines->len; j++)
        json_array_add_string_element (array, g_ptr_array_index (lines, j));
      json_object_set_array_member (object, zone->id, array);
    }
  return object;
}

void
ca_fake_route53_set_publish_func (CaFakeRoute53        *self,
                                  CaFakeAcmPublishFunc  func,
                                  gpointer              user_data)
{
  self->publish = func;
  self->publish_data = user_data;
}
