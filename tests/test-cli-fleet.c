/* test-cli-fleet.c: certassist-cli scan and migrate --all, as contract.md fixes them
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CLI runs as a separate program against the fake-acm program seeded with
 * tests/data/fake-acm-fleet.json: certificates in us-east-1 and eu-west-2
 * (two per page), af-south-1 and us-west-2 not enabled, eu-west-1 denying
 * access, ap-south-1 answering garbage, ap-northeast-1 throttling every call,
 * sa-east-1 never answering, ca-central-1 holding one certificate that ACM
 * refuses to move.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "ca-test-fake-acm.h"
#include "ca-test-util.h"

#define ARN(region, n) "arn:aws:acm:" region ":123456789012:certificate/f1ee7000-00" #n "-4000-8000-0000000000" #n
#define WILDCARD_PAIR ARN ("us-east-1", 01)
#define PENDING ARN ("us-east-1", 02)
#define EXPIRED ARN ("us-east-1", 05)
#define EU_ISSUED ARN ("eu-west-2", 06)
#define EU_TIMED_OUT ARN ("eu-west-2", 07)
#define EU_FAILED ARN ("eu-west-2", 08)
#define EU_REVOKED ARN ("eu-west-2", 10)
#define EU_SHOP ARN ("eu-west-2", 11)
#define ANSWERING "us-east-1,eu-west-2,af-south-1,eu-west-1"

typedef struct
{
  GSubprocess *fake;
  char        *url;
  char        *env[16];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "data", "fake-acm-fleet.json", NULL);
  guint n = 0;

  fixture->fake = ca_test_fake_acm_spawn (seed, &fixture->url, NULL);
  g_assert_true (g_str_has_prefix (fixture->url, "http://127.0.0.1:"));

  fixture->env[n++] = g_strdup_printf ("AWS_ENDPOINT_URL_ACM=%s", fixture->url);
  fixture->env[n++] = g_strdup ("AWS_REGION=us-east-1");
  fixture->env[n++] = g_strdup ("AWS_ACCESS_KEY_ID=AKIDEXAMPLE");
  fixture->env[n++] = g_strdup ("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  fixture->env[n++] = g_strdup ("AWS_CONFIG_FILE=/nonexistent/config");
  fixture->env[n++] = g_strdup ("AWS_SHARED_CREDENTIALS_FILE=/nonexistent/credentials");
  fixture->env[n++] = g_strdup ("CERTASSIST_RETRY_BASE_MS=2");
  fixture->env[n++] = g_strdup ("CERTASSIST_POLL_MS=50");
  fixture->env[n++] = g_strdup ("AWS_PROFILE");
  fixture->env[n++] = g_strdup ("AWS_SESSION_TOKEN");
  fixture->env[n++] = g_strdup ("AWS_ENDPOINT_URL");
  fixture->env[n++] = NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ca_test_fake_acm_terminate (fixture->fake);
  g_clear_object (&fixture->fake);
  g_clear_pointer (&fixture->url, g_free);
  for (guint i = 0; fixture->env[i] != NULL; i++)
    g_clear_pointer (&fixture->env[i], g_free);
}

/* How often the fake was asked for @operation (/_fake/stats). */
static guint
acm_calls (Fixture    *fixture,
           const char *operation)
{
  return ca_test_fake_acm_count_calls (fixture->url, operation);
}

#define RUN(fixture, ...) ca_test_run_cli ((const char * const *) (fixture)->env, __VA_ARGS__, NULL)

static void
assert_error_code (CaTestRun  *run,
                   int         exit_status,
                   const char *code)
{
  JsonObject *error;

  g_assert_cmpint (run->exit_status, ==, exit_status);
  error = json_object_get_object_member (ca_test_run_get_object (run), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (error, "message"), !=, "");
}

/* Exactly these members, so a renamed or extra key is caught. */
static void
assert_keys (JsonObject         *object,
             const char * const *keys)
{
  g_assert_cmpuint (json_object_get_size (object), ==, g_strv_length ((char **) keys));
  for (guint i = 0; keys[i] != NULL; i++)
    if (!json_object_has_member (object, keys[i]))
      g_error ("member %s is missing", keys[i]);
}

