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

  add_names (diagnosis, names);
  ca_diagnosis_add_check (diagnosis, CA_CHECK (hello));
  g_signal_connect (diagnosis, "check-done", G_CALLBACK (on_check_done_cb), landed);
  run (diagnosis);

  /* Two per name (mail, CAA), then ours. */
  g_assert_cmpuint (landed->len, ==, 5);
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

/* contract.md knows three states: a record nobody could look up is not published. */
static void
test_json_validation_record_lookup_failed (void)
{
  g_autoptr (CaTestBlackhole) hole = ca_test_blackhole_new ();
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (ca_test_blackhole_get_server (hole), 300);
  static const char * const names[] = { "valid.example", NULL };
  g_autoptr (JsonNode) json = NULL;
  JsonObject *record;

  add_names (diagnosis, names);
  ca_diagnosis_set_validation_record (diagnosis, "valid.example", "_0123abcd.valid.example.",
                                      "_4567cdef.abcdefghij.acm-validations.aws.");
  run (diagnosis);
  json = ca_diagnosis_to_json (diagnosis);
  record = get_validation_record_json (json, 0);

  g_assert_cmpstr (json_object_get_string_member (record, "state"), ==, "missing");
  g_assert_true (json_object_get_boolean_member (record, "lookup_failed"));
  g_assert_true (has_finding (diagnosis, "dns_record_lookup_failed", "valid.example"));
  g_assert_false (has_finding (diagnosis, "dns_record_missing", "valid.example"));
}

static void
test_dead_server (void)
{
  g_autoptr (CaTestBlackhole) hole = ca_test_blackhole_new ();
  g_autoptr (CaDiagnosis) diagnosis = new_diagnosis (ca_test_blackhole_get_server (hole), 300);
  static const char * const names[] = { "www.good.example", "nullmx.example", NULL };

  add_names (diagnosis, names);
  run (diagnosis);
  g_assert_true (has_finding (diagnosis, "mx_lookup_failed", "www.good.example"));
  g_assert_true (has_finding (diagnosis, "caa_lookup_failed", "nullmx.example"));
  g_assert_false (has_finding (diagnosis, "null_mx", "nullmx.example"));
}

static void
test_dnssec_bogus (void)
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

  /* Validated against the root anchor, the unsigned fixture is bogus; its data still counts. */
  resolver = ca_dns_resolver_new (forwarders, TRUE, 10000);
  diagnosis = ca_diagnosis_new (resolver);
  add_names (diagnosis, names);
  g_assert_true (ca_diagnosis_select_checks (diagnosis, "mail,caa", NULL));
  run (diagnosis);
  g_assert_true (has_finding (diagnosis, "dnssec_bogus", "nullmx.example"));
  g_assert_true (has_finding (diagnosis, "null_mx", "nullmx.example"));
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
  g_test_add_func ("/diagnosis/dnssec-bogus", test_dnssec_bogus);
  g_test_add_func ("/diagnosis/cancel", test_cancel);

  status = g_test_run ();
  ca_test_unbound_stop (server);
  return status;
}
