/* test-route53.c: the Route 53 client and publishing, against the fake Route 53 and real DNS
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fake (tests/fake-acm) serves ACM and Route 53 on one loopback URL and checks
 * every signature with botocore; the records are looked at through a real unbound
 * (the fake publishes into it when a change becomes INSYNC), and the delegation
 * through the signed lab hierarchy (tests/zones/lab/).
 */

#include "config.h"

#include <string.h>

#include "ca-acm-client.h"
#include "ca-aws-client-http.h"
#include "ca-aws-client.h"
#include "ca-error.h"
#include "ca-fake-acm.h"
#include "ca-json.h"
#include "ca-finding.h"
#include "ca-route53-publish.h"
#include "ca-sigv4.h"
#include "ca-test-hierarchy.h"
#include "ca-test-unbound.h"
#include "ca-test-util.h"
#include "ca-xml.h"

static const char * const aws_ns[] = {
  "ns-1.awsdns-01.org", "ns-2.awsdns-02.net", NULL
};

typedef struct
{
  CaFakeAcm       *fake;
  CaAcmClient     *acm;
  CaRoute53Client *route53;
  CaTestUnbound   *unbound;   /* started by the tests that look at the records */
  CaDnsResolver   *resolver;
  guint            n_changed;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  CaAwsClient *aws;
  g_autoptr (GError) error = NULL;

  fixture->fake = ca_fake_acm_new ("us-east-1");
  ca_fake_acm_set_record_delay_ms (fixture->fake, 0);
  g_assert_true (ca_fake_acm_listen (fixture->fake, 0, &error));
  ca_fake_acm_setup_env (fixture->fake);
  fixture->acm = ca_acm_client_new (NULL, NULL, 5, &error);
  g_assert_no_error (error);
  aws = ca_acm_client_get_aws (fixture->acm);
  fixture->route53 = ca_route53_client_new (ca_aws_client_get_http (aws), ca_aws_client_get_credentials (aws), &error);
  g_assert_no_error (error);
  ca_route53_client_set_retry_base_ms (fixture->route53, 1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->resolver);
  g_clear_pointer (&fixture->unbound, ca_test_unbound_stop);
  g_clear_object (&fixture->route53);
  g_clear_object (&fixture->acm);
  g_clear_object (&fixture->fake);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The records ACM gives for a DNS-validated request of @names, as the app reads them. */
static GPtrArray *
request_records (Fixture            *fixture,
                 const char * const *names)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) spec = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CaAcmCertificate) certificate = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *arn = NULL;
  GPtrArray *records;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "DomainName");
  json_builder_add_string_value (builder, names[0]);
  ca_json_add_strv (builder, "SubjectAlternativeNames", names);
  json_builder_set_member_name (builder, "ValidationMethod");
  json_builder_add_string_value (builder, "DNS");
  json_builder_end_object (builder);
  spec = json_builder_get_root (builder);
  arn = ca_fake_acm_add_certificate (fixture->fake, json_node_get_object (spec));

  ca_acm_client_describe_certificate_async (fixture->acm, arn, NULL, ca_test_store_result_cb, &result);
  certificate = ca_acm_client_describe_certificate_finish (fixture->acm, ca_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  records = ca_acm_records_from_validations (ca_acm_certificate_get_validations (certificate));
  g_assert_nonnull (records);
  return records;
}

static void
record_changed_cb (CaRoute53Publish *publish,
                   guint             index,
                   Fixture          *fixture)
{
  g_assert_cmpuint (index, <, ca_route53_publish_get_n_records (publish));
  fixture->n_changed++;
}

static CaRoute53Publish *
create_publish (Fixture            *fixture,
                const char * const *names,
                const char         *zone_id)
{
  g_autoptr (GPtrArray) records = request_records (fixture, names);
  CaRoute53Publish *publish = ca_route53_publish_new (fixture->route53, records, zone_id, fixture->resolver);

  ca_route53_publish_set_poll_interval (publish, 1);
  g_signal_connect (publish, "record-changed", G_CALLBACK (record_changed_cb), fixture);
  return publish;
}

static gboolean
plan (CaRoute53Publish  *publish,
      GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_route53_publish_plan_async (publish, NULL, ca_test_store_result_cb, &result);
  return ca_route53_publish_plan_finish (publish, ca_test_wait_for_result (&result), error);
}

static gboolean
apply (CaRoute53Publish  *publish,
       GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_route53_publish_apply_async (publish, NULL, ca_test_store_result_cb, &result);
  return ca_route53_publish_apply_finish (publish, ca_test_wait_for_result (&result), error);
}

/* The index of the record that validates @domain. */
static guint
record_for (CaRoute53Publish *publish,
            const char       *domain)
{
  for (guint i = 0; i < ca_route53_publish_get_n_records (publish); i++)
    if (g_strv_contains (ca_acm_record_get_domains (ca_route53_publish_get_record (publish, i)), domain))
      return i;
  g_assert_not_reached ();
}

