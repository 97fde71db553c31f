/* ca-session.c: what every page of a journey shares
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaSession"

#include "config.h"

#include "ca-enums.h"
#include "ca-registration-check.h"
#include "ca-session.h"
#include "ca-util.h"

#define DEFAULT_TIMEOUT_SECONDS 10

/**
 * CaSession:
 *
 * The one model under the wizard, as gnome-initial-setup's driver is: the
 * application creates it and hands it to every page. It holds how to look
 * things up (the resolver settings, the registration servers), the AWS
 * account in use, and the state of the journey in progress: the chosen
 * certificate and the diagnosis of its names. Pages read and bind to it
 * instead of keeping their own copies; the GUI binds GSettings to it once,
 * the CLI sets it from its options, and tests point it at local servers.
 *
 * It never holds a secret itself: credentials stay in the ACM clients it
 * creates, of which it keeps the last one, so that Route 53 signs with the
 * credentials already resolved instead of running the chain again.
 */
struct _CaSession
{
  GObject           parent_instance;

  GStrv             dns_servers;
  gboolean          dnssec;
  int               timeout;
  CaDnsView         view;
  char             *root_hints;
  char             *trust_anchor;
  char             *whois_server;
  char             *rdap_bootstrap;
  char             *aws_profile;
  char             *aws_region;
  CaAcmClient      *acm_client;  /* the last one created, for this profile and region */
  CaAcmCertificate *certificate;
  CaDiagnosis      *diagnosis;
  GArray           *check_types;
  GListStore       *watches;
  GListStore       *actions;  /* CaSessionAction, oldest first */
  CaJourney         journey;
};

