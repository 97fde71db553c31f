/* test-fake-acm-dns.c: the fake ACM validates DNS by looking the records up, and keeps tags
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fake asks a real unbound on 127.0.0.1 whose records the test adds and
 * removes while it runs (unbound-control), as a user publishes them. The
 * calls go through the app's signed transport (CaAwsClient) with raw JSON, so
 * the assertions see ACM's shapes as the fake writes them.
 */

#include "config.h"

#include <string.h>

#include "ca-acm-client.h"
#include "ca-fake-acm.h"
#include "ca-fake-dns.h"
#include "ca-test-unbound.h"
#include "ca-test-util.h"

/* A little more than the fake's 200 ms between two lookups of one certificate. */
#define PAST_CHECK_INTERVAL_US (250 * 1000)
#define RIGHT TRUE
#define WRONG FALSE

static CaTestUnbound *unbound;

typedef struct
{
  CaFakeAcm   *fake;
  CaAcmClient *acm;
  gint64       last_look;  /* when the last call that makes the fake look ended (monotonic µs) */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  if (unbound == NULL)
    unbound = ca_test_unbound_start_with_control ();
  fixture->fake = ca_fake_acm_new ("us-east-1");
  ca_fake_acm_set_record_delay_ms (fixture->fake, 0);
  ca_fake_acm_set_dns_server (fixture->fake, ca_test_unbound_get_server (unbound));
  g_assert_true (ca_fake_acm_listen (fixture->fake, 0, &error));
  ca_fake_acm_setup_env (fixture->fake);
  fixture->acm = ca_acm_client_new (NULL, NULL, 5, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->acm);
  g_clear_object (&fixture->fake);
  /* Closed connections release the server only once the main context sees them. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Calls @operation with @json; returns the answer, or NULL with the AWS error type in *@type. */
static JsonObject *
call (Fixture     *fixture,
      const char  *operation,
      const char  *json,
      char       **type)
{
  CaAwsClient *aws = ca_acm_client_get_aws (fixture->acm);
  g_autoptr (JsonNode) input = json_from_string (json, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *error_type = NULL;
  JsonObject *answer;

  g_assert_nonnull (input);
  ca_aws_client_call_async (aws, operation, json_node_get_object (input), CA_AWS_CALL_DEFAULT, NULL,
                            ca_test_store_result_cb, &result);
  answer = ca_aws_client_call_finish (aws, ca_test_wait_for_result (&result), &error_type, &error);
  if (g_str_has_prefix (operation, "Describe") || g_str_has_prefix (operation, "List") ||
      strcmp (operation, "GetCertificate") == 0)
    fixture->last_look = g_get_monotonic_time ();
  if (type != NULL)
    *type = g_steal_pointer (&error_type);
  else
    g_assert_no_error (error);
  return answer;
}

static JsonObject *
call_for_arn (Fixture    *fixture,
              const char *operation,
              const char *arn)
{
  g_autofree char *json = g_strdup_printf ("{\"CertificateArn\": \"%s\"}", arn);

  return call (fixture, operation, json, NULL);
}

static char *
request_dns (Fixture    *fixture,
             const char *name,
             const char *other_name)
{
  g_autofree char *json = g_strdup_printf ("{\"DomainName\": \"%s\", \"SubjectAlternativeNames\": [\"%s\", \"%s\"],"
                                           " \"ValidationMethod\": \"DNS\"}",
                                           name, name, other_name);
  g_autoptr (JsonObject) answer = call (fixture, "RequestCertificate", json, NULL);

  return g_strdup (json_object_get_string_member (answer, "CertificateArn"));
}

/* The fake looks again only after its interval since its last look, which
 * was before the call that made it look ended: wait out what is left of it
 * (publishing took some). */
static void
wait_past_interval (Fixture *fixture)
{
  gint64 left = fixture->last_look + PAST_CHECK_INTERVAL_US - g_get_monotonic_time ();

  if (left > 0)
    g_usleep (left);
}

static JsonObject *
describe_later (Fixture    *fixture,
                const char *arn)
{
  g_autoptr (JsonObject) answer = NULL;

  wait_past_interval (fixture);
  answer = call_for_arn (fixture, "DescribeCertificate", arn);
  return json_object_ref (json_object_get_object_member (answer, "Certificate"));
}

static JsonObject *
option_for (JsonObject *certificate,
            const char *name)
{
  JsonArray *options = json_object_get_array_member (certificate, "DomainValidationOptions");

  for (guint i = 0; i < json_array_get_length (options); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (options, i), "DomainName"), name) == 0)
      return json_array_get_object_element (options, i);
  g_assert_not_reached ();
}