static char *
finding_ids (CaRoute53Publish *publish)
{
  return ca_test_finding_ids (ca_route53_publish_get_findings (publish));
}

/* The record of @index as the fake lists a zone's records: "name CNAME value". */
static char *
zone_line (CaRoute53Publish *publish,
           guint             index)
{
  CaAcmRecord *record = ca_route53_publish_get_record (publish, index);
  g_autofree char *name = ca_dns_name_normalize (ca_acm_record_get_name (record));
  g_autofree char *value = ca_dns_name_normalize (ca_acm_record_get_value (record));

  return g_strdup_printf ("%s CNAME %s", name, value);
}

static gboolean
zone_holds (Fixture          *fixture,
            const char       *zone_id,
            CaRoute53Publish *publish,
            guint             index)
{
  g_autoptr (GPtrArray) lines = ca_fake_acm_get_zone_records (fixture->fake, zone_id);
  g_autofree char *wanted = zone_line (publish, index);

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (lines, i), wanted) == 0)
      return TRUE;
  return FALSE;
}

static guint
n_zone_records (Fixture    *fixture,
                const char *zone_id)
{
  g_autoptr (GPtrArray) lines = ca_fake_acm_get_zone_records (fixture->fake, zone_id);

  return lines != NULL ? lines->len : 0;
}

/*
 * Finding the zone
 */

/* api.sub.example.com's record goes into sub.example.com, www.example.com's into
 * example.com; one batch per zone, the name and its wildcard sharing one record. */
