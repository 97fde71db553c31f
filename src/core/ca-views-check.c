/* ca-views-check.c: the local and the public view of DNS, compared for one name
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaViewsCheck"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-diagnosis.h"
#include "ca-domain.h"
#include "ca-enums.h"
#include "ca-error.h"
#include "ca-finding.h"
#include "ca-json.h"
#include "ca-mail-report.h"
#include "ca-views-check.h"

/**
 * CaViewsCheck:
 *
 * A split-horizon or stale resolver shows records the CA never sees, a broken
 * or filtering one hides records it does see (acm-rules.md §11). When both
 * views answered, this check asks each of them every record set the diagnosis
 * uses (contract.md): MX at the approval domain and the console walk's levels,
 * CAA at each level of the climb, the validation CNAME, the NS set of the zone,
 * then A and AAAA of the MX hosts either view named. Each set that differs is a
 * dns_views_differ finding; the verdicts themselves come from the public view.
 *
 * Both views are asked at once, so the check takes two round trips; the public
 * view's answers mostly come from the cache the other checks filled.
 */
struct _CaViewsCheck
{
  GObject       parent_instance;

  char         *name;
  char         *approval_domain;
  CaCheckState  state;
  gboolean      compared;
  GPtrArray    *differences;
};

static void ca_views_check_check_init (CaCheckInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaViewsCheck, ca_views_check, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CA_TYPE_CHECK, ca_views_check_check_init))

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

#define LOCAL  0
#define PUBLIC 1

typedef struct
{
  CaDnsType  type;
  char      *owner;
  GStrv      values[2];    /* the local and the public answer; %NULL while asked */
  gboolean   has_data[2];  /* answered with records of the owner's own */
} Question;

typedef struct
{
  CaDnsResolver *resolvers[2];
  GPtrArray     *questions;
  GPtrArray     *hosts;        /* the approval domain's MX hosts, in either view */
  gboolean       hosts_asked;
  gboolean       follow_parent_servers; /* warm-up: ask the addresses of the parent zones' servers */
  guint          pending;
} RunData;

typedef struct
{
  GTask    *task;
  Question *question;
  guint     view;
} Ask;

static void
question_free (Question *question)
{
  g_free (question->owner);
  g_strfreev (question->values[LOCAL]);
  g_strfreev (question->values[PUBLIC]);
  g_free (question);
}

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->resolvers[LOCAL]);
  g_clear_object (&data->resolvers[PUBLIC]);
  g_clear_pointer (&data->questions, g_ptr_array_unref);
  g_clear_pointer (&data->hosts, g_ptr_array_unref);
  g_free (data);
}

static void
difference_free (CaViewsDifference *difference)
{
  g_free (difference->owner);
  g_strfreev (difference->local);
  g_strfreev (difference->public_values);
  g_free (difference);
}

/*
 * Auxiliary methods
 */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* contract.md: presentation format without trailing dots. */
static char *
format_record (const CaDnsRecord *record)
{
  switch (record->type)
    {
    case CA_DNS_TYPE_MX:
      return g_strdup_printf ("%u %s", record->preference, record->target[0] != '\0' ? record->target : ".");
    case CA_DNS_TYPE_NS:
    case CA_DNS_TYPE_CNAME:
      return g_strdup (record->target);
    case CA_DNS_TYPE_CAA:
      return g_strdup_printf ("%u %s \"%s\"", record->flags, record->tag, record->value);
    case CA_DNS_TYPE_TXT:
      return g_strdup_printf ("\"%s\"", record->value);
    case CA_DNS_TYPE_A:
    case CA_DNS_TYPE_AAAA:
    default:
      return g_strdup (record->value);
    }
}

static GStrv
strv_of_one (const char *value)
{
  char **strv = g_new0 (char *, 2);

  strv[0] = g_strdup (value);
  return strv;
}

/* What a view answered, as contract.md's `differences` write it: sorted
 * values, [] for none, or the one word for a failure. */
