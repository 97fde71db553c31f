/* ca-fake-acm.c: a local ACM endpoint for tests and the demo
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Speaks JSON 1.1 like ACM, checks every request's SigV4 signature with the
 * keys it was given, keeps certificates in memory and injects faults on
 * request. Plain http on 127.0.0.1 only. Given a DNS server, it validates DNS
 * requests and migrations as ACM does, by looking their records up there
 * (with a DNS client of its own, ca-fake-dns.c, not the one under test).
 */

#define G_LOG_DOMAIN "CaFakeAcm"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "ca-fake-acm.h"
#include "ca-fake-dns.h"
#include "ca-fake-route53.h"
#include "ca-fake-sigv4.h"
#include "ca-fake-x509.h"

#define JSON_TYPE "application/x-amz-json-1.1"
#define MAX_SKEW (5 * G_TIME_SPAN_MINUTE)
#define VALIDATION_WINDOW (72 * G_TIME_SPAN_HOUR)
#define TOKEN_LIFETIME G_TIME_SPAN_HOUR
#define VALIDITY_DAYS 198
#define MAX_TAGS 50
/* ACM polls DNS on its own; the fake looks when asked about a certificate,
 * at most this often per certificate, and never waits longer than this. */
#define DNS_CHECK_INTERVAL (200 * G_TIME_SPAN_MILLISECOND)
#define DNS_LOOKUP_TIMEOUT (300 * G_TIME_SPAN_MILLISECOND)
/* ACM gives up after five chained CNAMEs (acm-rules.md §6). */
#define MAX_CNAME_CHAIN 5

typedef struct
{
  char *secret;
  char *token;
} FakeKey;

typedef struct
{
  JsonObject *detail;
  gint64      records_at;      /* real time (µs) when DNS records appear, 0 if none */
  gboolean    migrating;
  gint64      migration_records_at;
  GHashTable *migrated;        /* names whose migration record DNS has shown */
  gint64      dns_checked_at;  /* monotonic time (µs) of the last lookup, 0 if none */
  JsonArray  *tags;            /* [{Key, Value}], or NULL */
  char       *token;
  gint64      token_time;
  guint       resends;
} FakeCert;

struct _CaFakeAcm
{
  GObject         parent_instance;

  SoupServer     *server;
  guint           port;
  char           *region;
  GHashTable     *keys;          /* access key id → FakeKey */
  GPtrArray      *certs;         /* FakeCert, in creation order */
  guint           faults[CA_FAKE_ACM_N_FAULTS];
  guint           delay_ms;
  guint           record_delay_ms;
  gint64          skew;          /* µs added to our clock */
  guint           page_size;
  guint           serial;
  GHashTable     *counts;        /* operation → count, "total" included */
  GHashTable     *last_inputs;   /* operation → JsonObject */
  GSocketAddress *dns_server;    /* where records are looked up; NULL: only approve validates */
  GHashTable     *regions;       /* region → FakeRegion: the other regions a seed names */
  GHashTable     *rate_limits;   /* operation → double, calls per second in each region; NULL: none */
  GHashTable     *rate_buckets;  /* "region operation" → FakeBucket */
  CaFakeRoute53  *route53;       /* what answers under /2013-04-01/ (ca-fake-route53.c) */
};

/* ACM's rate quotas are per region and operation: a bucket each, full at the start. */
typedef struct
{
  double tokens;
  gint64 updated;  /* monotonic µs */
} FakeBucket;

/* Another region of the same account: its own certificates, or how it refuses. */
typedef struct
{
  char      *state;  /* "ok", "not_enabled", "denied", "garbage", "throttle" or "hang" */
  GPtrArray *certs;  /* FakeCert */
} FakeRegion;

G_DEFINE_FINAL_TYPE (CaFakeAcm, ca_fake_acm, G_TYPE_OBJECT)

static const char *fault_names[] = {
  "throttle", "server-error", "drop-connection", "malformed-body", "limit-exceeded", "access-denied",
  "echo-credentials", "expired-token", "route53-throttle", "route53-prior-request", "route53-invalid-batch",
  "route53-access-denied"
};
G_STATIC_ASSERT (G_N_ELEMENTS (fault_names) == CA_FAKE_ACM_N_FAULTS);

static void
fake_key_free (FakeKey *key)
{
  g_free (key->secret);
  g_free (key->token);
  g_free (key);
}

static void
fake_cert_free (FakeCert *cert)
{
  json_object_unref (cert->detail);
  g_clear_pointer (&cert->migrated, g_hash_table_unref);
  g_clear_pointer (&cert->tags, json_array_unref);
  g_free (cert->token);
  g_free (cert);
}

static void
ca_fake_acm_finalize (GObject *object)
{
  CaFakeAcm *self = (CaFakeAcm *) object;

  /* libsoup 3.2 leaks the sockets of a disconnected or finalized SoupServer
   * (see tests/ca-test-rdap-server.c): a retired server stays until exit. */
  if (self->server != NULL)
    {
      static GPtrArray *retired;

      soup_server_remove_handler (self->server, NULL);
      if (retired == NULL)
        retired = g_ptr_array_new ();
      g_ptr_array_add (retired, g_steal_pointer (&self->server));
    }
  g_clear_object (&self->dns_server);
  g_clear_pointer (&self->route53, ca_fake_route53_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->certs, g_ptr_array_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->last_inputs, g_hash_table_unref);
  g_clear_pointer (&self->regions, g_hash_table_unref);
  g_clear_pointer (&self->rate_limits, g_hash_table_unref);
  g_clear_pointer (&self->rate_buckets, g_hash_table_unref);

  G_OBJECT_CLASS (ca_fake_acm_parent_class)->finalize (object);
}

static void
ca_fake_acm_class_init (CaFakeAcmClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_fake_acm_finalize;
}

static void
ca_fake_acm_init (CaFakeAcm *self)
{
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) fake_key_free);
  self->certs = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_cert_free);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->last_inputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  self->page_size = 1000;
  self->record_delay_ms = 500;
  self->route53 = ca_fake_route53_new (self);
}

static void
fake_region_free (FakeRegion *region)
{
  g_free (region->state);
  g_ptr_array_unref (region->certs);
  g_free (region);
}

/*
 * Clock and answers
 */

static gint64
now_us (CaFakeAcm *self)
{
  return g_get_real_time () + self->skew;
}

static double
now_seconds (CaFakeAcm *self)
{
  return (double) now_us (self) / G_USEC_PER_SEC;
}

static void
set_common_headers (CaFakeAcm         *self,
                    SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (now_us (self) / G_USEC_PER_SEC);
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);
  g_autofree char *request_id = g_uuid_string_random ();

  soup_message_headers_replace (headers, "Date", date);
  soup_message_headers_replace (headers, "x-amzn-RequestId", request_id);
}

static void
respond_text (CaFakeAcm         *self,
              SoupServerMessage *msg,
              guint              status,
              const char        *text)
{
  set_common_headers (self, msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, JSON_TYPE, SOUP_MEMORY_COPY, text, strlen (text));
}

static void
respond_json (CaFakeAcm         *self,
              SoupServerMessage *msg,
              JsonObject        *object)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_set_object (root, object);
  text = json_to_string (root, FALSE);
  respond_text (self, msg, SOUP_STATUS_OK, text);
}

/* ACM's error shapes vary: `__type` with or without the namespace, `message`
 * or (AccessDenied) `Message`. */
static void
respond_error (CaFakeAcm         *self,
               SoupServerMessage *msg,
               guint              status,
               const char        *type,
               const char        *message)
{
  g_autoptr (JsonObject) object = json_object_new ();
  gboolean namespaced = g_str_has_suffix (type, "Exception") && strcmp (type, "ValidationException") != 0 &&
                        strcmp (type, "AccessDeniedException") != 0;
  g_autofree char *full_type = namespaced ? g_strdup_printf ("com.amazonaws.acm#%s", type) : g_strdup (type);

  if (strcmp (type, "ValidationException") == 0)
    {
      g_free (full_type);
      full_type = g_strdup ("ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/");
    }
  json_object_set_string_member (object, "__type", full_type);
  json_object_set_string_member (object, strcmp (type, "AccessDeniedException") == 0 ? "Message" : "message", message);
  respond_json (self, msg, object);
  soup_server_message_set_status (msg, status, NULL);
}

static void
count (CaFakeAcm  *self,
       const char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, key));

  g_hash_table_insert (self->counts, g_strdup (key), GUINT_TO_POINTER (n + 1));
}

/*
 * Certificates
 */

