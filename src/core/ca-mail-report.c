/* ca-mail-report.c: where the approval mail of one name goes, from DNS
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaMailReport"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-check.h"
#include "ca-diagnosis.h"
#include "ca-domain.h"
#include "ca-enums.h"
#include "ca-json.h"
#include "ca-finding.h"
#include "ca-mail-report.h"
#include "ca-util.h"

/**
 * CaMailReport:
 *
 * The MX set of the approval domain, the addresses of each MX host, null MX,
 * and the legacy console's walk from the name up to its registrable domain.
 * Every MX question (the approval domain and each level of the walk) goes out
 * at once; the hosts' A and AAAA follow as soon as the approval domain's MX
 * set is in, so the whole check takes two round trips. An approval domain
 * that does not exist (NXDOMAIN) is another verdict than one without MX
 * (NODATA): the remedy is to create the name, not to add a record to it.
 */
struct _CaMailReport
{
  GObject       parent_instance;

  char         *name;
  char         *domain;
  CaCheckState  state;
  GListStore   *hosts;         /* the CA_MAIL_REPORT_MAX_HOSTS most preferred */
  guint         n_hosts_named; /* every host the MX set names */
  gboolean      null_mx;
  gboolean      nxdomain;
  char         *console_walk_domain;
  char         *error;
  gboolean      bogus;
  char         *why_bogus;
};

static void ca_mail_report_check_init (CaCheckInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaMailReport, ca_mail_report, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CA_TYPE_CHECK, ca_mail_report_check_init))

enum {
  PROP_0,
  PROP_NAME,
  PROP_DOMAIN,
  PROP_NULL_MX,
  PROP_CONSOLE_WALK_DOMAIN,
  PROP_ERROR,
  N_PROPS,
  /* CaCheck's */
  PROP_STATE = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CaDnsResolver *resolver;
  char         **walk;        /* the console's levels, longest first */
  GHashTable    *mx_answers;  /* domain → CaDnsAnswer; absent when the lookup failed */
  guint          pending;
} RunData;

typedef struct
{
  GTask *task;
  char  *domain;
} MxLookup;

typedef struct
{
  GTask       *task;
  CaMailHost  *host;
  CaDnsAnswer *a;
  CaDnsAnswer *aaaa;
  char        *error;
  guint        pending;
} HostLookup;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->resolver);
  g_clear_pointer (&data->walk, g_strfreev);
  g_clear_pointer (&data->mx_answers, g_hash_table_unref);
  g_free (data);
}

static void
host_lookup_free (HostLookup *lookup)
{
  g_clear_object (&lookup->task);
  g_clear_object (&lookup->host);
  g_clear_object (&lookup->a);
  g_clear_object (&lookup->aaaa);
  g_free (lookup->error);
  g_free (lookup);
}

/*
 * Auxiliary methods
 */

static void
set_state (CaMailReport *self,
           CaCheckState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify (G_OBJECT (self), "state");
}

