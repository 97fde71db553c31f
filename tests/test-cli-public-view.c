/* test-cli-public-view.c: certassist-cli diagnose --view/--root-hints/--trust-anchor against the DNS lab
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-test-hierarchy.h"
#include "ca-test-unbound.h"
#include "ca-test-util.h"

static CaTestHierarchy *lab;
static char *skip_reason;

static gboolean
skip_without_lab (void)
{
  if (lab != NULL)
    return FALSE;
  g_test_skip (skip_reason);
  return TRUE;
}

/* diagnose through @local_server (NULL: none) with the lab as the public DNS, then @extra */
static CaTestRun *
diagnose (const char         *local_server,
          const char * const *extra)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) "diagnose");
  if (local_server != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--dns-server");
      g_ptr_array_add (args, (gpointer) local_server);
    }
  g_ptr_array_add (args, (gpointer) "--root-hints");
  g_ptr_array_add (args, (gpointer) ca_test_hierarchy_get_root_hints (lab));
  g_ptr_array_add (args, (gpointer) "--trust-anchor");
  g_ptr_array_add (args, (gpointer) ca_test_hierarchy_get_trust_anchor (lab));
  g_ptr_array_add (args, (gpointer) "--checks");
  g_ptr_array_add (args, (gpointer) "mail,caa");
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
  g_ptr_array_add (args, NULL);

  return ca_test_run_cli_argv (NULL, (const char * const *) args->pdata);
}

static JsonObject *
find_name (JsonObject *root,
           const char *name)
{
  JsonArray *names = json_object_get_array_member (root, "names");

  for (guint i = 0; i < json_array_get_length (names); i++)
    {
      JsonObject *object = json_array_get_object_element (names, i);

      if (g_str_equal (json_object_get_string_member (object, "name"), name))
        return object;
    }
  g_error ("no entry for %s", name);
}

/* The ids of the findings about @name (%NULL: about no name), in order. */
static char *
finding_ids (JsonObject *root,
             const char *name)
{
  JsonArray *findings = json_object_get_array_member (root, "findings");
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_strcmp0 (json_object_get_string_member (finding, "name"), name) == 0)
        g_ptr_array_add (ids, (gpointer) json_object_get_string_member (finding, "id"));
    }
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

static char *
join_strings (JsonArray *array)
{
  g_autoptr (GPtrArray) values = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (values, (gpointer) json_array_get_string_element (array, i));
  g_ptr_array_add (values, NULL);
  return g_strjoinv (" ", (char **) values->pdata);
}

static void
assert_ids (JsonObject *root,
            const char *name,
            const char *expected)
{
  g_autofree char *ids = finding_ids (root, name);

  g_assert_cmpstr (ids, ==, expected);
}

/* Every case of the lab at once, through the split-horizon resolver: the
 * default view is both (root hints given), and the public one decides. */
static void
test_lab_cases (void)
{
  g_autoptr (CaTestRun) run = NULL;
  g_autofree char *views = NULL;
  JsonObject *root, *split, *difference, *delegation, *caa;
  JsonArray *mx;

  if (skip_without_lab ())
    return;
  run = diagnose (ca_test_hierarchy_get_split_server (lab),
                  (const char *[]) { "--json", "split.example", "ns-mismatch.example", "ns-partial.example",
                                     "tld-caa.caatld", "bogus-ds.example", "gone.example", "good.example",
                                     "www.good.example", NULL });
  g_assert_cmpint (run->exit_status, ==, 0);
  root = ca_test_run_get_object (run);
  views = join_strings (json_object_get_array_member (root, "views"));
  g_assert_cmpstr (views, ==, "local public");

  assert_ids (root, "split.example", "dns_views_differ dns_views_differ");
  split = find_name (root, "split.example");
  mx = json_object_get_array_member (json_object_get_object_member (split, "mail"), "mx");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (mx, 0), "host"), ==, "mx.split.example");
  difference = json_array_get_object_element (json_object_get_array_member (split, "differences"), 0);
  g_assert_cmpstr (json_object_get_string_member (difference, "record"), ==, "MX");
  g_assert_cmpstr (json_object_get_string_member (difference, "owner"), ==, "split.example");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (difference, "local"), 0), ==, "10 internal-mx.split.example");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (difference, "public"), 0), ==, "10 mx.split.example");

  assert_ids (root, "ns-mismatch.example", "dns_ns_mismatch");
  delegation = json_object_get_object_member (find_name (root, "ns-mismatch.example"), "delegation");
  g_assert_false (json_object_get_boolean_member (delegation, "matches"));
  assert_ids (root, "ns-partial.example", "dns_ns_inconsistent");

  assert_ids (root, "tld-caa.caatld", "caa_forbids_amazon");
  caa = json_object_get_object_member (find_name (root, "tld-caa.caatld"), "caa");
  g_assert_cmpstr (json_object_get_string_member (caa, "relevant_domain"), ==, "caatld");

  assert_ids (root, "bogus-ds.example", "dnssec_bogus caa_lookup_failed");
  assert_ids (root, "gone.example", "dns_name_not_public");
  assert_ids (root, "good.example", "");
  assert_ids (root, "www.good.example", "");
  assert_ids (root, NULL, "");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (find_name (root, "good.example"), "delegation"), "matches"));
}

/* The resolver in use answers NXDOMAIN for everything: it is unreliable, the
 * public view answers, and no verdict comes from the local one. */