static JsonObject *
find_by (JsonArray  *array,
         const char *member,
         const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, member), value) == 0)
        return object;
    }
  return NULL;
}

static void
assert_region (JsonArray  *regions,
               const char *name,
               const char *state,
               gint64      certificates,
               gboolean    has_message)
{
  JsonObject *region = find_by (regions, "region", name);

  g_assert_nonnull (region);
  g_assert_cmpstr (json_object_get_string_member (region, "state"), ==, state);
  g_assert_cmpint (json_object_get_int_member (region, "certificates"), ==, certificates);
  g_assert_cmpint (json_object_get_null_member (region, "message"), ==, !has_message);
}

static void
assert_certificate (JsonArray  *certificates,
                    const char *arn,
                    const char *action,
                    const char *deadline)
{
  JsonObject *certificate = find_by (certificates, "arn", arn);

  if (certificate == NULL)
    g_error ("%s is not listed", arn);
  g_assert_cmpstr (json_object_get_string_member (certificate, "action"), ==, action);
  if (deadline == NULL)
    g_assert_true (json_object_get_null_member (certificate, "deadline"));
  else
    g_assert_cmpstr (json_object_get_string_member (certificate, "deadline"), ==, deadline);
}

/*
 * scan
 */

static void
test_scan (Fixture       *fixture,
           gconstpointer  data)
{
  static const char *top_keys[] = { "regions", "complete", "certificates", "summary", NULL };
  static const char *region_keys[] = { "region", "state", "certificates", "message", NULL };
  static const char *certificate_keys[] = {
    "arn", "region", "domain", "sans", "status", "type", "validation_method", "not_after", "in_use_by",
    "renewal_status", "deadline", "action", NULL
  };
  static const char *summary_keys[] = { "total", "email_validated", "migrate_now", "request_dns", "no_action", NULL };
  g_autoptr (CaTestRun) run = RUN (fixture, "scan", "--regions", ANSWERING, "--json");
  JsonObject *top, *summary, *pair;
  JsonArray *regions, *certificates;
  g_autofree char *not_after_date = NULL;

  g_assert_cmpint (run->exit_status, ==, 0);
  top = ca_test_run_get_object (run);
  assert_keys (top, top_keys);
  g_assert_true (json_object_get_boolean_member (top, "complete"));
  regions = json_object_get_array_member (top, "regions");
  g_assert_cmpuint (json_array_get_length (regions), ==, 4);
  assert_keys (json_array_get_object_element (regions, 0), region_keys);
  assert_region (regions, "us-east-1", "ok", 5, FALSE);
  /* Three pages of two: every page was read. */
  assert_region (regions, "eu-west-2", "ok", 6, FALSE);
  assert_region (regions, "af-south-1", "not_enabled", 0, FALSE);
  assert_region (regions, "eu-west-1", "denied", 0, TRUE);

  /* Email certificates only: not the DNS, imported and private ones. */
  certificates = json_object_get_array_member (top, "certificates");
  g_assert_cmpuint (json_array_get_length (certificates), ==, 8);
  assert_keys (json_array_get_object_element (certificates, 0), certificate_keys);
  pair = find_by (certificates, "arn", WILDCARD_PAIR);
  g_assert_nonnull (pair);
  g_assert_cmpstr (json_object_get_string_member (pair, "region"), ==, "us-east-1");
  g_assert_cmpstr (json_object_get_string_member (pair, "validation_method"), ==, "EMAIL");
  g_assert_cmpstr (json_object_get_string_member (pair, "renewal_status"), ==, "PENDING_VALIDATION");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pair, "sans")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pair, "in_use_by")), ==, 1);
  /* It expires before email renewals end: its expiry binds. */
  not_after_date = g_strndup (json_object_get_string_member (pair, "not_after"), 10);
  assert_certificate (certificates, WILDCARD_PAIR, "migrate", not_after_date);
  assert_certificate (certificates, EU_ISSUED, "migrate", "2027-09-30");
  g_free (not_after_date);
  not_after_date = g_strndup (json_object_get_string_member (find_by (certificates, "arn", EU_SHOP), "not_after"), 10);
  g_assert_cmpstr (not_after_date, <, "2027-09-30");
  assert_certificate (certificates, EU_SHOP, "migrate", not_after_date);
  assert_certificate (certificates, PENDING, "request_dns", "2027-03-31");
  assert_certificate (certificates, EU_TIMED_OUT, "request_dns", "2027-03-31");
  assert_certificate (certificates, EU_FAILED, "request_dns", "2027-03-31");
  assert_certificate (certificates, EU_REVOKED, "none", NULL);
  assert_certificate (certificates, EXPIRED, "none", NULL);
  /* Soonest deadline first. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (certificates, 0), "arn"), ==, WILDCARD_PAIR);

  summary = json_object_get_object_member (top, "summary");
  assert_keys (summary, summary_keys);
  g_assert_cmpint (json_object_get_int_member (summary, "total"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (summary, "email_validated"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (summary, "migrate_now"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (summary, "request_dns"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (summary, "no_action"), ==, 5);
  /* A scan changes nothing. */
  g_assert_cmpuint (acm_calls (fixture, "UpdateCertificateOptions"), ==, 0);
}