static GStrv
summarize (CaDnsAnswer  *answer,
           const GError *error)
{
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *records;

  if (answer == NULL)
    return strv_of_one (g_error_matches (error, CA_ERROR, CA_ERROR_TIMEOUT) ? "TIMEOUT" : "SERVFAIL");
  if (ca_dns_answer_is_bogus (answer))
    return strv_of_one ("BOGUS");
  if (ca_dns_answer_get_rcode (answer) != CA_DNS_RCODE_NOERROR)
    return strv_of_one (ca_dns_rcode_to_string (ca_dns_answer_get_rcode (answer)));

  records = ca_dns_answer_get_records (answer);
  for (guint i = 0; i < records->len; i++)
    {
      char *value = format_record (g_ptr_array_index (records, i));

      if (g_ptr_array_find_with_equal_func (values, value, g_str_equal, NULL))
        g_free (value);
      else
        g_ptr_array_add (values, value);
    }
  g_ptr_array_sort (values, compare_strings);
  g_ptr_array_add (values, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&values), FALSE);
}

static Question *
add_question (RunData    *data,
              CaDnsType   type,
              const char *owner)
{
  Question *question;

  for (guint i = 0; i < data->questions->len; i++)
    {
      question = g_ptr_array_index (data->questions, i);
      if (question->type == type && ca_dns_name_equal (question->owner, owner))
        return NULL;
    }
  question = g_new0 (Question, 1);
  question->type = type;
  question->owner = ca_dns_name_normalize (owner);
  g_ptr_array_add (data->questions, question);
  return question;
}

/* The name (without "*.") and each parent up to the TLD: the CAA climb's levels. */
static char **
list_levels (const char *name)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = g_str_has_prefix (name, "*.") ? name + 2 : name;

  for (; p != NULL; p = strchr (p, '.') != NULL ? strchr (p, '.') + 1 : NULL)
    g_strv_builder_add (builder, p);
  return g_strv_builder_end (builder);
}

static const char *
find_record_name (CaViewsCheck *self,
                  CaDiagnosis  *diagnosis)
{
  CaNameReport *report = ca_diagnosis_find_name (diagnosis, self->name);
  CaValidationRecord *record = report != NULL ? ca_name_report_get_validation_record (report) : NULL;

  return record != NULL ? ca_validation_record_get_record_name (record) : NULL;
}

/* The record sets of the first round: all known from the name alone. */
static void
add_first_questions (CaViewsCheck *self,
                     CaDiagnosis  *diagnosis,
                     RunData      *data)
{
  g_auto (GStrv) walk = ca_domain_list_validation_candidates (self->name);
  g_auto (GStrv) levels = list_levels (self->name);
  const char *record_name = find_record_name (self, diagnosis);

  add_question (data, CA_DNS_TYPE_MX, self->approval_domain);
  for (guint i = 0; walk[i] != NULL; i++)
    add_question (data, CA_DNS_TYPE_MX, walk[i]);
  for (guint i = 0; levels[i] != NULL; i++)
    add_question (data, CA_DNS_TYPE_CAA, levels[i]);
  if (record_name != NULL)
    add_question (data, CA_DNS_TYPE_CNAME, record_name);
  for (guint i = 0; levels[i] != NULL; i++)
    add_question (data, CA_DNS_TYPE_NS, levels[i]);
}

/* As CaMailHost sorts: preference, then host. */
static int
compare_mx_records (gconstpointer a,
                    gconstpointer b)
{
  const CaDnsRecord *left = *(const CaDnsRecord **) a;
  const CaDnsRecord *right = *(const CaDnsRecord **) b;

  if (left->preference != right->preference)
    return left->preference < right->preference ? -1 : 1;
  return strcmp (left->target, right->target);
}