G_DEFINE_FINAL_TYPE (CaSession, ca_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DNS_SERVERS,
  PROP_DNSSEC,
  PROP_TIMEOUT,
  PROP_VIEW,
  PROP_ROOT_HINTS,
  PROP_TRUST_ANCHOR,
  PROP_WHOIS_SERVER,
  PROP_RDAP_BOOTSTRAP,
  PROP_AWS_PROFILE,
  PROP_AWS_REGION,
  PROP_CERTIFICATE,
  PROP_DIAGNOSIS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Auxiliary methods
 */

/* Settings keep "" for "not set"; the clients want %NULL. */
static void
set_optional_str (CaSession  *self,
                  char      **field,
                  const char *value,
                  guint       prop_id)
{
  if (ca_set_str (field, value != NULL && *value != '\0' ? value : NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/*
 * Overrides
 */

static void
ca_session_finalize (GObject *object)
{
  CaSession *self = (CaSession *) object;

  g_clear_pointer (&self->dns_servers, g_strfreev);
  g_clear_pointer (&self->root_hints, g_free);
  g_clear_pointer (&self->trust_anchor, g_free);
  g_clear_pointer (&self->whois_server, g_free);
  g_clear_pointer (&self->rdap_bootstrap, g_free);
  g_clear_pointer (&self->aws_profile, g_free);
  g_clear_pointer (&self->aws_region, g_free);
  g_clear_object (&self->acm_client);
  g_clear_object (&self->certificate);
  g_clear_object (&self->diagnosis);
  g_clear_pointer (&self->check_types, g_array_unref);
  g_clear_object (&self->watches);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (ca_session_parent_class)->finalize (object);
}

static void
ca_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CaSession *self = CA_SESSION (object);

  switch (prop_id)
    {
    case PROP_DNS_SERVERS:
      g_value_set_boxed (value, self->dns_servers);
      break;
    case PROP_DNSSEC:
      g_value_set_boolean (value, self->dnssec);
      break;
    case PROP_TIMEOUT:
      g_value_set_int (value, self->timeout);
      break;
    case PROP_VIEW:
      g_value_set_enum (value, self->view);
      break;
    case PROP_ROOT_HINTS:
      g_value_set_string (value, self->root_hints);
      break;
    case PROP_TRUST_ANCHOR:
      g_value_set_string (value, self->trust_anchor);
      break;
    case PROP_WHOIS_SERVER:
      g_value_set_string (value, self->whois_server);
      break;
    case PROP_RDAP_BOOTSTRAP:
      g_value_set_string (value, self->rdap_bootstrap);
      break;
    case PROP_AWS_PROFILE:
      g_value_set_string (value, self->aws_profile);
      break;
    case PROP_AWS_REGION:
      g_value_set_string (value, self->aws_region);
      break;
    case PROP_CERTIFICATE:
      g_value_set_object (value, self->certificate);
      break;
    case PROP_DIAGNOSIS:
      g_value_set_object (value, self->diagnosis);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CaSession *self = CA_SESSION (object);

  switch (prop_id)
    {
    case PROP_DNS_SERVERS:
      ca_session_set_dns_servers (self, g_value_get_boxed (value));
      break;
    case PROP_DNSSEC:
      ca_session_set_dnssec (self, g_value_get_boolean (value));
      break;
    case PROP_TIMEOUT:
      ca_session_set_timeout (self, (guint) g_value_get_int (value));
      break;
    case PROP_VIEW:
      ca_session_set_view (self, g_value_get_enum (value));
      break;
    case PROP_ROOT_HINTS:
      ca_session_set_root_hints (self, g_value_get_string (value));
      break;
    case PROP_TRUST_ANCHOR:
      ca_session_set_trust_anchor (self, g_value_get_string (value));
      break;
    case PROP_WHOIS_SERVER:
      ca_session_set_whois_server (self, g_value_get_string (value));
      break;
    case PROP_RDAP_BOOTSTRAP:
      ca_session_set_rdap_bootstrap (self, g_value_get_string (value));
      break;
    case PROP_AWS_PROFILE:
      ca_session_set_aws_profile (self, g_value_get_string (value));
      break;
    case PROP_AWS_REGION:
      ca_session_set_aws_region (self, g_value_get_string (value));
      break;
    case PROP_CERTIFICATE:
      ca_session_set_certificate (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_session_class_init (CaSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_session_finalize;
  object_class->get_property = ca_session_get_property;
  object_class->set_property = ca_session_set_property;

  properties[PROP_DNS_SERVERS] = g_param_spec_boxed ("dns-servers", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_DNSSEC] = g_param_spec_boolean ("dnssec", NULL, NULL, TRUE, flags);
  /* An int, as the GSettings key it is bound to. */
  properties[PROP_TIMEOUT] = g_param_spec_int ("timeout", NULL, NULL, 1, 300, DEFAULT_TIMEOUT_SECONDS, flags);
  /* Which DNS a diagnosis asks: the local view, the public one (as the CA), or both. */
  properties[PROP_VIEW] = g_param_spec_enum ("view", NULL, NULL, CA_TYPE_DNS_VIEW, CA_DNS_VIEW_AUTO, flags);
  /* A root hints file for the public view instead of the real root servers (a lab). */
  properties[PROP_ROOT_HINTS] = g_param_spec_string ("root-hints", NULL, NULL, NULL, flags);
  /* The root's DS or DNSKEY records to validate against instead of the system's root key. */
  properties[PROP_TRUST_ANCHOR] = g_param_spec_string ("trust-anchor", NULL, NULL, NULL, flags);
  properties[PROP_WHOIS_SERVER] = g_param_spec_string ("whois-server", NULL, NULL, NULL, flags);
  properties[PROP_RDAP_BOOTSTRAP] = g_param_spec_string ("rdap-bootstrap", NULL, NULL, NULL, flags);
  properties[PROP_AWS_PROFILE] = g_param_spec_string ("aws-profile", NULL, NULL, NULL, flags);
  properties[PROP_AWS_REGION] = g_param_spec_string ("aws-region", NULL, NULL, NULL, flags);
  properties[PROP_CERTIFICATE] = g_param_spec_object ("certificate", NULL, NULL, CA_TYPE_ACM_CERTIFICATE, flags);
  properties[PROP_DIAGNOSIS] = g_param_spec_object ("diagnosis", NULL, NULL, CA_TYPE_DIAGNOSIS,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_session_init (CaSession *self)
{
  self->dnssec = TRUE;
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->check_types = g_array_new (FALSE, FALSE, sizeof (GType));
  self->watches = g_list_store_new (CA_TYPE_CERTIFICATE_WATCH);
  self->actions = g_list_store_new (CA_TYPE_SESSION_ACTION);
}

/*
 * Public API
 */

CaSession *
ca_session_new (void)
{
  return g_object_new (CA_TYPE_SESSION, NULL);
}

/* Returns: (nullable): the DNS servers to ask; %NULL means the system's resolvers */
const char * const *
ca_session_get_dns_servers (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), NULL);
  return (const char * const *) self->dns_servers;
}

/**
 * ca_session_set_dns_servers:
 * @servers: (nullable): ADDR or ADDR@PORT each; %NULL or empty for the system's resolvers
 */
void
ca_session_set_dns_servers (CaSession          *self,
                            const char * const *servers)
{
  g_return_if_fail (CA_IS_SESSION (self));

  if (servers != NULL && servers[0] == NULL)
    servers = NULL;
  if (self->dns_servers == NULL && servers == NULL)
    return;
  if (self->dns_servers != NULL && servers != NULL &&
      g_strv_equal ((const char * const *) self->dns_servers, servers))
    return;
  g_strfreev (self->dns_servers);
  self->dns_servers = g_strdupv ((char **) servers);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DNS_SERVERS]);
}

gboolean
ca_session_get_dnssec (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), TRUE);
  return self->dnssec;
}

void
ca_session_set_dnssec (CaSession *self,
                       gboolean   dnssec)
{
  g_return_if_fail (CA_IS_SESSION (self));

  dnssec = !!dnssec;
  if (self->dnssec == dnssec)
    return;
  self->dnssec = dnssec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DNSSEC]);
}

/* Returns: the cap for each network lookup, in seconds */
guint
ca_session_get_timeout (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), DEFAULT_TIMEOUT_SECONDS);
  return (guint) self->timeout;
}

