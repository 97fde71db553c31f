/* test-diagnosis.c: CaDiagnosis and its JSON against a real unbound
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-diagnosis.h"
#include "ca-error.h"
#include "ca-test-check.h"
#include "ca-test-unbound.h"
#include "ca-test-util.h"
#include "ca-views-check.h"

static CaTestUnbound *server;

typedef struct
{
  gboolean  done;
  GError   *error;
} Result;

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Result *r = user_data;

  ca_diagnosis_run_finish (CA_DIAGNOSIS (object), result, &r->error);
  r->done = TRUE;
}

static CaDiagnosis *
new_diagnosis (const char *forwarder,
               guint       timeout_ms)
{
  const char *forwarders[] = { forwarder != NULL ? forwarder : ca_test_unbound_get_server (server), NULL };
  g_autoptr (CaDnsResolver) resolver = ca_dns_resolver_new (forwarders, FALSE, timeout_ms);

  return ca_diagnosis_new (resolver);
}

static void
add_names (CaDiagnosis        *diagnosis,
           const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_nonnull (ca_diagnosis_add_name (diagnosis, names[i], NULL, &error));
      g_assert_no_error (error);
    }
}

static void
run (CaDiagnosis *diagnosis)
{
  Result r = { 0 };

  ca_diagnosis_run_async (diagnosis, NULL, run_cb, &r);
  ca_test_wait_for (&r.done);
  g_assert_no_error (r.error);
  g_assert_false (ca_diagnosis_get_running (diagnosis));
}

static gboolean
has_finding (CaDiagnosis *diagnosis,
             const char  *id,
             const char  *name)
{
  GListModel *findings = ca_diagnosis_get_findings (diagnosis);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (ca_finding_get_id_string (finding), id) &&
          g_strcmp0 (ca_finding_get_name (finding), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_many_names (void)
{
  static const char * const names[] = {
    "www.good.example", "nullmx.example", "sub.parent-mx.example", "mx-nxhost.example",
    "mx-cname.example", "caa-other.example", "*.caa-wild.example", "caa-critical.example",
    "servfail.example", "www.bücher.example", NULL
  };
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (NULL, 10000);
  GListModel *findings;
  CaSeverity previous = CA_SEVERITY_ERROR;

  add_names (diagnosis, names);
  run (diagnosis);

  g_assert_cmpuint (g_list_model_get_n_items (ca_diagnosis_get_names (diagnosis)), ==, 10);
  g_assert_true (has_finding (diagnosis, "null_mx", "nullmx.example"));
  g_assert_true (has_finding (diagnosis, "no_mx", "sub.parent-mx.example"));
  g_assert_true (has_finding (diagnosis, "approval_domain_is_subdomain", "sub.parent-mx.example"));
  g_assert_true (has_finding (diagnosis, "mx_host_unresolvable", "mx-nxhost.example"));
  g_assert_true (has_finding (diagnosis, "mx_host_is_cname", "mx-cname.example"));
  g_assert_true (has_finding (diagnosis, "caa_forbids_amazon", "caa-other.example"));
  g_assert_true (has_finding (diagnosis, "caa_issuewild_forbids_amazon", "*.caa-wild.example"));
  g_assert_true (has_finding (diagnosis, "caa_critical_unknown", "caa-critical.example"));
  g_assert_true (has_finding (diagnosis, "mx_lookup_failed", "servfail.example"));
  g_assert_true (has_finding (diagnosis, "caa_lookup_failed", "servfail.example"));
  /* Fixtures live under .example, which is not public; the rest still ran. */
  g_assert_true (has_finding (diagnosis, "invalid_public_domain", "www.good.example"));
  g_assert_true (has_finding (diagnosis, "invalid_public_domain", "www.xn--bcher-kva.example"));
  g_assert_false (has_finding (diagnosis, "no_mx", "www.good.example"));
  g_assert_false (has_finding (diagnosis, "approval_domain_is_subdomain", "www.good.example"));

  findings = ca_diagnosis_get_findings (diagnosis);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);

      g_assert_cmpint (ca_finding_get_severity (finding), <=, previous);
      previous = ca_finding_get_severity (finding);
    }
}

