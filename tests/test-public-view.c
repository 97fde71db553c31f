/* test-public-view.c: the public view of DNS against a signed hierarchy on loopback
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ca-delegation-check.h"
#include "ca-session.h"
#include "ca-test-hierarchy.h"
#include "ca-test-unbound.h"
#include "ca-test-util.h"

#define RECORD_VALUE "_4567cdef.abcdefghij.acm-validations.aws"

static CaTestHierarchy *lab;
static char *skip_reason;
/* The zones whose delegation was asked of a parent's servers, once per referral that named servers. */
static GPtrArray *referrals;

/* The lab's cases, diagnosed once: each test reads its part (tests/zones/lab/). */
static const char * const lab_names[] = {
  "split.example", "ns-mismatch.example", "ns-partial.example", "proxied.example",
  "tld-caa.caatld", "bogus-ds.example", "gone.example", "good.example", "*.good.example",
  "www.proxied.example", "lame.example", NULL
};
static CaDiagnosis *lab_diagnosis;

static gboolean
skip_without_lab (void)
{
  if (lab != NULL)
    return FALSE;
  g_test_skip (skip_reason);
  return TRUE;
}

/* A session as `diagnose --dns-server LOCAL --root-hints … --trust-anchor …` makes it. */
static CaSession *
create_session (const char *local_server)
{
  CaSession *session = ca_session_new ();
  const char *servers[] = { local_server, NULL };

  if (local_server != NULL)
    ca_session_set_dns_servers (session, servers);
  ca_session_set_root_hints (session, ca_test_hierarchy_get_root_hints (lab));
  ca_session_set_trust_anchor (session, ca_test_hierarchy_get_trust_anchor (lab));
  ca_session_set_timeout (session, 5);
  return session;
}

static CaDiagnosis *
run_diagnosis (CaSession          *session,
               const char * const *names)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  CaDiagnosis *diagnosis;

  diagnosis = ca_session_create_diagnosis (session, names, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Registration data is not DNS, and its servers are not on this machine. */
  g_assert_true (ca_diagnosis_select_checks (diagnosis, "mail,caa,certificate", NULL));
  if (ca_diagnosis_find_name (diagnosis, "split.example") != NULL)
    ca_diagnosis_set_validation_record (diagnosis, "split.example", "_0123abcd.split.example", RECORD_VALUE);
  if (ca_diagnosis_find_name (diagnosis, "proxied.example") != NULL)
    ca_diagnosis_set_validation_record (diagnosis, "proxied.example", "_0123abcd.proxied.example", RECORD_VALUE);
  if (ca_diagnosis_find_name (diagnosis, "*.good.example") != NULL)
    {
      ca_diagnosis_set_validation_record (diagnosis, "good.example", "_0123abcd.good.example", RECORD_VALUE);
      ca_diagnosis_set_validation_record (diagnosis, "*.good.example", "_0123abcd.good.example", RECORD_VALUE);
    }
  ca_diagnosis_run_async (diagnosis, NULL, ca_test_store_result_cb, &result);
  g_assert_true (ca_diagnosis_run_finish (diagnosis, ca_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  return g_object_ref (diagnosis);
}

static CaDiagnosis *
get_lab_diagnosis (void)
{
  if (lab_diagnosis == NULL)
    {
      g_autoptr (CaSession) session = create_session (ca_test_hierarchy_get_split_server (lab));

      g_assert_cmpint (ca_session_get_effective_view (session), ==, CA_DNS_VIEW_BOTH);
      lab_diagnosis = run_diagnosis (session, lab_names);
    }
  return lab_diagnosis;
}

static CaFinding *
find_finding (CaDiagnosis *diagnosis,
              const char  *id,
              const char  *name)
{
  GListModel *findings = ca_diagnosis_get_findings (diagnosis);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (ca_finding_get_id_string (finding), id) && g_strcmp0 (ca_finding_get_name (finding), name) == 0)
        return finding;
    }
  return NULL;
}