static void
fail (CaMailReport *self,
      const char   *message)
{
  if (ca_set_str (&self->error, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  set_state (self, CA_CHECK_STATE_FAILED);
}

static void
note_security (CaMailReport *self,
               CaDnsAnswer  *answer)
{
  if (!ca_dns_answer_is_bogus (answer) || self->bogus)
    return;
  self->bogus = TRUE;
  self->why_bogus = g_strdup (ca_dns_answer_get_why_bogus (answer));
}

static void finish_if_done (GTask *task);

static void
complete_pending (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  g_assert (data->pending > 0);
  data->pending--;
  finish_if_done (task);
}

static char *
describe_failure (CaDnsAnswer  *answer,
                  const GError *error,
                  const char   *domain,
                  const char   *type)
{
  if (error != NULL)
    return g_strdup (error->message);
  /* Translators: %s are a record type (MX), a domain and a DNS code such as SERVFAIL */
  return g_strdup_printf (_("The question for the %s records of %s failed: the DNS server answered %s."),
                          type, domain, ca_dns_rcode_to_string (ca_dns_answer_get_rcode (answer)));
}

static void
apply_host_result (HostLookup *lookup)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) addresses = NULL;
  CaDnsAnswer *answers[] = { lookup->a, lookup->aaaa };
  const char *canonical = NULL;
  gboolean failed = lookup->error != NULL;
  CaMailHostStatus status;

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      GPtrArray *records;

      if (answers[i] == NULL)
        continue;
      if (ca_dns_answer_is_failure (answers[i]))
        {
          failed = TRUE;
          continue;
        }
      if (canonical == NULL || ca_dns_answer_is_alias (answers[i]))
        canonical = ca_dns_answer_get_canonical_name (answers[i]);
      records = ca_dns_answer_get_records (answers[i]);
      for (guint j = 0; j < records->len; j++)
        g_strv_builder_add (builder, ((CaDnsRecord *) g_ptr_array_index (records, j))->value);
    }

  addresses = g_strv_builder_end (builder);
  if (addresses[0] != NULL)
    status = CA_MAIL_HOST_RESOLVED;
  else
    status = failed ? CA_MAIL_HOST_LOOKUP_FAILED : CA_MAIL_HOST_UNRESOLVABLE;
  ca_mail_host_set_result (lookup->host, status, (const char * const *) addresses, canonical,
                           status == CA_MAIL_HOST_LOOKUP_FAILED ? lookup->error : NULL);
}

/*
 * Callbacks
 */

static void
host_lookup_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  HostLookup *lookup = user_data;
  CaMailReport *self = g_task_get_source_object (lookup->task);
  g_autoptr (GError) error = NULL;
  CaDnsAnswer *answer;

  answer = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, &error);
  if (answer != NULL)
    {
      note_security (self, answer);
      if (ca_dns_answer_get_qtype (answer) == CA_DNS_TYPE_A)
        lookup->a = answer;
      else
        lookup->aaaa = answer;
    }
  else if (lookup->error == NULL)
    {
      lookup->error = g_strdup (error->message);
    }

  if (--lookup->pending > 0)
    return;

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (lookup->task)))
    apply_host_result (lookup);
  complete_pending (lookup->task);
  host_lookup_free (lookup);
}

static void
start_host_lookups (GTask      *task,
                    CaMailHost *host)
{
  RunData *data = g_task_get_task_data (task);
  const char *name = ca_mail_host_get_host (host);
  HostLookup *lookup = g_new0 (HostLookup, 1);

  lookup->task = g_object_ref (task);
  lookup->host = g_object_ref (host);
  lookup->pending = 2;
  data->pending++;
  ca_dns_resolver_lookup_async (data->resolver, name, CA_DNS_TYPE_A,
                                g_task_get_cancellable (task), host_lookup_cb, lookup);
  ca_dns_resolver_lookup_async (data->resolver, name, CA_DNS_TYPE_AAAA,
                                g_task_get_cancellable (task), host_lookup_cb, lookup);
}

/* g_ptr_array_sort_values() is GLib 2.76 */
static int
compare_hosts (gconstpointer a,
               gconstpointer b)
{
  return ca_mail_host_compare (*(CaMailHost **) a, *(CaMailHost **) b);
}

static void
take_mx_set (GTask       *task,
             CaDnsAnswer *answer)
{
  CaMailReport *self = g_task_get_source_object (task);
  GPtrArray *records = ca_dns_answer_get_records (answer);
  g_autoptr (GPtrArray) hosts = g_ptr_array_new_with_free_func (g_object_unref);

  self->nxdomain = ca_dns_answer_get_rcode (answer) == CA_DNS_RCODE_NXDOMAIN;
  for (guint i = 0; i < records->len; i++)
    {
      CaDnsRecord *record = g_ptr_array_index (records, i);

      /* RFC 7505: "0 ." says the domain takes no mail at all. */
      if (record->target[0] == '\0')
        {
          self->null_mx = TRUE;
          continue;
        }
      g_ptr_array_add (hosts, ca_mail_host_new (record->preference, record->target));
    }

  g_ptr_array_sort (hosts, compare_hosts);
  self->n_hosts_named = hosts->len;
  if (hosts->len > CA_MAIL_REPORT_MAX_HOSTS)
    g_ptr_array_set_size (hosts, CA_MAIL_REPORT_MAX_HOSTS);
  if (self->null_mx)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NULL_MX]);
  g_list_store_splice (self->hosts, 0, 0, hosts->pdata, hosts->len);
  for (guint i = 0; i < hosts->len; i++)
    start_host_lookups (task, g_ptr_array_index (hosts, i));
}