static void
test_validation_record (void)
{
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (NULL, 10000);
  CaNameReport *valid = ca_diagnosis_add_name (diagnosis, "valid.example", NULL, NULL);
  CaNameReport *wrong = ca_diagnosis_add_name (diagnosis, "wrong.example", NULL, NULL);

  g_assert_true (ca_diagnosis_set_validation_record (diagnosis, "valid.example", "_0123abcd.valid.example.",
                                                     "_4567cdef.abcdefghij.acm-validations.aws."));
  g_assert_true (ca_diagnosis_set_validation_record (diagnosis, "WRONG.example", "_0123abcd.wrong.example.",
                                                     "_4567cdef.abcdefghij.acm-validations.aws."));
  g_assert_false (ca_diagnosis_set_validation_record (diagnosis, "other.example", "_1.other.example", "x"));
  run (diagnosis);

  g_assert_cmpint (ca_validation_record_get_state (ca_name_report_get_validation_record (valid)), ==,
                   CA_VALIDATION_RECORD_PUBLISHED);
  g_assert_cmpint (ca_validation_record_get_state (ca_name_report_get_validation_record (wrong)), ==,
                   CA_VALIDATION_RECORD_WRONG_VALUE);
  g_assert_true (has_finding (diagnosis, "dns_record_wrong_value", "wrong.example"));
}

static void
test_invalid_input (void)
{
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (NULL, 10000);
  g_autoptr (GError) error = NULL;

  g_assert_null (ca_diagnosis_add_name (diagnosis, "a..example", NULL, &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN);
  g_clear_error (&error);
  g_assert_null (ca_diagnosis_add_name (diagnosis, "www.good.example", "other.example", &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_VALIDATION_DOMAIN);
  g_assert_cmpuint (g_list_model_get_n_items (ca_diagnosis_get_names (diagnosis)), ==, 0);

  /* The same name twice is one report. */
  g_assert_true (ca_diagnosis_add_name (diagnosis, "www.good.example", NULL, NULL) ==
                 ca_diagnosis_add_name (diagnosis, "WWW.Good.Example.", NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (ca_diagnosis_get_names (diagnosis)), ==, 1);
}

static void
test_select_checks (void)
{
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (NULL, 10000);
  g_autoptr (CaTestCheck) hello = g_object_new (CA_TYPE_TEST_CHECK, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (ca_diagnosis_add_name (diagnosis, "good.example", NULL, NULL));
  ca_diagnosis_add_check (diagnosis, CA_CHECK (hello));
  g_assert_true (ca_diagnosis_is_selected (diagnosis, CA_CHECK (hello)));
  g_assert_true (ca_diagnosis_select_checks (diagnosis, "mail, caa", NULL));
  g_assert_false (ca_diagnosis_is_selected (diagnosis, CA_CHECK (hello)));
  /* A check added from outside is selected by its id, like the others. */
  g_assert_true (ca_diagnosis_select_checks (diagnosis, "hello", NULL));
  g_assert_true (ca_diagnosis_is_selected (diagnosis, CA_CHECK (hello)));
  g_assert_false (ca_diagnosis_select_checks (diagnosis, "mail,dns", &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
  /* The message lists what there is to choose from. */
  g_assert_nonnull (strstr (error->message, "mail, caa, hello"));
  g_clear_error (&error);
  g_assert_false (ca_diagnosis_select_checks (diagnosis, " , ", &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
}

static void
test_checks_subset (void)
{
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (NULL, 10000);
  static const char * const names[] = { "nullmx.example", "caa-other.example", NULL };
  g_autoptr (JsonNode) json = NULL;
  JsonObject *name;

  add_names (diagnosis, names);
  g_assert_true (ca_diagnosis_select_checks (diagnosis, "caa", NULL));
  run (diagnosis);

  g_assert_false (has_finding (diagnosis, "null_mx", "nullmx.example"));
  g_assert_true (has_finding (diagnosis, "caa_forbids_amazon", "caa-other.example"));
  json = ca_diagnosis_to_json (diagnosis);
  name = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json), "names"), 0);
  g_assert_true (json_object_get_null_member (name, "mail"));
  g_assert_false (json_object_get_null_member (name, "caa"));
}

static void
test_json (void)
{
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (NULL, 10000);
  static const char * const names[] = { "www.good.example", NULL };
  g_autoptr (JsonNode) json = NULL;
  JsonObject *root, *name, *mail, *mx, *caa, *record, *finding;
  JsonArray *findings;

  add_names (diagnosis, names);
  run (diagnosis);
  json = ca_diagnosis_to_json (diagnosis);
  root = json_node_get_object (json);

  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "registrations")), ==, 0);
  g_assert_true (json_object_get_null_member (root, "certificate"));

  name = json_array_get_object_element (json_object_get_array_member (root, "names"), 0);
  g_assert_cmpstr (json_object_get_string_member (name, "name"), ==, "www.good.example");
  g_assert_cmpstr (json_object_get_string_member (name, "approval_domain"), ==, "good.example");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (name, "addresses"), 3), ==,
                   "postmaster@good.example");
  g_assert_false (json_object_has_member (name, "validation_record"));

  mail = json_object_get_object_member (name, "mail");
  g_assert_cmpstr (json_object_get_string_member (mail, "domain"), ==, "good.example");
  g_assert_false (json_object_get_boolean_member (mail, "null_mx"));
  g_assert_cmpstr (json_object_get_string_member (mail, "console_walk_domain"), ==, "good.example");
  mx = json_array_get_object_element (json_object_get_array_member (mail, "mx"), 1);
  g_assert_cmpint (json_object_get_int_member (mx, "preference"), ==, 20);
  g_assert_cmpstr (json_object_get_string_member (mx, "host"), ==, "mx2.good.example");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (mx, "addresses"), 1), ==, "2001:db8::12");

  caa = json_object_get_object_member (name, "caa");
  g_assert_true (json_object_get_boolean_member (caa, "allows_amazon"));
  g_assert_true (json_object_get_boolean_member (caa, "allows_amazon_wildcard"));
  g_assert_cmpstr (json_object_get_string_member (caa, "relevant_domain"), ==, "good.example");
  record = json_array_get_object_element (json_object_get_array_member (caa, "records"), 0);
  g_assert_cmpint (json_object_get_int_member (record, "flags"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (record, "tag"), ==, "issue");
  g_assert_cmpstr (json_object_get_string_member (record, "value"), ==, "amazon.com");

  findings = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 1);
  finding = json_array_get_object_element (findings, 0);
  g_assert_cmpstr (json_object_get_string_member (finding, "id"), ==, "invalid_public_domain");
  g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (finding, "name"), ==, "www.good.example");
  g_assert_cmpstr (json_object_get_string_member (finding, "remedy"), !=, "");
}

