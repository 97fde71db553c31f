/* ca-validation-record.c: is the CNAME that DNS validation asks for published?
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaValidationRecord"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-check.h"
#include "ca-diagnosis.h"
#include "ca-enums.h"
#include "ca-finding.h"
#include "ca-json.h"
#include "ca-validation-record.h"

/* A CNAME loop must end somewhere; past five hops ACM fails anyway. */
#define MAX_FOLLOWED_HOPS 8

/**
 * CaValidationRecord:
 *
 * Follows the CNAME chain from the record name ACM gave, one hop at a time,
 * comparing each target with the expected value (case-insensitively, with or
 * without a trailing dot). Alongside, it asks whether the record was created
 * with the zone appended twice, the classic mistake with providers that add
 * the zone themselves. A record name without a CNAME is asked for its
 * addresses too: a proxy (Cloudflare's orange cloud) answers with its own
 * addresses and never with the CNAME, which ACM then does not find.
 */
struct _CaValidationRecord
{
  GObject                  parent_instance;

  char                    *name;
  char                    *record_name;
  char                    *expected;
  char                    *zone;
  CaValidationRecordState  state;
  char                    *found;
  guint                    hops;
  gboolean                 chain_too_long;
  gboolean                 name_doubled;
  char                    *error;
  char                    *addresses;  /* what a proxy answers instead of the CNAME */
};

static void ca_validation_record_check_init (CaCheckInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaValidationRecord, ca_validation_record, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CA_TYPE_CHECK, ca_validation_record_check_init))

enum {
  PROP_0,
  PROP_RECORD_STATE,
  PROP_FOUND,
  N_PROPS,
  /* CaCheck's */
  PROP_STATE = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CaDnsResolver *resolver;
  char          *current;
  guint          pending;
  CaValidationRecordState state;
  GPtrArray     *addresses;
  guint          proxied_pending;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->resolver);
  g_free (data->current);
  g_clear_pointer (&data->addresses, g_ptr_array_unref);
  g_free (data);
}

/*
 * Auxiliary methods
 */

static void follow_hop (GTask *task);
static void ask_addresses (GTask *task);

static void
finish_if_done (GTask *task)
{
  CaValidationRecord *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;
  if (g_task_return_error_if_cancelled (task))
    return;

  self->state = data->state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOUND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD_STATE]);
  g_object_notify (G_OBJECT (self), "state");
  g_task_return_boolean (task, TRUE);
}

static void
end_chain (GTask                   *task,
           CaValidationRecordState  state)
{
  RunData *data = g_task_get_task_data (task);

  data->state = state;
  finish_if_done (task);
}

static void
take_hop (GTask       *task,
          CaDnsAnswer *answer)
{
  CaValidationRecord *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  GPtrArray *records = ca_dns_answer_get_records (answer);
  const CaDnsRecord *record;

  if (records->len == 0 && self->hops == 0)
    {
      ask_addresses (task);
      return;
    }
  if (records->len == 0)
    {
      end_chain (task, CA_VALIDATION_RECORD_WRONG_VALUE);
      return;
    }

  record = g_ptr_array_index (records, 0);
  self->hops++;
  if (self->found == NULL)
    self->found = g_strdup (record->target);

  if (ca_dns_name_equal (record->target, self->expected))
    {
      self->chain_too_long = self->hops > CA_VALIDATION_RECORD_MAX_HOPS;
      end_chain (task, CA_VALIDATION_RECORD_PUBLISHED);
    }
  else if (self->hops >= MAX_FOLLOWED_HOPS)
    {
      self->chain_too_long = TRUE;
      end_chain (task, CA_VALIDATION_RECORD_WRONG_VALUE);
    }
  else
    {
      g_free (data->current);
      data->current = g_strdup (record->target);
      follow_hop (task);
    }
}

/*
 * Callbacks
 */

static void
hop_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaValidationRecord *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr (CaDnsAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  answer = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, &error);
  if (answer == NULL)
    {
      self->error = g_strdup (error->message);
      end_chain (task, CA_VALIDATION_RECORD_LOOKUP_FAILED);
    }
  else if (ca_dns_answer_is_failure (answer))
    {
      /* Translators: %s are a domain name and a DNS code such as SERVFAIL */
      self->error = g_strdup_printf (_("The question for the CNAME record of %s failed: the DNS server answered %s."),
                                     data->current, ca_dns_rcode_to_string (ca_dns_answer_get_rcode (answer)));
      end_chain (task, CA_VALIDATION_RECORD_LOOKUP_FAILED);
    }
  else
    {
      take_hop (task, answer);
    }
}

static void
follow_hop (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  ca_dns_resolver_lookup_async (data->resolver, data->current, CA_DNS_TYPE_CNAME,
                                g_task_get_cancellable (task), hop_cb, g_object_ref (task));
}

