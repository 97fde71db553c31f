/* test-acm.c: the typed ACM operations against the fake, the models and the findings
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-acm-client.h"
#include "ca-acm-findings.h"
#include "ca-error.h"
#include "ca-fake-acm.h"
#include "ca-test-util.h"
#include "ca-x509.h"

typedef struct
{
  CaFakeAcm   *fake;
  CaAcmClient *acm;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture->fake = ca_fake_acm_new ("us-east-1");
  ca_fake_acm_set_record_delay_ms (fixture->fake, 0);
  g_assert_true (ca_fake_acm_listen (fixture->fake, 0, &error));
  ca_fake_acm_setup_env (fixture->fake);
  fixture->acm = ca_acm_client_new (NULL, NULL, 5, &error);
  g_assert_no_error (error);
  ca_aws_client_set_retry_base_ms (ca_acm_client_get_aws (fixture->acm), 1);
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

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static char *
add (Fixture    *fixture,
     const char *json)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return ca_fake_acm_add_certificate (fixture->fake, json_node_get_object (node));
}

static CaAcmCertificate *
describe (Fixture     *fixture,
          const char  *arn,
          GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_acm_client_describe_certificate_async (fixture->acm, arn, NULL, store_cb, &result);
  return ca_acm_client_describe_certificate_finish (fixture->acm, wait_for (&result), error);
}

static GPtrArray *
list (Fixture            *fixture,
      const char * const *statuses,
      GError            **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_acm_client_list_certificates_async (fixture->acm, statuses, NULL, store_cb, &result);
  return ca_acm_client_list_certificates_finish (fixture->acm, wait_for (&result), error);
}

/*
 * ListCertificates
 */

static void
test_list_all_pages_all_key_types (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) certificates = NULL;
  G_GNUC_UNUSED g_autofree char *a = add (fixture, "{\"DomainName\": \"a.example.com\"}");
  G_GNUC_UNUSED g_autofree char *b = add (fixture, "{\"DomainName\": \"b.example.com\", \"KeyAlgorithm\": \"EC-prime256v1\", \"Status\": \"ISSUED\"}");
  g_autofree char *c = add (fixture, "{\"DomainName\": \"c.example.com\", \"KeyAlgorithm\": \"RSA-4096\", \"InUseBy\": [\"arn:aws:cloudfront::1:distribution/X\"]}");
  JsonObject *input;

  ca_fake_acm_set_page_size (fixture->fake, 1);
  certificates = list (fixture, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (certificates->len, ==, 3);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ListCertificates"), ==, 3);
  g_assert_cmpstr (ca_acm_certificate_get_domain (g_ptr_array_index (certificates, 1)), ==, "b.example.com");
  g_assert_cmpstr (ca_acm_certificate_get_arn (g_ptr_array_index (certificates, 2)), ==, c);
  g_assert_true (ca_acm_certificate_get_in_use (g_ptr_array_index (certificates, 2)));
  g_assert_false (ca_acm_certificate_get_in_use (g_ptr_array_index (certificates, 0)));
  input = ca_fake_acm_get_last_input (fixture->fake, "ListCertificates");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (input, "Includes"), "keyTypes")), ==, 7);
}

/* MaxItems page edges: a list that fills its last page exactly needs no further request,
 * one item more needs one; the client asks for ACM's largest page (1000). */
static void
test_list_page_edges (Fixture       *fixture,
                      gconstpointer  data)
{
  const guint sizes[] = { 3, 4, 5 };
  const guint requests[] = { 2, 1, 1 };
  g_autofree char *a = add (fixture, "{\"DomainName\": \"a.example.com\"}");
  g_autofree char *b = add (fixture, "{\"DomainName\": \"b.example.com\"}");
  g_autofree char *c = add (fixture, "{\"DomainName\": \"c.example.com\"}");
  g_autofree char *d = add (fixture, "{\"DomainName\": \"d.example.com\"}");

  g_assert_nonnull (b);
  g_assert_nonnull (c);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) certificates = NULL;
      guint before = ca_fake_acm_get_request_count (fixture->fake, "ListCertificates");
      gint64 max_items;

      ca_fake_acm_set_page_size (fixture->fake, sizes[i]);
      certificates = list (fixture, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (certificates->len, ==, 4);
      g_assert_cmpstr (ca_acm_certificate_get_arn (g_ptr_array_index (certificates, 0)), ==, a);
      g_assert_cmpstr (ca_acm_certificate_get_arn (g_ptr_array_index (certificates, 3)), ==, d);
      max_items = json_object_get_int_member (ca_fake_acm_get_last_input (fixture->fake, "ListCertificates"), "MaxItems");
      g_assert_cmpint (max_items, ==, 1000);
      g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ListCertificates") - before, ==, requests[i]);
    }
}

static void
test_list_status_filter (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *statuses[] = { "ISSUED", "FAILED", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) certificates = NULL;
  G_GNUC_UNUSED g_autofree char *a = add (fixture, "{\"DomainName\": \"a.example.com\"}");
  G_GNUC_UNUSED g_autofree char *b = add (fixture, "{\"DomainName\": \"b.example.com\", \"Status\": \"ISSUED\"}");
  G_GNUC_UNUSED g_autofree char *c = add (fixture, "{\"DomainName\": \"c.example.com\", \"Status\": \"FAILED\", \"FailureReason\": \"CAA_ERROR\"}");

  certificates = list (fixture, statuses, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certificates->len, ==, 2);
  g_assert_cmpstr (ca_acm_certificate_get_status (g_ptr_array_index (certificates, 0)), ==, "ISSUED");
  g_assert_cmpstr (ca_acm_certificate_get_status (g_ptr_array_index (certificates, 1)), ==, "FAILED");
}

/*
 * DescribeCertificate and the models
 */