static void
test_longest_match_nested_zones (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char * const names[] = { "www.example.com", "api.sub.example.com", "*.api.sub.example.com", NULL };
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GError) error = NULL;
  guint www, api;

  ca_fake_acm_add_hosted_zone (fixture->fake, "Z1EXAMPLE", "example.com", FALSE, aws_ns);
  ca_fake_acm_add_hosted_zone (fixture->fake, "Z2SUB", "sub.example.com", FALSE, aws_ns);
  publish = create_publish (fixture, names, NULL);
  g_assert_cmpuint (ca_route53_publish_get_n_records (publish), ==, 2);

  g_assert_true (plan (publish, &error));
  g_assert_no_error (error);
  www = record_for (publish, "www.example.com");
  api = record_for (publish, "*.api.sub.example.com");
  g_assert_cmpstr (ca_route53_publish_get_record_zone_id (publish, www), ==, "Z1EXAMPLE");
  g_assert_cmpstr (ca_route53_publish_get_record_zone (publish, www), ==, "example.com");
  g_assert_cmpstr (ca_route53_publish_get_record_zone_id (publish, api), ==, "Z2SUB");
  g_assert_cmpstr (ca_route53_publish_get_record_zone (publish, api), ==, "sub.example.com");
  g_assert_cmpint (ca_route53_publish_get_record_state (publish, api), ==, CA_ROUTE53_RECORD_PLANNED);
  g_assert_true (ca_route53_publish_has_changes (publish));
  g_assert_cmpstr (ca_route53_publish_get_status (publish), ==, "planned");
  /* The plan changes nothing. */
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ChangeResourceRecordSets"), ==, 0);
  g_assert_cmpuint (n_zone_records (fixture, "Z1EXAMPLE"), ==, 0);

  g_assert_true (apply (publish, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ChangeResourceRecordSets"), ==, 2);
  g_assert_true (zone_holds (fixture, "Z1EXAMPLE", publish, www));
  g_assert_true (zone_holds (fixture, "Z2SUB", publish, api));
  g_assert_cmpuint (n_zone_records (fixture, "Z1EXAMPLE"), ==, 1);
  g_assert_cmpuint (n_zone_records (fixture, "Z2SUB"), ==, 1);
  g_assert_cmpstr (ca_route53_publish_get_status (publish), ==, "INSYNC");
  g_assert_cmpint (ca_route53_publish_get_record_state (publish, www), ==, CA_ROUTE53_RECORD_INSYNC);
  /* Without a view nobody looked: not called published. */
  g_assert_false (ca_route53_publish_get_published (publish));
}

/* A private zone alone is never used: nothing to create, and said why. */
static void
test_private_zone_ignored (Fixture       *fixture,
                           gconstpointer  data)
{
  const char * const names[] = { "www.example.com", NULL };
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ids = NULL;

  ca_fake_acm_add_hosted_zone (fixture->fake, "Z9PRIVATE", "example.com", TRUE, NULL);
  publish = create_publish (fixture, names, NULL);
  g_assert_true (plan (publish, &error));
  g_assert_no_error (error);

  g_assert_cmpint (ca_route53_publish_get_record_state (publish, 0), ==, CA_ROUTE53_RECORD_PRIVATE_ONLY);
  g_assert_null (ca_route53_publish_get_record_zone_id (publish, 0));
  g_assert_false (ca_route53_publish_has_changes (publish));
  ids = finding_ids (publish);
  g_assert_cmpstr (ids, ==, "route53_no_zone route53_private_zone_ignored");
  g_assert_nonnull (strstr (ca_finding_get_message (g_ptr_array_index (ca_route53_publish_get_findings (publish), 1)),
                            "Z9PRIVATE"));
}

/* A public and a private zone of one name, on two pages: the public one is used,
 * the private one named in a warning. */
static void
test_public_and_private_across_pages (Fixture       *fixture,
                                      gconstpointer  data)
{
  const char * const names[] = { "www.example.com", NULL };
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ids = NULL;

  /* Sorted by id within a name: the private zone comes first. */
  ca_fake_acm_add_hosted_zone (fixture->fake, "Z1PRIVATE", "example.com", TRUE, NULL);
  ca_fake_acm_add_hosted_zone (fixture->fake, "Z2PUBLIC", "example.com", FALSE, aws_ns);
  ca_route53_client_set_page_size (fixture->route53, 1);
  publish = create_publish (fixture, names, NULL);
  g_assert_true (plan (publish, &error));
  g_assert_no_error (error);

  /* www.example.com on one page, example.com's two zones on two. */
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ListHostedZonesByName"), ==, 3);
  g_assert_cmpint (ca_route53_publish_get_record_state (publish, 0), ==, CA_ROUTE53_RECORD_PLANNED);
  g_assert_cmpstr (ca_route53_publish_get_record_zone_id (publish, 0), ==, "Z2PUBLIC");
  ids = finding_ids (publish);
  g_assert_cmpstr (ids, ==, "route53_private_zone_ignored");
}

/* Every zone of a name, over pages; the listing stops at the first other name. */
static void
test_find_zones_pages (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) zones = NULL;
  g_autoptr (GError) error = NULL;

  ca_fake_acm_add_hosted_zone (fixture->fake, "ZA", "example.com", FALSE, aws_ns);
  ca_fake_acm_add_hosted_zone (fixture->fake, "ZB", "example.com", TRUE, NULL);
  ca_fake_acm_add_hosted_zone (fixture->fake, "ZC", "example.com.", FALSE, aws_ns);
  ca_fake_acm_add_hosted_zone (fixture->fake, "ZD", "a.example.com", FALSE, aws_ns);
  ca_fake_acm_add_hosted_zone (fixture->fake, "ZE", "example.net", FALSE, aws_ns);
  ca_route53_client_set_page_size (fixture->route53, 2);

  ca_route53_client_find_zones_async (fixture->route53, "EXAMPLE.com.", NULL, ca_test_store_result_cb, &result);
  zones = ca_route53_client_find_zones_finish (fixture->route53, ca_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zones->len, ==, 3);
  g_assert_cmpstr (((CaRoute53Zone *) g_ptr_array_index (zones, 0))->id, ==, "ZA");
  g_assert_cmpstr (((CaRoute53Zone *) g_ptr_array_index (zones, 0))->name, ==, "example.com");
  g_assert_true (((CaRoute53Zone *) g_ptr_array_index (zones, 1))->private_zone);
  g_assert_false (((CaRoute53Zone *) g_ptr_array_index (zones, 2))->private_zone);
  g_assert_null (((CaRoute53Zone *) g_ptr_array_index (zones, 2))->name_servers);
  /* ZA ZB | ZC ZD: the second page ends the name, no third is asked for. */
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ListHostedZonesByName"), ==, 2);
}