static void
test_broken_resolver (void)
{
  g_autoptr (CaTestUnbound) liar = NULL;
  g_autoptr (CaTestRun) run = NULL;
  g_autoptr (CaTestRun) text = NULL;
  g_autofree char *views = NULL;
  JsonObject *root, *good;

  if (skip_without_lab ())
    return;
  liar = ca_test_unbound_start_nxdomain ();
  run = diagnose (ca_test_unbound_get_server (liar), (const char *[]) { "--json", "good.example", "split.example", "gone.example", NULL });
  g_assert_cmpint (run->exit_status, ==, 0);
  root = ca_test_run_get_object (run);
  views = join_strings (json_object_get_array_member (root, "views"));
  g_assert_cmpstr (views, ==, "public");
  assert_ids (root, NULL, "dns_resolver_unreliable");
  assert_ids (root, "good.example", "");
  assert_ids (root, "split.example", "");
  assert_ids (root, "gone.example", "dns_name_not_public");
  good = find_name (root, "good.example");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (good, "mail"), "mx"), 0), "host"),
                   ==, "mx.good.example");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (find_name (root, "split.example"), "differences")), ==, 0);

  text = diagnose (ca_test_unbound_get_server (liar), (const char *[]) { "good.example", NULL });
  g_assert_cmpint (text->exit_status, ==, 0);
  g_assert_nonnull (strstr (text->out, "The public DNS answers"));
  g_assert_nonnull (strstr (text->out, "mx.good.example: Preference 10"));
  g_assert_null (strstr (text->out, "Not checked"));
}

/* --view local keeps to the resolver in use, --view public never asks it. */
static void
test_view_option (void)
{
  g_autoptr (CaTestRun) local = NULL;
  g_autoptr (CaTestRun) public_run = NULL;
  g_autoptr (CaTestRun) text = NULL;
  JsonObject *root;
  JsonArray *mx;

  if (skip_without_lab ())
    return;
  local = diagnose (ca_test_hierarchy_get_split_server (lab), (const char *[]) { "--json", "--view", "local", "split.example", NULL });
  g_assert_cmpint (local->exit_status, ==, 0);
  root = ca_test_run_get_object (local);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (root, "views"), 0), ==, "local");
  g_assert_false (json_object_has_member (root, "public_resolver"));
  mx = json_object_get_array_member (json_object_get_object_member (find_name (root, "split.example"), "mail"), "mx");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (mx, 0), "host"), ==, "internal-mx.split.example");
  /* Root hints are for the public view: without it, .example is no public TLD. */
  assert_ids (root, "split.example", "invalid_public_domain");

  public_run = diagnose (ca_test_hierarchy_get_split_server (lab), (const char *[]) { "--json", "--view", "public", "split.example", NULL });
  g_assert_cmpint (public_run->exit_status, ==, 0);
  root = ca_test_run_get_object (public_run);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "views")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (root, "views"), 0), ==, "public");
  g_assert_false (json_object_has_member (root, "resolver"));
  mx = json_object_get_array_member (json_object_get_object_member (find_name (root, "split.example"), "mail"), "mx");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (mx, 0), "host"), ==, "mx.split.example");

  text = diagnose (ca_test_hierarchy_get_split_server (lab), (const char *[]) { "split.example", "ns-mismatch.example", NULL });
  g_assert_cmpint (text->exit_status, ==, 0);
  g_assert_nonnull (strstr (text->out, "Local and Public DNS\n    MX at split.example: For the MX records of split.example, the DNS resolver in use answers 10 internal-mx.split.example, but the public DNS"));
  g_assert_nonnull (strstr (text->out, "The zone is not served where it is delegated: example delegates ns-mismatch.example to old.dns-host.example"));
}

static void
assert_usage_error (CaTestRun  *run,
                    const char *code,
                    const char *message_part)
{
  JsonObject *error = json_object_get_object_member (ca_test_run_get_object (run), "error");

  g_assert_cmpint (run->exit_status, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), message_part));
}

/* contract.md: --view takes three words; --root-hints needs a trust anchor or --no-dnssec. */
static void
test_bad_options (void)
{
  g_autoptr (CaTestRun) bad_view = ca_test_run_cli (NULL, "diagnose", "--json", "--view", "sideways", "good.example", NULL);
  g_autoptr (CaTestRun) no_anchor = ca_test_run_cli (NULL, "diagnose", "--json", "--root-hints", "/etc/hostname", "good.example", NULL);
  g_autoptr (CaTestRun) missing = ca_test_run_cli (NULL, "diagnose", "--json", "--root-hints", "/nonexistent/root.hints",
                                                   "--no-dnssec", "good.example", NULL);

  assert_usage_error (bad_view, "usage", "--view takes local, public or both");
  assert_usage_error (no_anchor, "usage", "--trust-anchor");
  assert_usage_error (missing, "invalid_input", "/nonexistent/root.hints");
}

int
main (int    argc,
      char **argv)
{
  int status;

  ca_test_init (&argc, &argv);
  lab = ca_test_hierarchy_start (&skip_reason);

  g_test_add_func ("/cli/public-view/lab-cases", test_lab_cases);
  g_test_add_func ("/cli/public-view/broken-resolver", test_broken_resolver);
  g_test_add_func ("/cli/public-view/view-option", test_view_option);
  g_test_add_func ("/cli/public-view/bad-options", test_bad_options);

  status = g_test_run ();
  ca_test_hierarchy_stop (lab);
  g_free (skip_reason);
  return status;
}
