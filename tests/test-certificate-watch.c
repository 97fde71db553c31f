/* test-certificate-watch.c: the records DNS validation asks for, and a watch against the fake ACM
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-acm-record.h"
#include "ca-certificate-watch.h"
#include "ca-error.h"
#include "ca-fake-acm.h"
#include "ca-test-util.h"

/* Each wait gives up long before the test's own timeout. */
#define MAX_WAIT_MS 4000
#define UNKNOWN_ARN "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"

/*
 * CaAcmRecord
 */

static CaAcmDomainValidation *
validation_new (const char *name,
                const char *method,
                const char *record_name,
                const char *record_type,
                const char *record_value)
{
  g_autoptr (JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "DomainName", name);
  json_object_set_string_member (object, "ValidationMethod", method);
  json_object_set_string_member (object, "ValidationStatus", "PENDING_VALIDATION");
  if (record_name != NULL)
    {
      JsonObject *record = json_object_new ();

      json_object_set_string_member (record, "Name", record_name);
      if (record_type != NULL)
        json_object_set_string_member (record, "Type", record_type);
      json_object_set_string_member (record, "Value", record_value);
      json_object_set_object_member (object, "ResourceRecord", record);
    }
  return ca_acm_domain_validation_new_from_json (object);
}

static GPtrArray *
validations_new (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

static void
add_dns (GPtrArray  *validations,
         const char *name,
         const char *record_name,
         const char *record_value)
{
  g_ptr_array_add (validations, validation_new (name, "DNS", record_name, "CNAME", record_value));
}

static char *
joined_domains (CaAcmRecord *record)
{
  return g_strjoinv (",", (char **) ca_acm_record_get_domains (record));
}

static void
test_record_wildcard_shares (void)
{
  g_autoptr (GPtrArray) validations = validations_new ();
  g_autoptr (GPtrArray) records = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  add_dns (validations, "www.example.com", "_a1.www.example.com.", "_b1.acm-validations.aws.");
  add_dns (validations, "example.com", "_a2.example.com.", "_b2.acm-validations.aws.");
  add_dns (validations, "api.example.com", "_a3.api.example.com.", "_b3.acm-validations.aws.");
  add_dns (validations, "*.example.com", "_a2.example.com.", "_b2.acm-validations.aws.");

  records = ca_acm_records_from_validations (validations);
  g_assert_nonnull (records);
  /* One record per name, the wildcard's folded into its base name's, in the names' order. */
  g_assert_cmpuint (records->len, ==, 3);
  first = joined_domains (g_ptr_array_index (records, 0));
  second = joined_domains (g_ptr_array_index (records, 1));
  third = joined_domains (g_ptr_array_index (records, 2));
  g_assert_cmpstr (first, ==, "www.example.com");
  g_assert_cmpstr (second, ==, "example.com,*.example.com");
  g_assert_cmpstr (third, ==, "api.example.com");
  g_assert_false (ca_acm_record_is_shared (g_ptr_array_index (records, 0)));
  g_assert_true (ca_acm_record_is_shared (g_ptr_array_index (records, 1)));
  g_assert_cmpstr (ca_acm_record_get_name (g_ptr_array_index (records, 1)), ==, "_a2.example.com.");
  g_assert_cmpstr (ca_acm_record_get_type_name (g_ptr_array_index (records, 1)), ==, "CNAME");
  g_assert_cmpstr (ca_acm_record_get_value (g_ptr_array_index (records, 1)), ==, "_b2.acm-validations.aws.");
  g_assert_cmpstr (ca_acm_record_get_zone (g_ptr_array_index (records, 1)), ==, "example.com");
}

static void
test_record_wildcard_first (void)
{
  g_autoptr (GPtrArray) validations = validations_new ();
  g_autoptr (GPtrArray) records = NULL;
  g_autofree char *domains = NULL;
  g_autofree char *relative = NULL;
  CaAcmRecord *record;

  /* Trailing dots vary: ACM's two spellings of one name are one record. */
  add_dns (validations, "*.shop.example.org", "_c1.shop.example.org.", "_d1.acm-validations.aws.");
  add_dns (validations, "shop.example.org", "_c1.shop.example.org", "_d1.acm-validations.aws.");

  records = ca_acm_records_from_validations (validations);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  domains = joined_domains (record);
  g_assert_cmpstr (domains, ==, "*.shop.example.org,shop.example.org");
  g_assert_true (ca_acm_record_is_shared (record));
  g_assert_cmpstr (ca_acm_record_get_zone (record), ==, "example.org");
  relative = ca_acm_record_get_relative_name (record);
  g_assert_cmpstr (relative, ==, "_c1.shop");
}

static void
test_record_unpublished (void)
{
  g_autoptr (GPtrArray) empty = validations_new ();
  g_autoptr (GPtrArray) pending = validations_new ();
  g_autoptr (GPtrArray) email = validations_new ();
  g_autoptr (GPtrArray) records = NULL;

  g_assert_null (ca_acm_records_from_validations (empty));

  /* One name still without its record: nothing yet, not half the list. */
  add_dns (pending, "example.com", "_a2.example.com.", "_b2.acm-validations.aws.");
  g_ptr_array_add (pending, validation_new ("www.example.com", "DNS", NULL, NULL, NULL));
  g_assert_null (ca_acm_records_from_validations (pending));

  /* A migration that has not begun yet still lists the EMAIL configuration. */
  g_ptr_array_add (email, validation_new ("example.com", "EMAIL", NULL, NULL, NULL));
  g_assert_null (ca_acm_records_from_validations (email));

  g_ptr_array_remove_index (pending, 1);
  records = ca_acm_records_from_validations (pending);
  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, ==, 1);
}