static void
test_scan_all_methods (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (CaTestRun) run = RUN (fixture, "scan", "--regions", "us-east-1,eu-west-2", "--all-methods", "--json");
  JsonArray *certificates;
  JsonObject *imported, *dns;

  g_assert_cmpint (run->exit_status, ==, 0);
  certificates = json_object_get_array_member (ca_test_run_get_object (run), "certificates");
  g_assert_cmpuint (json_array_get_length (certificates), ==, 11);
  imported = find_by (certificates, "domain", "imported.fleet.example.com");
  g_assert_true (json_object_get_null_member (imported, "validation_method"));
  g_assert_cmpstr (json_object_get_string_member (imported, "action"), ==, "none");
  g_assert_true (json_object_get_null_member (find_by (certificates, "domain", "internal.fleet.example.com"),
                                              "validation_method"));
  dns = find_by (certificates, "domain", "dns.fleet.example.com");
  g_assert_cmpstr (json_object_get_string_member (dns, "validation_method"), ==, "DNS");
  g_assert_cmpstr (json_object_get_string_member (dns, "action"), ==, "none");
  g_assert_true (json_object_get_null_member (dns, "deadline"));
}

/* A region that answers garbage or throttles past the retries is reported with
 * its reason; the others complete. */
static void
test_scan_partial (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (CaTestRun) run = RUN (fixture, "scan", "--regions", "us-east-1,ap-south-1,eu-west-2,ap-northeast-1", "--json");
  g_autoptr (CaTestRun) text = RUN (fixture, "scan", "--regions", "us-east-1,ap-south-1,af-south-1,eu-west-1");
  g_autoptr (CaTestRun) markdown = RUN (fixture, "scan", "--regions", "us-east-1,ap-south-1", "--markdown");
  JsonObject *top;
  JsonArray *regions;

  g_assert_cmpint (run->exit_status, ==, 0);
  top = ca_test_run_get_object (run);
  g_assert_false (json_object_get_boolean_member (top, "complete"));
  regions = json_object_get_array_member (top, "regions");
  assert_region (regions, "ap-south-1", "error", 0, TRUE);
  assert_region (regions, "ap-northeast-1", "error", 0, TRUE);
  g_assert_nonnull (strstr (json_object_get_string_member (find_by (regions, "region", "ap-northeast-1"), "message"), "throttl"));
  assert_region (regions, "us-east-1", "ok", 5, FALSE);
  assert_region (regions, "eu-west-2", "ok", 6, FALSE);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (top, "certificates")), ==, 8);

  g_assert_cmpint (text->exit_status, ==, 0);
  g_assert_nonnull (strstr (text->out, "af-south-1       not enabled for this account"));
  g_assert_nonnull (strstr (text->out, "eu-west-1        access denied: "));
  g_assert_nonnull (strstr (text->out, "ap-south-1       not scanned completely: "));
  g_assert_nonnull (strstr (text->out, "This result is partial"));
  g_assert_cmpint (markdown->exit_status, ==, 0);
  g_assert_true (g_str_has_prefix (markdown->out, "# Certificates before the email validation deadlines\n"));
  g_assert_nonnull (strstr (markdown->out, "**This result is partial"));
  /* ACM's status in words, as in describe --markdown; the JSON keeps the code. */
  g_assert_nonnull (strstr (markdown->out, "- **fleet.example.com** (us-east-1, Issued): "));
  g_assert_null (strstr (markdown->out, "ISSUED"));
}

