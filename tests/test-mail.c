/* test-mail.c: CaMailReport against a real unbound on 127.0.0.1
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ca-check.h"
#include "ca-error.h"
#include "ca-finding.h"
#include "ca-mail-report.h"
#include "ca-test-unbound.h"
#include "ca-test-util.h"

static CaTestUnbound *server;

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Result;

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Result *r = user_data;

  r->ok = ca_mail_report_run_finish (CA_MAIL_REPORT (object), result, &r->error);
  r->done = TRUE;
}

static CaMailReport *
run_with (const char   *forwarder,
          guint         timeout_ms,
          const char   *name,
          const char   *domain)
{
  const char *forwarders[] = { forwarder, NULL };
  g_autoptr (CaDnsResolver) resolver = ca_dns_resolver_new (forwarders, FALSE, timeout_ms);
  CaMailReport *report = ca_mail_report_new (name, domain);
  Result r = { 0 };

  ca_mail_report_run_async (report, resolver, NULL, run_cb, &r);
  ca_test_wait_for (&r.done);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  return report;
}

static CaMailReport *
run (const char *name,
     const char *domain)
{
  return run_with (ca_test_unbound_get_server (server), 10000, name, domain);
}

static CaMailHost *
get_host (CaMailReport *report,
          guint         i)
{
  CaMailHost *host = g_list_model_get_item (ca_mail_report_get_hosts (report), i);

  g_object_unref (host);
  return host;
}

/* The ids of the report's findings, in order, joined by spaces. */
static char *
finding_ids (CaMailReport *report)
{
  g_autoptr (GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GString) ids = g_string_new (NULL);

  ca_mail_report_add_findings (report, findings);
  for (guint i = 0; i < findings->len; i++)
    {
      CaFinding *finding = g_ptr_array_index (findings, i);

      g_assert_cmpstr (ca_finding_get_name (finding), ==, ca_mail_report_get_name (report));
      g_assert_cmpstr (ca_finding_get_message (finding), !=, "");
      g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "", ca_finding_get_id_string (finding));
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
assert_host (CaMailHost       *host,
             guint             preference,
             const char       *name,
             CaMailHostStatus  status,
             const char       *first_address)
{
  g_assert_cmpuint (ca_mail_host_get_preference (host), ==, preference);
  g_assert_cmpstr (ca_mail_host_get_host (host), ==, name);
  g_assert_cmpint (ca_mail_host_get_status (host), ==, status);
  g_assert_cmpstr (ca_mail_host_get_addresses (host)[0], ==, first_address);
}

static void
test_several_mx (void)
{
  g_autoptr (CaMailReport) report = run ("www.multi-mx.example", "multi-mx.example");
  g_autofree char *ids = finding_ids (report);
  const char * const *addresses;

  g_assert_cmpint (ca_mail_report_get_state (report), ==, CA_CHECK_STATE_DONE);
  g_assert_cmpuint (g_list_model_get_n_items (ca_mail_report_get_hosts (report)), ==, 4);
  /* By preference, then host; the server gave them out of order and in mixed case. */
  assert_host (get_host (report, 0), 10, "mxa.multi-mx.example", CA_MAIL_HOST_RESOLVED, "192.0.2.21");
  assert_host (get_host (report, 1), 10, "mxb.multi-mx.example", CA_MAIL_HOST_RESOLVED, "192.0.2.22");
  assert_host (get_host (report, 2), 20, "mx3.multi-mx.example", CA_MAIL_HOST_RESOLVED, "192.0.2.23");
  assert_host (get_host (report, 3), 30, "mx4.multi-mx.example", CA_MAIL_HOST_RESOLVED, "2001:db8::24");
  addresses = ca_mail_host_get_addresses (get_host (report, 1));
  g_assert_cmpuint (g_strv_length ((char **) addresses), ==, 2);
  g_assert_cmpstr (addresses[1], ==, "2001:db8::22");
  g_assert_false (ca_mail_report_get_null_mx (report));
  g_assert_cmpstr (ca_mail_report_get_console_walk_domain (report), ==, "multi-mx.example");
  g_assert_cmpstr (ids, ==, "");
}

/* A set of fifteen hosts: only the ten most preferred are looked up, and the
 * report says so. */
static void
test_many_mx (void)
{
  g_autoptr (CaMailReport) report = run ("many-mx.example", "many-mx.example");
  g_autoptr (GPtrArray) facts = ca_check_describe (CA_CHECK (report));
  GListModel *hosts = ca_mail_report_get_hosts (report);
  CaFact *note = NULL;

  g_assert_cmpint (ca_mail_report_get_state (report), ==, CA_CHECK_STATE_DONE);
  g_assert_cmpuint (ca_mail_report_get_n_hosts_named (report), ==, 15);
  g_assert_cmpuint (g_list_model_get_n_items (hosts), ==, CA_MAIL_REPORT_MAX_HOSTS);
  g_assert_cmpstr (ca_mail_host_get_host (get_host (report, 0)), ==, "mx14.many-mx.example");
  g_assert_cmpuint (ca_mail_host_get_preference (get_host (report, 0)), ==, 86);
  g_assert_cmpstr (ca_mail_host_get_host (get_host (report, 9)), ==, "mx05.many-mx.example");
  for (guint i = 0; i < CA_MAIL_REPORT_MAX_HOSTS; i++)
    g_assert_cmpint (ca_mail_host_get_status (get_host (report, i)), ==, CA_MAIL_HOST_UNRESOLVABLE);

  for (guint i = 0; i < facts->len; i++)
    if (g_strcmp0 (ca_fact_get_title (g_ptr_array_index (facts, i)), "Not every mail server was looked up") == 0)
      note = g_ptr_array_index (facts, i);
  g_assert_nonnull (note);
  g_assert_cmpint (ca_fact_get_status (note), ==, CA_FACT_NOTE);
  g_assert_cmpstr (ca_fact_get_detail (note), ==, "The domain names 15 mail servers; only the 10 most preferred were looked up.");
}

static void
test_null_mx (void)
{
  g_autoptr (CaMailReport) report = run ("nullmx.example", "nullmx.example");
  g_autofree char *ids = finding_ids (report);

  g_assert_true (ca_mail_report_get_null_mx (report));
  g_assert_cmpuint (g_list_model_get_n_items (ca_mail_report_get_hosts (report)), ==, 0);
  g_assert_cmpstr (ids, ==, "null_mx");
}

static void
test_mx_only_on_parent (void)
{
  g_autoptr (CaMailReport) sub = run ("sub.parent-mx.example", "sub.parent-mx.example");
  g_autoptr (CaMailReport) deep = run ("www.deep.sub.parent-mx.example", "deep.sub.parent-mx.example");
  g_autofree char *ids = finding_ids (sub);

  /* ACM mails the subdomain, which has no MX; the old console walked up to the parent. */
  g_assert_cmpstr (ids, ==, "no_mx");
  g_assert_cmpstr (ca_mail_report_get_console_walk_domain (sub), ==, "parent-mx.example");
  g_assert_cmpstr (ca_mail_report_get_console_walk_domain (deep), ==, "parent-mx.example");
}

static void
test_mx_host_nxdomain (void)
{
  g_autoptr (CaMailReport) report = run ("mx-nxhost.example", "mx-nxhost.example");
  g_autofree char *ids = finding_ids (report);

  assert_host (get_host (report, 0), 10, "missing.mx-nxhost.example", CA_MAIL_HOST_UNRESOLVABLE, NULL);
  g_assert_cmpstr (ids, ==, "mx_host_unresolvable");
}

static void
test_mx_host_cname (void)
{
  g_autoptr (CaMailReport) report = run ("mx-cname.example", "mx-cname.example");
  g_autofree char *ids = finding_ids (report);
  CaMailHost *host = get_host (report, 0);

  assert_host (host, 10, "mail.mx-cname.example", CA_MAIL_HOST_RESOLVED, "192.0.2.50");
  g_assert_true (ca_mail_host_get_is_cname (host));
  g_assert_cmpstr (ca_mail_host_get_canonical_name (host), ==, "real.mx-cname.example");
  g_assert_cmpstr (ids, ==, "mx_host_is_cname");
}

static void
assert_first_fact (CaMailReport *report,
                   const char   *title,
                   CaFactStatus  status)
{
  g_autoptr (GPtrArray) facts = ca_check_describe (CA_CHECK (report));

  g_assert_cmpuint (facts->len, >, 0);
  g_assert_cmpstr (ca_fact_get_title (g_ptr_array_index (facts, 0)), ==, title);
  g_assert_cmpint (ca_fact_get_status (g_ptr_array_index (facts, 0)), ==, status);
}

/* NXDOMAIN is not NODATA: a domain without MX needs a record, one that does
 * not exist needs creating (acm-rules.md §11). */
static void
test_no_mx (void)
{
  g_autoptr (CaMailReport) nodata = run ("nomx.example", "nomx.example");
  g_autoptr (CaMailReport) nxdomain = run ("nothing.example", "nothing.example");
  g_autofree char *nodata_ids = finding_ids (nodata);
  g_autofree char *nxdomain_ids = finding_ids (nxdomain);

  g_assert_cmpstr (nodata_ids, ==, "no_mx");
  assert_first_fact (nodata, "No Mail Server", CA_FACT_PROBLEM);
  g_assert_cmpstr (nxdomain_ids, ==, "dns_name_not_public");
  assert_first_fact (nxdomain, "Domain Does Not Exist", CA_FACT_PROBLEM);
  g_assert_null (ca_mail_report_get_console_walk_domain (nxdomain));
  g_assert_cmpint (ca_mail_report_get_state (nxdomain), ==, CA_CHECK_STATE_DONE);
}

/* A www that was never created is no obstacle: the mail goes to the approval domain. */
static void
test_name_missing_domain_exists (void)
{
  g_autoptr (CaMailReport) report = run ("www.parent-mx.example", "parent-mx.example");
  g_autofree char *ids = finding_ids (report);

  g_assert_cmpstr (ids, ==, "");
  assert_host (get_host (report, 0), 10, "mail.parent-mx.example", CA_MAIL_HOST_RESOLVED, "192.0.2.40");
}

static void
test_servfail (void)
{
  g_autoptr (CaMailReport) report = run ("servfail.example", "servfail.example");
  g_autoptr (CaMailReport) host = run ("mx-servfail.example", "mx-servfail.example");
  g_autofree char *ids = finding_ids (report);
  g_autofree char *host_ids = finding_ids (host);

  g_assert_cmpint (ca_mail_report_get_state (report), ==, CA_CHECK_STATE_FAILED);
  g_assert_nonnull (g_strstr_len (ca_mail_report_get_error (report), -1, "SERVFAIL"));
  g_assert_cmpstr (ids, ==, "mx_lookup_failed");
  /* A host whose address lookup fails is not called unresolvable. */
  g_assert_cmpint (ca_mail_host_get_status (get_host (host, 0)), ==, CA_MAIL_HOST_LOOKUP_FAILED);
  g_assert_cmpstr (host_ids, ==, "mx_lookup_failed");
}

static void
test_dead_server (void)
{
  g_autoptr (CaTestBlackhole) hole = ca_test_blackhole_new ();
  g_autoptr (CaMailReport) report = run_with (ca_test_blackhole_get_server (hole), 300,
                                              "www.good.example", "good.example");
  g_autofree char *ids = finding_ids (report);

  g_assert_cmpint (ca_mail_report_get_state (report), ==, CA_CHECK_STATE_FAILED);
  g_assert_cmpstr (ids, ==, "mx_lookup_failed");
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr (CaTestBlackhole) hole = ca_test_blackhole_new ();
  const char *forwarders[] = { ca_test_blackhole_get_server (hole), NULL };
  g_autoptr (CaDnsResolver) resolver = ca_dns_resolver_new (forwarders, FALSE, 60000);
  g_autoptr (CaMailReport) report = ca_mail_report_new ("a.b.good.example", "b.good.example");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Result r = { 0 };

  ca_mail_report_run_async (report, resolver, cancellable, run_cb, &r);
  g_idle_add (cancel_cb, cancellable);
  ca_test_wait_for (&r.done);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (ca_mail_report_get_state (report), ==, CA_CHECK_STATE_PENDING);
  g_clear_error (&r.error);
}

static void
test_idn (void)
{
  g_autoptr (CaMailReport) report = run ("www.xn--bcher-kva.example", "xn--bcher-kva.example");

  assert_host (get_host (report, 0), 10, "mx.xn--bcher-kva.example", CA_MAIL_HOST_RESOLVED, "192.0.2.70");
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_notify (void)
{
  const char *forwarders[] = { ca_test_unbound_get_server (server), NULL };
  g_autoptr (CaDnsResolver) resolver = ca_dns_resolver_new (forwarders, FALSE, 10000);
  g_autoptr (CaMailReport) report = ca_mail_report_new ("good.example", "good.example");
  guint state_changes = 0;
  Result r = { 0 };

  g_signal_connect (report, "notify::state", G_CALLBACK (count_cb), &state_changes);
  ca_mail_report_run_async (report, resolver, NULL, run_cb, &r);
  ca_test_wait_for (&r.done);
  g_assert_cmpuint (state_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ca_mail_report_get_hosts (report)), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  int status;

  ca_test_init (&argc, &argv);
  server = ca_test_unbound_start ();

  g_test_add_func ("/mail/several-mx", test_several_mx);
  g_test_add_func ("/mail/null-mx", test_null_mx);
  g_test_add_func ("/mail/many-mx", test_many_mx);
  g_test_add_func ("/mail/mx-only-on-parent", test_mx_only_on_parent);
  g_test_add_func ("/mail/mx-host-nxdomain", test_mx_host_nxdomain);
  g_test_add_func ("/mail/mx-host-cname", test_mx_host_cname);
  g_test_add_func ("/mail/no-mx", test_no_mx);
  g_test_add_func ("/mail/name-missing-domain-exists", test_name_missing_domain_exists);
  g_test_add_func ("/mail/servfail", test_servfail);
  g_test_add_func ("/mail/dead-server", test_dead_server);
  g_test_add_func ("/mail/cancel", test_cancel);
  g_test_add_func ("/mail/idn", test_idn);
  g_test_add_func ("/mail/notify", test_notify);

  status = g_test_run ();
  ca_test_unbound_stop (server);
  return status;
}