static FakeCert *
find_cert (CaFakeAcm  *self,
           const char *arn)
{
  for (guint i = 0; arn != NULL && i < self->certs->len; i++)
    {
      FakeCert *cert = g_ptr_array_index (self->certs, i);

      if (g_strcmp0 (json_object_get_string_member (cert->detail, "CertificateArn"), arn) == 0)
        return cert;
    }
  return NULL;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static char *
hex_of (const char *a,
        const char *b,
        gsize       len)
{
  g_autofree char *joined = g_strconcat (a, "|", b, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);

  return g_strndup (hash, len);
}

/* `*.example.com` shares example.com's record, as in ACM. */
static JsonObject *
make_record (const char *arn,
             const char *name)
{
  const char *base = g_str_has_prefix (name, "*.") ? name + 2 : name;
  g_autofree char *label = hex_of (arn, base, 32);
  g_autofree char *target = hex_of (base, arn, 32);
  g_autofree char *zone = hex_of ("zone", arn, 10);
  g_autofree char *record_name = g_strdup_printf ("_%s.%s.", label, base);
  g_autofree char *value = g_strdup_printf ("_%s.%s.acm-validations.aws.", target, zone);
  JsonObject *record = json_object_new ();

  json_object_set_string_member (record, "Name", record_name);
  json_object_set_string_member (record, "Type", "CNAME");
  json_object_set_string_member (record, "Value", value);
  return record;
}

/* The fake's own reading of the names' rules, written apart from ca-domain.c so that a
 * bug there is caught, not agreed with: names are compared lowercased without a final
 * dot, and a ValidationDomain is the name or one of its parents. */
static char *
fake_normalize (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  gsize length = strlen (lower);

  if (length > 0 && lower[length - 1] == '.')
    lower[length - 1] = '\0';
  return g_steal_pointer (&lower);
}

static gboolean
fake_is_name_or_parent (const char *parent,
                        const char *name)
{
  g_autofree char *p = fake_normalize (parent);
  g_autofree char *n = fake_normalize (g_str_has_prefix (name, "*.") ? name + 2 : name);
  gsize lp = strlen (p), ln = strlen (n);

  if (lp == 0 || strcmp (p, n) == 0)
    return lp > 0;
  return ln > lp && n[ln - lp - 1] == '.' && strcmp (n + ln - lp, p) == 0;
}

/* ACM mails five fixed mailboxes at the name, or the ValidationDomain, less one leading
 * `www` or `*` label (acm-rules.md §2); a seed may say otherwise (ValidationEmails). */
static JsonArray *
approver_emails (const char *name,
                 const char *validation_domain)
{
  static const char * const mailboxes[] = { "admin", "administrator", "hostmaster", "postmaster", "webmaster" };
  g_autofree char *domain = fake_normalize (validation_domain != NULL ? validation_domain : name);
  const char *approval = domain;
  JsonArray *array = json_array_new ();

  if (g_str_has_prefix (approval, "*."))
    approval += 2;
  else if (g_str_has_prefix (approval, "www.") && strchr (approval + 4, '.') != NULL)
    approval += 4;
  for (guint i = 0; i < G_N_ELEMENTS (mailboxes); i++)
    {
      g_autofree char *address = g_strdup_printf ("%s@%s", mailboxes[i], approval);

      json_array_add_string_element (array, address);
    }
  return array;
}

static const char *
validation_status_for (const char *status)
{
  if (g_strcmp0 (status, "ISSUED") == 0)
    return "SUCCESS";
  if (g_strcmp0 (status, "PENDING_VALIDATION") == 0)
    return "PENDING_VALIDATION";
  return "FAILED";
}

/* A seed's "ValidationEmails" {"name": [addresses]} stands for what ACM really mailed,
 * which need not be the five computed addresses (acm-rules.md §2, step 5). */
static JsonArray *
emails_for (JsonObject *seeded_emails,
            const char *name,
            const char *validation_domain)
{
  JsonNode *seeded = seeded_emails != NULL ? json_object_get_member (seeded_emails, name) : NULL;

  if (seeded != NULL && JSON_NODE_HOLDS_ARRAY (seeded))
    return json_array_ref (json_node_get_array (seeded));
  return approver_emails (name, validation_domain);
}

static JsonArray *
build_validations (const char  *arn,
                   GPtrArray   *names,
                   const char  *method,
                   GHashTable  *validation_domains,
                   JsonObject  *seeded_emails,
                   const char  *status)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      const char *vd = validation_domains != NULL ? g_hash_table_lookup (validation_domains, name) : NULL;
      JsonObject *option = json_object_new ();

      json_object_set_string_member (option, "DomainName", name);
      json_object_set_string_member (option, "ValidationDomain", vd != NULL ? vd : name);
      json_object_set_string_member (option, "ValidationStatus", validation_status_for (status));
      json_object_set_string_member (option, "ValidationMethod", method);
      if (strcmp (method, "EMAIL") == 0)
        json_object_set_array_member (option, "ValidationEmails", emails_for (seeded_emails, name, vd));
      json_array_add_object_element (array, option);
    }
  return array;
}

static void
set_issued (CaFakeAcm  *self,
            JsonObject *detail,
            double      issued_at,
            double      not_after)
{
  json_object_set_string_member (detail, "Status", "ISSUED");
  json_object_set_double_member (detail, "IssuedAt", issued_at);
  json_object_set_double_member (detail, "NotBefore", issued_at);
  json_object_set_double_member (detail, "NotAfter", not_after);
  json_object_set_string_member (detail, "RenewalEligibility", "ELIGIBLE");
}

static char *
new_arn (CaFakeAcm *self)
{
  g_autofree char *uuid = g_uuid_string_random ();

  self->serial++;
  return g_strdup_printf ("arn:aws:acm:%s:%s:certificate/%s", self->region, CA_FAKE_ACM_ACCOUNT, uuid);
}

static GPtrArray *
spec_names (JsonObject *spec)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  JsonArray *sans = json_object_has_member (spec, "SubjectAlternativeNames")
                      ? json_object_get_array_member (spec, "SubjectAlternativeNames") : NULL;

  g_ptr_array_add (names, g_strdup (string_member (spec, "DomainName")));
  for (guint i = 0; sans != NULL && i < json_array_get_length (sans); i++)
    {
      const char *name = json_array_get_string_element (sans, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < names->len && !seen; j++)
        seen = g_strcmp0 (g_ptr_array_index (names, j), name) == 0;
      if (!seen && name != NULL)
        g_ptr_array_add (names, g_strdup (name));
    }
  return names;
}

static JsonArray *
names_array (GPtrArray *names)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < names->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (names, i));
  return array;
}

static double
double_member (JsonObject *object,
               const char *name,
               double      fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64)
           ? json_node_get_double (node) : fallback;
}

/* Tags as ListTagsForCertificate answers them: Key, and Value when one was given. */
static JsonArray *
copy_tags (JsonArray *tags)
{
  JsonArray *copy = json_array_new ();

  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonNode *node = json_array_get_element (tags, i);
      JsonObject *tag = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *kept;

      if (string_member (tag, "Key") == NULL)
        continue;
      kept = json_object_new ();
      json_object_set_string_member (kept, "Key", string_member (tag, "Key"));
      if (string_member (tag, "Value") != NULL)
        json_object_set_string_member (kept, "Value", string_member (tag, "Value"));
      json_array_add_object_element (copy, kept);
    }
  return copy;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static FakeCert *
create_cert (CaFakeAcm  *self,
             JsonObject *spec,
             GHashTable *validation_domains)
{
  g_autoptr (GPtrArray) names = spec_names (spec);
  const char *method = string_member (spec, "ValidationMethod") ?: "EMAIL";
  const char *status = string_member (spec, "Status") ?: "PENDING_VALIDATION";
  const char *type = string_member (spec, "Type") ?: "AMAZON_ISSUED";
  g_autofree char *arn = string_member (spec, "CertificateArn") != NULL ? g_strdup (string_member (spec, "CertificateArn"))
                                                                        : new_arn (self);
  g_autofree char *subject = g_strdup_printf ("CN=%s", (const char *) g_ptr_array_index (names, 0));
  double created = now_seconds (self) - double_member (spec, "CreatedHoursAgo", 0) * 3600.0;
  FakeCert *cert = g_new0 (FakeCert, 1);
  JsonObject *detail = json_object_new ();

  cert->detail = detail;
  cert->migrated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (array_member (spec, "Tags") != NULL)
    cert->tags = copy_tags (array_member (spec, "Tags"));
  json_object_set_string_member (detail, "CertificateArn", arn);
  json_object_set_string_member (detail, "DomainName", g_ptr_array_index (names, 0));
  json_object_set_array_member (detail, "SubjectAlternativeNames", names_array (names));
  if (json_object_has_member (spec, "DomainValidationOptions"))
    json_object_set_member (detail, "DomainValidationOptions", json_object_dup_member (spec, "DomainValidationOptions"));
  else if (strcmp (type, "AMAZON_ISSUED") == 0)
    json_object_set_array_member (detail, "DomainValidationOptions",
                                  build_validations (arn, names, method, validation_domains,
                                                     json_object_has_member (spec, "ValidationEmails")
                                                       ? json_object_get_object_member (spec, "ValidationEmails") : NULL,
                                                     status));
  json_object_set_string_member (detail, "Subject", subject);
  json_object_set_string_member (detail, "Issuer", "Amazon");
  json_object_set_double_member (detail, "CreatedAt", created);
  json_object_set_string_member (detail, "Status", status);
  json_object_set_string_member (detail, "Type", type);
  json_object_set_string_member (detail, "KeyAlgorithm", string_member (spec, "KeyAlgorithm") ?: "RSA-2048");
  json_object_set_string_member (detail, "SignatureAlgorithm", "SHA256WITHRSA");
  json_object_set_array_member (detail, "InUseBy", json_object_has_member (spec, "InUseBy")
                                                     ? json_array_ref (json_object_get_array_member (spec, "InUseBy"))
                                                     : json_array_new ());
  json_object_set_string_member (detail, "RenewalEligibility", "INELIGIBLE");
  if (string_member (spec, "FailureReason") != NULL)
    json_object_set_string_member (detail, "FailureReason", string_member (spec, "FailureReason"));
  if (json_object_has_member (spec, "RenewalSummary"))
    json_object_set_member (detail, "RenewalSummary", json_object_dup_member (spec, "RenewalSummary"));
  if (strcmp (status, "ISSUED") == 0)
    set_issued (self, detail, created + 60,
                now_seconds (self) + double_member (spec, "NotAfterDaysAhead", VALIDITY_DAYS) * 86400.0);
  if (strcmp (method, "DNS") == 0)
    cert->records_at = strcmp (status, "PENDING_VALIDATION") == 0
                         ? now_us (self) + (gint64) self->record_delay_ms * 1000 : 1;

  g_ptr_array_add (self->certs, cert);
  return cert;
}

/* Time passes: records appear, migrations publish theirs. */
static void
refresh_cert (CaFakeAcm *self,
              FakeCert  *cert)
{
  const char *arn = json_object_get_string_member (cert->detail, "CertificateArn");
  JsonArray *options;

  if (cert->records_at == 0 || cert->records_at > now_us (self) ||
      !json_object_has_member (cert->detail, "DomainValidationOptions"))
    return;
  options = json_object_get_array_member (cert->detail, "DomainValidationOptions");
  for (guint i = 0; i < json_array_get_length (options); i++)
    {
      JsonObject *option = json_array_get_object_element (options, i);

      if (g_strcmp0 (string_member (option, "ValidationMethod"), "DNS") == 0 &&
          !json_object_has_member (option, "ResourceRecord"))
        json_object_set_object_member (option, "ResourceRecord",
                                       make_record (arn, string_member (option, "DomainName")));
    }
}

static const char *
cert_method (FakeCert *cert)
{
  JsonArray *options = json_object_has_member (cert->detail, "DomainValidationOptions")
                         ? json_object_get_array_member (cert->detail, "DomainValidationOptions") : NULL;

  if (options == NULL || json_array_get_length (options) == 0)
    return NULL;
  return string_member (json_array_get_object_element (options, 0), "ValidationMethod");
}

static void
finish_migration (CaFakeAcm *self,
                  FakeCert  *cert)
{
  const char *arn = json_object_get_string_member (cert->detail, "CertificateArn");
  JsonArray *options = json_object_get_array_member (cert->detail, "DomainValidationOptions");

  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    {
      JsonObject *option = json_array_get_object_element (options, i);

      json_object_set_string_member (option, "ValidationMethod", "DNS");
      json_object_set_string_member (option, "ValidationStatus", "SUCCESS");
      json_object_remove_member (option, "ValidationEmails");
      json_object_set_object_member (option, "ResourceRecord", make_record (arn, string_member (option, "DomainName")));
    }
  cert->migrating = FALSE;
  g_hash_table_remove_all (cert->migrated);
  cert->records_at = 1;
}

/*
 * Validation by DNS lookups (only with a DNS server)
 */

static JsonArray *
validation_options (FakeCert *cert)
{
  return array_member (cert->detail, "DomainValidationOptions");
}

/* Keyed by the record's name: `*.example.com` shares example.com's. */
static void
want_record (GHashTable *wanted,
             JsonObject *record)
{
  g_hash_table_insert (wanted, ca_fake_dns_normalize (string_member (record, "Name")),
                       ca_fake_dns_normalize (string_member (record, "Value")));
}