static void
address_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaValidationRecord *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr (CaDnsAnswer) answer = NULL;
  GPtrArray *records;

  answer = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, NULL);
  records = answer != NULL && !ca_dns_answer_is_failure (answer) ? ca_dns_answer_get_records (answer) : NULL;
  for (guint i = 0; records != NULL && i < records->len; i++)
    g_ptr_array_add (data->addresses, g_strdup (((CaDnsRecord *) g_ptr_array_index (records, i))->value));
  if (--data->proxied_pending > 0)
    return;

  if (data->addresses->len == 0)
    {
      end_chain (task, CA_VALIDATION_RECORD_MISSING);
      return;
    }
  g_ptr_array_add (data->addresses, NULL);
  self->addresses = g_strjoinv (", ", (char **) data->addresses->pdata);
  end_chain (task, CA_VALIDATION_RECORD_PROXIED);
}

/* No CNAME at the record's name: a proxy may answer with addresses instead. */
static void
ask_addresses (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  data->addresses = g_ptr_array_new_with_free_func (g_free);
  data->proxied_pending = 2;
  ca_dns_resolver_lookup_async (data->resolver, data->current, CA_DNS_TYPE_A,
                                g_task_get_cancellable (task), address_cb, g_object_ref (task));
  ca_dns_resolver_lookup_async (data->resolver, data->current, CA_DNS_TYPE_AAAA,
                                g_task_get_cancellable (task), address_cb, g_object_ref (task));
}

static void
doubled_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  CaValidationRecord *self = g_task_get_source_object (task);
  g_autoptr (CaDnsAnswer) answer = NULL;

  answer = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, NULL);
  self->name_doubled = answer != NULL && !ca_dns_answer_is_failure (answer) &&
                       ca_dns_answer_get_records (answer)->len > 0;
  finish_if_done (task);
}

/*
 * Overrides
 */

static void
ca_validation_record_finalize (GObject *object)
{
  CaValidationRecord *self = (CaValidationRecord *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->record_name, g_free);
  g_clear_pointer (&self->expected, g_free);
  g_clear_pointer (&self->zone, g_free);
  g_clear_pointer (&self->found, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->addresses, g_free);

  G_OBJECT_CLASS (ca_validation_record_parent_class)->finalize (object);
}

static void
ca_validation_record_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CaValidationRecord *self = CA_VALIDATION_RECORD (object);

  switch (prop_id)
    {
    case PROP_RECORD_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STATE:
      g_value_set_enum (value, ca_check_get_state (CA_CHECK (self)));
      break;
    case PROP_FOUND:
      g_value_set_string (value, self->found);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_validation_record_class_init (CaValidationRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_validation_record_finalize;
  object_class->get_property = ca_validation_record_get_property;

  properties[PROP_RECORD_STATE] = g_param_spec_enum ("record-state", NULL, NULL, CA_TYPE_VALIDATION_RECORD_STATE,
                                                     CA_VALIDATION_RECORD_PENDING, flags);
  properties[PROP_FOUND] = g_param_spec_string ("found", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_STATE, "state");
}

static void
ca_validation_record_init (CaValidationRecord *self)
{
}

/*
 * Public API
 */

/**
 * ca_validation_record_new:
 * @name: the certificate's name the record validates
 * @record_name: the record's name, as ACM gives it
 * @expected: the CNAME value ACM asks for
 * @zone: (nullable): the zone the record belongs to (the registrable domain),
 *   to detect `<record>.<zone>.<zone>`
 */
CaValidationRecord *
ca_validation_record_new (const char *name,
                          const char *record_name,
                          const char *expected,
                          const char *zone)
{
  CaValidationRecord *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (record_name != NULL, NULL);
  g_return_val_if_fail (expected != NULL, NULL);

  self = g_object_new (CA_TYPE_VALIDATION_RECORD, NULL);
  self->name = g_strdup (name);
  self->record_name = ca_dns_name_normalize (record_name);
  self->expected = ca_dns_name_normalize (expected);
  self->zone = zone != NULL ? ca_dns_name_normalize (zone) : NULL;
  return self;
}

const char *
ca_validation_record_get_name (CaValidationRecord *self)
{
  g_return_val_if_fail (CA_IS_VALIDATION_RECORD (self), NULL);
  return self->name;
}

const char *
ca_validation_record_get_record_name (CaValidationRecord *self)
{
  g_return_val_if_fail (CA_IS_VALIDATION_RECORD (self), NULL);
  return self->record_name;
}

const char *
ca_validation_record_get_expected (CaValidationRecord *self)
{
  g_return_val_if_fail (CA_IS_VALIDATION_RECORD (self), NULL);
  return self->expected;
}

CaValidationRecordState
ca_validation_record_get_state (CaValidationRecord *self)
{
  g_return_val_if_fail (CA_IS_VALIDATION_RECORD (self), CA_VALIDATION_RECORD_PENDING);
  return self->state;
}

/* The target of the record's own CNAME, %NULL when it has none. */
const char *
ca_validation_record_get_found (CaValidationRecord *self)
{
  g_return_val_if_fail (CA_IS_VALIDATION_RECORD (self), NULL);
  return self->found;
}

guint
ca_validation_record_get_hops (CaValidationRecord *self)
{
  g_return_val_if_fail (CA_IS_VALIDATION_RECORD (self), 0);
  return self->hops;
}

gboolean
ca_validation_record_get_chain_too_long (CaValidationRecord *self)
{
  g_return_val_if_fail (CA_IS_VALIDATION_RECORD (self), FALSE);
  return self->chain_too_long;
}

gboolean
ca_validation_record_get_name_doubled (CaValidationRecord *self)
{
  g_return_val_if_fail (CA_IS_VALIDATION_RECORD (self), FALSE);
  return self->name_doubled;
}

/* Returns: (nullable): the addresses a proxy answered with instead of the CNAME */
const char *
ca_validation_record_get_addresses (CaValidationRecord *self)
{
  g_return_val_if_fail (CA_IS_VALIDATION_RECORD (self), NULL);
  return self->addresses;
}

const char *
ca_validation_record_get_error (CaValidationRecord *self)
{
  g_return_val_if_fail (CA_IS_VALIDATION_RECORD (self), NULL);
  return self->error;
}

void
ca_validation_record_run_async (CaValidationRecord  *self,
                                CaDnsResolver       *resolver,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  RunData *data;

  g_return_if_fail (CA_IS_VALIDATION_RECORD (self));
  g_return_if_fail (CA_IS_DNS_RESOLVER (resolver));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_validation_record_run_async);
  data = g_new0 (RunData, 1);
  data->resolver = g_object_ref (resolver);
  data->current = g_strdup (self->record_name);
  data->pending = 1;
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  if (self->zone != NULL && g_str_has_suffix (self->record_name, self->zone))
    {
      g_autofree char *doubled = g_strconcat (self->record_name, ".", self->zone, NULL);

      data->pending++;
      ca_dns_resolver_lookup_async (resolver, doubled, CA_DNS_TYPE_CNAME, cancellable,
                                    doubled_cb, g_object_ref (task));
    }
  follow_hop (task);
}