/* A name without any zone is an error finding; the other names are still published. */
static void
test_no_zone_others_published (Fixture       *fixture,
                               gconstpointer  data)
{
  const char * const names[] = { "www.example.com", "shop.example.org", NULL };
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ids = NULL;
  guint shop;

  ca_fake_acm_add_hosted_zone (fixture->fake, "Z1EXAMPLE", "example.com", FALSE, aws_ns);
  publish = create_publish (fixture, names, NULL);
  g_assert_true (plan (publish, &error));
  shop = record_for (publish, "shop.example.org");
  g_assert_cmpint (ca_route53_publish_get_record_state (publish, shop), ==, CA_ROUTE53_RECORD_NO_ZONE);
  ids = finding_ids (publish);
  g_assert_cmpstr (ids, ==, "route53_no_zone");
  g_assert_cmpstr (ca_finding_get_name (g_ptr_array_index (ca_route53_publish_get_findings (publish), 0)), ==,
                   "shop.example.org");
  /* Two candidates for each name, down to the registrable domain, never the TLD. */
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ListHostedZonesByName"), ==, 4);

  g_assert_true (apply (publish, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_zone_records (fixture, "Z1EXAMPLE"), ==, 1);
  g_assert_cmpint (ca_route53_publish_get_record_state (publish, shop), ==, CA_ROUTE53_RECORD_NO_ZONE);
  g_assert_cmpstr (ca_route53_publish_get_status (publish), ==, "INSYNC");
}

/* --zone-id: an unknown or private zone is bad input; names outside the zone are skipped. */
static void
test_given_zone (Fixture       *fixture,
                 gconstpointer  data)
{
  const char * const names[] = { "www.example.com", "www.example.org", NULL };
  const char *refused[] = { "ZNOSUCHZONE", "Z9PRIVATE", "../hostedzone" };
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ids = NULL;

  ca_fake_acm_add_hosted_zone (fixture->fake, "Z1EXAMPLE", "example.com", FALSE, aws_ns);
  ca_fake_acm_add_hosted_zone (fixture->fake, "Z9PRIVATE", "example.com", TRUE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (CaRoute53Publish) bad = create_publish (fixture, names, refused[i]);
      g_autoptr (GError) bad_error = NULL;

      g_assert_false (plan (bad, &bad_error));
      g_assert_error (bad_error, CA_ERROR, CA_ERROR_INVALID_INPUT);
    }
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "GetHostedZone"), ==, 2);

  publish = create_publish (fixture, names, "Z1EXAMPLE");
  g_assert_true (plan (publish, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ListHostedZonesByName"), ==, 0);
  g_assert_cmpint (ca_route53_publish_get_record_state (publish, record_for (publish, "www.example.org")), ==,
                   CA_ROUTE53_RECORD_OUTSIDE_ZONE);
  g_assert_cmpstr (ca_route53_publish_get_record_zone_id (publish, record_for (publish, "www.example.com")), ==,
                   "Z1EXAMPLE");
  ids = finding_ids (publish);
  g_assert_cmpstr (ids, ==, "route53_no_zone");
}

/*
 * Applying
 */

/* What the fake received: one UPSERT of the CNAME per record, with ACM's value. */
static void
test_upsert_body (Fixture       *fixture,
                  gconstpointer  data)
{
  const char * const names[] = { "example.com", "*.example.com", "www.example.com", NULL };
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object, *change, *input;
  JsonArray *sent;

  ca_fake_acm_add_hosted_zone (fixture->fake, "Z1EXAMPLE", "example.com", FALSE, aws_ns);
  publish = create_publish (fixture, names, NULL);
  g_assert_true (plan (publish, &error));
  g_assert_true (apply (publish, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (n_zone_records (fixture, "Z1EXAMPLE"), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_true (zone_holds (fixture, "Z1EXAMPLE", publish, i));
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ChangeResourceRecordSets"), ==, 1);
  input = ca_fake_acm_get_last_input (fixture->fake, "ChangeResourceRecordSets");
  g_assert_cmpstr (json_object_get_string_member (input, "HostedZoneId"), ==, "Z1EXAMPLE");
  g_assert_cmpstr (json_object_get_string_member (input, "Comment"), ==, "CertAssist: ACM DNS validation");
  sent = json_object_get_array_member (input, "Changes");
  g_assert_cmpuint (json_array_get_length (sent), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *one = json_array_get_object_element (sent, i);
      g_autofree char *name = ca_dns_name_normalize (ca_acm_record_get_name (ca_route53_publish_get_record (publish, i)));

      g_assert_cmpstr (json_object_get_string_member (one, "Action"), ==, "UPSERT");
      g_assert_cmpstr (json_object_get_string_member (one, "Type"), ==, "CNAME");
      g_assert_cmpint (json_object_get_int_member (one, "TTL"), ==, 300);
      g_assert_cmpstr (json_object_get_string_member (one, "Name"), ==, name);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (one, "Values")), ==, 1);
    }

  /* The contract's object: the shared record once, names without a final dot. */
  json_builder_begin_object (builder);
  ca_route53_publish_add_json (publish, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "changes")), ==, 2);
  change = json_array_get_object_element (json_object_get_array_member (object, "changes"), 0);
  g_assert_cmpstr (json_object_get_string_member (change, "zone_id"), ==, "Z1EXAMPLE");
  g_assert_cmpstr (json_object_get_string_member (change, "zone"), ==, "example.com");
  g_assert_cmpstr (json_object_get_string_member (change, "type"), ==, "CNAME");
  g_assert_cmpstr (json_object_get_string_member (change, "action"), ==, "UPSERT");
  g_assert_false (g_str_has_suffix (json_object_get_string_member (change, "name"), "."));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "change_ids")), ==, 1);
  g_assert_true (g_str_has_prefix (json_array_get_string_element (json_object_get_array_member (object, "change_ids"), 0), "C"));
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "INSYNC");
}

/* PENDING for a while, then INSYNC: the client keeps asking. */
static void
test_insync_after_polls (Fixture       *fixture,
                         gconstpointer  data)
{
  const char * const names[] = { "www.example.com", NULL };
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GError) error = NULL;

  ca_fake_acm_add_hosted_zone (fixture->fake, "Z1EXAMPLE", "example.com", FALSE, aws_ns);
  ca_fake_acm_set_insync_after_polls (fixture->fake, 3);
  publish = create_publish (fixture, names, NULL);
  g_assert_true (plan (publish, &error));
  fixture->n_changed = 0;
  g_assert_true (apply (publish, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "GetChange"), ==, 3);
  g_assert_cmpint (ca_route53_publish_get_record_state (publish, 0), ==, CA_ROUTE53_RECORD_INSYNC);
  /* PLANNED → SUBMITTED → INSYNC */
  g_assert_cmpuint (fixture->n_changed, ==, 2);
}