static void
test_record_zone_file (void)
{
  g_autoptr (GPtrArray) validations = validations_new ();
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) none = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;

  add_dns (validations, "example.com", "_a2.example.com.", "_b2.acm-validations.aws.");
  add_dns (validations, "*.example.com", "_a2.example.com.", "_b2.acm-validations.aws.");
  /* Without their trailing dots the names would be read relative to the zone. */
  g_ptr_array_add (validations, validation_new ("www.example.com", "DNS", "_a1.www.example.com", NULL, "_b1.acm-validations.aws"));

  records = ca_acm_records_from_validations (validations);
  text = ca_acm_records_to_zone_file (records);
  g_assert_cmpstr (text, ==,
                   "; example.com, *.example.com\n"
                   "_a2.example.com. 300 IN CNAME _b2.acm-validations.aws.\n"
                   "; www.example.com\n"
                   "_a1.www.example.com. 300 IN CNAME _b1.acm-validations.aws.\n");
  /* A missing Type is a CNAME, the only type ACM asks for. */
  g_assert_cmpstr (ca_acm_record_get_type_name (g_ptr_array_index (records, 1)), ==, "CNAME");
  empty = ca_acm_records_to_zone_file (none);
  g_assert_cmpstr (empty, ==, "");
}

static void
test_record_relative_name (void)
{
  g_autoptr (GPtrArray) validations = validations_new ();
  g_autoptr (GPtrArray) records = NULL;
  g_autofree char *www = NULL;
  g_autofree char *apex = NULL;
  g_autofree char *uk = NULL;
  g_autofree char *uk_apex = NULL;

  add_dns (validations, "www.example.com", "_x1.www.example.com.", "_y1.acm-validations.aws.");
  add_dns (validations, "example.com", "_x2.example.com.", "_y2.acm-validations.aws.");
  add_dns (validations, "shop.example.co.uk", "_x3.shop.example.co.uk.", "_y3.acm-validations.aws.");
  add_dns (validations, "example.co.uk", "_x4.EXAMPLE.co.uk.", "_y4.acm-validations.aws.");

  records = ca_acm_records_from_validations (validations);
  g_assert_cmpuint (records->len, ==, 4);
  www = ca_acm_record_get_relative_name (g_ptr_array_index (records, 0));
  apex = ca_acm_record_get_relative_name (g_ptr_array_index (records, 1));
  uk = ca_acm_record_get_relative_name (g_ptr_array_index (records, 2));
  uk_apex = ca_acm_record_get_relative_name (g_ptr_array_index (records, 3));
  g_assert_cmpstr (www, ==, "_x1.www");
  g_assert_cmpstr (apex, ==, "_x2");
  /* co.uk is a public suffix: the zone is example.co.uk, not co.uk. */
  g_assert_cmpstr (ca_acm_record_get_zone (g_ptr_array_index (records, 2)), ==, "example.co.uk");
  g_assert_cmpstr (uk, ==, "_x3.shop");
  g_assert_cmpstr (uk_apex, ==, "_x4");
}

