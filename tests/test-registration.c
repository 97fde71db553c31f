/* test-registration.c: the classifier and the RDAP/WHOIS orchestration, through
 * real servers on 127.0.0.1 serving the shared fixtures
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ca-diagnosis.h"
#include "ca-registration-check.h"
#include "ca-finding.h"
#include "ca-registration-classifier.h"
#include "ca-registration-client.h"
#include "ca-test-rdap-server.h"
#include "ca-test-util.h"
#include "ca-test-whois-server.h"

typedef struct
{
  gboolean        done;
  CaRegistration *registration;
  GError         *error;
} Result;

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->registration = ca_registration_client_lookup_finish (CA_REGISTRATION_CLIENT (object), result, &r->error);
  r->done = TRUE;
}

static CaRegistration *
lookup (CaRegistrationClient *client,
        const char           *name)
{
  Result r = { 0 };

  ca_registration_client_lookup_async (client, name, NULL, lookup_cb, &r);
  ca_test_wait_for (&r.done);
  g_assert_no_error (r.error);
  return r.registration;
}

static char *
read_fixture (const char *name)
{
  g_autofree char *path = ca_test_fixture_path ("registration", name, NULL);
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static char *
join_emails (CaRegistration *registration)
{
  return g_strjoinv (",", (char **) ca_registration_get_emails (registration));
}

/* The name a sample is about, so the query matches it; a default otherwise. */
static char *
domain_of_sample (const char *text,
                  gboolean    rdap)
{
  g_autoptr (GRegex) regex = NULL;
  g_autoptr (GMatchInfo) match = NULL;

  if (rdap)
    regex = g_regex_new ("\"ldhName\"\\s*:\\s*\"([^\"]+\\.[^\"]+)\"", 0, 0, NULL);
  else
    regex = g_regex_new ("^\\s*domain( name)?:?\\s+([a-z0-9-]+\\.[a-z0-9.-]+)\\s*$",
                         G_REGEX_CASELESS | G_REGEX_MULTILINE, 0, NULL);
  if (g_regex_match (regex, text, 0, &match))
    {
      g_autofree char *name = g_match_info_fetch (match, rdap ? 1 : 2);

      return g_ascii_strdown (name, -1);
    }
  return g_strdup ("example.com");
}

static const char *
tld_of (const char *domain)
{
  return strrchr (domain, '.') + 1;
}

/* One RDAP sample: the fixture is the registry's answer for its domain. */
static CaRegistration *
classify_rdap_sample (const char *file,
                      char      **server_out)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  g_autofree char *text = read_fixture (file);
  g_autofree char *domain = domain_of_sample (text, TRUE);
  g_autofree char *path = g_strdup_printf ("/rdap/domain/%s", domain);
  g_autofree char *bootstrap = ca_test_rdap_server_get_url (server, "/dns.json");
  const char * const tlds[] = { tld_of (domain), NULL };
  g_autoptr (CaRegistrationClient) client = ca_registration_client_new ("127.0.0.1:9", bootstrap);
  g_autoptr (JsonNode) node = json_from_string (text, NULL);
  JsonObject *object = json_node_get_object (node);
  guint status = json_object_has_member (object, "errorCode") ? json_object_get_int_member (object, "errorCode") : 200;

  ca_test_rdap_server_add_bootstrap (server, "/dns.json", tlds);
  ca_test_rdap_server_add_text (server, path, status, text);
  *server_out = g_strdup_printf ("127.0.0.1:%s", strrchr (bootstrap, ':') + 1);
  *strchr (*server_out + strlen ("127.0.0.1:"), '/') = '\0';
  return lookup (client, domain);
}

/* One WHOIS sample: RDAP lists no service for the TLD, so port 43 answers. */
static CaRegistration *
classify_whois_sample (const char *file,
                       char      **server_out)
{
  g_autoptr (CaTestWhoisServer) whois = ca_test_whois_server_new ();
  g_autoptr (CaTestRdapServer) rdap = ca_test_rdap_server_new ();
  g_autofree char *path = ca_test_fixture_path ("registration", file, NULL);
  g_autofree char *text = read_fixture (file);
  g_autofree char *domain = domain_of_sample (text, FALSE);
  g_autofree char *bootstrap = ca_test_rdap_server_get_url (rdap, "/dns.json");
  g_autofree char *address = ca_test_whois_server_get_address (whois);
  const char * const tlds[] = { "example", NULL };
  g_autoptr (CaRegistrationClient) client = ca_registration_client_new (address, bootstrap);
  g_autoptr (GFile) gfile = g_file_new_for_path (path);
  g_autoptr (GBytes) bytes = g_file_load_bytes (gfile, NULL, NULL, NULL);
  CaRegistration *registration;

  ca_test_rdap_server_add_bootstrap (rdap, "/dns.json", tlds);
  ca_test_whois_server_set_default (whois, bytes);
  registration = lookup (client, domain);
  g_assert_cmpuint (ca_test_whois_server_get_queries (whois)->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ca_test_whois_server_get_queries (whois), 0), ==, domain);
  *server_out = g_steal_pointer (&address);
  return registration;
}