static void
test_describe_email (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *arn = add (fixture, "{\"DomainName\": \"www.shop.example.com\", \"SubjectAlternativeNames\": [\"shop.example.com\"], "
                                       "\"ValidationDomain\": \"example.com\", \"CreatedHoursAgo\": 10}");
  g_autoptr (CaAcmCertificate) certificate = describe (fixture, arn, &error);
  g_autoptr (GDateTime) deadline = NULL;
  CaAcmDomainValidation *validation;
  const char * const *emails;

  g_assert_no_error (error);
  g_assert_cmpstr (ca_acm_certificate_get_arn (certificate), ==, arn);
  g_assert_cmpstr (ca_acm_certificate_get_status (certificate), ==, "PENDING_VALIDATION");
  g_assert_cmpstr (ca_acm_certificate_get_validation_method (certificate), ==, "EMAIL");
  g_assert_cmpuint (g_strv_length ((char **) ca_acm_certificate_get_sans (certificate)), ==, 2);
  g_assert_cmpuint (ca_acm_certificate_get_validations (certificate)->len, ==, 2);
  validation = ca_acm_certificate_find_validation (certificate, "WWW.shop.example.com");
  g_assert_nonnull (validation);
  g_assert_cmpstr (ca_acm_domain_validation_get_validation_domain (validation), ==, "example.com");
  emails = ca_acm_domain_validation_get_emails (validation);
  g_assert_cmpstr (emails[0], ==, "admin@example.com");
  g_assert_null (ca_acm_domain_validation_get_record_name (validation));
  deadline = ca_acm_certificate_get_resend_deadline (certificate);
  g_assert_cmpint (g_date_time_difference (deadline, ca_acm_certificate_get_created_at (certificate)), ==, 72 * G_TIME_SPAN_HOUR);
}

static void
test_describe_dns_records_appear (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *arn = add (fixture, "{\"DomainName\": \"example.com\", \"SubjectAlternativeNames\": [\"*.example.com\"], \"ValidationMethod\": \"DNS\"}");
  g_autoptr (CaAcmCertificate) certificate = describe (fixture, arn, &error);
  CaAcmDomainValidation *apex, *wildcard;

  g_assert_no_error (error);
  apex = ca_acm_certificate_find_validation (certificate, "example.com");
  wildcard = ca_acm_certificate_find_validation (certificate, "*.example.com");
  g_assert_cmpstr (ca_acm_domain_validation_get_method (apex), ==, "DNS");
  g_assert_true (g_str_has_prefix (ca_acm_domain_validation_get_record_name (apex), "_"));
  g_assert_true (g_str_has_suffix (ca_acm_domain_validation_get_record_name (apex), ".example.com."));
  g_assert_true (g_str_has_suffix (ca_acm_domain_validation_get_record_value (apex), ".acm-validations.aws."));
  /* A wildcard shares its base name's record. */
  g_assert_cmpstr (ca_acm_domain_validation_get_record_name (wildcard), ==, ca_acm_domain_validation_get_record_name (apex));
  g_assert_null (ca_acm_certificate_get_resend_deadline (certificate));
}

static void
test_describe_not_found (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmCertificate) certificate = describe (fixture, "arn:aws:acm:us-east-1:123456789012:certificate/00000000-1111-2222-3333-444444444444", &error);

  g_assert_null (certificate);
  g_assert_error (error, CA_ERROR, CA_ERROR_AWS);
  g_assert_cmpint (ca_error_to_exit_status (error), ==, 5);
}

static void
test_bad_arn_sends_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmCertificate) certificate = describe (fixture, "arn:aws:iam::123456789012:user/me", &error);

  g_assert_null (certificate);
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_ARN);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 0);
}

/* Epoch seconds may be fractional or carry an exponent. */
static void
test_parse_timestamps (void)
{
  g_autoptr (JsonNode) node = json_from_string (
    "{\"CertificateArn\": \"arn:aws:acm:us-east-1:123456789012:certificate/1\", \"DomainName\": \"example.com\","
    " \"CreatedAt\": 1.516130652887E9, \"IssuedAt\": 1446835267.0, \"NotAfter\": 1893456000,"
    " \"Status\": \"ISSUED\", \"Type\": \"AMAZON_ISSUED\", \"InUseBy\": [\"x\"],"
    " \"RenewalSummary\": {\"RenewalStatus\": \"FAILED\", \"RenewalStatusReason\": \"CAA_ERROR\","
    "   \"DomainValidationOptions\": [{\"DomainName\": \"example.com\", \"ValidationMethod\": \"EMAIL\"}]},"
    " \"DomainValidationOptions\": [{\"DomainName\": \"example.com\"}]}", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmCertificate) certificate = ca_acm_certificate_new_from_json (json_node_get_object (node), &error);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) out = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_to_unix (ca_acm_certificate_get_created_at (certificate)), ==, 1516130652);
  g_assert_cmpint (g_date_time_get_microsecond (ca_acm_certificate_get_created_at (certificate)), ==, 887000);
  g_assert_cmpint (g_date_time_to_unix (ca_acm_certificate_get_issued_at (certificate)), ==, 1446835267);
  g_assert_cmpint (g_date_time_to_unix (ca_acm_certificate_get_not_after (certificate)), ==, 1893456000);
  g_assert_cmpstr (ca_acm_certificate_get_renewal_status (certificate), ==, "FAILED");
  g_assert_cmpuint (ca_acm_certificate_get_renewal_validations (certificate)->len, ==, 1);
  /* A method left out reads as absent. */
  g_assert_cmpuint (ca_acm_certificate_get_validations (certificate)->len, ==, 1);
  g_assert_null (ca_acm_certificate_get_validation_method (certificate));

  ca_acm_certificate_to_json (certificate, builder);
  out = json_builder_get_root (builder);
  object = json_node_get_object (out);
  g_assert_cmpstr (json_object_get_string_member (object, "created_at"), ==, "2018-01-16T19:24:12Z");
  g_assert_cmpstr (json_object_get_string_member (object, "issued_at"), ==, "2015-11-06T18:41:07Z");
  g_assert_cmpstr (json_object_get_string_member (object, "not_after"), ==, "2030-01-01T00:00:00Z");
  g_assert_true (json_object_get_null_member (object, "resend_deadline"));
  g_assert_true (json_object_get_null_member (object, "failure_reason"));
}

