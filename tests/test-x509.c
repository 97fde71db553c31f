/* test-x509.c: parsing, chain order and findings on certificates made by make-certs.sh
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <string.h>

#include "ca-error.h"
#include "ca-test-util.h"
#include "ca-x509.h"
#include "ca-x509-report.h"

static char *
cert_path (const char *name)
{
  const char *dir = g_getenv ("CERTASSIST_TEST_CERTS");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static GPtrArray *
load (const char *name,
      GError    **error)
{
  g_autofree char *path = cert_path (name);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  return ca_x509_load_file (file, NULL, error);
}

static GPtrArray *
load_ok (const char *name)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *certificates = load (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (certificates);
  return certificates;
}

static CaX509Report *
report_for (const char *name,
            GPtrArray  *anchors)
{
  g_autoptr (GPtrArray) certificates = load_ok (name);

  return ca_x509_report_new (CA_X509_SOURCE_FILE, name, certificates, anchors);
}

static CaCertificateInfo *
chain_at (CaX509Report *report,
          guint         index)
{
  GPtrArray *chain = ca_x509_report_get_chain (report);

  g_assert_cmpuint (index, <, chain->len);
  return g_ptr_array_index (chain, index);
}

static guint
count_findings (GPtrArray  *findings,
                const char *id)
{
  guint count = 0;

  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (ca_finding_get_id_string (g_ptr_array_index (findings, i)), id) == 0)
      count++;
  return count;
}

static void
assert_load_fails (const char *name,
                   int         code,
                   const char *message_part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) certificates = load (name, &error);

  g_assert_null (certificates);
  g_assert_error (error, CA_ERROR, code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” lacks “%s”", error->message, message_part);
}

static void
test_pem_chain_in_order (void)
{
  g_autoptr (CaX509Report) report = report_for ("chain.pem", NULL);

  g_assert_cmpuint (ca_x509_report_get_chain (report)->len, ==, 3);
  g_assert_cmpuint (ca_x509_report_get_path_length (report), ==, 3);
  g_assert_true (ca_x509_report_get_chain_complete (report));
  g_assert_null (ca_x509_report_get_missing_issuer (report));
  g_assert_cmpstr (ca_certificate_info_get_common_name (chain_at (report, 0)), ==, "www.example");
  g_assert_cmpstr (ca_certificate_info_get_common_name (chain_at (report, 1)), ==, "CertAssist Test Intermediate");
  g_assert_cmpstr (ca_certificate_info_get_common_name (chain_at (report, 2)), ==, "CertAssist Test Root");
  g_assert_true (ca_certificate_info_get_self_signed (chain_at (report, 2)));
  g_assert_false (ca_certificate_info_get_self_signed (chain_at (report, 1)));
}

/* root, leaf, intermediate in the file: the report still starts at the leaf. */
static void
test_pem_chain_shuffled (void)
{
  g_autoptr (CaX509Report) ordered = report_for ("chain.pem", NULL);
  g_autoptr (CaX509Report) shuffled = report_for ("chain-shuffled.pem", NULL);
  g_autoptr (GPtrArray) raw = load_ok ("chain-shuffled.pem");

  g_assert_cmpstr (ca_certificate_info_get_common_name (g_ptr_array_index (raw, 0)), ==, "CertAssist Test Root");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (ca_certificate_info_get_fingerprint (chain_at (shuffled, i)), ==,
                     ca_certificate_info_get_fingerprint (chain_at (ordered, i)));
  g_assert_true (ca_x509_report_get_chain_complete (shuffled));
}