static void
on_check_done_cb (CaDiagnosis *diagnosis,
                  CaCheck     *check,
                  GPtrArray   *landed)
{
  g_ptr_array_add (landed, g_object_ref (check));
}

/* A check from outside, through the interface alone: it runs with the
 * others, lands as they do, and its JSON, facts and findings join theirs. */
static void
test_added_check (void)
{
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (NULL, 10000);
  static const char * const names[] = { "www.good.example", "nullmx.example", NULL };
  g_autoptr (CaTestCheck) hello = g_object_new (CA_TYPE_TEST_CHECK, NULL);
  g_autoptr (GPtrArray) landed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) facts = NULL;
  g_autoptr (JsonNode) json = NULL;
  JsonObject *root;
  guint resolver_landed;

  add_names (diagnosis, names);
  ca_diagnosis_add_check (diagnosis, CA_CHECK (hello));
  g_signal_connect (diagnosis, "check-done", G_CALLBACK (on_check_done_cb), landed);
  run (diagnosis);

  /* The resolver check, four per name (mail, CAA, delegation, the views
   * compared) once it has landed, and ours. */
  g_assert_cmpuint (landed->len, ==, 10);
  g_assert_true (g_ptr_array_find (landed, ca_diagnosis_get_resolver_check (diagnosis), &resolver_landed));
  for (guint i = 0; i < landed->len; i++)
    if (ca_check_uses_resolver (g_ptr_array_index (landed, i)))
      g_assert_cmpuint (i, >, resolver_landed);
  g_assert_true (g_ptr_array_find (landed, hello, NULL));
  json = ca_diagnosis_to_json (diagnosis);
  root = json_node_get_object (json);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "hello"), "names"), ==, 2);
  g_assert_true (has_finding (diagnosis, "email_validation_phase_out", NULL));
  g_assert_true (has_finding (diagnosis, "null_mx", "nullmx.example"));
  facts = ca_check_describe (CA_CHECK (hello));
  g_assert_cmpuint (facts->len, ==, 1);
  g_assert_cmpstr (ca_fact_get_detail (g_ptr_array_index (facts, 0)), ==, "2 names said hello");
}

static JsonObject *
get_validation_record_json (JsonNode *json,
                            guint     index)
{
  JsonArray *names = json_object_get_array_member (json_node_get_object (json), "names");

  return json_object_get_object_member (json_array_get_object_element (names, index), "validation_record");
}

