/* ca-certificate-info.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaCertificateInfo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>

#include "ca-certificate-info.h"
#include "ca-error.h"
#include "ca-x509.h"
#include "ca-x509-private.h"

struct _CaCertificateInfo
{
  GObject    parent_instance;

  X509      *x509;
  GBytes    *der;
  char      *subject;
  char      *common_name;
  char      *issuer;
  char      *issuer_common_name;
  GStrv      sans;
  GStrv      dns_names;
  GStrv      ip_addresses;
  GDateTime *not_before;
  GDateTime *not_after;
  char      *key_description;
  char      *signature_algorithm;
  char      *serial;
  char      *fingerprint;
  gboolean   amazon_issued;
  gboolean   is_ca;
  gboolean   self_signed;
};

G_DEFINE_FINAL_TYPE (CaCertificateInfo, ca_certificate_info, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SUBJECT,
  PROP_COMMON_NAME,
  PROP_ISSUER,
  PROP_NOT_BEFORE,
  PROP_NOT_AFTER,
  PROP_KEY_DESCRIPTION,
  PROP_FINGERPRINT,
  PROP_AMAZON_ISSUED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Certificates are untrusted input: everything shown must be valid UTF-8. */
static char *
bio_take_string (BIO *bio)
{
  char *data = NULL;
  long len = BIO_get_mem_data (bio, &data);
  char *result = g_utf8_make_valid (data != NULL ? data : "", len > 0 ? len : 0);

  BIO_free (bio);
  return result;
}

static char *
format_name (const X509_NAME *name)
{
  BIO *bio = BIO_new (BIO_s_mem ());

  /* RFC 2253 order (CN first), but keep UTF-8 instead of escaping it. */
  X509_NAME_print_ex (bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  return bio_take_string (bio);
}

static char *
get_name_entry (const X509_NAME *name,
                int              nid)
{
  int index = X509_NAME_get_index_by_NID (name, nid, -1);
  unsigned char *utf8 = NULL;
  char *result;
  int len;

  if (index < 0)
    return NULL;
  len = ASN1_STRING_to_UTF8 (&utf8, X509_NAME_ENTRY_get_data (X509_NAME_get_entry (name, index)));
  if (len < 0)
    return NULL;
  result = g_utf8_make_valid ((const char *) utf8, len);
  OPENSSL_free (utf8);
  return result;
}

static char *
format_ip_address (const ASN1_OCTET_STRING *octets)
{
  int len = ASN1_STRING_length (octets);
  g_autoptr (GInetAddress) address = NULL;

  if (len == 4)
    address = g_inet_address_new_from_bytes (ASN1_STRING_get0_data (octets), G_SOCKET_FAMILY_IPV4);
  else if (len == 16)
    address = g_inet_address_new_from_bytes (ASN1_STRING_get0_data (octets), G_SOCKET_FAMILY_IPV6);
  return address != NULL ? g_inet_address_to_string (address) : NULL;
}

/* A DNS name with an embedded NUL is an old spoofing trick: drop it. */
static char *
format_dns_name (const ASN1_IA5STRING *ia5)
{
  const char *data = (const char *) ASN1_STRING_get0_data (ia5);
  int len = ASN1_STRING_length (ia5);

  if (len <= 0 || memchr (data, '\0', len) != NULL)
    return NULL;
  return g_utf8_make_valid (data, len);
}

static void
read_sans (CaCertificateInfo *self)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();
  g_autoptr (GPtrArray) dns = g_ptr_array_new ();
  g_autoptr (GPtrArray) ips = g_ptr_array_new ();
  GENERAL_NAMES *names = X509_get_ext_d2i (self->x509, NID_subject_alt_name, NULL, NULL);

  for (int i = 0; names != NULL && i < sk_GENERAL_NAME_num (names); i++)
    {
      const GENERAL_NAME *name = sk_GENERAL_NAME_value (names, i);
      char *text = NULL;

      if (name->type == GEN_DNS)
        {
          text = format_dns_name (name->d.dNSName);
          if (text != NULL)
            g_ptr_array_add (dns, g_strdup (text));
        }
      else if (name->type == GEN_IPADD)
        {
          text = format_ip_address (name->d.iPAddress);
          if (text != NULL)
            g_ptr_array_add (ips, g_strdup (text));
        }
      if (text != NULL)
        g_ptr_array_add (all, text);
    }
  GENERAL_NAMES_free (names);

  g_ptr_array_add (all, NULL);
  g_ptr_array_add (dns, NULL);
  g_ptr_array_add (ips, NULL);
  self->sans = (GStrv) g_ptr_array_steal (all, NULL);
  self->dns_names = (GStrv) g_ptr_array_steal (dns, NULL);
  self->ip_addresses = (GStrv) g_ptr_array_steal (ips, NULL);
}

