/* ca-x509-report.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaX509Report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/x509_vfy.h>

#include "ca-acm-findings.h"
#include "ca-json.h"
#include "ca-util.h"
#include "ca-x509.h"
#include "ca-x509-private.h"
#include "ca-x509-report.h"

/* cert_expires_soon: ACM itself starts renewing 60 days ahead, browsers warn at 0. */
#define EXPIRES_SOON_DAYS 30

/**
 * CaX509Report:
 *
 * The certificates of a file, an endpoint or an ACM certificate, ordered as a
 * chain: the leaf first, then each issuer, then whatever did not fit.
 */
struct _CaX509Report
{
  GObject               parent_instance;

  CaX509Source          source;
  char                 *input;
  GPtrArray            *chain;
  guint                 path_length;
  gboolean              chain_complete;
  char                 *missing_issuer;

  char                 *host;
  guint16               port;
  char                 *address;
  GTlsCertificateFlags  tls_errors;

  GStrv                 names;
  gboolean              expects_amazon;
  GPtrArray            *extra_findings;
  CaAcmCertificate     *acm;
};

G_DEFINE_FINAL_TYPE (CaX509Report, ca_x509_report, G_TYPE_OBJECT)

static const struct
{
  GTlsCertificateFlags  flag;
  const char           *id;
  const char           *description;
} tls_error_table[] = {
  { G_TLS_CERTIFICATE_UNKNOWN_CA, "unknown_ca", N_("it is not signed by an authority this system trusts") },
  { G_TLS_CERTIFICATE_BAD_IDENTITY, "bad_identity", N_("it is not valid for this host name") },
  { G_TLS_CERTIFICATE_NOT_ACTIVATED, "not_activated", N_("it is not valid yet") },
  { G_TLS_CERTIFICATE_EXPIRED, "expired", N_("it has expired") },
  { G_TLS_CERTIFICATE_REVOKED, "revoked", N_("it has been revoked") },
  { G_TLS_CERTIFICATE_INSECURE, "insecure", N_("it uses an insecure algorithm") },
  { G_TLS_CERTIFICATE_GENERIC_ERROR, "generic_error", N_("it failed verification") },
};

/*
 * Chain order
 */

/* The system's roots, loaded once: the hashed directory is read lazily. */
static X509_STORE *
get_system_store (void)
{
  static X509_STORE *store;

  if (g_once_init_enter (&store))
    {
      X509_STORE *new_store = X509_STORE_new ();

      X509_STORE_set_default_paths (new_store);
      g_once_init_leave (&store, new_store);
    }
  return store;
}

static gboolean
issuer_in_system_store (CaCertificateInfo *info)
{
  X509_STORE_CTX *ctx = X509_STORE_CTX_new ();
  X509 *issuer = NULL;
  gboolean found = FALSE;

  if (ctx != NULL && X509_STORE_CTX_init (ctx, get_system_store (), ca_certificate_info_get_x509 (info), NULL) == 1)
    found = X509_STORE_CTX_get1_issuer (&issuer, ctx, ca_certificate_info_get_x509 (info)) == 1;
  X509_free (issuer);
  X509_STORE_CTX_free (ctx);
  return found;
}

static gboolean
issuer_in_anchors (CaCertificateInfo *info,
                   GPtrArray         *anchors)
{
  for (guint i = 0; anchors != NULL && i < anchors->len; i++)
    if (ca_certificate_info_is_issued_by (info, g_ptr_array_index (anchors, i)))
      return TRUE;
  return FALSE;
}

static gboolean
issues_another (GPtrArray *certificates,
                guint      candidate)
{
  for (guint i = 0; i < certificates->len; i++)
    if (i != candidate && ca_certificate_info_is_issued_by (g_ptr_array_index (certificates, i),
                                                            g_ptr_array_index (certificates, candidate)))
      return TRUE;
  return FALSE;
}

/* The end entity: a certificate that issues none of the others, preferably
 * not a CA (a lone self-signed certificate is its own leaf), first in order. */
static guint
find_leaf (GPtrArray *certificates)
{
  int fallback = -1;

  for (guint i = 0; i < certificates->len; i++)
    {
      if (issues_another (certificates, i))
        continue;
      if (!ca_certificate_info_get_is_ca (g_ptr_array_index (certificates, i)))
        return i;
      if (fallback < 0)
        fallback = i;
    }
  return fallback >= 0 ? (guint) fallback : 0;
}