static gboolean
has_finding (CaDiagnosis *diagnosis,
             const char  *id,
             const char  *name)
{
  return find_finding (diagnosis, id, name) != NULL;
}

/* The ids of the findings about @name, sorted and joined by spaces. */
static char *
finding_ids (CaDiagnosis *diagnosis,
             const char  *name)
{
  GListModel *findings = ca_diagnosis_get_findings (diagnosis);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (ca_finding_get_name (finding), name) == 0)
        g_ptr_array_add (ids, g_steal_pointer (&finding));
    }
  return ca_test_finding_ids (ids);
}

static JsonObject *
find_json_name (JsonNode   *json,
                const char *name)
{
  JsonArray *names = json_object_get_array_member (json_node_get_object (json), "names");

  for (guint i = 0; i < json_array_get_length (names); i++)
    {
      JsonObject *object = json_array_get_object_element (names, i);

      if (g_str_equal (json_object_get_string_member (object, "name"), name))
        return object;
    }
  g_error ("no entry for %s", name);
}

static char *
join_json_strings (JsonArray *array)
{
  g_autoptr (GPtrArray) values = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (values, (gpointer) json_array_get_string_element (array, i));
  g_ptr_array_add (values, NULL);
  return g_strjoinv (" ", (char **) values->pdata);
}

/* The difference of @record at @owner, as "local | public". */
static char *
find_difference (JsonObject *name,
                 const char *record,
                 const char *owner)
{
  JsonArray *differences = json_object_get_array_member (name, "differences");

  for (guint i = 0; i < json_array_get_length (differences); i++)
    {
      JsonObject *difference = json_array_get_object_element (differences, i);
      g_autofree char *local = NULL;
      g_autofree char *public_values = NULL;

      if (!g_str_equal (json_object_get_string_member (difference, "record"), record) ||
          !g_str_equal (json_object_get_string_member (difference, "owner"), owner))
        continue;
      local = join_json_strings (json_object_get_array_member (difference, "local"));
      public_values = join_json_strings (json_object_get_array_member (difference, "public"));
      return g_strdup_printf ("%s | %s", local, public_values);
    }
  return NULL;
}

/* The company resolver says split.example has another MX and the validation
 * record; the CA sees neither: the public view decides, the difference is a warning. */
static void
test_split_horizon (void)
{
  CaDiagnosis *diagnosis;
  CaNameReport *report;
  g_autoptr (CaMailHost) host = NULL;
  g_autoptr (JsonNode) json = NULL;
  g_autofree char *mx = NULL;
  g_autofree char *cname = NULL;
  g_autofree char *views = NULL;
  JsonObject *name;

  if (skip_without_lab ())
    return;
  diagnosis = get_lab_diagnosis ();
  g_assert_cmpint (ca_diagnosis_get_deciding_view (diagnosis), ==, CA_DNS_VIEW_PUBLIC);
  report = ca_diagnosis_find_name (diagnosis, "split.example");
  host = g_list_model_get_item (ca_mail_report_get_hosts (ca_name_report_get_mail (report)), 0);
  g_assert_cmpstr (ca_mail_host_get_host (host), ==, "mx.split.example");
  g_assert_cmpint (ca_validation_record_get_state (ca_name_report_get_validation_record (report)), ==,
                   CA_VALIDATION_RECORD_MISSING);
  g_assert_true (has_finding (diagnosis, "dns_record_missing", "split.example"));
  g_assert_true (has_finding (diagnosis, "dns_views_differ", "split.example"));
  g_assert_cmpint (ca_finding_get_severity (find_finding (diagnosis, "dns_views_differ", "split.example")), ==,
                   CA_SEVERITY_WARNING);
  g_assert_nonnull (strstr (ca_finding_get_message (find_finding (diagnosis, "dns_views_differ", "split.example")),
                            "the public DNS, which the certificate authority asks"));

  json = ca_diagnosis_to_json (diagnosis);
  views = join_json_strings (json_object_get_array_member (json_node_get_object (json), "views"));
  g_assert_cmpstr (views, ==, "local public");
  name = find_json_name (json, "split.example");
  mx = find_difference (name, "MX", "split.example");
  g_assert_cmpstr (mx, ==, "10 internal-mx.split.example | 10 mx.split.example");
  cname = find_difference (name, "CNAME", "_0123abcd.split.example");
  g_assert_cmpstr (cname, ==, RECORD_VALUE " | NXDOMAIN");
  /* A TLD the lab's root delegates counts as public (contract.md). */
  g_assert_false (has_finding (diagnosis, "invalid_public_domain", "split.example"));
}

