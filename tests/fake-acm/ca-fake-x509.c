/* ca-fake-x509.c: a certificate for each fake certificate, as GetCertificate gives it
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GetCertificate must hand out the certificate that DescribeCertificate
 * describes: its names and its dates. One fixed PEM for every certificate
 * made the demo contradict itself (a certificate for www.example.com listed
 * as example.net, with another expiry date). So each one is issued here, by a
 * fake intermediate made once per process, with the domain as subject, the
 * names as SANs and the fake's NotBefore/NotAfter.
 */

#include "config.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include "ca-fake-x509.h"

#define ISSUER_NAME "Amazon ECDSA 256 M02 (fake)"

typedef struct
{
  EVP_PKEY *key;
  X509     *cert;
  EVP_PKEY *leaf_key;   /* one key for every leaf: only the names and dates matter */
} Issuer;

static void
set_serial (X509 *cert)
{
  unsigned char bytes[16];
  BIGNUM *number;

  RAND_bytes (bytes, sizeof bytes);
  bytes[0] &= 0x7f;  /* positive */
  number = BN_bin2bn (bytes, sizeof bytes, NULL);
  BN_to_ASN1_INTEGER (number, X509_get_serialNumber (cert));
  BN_free (number);
}

static void
add_extension (X509       *cert,
               X509       *issuer,
               int         nid,
               const char *value)
{
  X509V3_CTX ctx;
  X509_EXTENSION *extension;

  X509V3_set_ctx (&ctx, issuer, cert, NULL, NULL, 0);
  extension = X509V3_EXT_conf_nid (NULL, &ctx, nid, value);
  g_assert (extension != NULL);
  X509_add_ext (cert, extension, -1);
  X509_EXTENSION_free (extension);
}

static X509 *
new_cert (const char *common_name,
          gint64      not_before,
          gint64      not_after,
          EVP_PKEY   *key)
{
  X509 *cert = X509_new ();
  X509_NAME *name = X509_get_subject_name (cert);
  time_t from = (time_t) not_before;
  time_t until = (time_t) not_after;

  X509_set_version (cert, 2);
  set_serial (cert);
  X509_time_adj_ex (X509_getm_notBefore (cert), 0, 0, &from);
  X509_time_adj_ex (X509_getm_notAfter (cert), 0, 0, &until);
  X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_UTF8, (const unsigned char *) common_name, -1, -1, 0);
  X509_set_pubkey (cert, key);
  return cert;
}

static Issuer *
get_issuer (void)
{
  static Issuer *issuer;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  X509_NAME *name;

  if (issuer != NULL)
    return issuer;
  issuer = g_new0 (Issuer, 1);
  issuer->key = EVP_EC_gen ("P-256");
  issuer->leaf_key = EVP_EC_gen ("P-256");
  issuer->cert = new_cert (ISSUER_NAME, now - 365 * 86400, now + 8 * 365 * 86400, issuer->key);
  name = X509_get_subject_name (issuer->cert);
  X509_NAME_add_entry_by_txt (name, "O", MBSTRING_UTF8, (const unsigned char *) "Amazon", -1, 0, 0);
  X509_NAME_add_entry_by_txt (name, "C", MBSTRING_UTF8, (const unsigned char *) "US", -1, 0, 0);
  X509_set_issuer_name (issuer->cert, name);
  add_extension (issuer->cert, issuer->cert, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
  add_extension (issuer->cert, issuer->cert, NID_key_usage, "critical,digitalSignature,keyCertSign,cRLSign");
  X509_sign (issuer->cert, issuer->key, EVP_sha256 ());
  return issuer;
}

static char *
to_pem (X509 *cert)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long length;
  char *pem;

  PEM_write_bio_X509 (bio, cert);
  length = BIO_get_mem_data (bio, &data);
  pem = g_strndup (data, length);
  BIO_free (bio);
  return pem;
}

/**
 * ca_fake_x509_issue:
 * @domain: the certificate's DomainName, its subject
 * @sans: (nullable): its SubjectAlternativeNames; the domain alone when %NULL
 * @not_before: @not_after: its validity, in seconds since 1970
 * @chain: (out): the issuer, PEM
 *
 * Returns: the leaf, PEM
 */
char *
ca_fake_x509_issue (const char         *domain,
                    const char * const *sans,
                    gint64              not_before,
                    gint64              not_after,
                    char              **chain)
{
  Issuer *issuer = get_issuer ();
  X509 *leaf = new_cert (domain, not_before, not_after, issuer->leaf_key);
  g_autoptr (GString) san = g_string_new (NULL);
  char *pem;

  X509_set_issuer_name (leaf, X509_get_subject_name (issuer->cert));
  if (sans == NULL || sans[0] == NULL)
    g_string_append_printf (san, "DNS:%s", domain);
  for (guint i = 0; sans != NULL && sans[i] != NULL; i++)
    g_string_append_printf (san, "%sDNS:%s", i > 0 ? "," : "", sans[i]);
  add_extension (leaf, issuer->cert, NID_subject_alt_name, san->str);
  add_extension (leaf, issuer->cert, NID_basic_constraints, "critical,CA:FALSE");
  add_extension (leaf, issuer->cert, NID_key_usage, "critical,digitalSignature");
  add_extension (leaf, issuer->cert, NID_ext_key_usage, "serverAuth");
  X509_sign (leaf, issuer->key, EVP_sha256 ());

  pem = to_pem (leaf);
  *chain = to_pem (issuer->cert);
  X509_free (leaf);
  return pem;
}