static GPtrArray *
remove_duplicates (GPtrArray *certificates)
{
  GPtrArray *unique = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < certificates->len; i++)
    {
      CaCertificateInfo *info = g_ptr_array_index (certificates, i);

      if (g_hash_table_add (seen, (gpointer) ca_certificate_info_get_fingerprint (info)))
        g_ptr_array_add (unique, g_object_ref (info));
    }
  return unique;
}

static int
find_issuer (GPtrArray         *certificates,
             const gboolean    *used,
             CaCertificateInfo *info)
{
  for (guint i = 0; i < certificates->len; i++)
    if (!used[i] && ca_certificate_info_is_issued_by (info, g_ptr_array_index (certificates, i)))
      return i;
  return -1;
}

/* Walks from the leaf up by issuer (names, key identifiers and signature). */
static void
order_chain (CaX509Report *self,
             GPtrArray    *certificates,
             GPtrArray    *anchors)
{
  g_autoptr (GPtrArray) unique = remove_duplicates (certificates);
  g_autofree gboolean *used = g_new0 (gboolean, unique->len + 1);
  CaCertificateInfo *current;
  int next = unique->len > 0 ? (int) find_leaf (unique) : -1;

  while (next >= 0)
    {
      used[next] = TRUE;
      current = g_ptr_array_index (unique, next);
      g_ptr_array_add (self->chain, g_object_ref (current));
      if (ca_certificate_info_get_self_signed (current))
        {
          self->chain_complete = TRUE;
          break;
        }
      next = find_issuer (unique, used, current);
      /* A server need not send the root: a known root ends the chain as well. */
      if (next < 0 && (issuer_in_anchors (current, anchors) ||
                       (anchors == NULL && issuer_in_system_store (current))))
        self->chain_complete = TRUE;
      else if (next < 0)
        self->missing_issuer = g_strdup (ca_certificate_info_get_issuer (current));
    }

  self->path_length = self->chain->len;
  for (guint i = 0; i < unique->len; i++)
    if (!used[i])
      g_ptr_array_add (self->chain, g_object_ref (g_ptr_array_index (unique, i)));
}

/*
 * Findings
 */

static CaFinding *
check_expiry (CaCertificateInfo *leaf,
              GDateTime         *now)
{
  int days = ca_certificate_info_get_days_left (leaf, now);
  g_autofree char *date = ca_format_local_date (ca_certificate_info_get_not_after (leaf));

  if (days < 0)
    return ca_finding_new_printf (CA_FINDING_CERT_EXPIRED, NULL,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "The certificate expired on %s, %d day ago.",
                                               "The certificate expired on %s, %d days ago.", -days),
                                  date, -days);
  if (days <= EXPIRES_SOON_DAYS)
    return ca_finding_new_printf (CA_FINDING_CERT_EXPIRES_SOON, NULL,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "The certificate expires on %s, in %d day.",
                                               "The certificate expires on %s, in %d days.", days),
                                  date, days);
  return NULL;
}

static void
check_names (CaX509Report *self,
             GPtrArray    *findings)
{
  CaCertificateInfo *leaf = ca_x509_report_get_leaf (self);

  for (guint i = 0; self->names != NULL && self->names[i] != NULL; i++)
    if (!ca_certificate_info_covers_name (leaf, self->names[i]))
      g_ptr_array_add (findings,
                       ca_finding_new_printf (CA_FINDING_CERT_NAME_MISSING, self->names[i],
                                              _("The certificate does not cover %s."), self->names[i]));
}

