/* ca-domain.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaDomain"

#include "config.h"

#include <fribidi.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ca-domain.h"
#include "ca-error.h"

#define MAX_NAME_OCTETS  253
#define MAX_LABEL_OCTETS 63
/* The first name becomes the certificate's common name, whose X.509 upper
 * bound (ub-common-name) ACM enforces: 64 octets, dots included; the names
 * after it may be as long as any name (UG/acm-certificate, "Domain names"). */
#define MAX_FIRST_NAME_OCTETS 64

/* The local parts ACM mails, in the contract's alphabetical order. */
static const char * const approver_local_parts[CA_DOMAIN_N_APPROVERS] = {
  "admin",
  "administrator",
  "hostmaster",
  "postmaster",
  "webmaster",
};

static gboolean
set_invalid (GError    **error,
             const char *message)
{
  g_set_error_literal (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN, message);
  return FALSE;
}

static gboolean
is_ldh_char (char c)
{
  return g_ascii_isalnum (c) || c == '-';
}

static gboolean
check_label (const char *label,
             gboolean    wildcard_allowed,
             GError    **error)
{
  g_autofree char *message = NULL;
  gsize len = strlen (label);

  if (len == 0)
    return set_invalid (error, _("The name contains an empty label: remove the extra dot."));

  if (strchr (label, '*') != NULL)
    {
      if (wildcard_allowed && strcmp (label, "*") == 0)
        return TRUE;
      return set_invalid (error, _("A wildcard “*” may only stand alone as the first label, as in *.example.com."));
    }

  if (len > MAX_LABEL_OCTETS)
    {
      message = g_strdup_printf (_("The label “%.20s…” is longer than 63 characters: shorten it."), label);
      return set_invalid (error, message);
    }

  for (const char *p = label; *p != '\0'; p++)
    {
      if (!is_ldh_char (*p))
        {
          if ((guchar) *p < 0x20 || (guchar) *p >= 0x7f)
            message = g_strdup_printf (_("The label “%s” contains a character that is not allowed in a domain name: use only letters, digits and hyphens."), label);
          else
            message = g_strdup_printf (_("The label “%s” contains “%c”, which is not allowed in a domain name: use only letters, digits and hyphens."), label, *p);
          return set_invalid (error, message);
        }
    }

  if (label[0] == '-' || label[len - 1] == '-')
    {
      message = g_strdup_printf (_("The label “%s” starts or ends with a hyphen: hyphens may only stand inside a label."), label);
      return set_invalid (error, message);
    }

  return TRUE;
}

static gboolean
check_labels (const char *ascii,
              GError    **error)
{
  g_auto (GStrv) labels = g_strsplit (ascii, ".", -1);

  for (guint i = 0; labels[i] != NULL; i++)
    if (!check_label (labels[i], i == 0, error))
      return FALSE;

  if (g_strv_length (labels) < 2)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” has only one label: enter a full domain name such as example.com."), ascii);
      return set_invalid (error, message);
    }

  return TRUE;
}

static char *
strip_wildcard (const char *ascii)
{
  return g_strdup (g_str_has_prefix (ascii, "*.") ? ascii + 2 : ascii);
}

/* Public suffixes, such as com or co.uk, belong to nobody. */
static gboolean
check_not_public_suffix (const char *ascii,
                         GError    **error)
{
  g_autofree char *base = strip_wildcard (ascii);
  g_autofree char *message = NULL;

  if (!soup_tld_domain_is_public_suffix (base))
    return TRUE;

  message = g_strdup_printf (_("“%s” is a public suffix that nobody owns: enter your own domain below it, such as example.%s."), base, base);
  return set_invalid (error, message);
}

static char *
trim_input (const char *input)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (input));
  gsize len = strlen (trimmed);

  /* One trailing dot is the absolute form of the same name. */
  if (len > 1 && trimmed[len - 1] == '.' && trimmed[len - 2] != '.')
    trimmed[len - 1] = '\0';

  return g_steal_pointer (&trimmed);
}

static char *
to_ascii (const char *trimmed,
          GError    **error)
{
  g_autofree char *ascii = NULL;
  g_autofree char *message = NULL;

  if (!g_utf8_validate (trimmed, -1, NULL))
    {
      set_invalid (error, _("The name is not valid UTF-8 text."));
      return NULL;
    }

  ascii = g_hostname_to_ascii (trimmed);
  if (ascii == NULL)
    {
      message = g_strdup_printf (_("“%s” is not a valid internationalised domain name."), trimmed);
      set_invalid (error, message);
      return NULL;
    }

  return g_ascii_strdown (ascii, -1);
}