static GDateTime *
asn1_time_to_date_time (const ASN1_TIME *time)
{
  struct tm tm = { 0 };

  if (time == NULL || ASN1_TIME_to_tm (time, &tm) != 1)
    return NULL;
  return g_date_time_new_utc (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                              tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* "RSA 2048", "EC P-256", "Ed25519": the words the ACM console uses. */
static char *
describe_key (EVP_PKEY *pkey)
{
  char group[64] = "";
  size_t group_len = 0;
  const char *nist;

  if (pkey == NULL)
    return g_strdup (_("unknown"));

  switch (EVP_PKEY_get_base_id (pkey))
    {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
      return g_strdup_printf ("RSA %d", EVP_PKEY_get_bits (pkey));
    case EVP_PKEY_DSA:
      return g_strdup_printf ("DSA %d", EVP_PKEY_get_bits (pkey));
    case EVP_PKEY_ED25519:
      return g_strdup ("Ed25519");
    case EVP_PKEY_ED448:
      return g_strdup ("Ed448");
    case EVP_PKEY_EC:
      if (EVP_PKEY_get_group_name (pkey, group, sizeof group, &group_len) != 1)
        return g_strdup_printf ("EC %d", EVP_PKEY_get_bits (pkey));
      nist = EC_curve_nid2nist (OBJ_txt2nid (group));
      return g_strdup_printf ("EC %s", nist != NULL ? nist : group);
    default:
      return g_strdup_printf ("%s %d", OBJ_nid2sn (EVP_PKEY_get_base_id (pkey)), EVP_PKEY_get_bits (pkey));
    }
}

static char *
hex_colon (const unsigned char *data,
           gsize                len)
{
  GString *text = g_string_sized_new (len * 3);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (text, i == 0 ? "%02X" : ":%02X", data[i]);
  return g_string_free (text, FALSE);
}

static char *
format_serial (X509 *x509)
{
  BIGNUM *bn = ASN1_INTEGER_to_BN (X509_get0_serialNumber (x509), NULL);
  char *hex = bn != NULL ? BN_bn2hex (bn) : NULL;
  char *result = g_strdup (hex != NULL ? hex : "");

  OPENSSL_free (hex);
  BN_free (bn);
  return result;
}

static char *
format_fingerprint (X509 *x509)
{
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;

  if (X509_digest (x509, EVP_sha256 (), md, &len) != 1)
    return g_strdup ("");
  return hex_colon (md, len);
}

static gboolean
read_fields (CaCertificateInfo  *self,
             GError            **error)
{
  g_autofree char *issuer_org = NULL;

  self->not_before = asn1_time_to_date_time (X509_get0_notBefore (self->x509));
  self->not_after = asn1_time_to_date_time (X509_get0_notAfter (self->x509));
  if (self->not_before == NULL || self->not_after == NULL)
    {
      g_set_error_literal (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE,
                           _("The certificate’s validity dates cannot be read."));
      return FALSE;
    }

  self->subject = format_name (X509_get_subject_name (self->x509));
  self->common_name = get_name_entry (X509_get_subject_name (self->x509), NID_commonName);
  self->issuer = format_name (X509_get_issuer_name (self->x509));
  self->issuer_common_name = get_name_entry (X509_get_issuer_name (self->x509), NID_commonName);
  issuer_org = get_name_entry (X509_get_issuer_name (self->x509), NID_organizationName);
  self->amazon_issued = ca_x509_is_amazon_issuer (issuer_org, self->issuer_common_name);
  read_sans (self);
  self->key_description = describe_key (X509_get0_pubkey (self->x509));
  self->signature_algorithm = g_strdup (OBJ_nid2ln (X509_get_signature_nid (self->x509)));
  self->serial = format_serial (self->x509);
  self->fingerprint = format_fingerprint (self->x509);
  /* X509_check_ca() also counts old v1 roots and keyCertSign-only CAs. */
  self->is_ca = X509_check_ca (self->x509) != 0;
  self->self_signed = X509_self_signed (self->x509, 1) == 1;

  return TRUE;
}

/*
 * Callbacks
 */

static void
ca_certificate_info_finalize (GObject *object)
{
  CaCertificateInfo *self = (CaCertificateInfo *) object;

  g_clear_pointer (&self->x509, X509_free);
  g_clear_pointer (&self->der, g_bytes_unref);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->common_name, g_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->issuer_common_name, g_free);
  g_clear_pointer (&self->sans, g_strfreev);
  g_clear_pointer (&self->dns_names, g_strfreev);
  g_clear_pointer (&self->ip_addresses, g_strfreev);
  g_clear_pointer (&self->not_before, g_date_time_unref);
  g_clear_pointer (&self->not_after, g_date_time_unref);
  g_clear_pointer (&self->key_description, g_free);
  g_clear_pointer (&self->signature_algorithm, g_free);
  g_clear_pointer (&self->serial, g_free);
  g_clear_pointer (&self->fingerprint, g_free);

  G_OBJECT_CLASS (ca_certificate_info_parent_class)->finalize (object);
}

static void
ca_certificate_info_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CaCertificateInfo *self = CA_CERTIFICATE_INFO (object);

  switch (prop_id)
    {
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_COMMON_NAME:
      g_value_set_string (value, self->common_name);
      break;
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    case PROP_NOT_BEFORE:
      g_value_set_boxed (value, self->not_before);
      break;
    case PROP_NOT_AFTER:
      g_value_set_boxed (value, self->not_after);
      break;
    case PROP_KEY_DESCRIPTION:
      g_value_set_string (value, self->key_description);
      break;
    case PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint);
      break;
    case PROP_AMAZON_ISSUED:
      g_value_set_boolean (value, self->amazon_issued);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_certificate_info_class_init (CaCertificateInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_certificate_info_finalize;
  object_class->get_property = ca_certificate_info_get_property;

  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  properties[PROP_COMMON_NAME] = g_param_spec_string ("common-name", NULL, NULL, NULL, flags);
  properties[PROP_ISSUER] = g_param_spec_string ("issuer", NULL, NULL, NULL, flags);
  properties[PROP_NOT_BEFORE] = g_param_spec_boxed ("not-before", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_NOT_AFTER] = g_param_spec_boxed ("not-after", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_KEY_DESCRIPTION] = g_param_spec_string ("key-description", NULL, NULL, NULL, flags);
  properties[PROP_FINGERPRINT] = g_param_spec_string ("fingerprint", NULL, NULL, NULL, flags);
  properties[PROP_AMAZON_ISSUED] = g_param_spec_boolean ("amazon-issued", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_certificate_info_init (CaCertificateInfo *self)
{
}

/*
 * Public API
 */

/**
 * ca_certificate_info_new_from_der:
 * @der: one DER-encoded X.509 certificate, nothing before or after it
 *
 * Returns: (transfer full): the summary, or %NULL with %CA_ERROR_NO_CERTIFICATE
 */
CaCertificateInfo *
ca_certificate_info_new_from_der (GBytes  *der,
                                  GError **error)
{
  g_autoptr (CaCertificateInfo) self = NULL;
  const unsigned char *data;
  const unsigned char *end;
  gsize len;

  g_return_val_if_fail (der != NULL, NULL);

  data = g_bytes_get_data (der, &len);
  end = data;
  self = g_object_new (CA_TYPE_CERTIFICATE_INFO, NULL);
  if (len > G_MAXLONG || (self->x509 = d2i_X509 (NULL, &end, (long) len)) == NULL ||
      end != data + len)
    {
      g_set_error_literal (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE,
                           _("The data is not a complete X.509 certificate."));
      return NULL;
    }

  self->der = g_bytes_ref (der);
  if (!read_fields (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

X509 *
ca_certificate_info_get_x509 (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return self->x509;
}

GBytes *
ca_certificate_info_get_der (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return self->der;
}

/* The whole subject in RFC 2253 form, such as "CN=www.example,O=Example". */
const char *
ca_certificate_info_get_subject (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return self->subject;
}

const char *
ca_certificate_info_get_common_name (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return self->common_name;
}

const char *
ca_certificate_info_get_issuer (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return self->issuer;
}

const char *
ca_certificate_info_get_issuer_common_name (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return self->issuer_common_name;
}

/* DNS names and IP addresses, in the certificate's order. */
const char * const *
ca_certificate_info_get_sans (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return (const char * const *) self->sans;
}

const char * const *
ca_certificate_info_get_dns_names (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return (const char * const *) self->dns_names;
}

const char * const *
ca_certificate_info_get_ip_addresses (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return (const char * const *) self->ip_addresses;
}

GDateTime *
ca_certificate_info_get_not_before (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return self->not_before;
}

GDateTime *
ca_certificate_info_get_not_after (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return self->not_after;
}

const char *
ca_certificate_info_get_key_description (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return self->key_description;
}

const char *
ca_certificate_info_get_signature_algorithm (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return self->signature_algorithm;
}

/* Upper-case hexadecimal, without separators. */
const char *
ca_certificate_info_get_serial (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return self->serial;
}

/* SHA-256 of the DER, upper-case hexadecimal pairs joined by colons. */
const char *
ca_certificate_info_get_fingerprint (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), NULL);

  return self->fingerprint;
}

/* See ca_x509_is_amazon_issuer() for the rule. */
gboolean
ca_certificate_info_get_amazon_issued (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), FALSE);

  return self->amazon_issued;
}

gboolean
ca_certificate_info_get_is_ca (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), FALSE);

  return self->is_ca;
}