static void
check_chain (CaX509Report *self,
             GPtrArray    *findings)
{
  CaCertificateInfo *last = g_ptr_array_index (self->chain, self->path_length - 1);
  const char *last_name = ca_certificate_info_get_common_name (last);
  guint extra = self->chain->len - self->path_length;

  if (last_name == NULL)
    last_name = ca_certificate_info_get_subject (last);
  if (self->missing_issuer != NULL)
    g_ptr_array_add (findings,
                     ca_finding_new_printf (CA_FINDING_CERT_CHAIN_INCOMPLETE, NULL,
                                            _("The chain stops at “%s”: its issuer “%s” is neither in the chain nor among the trusted roots of this system."),
                                            last_name, self->missing_issuer));
  if (extra > 0)
    g_ptr_array_add (findings,
                     ca_finding_new_printf (CA_FINDING_CERT_CHAIN_INCOMPLETE, NULL,
                                            g_dngettext (GETTEXT_PACKAGE,
                                                         "%u certificate does not belong to the chain of the leaf certificate.",
                                                         "%u certificates do not belong to the chain of the leaf certificate.",
                                                         extra),
                                            extra));
}

static void
check_issuer (CaX509Report *self,
              GPtrArray    *findings)
{
  CaCertificateInfo *leaf = ca_x509_report_get_leaf (self);
  const char *issuer = ca_certificate_info_get_issuer_common_name (leaf);

  if (!self->expects_amazon || ca_certificate_info_get_amazon_issued (leaf))
    return;
  if (issuer == NULL)
    issuer = ca_certificate_info_get_issuer (leaf);
  g_ptr_array_add (findings,
                   ca_finding_new_printf (CA_FINDING_CERT_NOT_AMAZON_ISSUED, NULL,
                                          _("The certificate was issued by “%s”, not by Amazon."), issuer));
}

static void
check_tls (CaX509Report *self,
           GPtrArray    *findings)
{
  g_autofree char *reasons = NULL;

  if (self->source != CA_X509_SOURCE_ENDPOINT || self->tls_errors == 0)
    return;
  reasons = ca_x509_report_describe_tls_errors (self);
  g_ptr_array_add (findings,
                   ca_finding_new_printf (CA_FINDING_CERT_NOT_TRUSTED, self->host,
                                          /* Translators: %s is a list of reasons such as "it has expired" */
                                          _("Browsers would refuse this certificate: %s."), reasons));
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  return ca_finding_compare (*(CaFinding **) a, *(CaFinding **) b);
}

/*
 * JSON
 */

static void
add_time (JsonBuilder *builder,
          const char  *member,
          GDateTime   *time)
{
  g_autofree char *text = ca_x509_format_time (time);

  ca_json_add_string_or_null (builder, member, text);
}

/* The contract's keys first, then the extras. */
static void
add_certificate_members (JsonBuilder       *builder,
                         CaCertificateInfo *info,
                         GDateTime         *now)
{
  ca_json_add_string_or_null (builder, "subject", ca_certificate_info_get_subject (info));
  ca_json_add_string_or_null (builder, "issuer", ca_certificate_info_get_issuer (info));
  ca_json_add_strv (builder, "sans", ca_certificate_info_get_sans (info));
  add_time (builder, "not_before", ca_certificate_info_get_not_before (info));
  add_time (builder, "not_after", ca_certificate_info_get_not_after (info));
  ca_json_add_string_or_null (builder, "key", ca_certificate_info_get_key_description (info));
  json_builder_set_member_name (builder, "amazon_issued");
  json_builder_add_boolean_value (builder, ca_certificate_info_get_amazon_issued (info));
  json_builder_set_member_name (builder, "days_left");
  json_builder_add_int_value (builder, ca_certificate_info_get_days_left (info, now));
  ca_json_add_string_or_null (builder, "common_name", ca_certificate_info_get_common_name (info));
  ca_json_add_string_or_null (builder, "signature_algorithm", ca_certificate_info_get_signature_algorithm (info));
  ca_json_add_string_or_null (builder, "serial", ca_certificate_info_get_serial (info));
  ca_json_add_string_or_null (builder, "sha256_fingerprint", ca_certificate_info_get_fingerprint (info));
  json_builder_set_member_name (builder, "is_ca");
  json_builder_add_boolean_value (builder, ca_certificate_info_get_is_ca (info));
  json_builder_set_member_name (builder, "self_signed");
  json_builder_add_boolean_value (builder, ca_certificate_info_get_self_signed (info));
}

/* Rounded down, as ca_certificate_info_get_days_left() counts. */
static gint64
floor_days (GTimeSpan span)
{
  if (span < 0)
    return -((-span + G_TIME_SPAN_DAY - 1) / G_TIME_SPAN_DAY);
  return span / G_TIME_SPAN_DAY;
}

