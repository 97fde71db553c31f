/* fuzz-route53-xml.c: Route 53's REST-XML answers and error bodies
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ca-aws-client.h"
#include "ca-xml.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  ca_fuzz_init ();
  return 0;
}

/* The paths ca-route53-client.c reads, over whatever tree the bytes make. */
static void
walk_answer (CaXmlNode *root)
{
  static const char * const texts[] = {
    "IsTruncated", "NextDNSName", "NextHostedZoneId", "HostedZone/Id", "HostedZone/Name",
    "HostedZone/Config/PrivateZone", "ChangeInfo/Id", "ChangeInfo/Status", "Error/Code", "Error/Message",
  };
  g_autoptr (GPtrArray) zones = ca_xml_node_find_all (root, "HostedZones/HostedZone");
  g_autoptr (GPtrArray) servers = ca_xml_node_find_all (root, "DelegationSet/NameServers/NameServer");

  g_assert (ca_xml_node_get_name (root) != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    (void) ca_xml_node_find_text (root, texts[i]);
  for (guint i = 0; zones != NULL && i < zones->len; i++)
    (void) ca_xml_node_find_text (g_ptr_array_index (zones, i), "Config/PrivateZone");
  for (guint i = 0; servers != NULL && i < servers->len; i++)
    (void) ca_xml_node_get_text (g_ptr_array_index (servers, i));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaXmlNode) root = ca_xml_parse ((const char *) data, size, &error);
  g_autoptr (GBytes) body = g_bytes_new (data, size);
  g_autofree char *type = NULL;
  g_autofree char *message = NULL;

  g_assert ((root == NULL) != (error == NULL));
  if (root != NULL)
    walk_answer (root);
  ca_aws_parse_xml_error (body, &type, &message);
  g_assert (message == NULL || g_utf8_validate (message, -1, NULL));
  return 0;
}