static const char *
status_of (JsonObject *certificate,
           const char *name)
{
  return json_object_get_string_member (option_for (certificate, name), "ValidationStatus");
}

/* Publishes @record's CNAME (its right value, or a wrong one), replacing any. */
static void
publish (JsonObject *record,
         gboolean    right)
{
  const char *name = json_object_get_string_member (record, "Name");
  g_autofree char *upper = g_ascii_strup (json_object_get_string_member (record, "Value"), -1);
  g_autofree char *data = NULL;

  g_assert_cmpstr (json_object_get_string_member (record, "Type"), ==, "CNAME");
  /* ACM compares without regard to case: publish the value in capitals. */
  data = g_strdup_printf ("%s 300 IN CNAME %s", name, right ? upper : "_0000.wrong.acm-validations.aws.");
  ca_test_unbound_remove_local_data (unbound, name);
  ca_test_unbound_add_local_data (unbound, data);
}

static JsonObject *
record_of (JsonObject *certificate,
           const char *name)
{
  return json_object_get_object_member (option_for (certificate, name), "ResourceRecord");
}

/*
 * The DNS client (no server)
 */

static void
test_build_query (void)
{
  static const guint8 expected[] = {
    0xbe, 0xef, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
    0x00, 0x05, 0x00, 0x01,
  };
  g_autofree char *long_label = g_strnfill (64, 'a');
  g_autoptr (GBytes) query = NULL;
  g_autoptr (GBytes) bad = NULL;
  g_autoptr (GError) error = NULL;

  query = ca_fake_dns_build_query (0xbeef, "Www.Example.COM.", CA_FAKE_DNS_TYPE_CNAME, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (query, NULL), g_bytes_get_size (query), expected, sizeof expected);
  bad = ca_fake_dns_build_query (1, "a..example", CA_FAKE_DNS_TYPE_CNAME, &error);
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  bad = ca_fake_dns_build_query (1, long_label, CA_FAKE_DNS_TYPE_CNAME, &error);
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* An answer for _a.example.com CNAME _X.example.com, its target compressed
 * into the question's "example.com" (offset 15). */
static const guint8 answer_template[] = {
  0x12, 0x34, 0x81, 0x80, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
  2, '_', 'a', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
  0x00, 0x05, 0x00, 0x01,
  0xc0, 0x0c, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x05,
  2, '_', 'X', 0xc0, 0x0f,
};
#define RDLENGTH_AT 43
#define RDATA_AT 44

static gboolean
parse (const guint8 *reply,
       gsize         len,
       const char   *name,
       char        **target)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = ca_fake_dns_parse_cname (reply, len, 0x1234, name, target, &error);

  g_assert_true (ok == (error == NULL));
  return ok;
}

static void
test_parse_compressed (void)
{
  guint8 reply[sizeof answer_template];
  g_autofree char *target = NULL;

  memcpy (reply, answer_template, sizeof reply);
  g_assert_true (parse (reply, sizeof reply, "_A.Example.Com.", &target));
  g_assert_cmpstr (target, ==, "_x.example.com");
  g_clear_pointer (&target, g_free);

  /* Not our question, not our id. */
  g_assert_false (parse (reply, sizeof reply, "_b.example.com", &target));
  reply[1] = 0x35;
  g_assert_false (parse (reply, sizeof reply, "_a.example.com", &target));
  g_assert_null (target);
}

