/* ca-route53-publish.c: a certificate's DNS validation records, created in Route 53
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaRoute53Publish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-delegation-check.h"
#include "ca-error.h"
#include "ca-finding.h"
#include "ca-route53-publish.h"

#define DEFAULT_POLL_INTERVAL_MS 5000
#define DEFAULT_DEADLINE_SECONDS 300

/**
 * CaRoute53Publish:
 *
 * Publishing runs in two steps, so that nothing changes before the user has
 * seen what will: the plan finds the public hosted zone of each record (the
 * longest match: `_x.api.example.com` goes into api.example.com when Route 53
 * hosts it, else into example.com), reads its name servers and compares them
 * with the parent's delegation in the public view (a hosted zone that is not
 * the delegated one would take the records, and nobody would see them). Apply
 * then sends one change batch per zone, waits for INSYNC and looks at each
 * record through the public view, as the certificate authority will.
 */

/* A hosted zone the plan chose for at least one record. */
typedef struct
{
  CaRoute53Zone *zone;       /* with its name servers, from GetHostedZone */
  char          *change_id;  /* once the batch went out */
  gboolean       insync;
} PlannedZone;

typedef struct
{
  CaAcmRecord          *record;
  char                 *name;   /* lower case, no final dot */
  char                 *value;
  CaRoute53RecordState  state;
  PlannedZone          *zone;   /* (nullable) (unowned): in self->zones */
} Entry;

struct _CaRoute53Publish
{
  GObject          parent_instance;

  CaRoute53Client *client;
  CaDnsResolver   *public_resolver;
  char            *zone_id;
  GPtrArray       *entries;    /* Entry */
  GPtrArray       *zones;      /* PlannedZone */
  GPtrArray       *findings;   /* CaFinding */
  guint            poll_interval_ms;
  guint            deadline_seconds;
  gboolean         planned;
  gboolean         applied;
};

G_DEFINE_FINAL_TYPE (CaRoute53Publish, ca_route53_publish, G_TYPE_OBJECT)

enum {
  RECORD_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
planned_zone_free (PlannedZone *zone)
{
  ca_route53_zone_free (zone->zone);
  g_free (zone->change_id);
  g_free (zone);
}

static void
entry_free (Entry *entry)
{
  g_object_unref (entry->record);
  g_free (entry->name);
  g_free (entry->value);
  g_free (entry);
}

static void
ca_route53_publish_finalize (GObject *object)
{
  CaRoute53Publish *self = (CaRoute53Publish *) object;

  g_clear_object (&self->client);
  g_clear_object (&self->public_resolver);
  g_clear_pointer (&self->zone_id, g_free);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->zones, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_route53_publish_parent_class)->finalize (object);
}