/* The parent delegates to the old provider, whose copy names only the new one. */
static void
test_ns_mismatch (void)
{
  CaDiagnosis *diagnosis;
  g_autoptr (JsonNode) json = NULL;
  g_autofree char *parent_ns = NULL;
  g_autofree char *zone_ns = NULL;
  CaFinding *finding;
  JsonObject *delegation;

  if (skip_without_lab ())
    return;
  diagnosis = get_lab_diagnosis ();
  finding = find_finding (diagnosis, "dns_ns_mismatch", "ns-mismatch.example");
  g_assert_nonnull (finding);
  g_assert_cmpint (ca_finding_get_severity (finding), ==, CA_SEVERITY_ERROR);
  g_assert_cmpstr (ca_finding_get_message (finding), ==,
                   "example delegates ns-mismatch.example to old.dns-host.example, but the zone itself lists "
                   "new.dns-host.example: no server in common. The world sees the zone at the delegated servers; "
                   "a copy edited elsewhere is never seen.");
  g_assert_false (has_finding (diagnosis, "dns_ns_inconsistent", "ns-mismatch.example"));

  json = ca_diagnosis_to_json (diagnosis);
  delegation = json_object_get_object_member (find_json_name (json, "ns-mismatch.example"), "delegation");
  g_assert_cmpstr (json_object_get_string_member (delegation, "zone"), ==, "ns-mismatch.example");
  parent_ns = join_json_strings (json_object_get_array_member (delegation, "parent_ns"));
  zone_ns = join_json_strings (json_object_get_array_member (delegation, "zone_ns"));
  g_assert_cmpstr (parent_ns, ==, "old.dns-host.example");
  g_assert_cmpstr (zone_ns, ==, "new.dns-host.example");
  g_assert_false (json_object_get_boolean_member (delegation, "matches"));
}

/* Delegated to servers that refuse the zone: nothing in it is seen, whatever was edited. */
static void
test_lame_delegation (void)
{
  CaDiagnosis *diagnosis;
  CaFinding *finding;
  CaDelegationCheck *delegation;

  if (skip_without_lab ())
    return;
  diagnosis = get_lab_diagnosis ();
  finding = find_finding (diagnosis, "dns_ns_mismatch", "lame.example");
  g_assert_nonnull (finding);
  g_assert_cmpstr (ca_finding_get_message (finding), ==,
                   "example delegates lame.example to old.dns-host.example, but these servers do not answer for it "
                   "(SERVFAIL): the zone is not served where the domain is delegated, so no record in it is seen.");
  delegation = ca_name_report_get_delegation (ca_diagnosis_find_name (diagnosis, "lame.example"));
  g_assert_cmpstr (ca_delegation_check_get_zone (delegation), ==, "lame.example");
  g_assert_null (ca_delegation_check_get_zone_ns (delegation)[0]);
}

