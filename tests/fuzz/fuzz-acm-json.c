/* fuzz-acm-json.c: ACM's JSON answers, success and error shapes
 *
 * A body is read as ca-aws-client.c reads it (an error body through
 * ca_aws_parse_error, an answer through ca_json_parse_untrusted), then as ca-acm-client.c
 * reads its members: DescribeCertificate's Certificate, ListCertificates'
 * summaries; each certificate then gives its findings and its JSON.
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "ca-acm-certificate.h"
#include "ca-acm-domain-validation.h"
#include "ca-acm-findings.h"
#include "ca-acm-record.h"
#include "ca-aws-client-http.h"
#include "ca-aws-client.h"
#include "ca-json.h"
#include "fuzz-common.h"

static GDateTime *now;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  ca_fuzz_init ();
  now = g_date_time_new_utc (2026, 6, 1, 12, 0, 0);
  return 0;
}

static void
use_certificate (CaAcmCertificate *certificate,
                 gboolean          detail)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GPtrArray) findings = ca_acm_findings_for_certificate (certificate, NULL, now);
  g_autoptr (GPtrArray) records = ca_acm_records_from_validations (ca_acm_certificate_get_validations (certificate));
  g_autoptr (JsonNode) root = NULL;

  g_assert (findings != NULL);
  ca_acm_certificate_find_validation (certificate, "example.com");
  g_clear_pointer (&records, g_ptr_array_unref);
  records = ca_acm_records_from_validations (ca_acm_certificate_get_current_validations (certificate));
  if (detail)
    ca_acm_certificate_to_json (certificate, builder);
  else
    ca_acm_certificate_summary_to_json (certificate, builder);
  root = json_builder_get_root (builder);
}

static void
read_list (JsonArray *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr (CaAcmCertificate) certificate = NULL;
      g_autoptr (CaAcmDomainValidation) validation = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      certificate = ca_acm_certificate_new_from_summary (json_node_get_object (node), NULL);
      if (certificate != NULL)
        use_certificate (certificate, FALSE);
      validation = ca_acm_domain_validation_new_from_summary (json_node_get_object (node));
    }
}

static void
read_answer (JsonObject *answer)
{
  JsonNode *member = json_object_get_member (answer, "Certificate");

  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CaAcmCertificate) certificate = ca_acm_certificate_new_from_json (json_node_get_object (member), &error);

      g_assert ((certificate == NULL) != (error == NULL));
      if (certificate != NULL)
        use_certificate (certificate, TRUE);
    }
  member = json_object_get_member (answer, "CertificateSummaryList");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    read_list (json_node_get_array (member));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GBytes) body = g_bytes_new (data, size);
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *type = NULL;
  g_autofree char *message = NULL;

  ca_aws_parse_error (NULL, body, &type, &message);
  root = ca_json_parse_untrusted ((const char *) data, size, CA_AWS_MAX_RESPONSE_SIZE, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    read_answer (json_node_get_object (root));
  return 0;
}
