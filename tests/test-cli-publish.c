/* test-cli-publish.c: certassist-cli publish, as contract.md fixes it
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CLI runs as a separate program against the fake-acm program, which serves ACM
 * and Route 53 on one URL (seeded with tests/data/fake-route53-publish.json) and is
 * driven through its /_fake/ control requests; DNS goes to a test unbound.
 */

#include "config.h"

#include <string.h>

#include "ca-test-fake-acm.h"
#include "ca-test-unbound.h"
#include "ca-test-util.h"

#define ARN(n) "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-000" #n "-4000-8000-00000000000" #n
#define IN_EXAMPLE_COM ARN (1)
#define IN_EXAMPLE_NET ARN (2)
#define EMAIL_VALIDATED ARN (3)

typedef struct
{
  GSubprocess   *fake;
  CaTestUnbound *unbound;
  char          *url;
  char          *dns_server;
  char          *env[16];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "data", "fake-route53-publish.json", NULL);
  guint n = 0;

  fixture->fake = ca_test_fake_acm_spawn (seed, &fixture->url, NULL);
  g_assert_true (g_str_has_prefix (fixture->url, "http://127.0.0.1:"));
  fixture->unbound = ca_test_unbound_start ();
  fixture->dns_server = g_strdup (ca_test_unbound_get_server (fixture->unbound));

  fixture->env[n++] = g_strdup_printf ("AWS_ENDPOINT_URL_ACM=%s", fixture->url);
  fixture->env[n++] = g_strdup_printf ("AWS_ENDPOINT_URL_ROUTE_53=%s", fixture->url);
  fixture->env[n++] = g_strdup ("AWS_REGION=us-east-1");
  fixture->env[n++] = g_strdup ("AWS_ACCESS_KEY_ID=AKIDEXAMPLE");
  fixture->env[n++] = g_strdup ("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  fixture->env[n++] = g_strdup ("AWS_CONFIG_FILE=/nonexistent/config");
  fixture->env[n++] = g_strdup ("AWS_SHARED_CREDENTIALS_FILE=/nonexistent/credentials");
  fixture->env[n++] = g_strdup ("CERTASSIST_RETRY_BASE_MS=2");
  fixture->env[n++] = g_strdup ("CERTASSIST_POLL_MS=1");
  fixture->env[n++] = g_strdup ("CERTASSIST_ROUTE53_DEADLINE=60");
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
  g_clear_pointer (&fixture->unbound, ca_test_unbound_stop);
  g_clear_pointer (&fixture->url, g_free);
  g_clear_pointer (&fixture->dns_server, g_free);
  for (guint i = 0; fixture->env[i] != NULL; i++)
    g_clear_pointer (&fixture->env[i], g_free);
}

static guint
calls (Fixture    *fixture,
       const char *operation)
{
  return ca_test_fake_acm_count_calls (fixture->url, operation);
}

static void
inject (Fixture    *fixture,
        const char *fault,
        guint       count)
{
  g_autofree char *body = g_strdup_printf ("{\"fault\": \"%s\", \"count\": %u}", fault, count);

  ca_test_fake_acm_post (fixture->url, "/_fake/fault", body);
}

/* DNS goes to the test unbound alone (the local view), where the records never appear. */
#define RUN(fixture, ...) \
  ca_test_run_cli ((const char * const *) (fixture)->env, "--dns-server", (fixture)->dns_server, "--timeout", "5", \
                   __VA_ARGS__, NULL)

/* Exactly these members, no more. */
static void
assert_exact_members (JsonObject         *object,
                      const char * const *members)
{
  g_assert_cmpuint (json_object_get_size (object), ==, g_strv_length ((char **) members));
  for (guint i = 0; members[i] != NULL; i++)
    if (!json_object_has_member (object, members[i]))
      g_error ("member %s is missing", members[i]);
}

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
}

static char *
finding_ids (JsonObject *object)
{
  JsonArray *findings = json_object_get_array_member (object, "findings");
  g_autoptr (GString) ids = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (findings); i++)
    g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (findings, i), "id"));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Without --yes: the plan, nothing changed. */