static void
mx_lookup_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  MxLookup *lookup = user_data;
  GTask *task = lookup->task;
  CaMailReport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (CaDnsAnswer) answer = NULL;

  answer = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, &error);
  if (answer != NULL)
    {
      note_security (self, answer);
      g_hash_table_insert (data->mx_answers, g_strdup (lookup->domain), g_object_ref (answer));
    }

  if (strcmp (lookup->domain, self->domain) == 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (answer == NULL || ca_dns_answer_is_failure (answer))
        {
          g_autofree char *message = describe_failure (answer, error, self->domain, "MX");
          fail (self, message);
        }
      else
        {
          take_mx_set (task, answer);
        }
    }

  complete_pending (task);
  g_object_unref (lookup->task);
  g_free (lookup->domain);
  g_free (lookup);
}

static void
start_mx_lookup (GTask      *task,
                 const char *domain)
{
  RunData *data = g_task_get_task_data (task);
  MxLookup *lookup = g_new0 (MxLookup, 1);

  lookup->task = g_object_ref (task);
  lookup->domain = g_strdup (domain);
  data->pending++;
  ca_dns_resolver_lookup_async (data->resolver, domain, CA_DNS_TYPE_MX,
                                g_task_get_cancellable (task), mx_lookup_cb, lookup);
}

/* The console took the first level with any MX record, longest name first. */
static void
compute_console_walk (CaMailReport *self,
                      RunData      *data)
{
  for (guint i = 0; data->walk[i] != NULL; i++)
    {
      CaDnsAnswer *answer = g_hash_table_lookup (data->mx_answers, data->walk[i]);

      if (answer == NULL || ca_dns_answer_is_failure (answer))
        return;
      if (ca_dns_answer_get_records (answer)->len > 0)
        {
          self->console_walk_domain = g_strdup (data->walk[i]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSOLE_WALK_DOMAIN]);
          return;
        }
    }
}

static void
finish_if_done (GTask *task)
{
  CaMailReport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  if (data->pending > 0)
    return;

  /* Every lookup shares the cancellable, so all have ended by now. */
  if (g_task_return_error_if_cancelled (task))
    return;

  compute_console_walk (self, data);
  if (self->state == CA_CHECK_STATE_PENDING)
    set_state (self, CA_CHECK_STATE_DONE);
  g_task_return_boolean (task, TRUE);
}

/*
 * Overrides
 */

static void
ca_mail_report_finalize (GObject *object)
{
  CaMailReport *self = (CaMailReport *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->domain, g_free);
  g_clear_object (&self->hosts);
  g_clear_pointer (&self->console_walk_domain, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->why_bogus, g_free);

  G_OBJECT_CLASS (ca_mail_report_parent_class)->finalize (object);
}

static void
ca_mail_report_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CaMailReport *self = CA_MAIL_REPORT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DOMAIN:
      g_value_set_string (value, self->domain);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_NULL_MX:
      g_value_set_boolean (value, self->null_mx);
      break;
    case PROP_CONSOLE_WALK_DOMAIN:
      g_value_set_string (value, self->console_walk_domain);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_mail_report_class_init (CaMailReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_mail_report_finalize;
  object_class->get_property = ca_mail_report_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DOMAIN] = g_param_spec_string ("domain", NULL, NULL, NULL, flags);
  properties[PROP_NULL_MX] = g_param_spec_boolean ("null-mx", NULL, NULL, FALSE, flags);
  properties[PROP_CONSOLE_WALK_DOMAIN] = g_param_spec_string ("console-walk-domain", NULL, NULL, NULL, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_STATE, "state");
}