static void
test_json_validation_record (void)
{
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (NULL, 10000);
  static const char * const names[] = { "valid.example", "wrong.example", "good.example", NULL };
  const char *value = "_4567cdef.abcdefghij.acm-validations.aws.";
  g_autoptr (JsonNode) json = NULL;
  JsonObject *valid, *wrong, *missing;

  add_names (diagnosis, names);
  ca_diagnosis_set_validation_record (diagnosis, "valid.example", "_0123abcd.valid.example.", value);
  ca_diagnosis_set_validation_record (diagnosis, "wrong.example", "_0123abcd.wrong.example.", value);
  ca_diagnosis_set_validation_record (diagnosis, "good.example", "_0123abcd.good.example.", value);
  run (diagnosis);
  json = ca_diagnosis_to_json (diagnosis);

  valid = get_validation_record_json (json, 0);
  wrong = get_validation_record_json (json, 1);
  missing = get_validation_record_json (json, 2);
  g_assert_cmpstr (json_object_get_string_member (valid, "name"), ==, "_0123abcd.valid.example");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (valid, "expected"), "_4567cdef.abcdefghij.acm-validations.aws"));
  g_assert_cmpstr (json_object_get_string_member (valid, "state"), ==, "published");
  g_assert_cmpstr (json_object_get_string_member (wrong, "state"), ==, "wrong_value");
  g_assert_cmpstr (json_object_get_string_member (missing, "state"), ==, "missing");
  g_assert_false (json_object_get_boolean_member (missing, "lookup_failed"));
  g_assert_true (has_finding (diagnosis, "dns_record_missing", "good.example"));
}

/* contract.md knows three states: a record nobody could look up is not published.
 * The zone's servers fail (SERVFAIL) while the resolver is sound: the failure
 * stays with that name. */
static void
test_json_validation_record_lookup_failed (void)
{
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (NULL, 10000);
  static const char * const names[] = { "servfail.example", NULL };
  g_autoptr (JsonNode) json = NULL;
  JsonObject *record;

  add_names (diagnosis, names);
  ca_diagnosis_set_validation_record (diagnosis, "servfail.example", "_0123abcd.servfail.example.",
                                      "_4567cdef.abcdefghij.acm-validations.aws.");
  run (diagnosis);
  json = ca_diagnosis_to_json (diagnosis);
  record = get_validation_record_json (json, 0);

  g_assert_cmpstr (json_object_get_string_member (record, "state"), ==, "missing");
  g_assert_true (json_object_get_boolean_member (record, "lookup_failed"));
  g_assert_true (has_finding (diagnosis, "dns_record_lookup_failed", "servfail.example"));
  g_assert_false (has_finding (diagnosis, "dns_record_missing", "servfail.example"));
  g_assert_false (has_finding (diagnosis, "dns_resolver_unreliable", NULL));
}

/* The facts of a check, as the front ends show them: "title: detail" each. */
static char *
describe_check (CaCheck *check)
{
  g_autoptr (GPtrArray) facts = ca_check_describe (check);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < facts->len; i++)
    g_string_append_printf (text, "%s: %s\n", ca_fact_get_title (g_ptr_array_index (facts, i)),
                            ca_fact_get_detail (g_ptr_array_index (facts, i)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Only dns_resolver_unreliable (about no name) and what the names say without
 * DNS; every check that asks the resolver says it was not asked, and nothing else. */
static void
assert_no_dns_verdict (CaDiagnosis *diagnosis)
{
  static const char * const allowed[] = {
    "dns_resolver_unreliable", "invalid_public_domain", "approval_domain_is_subdomain", NULL
  };
  GListModel *findings = ca_diagnosis_get_findings (diagnosis);
  GListModel *checks = ca_diagnosis_get_checks (diagnosis);

  g_assert_true (has_finding (diagnosis, "dns_resolver_unreliable", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);
      const char *id = ca_finding_get_id_string (finding);

      if (!g_strv_contains (allowed, id))
        g_error ("a verdict from an untrusted resolver: %s", id);
    }
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr (CaCheck) check = g_list_model_get_item (checks, i);
      g_autofree char *facts = describe_check (check);

      /* The delegation and the views compared say nothing then: one "not checked" per name. */
      if (CA_IS_DELEGATION_CHECK (check) || CA_IS_VIEWS_CHECK (check))
        g_assert_cmpstr (facts, ==, "");
      else if (ca_check_uses_resolver (check))
        g_assert_true (g_str_has_prefix (facts, "Not checked: The DNS resolver in use "));
    }
}

/* A resolver that answers nothing is the network's fault, not the domains'. */
static void
test_dead_server (void)
{
  g_autoptr (CaTestBlackhole) hole = ca_test_blackhole_new ();
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (ca_test_blackhole_get_server (hole), 300);
  static const char * const names[] = { "www.good.example", "nullmx.example", NULL };

  add_names (diagnosis, names);
  run (diagnosis);
  assert_no_dns_verdict (diagnosis);
  g_assert_false (has_finding (diagnosis, "mx_lookup_failed", "www.good.example"));
  g_assert_false (has_finding (diagnosis, "caa_lookup_failed", "nullmx.example"));
  g_assert_cmpstr (ca_diagnosis_get_failure_title (diagnosis), ==, "No DNS server answered");
  g_assert_nonnull (strstr (ca_diagnosis_get_lookup_failure (diagnosis), "Check the network connection"));
}

static CaFinding *
find_finding (CaDiagnosis *diagnosis,
              const char  *id)
{
  GListModel *findings = ca_diagnosis_get_findings (diagnosis);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (ca_finding_get_id_string (finding), id))
        return finding;
    }
  g_error ("no finding %s", id);
}

