/* ca-delegation-check.c: the NS set a parent zone delegates to, against the zone's own
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaDelegationCheck"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-delegation-check.h"
#include "ca-diagnosis.h"
#include "ca-dns-query.h"
#include "ca-enums.h"
#include "ca-finding.h"
#include "ca-json.h"

/* A referral is one packet from a nearby server: no need for a lookup's full deadline. */
#define MAX_REFERRAL_TIMEOUT_MS 5000

/**
 * CaDelegationCheck:
 *
 * The most common reason a record that "is there" is never seen: the zone
 * that was edited is not the one the domain is delegated to (acm-rules.md
 * §6 and §11). The check finds the zone that holds the name (the closest
 * enclosing level with an NS set of its own), asks the deciding resolver for
 * the zone's NS set (which a resolver takes from the zone's own servers) and
 * asks the parent zone's servers directly, without recursion, which servers
 * they delegate to (ca-dns-query.c). No server in common, or a delegation to
 * servers that do not answer for the zone, is dns_ns_mismatch; an overlap that
 * differs is dns_ns_inconsistent.
 *
 * It costs three round trips after the resolver check: the NS sets of every
 * level at once, the addresses of the parent's servers, the referral.
 */
struct _CaDelegationCheck
{
  GObject       parent_instance;

  char         *name;
  CaCheckState  state;
  char         *zone;          /* %NULL when no zone was found */
  char         *parent;        /* the parent zone, "." for the root */
  GStrv         parent_ns;     /* %NULL when the parent's servers could not be asked */
  GStrv         zone_ns;       /* empty when the zone's servers did not answer */
  char         *zone_failure;  /* the DNS code of that failure */
  char         *error;         /* why the delegation is unknown */
};

static void ca_delegation_check_check_init (CaCheckInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaDelegationCheck, ca_delegation_check, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CA_TYPE_CHECK, ca_delegation_check_check_init))

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

typedef struct
{
  CaDnsResolver  *resolver;
  char          **levels;     /* the name, each parent up to the TLD, then "." */
  CaDnsAnswer   **answers;    /* the NS answer at each level; %NULL when the lookup failed */
  guint           n_levels;
  GPtrArray      *hosts;      /* the parent zone's servers */
  GPtrArray      *addresses;  /* and their addresses */
  guint           pending;
} RunData;

typedef struct
{
  GTask *task;
  guint  level;
} LevelLookup;

static void
run_data_free (RunData *data)
{
  for (guint i = 0; i < data->n_levels; i++)
    g_clear_object (&data->answers[i]);
  g_free (data->answers);
  g_strfreev (data->levels);
  g_clear_pointer (&data->hosts, g_ptr_array_unref);
  g_clear_pointer (&data->addresses, g_ptr_array_unref);
  g_clear_object (&data->resolver);
  g_free (data);
}

/*
 * Auxiliary methods
 */

static char **
list_levels (const char *name)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = g_str_has_prefix (name, "*.") ? name + 2 : name;

  for (; p != NULL; p = strchr (p, '.') != NULL ? strchr (p, '.') + 1 : NULL)
    g_strv_builder_add (builder, p);
  g_strv_builder_add (builder, ".");
  return g_strv_builder_end (builder);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The NS targets of @answer, sorted, each once. */
static GStrv
collect_targets (CaDnsAnswer *answer)
{
  GPtrArray *records = ca_dns_answer_get_records (answer);
  g_autoptr (GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < records->len; i++)
    {
      const CaDnsRecord *record = g_ptr_array_index (records, i);

      if (!g_ptr_array_find_with_equal_func (targets, record->target, g_str_equal, NULL))
        g_ptr_array_add (targets, g_strdup (record->target));
    }
  g_ptr_array_sort (targets, compare_strings);
  g_ptr_array_add (targets, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&targets), FALSE);
}

static gboolean
has_own_ns (CaDnsAnswer *answer)
{
  return answer != NULL && !ca_dns_answer_is_failure (answer) && !ca_dns_answer_is_alias (answer) &&
         ca_dns_answer_get_records (answer)->len > 0;
}