/* A wrongly typed member or entry is an error in words, never read as absent or
 * skipped: either would change the verdict (tests/test-hostile-input.c has the rest). */
static void
test_parse_wrong_inner_types (void)
{
  static const char * const options[] = {
    "[{\"DomainName\": \"example.com\", \"ValidationMethod\": 7}]",
    "[{\"DomainName\": \"example.com\"}, 3]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"CertificateArn\": \"arn:aws:acm:us-east-1:123456789012:certificate/1\","
                                               " \"DomainName\": \"example.com\", \"DomainValidationOptions\": %s}", options[i]);
      g_autoptr (JsonNode) node = json_from_string (text, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (CaAcmCertificate) certificate = ca_acm_certificate_new_from_json (json_node_get_object (node), &error);

      g_assert_null (certificate);
      g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
    }
}

static void
test_parse_missing_arn (void)
{
  g_autoptr (JsonNode) node = json_from_string ("{\"DomainName\": \"example.com\"}", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmCertificate) certificate = ca_acm_certificate_new_from_json (json_node_get_object (node), &error);

  g_assert_null (certificate);
  g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
}

/*
 * RequestCertificate
 */

static char *
request (Fixture            *fixture,
         const char * const *names,
         const char         *method,
         const char * const *domains,
         const char         *key,
         GError            **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_acm_client_request_certificate_async (fixture->acm, names, method, domains, key, NULL, NULL, store_cb, &result);
  return ca_acm_client_request_certificate_finish (fixture->acm, wait_for (&result), error);
}

static void
test_request_email_with_validation_domains (Fixture       *fixture,
                                            gconstpointer  data)
{
  const char *names[] = { "shop.example.com", "www.shop.example.com", NULL };
  const char *domains[] = { "example.com", NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *arn = request (fixture, names, "EMAIL", domains, "EC_prime256v1", &error);
  g_autoptr (CaAcmCertificate) certificate = NULL;
  JsonObject *input = ca_fake_acm_get_last_input (fixture->fake, "RequestCertificate");
  JsonArray *options;

  g_assert_no_error (error);
  g_assert_true (ca_acm_check_arn (arn, NULL));
  g_assert_cmpstr (json_object_get_string_member (input, "ValidationMethod"), ==, "EMAIL");
  g_assert_cmpstr (json_object_get_string_member (input, "KeyAlgorithm"), ==, "EC_prime256v1");
  g_assert_cmpuint (strlen (json_object_get_string_member (input, "IdempotencyToken")), ==, 32);
  options = json_object_get_array_member (input, "DomainValidationOptions");
  g_assert_cmpuint (json_array_get_length (options), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (options, 0), "ValidationDomain"), ==, "example.com");

  certificate = describe (fixture, arn, &error);
  g_assert_cmpstr (ca_acm_domain_validation_get_emails (ca_acm_certificate_find_validation (certificate, "shop.example.com"))[0],
                   ==, "admin@example.com");
}

static void
test_request_idempotent (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *names[] = { "example.com", "www.example.com", NULL };
  const char *other[] = { "example.com", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr (GPtrArray) certificates = NULL;

  first = request (fixture, names, "DNS", NULL, NULL, &error);
  /* The answer is lost (503): the retry carries the same token. */
  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_SERVER_ERROR, 1);
  second = request (fixture, names, "DNS", NULL, NULL, &error);
  third = request (fixture, other, "DNS", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (first, !=, third);

  certificates = list (fixture, NULL, &error);
  g_assert_cmpuint (certificates->len, ==, 2);
}

static void
test_idempotency_token (void)
{
  const char *names[] = { "example.com", "www.example.com", NULL };
  const char *domains[] = { "example.com", "example.com", NULL };
  g_autofree char *a = ca_acm_idempotency_token (names, "EMAIL", domains, NULL);
  g_autofree char *b = ca_acm_idempotency_token (names, "EMAIL", domains, NULL);
  g_autofree char *c = ca_acm_idempotency_token (names, "DNS", NULL, NULL);
  g_autofree char *d = ca_acm_idempotency_token (names, "EMAIL", NULL, NULL);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (a, !=, d);
  g_assert_true (g_regex_match_simple ("^\\w{1,32}$", a, 0, 0));
}

/*
 * Tags
 */

static GPtrArray *
list_tags (Fixture     *fixture,
           const char  *arn,
           GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_acm_client_list_tags_async (fixture->acm, arn, NULL, store_cb, &result);
  return ca_acm_client_list_tags_finish (fixture->acm, wait_for (&result), error);
}

static void
assert_tag (GPtrArray  *tags,
            guint       index,
            const char *key,
            const char *value)
{
  const char * const *tag = g_ptr_array_index (tags, index);

  g_assert_cmpstr (tag[0], ==, key);
  g_assert_cmpstr (tag[1], ==, value);
  g_assert_null (tag[2]);
}

static void
test_request_tags (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *names[] = { "tagged.example.com", NULL };
  g_autoptr (GPtrArray) tags = ca_acm_tags_new ();
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *arn = NULL;
  g_autofree char *untagged_token = ca_acm_idempotency_token (names, "DNS", NULL, NULL);
  JsonObject *input;
  JsonArray *sent;

  ca_acm_tags_add (tags, "team", "web");
  ca_acm_tags_add (tags, "cost-center", NULL);
  ca_acm_client_request_certificate_async (fixture->acm, names, "DNS", NULL, NULL, tags, NULL, store_cb, &result);
  arn = ca_acm_client_request_certificate_finish (fixture->acm, wait_for (&result), &error);
  g_assert_no_error (error);

  /* ACM's shape: [{Key, Value}], in the given order. */
  input = ca_fake_acm_get_last_input (fixture->fake, "RequestCertificate");
  sent = json_object_get_array_member (input, "Tags");
  g_assert_cmpuint (json_array_get_length (sent), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sent, 0), "Key"), ==, "team");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sent, 0), "Value"), ==, "web");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sent, 1), "Key"), ==, "cost-center");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sent, 1), "Value"), ==, "");
  /* The same names with other tags are another request, not a retry of this one. */
  g_assert_cmpstr (json_object_get_string_member (input, "IdempotencyToken"), !=, untagged_token);
  g_assert_true (g_regex_match_simple ("^\\w{1,32}$", json_object_get_string_member (input, "IdempotencyToken"), 0, 0));

  listed = list_tags (fixture, arn, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  assert_tag (listed, 0, "team", "web");
  assert_tag (listed, 1, "cost-center", "");
}

