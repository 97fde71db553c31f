/* test-aws-client.c: the JSON 1.1 transport against the fake ACM, fault by fault
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-acm-client.h"
#include "ca-aws-client-http.h"
#include "ca-aws-client-private.h"
#include "ca-error.h"
#include "ca-fake-acm.h"
#include "ca-test-util.h"

typedef struct
{
  CaFakeAcm   *fake;
  CaAcmClient *acm;
  CaAwsClient *aws;
  char        *arn;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) spec = json_object_new ();

  fixture->fake = ca_fake_acm_new ("us-east-1");
  g_assert_true (ca_fake_acm_listen (fixture->fake, 0, &error));
  g_assert_no_error (error);
  ca_fake_acm_setup_env (fixture->fake);
  json_object_set_string_member (spec, "DomainName", "www.example.com");
  fixture->arn = ca_fake_acm_add_certificate (fixture->fake, spec);

  fixture->acm = ca_acm_client_new (NULL, NULL, 5, &error);
  g_assert_no_error (error);
  fixture->aws = ca_acm_client_get_aws (fixture->acm);
  ca_aws_client_set_retry_base_ms (fixture->aws, 1);
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
  g_clear_pointer (&fixture->arn, g_free);
}

static JsonObject *
call (Fixture         *fixture,
      const char      *operation,
      JsonObject      *input,
      CaAwsCallFlags   flags,
      char           **type,
      GError         **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_aws_client_call_async (fixture->aws, operation, input, flags, NULL, ca_test_store_result_cb, &result);
  return ca_aws_client_call_finish (fixture->aws, ca_test_wait_for_result (&result), type, error);
}

static JsonObject *
describe_input (Fixture *fixture)
{
  JsonObject *input = json_object_new ();

  json_object_set_string_member (input, "CertificateArn", fixture->arn);
  return input;
}

static JsonObject *
describe (Fixture  *fixture,
          char    **type,
          GError  **error)
{
  g_autoptr (JsonObject) input = describe_input (fixture);

  return call (fixture, "DescribeCertificate", input, CA_AWS_CALL_DEFAULT, type, error);
}

/* DescribeCertificate for the fixture's certificate through @client, not the fixture's. */
static CaAcmCertificate *
describe_with (CaAcmClient  *client,
               Fixture      *fixture,
               GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ca_acm_client_describe_certificate_async (client, fixture->arn, NULL, ca_test_store_result_cb, &result);
  return ca_acm_client_describe_certificate_finish (client, ca_test_wait_for_result (&result), error);
}

/* DescribeCertificate through a new client made after setting @variable to @value. */
static CaAcmCertificate *
describe_after_setenv (Fixture     *fixture,
                       const char  *variable,
                       const char  *value,
                       GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (CaAcmClient) client = NULL;

  g_setenv (variable, value, TRUE);
  client = ca_acm_client_new (NULL, NULL, 5, &local_error);
  g_assert_no_error (local_error);
  return describe_with (client, fixture, error);
}

static void
test_describe_ok (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer = describe (fixture, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (answer, "Certificate"), "DomainName"),
                   ==, "www.example.com");
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 1);
  g_assert_cmpuint (ca_aws_client_get_request_count (fixture->aws), ==, 1);
}

/* One call to the fake ACM, a fault it may inject first, and how the call ends. */
typedef struct
{
  const char     *path;
  CaFakeAcmFault  fault;
  guint           times;        /* answers in a row that get @fault (0: no fault) */
  const char     *operation;    /* NULL: DescribeCertificate of the fixture's certificate */
  const char     *input;        /* the JSON input of @operation */
  CaAwsCallFlags  flags;
  gboolean        succeeds;     /* then the answer holds the certificate */
  CaError         code;         /* else the error, */
  const char     *type;         /* its AWS type (NULL: not checked), */
  const char     *message;      /* a part of its message (NULL: not checked) */
  int             exit_status;  /* and the exit status it maps to (0: not checked) */
  guint           requests;     /* requests the fake saw (0: not checked) */
  gboolean        at_least;     /* @requests is a lower bound: a dropped line may be retried below us */
} CallCase;

#define REQUEST_NEW "{\"DomainName\": \"new.example.com\", \"ValidationMethod\": \"DNS\"}"
#define DESCRIBE_MISSING \
  "{\"CertificateArn\": \"arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000\"}"