static gboolean
check_punycode_labels (const char *ascii,
                       GError    **error)
{
  g_autofree char *unicode = NULL;
  g_autofree char *message = NULL;

  if (strstr (ascii, "xn--") == NULL)
    return TRUE;

  unicode = g_hostname_to_unicode (ascii);
  if (unicode != NULL)
    return TRUE;

  message = g_strdup_printf (_("“%s” contains a label starting with xn-- that is not valid punycode."), ascii);
  return set_invalid (error, message);
}

/* IDNA2008 (RFC 5892) lets letters, digits and marks into a label; the
 * property table is long, its categories are not: controls, spaces, symbols,
 * punctuation and upper case (unstable under case folding) stay out. */
static gboolean
is_idna_code_point (gunichar ch)
{
  if (ch == '-' || (ch < 0x80 && g_ascii_isalnum (ch) && !g_ascii_isupper (ch)))
    return TRUE;
  switch (g_unichar_type (ch))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
      return TRUE;
    default:
      /* ZERO WIDTH (NON-)JOINER: CONTEXTJ, needed in some scripts. */
      return ch == 0x200C || ch == 0x200D;
    }
}

static gboolean
is_mark (gunichar ch)
{
  GUnicodeType type = g_unichar_type (ch);

  return type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK;
}

/* RFC 5891 §4.2: a U-label is NFC, begins with no combining mark, holds only
 * IDNA2008 code points and is not all ASCII (that would be no xn-- label). */
static gboolean
is_valid_u_label (const char *unicode)
{
  g_autofree char *nfc = g_utf8_normalize (unicode, -1, G_NORMALIZE_NFC);
  gboolean ascii_only = TRUE;

  if (nfc == NULL || strcmp (nfc, unicode) != 0 || *unicode == '\0' || is_mark (g_utf8_get_char (unicode)))
    return FALSE;
  for (const char *p = unicode; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (!is_idna_code_point (ch))
        return FALSE;
      ascii_only = ascii_only && ch < 0x80;
    }
  return !ascii_only;
}

static gboolean
is_rtl_type (FriBidiCharType type)
{
  return type == FRIBIDI_TYPE_RTL || type == FRIBIDI_TYPE_AL || type == FRIBIDI_TYPE_AN;
}

static gboolean
has_rtl (const char *unicode)
{
  for (const char *p = unicode; *p != '\0'; p = g_utf8_next_char (p))
    if (is_rtl_type (fribidi_get_bidi_type (g_utf8_get_char (p))))
      return TRUE;
  return FALSE;
}

/* The Bidi Rule of RFC 5893 §2, for one label: a right-to-left label may not
 * start with a digit or end in a neutral, nor mix European and Arabic digits;
 * a left-to-right one may hold no right-to-left character. Without it a label
 * can be displayed so that it reads as another name. */
static gboolean
follows_bidi_rule (const char *unicode)
{
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (unicode, -1, NULL);
  glong n = 0, last;
  FriBidiCharType first;
  gboolean rtl, has_en = FALSE, has_an = FALSE;

  while (chars[n] != 0)
    n++;
  if (n == 0)
    return FALSE;
  first = fribidi_get_bidi_type (chars[0]);
  if (first != FRIBIDI_TYPE_LTR && first != FRIBIDI_TYPE_RTL && first != FRIBIDI_TYPE_AL)
    return FALSE;
  rtl = first != FRIBIDI_TYPE_LTR;

  for (glong i = 0; i < n; i++)
    {
      FriBidiCharType type = fribidi_get_bidi_type (chars[i]);
      gboolean common = type == FRIBIDI_TYPE_EN || type == FRIBIDI_TYPE_ES || type == FRIBIDI_TYPE_CS ||
                        type == FRIBIDI_TYPE_ET || type == FRIBIDI_TYPE_ON || type == FRIBIDI_TYPE_BN ||
                        type == FRIBIDI_TYPE_NSM;

      if (rtl ? !(common || is_rtl_type (type)) : !(common || type == FRIBIDI_TYPE_LTR))
        return FALSE;
      has_en = has_en || type == FRIBIDI_TYPE_EN;
      has_an = has_an || type == FRIBIDI_TYPE_AN;
    }

  last = n - 1;
  while (last > 0 && fribidi_get_bidi_type (chars[last]) == FRIBIDI_TYPE_NSM)
    last--;
  if (rtl)
    {
      FriBidiCharType end = fribidi_get_bidi_type (chars[last]);

      return !(has_en && has_an) &&
             (end == FRIBIDI_TYPE_RTL || end == FRIBIDI_TYPE_AL || end == FRIBIDI_TYPE_EN || end == FRIBIDI_TYPE_AN);
    }
  return fribidi_get_bidi_type (chars[last]) == FRIBIDI_TYPE_LTR || fribidi_get_bidi_type (chars[last]) == FRIBIDI_TYPE_EN;
}

