/* ca-registration-classifier.c: one verdict from a WHOIS text or an RDAP answer
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRegistrationClassifier"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "ca-domain.h"
#include "ca-registration-classifier.h"
#include "ca-safe-text.h"

/* registration-data.md §3: cap the walk through nested RDAP entities. */
#define MAX_ENTITY_DEPTH 4
#define MAX_EVIDENCE_CHARS 240

/*
 * The pattern table (registration-data.md §5). Every string the classifier
 * recognises lives here and nowhere else; the code below only decides which
 * part of an answer a kind of pattern may look at, and §6 decides the label.
 */
typedef enum
{
  KIND_THROTTLE,          /* any line; counts only when the answer holds no record */
  KIND_NOT_FOUND,         /* any line; counts only when the answer holds no record */
  KIND_NOT_FOUND_STATUS,  /* any line; a status that says "not registered" */
  KIND_RETIRED,           /* any line; counts only when no contact is shown */
  KIND_WEB_WHOIS_NOTE,    /* a header paragraph: the data is only on a web lookup */
  KIND_WEB_WHOIS_VALUE,   /* a contact value pointing at a web lookup */
  KIND_WEB_FORM_VALUE,    /* an email value that is a URL or a form pointer */
  KIND_REGISTRY_POINTER,  /* a contact value sending the reader to the registrar */
  KIND_PRIVACY_TEXT,      /* a whole contact value that is redaction text */
  KIND_PROXY_IDENTITY,    /* a contact value naming a privacy/proxy service */
  KIND_PROXY_DOMAIN,      /* the domain of a proxy forwarding address */
  KIND_FORWARDER_LOCAL,   /* the local part of a per-domain relay */
  KIND_NO_MAILBOX_LOCAL,  /* a local part nobody reads */
  KIND_NO_MAILBOX_DOMAIN, /* a domain where no mail can be delivered */
  N_KINDS
} PatternKind;

typedef struct
{
  PatternKind  kind;
  const char  *regex;     /* PCRE, matched case-insensitively */
} Pattern;