/* The machine's resolver answers NXDOMAIN for every name, the root included:
 * the diagnosis says so and says nothing about the domains (issue 13). */
static void
test_nxdomain_resolver (void)
{
  g_autoptr (CaTestUnbound) liar = ca_test_unbound_start_nxdomain ();
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (ca_test_unbound_get_server (liar), 10000);
  static const char * const names[] = { "example.com", "www.good.example", NULL };
  g_autoptr (JsonNode) json = NULL;
  JsonObject *root, *resolver, *name;
  CaFinding *finding;

  add_names (diagnosis, names);
  run (diagnosis);
  assert_no_dns_verdict (diagnosis);
  finding = find_finding (diagnosis, "dns_resolver_unreliable");
  g_assert_null (ca_finding_get_name (finding));
  g_assert_cmpint (ca_finding_get_severity (finding), ==, CA_SEVERITY_ERROR);
  g_assert_nonnull (strstr (ca_finding_get_message (finding), "answered NXDOMAIN when asked for the root zone"));
  g_assert_nonnull (strstr (ca_finding_get_message (finding), "they may well be fine"));
  g_assert_false (has_finding (diagnosis, "no_mx", "example.com"));
  g_assert_false (has_finding (diagnosis, "dns_name_not_public", "example.com"));
  g_assert_cmpstr (ca_diagnosis_get_failure_title (diagnosis), ==, "Your DNS resolver cannot be trusted");
  g_assert_nonnull (strstr (ca_diagnosis_get_lookup_failure (diagnosis), "may well be fine"));

  json = ca_diagnosis_to_json (diagnosis);
  root = json_node_get_object (json);
  resolver = json_object_get_object_member (root, "resolver");
  g_assert_false (json_object_get_boolean_member (resolver, "reliable"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (resolver, "answers"), 0), "answer"),
                   ==, "NXDOMAIN");
  name = json_array_get_object_element (json_object_get_array_member (root, "names"), 0);
  g_assert_true (json_object_get_null_member (name, "mail"));
  g_assert_true (json_object_get_null_member (name, "caa"));
}

/* A resolver that knows the root but denies the TLD of a public name lies too;
 * a TLD that is not public (.example) is not asked: it rightly does not exist. */
static void
test_tld_denied (void)
{
  g_autoptr (CaDiagnosis) denied = new_diagnosis (NULL, 10000);
  g_autoptr (CaDiagnosis) sound = new_diagnosis (NULL, 10000);
  static const char * const public_names[] = { "shop.example.com", "good.example", NULL };
  static const char * const fixture_names[] = { "good.example", "nullmx.example", NULL };
  g_autoptr (JsonNode) json = NULL;
  JsonArray *answers;
  g_autofree char *facts = NULL;

  add_names (denied, public_names);
  run (denied);
  assert_no_dns_verdict (denied);
  g_assert_nonnull (strstr (ca_finding_get_message (find_finding (denied, "dns_resolver_unreliable")),
                            "answered NXDOMAIN when asked for the top-level domain com"));

  add_names (sound, fixture_names);
  run (sound);
  g_assert_true (ca_resolver_check_get_reliable (ca_diagnosis_get_resolver_check (sound)));
  g_assert_false (has_finding (sound, "dns_resolver_unreliable", NULL));
  g_assert_true (has_finding (sound, "null_mx", "nullmx.example"));
  g_assert_null (ca_diagnosis_get_lookup_failure (sound));
  json = ca_diagnosis_to_json (sound);
  answers = json_object_get_array_member (json_object_get_object_member (json_node_get_object (json), "resolver"), "answers");
  g_assert_cmpuint (json_array_get_length (answers), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (answers, 0), "name"), ==, ".");
  facts = describe_check (CA_CHECK (ca_diagnosis_get_resolver_check (sound)));
  g_assert_true (g_str_has_prefix (facts, "The resolver can be trusted: "));
}