/* ACM's KeyAlgorithm ("RSA-2048", "EC-prime256v1") in our words ("RSA 2048", "EC P-256"). */
static char *
describe_acm_key (const char *algorithm)
{
  static const struct { const char *acm; const char *ours; } curves[] = {
    { "EC-prime256v1", "EC P-256" },
    { "EC-secp384r1", "EC P-384" },
    { "EC-secp521r1", "EC P-521" },
  };

  if (algorithm == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (curves); i++)
    if (g_strcmp0 (algorithm, curves[i].acm) == 0)
      return g_strdup (curves[i].ours);
  if (g_str_has_prefix (algorithm, "RSA-") || g_str_has_prefix (algorithm, "RSA_"))
    return g_strdup_printf ("RSA %s", algorithm + 4);
  return g_strdup (algorithm);
}

/* No certificate exists yet (pending, failed…): the contract's keys with what
 * ACM knows, null for the rest. */
static void
add_acm_only_members (JsonBuilder      *builder,
                      CaAcmCertificate *acm,
                      GDateTime        *now)
{
  g_autofree char *key = describe_acm_key (ca_acm_certificate_get_key_algorithm (acm));
  GDateTime *not_after = ca_acm_certificate_get_not_after (acm);
  g_autoptr (GDateTime) current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();

  ca_json_add_string_or_null (builder, "subject", NULL);
  ca_json_add_string_or_null (builder, "issuer", NULL);
  ca_json_add_strv (builder, "sans", ca_acm_certificate_get_sans (acm));
  ca_json_add_string_or_null (builder, "not_before", NULL);
  if (not_after != NULL)
    add_time (builder, "not_after", not_after);
  else
    ca_json_add_string_or_null (builder, "not_after", NULL);
  ca_json_add_string_or_null (builder, "key", key);
  json_builder_set_member_name (builder, "amazon_issued");
  json_builder_add_boolean_value (builder, g_strcmp0 (ca_acm_certificate_get_cert_type (acm), "AMAZON_ISSUED") == 0);
  json_builder_set_member_name (builder, "days_left");
  if (not_after != NULL)
    json_builder_add_int_value (builder, floor_days (g_date_time_difference (not_after, current)));
  else
    json_builder_add_null_value (builder);
}

/* describe's object, plus the validation method and, for email, the dates AWS
 * has announced (acm-rules.md §1). */
static JsonNode *
acm_to_json (CaAcmCertificate *acm)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const char *method = ca_acm_certificate_get_validation_method (acm);
  JsonNode *node;
  JsonObject *object;

  ca_acm_certificate_to_json (acm, builder);
  node = json_builder_get_root (builder);
  object = json_node_get_object (node);
  if (method != NULL)
    json_object_set_string_member (object, "validation_method", method);
  else
    json_object_set_null_member (object, "validation_method");
  if (g_strcmp0 (method, "EMAIL") == 0)
    {
      JsonObject *ends = json_object_new ();

      json_object_set_string_member (ends, "new_certificates", "2027-03-31");
      json_object_set_string_member (ends, "renewals", "2027-09-30");
      json_object_set_object_member (object, "email_validation_ends", ends);
    }
  return node;
}

static void
add_endpoint (CaX509Report *self,
              JsonBuilder  *builder)
{
  g_auto (GStrv) errors = ca_x509_tls_errors_to_strv (self->tls_errors);

  json_builder_set_member_name (builder, "endpoint");
  json_builder_begin_object (builder);
  ca_json_add_string_or_null (builder, "host", self->host);
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, self->port);
  ca_json_add_string_or_null (builder, "address", self->address);
  json_builder_set_member_name (builder, "verified");
  json_builder_add_boolean_value (builder, self->tls_errors == 0);
  ca_json_add_strv (builder, "tls_errors", (const char * const *) errors);
  json_builder_end_object (builder);
}

static void
add_findings (JsonBuilder *builder,
              GPtrArray   *findings)
{
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < findings->len; i++)
    ca_finding_to_json (g_ptr_array_index (findings, i), builder);
  json_builder_end_array (builder);
}