/* Every sample of EXPECTED.tsv, read at test time, through the network path. */
static void
test_fixtures (void)
{
  g_autofree char *expected = read_fixture ("EXPECTED.tsv");
  g_auto (GStrv) lines = g_strsplit (expected, "\n", -1);
  guint checked = 0;

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) columns = g_strsplit (lines[i], "\t", -1);
      g_autoptr (CaRegistration) registration = NULL;
      g_autofree char *emails = NULL;
      g_autofree char *server = NULL;
      gboolean rdap;

      if (lines[i][0] == '\0')
        continue;
      g_assert_cmpuint (g_strv_length (columns), ==, 4);
      rdap = g_strcmp0 (columns[1], "rdap") == 0;
      g_test_message ("%s", columns[0]);
      registration = rdap ? classify_rdap_sample (columns[0], &server) : classify_whois_sample (columns[0], &server);

      for (const char * const *e = ca_registration_get_evidence (registration); *e != NULL; e++)
        g_test_message ("  evidence: %s", *e);
      g_assert_cmpstr (ca_registration_verdict_to_string (ca_registration_get_verdict (registration)), ==, columns[2]);
      emails = join_emails (registration);
      g_assert_cmpstr (emails, ==, columns[3]);
      g_assert_cmpstr (ca_registration_source_to_string (ca_registration_get_source (registration)), ==, columns[1]);
      g_assert_cmpstr (ca_registration_get_server (registration), ==, server);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 26);
}

/* IANA → registry → registrar over port 43, then classified. */
static void
test_whois_chain_classified (void)
{
  g_autoptr (CaTestWhoisServer) iana = ca_test_whois_server_new ();
  g_autoptr (CaTestWhoisServer) registry = ca_test_whois_server_new ();
  g_autoptr (CaTestWhoisServer) registrar = ca_test_whois_server_new ();
  g_autoptr (CaTestRdapServer) rdap = ca_test_rdap_server_new ();
  g_autofree char *iana_address = ca_test_whois_server_get_address (iana);
  g_autofree char *registry_address = ca_test_whois_server_get_address (registry);
  g_autofree char *registrar_address = ca_test_whois_server_get_address (registrar);
  g_autofree char *iana_text = g_strdup_printf ("%% IANA WHOIS server\n\nrefer:        %s\n\ndomain:       COM\nsource:       IANA\n", registry_address);
  g_autofree char *registry_text = g_strdup_printf ("   Domain Name: EXAMPLE-LANTERN-5150.COM\n   Registrar WHOIS Server: %s\n   Registrar: NAMECHEAP INC\n", registrar_address);
  g_autofree char *registrar_text = read_fixture ("whois-namecheap-withheld-for-privacy-protect-email.txt");
  g_autofree char *bootstrap = ca_test_rdap_server_get_url (rdap, "/dns.json");
  const char * const tlds[] = { "example", NULL };
  g_autoptr (CaRegistrationClient) client = ca_registration_client_new (iana_address, bootstrap);
  g_autoptr (CaRegistration) registration = NULL;
  g_autoptr (GPtrArray) findings = NULL;

  ca_test_rdap_server_add_bootstrap (rdap, "/dns.json", tlds);
  ca_test_whois_server_add_text (iana, "example-lantern-5150.com", iana_text);
  ca_test_whois_server_add_text (registry, "example-lantern-5150.com", registry_text);
  ca_test_whois_server_add_text (registrar, "example-lantern-5150.com", registrar_text);

  registration = lookup (client, "www.Example-Lantern-5150.com");
  g_assert_cmpstr (ca_registration_get_domain (registration), ==, "example-lantern-5150.com");
  g_assert_cmpstr (ca_registration_get_server (registration), ==, registrar_address);
  g_assert_cmpint (ca_registration_get_verdict (registration), ==, CA_REGISTRATION_VERDICT_PRIVACY_PLACEHOLDER);

  findings = ca_registration_create_findings (registration);
  g_assert_cmpuint (findings->len, ==, 2);
  g_assert_cmpint (ca_finding_get_id (findings->pdata[0]), ==, CA_FINDING_WHOIS_NOT_USED_SINCE_2024);
  g_assert_cmpint (ca_finding_get_id (findings->pdata[1]), ==, CA_FINDING_WHOIS_PRIVACY_PLACEHOLDER);
}