static void
test_request_without_tags (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *names[] = { "plain.example.com", NULL };
  g_autoptr (GPtrArray) empty = ca_acm_tags_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *arn = NULL;
  g_autofree char *token = ca_acm_idempotency_token (names, "DNS", NULL, NULL);
  JsonObject *input;

  /* ACM refuses an empty Tags list: none is sent at all. */
  ca_acm_client_request_certificate_async (fixture->acm, names, "DNS", NULL, NULL, empty, NULL, store_cb, &result);
  arn = ca_acm_client_request_certificate_finish (fixture->acm, wait_for (&result), &error);
  g_assert_no_error (error);
  input = ca_fake_acm_get_last_input (fixture->fake, "RequestCertificate");
  g_assert_false (json_object_has_member (input, "Tags"));
  g_assert_cmpstr (json_object_get_string_member (input, "IdempotencyToken"), ==, token);
}

static void
test_list_tags (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *tagged = add (fixture, "{\"DomainName\": \"a.example.com\", \"Tags\": [{\"Key\": \"env\", \"Value\": \"prod\"}, {\"Key\": \"owner\"}]}");
  g_autofree char *plain = add (fixture, "{\"DomainName\": \"b.example.com\"}");
  g_autoptr (GPtrArray) tags = NULL;
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GPtrArray) missing = NULL;
  g_autoptr (GPtrArray) bad = NULL;
  g_autoptr (GError) error = NULL;

  tags = list_tags (fixture, tagged, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 2);
  assert_tag (tags, 0, "env", "prod");
  /* A key without a value comes back with "". */
  assert_tag (tags, 1, "owner", "");
  g_assert_cmpstr (json_object_get_string_member (ca_fake_acm_get_last_input (fixture->fake, "ListTagsForCertificate"),
                                                  "CertificateArn"), ==, tagged);

  none = list_tags (fixture, plain, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  missing = list_tags (fixture, "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000", &error);
  g_assert_null (missing);
  g_assert_error (error, CA_ERROR, CA_ERROR_AWS);
  g_assert_nonnull (strstr (error->message, "Could not find certificate"));
  g_clear_error (&error);

  ca_fake_acm_reset_counts (fixture->fake);
  bad = list_tags (fixture, "not-an-arn", &error);
  g_assert_null (bad);
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_ARN);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 0);
}