static void
test_leaf_fields (void)
{
  g_autoptr (CaX509Report) report = report_for ("chain.pem", NULL);
  CaCertificateInfo *leaf = ca_x509_report_get_leaf (report);
  const char *sans[] = { "www.example", "example", "*.shop.example", "localhost", "127.0.0.1", "::1", NULL };
  const char *fingerprint = ca_certificate_info_get_fingerprint (leaf);

  g_assert_cmpstr (ca_certificate_info_get_subject (leaf), ==, "CN=www.example");
  g_assert_cmpstr (ca_certificate_info_get_issuer (leaf), ==, "CN=CertAssist Test Intermediate,O=CertAssist Test");
  g_assert_true (g_strv_equal (ca_certificate_info_get_sans (leaf), sans));
  g_assert_cmpuint (g_strv_length ((char **) ca_certificate_info_get_dns_names (leaf)), ==, 4);
  g_assert_cmpuint (g_strv_length ((char **) ca_certificate_info_get_ip_addresses (leaf)), ==, 2);
  g_assert_cmpstr (ca_certificate_info_get_key_description (leaf), ==, "RSA 2048");
  /* The intermediate's key is EC, so it signs with ECDSA. */
  g_assert_cmpstr (ca_certificate_info_get_signature_algorithm (leaf), ==, "ecdsa-with-SHA256");
  g_assert_cmpuint (strlen (fingerprint), ==, 32 * 3 - 1);
  g_assert_true (g_str_is_ascii (ca_certificate_info_get_serial (leaf)));
  g_assert_cmpuint (strspn (ca_certificate_info_get_serial (leaf), "0123456789ABCDEF"), ==,
                    strlen (ca_certificate_info_get_serial (leaf)));
  g_assert_false (ca_certificate_info_get_is_ca (leaf));
  g_assert_false (ca_certificate_info_get_amazon_issued (leaf));
  g_assert_cmpint (ca_certificate_info_get_days_left (leaf, NULL), >=, 198);
  g_assert_cmpint (ca_certificate_info_get_days_left (leaf, NULL), <=, 200);
  g_assert_cmpstr (ca_certificate_info_get_key_description (chain_at (report, 1)), ==, "EC P-384");
  g_assert_true (ca_certificate_info_get_is_ca (chain_at (report, 1)));
}

/* The same certificate in DER and PEM has the same fingerprint. */
static void
test_der (void)
{
  g_autoptr (GPtrArray) der = load_ok ("leaf.der");
  g_autoptr (GPtrArray) pem = load_ok ("leaf.pem");

  g_assert_cmpuint (der->len, ==, 1);
  g_assert_cmpstr (ca_certificate_info_get_fingerprint (g_ptr_array_index (der, 0)), ==,
                   ca_certificate_info_get_fingerprint (g_ptr_array_index (pem, 0)));
}

static void
test_pkcs7 (void)
{
  g_autoptr (CaX509Report) ordered = report_for ("chain.pem", NULL);
  const char *names[] = { "chain.p7b", "chain-der.p7b" };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autoptr (CaX509Report) report = report_for (names[n], NULL);

      g_assert_cmpuint (ca_x509_report_get_chain (report)->len, ==, 3);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpstr (ca_certificate_info_get_fingerprint (chain_at (report, i)), ==,
                         ca_certificate_info_get_fingerprint (chain_at (ordered, i)));
    }
}

static void
test_many_sans (void)
{
  g_autoptr (CaX509Report) report = report_for ("many.pem", NULL);
  CaCertificateInfo *leaf = ca_x509_report_get_leaf (report);
  const char * const *ips = ca_certificate_info_get_ip_addresses (leaf);

  g_assert_cmpuint (g_strv_length ((char **) ca_certificate_info_get_sans (leaf)), ==, 123);
  g_assert_cmpstr (ips[0], ==, "192.0.2.7");
  g_assert_cmpstr (ips[1], ==, "2001:db8::7");
  g_assert_cmpstr (ca_certificate_info_get_key_description (leaf), ==, "EC P-256");
  g_assert_true (ca_certificate_info_covers_name (leaf, "host77.many.example"));
  g_assert_true (ca_certificate_info_covers_name (leaf, "HOST120.many.example."));
  g_assert_false (ca_certificate_info_covers_name (leaf, "host121.many.example"));
  g_assert_true (ca_certificate_info_covers_name (leaf, "2001:0db8:0:0::7"));
  g_assert_false (ca_certificate_info_covers_name (leaf, "192.0.2.8"));
}

static void
test_wildcard_covers_one_label (void)
{
  g_autoptr (CaX509Report) report = report_for ("leaf.pem", NULL);
  CaCertificateInfo *leaf = ca_x509_report_get_leaf (report);

  g_assert_true (ca_certificate_info_covers_name (leaf, "cart.shop.example"));
  g_assert_false (ca_certificate_info_covers_name (leaf, "shop.example"));
  g_assert_false (ca_certificate_info_covers_name (leaf, "a.cart.shop.example"));
  g_assert_true (ca_certificate_info_covers_name (leaf, "127.0.0.1"));
  g_assert_true (ca_certificate_info_covers_name (leaf, "::1"));
  /* The CN is not a name a browser accepts on its own. */
  g_assert_false (ca_certificate_info_covers_name (leaf, "other.example"));
}