static void
ca_mail_report_init (CaMailReport *self)
{
  self->hosts = g_list_store_new (CA_TYPE_MAIL_HOST);
}

/*
 * Public API
 */

/**
 * ca_mail_report_new:
 * @name: the normalised name of the certificate
 * @domain: the approval domain whose MX set decides where the mail goes
 */
CaMailReport *
ca_mail_report_new (const char *name,
                    const char *domain)
{
  CaMailReport *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  self = g_object_new (CA_TYPE_MAIL_REPORT, NULL);
  self->name = g_strdup (name);
  self->domain = ca_dns_name_normalize (domain);
  return self;
}

const char *
ca_mail_report_get_name (CaMailReport *self)
{
  g_return_val_if_fail (CA_IS_MAIL_REPORT (self), NULL);
  return self->name;
}

const char *
ca_mail_report_get_domain (CaMailReport *self)
{
  g_return_val_if_fail (CA_IS_MAIL_REPORT (self), NULL);
  return self->domain;
}

CaCheckState
ca_mail_report_get_state (CaMailReport *self)
{
  g_return_val_if_fail (CA_IS_MAIL_REPORT (self), CA_CHECK_STATE_PENDING);
  return self->state;
}

/**
 * ca_mail_report_get_hosts:
 *
 * Returns: (transfer none): #CaMailHost items, by preference then host
 */
GListModel *
ca_mail_report_get_hosts (CaMailReport *self)
{
  g_return_val_if_fail (CA_IS_MAIL_REPORT (self), NULL);
  return G_LIST_MODEL (self->hosts);
}

gboolean
ca_mail_report_get_null_mx (CaMailReport *self)
{
  g_return_val_if_fail (CA_IS_MAIL_REPORT (self), FALSE);
  return self->null_mx;
}

const char *
ca_mail_report_get_console_walk_domain (CaMailReport *self)
{
  g_return_val_if_fail (CA_IS_MAIL_REPORT (self), NULL);
  return self->console_walk_domain;
}

/**
 * ca_mail_report_get_n_hosts_named:
 *
 * Returns: how many hosts the MX set names; the hosts list holds at most
 *   %CA_MAIL_REPORT_MAX_HOSTS of them, the most preferred
 */
guint
ca_mail_report_get_n_hosts_named (CaMailReport *self)
{
  g_return_val_if_fail (CA_IS_MAIL_REPORT (self), 0);

  return self->n_hosts_named;
}

/* Why the MX lookup failed, when the state is %CA_CHECK_STATE_FAILED. */
const char *
ca_mail_report_get_error (CaMailReport *self)
{
  g_return_val_if_fail (CA_IS_MAIL_REPORT (self), NULL);
  return self->error;
}

gboolean
ca_mail_report_get_bogus (CaMailReport *self)
{
  g_return_val_if_fail (CA_IS_MAIL_REPORT (self), FALSE);
  return self->bogus;
}

const char *
ca_mail_report_get_why_bogus (CaMailReport *self)
{
  g_return_val_if_fail (CA_IS_MAIL_REPORT (self), NULL);
  return self->why_bogus;
}

/**
 * ca_mail_report_run_async:
 *
 * Looks everything up. Failed lookups are facts of the report (its state,
 * the hosts' status), not errors: the task fails only when cancelled.
 */
void
ca_mail_report_run_async (CaMailReport        *self,
                          CaDnsResolver       *resolver,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  RunData *data;

  g_return_if_fail (CA_IS_MAIL_REPORT (self));
  g_return_if_fail (CA_IS_DNS_RESOLVER (resolver));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_mail_report_run_async);
  data = g_new0 (RunData, 1);
  data->resolver = g_object_ref (resolver);
  data->walk = ca_domain_list_validation_candidates (self->name);
  data->mx_answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  /* Hold one count ourselves so no callback finishes the task before all have started. */
  data->pending = 1;
  if (!g_strv_contains ((const char * const *) data->walk, self->domain))
    start_mx_lookup (task, self->domain);
  for (guint i = 0; data->walk[i] != NULL; i++)
    start_mx_lookup (task, data->walk[i]);
  complete_pending (task);
}

