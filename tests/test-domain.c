/* test-domain.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ca-domain.h"
#include "ca-error.h"
#include "ca-test-util.h"

typedef struct
{
  const char *input;
  const char *name;            /* NULL: the input is refused */
  const char *approval_domain;
  const char *stripped;
  const char *registrable;
  gboolean    is_public;
} NameCase;

static const NameCase name_cases[] = {
  /* Plain names, case and the trailing dot */
  { "example.com", "example.com", "example.com", NULL, "example.com", TRUE },
  { "EXAMPLE.COM", "example.com", "example.com", NULL, "example.com", TRUE },
  { "Example.Com.", "example.com", "example.com", NULL, "example.com", TRUE },
  { "  www.example.com  ", "www.example.com", "example.com", "www", "example.com", TRUE },
  { "\twww.example.com\n", "www.example.com", "example.com", "www", "example.com", TRUE },
  { "shop.example.com", "shop.example.com", "shop.example.com", NULL, "example.com", TRUE },
  { "a.b.c.d.example.com", "a.b.c.d.example.com", "a.b.c.d.example.com", NULL, "example.com", TRUE },
  { "www.shop.example.com", "www.shop.example.com", "shop.example.com", "www", "example.com", TRUE },
  { "www.www.example.com", "www.www.example.com", "www.example.com", "www", "example.com", TRUE },
  { "mail-1.example.com", "mail-1.example.com", "mail-1.example.com", NULL, "example.com", TRUE },
  { "123.example.com", "123.example.com", "123.example.com", NULL, "example.com", TRUE },
  { "wwwx.example.com", "wwwx.example.com", "wwwx.example.com", NULL, "example.com", TRUE },
  /* Wildcards */
  { "*.example.com", "*.example.com", "example.com", "*", "example.com", TRUE },
  { "*.test.example.com", "*.test.example.com", "test.example.com", "*", "example.com", TRUE },
  { "*.www.example.com", "*.www.example.com", "www.example.com", "*", "example.com", TRUE },
  /* www alone in front of a TLD is a registrable domain, not a prefix */
  { "www.com", "www.com", "www.com", NULL, "www.com", TRUE },
  /* Multi-label public suffixes */
  { "www.example.co.uk", "www.example.co.uk", "example.co.uk", "www", "example.co.uk", TRUE },
  { "shop.example.co.uk", "shop.example.co.uk", "shop.example.co.uk", NULL, "example.co.uk", TRUE },
  { "*.example.com.au", "*.example.com.au", "example.com.au", "*", "example.com.au", TRUE },
  { "blog.user.github.io", "blog.user.github.io", "blog.user.github.io", NULL, "user.github.io", TRUE },
  /* Internationalised names */
  { "bücher.de", "xn--bcher-kva.de", "xn--bcher-kva.de", NULL, "xn--bcher-kva.de", TRUE },
  { "WWW.Bücher.example.", "www.xn--bcher-kva.example", "xn--bcher-kva.example", "www", "xn--bcher-kva.example", FALSE },
  { "www.xn--bcher-kva.de", "www.xn--bcher-kva.de", "xn--bcher-kva.de", "www", "xn--bcher-kva.de", TRUE },
  { "ÉCOLE.fr", "xn--cole-9oa.fr", "xn--cole-9oa.fr", NULL, "xn--cole-9oa.fr", TRUE },
  { "straße.de", "xn--strae-oqa.de", "xn--strae-oqa.de", NULL, "xn--strae-oqa.de", TRUE },
  /* Right-to-left labels that keep the Bidi Rule (RFC 5893) */
  { "שלום.example.com", "xn--9dbne9b.example.com", "xn--9dbne9b.example.com", NULL, "example.com", TRUE },
  { "مثال.example.com", "xn--mgbh0fb.example.com", "xn--mgbh0fb.example.com", NULL, "example.com", TRUE },
  { "א1.example.com", "xn--1-zhc.example.com", "xn--1-zhc.example.com", NULL, "example.com", TRUE },
  /* TLDs that are not public still work, flagged as such */
  { "mail.corp.example", "mail.corp.example", "mail.corp.example", NULL, "corp.example", FALSE },
  { "intranet.local", "intranet.local", "intranet.local", NULL, "intranet.local", FALSE },
  /* Refused */
  { "", NULL },
  { "   ", NULL },
  { "a..b", NULL },
  { ".example.com", NULL },
  { "example..com", NULL },
  { "example.com..", NULL },
  { "com", NULL },
  { "localhost", NULL },
  { "co.uk", NULL },
  { "*.co.uk", NULL },
  { "*.com", NULL },
  { "github.io", NULL },
  { "192.0.2.1", NULL },
  { "2001:db8::1", NULL },
  { "exa_mple.com", NULL },
  { "exa mple.com", NULL },
  { "-example.com", NULL },
  { "example-.com", NULL },
  { "www.*.example.com", NULL },
  { "*example.com", NULL },
  { "a*.example.com", NULL },
  { "**.example.com", NULL },
  { "*", NULL },
  { "http://example.com", NULL },
  { "user@example.com", NULL },
  { "example.com/path", NULL },
  { "xn--zz.example.com", NULL },
  /* Punycode that decodes to what IDNA2008 does not allow: U+0080 (a control
   * character), U+1F4A9 (a symbol) */
  { "xn--a.com", NULL },
  { "www.xn--a.example.com", NULL },
  { "xn--ls8h.example.com", NULL },
  /* The Bidi Rule: a right-to-left label that starts with a digit, typed or as
   * punycode, and a left-to-right label holding a right-to-left letter */
  { "1א.example.com", NULL },
  { "xn--1-0hc.example.com", NULL },
  { "aא.example.com", NULL },
  { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com", NULL },
};

static void
test_name_case (gconstpointer data)
{
  const NameCase *c = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = ca_domain_normalize (c->input, &error);
  g_autofree char *approval = NULL;
  g_autofree char *registrable = NULL;
  const char *stripped = NULL;
  gboolean is_public = !c->is_public;

  if (c->name == NULL)
    {
      g_assert_null (name);
      g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN);
      g_assert_cmpstr (error->message, !=, "");
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, c->name);
  approval = ca_domain_get_approval_domain (name, &stripped);
  g_assert_cmpstr (approval, ==, c->approval_domain);
  g_assert_cmpstr (stripped, ==, c->stripped);
  registrable = ca_domain_get_registrable_domain (name, &is_public);
  g_assert_cmpstr (registrable, ==, c->registrable);
  g_assert_cmpint (is_public, ==, c->is_public);
}