static void
note_hosts (CaViewsCheck *self,
            RunData      *data,
            Question     *question,
            CaDnsAnswer  *answer)
{
  GPtrArray *answered;
  GPtrArray *records;

  if (answer == NULL || question->type != CA_DNS_TYPE_MX || !ca_dns_name_equal (question->owner, self->approval_domain))
    return;
  /* The hosts the mail report looks up: the most preferred, at most
   * CA_MAIL_REPORT_MAX_HOSTS of each view's set. The copy borrows the
   * records (g_ptr_array_copy() would take the free function along). */
  answered = ca_dns_answer_get_records (answer);
  records = g_ptr_array_sized_new (answered->len);
  for (guint i = 0; i < answered->len; i++)
    g_ptr_array_add (records, g_ptr_array_index (answered, i));
  g_ptr_array_sort (records, compare_mx_records);
  for (guint i = 0, taken = 0; i < records->len && taken < CA_MAIL_REPORT_MAX_HOSTS; i++)
    {
      const CaDnsRecord *record = g_ptr_array_index (records, i);

      if (record->target[0] == '\0')
        continue;
      taken++;
      if (!g_ptr_array_find_with_equal_func (data->hosts, record->target, g_str_equal, NULL))
        g_ptr_array_add (data->hosts, g_strdup (record->target));
    }
  g_ptr_array_unref (records);
}

/* Of the NS sets, only the zone's counts: the deepest level with one in the public view. */
static Question *
find_zone_question (RunData *data)
{
  Question *zone = NULL;

  for (guint i = 0; i < data->questions->len; i++)
    {
      Question *question = g_ptr_array_index (data->questions, i);

      if (question->type == CA_DNS_TYPE_NS && question->has_data[PUBLIC] &&
          (zone == NULL || strlen (question->owner) > strlen (zone->owner)))
        zone = question;
    }
  return zone;
}

static void
compare_answers (CaViewsCheck *self,
                 RunData      *data)
{
  Question *zone = find_zone_question (data);

  for (guint i = 0; i < data->questions->len; i++)
    {
      Question *question = g_ptr_array_index (data->questions, i);
      CaViewsDifference *difference;

      if (question->type == CA_DNS_TYPE_NS && question != zone)
        continue;
      if (g_strv_equal ((const char * const *) question->values[LOCAL], (const char * const *) question->values[PUBLIC]))
        continue;
      difference = g_new0 (CaViewsDifference, 1);
      difference->type = question->type;
      difference->owner = g_strdup (question->owner);
      difference->local = g_strdupv (question->values[LOCAL]);
      difference->public_values = g_strdupv (question->values[PUBLIC]);
      g_ptr_array_add (self->differences, difference);
    }
}

static void
set_state (CaViewsCheck *self,
           CaCheckState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify (G_OBJECT (self), "state");
}

static char *
format_values (const char * const *values)
{
  if (values[0] == NULL)
    return g_strdup (_("no record"));
  return g_strjoinv (", ", (char **) values);
}

static CaFinding *
create_finding (CaViewsCheck      *self,
                CaViewsDifference *difference)
{
  g_autofree char *local = format_values ((const char * const *) difference->local);
  g_autofree char *public_values = format_values ((const char * const *) difference->public_values);

  /* Translators: a record type such as MX, a domain, then what the local and the public DNS answered */
  return ca_finding_new_printf (CA_FINDING_DNS_VIEWS_DIFFER, self->name,
                                _("For the %s records of %s, the DNS resolver in use answers %s, but the public DNS, which the certificate authority asks, answers %s."),
                                ca_dns_type_to_string (difference->type), difference->owner, local, public_values);
}

/*
 * Callbacks
 */

static void start_ask (GTask    *task,
                       Question *question,
                       guint     view);

static void
finish (GTask *task)
{
  CaViewsCheck *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return;
  compare_answers (self, data);
  self->compared = TRUE;
  set_state (self, CA_CHECK_STATE_DONE);
  g_task_return_boolean (task, TRUE);
}

static gboolean
is_approval_mx (CaViewsCheck *self,
                Question     *question)
{
  return question->type == CA_DNS_TYPE_MX && ca_dns_name_equal (question->owner, self->approval_domain);
}

/* Second round: the addresses of every MX host either view named, each asked
 * once, in both views; called as each view's MX set comes in. */
static void
ask_hosts (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  data->hosts_asked = TRUE;
  for (guint i = 0; i < data->hosts->len; i++)
    {
      Question *a = add_question (data, CA_DNS_TYPE_A, g_ptr_array_index (data->hosts, i));
      Question *aaaa = add_question (data, CA_DNS_TYPE_AAAA, g_ptr_array_index (data->hosts, i));

      for (guint view = LOCAL; view <= PUBLIC; view++)
        {
          if (a != NULL)
            start_ask (task, a, view);
          if (aaaa != NULL)
            start_ask (task, aaaa, view);
        }
    }
}