/* A registry whose referral target refuses, or never answers: the registry's
 * thin answer is no verdict of "no data" but a lookup that failed. */
static void
assert_referral_failure (CaTestWhoisMode  mode,
                         const char      *words)
{
  g_autoptr (CaTestWhoisServer) registry = ca_test_whois_server_new ();
  g_autoptr (CaTestWhoisServer) registrar = ca_test_whois_server_new ();
  g_autoptr (CaTestRdapServer) rdap = ca_test_rdap_server_new ();
  g_autofree char *registry_address = ca_test_whois_server_get_address (registry);
  g_autofree char *registrar_address = ca_test_whois_server_get_address (registrar);
  g_autofree char *registry_text = g_strdup_printf ("   Domain Name: EXAMPLE-LANTERN-5150.COM\n   Registrar WHOIS Server: %s\n   Registrar: NAMECHEAP INC\n", registrar_address);
  g_autofree char *bootstrap = ca_test_rdap_server_get_url (rdap, "/dns.json");
  const char * const tlds[] = { "example", NULL };
  g_autoptr (CaRegistrationClient) client = ca_registration_client_new (registry_address, bootstrap);
  g_autoptr (CaRegistration) registration = NULL;
  g_autoptr (GPtrArray) findings = NULL;

  ca_test_rdap_server_add_bootstrap (rdap, "/dns.json", tlds);
  ca_test_whois_server_add_text (registry, "example-lantern-5150.com", registry_text);
  if (mode == CA_TEST_WHOIS_ANSWER)
    ca_test_whois_server_stop (registrar);
  else
    ca_test_whois_server_set_mode (registrar, mode);
  ca_registration_client_set_timeout (client, 1);

  registration = lookup (client, "example-lantern-5150.com");
  g_assert_cmpint (ca_registration_get_verdict (registration), ==, CA_REGISTRATION_VERDICT_ERROR);
  g_assert_nonnull (strstr (ca_registration_get_error_message (registration), words));
  findings = ca_registration_create_findings (registration);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpint (ca_finding_get_id (findings->pdata[0]), ==, CA_FINDING_RDAP_WHOIS_UNAVAILABLE);
}

static void
test_whois_referral_refused (void)
{
  assert_referral_failure (CA_TEST_WHOIS_ANSWER, "could not be asked");
}

static void
test_whois_referral_silent (void)
{
  assert_referral_failure (CA_TEST_WHOIS_SILENT, "did not answer in time");
}

/* RDAP registry → registrar through `related`, then classified. */
static void
test_rdap_chain_classified (void)
{
  g_autoptr (CaTestRdapServer) server = ca_test_rdap_server_new ();
  g_autofree char *bootstrap = ca_test_rdap_server_get_url (server, "/dns.json");
  g_autofree char *registrar_url = ca_test_rdap_server_get_url (server, "/registrar/domain/EXAMPLE-BAKERY-4417.COM");
  g_autofree char *registry = read_fixture ("rdap-verisign-com-registry-thin-related-link.json");
  g_auto (GStrv) parts = g_strsplit (registry, "https://rdap.godaddy.com/v1/domain/EXAMPLE-BAKERY-4417.COM", -1);
  g_autofree char *linked = g_strjoinv (registrar_url, parts);
  g_autofree char *registrar = read_fixture ("rdap-godaddy-registrar-rfc9537-contact-uri-form.json");
  const char * const tlds[] = { "com", NULL };
  g_autoptr (CaRegistrationClient) client = ca_registration_client_new ("127.0.0.1:9", bootstrap);
  g_autoptr (CaRegistration) registration = NULL;
  g_autoptr (GPtrArray) findings = NULL;

  ca_test_rdap_server_add_bootstrap (server, "/dns.json", tlds);
  ca_test_rdap_server_add_text (server, "/rdap/domain/example-bakery-4417.com", 200, linked);
  ca_test_rdap_server_add_text (server, "/registrar/domain/EXAMPLE-BAKERY-4417.COM", 200, registrar);

  registration = lookup (client, "example-bakery-4417.com");
  g_assert_cmpint (ca_registration_get_source (registration), ==, CA_REGISTRATION_SOURCE_RDAP);
  g_assert_cmpint (ca_registration_get_verdict (registration), ==, CA_REGISTRATION_VERDICT_WEB_FORM_OR_CAPTCHA);
  findings = ca_registration_create_findings (registration);
  g_assert_cmpuint (findings->len, ==, 2);
  g_assert_cmpint (ca_finding_get_id (findings->pdata[1]), ==, CA_FINDING_WHOIS_CAPTCHA_OR_WEB_FORM);
}