static void
test_dns_name_matches (void)
{
  g_assert_true (ca_x509_dns_name_matches ("www.example.com", "WWW.Example.com."));
  g_assert_true (ca_x509_dns_name_matches ("*.example.com", "a.example.com"));
  g_assert_false (ca_x509_dns_name_matches ("*.example.com", "example.com"));
  g_assert_false (ca_x509_dns_name_matches ("*.example.com", ".example.com"));
  g_assert_false (ca_x509_dns_name_matches ("*.example.com", "a.b.example.com"));
  g_assert_false (ca_x509_dns_name_matches ("*.", "a."));
  g_assert_false (ca_x509_dns_name_matches ("example.com", "example.co"));
  g_assert_false (ca_x509_dns_name_matches ("", "example.com"));
}

static void
test_normalize_name (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *idn = ca_x509_normalize_name ("Bücher.Example.", NULL);
  g_autofree char *ip = ca_x509_normalize_name ("2001:DB8:0::1", NULL);
  g_autofree char *single = ca_x509_normalize_name ("LocalHost", NULL);
  g_autofree char *bad = ca_x509_normalize_name ("a b.example", &error);

  g_assert_cmpstr (idn, ==, "xn--bcher-kva.example");
  g_assert_cmpstr (ip, ==, "2001:db8::1");
  g_assert_cmpstr (single, ==, "localhost");
  g_assert_null (bad);
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN);
}

static void
test_amazon_rule (void)
{
  g_autoptr (CaX509Report) report = report_for ("amazon-chain.pem", NULL);
  g_autoptr (GPtrArray) findings = ca_x509_report_compute_findings (report, NULL);

  g_assert_true (ca_certificate_info_get_amazon_issued (ca_x509_report_get_leaf (report)));
  g_assert_cmpuint (count_findings (findings, "cert_not_amazon_issued"), ==, 0);
  g_assert_true (ca_x509_is_amazon_issuer ("Amazon", "Amazon RSA 2048 M01"));
  g_assert_true (ca_x509_is_amazon_issuer ("Amazon", "Amazon"));
  g_assert_true (ca_x509_is_amazon_issuer (NULL, "Amazon ECDSA 256 M02"));
  g_assert_false (ca_x509_is_amazon_issuer ("Amazon Web Services Fans", "Amazonian CA"));
  g_assert_false (ca_x509_is_amazon_issuer ("Let's Encrypt", "R11"));
  g_assert_false (ca_x509_is_amazon_issuer (NULL, NULL));
}

static void
test_not_amazon_finding (void)
{
  g_autoptr (CaX509Report) report = report_for ("chain.pem", NULL);
  g_autoptr (GPtrArray) findings = ca_x509_report_compute_findings (report, NULL);
  g_autoptr (GPtrArray) imported = NULL;

  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpuint (count_findings (findings, "cert_not_amazon_issued"), ==, 1);
  ca_x509_report_set_expects_amazon (report, FALSE);
  imported = ca_x509_report_compute_findings (report, NULL);
  g_assert_cmpuint (imported->len, ==, 0);
}

static CaAcmCertificate *
acm_certificate (const char *type)
{
  g_autofree char *json = g_strdup_printf ("{\"CertificateArn\": \"arn:aws:acm:us-east-1:123456789012:certificate/1\", "
                                           "\"DomainName\": \"www.example\", \"Status\": \"ISSUED\", "
                                           "\"Type\": \"%s\"}", type);
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (GError) error = NULL;
  CaAcmCertificate *certificate = ca_acm_certificate_new_from_json (json_node_get_object (node), &error);

  g_assert_no_error (error);
  return certificate;
}