/* A region that never answers is reported with its reason in words when the
 * timeout ends it; the others complete and the result says it is partial. */
static void
test_scan_timeout (Fixture       *fixture,
                   gconstpointer  data)
{
  /* The fake's signature checker starts with its first request, which a
   * loaded machine may take longer than the short timeout for. */
  g_autoptr (CaTestRun) warm_up = RUN (fixture, "scan", "--regions", "us-east-1", "--json");
  g_autoptr (CaTestRun) run = RUN (fixture, "scan", "--regions", "us-east-1,sa-east-1,eu-west-2", "--timeout", "2", "--json");
  g_autoptr (CaTestRun) text = RUN (fixture, "scan", "--regions", "us-east-1,sa-east-1", "--timeout", "2");
  JsonObject *top, *hung;
  JsonArray *regions;
  const char *message;

  g_assert_cmpint (warm_up->exit_status, ==, 0);
  g_assert_cmpint (run->exit_status, ==, 0);
  top = ca_test_run_get_object (run);
  g_assert_false (json_object_get_boolean_member (top, "complete"));
  regions = json_object_get_array_member (top, "regions");
  assert_region (regions, "sa-east-1", "error", 0, TRUE);
  assert_region (regions, "us-east-1", "ok", 5, FALSE);
  assert_region (regions, "eu-west-2", "ok", 6, FALSE);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (top, "certificates")), ==, 8);
  hung = find_by (regions, "region", "sa-east-1");
  message = json_object_get_string_member (hung, "message");
  g_test_message ("sa-east-1: %s", message);
  /* Words, not an exception's name. */
  g_assert_nonnull (strstr (message, "did not answer"));
  g_assert_null (strstr (message, "Exception"));

  g_assert_cmpint (text->exit_status, ==, 0);
  g_assert_nonnull (strstr (text->out, "sa-east-1        not scanned completely: "));
  g_assert_nonnull (strstr (text->out, "did not answer"));
  g_assert_nonnull (strstr (text->out, "This result is partial"));
}

static guint
count_lines_of (const char *path)
{
  g_autofree char *text = NULL;
  guint lines = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p++)
    lines += *p == '\n';
  return lines;
}

/* One credential provider for every region: a credential_process (as IAM
 * Identity Center and an assumed role) runs once for a scan of three. */