/* Every cut of a good answer is refused, never read past (ASan watches). */
static void
test_parse_truncated (void)
{
  for (gsize len = 0; len < sizeof answer_template; len++)
    {
      g_autofree guint8 *copy = g_memdup2 (answer_template, len);
      g_autofree char *target = NULL;

      g_assert_false (parse (copy, len, "_a.example.com", &target));
      g_assert_null (target);
    }
}

static void
test_parse_bad_names (void)
{
  guint8 reply[sizeof answer_template + 1];
  g_autofree char *target = NULL;

  /* A pointer to itself, a pointer past the end, a reserved label type. */
  memcpy (reply, answer_template, sizeof answer_template);
  reply[RDATA_AT] = 0xc0;
  reply[RDATA_AT + 1] = RDATA_AT;
  g_assert_false (parse (reply, sizeof answer_template, "_a.example.com", &target));
  reply[RDATA_AT + 1] = 0xff;
  g_assert_false (parse (reply, sizeof answer_template, "_a.example.com", &target));
  reply[RDATA_AT] = 0x40;
  g_assert_false (parse (reply, sizeof answer_template, "_a.example.com", &target));

  /* Data longer than the message, and data that is more than one name. */
  memcpy (reply, answer_template, sizeof answer_template);
  reply[RDLENGTH_AT] = 0x40;
  g_assert_false (parse (reply, sizeof answer_template, "_a.example.com", &target));
  reply[RDLENGTH_AT] = 6;
  reply[sizeof answer_template] = 0;
  g_assert_false (parse (reply, sizeof reply, "_a.example.com", &target));
  g_assert_null (target);
}

static void
test_parse_rcodes (void)
{
  guint8 reply[32];
  g_autofree char *target = NULL;

  /* NXDOMAIN is an answer without a CNAME; SERVFAIL is no answer. */
  memcpy (reply, answer_template, sizeof reply);
  reply[3] = 0x83;
  reply[7] = 0;
  g_assert_true (parse (reply, sizeof reply, "_a.example.com", &target));
  g_assert_null (target);
  reply[3] = 0x82;
  g_assert_false (parse (reply, sizeof reply, "_a.example.com", &target));
  /* A truncated answer would need TCP, which the fake does not speak. */
  reply[3] = 0x80;
  reply[2] = 0x83;
  g_assert_false (parse (reply, sizeof reply, "_a.example.com", &target));
}

static void
test_parse_server (void)
{
  const char *bad[] = { "localhost@53", "127.0.0.1@0", "127.0.0.1@70000", "127.0.0.1@", "", NULL };
  g_autoptr (GSocketAddress) with_port = ca_fake_dns_parse_server ("127.0.0.1@5353", NULL);
  g_autoptr (GSocketAddress) plain = ca_fake_dns_parse_server ("::1", NULL);

  g_assert_cmpuint (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (with_port)), ==, 5353);
  g_assert_cmpuint (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (plain)), ==, 53);
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GSocketAddress) address = ca_fake_dns_parse_server (bad[i], &error);

      g_assert_null (address);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
}

/*
 * Validation against unbound
 */