/* An imported certificate is not expected to come from Amazon; an ACM-issued one is. */
static void
test_acm_expectation (void)
{
  g_autoptr (CaX509Report) report = report_for ("chain.pem", NULL);
  g_autoptr (CaAcmCertificate) imported = acm_certificate ("IMPORTED");
  g_autoptr (CaAcmCertificate) issued = acm_certificate ("AMAZON_ISSUED");
  g_autoptr (GPtrArray) imported_findings = NULL;
  g_autoptr (GPtrArray) issued_findings = NULL;
  g_autoptr (JsonNode) node = NULL;

  ca_x509_report_set_acm (report, imported);
  imported_findings = ca_x509_report_compute_findings (report, NULL);
  g_assert_cmpuint (count_findings (imported_findings, "cert_not_amazon_issued"), ==, 0);
  ca_x509_report_set_acm (report, issued);
  issued_findings = ca_x509_report_compute_findings (report, NULL);
  g_assert_cmpuint (count_findings (issued_findings, "cert_not_amazon_issued"), ==, 1);
  node = ca_x509_report_to_json (report, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (node), "acm"),
                                                  "type"), ==, "AMAZON_ISSUED");
}

static void
test_expired (void)
{
  g_autoptr (CaX509Report) report = report_for ("expired-served.pem", NULL);
  CaCertificateInfo *leaf = ca_x509_report_get_leaf (report);
  g_autoptr (GPtrArray) findings = ca_x509_report_compute_findings (report, NULL);
  g_autofree char *not_after = ca_x509_format_time (ca_certificate_info_get_not_after (leaf));

  g_assert_cmpstr (not_after, ==, "2020-04-01T00:00:00Z");
  g_assert_cmpint (ca_certificate_info_get_days_left (leaf, NULL), <, -2000);
  g_assert_cmpuint (count_findings (findings, "cert_expired"), ==, 1);
  g_assert_cmpuint (count_findings (findings, "cert_expires_soon"), ==, 0);
  /* Most severe first. */
  g_assert_cmpstr (ca_finding_get_id_string (g_ptr_array_index (findings, 0)), ==, "cert_expired");
}

static void
test_expires_soon (void)
{
  g_autoptr (CaX509Report) report = report_for ("soon-served.pem", NULL);
  g_autoptr (GPtrArray) findings = ca_x509_report_compute_findings (report, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) before = g_date_time_add_days (now, -100);
  g_autoptr (GPtrArray) earlier = ca_x509_report_compute_findings (report, before);

  g_assert_cmpuint (count_findings (findings, "cert_expires_soon"), ==, 1);
  g_assert_cmpuint (count_findings (findings, "cert_expired"), ==, 0);
  /* Judged 100 days earlier, the same certificate has time left. */
  g_assert_cmpuint (count_findings (earlier, "cert_expires_soon"), ==, 0);
}

static void
test_days_left_rounding (void)
{
  g_autoptr (GPtrArray) certificates = load_ok ("expired.pem");
  CaCertificateInfo *info = g_ptr_array_index (certificates, 0);
  GDateTime *not_after = ca_certificate_info_get_not_after (info);
  g_autoptr (GDateTime) second_before = g_date_time_add_seconds (not_after, -1);
  g_autoptr (GDateTime) second_after = g_date_time_add_seconds (not_after, 1);
  g_autoptr (GDateTime) day_before = g_date_time_add_seconds (not_after, -86401);

  g_assert_cmpint (ca_certificate_info_get_days_left (info, second_before), ==, 0);
  g_assert_cmpint (ca_certificate_info_get_days_left (info, second_after), ==, -1);
  g_assert_cmpint (ca_certificate_info_get_days_left (info, day_before), ==, 1);
}

static void
test_self_signed (void)
{
  g_autoptr (CaX509Report) report = report_for ("self-signed.pem", NULL);
  g_autoptr (GPtrArray) findings = ca_x509_report_compute_findings (report, NULL);
  CaCertificateInfo *leaf = ca_x509_report_get_leaf (report);

  g_assert_true (ca_certificate_info_get_self_signed (leaf));
  g_assert_false (ca_certificate_info_get_is_ca (leaf));
  g_assert_true (ca_x509_report_get_chain_complete (report));
  g_assert_cmpstr (ca_certificate_info_get_key_description (leaf), ==, "EC P-256");
  g_assert_cmpuint (count_findings (findings, "cert_chain_incomplete"), ==, 0);
}