/* A broken RDAP server sends the lookup to port 43. */
static void
test_rdap_failure_falls_back (void)
{
  g_autoptr (CaTestRdapServer) rdap = ca_test_rdap_server_new ();
  g_autoptr (CaTestWhoisServer) whois = ca_test_whois_server_new ();
  g_autofree char *bootstrap = ca_test_rdap_server_get_url (rdap, "/dns.json");
  g_autofree char *address = ca_test_whois_server_get_address (whois);
  const char * const tlds[] = { "com", NULL };
  g_autoptr (CaRegistrationClient) client = ca_registration_client_new (address, bootstrap);
  g_autoptr (CaRegistration) registration = NULL;
  g_autofree char *text = read_fixture ("whois-registrar-real-contacts-corporate.txt");

  ca_test_rdap_server_add_bootstrap (rdap, "/dns.json", tlds);
  ca_test_rdap_server_add_text (rdap, "/rdap/domain/example-freight-5511.com", 500, "oops");
  ca_test_whois_server_add_text (whois, "example-freight-5511.com", text);

  registration = lookup (client, "example-freight-5511.com");
  g_assert_cmpint (ca_registration_get_source (registration), ==, CA_REGISTRATION_SOURCE_WHOIS);
  g_assert_cmpint (ca_registration_get_verdict (registration), ==, CA_REGISTRATION_VERDICT_CONTACTS_USABLE);
}