static void
test_record_hostile (void)
{
  const char *hostile[][3] = {
    { "a.example.com", "_a.a.example.com.\n@ 300 IN A 192.0.2.1", "_b.acm-validations.aws." },
    { "b.example.com", "_a.b.example.com.", "_b.acm-validations.aws. ; comment" },
    { "c.example.com", "_a.c.example.com.", "\"_b.acm-validations.aws.\"" },
    { "d.example.com", "_a d.example.com.", "_b.acm-validations.aws." },
    { "e.example.com", "_a.e.example.com.", "_b.acm-validations.aws.\n$INCLUDE /etc/passwd" },
    { "f.example.com\nevil 300 IN A 192.0.2.1", "_a.f.example.com.", "_b.acm-validations.aws." },
    { "g.example.com", "_a.g.example.com.", "" },
    { "h.example.com", "_a.h.example.com.", "_b.(acm-validations).aws." },
  };
  g_autoptr (GPtrArray) validations = validations_new ();
  g_autoptr (GPtrArray) records = NULL;
  g_autofree char *text = NULL;

  add_dns (validations, "good.example.com", "_g1.good.example.com.", "_h1.acm-validations.aws.");
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    add_dns (validations, hostile[i][0], hostile[i][1], hostile[i][2]);
  g_ptr_array_add (validations, validation_new ("t.example.com", "DNS", "_a.t.example.com.", "CNAME\nA", "_b.acm-validations.aws."));
  add_dns (validations, "*.good.example.com", "_g1.good.example.com.", "_h1.acm-validations.aws.");

  /* The hostile ones are left out; the good one stays, with its wildcard. */
  records = ca_acm_records_from_validations (validations);
  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (ca_acm_record_get_name (g_ptr_array_index (records, 0)), ==, "_g1.good.example.com.");
  g_assert_true (ca_acm_record_is_shared (g_ptr_array_index (records, 0)));
  text = ca_acm_records_to_zone_file (records);
  g_assert_cmpstr (text, ==,
                   "; good.example.com, *.good.example.com\n"
                   "_g1.good.example.com. 300 IN CNAME _h1.acm-validations.aws.\n");
}

/*
 * CaCertificateWatch against the fake ACM
 */