static gboolean
record_seen (GHashTable *seen,
             JsonObject *record)
{
  g_autofree char *name = ca_fake_dns_normalize (string_member (record, "Name"));

  return g_hash_table_contains (seen, name);
}

static gboolean
is_pending_dns (JsonObject *option)
{
  return g_strcmp0 (string_member (option, "ValidationMethod"), "DNS") == 0 &&
         g_strcmp0 (string_member (option, "ValidationStatus"), "PENDING_VALIDATION") == 0 &&
         json_object_has_member (option, "ResourceRecord");
}

/* The records ACM waits to see for @cert, once it has published them:
 * record name → the value it must point to. */
static void
collect_wanted_records (CaFakeAcm  *self,
                        FakeCert   *cert,
                        GHashTable *wanted)
{
  const char *arn = string_member (cert->detail, "CertificateArn");
  JsonArray *options = validation_options (cert);

  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    {
      JsonObject *option = json_array_get_object_element (options, i);
      const char *name = string_member (option, "DomainName");

      if (cert->migrating && cert->migration_records_at <= now_us (self) && name != NULL &&
          !g_hash_table_contains (cert->migrated, name))
        {
          g_autoptr (JsonObject) record = make_record (arn, name);

          want_record (wanted, record);
        }
      else if (!cert->migrating && is_pending_dns (option) &&
               g_strcmp0 (string_member (cert->detail, "Status"), "PENDING_VALIDATION") == 0)
        want_record (wanted, json_object_get_object_member (option, "ResourceRecord"));
    }
}

/* One round of questions for every chain still followed: a chain ends when it
 * reaches its expected value (seen), has no further CNAME, or is too long. */
static void
follow_chains (CaFakeAcm  *self,
               GHashTable *wanted,
               GHashTable *asking,
               GHashTable *seen,
               gint64      deadline)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GHashTable) answers = NULL;
  GHashTableIter iter;
  gpointer record, current;

  g_hash_table_iter_init (&iter, asking);
  while (g_hash_table_iter_next (&iter, NULL, &current))
    g_ptr_array_add (names, current);
  g_ptr_array_add (names, NULL);
  answers = ca_fake_dns_lookup_cnames (self->dns_server, (const char * const *) names->pdata, deadline);

  g_hash_table_iter_init (&iter, asking);
  while (g_hash_table_iter_next (&iter, &record, &current))
    {
      const char *target = g_hash_table_lookup (answers, current);

      if (target != NULL && strcmp (target, g_hash_table_lookup (wanted, record)) == 0)
        g_hash_table_add (seen, g_strdup (record));
      if (target == NULL || g_hash_table_contains (seen, record))
        g_hash_table_iter_remove (&iter);
      else
        g_hash_table_iter_replace (&iter, g_strdup (target));
    }
}

/* ACM follows a record's CNAME chain to its value (delegated validation).
 * Returns: the set of record names that lead there. */
static GHashTable *
look_up_records (CaFakeAcm  *self,
                 GHashTable *wanted)
{
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) asking = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gint64 deadline = g_get_monotonic_time () + DNS_LOOKUP_TIMEOUT;
  GHashTableIter iter;
  gpointer record;

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &record, NULL))
    g_hash_table_insert (asking, g_strdup (record), g_strdup (record));
  for (guint hop = 0; hop < MAX_CNAME_CHAIN && g_hash_table_size (asking) > 0; hop++)
    follow_chains (self, wanted, asking, seen, deadline);
  return seen;
}

/* Each name whose record DNS shows succeeds; the certificate is issued
 * when every name has. */
static void
validate_request (CaFakeAcm  *self,
                  FakeCert   *cert,
                  GHashTable *seen)
{
  JsonArray *options = validation_options (cert);
  gboolean all = options != NULL && json_array_get_length (options) > 0;

  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    {
      JsonObject *option = json_array_get_object_element (options, i);

      if (is_pending_dns (option) && record_seen (seen, json_object_get_object_member (option, "ResourceRecord")))
        json_object_set_string_member (option, "ValidationStatus", "SUCCESS");
      all = all && g_strcmp0 (string_member (option, "ValidationStatus"), "SUCCESS") == 0;
    }
  if (all && g_strcmp0 (string_member (cert->detail, "Status"), "PENDING_VALIDATION") == 0)
    set_issued (self, cert->detail, now_seconds (self), now_seconds (self) + VALIDITY_DAYS * 86400.0);
}

/* A migration is done, in place, when every name's record has been seen. */
static void
validate_migration (CaFakeAcm  *self,
                    FakeCert   *cert,
                    GHashTable *seen)
{
  const char *arn = string_member (cert->detail, "CertificateArn");
  JsonArray *options = validation_options (cert);
  gboolean all = TRUE;

  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    {
      const char *name = string_member (json_array_get_object_element (options, i), "DomainName");
      g_autoptr (JsonObject) record = name != NULL ? make_record (arn, name) : NULL;

      if (record != NULL && record_seen (seen, record))
        g_hash_table_add (cert->migrated, g_strdup (name));
      all = all && name != NULL && g_hash_table_contains (cert->migrated, name);
    }
  if (all)
    finish_migration (self, cert);
}

/* Looks up the records of those of @certs that wait for some and were not
 * looked at in the last DNS_CHECK_INTERVAL, all at once. */
static void
check_records (CaFakeAcm *self,
               GPtrArray *certs)
{
  g_autoptr (GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) due = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = NULL;
  gint64 now = g_get_monotonic_time ();

  if (self->dns_server == NULL)
    return;
  for (guint i = 0; i < certs->len; i++)
    {
      FakeCert *cert = g_ptr_array_index (certs, i);
      guint before = g_hash_table_size (wanted);

      if (cert->dns_checked_at != 0 && now - cert->dns_checked_at < DNS_CHECK_INTERVAL)
        continue;
      refresh_cert (self, cert);
      collect_wanted_records (self, cert, wanted);
      if (g_hash_table_size (wanted) == before)
        continue;
      cert->dns_checked_at = now;
      g_ptr_array_add (due, cert);
    }
  if (due->len == 0)
    return;
  seen = look_up_records (self, wanted);
  for (guint i = 0; i < due->len; i++)
    {
      FakeCert *cert = g_ptr_array_index (due, i);

      if (cert->migrating)
        validate_migration (self, cert, seen);
      else
        validate_request (self, cert, seen);
    }
}

static void
check_cert_records (CaFakeAcm *self,
                    FakeCert  *cert)
{
  g_autoptr (GPtrArray) one = g_ptr_array_new ();

  g_ptr_array_add (one, cert);
  check_records (self, one);
}

/*
 * Operations
 */

static FakeCert *
require_cert (CaFakeAcm         *self,
              SoupServerMessage *msg,
              JsonObject        *input)
{
  const char *arn = string_member (input, "CertificateArn");
  g_autofree char *message = NULL;
  FakeCert *cert;

  if (arn == NULL || !g_str_has_prefix (arn, "arn:aws:acm:"))
    {
      message = g_strdup_printf ("String '%s' is not a valid ARN.", arn != NULL ? arn : "");
      respond_error (self, msg, 400, "InvalidArnException", message);
      return NULL;
    }
  cert = find_cert (self, arn);
  if (cert == NULL)
    {
      message = g_strdup_printf ("Could not find certificate %s.", arn);
      respond_error (self, msg, 400, "ResourceNotFoundException", message);
      return NULL;
    }
  refresh_cert (self, cert);
  return cert;
}

static gboolean
status_included (JsonObject *input,
                 const char *status)
{
  JsonArray *statuses = json_object_has_member (input, "CertificateStatuses")
                          ? json_object_get_array_member (input, "CertificateStatuses") : NULL;

  if (statuses == NULL || json_array_get_length (statuses) == 0)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (statuses); i++)
    if (g_strcmp0 (json_array_get_string_element (statuses, i), status) == 0)
      return TRUE;
  return FALSE;
}

/* Without Includes.keyTypes ACM lists only RSA_2048 certificates. */
static gboolean
key_type_included (JsonObject *input,
                   const char *key_algorithm)
{
  JsonObject *includes = json_object_has_member (input, "Includes") ? json_object_get_object_member (input, "Includes") : NULL;
  JsonArray *types = includes != NULL && json_object_has_member (includes, "keyTypes")
                       ? json_object_get_array_member (includes, "keyTypes") : NULL;
  g_autofree char *wanted = g_strdelimit (g_strdup (key_algorithm), "-", '_');

  if (types == NULL)
    return strcmp (wanted, "RSA_2048") == 0;
  for (guint i = 0; i < json_array_get_length (types); i++)
    if (g_strcmp0 (json_array_get_string_element (types, i), wanted) == 0)
      return TRUE;
  return FALSE;
}

static guint
page_start (JsonObject *input)
{
  const char *token = string_member (input, "NextToken");

  return token != NULL ? (guint) g_ascii_strtoull (token, NULL, 10) : 0;
}

static guint
page_limit (CaFakeAcm  *self,
            JsonObject *input)
{
  guint max = (guint) double_member (input, "MaxItems", 1000);

  return MIN (MAX (max, 1), self->page_size);
}

static void
op_list_certificates (CaFakeAcm         *self,
                      SoupServerMessage *msg,
                      JsonObject        *input)
{
  g_autoptr (JsonObject) answer = json_object_new ();
  JsonArray *list = json_array_new ();
  guint start = page_start (input), limit = page_limit (self, input), matched = 0;

  check_records (self, self->certs);
  for (guint i = 0; i < self->certs->len; i++)
    {
      FakeCert *cert = g_ptr_array_index (self->certs, i);
      JsonObject *detail = cert->detail;
      JsonObject *summary;

      if (!status_included (input, string_member (detail, "Status")) ||
          !key_type_included (input, string_member (detail, "KeyAlgorithm")))
        continue;
      if (matched++ < start)
        continue;
      if (json_array_get_length (list) == limit)
        {
          g_autofree char *next = g_strdup_printf ("%u", matched - 1);

          json_object_set_string_member (answer, "NextToken", next);
          break;
        }
      summary = json_object_new ();
      json_object_set_string_member (summary, "CertificateArn", string_member (detail, "CertificateArn"));
      json_object_set_string_member (summary, "DomainName", string_member (detail, "DomainName"));
      json_object_set_member (summary, "SubjectAlternativeNameSummaries", json_object_dup_member (detail, "SubjectAlternativeNames"));
      json_object_set_string_member (summary, "Status", string_member (detail, "Status"));
      json_object_set_string_member (summary, "Type", string_member (detail, "Type"));
      json_object_set_string_member (summary, "KeyAlgorithm", string_member (detail, "KeyAlgorithm"));
      json_object_set_boolean_member (summary, "InUse", json_array_get_length (json_object_get_array_member (detail, "InUseBy")) > 0);
      json_object_set_double_member (summary, "CreatedAt", double_member (detail, "CreatedAt", 0));
      json_array_add_object_element (list, summary);
    }
  json_object_set_array_member (answer, "CertificateSummaryList", list);
  respond_json (self, msg, answer);
}