static void
test_scan_credentials_once (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("certassist-fleet-credentials-XXXXXX", NULL);
  g_autofree char *script = g_build_filename (dir, "helper.sh", NULL);
  g_autofree char *counter = g_build_filename (dir, "runs", NULL);
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *script_text = g_strdup_printf ("#!/bin/sh\necho run >> '%s'\n"
                                                  "printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDEXAMPLE\", "
                                                  "\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\"}'\n",
                                                  counter);
  g_autofree char *config_text = g_strdup_printf ("[profile fleet]\ncredential_process = %s\n", script);
  g_autofree char *config_env = g_strdup_printf ("AWS_CONFIG_FILE=%s", config);
  const char *env[G_N_ELEMENTS (fixture->env) + 2] = { NULL };
  g_autoptr (CaTestRun) run = NULL;
  guint n = 0;
  JsonArray *regions;

  g_assert_true (g_file_set_contents (script, script_text, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  g_assert_true (g_file_set_contents (config, config_text, -1, NULL));
  for (; fixture->env[n] != NULL; n++)
    env[n] = fixture->env[n];
  /* Later entries win: the config that names the helper. */
  env[n++] = config_env;

  run = ca_test_run_cli (env, "scan", "--profile", "fleet", "--regions", "us-east-1,eu-west-2,ca-central-1", "--json", NULL);
  g_assert_cmpint (run->exit_status, ==, 0);
  regions = json_object_get_array_member (ca_test_run_get_object (run), "regions");
  assert_region (regions, "us-east-1", "ok", 5, FALSE);
  assert_region (regions, "eu-west-2", "ok", 6, FALSE);
  assert_region (regions, "ca-central-1", "ok", 1, FALSE);
  g_assert_cmpuint (count_lines_of (counter), ==, 1);

  g_unlink (script);
  g_unlink (counter);
  g_unlink (config);
  g_rmdir (dir);
}

static void
test_scan_failures (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (CaTestRun) none = RUN (fixture, "scan", "--regions", "ap-south-1", "--json");
  /* us-west-2 needs no opt-in: there the same answer means bad credentials. */
  g_autoptr (CaTestRun) refused = RUN (fixture, "scan", "--regions", "us-east-1,us-west-2", "--json");
  g_autoptr (CaTestRun) bad_name = RUN (fixture, "scan", "--regions", "us-east-1,../evil", "--json");
  g_autoptr (CaTestRun) empty = RUN (fixture, "scan", "--regions", ",", "--json");
  g_autoptr (CaTestRun) both = RUN (fixture, "scan", "--regions", "us-east-1", "--json", "--markdown");

  assert_error_code (none, 3, "no_region_answered");
  assert_error_code (refused, 4, "access_denied");
  assert_error_code (bad_name, 2, "invalid_input");
  assert_error_code (empty, 2, "invalid_input");
  assert_error_code (both, 2, "usage");
}

/*
 * migrate --all
 */

static void
test_migrate_all_plan (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char *keys[] = { "migrations", "zone_records", NULL };
  static const char *migration_keys[] = { "arn", "region", "state", "message", "records", NULL };
  g_autoptr (CaTestRun) run = RUN (fixture, "migrate", "--all", "--regions", ANSWERING, "--json");
  g_autoptr (CaTestRun) text = RUN (fixture, "migrate", "--all", "--regions", ANSWERING);
  JsonObject *top;
  JsonArray *migrations;

  g_assert_cmpint (run->exit_status, ==, 0);
  top = ca_test_run_get_object (run);
  assert_keys (top, keys);
  migrations = json_object_get_array_member (top, "migrations");
  g_assert_cmpuint (json_array_get_length (migrations), ==, 3);
  for (guint i = 0; i < json_array_get_length (migrations); i++)
    {
      JsonObject *migration = json_array_get_object_element (migrations, i);

      assert_keys (migration, migration_keys);
      g_assert_cmpstr (json_object_get_string_member (migration, "state"), ==, "planned");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (migration, "records")), ==, 0);
    }
  g_assert_nonnull (find_by (migrations, "arn", WILDCARD_PAIR));
  g_assert_nonnull (find_by (migrations, "arn", EU_ISSUED));
  g_assert_nonnull (find_by (migrations, "arn", EU_SHOP));
  g_assert_cmpstr (json_object_get_string_member (top, "zone_records"), ==, "");
  g_assert_cmpint (text->exit_status, ==, 0);
  g_assert_nonnull (strstr (text->out, "add --yes"));
  /* Without --yes nothing changes. */
  g_assert_cmpuint (acm_calls (fixture, "UpdateCertificateOptions"), ==, 0);
}