static void
test_missing_intermediate (void)
{
  g_autoptr (CaX509Report) report = report_for ("chain-no-intermediate.pem", NULL);
  g_autoptr (GPtrArray) findings = ca_x509_report_compute_findings (report, NULL);

  g_assert_false (ca_x509_report_get_chain_complete (report));
  g_assert_cmpuint (ca_x509_report_get_path_length (report), ==, 1);
  g_assert_cmpuint (ca_x509_report_get_chain (report)->len, ==, 2);
  g_assert_cmpstr (ca_x509_report_get_missing_issuer (report), ==,
                   "CN=CertAssist Test Intermediate,O=CertAssist Test");
  g_assert_cmpuint (count_findings (findings, "cert_chain_incomplete"), ==, 2);
}

/* A served chain omits the root: complete when the root is a trust anchor. */
static void
test_anchors (void)
{
  g_autoptr (GPtrArray) roots = load_ok ("root.pem");
  g_autoptr (CaX509Report) anchored = report_for ("chain-served.pem", roots);
  g_autoptr (CaX509Report) system = report_for ("chain-served.pem", NULL);

  g_assert_true (ca_x509_report_get_chain_complete (anchored));
  g_assert_cmpuint (ca_x509_report_get_path_length (anchored), ==, 2);
  g_assert_false (ca_x509_report_get_chain_complete (system));
  g_assert_cmpstr (ca_x509_report_get_missing_issuer (system), ==, "CN=CertAssist Test Root,O=CertAssist Test");
}

static void
test_duplicates_dropped (void)
{
  g_autoptr (GPtrArray) certificates = load_ok ("chain.pem");
  g_autoptr (CaX509Report) report = NULL;

  g_ptr_array_add (certificates, g_object_ref (g_ptr_array_index (certificates, 1)));
  report = ca_x509_report_new (CA_X509_SOURCE_FILE, "x", certificates, NULL);
  g_assert_cmpuint (ca_x509_report_get_chain (report)->len, ==, 3);
}

static void
test_names (void)
{
  g_autoptr (CaX509Report) report = report_for ("chain.pem", NULL);
  const char *names[] = { "www.example", "cart.shop.example", "missing.example", NULL };
  g_autoptr (GPtrArray) findings = NULL;
  CaFinding *finding;

  ca_x509_report_set_names (report, names);
  findings = ca_x509_report_compute_findings (report, NULL);
  g_assert_cmpuint (count_findings (findings, "cert_name_missing"), ==, 1);
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpstr (ca_finding_get_id_string (finding), ==, "cert_name_missing");
  g_assert_cmpstr (ca_finding_get_name (finding), ==, "missing.example");
  g_assert_nonnull (strstr (ca_finding_get_message (finding), "missing.example"));
}

static void
test_bad_input (void)
{
  assert_load_fails ("broken.pem", CA_ERROR_NO_CERTIFICATE, "damaged");
  assert_load_fails ("truncated.der", CA_ERROR_NO_CERTIFICATE, "cut short");
  assert_load_fails ("garbage.bin", CA_ERROR_NO_CERTIFICATE, "1 MiB");
  assert_load_fails ("key-only.pem", CA_ERROR_NO_CERTIFICATE, "private key");
  assert_load_fails ("text.txt", CA_ERROR_NO_CERTIFICATE, "no certificate");
  assert_load_fails ("empty.pem", CA_ERROR_NO_CERTIFICATE, "no certificate");
  assert_load_fails ("does-not-exist.pem", CA_ERROR_INVALID_INPUT, "Cannot read");
  assert_load_fails ("", CA_ERROR_INVALID_INPUT, "Cannot read");
}

/*
 * Files about certificates that are no certificates: CSR, CRL, OCSP
 */

typedef struct
{
  GBytes *der;
  GBytes *pem;
} Encoded;

static void
encoded_clear (Encoded *encoded)
{
  g_clear_pointer (&encoded->der, g_bytes_unref);
  g_clear_pointer (&encoded->pem, g_bytes_unref);
}

/* The DER, and PEM under @label. */
static Encoded
encode (unsigned char *der,
        int            len,
        const char    *label)
{
  Encoded encoded = { NULL, NULL };
  BIO *bio = BIO_new (BIO_s_mem ());
  char *pem = NULL;
  long pem_len;

  g_assert_cmpint (len, >, 0);
  g_assert_cmpint (PEM_write_bio (bio, label, "", der, len), >, 0);
  pem_len = BIO_get_mem_data (bio, &pem);
  encoded.der = g_bytes_new (der, len);
  encoded.pem = g_bytes_new (pem, pem_len);
  BIO_free (bio);
  OPENSSL_free (der);
  return encoded;
}