static void
ca_route53_publish_class_init (CaRoute53PublishClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_route53_publish_finalize;

  /**
   * CaRoute53Publish::record-changed:
   * @index: the record whose state moved on
   */
  signals[RECORD_CHANGED] = g_signal_new ("record-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
ca_route53_publish_init (CaRoute53Publish *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->zones = g_ptr_array_new_with_free_func ((GDestroyNotify) planned_zone_free);
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  self->poll_interval_ms = DEFAULT_POLL_INTERVAL_MS;
  self->deadline_seconds = DEFAULT_DEADLINE_SECONDS;
}

/*
 * Auxiliary methods
 */

static void
set_state (CaRoute53Publish     *self,
           guint                 index,
           CaRoute53RecordState  state)
{
  Entry *entry = g_ptr_array_index (self->entries, index);

  if (entry->state == state)
    return;
  entry->state = state;
  g_signal_emit (self, signals[RECORD_CHANGED], 0, index);
}

static const char *
entry_domain (Entry *entry)
{
  const char * const *domains = ca_acm_record_get_domains (entry->record);

  return domains != NULL && domains[0] != NULL ? domains[0] : entry->name;
}

/* @name lies in the zone @zone (or is its apex). */
static gboolean
name_in_zone (const char *name,
              const char *zone)
{
  gsize name_len = strlen (name), zone_len = strlen (zone);

  if (strcmp (name, zone) == 0)
    return TRUE;
  return name_len > zone_len && name[name_len - zone_len - 1] == '.' && strcmp (name + name_len - zone_len, zone) == 0;
}

/* The zones that could hold @entry, longest first: its name without the first label
 * (a zone's apex cannot hold a CNAME), down to the registrable domain, never a TLD. */
static GStrv
candidate_zones (Entry *entry)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *registrable = g_ascii_strdown (ca_acm_record_get_zone (entry->record), -1);
  const char *p = strchr (entry->name, '.');

  for (; p != NULL; p = strchr (p, '.'))
    {
      p++;
      if (strchr (p, '.') == NULL)
        break;
      g_strv_builder_add (builder, p);
      if (g_strcmp0 (p, registrable) == 0)
        break;
    }
  return g_strv_builder_end (builder);
}

static PlannedZone *
find_planned_zone (CaRoute53Publish *self,
                   const char       *zone_id)
{
  for (guint i = 0; i < self->zones->len; i++)
    {
      PlannedZone *planned = g_ptr_array_index (self->zones, i);

      if (strcmp (planned->zone->id, zone_id) == 0)
        return planned;
    }
  return NULL;
}

static PlannedZone *
add_planned_zone (CaRoute53Publish *self,
                  CaRoute53Zone    *zone)
{
  PlannedZone *planned = find_planned_zone (self, zone->id);

  if (planned != NULL)
    return planned;
  planned = g_new0 (PlannedZone, 1);
  planned->zone = g_new0 (CaRoute53Zone, 1);
  planned->zone->id = g_strdup (zone->id);
  planned->zone->name = g_strdup (zone->name);
  planned->zone->private_zone = zone->private_zone;
  planned->zone->name_servers = g_strdupv (zone->name_servers);
  g_ptr_array_add (self->zones, planned);
  return planned;
}

static void
add_finding (CaRoute53Publish *self,
             CaFinding        *finding)
{
  g_ptr_array_add (self->findings, finding);
}

/*
 * Plan: the zone of each record
 */

typedef struct
{
  GHashTable  *listings;    /* zone name → GPtrArray of CaRoute53Zone, from ListHostedZonesByName */
  GPtrArray   *to_ask;      /* zone names still to list */
  GHashTable  *told_private; /* ids of the private zones a finding already names */
  guint        next_zone;   /* the planned zone whose name servers come next */
  guint        pending;     /* delegation checks running */
} PlanData;

static void
plan_data_free (PlanData *data)
{
  g_clear_pointer (&data->listings, g_hash_table_unref);
  g_clear_pointer (&data->to_ask, g_ptr_array_unref);
  g_clear_pointer (&data->told_private, g_hash_table_unref);
  g_free (data);
}

/* The public zone of the longest match, and the private zones passed on the way. */
static CaRoute53Zone *
choose_zone (PlanData    *data,
             Entry       *entry,
             GPtrArray   *private_zones)
{
  g_auto (GStrv) candidates = candidate_zones (entry);

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      GPtrArray *zones = g_hash_table_lookup (data->listings, candidates[i]);
      CaRoute53Zone *public_zone = NULL;

      for (guint j = 0; zones != NULL && j < zones->len; j++)
        {
          CaRoute53Zone *zone = g_ptr_array_index (zones, j);

          if (zone->private_zone)
            g_ptr_array_add (private_zones, zone);
          else if (public_zone == NULL)
            public_zone = zone;
        }
      if (public_zone != NULL)
        return public_zone;
    }
  return NULL;
}

/* One warning per private zone, however many records pass it by. */
static void
add_private_findings (CaRoute53Publish *self,
                      PlanData         *data,
                      GPtrArray        *private_zones,
                      CaRoute53Zone    *used)
{
  for (guint i = 0; i < private_zones->len; i++)
    {
      CaRoute53Zone *zone = g_ptr_array_index (private_zones, i);

      if (!g_hash_table_add (data->told_private, g_strdup (zone->id)))
        continue;
      if (used != NULL && strcmp (used->name, zone->name) == 0)
        /* Translators: a private hosted zone's name and id, then the public zone's id */
        add_finding (self, ca_finding_new_printf (CA_FINDING_ROUTE53_PRIVATE_ZONE_IGNORED, zone->name,
                                                  _("The private hosted zone %s (%s) was not used: the certificate authority never sees private zones, so the records go into the public hosted zone of the same name (%s)."),
                                                  zone->name, zone->id, used->id));
      else if (used != NULL)
        /* Translators: a private hosted zone's name and id, then the public zone's name and id */
        add_finding (self, ca_finding_new_printf (CA_FINDING_ROUTE53_PRIVATE_ZONE_IGNORED, zone->name,
                                                  _("The private hosted zone %s (%s) was not used: the certificate authority never sees private zones, so the records go into the public hosted zone %s (%s)."),
                                                  zone->name, zone->id, used->name, used->id));
      else
        /* Translators: a private hosted zone's name and id */
        add_finding (self, ca_finding_new_printf (CA_FINDING_ROUTE53_PRIVATE_ZONE_IGNORED, zone->name,
                                                  _("The private hosted zone %s (%s) was not used: the certificate authority never sees private zones, and no public hosted zone holds the names."),
                                                  zone->name, zone->id));
    }
}