/* The zone lists ns1 and ns3, the delegation ns1 and ns2. */
static void
test_ns_inconsistent (void)
{
  CaDiagnosis *diagnosis;
  CaDelegationCheck *delegation;

  if (skip_without_lab ())
    return;
  diagnosis = get_lab_diagnosis ();
  g_assert_true (has_finding (diagnosis, "dns_ns_inconsistent", "ns-partial.example"));
  g_assert_false (has_finding (diagnosis, "dns_ns_mismatch", "ns-partial.example"));
  delegation = ca_name_report_get_delegation (ca_diagnosis_find_name (diagnosis, "ns-partial.example"));
  g_assert_cmpstr (ca_delegation_check_get_parent (delegation), ==, "example");
  g_assert_cmpstr (ca_delegation_check_get_parent_ns (delegation)[1], ==, "ns2.dns-host.example");
  g_assert_cmpstr (ca_delegation_check_get_zone_ns (delegation)[1], ==, "ns3.dns-host.example");
  g_assert_false (ca_delegation_check_get_matches (delegation));
}

/* A healthy signed domain: nothing to say, delegation and views agree; a www
 * that was never created under it is no obstacle at all. */
static void
test_good (void)
{
  CaDiagnosis *diagnosis;
  g_autoptr (JsonNode) json = NULL;
  g_autofree char *good = NULL;
  g_autofree char *www = NULL;
  JsonObject *name;

  if (skip_without_lab ())
    return;
  diagnosis = get_lab_diagnosis ();
  good = finding_ids (diagnosis, "good.example");
  g_assert_cmpstr (good, ==, "");
  www = finding_ids (diagnosis, "www.proxied.example");
  g_assert_cmpstr (www, ==, "");
  g_assert_true (ca_delegation_check_get_matches (ca_name_report_get_delegation (ca_diagnosis_find_name (diagnosis, "good.example"))));

  json = ca_diagnosis_to_json (diagnosis);
  name = find_json_name (json, "good.example");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (name, "differences")), ==, 0);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (name, "delegation"), "matches"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (name, "validation_record"), "state"),
                   ==, "published");
}

/* A name and its wildcard share the record: said once, as information. */
static void
test_shared_record (void)
{
  CaDiagnosis *diagnosis;
  CaFinding *finding;

  if (skip_without_lab ())
    return;
  diagnosis = get_lab_diagnosis ();
  finding = find_finding (diagnosis, "dns_validation_record_shared", "*.good.example");
  g_assert_nonnull (finding);
  g_assert_cmpint (ca_finding_get_severity (finding), ==, CA_SEVERITY_INFO);
  g_assert_cmpstr (ca_finding_get_message (finding), ==,
                   "*.good.example and good.example need the same validation record, _0123abcd.good.example: "
                   "publish it once, and it validates both.");
  g_assert_false (has_finding (diagnosis, "dns_validation_record_shared", "good.example"));
}

/* The validation name answers with addresses: a proxy flattened the CNAME. */
static void
test_proxied (void)
{
  CaDiagnosis *diagnosis;
  CaValidationRecord *record;
  CaFinding *finding;

  if (skip_without_lab ())
    return;
  diagnosis = get_lab_diagnosis ();
  record = ca_name_report_get_validation_record (ca_diagnosis_find_name (diagnosis, "proxied.example"));
  g_assert_cmpint (ca_validation_record_get_state (record), ==, CA_VALIDATION_RECORD_PROXIED);
  finding = find_finding (diagnosis, "dns_validation_record_proxied", "proxied.example");
  g_assert_nonnull (finding);
  g_assert_cmpint (ca_finding_get_severity (finding), ==, CA_SEVERITY_ERROR);
  g_assert_nonnull (strstr (ca_finding_get_message (finding), "198.51.100.7"));
  g_assert_false (has_finding (diagnosis, "dns_record_missing", "proxied.example"));
}