static Encoded
make_csr (EVP_PKEY *key)
{
  X509_REQ *req = X509_REQ_new ();
  unsigned char *der = NULL;
  int len;

  X509_NAME_add_entry_by_txt (X509_REQ_get_subject_name (req), "CN", MBSTRING_ASC,
                              (const unsigned char *) "www.example.com", -1, -1, 0);
  X509_REQ_set_pubkey (req, key);
  g_assert_cmpint (X509_REQ_sign (req, key, EVP_sha256 ()), >, 0);
  len = i2d_X509_REQ (req, &der);
  X509_REQ_free (req);
  return encode (der, len, PEM_STRING_X509_REQ);
}

static Encoded
make_crl (EVP_PKEY *key)
{
  X509_CRL *crl = X509_CRL_new ();
  X509_NAME *issuer = X509_NAME_new ();
  ASN1_TIME *now = ASN1_TIME_set (NULL, time (NULL));
  unsigned char *der = NULL;
  int len;

  X509_NAME_add_entry_by_txt (issuer, "CN", MBSTRING_ASC, (const unsigned char *) "Test CA", -1, -1, 0);
  X509_CRL_set_version (crl, 1);
  X509_CRL_set_issuer_name (crl, issuer);
  X509_CRL_set1_lastUpdate (crl, now);
  g_assert_cmpint (X509_CRL_sign (crl, key, EVP_sha256 ()), >, 0);
  len = i2d_X509_CRL (crl, &der);
  ASN1_TIME_free (now);
  X509_NAME_free (issuer);
  X509_CRL_free (crl);
  return encode (der, len, PEM_STRING_X509_CRL);
}

static Encoded
make_ocsp_response (void)
{
  OCSP_RESPONSE *response = OCSP_response_create (OCSP_RESPONSE_STATUS_TRYLATER, NULL);
  unsigned char *der = NULL;
  int len = i2d_OCSP_RESPONSE (response, &der);

  OCSP_RESPONSE_free (response);
  return encode (der, len, "OCSP RESPONSE");
}

static Encoded
make_ocsp_request (void)
{
  OCSP_REQUEST *request = OCSP_REQUEST_new ();
  unsigned char *der = NULL;
  int len = i2d_OCSP_REQUEST (request, &der);

  OCSP_REQUEST_free (request);
  return encode (der, len, "OCSP REQUEST");
}

static void
assert_parse_says (GBytes     *bytes,
                   const char *words)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parsed = ca_x509_parse (bytes, "thing.bin", &error);

  g_assert_null (parsed);
  g_assert_error (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE);
  if (strstr (error->message, words) == NULL || strstr (error->message, "Give the certificate") == NULL)
    g_error ("“%s” does not say “%s” and what to give instead", error->message, words);
}

/* Each says what it is and what to give instead, in PEM and in DER. */
static void
test_other_kinds (void)
{
  EVP_PKEY *key = EVP_EC_gen ("P-256");
  Encoded kinds[4];
  const char *words[] = { "certificate signing request (CSR)", "certificate revocation list (CRL)",
                          "is an OCSP response", "is an OCSP request" };

  kinds[0] = make_csr (key);
  kinds[1] = make_crl (key);
  kinds[2] = make_ocsp_response ();
  kinds[3] = make_ocsp_request ();
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      assert_parse_says (kinds[i].der, words[i]);
      assert_parse_says (kinds[i].pem, words[i]);
      encoded_clear (&kinds[i]);
    }
  EVP_PKEY_free (key);
}

/* The CLI's answer: the contract's error object, exit 2, the same words. */
static void
test_other_kind_cli (void)
{
  EVP_PKEY *key = EVP_EC_gen ("P-256");
  Encoded csr = make_csr (key);
  g_autofree char *dir = ca_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "request.csr", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaTestRun) run = NULL;
  JsonObject *object;

  g_file_set_contents (path, g_bytes_get_data (csr.pem, NULL), g_bytes_get_size (csr.pem), &error);
  g_assert_no_error (error);
  run = ca_test_run_cli (NULL, "inspect", path, "--json", NULL);
  g_assert_cmpint (run->exit_status, ==, 2);
  object = json_object_get_object_member (ca_test_run_get_object (run), "error");
  g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, "no_certificate");
  g_assert_nonnull (strstr (json_object_get_string_member (object, "message"), "certificate signing request"));
  g_unlink (path);
  g_rmdir (dir);
  encoded_clear (&csr);
  EVP_PKEY_free (key);
}