static void
test_too_long_name (void)
{
  g_autoptr (GString) name = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *result = NULL;

  while (name->len < 251)
    g_string_append (name, "abcdefghi.");
  g_string_append (name, "com");
  result = ca_domain_normalize (name->str, &error);
  g_assert_null (result);
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN);
}

static void
test_longest_label (void)
{
  g_autofree char *label = g_strnfill (63, 'a');
  g_autofree char *input = g_strconcat (label, ".com", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *result = ca_domain_normalize (input, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, input);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *result = ca_domain_normalize ("b\xfc" "cher.de", &error);

  g_assert_null (result);
  g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_DOMAIN);
}

static void
test_approver_addresses (void)
{
  g_auto (GStrv) addresses = ca_domain_get_approver_addresses ("example.com");
  const char * const expected[] = {
    "admin@example.com", "administrator@example.com", "hostmaster@example.com",
    "postmaster@example.com", "webmaster@example.com", NULL
  };

  g_assert_cmpstrv (addresses, expected);
}

typedef struct
{
  const char *name;
  const char *validation_domain;
  const char *expected;   /* NULL: refused */
} SuperCase;

static const SuperCase super_cases[] = {
  { "www.example.com", "example.com", "example.com" },
  { "www.example.com", "www.example.com", "www.example.com" },
  { "www.example.com", "EXAMPLE.COM.", "example.com" },
  { "a.b.example.com", "b.example.com", "b.example.com" },
  { "*.example.com", "example.com", "example.com" },
  { "*.shop.example.com", "shop.example.com", "shop.example.com" },
  { "www.xn--bcher-kva.de", "bücher.de", "xn--bcher-kva.de" },
  { "www.example.co.uk", "example.co.uk", "example.co.uk" },
  /* The other way round: a subdomain, a sibling, a suffix match that is not a label */
  { "example.com", "www.example.com", NULL },
  { "www.example.com", "other.com", NULL },
  { "shop.example.com", "blog.example.com", NULL },
  { "www.myexample.com", "example.com", NULL },
  /* Public suffixes are never validation domains */
  { "www.example.com", "com", NULL },
  { "www.example.co.uk", "co.uk", NULL },
  { "www.example.com", "*.example.com", NULL },
  { "www.example.com", "a..b", NULL },
};