static const Pattern patterns[] = {
  /* Throttling: pir.org, denic.de, nic.uk, nic.cz, dns.pl, markmonitor, AFNIC, EURid, .lu,
   * .be, .dk, .co.za, then the generic wordings. */
  { KIND_THROTTLE, "whois limit exceeded" },
  { KIND_THROTTLE, "access control limit reached" },
  { KIND_THROTTLE, "query quota .*(has been )?exceeded" },
  { KIND_THROTTLE, "connection limit exceeded" },
  { KIND_THROTTLE, "request limit exceeded" },
  { KIND_THROTTLE, "exceeded (your|the) (quota|limit)" },
  { KIND_THROTTLE, "too many (requests|queries|connections)" },
  { KIND_THROTTLE, "still in grace period" },
  { KIND_THROTTLE, "excessive querying" },
  { KIND_THROTTLE, "maximum (number of )?queries per" },
  { KIND_THROTTLE, "^ip address (is )?blocked" },
  { KIND_THROTTLE, "please go away for \\d+ seconds" },
  { KIND_THROTTLE, "(limit|quota) (has been )?exceeded" },
  { KIND_THROTTLE, "try again later" },
  { KIND_THROTTLE, "rate limit" },

  /* Not found, from Verisign, RIPE-style, AFNIC, Nominet, IANA and others. */
  { KIND_NOT_FOUND, "^no match( for)?\\b" },
  { KIND_NOT_FOUND, "^%*\\s*(not found|no entries found|no data found|no found)\\b" },
  { KIND_NOT_FOUND, "no matching (record|objects?)" },
  { KIND_NOT_FOUND, "^(the queried )?object does not exist" },
  { KIND_NOT_FOUND, "^domain (name )?not found" },
  { KIND_NOT_FOUND, "^no information (available|was found)" },
  { KIND_NOT_FOUND, "^this domain (name )?has not been registered" },
  { KIND_NOT_FOUND, "does not exist in (the )?(database|registry)" },
  { KIND_NOT_FOUND, "returned 0 objects" },
  { KIND_NOT_FOUND, "\\bis (free|available)( for registration)?\\.?$" },
  { KIND_NOT_FOUND, "\\bnot (been )?registered\\b" },
  { KIND_NOT_FOUND_STATUS, "^\\s*status:\\s*(free|available|not registered|no object found)\\s*$" },

  /* Registrars announcing the end of port 43 (gTLD WHOIS sunset, 28 Jan 2025). */
  { KIND_RETIRED, "whois (server|service) (is being |has been |was |is )?(retired|discontinued|decommissioned|shut down|sunset)" },
  { KIND_RETIRED, "port 43 .*(retired|discontinued|no longer)" },
  { KIND_RETIRED, "please use (our |the )?rdap" },

  /* Registry headers saying the data is only in a web lookup (DENIC, EURid, .ee, .be). */
  { KIND_WEB_WHOIS_NOTE, "(n't|not|never) disclose.{0,300}web.?based whois" },
  { KIND_WEB_WHOIS_NOTE, "only (be )?(available|obtained|shown|visible) (through|via|on|in|at) (the |our )?web" },

  { KIND_WEB_WHOIS_VALUE, "visit \\S+ for web.?based whois" },
  { KIND_WEB_WHOIS_VALUE, "^not shown,? please visit" },
  { KIND_WEB_WHOIS_VALUE, "web.?based whois" },

  /* An email field holding a link: registrar contact forms, usually bot-checked. */
  { KIND_WEB_FORM_VALUE, "https?://" },
  { KIND_WEB_FORM_VALUE, "\\bwww\\.[a-z0-9-]+\\.[a-z]" },
  { KIND_WEB_FORM_VALUE, "contact (form|domain (holder|owner))" },
  { KIND_WEB_FORM_VALUE, "\\bweb ?form\\b" },
  { KIND_WEB_FORM_VALUE, "^visit\\b" },
  { KIND_WEB_FORM_VALUE, "(^|\\s)[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}(/\\S*)?(\\s|$)" },

  { KIND_REGISTRY_POINTER, "query the rdds service" },
  { KIND_REGISTRY_POINTER, "registrar of record identified" },

  /* Redaction texts, as whole values. */
  { KIND_PRIVACY_TEXT, "^(redacted|withheld)( for privacy( purposes)?)?[.!]?$" },
  { KIND_PRIVACY_TEXT, "^redacted for (privacy|gdpr)\\b" },
  { KIND_PRIVACY_TEXT, "^(tel:)?\\s*redacted\\b" },
  { KIND_PRIVACY_TEXT, "^not disclosed!?$" },
  { KIND_PRIVACY_TEXT, "^data protected,? not disclosed$" },
  { KIND_PRIVACY_TEXT, "^statutory masking enabled$" },
  { KIND_PRIVACY_TEXT, "^(gdpr|privacy) (masked|redacted|protected)$" },
  { KIND_PRIVACY_TEXT, "^non-public data$" },
  { KIND_PRIVACY_TEXT, "^not (available|public|published|shown) (due to|for) (gdpr|privacy|data protection)" },
  { KIND_PRIVACY_TEXT, "^hidden( by .*privacy.*)?$" },
  { KIND_PRIVACY_TEXT, "^(data|information|contact|details) (redacted|withheld|hidden|not disclosed)$" },

  /* Privacy and proxy services, and registrar GDPR placeholders. */
  { KIND_PROXY_IDENTITY, "domains by proxy" },
  { KIND_PROXY_IDENTITY, "^registration private$" },
  { KIND_PROXY_IDENTITY, "withheld for privacy" },
  { KIND_PROXY_IDENTITY, "contact privacy inc" },
  { KIND_PROXY_IDENTITY, "privacyguardian\\.org" },
  { KIND_PROXY_IDENTITY, "super privacy service" },
  { KIND_PROXY_IDENTITY, "private by design" },
  { KIND_PROXY_IDENTITY, "perfect privacy" },
  { KIND_PROXY_IDENTITY, "whoisguard" },
  { KIND_PROXY_IDENTITY, "whois ?privacy" },
  { KIND_PROXY_IDENTITY, "privacy ?protect" },
  { KIND_PROXY_IDENTITY, "identity protection service" },
  { KIND_PROXY_IDENTITY, "domain protection services" },
  { KIND_PROXY_IDENTITY, "proxy protection" },
  { KIND_PROXY_IDENTITY, "privacy (service|services|protection)" },
  { KIND_PROXY_IDENTITY, "domain privacy" },
  { KIND_PROXY_IDENTITY, "whois ?(agent|proxy)" },
  { KIND_PROXY_IDENTITY, "^(123 )?data protected$" },
  { KIND_PROXY_IDENTITY, "^ano nymous$" },
  { KIND_PROXY_IDENTITY, "^ano00-frnic$" },
  { KIND_PROXY_IDENTITY, "anonymi[sz]e" },
  { KIND_PROXY_IDENTITY, "on behalf of .* (owner|holder)" },
  { KIND_PROXY_IDENTITY, "^(tel:)?\\+?1\\.0{6,}$" },
  { KIND_PROXY_IDENTITY, "redacted for privacy" },
  /* Proxy services whose name says nothing of privacy: known by who they are
   * (Key-Systems' Private Registrations AG, Njalla's 1337 Services LLC). */
  { KIND_PROXY_IDENTITY, "private registrations aktien ?gesellschaft" },
  { KIND_PROXY_IDENTITY, "^1337 services,? llc$" },

  /* Forwarding addresses of proxy services. */
  { KIND_PROXY_DOMAIN, "(^|\\.)(withheldforprivacy\\.com|contactprivacy\\.com|domainsbyproxy\\.com)$" },
  { KIND_PROXY_DOMAIN, "(^|\\.)(privacyguardian\\.org|superprivacyservice\\.com|whoisguard\\.com)$" },
  { KIND_PROXY_DOMAIN, "(^|\\.)(idp\\.email|privacyprotect\\.org|data-protected\\.net|contact\\.gandi\\.net)$" },
  { KIND_PROXY_DOMAIN, "(^|\\.)(identity-protect\\.org|domainsbyproxy\\.com)$" },
  { KIND_PROXY_DOMAIN, "(privacy|proxy|whoisguard|whoisprotect|anonymi[sz]|private-?registration)" },

  /* Per-domain relays: pw-<hex>, <hex>.protect, <hex>-<n>, long hex tokens. */
  { KIND_FORWARDER_LOCAL, "[0-9a-f]{16,}" },
  { KIND_FORWARDER_LOCAL, "^pw-[0-9a-z]{8,}$" },
  { KIND_FORWARDER_LOCAL, "\\.protect$" },
  { KIND_FORWARDER_LOCAL, "^(redacted|withheld|privacy|hidden|not-?disclosed)([._-]?for[._-]?privacy)?$" },
  { KIND_FORWARDER_LOCAL, "^[0-9a-f]{8,}-[0-9]+$" },

  { KIND_NO_MAILBOX_LOCAL, "^(no-?reply|do-?not-?reply)$" },

  /* RFC 2606/6761: never deliverable. */
  { KIND_NO_MAILBOX_DOMAIN, "(^|\\.)(invalid|localhost|local)$" },
};

static const char *email_regex =
  "^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{1,62}$";

/* Roles (registration-data.md §3 and §6): the domain's own contacts count, the
 * registrar's, reseller's and abuse desk's never do. */
typedef struct
{
  const char *word;
  const char *role;   /* canonical contact role, or NULL for an excluded party */
} RoleWord;

static const RoleWord role_words[] = {
  { "registrar", NULL }, { "reseller", NULL }, { "abuse", NULL }, { "sponsor", NULL },
  { "sponsoring", NULL }, { "registrant", "registrant" }, { "holder", "registrant" },
  { "owner", "registrant" }, { "admin", "admin" }, { "administrative", "admin" },
  { "tech", "tech" }, { "technical", "tech" }, { "zone", "tech" }, { "billing", "billing" },
  /* KISA (.kr) abbreviates: "Administrative Contact(AC)", then "AC E-Mail". */
  { "ac", "admin" },
};

typedef enum
{
  FIELD_ID,
  FIELD_EMAIL,
  FIELD_CONTACT_URI,
  FIELD_NAME,
  FIELD_ORG,
  FIELD_TEXT,
} FieldKind;