/* Only the checks that ask the resolver call for the resolver check, which no
 * `--checks` word names (contract.md fixes the list). */
static void
test_resolver_check_selection (void)
{
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (NULL, 10000);
  g_autoptr (CaTestCheck) hello = g_object_new (CA_TYPE_TEST_CHECK, NULL);
  CaCheck *resolver_check = CA_CHECK (ca_diagnosis_get_resolver_check (diagnosis));
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) json = NULL;

  g_assert_nonnull (ca_diagnosis_add_name (diagnosis, "good.example", NULL, NULL));
  ca_diagnosis_add_check (diagnosis, CA_CHECK (hello));
  g_assert_true (ca_diagnosis_is_selected (diagnosis, resolver_check));
  g_assert_false (ca_diagnosis_select_checks (diagnosis, "resolver", &error));
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_suffix (error->message, "choose from mail, caa, hello."));
  g_assert_true (ca_diagnosis_select_checks (diagnosis, "hello", NULL));
  g_assert_false (ca_diagnosis_is_selected (diagnosis, resolver_check));
  run (diagnosis);
  g_assert_cmpint (ca_check_get_state (resolver_check), ==, CA_CHECK_STATE_PENDING);
  json = ca_diagnosis_to_json (diagnosis);
  g_assert_true (json_object_get_null_member (json_node_get_object (json), "resolver"));
  g_assert_true (ca_diagnosis_select_checks (diagnosis, "caa", NULL));
  g_assert_true (ca_diagnosis_is_selected (diagnosis, resolver_check));
}

/* An approval domain that does not exist is dns_name_not_public, never no_mx;
 * a www that was never created, under a domain that exists, is no obstacle. */
static void
test_nxdomain_is_not_nodata (void)
{
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (NULL, 10000);
  static const char * const names[] = { "gone.example", "www.parent-mx.example", NULL };
  GListModel *findings;

  add_names (diagnosis, names);
  run (diagnosis);
  g_assert_true (has_finding (diagnosis, "dns_name_not_public", "gone.example"));
  g_assert_false (has_finding (diagnosis, "no_mx", "gone.example"));
  findings = ca_diagnosis_get_findings (diagnosis);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (ca_finding_get_name (finding), "www.parent-mx.example") == 0)
        g_assert_cmpstr (ca_finding_get_id_string (finding), ==, "invalid_public_domain");
    }
}

/* Validated against the system's root key, the unsigned fixture fails DNSSEC
 * at the root: the resolver's path drops DNSSEC data, and the domain's DS and
 * DNSKEY are never blamed for it. */
