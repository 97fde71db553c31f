/* fuzz-rdap.c: an RDAP answer and the IANA bootstrap file, from bytes
 *
 * The same bytes go the two ways an RDAP server's body goes: parsed and handed
 * to the classifier as ca-rdap-client.c does (ca_json_parse_untrusted, then
 * ca_registration_classify_rdap), and read as a bootstrap file.
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "ca-json.h"
#include "ca-rdap-bootstrap.h"
#include "ca-registration-classifier.h"
#include "ca-registration.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  ca_fuzz_init ();
  return 0;
}

static void
classify_answer (const uint8_t *data,
                 size_t         size)
{
  g_autoptr (JsonNode) root = ca_json_parse_untrusted ((const char *) data, size, G_MAXSIZE, NULL);
  g_autoptr (CaRegistration) registration = ca_registration_new ("example.com");
  g_autoptr (GPtrArray) findings = NULL;
  g_autofree char *verdict = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  ca_registration_classify_rdap (registration, root);
  findings = ca_registration_create_findings (registration);
  verdict = ca_registration_describe_verdict (registration);
}

static void
read_bootstrap (const uint8_t *data,
                size_t         size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaRdapBootstrap) bootstrap = ca_rdap_bootstrap_new_from_bytes (bytes, &error);

  g_assert ((bootstrap == NULL) != (error == NULL));
  if (bootstrap == NULL)
    return;
  ca_rdap_bootstrap_lookup (bootstrap, "example.com");
  ca_rdap_bootstrap_lookup (bootstrap, "a.b.example.co.uk");
  ca_rdap_bootstrap_get_n_entries (bootstrap);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  classify_answer (data, size);
  read_bootstrap (data, size);
  return 0;
}