static void
test_request_validated_by_lookup (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *arn = request_dns (fixture, "req.good.example", "www.req.good.example");
  g_autoptr (JsonObject) absent = describe_later (fixture, arn);
  g_autoptr (JsonObject) wrong = NULL;
  g_autoptr (JsonObject) half = NULL;
  g_autoptr (JsonObject) issued = NULL;
  g_autoptr (JsonObject) pem = NULL;
  g_autoptr (JsonObject) refused = NULL;
  g_autofree char *get = g_strdup_printf ("{\"CertificateArn\": \"%s\"}", arn);
  g_autofree char *type = NULL;

  g_assert_cmpstr (json_object_get_string_member (absent, "Status"), ==, "PENDING_VALIDATION");
  g_assert_cmpstr (status_of (absent, "req.good.example"), ==, "PENDING_VALIDATION");

  publish (record_of (absent, "req.good.example"), WRONG);
  wrong = describe_later (fixture, arn);
  g_assert_cmpstr (json_object_get_string_member (wrong, "Status"), ==, "PENDING_VALIDATION");
  g_assert_cmpstr (status_of (wrong, "req.good.example"), ==, "PENDING_VALIDATION");

  /* One name right: that name succeeds, the certificate still waits. */
  publish (record_of (absent, "req.good.example"), RIGHT);
  half = describe_later (fixture, arn);
  g_assert_cmpstr (status_of (half, "req.good.example"), ==, "SUCCESS");
  g_assert_cmpstr (status_of (half, "www.req.good.example"), ==, "PENDING_VALIDATION");
  g_assert_cmpstr (json_object_get_string_member (half, "Status"), ==, "PENDING_VALIDATION");
  refused = call (fixture, "GetCertificate", get, &type);
  g_assert_null (refused);
  g_assert_cmpstr (type, ==, "RequestInProgressException");

  publish (record_of (absent, "www.req.good.example"), RIGHT);
  issued = describe_later (fixture, arn);
  g_assert_cmpstr (json_object_get_string_member (issued, "Status"), ==, "ISSUED");
  g_assert_cmpstr (status_of (issued, "www.req.good.example"), ==, "SUCCESS");
  g_assert_true (json_object_has_member (issued, "NotAfter"));
  pem = call_for_arn (fixture, "GetCertificate", arn);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (pem, "Certificate"), "-----BEGIN CERTIFICATE-----"));
  g_assert_cmpstr (json_object_get_string_member (ca_fake_acm_get_last_input (fixture->fake, "DescribeCertificate"),
                                                  "CertificateArn"), ==, arn);
}

/* A wildcard shares its base name's record; a record may point on through a
 * CNAME chain (validation delegated to another zone). */
static void
test_request_wildcard_and_chain (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *arn = request_dns (fixture, "chain.good.example", "*.chain.good.example");
  g_autoptr (JsonObject) pending = describe_later (fixture, arn);
  g_autoptr (JsonObject) issued = NULL;
  JsonObject *record = record_of (pending, "chain.good.example");
  const char *name = json_object_get_string_member (record, "Name");
  const char *delegated = "_acm.delegated.example.";
  g_autofree char *first = g_strdup_printf ("%s CNAME %s", name, delegated);
  g_autofree char *second = g_strdup_printf ("%s CNAME %s", delegated, json_object_get_string_member (record, "Value"));

  g_assert_cmpstr (json_object_get_string_member (record_of (pending, "*.chain.good.example"), "Name"), ==, name);
  ca_test_unbound_add_local_data (unbound, first);
  ca_test_unbound_add_local_data (unbound, second);
  issued = describe_later (fixture, arn);
  g_assert_cmpstr (json_object_get_string_member (issued, "Status"), ==, "ISSUED");
  g_assert_cmpstr (status_of (issued, "*.chain.good.example"), ==, "SUCCESS");
  ca_test_unbound_remove_local_data (unbound, delegated);
}

/* ListCertificates looks too, for every certificate at once. */
static void
test_list_looks_up (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *arn = request_dns (fixture, "list.good.example", "www.list.good.example");
  g_autoptr (JsonObject) pending = describe_later (fixture, arn);
  g_autoptr (JsonObject) listed = NULL;
  JsonArray *summaries;

  publish (record_of (pending, "list.good.example"), RIGHT);
  publish (record_of (pending, "www.list.good.example"), RIGHT);
  wait_past_interval (fixture);
  listed = call (fixture, "ListCertificates", "{\"CertificateStatuses\": [\"ISSUED\"]}", NULL);
  summaries = json_object_get_array_member (listed, "CertificateSummaryList");
  g_assert_cmpuint (json_array_get_length (summaries), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (summaries, 0), "CertificateArn"), ==, arn);
}