static guint
count_substring (const char *text,
                 const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

static void
test_migrate_all_yes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (CaTestRun) run = RUN (fixture, "migrate", "--all", "--regions", ANSWERING, "--yes", "--json");
  g_autoptr (CaTestRun) again = NULL;
  g_autoptr (CaTestRun) scan = NULL;
  JsonArray *migrations, *pair_records;
  const char *zone;
  guint records = 0;

  g_assert_cmpint (run->exit_status, ==, 0);
  /* Exactly one change per eligible certificate. */
  g_assert_cmpuint (acm_calls (fixture, "UpdateCertificateOptions"), ==, 3);
  migrations = json_object_get_array_member (ca_test_run_get_object (run), "migrations");
  g_assert_cmpuint (json_array_get_length (migrations), ==, 3);
  for (guint i = 0; i < json_array_get_length (migrations); i++)
    {
      JsonObject *migration = json_array_get_object_element (migrations, i);

      g_assert_cmpstr (json_object_get_string_member (migration, "state"), ==, "started");
      g_assert_true (json_object_get_null_member (migration, "message"));
      records += json_array_get_length (json_object_get_array_member (migration, "records"));
    }
  /* fleet.example.com and *.fleet.example.com share one record. */
  pair_records = json_object_get_array_member (find_by (migrations, "arn", WILDCARD_PAIR), "records");
  g_assert_cmpuint (json_array_get_length (pair_records), ==, 1);
  g_assert_cmpuint (records, ==, 4);

  zone = json_object_get_string_member (ca_test_run_get_object (run), "zone_records");
  g_assert_cmpuint (count_substring (zone, " 300 IN CNAME "), ==, 4);
  for (guint i = 0; i < json_array_get_length (migrations); i++)
    {
      JsonArray *its = json_object_get_array_member (json_array_get_object_element (migrations, i), "records");

      for (guint j = 0; j < json_array_get_length (its); j++)
        {
          const char *name = json_object_get_string_member (json_array_get_object_element (its, j), "name");
          g_autofree char *line = g_strdup_printf ("\n%s 300 IN CNAME ", name);

          /* Absolute names, each record once. */
          g_assert_true (g_str_has_suffix (name, "."));
          g_assert_cmpuint (count_substring (zone, line), ==, 1);
        }
    }
  g_assert_nonnull (strstr (zone, "; fleet.example.com, *.fleet.example.com\n"));

  /* Now they are moving: nothing left to start, and the scan says so. */
  again = RUN (fixture, "migrate", "--all", "--regions", ANSWERING, "--yes", "--json");
  g_assert_cmpint (again->exit_status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ca_test_run_get_object (again), "migrations")), ==, 0);
  g_assert_cmpuint (acm_calls (fixture, "UpdateCertificateOptions"), ==, 3);
  scan = RUN (fixture, "scan", "--regions", ANSWERING, "--json");
  assert_certificate (json_object_get_array_member (ca_test_run_get_object (scan), "certificates"), EU_ISSUED,
                      "in_progress", "2027-09-30");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (ca_test_run_get_object (scan), "summary"),
                                               "migrate_now"),
                   ==, 0);
}

/* One refusal is reported and exits 5; the other moves still start. */
static void
test_migrate_all_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (CaTestRun) run = RUN (fixture, "migrate", "--all", "--regions", "ca-central-1,us-east-1", "--yes", "--json");
  JsonArray *migrations;
  JsonObject *refused, *started;

  g_assert_cmpint (run->exit_status, ==, 5);
  g_assert_cmpuint (acm_calls (fixture, "UpdateCertificateOptions"), ==, 2);
  migrations = json_object_get_array_member (ca_test_run_get_object (run), "migrations");
  g_assert_cmpuint (json_array_get_length (migrations), ==, 2);
  refused = find_by (migrations, "arn", ARN ("ca-central-1", 12));
  g_assert_cmpstr (json_object_get_string_member (refused, "state"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (refused, "message"), !=, "");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (refused, "records")), ==, 0);
  started = find_by (migrations, "arn", WILDCARD_PAIR);
  g_assert_cmpstr (json_object_get_string_member (started, "state"), ==, "started");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (started, "records")), ==, 1);
}

static void
test_migrate_all_usage (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (CaTestRun) with_arn = RUN (fixture, "migrate", "--all", WILDCARD_PAIR, "--json");
  g_autoptr (CaTestRun) regions_alone = RUN (fixture, "migrate", WILDCARD_PAIR, "--regions", "us-east-1", "--json");

  assert_error_code (with_arn, 2, "usage");
  assert_error_code (regions_alone, 2, "usage");
  g_assert_cmpuint (acm_calls (fixture, "UpdateCertificateOptions"), ==, 0);
}

#define ADD(path, func) \
  g_test_add ("/cli/fleet/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  ADD ("scan", test_scan);
  ADD ("scan/all-methods", test_scan_all_methods);
  ADD ("scan/partial", test_scan_partial);
  ADD ("scan/failures", test_scan_failures);
  ADD ("scan/timeout", test_scan_timeout);
  ADD ("scan/credentials-once", test_scan_credentials_once);
  ADD ("migrate-all/plan", test_migrate_all_plan);
  ADD ("migrate-all/yes", test_migrate_all_yes);
  ADD ("migrate-all/refused", test_migrate_all_refused);
  ADD ("migrate-all/usage", test_migrate_all_usage);

  return g_test_run ();
}