void
ca_session_set_timeout (CaSession *self,
                        guint      seconds)
{
  g_return_if_fail (CA_IS_SESSION (self));

  seconds = CLAMP (seconds, 1, 300);
  if ((guint) self->timeout == seconds)
    return;
  self->timeout = (int) seconds;
  g_clear_object (&self->acm_client);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

CaDnsView
ca_session_get_view (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), CA_DNS_VIEW_AUTO);
  return self->view;
}

/**
 * ca_session_set_view:
 * @view: which DNS a diagnosis asks; %CA_DNS_VIEW_AUTO (the default) asks both,
 *   but only the local view when DNS servers are set without root hints
 */
void
ca_session_set_view (CaSession *self,
                     CaDnsView  view)
{
  g_return_if_fail (CA_IS_SESSION (self));
  g_return_if_fail (view <= CA_DNS_VIEW_BOTH);

  if (self->view == view)
    return;
  self->view = view;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/* Returns: the views a diagnosis asks: %CA_DNS_VIEW_AUTO resolved as contract.md says */
CaDnsView
ca_session_get_effective_view (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), CA_DNS_VIEW_BOTH);

  if (self->view != CA_DNS_VIEW_AUTO)
    return self->view;
  /* A forwarder-only test stays local. */
  if (self->dns_servers != NULL && self->root_hints == NULL)
    return CA_DNS_VIEW_LOCAL;
  return CA_DNS_VIEW_BOTH;
}

/* Returns: (nullable): the root hints of the public view, %NULL for the real root servers */
const char *
ca_session_get_root_hints (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), NULL);
  return self->root_hints;
}

void
ca_session_set_root_hints (CaSession  *self,
                           const char *file)
{
  g_return_if_fail (CA_IS_SESSION (self));
  set_optional_str (self, &self->root_hints, file, PROP_ROOT_HINTS);
}

