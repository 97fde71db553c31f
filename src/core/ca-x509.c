/* ca-x509.c: read certificates from files and bytes
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaX509"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <string.h>

#include "ca-error.h"
#include "ca-x509.h"

/* Ordering a chain compares every pair: keep n small. */
#define MAX_CERTIFICATES 100

static gboolean
is_certificate_label (const char *label)
{
  return strcmp (label, PEM_STRING_X509) == 0 || strcmp (label, PEM_STRING_X509_OLD) == 0;
}

/* A PKCS#7 bundle (.p7b, .p7c), as CAs and Windows export chains: adds its
 * certificates and returns TRUE, or returns FALSE when @der is not one. */
static gboolean
add_pkcs7_certificates (GPtrArray    *certificates,
                        const guint8 *der,
                        gsize         len)
{
  const unsigned char *end = der;
  PKCS7 *p7 = len <= G_MAXLONG ? d2i_PKCS7 (NULL, &end, (long) len) : NULL;
  STACK_OF (X509) *certs = NULL;
  gboolean ok = FALSE;

  if (p7 != NULL && end == der + len && PKCS7_type_is_signed (p7) && p7->d.sign != NULL)
    {
      certs = p7->d.sign->cert;
      ok = TRUE;
    }
  for (int i = 0; ok && certs != NULL && i < sk_X509_num (certs) && certificates->len < MAX_CERTIFICATES; i++)
    {
      unsigned char *one = NULL;
      int one_len = i2d_X509 (sk_X509_value (certs, i), &one);
      g_autoptr (GBytes) bytes = one_len > 0 ? g_bytes_new (one, one_len) : NULL;
      CaCertificateInfo *info = bytes != NULL ? ca_certificate_info_new_from_der (bytes, NULL) : NULL;

      OPENSSL_free (one);
      if (info != NULL)
        g_ptr_array_add (certificates, info);
    }
  PKCS7_free (p7);
  return ok;
}

static gboolean
pem_end_of_data (void)
{
  unsigned long code = ERR_peek_last_error ();

  return ERR_GET_LIB (code) == ERR_LIB_PEM && ERR_GET_REASON (code) == PEM_R_NO_START_LINE;
}

static void
set_damaged_error (GError    **error,
                   const char *display_name,
                   guint       index)
{
  g_set_error (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE,
               /* Translators: %u counts the PEM blocks of the file, from 1 */
               _("Certificate number %u in “%s” is damaged: its PEM text cannot be decoded."),
               index, display_name);
}

/* Files people give `inspect` that are about certificates, not certificates. */
typedef enum
{
  OTHER_NONE,
  OTHER_CSR,
  OTHER_CRL,
  OTHER_OCSP_RESPONSE,
  OTHER_OCSP_REQUEST,
} OtherKind;

static OtherKind
other_kind_from_label (const char *label)
{
  if (strcmp (label, PEM_STRING_X509_REQ) == 0 || strcmp (label, PEM_STRING_X509_REQ_OLD) == 0)
    return OTHER_CSR;
  if (strcmp (label, PEM_STRING_X509_CRL) == 0)
    return OTHER_CRL;
  if (strcmp (label, "OCSP RESPONSE") == 0)
    return OTHER_OCSP_RESPONSE;
  if (strcmp (label, "OCSP REQUEST") == 0)
    return OTHER_OCSP_REQUEST;
  return OTHER_NONE;
}

/* Each kind decodes only when the DER is that structure and nothing follows. */
#define DECODES_AS(type, bytes, len)                                       \
  G_STMT_START {                                                           \
    const unsigned char *p = (bytes);                                      \
    type *object = d2i_##type (NULL, &p, (long) (len));                    \
    gboolean whole = object != NULL && p == (bytes) + (len);               \
                                                                           \
    type##_free (object);                                                  \
    if (whole)                                                             \
      decoded = TRUE;                                                      \
  } G_STMT_END

static OtherKind
other_kind_from_der (const guint8 *bytes,
                     gsize         len)
{
  gboolean decoded = FALSE;

  if (len == 0 || len > G_MAXLONG)
    return OTHER_NONE;
  DECODES_AS (X509_REQ, bytes, len);
  if (decoded)
    return OTHER_CSR;
  DECODES_AS (X509_CRL, bytes, len);
  if (decoded)
    return OTHER_CRL;
  DECODES_AS (OCSP_RESPONSE, bytes, len);
  if (decoded)
    return OTHER_OCSP_RESPONSE;
  DECODES_AS (OCSP_REQUEST, bytes, len);
  if (decoded)
    return OTHER_OCSP_REQUEST;
  return OTHER_NONE;
}