/* Nobody answers: verdict error, and the unavailability finding only. */
static void
test_nothing_answers (void)
{
  g_autoptr (CaTestWhoisServer) whois = ca_test_whois_server_new ();
  g_autofree char *address = ca_test_whois_server_get_address (whois);
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "certassist-no-such-bootstrap.json", NULL);
  g_autoptr (CaRegistrationClient) client = NULL;
  g_autoptr (CaRegistration) registration = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object;

  ca_test_whois_server_stop (whois);
  client = ca_registration_client_new (address, missing);
  ca_registration_client_set_timeout (client, 2);
  registration = lookup (client, "example.com");
  g_assert_cmpint (ca_registration_get_verdict (registration), ==, CA_REGISTRATION_VERDICT_ERROR);
  g_assert_cmpint (ca_registration_get_source (registration), ==, CA_REGISTRATION_SOURCE_NONE);
  findings = ca_registration_create_findings (registration);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpint (ca_finding_get_id (findings->pdata[0]), ==, CA_FINDING_RDAP_WHOIS_UNAVAILABLE);

  ca_registration_to_json (registration, builder);
  node = json_builder_get_root (builder);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "domain"), ==, "example.com");
  g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, "none");
  g_assert_true (json_object_get_null_member (object, "server"));
  g_assert_cmpstr (json_object_get_string_member (object, "verdict"), ==, "error");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "emails")), ==, 0);
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (ca_registration_client_fill_finish (CA_REGISTRATION_CLIENT (object), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *(gboolean *) user_data = TRUE;
}

/* A cancelled lookup ends pending as an error, never as "no data". */
static void
test_cancelled (void)
{
  g_autoptr (CaTestWhoisServer) whois = ca_test_whois_server_new ();
  g_autoptr (CaTestRdapServer) rdap = ca_test_rdap_server_new ();
  g_autofree char *address = ca_test_whois_server_get_address (whois);
  g_autofree char *bootstrap = ca_test_rdap_server_get_url (rdap, "/dns.json");
  const char * const tlds[] = { "example", NULL };
  g_autoptr (CaRegistrationClient) client = ca_registration_client_new (address, bootstrap);
  g_autoptr (CaRegistration) registration = ca_registration_new ("slow.com");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  gboolean done = FALSE;

  ca_test_rdap_server_add_bootstrap (rdap, "/dns.json", tlds);
  ca_test_whois_server_set_mode (whois, CA_TEST_WHOIS_SILENT);
  ca_registration_client_fill_async (client, registration, cancellable, cancelled_cb, &done);
  while (ca_test_whois_server_get_queries (whois)->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  ca_test_wait_for (&done);
  g_assert_false (ca_registration_get_pending (registration));
  g_assert_cmpint (ca_registration_get_verdict (registration), ==, CA_REGISTRATION_VERDICT_ERROR);
}

static void
test_json_entry (void)
{
  g_autoptr (CaRegistration) registration = ca_registration_new ("example-freight-5511.com");
  g_autofree char *text = read_fixture ("whois-registrar-real-contacts-corporate.txt");
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object;
  JsonArray *emails;

  ca_registration_set_source (registration, CA_REGISTRATION_SOURCE_WHOIS);
  ca_registration_set_server (registration, "whois.example.net");
  ca_registration_classify_whois (registration, text);
  ca_registration_to_json (registration, builder);
  node = json_builder_get_root (builder);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, "whois");
  g_assert_cmpstr (json_object_get_string_member (object, "server"), ==, "whois.example.net");
  g_assert_cmpstr (json_object_get_string_member (object, "verdict"), ==, "contacts_usable");
  emails = json_object_get_array_member (object, "emails");
  g_assert_cmpuint (json_array_get_length (emails), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (emails, 0), ==, "dns-admin@example-freight-5511.com");
  g_assert_true (json_object_has_member (object, "evidence"));
}

typedef struct
{
  const char *what;
  const char *text;
  const char *verdict;
  const char *emails;
} Case;

/* Rule checks on composed answers with other registrars and layouts than the
 * samples, so the rules and not the samples are what pass. */
static const Case whois_cases[] = {
  { "real company named Redacted", "Domain Name: acme.example\nRegistrant Organization: Redacted Solutions LLC\nRegistrant Email: Ops@Acme.example\n", "contacts_usable", "ops@acme.example" },
  { "registro.br partial data after throttle", "% Query rate limit exceeded. Reduced information.\n\ndomain:      loja.com.br\nowner:       Loja Exemplo Ltda\nowner-c:     LOJ12\n\nnic-hdl-br:  LOJ12\nperson:      Maria Exemplo\ne-mail:      contato@loja.com.br\n", "contacts_usable", "contato@loja.com.br" },
  { "AFNIC throttle then no entries", "%% Too many requests...\n%% RL Net [###]\nNo entries found.\n", "rate_limited", "" },
  { "DENIC free", "Domain: frei-123.de\nStatus: free\n", "no_data", "" },
  { "nominet quota", "The WHOIS query quota for 192.0.2.1 has been exceeded and will be replenished in 40 seconds.\n", "rate_limited", "" },
  { "retired notice only", "This WHOIS service has been retired. Please use RDAP.\n", "no_data", "" },
  { "eNom placeholder", "Domain Name: shop.example\nRegistrant Name: Data Protected\nRegistrant Organization: Data Protected\nRegistrant Street: 123 Data Protected\nRegistrant Phone: +1.0000000000\nRegistrant Email: noreply@data-protected.net\n", "privacy_placeholder", "" },
  { "per-domain relay", "Domain Name: kites.example\nRegistrant Email: kites.example@relay.registrar-x.example\n", "privacy_placeholder", "" },
  { "hex relay at a registrar", "Domain Name: kites.example\nRegistrant Email: 5f3a9c0d1e2b4a6c8d7e9f0a1b2c3d4e-12345@mail.registrar-y.example\n", "privacy_placeholder", "" },
  { "registrar hostmaster only", "Domain Name: kites.example\nRegistrar URL: https://www.registrar-z.example\nTech Email: hostmaster@registrar-z.example\n", "redacted_no_contact", "" },
  { "porkbun form", "Domain Name: kites.example\nRegistrant Name: REDACTED FOR PRIVACY\nRegistrant Email: https://porkbun.com/whois/contact/registrant/kites.example\n", "web_form_or_captcha", "" },
  { "dns.be web whois", "Domain:\tkites.be\nStatus:\tNOT AVAILABLE\n\nRegistrant:\n\tNot shown, please visit www.dnsbelgium.be for webbased whois.\n", "web_form_or_captcha", "" },
  { "proxy plus real tech", "Domain Name: mix.example\nRegistrant Organization: Contact Privacy Inc. Customer 0123456\nRegistrant Email: mix.example@contactprivacy.com\nTech Email: it@mix.example\n", "contacts_usable", "it@mix.example" },
  { "abuse mail never counts", "Domain Name: mix.example\nRegistrar Abuse Contact Email: abuse@registrar.example\n", "redacted_no_contact", "" },
  { "AFNIC anonymous holder", "domain:      kites.fr\nholder-c:    ANO00-FRNIC\n\nnic-hdl:     ANO00-FRNIC\ntype:        PERSON\ncontact:     Ano Nymous\ne-mail:      kites.fr@example-anon-relay.fr\n", "privacy_placeholder", "" },
  { ".ee web whois, keys under a heading", "Estonia .ee Top Level Domain WHOIS server\n\nDomain:\nname:       kites.ee\nstatus:     ok (paid and in zone)\n\nRegistrant:\nname:       Private Person\nemail:      Not Disclosed - Visit www.internet.ee for webbased WHOIS\n\nAdministrative contact:\nname:       Not Disclosed - Visit www.internet.ee for webbased WHOIS\nemail:      Not Disclosed - Visit www.internet.ee for webbased WHOIS\n", "web_form_or_captcha", "" },
  { ".it bare headings, no email", "Domain:             kites.it\nStatus:             ok\n\nRegistrant\n  Organization:     Aquiloni S.r.l.\n\nAdmin Contact\n  Name:             Mario Rossi\n\nRegistrar\n  Organization:     Example Registrar S.p.A.\n  Web:              https://www.registrar-it.example\n", "redacted_no_contact", "" },
  { "JPRS bracket keys", "[ JPRS database provides information on network administration. Its use is    ]\n[Domain Name]                   KITES.JP\n[Registrant]                    Kites K.K.\n[Name Server]                   ns1.kites.jp\n", "redacted_no_contact", "" },
  { "AFNIC tech contact run by the registrar", "domain:      kites.fr\nregistrar:   EXAMPLE-REG\nholder-c:    K123-FRNIC\ntech-c:      EX5-FRNIC\n\nregistrar:   EXAMPLE-REG\naddress:     1 rue Exemple\ne-mail:      support@registrar-fr.example\nwebsite:     http://www.registrar-fr.example\n\nnic-hdl:     K123-FRNIC\ntype:        ORGANIZATION\ncontact:     Kites SARL\ne-mail:      contact@kites.fr\n\nnic-hdl:     EX5-FRNIC\ntype:        ORGANIZATION\ncontact:     Example Registrar NOC\ne-mail:      tech@registrar-fr.example\n", "contacts_usable", "contact@kites.fr" },
  { "AFNIC anonymous holder, real tech", "domain:      kites.fr\nholder-c:    ANO00-FRNIC\ntech-c:      KT1-FRNIC\n\nnic-hdl:     ANO00-FRNIC\ntype:        PERSON\ncontact:     Ano Nymous\ne-mail:      kites.fr@example-anon-relay.fr\n\nnic-hdl:     KT1-FRNIC\ntype:        PERSON\ncontact:     Jeanne Martin\ne-mail:      jeanne@kites-agency.fr\n", "contacts_usable", "jeanne@kites-agency.fr" },
  { "Nominet, never an email", "    Domain name:\n        kites.co.uk\n\n    Registrant:\n        Kites Ltd\n\n    Registrar:\n        Example Registrar Ltd [Tag = EXAMPLE]\n        URL: https://www.registrar-uk.example\n", "redacted_no_contact", "" },
  { "data redacted plus a contact link", "Domain Name: kites.example\nRegistrant Name: DATA REDACTED\nRegistrant Email: https://domaincontact.registrar-cf.example/kites.example\n", "web_form_or_captcha", "" },
  { "identity protection service", "Domain Name: kites.example\nRegistrant Organization: Identity Protection Service\nRegistrant Email: 7b0c1d2e-aaaa-bbbb@identity-protect.org\n", "privacy_placeholder", "" },
  { "private registration forwarder", "Domain Name: kites.example\nRegistrant Name: Kites Owner\nRegistrant Email: yu2yb7ps4ct@registrar-privateregistration.example\n", "privacy_placeholder", "" },
  { ".au statutory masking, send via the registry site", "Domain Name: kites.com.au\nRegistrant Contact Name: Statutory Masking Enabled\nRegistrant Contact Email: Visit whois.auda.org.au to send an email to the registrant\n", "web_form_or_captcha", "" },
  { ".at data not disclosed in brackets", "domain:         kites.at\nregistrant:     <data not disclosed>\ntech-c:         <data not disclosed>\nnserver:        ns1.kites.at\n", "privacy_placeholder", "" },
  { "contact given as a link", "domain:        KITES.RU\nregistrar:     EXAMPLE-REG-RU\nadmin-contact: https://www.registrar-ru.example/whois\n", "web_form_or_captcha", "" },
  { "address in angle brackets", "Domain Name: kites.example\nRegistrant Email: <Owner@Kites.example>\n", "contacts_usable", "owner@kites.example" },
  { "placeholder addresses", "Domain Name: kites.example\nRegistrant Email: redacted@registrar-p.example\nTech Email: hostmaster@kites.invalid\n", "privacy_placeholder", "" },
  { "SIDN free", "kites.nl is free\n", "no_data", "" },
  { "empty answer", "", "no_data", "" },
};

/* A registrar naming its own WHOIS server, with every contact removed, is not thin. */
static void
test_own_server_is_no_referral (void)
{
  g_autoptr (CaRegistration) registration = ca_registration_new ("kites.example");
  const char *text = "Domain Name: kites.example\nRegistrar WHOIS Server: whois.registrar-k.example\n"
                     "Registrar: Registrar K\n";

  ca_registration_set_server (registration, "whois.registrar-k.example");
  ca_registration_classify_whois (registration, text);
  g_assert_cmpint (ca_registration_get_verdict (registration), ==, CA_REGISTRATION_VERDICT_REDACTED_NO_CONTACT);
}

static void
test_whois_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (whois_cases); i++)
    {
      g_autoptr (CaRegistration) registration = ca_registration_new ("kites.example");
      g_autofree char *emails = NULL;

      g_test_message ("%s", whois_cases[i].what);
      ca_registration_classify_whois (registration, whois_cases[i].text);
      g_assert_cmpstr (ca_registration_verdict_to_string (ca_registration_get_verdict (registration)), ==, whois_cases[i].verdict);
      emails = join_emails (registration);
      g_assert_cmpstr (emails, ==, whois_cases[i].emails);
    }
}