static const CallCase call_cases[] = {
  { "throttled/third-attempt", CA_FAKE_ACM_FAULT_THROTTLE, 2, .succeeds = TRUE, .requests = 3 },
  { "throttled/outlasts-retries", CA_FAKE_ACM_FAULT_THROTTLE, 5, .code = CA_ERROR_THROTTLED,
    .type = "ThrottlingException", .exit_status = 3, .requests = CA_AWS_MAX_ATTEMPTS },
  { "server-error/retried", CA_FAKE_ACM_FAULT_SERVER_ERROR, 1, .succeeds = TRUE, .requests = 2 },
  { "server-error/exhausted", CA_FAKE_ACM_FAULT_SERVER_ERROR, 3, .code = CA_ERROR_NETWORK, .requests = 3 },
  { "dropped/retried", CA_FAKE_ACM_FAULT_DROP_CONNECTION, 1, .succeeds = TRUE, .requests = 2, .at_least = TRUE },
  { "dropped/exhausted", CA_FAKE_ACM_FAULT_DROP_CONNECTION, 100, .code = CA_ERROR_NETWORK, .exit_status = 3 },
  { "malformed-body", CA_FAKE_ACM_FAULT_MALFORMED_BODY, 1, .code = CA_ERROR_MALFORMED_RESPONSE, .requests = 1 },
  /* LimitExceededException is a quota where the call says so, else throttling. */
  { "limit-exceeded/quota", CA_FAKE_ACM_FAULT_LIMIT_EXCEEDED, 1, "RequestCertificate", REQUEST_NEW,
    CA_AWS_CALL_LIMIT_IS_QUOTA, .code = CA_ERROR_AWS, .type = "LimitExceededException", .exit_status = 5,
    .requests = 1 },
  { "limit-exceeded/throttling", CA_FAKE_ACM_FAULT_LIMIT_EXCEEDED, 1, .succeeds = TRUE, .requests = 2 },
  { "errors/not-found-namespaced", .operation = "DescribeCertificate", .input = DESCRIBE_MISSING,
    .code = CA_ERROR_AWS, .type = "ResourceNotFoundException", .message = "Could not find certificate",
    .requests = 1 },
  { "errors/access-denied-message", CA_FAKE_ACM_FAULT_ACCESS_DENIED, 1, .code = CA_ERROR_ACCESS_DENIED,
    .message = "is not authorized to perform", .requests = 1 },
  /* A refusal names the IAM action to ask for. */
  { "errors/access-denied-action", CA_FAKE_ACM_FAULT_ACCESS_DENIED, 1, .code = CA_ERROR_ACCESS_DENIED,
    .message = "the IAM permission “acm:DescribeCertificate”", .requests = 1 },
  { "errors/validation-suffix", .operation = "RequestCertificate", .input = "{\"DomainName\": \"bad..name\"}",
    .flags = CA_AWS_CALL_LIMIT_IS_QUOTA, .code = CA_ERROR_AWS, .type = "ValidationException" },
};

static JsonObject *
call_case_input (const CallCase *one)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (one->input, &error);

  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static void
test_call (Fixture       *fixture,
           gconstpointer  data)
{
  const CallCase *one = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer = NULL;
  g_autofree char *type = NULL;
  guint requests;

  if (one->times > 0)
    ca_fake_acm_inject_fault (fixture->fake, one->fault, one->times);
  if (one->operation != NULL)
    {
      g_autoptr (JsonObject) input = call_case_input (one);

      answer = call (fixture, one->operation, input, one->flags, &type, &error);
    }
  else
    answer = describe (fixture, &type, &error);

  if (one->succeeds)
    {
      g_assert_no_error (error);
      g_assert_true (json_object_has_member (answer, "Certificate"));
    }
  else
    {
      g_assert_null (answer);
      g_assert_error (error, CA_ERROR, (int) one->code);
      if (one->type != NULL)
        g_assert_cmpstr (type, ==, one->type);
      if (one->message != NULL)
        g_assert_nonnull (strstr (error->message, one->message));
      if (one->exit_status != 0)
        g_assert_cmpint (ca_error_to_exit_status (error), ==, one->exit_status);
    }
  requests = ca_fake_acm_get_request_count (fixture->fake, NULL);
  if (one->at_least)
    g_assert_cmpuint (requests, >=, one->requests);
  else if (one->requests != 0)
    g_assert_cmpuint (requests, ==, one->requests);
}