typedef struct
{
  char      *role;
  FieldKind  kind;
  char      *value;
  char      *evidence;
} ContactField;

typedef struct
{
  CaRegistration *registration;
  const char     *domain;
  GPtrArray      *fields;             /* ContactField, in the order of the answer */
  GHashTable     *registrar_domains;  /* registrable domains run by registrar/reseller */
  GHashTable     *proxy_roles;        /* roles whose block names a proxy service */
  gboolean        has_record;
  gboolean        has_contact_fields;
  gboolean        has_referral;
  gboolean        iana_object;
  gboolean        throttled;
  gboolean        not_found;
  gboolean        not_found_status;
  gboolean        retired;
  char           *decisive;           /* the line that decided a no-record verdict */
} Classification;

static GRegex *compiled[G_N_ELEMENTS (patterns)];
static GRegex *email_pattern;

static void
compile_patterns (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      compiled[i] = g_regex_new (patterns[i].regex, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (compiled[i] != NULL);
    }
  email_pattern = g_regex_new (email_regex, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  g_assert (email_pattern != NULL);

  g_once_init_leave (&done, 1);
}

static gboolean
matches_kind (PatternKind  kind,
              const char  *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    if (patterns[i].kind == kind && g_regex_match (compiled[i], text, 0, NULL))
      return TRUE;
  return FALSE;
}

static void
contact_field_free (gpointer data)
{
  ContactField *field = data;

  g_free (field->role);
  g_free (field->value);
  g_free (field->evidence);
  g_free (field);
}

static void
classification_init (Classification *c,
                     CaRegistration *registration)
{
  compile_patterns ();
  memset (c, 0, sizeof *c);
  c->registration = registration;
  c->domain = ca_registration_get_domain (registration);
  c->fields = g_ptr_array_new_with_free_func (contact_field_free);
  c->registrar_domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->proxy_roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
classification_clear (Classification *c)
{
  g_clear_pointer (&c->fields, g_ptr_array_unref);
  g_clear_pointer (&c->registrar_domains, g_hash_table_unref);
  g_clear_pointer (&c->proxy_roles, g_hash_table_unref);
  g_clear_pointer (&c->decisive, g_free);
}

/* Trims and collapses white space, so that patterns see one canonical value. */
static char *
normalize_value (const char *value)
{
  g_auto (GStrv) words = g_strsplit_set (value, " \t\r\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }

  /* "<data not disclosed>", "(user@example.com)": the brackets are decoration. */
  while (out->len >= 2 && strchr ("<[(\"'", out->str[0]) != NULL &&
         out->str[out->len - 1] == (out->str[0] == '<' ? '>' : out->str[0] == '[' ? ']' :
                                    out->str[0] == '(' ? ')' : out->str[0]))
    {
      g_string_truncate (out, out->len - 1);
      g_string_erase (out, 0, 1);
    }
  return g_string_free (out, FALSE);
}

static char *
shorten (const char *text)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (text, -1) <= MAX_EVIDENCE_CHARS)
    return g_strdup (text);
  head = g_utf8_substring (text, 0, MAX_EVIDENCE_CHARS);
  return g_strconcat (head, "…", NULL);
}

static void
add_evidence (Classification *c,
              const char     *text)
{
  g_autofree char *line = shorten (text);

  ca_registration_add_evidence (c->registration, line);
}

static void
note (Classification        *c,
      CaRegistrationWarnings warnings,
      const char            *evidence)
{
  ca_registration_add_warnings (c->registration, warnings);
  if (evidence != NULL)
    add_evidence (c, evidence);
}

static void
set_decisive (Classification *c,
              const char     *line)
{
  if (c->decisive == NULL)
    c->decisive = shorten (line);
}

/* A URL, an address or a host name to the registrable domain it belongs to. */
static char *
host_to_base_domain (const char *text)
{
  g_autofree char *host = NULL;
  const char *start = text;
  const char *at = strrchr (text, '@');
  const char *scheme = strstr (text, "://");
  gsize len;

  if (at != NULL)
    start = at + 1;
  else if (scheme != NULL)
    start = scheme + 3;
  len = strcspn (start, "/:?# \t,;");
  if (len == 0)
    return NULL;
  host = g_ascii_strdown (start, len);
  if (strchr (host, '.') == NULL || g_hostname_is_ip_address (host))
    return NULL;
  return ca_domain_get_registrable_domain (host, NULL);
}

static void
add_registrar_domain (Classification *c,
                      const char     *text)
{
  g_autofree char *base = NULL;

  if (text == NULL)
    return;
  base = host_to_base_domain (text);
  if (base != NULL)
    g_hash_table_add (c->registrar_domains, g_steal_pointer (&base));
}

static void
add_field (Classification *c,
           const char     *role,
           FieldKind       kind,
           const char     *raw_value,
           const char     *evidence)
{
  ContactField *field;
  g_autofree char *value = normalize_value (raw_value);

  if (kind == FIELD_ID || value[0] == '\0')
    return;

  field = g_new0 (ContactField, 1);
  field->role = g_strdup (role);
  field->kind = kind;
  field->value = g_steal_pointer (&value);
  field->evidence = g_strdup (evidence);
  g_ptr_array_add (c->fields, field);
  c->has_contact_fields = TRUE;
}

/*
 * Judging contact values (shared by WHOIS and RDAP)
 */

static gboolean
is_email_address (const char *value)
{
  return g_regex_match (email_pattern, value, 0, NULL);
}

/* Why a syntactically valid address is not the holder's own mailbox, or NULL. */
static CaRegistrationWarnings
judge_address (Classification *c,
               const char     *role,
               const char     *address)
{
  g_autofree char *lower = g_ascii_strdown (address, -1);
  g_autofree char *base = NULL;
  char *at = strrchr (lower, '@');
  const char *domain_part = at + 1;

  *at = '\0';
  if (matches_kind (KIND_PROXY_DOMAIN, domain_part) ||
      matches_kind (KIND_FORWARDER_LOCAL, lower) ||
      g_ascii_strcasecmp (lower, c->domain) == 0 ||
      g_hash_table_contains (c->proxy_roles, role))
    return CA_REGISTRATION_WARNING_PRIVACY;

  base = host_to_base_domain (domain_part);
  if (matches_kind (KIND_NO_MAILBOX_LOCAL, lower) || matches_kind (KIND_NO_MAILBOX_DOMAIN, domain_part) ||
      (base != NULL && g_hash_table_contains (c->registrar_domains, base)))
    return CA_REGISTRATION_WARNING_NOT_USABLE;

  return 0;
}

static void
judge_email_value (Classification     *c,
                   const ContactField *field)
{
  const char *value = field->value;
  CaRegistrationWarnings why;

  if (g_ascii_strncasecmp (value, "mailto:", 7) == 0)
    value += 7;

  if (is_email_address (value))
    {
      why = judge_address (c, field->role, value);
      if (why == 0)
        ca_registration_add_email (c->registration, value);
      else
        note (c, why, field->evidence);
    }
  else if (matches_kind (KIND_REGISTRY_POINTER, value))
    note (c, CA_REGISTRATION_WARNING_REGISTRY_ONLY, field->evidence);
  else if (matches_kind (KIND_WEB_FORM_VALUE, value) ||
           matches_kind (KIND_WEB_WHOIS_VALUE, value))
    note (c, CA_REGISTRATION_WARNING_WEB_FORM, field->evidence);
  else if (matches_kind (KIND_PRIVACY_TEXT, value) ||
           matches_kind (KIND_PROXY_IDENTITY, value))
    note (c, CA_REGISTRATION_WARNING_PRIVACY, field->evidence);
}

/* RFC 8605 contact-uri: an https form, or a mailto: judged as an address. */
static void
judge_contact_uri (Classification     *c,
                   const ContactField *field)
{
  if (g_ascii_strncasecmp (field->value, "mailto:", 7) == 0)
    judge_email_value (c, field);
  else if (g_ascii_strncasecmp (field->value, "http", 4) == 0)
    note (c, CA_REGISTRATION_WARNING_WEB_FORM, field->evidence);
}

static void
judge_text_value (Classification     *c,
                  const ContactField *field)
{
  if (matches_kind (KIND_WEB_WHOIS_VALUE, field->value))
    note (c, CA_REGISTRATION_WARNING_WEB_FORM, field->evidence);
  else if (matches_kind (KIND_REGISTRY_POINTER, field->value))
    note (c, CA_REGISTRATION_WARNING_REGISTRY_ONLY, field->evidence);
  else if (matches_kind (KIND_PRIVACY_TEXT, field->value) ||
           matches_kind (KIND_PROXY_IDENTITY, field->value))
    note (c, CA_REGISTRATION_WARNING_PRIVACY, field->evidence);
  else if ((field->kind == FIELD_TEXT && is_email_address (field->value)) ||
           g_ascii_strncasecmp (field->value, "http", 4) == 0)
    {
      /* A bare address, or a link where a contact should be ("admin-contact: https://…"). */
      ContactField as_email = *field;

      as_email.kind = FIELD_EMAIL;
      judge_email_value (c, &as_email);
    }
}

/* A proxy service named in a block owns every address of that block. */
static void
find_proxy_roles (Classification *c)
{
  for (guint i = 0; i < c->fields->len; i++)
    {
      ContactField *field = g_ptr_array_index (c->fields, i);

      if ((field->kind == FIELD_NAME || field->kind == FIELD_ORG || field->kind == FIELD_TEXT) &&
          matches_kind (KIND_PROXY_IDENTITY, field->value))
        g_hash_table_add (c->proxy_roles, g_strdup (field->role));
    }
}

static void
judge_fields (Classification *c)
{
  find_proxy_roles (c);

  for (guint i = 0; i < c->fields->len; i++)
    {
      ContactField *field = g_ptr_array_index (c->fields, i);

      if (field->kind == FIELD_EMAIL)
        judge_email_value (c, field);
      else if (field->kind == FIELD_CONTACT_URI)
        judge_contact_uri (c, field);
      else
        judge_text_value (c, field);
    }
}

/* registration-data.md §6: one label, first match wins. */
static CaRegistrationVerdict
decide (Classification *c)
{
  CaRegistrationWarnings warnings = ca_registration_get_warnings (c->registration);
  gboolean has_data = c->has_record || c->has_contact_fields;

  /* Terms texts talk about limits and missing domains: only a bare answer counts. */
  if (c->throttled && !has_data)
    return CA_REGISTRATION_VERDICT_RATE_LIMITED;
  if (c->not_found_status || (c->not_found && !has_data) || c->iana_object ||
      (!c->has_contact_fields && c->has_referral) ||
      (c->retired && !c->has_contact_fields) ||
      (!c->has_record && !c->has_contact_fields && !(warnings & CA_REGISTRATION_WARNING_WEB_FORM)))
    return CA_REGISTRATION_VERDICT_NO_DATA;
  if (ca_registration_get_emails (c->registration)[0] != NULL)
    return CA_REGISTRATION_VERDICT_CONTACTS_USABLE;
  if (warnings & CA_REGISTRATION_WARNING_WEB_FORM)
    return CA_REGISTRATION_VERDICT_WEB_FORM_OR_CAPTCHA;
  if (warnings & CA_REGISTRATION_WARNING_PRIVACY)
    return CA_REGISTRATION_VERDICT_PRIVACY_PLACEHOLDER;
  return CA_REGISTRATION_VERDICT_REDACTED_NO_CONTACT;
}

static void
finish (Classification *c)
{
  CaRegistrationVerdict verdict;

  judge_fields (c);
  verdict = decide (c);
  if (c->throttled)
    ca_registration_add_warnings (c->registration, CA_REGISTRATION_WARNING_RATE_LIMITED);
  if (c->retired)
    ca_registration_add_warnings (c->registration, CA_REGISTRATION_WARNING_WHOIS_RETIRED);
  if ((verdict == CA_REGISTRATION_VERDICT_RATE_LIMITED || verdict == CA_REGISTRATION_VERDICT_NO_DATA) &&
      c->decisive != NULL)
    add_evidence (c, c->decisive);
  ca_registration_set_verdict (c->registration, verdict);
}

/*
 * Port 43 text
 */

typedef struct
{
  char *name;          /* the section's key */
  char *role;          /* contact role, or NULL */
  gboolean excluded;   /* the registrar's, reseller's or abuse desk's */
  gboolean header;     /* opened by a line without a value, such as "Registrant:" */
  /* Paragraph-wide (between blank lines): */
  char *paragraph_role;        /* a RIPE-style contact object (nic-hdl, person) */
  gboolean paragraph_excluded; /* a paragraph that starts with the registrar */
  gboolean paragraph_keyed;    /* its first key has been seen */
} Section;

/* RIPE-style answers (AFNIC, registro.br, many ccTLDs) list contacts as objects
 * keyed by a handle, referenced from owner-c/admin-c/tech-c lines. */
static const char * const handle_keys[] = { "nic-hdl", "nic-hdl-br", "person", NULL };

static gboolean
paragraph_has_handle (char **lines,
                      guint  start)
{
  for (guint i = start; lines[i] != NULL; i++)
    {
      g_autofree char *key = NULL;
      const char *colon = strchr (lines[i], ':');

      if (lines[i][strspn (lines[i], " \t")] == '\0')
        break;
      if (colon == NULL)
        continue;
      key = g_strstrip (g_ascii_strdown (lines[i], colon - lines[i]));
      if (g_strv_contains (handle_keys, key))
        return TRUE;
    }
  return FALSE;
}

/* Finds the role of a key from its words; returns FALSE for an excluded party. */
static gboolean
key_role (const char  *key,
          const char **role)
{
  g_autofree char *lower = g_ascii_strdown (key, -1);
  g_auto (GStrv) words = g_strsplit_set (lower, " \t/_.[]()-", -1);
  gboolean excluded = FALSE;

  *role = NULL;
  for (guint i = 0; words[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (role_words); j++)
      if (g_strcmp0 (words[i], role_words[j].word) == 0)
        {
          if (role_words[j].role == NULL)
            excluded = TRUE;
          else if (*role == NULL)
            *role = role_words[j].role;
        }

  if (excluded)
    *role = NULL;
  return !excluded;
}

static FieldKind
key_kind (const char *key)
{
  g_autofree char *lower = g_ascii_strdown (key, -1);

  if (strstr (lower, "mail") != NULL)
    return FIELD_EMAIL;
  if (g_str_has_suffix (lower, " id") || g_str_has_suffix (lower, "handle") ||
      g_str_has_suffix (lower, "-id"))
    return FIELD_ID;
  if (strstr (lower, "organi") != NULL || g_str_has_suffix (lower, " org") ||
      strstr (lower, "company") != NULL)
    return FIELD_ORG;
  if (strstr (lower, "name") != NULL || strstr (lower, "person") != NULL || strchr (lower, ' ') == NULL)
    return FIELD_NAME;
  return FIELD_TEXT;
}

static gboolean
is_comment_line (const char *line)
{
  return line[0] == '%' || line[0] == '#' || g_str_has_prefix (line, ">>>");
}

/* Splits "Key: value" or "Key<TAB>value"; URLs and sentences are no keys. */
static gboolean
split_key_value (const char  *trimmed,
                 char       **key,
                 char       **value)
{
  const char *sep = strpbrk (trimmed, ":\t");
  const char *close = trimmed[0] == '[' ? strchr (trimmed, ']') : NULL;
  gsize key_len;

  /* JPRS: "[Registrant]        Example K.K." */
  if (close != NULL && close - trimmed > 1 && close - trimmed <= 48 && g_ascii_isalpha (trimmed[1]))
    {
      *key = g_strstrip (g_strndup (trimmed + 1, close - trimmed - 1));
      *value = g_strstrip (g_strdup (close + 1));
      return TRUE;
    }
  if (sep == NULL || sep == trimmed)
    return FALSE;
  key_len = sep - trimmed;
  if (key_len > 48 || !g_ascii_isalpha (trimmed[0]) || g_str_has_prefix (sep, "://"))
    return FALSE;

  *key = g_strstrip (g_strndup (trimmed, key_len));
  *value = g_strstrip (g_strdup (sep + 1));
  return TRUE;
}

static gboolean
is_record_key (const char *key)
{
  static const char * const record_keys[] = {
    "domain", "domain name", "domainname", "domain_name", "nserver", "name server",
    "name servers", "nameserver", "registrar", "registrant", "holder", NULL,
  };
  g_autofree char *lower = g_ascii_strdown (key, -1);

  return g_strv_contains (record_keys, lower);
}

static gboolean
is_referral_key (const char *key)
{
  static const char * const referral_keys[] = {
    "registrar whois server", "whois server", "referralserver", "whois", NULL,
  };
  g_autofree char *lower = g_ascii_strdown (key, -1);

  return g_strv_contains (referral_keys, lower);
}

/* A registrar that names its own WHOIS server refers nowhere. */
static gboolean
names_answering_server (Classification *c,
                        const char     *value)
{
  const char *server = ca_registration_get_server (c->registration);
  const char *start = strstr (value, "://") != NULL ? strstr (value, "://") + 3 : value;
  gsize len = strcspn (start, ":/ ");
  gsize server_len;

  if (server == NULL)
    return FALSE;
  server_len = strcspn (server, ":");
  return len == server_len && g_ascii_strncasecmp (start, server, len) == 0;
}

static void
scan_raw_line (Classification *c,
               const char     *line)
{
  if (matches_kind (KIND_THROTTLE, line))
    {
      c->throttled = TRUE;
      set_decisive (c, line);
    }
  if (matches_kind (KIND_NOT_FOUND_STATUS, line))
    {
      c->not_found_status = TRUE;
      set_decisive (c, line);
    }
  else if (matches_kind (KIND_NOT_FOUND, line))
    {
      c->not_found = TRUE;
      set_decisive (c, line);
    }
  if (matches_kind (KIND_RETIRED, line))
    c->retired = TRUE;
}

static void
flush_paragraph (Classification *c,
                 GString        *paragraph)
{
  if (paragraph->len > 0 && matches_kind (KIND_WEB_WHOIS_NOTE, paragraph->str))
    note (c, CA_REGISTRATION_WARNING_WEB_FORM, paragraph->str);
  g_string_truncate (paragraph, 0);
}

static void
open_section (Section    *section,
              const char *key,
              gboolean    header)
{
  const char *role;

  g_free (section->name);
  g_free (section->role);
  section->name = g_strdup (key);
  section->excluded = !key_role (key, &role);
  section->role = g_strdup (role);
  section->header = header;
}

static void
close_section (Section *section)
{
  g_clear_pointer (&section->name, g_free);
  g_clear_pointer (&section->role, g_free);
  section->excluded = FALSE;
  section->header = FALSE;
}

static void
start_paragraph (Section  *section,
                 char    **lines,
                 guint     start)
{
  g_clear_pointer (&section->paragraph_role, g_free);
  section->paragraph_excluded = FALSE;
  section->paragraph_keyed = FALSE;
  /* Each contact object is its own block: a proxy in one says nothing of another. */
  if (paragraph_has_handle (lines, start))
    section->paragraph_role = g_strdup_printf ("contact#%u", start);
}

static void
handle_key_value (Classification *c,
                  Section        *section,
                  const char     *trimmed,
                  const char     *key,
                  const char     *value,
                  gboolean        indented)
{
  const char *role = NULL;
  gboolean excluded = !key_role (key, &role);
  gboolean own_role = role != NULL || excluded;
  g_autofree char *lower = g_ascii_strdown (key, -1);
  g_autofree char *evidence = NULL;

  /* A paragraph that opens with the registrar (AFNIC, RIPE style) is the registrar's. */
  if (!section->paragraph_keyed)
    {
      section->paragraph_keyed = TRUE;
      section->paragraph_excluded = excluded;
    }

  /* "Registrant:" heads the lines below it ("Email: …", indented or not, as
   * EURid and .ee write); "Registrant Email: x" only speaks for itself. */
  if (value[0] == '\0' || (!indented && own_role))
    open_section (section, key, value[0] == '\0');
  else if (!own_role && section->name != NULL && (section->header || indented))
    {
      role = section->role;
      excluded = section->excluded;
      evidence = g_strdup_printf ("%s: %s", section->name, trimmed);
    }
  if (role == NULL && !excluded)
    {
      if (section->paragraph_excluded)
        excluded = TRUE;
      else
        role = section->paragraph_role;
    }

  if (value[0] != '\0' && is_record_key (key))
    c->has_record = TRUE;
  if (value[0] != '\0' && is_referral_key (key) && !names_answering_server (c, value))
    c->has_referral = TRUE;
  if (g_strcmp0 (lower, "refer") == 0 ||
      (g_strcmp0 (lower, "source") == 0 && g_ascii_strcasecmp (value, "IANA") == 0))
    {
      c->iana_object = TRUE;
      set_decisive (c, trimmed);
    }

  if (excluded || (role == NULL && g_str_has_prefix (lower, "registrar")))
    add_registrar_domain (c, value);
  else if (role != NULL)
    add_field (c, role, key_kind (key), value, evidence != NULL ? evidence : trimmed);
}

/* A bare heading such as "Registrant" or "Technical Contacts" (.it). */
static gboolean
is_bare_heading (const char *trimmed)
{
  const char *role;
  gboolean excluded;
  g_auto (GStrv) words = g_strsplit (trimmed, " ", -1);

  if (g_strv_length (words) > 4 || strpbrk (trimmed, "@.0123456789") != NULL)
    return FALSE;
  excluded = !key_role (trimmed, &role);
  return excluded || role != NULL;
}

static void
handle_free_line (Classification *c,
                  Section        *section,
                  const char     *trimmed,
                  gboolean        indented)
{
  g_autofree char *evidence = NULL;

  if (!indented && is_bare_heading (trimmed))
    {
      open_section (section, trimmed, TRUE);
      return;
    }
  if (section->name == NULL)
    return;
  /* Nominet indents the value under its label ("Domain name:" then the name):
   * the answer holds a record even when no contact block follows. */
  if (indented && is_record_key (section->name))
    c->has_record = TRUE;
  if (section->excluded)
    {
      add_registrar_domain (c, trimmed);
      return;
    }
  if (section->role == NULL)
    return;

  evidence = g_strdup_printf ("%s: %s", section->name, trimmed);
  add_field (c, section->role, FIELD_TEXT, trimmed, evidence);
}

static void
parse_whois (Classification *c,
             const char     *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GString) paragraph = g_string_new (NULL);
  Section section = { 0 };

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      const char *line = lines[i];
      char *trimmed = g_strstrip (g_strdup (line));
      gboolean indented = g_ascii_isspace (line[0]);

      if (trimmed[0] != '\0')
        scan_raw_line (c, trimmed);
      if (i == 0 || lines[i - 1][strspn (lines[i - 1], " \t")] == '\0')
        start_paragraph (&section, lines, i);

      if (is_comment_line (trimmed))
        {
          const char *body = trimmed + strspn (trimmed, "%#> ");

          if (paragraph->len > 0)
            g_string_append_c (paragraph, ' ');
          g_string_append (paragraph, body);
          if (body[0] == '\0')
            flush_paragraph (c, paragraph);
        }
      else
        {
          flush_paragraph (c, paragraph);
          if (trimmed[0] == '\0')
            close_section (&section);
          else if (split_key_value (trimmed, &key, &value))
            handle_key_value (c, &section, trimmed, key, value, indented);
          else
            handle_free_line (c, &section, trimmed, indented);
        }
      g_free (trimmed);
    }

  flush_paragraph (c, paragraph);
  close_section (&section);
  g_clear_pointer (&section.paragraph_role, g_free);
}