typedef struct
{
  CaFakeAcm          *fake;
  CaAcmClient        *acm;
  CaCertificateWatch *watch;
  GArray             *stages;        /* the stage at each "changed" */
  guint               error_notifies;
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
  fixture->stages = g_array_new (FALSE, FALSE, sizeof (CaWatchStage));
}

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@pointer is NULL. */
static void
wait_for_null (gpointer *pointer)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (MAX_WAIT_MS, timed_out_cb, &timed_out);

  while (*pointer != NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->watch != NULL)
    {
      CaCertificateWatch *watch = fixture->watch;

      /* A request in flight keeps the watch until it comes back. */
      g_object_add_weak_pointer (G_OBJECT (watch), (gpointer *) &watch);
      g_clear_object (&fixture->watch);
      wait_for_null ((gpointer *) &watch);
    }
  g_clear_object (&fixture->acm);
  g_clear_object (&fixture->fake);
  g_clear_pointer (&fixture->stages, g_array_unref);
  /* Closed connections release the server only once the main context sees them. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timed_out_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static char *
add (Fixture    *fixture,
     const char *json)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return ca_fake_acm_add_certificate (fixture->fake, json_node_get_object (node));
}

static void
changed_cb (CaCertificateWatch *watch,
            Fixture            *fixture)
{
  CaWatchStage stage = ca_certificate_watch_get_stage (watch);

  g_array_append_val (fixture->stages, stage);
}

static void
notify_error_cb (CaCertificateWatch *watch,
                 GParamSpec         *pspec,
                 Fixture            *fixture)
{
  fixture->error_notifies++;
}

static CaCertificateWatch *
watch_new (Fixture     *fixture,
           const char  *arn,
           CaWatchKind  kind)
{
  g_assert_null (fixture->watch);
  fixture->watch = ca_certificate_watch_new (fixture->acm, arn, kind);
  ca_certificate_watch_set_interval (fixture->watch, 50, 400);
  g_signal_connect (fixture->watch, "changed", G_CALLBACK (changed_cb), fixture);
  g_signal_connect (fixture->watch, "notify::error", G_CALLBACK (notify_error_cb), fixture);
  return fixture->watch;
}

static void
wait_for_stage (Fixture      *fixture,
                CaWatchStage  stage)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (MAX_WAIT_MS, timed_out_cb, &timed_out);

  while (ca_certificate_watch_get_stage (fixture->watch) != stage && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (ca_certificate_watch_get_stage (fixture->watch), ==, stage);
  g_source_remove (id);
}

static void
wait_for_error_notifies (Fixture *fixture,
                         guint    count)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (MAX_WAIT_MS, timed_out_cb, &timed_out);

  while (fixture->error_notifies < count && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fixture->error_notifies, >=, count);
  g_source_remove (id);
}

static void
assert_stages (Fixture            *fixture,
               const CaWatchStage *expected,
               guint               n_expected)
{
  g_assert_cmpuint (fixture->stages->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (fixture->stages, CaWatchStage, i), ==, expected[i]);
}

static char *
request_dns (Fixture *fixture)
{
  const char *names[] = { "example.com", "*.example.com", "www.example.com", NULL };
  g_autoptr (GPtrArray) tags = ca_acm_tags_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *arn;

  ca_acm_tags_add (tags, "team", "web");
  ca_acm_client_request_certificate_async (fixture->acm, names, "DNS", NULL, NULL, tags, NULL,
                                           ca_test_store_result_cb, &result);
  arn = ca_acm_client_request_certificate_finish (fixture->acm, ca_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return arn;
}

static void
test_watch_request_issued (Fixture       *fixture,
                           gconstpointer  data)
{
  static const CaWatchStage expected[] = {
    CA_WATCH_STAGE_WAITING_FOR_RECORDS, CA_WATCH_STAGE_WAITING_FOR_VALIDATION, CA_WATCH_STAGE_ISSUED
  };
  g_autofree char *arn = NULL;
  CaCertificateWatch *watch;
  GPtrArray *records;
  CaAcmCertificate *certificate;
  guint requests;

  /* ACM publishes a new request's records a moment after it (acm-rules.md §6). */
  ca_fake_acm_set_record_delay_ms (fixture->fake, 300);
  arn = request_dns (fixture);
  watch = watch_new (fixture, arn, CA_WATCH_KIND_REQUEST);
  g_assert_cmpint (ca_certificate_watch_get_stage (watch), ==, CA_WATCH_STAGE_STARTING);
  g_assert_false (ca_certificate_watch_is_active (watch));

  ca_certificate_watch_start (watch);
  g_assert_true (ca_certificate_watch_is_active (watch));
  wait_for_stage (fixture, CA_WATCH_STAGE_WAITING_FOR_RECORDS);
  g_assert_null (ca_certificate_watch_get_records (watch));
  g_assert_nonnull (ca_certificate_watch_get_deadline (watch));
  certificate = ca_certificate_watch_get_certificate (watch);
  g_assert_cmpint (g_date_time_difference (ca_certificate_watch_get_deadline (watch),
                                           ca_acm_certificate_get_created_at (certificate)), ==, 72 * G_TIME_SPAN_HOUR);

  wait_for_stage (fixture, CA_WATCH_STAGE_WAITING_FOR_VALIDATION);
  records = ca_certificate_watch_get_records (watch);
  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_true (ca_acm_record_is_shared (g_ptr_array_index (records, 0)));
  g_assert_cmpuint (ca_certificate_watch_get_validations (watch)->len, ==, 3);
  g_assert_null (ca_certificate_watch_get_error (watch));

  /* Quiet polls: no "changed", and each waits longer. */
  run_for (300);
  g_assert_cmpuint (fixture->stages->len, ==, 2);
  g_assert_cmpuint (ca_certificate_watch_get_interval (watch), >, 50);
  g_assert_cmpuint (ca_certificate_watch_get_interval (watch), <=, 400);

  g_assert_true (ca_fake_acm_approve (fixture->fake, arn));
  wait_for_stage (fixture, CA_WATCH_STAGE_ISSUED);
  assert_stages (fixture, expected, G_N_ELEMENTS (expected));
  g_assert_false (ca_certificate_watch_is_active (watch));
  g_assert_cmpstr (ca_acm_certificate_get_status (ca_certificate_watch_get_certificate (watch)), ==, "ISSUED");
  g_assert_cmpstr (ca_acm_domain_validation_get_status (g_ptr_array_index (ca_certificate_watch_get_validations (watch), 2)),
                   ==, "SUCCESS");

  /* A final stage asks nothing more. */
  requests = ca_fake_acm_get_request_count (fixture->fake, "DescribeCertificate");
  run_for (500);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "DescribeCertificate"), ==, requests);
}

