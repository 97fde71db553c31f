/* ca-iam-policy.c: the least-privilege IAM policy for what CertAssist calls
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "ca-iam-policy.h"

/* Exactly the operations of ca-acm-client.c (test-iam-policy.c reads them there and
 * fails when one is missing), plus AddTagsToCertificate: ACM checks it when
 * RequestCertificate carries tags. STS and IAM Identity Center need no IAM action. */
const char * const ca_iam_policy_acm_actions[] = {
  "acm:AddTagsToCertificate",
  "acm:DeleteCertificate",
  "acm:DescribeCertificate",
  "acm:GetCertificate",
  "acm:ListCertificateDomainValidations",
  "acm:ListCertificates",
  "acm:ListTagsForCertificate",
  "acm:RequestCertificate",
  "acm:ResendValidationEmail",
  "acm:UpdateCertificateOptions",
  NULL
};

/* Finding the hosted zone, reading its name servers, and waiting for INSYNC. */
static const char * const route53_read_actions[] = {
  "route53:GetChange",
  "route53:GetHostedZone",
  "route53:ListHostedZonesByName",
  NULL
};

const char * const ca_iam_policy_route53_actions[] = {
  "route53:ChangeResourceRecordSets",
  "route53:GetChange",
  "route53:GetHostedZone",
  "route53:ListHostedZonesByName",
  NULL
};

static void
add_actions (JsonBuilder        *builder,
             const char * const *actions)
{
  json_builder_set_member_name (builder, "Action");
  json_builder_begin_array (builder);
  for (guint i = 0; actions[i] != NULL; i++)
    json_builder_add_string_value (builder, actions[i]);
  json_builder_end_array (builder);
}

/* One condition operator with one single-valued key. */
static void
add_condition_key (JsonBuilder *builder,
                   const char  *key,
                   const char  *value)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, value);
  json_builder_end_array (builder);
}

static void
begin_statement (JsonBuilder        *builder,
                 const char         *sid,
                 const char * const *actions)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Sid");
  json_builder_add_string_value (builder, sid);
  json_builder_set_member_name (builder, "Effect");
  json_builder_add_string_value (builder, "Allow");
  add_actions (builder, actions);
  /* "*" rather than ARNs: they differ by partition (aws, aws-cn), and ListCertificates,
   * RequestCertificate and ListHostedZonesByName take no resource at all. */
  json_builder_set_member_name (builder, "Resource");
  json_builder_add_string_value (builder, "*");
}

/* CertAssist only ever UPSERTs CNAMEs named like ACM's validation records
 * ("_<hash>.example.com"), so the change statement allows nothing else: no other
 * record type, no DELETE, no name without the leading underscore. */
static void
add_change_statement (JsonBuilder *builder)
{
  static const char * const change_actions[] = { "route53:ChangeResourceRecordSets", NULL };

  begin_statement (builder, "CertAssistRoute53ValidationRecords", change_actions);
  json_builder_set_member_name (builder, "Condition");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ForAllValues:StringEquals");
  json_builder_begin_object (builder);
  add_condition_key (builder, "route53:ChangeResourceRecordSetsActions", "UPSERT");
  add_condition_key (builder, "route53:ChangeResourceRecordSetsRecordTypes", "CNAME");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "ForAllValues:StringLike");
  json_builder_begin_object (builder);
  add_condition_key (builder, "route53:ChangeResourceRecordSetsNormalizedRecordNames", "_*");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/**
 * ca_iam_policy_to_json:
 *
 * The identity-based policy an administrator can attach to let CertAssist do
 * everything it does and nothing else, as pretty JSON text.
 *
 * Returns: (transfer full): the policy document
 */
char *
ca_iam_policy_to_json (void)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Version");
  json_builder_add_string_value (builder, "2012-10-17");
  json_builder_set_member_name (builder, "Statement");
  json_builder_begin_array (builder);

  begin_statement (builder, "CertAssistCertificates", ca_iam_policy_acm_actions);
  json_builder_end_object (builder);
  begin_statement (builder, "CertAssistRoute53Read", route53_read_actions);
  json_builder_end_object (builder);
  add_change_statement (builder);

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}