static const char *
source_to_string (CaX509Source source)
{
  switch (source)
    {
    case CA_X509_SOURCE_ENDPOINT:
      return "endpoint";
    case CA_X509_SOURCE_ACM:
      return "acm";
    case CA_X509_SOURCE_FILE:
    default:
      return "file";
    }
}

/*
 * Callbacks
 */

static void
ca_x509_report_finalize (GObject *object)
{
  CaX509Report *self = (CaX509Report *) object;

  g_clear_pointer (&self->input, g_free);
  g_clear_pointer (&self->chain, g_ptr_array_unref);
  g_clear_pointer (&self->missing_issuer, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->extra_findings, g_ptr_array_unref);
  g_clear_object (&self->acm);

  G_OBJECT_CLASS (ca_x509_report_parent_class)->finalize (object);
}

static void
ca_x509_report_class_init (CaX509ReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_x509_report_finalize;
}

static void
ca_x509_report_init (CaX509Report *self)
{
  self->chain = g_ptr_array_new_with_free_func (g_object_unref);
  self->extra_findings = g_ptr_array_new_with_free_func (g_object_unref);
  self->expects_amazon = TRUE;
}

/*
 * Public API
 */

/**
 * ca_x509_report_new:
 * @source: where the certificates come from
 * @input: what the user gave: a path, host:port or ARN
 * @certificates: (element-type CaCertificateInfo): the certificates in any
 *   order; at least one, except for an ACM certificate that is not issued
 * @anchors: (nullable) (element-type CaCertificateInfo): roots that end a chain;
 *   %NULL for the system's trusted roots
 */
CaX509Report *
ca_x509_report_new (CaX509Source  source,
                    const char   *input,
                    GPtrArray    *certificates,
                    GPtrArray    *anchors)
{
  CaX509Report *self;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (certificates != NULL, NULL);
  g_return_val_if_fail (certificates->len > 0 || source == CA_X509_SOURCE_ACM, NULL);

  self = g_object_new (CA_TYPE_X509_REPORT, NULL);
  self->source = source;
  self->input = g_strdup (input);
  order_chain (self, certificates, anchors);

  return self;
}

CaX509Source
ca_x509_report_get_source (CaX509Report *self)
{
  g_return_val_if_fail (CA_IS_X509_REPORT (self), CA_X509_SOURCE_FILE);

  return self->source;
}

const char *
ca_x509_report_get_input (CaX509Report *self)
{
  g_return_val_if_fail (CA_IS_X509_REPORT (self), NULL);

  return self->input;
}

/* Returns: (nullable): the end-entity certificate; %NULL only for an ACM
 * certificate that has not been issued */
CaCertificateInfo *
ca_x509_report_get_leaf (CaX509Report *self)
{
  g_return_val_if_fail (CA_IS_X509_REPORT (self), NULL);

  return self->chain->len > 0 ? g_ptr_array_index (self->chain, 0) : NULL;
}

/**
 * ca_x509_report_get_chain:
 *
 * Returns: (transfer none) (element-type CaCertificateInfo): the leaf, its
 *   issuers up to the root or the last one present, then the certificates that
 *   belong to none of them, in their original order
 */
GPtrArray *
ca_x509_report_get_chain (CaX509Report *self)
{
  g_return_val_if_fail (CA_IS_X509_REPORT (self), NULL);

  return self->chain;
}

/* Whether the leaf signed itself: no authority vouches for it, which is
 * worth saying in words rather than as "an unknown issuer". */
gboolean
ca_x509_report_get_self_signed (CaX509Report *self)
{
  CaCertificateInfo *leaf;

  g_return_val_if_fail (CA_IS_X509_REPORT (self), FALSE);

  leaf = ca_x509_report_get_leaf (self);
  return leaf != NULL && ca_certificate_info_get_self_signed (leaf);
}

/* How many of the chain's first certificates link up from the leaf. */
guint
ca_x509_report_get_path_length (CaX509Report *self)
{
  g_return_val_if_fail (CA_IS_X509_REPORT (self), 0);

  return self->path_length;
}

/* The path ends at a self-signed root, or at a certificate whose issuer is a trusted root. */
gboolean
ca_x509_report_get_chain_complete (CaX509Report *self)
{
  g_return_val_if_fail (CA_IS_X509_REPORT (self), FALSE);

  return self->chain_complete;
}