/* Returns: (nullable): the trust anchor of both views, %NULL for the system's root key */
const char *
ca_session_get_trust_anchor (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), NULL);
  return self->trust_anchor;
}

void
ca_session_set_trust_anchor (CaSession  *self,
                             const char *file)
{
  g_return_if_fail (CA_IS_SESSION (self));
  set_optional_str (self, &self->trust_anchor, file, PROP_TRUST_ANCHOR);
}

const char *
ca_session_get_whois_server (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), NULL);
  return self->whois_server;
}

void
ca_session_set_whois_server (CaSession  *self,
                             const char *server)
{
  g_return_if_fail (CA_IS_SESSION (self));
  set_optional_str (self, &self->whois_server, server, PROP_WHOIS_SERVER);
}

const char *
ca_session_get_rdap_bootstrap (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), NULL);
  return self->rdap_bootstrap;
}

void
ca_session_set_rdap_bootstrap (CaSession  *self,
                               const char *bootstrap)
{
  g_return_if_fail (CA_IS_SESSION (self));
  set_optional_str (self, &self->rdap_bootstrap, bootstrap, PROP_RDAP_BOOTSTRAP);
}

const char *
ca_session_get_aws_profile (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), NULL);
  return self->aws_profile;
}

void
ca_session_set_aws_profile (CaSession  *self,
                            const char *profile)
{
  g_return_if_fail (CA_IS_SESSION (self));
  if (g_strcmp0 (self->aws_profile, profile != NULL && *profile != '\0' ? profile : NULL) != 0)
    g_clear_object (&self->acm_client);
  set_optional_str (self, &self->aws_profile, profile, PROP_AWS_PROFILE);
}

const char *
ca_session_get_aws_region (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), NULL);
  return self->aws_region;
}

void
ca_session_set_aws_region (CaSession  *self,
                           const char *region)
{
  g_return_if_fail (CA_IS_SESSION (self));
  if (g_strcmp0 (self->aws_region, region != NULL && *region != '\0' ? region : NULL) != 0)
    g_clear_object (&self->acm_client);
  set_optional_str (self, &self->aws_region, region, PROP_AWS_REGION);
}

/* Returns: (transfer full): a resolver of the local view: the session's servers, DNSSEC and timeout */
CaDnsResolver *
ca_session_create_resolver (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), NULL);

  return g_object_new (CA_TYPE_DNS_RESOLVER,
                       "forwarders", self->dns_servers,
                       "dnssec", self->dnssec,
                       "timeout", (guint) self->timeout * 1000,
                       "trust-anchor", self->trust_anchor,
                       NULL);
}

/* Returns: (transfer full): a resolver of the public view: full recursion from the root servers */
CaDnsResolver *
ca_session_create_public_resolver (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), NULL);

  return ca_dns_resolver_new_public (self->root_hints, self->trust_anchor, self->dnssec,
                                     (guint) self->timeout * 1000);
}

/* Returns: (transfer full): a client for RDAP and WHOIS with the session's servers */
CaRegistrationClient *
ca_session_create_registration_client (CaSession *self)
{
  CaRegistrationClient *client;

  g_return_val_if_fail (CA_IS_SESSION (self), NULL);

  client = ca_registration_client_new (self->whois_server, self->rdap_bootstrap);
  ca_registration_client_set_timeout (client, (guint) self->timeout);
  return client;
}

/**
 * ca_session_create_acm_client:
 *
 * A new client each time reads the AWS files again, so that a page trying
 * again sees credentials the user has just set up.
 *
 * Returns: (transfer full): an ACM client for the session's profile and
 *   region, or %NULL when no region or credentials can be found
 */
CaAcmClient *
ca_session_create_acm_client (CaSession  *self,
                              GError    **error)
{
  CaAcmClient *client;

  g_return_val_if_fail (CA_IS_SESSION (self), NULL);

  client = ca_acm_client_new (self->aws_profile, self->aws_region, (guint) self->timeout, error);
  if (client != NULL)
    g_set_object (&self->acm_client, client);
  return client;
}