/* RFC 8659 §3 climbs up to the TLD: caatld's own CAA set forbids Amazon. */
static void
test_tld_caa (void)
{
  CaDiagnosis *diagnosis;
  CaCaaReport *caa;

  if (skip_without_lab ())
    return;
  diagnosis = get_lab_diagnosis ();
  caa = ca_name_report_get_caa (ca_diagnosis_find_name (diagnosis, "tld-caa.caatld"));
  g_assert_cmpstr (ca_caa_report_get_relevant_domain (caa), ==, "caatld");
  g_assert_true (has_finding (diagnosis, "caa_forbids_amazon", "tld-caa.caatld"));
  g_assert_false (has_finding (diagnosis, "invalid_public_domain", "tld-caa.caatld"));
}

/* The parent's DS matches no key of the zone: the public view finds every answer bogus. */
static void
test_bogus_ds (void)
{
  CaDiagnosis *diagnosis;

  if (skip_without_lab ())
    return;
  diagnosis = get_lab_diagnosis ();
  g_assert_true (has_finding (diagnosis, "dnssec_bogus", "bogus-ds.example"));
  g_assert_true (has_finding (diagnosis, "caa_lookup_failed", "bogus-ds.example"));
  g_assert_false (has_finding (diagnosis, "dns_resolver_unreliable", NULL));
  g_assert_false (has_finding (diagnosis, "dnssec_bogus", "good.example"));
}

/* An approval domain that does not exist in public DNS is not "no MX". */
static void
test_nxdomain (void)
{
  CaDiagnosis *diagnosis;
  g_autofree char *ids = NULL;

  if (skip_without_lab ())
    return;
  diagnosis = get_lab_diagnosis ();
  ids = finding_ids (diagnosis, "gone.example");
  g_assert_cmpstr (ids, ==, "dns_name_not_public");
  g_assert_cmpstr (ca_delegation_check_get_zone (ca_name_report_get_delegation (ca_diagnosis_find_name (diagnosis, "gone.example"))),
                   ==, "example");
}

/* The resolver in use answers NXDOMAIN for everything: it is said to be
 * unreliable, and every verdict comes from the public view, none from it. */
static void
test_broken_resolver (void)
{
  g_autoptr (CaTestUnbound) liar = NULL;
  g_autoptr (CaSession) session = NULL;
  g_autoptr (CaDiagnosis) diagnosis = NULL;
  g_autoptr (JsonNode) json = NULL;
  g_autofree char *views = NULL;
  g_autofree char *good = NULL;
  static const char * const names[] = { "good.example", "split.example", "gone.example", NULL };
  CaFinding *finding;

  if (skip_without_lab ())
    return;
  liar = ca_test_unbound_start_nxdomain ();
  session = create_session (ca_test_unbound_get_server (liar));
  diagnosis = run_diagnosis (session, names);

  finding = find_finding (diagnosis, "dns_resolver_unreliable", NULL);
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (ca_finding_get_message (finding), "answered NXDOMAIN when asked for the root zone"));
  g_assert_cmpint (ca_diagnosis_get_deciding_view (diagnosis), ==, CA_DNS_VIEW_PUBLIC);
  g_assert_null (ca_diagnosis_get_lookup_failure (diagnosis));
  good = finding_ids (diagnosis, "good.example");
  g_assert_cmpstr (good, ==, "");
  g_assert_true (has_finding (diagnosis, "dns_name_not_public", "gone.example"));
  g_assert_false (has_finding (diagnosis, "dns_views_differ", "split.example"));
  g_assert_false (has_finding (diagnosis, "no_mx", "split.example"));

  json = ca_diagnosis_to_json (diagnosis);
  views = join_json_strings (json_object_get_array_member (json_node_get_object (json), "views"));
  g_assert_cmpstr (views, ==, "public");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (find_json_name (json, "split.example"), "differences")), ==, 0);
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (json_node_get_object (json), "resolver"), "reliable"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (json_node_get_object (json), "public_resolver"), "reliable"));
}