/* A change that never gets in sync ends at the deadline, in words. */
static void
test_never_insync (Fixture       *fixture,
                   gconstpointer  data)
{
  const char * const names[] = { "www.example.com", NULL };
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  ca_fake_acm_add_hosted_zone (fixture->fake, "Z1EXAMPLE", "example.com", FALSE, aws_ns);
  ca_fake_acm_set_insync_after_polls (fixture->fake, G_MAXUINT);
  publish = create_publish (fixture, names, NULL);
  ca_route53_publish_set_deadline (publish, 0);
  g_assert_true (plan (publish, &error));
  g_assert_false (apply (publish, &error));

  g_assert_error (error, CA_ERROR, CA_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "in sync"));
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "GetChange"), >=, 1);
  g_assert_cmpint (ca_route53_publish_get_record_state (publish, 0), ==, CA_ROUTE53_RECORD_FAILED);
  g_assert_cmpstr (ca_route53_publish_get_status (publish), ==, "PENDING");
  json_builder_begin_object (builder);
  ca_route53_publish_add_json (publish, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "change_ids")), ==, 1);
}

/* Throttling on any call and PriorRequestNotComplete on a change are retried. */
static void
test_throttling_retried (Fixture       *fixture,
                         gconstpointer  data)
{
  const char * const names[] = { "www.example.com", NULL };
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GError) error = NULL;

  ca_fake_acm_add_hosted_zone (fixture->fake, "Z1EXAMPLE", "example.com", FALSE, aws_ns);
  publish = create_publish (fixture, names, NULL);
  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_ROUTE53_THROTTLE, 1);
  g_assert_true (plan (publish, &error));
  g_assert_no_error (error);
  /* www.example.com and example.com, and the throttled one again. */
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ListHostedZonesByName"), ==, 3);

  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_ROUTE53_PRIOR_REQUEST, 2);
  g_assert_true (apply (publish, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ChangeResourceRecordSets"), ==, 3);
  g_assert_cmpuint (n_zone_records (fixture, "Z1EXAMPLE"), ==, 1);
}

/* InvalidChangeBatch: said in a sentence with Route 53's reasons, no list brackets or codes. */
static void
test_invalid_batch_in_words (Fixture       *fixture,
                             gconstpointer  data)
{
  const char * const names[] = { "www.example.com", NULL };
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GError) error = NULL;

  ca_fake_acm_add_hosted_zone (fixture->fake, "Z1EXAMPLE", "example.com", FALSE, aws_ns);
  publish = create_publish (fixture, names, NULL);
  g_assert_true (plan (publish, &error));
  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_ROUTE53_INVALID_BATCH, 1);
  g_assert_false (apply (publish, &error));

  g_assert_error (error, CA_ERROR, CA_ERROR_AWS);
  g_assert_true (g_str_has_prefix (error->message, "Route 53 refused to change the records of the hosted zone Z1EXAMPLE"));
  g_assert_null (strstr (error->message, "InvalidChangeBatch"));
  g_assert_null (strstr (error->message, ": ["));
  g_assert_cmpint (ca_route53_publish_get_record_state (publish, 0), ==, CA_ROUTE53_RECORD_FAILED);
  g_assert_cmpuint (n_zone_records (fixture, "Z1EXAMPLE"), ==, 0);
}

/* Access denied names the Route 53 action to ask for, never an ACM one. */
static void
test_access_denied_names_action (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char * const names[] = { "www.example.com", NULL };
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GError) error = NULL;

  ca_fake_acm_add_hosted_zone (fixture->fake, "Z1EXAMPLE", "example.com", FALSE, aws_ns);
  publish = create_publish (fixture, names, NULL);
  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_ROUTE53_ACCESS_DENIED, 1);
  g_assert_false (plan (publish, &error));

  g_assert_error (error, CA_ERROR, CA_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, "“route53:ListHostedZonesByName”"));
  g_assert_null (strstr (error->message, "acm:"));
  /* Refused is not retried. */
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ListHostedZonesByName"), ==, 1);
}

/*
 * Looking at the records
 */

static void
publish_into_unbound_cb (const char *name,
                         const char *value,
                         gpointer    user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *record = g_strdup_printf ("%s. 300 IN CNAME %s", name, value);

  ca_test_unbound_add_local_data (fixture->unbound, record);
}