/**
 * find_zone:
 * @zone: (out): the level of the zone that holds the name
 * @parent: (out): the level of its parent zone
 *
 * Walks down from the TLD: a level with an NS set of its own is a zone; a
 * level whose NS question fails (SERVFAIL, REFUSED) while its parent answers
 * is a zone whose servers do not answer; NXDOMAIN ends the walk, as nothing
 * below exists. A lookup that got no answer at all leaves the zone unknown.
 *
 * Returns: whether a zone was found
 */
static gboolean
find_zone (RunData *data,
           guint   *zone,
           guint   *parent)
{
  guint candidate = data->n_levels - 1;
  gboolean found = FALSE;

  for (guint i = data->n_levels - 1; i-- > 0;)
    {
      CaDnsAnswer *answer = data->answers[i];

      if (answer == NULL)
        return FALSE;
      if (has_own_ns (answer) || ca_dns_answer_is_failure (answer))
        {
          *zone = i;
          *parent = candidate;
          found = TRUE;
          if (ca_dns_answer_is_failure (answer))
            break;
          candidate = i;
        }
      else if (ca_dns_answer_get_rcode (answer) == CA_DNS_RCODE_NXDOMAIN)
        {
          break;
        }
    }
  return found;
}

static gboolean
has_common_server (CaDelegationCheck *self)
{
  for (guint i = 0; self->parent_ns[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) self->zone_ns, self->parent_ns[i]))
      return TRUE;
  return FALSE;
}

/* Both are sorted and hold each name once, in lower case without a trailing dot. */
static gboolean
sets_equal (CaDelegationCheck *self)
{
  return g_strv_equal ((const char * const *) self->parent_ns, (const char * const *) self->zone_ns);
}

static CaFinding *
create_finding (CaDelegationCheck *self)
{
  g_autofree char *parent_ns = NULL;
  g_autofree char *zone_ns = NULL;

  if (self->zone == NULL || self->parent_ns == NULL || sets_equal (self))
    return NULL;

  parent_ns = g_strjoinv (", ", self->parent_ns);
  zone_ns = g_strjoinv (", ", self->zone_ns);
  if (self->zone_ns[0] == NULL)
    /* Translators: a parent zone, a zone, a list of name servers, a DNS code such as SERVFAIL */
    return ca_finding_new_printf (CA_FINDING_DNS_NS_MISMATCH, self->name,
                                  _("%s delegates %s to %s, but these servers do not answer for it (%s): the zone is not served where the domain is delegated, so no record in it is seen."),
                                  self->parent, self->zone, parent_ns, self->zone_failure);
  if (!has_common_server (self))
    /* Translators: a parent zone, a zone, then two lists of name servers */
    return ca_finding_new_printf (CA_FINDING_DNS_NS_MISMATCH, self->name,
                                  _("%s delegates %s to %s, but the zone itself lists %s: no server in common. The world sees the zone at the delegated servers; a copy edited elsewhere is never seen."),
                                  self->parent, self->zone, parent_ns, zone_ns);
  /* Translators: a parent zone, a zone, then two lists of name servers */
  return ca_finding_new_printf (CA_FINDING_DNS_NS_INCONSISTENT, self->name,
                                _("%s delegates %s to %s, while the zone itself lists %s: some servers are missing on one side, so resolvers do not all ask the same servers."),
                                self->parent, self->zone, parent_ns, zone_ns);
}

static void
set_state (CaDelegationCheck *self,
           CaCheckState       state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify (G_OBJECT (self), "state");
}

static void
finish (GTask *task)
{
  if (g_task_return_error_if_cancelled (task))
    return;
  set_state (g_task_get_source_object (task), CA_CHECK_STATE_DONE);
  g_task_return_boolean (task, TRUE);
}

/*
 * Callbacks
 */

static void
referral_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaDelegationCheck *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;

  self->parent_ns = ca_dns_query_delegation_finish (result, &error);
  if (self->parent_ns == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->error = g_strdup (error->message);
  finish (task);
}