gboolean
ca_mail_report_run_finish (CaMailReport *self,
                           GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
add_host_findings (CaMailReport *self,
                   CaMailHost   *host,
                   GPtrArray    *findings)
{
  const char *name = ca_mail_host_get_host (host);

  switch (ca_mail_host_get_status (host))
    {
    case CA_MAIL_HOST_UNRESOLVABLE:
      g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_MX_HOST_UNRESOLVABLE, self->name,
                                                        _("The mail server %s of %s has no IP address (no A or AAAA record), so mail for %s cannot be delivered there."),
                                                        name, self->domain, self->domain));
      break;
    case CA_MAIL_HOST_LOOKUP_FAILED:
      g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_MX_LOOKUP_FAILED, self->name,
                                                        _("The address of the mail server %s could not be looked up: %s"),
                                                        name, ca_mail_host_get_error (host) != NULL ? ca_mail_host_get_error (host) : _("the DNS server failed.")));
      break;
    case CA_MAIL_HOST_RESOLVING:
    case CA_MAIL_HOST_RESOLVED:
    default:
      break;
    }

  if (ca_mail_host_get_is_cname (host))
    g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_MX_HOST_IS_CNAME, self->name,
                                                      _("The mail server name %s is an alias of %s."),
                                                      name, ca_mail_host_get_canonical_name (host)));
}

/* The verdict about the approval domain as a whole, or %NULL when it has mail servers. */
static CaFinding *
create_domain_finding (CaMailReport *self)
{
  if (self->nxdomain)
    return ca_finding_new_printf (CA_FINDING_DNS_NAME_NOT_PUBLIC, self->name,
                                  _("%s does not exist in DNS (NXDOMAIN), so no mail can reach the approval addresses for %s."),
                                  self->domain, self->name);
  if (self->null_mx)
    return ca_finding_new_printf (CA_FINDING_NULL_MX, self->name,
                                  _("%s publishes a null MX record (0 .): it declares that it receives no mail, so the approval mail for %s cannot arrive."),
                                  self->domain, self->name);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->hosts)) == 0)
    return ca_finding_new_printf (CA_FINDING_NO_MX, self->name,
                                  _("%s has no MX record, so no server accepts the approval mail for %s."),
                                  self->domain, self->name);
  return NULL;
}

/**
 * ca_mail_report_add_findings:
 * @findings: (element-type CaFinding): where to add this report's findings
 */
void
ca_mail_report_add_findings (CaMailReport *self,
                             GPtrArray    *findings)
{
  CaFinding *domain_finding;
  guint n_hosts;

  g_return_if_fail (CA_IS_MAIL_REPORT (self));

  if (self->state == CA_CHECK_STATE_FAILED)
    {
      g_ptr_array_add (findings, ca_finding_new (CA_FINDING_MX_LOOKUP_FAILED, self->name, self->error));
      return;
    }
  if (self->state != CA_CHECK_STATE_DONE)
    return;

  domain_finding = create_domain_finding (self);
  if (domain_finding != NULL)
    g_ptr_array_add (findings, domain_finding);

  n_hosts = g_list_model_get_n_items (G_LIST_MODEL (self->hosts));
  for (guint i = 0; i < n_hosts; i++)
    {
      g_autoptr (CaMailHost) host = g_list_model_get_item (G_LIST_MODEL (self->hosts), i);

      add_host_findings (self, host, findings);
    }
}

static char *
join_host_names (CaMailReport *self)
{
  g_autoptr (GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->hosts)); i++)
    {
      g_autoptr (CaMailHost) host = g_list_model_get_item (G_LIST_MODEL (self->hosts), i);

      g_ptr_array_add (hosts, g_strdup (ca_mail_host_get_host (host)));
    }
  g_ptr_array_add (hosts, NULL);
  return g_strjoinv (", ", (char **) hosts->pdata);
}

/**
 * ca_mail_report_summarize:
 *
 * Returns: (transfer full): one sentence on whether the domain receives mail,
 *   for a list of domains to choose from
 */