static void
test_super_case (gconstpointer data)
{
  const SuperCase *c = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *result = ca_domain_check_validation_domain (c->name, c->validation_domain, &error);

  g_assert_cmpstr (result, ==, c->expected);
  if (c->expected == NULL)
    g_assert_error (error, CA_ERROR, CA_ERROR_INVALID_VALIDATION_DOMAIN);
  else
    g_assert_no_error (error);
}

static void
test_superdomain_labels (void)
{
  g_assert_true (ca_domain_is_superdomain_or_equal ("example.com", "www.example.com"));
  g_assert_true (ca_domain_is_superdomain_or_equal ("example.com", "example.com"));
  g_assert_false (ca_domain_is_superdomain_or_equal ("ample.com", "www.example.com"));
  g_assert_false (ca_domain_is_superdomain_or_equal ("www.example.com", "example.com"));
  g_assert_false (ca_domain_is_superdomain_or_equal ("", "example.com"));
}

static void
test_candidates (void)
{
  g_auto (GStrv) deep = ca_domain_list_validation_candidates ("www.shop.example.co.uk");
  g_auto (GStrv) wildcard = ca_domain_list_validation_candidates ("*.shop.example.com");
  g_auto (GStrv) apex = ca_domain_list_validation_candidates ("example.com");
  const char * const expected_deep[] = { "www.shop.example.co.uk", "shop.example.co.uk", "example.co.uk", NULL };
  const char * const expected_wildcard[] = { "shop.example.com", "example.com", NULL };
  const char * const expected_apex[] = { "example.com", NULL };

  g_assert_cmpstrv (deep, expected_deep);
  g_assert_cmpstrv (wildcard, expected_wildcard);
  g_assert_cmpstrv (apex, expected_apex);
}

static void
test_display (void)
{
  g_autofree char *idn = ca_domain_to_display ("www.xn--bcher-kva.example");
  g_autofree char *plain = ca_domain_to_display ("example.com");
  g_autofree char *rtl = ca_domain_to_display ("xn--9dbne9b.example.com");
  /* Punycode that decodes to a control character or breaks the Bidi Rule is
   * shown as it came, never decoded. */
  g_autofree char *control = ca_domain_to_display ("mx.xn--a.example");
  g_autofree char *bidi = ca_domain_to_display ("xn--1-0hc.example.com");

  g_assert_cmpstr (idn, ==, "www.bücher.example");
  g_assert_cmpstr (plain, ==, "example.com");
  g_assert_cmpstr (rtl, ==, "שלום.example.com");
  g_assert_cmpstr (control, ==, "mx.xn--a.example");
  g_assert_cmpstr (bidi, ==, "xn--1-0hc.example.com");
}

static char *
case_path (const char *prefix,
           guint       i,
           const char *input)
{
  g_autofree char *escaped = g_strescape (input, NULL);

  g_strdelimit (escaped, "/", '_');
  return g_strdup_printf ("%s/%02u-%s", prefix, i, escaped);
}

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (name_cases); i++)
    {
      g_autofree char *path = case_path ("/domain/normalize", i, name_cases[i].input);
      g_test_add_data_func (path, &name_cases[i], test_name_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (super_cases); i++)
    {
      g_autofree char *path = case_path ("/domain/validation-domain", i, super_cases[i].validation_domain);
      g_test_add_data_func (path, &super_cases[i], test_super_case);
    }
  g_test_add_func ("/domain/normalize/too-long", test_too_long_name);
  g_test_add_func ("/domain/normalize/longest-label", test_longest_label);
  g_test_add_func ("/domain/normalize/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/domain/approvers/five-addresses", test_approver_addresses);
  g_test_add_func ("/domain/superdomain/labels", test_superdomain_labels);
  g_test_add_func ("/domain/candidates", test_candidates);
  g_test_add_func ("/domain/display", test_display);

  return g_test_run ();
}