static void
ask_parent (GTask *task)
{
  CaDelegationCheck *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  if (data->addresses->len == 0)
    {
      /* Translators: %s is a zone */
      self->error = g_strdup_printf (_("The servers of %s have no address, so its delegation could not be read."), self->parent);
      finish (task);
      return;
    }
  g_ptr_array_add (data->addresses, NULL);
  ca_dns_query_delegation_async ((const char * const *) data->addresses->pdata, self->zone,
                                 MIN (ca_dns_resolver_get_timeout (data->resolver), MAX_REFERRAL_TIMEOUT_MS),
                                 g_task_get_cancellable (task), referral_cb, g_object_ref (task));
}

static void
address_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr (CaDnsAnswer) answer = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, NULL);

  for (guint i = 0; answer != NULL && i < ca_dns_answer_get_records (answer)->len; i++)
    {
      const CaDnsRecord *record = g_ptr_array_index (ca_dns_answer_get_records (answer), i);

      if (record->value != NULL)
        g_ptr_array_add (data->addresses, g_strdup (record->value));
    }
  if (--data->pending > 0)
    return;
  if (g_task_return_error_if_cancelled (task))
    return;
  ask_parent (task);
}

static void
resolve_parent_servers (GTask *task)
{
  RunData *data = g_task_get_task_data (task);
  static const CaDnsType types[] = { CA_DNS_TYPE_A, CA_DNS_TYPE_AAAA };

  data->pending = data->hosts->len * G_N_ELEMENTS (types);
  for (guint i = 0; i < data->hosts->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (types); j++)
      ca_dns_resolver_lookup_async (data->resolver, g_ptr_array_index (data->hosts, i), types[j],
                                    g_task_get_cancellable (task), address_cb, g_object_ref (task));
}

static void
take_zone (CaDelegationCheck *self,
           RunData           *data,
           guint              zone,
           guint              parent)
{
  CaDnsAnswer *answer = data->answers[zone];
  g_auto (GStrv) hosts = collect_targets (data->answers[parent]);

  self->zone = g_strdup (data->levels[zone]);
  self->parent = g_strdup (data->levels[parent]);
  if (ca_dns_answer_is_failure (answer))
    {
      self->zone_ns = g_new0 (char *, 1);
      self->zone_failure = g_strdup (ca_dns_rcode_to_string (ca_dns_answer_get_rcode (answer)));
    }
  else
    {
      self->zone_ns = collect_targets (answer);
    }
  for (guint i = 0; hosts[i] != NULL; i++)
    g_ptr_array_add (data->hosts, g_strdup (hosts[i]));
}

static void
level_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  LevelLookup *lookup = user_data;
  g_autoptr (GTask) task = lookup->task;
  CaDelegationCheck *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  guint zone, parent;

  data->answers[lookup->level] = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, NULL);
  g_free (lookup);
  if (--data->pending > 0)
    return;
  if (g_task_return_error_if_cancelled (task))
    return;

  if (!find_zone (data, &zone, &parent))
    {
      finish (task);
      return;
    }
  take_zone (self, data, zone, parent);
  if (data->hosts->len == 0)
    {
      /* Translators: %s is a zone */
      self->error = g_strdup_printf (_("The servers of %s could not be found, so its delegation could not be read."), self->parent);
      finish (task);
      return;
    }
  resolve_parent_servers (task);
}

/*
 * CaCheck
 */

static const char *
get_id (CaCheck *check)
{
  return "delegation";
}

static const char *
get_name (CaCheck *check)
{
  return CA_DELEGATION_CHECK (check)->name;
}

static const char *
get_title (CaCheck *check)
{
  return _("Delegation");
}

static void
clear_results (CaDelegationCheck *self)
{
  g_clear_pointer (&self->zone, g_free);
  g_clear_pointer (&self->parent, g_free);
  g_clear_pointer (&self->parent_ns, g_strfreev);
  g_clear_pointer (&self->zone_ns, g_strfreev);
  g_clear_pointer (&self->zone_failure, g_free);
  g_clear_pointer (&self->error, g_free);
}