static void
test_max_attempts_env (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmClient) once = NULL;
  g_autoptr (CaAcmCertificate) certificate = NULL;

  g_setenv ("AWS_MAX_ATTEMPTS", "1", TRUE);
  once = ca_acm_client_new (NULL, NULL, 5, &error);
  g_unsetenv ("AWS_MAX_ATTEMPTS");
  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_THROTTLE, 1);
  certificate = describe_with (once, fixture, &error);

  g_assert_error (error, CA_ERROR, CA_ERROR_THROTTLED);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 1);
}

/* The retry quota (aws-protocol.md §5): 500 tokens, a retry costs 5, a clean success
 * gives 1 back. 50 calls that fail three times spend all 500; the next call gets no
 * retry. Five clean successes then buy exactly one retry. Counted in requests at the
 * fake, so the test needs no clock. */
static void
test_retry_quota (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_SERVER_ERROR, G_MAXUINT);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr (CaAcmCertificate) failed = describe_with (fixture->acm, fixture, &error);

      g_assert_null (failed);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 150);

  ca_fake_acm_reset_counts (fixture->fake);
  {
    g_autoptr (CaAcmCertificate) no_retry = describe_with (fixture->acm, fixture, &error);

    g_assert_null (no_retry);
    g_clear_error (&error);
    g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 1);
  }

  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_SERVER_ERROR, 0);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (CaAcmCertificate) ok = describe_with (fixture->acm, fixture, &error);

      g_assert_no_error (error);
      g_assert_nonnull (ok);
    }
  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_SERVER_ERROR, G_MAXUINT);
  ca_fake_acm_reset_counts (fixture->fake);
  {
    g_autoptr (CaAcmCertificate) one_retry = describe_with (fixture->acm, fixture, &error);

    g_assert_null (one_retry);
    g_clear_error (&error);
    g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 2);
  }
}

/* The backoffs one call computed (aws-protocol.md §5), read through the client's
 * test hooks: the jitter is fixed, the retries go out at once, so the schedule is
 * exact and the test never sleeps. */
typedef struct
{
  double  jitter;
  GArray *delays_ms;
} Schedule;

static double
fixed_jitter (gpointer user_data)
{
  Schedule *schedule = user_data;

  return schedule->jitter;
}

static void
record_backoff (guint    attempt,
                guint    delay_ms,
                gpointer user_data)
{
  Schedule *schedule = user_data;

  /* Backoffs come after attempts 1, 2, 3 …: none before the first attempt. */
  g_assert_cmpuint (attempt, ==, schedule->delays_ms->len + 1);
  g_array_append_val (schedule->delays_ms, delay_ms);
}

/* A client with @max_attempts (as AWS_MAX_ATTEMPTS), the SDKs' one-second base and a
 * deadline long enough for every backoff; @jitter < 0 keeps the random one. */
static CaAcmClient *
new_observed_client (const char *max_attempts,
                     Schedule   *schedule)
{
  g_autoptr (GError) error = NULL;
  CaAcmClient *client;

  g_setenv ("AWS_MAX_ATTEMPTS", max_attempts, TRUE);
  client = ca_acm_client_new (NULL, NULL, 600, &error);
  g_unsetenv ("AWS_MAX_ATTEMPTS");
  g_assert_no_error (error);
  ca_aws_client_set_retry_base_ms (ca_acm_client_get_aws (client), 1000);
  ca_aws_client_set_backoff_hooks (ca_acm_client_get_aws (client), schedule->jitter < 0 ? NULL : fixed_jitter,
                                   record_backoff, schedule);
  return client;
}

static void
assert_delays (Schedule    *schedule,
               const guint *expected,
               guint        n_expected)
{
  g_assert_cmpuint (schedule->delays_ms->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpuint (g_array_index (schedule->delays_ms, guint, i), ==, expected[i]);
}

/* Ten attempts against a server that keeps failing, with the jitter at @jitter. */
static void
fail_ten_times (Fixture  *fixture,
                Schedule *schedule)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmClient) client = new_observed_client ("10", schedule);
  g_autoptr (CaAcmCertificate) certificate = NULL;

  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_SERVER_ERROR, G_MAXUINT);
  certificate = describe_with (client, fixture, &error);

  g_assert_null (certificate);
  g_assert_error (error, CA_ERROR, CA_ERROR_NETWORK);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 10);
}

/* The jitter at its top: the bound itself, 1 s × 2^(attempt−1), doubling up to 20 s. */
static void
test_backoff_growth_and_cap (Fixture       *fixture,
                             gconstpointer  data)
{
  static const guint expected[] = { 1000, 2000, 4000, 8000, 16000, 20000, 20000, 20000, 20000 };
  Schedule schedule = { 1.0, g_array_new (FALSE, FALSE, sizeof (guint)) };

  fail_ten_times (fixture, &schedule);

  assert_delays (&schedule, expected, G_N_ELEMENTS (expected));
  g_array_unref (schedule.delays_ms);
}