static void
test_watch_email_request (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *arn = add (fixture, "{\"DomainName\": \"mail.example.com\"}");
  CaCertificateWatch *watch = watch_new (fixture, arn, CA_WATCH_KIND_REQUEST);

  /* Mail needs no records: it waits for the approval at once. */
  ca_certificate_watch_start (watch);
  wait_for_stage (fixture, CA_WATCH_STAGE_WAITING_FOR_VALIDATION);
  g_assert_null (ca_certificate_watch_get_records (watch));
  g_assert_true (ca_fake_acm_approve (fixture->fake, arn));
  wait_for_stage (fixture, CA_WATCH_STAGE_ISSUED);
}

static void
test_watch_request_final_statuses (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *failed = add (fixture, "{\"DomainName\": \"f.example.com\", \"ValidationMethod\": \"DNS\", \"Status\": \"FAILED\", \"FailureReason\": \"CAA_ERROR\"}");
  g_autofree char *late = add (fixture, "{\"DomainName\": \"t.example.com\", \"Status\": \"VALIDATION_TIMED_OUT\", \"CreatedHoursAgo\": 80}");
  g_autofree char *overdue = add (fixture, "{\"DomainName\": \"o.example.com\", \"CreatedHoursAgo\": 73}");

  ca_certificate_watch_start (watch_new (fixture, failed, CA_WATCH_KIND_REQUEST));
  wait_for_stage (fixture, CA_WATCH_STAGE_FAILED);
  g_clear_object (&fixture->watch);

  ca_certificate_watch_start (watch_new (fixture, late, CA_WATCH_KIND_REQUEST));
  wait_for_stage (fixture, CA_WATCH_STAGE_TIMED_OUT);
  g_clear_object (&fixture->watch);

  /* Still PENDING_VALIDATION, but its 72 hours are over. */
  ca_certificate_watch_start (watch_new (fixture, overdue, CA_WATCH_KIND_REQUEST));
  wait_for_stage (fixture, CA_WATCH_STAGE_TIMED_OUT);
  g_assert_false (ca_certificate_watch_is_active (fixture->watch));
}