static void
test_plan_changes_nothing (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char * const keys[] = { "changes", "change_ids", "status", "published", "findings", NULL };
  static const char * const change_keys[] = { "zone_id", "zone", "name", "type", "value", "action", NULL };
  g_autoptr (CaTestRun) run = RUN (fixture, "publish", IN_EXAMPLE_COM, "--json");
  g_autofree char *ids = NULL;
  JsonObject *object;
  JsonArray *changes;

  g_assert_cmpint (run->exit_status, ==, 0);
  object = ca_test_run_get_object (run);
  assert_exact_members (object, keys);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "planned");
  g_assert_false (json_object_get_boolean_member (object, "published"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "change_ids")), ==, 0);
  changes = json_object_get_array_member (object, "changes");
  /* example.com and *.example.com share a record; shop.example.org has no zone. */
  g_assert_cmpuint (json_array_get_length (changes), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      assert_exact_members (change, change_keys);
      g_assert_cmpstr (json_object_get_string_member (change, "zone_id"), ==, "Z1PUBLISHCOM");
      g_assert_cmpstr (json_object_get_string_member (change, "zone"), ==, "example.com");
      g_assert_cmpstr (json_object_get_string_member (change, "type"), ==, "CNAME");
      g_assert_cmpstr (json_object_get_string_member (change, "action"), ==, "UPSERT");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (change, "name"), "_"));
      g_assert_false (g_str_has_suffix (json_object_get_string_member (change, "name"), "."));
      g_assert_true (g_str_has_suffix (json_object_get_string_member (change, "value"), ".acm-validations.aws"));
    }
  ids = finding_ids (object);
  /* One warning for the private zone, although two records pass it by. */
  g_assert_cmpstr (ids, ==, "route53_no_zone route53_private_zone_ignored");
  g_assert_cmpuint (calls (fixture, "ChangeResourceRecordSets"), ==, 0);
}

/* With --yes: one batch, INSYNC after the polls, exit 0 although DNS does not show it yet. */
static void
test_yes_insync (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (CaTestRun) run = RUN (fixture, "publish", IN_EXAMPLE_COM, "--yes", "--json");
  g_autoptr (JsonObject) stats = NULL;
  JsonObject *object;
  JsonArray *records;

  g_assert_cmpint (run->exit_status, ==, 0);
  object = ca_test_run_get_object (run);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "INSYNC");
  g_assert_false (json_object_get_boolean_member (object, "published"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "change_ids")), ==, 1);
  g_assert_cmpuint (calls (fixture, "ChangeResourceRecordSets"), ==, 1);
  g_assert_cmpuint (calls (fixture, "GetChange"), ==, 2);
  stats = ca_test_fake_acm_get_stats (fixture->url);
  records = json_object_get_array_member (json_object_get_object_member (stats, "route53_records"), "Z1PUBLISHCOM");
  g_assert_cmpuint (json_array_get_length (records), ==, 2);
}

/* A change that never gets in sync: exit 3, the object says which change. */
static void
test_never_insync (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (CaTestRun) run = NULL;
  JsonObject *object;

  /* No waiting: the first answer is PENDING, and the deadline has passed. */
  for (guint i = 0; fixture->env[i] != NULL; i++)
    if (g_str_has_prefix (fixture->env[i], "CERTASSIST_ROUTE53_DEADLINE="))
      {
        g_free (fixture->env[i]);
        fixture->env[i] = g_strdup ("CERTASSIST_ROUTE53_DEADLINE=0");
      }
  run = RUN (fixture, "publish", IN_EXAMPLE_NET, "--yes", "--json");

  g_assert_cmpint (run->exit_status, ==, 3);
  object = ca_test_run_get_object (run);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "PENDING");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "change_ids")), ==, 1);
  g_assert_nonnull (strstr (run->err, "in sync"));
}