static void
op_describe_certificate (CaFakeAcm         *self,
                         SoupServerMessage *msg,
                         JsonObject        *input)
{
  g_autoptr (JsonObject) answer = json_object_new ();
  FakeCert *cert = require_cert (self, msg, input);

  if (cert == NULL)
    return;
  check_cert_records (self, cert);
  json_object_set_object_member (answer, "Certificate", json_object_ref (cert->detail));
  respond_json (self, msg, answer);
}

static FakeCert *
find_by_token (CaFakeAcm  *self,
               const char *token)
{
  for (guint i = 0; token != NULL && i < self->certs->len; i++)
    {
      FakeCert *cert = g_ptr_array_index (self->certs, i);

      if (g_strcmp0 (cert->token, token) == 0 && now_us (self) - cert->token_time < TOKEN_LIFETIME)
        return cert;
    }
  return NULL;
}

/* Checks DomainValidationOptions; returns name → ValidationDomain, or NULL after answering an error. */
static GHashTable *
check_validation_options (CaFakeAcm         *self,
                          SoupServerMessage *msg,
                          JsonObject        *input,
                          GPtrArray         *names)
{
  g_autoptr (GHashTable) domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *options = json_object_has_member (input, "DomainValidationOptions")
                         ? json_object_get_array_member (input, "DomainValidationOptions") : NULL;

  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    {
      JsonObject *option = json_array_get_object_element (options, i);
      const char *name = string_member (option, "DomainName");
      const char *vd = string_member (option, "ValidationDomain");
      gboolean known = FALSE;

      if (vd == NULL)
        {
          g_autofree char *message = g_strdup_printf ("1 validation error detected: Value null at 'domainValidationOptions.%u.member.validationDomain' failed to satisfy constraint: Member must not be null", i + 1);

          respond_error (self, msg, 400, "ValidationException", message);
          return NULL;
        }
      for (guint j = 0; j < names->len && !known; j++)
        known = g_strcmp0 (g_ptr_array_index (names, j), name) == 0;
      if (!known || !fake_is_name_or_parent (vd, name))
        {
          respond_error (self, msg, 400, "InvalidDomainValidationOptionsException",
                         "The ValidationDomain value must be the domain name or a superdomain of the domain name.");
          return NULL;
        }
      g_hash_table_insert (domains, g_strdup (name), g_strdup (vd));
    }
  return g_steal_pointer (&domains);
}

#define ACM_DOMAIN_PATTERN "^(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$"

static gboolean
check_names (CaFakeAcm         *self,
             SoupServerMessage *msg,
             GPtrArray         *names)
{
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      /* ACM's own pattern and length limit (MODEL DomainNameString), not the product's parser. */
      if (name == NULL || strlen (name) > 253 ||
          !g_regex_match_simple (ACM_DOMAIN_PATTERN, name, 0, 0))
        {
          g_autofree char *message = g_strdup_printf ("1 validation error detected: Value '%s' at 'domainName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$",
                                                      name != NULL ? name : "");

          respond_error (self, msg, 400, "ValidationException", message);
          return FALSE;
        }
    }
  return TRUE;
}

/* One tag's first problem in ACM's words, with the error type in *@type. */
static char *
find_tag_problem (JsonObject  *tag,
                  guint        index,
                  GHashTable  *seen,
                  const char **type)
{
  const char *key = string_member (tag, "Key");
  const char *value = string_member (tag, "Value");

  *type = "ValidationException";
  if (key == NULL)
    return g_strdup_printf ("1 validation error detected: Value null at 'tags.%u.member.key' failed to satisfy constraint: Member must not be null", index + 1);
  if (*key == '\0' || g_utf8_strlen (key, -1) > 128)
    return g_strdup_printf ("1 validation error detected: Value '%s' at 'tags.%u.member.key' failed to satisfy constraint: Member must have length less than or equal to 128 and greater than or equal to 1", key, index + 1);
  if (value != NULL && g_utf8_strlen (value, -1) > 256)
    return g_strdup_printf ("1 validation error detected: Value at 'tags.%u.member.value' failed to satisfy constraint: Member must have length less than or equal to 256", index + 1);
  *type = "InvalidTagException";
  if (g_ascii_strncasecmp (key, "aws:", 4) == 0)
    return g_strdup_printf ("Tag key '%s' uses the prefix 'aws:', which is reserved for AWS use.", key);
  if (!g_hash_table_add (seen, (gpointer) key))
    return g_strdup_printf ("Tag key '%s' appears more than once.", key);
  return NULL;
}

/* RequestCertificate's Tags: 1 to 50, keys 1-128 characters, values up to 256. */
static gboolean
check_tags (CaFakeAcm         *self,
            SoupServerMessage *msg,
            JsonObject        *input)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *tags = array_member (input, "Tags");
  const char *type;

  if (tags == NULL && json_object_has_member (input, "Tags"))
    {
      respond_error (self, msg, 400, "SerializationException", "Tags must be a list of {Key, Value}.");
      return FALSE;
    }
  if (tags != NULL && json_array_get_length (tags) == 0)
    {
      respond_error (self, msg, 400, "ValidationException", "1 validation error detected: Value '[]' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1");
      return FALSE;
    }
  if (tags != NULL && json_array_get_length (tags) > MAX_TAGS)
    {
      respond_error (self, msg, 400, "TooManyTagsException", "The request contains too many tags. Try the request again with fewer tags.");
      return FALSE;
    }
  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      JsonNode *node = json_array_get_element (tags, i);
      g_autofree char *problem = find_tag_problem (JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL,
                                                   i, seen, &type);

      if (problem != NULL)
        {
          respond_error (self, msg, 400, type, problem);
          return FALSE;
        }
    }
  return TRUE;
}

static void
op_request_certificate (CaFakeAcm         *self,
                        SoupServerMessage *msg,
                        JsonObject        *input)
{
  g_autoptr (JsonObject) answer = json_object_new ();
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GHashTable) domains = NULL;
  g_autoptr (JsonObject) spec = NULL;
  const char *token = string_member (input, "IdempotencyToken");
  const char *method = string_member (input, "ValidationMethod") ?: "EMAIL";
  FakeCert *cert;

  if (string_member (input, "DomainName") == NULL)
    {
      respond_error (self, msg, 400, "ValidationException", "1 validation error detected: Value null at 'domainName' failed to satisfy constraint: Member must not be null");
      return;
    }
  names = spec_names (input);
  if (!check_names (self, msg, names) || (domains = check_validation_options (self, msg, input, names)) == NULL ||
      !check_tags (self, msg, input))
    return;
  if (token != NULL && !g_regex_match_simple ("^\\w{1,32}$", token, 0, 0))
    {
      respond_error (self, msg, 400, "ValidationException", "1 validation error detected: Value at 'idempotencyToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \\w+");
      return;
    }

  cert = find_by_token (self, token);
  if (cert == NULL)
    {
      spec = json_object_new ();
      json_object_set_string_member (spec, "DomainName", g_ptr_array_index (names, 0));
      json_object_set_array_member (spec, "SubjectAlternativeNames", names_array (names));
      json_object_set_string_member (spec, "ValidationMethod", method);
      if (string_member (input, "KeyAlgorithm") != NULL)
        {
          g_autofree char *key = g_strdelimit (g_strdup (string_member (input, "KeyAlgorithm")), "_", '-');

          json_object_set_string_member (spec, "KeyAlgorithm", key);
        }
      if (json_object_has_member (input, "Tags"))
        json_object_set_member (spec, "Tags", json_object_dup_member (input, "Tags"));
      cert = create_cert (self, spec, domains);
      cert->token = g_strdup (token);
      cert->token_time = now_us (self);
    }
  json_object_set_string_member (answer, "CertificateArn", json_object_get_string_member (cert->detail, "CertificateArn"));
  respond_json (self, msg, answer);
}

static JsonObject *
find_option (FakeCert   *cert,
             const char *name)
{
  JsonArray *options = json_object_get_array_member (cert->detail, "DomainValidationOptions");

  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    if (g_strcmp0 (string_member (json_array_get_object_element (options, i), "DomainName"), name) == 0)
      return json_array_get_object_element (options, i);
  return NULL;
}

static void
op_resend_validation_email (CaFakeAcm         *self,
                            SoupServerMessage *msg,
                            JsonObject        *input)
{
  FakeCert *cert = require_cert (self, msg, input);
  const char *domain = string_member (input, "Domain");
  const char *vd = string_member (input, "ValidationDomain");
  double created;

  if (cert == NULL)
    return;
  created = double_member (cert->detail, "CreatedAt", 0);
  if (domain == NULL || vd == NULL)
    {
      respond_error (self, msg, 400, "ValidationException", "1 validation error detected: Value null at 'domain' failed to satisfy constraint: Member must not be null");
      return;
    }
  if (g_strcmp0 (string_member (cert->detail, "Status"), "PENDING_VALIDATION") != 0 ||
      g_strcmp0 (cert_method (cert), "EMAIL") != 0 ||
      now_seconds (self) - created > VALIDATION_WINDOW / G_USEC_PER_SEC)
    {
      g_autofree char *message = g_strdup_printf ("Certificate %s is not in a state to resend validation email.",
                                                  string_member (cert->detail, "CertificateArn"));

      respond_error (self, msg, 400, "InvalidStateException", message);
      return;
    }
  if (find_option (cert, domain) == NULL || !fake_is_name_or_parent (vd, domain))
    {
      respond_error (self, msg, 400, "InvalidDomainValidationOptionsException",
                     "The ValidationDomain value must be the domain name or a superdomain of the domain name.");
      return;
    }
  cert->resends++;
  respond_text (self, msg, SOUP_STATUS_OK, "");
}

static void
op_delete_certificate (CaFakeAcm         *self,
                       SoupServerMessage *msg,
                       JsonObject        *input)
{
  FakeCert *cert = require_cert (self, msg, input);

  if (cert == NULL)
    return;
  if (json_array_get_length (json_object_get_array_member (cert->detail, "InUseBy")) > 0)
    {
      g_autofree char *message = g_strdup_printf ("Certificate %s is in use.", string_member (cert->detail, "CertificateArn"));

      respond_error (self, msg, 400, "ResourceInUseException", message);
      return;
    }
  g_ptr_array_remove (self->certs, cert);
  respond_text (self, msg, SOUP_STATUS_OK, "");
}

