/* ca-acm-record.c: one DNS record that DNS validation asks the user to publish
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ACM gives one ResourceRecord per name; a name and its wildcard (`*.example.com`)
 * get the same one (acm-rules.md §6). A CaAcmRecord is one record to publish,
 * with every name it validates. Everything here comes from ACM and ends up
 * pasted into zone files and provider forms, so only records made of the
 * characters of host names (LDH, `_`, `.`, `*`) are kept.
 */

#define G_LOG_DOMAIN "CaAcmRecord"

#include "config.h"

#include <string.h>

#include "ca-acm-record.h"
#include "ca-domain.h"

/* What a short-lived validation record needs: ACM checks it again on each renewal. */
#define ZONE_FILE_TTL 300
/* RFC 1035: 255 octets on the wire, 253 characters without the trailing dot. */
#define MAX_NAME_LENGTH 254
#define MAX_TYPE_LENGTH 10

struct _CaAcmRecord
{
  GObject    parent_instance;

  char      *name;
  char      *type_name;
  char      *value;
  GPtrArray *domains;   /* NULL-terminated */
  char      *zone;
};

G_DEFINE_FINAL_TYPE (CaAcmRecord, ca_acm_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_TYPE_NAME,
  PROP_VALUE,
  PROP_DOMAINS,
  PROP_SHARED,
  PROP_ZONE,
  PROP_RELATIVE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_acm_record_finalize (GObject *object)
{
  CaAcmRecord *self = (CaAcmRecord *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->type_name, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->domains, g_ptr_array_unref);
  g_clear_pointer (&self->zone, g_free);

  G_OBJECT_CLASS (ca_acm_record_parent_class)->finalize (object);
}

static void
ca_acm_record_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CaAcmRecord *self = CA_ACM_RECORD (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TYPE_NAME:
      g_value_set_string (value, self->type_name);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_DOMAINS:
      g_value_set_boxed (value, self->domains->pdata);
      break;
    case PROP_SHARED:
      g_value_set_boolean (value, ca_acm_record_is_shared (self));
      break;
    case PROP_ZONE:
      g_value_set_string (value, self->zone);
      break;
    case PROP_RELATIVE_NAME:
      g_value_take_string (value, ca_acm_record_get_relative_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_acm_record_class_init (CaAcmRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_acm_record_finalize;
  object_class->get_property = ca_acm_record_get_property;

  /* A record never changes once made: the properties are there for bindings. */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_TYPE_NAME] = g_param_spec_string ("type-name", NULL, NULL, NULL, flags);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, flags);
  properties[PROP_DOMAINS] = g_param_spec_boxed ("domains", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SHARED] = g_param_spec_boolean ("shared", NULL, NULL, FALSE, flags);
  properties[PROP_ZONE] = g_param_spec_string ("zone", NULL, NULL, NULL, flags);
  properties[PROP_RELATIVE_NAME] = g_param_spec_string ("relative-name", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_acm_record_init (CaAcmRecord *self)
{
  self->domains = g_ptr_array_new_null_terminated (2, g_free, TRUE);
}

/*
 * Untrusted text
 */

/* Host-name characters only: a newline, a space, `;`, `(` or `"` would let a
 * value write its own lines into a zone file. */
static gboolean
is_name_safe (const char *text)
{
  gsize length = text != NULL ? strlen (text) : 0;

  if (length == 0 || length > MAX_NAME_LENGTH || text[0] == '.' || strstr (text, "..") != NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.' && *p != '*')
      return FALSE;
  return TRUE;
}

static gboolean
is_type_safe (const char *type)
{
  gsize length = strlen (type);

  if (length == 0 || length > MAX_TYPE_LENGTH)
    return FALSE;
  for (const char *p = type; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

static const char *
record_type_of (CaAcmDomainValidation *validation)
{
  const char *type = ca_acm_domain_validation_get_record_type (validation);

  return type != NULL ? type : "CNAME";
}

/* The domain goes into the zone file's comment, so it is checked as well. */
static gboolean
is_validation_safe (CaAcmDomainValidation *validation)
{
  return is_name_safe (ca_acm_domain_validation_get_name (validation)) &&
         is_name_safe (ca_acm_domain_validation_get_record_name (validation)) &&
         is_name_safe (ca_acm_domain_validation_get_record_value (validation)) &&
         is_type_safe (record_type_of (validation));
}

/* During a migration a name lists its EMAIL configuration until ACM starts the
 * DNS one, and a new request has no ResourceRecord for a few seconds. */
static gboolean
is_published (CaAcmDomainValidation *validation)
{
  return g_strcmp0 (ca_acm_domain_validation_get_method (validation), "DNS") == 0 &&
         ca_acm_domain_validation_get_record_name (validation) != NULL &&
         ca_acm_domain_validation_get_record_value (validation) != NULL;
}

/*
 * Building records
 */

static char *
zone_of (const char *domain)
{
  g_autofree char *lower = g_ascii_strdown (domain, -1);
  gsize length = strlen (lower);
  char *zone;

  if (length > 1 && lower[length - 1] == '.')
    lower[length - 1] = '\0';
  zone = ca_domain_get_registrable_domain (lower, NULL);
  return zone != NULL ? zone : g_strdup ("");
}

static CaAcmRecord *
record_new (CaAcmDomainValidation *validation)
{
  CaAcmRecord *self = g_object_new (CA_TYPE_ACM_RECORD, NULL);
  const char *domain = ca_acm_domain_validation_get_name (validation);

  self->name = g_strdup (ca_acm_domain_validation_get_record_name (validation));
  self->type_name = g_strdup (record_type_of (validation));
  self->value = g_strdup (ca_acm_domain_validation_get_record_value (validation));
  self->zone = zone_of (domain);
  g_ptr_array_add (self->domains, g_strdup (domain));
  return self;
}

static gboolean
same_name (const char *a,
           const char *b)
{
  gsize la = strlen (a), lb = strlen (b);

  /* Trailing dots vary (acm-rules.md §6). */
  if (la > 0 && a[la - 1] == '.')
    la--;
  if (lb > 0 && b[lb - 1] == '.')
    lb--;
  return la == lb && g_ascii_strncasecmp (a, b, la) == 0;
}

static CaAcmRecord *
find_record (GPtrArray  *records,
             const char *name)
{
  for (guint i = 0; i < records->len; i++)
    {
      CaAcmRecord *record = g_ptr_array_index (records, i);

      if (same_name (record->name, name))
        return record;
    }
  return NULL;
}

static void
add_domain (CaAcmRecord *self,
            const char  *domain)
{
  for (guint i = 0; i < self->domains->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->domains, i), domain) == 0)
      return;
  g_ptr_array_add (self->domains, g_strdup (domain));
}

static void
append_absolute (GString    *text,
                 const char *name)
{
  g_string_append (text, name);
  if (!g_str_has_suffix (name, "."))
    g_string_append_c (text, '.');
}

/*
 * Public API
 */

/**
 * ca_acm_records_from_validations:
 * @validations: (element-type CaAcmDomainValidation): a certificate's names, from
 *   DescribeCertificate or ListCertificateDomainValidations
 *
 * The records to publish, each once, in the order of the names they validate.
 * A record whose domain, name, type or value holds anything but host-name
 * characters is left out, so what is returned can be pasted anywhere.
 *
 * Returns: (element-type CaAcmRecord) (transfer container) (nullable): the
 *   records, or %NULL while some name is not DNS-validated or ACM has not
 *   published its record yet (and for no names at all)
 */
GPtrArray *
ca_acm_records_from_validations (GPtrArray *validations)
{
  g_autoptr (GPtrArray) records = NULL;

  g_return_val_if_fail (validations != NULL, NULL);

  if (validations->len == 0)
    return NULL;
  records = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < validations->len; i++)
    {
      CaAcmDomainValidation *validation = g_ptr_array_index (validations, i);
      CaAcmRecord *record;

      if (!is_published (validation))
        return NULL;
      if (!is_validation_safe (validation))
        {
          g_debug ("Ignoring the record ACM gives for a name, as it holds characters no DNS name has");
          continue;
        }
      record = find_record (records, ca_acm_domain_validation_get_record_name (validation));
      if (record != NULL)
        add_domain (record, ca_acm_domain_validation_get_name (validation));
      else
        g_ptr_array_add (records, record_new (validation));
    }
  return g_steal_pointer (&records);
}

/**
 * ca_acm_records_to_zone_file:
 * @records: (element-type CaAcmRecord): from ca_acm_records_from_validations()
 *
 * Each record as a zone-file line with absolute names, after a comment that
 * names the domains it validates:
 *
 * |[
 * ; example.com, *.example.com
 * _x1.example.com. 300 IN CNAME _y2.acm-validations.aws.
 * ]|
 *
 * Returns: (transfer full): the lines, "" for no records
 */
char *
ca_acm_records_to_zone_file (GPtrArray *records)
{
  GString *text;

  g_return_val_if_fail (records != NULL, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < records->len; i++)
    {
      CaAcmRecord *record = g_ptr_array_index (records, i);
      g_autofree char *domains = g_strjoinv (", ", (char **) record->domains->pdata);

      g_string_append_printf (text, "; %s\n", domains);
      append_absolute (text, record->name);
      g_string_append_printf (text, " %u IN %s ", ZONE_FILE_TTL, record->type_name);
      /* A CNAME target without its dot would be read relative to the zone. */
      if (g_ascii_strcasecmp (record->type_name, "CNAME") == 0)
        append_absolute (text, record->value);
      else
        g_string_append (text, record->value);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/* Returns: the record's name as ACM gives it, such as `_x1.www.example.com.` */
const char *
ca_acm_record_get_name (CaAcmRecord *self)
{
  g_return_val_if_fail (CA_IS_ACM_RECORD (self), NULL);
  return self->name;
}

/* Returns: the record type, "CNAME" unless ACM says otherwise */
const char *
ca_acm_record_get_type_name (CaAcmRecord *self)
{
  g_return_val_if_fail (CA_IS_ACM_RECORD (self), NULL);
  return self->type_name;
}

const char *
ca_acm_record_get_value (CaAcmRecord *self)
{
  g_return_val_if_fail (CA_IS_ACM_RECORD (self), NULL);
  return self->value;
}

/* Returns: (transfer none): the names this record validates, as ACM gives them */
const char * const *
ca_acm_record_get_domains (CaAcmRecord *self)
{
  g_return_val_if_fail (CA_IS_ACM_RECORD (self), NULL);
  return (const char * const *) self->domains->pdata;
}

/* Whether the record validates more than one name (a name and its wildcard). */
gboolean
ca_acm_record_is_shared (CaAcmRecord *self)
{
  g_return_val_if_fail (CA_IS_ACM_RECORD (self), FALSE);
  return self->domains->len > 1;
}

/* Returns: the registrable domain of the first name, such as `example.co.uk` */
const char *
ca_acm_record_get_zone (CaAcmRecord *self)
{
  g_return_val_if_fail (CA_IS_ACM_RECORD (self), NULL);
  return self->zone;
}

/**
 * ca_acm_record_get_relative_name:
 *
 * What a DNS provider that appends the zone itself wants: `_x1.www` for
 * `_x1.www.example.com.` in example.com. Given the whole name, such providers
 * publish `_x1.www.example.com.example.com` (acm-rules.md §6). A name outside
 * the zone comes back whole, without its trailing dot.
 *
 * Returns: (transfer full): the name relative to ca_acm_record_get_zone()
 */
char *
ca_acm_record_get_relative_name (CaAcmRecord *self)
{
  g_autofree char *name = NULL;
  gsize name_length, zone_length;

  g_return_val_if_fail (CA_IS_ACM_RECORD (self), NULL);

  name = g_strdup (self->name);
  name_length = strlen (name);
  if (name_length > 0 && name[name_length - 1] == '.')
    name[--name_length] = '\0';
  zone_length = strlen (self->zone);
  if (same_name (name, self->zone))
    return g_strdup ("@");
  if (name_length > zone_length && name[name_length - zone_length - 1] == '.' &&
      g_ascii_strcasecmp (name + name_length - zone_length, self->zone) == 0)
    name[name_length - zone_length - 1] = '\0';
  return g_steal_pointer (&name);
}