static void
test_request_bad_validation_domain (Fixture       *fixture,
                                    gconstpointer  data)
{
  const char *names[] = { "www.example.com", NULL };
  const char *domains[] = { "example.org", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *arn = request (fixture, names, "EMAIL", domains, NULL, &error);

  g_assert_null (arn);
  g_assert_error (error, CA_ERROR, CA_ERROR_AWS);
  /* AWS's words, without its exception name. */
  g_assert_nonnull (strstr (error->message, "The ValidationDomain value must be the domain name or a superdomain"));
  g_assert_null (strstr (error->message, "InvalidDomainValidationOptionsException"));
}

/*
 * Resend, delete, get, migrate
 */

static gboolean
resend (Fixture     *fixture,
        const char  *arn,
        const char  *name,
        const char  *domain,
        GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_acm_client_resend_validation_email_async (fixture->acm, arn, name, domain, NULL, store_cb, &result);
  return ca_acm_client_resend_validation_email_finish (fixture->acm, wait_for (&result), error);
}

static void
test_resend (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pending = add (fixture, "{\"DomainName\": \"www.example.com\"}");
  g_autofree char *issued = add (fixture, "{\"DomainName\": \"www.example.com\", \"Status\": \"ISSUED\"}");
  g_autofree char *old = add (fixture, "{\"DomainName\": \"www.example.com\", \"CreatedHoursAgo\": 80}");
  JsonObject *input;

  g_assert_true (resend (fixture, pending, "www.example.com", "example.com", &error));
  g_assert_no_error (error);
  input = ca_fake_acm_get_last_input (fixture->fake, "ResendValidationEmail");
  g_assert_cmpstr (json_object_get_string_member (input, "Domain"), ==, "www.example.com");
  g_assert_cmpstr (json_object_get_string_member (input, "ValidationDomain"), ==, "example.com");

  g_assert_false (resend (fixture, issued, "www.example.com", NULL, &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_AWS);
  /* In words, not ACM's exception name. */
  g_assert_nonnull (strstr (error->message, "no longer waits for email validation"));
  g_assert_null (strstr (error->message, "InvalidStateException"));
  g_clear_error (&error);
  g_assert_false (resend (fixture, old, "www.example.com", NULL, &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_AWS);
  g_clear_error (&error);
  g_assert_false (resend (fixture, pending, "other.example.com", NULL, &error));
  /* AWS's words, without its exception name. */
  g_assert_nonnull (strstr (error->message, "The ValidationDomain value must be the domain name or a superdomain"));
  g_assert_null (strstr (error->message, "InvalidDomainValidationOptionsException"));
}

static gboolean
delete (Fixture     *fixture,
        const char  *arn,
        GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_acm_client_delete_certificate_async (fixture->acm, arn, NULL, store_cb, &result);
  return ca_acm_client_delete_certificate_finish (fixture->acm, wait_for (&result), error);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *free_arn = add (fixture, "{\"DomainName\": \"a.example.com\"}");
  g_autofree char *used = add (fixture, "{\"DomainName\": \"b.example.com\", \"Status\": \"ISSUED\", \"InUseBy\": [\"arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/x/1\"]}");
  g_autoptr (GPtrArray) certificates = NULL;

  g_assert_true (delete (fixture, free_arn, &error));
  g_assert_false (delete (fixture, used, &error));
  g_assert_nonnull (strstr (error->message, "is in use"));
  g_assert_null (strstr (error->message, "ResourceInUseException"));
  g_clear_error (&error);
  certificates = list (fixture, NULL, &error);
  g_assert_cmpuint (certificates->len, ==, 1);
  g_assert_cmpstr (ca_acm_certificate_get_arn (g_ptr_array_index (certificates, 0)), ==, used);
}

static void
test_get_certificate (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *issued = add (fixture, "{\"DomainName\": \"www.example.com\", \"Status\": \"ISSUED\"}");
  g_autofree char *pending = add (fixture, "{\"DomainName\": \"www.example.com\"}");
  g_autoptr (GAsyncResult) first = NULL;
  g_autoptr (GAsyncResult) second = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *none = NULL;

  ca_acm_client_get_certificate_async (fixture->acm, issued, NULL, store_cb, &first);
  pem = ca_acm_client_get_certificate_finish (fixture->acm, wait_for (&first), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pem, "-----BEGIN CERTIFICATE-----"));
  /* Leaf and chain. */
  g_assert_nonnull (strstr (strstr (pem, "-----END CERTIFICATE-----"), "-----BEGIN CERTIFICATE-----"));

  ca_acm_client_get_certificate_async (fixture->acm, pending, NULL, store_cb, &second);
  none = ca_acm_client_get_certificate_finish (fixture->acm, wait_for (&second), &error);
  g_assert_null (none);
  g_assert_nonnull (strstr (error->message, "Certificate may not be requested"));
  g_assert_null (strstr (error->message, "RequestInProgressException"));
}

/* The PEM is the certificate DescribeCertificate describes: its domain, its
 * names, its expiry (the demo once listed example.net and handed out a
 * certificate for www.example.com with another date). */
static void
test_get_certificate_matches (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *arn = add (fixture, "{\"DomainName\": \"example.net\", \"Status\": \"ISSUED\","
                                       " \"SubjectAlternativeNames\": [\"example.net\", \"www.example.net\"],"
                                       " \"NotAfterDaysAhead\": 30}");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CaAcmCertificate) described = describe (fixture, arn, &error);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) certificates = NULL;
  GDateTime *acm_not_after;
  CaCertificateInfo *leaf;
  g_autofree char *pem = NULL;

  g_assert_no_error (error);
  ca_acm_client_get_certificate_async (fixture->acm, arn, NULL, store_cb, &result);
  pem = ca_acm_client_get_certificate_finish (fixture->acm, wait_for (&result), &error);
  g_assert_no_error (error);
  bytes = g_bytes_new (pem, strlen (pem));
  certificates = ca_x509_parse (bytes, "example.net.pem", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certificates->len, ==, 2);
  leaf = g_ptr_array_index (certificates, 0);
  g_assert_cmpstr (ca_certificate_info_get_common_name (leaf), ==, "example.net");
  g_assert_true (g_strv_equal (ca_certificate_info_get_dns_names (leaf),
                               (const char *[]) { "example.net", "www.example.net", NULL }));
  acm_not_after = ca_acm_certificate_get_not_after (described);
  g_assert_cmpint (g_date_time_to_unix (ca_certificate_info_get_not_after (leaf)), ==, g_date_time_to_unix (acm_not_after));
}

static GPtrArray *
domain_validations (Fixture     *fixture,
                    const char  *arn,
                    GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_acm_client_list_domain_validations_async (fixture->acm, arn, NULL, store_cb, &result);
  return ca_acm_client_list_domain_validations_finish (fixture->acm, wait_for (&result), error);
}

static gboolean
migrate (Fixture     *fixture,
         const char  *arn,
         GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_acm_client_migrate_to_dns_async (fixture->acm, arn, NULL, store_cb, &result);
  return ca_acm_client_migrate_to_dns_finish (fixture->acm, wait_for (&result), error);
}

static void
test_migration (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *arn = add (fixture, "{\"DomainName\": \"example.net\", \"SubjectAlternativeNames\": [\"www.example.net\"], \"Status\": \"ISSUED\"}");
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) during = NULL;
  g_autoptr (CaAcmCertificate) after = NULL;
  JsonObject *input;

  ca_fake_acm_set_page_size (fixture->fake, 1);
  before = domain_validations (fixture, arn, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 2);
  g_assert_cmpstr (ca_acm_domain_validation_get_active_method (g_ptr_array_index (before, 0)), ==, "EMAIL");
  g_assert_cmpstr (ca_acm_domain_validation_get_method (g_ptr_array_index (before, 0)), ==, "EMAIL");

  g_assert_true (migrate (fixture, arn, &error));
  input = ca_fake_acm_get_last_input (fixture->fake, "UpdateCertificateOptions");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (input, "Options"), "ValidationMethod"), ==, "DNS");
  during = domain_validations (fixture, arn, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_acm_domain_validation_get_active_method (g_ptr_array_index (during, 1)), ==, "EMAIL");
  g_assert_cmpstr (ca_acm_domain_validation_get_method (g_ptr_array_index (during, 1)), ==, "DNS");
  g_assert_cmpstr (ca_acm_domain_validation_get_status (g_ptr_array_index (during, 1)), ==, "PENDING_VALIDATION");
  g_assert_true (g_str_has_suffix (ca_acm_domain_validation_get_record_name (g_ptr_array_index (during, 1)), ".www.example.net."));

  /* A second start is a conflict; once done, the certificate is DNS-validated with its ARN. */
  g_assert_false (migrate (fixture, arn, &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_AWS);
  g_assert_cmpstr (error->message, ==, "A move to DNS validation is already under way for this certificate.");
  g_clear_error (&error);
  g_assert_true (ca_fake_acm_approve (fixture->fake, arn));
  after = describe (fixture, arn, &error);
  g_assert_cmpstr (ca_acm_certificate_get_validation_method (after), ==, "DNS");
  g_assert_cmpstr (ca_acm_certificate_get_arn (after), ==, arn);
}

