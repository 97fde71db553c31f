/* ca-finding.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaFinding"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-finding.h"
#include "ca-json.h"

typedef struct
{
  CaFindingId  id;
  const char  *id_string;
  CaSeverity   severity;
  const char  *title;
  const char  *remedy;
} CatalogueEntry;

#define E CA_SEVERITY_ERROR
#define W CA_SEVERITY_WARNING
#define I CA_SEVERITY_INFO

/* The one place where finding ids, severities and remedies live (acm-rules.md §10 and §11). */
static const CatalogueEntry catalogue[CA_FINDING_N_IDS] = {
  { CA_FINDING_NO_MX, "no_mx", E,
    N_("The approval domain has no MX record, so nobody can receive the approval mail"),
    N_("Send the mail to a parent domain that receives mail, or add an MX record that points to a mail service delivering to one of the five mailboxes (Amazon SES email receiving with an SNS notification is one way), wait an hour and resend. A DNS validation record is no more work than that MX record, and ends the waiting for mail for good.") },
  { CA_FINDING_NULL_MX, "null_mx", E,
    N_("The approval domain declares that it accepts no mail (null MX)"),
    N_("Send the mail to a parent domain that receives mail, or replace the null MX record with one that points to a mail service delivering to one of the five mailboxes, wait an hour and resend. A DNS validation record is no more work, and ends the waiting for mail for good.") },
  { CA_FINDING_MX_HOST_UNRESOLVABLE, "mx_host_unresolvable", E,
    N_("A mail server of the approval domain has no IP address"),
    N_("Fix the MX record so that it names a host with an A or AAAA record.") },
  { CA_FINDING_MX_LOOKUP_FAILED, "mx_lookup_failed", W,
    N_("The MX records of the approval domain could not be looked up"),
    N_("Try again later. If it keeps failing, check the domain’s DNS servers and DNSSEC.") },
  { CA_FINDING_MX_HOST_IS_CNAME, "mx_host_is_cname", W,
    N_("A mail server name is an alias (CNAME), which mail servers may refuse"),
    N_("Point the MX record at the host’s canonical name instead of the alias.") },
  { CA_FINDING_APPROVAL_DOMAIN_IS_SUBDOMAIN, "approval_domain_is_subdomain", W,
    N_("The approval mail goes to a subdomain, where mailboxes rarely exist"),
    N_("Request the certificate with the registrable domain as validation domain, so the mail goes to its mailboxes.") },
  { CA_FINDING_VALIDATION_DOMAIN_NOT_SUPERDOMAIN, "validation_domain_not_superdomain", E,
    N_("The validation domain is neither the name nor one of its parent domains"),
    N_("Choose the name itself or one of its parent domains up to the registrable domain.") },
  { CA_FINDING_VALIDATION_EMAILS_DIFFER, "validation_emails_differ", I,
    N_("ACM mailed other addresses than the ones computed here"),
    N_("Trust the list from ACM: it shows where the mail really went.") },
  { CA_FINDING_DOMAINS_PENDING_APPROVAL, "domains_pending_approval", W,
    N_("Some names of the certificate still wait for approval"),
    N_("Each name needs its own approval, even when all mails reach the same mailbox. Approve every mail.") },
  { CA_FINDING_RESEND_WINDOW_OPEN, "resend_window_open", I,
    N_("The approval mail can still be sent again"),
    N_("Resend the approval mail before the 72-hour window closes.") },
  { CA_FINDING_VALIDATION_WINDOW_EXPIRED, "validation_window_expired", E,
    N_("The 72 hours to approve the certificate have passed"),
    N_("Delete this request and request a new certificate, preferably with DNS validation.") },
  { CA_FINDING_RENEWAL_PENDING_VALIDATION, "renewal_pending_validation", W,
    N_("The renewal of this certificate waits for approval"),
    N_("Approve the renewal mail, or move the certificate to DNS validation.") },
  { CA_FINDING_RENEWAL_FAILED, "renewal_failed", E,
    N_("The renewal of this certificate failed"),
    N_("Fix the cause ACM reports, then move the certificate to DNS validation or request a new one.") },
  { CA_FINDING_EXPIRY_NEAR, "expiry_near", W,
    N_("This email-validated certificate expires in less than 45 days"),
    N_("Approve the renewal mail now, or move the certificate to DNS validation.") },
  { CA_FINDING_WHOIS_NOT_USED_SINCE_2024, "whois_not_used_since_2024", I,
    N_("ACM has not mailed the contacts in WHOIS since 2024"),
    N_("Nothing to do: the registration data does not decide where the approval mail goes.") },
  { CA_FINDING_WHOIS_PRIVACY_PLACEHOLDER, "whois_privacy_placeholder", I,
    N_("The registration data hides the owner behind a privacy service"),
    N_("Nothing to do for ACM: privacy protection does not stop the approval mail.") },
  { CA_FINDING_WHOIS_CAPTCHA_OR_WEB_FORM, "whois_captcha_or_web_form", I,
    N_("The registration data only offers a web form or a CAPTCHA-protected lookup"),
    N_("Nothing to do for ACM: it does not use these contacts.") },
  { CA_FINDING_RDAP_WHOIS_UNAVAILABLE, "rdap_whois_unavailable", I,
    N_("The registration data could not be looked up"),
    N_("Nothing to do for ACM: it does not use the registration data.") },
  { CA_FINDING_CAA_FORBIDS_AMAZON, "caa_forbids_amazon", E,
    N_("A CAA record forbids Amazon to issue certificates for this name"),
    N_("Add the record 0 issue \"amazon.com\" to the CAA set before you approve. If the request already failed, request the certificate again.") },
  { CA_FINDING_CAA_ISSUEWILD_FORBIDS_AMAZON, "caa_issuewild_forbids_amazon", E,
    N_("A CAA issuewild record forbids Amazon to issue wildcard certificates"),
    N_("Add the record 0 issuewild \"amazon.com\" to the CAA set.") },
  { CA_FINDING_CAA_CRITICAL_UNKNOWN, "caa_critical_unknown", E,
    N_("A CAA record carries an unknown tag marked critical, so no authority may issue"),
    N_("Fix or remove the critical CAA record (RFC 8659).") },
  { CA_FINDING_CAA_LOOKUP_FAILED, "caa_lookup_failed", W,
    N_("The CAA records could not be looked up, and a failed lookup forbids issuance"),
    N_("Fix the DNS servers or the DNSSEC chain of the domain.") },
  { CA_FINDING_EMAIL_VALIDATION_PHASE_OUT, "email_validation_phase_out", W,
    N_("This certificate uses email validation, which AWS has announced to end"),
    N_("AWS has announced that ACM issues no email-validated certificates after 31 March 2027 and renews none after 30 September 2027. Move to DNS validation before then.") },
  { CA_FINDING_MIGRATION_AVAILABLE, "migration_available", I,
    N_("This certificate can move to DNS validation and keep its ARN"),
    N_("Start the migration to DNS validation and publish the CNAME records it shows.") },
  { CA_FINDING_MIGRATION_IN_PROGRESS, "migration_in_progress", I,
    N_("The move to DNS validation has started"),
    N_("Publish the CNAME records within 72 hours of the start.") },
  { CA_FINDING_MIGRATION_NOT_ELIGIBLE, "migration_not_eligible", I,
    N_("This certificate cannot move to DNS validation in place"),
    N_("Request a new certificate with DNS validation instead.") },
  { CA_FINDING_DNS_RECORD_MISSING, "dns_record_missing", E,
    N_("The DNS validation record is not published"),
    N_("Create the CNAME record exactly as ACM shows it.") },
  { CA_FINDING_DNS_RECORD_WRONG_VALUE, "dns_record_wrong_value", E,
    N_("The DNS validation record points to the wrong value"),
    N_("Copy the value exactly as ACM shows it.") },
  { CA_FINDING_DNS_RECORD_NAME_DOUBLED, "dns_record_name_doubled", E,
    N_("The DNS validation record was created with the zone name twice"),
    N_("Your DNS provider appends the zone: enter only the part starting with the underscore.") },
  { CA_FINDING_DNS_NS_MISMATCH, "dns_ns_mismatch", E,
    N_("The zone that was edited is not the one the world sees"),
    N_("Edit the zone at the name servers the domain is delegated to, or change the delegation at the registrar to the servers of the zone you edit.") },
  { CA_FINDING_DNS_CNAME_CHAIN_TOO_LONG, "dns_cname_chain_too_long", E,
    N_("The validation record goes through more than five aliases"),
    N_("Shorten the CNAME chain to five steps or fewer.") },
  { CA_FINDING_DNS_NAME_NOT_PUBLIC, "dns_name_not_public", E,
    N_("The approval domain does not exist in public DNS"),
    N_("Create the domain in its public DNS zone, or check the spelling. Private names never validate.") },
  { CA_FINDING_CERT_FAILED_NO_AVAILABLE_CONTACTS, "cert_failed_no_available_contacts", E,
    N_("The request failed because ACM found no address to mail"),
    N_("Give the approval domain a working MX record or choose a validation domain with one, wait an hour and request again. DNS validation avoids this.") },
  { CA_FINDING_CERT_FAILED_ADDITIONAL_VERIFICATION_REQUIRED, "cert_failed_additional_verification_required", E,
    N_("The request failed because Amazon wants to verify it further"),
    N_("Contact AWS Support. Names that Amazon owns are refused.") },
  { CA_FINDING_CERT_FAILED_INVALID_PUBLIC_DOMAIN, "cert_failed_invalid_public_domain", E,
    N_("The request failed because a name is not under a public top-level domain"),
    N_("Correct the name and request again.") },
  { CA_FINDING_CERT_FAILED_OTHER, "cert_failed_other", E,
    N_("The request failed for a reason ACM did not name"),
    N_("Check every name for typos, then contact AWS Support.") },
  { CA_FINDING_CERT_FAILED_CAA_ERROR, "cert_failed_caa_error", E,
    N_("The request failed because CAA records forbid Amazon"),
    N_("Fix the CAA records, then request the certificate again.") },
  { CA_FINDING_CERT_FAILED_DOMAIN_NOT_ALLOWED, "cert_failed_domain_not_allowed", E,
    N_("The request failed because a name is flagged as unsafe"),
    N_("Clean up the site, have it scanned again, then request again.") },
  { CA_FINDING_CERT_FAILED_DOMAIN_VALIDATION_DENIED, "cert_failed_domain_validation_denied", E,
    N_("The request failed because validation was denied"),
    N_("Request a new certificate with DNS validation, or contact AWS Support.") },
  { CA_FINDING_CERT_FAILED_PCA, "cert_failed_pca", E,
    N_("The request failed in AWS Private CA"),
    N_("Private certificates are outside what this app checks: see AWS Private CA.") },
  { CA_FINDING_CERT_FAILED_SLR_NOT_FOUND, "cert_failed_slr_not_found", E,
    N_("The request failed because a service-linked role is missing"),
    N_("Create the ACM service-linked role, then request again.") },
  { CA_FINDING_INVALID_PUBLIC_DOMAIN, "invalid_public_domain", E,
    N_("The name is not under a public top-level domain"),
    N_("Use the public name: private names never validate.") },
  { CA_FINDING_DNSSEC_BOGUS, "dnssec_bogus", E,
    N_("The DNSSEC signatures of the domain do not validate"),
    N_("Fix the DS and DNSKEY chain at the registrar and in the zone.") },
  { CA_FINDING_CERT_EXPIRES_SOON, "cert_expires_soon", W,
    N_("The certificate expires within 30 days"),
    N_("Renew or replace the certificate now.") },
  { CA_FINDING_CERT_NAME_MISSING, "cert_name_missing", W,
    N_("The certificate does not cover a name you asked about"),
    N_("Request a certificate that includes the name.") },
  { CA_FINDING_CERT_NOT_AMAZON_ISSUED, "cert_not_amazon_issued", I,
    N_("The certificate was not issued by Amazon"),
    N_("If you expected an ACM certificate, check which certificate the service really uses.") },
  { CA_FINDING_CERT_CHAIN_INCOMPLETE, "cert_chain_incomplete", W,
    N_("The certificate chain is incomplete or out of order"),
    N_("Serve the leaf first, then each intermediate certificate up to the root.") },
  { CA_FINDING_CERT_EXPIRED, "cert_expired", E,
    N_("The certificate has expired"),
    N_("Replace the certificate now: clients refuse an expired one. ACM renews only certificates whose validation still works.") },
  { CA_FINDING_CERT_NOT_TRUSTED, "cert_not_trusted", E,
    N_("Clients do not trust the certificate this server presents"),
    N_("Serve a valid certificate from a public authority that covers this name, with its intermediate certificates.") },
  { CA_FINDING_DNS_RECORD_LOOKUP_FAILED, "dns_record_lookup_failed", W,
    N_("The DNS validation record could not be looked up"),
    N_("Try again later. If it keeps failing, check the domain’s DNS servers and DNSSEC: ACM cannot see the record either.") },
  { CA_FINDING_DNS_RESOLVER_UNRELIABLE, "dns_resolver_unreliable", E,
    N_("The DNS resolver in use cannot be trusted: it denies names that must exist"),
    N_("Its answers are no evidence about the domains. Rely on the public DNS, which CertAssist asks itself (--view public on the command line), ask another DNS server (Preferences in the app, --dns-server on the command line), or repair this one, then check again.") },
  { CA_FINDING_DNS_VIEWS_DIFFER, "dns_views_differ", W,
    N_("The DNS resolver in use answers differently from the public DNS"),
    N_("Fix the records in the public zone: the certificate authority sees only the public answer, whatever the resolver in use says.") },
  { CA_FINDING_DNS_NS_INCONSISTENT, "dns_ns_inconsistent", W,
    N_("The zone’s own name servers and its delegation differ"),
    N_("Make the zone’s NS records and the delegation at the registrar list the same servers.") },
  { CA_FINDING_DNS_VALIDATION_RECORD_PROXIED, "dns_validation_record_proxied", E,
    N_("The validation record answers with addresses instead of the CNAME: a proxy flattens it"),
    N_("Set the record to DNS only (no proxy, the grey cloud at Cloudflare), so that it answers with the CNAME ACM expects.") },
  { CA_FINDING_DNS_VALIDATION_RECORD_SHARED, "dns_validation_record_shared", I,
    N_("Two names of the certificate need the same validation record"),
    N_("Publish the record once: it validates a name and its wildcard together.") },
  { CA_FINDING_ROUTE53_NO_ZONE, "route53_no_zone", E,
    N_("No public hosted zone in Route 53 holds this name"),
    N_("Publish the record at the DNS provider that hosts the name, or create a public hosted zone for it in Route 53 and delegate the domain to its name servers.") },
  { CA_FINDING_ROUTE53_PRIVATE_ZONE_IGNORED, "route53_private_zone_ignored", W,
    N_("A private hosted zone of this name exists in Route 53 and was not used"),
    N_("Private hosted zones answer only inside their VPCs, never to the certificate authority: the record belongs in the public hosted zone, or at the public DNS provider of the name.") },
};