/**
 * ca_session_get_acm_client:
 *
 * Returns: (transfer none) (nullable): the ACM client created last for the
 *   session's profile and region, whose credentials are likely resolved
 *   already; %NULL when none was created since they were set
 */
CaAcmClient *
ca_session_get_acm_client (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), NULL);
  return self->acm_client;
}

/**
 * ca_session_create_diagnosis:
 * @names: the names to diagnose, as the user typed them
 * @validation_domain: (nullable): where ACM mails for all of them
 * @certificate: (nullable): ACM's view of the certificate, which then says
 *   where each name's mail went and which DNS record it needs
 * @migration: (nullable) (element-type CaAcmDomainValidation): the
 *   certificate's migration state
 *
 * Builds the diagnosis with every standard check (mail, CAA, registration
 * data, the certificate) and makes it the journey's. It asks the views of DNS
 * that ca_session_get_effective_view() names.
 *
 * Returns: (transfer none): the diagnosis, not yet running, or %NULL when a
 *   name or the validation domain is invalid
 */
CaDiagnosis *
ca_session_create_diagnosis (CaSession           *self,
                             const char * const  *names,
                             const char          *validation_domain,
                             CaAcmCertificate    *certificate,
                             GPtrArray           *migration,
                             GError             **error)
{
  g_autoptr (CaDnsResolver) resolver = NULL;
  g_autoptr (CaDnsResolver) public_resolver = NULL;
  g_autoptr (CaDiagnosis) diagnosis = NULL;
  CaDnsView view;
  g_autoptr (CaRegistrationClient) client = NULL;
  g_autoptr (CaRegistrationCheck) registration = NULL;

  g_return_val_if_fail (CA_IS_SESSION (self), NULL);
  g_return_val_if_fail (names != NULL, NULL);

  /* One public resolver for all the names: one walk from the root, shared caches. */
  view = ca_session_get_effective_view (self);
  if (view != CA_DNS_VIEW_PUBLIC)
    resolver = ca_session_create_resolver (self);
  if (view != CA_DNS_VIEW_LOCAL)
    public_resolver = ca_session_create_public_resolver (self);
  diagnosis = ca_diagnosis_new_with_views (resolver, public_resolver);
  ca_diagnosis_add_certificate (diagnosis, certificate, migration);
  for (guint i = 0; names[i] != NULL; i++)
    if (ca_diagnosis_add_name (diagnosis, names[i], validation_domain, error) == NULL)
      return NULL;
  client = ca_session_create_registration_client (self);
  registration = ca_registration_check_new (client);
  ca_diagnosis_add_check (diagnosis, CA_CHECK (registration));
  for (guint i = 0; i < self->check_types->len; i++)
    {
      g_autoptr (CaCheck) check = g_object_new (g_array_index (self->check_types, GType, i), NULL);

      ca_diagnosis_add_check (diagnosis, check);
    }

  if (g_set_object (&self->diagnosis, diagnosis))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAGNOSIS]);
  return self->diagnosis;
}

/**
 * ca_session_add_check_type:
 * @type: a type implementing #CaCheck, constructible without properties
 *
 * Every diagnosis the session creates from now on runs one more check of
 * @type, about the whole request: how a check plugs in without touching
 * the diagnosis or the pages.
 */
void
ca_session_add_check_type (CaSession *self,
                           GType      type)
{
  g_return_if_fail (CA_IS_SESSION (self));
  g_return_if_fail (g_type_is_a (type, CA_TYPE_CHECK));

  g_array_append_val (self->check_types, type);
}

/* Returns: (transfer none) (nullable): the diagnosis of the journey in progress */
CaDiagnosis *
ca_session_get_diagnosis (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), NULL);
  return self->diagnosis;
}

/* Returns: (transfer none) (nullable): the certificate the user chose */
CaAcmCertificate *
ca_session_get_certificate (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), NULL);
  return self->certificate;
}