static void
test_migration_not_eligible (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pending = add (fixture, "{\"DomainName\": \"example.net\"}");
  g_autofree char *dns = add (fixture, "{\"DomainName\": \"example.net\", \"Status\": \"ISSUED\", \"ValidationMethod\": \"DNS\"}");

  g_assert_false (migrate (fixture, pending, &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_AWS);
  g_assert_nonnull (strstr (error->message, "not eligible for a validation method change"));
  g_clear_error (&error);
  g_assert_false (migrate (fixture, dns, &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_AWS);
}

/*
 * Findings
 */

static GPtrArray *
findings_for (const char *json,
              GPtrArray  *migration)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (CaAcmCertificate) certificate = ca_acm_certificate_new_from_json (json_node_get_object (node), NULL);

  g_assert_nonnull (certificate);
  return ca_acm_findings_for_certificate (certificate, migration, NULL);
}

static gboolean
has_finding (GPtrArray   *findings,
             CaFindingId  id)
{
  for (guint i = 0; i < findings->len; i++)
    if (ca_finding_get_id (g_ptr_array_index (findings, i)) == id)
      return TRUE;
  return FALSE;
}

static char *
detail_json (const char *status,
             const char *method,
             double      created_hours_ago,
             const char *extra)
{
  gint64 created = g_get_real_time () / G_USEC_PER_SEC - (gint64) (created_hours_ago * 3600);

  return g_strdup_printf ("{\"CertificateArn\": \"arn:aws:acm:us-east-1:123456789012:certificate/f\","
                          " \"DomainName\": \"www.example.com\", \"Status\": \"%s\", \"Type\": \"AMAZON_ISSUED\","
                          " \"CreatedAt\": %" G_GINT64_FORMAT ".5%s,"
                          " \"DomainValidationOptions\": [{\"DomainName\": \"www.example.com\", \"ValidationMethod\": \"%s\","
                          "   \"ValidationStatus\": \"PENDING_VALIDATION\", \"ValidationDomain\": \"www.example.com\","
                          "   \"ValidationEmails\": [\"admin@example.com\", \"administrator@example.com\", \"hostmaster@example.com\","
                          "   \"postmaster@example.com\", \"webmaster@example.com\"]}]}",
                          status, created, extra != NULL ? extra : "", method);
}

static void
test_findings_pending_email (void)
{
  g_autofree char *json = detail_json ("PENDING_VALIDATION", "EMAIL", 10, NULL);
  g_autoptr (GPtrArray) findings = findings_for (json, NULL);

  g_assert_true (has_finding (findings, CA_FINDING_RESEND_WINDOW_OPEN));
  g_assert_true (has_finding (findings, CA_FINDING_EMAIL_VALIDATION_PHASE_OUT));
  g_assert_true (has_finding (findings, CA_FINDING_MIGRATION_NOT_ELIGIBLE));
  g_assert_false (has_finding (findings, CA_FINDING_VALIDATION_WINDOW_EXPIRED));
  /* ACM's list is the five addresses of the stripped domain: no difference. */
  g_assert_false (has_finding (findings, CA_FINDING_VALIDATION_EMAILS_DIFFER));
  g_assert_false (has_finding (findings, CA_FINDING_DOMAINS_PENDING_APPROVAL));
  /* Most severe first. */
  g_assert_cmpint (ca_finding_get_severity (g_ptr_array_index (findings, 0)), ==, CA_SEVERITY_WARNING);
}

static void
test_findings_window_closed (void)
{
  g_autofree char *late = detail_json ("PENDING_VALIDATION", "EMAIL", 73, NULL);
  g_autofree char *timed_out = detail_json ("VALIDATION_TIMED_OUT", "EMAIL", 100, NULL);
  g_autoptr (GPtrArray) a = findings_for (late, NULL);
  g_autoptr (GPtrArray) b = findings_for (timed_out, NULL);

  g_assert_true (has_finding (a, CA_FINDING_VALIDATION_WINDOW_EXPIRED));
  g_assert_false (has_finding (a, CA_FINDING_RESEND_WINDOW_OPEN));
  g_assert_true (has_finding (b, CA_FINDING_VALIDATION_WINDOW_EXPIRED));
  g_assert_true (has_finding (b, CA_FINDING_MIGRATION_NOT_ELIGIBLE));
  g_assert_false (has_finding (b, CA_FINDING_EMAIL_VALIDATION_PHASE_OUT));
}

static void
test_findings_failure_reasons (void)
{
  const struct { const char *reason; CaFindingId id; } cases[] = {
    { "CAA_ERROR", CA_FINDING_CERT_FAILED_CAA_ERROR },
    { "NO_AVAILABLE_CONTACTS", CA_FINDING_CERT_FAILED_NO_AVAILABLE_CONTACTS },
    { "ADDITIONAL_VERIFICATION_REQUIRED", CA_FINDING_CERT_FAILED_ADDITIONAL_VERIFICATION_REQUIRED },
    { "INVALID_PUBLIC_DOMAIN", CA_FINDING_CERT_FAILED_INVALID_PUBLIC_DOMAIN },
    { "DOMAIN_NOT_ALLOWED", CA_FINDING_CERT_FAILED_DOMAIN_NOT_ALLOWED },
    { "DOMAIN_VALIDATION_DENIED", CA_FINDING_CERT_FAILED_DOMAIN_VALIDATION_DENIED },
    { "PCA_INVALID_ARGS", CA_FINDING_CERT_FAILED_PCA },
    { "PCA_ACCESS_DENIED", CA_FINDING_CERT_FAILED_PCA },
    { "SLR_NOT_FOUND", CA_FINDING_CERT_FAILED_SLR_NOT_FOUND },
    { "OTHER", CA_FINDING_CERT_FAILED_OTHER },
    { "SOMETHING_NEW", CA_FINDING_CERT_FAILED_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *extra = g_strdup_printf (", \"FailureReason\": \"%s\"", cases[i].reason);
      g_autofree char *json = detail_json ("FAILED", "EMAIL", 10, extra);
      g_autoptr (GPtrArray) findings = findings_for (json, NULL);
      CaFinding *first = g_ptr_array_index (findings, 0);

      g_assert_cmpint (ca_finding_get_id (first), ==, cases[i].id);
      g_assert_cmpint (ca_finding_get_severity (first), ==, CA_SEVERITY_ERROR);
      /* Said in words by the finding's title, never by ACM's code. */
      g_assert_cmpstr (ca_finding_get_message (first), ==, ca_finding_id_get_title (cases[i].id));
      g_assert_null (strstr (ca_finding_get_message (first), cases[i].reason));
      g_assert_false (has_finding (findings, CA_FINDING_RESEND_WINDOW_OPEN));
    }
}

static void
test_findings_issued_email (void)
{
  g_autofree char *extra = g_strdup_printf (", \"NotAfter\": %" G_GINT64_FORMAT ", \"RenewalSummary\": {\"RenewalStatus\": \"PENDING_VALIDATION\"}",
                                            g_get_real_time () / G_USEC_PER_SEC + 20 * 86400);
  g_autofree char *json = detail_json ("ISSUED", "EMAIL", 3000, extra);
  g_autoptr (GPtrArray) findings = findings_for (json, NULL);
  g_autofree char *far_extra = g_strdup_printf (", \"NotAfter\": %" G_GINT64_FORMAT ", \"RenewalSummary\": {\"RenewalStatus\": \"FAILED\", \"RenewalStatusReason\": \"CAA_ERROR\"}",
                                                g_get_real_time () / G_USEC_PER_SEC + 100 * 86400);
  g_autofree char *far_json = detail_json ("ISSUED", "EMAIL", 3000, far_extra);
  g_autoptr (GPtrArray) far = findings_for (far_json, NULL);

  g_assert_true (has_finding (findings, CA_FINDING_MIGRATION_AVAILABLE));
  g_assert_true (has_finding (findings, CA_FINDING_EMAIL_VALIDATION_PHASE_OUT));
  g_assert_true (has_finding (findings, CA_FINDING_EXPIRY_NEAR));
  g_assert_true (has_finding (findings, CA_FINDING_RENEWAL_PENDING_VALIDATION));
  g_assert_false (has_finding (findings, CA_FINDING_RESEND_WINDOW_OPEN));
  g_assert_false (has_finding (far, CA_FINDING_EXPIRY_NEAR));
  g_assert_true (has_finding (far, CA_FINDING_RENEWAL_FAILED));
  /* ACM's reason in words, never its code. */
  for (guint i = 0; i < far->len; i++)
    {
      CaFinding *finding = g_ptr_array_index (far, i);

      if (ca_finding_get_id (finding) == CA_FINDING_RENEWAL_FAILED)
        g_assert_cmpstr (ca_finding_get_message (finding), ==, "CAA records forbid Amazon to issue for a name.");
      g_assert_null (strstr (ca_finding_get_message (finding), "CAA_ERROR"));
    }
}

static void
test_findings_dns_and_imported (void)
{
  g_autofree char *dns_json = detail_json ("ISSUED", "DNS", 3000, NULL);
  g_autoptr (GPtrArray) dns = findings_for (dns_json, NULL);
  g_autoptr (JsonNode) node = json_from_string ("{\"CertificateArn\": \"arn:aws:acm:us-east-1:123456789012:certificate/i\","
                                                " \"DomainName\": \"example.com\", \"Status\": \"ISSUED\", \"Type\": \"IMPORTED\"}", NULL);
  g_autoptr (CaAcmCertificate) imported = ca_acm_certificate_new_from_json (json_node_get_object (node), NULL);
  g_autoptr (GPtrArray) imported_findings = ca_acm_findings_for_certificate (imported, NULL, NULL);

  g_autoptr (JsonNode) pending_node = json_from_string (
    "{\"CertificateArn\": \"arn:aws:acm:us-east-1:123456789012:certificate/d\", \"DomainName\": \"example.com\","
    " \"Status\": \"PENDING_VALIDATION\", \"Type\": \"AMAZON_ISSUED\", \"DomainValidationOptions\": ["
    "  {\"DomainName\": \"example.com\", \"ValidationMethod\": \"DNS\", \"ValidationStatus\": \"PENDING_VALIDATION\"},"
    "  {\"DomainName\": \"www.example.com\", \"ValidationMethod\": \"DNS\", \"ValidationStatus\": \"PENDING_VALIDATION\"}]}", NULL);
  g_autoptr (CaAcmCertificate) pending_dns = ca_acm_certificate_new_from_json (json_node_get_object (pending_node), NULL);
  g_autoptr (GPtrArray) pending_findings = ca_acm_findings_for_certificate (pending_dns, NULL, NULL);

  g_assert_cmpuint (dns->len, ==, 0);
  /* Nothing about mails or resending for a DNS request. */
  g_assert_cmpuint (pending_findings->len, ==, 0);
  g_assert_cmpuint (imported_findings->len, ==, 1);
  g_assert_true (has_finding (imported_findings, CA_FINDING_MIGRATION_NOT_ELIGIBLE));
  /* In words, never ACM's type code. */
  g_assert_cmpstr (ca_finding_get_message (g_ptr_array_index (imported_findings, 0)), ==,
                   "Only public certificates that ACM issued can move to DNS validation; this one was imported into ACM.");
}

static void
test_findings_names_and_emails (void)
{
  gint64 created = g_get_real_time () / G_USEC_PER_SEC - 3600;
  g_autofree char *json = g_strdup_printf (
    "{\"CertificateArn\": \"arn:aws:acm:us-east-1:123456789012:certificate/n\", \"DomainName\": \"shop.example.com\","
    " \"Status\": \"PENDING_VALIDATION\", \"Type\": \"AMAZON_ISSUED\", \"CreatedAt\": %" G_GINT64_FORMAT ","
    " \"DomainValidationOptions\": ["
    "  {\"DomainName\": \"shop.example.com\", \"ValidationMethod\": \"EMAIL\", \"ValidationStatus\": \"SUCCESS\","
    "   \"ValidationDomain\": \"example.com\", \"ValidationEmails\": [\"admin@example.com\", \"hostmaster@example.com\"]},"
    "  {\"DomainName\": \"www.shop.example.com\", \"ValidationMethod\": \"EMAIL\", \"ValidationStatus\": \"PENDING_VALIDATION\","
    "   \"ValidationDomain\": \"www.shop.example.com\", \"ValidationEmails\": [\"admin@shop.example.com\", \"administrator@shop.example.com\","
    "   \"hostmaster@shop.example.com\", \"postmaster@shop.example.com\", \"webmaster@shop.example.com\"]}]}", created);
  g_autoptr (GPtrArray) findings = findings_for (json, NULL);
  CaFinding *differ = NULL;

  g_assert_true (has_finding (findings, CA_FINDING_DOMAINS_PENDING_APPROVAL));
  for (guint i = 0; i < findings->len; i++)
    if (ca_finding_get_id (g_ptr_array_index (findings, i)) == CA_FINDING_VALIDATION_EMAILS_DIFFER)
      {
        g_assert_null (differ);
        differ = g_ptr_array_index (findings, i);
      }
  /* Two addresses instead of five for shop.example.com; www.… matches its stripped domain. */
  g_assert_nonnull (differ);
  g_assert_cmpstr (ca_finding_get_name (differ), ==, "shop.example.com");
  g_assert_nonnull (strstr (ca_finding_get_message (differ), "hostmaster@example.com"));
}

static void
test_findings_migration_in_progress (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *arn = add (fixture, "{\"DomainName\": \"example.net\", \"Status\": \"ISSUED\"}");
  g_autoptr (CaAcmCertificate) certificate = NULL;
  g_autoptr (GPtrArray) idle = NULL;
  g_autoptr (GPtrArray) running = NULL;
  g_autoptr (GPtrArray) idle_findings = NULL;
  g_autoptr (GPtrArray) running_findings = NULL;

  certificate = describe (fixture, arn, &error);
  idle = domain_validations (fixture, arn, &error);
  idle_findings = ca_acm_findings_for_certificate (certificate, idle, NULL);
  g_assert_true (has_finding (idle_findings, CA_FINDING_MIGRATION_AVAILABLE));
  g_assert_false (has_finding (idle_findings, CA_FINDING_MIGRATION_IN_PROGRESS));

  g_assert_true (migrate (fixture, arn, &error));
  running = domain_validations (fixture, arn, &error);
  running_findings = ca_acm_findings_for_certificate (certificate, running, NULL);
  g_assert_true (has_finding (running_findings, CA_FINDING_MIGRATION_IN_PROGRESS));
  g_assert_false (has_finding (running_findings, CA_FINDING_MIGRATION_AVAILABLE));
}

static void
test_check_arn (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (ca_acm_check_arn ("arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012", NULL));
  g_assert_true (ca_acm_check_arn ("arn:aws-cn:acm:cn-north-1:123456789012:certificate/abc", NULL));
  g_assert_true (ca_acm_check_arn ("arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate/abc", NULL));
  g_assert_false (ca_acm_check_arn ("arn:aws:acm:eu-west-1:1234:certificate/x", NULL));
  g_assert_false (ca_acm_check_arn ("arn:aws:acm:eu-west-1:123456789012:certificate/x;rm", NULL));
  g_assert_false (ca_acm_check_arn ("", &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_ARN);
}

#define ADD(path, func) \
  g_test_add ("/acm/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  ADD ("list/pages-and-key-types", test_list_all_pages_all_key_types);
  ADD ("list/page-edges", test_list_page_edges);
  ADD ("list/status-filter", test_list_status_filter);
  ADD ("describe/email", test_describe_email);
  ADD ("describe/dns-records", test_describe_dns_records_appear);
  ADD ("describe/not-found", test_describe_not_found);
  ADD ("describe/bad-arn", test_bad_arn_sends_nothing);
  ADD ("request/email-validation-domains", test_request_email_with_validation_domains);
  ADD ("request/idempotent", test_request_idempotent);
  ADD ("request/bad-validation-domain", test_request_bad_validation_domain);
  ADD ("request/tags", test_request_tags);
  ADD ("request/without-tags", test_request_without_tags);
  ADD ("tags/list", test_list_tags);
  ADD ("resend", test_resend);
  ADD ("delete", test_delete);
  ADD ("get-certificate", test_get_certificate);
  ADD ("get-certificate-matches", test_get_certificate_matches);
  ADD ("migration/states", test_migration);
  ADD ("migration/not-eligible", test_migration_not_eligible);
  ADD ("findings/migration-in-progress", test_findings_migration_in_progress);
  g_test_add_func ("/acm/parse/timestamps", test_parse_timestamps);
  g_test_add_func ("/acm/parse/wrong-inner-types", test_parse_wrong_inner_types);
  g_test_add_func ("/acm/parse/missing-arn", test_parse_missing_arn);
  g_test_add_func ("/acm/idempotency-token", test_idempotency_token);
  g_test_add_func ("/acm/check-arn", test_check_arn);
  g_test_add_func ("/acm/findings/pending-email", test_findings_pending_email);
  g_test_add_func ("/acm/findings/window-closed", test_findings_window_closed);
  g_test_add_func ("/acm/findings/failure-reasons", test_findings_failure_reasons);
  g_test_add_func ("/acm/findings/issued-email", test_findings_issued_email);
  g_test_add_func ("/acm/findings/dns-and-imported", test_findings_dns_and_imported);
  g_test_add_func ("/acm/findings/names-and-emails", test_findings_names_and_emails);

  return g_test_run ();
}