/* An unknown or private --zone-id is invalid_zone; a public one limits the run. */
static void
test_zone_id (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (CaTestRun) private_zone = RUN (fixture, "publish", IN_EXAMPLE_COM, "--zone-id", "Z9PRIVATECOM", "--json");
  g_autoptr (CaTestRun) unknown = RUN (fixture, "publish", IN_EXAMPLE_COM, "--zone-id", "ZNOSUCHZONE", "--json");
  g_autoptr (CaTestRun) other = RUN (fixture, "publish", IN_EXAMPLE_COM, "--zone-id", "Z2NEVERNET", "--json");
  g_autoptr (CaTestRun) other_yes = NULL;
  g_autofree char *ids = NULL;

  assert_error_code (private_zone, 2, "invalid_zone");
  assert_error_code (unknown, 2, "invalid_zone");
  g_assert_cmpint (other->exit_status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ca_test_run_get_object (other), "changes")), ==, 0);
  ids = finding_ids (ca_test_run_get_object (other));
  g_assert_cmpstr (ids, ==, "route53_no_zone route53_no_zone route53_no_zone");

  /* Nothing of the certificate's lies in that zone: --yes has nothing to send. */
  other_yes = RUN (fixture, "publish", IN_EXAMPLE_COM, "--zone-id", "Z2NEVERNET", "--yes", "--json");
  g_assert_cmpint (other_yes->exit_status, ==, 0);
  g_assert_false (json_object_get_boolean_member (ca_test_run_get_object (other_yes), "published"));
  g_assert_cmpuint (calls (fixture, "ChangeResourceRecordSets"), ==, 0);
}

/* 4 for a refused permission (naming the Route 53 action), 5 for a refused batch. */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (CaTestRun) denied = NULL;
  g_autoptr (CaTestRun) refused = NULL;

  inject (fixture, "route53-access-denied", 1);
  denied = RUN (fixture, "publish", IN_EXAMPLE_COM, "--json");
  assert_error_code (denied, 4, "access_denied");
  g_assert_nonnull (strstr (denied->out, "route53:ListHostedZonesByName"));

  inject (fixture, "route53-invalid-batch", 1);
  refused = RUN (fixture, "publish", IN_EXAMPLE_COM, "--yes");
  g_assert_cmpint (refused->exit_status, ==, 5);
  g_assert_nonnull (strstr (refused->err, "Route 53 refused to change the records of the hosted zone Z1PUBLISHCOM"));
  g_assert_null (strstr (refused->err, "InvalidChangeBatch"));
}

/* No DNS record to publish (an email-validated request): bad input, nothing asked of Route 53. */
static void
test_no_records (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (CaTestRun) run = RUN (fixture, "publish", EMAIL_VALIDATED, "--json");

  assert_error_code (run, 2, "invalid_input");
  g_assert_cmpuint (calls (fixture, "ListHostedZonesByName"), ==, 0);
}

/* Text: the plan as a table, then what became of each record; Markdown for a ticket. */
static void
test_text_and_markdown (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (CaTestRun) plan = RUN (fixture, "publish", IN_EXAMPLE_COM);
  g_autoptr (CaTestRun) markdown = RUN (fixture, "publish", IN_EXAMPLE_COM, "--markdown");
  g_autoptr (CaTestRun) both = RUN (fixture, "publish", IN_EXAMPLE_COM, "--markdown", "--json");
  g_autoptr (CaTestRun) applied = NULL;

  g_assert_cmpint (plan->exit_status, ==, 0);
  g_assert_nonnull (strstr (plan->out, "Hosted zone"));
  g_assert_nonnull (strstr (plan->out, "example.com (Z1PUBLISHCOM)"));
  g_assert_nonnull (strstr (plan->out, "Nothing was changed. Add --yes"));
  g_assert_nonnull (strstr (plan->out, "[Problem] No public hosted zone"));
  g_assert_cmpuint (calls (fixture, "ChangeResourceRecordSets"), ==, 0);

  g_assert_cmpint (markdown->exit_status, ==, 0);
  g_assert_nonnull (strstr (markdown->out, "| Name | Value | Hosted zone | State |"));
  g_assert_nonnull (strstr (markdown->out, "Z1PUBLISHCOM"));
  assert_error_code (both, 2, "usage");

  applied = RUN (fixture, "publish", IN_EXAMPLE_COM, "--yes");
  g_assert_cmpint (applied->exit_status, ==, 0);
  g_assert_nonnull (strstr (applied->out, "created and in sync on Route 53’s name servers"));
  g_assert_nonnull (strstr (applied->out, "not created: no public hosted zone holds the name"));
}

int
main (int   argc,
      char *argv[])
{
  ca_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/cli-publish/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("plan-changes-nothing", test_plan_changes_nothing);
  ADD ("yes-insync", test_yes_insync);
  ADD ("never-insync", test_never_insync);
  ADD ("zone-id", test_zone_id);
  ADD ("refusals", test_refusals);
  ADD ("no-records", test_no_records);
  ADD ("text-and-markdown", test_text_and_markdown);
#undef ADD

  return g_test_run ();
}
