/* ca-registration-client.c: registration data for a domain, RDAP first, WHOIS otherwise
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRegistrationClient"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-domain.h"
#include "ca-error.h"
#include "ca-rdap-client.h"
#include "ca-registration-classifier.h"
#include "ca-registration-client.h"
#include "ca-whois-client.h"

struct _CaRegistrationClient
{
  GObject        parent_instance;

  CaRdapClient  *rdap;
  CaWhoisClient *whois;
};

G_DEFINE_FINAL_TYPE (CaRegistrationClient, ca_registration_client, G_TYPE_OBJECT)

typedef struct
{
  CaRegistration *registration;
  char           *rdap_error;
} Lookup;

static void
lookup_free (gpointer pointer)
{
  Lookup *lookup = pointer;

  g_clear_object (&lookup->registration);
  g_free (lookup->rdap_error);
  g_free (lookup);
}

static void
complete (GTask *task)
{
  Lookup *lookup = g_task_get_task_data (task);

  ca_registration_set_pending (lookup->registration, FALSE);
  g_task_return_pointer (task, g_object_ref (lookup->registration), g_object_unref);
  g_object_unref (task);
}

static void
return_cancelled (GTask  *task,
                  GError *error)
{
  Lookup *lookup = g_task_get_task_data (task);

  /* Whoever still shows the registration must not read "no data" into it. */
  ca_registration_set_verdict (lookup->registration, CA_REGISTRATION_VERDICT_ERROR);
  ca_registration_set_error_message (lookup->registration, _("The lookup was cancelled."));
  ca_registration_set_pending (lookup->registration, FALSE);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
whois_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  CaRegistration *registration = lookup->registration;
  g_autoptr (CaWhoisAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  answer = ca_whois_client_lookup_finish (CA_WHOIS_CLIENT (object), result, &error);
  if (answer == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          return_cancelled (task, g_steal_pointer (&error));
          return;
        }
      ca_registration_set_verdict (registration, CA_REGISTRATION_VERDICT_ERROR);
      if (lookup->rdap_error != NULL)
        ca_registration_add_evidence (registration, lookup->rdap_error);
      ca_registration_add_evidence (registration, error->message);
      ca_registration_set_error_message (registration, error->message);
      complete (task);
      return;
    }

  ca_registration_set_source (registration, CA_REGISTRATION_SOURCE_WHOIS);
  ca_registration_set_server (registration, answer->server);
  if (answer->truncated)
    ca_registration_add_warnings (registration, CA_REGISTRATION_WARNING_TRUNCATED);
  ca_registration_classify_whois (registration, answer->text);
  /* The referral's server refused, timed out or said nothing: a registry's
   * pointer without contacts is not "no data" (nor "redacted") but no answer. */
  if (answer->referral_error != NULL &&
      (ca_registration_get_verdict (registration) == CA_REGISTRATION_VERDICT_NO_DATA ||
       ca_registration_get_verdict (registration) == CA_REGISTRATION_VERDICT_REDACTED_NO_CONTACT))
    {
      ca_registration_set_verdict (registration, CA_REGISTRATION_VERDICT_ERROR);
      ca_registration_add_evidence (registration, answer->referral_error);
      ca_registration_set_error_message (registration, answer->referral_error);
    }
  complete (task);
}

static void
ask_whois (GTask *task)
{
  CaRegistrationClient *self = g_task_get_source_object (task);
  Lookup *lookup = g_task_get_task_data (task);

  ca_whois_client_lookup_async (self->whois, ca_registration_get_domain (lookup->registration),
                                g_task_get_cancellable (task), whois_cb, task);
}

static void
rdap_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  CaRegistration *registration = lookup->registration;
  g_autoptr (CaRdapAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  answer = ca_rdap_client_lookup_finish (CA_RDAP_CLIENT (object), result, &error);
  if (answer == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          return_cancelled (task, g_steal_pointer (&error));
          return;
        }
      /* RDAP failed (bootstrap offline, server down, broken answer): try port 43. */
      lookup->rdap_error = g_strdup (error->message);
      ask_whois (task);
      return;
    }

  switch (answer->status)
    {
    case CA_RDAP_STATUS_NO_SERVICE:
      ask_whois (task);
      return;
    case CA_RDAP_STATUS_NOT_FOUND:
      ca_registration_set_verdict (registration, CA_REGISTRATION_VERDICT_NO_DATA);
      ca_registration_add_evidence (registration, "HTTP 404 Not Found");
      break;
    case CA_RDAP_STATUS_RATE_LIMITED:
      /* Politeness: a 429 is honoured, not worked around through port 43. */
      ca_registration_set_verdict (registration, CA_REGISTRATION_VERDICT_RATE_LIMITED);
      ca_registration_add_warnings (registration, CA_REGISTRATION_WARNING_RATE_LIMITED);
      ca_registration_set_retry_after (registration, answer->retry_after);
      ca_registration_add_evidence (registration, "HTTP 429 Too Many Requests");
      break;
    case CA_RDAP_STATUS_OK:
    default:
      ca_registration_classify_rdap (registration, answer->root);
      break;
    }
  ca_registration_set_source (registration, CA_REGISTRATION_SOURCE_RDAP);
  ca_registration_set_server (registration, answer->server);
  complete (task);
}