static void
run_with_resolver (CaDelegationCheck   *self,
                   CaDnsResolver       *resolver,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  RunData *data = g_new0 (RunData, 1);

  g_task_set_source_tag (task, run_with_resolver);
  clear_results (self);
  set_state (self, CA_CHECK_STATE_PENDING);
  data->resolver = g_object_ref (resolver);
  data->levels = list_levels (self->name);
  data->n_levels = g_strv_length (data->levels);
  data->answers = g_new0 (CaDnsAnswer *, data->n_levels);
  data->hosts = g_ptr_array_new_with_free_func (g_free);
  data->addresses = g_ptr_array_new_with_free_func (g_free);
  data->pending = data->n_levels;
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  for (guint i = 0; i < data->n_levels; i++)
    {
      LevelLookup *lookup = g_new0 (LevelLookup, 1);

      lookup->task = g_object_ref (task);
      lookup->level = i;
      ca_dns_resolver_lookup_async (data->resolver, data->levels[i], CA_DNS_TYPE_NS, cancellable, level_cb, lookup);
    }
}

static void
run_check_async (CaCheck             *check,
                 CaDiagnosis         *diagnosis,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  run_with_resolver (CA_DELEGATION_CHECK (check), ca_diagnosis_get_resolver (diagnosis), cancellable, callback,
                     user_data);
}

static void
add_findings (CaCheck   *check,
              GPtrArray *findings)
{
  CaDelegationCheck *self = CA_DELEGATION_CHECK (check);
  CaFinding *finding;

  if (self->state != CA_CHECK_STATE_DONE)
    return;
  finding = create_finding (self);
  if (finding != NULL)
    g_ptr_array_add (findings, finding);
}

static void
describe (CaCheck   *check,
          GPtrArray *facts)
{
  CaDelegationCheck *self = CA_DELEGATION_CHECK (check);
  g_autoptr (CaFinding) finding = NULL;
  g_autofree char *servers = NULL;

  /* Nothing while pending, nor when no zone was found (a fixture without NS
   * records): the delegation is worth a row only when there is one to show. */
  if (self->state != CA_CHECK_STATE_DONE || self->zone == NULL)
    return;
  if (self->parent_ns == NULL)
    {
      g_ptr_array_add (facts, ca_fact_new (CA_FACT_NOTE, _("The delegation could not be read"), self->error));
      return;
    }
  finding = create_finding (self);
  if (finding != NULL)
    {
      g_ptr_array_add (facts, ca_fact_new_for_finding (ca_finding_get_id (finding) == CA_FINDING_DNS_NS_MISMATCH
                                                         ? _("The zone is not served where it is delegated")
                                                         : _("The name servers differ"),
                                                       finding));
      return;
    }
  /* A TLD's delegation from the root says nothing about the domain. */
  if (g_strcmp0 (self->parent, ".") == 0)
    return;
  servers = g_strjoinv (", ", self->parent_ns);
  /* Translators: a parent zone, a zone and a list of name servers */
  g_ptr_array_add (facts, ca_fact_new_printf (CA_FACT_GOOD, _("The zone is served where it is delegated"),
                                              _("%s delegates %s to %s, the servers the zone itself lists."),
                                              self->parent, self->zone, servers));
}

/* names[].delegation of contract.md: {"zone", "parent_ns", "zone_ns", "matches"},
 * with "parent_zone" and "error" added; null when no zone was found. */
static void
add_json (CaCheck     *check,
          JsonBuilder *builder,
          gboolean     skipped)
{
  CaDelegationCheck *self = CA_DELEGATION_CHECK (check);
  static const char * const none[] = { NULL };

  json_builder_set_member_name (builder, "delegation");
  if (skipped || self->state != CA_CHECK_STATE_DONE || self->zone == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "zone");
  json_builder_add_string_value (builder, self->zone);
  json_builder_set_member_name (builder, "parent_zone");
  json_builder_add_string_value (builder, self->parent);
  ca_json_add_strv (builder, "parent_ns", self->parent_ns != NULL ? (const char * const *) self->parent_ns : none);
  ca_json_add_strv (builder, "zone_ns", (const char * const *) self->zone_ns);
  json_builder_set_member_name (builder, "matches");
  json_builder_add_boolean_value (builder, ca_delegation_check_get_matches (self));
  ca_json_add_string_or_null (builder, "error", self->error);
  json_builder_end_object (builder);
}

