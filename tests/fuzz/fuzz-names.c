/* fuzz-names.c: name normalisation and IDNA
 *
 * The input is a name as a user or a certificate gives it, a NUL byte, then a
 * second name (a validation domain, a certificate's pattern). Every accepted
 * name must come out as the app assumes: lower-case ASCII host-name text that
 * normalises to itself.
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ca-dns-record.h"
#include "ca-domain.h"
#include "ca-tls-probe.h"
#include "ca-x509.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  ca_fuzz_init ();
  return 0;
}

static void
assert_host_name_text (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    g_assert (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '*' || *p == '_');
  g_assert (!g_ascii_isupper (*name));
}

static void
use_domain (const char *name,
            const char *other)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *again = ca_domain_normalize (name, &error);
  g_autofree char *approval = ca_domain_get_approval_domain (name, NULL);
  g_autofree char *registrable = ca_domain_get_registrable_domain (name, NULL);
  g_autofree char *display = ca_domain_to_display (name);
  g_autofree char *checked = NULL;
  g_auto (GStrv) approvers = NULL;
  g_auto (GStrv) candidates = ca_domain_list_validation_candidates (name);

  (void) registrable;
  (void) candidates;
  assert_host_name_text (name);
  g_assert_cmpstr (again, ==, name);
  g_assert (g_utf8_validate (display, -1, NULL));
  if (approval != NULL)
    approvers = ca_domain_get_approver_addresses (approval);
  g_clear_error (&error);
  checked = ca_domain_check_validation_domain (name, other, &error);
  ca_domain_is_superdomain_or_equal (other, name);
  ca_domain_is_wildcard (name);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = NULL;
  g_autofree char *other = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *x509_name = NULL;
  g_autofree char *dns_name = NULL;
  g_autofree char *host = NULL;
  guint16 port = 0;

  ca_fuzz_split (data, size, &input, &other);
  domain = ca_domain_normalize (input, &error);
  g_assert ((domain == NULL) != (error == NULL));
  if (domain != NULL)
    use_domain (domain, other);
  g_clear_error (&error);
  x509_name = ca_x509_normalize_name (input, &error);
  g_assert ((x509_name == NULL) != (error == NULL));
  g_assert (x509_name == NULL || g_utf8_validate (input, -1, NULL));
  g_clear_error (&error);
  ca_x509_dns_name_matches (input, other);
  if (g_utf8_validate (input, -1, NULL))
    dns_name = ca_dns_name_normalize (input);
  if (ca_tls_probe_parse_target (input, &host, &port, &error))
    g_assert (host != NULL);
  return 0;
}