static void
assign_zones (CaRoute53Publish *self,
              PlanData         *data)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_autoptr (GPtrArray) private_zones = g_ptr_array_new ();
      CaRoute53Zone *zone = choose_zone (data, entry, private_zones);

      add_private_findings (self, data, private_zones, zone);
      if (zone != NULL)
        {
          entry->zone = add_planned_zone (self, zone);
          set_state (self, i, CA_ROUTE53_RECORD_PLANNED);
          continue;
        }
      set_state (self, i, private_zones->len > 0 ? CA_ROUTE53_RECORD_PRIVATE_ONLY : CA_ROUTE53_RECORD_NO_ZONE);
      /* Translators: %s is a DNS validation record's name */
      add_finding (self, ca_finding_new_printf (CA_FINDING_ROUTE53_NO_ZONE, entry_domain (entry),
                                                _("No public hosted zone in this AWS account holds %s, so its record is not created here."),
                                                entry->name));
    }
}

/* The zone given with a zone id: a record outside it is skipped. */
static void
assign_given_zone (CaRoute53Publish *self,
                   CaRoute53Zone    *zone)
{
  PlannedZone *planned = add_planned_zone (self, zone);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (name_in_zone (entry->name, zone->name) && strcmp (entry->name, zone->name) != 0)
        {
          entry->zone = planned;
          set_state (self, i, CA_ROUTE53_RECORD_PLANNED);
          continue;
        }
      set_state (self, i, CA_ROUTE53_RECORD_OUTSIDE_ZONE);
      /* Translators: a record name, then a hosted zone's name and id */
      add_finding (self, ca_finding_new_printf (CA_FINDING_ROUTE53_NO_ZONE, entry_domain (entry),
                                                _("%s is outside the hosted zone %s (%s) this run is limited to, so its record is skipped."),
                                                entry->name, zone->name, zone->id));
    }
}

/*
 * Plan: the delegation of each chosen zone
 */

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  return ca_finding_compare (*(CaFinding **) a, *(CaFinding **) b);
}

static void
finish_plan (GTask *task)
{
  CaRoute53Publish *self = g_task_get_source_object (task);

  if (g_task_return_error_if_cancelled (task))
    return;
  g_ptr_array_sort (self->findings, compare_findings);
  self->planned = TRUE;
  g_task_return_boolean (task, TRUE);
}

/* Returns: (nullable): dns_ns_mismatch when the world does not read @planned's zone
 * from Route 53's servers, %NULL when it does or when the delegation is unknown */
static CaFinding *
compare_delegation (PlannedZone       *planned,
                    CaDelegationCheck *check)
{
  const char * const *parent_ns = ca_delegation_check_get_parent_ns (check);
  const char *zone = ca_delegation_check_get_zone (check);
  const char * const *route53_ns = (const char * const *) planned->zone->name_servers;
  g_autofree char *delegated = NULL;
  g_autofree char *hosted = NULL;

  if (zone == NULL || parent_ns == NULL || parent_ns[0] == NULL || route53_ns == NULL || route53_ns[0] == NULL)
    return NULL;
  for (guint i = 0; parent_ns[i] != NULL; i++)
    if (strcmp (zone, planned->zone->name) == 0 && g_strv_contains (route53_ns, parent_ns[i]))
      return NULL;

  delegated = g_strjoinv (", ", (char **) parent_ns);
  hosted = g_strjoinv (", ", (char **) route53_ns);
  if (strcmp (zone, planned->zone->name) != 0)
    /* Translators: a hosted zone's name and id, a zone, a list of name servers, then the hosted zone's name servers */
    return ca_finding_new_printf (CA_FINDING_DNS_NS_MISMATCH, planned->zone->name,
                                  _("The hosted zone %s (%s) is not delegated: the world reads its names from the zone %s at %s, not from Route 53’s servers %s, so records created in the hosted zone are never seen."),
                                  planned->zone->name, planned->zone->id, zone, delegated, hosted);
  /* Translators: a parent zone, a zone, a list of name servers, a hosted zone id, then its name servers */
  return ca_finding_new_printf (CA_FINDING_DNS_NS_MISMATCH, planned->zone->name,
                                _("%s delegates %s to %s, but the hosted zone %s is served by %s: no server in common, so records created in the hosted zone are never seen."),
                                ca_delegation_check_get_parent (check), zone, delegated, planned->zone->id, hosted);
}