static void
ca_delegation_check_check_init (CaCheckInterface *iface)
{
  iface->get_id = get_id;
  iface->get_name = get_name;
  iface->get_title = get_title;
  iface->run_async = run_check_async;
  iface->add_findings = add_findings;
  iface->describe = describe;
  iface->add_json = add_json;
  iface->uses_resolver = TRUE;
}

/*
 * Overrides
 */

static void
ca_delegation_check_finalize (GObject *object)
{
  CaDelegationCheck *self = (CaDelegationCheck *) object;

  clear_results (self);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (ca_delegation_check_parent_class)->finalize (object);
}

static void
ca_delegation_check_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  if (prop_id == PROP_STATE)
    g_value_set_enum (value, CA_DELEGATION_CHECK (object)->state);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ca_delegation_check_class_init (CaDelegationCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_delegation_check_finalize;
  object_class->get_property = ca_delegation_check_get_property;

  g_object_class_override_property (object_class, PROP_STATE, "state");
}

static void
ca_delegation_check_init (CaDelegationCheck *self)
{
}

/*
 * Public API
 */

/* @name: a normalised name, possibly a wildcard */
CaDelegationCheck *
ca_delegation_check_new (const char *name)
{
  CaDelegationCheck *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (CA_TYPE_DELEGATION_CHECK, NULL);
  self->name = g_strdup (name);
  return self;
}

/**
 * ca_delegation_check_run_in_view_async:
 * @resolver: the view to ask, normally the public one
 *
 * Runs the check outside a diagnosis, as publishing to Route 53 does for the
 * hosted zone it is about to edit; read the results with the getters.
 */
void
ca_delegation_check_run_in_view_async (CaDelegationCheck   *self,
                                       CaDnsResolver       *resolver,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CA_IS_DELEGATION_CHECK (self));
  g_return_if_fail (CA_IS_DNS_RESOLVER (resolver));

  run_with_resolver (self, resolver, cancellable, callback, user_data);
}

/* Returns: %FALSE only when cancelled; the delegation itself may still be unknown */
gboolean
ca_delegation_check_run_in_view_finish (CaDelegationCheck  *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Returns: (nullable): why the delegation could not be read, or %NULL */
const char *
ca_delegation_check_get_error (CaDelegationCheck *self)
{
  g_return_val_if_fail (CA_IS_DELEGATION_CHECK (self), NULL);
  return self->error;
}

/* Returns: (nullable): the zone that holds the name, once found */
const char *
ca_delegation_check_get_zone (CaDelegationCheck *self)
{
  g_return_val_if_fail (CA_IS_DELEGATION_CHECK (self), NULL);
  return self->zone;
}

/* Returns: (nullable): the zone's parent zone, "." for the root */
const char *
ca_delegation_check_get_parent (CaDelegationCheck *self)
{
  g_return_val_if_fail (CA_IS_DELEGATION_CHECK (self), NULL);
  return self->parent;
}

/* Returns: (nullable): the NS set the parent delegates to, %NULL when it could not be read */
const char * const *
ca_delegation_check_get_parent_ns (CaDelegationCheck *self)
{
  g_return_val_if_fail (CA_IS_DELEGATION_CHECK (self), NULL);
  return (const char * const *) self->parent_ns;
}

/* Returns: (nullable): the NS set the zone lists itself, empty when its servers did not answer */
const char * const *
ca_delegation_check_get_zone_ns (CaDelegationCheck *self)
{
  g_return_val_if_fail (CA_IS_DELEGATION_CHECK (self), NULL);
  return (const char * const *) self->zone_ns;
}

/* Returns: whether both NS sets are known and the same */
gboolean
ca_delegation_check_get_matches (CaDelegationCheck *self)
{
  g_return_val_if_fail (CA_IS_DELEGATION_CHECK (self), FALSE);
  return self->zone != NULL && self->parent_ns != NULL && self->zone_ns != NULL && sets_equal (self);
}