/* INSYNC, then the view answers with the value: published. Before INSYNC nothing shows. */
static void
test_visible_after_insync (Fixture       *fixture,
                           gconstpointer  data)
{
  const char * const names[] = { "www.example.com", "api.example.com", NULL };
  const char *servers[2] = { NULL, NULL };
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GError) error = NULL;

  fixture->unbound = ca_test_unbound_start_with_control ();
  servers[0] = ca_test_unbound_get_server (fixture->unbound);
  fixture->resolver = ca_dns_resolver_new (servers, FALSE, 5000);
  ca_fake_acm_add_hosted_zone (fixture->fake, "Z1EXAMPLE", "example.com", FALSE, aws_ns);
  ca_fake_acm_set_route53_publish_func (fixture->fake, publish_into_unbound_cb, fixture);
  publish = create_publish (fixture, names, NULL);
  g_assert_true (plan (publish, &error));
  g_assert_true (apply (publish, &error));
  g_assert_no_error (error);

  g_assert_cmpint (ca_route53_publish_get_record_state (publish, 0), ==, CA_ROUTE53_RECORD_VISIBLE);
  g_assert_cmpint (ca_route53_publish_get_record_state (publish, 1), ==, CA_ROUTE53_RECORD_VISIBLE);
  g_assert_true (ca_route53_publish_get_published (publish));
}

/* The change reaches INSYNC but the DNS never shows it (a zone nobody delegates to). */
static void
test_insync_but_not_visible (Fixture       *fixture,
                             gconstpointer  data)
{
  const char * const names[] = { "www.example.com", NULL };
  const char *servers[2] = { NULL, NULL };
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GError) error = NULL;

  fixture->unbound = ca_test_unbound_start ();
  servers[0] = ca_test_unbound_get_server (fixture->unbound);
  fixture->resolver = ca_dns_resolver_new (servers, FALSE, 5000);
  ca_fake_acm_add_hosted_zone (fixture->fake, "Z1EXAMPLE", "example.com", FALSE, aws_ns);
  publish = create_publish (fixture, names, NULL);
  g_assert_true (plan (publish, &error));
  g_assert_true (apply (publish, &error));
  g_assert_no_error (error);

  g_assert_cmpint (ca_route53_publish_get_record_state (publish, 0), ==, CA_ROUTE53_RECORD_INSYNC);
  g_assert_false (ca_route53_publish_get_published (publish));
  g_assert_cmpstr (ca_route53_publish_get_status (publish), ==, "INSYNC");
}

/* The lab delegates good.example and split.example to ns1 and ns2.dns-host.example: a
 * hosted zone served by other servers, or one that nobody delegates to (shop.split.example
 * lives in split.example's zone), is dns_ns_mismatch, in the plan already; a hosted zone
 * on the delegated servers is fine. */
static void
test_ns_mismatch (Fixture       *fixture,
                  gconstpointer  data)
{
  const char * const names[] = { "www.good.example", "www.split.example", "api.shop.split.example", NULL };
  const char * const delegated_ns[] = { "ns1.dns-host.example", "ns2.dns-host.example.", NULL };
  g_autofree char *skip_reason = NULL;
  g_autoptr (CaTestHierarchy) lab = ca_test_hierarchy_start (&skip_reason);
  g_autoptr (CaRoute53Publish) publish = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ids = NULL;
  GPtrArray *findings;

  if (lab == NULL)
    {
      g_test_skip (skip_reason);
      return;
    }
  fixture->resolver = ca_dns_resolver_new_public (ca_test_hierarchy_get_root_hints (lab),
                                                  ca_test_hierarchy_get_trust_anchor (lab), TRUE, 5000);
  ca_fake_acm_add_hosted_zone (fixture->fake, "Z1WRONG", "good.example", FALSE, aws_ns);
  ca_fake_acm_add_hosted_zone (fixture->fake, "Z2RIGHT", "split.example", FALSE, delegated_ns);
  ca_fake_acm_add_hosted_zone (fixture->fake, "Z3UNDELEGATED", "shop.split.example", FALSE, delegated_ns);
  publish = create_publish (fixture, names, NULL);
  g_assert_true (plan (publish, &error));
  g_assert_no_error (error);

  ids = finding_ids (publish);
  g_assert_cmpstr (ids, ==, "dns_ns_mismatch dns_ns_mismatch");
  findings = ca_route53_publish_get_findings (publish);
  g_assert_cmpstr (ca_finding_get_name (g_ptr_array_index (findings, 0)), ==, "good.example");
  g_assert_nonnull (strstr (ca_finding_get_message (g_ptr_array_index (findings, 0)), "ns1.dns-host.example"));
  g_assert_nonnull (strstr (ca_finding_get_message (g_ptr_array_index (findings, 0)), "ns-1.awsdns-01.org"));
  g_assert_cmpstr (ca_finding_get_name (g_ptr_array_index (findings, 1)), ==, "shop.split.example");
  g_assert_nonnull (strstr (ca_finding_get_message (g_ptr_array_index (findings, 1)), "not delegated"));
  /* The records still go out: the delegation may be about to change. */
  g_assert_cmpstr (ca_route53_publish_get_record_zone_id (publish, record_for (publish, "api.shop.split.example")), ==,
                   "Z3UNDELEGATED");
  g_assert_true (ca_route53_publish_has_changes (publish));
}