static const Case rdap_cases[] = {
  { "mailto contact-uri is an address",
    "{\"objectClassName\":\"domain\",\"entities\":[{\"roles\":[\"Registrant\"],\"vcardArray\":[\"vcard\",[[\"contact-uri\",{},\"uri\",\"mailto:Owner@Kites.example\"]]]}]}",
    "contacts_usable", "owner@kites.example" },
  { "proxy role",
    "{\"objectClassName\":\"domain\",\"entities\":[{\"roles\":[\"registrant\",\"proxy\"],\"vcardArray\":[\"vcard\",[[\"fn\",{},\"text\",\"Someone\"],[\"email\",{},\"text\",\"fwd@kites-relay.example\"]]]}]}",
    "privacy_placeholder", "" },
  { "technical desk nested in the registrar",
    "{\"objectClassName\":\"domain\",\"entities\":[{\"roles\":[\"registrar\"],\"entities\":[{\"roles\":[\"technical\"],\"vcardArray\":[\"vcard\",[[\"email\",{},\"text\",\"support@registrar.example\"]]]}]}]}",
    "redacted_no_contact", "" },
  { "short adr and odd nodes",
    "{\"objectClassName\":\"domain\",\"entities\":[{\"roles\":[\"administrative\"],\"vcardArray\":[\"vcard\",[[\"adr\",{}],3,[\"email\",{},\"text\",\"admin@kites.example\"]]]},5]}",
    "contacts_usable", "admin@kites.example" },
  { "registry removal without contact", "{\"objectClassName\":\"domain\",\"redacted\":[{\"name\":{\"type\":\"Registrant Email\"},\"method\":\"removal\"}]}",
    "redacted_no_contact", "" },
  { "related link back to itself",
    "{\"objectClassName\":\"domain\",\"links\":[{\"rel\":\"self\",\"href\":\"https://rdap.k.example/domain/kites.example\"},{\"rel\":\"related\",\"type\":\"application/rdap+json\",\"href\":\"https://rdap.k.example/domain/kites.example\"}]}",
    "redacted_no_contact", "" },
  { "error 404 object", "{\"errorCode\":404,\"title\":\"Not Found\"}", "no_data", "" },
  { "not a domain", "[1,2,3]", "error", "" },
};