/* g_hostname_to_ascii() and _to_unicode() follow IDNA 2003 and decode any
 * punycode: “xn--a” becomes U+0080, a control character. Each xn-- label is
 * decoded and checked against IDNA2008 here, and a name with a
 * right-to-left label against the Bidi Rule. */
static gboolean
check_idna_labels (const char *ascii,
                   GError    **error)
{
  g_auto (GStrv) labels = g_strsplit (ascii, ".", -1);
  g_autofree char *message = NULL;

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autofree char *unicode = NULL;

      if (!g_str_has_prefix (labels[i], "xn--"))
        continue;
      unicode = g_hostname_to_unicode (labels[i]);
      if (unicode == NULL || !is_valid_u_label (unicode))
        {
          message = g_strdup_printf (_("The label “%s” decodes to a character that is not allowed in a domain name (IDNA2008): check the name for a typing or copying mistake."), labels[i]);
          return set_invalid (error, message);
        }
      if (has_rtl (unicode) && !follows_bidi_rule (unicode))
        {
          message = g_strdup_printf (_("The label “%s” mixes right-to-left and left-to-right text in a way domain names do not allow (RFC 5893): a right-to-left label may not start with a digit or mix scripts of both directions."), labels[i]);
          return set_invalid (error, message);
        }
    }
  return TRUE;
}

/**
 * ca_domain_normalize:
 * @input: a name as the user typed it
 * @error: return location for a %CA_ERROR_INVALID_DOMAIN error
 *
 * Trims @input, converts it to its ASCII (IDNA) form in lower case, drops one
 * trailing dot and checks it is a name ACM can put in a certificate.
 *
 * Returns: (transfer full): the normalised name, or %NULL
 */
char *
ca_domain_normalize (const char  *input,
                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (input != NULL, NULL);

  trimmed = trim_input (input);
  if (trimmed[0] == '\0')
    {
      set_invalid (error, _("Enter a domain name, for example www.example.com."));
      return NULL;
    }

  if (g_hostname_is_ip_address (trimmed))
    {
      message = g_strdup_printf (_("“%s” is an IP address: ACM certificates need a domain name."), trimmed);
      set_invalid (error, message);
      return NULL;
    }

  ascii = to_ascii (trimmed, error);
  if (ascii == NULL)
    return NULL;

  if (strlen (ascii) > MAX_NAME_OCTETS)
    {
      set_invalid (error, _("The name is longer than 253 characters: use a shorter name."));
      return NULL;
    }

  if (!check_labels (ascii, error) ||
      !check_punycode_labels (ascii, error) ||
      !check_idna_labels (ascii, error) ||
      !check_not_public_suffix (ascii, error))
    return NULL;

  return g_steal_pointer (&ascii);
}

gboolean
ca_domain_is_wildcard (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return g_str_has_prefix (name, "*.");
}

/**
 * ca_domain_get_approval_domain:
 * @name: a normalised name
 * @stripped: (out) (optional): "www", "*" or %NULL
 *
 * ACM drops one leading `www` or `*` label to find where it mails.
 *
 * Returns: (transfer full): the approval domain
 */
char *
ca_domain_get_approval_domain (const char  *name,
                               const char **stripped)
{
  const char *result = name;
  const char *label = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_has_prefix (name, "*."))
    {
      result = name + 2;
      label = "*";
    }
  else if (g_str_has_prefix (name, "www.") && strchr (name + 4, '.') != NULL)
    {
      result = name + 4;
      label = "www";
    }

  if (stripped != NULL)
    *stripped = label;

  return g_strdup (result);
}

char **
ca_domain_get_approver_addresses (const char *approval_domain)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (approval_domain != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (approver_local_parts); i++)
    {
      g_autofree char *address = g_strconcat (approver_local_parts[i], "@", approval_domain, NULL);

      g_strv_builder_add (builder, address);
    }

  return g_strv_builder_end (builder);
}

static char *
last_two_labels (const char *name)
{
  const char *last_dot = strrchr (name, '.');
  const char *p;

  if (last_dot == NULL)
    return g_strdup (name);

  for (p = last_dot - 1; p > name; p--)
    if (*p == '.')
      return g_strdup (p + 1);

  return g_strdup (name);
}

/**
 * ca_domain_get_registrable_domain:
 * @name: a normalised name
 * @is_public: (out) (optional): whether the name sits under a public suffix
 *
 * The registrable domain from the Public Suffix List (libpsl via libsoup).
 * A name under a TLD that is not public, such as `.example`, gets its last two
 * labels, so that the rest of a diagnosis can still run.
 *
 * Returns: (transfer full): the registrable domain
 */
char *
ca_domain_get_registrable_domain (const char *name,
                                  gboolean   *is_public)
{
  g_autofree char *base_name = NULL;
  const char *base;

  g_return_val_if_fail (name != NULL, NULL);

  base_name = strip_wildcard (name);
  base = soup_tld_get_base_domain (base_name, NULL);

  if (is_public != NULL)
    *is_public = base != NULL;

  if (base != NULL)
    return g_ascii_strdown (base, -1);

  return last_two_labels (base_name);
}