char *
ca_mail_report_summarize (CaMailReport *self)
{
  g_autofree char *hosts = NULL;

  g_return_val_if_fail (CA_IS_MAIL_REPORT (self), NULL);

  switch (self->state)
    {
    case CA_CHECK_STATE_PENDING:
      return g_strdup (_("Looking up its mail servers…"));
    case CA_CHECK_STATE_FAILED:
      return g_strdup (_("Its mail servers could not be looked up."));
    case CA_CHECK_STATE_SKIPPED:
    case CA_CHECK_STATE_DONE:
    default:
      break;
    }
  if (self->nxdomain)
    return g_strdup (_("Receives no mail: the domain does not exist in DNS."));
  if (self->null_mx)
    return g_strdup (_("Receives no mail: it declares so with a null MX record."));
  if (g_list_model_get_n_items (G_LIST_MODEL (self->hosts)) == 0)
    return g_strdup (_("Receives no mail: it has no MX record."));
  hosts = join_host_names (self);
  /* Translators: %s lists mail server names */
  return g_strdup_printf (_("Receives mail at %s."), hosts);
}

/*
 * CaCheck
 */

static const char *
get_id (CaCheck *check)
{
  return "mail";
}

static const char *
get_name (CaCheck *check)
{
  return CA_MAIL_REPORT (check)->name;
}

static const char *
get_title (CaCheck *check)
{
  return _("Mail Servers");
}

static void
run_check_async (CaCheck             *check,
                 CaDiagnosis         *diagnosis,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  ca_mail_report_run_async (CA_MAIL_REPORT (check), ca_diagnosis_get_resolver (diagnosis),
                            cancellable, callback, user_data);
}

static void
add_check_findings (CaCheck   *check,
                    GPtrArray *findings)
{
  ca_mail_report_add_findings (CA_MAIL_REPORT (check), findings);
}

static CaFact *
create_host_fact (CaMailHost *host)
{
  g_autofree char *addresses = g_strjoinv (", ", (char **) ca_mail_host_get_addresses (host));
  g_autofree char *detail = NULL;
  CaFactStatus status = CA_FACT_GOOD;
  guint preference = ca_mail_host_get_preference (host);

  switch (ca_mail_host_get_status (host))
    {
    case CA_MAIL_HOST_RESOLVED:
      /* Translators: an MX preference and the host's IP addresses */
      detail = g_strdup_printf (_("Preference %u · %s"), preference, addresses);
      break;
    case CA_MAIL_HOST_UNRESOLVABLE:
      detail = g_strdup_printf (_("Preference %u · no IP address: mail cannot be delivered here"), preference);
      status = CA_FACT_PROBLEM;
      break;
    case CA_MAIL_HOST_LOOKUP_FAILED:
    case CA_MAIL_HOST_RESOLVING:
    default:
      detail = g_strdup_printf (_("Preference %u · the address lookup failed"), preference);
      status = CA_FACT_WARNING;
      break;
    }

  if (ca_mail_host_get_is_cname (host))
    {
      char *alias = g_strdup_printf (_("%s · an alias of %s"), detail, ca_mail_host_get_canonical_name (host));

      g_free (detail);
      detail = alias;
      status = MAX (status, CA_FACT_WARNING);
    }

  return ca_fact_new (status, ca_mail_host_get_host (host), detail);
}

static const char *
get_domain_fact_title (CaMailReport *self)
{
  if (self->nxdomain)
    return _("Domain Does Not Exist");
  return self->null_mx ? _("No Mail Accepted") : _("No Mail Server");
}