typedef struct
{
  GTask       *task;
  PlannedZone *planned;
} DelegationLookup;

static void
delegation_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  DelegationLookup *lookup = user_data;
  g_autoptr (GTask) task = lookup->task;
  CaRoute53Publish *self = g_task_get_source_object (task);
  PlanData *data = g_task_get_task_data (task);
  CaDelegationCheck *check = CA_DELEGATION_CHECK (object);
  CaFinding *finding;

  if (ca_delegation_check_run_in_view_finish (check, result, NULL) &&
      (finding = compare_delegation (lookup->planned, check)) != NULL)
    add_finding (self, finding);
  else if (ca_delegation_check_get_error (check) != NULL)
    g_debug ("The delegation of %s is unknown: %s", lookup->planned->zone->name, ca_delegation_check_get_error (check));
  g_object_unref (check);
  g_free (lookup);
  if (--data->pending == 0)
    finish_plan (task);
}

static void
check_delegations (GTask *task)
{
  CaRoute53Publish *self = g_task_get_source_object (task);
  PlanData *data = g_task_get_task_data (task);

  if (self->public_resolver == NULL || self->zones->len == 0)
    {
      finish_plan (task);
      return;
    }
  data->pending = self->zones->len;
  for (guint i = 0; i < self->zones->len; i++)
    {
      DelegationLookup *lookup = g_new0 (DelegationLookup, 1);
      PlannedZone *planned = g_ptr_array_index (self->zones, i);

      lookup->task = g_object_ref (task);
      lookup->planned = planned;
      ca_delegation_check_run_in_view_async (ca_delegation_check_new (planned->zone->name), self->public_resolver,
                                             g_task_get_cancellable (task), delegation_cb, lookup);
    }
}

static void read_next_name_servers (GTask *task);

static void
name_servers_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaRoute53Publish *self = g_task_get_source_object (task);
  PlanData *data = g_task_get_task_data (task);
  PlannedZone *planned = g_ptr_array_index (self->zones, data->next_zone);
  g_autoptr (CaRoute53Zone) zone = NULL;
  GError *error = NULL;

  zone = ca_route53_client_get_zone_finish (CA_ROUTE53_CLIENT (object), result, &error);
  if (zone == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_strfreev (planned->zone->name_servers);
  planned->zone->name_servers = g_steal_pointer (&zone->name_servers);
  data->next_zone++;
  read_next_name_servers (g_steal_pointer (&task));
}

/* Takes the reference of @task. One call at a time: Route 53 allows five a second. */
static void
read_next_name_servers (GTask *task)
{
  CaRoute53Publish *self = g_task_get_source_object (task);
  PlanData *data = g_task_get_task_data (task);

  while (data->next_zone < self->zones->len &&
         ((PlannedZone *) g_ptr_array_index (self->zones, data->next_zone))->zone->name_servers != NULL)
    data->next_zone++;
  if (data->next_zone == self->zones->len)
    {
      check_delegations (task);
      g_object_unref (task);
      return;
    }
  ca_route53_client_get_zone_async (self->client, ((PlannedZone *) g_ptr_array_index (self->zones, data->next_zone))->zone->id,
                                    g_task_get_cancellable (task), name_servers_cb, task);
}

/*
 * Plan: listing the candidate zones
 */

static void list_next_zone_name (GTask *task);

static void
listing_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  PlanData *data = g_task_get_task_data (task);
  GPtrArray *zones;
  GError *error = NULL;

  zones = ca_route53_client_find_zones_finish (CA_ROUTE53_CLIENT (object), result, &error);
  if (zones == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_hash_table_insert (data->listings, g_strdup (g_ptr_array_index (data->to_ask, 0)), zones);
  g_ptr_array_remove_index (data->to_ask, 0);
  list_next_zone_name (g_steal_pointer (&task));
}