/* The jitter scales the bound before the cap: a quarter of 2^7 s is 32 s, cut to 20. */
static void
test_backoff_jitter_scaled (Fixture       *fixture,
                            gconstpointer  data)
{
  static const guint expected[] = { 250, 500, 1000, 2000, 4000, 8000, 16000, 20000, 20000 };
  Schedule schedule = { 0.25, g_array_new (FALSE, FALSE, sizeof (guint)) };

  fail_ten_times (fixture, &schedule);

  assert_delays (&schedule, expected, G_N_ELEMENTS (expected));
  g_array_unref (schedule.delays_ms);
}

/* With the real random jitter every backoff stays within its bound and the cap. */
static void
test_backoff_random_within_bounds (Fixture       *fixture,
                                   gconstpointer  data)
{
  Schedule schedule = { -1.0, g_array_new (FALSE, FALSE, sizeof (guint)) };

  fail_ten_times (fixture, &schedule);

  g_assert_cmpuint (schedule.delays_ms->len, ==, 9);
  for (guint i = 0; i < schedule.delays_ms->len; i++)
    g_assert_cmpuint (g_array_index (schedule.delays_ms, guint, i), <=, MIN (1000u << i, 20000u));
  g_array_unref (schedule.delays_ms);
}

/* Throttled twice, then answered: two backoffs (1 s, 2 s) within the three attempts;
 * a clean answer afterwards computes none. */
static void
test_backoff_then_success (Fixture       *fixture,
                           gconstpointer  data)
{
  static const guint expected[] = { 1000, 2000 };
  Schedule schedule = { 1.0, g_array_new (FALSE, FALSE, sizeof (guint)) };
  g_autoptr (CaAcmClient) client = new_observed_client ("3", &schedule);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmCertificate) retried = NULL;
  g_autoptr (CaAcmCertificate) clean = NULL;

  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_THROTTLE, 2);
  retried = describe_with (client, fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (retried);
  assert_delays (&schedule, expected, G_N_ELEMENTS (expected));

  clean = describe_with (client, fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (clean);
  assert_delays (&schedule, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 4);
  g_array_unref (schedule.delays_ms);
}

/* The quota cuts the schedule short: eleven calls of ten failed attempts spend
 * 11 × 9 × 5 = 495 of the 500 tokens, so the twelfth call gets one backoff and the
 * thirteenth none. */
static void
test_backoff_quota_runs_out (Fixture       *fixture,
                             gconstpointer  data)
{
  Schedule schedule = { 1.0, g_array_new (FALSE, FALSE, sizeof (guint)) };
  g_autoptr (CaAcmClient) client = new_observed_client ("10", &schedule);
  g_autoptr (GError) error = NULL;

  ca_fake_acm_inject_fault (fixture->fake, CA_FAKE_ACM_FAULT_SERVER_ERROR, G_MAXUINT);
  for (guint call = 1; call <= 13; call++)
    {
      g_autoptr (CaAcmCertificate) failed = NULL;
      guint expected = call <= 11 ? 9 : call == 12 ? 1 : 0;

      g_array_set_size (schedule.delays_ms, 0);
      failed = describe_with (client, fixture, &error);
      g_assert_null (failed);
      g_assert_error (error, CA_ERROR, CA_ERROR_NETWORK);
      g_clear_error (&error);
      g_assert_cmpuint (schedule.delays_ms->len, ==, expected);
    }
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 11 * 10 + 2 + 1);
  g_array_unref (schedule.delays_ms);
}

static void
test_bad_signature_not_retried (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmCertificate) certificate = NULL;

  certificate = describe_after_setenv (fixture, "AWS_SECRET_ACCESS_KEY",
                                       "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ", &error);

  g_assert_null (certificate);
  g_assert_error (error, CA_ERROR, CA_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, "does not accept these credentials"));
  g_assert_null (strstr (error->message, "EXAMPLEKEZ"));
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 1);
  g_assert_cmpint (ca_error_to_exit_status (error), ==, 4);
}

static void
test_unknown_key (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmCertificate) certificate = NULL;

  certificate = describe_after_setenv (fixture, "AWS_ACCESS_KEY_ID", "AKIDUNKNOWN", &error);

  g_assert_error (error, CA_ERROR, CA_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, "does not accept these credentials"));
  g_assert_null (strstr (error->message, "UnrecognizedClientException"));
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 1);
}