static void
ca_registration_client_dispose (GObject *object)
{
  CaRegistrationClient *self = (CaRegistrationClient *) object;

  g_clear_object (&self->rdap);
  g_clear_object (&self->whois);

  G_OBJECT_CLASS (ca_registration_client_parent_class)->dispose (object);
}

static void
ca_registration_client_class_init (CaRegistrationClientClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ca_registration_client_dispose;
}

static void
ca_registration_client_init (CaRegistrationClient *self)
{
}

/**
 * ca_registration_client_new:
 * @whois_server: (nullable): `--whois-server`, or %NULL for whois.iana.org
 * @rdap_bootstrap: (nullable): `--rdap-bootstrap`, or %NULL for IANA's, cached
 */
CaRegistrationClient *
ca_registration_client_new (const char *whois_server,
                            const char *rdap_bootstrap)
{
  CaRegistrationClient *self = g_object_new (CA_TYPE_REGISTRATION_CLIENT, NULL);

  self->rdap = ca_rdap_client_new (rdap_bootstrap);
  self->whois = ca_whois_client_new (whois_server);
  return self;
}

void
ca_registration_client_set_timeout (CaRegistrationClient *self,
                                    guint                 seconds)
{
  g_return_if_fail (CA_IS_REGISTRATION_CLIENT (self));

  ca_rdap_client_set_timeout (self->rdap, seconds);
  ca_whois_client_set_timeout (self->whois, seconds);
}

static void
start (CaRegistrationClient *self,
       GTask                *task,
       CaRegistration       *registration)
{
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->registration = g_object_ref (registration);
  g_task_set_task_data (task, lookup, lookup_free);
  ca_registration_set_pending (registration, TRUE);
  ca_rdap_client_lookup_async (self->rdap, ca_registration_get_domain (registration),
                               g_task_get_cancellable (task), rdap_cb, task);
}

/**
 * ca_registration_client_lookup_async:
 * @name: a name under the domain; its registrable domain is looked up
 *
 * RDAP when the bootstrap lists the TLD, port 43 otherwise or when RDAP fails.
 * A lookup that finds nothing still completes, with the verdict error and the
 * reason; only bad input and cancellation end in a #GError.
 */
void
ca_registration_client_lookup_async (CaRegistrationClient *self,
                                     const char           *name,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr (CaRegistration) registration = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *domain = NULL;
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (CA_IS_REGISTRATION_CLIENT (self));
  g_return_if_fail (name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_registration_client_lookup_async);

  ascii = ca_domain_normalize (name, &error);
  if (ascii == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  domain = ca_domain_get_registrable_domain (ascii, NULL);
  registration = ca_registration_new (domain);
  start (self, task, registration);
}

/**
 * ca_registration_client_lookup_finish:
 *
 * Returns: (transfer full): the registration, or %NULL with @error set
 */
CaRegistration *
ca_registration_client_lookup_finish (CaRegistrationClient  *self,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ca_registration_client_fill_async:
 * @registration: a registration whose domain is a registrable domain
 *
 * Like ca_registration_client_lookup_async(), but fills in a registration
 * the caller already shows: it is #CaRegistration:pending meanwhile.
 */
void
ca_registration_client_fill_async (CaRegistrationClient *self,
                                   CaRegistration       *registration,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (CA_IS_REGISTRATION_CLIENT (self));
  g_return_if_fail (CA_IS_REGISTRATION (registration));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_registration_client_fill_async);
  start (self, task, registration);
}

gboolean
ca_registration_client_fill_finish (CaRegistrationClient  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_autoptr (CaRegistration) registration = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  registration = g_task_propagate_pointer (G_TASK (result), error);
  return registration != NULL;
}