static JsonObject *
validations_later (Fixture    *fixture,
                   const char *arn)
{
  wait_past_interval (fixture);
  return call_for_arn (fixture, "ListCertificateDomainValidations", arn);
}

static JsonObject *
entry_for (JsonObject *validations,
           const char *name)
{
  JsonArray *list = json_object_get_array_member (validations, "DomainValidationSummaryList");

  for (guint i = 0; i < json_array_get_length (list); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (list, i), "DomainName"), name) == 0)
      return json_array_get_object_element (list, i);
  g_assert_not_reached ();
}

static const char *
config_member (JsonObject *entry,
               const char *config,
               const char *member)
{
  if (!json_object_has_member (entry, config))
    return NULL;
  return json_object_get_string_member (json_object_get_object_member (entry, config), member);
}

static JsonObject *
migration_record (JsonObject *entry)
{
  JsonObject *requested = json_object_get_object_member (entry, "RequestedValidationConfiguration");
  JsonObject *challenge = json_object_get_object_member (requested, "ValidationChallenge");

  return json_object_get_object_member (json_object_get_object_member (challenge, "DnsValidationChallenge"),
                                        "ResourceRecord");
}

static void
test_migration_validated_by_lookup (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr (JsonNode) spec = json_from_string ("{\"DomainName\": \"mig.good.example\", \"SubjectAlternativeNames\":"
                                                " [\"www.mig.good.example\"], \"Status\": \"ISSUED\"}", NULL);
  g_autofree char *arn = ca_fake_acm_add_certificate (fixture->fake, json_node_get_object (spec));
  g_autofree char *update = g_strdup_printf ("{\"CertificateArn\": \"%s\", \"Options\": {\"ValidationMethod\": \"DNS\"}}", arn);
  G_GNUC_UNUSED g_autoptr (JsonObject) started = call (fixture, "UpdateCertificateOptions", update, NULL);
  g_autoptr (JsonObject) pending = validations_later (fixture, arn);
  g_autoptr (JsonObject) half = NULL;
  g_autoptr (JsonObject) done = NULL;
  g_autoptr (JsonObject) after = NULL;
  JsonObject *apex = entry_for (pending, "mig.good.example");

  g_assert_cmpstr (config_member (apex, "RequestedValidationConfiguration", "ValidationStatus"), ==, "PENDING_VALIDATION");
  g_assert_cmpstr (config_member (apex, "ActiveValidationConfiguration", "ValidationMethod"), ==, "EMAIL");

  publish (migration_record (apex), RIGHT);
  half = validations_later (fixture, arn);
  g_assert_cmpstr (config_member (entry_for (half, "mig.good.example"), "RequestedValidationConfiguration", "ValidationStatus"), ==, "SUCCESS");
  g_assert_cmpstr (config_member (entry_for (half, "www.mig.good.example"), "RequestedValidationConfiguration", "ValidationStatus"), ==, "PENDING_VALIDATION");
  g_assert_cmpstr (config_member (entry_for (half, "www.mig.good.example"), "ActiveValidationConfiguration", "ValidationMethod"), ==, "EMAIL");

  /* Every name seen: the certificate is DNS-validated in place. */
  publish (migration_record (entry_for (pending, "www.mig.good.example")), RIGHT);
  done = validations_later (fixture, arn);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *entry = entry_for (done, i == 0 ? "mig.good.example" : "www.mig.good.example");

      g_assert_cmpstr (config_member (entry, "ActiveValidationConfiguration", "ValidationMethod"), ==, "DNS");
      g_assert_cmpstr (config_member (entry, "ActiveValidationConfiguration", "ValidationStatus"), ==, "SUCCESS");
    }
  after = describe_later (fixture, arn);
  g_assert_cmpstr (json_object_get_string_member (after, "CertificateArn"), ==, arn);
  g_assert_cmpstr (json_object_get_string_member (after, "Status"), ==, "ISSUED");
  g_assert_cmpstr (json_object_get_string_member (option_for (after, "mig.good.example"), "ValidationMethod"), ==, "DNS");
  g_assert_cmpstr (status_of (after, "mig.good.example"), ==, "SUCCESS");
  g_assert_cmpstr (status_of (after, "www.mig.good.example"), ==, "SUCCESS");
}