/* The PEM says what DescribeCertificate says: the domain, the names, the dates. */
static void
issue_pem (FakeCert   *cert,
           JsonObject *answer)
{
  JsonArray *sans_array = json_object_has_member (cert->detail, "SubjectAlternativeNames") ?
                          json_object_get_array_member (cert->detail, "SubjectAlternativeNames") : NULL;
  g_autoptr (GPtrArray) sans = g_ptr_array_new ();
  g_autofree char *leaf = NULL;
  g_autofree char *chain = NULL;

  for (guint i = 0; sans_array != NULL && i < json_array_get_length (sans_array); i++)
    g_ptr_array_add (sans, (gpointer) json_array_get_string_element (sans_array, i));
  g_ptr_array_add (sans, NULL);
  leaf = ca_fake_x509_issue (string_member (cert->detail, "DomainName"), (const char * const *) sans->pdata,
                             (gint64) double_member (cert->detail, "NotBefore", 0),
                             (gint64) double_member (cert->detail, "NotAfter", 0), &chain);
  json_object_set_string_member (answer, "Certificate", leaf);
  json_object_set_string_member (answer, "CertificateChain", chain);
}

static void
op_get_certificate (CaFakeAcm         *self,
                    SoupServerMessage *msg,
                    JsonObject        *input)
{
  g_autoptr (JsonObject) answer = json_object_new ();
  FakeCert *cert = require_cert (self, msg, input);

  if (cert == NULL)
    return;
  check_cert_records (self, cert);
  if (g_strcmp0 (string_member (cert->detail, "Status"), "ISSUED") != 0)
    {
      g_autofree char *message = g_strdup_printf ("Certificate %s status is %s. Certificate may not be requested.",
                                                  string_member (cert->detail, "CertificateArn"),
                                                  string_member (cert->detail, "Status"));

      respond_error (self, msg, 400, "RequestInProgressException", message);
      return;
    }
  issue_pem (cert, answer);
  respond_json (self, msg, answer);
}

static void
op_update_certificate_options (CaFakeAcm         *self,
                               SoupServerMessage *msg,
                               JsonObject        *input)
{
  FakeCert *cert = require_cert (self, msg, input);
  JsonObject *options = json_object_has_member (input, "Options") ? json_object_get_object_member (input, "Options") : NULL;
  const char *method = string_member (options, "ValidationMethod");

  if (cert == NULL)
    return;
  if (options == NULL)
    {
      respond_error (self, msg, 400, "ValidationException", "1 validation error detected: Value null at 'options' failed to satisfy constraint: Member must not be null");
      return;
    }
  if (method == NULL)
    {
      respond_text (self, msg, SOUP_STATUS_OK, "");
      return;
    }
  if (cert->migrating)
    {
      respond_error (self, msg, 400, "ConflictException", "A validation method change is already in progress for this certificate.");
      return;
    }
  if (strcmp (method, "DNS") != 0 || g_strcmp0 (string_member (cert->detail, "Status"), "ISSUED") != 0 ||
      g_strcmp0 (string_member (cert->detail, "Type"), "AMAZON_ISSUED") != 0 ||
      g_strcmp0 (cert_method (cert), "EMAIL") != 0)
    {
      respond_error (self, msg, 400, "InvalidStateException",
                     "The certificate is not eligible for a validation method change. Only issued, public, email-validated certificates can move to DNS validation.");
      return;
    }
  cert->migrating = TRUE;
  cert->migration_records_at = now_us (self) + (gint64) self->record_delay_ms * 1000;
  respond_text (self, msg, SOUP_STATUS_OK, "");
}

static JsonObject *
validation_config (const char *method,
                   const char *status,
                   JsonObject *record)
{
  JsonObject *config = json_object_new ();

  json_object_set_string_member (config, "ValidationMethod", method);
  json_object_set_string_member (config, "ValidationStatus", status);
  if (record != NULL)
    {
      JsonObject *challenge = json_object_new ();
      JsonObject *dns = json_object_new ();

      json_object_set_object_member (dns, "ResourceRecord", record);
      json_object_set_object_member (challenge, "DnsValidationChallenge", dns);
      json_object_set_object_member (config, "ValidationChallenge", challenge);
    }
  return config;
}

static void
op_list_domain_validations (CaFakeAcm         *self,
                            SoupServerMessage *msg,
                            JsonObject        *input)
{
  g_autoptr (JsonObject) answer = json_object_new ();
  FakeCert *cert = require_cert (self, msg, input);
  JsonArray *options, *list;
  guint start, limit;

  if (cert == NULL)
    return;
  check_cert_records (self, cert);
  options = json_object_get_array_member (cert->detail, "DomainValidationOptions");
  list = json_array_new ();
  start = page_start (input);
  limit = page_limit (self, input);
  for (guint i = start; options != NULL && i < json_array_get_length (options); i++)
    {
      JsonObject *option = json_array_get_object_element (options, i);
      const char *name = string_member (option, "DomainName");
      const char *method = string_member (option, "ValidationMethod");
      JsonObject *entry;
      JsonObject *record = NULL;

      if (json_array_get_length (list) == limit)
        {
          g_autofree char *next = g_strdup_printf ("%u", i);

          json_object_set_string_member (answer, "NextToken", next);
          break;
        }
      entry = json_object_new ();
      json_object_set_string_member (entry, "DomainName", name);
      if (json_object_has_member (option, "ResourceRecord"))
        record = json_object_ref (json_object_get_object_member (option, "ResourceRecord"));
      json_object_set_object_member (entry, "ActiveValidationConfiguration",
                                     validation_config (method, string_member (option, "ValidationStatus"), record));
      if (cert->migrating)
        json_object_set_object_member (entry, "RequestedValidationConfiguration",
                                       validation_config ("DNS",
                                                          g_hash_table_contains (cert->migrated, name) ? "SUCCESS" : "PENDING_VALIDATION",
                                                          cert->migration_records_at <= now_us (self)
                                                            ? make_record (string_member (cert->detail, "CertificateArn"), name) : NULL));
      json_array_add_object_element (list, entry);
    }
  json_object_set_array_member (answer, "DomainValidationSummaryList", list);
  respond_json (self, msg, answer);
}

static void
op_list_tags_for_certificate (CaFakeAcm         *self,
                              SoupServerMessage *msg,
                              JsonObject        *input)
{
  g_autoptr (JsonObject) answer = json_object_new ();
  FakeCert *cert = require_cert (self, msg, input);

  if (cert == NULL)
    return;
  json_object_set_array_member (answer, "Tags", cert->tags != NULL ? json_array_ref (cert->tags) : json_array_new ());
  respond_json (self, msg, answer);
}

typedef void (*OperationFunc) (CaFakeAcm         *self,
                               SoupServerMessage *msg,
                               JsonObject        *input);

static const struct
{
  const char    *name;
  OperationFunc  func;
} operations[] = {
  { "DeleteCertificate", op_delete_certificate },
  { "DescribeCertificate", op_describe_certificate },
  { "GetCertificate", op_get_certificate },
  { "ListCertificateDomainValidations", op_list_domain_validations },
  { "ListCertificates", op_list_certificates },
  { "ListTagsForCertificate", op_list_tags_for_certificate },
  { "RequestCertificate", op_request_certificate },
  { "ResendValidationEmail", op_resend_validation_email },
  { "UpdateCertificateOptions", op_update_certificate_options },
};

/*
 * Signature checks
 */

typedef struct
{
  char  *access_key_id;
  char  *date;
  char  *region;
  char  *service;
  char **signed_headers;
  char  *signature;
} Authorization;

static void
authorization_clear (Authorization *auth)
{
  g_free (auth->access_key_id);
  g_free (auth->date);
  g_free (auth->region);
  g_free (auth->service);
  g_strfreev (auth->signed_headers);
  g_free (auth->signature);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Authorization, authorization_clear)

static gboolean
parse_authorization (const char    *header,
                     Authorization *auth)
{
  g_auto (GStrv) parts = NULL;

  if (header == NULL || !g_str_has_prefix (header, "AWS4-HMAC-SHA256 "))
    return FALSE;
  parts = g_strsplit (header + strlen ("AWS4-HMAC-SHA256 "), ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);

      if (g_str_has_prefix (part, "Credential="))
        {
          g_auto (GStrv) scope = g_strsplit (part + strlen ("Credential="), "/", -1);

          if (g_strv_length (scope) != 5 || strcmp (scope[4], "aws4_request") != 0)
            return FALSE;
          auth->access_key_id = g_strdup (scope[0]);
          auth->date = g_strdup (scope[1]);
          auth->region = g_strdup (scope[2]);
          auth->service = g_strdup (scope[3]);
        }
      else if (g_str_has_prefix (part, "SignedHeaders="))
        auth->signed_headers = g_strsplit (part + strlen ("SignedHeaders="), ";", -1);
      else if (g_str_has_prefix (part, "Signature="))
        auth->signature = g_strdup (part + strlen ("Signature="));
    }
  return auth->access_key_id != NULL && auth->signed_headers != NULL && auth->signature != NULL;
}

/* "Signature expired: 20261122T120000Z is now earlier than 20261122T130000Z (20261122T131000Z - 5 min.)" */
static gboolean
check_time (CaFakeAcm         *self,
            SoupServerMessage *msg,
            const char        *amz_date)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *iso = NULL;
  g_autoptr (GDateTime) sent = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (now_us (self) / G_USEC_PER_SEC);
  g_autofree char *now_text = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *message = NULL;
  GTimeSpan difference;

  if (amz_date == NULL || strlen (amz_date) != 16)
    {
      respond_error (self, msg, 400, "IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
      return FALSE;
    }
  iso = g_strdup_printf ("%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", amz_date, amz_date + 4, amz_date + 6,
                         amz_date + 9, amz_date + 11, amz_date + 13);
  sent = g_date_time_new_from_iso8601 (iso, utc);
  if (sent == NULL)
    {
      respond_error (self, msg, 400, "IncompleteSignatureException", "The X-Amz-Date header is not a date.");
      return FALSE;
    }
  difference = g_date_time_difference (now, sent);
  if (ABS (difference) <= MAX_SKEW)
    return TRUE;

  if (difference > 0)
    message = g_strdup_printf ("Signature expired: %s is now earlier than %s (%s - 5 min.)", amz_date, now_text, now_text);
  else
    message = g_strdup_printf ("Signature not yet current: %s is still later than %s (%s + 5 min.)", amz_date, now_text, now_text);
  respond_error (self, msg, 400, "InvalidSignatureException", message);
  return FALSE;
}