/**
 * ca_registration_classify_whois:
 * @registration: the registration to fill
 * @text: a port-43 answer, already cleaned (UTF-8, LF line ends)
 *
 * Sets the verdict, the usable emails, the warnings and the evidence of
 * @registration from @text.
 */
void
ca_registration_classify_whois (CaRegistration *registration,
                                const char     *text)
{
  Classification c;

  g_return_if_fail (CA_IS_REGISTRATION (registration));
  g_return_if_fail (text != NULL);

  classification_init (&c, registration);
  parse_whois (&c, text);
  finish (&c);
  classification_clear (&c);
}

/*
 * RDAP
 */

static const char *
get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonArray *
get_array_member (JsonObject *object,
                  const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object_element (JsonArray *array,
                    guint      index)
{
  JsonNode *node = index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* jCard values are strings or (nested) arrays of strings, as in `adr`. */
static void
append_jcard_value (GString  *out,
                    JsonNode *node)
{
  const char *string = get_string (node);

  if (string != NULL && string[0] != '\0')
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, string);
    }
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        append_jcard_value (out, json_array_get_element (array, i));
    }
}

static FieldKind
jcard_kind (const char *property)
{
  if (g_ascii_strcasecmp (property, "email") == 0)
    return FIELD_EMAIL;
  if (g_ascii_strcasecmp (property, "contact-uri") == 0)
    return FIELD_CONTACT_URI;
  if (g_ascii_strcasecmp (property, "fn") == 0)
    return FIELD_NAME;
  if (g_ascii_strcasecmp (property, "org") == 0)
    return FIELD_ORG;
  if (g_ascii_strcasecmp (property, "version") == 0 || g_ascii_strcasecmp (property, "kind") == 0)
    return FIELD_ID;
  return FIELD_TEXT;
}