/* A server that refuses or never answers costs at most the lookup timeout. */
static void
test_unreachable_server (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (CaTestBlackhole) blackhole = ca_test_blackhole_new ();
  g_autofree char *closed = g_strdup_printf ("127.0.0.1@%u", ca_test_get_closed_port ());
  const char *servers[] = { closed, ca_test_blackhole_get_server (blackhole) };
  g_autofree char *arn = request_dns (fixture, "down.good.example", "www.down.good.example");

  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      g_autoptr (JsonObject) answer = NULL;
      JsonObject *pending;
      gint64 start, elapsed;

      ca_fake_acm_set_dns_server (fixture->fake, servers[i]);
      wait_past_interval (fixture);
      start = g_get_monotonic_time ();
      answer = call_for_arn (fixture, "DescribeCertificate", arn);
      elapsed = g_get_monotonic_time () - start;
      /* The fake did ask, and gave up after 300 ms; the rest is slack for a busy machine. */
      if (i == 1)
        g_assert_cmpint (elapsed, >=, 300 * 1000);
      g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC / 2);
      pending = json_object_get_object_member (answer, "Certificate");
      g_assert_cmpstr (json_object_get_string_member (pending, "Status"), ==, "PENDING_VALIDATION");
    }
}

/* Without a DNS server published records change nothing; approve still works. */
static void
test_without_server (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *arn = NULL;
  g_autoptr (JsonObject) pending = NULL;
  g_autoptr (JsonObject) still = NULL;
  g_autoptr (JsonObject) issued = NULL;

  ca_fake_acm_set_dns_server (fixture->fake, NULL);
  arn = request_dns (fixture, "off.good.example", "www.off.good.example");
  pending = describe_later (fixture, arn);
  publish (record_of (pending, "off.good.example"), RIGHT);
  publish (record_of (pending, "www.off.good.example"), RIGHT);
  still = describe_later (fixture, arn);
  g_assert_cmpstr (json_object_get_string_member (still, "Status"), ==, "PENDING_VALIDATION");
  g_assert_true (ca_fake_acm_approve (fixture->fake, arn));
  issued = describe_later (fixture, arn);
  g_assert_cmpstr (json_object_get_string_member (issued, "Status"), ==, "ISSUED");
}

/*
 * Tags
 */

static void
assert_tag (JsonArray  *tags,
            guint       index,
            const char *key,
            const char *value)
{
  JsonObject *tag = json_array_get_object_element (tags, index);

  g_assert_cmpstr (json_object_get_string_member (tag, "Key"), ==, key);
  if (value == NULL)
    g_assert_false (json_object_has_member (tag, "Value"));
  else
    g_assert_cmpstr (json_object_get_string_member (tag, "Value"), ==, value);
}