/*
 * The REST-XML transport
 */

/* ErrorResponse/Error/Code and Message; InvalidChangeBatch's own root and messages;
 * a quoted session token redacted; anything else gives nothing. */
static void
test_xml_errors (void)
{
  struct
  {
    const char *body;
    const char *type;
    const char *message;
  } cases[] = {
    { "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Error><Type>Sender</Type>"
      "<Code>AccessDenied</Code><Message>User: x is not authorized</Message></Error><RequestId>r</RequestId></ErrorResponse>",
      "AccessDenied", "User: x is not authorized" },
    { "<InvalidChangeBatch xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Messages><Message>first &amp; one</Message>"
      "<Message>second</Message></Messages><RequestId>r</RequestId></InvalidChangeBatch>",
      "InvalidChangeBatch", "first & one; second" },
    { "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>", "Throttling", NULL },
    { "<html><head><title>502 Bad Gateway</title></head></html>", NULL, NULL },
    { "{\"__type\": \"ThrottlingException\"}", NULL, NULL },
    { "<ErrorResponse><Error><Code>A</Code></Error></ErrorResponse><ErrorResponse/>", NULL, NULL },
    { "", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autofree char *type = NULL;
      g_autofree char *message = NULL;

      ca_aws_parse_xml_error (body, &type, &message);
      g_assert_cmpstr (type, ==, cases[i].type);
      g_assert_cmpstr (message, ==, cases[i].message);
    }
}

/* A signature mismatch quotes the canonical request, session token and all: never kept. */
static void
test_xml_error_redacted (void)
{
  static const char body[] =
    "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>The request signature we "
    "calculated does not match the signature you provided.\n\nThe Canonical String for this request should have been\n"
    "'GET\n/2013-04-01/hostedzonesbyname\ndnsname=example.com\nhost:route53.amazonaws.com\n"
    "x-amz-security-token:FQoGZXIvYXdzEJrSECRETTOKEN\n'</Message></Error></ErrorResponse>";
  g_autoptr (GBytes) bytes = g_bytes_new_static (body, strlen (body));
  g_autofree char *type = NULL;
  g_autofree char *message = NULL;

  ca_aws_parse_xml_error (bytes, &type, &message);
  g_assert_cmpstr (type, ==, "SignatureDoesNotMatch");
  g_assert_nonnull (strstr (message, "does not match the signature"));
  g_assert_null (strstr (message, "FQoGZXIvYXdzEJrSECRETTOKEN"));
}

static void
test_xml_bounds (void)
{
  g_autoptr (GString) deep = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaXmlNode) root = NULL;

  for (guint i = 0; i <= CA_XML_MAX_DEPTH; i++)
    g_string_append (deep, "<a>");
  for (guint i = 0; i <= CA_XML_MAX_DEPTH; i++)
    g_string_append (deep, "</a>");
  root = ca_xml_parse (deep->str, deep->len, &error);
  g_assert_null (root);
  g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
}

/* SigV4 signs the query in canonical form: names sorted (a name before a longer one it
 * starts), then values; each part decoded and encoded again with only unreserved
 * characters left. The fake's requests are in that order already, so it is checked here. */
static void
test_sign_canonical_query (void)
{
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", "https://route53.amazonaws.com/2013-04-01/x?b=2&a1=0&a=%7e%2A&a=1");
  g_autoptr (CaCredentials) credentials = ca_credentials_new ("AKIDEXAMPLE", "secret", NULL, NULL, "test");
  g_autoptr (GDateTime) time = g_date_time_new_utc (2026, 12, 6, 12, 0, 0);
  g_autofree char *amz_date = ca_sigv4_format_amz_date (time);
  g_autofree char *expected = NULL;
  const CaSigv4Header headers[] = { { "host", "route53.amazonaws.com" }, { "x-amz-date", amz_date } };
  CaSigv4Request request = { 0 };

  ca_aws_http_sign (msg, NULL, credentials, "us-east-1", "route53", time);
  request.method = "GET";
  request.canonical_uri = "/2013-04-01/x";
  request.canonical_query = "a=1&a=~%2A&a1=0&b=2";
  request.headers = headers;
  request.n_headers = G_N_ELEMENTS (headers);
  request.amz_date = amz_date;
  request.region = "us-east-1";
  request.service = "route53";
  request.access_key_id = "AKIDEXAMPLE";
  request.secret_access_key = "secret";
  expected = ca_sigv4_authorization (&request);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (msg), "Authorization"), ==, expected);
}

/* AWS_ENDPOINT_URL_ROUTE_53, then AWS_ENDPOINT_URL, then the partition's global endpoint;
 * plain http only to this machine. */