/* Calls @func on each well-formed jCard property of @entity. */
static void
foreach_jcard_property (JsonObject *entity,
                        void      (*func) (Classification *, const char *, const char *, const char *),
                        Classification *c,
                        const char *role)
{
  JsonArray *vcard = get_array_member (entity, "vcardArray");
  JsonNode *props_node;
  JsonArray *props;

  if (vcard == NULL || json_array_get_length (vcard) < 2 ||
      g_strcmp0 (get_string (json_array_get_element (vcard, 0)), "vcard") != 0)
    return;
  props_node = json_array_get_element (vcard, 1);
  if (!JSON_NODE_HOLDS_ARRAY (props_node))
    return;
  props = json_node_get_array (props_node);

  for (guint i = 0; i < json_array_get_length (props); i++)
    {
      JsonNode *prop_node = json_array_get_element (props, i);
      g_autoptr (GString) value = g_string_new (NULL);
      JsonArray *prop;
      const char *name;

      if (!JSON_NODE_HOLDS_ARRAY (prop_node))
        continue;
      prop = json_node_get_array (prop_node);
      name = json_array_get_length (prop) >= 4 ? get_string (json_array_get_element (prop, 0)) : NULL;
      if (name == NULL)
        continue;
      for (guint j = 3; j < json_array_get_length (prop); j++)
        append_jcard_value (value, json_array_get_element (prop, j));
      func (c, role, name, value->str);
    }
}