static gboolean
check_signature (CaFakeAcm         *self,
                 SoupServerMessage *msg,
                 GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_auto (Authorization) auth = { 0 };
  g_autoptr (GError) error = NULL;
  const char *amz_date = soup_message_headers_get_one (headers, "X-Amz-Date");
  const char *token = soup_message_headers_get_one (headers, "X-Amz-Security-Token");
  FakeKey *key;

  if (!parse_authorization (soup_message_headers_get_one (headers, "Authorization"), &auth))
    {
      respond_error (self, msg, 400, "MissingAuthenticationTokenException", "Missing Authentication Token");
      return FALSE;
    }
  if (!check_time (self, msg, amz_date))
    return FALSE;
  key = g_hash_table_lookup (self->keys, auth.access_key_id);
  if (key == NULL || (key->token != NULL && g_strcmp0 (key->token, token) != 0))
    {
      respond_error (self, msg, 400, "UnrecognizedClientException", "The security token included in the request is invalid.");
      return FALSE;
    }
  if (g_strcmp0 (auth.region, self->region) != 0 || g_strcmp0 (auth.service, "acm") != 0 ||
      !g_strv_contains ((const char * const *) auth.signed_headers, "host") ||
      !g_strv_contains ((const char * const *) auth.signed_headers, "x-amz-date") ||
      strncmp (auth.date, amz_date, 8) != 0)
    {
      respond_error (self, msg, 400, "InvalidSignatureException", "Credential should be scoped to a valid region, service and date, and sign host and x-amz-date.");
      return FALSE;
    }

  if (ca_fake_sigv4_verify (msg, body, auth.access_key_id, key->secret, auth.region, auth.service, &error))
    return TRUE;
  g_debug ("fake ACM: %s", error->message);
  respond_error (self, msg, 400, "InvalidSignatureException",
                 "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
  return FALSE;
}

/*
 * Requests
 */

static gboolean
take_fault (CaFakeAcm      *self,
            CaFakeAcmFault  fault)
{
  if (self->faults[fault] == 0)
    return FALSE;
  self->faults[fault]--;
  return TRUE;
}

/* AWS's signature-mismatch message quotes the canonical request it computed,
 * session token included; here under a type whose message the client shows,
 * with the Authorization header and a secret-looking key too, to prove that
 * nothing of it reaches a screen or a log. */
static void
respond_echo_credentials (CaFakeAcm         *self,
                          SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *token = soup_message_headers_get_one (headers, "X-Amz-Security-Token");
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_auto (Authorization) auth = { 0 };
  FakeKey *key = parse_authorization (authorization, &auth) ? g_hash_table_lookup (self->keys, auth.access_key_id) : NULL;
  g_autofree char *message = g_strdup_printf (
    "User: arn:aws:iam::123456789012:user/demo is not authorized. Authorization: %s\n"
    "aws_secret_access_key=%s\n\n"
    "The Canonical String for this request should have been\n"
    "'POST\n/\n\ncontent-type:application/x-amz-json-1.1\nx-amz-security-token:%s\n'\n\n"
    "The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n'",
    authorization != NULL ? authorization : "", key != NULL ? key->secret : CA_FAKE_ACM_SECRET_ACCESS_KEY,
    token != NULL ? token : "");

  respond_error (self, msg, 400, "AccessDeniedException", message);
}

/* Faults that answer instead of the operation. */
static gboolean
answer_fault (CaFakeAcm         *self,
              SoupServerMessage *msg)
{
  if (take_fault (self, CA_FAKE_ACM_FAULT_THROTTLE))
    respond_error (self, msg, 400, "ThrottlingException", "Rate exceeded");
  else if (take_fault (self, CA_FAKE_ACM_FAULT_SERVER_ERROR))
    respond_error (self, msg, 503, "ServiceUnavailable", "Service is unavailable. Please retry.");
  else if (take_fault (self, CA_FAKE_ACM_FAULT_MALFORMED_BODY))
    respond_text (self, msg, SOUP_STATUS_OK, "<html><body>Gateway says hello</body></html>");
  else if (take_fault (self, CA_FAKE_ACM_FAULT_LIMIT_EXCEEDED))
    respond_error (self, msg, 400, "LimitExceededException", "You have reached the maximum number of certificates.");
  else if (take_fault (self, CA_FAKE_ACM_FAULT_ACCESS_DENIED))
    respond_error (self, msg, 400, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/demo is not authorized to perform: acm:DescribeCertificate");
  else if (take_fault (self, CA_FAKE_ACM_FAULT_ECHO_CREDENTIALS))
    respond_echo_credentials (self, msg);
  else if (take_fault (self, CA_FAKE_ACM_FAULT_EXPIRED_TOKEN))
    respond_error (self, msg, 400, "ExpiredTokenException", "The security token included in the request is expired");
  else
    return FALSE;
  return TRUE;
}

static void
handle_acm_in_region (CaFakeAcm         *self,
                      SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *target = soup_message_headers_get_one (headers, "X-Amz-Target");
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *input;
  const char *operation;
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);

  if (strcmp (soup_server_message_get_method (msg), "POST") != 0 || target == NULL ||
      !g_str_has_prefix (target, "CertificateManager."))
    {
      respond_error (self, msg, 400, "UnknownOperationException", "The operation is not known.");
      return;
    }
  operation = target + strlen ("CertificateManager.");
  count (self, operation);
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      respond_error (self, msg, 400, "SerializationException", "The request body is not a JSON object.");
      return;
    }
  input = json_node_get_object (json_parser_get_root (parser));
  g_hash_table_insert (self->last_inputs, g_strdup (operation), json_object_ref (input));

  if (!check_signature (self, msg, body) || answer_fault (self, msg))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    if (strcmp (operations[i].name, operation) == 0)
      {
        operations[i].func (self, msg, input);
        return;
      }
  respond_error (self, msg, 400, "UnknownOperationException", "The operation is not known.");
}

/* How a region the account cannot use answers (aws-protocol.md §9). */
static gboolean
answer_region_refusal (CaFakeAcm         *self,
                       SoupServerMessage *msg,
                       const char        *state)
{
  if (strcmp (state, "not_enabled") == 0)
    respond_error (self, msg, 400, "UnrecognizedClientException", "The security token included in the request is invalid.");
  else if (strcmp (state, "denied") == 0)
    respond_error (self, msg, 400, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/demo is not authorized to perform: acm:ListCertificates with an explicit deny in a service control policy");
  else if (strcmp (state, "garbage") == 0)
    respond_text (self, msg, SOUP_STATUS_OK, "<html><body>Regional gateway says hello</body></html>");
  else if (strcmp (state, "throttle") == 0)
    respond_error (self, msg, 400, "ThrottlingException", "Rate exceeded");
  else if (strcmp (state, "hang") == 0)
    {
      /* Never answered: only the client's timeout ends the wait. */
      soup_server_message_pause (msg);
      g_object_set_data (G_OBJECT (msg), "ca-fake-hang", GINT_TO_POINTER (TRUE));
    }
  else
    return FALSE;
  return TRUE;
}

/* TRUE when the seed's "rate_limits" leave no token for this call in @region. */
static gboolean
over_rate_limit (CaFakeAcm         *self,
                 SoupServerMessage *msg,
                 const char        *region)
{
  const char *target = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "X-Amz-Target");
  const char *operation = target != NULL && g_str_has_prefix (target, "CertificateManager.")
                            ? target + strlen ("CertificateManager.") : NULL;
  double *rate = operation != NULL ? g_hash_table_lookup (self->rate_limits, operation) : NULL;
  g_autofree char *key = NULL;
  FakeBucket *bucket;
  gint64 now = g_get_monotonic_time ();

  if (rate == NULL)
    return FALSE;
  key = g_strdup_printf ("%s %s", region, operation);
  bucket = g_hash_table_lookup (self->rate_buckets, key);
  if (bucket == NULL)
    {
      bucket = g_new0 (FakeBucket, 1);
      bucket->tokens = *rate;
      bucket->updated = now;
      g_hash_table_insert (self->rate_buckets, g_steal_pointer (&key), bucket);
    }
  bucket->tokens = MIN (*rate, bucket->tokens + (now - bucket->updated) * *rate / G_USEC_PER_SEC);
  bucket->updated = now;
  if (bucket->tokens < 1)
    return TRUE;
  bucket->tokens -= 1;
  return FALSE;
}

/* Each request is answered from the store of the region its SigV4 credential
 * scope names: the fake's own region, or one the seed's "regions" adds. */