static void
test_skew_corrected (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) first = NULL;
  g_autoptr (JsonObject) second = NULL;
  GTimeSpan offset;

  ca_fake_acm_set_clock_skew (fixture->fake, 3600);
  first = describe (fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  /* One rejected attempt, one re-signed retry. */
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 2);
  offset = ca_aws_client_get_clock_offset (fixture->aws);
  g_assert_cmpint (offset / G_TIME_SPAN_SECOND, >=, 3590);
  g_assert_cmpint (offset / G_TIME_SPAN_SECOND, <=, 3610);

  /* The offset sticks: the next call goes through at once. */
  second = describe (fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 3);
}

static void
test_skew_behind (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer = NULL;

  ca_fake_acm_set_clock_skew (fixture->fake, -1200);
  answer = describe (fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpint (ca_aws_client_get_clock_offset (fixture->aws) / G_TIME_SPAN_SECOND, <=, -1190);
}

static void
test_small_skew_ignored (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer = NULL;

  ca_fake_acm_set_clock_skew (fixture->fake, 120);
  answer = describe (fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ca_aws_client_get_clock_offset (fixture->aws), ==, 0);
  g_assert_cmpuint (ca_fake_acm_get_request_count (fixture->fake, NULL), ==, 1);
}

static void
test_empty_body_is_empty_object (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) input = describe_input (fixture);
  g_autoptr (JsonObject) answer = NULL;

  json_object_set_string_member (input, "Domain", "www.example.com");
  json_object_set_string_member (input, "ValidationDomain", "example.com");
  answer = call (fixture, "ResendValidationEmail", input, CA_AWS_CALL_DEFAULT, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpuint (json_object_get_size (answer), ==, 0);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmClient) slow = NULL;
  g_autoptr (CaAcmCertificate) certificate = NULL;

  ca_fake_acm_set_delay_ms (fixture->fake, 2500);
  slow = ca_acm_client_new (NULL, NULL, 1, &error);
  g_assert_no_error (error);
  ca_aws_client_set_retry_base_ms (ca_acm_client_get_aws (slow), 1);
  certificate = describe_with (slow, fixture, &error);

  g_assert_null (certificate);
  g_assert_error (error, CA_ERROR, CA_ERROR_TIMEOUT);
  g_assert_cmpint (ca_error_to_exit_status (error), ==, 3);
}