static void
add_jcard_contact_cb (Classification *c,
                      const char     *role,
                      const char     *property,
                      const char     *value)
{
  g_autofree char *lower = g_ascii_strdown (property, -1);
  g_autofree char *evidence = g_strdup_printf ("%s %s: %s", role, lower, value);
  const char *shown = value;

  if (g_ascii_strncasecmp (shown, "tel:", 4) == 0 && jcard_kind (property) == FIELD_TEXT)
    shown += 4;
  add_field (c, role, jcard_kind (property), shown, evidence);
}

static void
add_jcard_registrar_cb (Classification *c,
                        const char     *role,
                        const char     *property,
                        const char     *value)
{
  if (g_ascii_strcasecmp (property, "email") == 0 || g_ascii_strcasecmp (property, "url") == 0)
    add_registrar_domain (c, value);
}

/* 2019-profile servers mark redacted contacts with remarks: they explain, never decide. */
static void
scan_entity_remarks (Classification *c,
                     JsonObject     *entity,
                     const char     *role)
{
  JsonArray *remarks = get_array_member (entity, "remarks");

  for (guint i = 0; remarks != NULL && i < json_array_get_length (remarks); i++)
    {
      JsonObject *remark = get_object_element (remarks, i);
      const char *title = remark != NULL ? get_string (json_object_get_member (remark, "title")) : NULL;
      g_autofree char *line = NULL;

      if (title == NULL || g_strrstr (title, "REDACTED") == NULL)
        continue;
      line = g_strdup_printf ("%s remark: %s", role, title);
      note (c, CA_REGISTRATION_WARNING_REDACTED, line);
    }
}