/* --view public: no local resolver at all, the verdicts as the CA sees them. */
static void
test_public_only (void)
{
  g_autoptr (CaSession) session = NULL;
  g_autoptr (CaDiagnosis) diagnosis = NULL;
  static const char * const names[] = { "split.example", NULL };
  CaNameReport *report;
  g_autoptr (CaMailHost) host = NULL;

  if (skip_without_lab ())
    return;
  session = create_session (NULL);
  ca_session_set_view (session, CA_DNS_VIEW_PUBLIC);
  diagnosis = run_diagnosis (session, names);
  g_assert_null (ca_diagnosis_get_view_resolver (diagnosis, CA_DNS_VIEW_LOCAL));
  g_assert_true (ca_diagnosis_get_view_answered (diagnosis, CA_DNS_VIEW_PUBLIC));
  report = ca_diagnosis_find_name (diagnosis, "split.example");
  host = g_list_model_get_item (ca_mail_report_get_hosts (ca_name_report_get_mail (report)), 0);
  g_assert_cmpstr (ca_mail_host_get_host (host), ==, "mx.split.example");
  g_assert_false (has_finding (diagnosis, "dns_views_differ", "split.example"));
}

/* Cancelled at any point (resolver checks, lookups, referrals), a run ends
 * cancelled or done, and leaves nothing behind. */
static void
test_cancel (void)
{
  static const guint delays_ms[] = { 0, 3, 8, 15, 30, 60 };

  if (skip_without_lab ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (delays_ms); i++)
    {
      g_autoptr (CaSession) session = create_session (ca_test_hierarchy_get_split_server (lab));
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GError) error = NULL;
      CaDiagnosis *diagnosis;

      diagnosis = ca_session_create_diagnosis (session, lab_names, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      ca_diagnosis_run_async (diagnosis, cancellable, ca_test_store_result_cb, &result);
      ca_test_cancel_later (cancellable, delays_ms[i]);
      if (!ca_diagnosis_run_finish (diagnosis, ca_test_wait_for_result (&result), &error))
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_false (ca_diagnosis_get_running (diagnosis));
    }
}