/* Takes the reference of @task. */
static void
list_next_zone_name (GTask *task)
{
  CaRoute53Publish *self = g_task_get_source_object (task);
  PlanData *data = g_task_get_task_data (task);

  if (data->to_ask->len == 0)
    {
      assign_zones (self, data);
      read_next_name_servers (task);
      return;
    }
  ca_route53_client_find_zones_async (self->client, g_ptr_array_index (data->to_ask, 0), g_task_get_cancellable (task),
                                     listing_cb, task);
}

static void
given_zone_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaRoute53Publish *self = g_task_get_source_object (task);
  g_autoptr (CaRoute53Zone) zone = NULL;
  GError *error = NULL;

  zone = ca_route53_client_get_zone_finish (CA_ROUTE53_CLIENT (object), result, &error);
  if (zone == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (zone->private_zone)
    {
      /* Translators: a hosted zone's id and name */
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_INVALID_INPUT,
                               _("The hosted zone %s (%s) is private: the certificate authority never sees it. Give the id of a public hosted zone."),
                               zone->id, zone->name);
      return;
    }
  assign_given_zone (self, zone);
  read_next_name_servers (g_steal_pointer (&task));
}

/*
 * Apply
 */

typedef struct
{
  guint   next_zone;   /* the zone whose batch goes out next */
  guint   next_poll;   /* the zone asked next in this round of GetChange */
  guint   next_look;   /* the record looked at next through the public view */
  gint64  deadline;
  GError *refused;     /* the first batch Route 53 refused */
  guint   timeout_id;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_clear_error (&data->refused);
  g_free (data);
}

static void
set_zone_state (CaRoute53Publish     *self,
                PlannedZone          *planned,
                CaRoute53RecordState  from,
                CaRoute53RecordState  to)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->zone == planned && entry->state == from)
        set_state (self, i, to);
    }
}

static void
finish_apply (GTask *task)
{
  ApplyData *data = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (data->refused != NULL)
    g_task_return_error (task, g_steal_pointer (&data->refused));
  else
    g_task_return_boolean (task, TRUE);
}

static void look_at_next_record (GTask *task);

/* The public view answers the record's name with the CNAME ACM asked for. */
static gboolean
answer_shows_value (CaDnsAnswer *answer,
                    const char  *value)
{
  GPtrArray *records = ca_dns_answer_get_records (answer);

  for (guint i = 0; !ca_dns_answer_is_failure (answer) && i < records->len; i++)
    {
      const CaDnsRecord *record = g_ptr_array_index (records, i);

      if (record->type == CA_DNS_TYPE_CNAME && ca_dns_name_equal (record->target, value))
        return TRUE;
    }
  return FALSE;
}

static void
look_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaRoute53Publish *self = g_task_get_source_object (task);
  ApplyData *data = g_task_get_task_data (task);
  g_autoptr (CaDnsAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;
  Entry *entry = g_ptr_array_index (self->entries, data->next_look);

  answer = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, &error);
  if (answer != NULL && answer_shows_value (answer, entry->value))
    set_state (self, data->next_look, CA_ROUTE53_RECORD_VISIBLE);
  else if (error != NULL)
    g_debug ("%s could not be looked up: %s", entry->name, error->message);
  data->next_look++;
  look_at_next_record (g_steal_pointer (&task));
}

/* Takes the reference of @task. */
static void
look_at_next_record (GTask *task)
{
  CaRoute53Publish *self = g_task_get_source_object (task);
  ApplyData *data = g_task_get_task_data (task);

  while (data->next_look < self->entries->len &&
         ((Entry *) g_ptr_array_index (self->entries, data->next_look))->state != CA_ROUTE53_RECORD_INSYNC)
    data->next_look++;
  if (self->public_resolver == NULL || data->next_look == self->entries->len ||
      g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      finish_apply (task);
      g_object_unref (task);
      return;
    }
  ca_dns_resolver_lookup_async (self->public_resolver,
                                ((Entry *) g_ptr_array_index (self->entries, data->next_look))->name, CA_DNS_TYPE_CNAME,
                                g_task_get_cancellable (task), look_cb, task);
}

static void poll_next_change (GTask *task);