static const char *
rdap_role (JsonObject *entity,
           gboolean   *excluded)
{
  JsonArray *roles = get_array_member (entity, "roles");
  const char *found = NULL;

  for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
    {
      const char *role = get_string (json_array_get_element (roles, i));
      const char *canonical;

      if (role == NULL)
        continue;
      if (g_ascii_strcasecmp (role, "proxy") == 0)
        canonical = "registrant";
      else if (!key_role (role, &canonical))
        *excluded = TRUE;
      if (canonical != NULL && found == NULL)
        found = canonical;
    }
  return found;
}

static void
walk_entities (Classification *c,
               JsonArray      *entities,
               gboolean        inside_excluded,
               guint           depth)
{
  if (entities == NULL || depth > MAX_ENTITY_DEPTH)
    return;

  for (guint i = 0; i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = get_object_element (entities, i);
      gboolean excluded = inside_excluded;
      const char *role;

      if (entity == NULL)
        continue;
      role = rdap_role (entity, &excluded);
      if (excluded)
        foreach_jcard_property (entity, add_jcard_registrar_cb, c, NULL);
      else if (role != NULL)
        {
          foreach_jcard_property (entity, add_jcard_contact_cb, c, role);
          scan_entity_remarks (c, entity, role);
        }
      /* A proxy entity stands in for the holder by definition (RFC 9083 §10.2.4). */
      if (!excluded && role != NULL && g_strcmp0 (role, "registrant") == 0)
        {
          JsonArray *roles = get_array_member (entity, "roles");

          for (guint j = 0; roles != NULL && j < json_array_get_length (roles); j++)
            if (g_strcmp0 (get_string (json_array_get_element (roles, j)), "proxy") == 0)
              g_hash_table_add (c->proxy_roles, g_strdup (role));
        }
      walk_entities (c, get_array_member (entity, "entities"), excluded, depth + 1);
    }
}

static const char *
find_link (JsonArray  *links,
           const char *wanted_rel)
{
  for (guint i = 0; links != NULL && i < json_array_get_length (links); i++)
    {
      JsonObject *link = get_object_element (links, i);

      if (link != NULL && g_strcmp0 (get_string (json_object_get_member (link, "rel")), wanted_rel) == 0)
        return get_string (json_object_get_member (link, "href"));
    }
  return NULL;
}

