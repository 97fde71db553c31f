/* fuzz-whois.c: a WHOIS server's raw answer through cleaning, referral and classifier
 *
 * As ca-whois-client.c does: the raw bytes are cleaned to UTF-8 text, a referral
 * is looked for, and the classifier turns the text into a verdict, findings and
 * the JSON member.
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <string.h>

#include "ca-registration-classifier.h"
#include "ca-registration.h"
#include "ca-whois-client.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  ca_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = ca_registration_clean_text ((const char *) data, size, NULL);
  g_autofree char *referral = ca_whois_find_referral (text);
  g_autoptr (CaRegistration) registration = ca_registration_new ("example.com");
  g_autoptr (GPtrArray) findings = NULL;
  g_autofree char *verdict = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  g_assert (g_utf8_validate (text, -1, NULL));
  g_assert (referral == NULL || g_utf8_validate (referral, -1, NULL));
  for (const char *p = text; *p != '\0'; p++)
    g_assert (*p == '\t' || *p == '\n' || (guchar) *p >= 0x20);

  ca_registration_classify_whois (registration, text);
  findings = ca_registration_create_findings (registration);
  verdict = ca_registration_describe_verdict (registration);
  ca_registration_to_json (registration, builder);
  root = json_builder_get_root (builder);
  return 0;
}