/* Says what the file is and what to give instead. */
static void
set_other_kind_error (GError     **error,
                      OtherKind    kind,
                      const char  *display_name)
{
  switch (kind)
    {
    case OTHER_CSR:
      g_set_error (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE,
                   /* Translators: %s is a file name */
                   _("“%s” is a certificate signing request (CSR), not a certificate: it is what is sent to a certificate authority to ask for one. Give the certificate that was issued for it, or the host name that serves it."),
                   display_name);
      break;
    case OTHER_CRL:
      g_set_error (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE,
                   /* Translators: %s is a file name */
                   _("“%s” is a certificate revocation list (CRL), not a certificate: it lists certificates their authority has revoked. Give the certificate itself, or the host name that serves it."),
                   display_name);
      break;
    case OTHER_OCSP_RESPONSE:
      g_set_error (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE,
                   /* Translators: %s is a file name */
                   _("“%s” is an OCSP response, not a certificate: it says whether one certificate has been revoked. Give the certificate itself, or the host name that serves it."),
                   display_name);
      break;
    case OTHER_OCSP_REQUEST:
      g_set_error (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE,
                   /* Translators: %s is a file name */
                   _("“%s” is an OCSP request, not a certificate: it asks whether one certificate has been revoked. Give the certificate itself, or the host name that serves it."),
                   display_name);
      break;
    case OTHER_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* Reads every PEM block; blocks that hold no certificate (keys) are skipped,
 * the first CSR, CRL or OCSP block noted in @other. */
static GPtrArray *
parse_pem (const char  *data,
           gsize        len,
           const char  *display_name,
           OtherKind   *other,
           GError     **error)
{
  g_autoptr (GPtrArray) certificates = g_ptr_array_new_with_free_func (g_object_unref);
  BIO *bio = BIO_new_mem_buf (data, (int) len);
  guint index = 0;

  for (;;)
    {
      char *label = NULL;
      char *header = NULL;
      unsigned char *der = NULL;
      long der_len = 0;
      g_autoptr (GBytes) bytes = NULL;
      CaCertificateInfo *info;

      if (PEM_read_bio (bio, &label, &header, &der, &der_len) != 1)
        {
          if (!pem_end_of_data ())
            {
              set_damaged_error (error, display_name, index + 1);
              g_clear_pointer (&certificates, g_ptr_array_unref);
            }
          break;
        }

      index++;
      if (*other == OTHER_NONE)
        *other = other_kind_from_label (label);
      if (is_certificate_label (label))
        bytes = g_bytes_new (der, der_len);
      else if (strcmp (label, PEM_STRING_PKCS7) == 0 && !add_pkcs7_certificates (certificates, der, der_len))
        {
          OPENSSL_free (label);
          OPENSSL_free (header);
          OPENSSL_free (der);
          set_damaged_error (error, display_name, index);
          g_clear_pointer (&certificates, g_ptr_array_unref);
          break;
        }
      OPENSSL_free (label);
      OPENSSL_free (header);
      OPENSSL_free (der);
      if (bytes == NULL)
        continue;

      if (certificates->len == MAX_CERTIFICATES)
        {
          g_set_error (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE,
                       _("“%s” holds more than %d certificates, more than any chain."),
                       display_name, MAX_CERTIFICATES);
          g_clear_pointer (&certificates, g_ptr_array_unref);
          break;
        }
      info = ca_certificate_info_new_from_der (bytes, NULL);
      if (info == NULL)
        {
          set_damaged_error (error, display_name, index);
          g_clear_pointer (&certificates, g_ptr_array_unref);
          break;
        }
      g_ptr_array_add (certificates, info);
    }

  BIO_free (bio);
  return g_steal_pointer (&certificates);
}

static GPtrArray *
parse_der (GBytes      *data,
           const char  *display_name,
           GError     **error)
{
  g_autoptr (GPtrArray) certificates = g_ptr_array_new_with_free_func (g_object_unref);
  CaCertificateInfo *info = ca_certificate_info_new_from_der (data, NULL);
  const guint8 *bytes = g_bytes_get_data (data, NULL);
  OtherKind other;

  if (info != NULL)
    {
      g_ptr_array_add (certificates, info);
      return g_steal_pointer (&certificates);
    }
  if (add_pkcs7_certificates (certificates, bytes, g_bytes_get_size (data)) && certificates->len > 0)
    return g_steal_pointer (&certificates);

  other = other_kind_from_der (bytes, g_bytes_get_size (data));
  if (other != OTHER_NONE)
    set_other_kind_error (error, other, display_name);
  /* Every DER certificate starts with a SEQUENCE tag. */
  else if (g_bytes_get_size (data) > 0 && bytes[0] == 0x30)
    g_set_error (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE,
                 _("“%s” looks like a DER certificate, but it is damaged or cut short."), display_name);
  else
    g_set_error (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE,
                 _("“%s” holds no certificate: expected PEM text or DER data."), display_name);
  return NULL;
}

/**
 * ca_x509_parse:
 * @data: the contents of a PEM file (any number of certificates, in any order,
 *   PKCS#7 bundles among them, other blocks such as keys are skipped), of one
 *   DER certificate or of a DER PKCS#7 bundle
 * @display_name: what to call the data in error messages
 *
 * Returns: (transfer container) (element-type CaCertificateInfo): the
 *   certificates in the order they appear, at least one; %NULL with
 *   %CA_ERROR_NO_CERTIFICATE when there is none or a certificate is damaged
 */
GPtrArray *
ca_x509_parse (GBytes      *data,
               const char  *display_name,
               GError     **error)
{
  g_autoptr (GPtrArray) certificates = NULL;
  g_autofree char *size = NULL;
  const char *bytes;
  gsize len;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  bytes = g_bytes_get_data (data, &len);
  if (len > CA_X509_MAX_FILE_SIZE)
    {
      size = g_format_size (len);
      g_set_error (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE,
                   _("“%s” is %s, too large to be a certificate file (the limit is 1 MiB)."),
                   display_name, size);
      return NULL;
    }

  ERR_clear_error ();
  /* g_strstr_len() stops at a NUL byte, which PEM text never holds and DER soon does. */
  if (len > 0 && g_strstr_len (bytes, len, "-----BEGIN ") != NULL)
    {
      OtherKind other = OTHER_NONE;

      certificates = parse_pem (bytes, len, display_name, &other, error);
      if (certificates != NULL && certificates->len == 0)
        {
          if (other != OTHER_NONE)
            set_other_kind_error (error, other, display_name);
          else
            g_set_error (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE,
                         _("“%s” holds PEM data but no certificate (perhaps only a private key)."),
                         display_name);
          g_clear_pointer (&certificates, g_ptr_array_unref);
        }
    }
  else
    {
      certificates = parse_der (data, display_name, error);
    }
  ERR_clear_error ();

  return g_steal_pointer (&certificates);
}

static char *
get_display_name (GFile *file)
{
  return g_file_get_parse_name (file);
}

/* Reads at most the cap and one byte more, so a huge file costs nothing. */
static GBytes *
read_capped (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *name = get_display_name (file);
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree guint8 *buffer = NULL;
  gsize bytes_read = 0;

  /* Opening a FIFO would block until someone writes to it, and a device may
   * never end: only regular files are read. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                   _("Cannot read “%s”: it is not a regular file."), name);
      return NULL;
    }
  g_clear_object (&info);
  if (local_error == NULL)
    stream = g_file_read (file, cancellable, &local_error);
  if (stream != NULL)
    info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, &local_error);
  if (info != NULL)
    {
      buffer = g_malloc (CA_X509_MAX_FILE_SIZE + 1);
      g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, CA_X509_MAX_FILE_SIZE + 1,
                               &bytes_read, cancellable, &local_error);
    }

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (local_error != NULL)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_INPUT,
                   _("Cannot read “%s”: %s"), name, local_error->message);
      return NULL;
    }

  /* The size attribute lies for pipes; the read count does not. */
  if (g_file_info_get_size (info) > CA_X509_MAX_FILE_SIZE)
    bytes_read = MAX (bytes_read, CA_X509_MAX_FILE_SIZE + 1);
  if (bytes_read > CA_X509_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (MAX ((guint64) g_file_info_get_size (info), bytes_read));

      g_set_error (error, CA_ERROR, CA_ERROR_NO_CERTIFICATE,
                   _("“%s” is %s, too large to be a certificate file (the limit is 1 MiB)."),
                   name, size);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&buffer), bytes_read);
}

/**
 * ca_x509_load_file:
 *
 * Reads @file (at most %CA_X509_MAX_FILE_SIZE bytes) and parses it with
 * ca_x509_parse(). A file that cannot be read is %CA_ERROR_INVALID_INPUT.
 *
 * Returns: (transfer container) (element-type CaCertificateInfo): the certificates
 */
GPtrArray *
ca_x509_load_file (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr (GBytes) data = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  data = read_capped (file, cancellable, error);
  if (data == NULL)
    return NULL;

  name = get_display_name (file);
  return ca_x509_parse (data, name, error);
}

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *certificates = ca_x509_load_file (task_data, cancellable, &error);

  if (certificates == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, certificates, (GDestroyNotify) g_ptr_array_unref);
}