/* A `related` link to another server is a referral; one back to itself is not. */
static void
scan_links (Classification *c,
            JsonObject     *root)
{
  JsonArray *links = get_array_member (root, "links");
  const char *self_href = find_link (links, "self");

  for (guint i = 0; links != NULL && i < json_array_get_length (links); i++)
    {
      JsonObject *link = get_object_element (links, i);
      const char *rel = link != NULL ? get_string (json_object_get_member (link, "rel")) : NULL;
      const char *type = link != NULL ? get_string (json_object_get_member (link, "type")) : NULL;
      const char *href = link != NULL ? get_string (json_object_get_member (link, "href")) : NULL;

      if (g_strcmp0 (rel, "related") == 0 && g_strcmp0 (type, "application/rdap+json") == 0 &&
          href != NULL && g_ascii_strcasecmp (href, self_href != NULL ? self_href : "") != 0)
        {
          g_autofree char *line = g_strdup_printf ("links: related %s", href);

          c->has_referral = TRUE;
          set_decisive (c, line);
        }
    }
}

/* RFC 9537 only explains what is missing; the vCard decides. */
static void
scan_redacted (Classification *c,
               JsonObject     *root)
{
  JsonArray *redacted = get_array_member (root, "redacted");

  for (guint i = 0; redacted != NULL && i < json_array_get_length (redacted); i++)
    {
      JsonObject *item = get_object_element (redacted, i);
      JsonNode *name_node = item != NULL ? json_object_get_member (item, "name") : NULL;
      JsonObject *name = name_node != NULL && JSON_NODE_HOLDS_OBJECT (name_node) ? json_node_get_object (name_node) : NULL;
      const char *type = name != NULL ? get_string (json_object_get_member (name, "type")) : NULL;
      const char *method = item != NULL ? get_string (json_object_get_member (item, "method")) : NULL;
      g_autofree char *line = NULL;

      if (type == NULL && name != NULL)
        type = get_string (json_object_get_member (name, "description"));
      if (type == NULL)
        continue;
      if (g_strrstr (type, "Email") == NULL && g_strrstr (type, "email") == NULL)
        continue;
      line = g_strdup_printf ("redacted: %s (%s)", type, method != NULL ? method : "removal");
      note (c, CA_REGISTRATION_WARNING_REDACTED, line);
    }
}

static gint64
get_int_member (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return 0;
}

static gboolean
classify_rdap_error (Classification *c,
                     JsonObject     *root)
{
  gint64 code = get_int_member (root, "errorCode");
  const char *title = get_string (json_object_get_member (root, "title"));
  g_autofree char *line = NULL;

  if (code == 0)
    return FALSE;

  line = g_strdup_printf ("errorCode: %" G_GINT64_FORMAT " %s", code, title != NULL ? title : "");
  add_evidence (c, g_strstrip (line));
  if (code == 429)
    {
      ca_registration_add_warnings (c->registration, CA_REGISTRATION_WARNING_RATE_LIMITED);
      ca_registration_set_verdict (c->registration, CA_REGISTRATION_VERDICT_RATE_LIMITED);
    }
  else if (code == 404)
    ca_registration_set_verdict (c->registration, CA_REGISTRATION_VERDICT_NO_DATA);
  else
    ca_registration_set_verdict (c->registration, CA_REGISTRATION_VERDICT_ERROR);
  return TRUE;
}

/**
 * ca_registration_classify_rdap:
 * @registration: the registration to fill
 * @root: a parsed RDAP answer: a domain object or an RFC 9083 error object
 *
 * Sets the verdict, the usable emails, the warnings and the evidence of
 * @registration from @root. An answer that is neither gets the verdict error.
 */
void
ca_registration_classify_rdap (CaRegistration *registration,
                               JsonNode       *root)
{
  Classification c;
  JsonObject *object;

  g_return_if_fail (CA_IS_REGISTRATION (registration));
  g_return_if_fail (root != NULL);

  classification_init (&c, registration);
  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;

  if (object != NULL && classify_rdap_error (&c, object))
    ;
  else if (object == NULL ||
           g_strcmp0 (get_string (json_object_get_member (object, "objectClassName")), "domain") != 0)
    ca_registration_set_verdict (registration, CA_REGISTRATION_VERDICT_ERROR);
  else
    {
      c.has_record = TRUE;
      walk_entities (&c, get_array_member (object, "entities"), FALSE, 1);
      scan_links (&c, object);
      scan_redacted (&c, object);
      finish (&c);
    }

  classification_clear (&c);
}

/*
 * Bytes from the wire
 */

/**
 * ca_registration_clean_text:
 * @bytes: raw bytes from a server, maybe not UTF-8, maybe holding NULs
 * @length: their length
 * @fallback_charset: (nullable): the server's charset if known, else ISO-8859-1
 *
 * Returns: (transfer full): valid UTF-8 with LF line ends and no control
 *   characters but tab and newline
 */
char *
ca_registration_clean_text (const char *bytes,
                            gsize       length,
                            const char *fallback_charset)
{
  g_autofree char *utf8 = NULL;
  g_autoptr (GString) raw = g_string_sized_new (length);

  /* NUL bytes would end the text early; nothing legitimate uses them. */
  for (gsize i = 0; i < length; i++)
    if (bytes[i] != '\0')
      g_string_append_c (raw, bytes[i]);
  bytes = raw->str;
  length = raw->len;

  if (g_utf8_validate_len (bytes, length, NULL))
    utf8 = g_strndup (bytes, length);
  else
    {
      gsize written = 0;

      utf8 = g_convert (bytes, length, "UTF-8", fallback_charset != NULL ? fallback_charset : "ISO-8859-1",
                        NULL, &written, NULL);
      if (utf8 == NULL)
        utf8 = g_convert (bytes, length, "UTF-8", "ISO-8859-1", NULL, &written, NULL);
      if (utf8 == NULL)
        return ca_safe_text_clean (bytes, (gssize) length, CA_SAFE_TEXT_DEFAULT);
    }

  return ca_safe_text_clean (utf8, -1, CA_SAFE_TEXT_DEFAULT);
}