/* Notes each zone whose referral a delegation check got (ca-dns-query.c's debug line), and keeps those lines out of the log. */
static GLogWriterOutput
count_referrals_writer (GLogLevelFlags   log_level,
                        const GLogField *fields,
                        gsize            n_fields,
                        gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;
  char zone[256];

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      domain = fields[i].value;
    else if (g_str_equal (fields[i].key, "MESSAGE"))
      message = fields[i].value;
  if (g_strcmp0 (domain, "CaDnsQuery") == 0 && message != NULL &&
      sscanf (message, "delegation of %255s answered", zone) == 1)
    {
      g_ptr_array_add (referrals, g_strdup (zone));
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static char *
check_delegation (CaDnsResolver *resolver,
                  const char    *name)
{
  g_autoptr (CaDelegationCheck) check = ca_delegation_check_new (name);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *parent_ns = NULL;
  g_autofree char *asked = NULL;

  g_ptr_array_set_size (referrals, 0);
  ca_delegation_check_run_in_view_async (check, resolver, NULL, ca_test_store_result_cb, &result);
  g_assert_true (ca_delegation_check_run_in_view_finish (check, ca_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_null (ca_delegation_check_get_error (check));
  parent_ns = g_strjoinv (" ", (char **) ca_delegation_check_get_parent_ns (check));
  g_ptr_array_add (referrals, NULL);
  asked = g_strjoinv (" ", (char **) referrals->pdata);
  return g_strdup_printf ("%s in %s: %s; asked %s", ca_delegation_check_get_zone (check),
                          ca_delegation_check_get_parent (check), parent_ns, asked);
}

/* The parent zone's servers are asked once per check, about the zone the walk
 * down found: the zone of www.good.example is good.example, asked of example's
 * servers; ns.nic.example lives in the TLD's own zone, whose parent is the root. */
static void
test_delegation_referral (void)
{
  g_autoptr (CaSession) session = NULL;
  g_autoptr (CaDnsResolver) resolver = NULL;
  g_autofree char *www = NULL;
  g_autofree char *mismatch = NULL;
  g_autofree char *in_tld = NULL;

  if (skip_without_lab ())
    return;
  session = create_session (NULL);
  resolver = ca_session_create_public_resolver (session);
  www = check_delegation (resolver, "www.good.example");
  g_assert_cmpstr (www, ==, "good.example in example: ns1.dns-host.example ns2.dns-host.example; asked good.example");
  mismatch = check_delegation (resolver, "ns-mismatch.example");
  g_assert_cmpstr (mismatch, ==, "ns-mismatch.example in example: old.dns-host.example; asked ns-mismatch.example");
  in_tld = check_delegation (resolver, "ns.nic.example");
  g_assert_cmpstr (in_tld, ==, "example in .: ns.nic.example; asked example");
}

/* The default view: both, but only the local one for a forwarder-only setup. */
static void
test_effective_view (void)
{
  g_autoptr (CaSession) session = ca_session_new ();
  const char *servers[] = { "127.0.0.1@5353", NULL };

  g_assert_cmpint (ca_session_get_view (session), ==, CA_DNS_VIEW_AUTO);
  g_assert_cmpint (ca_session_get_effective_view (session), ==, CA_DNS_VIEW_BOTH);
  ca_session_set_dns_servers (session, servers);
  g_assert_cmpint (ca_session_get_effective_view (session), ==, CA_DNS_VIEW_LOCAL);
  ca_session_set_root_hints (session, "/nonexistent/root.hints");
  g_assert_cmpint (ca_session_get_effective_view (session), ==, CA_DNS_VIEW_BOTH);
  ca_session_set_root_hints (session, NULL);
  g_object_set (session, "view", CA_DNS_VIEW_BOTH, NULL);
  g_assert_cmpint (ca_session_get_effective_view (session), ==, CA_DNS_VIEW_BOTH);
}

int
main (int    argc,
      char **argv)
{
  int status;

  ca_test_init (&argc, &argv);
  /* Debug lines are formatted only when enabled; the writer keeps the referrals' out of the log. */
  g_setenv ("G_MESSAGES_DEBUG", "CaDnsQuery", TRUE);
  g_log_writer_default_set_use_stderr (TRUE);
  g_log_set_writer_func (count_referrals_writer, NULL, NULL);
  referrals = g_ptr_array_new_with_free_func (g_free);
  lab = ca_test_hierarchy_start (&skip_reason);

  g_test_add_func ("/public-view/effective-view", test_effective_view);
  g_test_add_func ("/public-view/split-horizon", test_split_horizon);
  g_test_add_func ("/public-view/ns-mismatch", test_ns_mismatch);
  g_test_add_func ("/public-view/lame-delegation", test_lame_delegation);
  g_test_add_func ("/public-view/ns-inconsistent", test_ns_inconsistent);
  g_test_add_func ("/public-view/good", test_good);
  g_test_add_func ("/public-view/shared-record", test_shared_record);
  g_test_add_func ("/public-view/proxied", test_proxied);
  g_test_add_func ("/public-view/tld-caa", test_tld_caa);
  g_test_add_func ("/public-view/bogus-ds", test_bogus_ds);
  g_test_add_func ("/public-view/nxdomain", test_nxdomain);
  g_test_add_func ("/public-view/broken-resolver", test_broken_resolver);
  g_test_add_func ("/public-view/public-only", test_public_only);
  g_test_add_func ("/public-view/cancel", test_cancel);
  g_test_add_func ("/public-view/delegation-referral", test_delegation_referral);

  status = g_test_run ();
  g_clear_object (&lab_diagnosis);
  ca_test_hierarchy_stop (lab);
  g_free (skip_reason);
  g_ptr_array_unref (referrals);
  return status;
}