/* Issuer equals subject and the certificate's own key verifies its signature. */
gboolean
ca_certificate_info_get_self_signed (CaCertificateInfo *self)
{
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), FALSE);

  return self->self_signed;
}

/**
 * ca_certificate_info_get_days_left:
 * @now: (nullable): the moment to count from, %NULL for now
 *
 * Whole days until notAfter, rounded down: 0 on the last day, negative once
 * expired (-1 on the first day after).
 */
int
ca_certificate_info_get_days_left (CaCertificateInfo *self,
                                   GDateTime         *now)
{
  g_autoptr (GDateTime) current = NULL;
  GTimeSpan span;

  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), 0);

  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  span = g_date_time_difference (self->not_after, current);
  if (span < 0)
    return (int) -((-span + G_TIME_SPAN_DAY - 1) / G_TIME_SPAN_DAY);
  return (int) (span / G_TIME_SPAN_DAY);
}

/* Names and key identifiers match, and @issuer's key verifies the signature. */
gboolean
ca_certificate_info_is_issued_by (CaCertificateInfo *self,
                                  CaCertificateInfo *issuer)
{
  EVP_PKEY *key;

  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), FALSE);
  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (issuer), FALSE);

  if (X509_check_issued (issuer->x509, self->x509) != X509_V_OK)
    return FALSE;
  key = X509_get0_pubkey (issuer->x509);
  return key != NULL && X509_verify (self->x509, key) == 1;
}

/**
 * ca_certificate_info_covers_name:
 * @name: a host name (ASCII, as ca_domain_normalize() gives it) or an IP address
 *
 * Whether a client would accept this certificate for @name: an IP address must
 * be among the IP SANs, a host name must match a DNS SAN, where a leading "*"
 * stands for exactly one label. The subject's CN is not consulted, as browsers
 * stopped doing that and ACM always writes SANs.
 */
gboolean
ca_certificate_info_covers_name (CaCertificateInfo *self,
                                 const char        *name)
{
  g_autoptr (GInetAddress) address = NULL;

  g_return_val_if_fail (CA_IS_CERTIFICATE_INFO (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  address = g_inet_address_new_from_string (name);
  if (address != NULL)
    {
      for (guint i = 0; self->ip_addresses[i] != NULL; i++)
        {
          g_autoptr (GInetAddress) san = g_inet_address_new_from_string (self->ip_addresses[i]);

          if (san != NULL && g_inet_address_equal (san, address))
            return TRUE;
        }
      return FALSE;
    }

  for (guint i = 0; self->dns_names[i] != NULL; i++)
    if (ca_x509_dns_name_matches (self->dns_names[i], name))
      return TRUE;
  return FALSE;
}