static void
test_tags_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (JsonObject) requested = call (fixture, "RequestCertificate",
                                           "{\"DomainName\": \"tags.good.example\", \"ValidationMethod\": \"DNS\","
                                           " \"Tags\": [{\"Key\": \"team\", \"Value\": \"web\"}, {\"Key\": \"CreatedBy\"}]}",
                                           NULL);
  const char *arn = json_object_get_string_member (requested, "CertificateArn");
  g_autoptr (JsonObject) listed = call_for_arn (fixture, "ListTagsForCertificate", arn);
  JsonArray *tags = json_object_get_array_member (listed, "Tags");
  g_autoptr (JsonNode) seed = json_from_string ("{\"DomainName\": \"seed.good.example\", \"Tags\": [{\"Key\": \"env\", \"Value\": \"demo\"}]}", NULL);
  g_autofree char *seeded = ca_fake_acm_add_certificate (fixture->fake, json_node_get_object (seed));
  g_autoptr (JsonObject) seeded_tags = call_for_arn (fixture, "ListTagsForCertificate", seeded);
  g_autoptr (JsonNode) plain = json_from_string ("{\"DomainName\": \"plain.good.example\"}", NULL);
  g_autofree char *untagged = ca_fake_acm_add_certificate (fixture->fake, json_node_get_object (plain));
  g_autoptr (JsonObject) none = call_for_arn (fixture, "ListTagsForCertificate", untagged);

  g_assert_cmpuint (json_array_get_length (tags), ==, 2);
  assert_tag (tags, 0, "team", "web");
  assert_tag (tags, 1, "CreatedBy", NULL);
  g_assert_cmpstr (json_object_get_string_member (ca_fake_acm_get_last_input (fixture->fake, "ListTagsForCertificate"),
                                                  "CertificateArn"), ==, untagged);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (seeded_tags, "Tags")), ==, 1);
  assert_tag (json_object_get_array_member (seeded_tags, "Tags"), 0, "env", "demo");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (none, "Tags")), ==, 0);
}

static void
assert_refused (Fixture    *fixture,
                const char *operation,
                const char *json,
                const char *expected_type)
{
  g_autofree char *type = NULL;
  g_autoptr (JsonObject) answer = call (fixture, operation, json, &type);

  g_assert_null (answer);
  g_assert_cmpstr (type, ==, expected_type);
}

static void
test_tags_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GString) many = g_string_new ("{\"DomainName\": \"tags.good.example\", \"Tags\": [");

  for (guint i = 0; i < 51; i++)
    g_string_append_printf (many, "%s{\"Key\": \"k%u\"}", i > 0 ? ", " : "", i);
  g_string_append (many, "]}");

  assert_refused (fixture, "RequestCertificate", "{\"DomainName\": \"tags.good.example\", \"Tags\": [{\"Key\": \"aws:owner\"}]}", "InvalidTagException");
  assert_refused (fixture, "RequestCertificate", "{\"DomainName\": \"tags.good.example\", \"Tags\": [{\"Value\": \"x\"}]}", "ValidationException");
  assert_refused (fixture, "RequestCertificate", "{\"DomainName\": \"tags.good.example\", \"Tags\": [{\"Key\": \"a\"}, {\"Key\": \"a\"}]}", "InvalidTagException");
  assert_refused (fixture, "RequestCertificate", many->str, "TooManyTagsException");
  assert_refused (fixture, "ListTagsForCertificate",
                  "{\"CertificateArn\": \"arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000\"}",
                  "ResourceNotFoundException");
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "RequestCertificate"), ==, 4);
}

int
main (int    argc,
      char **argv)
{
  int status;

  ca_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/fake-acm/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/fake-acm/dns-client/build-query", test_build_query);
  g_test_add_func ("/fake-acm/dns-client/parse-compressed", test_parse_compressed);
  g_test_add_func ("/fake-acm/dns-client/parse-truncated", test_parse_truncated);
  g_test_add_func ("/fake-acm/dns-client/parse-bad-names", test_parse_bad_names);
  g_test_add_func ("/fake-acm/dns-client/parse-rcodes", test_parse_rcodes);
  g_test_add_func ("/fake-acm/dns-client/parse-server", test_parse_server);
  ADD ("dns/request", test_request_validated_by_lookup);
  ADD ("dns/wildcard-and-chain", test_request_wildcard_and_chain);
  ADD ("dns/list-certificates", test_list_looks_up);
  ADD ("dns/migration", test_migration_validated_by_lookup);
  ADD ("dns/unreachable-server", test_unreachable_server);
  ADD ("dns/without-server", test_without_server);
  ADD ("tags/round-trip", test_tags_round_trip);
  ADD ("tags/refused", test_tags_refused);

  status = g_test_run ();
  g_clear_pointer (&unbound, ca_test_unbound_stop);
  return status;
}