/* The issuer name the path lacks, or %NULL. */
const char *
ca_x509_report_get_missing_issuer (CaX509Report *self)
{
  g_return_val_if_fail (CA_IS_X509_REPORT (self), NULL);

  return self->missing_issuer;
}

void
ca_x509_report_set_endpoint (CaX509Report         *self,
                             const char           *host,
                             guint16               port,
                             const char           *address,
                             GTlsCertificateFlags  tls_errors)
{
  g_return_if_fail (CA_IS_X509_REPORT (self));

  g_free (self->host);
  self->host = g_strdup (host);
  self->port = port;
  g_free (self->address);
  self->address = g_strdup (address);
  self->tls_errors = tls_errors;
}

const char *
ca_x509_report_get_host (CaX509Report *self)
{
  g_return_val_if_fail (CA_IS_X509_REPORT (self), NULL);

  return self->host;
}

guint16
ca_x509_report_get_port (CaX509Report *self)
{
  g_return_val_if_fail (CA_IS_X509_REPORT (self), 0);

  return self->port;
}

const char *
ca_x509_report_get_address (CaX509Report *self)
{
  g_return_val_if_fail (CA_IS_X509_REPORT (self), NULL);

  return self->address;
}

GTlsCertificateFlags
ca_x509_report_get_tls_errors (CaX509Report *self)
{
  g_return_val_if_fail (CA_IS_X509_REPORT (self), 0);

  return self->tls_errors;
}

/* The names the user wants covered; each missing one is a cert_name_missing. */
void
ca_x509_report_set_names (CaX509Report       *self,
                          const char * const *names)
{
  g_return_if_fail (CA_IS_X509_REPORT (self));

  g_strfreev (self->names);
  self->names = g_strdupv ((char **) names);
}

const char * const *
ca_x509_report_get_names (CaX509Report *self)
{
  g_return_val_if_fail (CA_IS_X509_REPORT (self), NULL);

  return (const char * const *) self->names;
}

/* Whether cert_not_amazon_issued applies (not for certificates imported into ACM). */
void
ca_x509_report_set_expects_amazon (CaX509Report *self,
                                   gboolean      expects_amazon)
{
  g_return_if_fail (CA_IS_X509_REPORT (self));

  self->expects_amazon = !!expects_amazon;
}

/* A finding from elsewhere (the ACM view) that belongs with the certificate's. */
void
ca_x509_report_add_finding (CaX509Report *self,
                            CaFinding    *finding)
{
  g_return_if_fail (CA_IS_X509_REPORT (self));
  g_return_if_fail (CA_IS_FINDING (finding));

  g_ptr_array_add (self->extra_findings, g_object_ref (finding));
}

/* The ACM view of the certificate: its findings join the certificate's, and
 * the JSON gets it under "acm". Only ACM-issued certificates are expected to
 * come from Amazon. */
void
ca_x509_report_set_acm (CaX509Report     *self,
                        CaAcmCertificate *acm)
{
  g_return_if_fail (CA_IS_X509_REPORT (self));
  g_return_if_fail (acm == NULL || CA_IS_ACM_CERTIFICATE (acm));

  g_set_object (&self->acm, acm);
  if (acm != NULL)
    self->expects_amazon = g_strcmp0 (ca_acm_certificate_get_cert_type (acm), "AMAZON_ISSUED") == 0;
}

CaAcmCertificate *
ca_x509_report_get_acm (CaX509Report *self)
{
  g_return_val_if_fail (CA_IS_X509_REPORT (self), NULL);

  return self->acm;
}

/**
 * ca_x509_report_compute_findings:
 * @now: (nullable): the moment to judge expiry at, %NULL for now
 *
 * Returns: (transfer container) (element-type CaFinding): the findings, most
 *   severe first
 */