static gboolean
poll_again_cb (gpointer user_data)
{
  GTask *task = user_data;
  ApplyData *data = g_task_get_task_data (task);

  data->timeout_id = 0;
  data->next_poll = 0;
  poll_next_change (task);
  return G_SOURCE_REMOVE;
}

static gboolean
all_insync (CaRoute53Publish *self)
{
  for (guint i = 0; i < self->zones->len; i++)
    {
      PlannedZone *planned = g_ptr_array_index (self->zones, i);

      if (planned->change_id != NULL && !planned->insync)
        return FALSE;
    }
  return TRUE;
}

/* A round of GetChange is over: done, or wait, or give up at the deadline. */
static void
end_poll_round (GTask *task)
{
  CaRoute53Publish *self = g_task_get_source_object (task);
  ApplyData *data = g_task_get_task_data (task);

  if (all_insync (self))
    {
      look_at_next_record (task);
      return;
    }
  if (g_get_monotonic_time () + (gint64) self->poll_interval_ms * 1000 > data->deadline)
    {
      for (guint i = 0; i < self->zones->len; i++)
        set_zone_state (self, g_ptr_array_index (self->zones, i), CA_ROUTE53_RECORD_SUBMITTED,
                        CA_ROUTE53_RECORD_FAILED);
      g_task_return_new_error (task, CA_ERROR, CA_ERROR_TIMEOUT,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "Route 53 accepted the records but did not report them in sync on its name servers within %u second. They may still arrive: run the command again later.",
                                            "Route 53 accepted the records but did not report them in sync on its name servers within %u seconds. They may still arrive: run the command again later.",
                                            self->deadline_seconds),
                               self->deadline_seconds);
      g_object_unref (task);
      return;
    }
  data->timeout_id = g_timeout_add (self->poll_interval_ms, poll_again_cb, task);
}

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaRoute53Publish *self = g_task_get_source_object (task);
  ApplyData *data = g_task_get_task_data (task);
  PlannedZone *planned = g_ptr_array_index (self->zones, data->next_poll);
  GError *error = NULL;
  gboolean insync;

  insync = ca_route53_client_get_change_finish (CA_ROUTE53_CLIENT (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (insync)
    {
      planned->insync = TRUE;
      set_zone_state (self, planned, CA_ROUTE53_RECORD_SUBMITTED, CA_ROUTE53_RECORD_INSYNC);
    }
  data->next_poll++;
  poll_next_change (g_steal_pointer (&task));
}

/* Takes the reference of @task. */
static void
poll_next_change (GTask *task)
{
  CaRoute53Publish *self = g_task_get_source_object (task);
  ApplyData *data = g_task_get_task_data (task);
  PlannedZone *planned = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  for (; data->next_poll < self->zones->len; data->next_poll++)
    {
      planned = g_ptr_array_index (self->zones, data->next_poll);
      if (planned->change_id != NULL && !planned->insync)
        break;
    }
  if (data->next_poll == self->zones->len)
    {
      end_poll_round (task);
      return;
    }
  ca_route53_client_get_change_async (self->client, planned->change_id, g_task_get_cancellable (task), change_cb, task);
}

static void submit_next_batch (GTask *task);

static void
batch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaRoute53Publish *self = g_task_get_source_object (task);
  ApplyData *data = g_task_get_task_data (task);
  PlannedZone *planned = g_ptr_array_index (self->zones, data->next_zone);
  g_autoptr (GError) error = NULL;

  planned->change_id = ca_route53_client_upsert_cnames_finish (CA_ROUTE53_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (planned->change_id == NULL)
    {
      /* The other zones still get their records; the first refusal is the answer. */
      set_zone_state (self, planned, CA_ROUTE53_RECORD_PLANNED, CA_ROUTE53_RECORD_FAILED);
      if (data->refused == NULL)
        data->refused = g_steal_pointer (&error);
    }
  else
    {
      set_zone_state (self, planned, CA_ROUTE53_RECORD_PLANNED, CA_ROUTE53_RECORD_SUBMITTED);
    }
  data->next_zone++;
  submit_next_batch (g_steal_pointer (&task));
}

/* Takes the reference of @task. */
static void
submit_next_batch (GTask *task)
{
  CaRoute53Publish *self = g_task_get_source_object (task);
  ApplyData *data = g_task_get_task_data (task);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GPtrArray) values = g_ptr_array_new ();
  PlannedZone *planned;

  if (data->next_zone == self->zones->len)
    {
      data->next_poll = 0;
      poll_next_change (task);
      return;
    }
  planned = g_ptr_array_index (self->zones, data->next_zone);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->zone == planned && entry->state == CA_ROUTE53_RECORD_PLANNED)
        {
          g_ptr_array_add (names, entry->name);
          g_ptr_array_add (values, entry->value);
        }
    }
  /* The zone given with a zone id may hold none of the names. */
  if (names->len == 0)
    {
      data->next_zone++;
      submit_next_batch (task);
      return;
    }
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (values, NULL);
  ca_route53_client_upsert_cnames_async (self->client, planned->zone->id, (const char * const *) names->pdata,
                                         (const char * const *) values->pdata, g_task_get_cancellable (task), batch_cb,
                                         task);
}