static void
test_watch_migration (Fixture       *fixture,
                      gconstpointer  data)
{
  static const CaWatchStage expected[] = {
    CA_WATCH_STAGE_WAITING_FOR_RECORDS, CA_WATCH_STAGE_WAITING_FOR_VALIDATION, CA_WATCH_STAGE_ISSUED
  };
  g_autofree char *arn = add (fixture, "{\"DomainName\": \"example.net\", \"SubjectAlternativeNames\": [\"www.example.net\"], \"Status\": \"ISSUED\"}");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) before = g_date_time_new_now_utc ();
  CaCertificateWatch *watch;
  GPtrArray *records, *validations;

  ca_fake_acm_set_record_delay_ms (fixture->fake, 300);
  ca_acm_client_migrate_to_dns_async (fixture->acm, arn, NULL, ca_test_store_result_cb, &result);
  g_assert_true (ca_acm_client_migrate_to_dns_finish (fixture->acm, ca_test_wait_for_result (&result), &error));
  g_assert_no_error (error);

  watch = watch_new (fixture, arn, CA_WATCH_KIND_MIGRATION);
  ca_certificate_watch_start (watch);
  /* ACM does not say when a migration started: 72 hours from now. */
  g_assert_cmpint (g_date_time_difference (ca_certificate_watch_get_deadline (watch), before), >=, 72 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_difference (ca_certificate_watch_get_deadline (watch), before), <, 72 * G_TIME_SPAN_HOUR + 10 * G_TIME_SPAN_SECOND);

  wait_for_stage (fixture, CA_WATCH_STAGE_WAITING_FOR_RECORDS);
  /* The certificate stays ISSUED with its email validation while it moves. */
  g_assert_cmpstr (ca_acm_certificate_get_status (ca_certificate_watch_get_certificate (watch)), ==, "ISSUED");
  wait_for_stage (fixture, CA_WATCH_STAGE_WAITING_FOR_VALIDATION);
  records = ca_certificate_watch_get_records (watch);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_true (g_str_has_suffix (ca_acm_record_get_name (g_ptr_array_index (records, 1)), ".www.example.net."));
  validations = ca_certificate_watch_get_validations (watch);
  g_assert_cmpstr (ca_acm_domain_validation_get_method (g_ptr_array_index (validations, 0)), ==, "DNS");
  g_assert_cmpstr (ca_acm_domain_validation_get_active_method (g_ptr_array_index (validations, 0)), ==, "EMAIL");
  g_assert_cmpstr (ca_acm_domain_validation_get_status (g_ptr_array_index (validations, 0)), ==, "PENDING_VALIDATION");

  g_assert_true (ca_fake_acm_approve (fixture->fake, arn));
  wait_for_stage (fixture, CA_WATCH_STAGE_ISSUED);
  assert_stages (fixture, expected, G_N_ELEMENTS (expected));
  validations = ca_certificate_watch_get_validations (watch);
  for (guint i = 0; i < validations->len; i++)
    g_assert_cmpstr (ca_acm_domain_validation_get_status (g_ptr_array_index (validations, i)), ==, "SUCCESS");
  /* The same certificate, now DNS-validated. */
  g_assert_cmpstr (ca_acm_certificate_get_arn (ca_certificate_watch_get_certificate (watch)), ==, arn);
  g_assert_cmpstr (ca_acm_certificate_get_validation_method (ca_certificate_watch_get_certificate (watch)), ==, "DNS");
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "ListCertificateDomainValidations"), >=, 3);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "DescribeCertificate"), >=, 3);
  g_assert_false (ca_certificate_watch_is_active (watch));
}

static void
test_watch_throttled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *arn = add (fixture, "{\"DomainName\": \"example.org\", \"ValidationMethod\": \"DNS\"}");
  CaCertificateWatch *watch = watch_new (fixture, arn, CA_WATCH_KIND_REQUEST);
  const GError *error;
  gint64 injected;

  ca_certificate_watch_set_interval (watch, 50, 1000);
  ca_certificate_watch_start (watch);
  wait_for_stage (fixture, CA_WATCH_STAGE_WAITING_FOR_VALIDATION);
  /* Just after a change: the first interval, no request in flight. */
  g_assert_cmpuint (ca_certificate_watch_get_interval (watch), ==, 50);

  /* Each poll is one call of three attempts (aws-protocol.md §5): three faults fail one poll. */
  injected = g_get_monotonic_time ();
  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_THROTTLE, 3);
  wait_for_error_notifies (fixture, 1);
  error = ca_certificate_watch_get_error (watch);
  g_assert_error ((GError *) error, CA_ERROR, CA_ERROR_THROTTLED);
  g_assert_cmpuint (ca_certificate_watch_get_interval (watch), ==, 100);
  g_assert_true (ca_certificate_watch_is_active (watch));

  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_THROTTLE, 3);
  wait_for_error_notifies (fixture, 2);
  g_assert_nonnull (ca_certificate_watch_get_error (watch));
  g_assert_cmpuint (ca_certificate_watch_get_interval (watch), ==, 200);

  /* The next answer clears the error; nothing else changed. */
  wait_for_error_notifies (fixture, 3);
  g_assert_null (ca_certificate_watch_get_error (watch));
  g_assert_cmpuint (ca_certificate_watch_get_interval (watch), ==, 300);
  g_assert_cmpint (g_get_monotonic_time () - injected, >=, (50 + 100 + 200) * 1000);
  g_assert_cmpint (ca_certificate_watch_get_stage (watch), ==, CA_WATCH_STAGE_WAITING_FOR_VALIDATION);
  g_assert_cmpuint (fixture->stages->len, ==, 1);
  g_assert_true (ca_certificate_watch_is_active (watch));
}