static void
test_endpoint (Fixture       *fixture,
               gconstpointer  data)
{
  CaAwsClient *aws = ca_acm_client_get_aws (fixture->acm);
  struct
  {
    const char *route53_env;
    const char *any_env;
    const char *region;
    const char *endpoint;
  } cases[] = {
    { "http://127.0.0.1:9", "https://other.example", "eu-west-1", "http://127.0.0.1:9" },
    { NULL, "https://all.example", "eu-west-1", "https://all.example" },
    { NULL, NULL, "eu-west-1", "https://route53.amazonaws.com" },
    { NULL, NULL, "cn-north-1", "https://route53.amazonaws.com.cn" },
    { "http://route53.example", NULL, "eu-west-1", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CaCredentialsProvider) credentials = NULL;
      g_autoptr (CaRoute53Client) client = NULL;
      g_autoptr (GError) error = NULL;

      if (cases[i].route53_env != NULL)
        g_setenv ("AWS_ENDPOINT_URL_ROUTE_53", cases[i].route53_env, TRUE);
      else
        g_unsetenv ("AWS_ENDPOINT_URL_ROUTE_53");
      if (cases[i].any_env != NULL)
        g_setenv ("AWS_ENDPOINT_URL", cases[i].any_env, TRUE);
      else
        g_unsetenv ("AWS_ENDPOINT_URL");
      credentials = ca_credentials_provider_new (ca_aws_client_get_http (aws), NULL, cases[i].region, &error);
      g_assert_no_error (error);
      client = ca_route53_client_new (ca_aws_client_get_http (aws), credentials, &error);
      if (cases[i].endpoint == NULL)
        {
          g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpstr (ca_route53_client_get_endpoint (client), ==, cases[i].endpoint);
    }
}

/* A listing that hands out the same next marker again is not followed forever. */
static void
loop_page_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  static const char page[] =
    "<ListHostedZonesByNameResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><HostedZones>"
    "<HostedZone><Id>/hostedzone/Z1</Id><Name>example.com.</Name><Config><PrivateZone>false</PrivateZone></Config></HostedZone>"
    "</HostedZones><IsTruncated>true</IsTruncated><NextDNSName>example.com.</NextDNSName>"
    "<NextHostedZoneId>Z2</NextHostedZoneId><MaxItems>1</MaxItems></ListHostedZonesByNameResponse>";
  guint *count = user_data;

  (*count)++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_STATIC, page, strlen (page));
}

static void
test_page_loop_guard (Fixture       *fixture,
                      gconstpointer  data)
{
  CaAwsClient *aws = ca_acm_client_get_aws (fixture->acm);
  g_autofree char *url = NULL;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (CaRoute53Client) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) zones = NULL;
  g_autoptr (GError) error = NULL;
  guint count = 0;

  server = ca_test_server_new (loop_page_cb, &count, &url);
  g_setenv ("AWS_ENDPOINT_URL_ROUTE_53", url, TRUE);
  client = ca_route53_client_new (ca_aws_client_get_http (aws), ca_aws_client_get_credentials (aws), &error);
  g_assert_no_error (error);

  ca_route53_client_find_zones_async (client, "example.com", NULL, ca_test_store_result_cb, &result);
  zones = ca_route53_client_find_zones_finish (client, ca_test_wait_for_result (&result), &error);
  g_assert_null (zones);
  g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
  g_assert_cmpuint (count, ==, 2);
  ca_test_server_retire (g_steal_pointer (&server));
}

int
main (int   argc,
      char *argv[])
{
  ca_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/route53/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("longest-match-nested-zones", test_longest_match_nested_zones);
  ADD ("private-zone-ignored", test_private_zone_ignored);
  ADD ("public-and-private-across-pages", test_public_and_private_across_pages);
  ADD ("find-zones-pages", test_find_zones_pages);
  ADD ("no-zone-others-published", test_no_zone_others_published);
  ADD ("given-zone", test_given_zone);
  ADD ("upsert-body", test_upsert_body);
  ADD ("insync-after-polls", test_insync_after_polls);
  ADD ("never-insync", test_never_insync);
  ADD ("throttling-retried", test_throttling_retried);
  ADD ("invalid-batch-in-words", test_invalid_batch_in_words);
  ADD ("access-denied-names-action", test_access_denied_names_action);
  ADD ("visible-after-insync", test_visible_after_insync);
  ADD ("insync-but-not-visible", test_insync_but_not_visible);
  ADD ("ns-mismatch", test_ns_mismatch);
  ADD ("endpoint", test_endpoint);
  ADD ("page-loop-guard", test_page_loop_guard);
#undef ADD
  g_test_add_func ("/route53/xml-errors", test_xml_errors);
  g_test_add_func ("/route53/xml-error-redacted", test_xml_error_redacted);
  g_test_add_func ("/route53/xml-bounds", test_xml_bounds);
  g_test_add_func ("/route53/sign-canonical-query", test_sign_canonical_query);

  return g_test_run ();
}