static void
ask_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Ask *ask = user_data;
  g_autoptr (GTask) task = ask->task;
  CaViewsCheck *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr (CaDnsAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  answer = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, &error);
  ask->question->values[ask->view] = summarize (answer, error);
  ask->question->has_data[ask->view] = answer != NULL && !ca_dns_answer_is_failure (answer) &&
                                       !ca_dns_answer_is_alias (answer) && ca_dns_answer_get_records (answer)->len > 0;
  note_hosts (self, data, ask->question, answer);
  /* The hosts depend on the approval domain's MX sets alone: those a view
   * names are asked as soon as it gave its set, not after the slowest answer
   * of the round (a view that fails DNSSEC takes a while to say so). */
  if (is_approval_mx (self, ask->question) && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    ask_hosts (task);
  g_free (ask);

  if (--data->pending > 0)
    return;
  if (!data->hosts_asked && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    ask_hosts (task);
  if (data->pending == 0)
    finish (task);
}

static void warm_up_ask (GTask    *task,
                         Question *question);

/* A warm-up's follow-up questions: A and AAAA of each host, each asked once. */
static void
warm_up_ask_addresses (GTask      *task,
                       const char *host)
{
  RunData  *data = g_task_get_task_data (task);
  Question *a = add_question (data, CA_DNS_TYPE_A, host);
  Question *aaaa = add_question (data, CA_DNS_TYPE_AAAA, host);

  if (a != NULL)
    warm_up_ask (task, a);
  if (aaaa != NULL)
    warm_up_ask (task, aaaa);
}

/* Whether @question asks the NS set of a level above the name: a zone that may
 * be the parent the delegation check asks directly, once it knows the
 * addresses of its servers. */
static gboolean
asks_parent_ns (CaViewsCheck *self,
                Question     *question)
{
  const char *name = g_str_has_prefix (self->name, "*.") ? self->name + 2 : self->name;

  return question->type == CA_DNS_TYPE_NS && !ca_dns_name_equal (question->owner, name);
}

/* The second round follows each answer at once: the addresses of the MX
 * hosts, which the mail report and the comparison ask next, and of the
 * servers of the zones above the name, which the delegation check asks next.
 * Without it each of those waits for the resolver check, then for the answer
 * it follows: two chains of round trips instead of one. */
static void
warm_up_follow (GTask       *task,
                Question    *question,
                CaDnsAnswer *answer)
{
  CaViewsCheck *self = g_task_get_source_object (task);
  RunData      *data = g_task_get_task_data (task);

  if (answer == NULL || ca_dns_answer_is_failure (answer) || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;
  if (is_approval_mx (self, question))
    {
      note_hosts (self, data, question, answer);
      for (guint i = 0; i < data->hosts->len; i++)
        warm_up_ask_addresses (task, g_ptr_array_index (data->hosts, i));
    }
  else if (data->follow_parent_servers && asks_parent_ns (self, question))
    {
      GPtrArray *records = ca_dns_answer_get_records (answer);

      for (guint i = 0; i < records->len; i++)
        warm_up_ask_addresses (task, ((CaDnsRecord *) g_ptr_array_index (records, i))->target);
    }
}

static void
warm_up_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Ask *ask = user_data;
  g_autoptr (GTask) task = ask->task;
  RunData *data = g_task_get_task_data (task);
  g_autoptr (CaDnsAnswer) answer = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, NULL);

  warm_up_follow (task, ask->question, answer);
  g_free (ask);
  if (--data->pending == 0)
    g_task_return_boolean (task, TRUE);
}

static void
warm_up_ask (GTask    *task,
             Question *question)
{
  RunData *data = g_task_get_task_data (task);
  Ask     *ask = g_new0 (Ask, 1);

  ask->task = g_object_ref (task);
  ask->question = question;
  data->pending++;
  ca_dns_resolver_lookup_async (data->resolvers[ask->view], question->owner, question->type,
                                g_task_get_cancellable (task), warm_up_cb, ask);
}