/* Whether @superdomain is @name or one of its parents, label by label. */
gboolean
ca_domain_is_superdomain_or_equal (const char *superdomain,
                                   const char *name)
{
  gsize super_len, name_len;

  g_return_val_if_fail (superdomain != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  super_len = strlen (superdomain);
  name_len = strlen (name);

  if (super_len == 0 || super_len > name_len)
    return FALSE;
  if (g_ascii_strcasecmp (name + name_len - super_len, superdomain) != 0)
    return FALSE;

  return super_len == name_len || name[name_len - super_len - 1] == '.';
}

/**
 * ca_domain_check_first_name:
 * @name: a normalised name (ca_domain_normalize()), the first of a request
 *
 * Checks what only the first name of a certificate must meet: it becomes the
 * common name, which ACM caps at 64 octets.
 *
 * Returns: %TRUE when @name may come first
 */
gboolean
ca_domain_check_first_name (const char  *name,
                            GError     **error)
{
  g_autofree char *message = NULL;
  gsize len;

  g_return_val_if_fail (name != NULL, FALSE);

  len = strlen (name);
  if (len <= MAX_FIRST_NAME_OCTETS)
    return TRUE;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The first name of a certificate is its common name, which may be at most 64 characters long, and “%s” has %u character: put a shorter name first (the names after it may be longer).",
                                          "The first name of a certificate is its common name, which may be at most 64 characters long, and “%s” has %u characters: put a shorter name first (the names after it may be longer).",
                                          len),
                             name, (guint) len);
  return set_invalid (error, message);
}

/**
 * ca_domain_check_validation_domain:
 * @name: a normalised name
 * @validation_domain: the ValidationDomain as the user typed it
 * @error: return location for a %CA_ERROR_INVALID_VALIDATION_DOMAIN error
 *
 * ACM accepts the name itself or a superdomain of it up to the registrable
 * domain, never a public suffix.
 *
 * Returns: (transfer full): the normalised validation domain, or %NULL
 */
char *
ca_domain_check_validation_domain (const char  *name,
                                   const char  *validation_domain,
                                   GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *base_name = NULL;
  g_autofree char *registrable = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (validation_domain != NULL, NULL);

  normalized = ca_domain_normalize (validation_domain, &local_error);
  if (normalized == NULL)
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_VALIDATION_DOMAIN,
                   _("The validation domain is not valid: %s"), local_error->message);
      return NULL;
    }

  base_name = strip_wildcard (name);
  registrable = ca_domain_get_registrable_domain (base_name, NULL);

  if (ca_domain_is_wildcard (normalized) ||
      !ca_domain_is_superdomain_or_equal (normalized, base_name) ||
      !ca_domain_is_superdomain_or_equal (registrable, normalized))
    {
      g_set_error (error, CA_ERROR, CA_ERROR_INVALID_VALIDATION_DOMAIN,
                   _("The validation domain “%s” must be “%s” itself or one of its parent domains up to “%s”."),
                   normalized, base_name, registrable);
      return NULL;
    }

  return g_steal_pointer (&normalized);
}

/**
 * ca_domain_list_validation_candidates:
 * @name: a normalised name
 *
 * Every ValidationDomain ACM would accept for @name: the name (without its
 * wildcard label) and each parent up to the registrable domain.
 *
 * Returns: (transfer full): a %NULL-terminated list, longest first
 */
char **
ca_domain_list_validation_candidates (const char *name)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *base_name = NULL;
  g_autofree char *registrable = NULL;
  const char *p;

  g_return_val_if_fail (name != NULL, NULL);

  base_name = strip_wildcard (name);
  registrable = ca_domain_get_registrable_domain (base_name, NULL);

  for (p = base_name; p != NULL; p = strchr (p, '.') ? strchr (p, '.') + 1 : NULL)
    {
      g_strv_builder_add (builder, p);
      if (strcmp (p, registrable) == 0)
        break;
    }

  return g_strv_builder_end (builder);
}

/* The Unicode form for display; punycode that does not decode, or decodes to
 * what IDNA2008 and the Bidi Rule refuse (a control character, a label that
 * would read as another), stays as it is. */
char *
ca_domain_to_display (const char *name)
{
  g_autofree char *lower = NULL;
  char *unicode;

  g_return_val_if_fail (name != NULL, NULL);

  lower = g_ascii_strdown (name, -1);
  if (!check_idna_labels (lower, NULL))
    return g_strdup (name);
  unicode = g_hostname_to_unicode (name);
  return unicode != NULL ? unicode : g_strdup (name);
}