gboolean
ca_validation_record_run_finish (CaValidationRecord *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ca_validation_record_add_findings (CaValidationRecord *self,
                                   GPtrArray          *findings)
{
  g_return_if_fail (CA_IS_VALIDATION_RECORD (self));

  if (self->chain_too_long)
    g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_DNS_CNAME_CHAIN_TOO_LONG, self->name,
                                                      _("The validation record %s reaches its value through more than %d CNAME records."),
                                                      self->record_name, CA_VALIDATION_RECORD_MAX_HOPS));

  switch (self->state)
    {
    case CA_VALIDATION_RECORD_MISSING:
      if (self->name_doubled)
        g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_DNS_RECORD_NAME_DOUBLED, self->name,
                                                          _("The validation record exists as %s.%s instead of %s: the zone name was entered twice."),
                                                          self->record_name, self->zone, self->record_name));
      else
        g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_DNS_RECORD_MISSING, self->name,
                                                          _("There is no CNAME record at %s; ACM expects one pointing to %s."),
                                                          self->record_name, self->expected));
      break;
    case CA_VALIDATION_RECORD_WRONG_VALUE:
      g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_DNS_RECORD_WRONG_VALUE, self->name,
                                                        _("The CNAME record at %s points to %s, but ACM expects %s."),
                                                        self->record_name, self->found, self->expected));
      break;
    case CA_VALIDATION_RECORD_LOOKUP_FAILED:
      g_ptr_array_add (findings, ca_finding_new (CA_FINDING_DNS_RECORD_LOOKUP_FAILED, self->name, self->error));
      break;
    case CA_VALIDATION_RECORD_PROXIED:
      /* Translators: a record name, IP addresses, the CNAME value ACM expects */
      g_ptr_array_add (findings, ca_finding_new_printf (CA_FINDING_DNS_VALIDATION_RECORD_PROXIED, self->name,
                                                        _("%s answers with the addresses %s instead of a CNAME record pointing to %s: a proxy answers in its place, so ACM finds no CNAME."),
                                                        self->record_name, self->addresses, self->expected));
      break;
    case CA_VALIDATION_RECORD_PENDING:
    case CA_VALIDATION_RECORD_PUBLISHED:
    default:
      break;
    }
}