#undef E
#undef W
#undef I

struct _CaFinding
{
  GObject      parent_instance;

  CaFindingId  id;
  char        *name;
  char        *message;
};

G_DEFINE_FINAL_TYPE (CaFinding, ca_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SEVERITY,
  PROP_NAME,
  PROP_MESSAGE,
  PROP_REMEDY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_finding_finalize (GObject *object)
{
  CaFinding *self = (CaFinding *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (ca_finding_parent_class)->finalize (object);
}

static void
ca_finding_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CaFinding *self = CA_FINDING (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, ca_finding_get_id_string (self));
      break;
    case PROP_SEVERITY:
      g_value_set_int (value, ca_finding_get_severity (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, ca_finding_get_message (self));
      break;
    case PROP_REMEDY:
      g_value_set_string (value, ca_finding_get_remedy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_finding_class_init (CaFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_finding_finalize;
  object_class->get_property = ca_finding_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_SEVERITY] = g_param_spec_int ("severity", NULL, NULL,
                                                CA_SEVERITY_INFO, CA_SEVERITY_ERROR,
                                                CA_SEVERITY_INFO, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_REMEDY] = g_param_spec_string ("remedy", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_finding_init (CaFinding *self)
{
}

/**
 * ca_finding_new:
 * @id: the catalogue id
 * @name: (nullable): the name the finding concerns
 * @message: (nullable): a translated sentence with the details, or %NULL for
 *   the catalogue's title
 */
CaFinding *
ca_finding_new (CaFindingId  id,
                const char  *name,
                const char  *message)
{
  CaFinding *self;

  g_return_val_if_fail (id < CA_FINDING_N_IDS, NULL);

  self = g_object_new (CA_TYPE_FINDING, NULL);
  self->id = id;
  self->name = g_strdup (name);
  self->message = g_strdup (message);

  return self;
}

CaFinding *
ca_finding_new_printf (CaFindingId  id,
                       const char  *name,
                       const char  *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  return ca_finding_new (id, name, message);
}

CaFindingId
ca_finding_get_id (CaFinding *self)
{
  g_return_val_if_fail (CA_IS_FINDING (self), 0);

  return self->id;
}

const char *
ca_finding_get_id_string (CaFinding *self)
{
  g_return_val_if_fail (CA_IS_FINDING (self), NULL);

  return ca_finding_id_to_string (self->id);
}

CaSeverity
ca_finding_get_severity (CaFinding *self)
{
  g_return_val_if_fail (CA_IS_FINDING (self), CA_SEVERITY_INFO);

  return ca_finding_id_get_severity (self->id);
}

const char *
ca_finding_get_name (CaFinding *self)
{
  g_return_val_if_fail (CA_IS_FINDING (self), NULL);

  return self->name;
}

const char *
ca_finding_get_message (CaFinding *self)
{
  g_return_val_if_fail (CA_IS_FINDING (self), NULL);

  return self->message != NULL ? self->message : ca_finding_id_get_title (self->id);
}

const char *
ca_finding_get_remedy (CaFinding *self)
{
  g_return_val_if_fail (CA_IS_FINDING (self), NULL);

  return ca_finding_id_get_remedy (self->id);
}

const char *
ca_finding_id_to_string (CaFindingId id)
{
  g_return_val_if_fail (id < CA_FINDING_N_IDS, NULL);

  return catalogue[id].id_string;
}

gboolean
ca_finding_id_from_string (const char  *string,
                           CaFindingId *id)
{
  g_return_val_if_fail (string != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      if (strcmp (catalogue[i].id_string, string) == 0)
        {
          if (id != NULL)
            *id = catalogue[i].id;
          return TRUE;
        }
    }

  return FALSE;
}

CaSeverity
ca_finding_id_get_severity (CaFindingId id)
{
  g_return_val_if_fail (id < CA_FINDING_N_IDS, CA_SEVERITY_INFO);

  return catalogue[id].severity;
}

const char *
ca_finding_id_get_title (CaFindingId id)
{
  g_return_val_if_fail (id < CA_FINDING_N_IDS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, catalogue[id].title);
}

const char *
ca_finding_id_get_remedy (CaFindingId id)
{
  g_return_val_if_fail (id < CA_FINDING_N_IDS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, catalogue[id].remedy);
}

const char *
ca_severity_to_string (CaSeverity severity)
{
  switch (severity)
    {
    case CA_SEVERITY_ERROR:
      return "error";
    case CA_SEVERITY_WARNING:
      return "warning";
    case CA_SEVERITY_INFO:
    default:
      return "info";
    }
}

/* Returns: a translated word for @severity, for text where no icon can show it */
const char *
ca_severity_get_label (CaSeverity severity)
{
  switch (severity)
    {
    case CA_SEVERITY_ERROR:
      /* Translators: a finding that blocks validation */
      return _("Problem");
    case CA_SEVERITY_WARNING:
      return _("Warning");
    case CA_SEVERITY_INFO:
    default:
      return _("Note");
    }
}

/* Most severe first, then by name, so reports read the same every time. */
int
ca_finding_compare (CaFinding *a,
                    CaFinding *b)
{
  if (ca_finding_get_severity (a) != ca_finding_get_severity (b))
    return (int) ca_finding_get_severity (b) - (int) ca_finding_get_severity (a);
  if (g_strcmp0 (a->name, b->name) != 0)
    return g_strcmp0 (a->name, b->name);
  return (int) a->id - (int) b->id;
}

/* One entry of contract.md's `findings` arrays. */
void
ca_finding_to_json (CaFinding   *self,
                    JsonBuilder *builder)
{
  g_return_if_fail (CA_IS_FINDING (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, ca_finding_get_id_string (self));
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, ca_severity_to_string (ca_finding_get_severity (self)));
  ca_json_add_string_or_null (builder, "name", self->name);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, ca_finding_get_message (self));
  json_builder_set_member_name (builder, "remedy");
  json_builder_add_string_value (builder, ca_finding_get_remedy (self));
  json_builder_end_object (builder);
}