void
ca_x509_load_file_async (GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_x509_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_file_thread);
}

GPtrArray *
ca_x509_load_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ca_x509_is_amazon_issuer:
 * @organization: (nullable): the issuer's O
 * @common_name: (nullable): the issuer's CN
 *
 * The rule for "Amazon issued": the issuing CA belongs to Amazon Trust
 * Services, whose CAs all carry O=Amazon ("Amazon RSA 2048 M01", "Amazon
 * ECDSA 256 M02", "Amazon Root CA 1" and the older "Amazon" with OU "Server
 * CA 1B"). A CN starting with "Amazon " is accepted too, in case a future CA
 * drops the O. ACM Private CA certificates carry their owner's names and are
 * therefore not Amazon issued, nor are imported certificates.
 */
gboolean
ca_x509_is_amazon_issuer (const char *organization,
                          const char *common_name)
{
  if (g_strcmp0 (organization, "Amazon") == 0)
    return TRUE;
  return common_name != NULL && g_str_has_prefix (common_name, "Amazon ");
}

/**
 * ca_x509_dns_name_matches:
 * @pattern: a DNS SAN, perhaps with a leading "*." label
 * @name: a host name
 *
 * RFC 6125 matching as browsers do it: case-insensitive, trailing dots
 * ignored, and "*" matches exactly one whole left-most label.
 */
gboolean
ca_x509_dns_name_matches (const char *pattern,
                          const char *name)
{
  gsize pattern_len;
  gsize name_len;
  const char *dot;

  g_return_val_if_fail (pattern != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  pattern_len = strlen (pattern);
  name_len = strlen (name);
  if (pattern_len > 0 && pattern[pattern_len - 1] == '.')
    pattern_len--;
  if (name_len > 0 && name[name_len - 1] == '.')
    name_len--;
  if (pattern_len == 0 || name_len == 0)
    return FALSE;

  if (g_str_has_prefix (pattern, "*."))
    {
      dot = memchr (name, '.', name_len);
      if (dot == NULL || dot == name || pattern_len <= 2)
        return FALSE;
      pattern += 2;
      pattern_len -= 2;
      name_len -= (dot + 1) - name;
      name = dot + 1;
    }

  return pattern_len == name_len && g_ascii_strncasecmp (pattern, name, name_len) == 0;
}

/* ISO 8601 in UTC with a Z, as contract.md writes every time. */
char *
ca_x509_format_time (GDateTime *time)
{
  g_autoptr (GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * ca_x509_normalize_name:
 * @name: a host name (Unicode or ASCII, any case, perhaps a trailing dot) or an
 *   IP address
 *
 * Unlike ca_domain_normalize() this accepts anything a certificate can name:
 * IP addresses, single labels such as "localhost", wildcards.
 *
 * Returns: (transfer full): the ASCII lower-case name or the canonical address;
 *   %NULL with %CA_ERROR_INVALID_DOMAIN
 */
char *
ca_x509_normalize_name (const char  *name,
                        GError     **error)
{
  g_autoptr (GInetAddress) address = NULL;
  g_autofree char *ascii = NULL;
  gsize len;

  g_return_val_if_fail (name != NULL, NULL);

  /* g_hostname_to_ascii() reads past the end of text that is not UTF-8. */
  if (!g_utf8_validate (name, -1, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (name, -1);

      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN, _("“%s” is not a valid host name."), shown);
      return NULL;
    }

  address = g_inet_address_new_from_string (name);
  if (address != NULL)
    return g_inet_address_to_string (address);

  ascii = g_hostname_to_ascii (name);
  len = ascii != NULL ? strlen (ascii) : 0;
  if (len > 0 && ascii[len - 1] == '.')
    ascii[--len] = '\0';
  if (len == 0 || len > 253 || strspn (ascii, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._*") != len ||
      strstr (ascii, "..") != NULL || ascii[0] == '.')
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN, _("“%s” is not a valid host name."), name);
      return NULL;
    }
  return g_ascii_strdown (ascii, len);
}