/*
 * Public API
 */

/**
 * ca_route53_publish_new:
 * @records: (element-type CaAcmRecord): the certificate's records; a name that
 *   comes twice is published once
 */
CaRoute53Publish *
ca_route53_publish_new (CaRoute53Client *client,
                        GPtrArray       *records,
                        const char      *zone_id,
                        CaDnsResolver   *public_resolver)
{
  CaRoute53Publish *self;

  g_return_val_if_fail (CA_IS_ROUTE53_CLIENT (client), NULL);
  g_return_val_if_fail (records != NULL, NULL);
  g_return_val_if_fail (public_resolver == NULL || CA_IS_DNS_RESOLVER (public_resolver), NULL);

  self = g_object_new (CA_TYPE_ROUTE53_PUBLISH, NULL);
  self->client = g_object_ref (client);
  self->zone_id = g_strdup (zone_id);
  self->public_resolver = public_resolver != NULL ? g_object_ref (public_resolver) : NULL;
  for (guint i = 0; i < records->len; i++)
    {
      CaAcmRecord *record = g_ptr_array_index (records, i);
      g_autofree char *name = ca_dns_name_normalize (ca_acm_record_get_name (record));
      Entry *entry;
      gboolean seen = FALSE;

      for (guint j = 0; j < self->entries->len && !seen; j++)
        seen = strcmp (((Entry *) g_ptr_array_index (self->entries, j))->name, name) == 0;
      if (seen)
        continue;
      entry = g_new0 (Entry, 1);
      entry->record = g_object_ref (record);
      entry->name = g_steal_pointer (&name);
      entry->value = ca_dns_name_normalize (ca_acm_record_get_value (record));
      entry->state = CA_ROUTE53_RECORD_PLANNED;
      g_ptr_array_add (self->entries, entry);
    }
  return self;
}

void
ca_route53_publish_plan_async (CaRoute53Publish    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  PlanData *data;

  g_return_if_fail (CA_IS_ROUTE53_PUBLISH (self));
  g_return_if_fail (!self->planned && !self->applied);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_route53_publish_plan_async);
  data = g_new0 (PlanData, 1);
  data->listings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  data->to_ask = g_ptr_array_new_with_free_func (g_free);
  data->told_private = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) plan_data_free);

  if (self->zone_id != NULL)
    {
      ca_route53_client_get_zone_async (self->client, self->zone_id, cancellable, given_zone_cb,
                                        g_steal_pointer (&task));
      return;
    }
  for (guint i = 0; i < self->entries->len; i++)
    {
      g_auto (GStrv) candidates = candidate_zones (g_ptr_array_index (self->entries, i));

      for (guint j = 0; candidates[j] != NULL; j++)
        if (!g_ptr_array_find_with_equal_func (data->to_ask, candidates[j], g_str_equal, NULL))
          g_ptr_array_add (data->to_ask, g_strdup (candidates[j]));
    }
  list_next_zone_name (g_steal_pointer (&task));
}

gboolean
ca_route53_publish_plan_finish (CaRoute53Publish  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ca_route53_publish_apply_async (CaRoute53Publish    *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  ApplyData *data;

  g_return_if_fail (CA_IS_ROUTE53_PUBLISH (self));
  g_return_if_fail (self->planned && !self->applied);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_route53_publish_apply_async);
  data = g_new0 (ApplyData, 1);
  data->deadline = g_get_monotonic_time () + (gint64) self->deadline_seconds * G_USEC_PER_SEC;
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);
  self->applied = TRUE;
  submit_next_batch (task);
}