static void
test_root_bogus (void)
{
  const char *forwarders[] = { ca_test_unbound_get_server (server), NULL };
  g_autoptr (CaDnsResolver) resolver = NULL;
  g_autoptr (CaDiagnosis) diagnosis = NULL;
  static const char * const names[] = { "nullmx.example", NULL };

  if (!g_file_test ("/usr/share/dns/root.key", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no root trust anchor (Debian package dns-root-data)");
      return;
    }

  resolver = ca_dns_resolver_new (forwarders, TRUE, 10000);
  diagnosis = ca_diagnosis_new (resolver);
  add_names (diagnosis, names);
  g_assert_true (ca_diagnosis_select_checks (diagnosis, "mail,caa", NULL));
  run (diagnosis);
  assert_no_dns_verdict (diagnosis);
  g_assert_nonnull (strstr (ca_finding_get_message (find_finding (diagnosis, "dns_resolver_unreliable")),
                            "failed DNSSEC validation"));
  g_assert_false (has_finding (diagnosis, "dnssec_bogus", "nullmx.example"));
}

/* The root validates (no anchor covers it: insecure), the domain does not
 * (an anchor for .example, which the fixtures do not sign): dnssec_bogus, the
 * bogus MX data still shown, and the bogus CAA answer a failed lookup. */
static void
test_dnssec_bogus (void)
{
  g_autoptr (CaDnsResolver) resolver = ca_test_unbound_create_anchored_resolver (server, "example-anchor.ds");
  g_autoptr (CaDiagnosis) diagnosis = ca_diagnosis_new (resolver);
  static const char * const names[] = { "nullmx.example", NULL };
  CaNameReport *report;
  g_autofree char *facts = NULL;

  add_names (diagnosis, names);
  g_assert_true (ca_diagnosis_select_checks (diagnosis, "mail,caa", NULL));
  run (diagnosis);
  g_assert_false (has_finding (diagnosis, "dns_resolver_unreliable", NULL));
  g_assert_true (has_finding (diagnosis, "dnssec_bogus", "nullmx.example"));
  g_assert_true (has_finding (diagnosis, "null_mx", "nullmx.example"));
  g_assert_true (has_finding (diagnosis, "caa_lookup_failed", "nullmx.example"));
  report = ca_diagnosis_find_name (diagnosis, "nullmx.example");
  facts = describe_check (CA_CHECK (ca_name_report_get_mail (report)));
  g_assert_nonnull (strstr (facts, "These answers failed DNSSEC validation: "));
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_cancel (void)
{
  g_autoptr (CaTestBlackhole) hole = ca_test_blackhole_new ();
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (ca_test_blackhole_get_server (hole), 60000);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  static const char * const names[] = { "www.good.example", "a.b.c.nullmx.example", NULL };
  guint running_changes = 0;
  Result r = { 0 };

  add_names (diagnosis, names);
  g_signal_connect (diagnosis, "notify::running", G_CALLBACK (count_cb), &running_changes);
  ca_diagnosis_run_async (diagnosis, cancellable, run_cb, &r);
  g_assert_true (ca_diagnosis_get_running (diagnosis));
  g_idle_add (cancel_cb, cancellable);
  ca_test_wait_for (&r.done);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
  g_assert_false (ca_diagnosis_get_running (diagnosis));
  g_assert_cmpuint (running_changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (ca_diagnosis_get_findings (diagnosis)), ==, 0);
}

static void
warm_up_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Result *r = user_data;

  ca_views_check_warm_up_finish (CA_VIEWS_CHECK (object), result, &r->error);
  r->done = TRUE;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CaDnsAnswer **answer = user_data;

  *answer = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, NULL);
}

/* Asks @resolver, and returns how many records of @type @name has in its answer. */
static guint
count_records (CaDnsResolver *resolver,
               const char    *name,
               CaDnsType      type)
{
  g_autoptr (CaDnsAnswer) answer = NULL;

  ca_dns_resolver_lookup_async (resolver, name, type, NULL, lookup_cb, &answer);
  while (answer == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (ca_dns_answer_get_rcode (answer), ==, CA_DNS_RCODE_NOERROR);
  return ca_dns_answer_get_records (answer)->len;
}

/* While the resolver checks run, each view is asked the questions of the
 * first round (ca_views_check_warm_up_async()), and as their answers come,
 * those of the second (the MX hosts' addresses, the addresses of the servers
 * of the zones above the name), so that the checks find the answers in the
 * resolver's cache: a record changed afterwards is still answered as it was
 * when the warm-up asked. */
static void
test_warm_up (void)
{
  CaTestUnbound *changing = ca_test_unbound_start_with_control ();
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (ca_test_unbound_get_server (changing), 5000);
  CaDnsResolver *resolver = ca_diagnosis_get_resolver (diagnosis);
  g_autoptr (GError) error = NULL;
  CaNameReport *report;
  Result        r = { 0 };

  ca_test_unbound_add_local_data (changing, "www.warm-up.example. 300 IN CAA 0 issue \"amazon.com\"");
  ca_test_unbound_add_local_data (changing, "warm-up.example. 300 IN MX 10 mail.warm-up.example.");
  ca_test_unbound_add_local_data (changing, "mail.warm-up.example. 300 IN A 192.0.2.25");
  ca_test_unbound_add_local_data (changing, "warm-up.example. 300 IN NS ns.warm-up-host.example.");
  ca_test_unbound_add_local_data (changing, "ns.warm-up-host.example. 300 IN A 192.0.2.53");
  report = ca_diagnosis_add_name (diagnosis, "www.warm-up.example", NULL, &error);
  g_assert_no_error (error);
  ca_views_check_warm_up_async (ca_name_report_get_views (report), diagnosis, resolver, NULL, warm_up_cb, &r);
  ca_test_wait_for (&r.done);
  g_assert_no_error (r.error);

  ca_test_unbound_remove_local_data (changing, "www.warm-up.example");
  ca_test_unbound_remove_local_data (changing, "mail.warm-up.example");
  ca_test_unbound_remove_local_data (changing, "ns.warm-up-host.example");
  g_assert_cmpuint (count_records (resolver, "www.warm-up.example", CA_DNS_TYPE_CAA), ==, 1);
  g_assert_cmpuint (count_records (resolver, "mail.warm-up.example", CA_DNS_TYPE_A), ==, 1);
  g_assert_cmpuint (count_records (resolver, "ns.warm-up-host.example", CA_DNS_TYPE_A), ==, 1);
  ca_test_unbound_stop (changing);
}

static void
silent_lookup_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  G_GNUC_UNUSED g_autoptr (CaDnsAnswer) answer = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, NULL);
  gboolean *done = user_data;

  *done = TRUE;
}