static void
handle_acm (CaFakeAcm         *self,
            SoupServerMessage *msg)
{
  g_auto (Authorization) auth = { 0 };
  FakeRegion *region = NULL;
  GPtrArray *home_certs = self->certs;
  char *home_region = self->region;
  gboolean signed_request = parse_authorization (soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization"), &auth);

  if (self->rate_limits != NULL && over_rate_limit (self, msg, signed_request ? auth.region : self->region))
    {
      count (self, "throttled");
      respond_error (self, msg, 400, "ThrottlingException", "Rate exceeded");
      return;
    }
  if (self->regions != NULL && signed_request && g_strcmp0 (auth.region, self->region) != 0)
    region = g_hash_table_lookup (self->regions, auth.region);
  if (region == NULL)
    {
      handle_acm_in_region (self, msg);
      return;
    }
  if (answer_region_refusal (self, msg, region->state))
    {
      count (self, "region-refused");
      return;
    }
  self->certs = region->certs;
  self->region = auth.region;
  handle_acm_in_region (self, msg);
  self->certs = home_certs;
  self->region = home_region;
}

/*
 * Control API for the executable (/_fake/…), unsigned, loopback only
 */

static JsonObject *
stats_object (CaFakeAcm *self)
{
  JsonObject *stats = json_object_new ();
  JsonObject *operations_object = json_object_new ();
  JsonObject *inputs_object;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (strcmp (key, "total") != 0)
      json_object_set_int_member (operations_object, key, GPOINTER_TO_UINT (value));
  json_object_set_int_member (stats, "total", ca_fake_acm_get_request_count (self, NULL));
  json_object_set_object_member (stats, "operations", operations_object);
  /* What a process driving the GUI checks: what each operation was last asked. */
  inputs_object = json_object_new ();
  g_hash_table_iter_init (&iter, self->last_inputs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_object_member (inputs_object, key, json_object_ref (value));
  json_object_set_object_member (stats, "last_inputs", inputs_object);
  /* What a process driving the GUI checks after "Create in Route 53": each zone's records. */
  json_object_set_object_member (stats, "route53_records", ca_fake_route53_records_object (self->route53));
  return stats;
}

static void
handle_control (CaFakeAcm         *self,
                SoupServerMessage *msg,
                const char        *path)
{
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonObject) stats = NULL;
  JsonObject *input = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  CaFakeAcmFault fault;

  if (len > 0 && json_parser_load_from_data (parser, data, len, NULL) && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    input = json_node_get_object (json_parser_get_root (parser));

  if (strcmp (path, "/_fake/approve") == 0 && ca_fake_acm_approve (self, string_member (input, "arn")))
    respond_text (self, msg, SOUP_STATUS_OK, "{}");
  else if (strcmp (path, "/_fake/fault") == 0 && ca_fake_acm_fault_from_string (string_member (input, "fault"), &fault))
    {
      ca_fake_acm_inject_fault (self, fault, (guint) double_member (input, "count", 1));
      respond_text (self, msg, SOUP_STATUS_OK, "{}");
    }
  else if (strcmp (path, "/_fake/delay") == 0 && input != NULL)
    {
      ca_fake_acm_set_delay_ms (self, (guint) double_member (input, "ms", 0));
      respond_text (self, msg, SOUP_STATUS_OK, "{}");
    }
  else if (strcmp (path, "/_fake/stats") == 0)
    {
      stats = stats_object (self);
      respond_json (self, msg, stats);
    }
  else if (strcmp (path, "/_fake/reset-stats") == 0)
    {
      ca_fake_acm_reset_counts (self);
      respond_text (self, msg, SOUP_STATUS_OK, "{}");
    }
  else
    respond_text (self, msg, SOUP_STATUS_NOT_FOUND, "{\"error\": \"unknown control request\"}");
}

typedef struct
{
  CaFakeAcm         *self;
  SoupServerMessage *msg;
} Delayed;

/* libsoup 3.2 loses track of the socket of a message whose client went away
 * (a timeout) or whose connection was stolen (a dropped connection); keeping
 * them here until exit keeps LeakSanitizer's report about our own code. */
static void
retire (gpointer object)
{
  static GPtrArray *retired;

  if (retired == NULL)
    retired = g_ptr_array_new ();
  g_ptr_array_add (retired, object);
}

static gboolean
delayed_cb (gpointer user_data)
{
  Delayed *delayed = user_data;

  handle_acm (delayed->self, delayed->msg);
  if (g_object_get_data (G_OBJECT (delayed->msg), "ca-fake-hang") == NULL)
    soup_server_message_unpause (delayed->msg);
  retire (delayed->msg);
  g_object_unref (delayed->self);
  g_free (delayed);
  return G_SOURCE_REMOVE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  CaFakeAcm *self = user_data;

  if (g_str_has_prefix (path, "/_fake/"))
    {
      handle_control (self, msg, path);
      return;
    }
  /* Route 53 has faults and counts of its own: the ACM ones (total, drop, delay) stay ACM's. */
  if (g_str_has_prefix (path, CA_FAKE_ROUTE53_PATH_PREFIX))
    {
      ca_fake_route53_handle (self->route53, msg);
      return;
    }

  count (self, "total");
  if (take_fault (self, CA_FAKE_ACM_FAULT_DROP_CONNECTION))
    {
      GIOStream *stream = soup_server_message_steal_connection (msg);

      g_io_stream_close (stream, NULL, NULL);
      retire (stream);
      return;
    }
  if (self->delay_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->self = g_object_ref (self);
      delayed->msg = g_object_ref (msg);
      soup_server_message_pause (msg);
      g_timeout_add (self->delay_ms, delayed_cb, delayed);
      return;
    }
  handle_acm (self, msg);
}

/*
 * Public API
 */

CaFakeAcm *
ca_fake_acm_new (const char *region)
{
  CaFakeAcm *self = g_object_new (CA_TYPE_FAKE_ACM, NULL);

  self->region = g_strdup (region != NULL ? region : "us-east-1");
  self->server = soup_server_new ("server-header", "fake-acm", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  ca_fake_acm_add_key (self, CA_FAKE_ACM_ACCESS_KEY_ID, CA_FAKE_ACM_SECRET_ACCESS_KEY, NULL);

  return self;
}

/* @port 0 picks a free port on 127.0.0.1. */
gboolean
ca_fake_acm_listen (CaFakeAcm  *self,
                    guint       port,
                    GError    **error)
{
  GSList *uris;

  g_return_val_if_fail (CA_IS_FAKE_ACM (self), FALSE);

  if (!soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;
  uris = soup_server_get_uris (self->server);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* botocore takes a moment to load: let it while the test gets ready. */
  ca_fake_sigv4_start ();
  return TRUE;
}

guint
ca_fake_acm_get_port (CaFakeAcm *self)
{
  g_return_val_if_fail (CA_IS_FAKE_ACM (self), 0);
  return self->port;
}

char *
ca_fake_acm_get_url (CaFakeAcm *self)
{
  g_return_val_if_fail (CA_IS_FAKE_ACM (self), NULL);
  return g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

/* @session_token: (nullable): when set, requests must carry it */
void
ca_fake_acm_add_key (CaFakeAcm  *self,
                     const char *access_key_id,
                     const char *secret_access_key,
                     const char *session_token)
{
  FakeKey *key = g_new0 (FakeKey, 1);

  key->secret = g_strdup (secret_access_key);
  key->token = g_strdup (session_token);
  g_hash_table_insert (self->keys, g_strdup (access_key_id), key);
}

/**
 * ca_fake_acm_add_certificate:
 * @spec: DomainName, and optionally SubjectAlternativeNames, Status,
 *   ValidationMethod, ValidationDomain, Type, FailureReason, KeyAlgorithm,
 *   InUseBy, RenewalSummary, DomainValidationOptions, CertificateArn,
 *   CreatedHoursAgo, NotAfterDaysAhead, Tags
 *
 * Returns: (transfer full): the certificate's ARN
 */
char *
ca_fake_acm_add_certificate (CaFakeAcm  *self,
                             JsonObject *spec)
{
  g_autoptr (GHashTable) domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) names = NULL;
  const char *vd = string_member (spec, "ValidationDomain");
  FakeCert *cert;

  g_return_val_if_fail (CA_IS_FAKE_ACM (self), NULL);
  g_return_val_if_fail (string_member (spec, "DomainName") != NULL, NULL);

  names = spec_names (spec);
  for (guint i = 0; vd != NULL && i < names->len; i++)
    if (fake_is_name_or_parent (vd, g_ptr_array_index (names, i)))
      g_hash_table_insert (domains, g_strdup (g_ptr_array_index (names, i)), g_strdup (vd));
  cert = create_cert (self, spec, domains);

  return g_strdup (json_object_get_string_member (cert->detail, "CertificateArn"));
}

/* "keys": [{"AccessKeyId", "SecretAccessKey", "SessionToken"}]: more identities
 * the fake knows, beside AWS's example key (a token, when given, must be sent). */
static gboolean
load_seed_keys (CaFakeAcm   *self,
                JsonObject  *seed,
                GError     **error)
{
  JsonArray *keys = json_object_has_member (seed, "keys") ? json_object_get_array_member (seed, "keys") : NULL;

  for (guint i = 0; keys != NULL && i < json_array_get_length (keys); i++)
    {
      JsonNode *node = json_array_get_element (keys, i);
      JsonObject *key = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (key == NULL || string_member (key, "AccessKeyId") == NULL || string_member (key, "SecretAccessKey") == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "key %u of the seed has no AccessKeyId or SecretAccessKey", i);
          return FALSE;
        }
      ca_fake_acm_add_key (self, string_member (key, "AccessKeyId"), string_member (key, "SecretAccessKey"),
                           string_member (key, "SessionToken"));
    }
  return TRUE;
}

static gboolean load_region_seed (CaFakeAcm   *self,
                                  const char  *name,
                                  JsonObject  *seed,
                                  GError     **error);

gboolean
ca_fake_acm_load_seed (CaFakeAcm   *self,
                       JsonObject  *seed,
                       GError     **error)
{
  JsonArray *certificates = json_object_has_member (seed, "certificates")
                              ? json_object_get_array_member (seed, "certificates") : NULL;

  g_return_val_if_fail (CA_IS_FAKE_ACM (self), FALSE);

  if (json_object_has_member (seed, "record_delay_ms"))
    self->record_delay_ms = (guint) double_member (seed, "record_delay_ms", 0);
  if (json_object_has_member (seed, "delay_ms"))
    self->delay_ms = (guint) double_member (seed, "delay_ms", 0);
  if (json_object_has_member (seed, "page_size"))
    ca_fake_acm_set_page_size (self, (guint) double_member (seed, "page_size", 1000));
  if (!load_seed_keys (self, seed, error))
    return FALSE;
  if (json_object_has_member (seed, "rate_limits"))
    {
      JsonObject *limits = json_object_get_object_member (seed, "rate_limits");
      g_autoptr (GList) limited = limits != NULL ? json_object_get_members (limits) : NULL;

      g_clear_pointer (&self->rate_limits, g_hash_table_unref);
      g_clear_pointer (&self->rate_buckets, g_hash_table_unref);
      self->rate_limits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      self->rate_buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (GList *l = limited; l != NULL; l = l->next)
        g_hash_table_insert (self->rate_limits, g_strdup (l->data),
                             g_memdup2 (&(double) { MAX (double_member (limits, l->data, 1), 0.1) }, sizeof (double)));
    }
  for (guint i = 0; certificates != NULL && i < json_array_get_length (certificates); i++)
    {
      JsonNode *node = json_array_get_element (certificates, i);
      g_autofree char *arn = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node) || string_member (json_node_get_object (node), "DomainName") == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "certificate %u of the seed has no DomainName", i);
          return FALSE;
        }
      arn = ca_fake_acm_add_certificate (self, json_node_get_object (node));
    }
  if (json_object_has_member (seed, "hosted_zones") &&
      (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (seed, "hosted_zones")) ||
       !ca_fake_route53_load_seed (self->route53, json_object_get_array_member (seed, "hosted_zones"), error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "hosted_zones of the seed is not an array");
      return FALSE;
    }
  if (json_object_has_member (seed, "regions"))
    {
      JsonObject *regions = json_object_get_object_member (seed, "regions");
      g_autoptr (GList) names = regions != NULL ? json_object_get_members (regions) : NULL;

      for (GList *l = names; l != NULL; l = l->next)
        if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (regions, l->data)) ||
            !load_region_seed (self, l->data, json_object_get_object_member (regions, l->data), error))
          {
            if (error != NULL && *error == NULL)
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "region %s of the seed is not an object", (char *) l->data);
            return FALSE;
          }
    }
  return TRUE;
}

/* Seeds another region: its "state" and "certificates", created as if the
 * fake lived there (ARNs name that region). */
static gboolean
load_region_seed (CaFakeAcm   *self,
                  const char  *name,
                  JsonObject  *seed,
                  GError     **error)
{
  FakeRegion *region = g_new0 (FakeRegion, 1);
  g_autoptr (JsonObject) certificates_only = json_object_new ();
  GPtrArray *home_certs = self->certs;
  char *home_region = self->region;
  gboolean ok;

  if (self->regions == NULL)
    self->regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) fake_region_free);
  region->state = g_strdup (string_member (seed, "state") ?: "ok");
  region->certs = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_cert_free);
  g_hash_table_replace (self->regions, g_strdup (name), region);
  if (json_object_has_member (seed, "certificates"))
    json_object_set_member (certificates_only, "certificates", json_object_dup_member (seed, "certificates"));
  self->certs = region->certs;
  self->region = (char *) name;
  ok = ca_fake_acm_load_seed (self, certificates_only, error);
  self->certs = home_certs;
  self->region = home_region;
  return ok;
}