gboolean
ca_route53_publish_apply_finish (CaRoute53Publish  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ca_route53_publish_set_poll_interval (CaRoute53Publish *self,
                                      guint             milliseconds)
{
  g_return_if_fail (CA_IS_ROUTE53_PUBLISH (self));
  self->poll_interval_ms = MAX (milliseconds, 1);
}

void
ca_route53_publish_set_deadline (CaRoute53Publish *self,
                                 guint             seconds)
{
  g_return_if_fail (CA_IS_ROUTE53_PUBLISH (self));
  self->deadline_seconds = seconds;
}

guint
ca_route53_publish_get_n_records (CaRoute53Publish *self)
{
  g_return_val_if_fail (CA_IS_ROUTE53_PUBLISH (self), 0);
  return self->entries->len;
}

static Entry *
get_entry (CaRoute53Publish *self,
           guint             index)
{
  g_return_val_if_fail (CA_IS_ROUTE53_PUBLISH (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return g_ptr_array_index (self->entries, index);
}

CaAcmRecord *
ca_route53_publish_get_record (CaRoute53Publish *self,
                               guint             index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL ? entry->record : NULL;
}

CaRoute53RecordState
ca_route53_publish_get_record_state (CaRoute53Publish *self,
                                     guint             index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL ? entry->state : CA_ROUTE53_RECORD_NO_ZONE;
}

const char *
ca_route53_publish_get_record_zone (CaRoute53Publish *self,
                                    guint             index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL && entry->zone != NULL ? entry->zone->zone->name : NULL;
}

const char *
ca_route53_publish_get_record_zone_id (CaRoute53Publish *self,
                                       guint             index)
{
  Entry *entry = get_entry (self, index);

  return entry != NULL && entry->zone != NULL ? entry->zone->zone->id : NULL;
}

gboolean
ca_route53_publish_has_changes (CaRoute53Publish *self)
{
  g_return_val_if_fail (CA_IS_ROUTE53_PUBLISH (self), FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    if (((Entry *) g_ptr_array_index (self->entries, i))->zone != NULL)
      return TRUE;
  return FALSE;
}

/* "planned" until applied; then "INSYNC" once every batch that went out is in sync. */
const char *
ca_route53_publish_get_status (CaRoute53Publish *self)
{
  g_return_val_if_fail (CA_IS_ROUTE53_PUBLISH (self), NULL);

  if (!self->applied)
    return "planned";
  return all_insync (self) ? "INSYNC" : "PENDING";
}

/* Every record of the certificate answers in the public view with its value. */
gboolean
ca_route53_publish_get_published (CaRoute53Publish *self)
{
  g_return_val_if_fail (CA_IS_ROUTE53_PUBLISH (self), FALSE);

  if (!self->applied || self->entries->len == 0)
    return FALSE;
  for (guint i = 0; i < self->entries->len; i++)
    if (((Entry *) g_ptr_array_index (self->entries, i))->state != CA_ROUTE53_RECORD_VISIBLE)
      return FALSE;
  return TRUE;
}

/* Returns: (transfer none) (element-type CaFinding): most severe first */
GPtrArray *
ca_route53_publish_get_findings (CaRoute53Publish *self)
{
  g_return_val_if_fail (CA_IS_ROUTE53_PUBLISH (self), NULL);
  return self->findings;
}

/* contract.md's `publish` object; zone ids, change ids and names bare, without final dots. */
void
ca_route53_publish_add_json (CaRoute53Publish *self,
                             JsonBuilder      *builder)
{
  g_return_if_fail (CA_IS_ROUTE53_PUBLISH (self));

  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->zone == NULL)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "zone_id");
      json_builder_add_string_value (builder, entry->zone->zone->id);
      json_builder_set_member_name (builder, "zone");
      json_builder_add_string_value (builder, entry->zone->zone->name);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, entry->name);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "CNAME");
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, entry->value);
      json_builder_set_member_name (builder, "action");
      json_builder_add_string_value (builder, "UPSERT");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "change_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->zones->len; i++)
    {
      PlannedZone *planned = g_ptr_array_index (self->zones, i);

      if (planned->change_id != NULL)
        json_builder_add_string_value (builder, planned->change_id);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, ca_route53_publish_get_status (self));
  json_builder_set_member_name (builder, "published");
  json_builder_add_boolean_value (builder, ca_route53_publish_get_published (self));
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->findings->len; i++)
    ca_finding_to_json (g_ptr_array_index (self->findings, i), builder);
  json_builder_end_array (builder);
}