/* A warm-up asks what the checks may ask; once every check has landed, the run
 * ends without waiting for the rest. Here the warm-up asks for the validation
 * record, which only the unselected certificate check would ask, of a zone
 * whose server never answers, and so does the test beside it: libunbound gives
 * up on both at once, seconds later, so a run that waited for its warm-up
 * would end after the test's own question. */
static void
test_warm_up_not_waited_for (void)
{
  CaTestUnbound *changing = ca_test_unbound_start_with_control ();
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (ca_test_unbound_get_server (changing), 600000);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GSubprocess) control = NULL;
  g_autoptr (GError) error = NULL;
  gboolean silent_done = FALSE;
  CaNameReport *report;

  control = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, "/usr/sbin/unbound-control", "-c",
                              ca_test_unbound_get_config_path (changing), "local_zone", "silent.example", "deny", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (control, NULL, &error));
  g_assert_no_error (error);
  report = ca_diagnosis_add_name (diagnosis, "www.good.example", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ca_diagnosis_set_validation_record (diagnosis, "www.good.example", "_0123abcd.silent.example",
                                                     "_4567cdef.abcdefghij.acm-validations.aws"));
  g_assert_true (ca_diagnosis_select_checks (diagnosis, "mail", NULL));

  ca_dns_resolver_lookup_async (ca_diagnosis_get_resolver (diagnosis), "_0123abcd.silent.example", CA_DNS_TYPE_CNAME,
                                cancellable, silent_lookup_cb, &silent_done);
  run (diagnosis);
  g_assert_cmpint (ca_check_get_state (CA_CHECK (ca_name_report_get_mail (report))), ==, CA_CHECK_STATE_DONE);
  g_assert_false (silent_done);

  g_cancellable_cancel (cancellable);
  ca_test_wait_for (&silent_done);
  ca_test_unbound_stop (changing);
}

int
main (int    argc,
      char **argv)
{
  int status;

  ca_test_init (&argc, &argv);
  server = ca_test_unbound_start ();

  g_test_add_func ("/diagnosis/many-names", test_many_names);
  g_test_add_func ("/diagnosis/validation-record", test_validation_record);
  g_test_add_func ("/diagnosis/invalid-input", test_invalid_input);
  g_test_add_func ("/diagnosis/select-checks", test_select_checks);
  g_test_add_func ("/diagnosis/checks-subset", test_checks_subset);
  g_test_add_func ("/diagnosis/json", test_json);
  g_test_add_func ("/diagnosis/added-check", test_added_check);
  g_test_add_func ("/diagnosis/json-validation-record", test_json_validation_record);
  g_test_add_func ("/diagnosis/json-validation-record-lookup-failed", test_json_validation_record_lookup_failed);
  g_test_add_func ("/diagnosis/dead-server", test_dead_server);
  g_test_add_func ("/diagnosis/resolver/nxdomain-for-everything", test_nxdomain_resolver);
  g_test_add_func ("/diagnosis/resolver/tld-denied", test_tld_denied);
  g_test_add_func ("/diagnosis/resolver/root-bogus", test_root_bogus);
  g_test_add_func ("/diagnosis/resolver/selection", test_resolver_check_selection);
  g_test_add_func ("/diagnosis/nxdomain-is-not-nodata", test_nxdomain_is_not_nodata);
  g_test_add_func ("/diagnosis/dnssec-bogus", test_dnssec_bogus);
  g_test_add_func ("/diagnosis/cancel", test_cancel);
  g_test_add_func ("/diagnosis/warm-up", test_warm_up);
  g_test_add_func ("/diagnosis/warm-up-not-waited-for", test_warm_up_not_waited_for);

  status = g_test_run ();
  ca_test_unbound_stop (server);
  return status;
}