const char *
ca_validation_record_state_to_string (CaValidationRecordState state)
{
  switch (state)
    {
    case CA_VALIDATION_RECORD_PUBLISHED:
      return "published";
    case CA_VALIDATION_RECORD_WRONG_VALUE:
      return "wrong_value";
    case CA_VALIDATION_RECORD_MISSING:
      return "missing";
    case CA_VALIDATION_RECORD_LOOKUP_FAILED:
      return "lookup_failed";
    case CA_VALIDATION_RECORD_PROXIED:
      return "proxied";
    case CA_VALIDATION_RECORD_PENDING:
    default:
      return "pending";
    }
}

/*
 * CaCheck
 */

/* The record's check is part of the certificate's: `--checks certificate`. */
static const char *
get_id (CaCheck *check)
{
  return "certificate";
}

static const char *
get_name (CaCheck *check)
{
  return CA_VALIDATION_RECORD (check)->name;
}

static const char *
get_title (CaCheck *check)
{
  return _("DNS Validation Record");
}

static CaCheckState
get_state (CaCheck *check)
{
  switch (CA_VALIDATION_RECORD (check)->state)
    {
    case CA_VALIDATION_RECORD_PENDING:
      return CA_CHECK_STATE_PENDING;
    case CA_VALIDATION_RECORD_LOOKUP_FAILED:
      return CA_CHECK_STATE_FAILED;
    case CA_VALIDATION_RECORD_PUBLISHED:
    case CA_VALIDATION_RECORD_WRONG_VALUE:
    case CA_VALIDATION_RECORD_MISSING:
    case CA_VALIDATION_RECORD_PROXIED:
    default:
      return CA_CHECK_STATE_DONE;
    }
}

static void
run_check_async (CaCheck             *check,
                 CaDiagnosis         *diagnosis,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  ca_validation_record_run_async (CA_VALIDATION_RECORD (check), ca_diagnosis_get_resolver (diagnosis),
                                  cancellable, callback, user_data);
}

static void
add_check_findings (CaCheck   *check,
                    GPtrArray *findings)
{
  ca_validation_record_add_findings (CA_VALIDATION_RECORD (check), findings);
}

static void
describe (CaCheck   *check,
          GPtrArray *facts)
{
  CaValidationRecord *self = CA_VALIDATION_RECORD (check);
  g_autoptr (GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->state == CA_VALIDATION_RECORD_PENDING)
    {
      g_ptr_array_add (facts, ca_fact_new (CA_FACT_PENDING, self->record_name, _("Looking up…")));
      return;
    }
  if (self->state == CA_VALIDATION_RECORD_PUBLISHED)
    g_ptr_array_add (facts, ca_fact_new (CA_FACT_GOOD, self->record_name,
                                         _("Published: the record points to the value ACM expects.")));
  ca_validation_record_add_findings (self, findings);
  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (facts, ca_fact_new_for_finding (self->record_name, g_ptr_array_index (findings, i)));
}

/* contract.md fixes `state` to three values: a record that could not be looked
 * up was not seen published, so it counts as missing, and `lookup_failed` (with
 * the dns_record_lookup_failed finding) says why; so does `proxied` for a
 * record a proxy answers in place of the CNAME. */
static const char *
contract_state (CaValidationRecordState state)
{
  if (state == CA_VALIDATION_RECORD_LOOKUP_FAILED || state == CA_VALIDATION_RECORD_PENDING ||
      state == CA_VALIDATION_RECORD_PROXIED)
    return "missing";
  return ca_validation_record_state_to_string (state);
}

/* names[].validation_record of contract.md: present only when ACM gave one. */
static void
add_json (CaCheck     *check,
          JsonBuilder *builder,
          gboolean     skipped)
{
  CaValidationRecord *self = CA_VALIDATION_RECORD (check);

  if (skipped)
    return;
  json_builder_set_member_name (builder, "validation_record");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->record_name);
  json_builder_set_member_name (builder, "expected");
  json_builder_add_string_value (builder, self->expected);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, contract_state (self->state));
  ca_json_add_string_or_null (builder, "found", self->found);
  json_builder_set_member_name (builder, "lookup_failed");
  json_builder_add_boolean_value (builder, self->state == CA_VALIDATION_RECORD_LOOKUP_FAILED);
  json_builder_set_member_name (builder, "proxied");
  json_builder_add_boolean_value (builder, self->state == CA_VALIDATION_RECORD_PROXIED);
  json_builder_end_object (builder);
}

static void
ca_validation_record_check_init (CaCheckInterface *iface)
{
  iface->get_id = get_id;
  iface->get_name = get_name;
  iface->get_title = get_title;
  iface->get_state = get_state;
  iface->run_async = run_check_async;
  iface->add_findings = add_check_findings;
  iface->describe = describe;
  iface->add_json = add_json;
  iface->uses_resolver = TRUE;
}