static void
test_watch_not_found (Fixture       *fixture,
                      gconstpointer  data)
{
  static const CaWatchStage expected[] = { CA_WATCH_STAGE_STOPPED };
  CaCertificateWatch *watch = watch_new (fixture, UNKNOWN_ARN, CA_WATCH_KIND_REQUEST);
  const GError *error;

  ca_certificate_watch_start (watch);
  wait_for_stage (fixture, CA_WATCH_STAGE_STOPPED);
  error = ca_certificate_watch_get_error (watch);
  g_assert_error ((GError *) error, CA_ERROR, CA_ERROR_AWS);
  g_assert_nonnull (strstr (error->message, "Could not find certificate " UNKNOWN_ARN));
  g_assert_null (strstr (error->message, "ResourceNotFoundException"));
  g_assert_false (ca_certificate_watch_is_active (watch));
  assert_stages (fixture, expected, G_N_ELEMENTS (expected));

  /* Asking again would not help: one request, no retry loop. */
  run_for (300);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "DescribeCertificate"), ==, 1);
}

static void
test_watch_access_denied (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *arn = add (fixture, "{\"DomainName\": \"example.net\", \"Status\": \"ISSUED\"}");
  CaCertificateWatch *watch = watch_new (fixture, arn, CA_WATCH_KIND_MIGRATION);
  const GError *error;

  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_ACCESS_DENIED, 1);
  ca_certificate_watch_start (watch);
  wait_for_stage (fixture, CA_WATCH_STAGE_STOPPED);
  error = ca_certificate_watch_get_error (watch);
  g_assert_error ((GError *) error, CA_ERROR, CA_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, "acm:ListCertificateDomainValidations"));
  run_for (200);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 1);
}

static void
test_watch_stop (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *arn = add (fixture, "{\"DomainName\": \"example.org\", \"ValidationMethod\": \"DNS\"}");
  g_autofree char *other = add (fixture, "{\"DomainName\": \"other.example.org\", \"ValidationMethod\": \"DNS\"}");
  CaCertificateWatch *watch = watch_new (fixture, arn, CA_WATCH_KIND_REQUEST);
  guint requests;

  /* Stopped while its first request is in flight: it comes back cancelled and says nothing. */
  ca_fake_acm_set_delay_ms (fixture->fake, 200);
  ca_certificate_watch_start (watch);
  run_for (50);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 1);
  ca_certificate_watch_stop (watch);
  g_assert_cmpint (ca_certificate_watch_get_stage (watch), ==, CA_WATCH_STAGE_STOPPED);
  g_assert_false (ca_certificate_watch_is_active (watch));
  run_for (400);
  g_assert_cmpuint (fixture->stages->len, ==, 0);
  g_assert_null (ca_certificate_watch_get_certificate (watch));
  g_assert_null (ca_certificate_watch_get_error (watch));
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 1);
  ca_certificate_watch_start (watch);
  g_assert_false (ca_certificate_watch_is_active (watch));
  g_clear_object (&fixture->watch);

  /* Stopped between two polls: no more requests. */
  ca_fake_acm_set_delay_ms (fixture->fake, 0);
  watch = watch_new (fixture, other, CA_WATCH_KIND_REQUEST);
  ca_certificate_watch_start (watch);
  wait_for_stage (fixture, CA_WATCH_STAGE_WAITING_FOR_VALIDATION);
  ca_certificate_watch_stop (watch);
  requests = ca_fake_acm_get_request_count (fixture->fake, "DescribeCertificate");
  run_for (300);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "DescribeCertificate"), ==, requests);
  g_assert_cmpuint (fixture->stages->len, ==, 1);
}