static void
test_size_cap (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupSession) http = soup_session_new ();
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *url = ca_fake_acm_get_url (fixture->fake);
  g_autofree char *stats = g_strconcat (url, "/_fake/stats", NULL);

  msg = soup_message_new ("GET", stats);
  ca_aws_http_send_async (http, msg, 8, NULL, ca_test_store_result_cb, &result);
  body = ca_aws_http_send_finish (ca_test_wait_for_result (&result), &error);

  g_assert_null (body);
  g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CaAcmCertificate) certificate = NULL;

  ca_fake_acm_set_delay_ms (fixture->fake, 200);
  ca_acm_client_describe_certificate_async (fixture->acm, fixture->arn, cancellable,
                                            ca_test_store_result_cb, &result);
  g_cancellable_cancel (cancellable);
  certificate = ca_acm_client_describe_certificate_finish (fixture->acm, ca_test_wait_for_result (&result),
                                                           &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_parse_error_shapes (void)
{
  const struct { const char *header; const char *body; const char *type; const char *message; } cases[] = {
    { NULL, "{\"__type\":\"com.amazonaws.acm#ResourceNotFoundException\",\"message\":\"gone\"}", "ResourceNotFoundException", "gone" },
    { NULL, "{\"__type\":\"ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/\",\"message\":\"bad\"}", "ValidationException", "bad" },
    { NULL, "{\"__type\":\"AccessDeniedException\",\"Message\":\"no\"}", "AccessDeniedException", "no" },
    { NULL, "{\"code\":\"ThrottlingException\",\"__type\":\"Other\"}", "ThrottlingException", NULL },
    { "InvalidStateException:http://internal.amazon.com/", "{\"__type\":\"Other\",\"message\":\"state\"}", "InvalidStateException", "state" },
    { NULL, "<html>oops</html>", NULL, NULL },
    { NULL, "", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
      g_autoptr (GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autofree char *type = NULL;
      g_autofree char *message = NULL;

      if (cases[i].header != NULL)
        soup_message_headers_replace (headers, "X-Amzn-ErrorType", cases[i].header);
      ca_aws_parse_error (headers, body, &type, &message);
      g_assert_cmpstr (type, ==, cases[i].type);
      g_assert_cmpstr (message, ==, cases[i].message);
    }
}

static void
test_retryable (void)
{
  g_assert_true (ca_aws_error_is_retryable (500, NULL, 0));
  g_assert_true (ca_aws_error_is_retryable (503, "ServiceUnavailable", 0));
  g_assert_true (ca_aws_error_is_retryable (429, NULL, 0));
  g_assert_true (ca_aws_error_is_retryable (400, "ThrottlingException", 0));
  g_assert_true (ca_aws_error_is_retryable (400, "RequestTimeoutException", 0));
  g_assert_true (ca_aws_error_is_retryable (400, "LimitExceededException", CA_AWS_CALL_DEFAULT));
  g_assert_false (ca_aws_error_is_retryable (400, "LimitExceededException", CA_AWS_CALL_LIMIT_IS_QUOTA));
  g_assert_false (ca_aws_error_is_retryable (400, "InvalidSignatureException", 0));
  g_assert_false (ca_aws_error_is_retryable (400, "ResourceNotFoundException", 0));
  g_assert_false (ca_aws_error_is_retryable (501, NULL, 0));
}

static void
test_plain_http_only_on_loopback (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmClient) client = NULL;

  g_setenv ("AWS_REGION", "us-east-1", TRUE);
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "x", TRUE);
  g_setenv ("AWS_ENDPOINT_URL_ACM", "http://acm.example.com:8443", TRUE);
  client = ca_acm_client_new (NULL, NULL, 5, &error);
  g_assert_null (client);
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_setenv ("AWS_ENDPOINT_URL_ACM", "http://[::1]:8443", TRUE);
  client = ca_acm_client_new (NULL, NULL, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_aws_client_get_endpoint (ca_acm_client_get_aws (client)), ==, "http://[::1]:8443");
  g_clear_object (&client);

  g_unsetenv ("AWS_ENDPOINT_URL_ACM");
  client = ca_acm_client_new (NULL, "eu-central-1", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_aws_client_get_endpoint (ca_acm_client_get_aws (client)), ==, "https://acm.eu-central-1.amazonaws.com");
}

static void
test_no_region (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaAcmClient) client = NULL;

  g_unsetenv ("AWS_REGION");
  g_unsetenv ("AWS_DEFAULT_REGION");
  g_setenv ("AWS_CONFIG_FILE", "/nonexistent", TRUE);
  client = ca_acm_client_new (NULL, NULL, 5, &error);
  g_assert_null (client);
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
}

#define ADD(path, func) \
  g_test_add ("/aws-client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  ADD ("describe", test_describe_ok);
  for (guint i = 0; i < G_N_ELEMENTS (call_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/aws-client/", call_cases[i].path, NULL);

      g_test_add (path, Fixture, &call_cases[i], fixture_set_up, test_call, fixture_tear_down);
    }
  ADD ("throttled/max-attempts-env", test_max_attempts_env);
  ADD ("retry-quota", test_retry_quota);
  ADD ("backoff/growth-and-cap", test_backoff_growth_and_cap);
  ADD ("backoff/jitter-scaled", test_backoff_jitter_scaled);
  ADD ("backoff/random-within-bounds", test_backoff_random_within_bounds);
  ADD ("backoff/then-success", test_backoff_then_success);
  ADD ("backoff/quota-runs-out", test_backoff_quota_runs_out);
  ADD ("bad-signature-not-retried", test_bad_signature_not_retried);
  ADD ("unknown-key", test_unknown_key);
  ADD ("skew/ahead", test_skew_corrected);
  ADD ("skew/behind", test_skew_behind);
  ADD ("skew/small-ignored", test_small_skew_ignored);
  ADD ("empty-body", test_empty_body_is_empty_object);
  ADD ("timeout", test_timeout);
  ADD ("size-cap", test_size_cap);
  ADD ("cancelled", test_cancelled);
  g_test_add_func ("/aws-client/errors/parse", test_parse_error_shapes);
  g_test_add_func ("/aws-client/retryable", test_retryable);
  g_test_add_func ("/aws-client/endpoint/loopback-only", test_plain_http_only_on_loopback);
  g_test_add_func ("/aws-client/endpoint/no-region", test_no_region);

  return g_test_run ();
}