static void
start_ask (GTask    *task,
           Question *question,
           guint     view)
{
  RunData *data = g_task_get_task_data (task);
  Ask *ask = g_new0 (Ask, 1);

  ask->task = g_object_ref (task);
  ask->question = question;
  ask->view = view;
  data->pending++;
  ca_dns_resolver_lookup_async (data->resolvers[view], question->owner, question->type,
                                g_task_get_cancellable (task), ask_cb, ask);
}

/*
 * CaCheck
 */

static const char *
get_id (CaCheck *check)
{
  return "views";
}

static const char *
get_name (CaCheck *check)
{
  return CA_VIEWS_CHECK (check)->name;
}

static const char *
get_title (CaCheck *check)
{
  return _("Local and Public DNS");
}

/* Only two views that both answered can be compared; after a resolver that
 * lies, its answers are no evidence and no difference is reported. */
static void
run_check_async (CaCheck             *check,
                 CaDiagnosis         *diagnosis,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  CaViewsCheck *self = CA_VIEWS_CHECK (check);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  RunData *data;
  guint n_questions;

  g_task_set_source_tag (task, run_check_async);
  g_ptr_array_set_size (self->differences, 0);
  self->compared = FALSE;
  if (!ca_diagnosis_get_view_answered (diagnosis, CA_DNS_VIEW_LOCAL) ||
      !ca_diagnosis_get_view_answered (diagnosis, CA_DNS_VIEW_PUBLIC))
    {
      set_state (self, CA_CHECK_STATE_SKIPPED);
      g_task_return_boolean (task, TRUE);
      return;
    }

  set_state (self, CA_CHECK_STATE_PENDING);
  data = g_new0 (RunData, 1);
  data->resolvers[LOCAL] = g_object_ref (ca_diagnosis_get_view_resolver (diagnosis, CA_DNS_VIEW_LOCAL));
  data->resolvers[PUBLIC] = g_object_ref (ca_diagnosis_get_view_resolver (diagnosis, CA_DNS_VIEW_PUBLIC));
  data->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) question_free);
  data->hosts = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  add_first_questions (self, diagnosis, data);
  n_questions = data->questions->len;
  for (guint i = 0; i < n_questions; i++)
    for (guint view = LOCAL; view <= PUBLIC; view++)
      start_ask (task, g_ptr_array_index (data->questions, i), view);
}

static void
add_findings (CaCheck   *check,
              GPtrArray *findings)
{
  CaViewsCheck *self = CA_VIEWS_CHECK (check);

  for (guint i = 0; i < self->differences->len; i++)
    g_ptr_array_add (findings, create_finding (self, g_ptr_array_index (self->differences, i)));
}

/* Nothing while pending or when there is nothing to compare: most diagnoses ask one view. */
static void
describe (CaCheck   *check,
          GPtrArray *facts)
{
  CaViewsCheck *self = CA_VIEWS_CHECK (check);

  if (self->state != CA_CHECK_STATE_DONE || !self->compared)
    return;
  if (self->differences->len == 0)
    {
      g_ptr_array_add (facts, ca_fact_new (CA_FACT_GOOD, _("Both views agree"),
                                           _("The DNS resolver in use and the public DNS give the same answers for every record this diagnosis uses.")));
      return;
    }
  for (guint i = 0; i < self->differences->len; i++)
    {
      CaViewsDifference *difference = g_ptr_array_index (self->differences, i);
      g_autoptr (CaFinding) finding = create_finding (self, difference);
      /* Translators: a record type such as MX, and a domain */
      g_autofree char *title = g_strdup_printf (_("%s at %s"), ca_dns_type_to_string (difference->type), difference->owner);

      g_ptr_array_add (facts, ca_fact_new_for_finding (title, finding));
    }
}