GPtrArray *
ca_x509_report_compute_findings (CaX509Report *self,
                                 GDateTime    *now)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);
  CaFinding *expiry;

  g_return_val_if_fail (CA_IS_X509_REPORT (self), findings);

  if (ca_x509_report_get_leaf (self) != NULL)
    {
      expiry = check_expiry (ca_x509_report_get_leaf (self), now);
      if (expiry != NULL)
        g_ptr_array_add (findings, expiry);
      check_tls (self, findings);
      check_names (self, findings);
      check_chain (self, findings);
      check_issuer (self, findings);
    }
  if (self->acm != NULL)
    {
      g_autoptr (GPtrArray) acm_findings = ca_acm_findings_for_certificate (self->acm, NULL, now);

      g_ptr_array_extend_and_steal (findings, g_steal_pointer (&acm_findings));
    }
  for (guint i = 0; i < self->extra_findings->len; i++)
    g_ptr_array_add (findings, g_object_ref (g_ptr_array_index (self->extra_findings, i)));

  g_ptr_array_sort (findings, compare_findings);
  return findings;
}

/**
 * ca_x509_report_to_json:
 *
 * Returns: (transfer full): the object of contract.md's `inspect`: the leaf's
 *   fields at the top, `chain` leaf first, then `findings` and the extras
 */
JsonNode *
ca_x509_report_to_json (CaX509Report *self,
                        GDateTime    *now)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GPtrArray) findings = NULL;

  g_return_val_if_fail (CA_IS_X509_REPORT (self), NULL);

  findings = ca_x509_report_compute_findings (self, now);
  json_builder_begin_object (builder);
  if (ca_x509_report_get_leaf (self) != NULL)
    add_certificate_members (builder, ca_x509_report_get_leaf (self), now);
  else
    add_acm_only_members (builder, self->acm, now);
  json_builder_set_member_name (builder, "chain");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->chain->len; i++)
    {
      json_builder_begin_object (builder);
      add_certificate_members (builder, g_ptr_array_index (self->chain, i), now);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  ca_json_add_string_or_null (builder, "source", source_to_string (self->source));
  ca_json_add_string_or_null (builder, "input", self->input);
  json_builder_set_member_name (builder, "chain_complete");
  json_builder_add_boolean_value (builder, self->chain_complete);
  /* chain[] beyond this many certificates holds those that belong to no path from the leaf. */
  json_builder_set_member_name (builder, "path_length");
  json_builder_add_int_value (builder, self->path_length);
  ca_json_add_string_or_null (builder, "missing_issuer", self->missing_issuer);
  if (self->source == CA_X509_SOURCE_ENDPOINT)
    add_endpoint (self, builder);
  if (self->acm != NULL)
    {
      json_builder_set_member_name (builder, "acm");
      json_builder_add_value (builder, acm_to_json (self->acm));
    }
  add_findings (builder, findings);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The names of the GTlsCertificateFlags set, for JSON: "unknown_ca", "expired"… */
char **
ca_x509_tls_errors_to_strv (GTlsCertificateFlags errors)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (tls_error_table); i++)
    if (errors & tls_error_table[i].flag)
      g_ptr_array_add (ids, g_strdup (tls_error_table[i].id));
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (ids, FALSE);
}

static char *
join_tls_reasons (GTlsCertificateFlags errors,
                  gboolean             self_signed)
{
  g_autoptr (GPtrArray) reasons = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (tls_error_table); i++)
    if (errors & tls_error_table[i].flag)
      g_ptr_array_add (reasons,
                       (gpointer) (self_signed && tls_error_table[i].flag == G_TLS_CERTIFICATE_UNKNOWN_CA
                                     ? _("it is self-signed, so no authority vouches for it")
                                     : g_dgettext (GETTEXT_PACKAGE, tls_error_table[i].description)));
  g_ptr_array_add (reasons, NULL);
  /* Translators: separates reasons in "Browsers would refuse this certificate: %s." */
  return g_strjoinv (_("; "), (char **) reasons->pdata);
}

/* Translated reasons joined by "; ", for people. */
char *
ca_x509_describe_tls_errors (GTlsCertificateFlags errors)
{
  return join_tls_reasons (errors, FALSE);
}

/* The reasons the server's certificate is not trusted; a self-signed one is
 * called so instead of "not signed by an authority this system trusts". */
char *
ca_x509_report_describe_tls_errors (CaX509Report *self)
{
  g_return_val_if_fail (CA_IS_X509_REPORT (self), NULL);

  return join_tls_reasons (self->tls_errors, ca_x509_report_get_self_signed (self));
}