static void
test_watch_dispose_in_flight (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *arn = add (fixture, "{\"DomainName\": \"example.org\", \"ValidationMethod\": \"DNS\"}");
  CaCertificateWatch *watch = watch_new (fixture, arn, CA_WATCH_KIND_MIGRATION);
  guint requests;

  /* A page's dispose runs while the request is in flight: the request keeps
   * the watch alive, comes back cancelled, and lets it go. */
  ca_fake_acm_set_delay_ms (fixture->fake, 200);
  ca_certificate_watch_start (watch);
  run_for (50);
  g_object_run_dispose (G_OBJECT (fixture->watch));
  /* Only now: dispose lets go of weak pointers, the last unref runs it again. */
  g_object_add_weak_pointer (G_OBJECT (watch), (gpointer *) &watch);
  g_clear_object (&fixture->watch);
  g_assert_nonnull (watch);
  wait_for_null ((gpointer *) &watch);
  run_for (300);
  /* The migration's DescribeCertificate never followed the cancelled list. */
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 1);
  g_assert_cmpuint (fixture->stages->len, ==, 0);

  /* The owner lets go while a request is in flight: the answer still lands
   * in a live object, then the watch goes without asking again. */
  watch = watch_new (fixture, arn, CA_WATCH_KIND_REQUEST);
  ca_certificate_watch_start (watch);
  run_for (50);
  g_object_add_weak_pointer (G_OBJECT (watch), (gpointer *) &watch);
  g_clear_object (&fixture->watch);
  g_assert_nonnull (watch);
  wait_for_null ((gpointer *) &watch);
  requests = ca_fake_acm_get_request_count (fixture->fake, NULL);
  run_for (300);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, requests);
}

static void
test_watch_poll_now (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *arn = NULL;
  CaCertificateWatch *watch;

  ca_fake_acm_set_record_delay_ms (fixture->fake, 300);
  arn = add (fixture, "{\"DomainName\": \"example.org\", \"ValidationMethod\": \"DNS\"}");
  watch = watch_new (fixture, arn, CA_WATCH_KIND_REQUEST);
  /* Long waits: only poll_now() can make it ask again within the test. */
  ca_certificate_watch_set_interval (watch, 60 * 1000, 60 * 1000);
  ca_certificate_watch_start (watch);
  /* While the first request is in flight, two more asks make one more request, not two. */
  ca_certificate_watch_poll_now (watch);
  ca_certificate_watch_poll_now (watch);
  wait_for_stage (fixture, CA_WATCH_STAGE_WAITING_FOR_RECORDS);
  /* By now the records are out, but the next poll is a minute away. */
  run_for (400);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "DescribeCertificate"), ==, 2);
  g_assert_cmpint (ca_certificate_watch_get_stage (watch), ==, CA_WATCH_STAGE_WAITING_FOR_RECORDS);

  ca_certificate_watch_poll_now (watch);
  wait_for_stage (fixture, CA_WATCH_STAGE_WAITING_FOR_VALIDATION);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, "DescribeCertificate"), ==, 3);
}

#define ADD(path, func) \
  g_test_add ("/certificate-watch/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/acm-record/wildcard-shares", test_record_wildcard_shares);
  g_test_add_func ("/acm-record/wildcard-first", test_record_wildcard_first);
  g_test_add_func ("/acm-record/unpublished", test_record_unpublished);
  g_test_add_func ("/acm-record/zone-file", test_record_zone_file);
  g_test_add_func ("/acm-record/relative-name", test_record_relative_name);
  g_test_add_func ("/acm-record/hostile", test_record_hostile);
  ADD ("request/dns-issued", test_watch_request_issued);
  ADD ("request/email", test_watch_email_request);
  ADD ("request/final-statuses", test_watch_request_final_statuses);
  ADD ("migration/every-name-success", test_watch_migration);
  ADD ("throttled", test_watch_throttled);
  ADD ("stopped/not-found", test_watch_not_found);
  ADD ("stopped/access-denied", test_watch_access_denied);
  ADD ("stop", test_watch_stop);
  ADD ("dispose-in-flight", test_watch_dispose_in_flight);
  ADD ("poll-now", test_watch_poll_now);

  return g_test_run ();
}
