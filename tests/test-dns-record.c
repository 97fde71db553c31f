/* test-dns-record.c: the rdata parsers, with truncated and hostile input
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-dns-record.h"
#include "ca-error.h"
#include "ca-test-util.h"

static CaDnsRecord *
parse_ok (CaDnsType     type,
          const guint8 *data,
          gsize         length)
{
  g_autoptr (GError) error = NULL;
  CaDnsRecord *record = ca_dns_record_parse (type, data, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static void
assert_malformed (CaDnsType     type,
                  const guint8 *data,
                  gsize         length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CaDnsRecord) record = NULL;
  g_autofree guint8 *copy = g_memdup2 (data, length);

  /* A heap copy of the exact length, so ASan sees any read past its end. */
  record = ca_dns_record_parse (type, copy, length, &error);
  g_assert_null (record);
  g_assert_error (error, CA_ERROR, CA_ERROR_MALFORMED_RESPONSE);
}

static const guint8 mx_rdata[] = { 0x00, 0x0a, 4, 'M', 'a', 'i', 'l', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0 };

static void
test_mx (void)
{
  g_autoptr (CaDnsRecord) record = parse_ok (CA_DNS_TYPE_MX, mx_rdata, sizeof mx_rdata);
  g_autofree char *text = ca_dns_record_to_string (record);

  g_assert_cmpuint (record->preference, ==, 10);
  g_assert_cmpstr (record->target, ==, "mail.example");
  g_assert_cmpstr (text, ==, "10 mail.example.");
}

static void
test_null_mx (void)
{
  static const guint8 rdata[] = { 0x00, 0x00, 0 };
  g_autoptr (CaDnsRecord) record = parse_ok (CA_DNS_TYPE_MX, rdata, sizeof rdata);

  g_assert_cmpuint (record->preference, ==, 0);
  g_assert_cmpstr (record->target, ==, "");
}

static void
test_mx_truncated (void)
{
  /* Every prefix of a valid record is malformed. */
  for (gsize length = 0; length < sizeof mx_rdata; length++)
    assert_malformed (CA_DNS_TYPE_MX, mx_rdata, length);
}

static void
test_mx_trailing_bytes (void)
{
  static const guint8 rdata[] = { 0x00, 0x0a, 1, 'a', 0, 0xff };

  assert_malformed (CA_DNS_TYPE_MX, rdata, sizeof rdata);
}

static void
test_name_hostile (void)
{
  static const guint8 pointer[] = { 0xc0, 0x0c };
  static const guint8 label_past_end[] = { 63, 'a', 'b', 0 };
  static const guint8 label_64[] = { 64, 'a' };
  static const guint8 no_terminator[] = { 1, 'a', 1, 'b' };
  guint8 too_long[300];
  gsize pos = 0;

  assert_malformed (CA_DNS_TYPE_CNAME, pointer, sizeof pointer);
  assert_malformed (CA_DNS_TYPE_CNAME, label_past_end, sizeof label_past_end);
  assert_malformed (CA_DNS_TYPE_CNAME, label_64, sizeof label_64);
  assert_malformed (CA_DNS_TYPE_CNAME, no_terminator, sizeof no_terminator);

  /* 5 labels of 63 octets: 320 octets on the wire, more than 255. */
  memset (too_long, 'a', sizeof too_long);
  for (guint i = 0; i < 4; i++, pos += 64)
    too_long[pos] = 63;
  too_long[pos] = 0;
  assert_malformed (CA_DNS_TYPE_CNAME, too_long, pos + 1);
}

static void
test_name_escapes (void)
{
  /* A label holding a dot, a space, a NUL and a high byte must not pass as text. */
  static const guint8 rdata[] = { 6, 'a', '.', ' ', 0x00, 0xff, 'B', 2, 'e', 'x', 0 };
  g_autoptr (CaDnsRecord) record = parse_ok (CA_DNS_TYPE_CNAME, rdata, sizeof rdata);

  g_assert_cmpstr (record->target, ==, "a\\046\\032\\000\\255b.ex");
  g_assert_true (g_utf8_validate (record->target, -1, NULL));
}

static void
test_address (void)
{
  static const guint8 a[] = { 192, 0, 2, 1 };
  static const guint8 aaaa[] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12 };
  g_autoptr (CaDnsRecord) ipv4 = parse_ok (CA_DNS_TYPE_A, a, sizeof a);
  g_autoptr (CaDnsRecord) ipv6 = parse_ok (CA_DNS_TYPE_AAAA, aaaa, sizeof aaaa);

  g_assert_cmpstr (ipv4->value, ==, "192.0.2.1");
  g_assert_cmpstr (ipv6->value, ==, "2001:db8::12");
  assert_malformed (CA_DNS_TYPE_A, a, 3);
  assert_malformed (CA_DNS_TYPE_A, aaaa, sizeof aaaa);
  assert_malformed (CA_DNS_TYPE_AAAA, aaaa, 15);
  assert_malformed (CA_DNS_TYPE_AAAA, a, sizeof a);
}

static const guint8 caa_rdata[] = { 0x00, 5, 'I', 's', 's', 'u', 'e', 'a', 'm', 'a', 'z', 'o', 'n', '.', 'c', 'o', 'm' };