static void
test_rdap_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rdap_cases); i++)
    {
      g_autoptr (CaRegistration) registration = ca_registration_new ("kites.example");
      g_autoptr (JsonNode) node = json_from_string (rdap_cases[i].text, NULL);
      g_autofree char *emails = NULL;

      g_test_message ("%s", rdap_cases[i].what);
      g_assert_nonnull (node);
      ca_registration_classify_rdap (registration, node);
      g_assert_cmpstr (ca_registration_verdict_to_string (ca_registration_get_verdict (registration)), ==, rdap_cases[i].verdict);
      emails = join_emails (registration);
      g_assert_cmpstr (emails, ==, rdap_cases[i].emails);
    }
}

static void
diagnosis_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_assert_true (ca_diagnosis_run_finish (CA_DIAGNOSIS (object), result, NULL));
  *(gboolean *) user_data = TRUE;
}

/* The diagnosis runs one lookup per registrable domain and reports it. */
static void
test_diagnosis (void)
{
  g_autoptr (CaTestWhoisServer) whois = ca_test_whois_server_new ();
  g_autoptr (CaTestRdapServer) rdap = ca_test_rdap_server_new ();
  g_autofree char *address = ca_test_whois_server_get_address (whois);
  g_autofree char *bootstrap = ca_test_rdap_server_get_url (rdap, "/dns.json");
  g_autofree char *text = read_fixture ("whois-dynadot-super-privacy-service.txt");
  const char * const tlds[] = { "example", NULL };
  const char * const dns[] = { "127.0.0.1@1", NULL };
  g_autoptr (CaDnsResolver) resolver = ca_dns_resolver_new (dns, FALSE, 1000);
  g_autoptr (CaDiagnosis) diagnosis = ca_diagnosis_new (resolver);
  g_autoptr (CaRegistrationClient) client = ca_registration_client_new (address, bootstrap);
  g_autoptr (CaRegistrationCheck) check = ca_registration_check_new (client);
  g_autoptr (CaRegistration) registration = NULL;
  g_autoptr (JsonNode) root = NULL;
  GListModel *registrations;
  GListModel *findings;
  JsonArray *json;
  gboolean done = FALSE;
  gboolean seen_note = FALSE;

  ca_test_rdap_server_add_bootstrap (rdap, "/dns.json", tlds);
  ca_test_whois_server_add_text (whois, "example-teahouse-9090.com", text);
  ca_diagnosis_add_check (diagnosis, CA_CHECK (check));
  g_assert_nonnull (ca_diagnosis_add_name (diagnosis, "www.example-teahouse-9090.com", NULL, NULL));
  g_assert_nonnull (ca_diagnosis_add_name (diagnosis, "shop.example-teahouse-9090.com", NULL, NULL));
  g_assert_true (ca_diagnosis_select_checks (diagnosis, "registration", NULL));

  ca_diagnosis_run_async (diagnosis, NULL, diagnosis_cb, &done);
  registrations = ca_registration_check_get_registrations (check);
  g_assert_cmpuint (g_list_model_get_n_items (registrations), ==, 1);
  registration = g_list_model_get_item (registrations, 0);
  g_assert_true (ca_registration_get_pending (registration));
  ca_test_wait_for (&done);

  g_assert_false (ca_registration_get_pending (registration));
  g_assert_cmpint (ca_registration_get_verdict (registration), ==, CA_REGISTRATION_VERDICT_PRIVACY_PLACEHOLDER);
  root = ca_diagnosis_to_json (diagnosis);
  json = json_object_get_array_member (json_node_get_object (root), "registrations");
  g_assert_nonnull (json);
  g_assert_cmpuint (json_array_get_length (json), ==, 1);
  findings = ca_diagnosis_get_findings (diagnosis);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CaFinding) finding = g_list_model_get_item (findings, i);

      seen_note |= ca_finding_get_id (finding) == CA_FINDING_WHOIS_NOT_USED_SINCE_2024;
    }
  g_assert_true (seen_note);
  g_assert_cmpuint (ca_test_whois_server_get_queries (whois)->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  ca_test_init (&argc, &argv);

  g_test_add_func ("/registration/fixtures", test_fixtures);
  g_test_add_func ("/registration/whois-chain", test_whois_chain_classified);
  g_test_add_func ("/registration/whois-referral-refused", test_whois_referral_refused);
  g_test_add_func ("/registration/whois-referral-silent", test_whois_referral_silent);
  g_test_add_func ("/registration/rdap-chain", test_rdap_chain_classified);
  g_test_add_func ("/registration/rdap-failure-falls-back", test_rdap_failure_falls_back);
  g_test_add_func ("/registration/nothing-answers", test_nothing_answers);
  g_test_add_func ("/registration/json", test_json_entry);
  g_test_add_func ("/registration/cancelled", test_cancelled);
  g_test_add_func ("/registration/diagnosis", test_diagnosis);
  g_test_add_func ("/registration/rules/whois", test_whois_rules);
  g_test_add_func ("/registration/rules/rdap", test_rdap_rules);
  g_test_add_func ("/registration/rules/own-server", test_own_server_is_no_referral);

  return g_test_run ();
}