gboolean
ca_fake_acm_load_seed_file (CaFakeAcm   *self,
                            const char  *path,
                            GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_file (parser, path, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not a JSON object", path);
      return FALSE;
    }
  return ca_fake_acm_load_seed (self, json_node_get_object (json_parser_get_root (parser)), error);
}

/* A certificate of another region's store, approved there. */
static gboolean
approve_in_regions (CaFakeAcm  *self,
                    const char *arn)
{
  GPtrArray *home_certs = self->certs;
  GHashTableIter iter;
  gpointer region;
  gboolean approved = FALSE;

  if (self->regions == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, self->regions);
  while (!approved && g_hash_table_iter_next (&iter, NULL, &region))
    {
      self->certs = ((FakeRegion *) region)->certs;
      approved = find_cert (self, arn) != NULL && ca_fake_acm_approve (self, arn);
    }
  self->certs = home_certs;
  return approved;
}

/* The user clicked every approval link (or, without a DNS server to look
 * them up at, published the CNAMEs). */
gboolean
ca_fake_acm_approve (CaFakeAcm  *self,
                     const char *arn)
{
  FakeCert *cert;
  JsonArray *options;

  g_return_val_if_fail (CA_IS_FAKE_ACM (self), FALSE);

  cert = find_cert (self, arn);
  if (cert == NULL)
    return approve_in_regions (self, arn);
  if (cert->migrating)
    {
      finish_migration (self, cert);
      return TRUE;
    }
  if (g_strcmp0 (string_member (cert->detail, "Status"), "PENDING_VALIDATION") != 0)
    return FALSE;
  options = json_object_get_array_member (cert->detail, "DomainValidationOptions");
  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    json_object_set_string_member (json_array_get_object_element (options, i), "ValidationStatus", "SUCCESS");
  set_issued (self, cert->detail, now_seconds (self), now_seconds (self) + VALIDITY_DAYS * 86400.0);
  return TRUE;
}

/* Returns: (transfer none) (nullable): the stored CertificateDetail */
JsonObject *
ca_fake_acm_get_detail (CaFakeAcm  *self,
                        const char *arn)
{
  FakeCert *cert;

  g_return_val_if_fail (CA_IS_FAKE_ACM (self), NULL);

  cert = find_cert (self, arn);
  if (cert == NULL)
    return NULL;
  refresh_cert (self, cert);
  return cert->detail;
}

/* The next @count ACM requests get @fault; a Route 53 fault, the next @count Route 53
 * requests it applies to (throttle and access-denied: any; the others: ChangeResourceRecordSets). */
void
ca_fake_acm_inject_fault (CaFakeAcm      *self,
                          CaFakeAcmFault  fault,
                          guint           count_)
{
  g_return_if_fail (CA_IS_FAKE_ACM (self));
  g_return_if_fail (fault < CA_FAKE_ACM_N_FAULTS);

  self->faults[fault] = count_;
}

gboolean
ca_fake_acm_fault_from_string (const char     *name,
                               CaFakeAcmFault *fault)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (fault_names); i++)
    if (strcmp (fault_names[i], name) == 0)
      {
        *fault = i;
        return TRUE;
      }
  return FALSE;
}

void
ca_fake_acm_set_delay_ms (CaFakeAcm *self,
                          guint      delay_ms)
{
  g_return_if_fail (CA_IS_FAKE_ACM (self));
  self->delay_ms = delay_ms;
}

/* How long after a DNS request (or a migration) its CNAME records appear. */
void
ca_fake_acm_set_record_delay_ms (CaFakeAcm *self,
                                 guint      delay_ms)
{
  g_return_if_fail (CA_IS_FAKE_ACM (self));
  self->record_delay_ms = delay_ms;
}

/**
 * ca_fake_acm_set_dns_server:
 * @server: (nullable): `127.0.0.1@PORT`, or %NULL for no lookups
 *
 * With a server, the fake validates as ACM does: once a DNS request's (or a
 * migration's) records are published, each name succeeds when its record
 * resolves to the expected value at @server, and the certificate is issued
 * (a migration completes, keeping the ARN) when every name has. It looks
 * when asked about the certificate (DescribeCertificate, GetCertificate,
 * ListCertificates, ListCertificateDomainValidations). Without one, only
 * ca_fake_acm_approve() validates; it still does with one.
 */
void
ca_fake_acm_set_dns_server (CaFakeAcm  *self,
                            const char *server)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketAddress) address = NULL;

  g_return_if_fail (CA_IS_FAKE_ACM (self));

  if (server != NULL && (address = ca_fake_dns_parse_server (server, &error)) == NULL)
    {
      g_critical ("%s", error->message);
      return;
    }
  g_set_object (&self->dns_server, address);
}

/* Our clock (Date headers, signature time checks) runs @seconds ahead. */
void
ca_fake_acm_set_clock_skew (CaFakeAcm *self,
                            gint64     seconds)
{
  g_return_if_fail (CA_IS_FAKE_ACM (self));
  self->skew = seconds * G_USEC_PER_SEC;
}

void
ca_fake_acm_set_page_size (CaFakeAcm *self,
                           guint      page_size)
{
  g_return_if_fail (CA_IS_FAKE_ACM (self));
  self->page_size = MAX (page_size, 1);
}

/* @operation: (nullable): one operation, or %NULL for every ACM request (dropped ones included) */
guint
ca_fake_acm_get_request_count (CaFakeAcm  *self,
                               const char *operation)
{
  g_return_val_if_fail (CA_IS_FAKE_ACM (self), 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, operation != NULL ? operation : "total"));
}

void
ca_fake_acm_reset_counts (CaFakeAcm *self)
{
  g_return_if_fail (CA_IS_FAKE_ACM (self));
  g_hash_table_remove_all (self->counts);
}

/* Returns: (transfer none) (nullable): the body of the last @operation request */
JsonObject *
ca_fake_acm_get_last_input (CaFakeAcm  *self,
                            const char *operation)
{
  g_return_val_if_fail (CA_IS_FAKE_ACM (self), NULL);
  return g_hash_table_lookup (self->last_inputs, operation);
}

/* Points this process (and the programs it starts) at the fake, with the
 * example keys, no AWS files and a short retry backoff. */
void
ca_fake_acm_setup_env (CaFakeAcm *self)
{
  g_autofree char *url = ca_fake_acm_get_url (self);

  g_setenv ("AWS_ENDPOINT_URL_ACM", url, TRUE);
  g_setenv ("AWS_ENDPOINT_URL_ROUTE_53", url, TRUE);
  g_setenv ("AWS_REGION", self->region, TRUE);
  g_setenv ("AWS_ACCESS_KEY_ID", CA_FAKE_ACM_ACCESS_KEY_ID, TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", CA_FAKE_ACM_SECRET_ACCESS_KEY, TRUE);
  g_setenv ("AWS_CONFIG_FILE", "/nonexistent/aws/config", TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws/credentials", TRUE);
  g_setenv ("CERTASSIST_RETRY_BASE_MS", "2", TRUE);
  g_unsetenv ("AWS_SESSION_TOKEN");
  g_unsetenv ("AWS_SECURITY_TOKEN");
  g_unsetenv ("AWS_PROFILE");
  g_unsetenv ("AWS_DEFAULT_PROFILE");
  g_unsetenv ("AWS_DEFAULT_REGION");
  g_unsetenv ("AWS_ENDPOINT_URL");
}

/*
 * Route 53 (ca-fake-route53.c)
 */

/**
 * ca_fake_acm_add_hosted_zone:
 * @zone_id: bare ("Z1EXAMPLE")
 * @name: the zone's name, final dot or not
 * @name_servers: (nullable): the delegation set GetHostedZone answers for a public zone;
 *   %NULL gives four awsdns servers of its own, as Route 53 does
 *
 * Adds a hosted zone, empty, whose changes become INSYNC after the fake's current
 * ca_fake_acm_set_insync_after_polls().
 */
void
ca_fake_acm_add_hosted_zone (CaFakeAcm          *self,
                             const char         *zone_id,
                             const char         *name,
                             gboolean            private_zone,
                             const char * const *name_servers)
{
  g_return_if_fail (CA_IS_FAKE_ACM (self));
  g_return_if_fail (zone_id != NULL && name != NULL);

  ca_fake_route53_add_zone (self->route53, zone_id, name, private_zone, name_servers,
                            ca_fake_route53_get_insync_after_polls (self->route53));
}

/* Every zone's changes, and those of zones added later, answer INSYNC from their
 * @polls-th GetChange on (0 and 1: the first; G_MAXUINT: never). Default 1. */
void
ca_fake_acm_set_insync_after_polls (CaFakeAcm *self,
                                    guint      polls)
{
  g_return_if_fail (CA_IS_FAKE_ACM (self));
  ca_fake_route53_set_insync_after_polls (self->route53, polls);
}

/**
 * ca_fake_acm_get_zone_records:
 * @zone_id: bare, or with its "/hostedzone/"
 *
 * Returns: (transfer full) (element-type utf8) (nullable): "name TYPE value" for each
 *   value of each record set the zone holds, names lower case without the final dot,
 *   values as sent, in the order they were made; %NULL when there is no such zone
 */
GPtrArray *
ca_fake_acm_get_zone_records (CaFakeAcm  *self,
                              const char *zone_id)
{
  g_return_val_if_fail (CA_IS_FAKE_ACM (self), NULL);
  return ca_fake_route53_get_zone_records (self->route53, zone_id);
}

/* @func: (nullable): called when a change becomes INSYNC, once per CNAME it upserted or
 * created in a public zone (tests put the record into their unbound with it). */
void
ca_fake_acm_set_route53_publish_func (CaFakeAcm            *self,
                                      CaFakeAcmPublishFunc  func,
                                      gpointer              user_data)
{
  g_return_if_fail (CA_IS_FAKE_ACM (self));
  ca_fake_route53_set_publish_func (self->route53, func, user_data);
}

/* Lent to ca-fake-route53.c: one key store, clock, fault list and count for both halves. */
gboolean
ca_fake_acm_find_key (CaFakeAcm   *self,
                      const char  *access_key_id,
                      const char **secret_access_key,
                      const char **session_token)
{
  FakeKey *key = g_hash_table_lookup (self->keys, access_key_id);

  if (key == NULL)
    return FALSE;
  *secret_access_key = key->secret;
  *session_token = key->token;
  return TRUE;
}

gint64
ca_fake_acm_now_us (CaFakeAcm *self)
{
  return now_us (self);
}

gboolean
ca_fake_acm_take_fault (CaFakeAcm      *self,
                        CaFakeAcmFault  fault)
{
  return take_fault (self, fault);
}

void
ca_fake_acm_count_operation (CaFakeAcm  *self,
                             const char *operation)
{
  count (self, operation);
}

/* @input: (transfer full) */
void
ca_fake_acm_set_last_input (CaFakeAcm  *self,
                            const char *operation,
                            JsonObject *input)
{
  g_hash_table_insert (self->last_inputs, g_strdup (operation), input);
}