static void
test_caa (void)
{
  g_autoptr (CaDnsRecord) record = parse_ok (CA_DNS_TYPE_CAA, caa_rdata, sizeof caa_rdata);
  g_autofree char *text = ca_dns_record_to_string (record);

  g_assert_cmpuint (record->flags, ==, 0);
  g_assert_cmpstr (record->tag, ==, "issue");
  g_assert_cmpstr (record->value, ==, "amazon.com");
  g_assert_cmpstr (text, ==, "0 issue \"amazon.com\"");
}

static void
test_caa_hostile (void)
{
  static const guint8 tag_past_end[] = { 0x80, 200, 'a' };
  static const guint8 tag_empty[] = { 0x00, 0, 'x' };
  static const guint8 tag_16[] = { 0x00, 16, 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a' };
  static const guint8 tag_symbol[] = { 0x00, 2, 'a', '-', 'x' };
  static const guint8 value_quote[] = { 0x80, 3, 't', 'b', 's', '"', '\n', 0x01 };
  g_autoptr (CaDnsRecord) record = NULL;

  assert_malformed (CA_DNS_TYPE_CAA, caa_rdata, 0);
  assert_malformed (CA_DNS_TYPE_CAA, caa_rdata, 1);
  assert_malformed (CA_DNS_TYPE_CAA, caa_rdata, 6);
  assert_malformed (CA_DNS_TYPE_CAA, tag_past_end, sizeof tag_past_end);
  assert_malformed (CA_DNS_TYPE_CAA, tag_empty, sizeof tag_empty);
  assert_malformed (CA_DNS_TYPE_CAA, tag_16, sizeof tag_16);
  assert_malformed (CA_DNS_TYPE_CAA, tag_symbol, sizeof tag_symbol);

  /* An empty value is allowed; control bytes and quotes are escaped. */
  record = parse_ok (CA_DNS_TYPE_CAA, caa_rdata, 7);
  g_assert_cmpstr (record->value, ==, "");
  g_clear_pointer (&record, ca_dns_record_free);
  record = parse_ok (CA_DNS_TYPE_CAA, value_quote, sizeof value_quote);
  g_assert_cmpuint (record->flags, ==, 128);
  g_assert_cmpstr (record->value, ==, "\\034\\010\\001");
}

static void
test_txt (void)
{
  static const guint8 rdata[] = { 3, 'a', 'b', 'c', 0, 2, 'd', 'e' };
  static const guint8 past_end[] = { 3, 'a', 'b', 'c', 5, 'd' };
  g_autoptr (CaDnsRecord) record = parse_ok (CA_DNS_TYPE_TXT, rdata, sizeof rdata);

  g_assert_cmpstr (record->value, ==, "abcde");
  assert_malformed (CA_DNS_TYPE_TXT, past_end, sizeof past_end);
  assert_malformed (CA_DNS_TYPE_TXT, rdata, 0);
  assert_malformed (CA_DNS_TYPE_TXT, rdata, 3);
}

static void
test_random_bytes (void)
{
  static const CaDnsType types[] = { CA_DNS_TYPE_A, CA_DNS_TYPE_NS, CA_DNS_TYPE_CNAME, CA_DNS_TYPE_MX,
                                     CA_DNS_TYPE_TXT, CA_DNS_TYPE_AAAA, CA_DNS_TYPE_CAA };
  g_autoptr (GRand) rand = g_rand_new_with_seed (8659);

  /* Whatever comes in, the parsers return a record with valid UTF-8 or an error. */
  for (guint round = 0; round < 20000; round++)
    {
      gsize length = g_rand_int_range (rand, 0, 40);
      g_autofree guint8 *data = g_malloc (MAX (length, 1));
      CaDnsType type = types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))];
      g_autoptr (CaDnsRecord) record = NULL;
      g_autoptr (GError) error = NULL;

      for (gsize i = 0; i < length; i++)
        data[i] = round % 2 == 0 ? g_rand_int_range (rand, 0, 256) : g_rand_int_range (rand, 0, 8);
      record = ca_dns_record_parse (type, data, length, &error);
      g_assert_true ((record == NULL) != (error == NULL));
      if (record != NULL)
        {
          g_autofree char *text = ca_dns_record_to_string (record);

          g_assert_true (g_utf8_validate (text, -1, NULL));
        }
    }
}

static void
test_name_equal (void)
{
  g_assert_true (ca_dns_name_equal ("_X.Example.COM.", "_x.example.com"));
  g_assert_false (ca_dns_name_equal ("a.example", "b.example"));
  g_assert_false (ca_dns_name_equal (NULL, "a"));
}

int
main (int    argc,
      char **argv)
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/dns-record/mx", test_mx);
  g_test_add_func ("/dns-record/null-mx", test_null_mx);
  g_test_add_func ("/dns-record/mx-truncated", test_mx_truncated);
  g_test_add_func ("/dns-record/mx-trailing-bytes", test_mx_trailing_bytes);
  g_test_add_func ("/dns-record/name-hostile", test_name_hostile);
  g_test_add_func ("/dns-record/name-escapes", test_name_escapes);
  g_test_add_func ("/dns-record/address", test_address);
  g_test_add_func ("/dns-record/caa", test_caa);
  g_test_add_func ("/dns-record/caa-hostile", test_caa_hostile);
  g_test_add_func ("/dns-record/txt", test_txt);
  g_test_add_func ("/dns-record/random-bytes", test_random_bytes);
  g_test_add_func ("/dns-record/name-equal", test_name_equal);

  return g_test_run ();
}