/* names[].differences of contract.md: [] when the views were not compared. */
static void
add_json (CaCheck     *check,
          JsonBuilder *builder,
          gboolean     skipped)
{
  CaViewsCheck *self = CA_VIEWS_CHECK (check);

  json_builder_set_member_name (builder, "differences");
  json_builder_begin_array (builder);
  for (guint i = 0; !skipped && i < self->differences->len; i++)
    {
      CaViewsDifference *difference = g_ptr_array_index (self->differences, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "record");
      json_builder_add_string_value (builder, ca_dns_type_to_string (difference->type));
      json_builder_set_member_name (builder, "owner");
      json_builder_add_string_value (builder, difference->owner);
      ca_json_add_strv (builder, "local", (const char * const *) difference->local);
      ca_json_add_strv (builder, "public", (const char * const *) difference->public_values);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
ca_views_check_check_init (CaCheckInterface *iface)
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
ca_views_check_finalize (GObject *object)
{
  CaViewsCheck *self = (CaViewsCheck *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->approval_domain, g_free);
  g_clear_pointer (&self->differences, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_views_check_parent_class)->finalize (object);
}

static void
ca_views_check_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  if (prop_id == PROP_STATE)
    g_value_set_enum (value, CA_VIEWS_CHECK (object)->state);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ca_views_check_class_init (CaViewsCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_views_check_finalize;
  object_class->get_property = ca_views_check_get_property;

  g_object_class_override_property (object_class, PROP_STATE, "state");
}

static void
ca_views_check_init (CaViewsCheck *self)
{
  self->differences = g_ptr_array_new_with_free_func ((GDestroyNotify) difference_free);
}

/*
 * Public API
 */

/**
 * ca_views_check_new:
 * @name: a normalised name, possibly a wildcard
 * @approval_domain: where its approval mail goes
 */
CaViewsCheck *
ca_views_check_new (const char *name,
                    const char *approval_domain)
{
  CaViewsCheck *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (approval_domain != NULL, NULL);

  self = g_object_new (CA_TYPE_VIEWS_CHECK, NULL);
  self->name = g_strdup (name);
  self->approval_domain = ca_dns_name_normalize (approval_domain);
  return self;
}

/**
 * ca_views_check_warm_up_async:
 * @resolver: one view's resolver, before its resolver check has landed
 *
 * Asks @resolver every record set of the first round, and as they come in the
 * addresses of the MX hosts and of the servers of the zones above the name,
 * and forgets the answers. No verdict rests on them: the checks ask the same
 * questions once the resolver checks have landed, and then find the answers in
 * the resolver's cache or already on their way, instead of starting a walk
 * from the root only then (bench/dns/bench-public-view.py). Finishes when every answer is
 * in, or the lookups were cancelled.
 */
void
ca_views_check_warm_up_async (CaViewsCheck       *self,
                              CaDiagnosis        *diagnosis,
                              CaDnsResolver      *resolver,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  RunData *data;
  guint    n_questions;

  g_return_if_fail (CA_IS_VIEWS_CHECK (self));
  g_return_if_fail (CA_IS_DNS_RESOLVER (resolver));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_views_check_warm_up_async);
  data = g_new0 (RunData, 1);
  /* The one view asked; warm_up_ask() asks it through the slot of the local one. */
  data->resolvers[LOCAL] = g_object_ref (resolver);
  /* The delegation check asks the deciding view: the public one whenever it answers. */
  data->follow_parent_servers = ca_dns_resolver_get_public (resolver) ||
                                ca_diagnosis_get_view_resolver (diagnosis, CA_DNS_VIEW_PUBLIC) == NULL;
  data->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) question_free);
  data->hosts = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  add_first_questions (self, diagnosis, data);
  n_questions = data->questions->len;
  /* Hold one count ourselves, so no answer finishes the task before all are asked. */
  data->pending = 1;
  for (guint i = 0; i < n_questions; i++)
    warm_up_ask (task, g_ptr_array_index (data->questions, i));
  if (--data->pending == 0)
    g_task_return_boolean (task, TRUE);
}

gboolean
ca_views_check_warm_up_finish (CaViewsCheck *self,
                               GAsyncResult *result,
                               GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Returns: whether both views answered and were compared in the last run */
gboolean
ca_views_check_get_compared (CaViewsCheck *self)
{
  g_return_val_if_fail (CA_IS_VIEWS_CHECK (self), FALSE);
  return self->compared;
}

/* Returns: (transfer none) (element-type CaViewsDifference): the record sets the views answer differently */
GPtrArray *
ca_views_check_get_differences (CaViewsCheck *self)
{
  g_return_val_if_fail (CA_IS_VIEWS_CHECK (self), NULL);
  return self->differences;
}