static void
describe (CaCheck   *check,
          GPtrArray *facts)
{
  CaMailReport *self = CA_MAIL_REPORT (check);
  g_autoptr (CaFinding) domain_finding = NULL;
  guint n_hosts = g_list_model_get_n_items (G_LIST_MODEL (self->hosts));

  if (self->state == CA_CHECK_STATE_PENDING)
    {
      g_ptr_array_add (facts, ca_fact_new (CA_FACT_PENDING, _("Mail Servers"), _("Looking up…")));
      return;
    }
  if (self->state == CA_CHECK_STATE_FAILED)
    {
      g_ptr_array_add (facts, ca_fact_new (CA_FACT_WARNING, _("The mail servers could not be looked up"), self->error));
      return;
    }
  if (self->state != CA_CHECK_STATE_DONE)
    return;

  domain_finding = create_domain_finding (self);
  if (domain_finding != NULL)
    g_ptr_array_add (facts, ca_fact_new_for_finding (get_domain_fact_title (self), domain_finding));
  for (guint i = 0; i < n_hosts; i++)
    {
      g_autoptr (CaMailHost) host = g_list_model_get_item (G_LIST_MODEL (self->hosts), i);

      g_ptr_array_add (facts, create_host_fact (host));
    }
  if (self->n_hosts_named > n_hosts)
    {
      g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              /* Translators: the first %u is always more than 10; the second is 10 */
                                                              "The domain names %u mail servers; only the %u most preferred were looked up.",
                                                              "The domain names %u mail servers; only the %u most preferred were looked up.",
                                                              self->n_hosts_named),
                                                 self->n_hosts_named, n_hosts);

      g_ptr_array_add (facts, ca_fact_new (CA_FACT_NOTE, _("Not every mail server was looked up"), detail));
    }
  if (self->console_walk_domain != NULL && g_strcmp0 (self->console_walk_domain, self->domain) != 0)
    g_ptr_array_add (facts, ca_fact_new (CA_FACT_NOTE, _("The old AWS console would have mailed"),
                                         self->console_walk_domain));
  /* Bogus data is still shown (acm-rules.md §11), marked as such. */
  if (self->bogus)
    g_ptr_array_add (facts, ca_fact_new (CA_FACT_WARNING, _("These answers failed DNSSEC validation"),
                                         self->why_bogus != NULL ? self->why_bogus : _("no reason given")));
}

static void
add_host_json (JsonBuilder *builder,
               CaMailHost  *host)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "preference");
  json_builder_add_int_value (builder, ca_mail_host_get_preference (host));
  json_builder_set_member_name (builder, "host");
  json_builder_add_string_value (builder, ca_mail_host_get_host (host));
  ca_json_add_strv (builder, "addresses", ca_mail_host_get_addresses (host));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, ca_mail_host_status_to_string (ca_mail_host_get_status (host)));
  json_builder_set_member_name (builder, "is_cname");
  json_builder_add_boolean_value (builder, ca_mail_host_get_is_cname (host));
  json_builder_end_object (builder);
}

/* names[].mail of contract.md */
static void
add_json (CaCheck     *check,
          JsonBuilder *builder,
          gboolean     skipped)
{
  CaMailReport *self = CA_MAIL_REPORT (check);
  guint n_hosts = g_list_model_get_n_items (G_LIST_MODEL (self->hosts));

  json_builder_set_member_name (builder, "mail");
  if (skipped)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder, self->domain);
  json_builder_set_member_name (builder, "mx");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_hosts; i++)
    {
      g_autoptr (CaMailHost) host = g_list_model_get_item (G_LIST_MODEL (self->hosts), i);

      add_host_json (builder, host);
    }
  json_builder_end_array (builder);
  /* mx holds at most CA_MAIL_REPORT_MAX_HOSTS; this says how many the set named. */
  json_builder_set_member_name (builder, "mx_total");
  json_builder_add_int_value (builder, MAX (self->n_hosts_named, n_hosts));
  json_builder_set_member_name (builder, "null_mx");
  json_builder_add_boolean_value (builder, self->null_mx);
  ca_json_add_string_or_null (builder, "console_walk_domain", self->console_walk_domain);
  json_builder_set_member_name (builder, "lookup_failed");
  json_builder_add_boolean_value (builder, self->state == CA_CHECK_STATE_FAILED);
  json_builder_end_object (builder);
}

static void
ca_mail_report_check_init (CaCheckInterface *iface)
{
  iface->get_id = get_id;
  iface->get_name = get_name;
  iface->get_title = get_title;
  iface->run_async = run_check_async;
  iface->add_findings = add_check_findings;
  iface->describe = describe;
  iface->add_json = add_json;
  iface->uses_resolver = TRUE;
}
