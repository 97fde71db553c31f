/* test-iam-policy.c: the IAM policy names exactly what CertAssist calls
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ca-iam-policy.h"
#include "ca-json.h"
#include "ca-test-util.h"

/* Every action the policy allows, over all its statements. */
static GHashTable *
policy_actions (void)
{
  g_autofree char *text = ca_iam_policy_to_json ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = ca_json_parse_untrusted (text, strlen (text), 65536, &error);
  GHashTable *actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *statements;

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "Version"), ==, "2012-10-17");
  statements = json_object_get_array_member (json_node_get_object (root), "Statement");
  g_assert_cmpuint (json_array_get_length (statements), >, 0);
  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonObject *statement = json_array_get_object_element (statements, i);
      JsonArray *list = json_object_get_array_member (statement, "Action");

      g_assert_cmpstr (json_object_get_string_member (statement, "Effect"), ==, "Allow");
      for (guint j = 0; j < json_array_get_length (list); j++)
        g_hash_table_add (actions, g_strdup (json_array_get_string_element (list, j)));
    }
  return actions;
}

/* The ACM operations the client sends, read from its source: a call added to
 * ca-acm-client.c without its action in the policy fails here. */
static GHashTable *
client_operations (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "core", "ca-acm-client.c", NULL);
  g_autofree char *source = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GRegex) regex = NULL;
  g_autoptr (GMatchInfo) match = NULL;
  GHashTable *operations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_file_get_contents (path, &source, NULL, &error);
  g_assert_no_error (error);
  regex = g_regex_new ("(?:ca_aws_client_call_async\\s*\\(self->aws|call_with_empty_answer\\s*\\(self),\\s*\"([A-Za-z]+)\"",
                       0, 0, &error);
  g_assert_no_error (error);
  g_regex_match (regex, source, 0, &match);
  while (g_match_info_matches (match))
    {
      g_hash_table_add (operations, g_match_info_fetch (match, 1));
      g_match_info_next (match, NULL);
    }
  return operations;
}

static void
test_policy_names_every_acm_operation (void)
{
  g_autoptr (GHashTable) actions = policy_actions ();
  g_autoptr (GHashTable) operations = client_operations ();
  GHashTableIter iter;
  const char *operation;
  guint n_acm = 0;

  /* The scan itself still finds the calls (a renamed call form would find none). */
  g_assert_cmpuint (g_hash_table_size (operations), >=, 9);
  g_assert_true (g_hash_table_contains (operations, "DescribeCertificate"));
  g_assert_true (g_hash_table_contains (operations, "UpdateCertificateOptions"));

  g_hash_table_iter_init (&iter, operations);
  while (g_hash_table_iter_next (&iter, (gpointer *) &operation, NULL))
    {
      g_autofree char *action = g_strconcat ("acm:", operation, NULL);
      g_assert_true (g_hash_table_contains (actions, action));
    }

  /* And nothing more than the calls, but the tags that RequestCertificate carries. */
  g_hash_table_iter_init (&iter, actions);
  while (g_hash_table_iter_next (&iter, (gpointer *) &operation, NULL))
    if (g_str_has_prefix (operation, "acm:"))
      {
        n_acm++;
        if (g_strcmp0 (operation, "acm:AddTagsToCertificate") != 0)
          g_assert_true (g_hash_table_contains (operations, operation + strlen ("acm:")));
      }
  g_assert_cmpuint (n_acm, ==, g_hash_table_size (operations) + 1);
  g_assert_cmpuint (n_acm, ==, g_strv_length ((char **) ca_iam_policy_acm_actions));
}

static void
test_policy_names_route53_actions (void)
{
  g_autoptr (GHashTable) actions = policy_actions ();
  static const char * const expected[] = {
    "route53:ListHostedZonesByName",
    "route53:GetHostedZone",
    "route53:ChangeResourceRecordSets",
    "route53:GetChange",
  };
  GHashTableIter iter;
  const char *action;
  guint n_route53 = 0;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_true (g_hash_table_contains (actions, expected[i]));
      g_assert_true (g_strv_contains (ca_iam_policy_route53_actions, expected[i]));
    }
  g_hash_table_iter_init (&iter, actions);
  while (g_hash_table_iter_next (&iter, (gpointer *) &action, NULL))
    {
      /* STS and IAM Identity Center need no permission; nothing else is called. */
      g_assert_true (g_str_has_prefix (action, "acm:") || g_str_has_prefix (action, "route53:"));
      n_route53 += g_str_has_prefix (action, "route53:");
    }
  g_assert_cmpuint (n_route53, ==, G_N_ELEMENTS (expected));
}

/* Record changes are limited to the UPSERT of CNAMEs named like validation records. */
static void
test_policy_limits_record_changes (void)
{
  g_autofree char *text = ca_iam_policy_to_json ();
  g_autoptr (JsonNode) root = ca_json_parse_untrusted (text, strlen (text), 65536, NULL);
  JsonArray *statements = json_object_get_array_member (json_node_get_object (root), "Statement");
  JsonObject *condition = NULL;
  JsonObject *equals, *like;

  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonObject *statement = json_array_get_object_element (statements, i);
      JsonArray *list = json_object_get_array_member (statement, "Action");

      for (guint j = 0; j < json_array_get_length (list); j++)
        if (g_strcmp0 (json_array_get_string_element (list, j), "route53:ChangeResourceRecordSets") == 0)
          {
            g_assert_cmpuint (json_array_get_length (list), ==, 1);
            condition = json_object_get_object_member (statement, "Condition");
          }
    }
  g_assert_nonnull (condition);
  equals = json_object_get_object_member (condition, "ForAllValues:StringEquals");
  like = json_object_get_object_member (condition, "ForAllValues:StringLike");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (equals, "route53:ChangeResourceRecordSetsActions"), 0), ==, "UPSERT");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (equals, "route53:ChangeResourceRecordSetsRecordTypes"), 0), ==, "CNAME");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (like, "route53:ChangeResourceRecordSetsNormalizedRecordNames"), 0), ==, "_*");
}

/* The manual page prints the policy for administrators: the same one. */
static void
test_man_page_shows_policy (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "doc", "certassist-cli.1", NULL);
  g_autofree char *page = NULL;
  g_autofree char *text = ca_iam_policy_to_json ();
  g_autoptr (JsonNode) policy = ca_json_parse_untrusted (text, strlen (text), 65536, NULL);
  g_autoptr (JsonNode) shown = NULL;
  g_autoptr (GError) error = NULL;
  const char *marker, *start, *end;

  g_file_get_contents (path, &page, NULL, &error);
  g_assert_no_error (error);
  marker = strstr (page, "tests/test-iam-policy.c holds this block");
  g_assert_nonnull (marker);
  start = strstr (marker, "\n.EX\n");
  g_assert_nonnull (start);
  start += strlen ("\n.EX\n");
  end = strstr (start, "\n.EE\n");
  g_assert_nonnull (end);
  shown = ca_json_parse_untrusted (start, end - start, 65536, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (shown, policy));
}

int
main (int   argc,
      char *argv[])
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/iam-policy/acm-operations", test_policy_names_every_acm_operation);
  g_test_add_func ("/iam-policy/route53-actions", test_policy_names_route53_actions);
  g_test_add_func ("/iam-policy/record-changes", test_policy_limits_record_changes);
  g_test_add_func ("/iam-policy/man-page", test_man_page_shows_policy);

  return g_test_run ();
}