/* The cap holds for bytes that never were a file, too. */
static void
test_parse_cap (void)
{
  G_GNUC_UNUSED g_autoptr (GPtrArray) pem = load_ok ("leaf.pem");
  g_autoptr (GString) big = g_string_new ("");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) parsed = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = cert_path ("leaf.pem");
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  while (big->len <= CA_X509_MAX_FILE_SIZE)
    g_string_append (big, text);
  bytes = g_bytes_new (big->str, big->len);
  parsed = ca_x509_parse (bytes, "big", &error);
  g_assert_null (parsed);
  g_assert_error (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE);
}

static void
load_async_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = ca_x509_load_file_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_load_async (void)
{
  g_autofree char *path = cert_path ("chain.pem");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) certificates = NULL;

  ca_x509_load_file_async (file, NULL, load_async_cb, &certificates);
  while (certificates == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (certificates->len, ==, 3);
}

static void
test_json (void)
{
  g_autoptr (CaX509Report) report = report_for ("chain-shuffled.pem", NULL);
  g_autoptr (JsonNode) node = ca_x509_report_to_json (report, NULL);
  JsonObject *object = json_node_get_object (node);
  const char *keys[] = { "subject", "issuer", "sans", "not_before", "not_after", "key", "amazon_issued", "days_left" };
  JsonArray *chain = json_object_get_array_member (object, "chain");

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_true (json_object_has_member (object, keys[i]));
      g_assert_true (json_object_has_member (json_array_get_object_element (chain, 2), keys[i]));
    }
  g_assert_cmpstr (json_object_get_string_member (object, "key"), ==, "RSA 2048");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                       json_object_get_string_member (object, "not_after"), 0, 0));
  g_assert_cmpuint (json_array_get_length (chain), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (chain, 0), "subject"), ==,
                   "CN=www.example");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (chain, 2), "subject"), ==,
                   "CN=CertAssist Test Root,O=CertAssist Test");
  g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, "file");
  g_assert_true (json_object_get_boolean_member (object, "chain_complete"));
  g_assert_false (json_object_has_member (object, "endpoint"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "findings")), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/x509/pem/chain-in-order", test_pem_chain_in_order);
  g_test_add_func ("/x509/pem/chain-shuffled", test_pem_chain_shuffled);
  g_test_add_func ("/x509/pem/duplicates-dropped", test_duplicates_dropped);
  g_test_add_func ("/x509/fields/leaf", test_leaf_fields);
  g_test_add_func ("/x509/fields/many-sans", test_many_sans);
  g_test_add_func ("/x509/fields/days-left-rounding", test_days_left_rounding);
  g_test_add_func ("/x509/der", test_der);
  g_test_add_func ("/x509/pkcs7", test_pkcs7);
  g_test_add_func ("/x509/names/wildcard-one-label", test_wildcard_covers_one_label);
  g_test_add_func ("/x509/names/dns-name-matches", test_dns_name_matches);
  g_test_add_func ("/x509/names/normalize", test_normalize_name);
  g_test_add_func ("/x509/findings/amazon", test_amazon_rule);
  g_test_add_func ("/x509/findings/not-amazon", test_not_amazon_finding);
  g_test_add_func ("/x509/findings/acm-expectation", test_acm_expectation);
  g_test_add_func ("/x509/findings/expired", test_expired);
  g_test_add_func ("/x509/findings/expires-soon", test_expires_soon);
  g_test_add_func ("/x509/findings/names", test_names);
  g_test_add_func ("/x509/chain/self-signed", test_self_signed);
  g_test_add_func ("/x509/chain/missing-intermediate", test_missing_intermediate);
  g_test_add_func ("/x509/chain/anchors", test_anchors);
  g_test_add_func ("/x509/input/bad", test_bad_input);
  g_test_add_func ("/x509/input/other-kinds", test_other_kinds);
  g_test_add_func ("/x509/input/other-kind-cli", test_other_kind_cli);
  g_test_add_func ("/x509/input/parse-cap", test_parse_cap);
  g_test_add_func ("/x509/input/load-async", test_load_async);
  g_test_add_func ("/x509/json", test_json);

  return g_test_run ();
}