void
ca_session_set_certificate (CaSession        *self,
                            CaAcmCertificate *certificate)
{
  g_return_if_fail (CA_IS_SESSION (self));
  g_return_if_fail (certificate == NULL || CA_IS_ACM_CERTIFICATE (certificate));

  if (g_set_object (&self->certificate, certificate))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CERTIFICATE]);
}

/* The journey the user chose on the welcome page. */
CaJourney
ca_session_get_journey (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), CA_JOURNEY_APPROVAL_MAIL);

  return self->journey;
}

void
ca_session_set_journey (CaSession *self,
                        CaJourney  journey)
{
  g_return_if_fail (CA_IS_SESSION (self));

  self->journey = journey;
}

/**
 * ca_session_start_journey:
 * @journey: the journey the user just chose
 *
 * Begins a journey afresh: the diagnosis, the certificate and the actions of
 * the one before are forgotten, so its summary reports this journey only.
 * The watches stay: they follow certificates whatever the user does next.
 */
void
ca_session_start_journey (CaSession *self,
                          CaJourney  journey)
{
  g_return_if_fail (CA_IS_SESSION (self));

  self->journey = journey;
  if (self->diagnosis != NULL)
    {
      g_clear_object (&self->diagnosis);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAGNOSIS]);
    }
  ca_session_set_certificate (self, NULL);
  g_list_store_remove_all (self->actions);
}

/**
 * ca_session_get_watches:
 *
 * The certificates being followed until they are issued, failed or timed
 * out, newest last. They outlive the pages that started them: the
 * application keeps running while one is active and tells the user when
 * one changes.
 *
 * Returns: (transfer none): a #GListModel of #CaCertificateWatch
 */
GListModel *
ca_session_get_watches (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->watches);
}

/**
 * ca_session_find_watch:
 * @arn: a certificate's ARN
 *
 * Returns: (transfer none) (nullable): the watch of the certificate @arn
 */
CaCertificateWatch *
ca_session_find_watch (CaSession  *self,
                       const char *arn)
{
  guint n;

  g_return_val_if_fail (CA_IS_SESSION (self), NULL);
  g_return_val_if_fail (arn != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->watches));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CaCertificateWatch) watch = g_list_model_get_item (G_LIST_MODEL (self->watches), i);

      if (g_strcmp0 (ca_certificate_watch_get_arn (watch), arn) == 0)
        return watch;
    }
  return NULL;
}

/**
 * ca_session_add_watch:
 * @watch: a watch not yet started
 *
 * Adds @watch to the session's watches, replacing an earlier one of the
 * same certificate (one certificate is followed once), and starts it.
 */
void
ca_session_add_watch (CaSession          *self,
                      CaCertificateWatch *watch)
{
  CaCertificateWatch *earlier;
  guint position;

  g_return_if_fail (CA_IS_SESSION (self));
  g_return_if_fail (CA_IS_CERTIFICATE_WATCH (watch));

  earlier = ca_session_find_watch (self, ca_certificate_watch_get_arn (watch));
  if (earlier != NULL && g_list_store_find (self->watches, earlier, &position))
    {
      ca_certificate_watch_stop (earlier);
      g_list_store_remove (self->watches, position);
    }
  /* Started first: who hears of the new watch finds it active. */
  ca_certificate_watch_start (watch);
  g_list_store_append (self->watches, watch);
}

/**
 * ca_session_get_actions:
 *
 * Returns: (transfer none): the #CaSessionAction list of what this session
 *   changed in AWS (resends, moves, requests), oldest first, for the summary
 */
GListModel *
ca_session_get_actions (CaSession *self)
{
  g_return_val_if_fail (CA_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->actions);
}

/**
 * ca_session_add_action:
 * @action: what was just done, once AWS accepted it
 *
 * Remembers @action for the summary and the report.
 */
void
ca_session_add_action (CaSession       *self,
                       CaSessionAction *action)
{
  g_return_if_fail (CA_IS_SESSION (self));
  g_return_if_fail (CA_IS_SESSION_ACTION (action));

  g_list_store_append (self->actions, action);
}
