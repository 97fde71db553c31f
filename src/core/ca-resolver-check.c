/* ca-resolver-check.c: whether the DNS resolver in use can be trusted, before any verdict
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CaResolverCheck"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-diagnosis.h"
#include "ca-enums.h"
#include "ca-error.h"
#include "ca-finding.h"
#include "ca-resolver-check.h"

#define PUBLIC_PROBE_TIMEOUT_MS 3000

/**
 * CaResolverCheck:
 *
 * Asks the diagnosis' resolver for names that must exist: the NS set of the
 * root zone and of each public top-level domain the names sit under (a TLD
 * that is not public, such as .example, rightly does not exist). A resolver
 * that denies them (NXDOMAIN, SERVFAIL, no answer in time), or whose root
 * answer fails DNSSEC, would have the domains blamed for its own failure: a
 * captive portal or a broken forwarder answers NXDOMAIN for everything, a
 * router that strips DNSSEC data makes every answer bogus. Its answers are
 * then no evidence, and the diagnosis asks it nothing more (acm-rules.md §11).
 * Every question goes out at once; a caching resolver knows the answers, so
 * the check costs one short round trip before the other DNS checks start.
 *
 * The public view (full recursion from the root servers) is checked the same
 * way: a network that intercepts DNS, or no network at all, makes it no
 * evidence either. In a lab (root hints given instead of the real root
 * servers) it also asks for the TLD of every name: a TLD that the lab's root
 * delegates counts as public there (contract.md), one that it does not is no
 * sign of a lie.
 */

typedef struct
{
  char     *name;     /* "." or a TLD */
  gboolean  required; /* a name that must exist; else a lab's TLD, asked whether it exists */
  char     *answer;   /* NOERROR, an rcode, NODATA, BOGUS, TIMEOUT or ERROR; %NULL while asked */
  char     *detail;   /* why the answer is bogus, or why there was none */
} Probe;

struct _CaResolverCheck
{
  GObject        parent_instance;

  CaDnsView      view;
  CaDnsResolver *resolver;
  gboolean       only_view;
  CaCheckState   state;
  GPtrArray     *probes;
  guint          pending;
};

static void ca_resolver_check_check_init (CaCheckInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaResolverCheck, ca_resolver_check, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CA_TYPE_CHECK, ca_resolver_check_check_init))

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

typedef struct
{
  GTask *task;
  Probe *probe;
} ProbeLookup;

/* How a failure reads: for a resolver that answered falsely, and for one that did not answer. */
typedef struct
{
  const char *title;      /* a heading */
  const char *summary;    /* what it means for the diagnosis, and what to do */
  const char *untrusted;  /* what a check that would have asked it says instead */
} FailureWording;

static const FailureWording lied_wording = {
  N_("Your DNS resolver cannot be trusted"),
  N_("The DNS resolver in use denies names that exist, so nothing it says about the domains is evidence: they may well be fine. Choose another DNS server in Preferences, or repair this one, then try again."),
  N_("The DNS resolver in use cannot be trusted, so it was not asked about this: the domain may well be fine."),
};

static const FailureWording silent_wording = {
  N_("No DNS server answered"),
  N_("No lookup got an answer, so nothing is known about the domains yet. Check the network connection and the DNS servers in Preferences, then try again."),
  N_("The DNS resolver in use did not answer, so it was not asked about this: the domain may well be fine."),
};

static const FailureWording public_lied_wording = {
  N_("The public DNS cannot be trusted from here"),
  N_("Asked from the root servers, the DNS denies names that exist: something on the way, such as a firewall that intercepts DNS, changes the answers. Nothing it says about the domains is evidence: they may well be fine. Try again from another network."),
  N_("The public DNS cannot be trusted from here, so it was not asked about this: the domain may well be fine."),
};

static const FailureWording public_silent_wording = {
  N_("The root servers did not answer"),
  N_("The public DNS could not be asked from here, so nothing is known about the domains yet. Check the network connection, or give a DNS server in Preferences, then try again."),
  N_("The public DNS did not answer, so it was not asked about this: the domain may well be fine."),
};

static void
probe_free (Probe *probe)
{
  g_free (probe->name);
  g_free (probe->answer);
  g_free (probe->detail);
  g_free (probe);
}

/*
 * Auxiliary methods
 */

static void
set_state (CaResolverCheck *self,
           CaCheckState     state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify (G_OBJECT (self), "state");
}

static gboolean
is_root (const Probe *probe)
{
  return strcmp (probe->name, ".") == 0;
}

/* TIMEOUT and ERROR: the resolver said nothing, which is no lie. */
static gboolean
is_silence (const Probe *probe)
{
  return g_strcmp0 (probe->answer, "TIMEOUT") == 0 || g_strcmp0 (probe->answer, "ERROR") == 0;
}

/* A lab's TLD that the lab's root does not delegate is simply not public. */
static gboolean
is_denial (const Probe *probe)
{
  if (probe->answer == NULL || strcmp (probe->answer, "NOERROR") == 0)
    return FALSE;
  return probe->required || is_silence (probe) || strcmp (probe->answer, "BOGUS") == 0;
}

/* The first name the resolver denied, the root first; %NULL when it knows them all. */
static Probe *
find_denial (CaResolverCheck *self)
{
  for (guint i = 0; i < self->probes->len; i++)
    {
      Probe *probe = g_ptr_array_index (self->probes, i);

      if (is_denial (probe))
        return probe;
    }
  return NULL;
}

/* Whether the resolver answered falsely (rather than not at all). */
static gboolean
has_lied (CaResolverCheck *self)
{
  for (guint i = 0; i < self->probes->len; i++)
    {
      Probe *probe = g_ptr_array_index (self->probes, i);

      if (is_denial (probe) && !is_silence (probe))
        return TRUE;
    }
  return FALSE;
}

static const FailureWording *
get_failure_wording (CaResolverCheck *self)
{
  if (self->state != CA_CHECK_STATE_FAILED)
    return NULL;
  if (self->view == CA_DNS_VIEW_PUBLIC)
    return has_lied (self) ? &public_lied_wording : &public_silent_wording;
  return has_lied (self) ? &lied_wording : &silent_wording;
}

/* A name that must exist needs an NS set; with DNSSEC on, the root's validates
 * unless the way to the resolver drops or changes DNSSEC data. */
static const char *
classify_answer (CaDnsAnswer *answer,
                 gboolean     root)
{
  if (ca_dns_answer_get_rcode (answer) != CA_DNS_RCODE_NOERROR)
    return ca_dns_rcode_to_string (ca_dns_answer_get_rcode (answer));
  if (root && ca_dns_answer_is_bogus (answer))
    return "BOGUS";
  if (ca_dns_answer_get_records (answer)->len == 0)
    return "NODATA";
  return "NOERROR";
}

static void
take_result (Probe        *probe,
             CaDnsAnswer  *answer,
             const GError *error)
{
  if (answer != NULL)
    {
      probe->answer = g_strdup (classify_answer (answer, is_root (probe)));
      probe->detail = g_strdup (ca_dns_answer_get_why_bogus (answer));
      return;
    }
  probe->answer = g_strdup (g_error_matches (error, CA_ERROR, CA_ERROR_TIMEOUT) ? "TIMEOUT" : "ERROR");
  probe->detail = g_strdup (error->message);
}

static void
add_probe (CaResolverCheck *self,
           const char      *name,
           gboolean         required)
{
  Probe *probe = g_new0 (Probe, 1);

  probe->name = g_strdup (name);
  probe->required = required;
  g_ptr_array_add (self->probes, probe);
}

/* In a lab, the lab's root decides which TLDs exist. */
static gboolean
is_lab (CaResolverCheck *self)
{
  return self->view == CA_DNS_VIEW_PUBLIC && ca_dns_resolver_get_root_hints (self->resolver) != NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static const char *
get_tld (const char *name)
{
  return strrchr (name, '.') != NULL ? strrchr (name, '.') + 1 : name;
}

/* The root, then each public TLD of the names once, in order (in a lab, every TLD). */
static void
add_probes (CaResolverCheck *self,
            CaDiagnosis     *diagnosis)
{
  GListModel *names = ca_diagnosis_get_names (diagnosis);
  g_autoptr (GPtrArray) tlds = g_ptr_array_new ();
  g_autoptr (GPtrArray) lab_tlds = g_ptr_array_new ();

  add_probe (self, ".", TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (CaNameReport) report = g_list_model_get_item (names, i);
      const char *tld = get_tld (ca_name_report_get_name (report));
      GPtrArray *list = ca_name_report_get_is_public (report) ? tlds : lab_tlds;

      if ((list == tlds || is_lab (self)) && !g_ptr_array_find_with_equal_func (list, tld, g_str_equal, NULL))
        g_ptr_array_add (list, (gpointer) tld);
    }
  g_ptr_array_sort (tlds, compare_strings);
  g_ptr_array_sort (lab_tlds, compare_strings);
  for (guint i = 0; i < tlds->len; i++)
    add_probe (self, g_ptr_array_index (tlds, i), TRUE);
  for (guint i = 0; i < lab_tlds->len; i++)
    if (!g_ptr_array_find_with_equal_func (tlds, g_ptr_array_index (lab_tlds, i), g_str_equal, NULL))
      add_probe (self, g_ptr_array_index (lab_tlds, i), FALSE);
}

/* Why the public view is no evidence, worded for it: no resolver of the user's is at fault. */
static CaFinding *
create_public_finding (CaResolverCheck *self,
                       Probe           *denial)
{
  if (is_silence (denial))
    return ca_finding_new_printf (CA_FINDING_DNS_RESOLVER_UNRELIABLE, NULL,
                                  _("The public DNS could not be asked from the root servers: %s Nothing is known about the domains yet: they may well be fine."),
                                  denial->detail);
  /* Translators: the first %s is a DNS code such as NXDOMAIN or BOGUS, the second a name such as "." or com */
  return ca_finding_new_printf (CA_FINDING_DNS_RESOLVER_UNRELIABLE, NULL,
                                _("Asked from the root servers, the public DNS answered %s for %s, which exists: something on the way, such as a firewall that intercepts DNS, changes the answers. Nothing it said is held against the domains: they may well be fine."),
                                denial->answer, denial->name);
}

/* Why the resolver cannot be trusted, or %NULL when it can. */
static CaFinding *
create_finding (CaResolverCheck *self)
{
  Probe *denial = find_denial (self);

  if (denial == NULL)
    return NULL;
  if (self->view == CA_DNS_VIEW_PUBLIC)
    return create_public_finding (self, denial);
  if (is_silence (denial))
    return ca_finding_new_printf (CA_FINDING_DNS_RESOLVER_UNRELIABLE, NULL,
                                  _("The DNS resolver in use did not answer a question it must answer: %s Nothing is known about the domains yet: they may well be fine."),
                                  denial->detail);
  if (strcmp (denial->answer, "BOGUS") == 0)
    return ca_finding_new_printf (CA_FINDING_DNS_RESOLVER_UNRELIABLE, NULL,
                                  _("The DNS resolver’s answer for the root zone failed DNSSEC validation (%s). The resolver, or something between it and this computer, drops or changes DNSSEC data, so every answer would fail the same way: none is held against the domains, which may well be fine. Turning DNSSEC validation off works around it."),
                                  denial->detail != NULL ? denial->detail : _("no reason given"));
  if (is_root (denial))
    /* Translators: %s is a DNS code such as NXDOMAIN, or NODATA for an empty answer */
    return ca_finding_new_printf (CA_FINDING_DNS_RESOLVER_UNRELIABLE, NULL,
                                  _("The DNS resolver in use answered %s when asked for the root zone, which always exists. A resolver that denies names that exist cannot be trusted, so nothing it said is held against the domains: they may well be fine."),
                                  denial->answer);
  /* Translators: the first %s is a DNS code such as NXDOMAIN, the second a top-level domain such as com */
  return ca_finding_new_printf (CA_FINDING_DNS_RESOLVER_UNRELIABLE, NULL,
                                _("The DNS resolver in use answered %s when asked for the top-level domain %s, which exists. A resolver that denies names that exist cannot be trusted, so nothing it said is held against the domains: they may well be fine."),
                                denial->answer, denial->name);
}

/*
 * Callbacks
 */

static void
probe_lookup_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ProbeLookup *lookup = user_data;
  g_autoptr (GTask) task = lookup->task;
  CaResolverCheck *self = g_task_get_source_object (task);
  g_autoptr (CaDnsAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;

  answer = ca_dns_resolver_lookup_finish (CA_DNS_RESOLVER (object), result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    take_result (lookup->probe, answer, error);
  g_free (lookup);

  if (--self->pending > 0)
    return;
  if (g_task_return_error_if_cancelled (task))
    return;
  set_state (self, find_denial (self) == NULL ? CA_CHECK_STATE_DONE : CA_CHECK_STATE_FAILED);
  g_task_return_boolean (task, TRUE);
}

/*
 * CaCheck
 */

static const char *
get_id (CaCheck *check)
{
  return "resolver";
}

static const char *
get_title (CaCheck *check)
{
  return CA_RESOLVER_CHECK (check)->view == CA_DNS_VIEW_PUBLIC ? _("Public DNS") : _("DNS Resolver");
}

/* The root servers answer within a fraction of a second from anywhere: one
 * that has not in a few seconds will not, and the local view need not wait
 * the whole lookup deadline to decide alone (an offline machine). */
static guint
get_probe_timeout (CaResolverCheck *self)
{
  guint timeout = ca_dns_resolver_get_timeout (self->resolver);

  if (self->view == CA_DNS_VIEW_PUBLIC)
    return MIN (timeout, PUBLIC_PROBE_TIMEOUT_MS);
  return timeout;
}

static void
start_probe (CaResolverCheck *self,
             CaDnsResolver   *resolver,
             Probe           *probe,
             GTask           *task)
{
  ProbeLookup *lookup = g_new0 (ProbeLookup, 1);

  lookup->task = g_object_ref (task);
  lookup->probe = probe;
  self->pending++;
  ca_dns_resolver_lookup_within_async (resolver, probe->name, CA_DNS_TYPE_NS, get_probe_timeout (self),
                                       g_task_get_cancellable (task), probe_lookup_cb, lookup);
}

static void
run_check_async (CaCheck             *check,
                 CaDiagnosis         *diagnosis,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  CaResolverCheck *self = CA_RESOLVER_CHECK (check);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, run_check_async);
  g_ptr_array_set_size (self->probes, 0);
  set_state (self, CA_CHECK_STATE_PENDING);
  self->only_view = ca_diagnosis_get_view_resolver (diagnosis, CA_DNS_VIEW_LOCAL) == NULL ||
                    ca_diagnosis_get_view_resolver (diagnosis, CA_DNS_VIEW_PUBLIC) == NULL;
  add_probes (self, diagnosis);
  for (guint i = 0; i < self->probes->len; i++)
    start_probe (self, self->resolver, g_ptr_array_index (self->probes, i), task);
}

/* The public view failing beside a local view that answered is a fact, not a
 * finding: the verdicts come from the local view, and nothing blocks. */
static void
add_findings (CaCheck   *check,
              GPtrArray *findings)
{
  CaResolverCheck *self = CA_RESOLVER_CHECK (check);
  CaFinding *finding;

  if (self->view == CA_DNS_VIEW_PUBLIC && !self->only_view)
    return;
  finding = create_finding (self);
  if (finding != NULL)
    g_ptr_array_add (findings, finding);
}

static void
describe (CaCheck   *check,
          GPtrArray *facts)
{
  CaResolverCheck *self = CA_RESOLVER_CHECK (check);
  g_autoptr (CaFinding) finding = NULL;

  switch (self->state)
    {
    case CA_CHECK_STATE_PENDING:
      g_ptr_array_add (facts, ca_fact_new (CA_FACT_PENDING, get_title (check), _("Looking up…")));
      return;
    case CA_CHECK_STATE_DONE:
      if (self->view == CA_DNS_VIEW_PUBLIC)
        g_ptr_array_add (facts, ca_fact_new (CA_FACT_GOOD, _("The public DNS answers"),
                                             _("The root servers answer, and the DNS is asked from them down, with DNSSEC validated, as the certificate authority asks it. Its answers decide the verdicts.")));
      else
        g_ptr_array_add (facts, ca_fact_new (CA_FACT_GOOD, _("The resolver can be trusted"),
                                             _("It knows the root zone and the top-level domains of the names, so its answers about the domains count.")));
      return;
    case CA_CHECK_STATE_FAILED:
      finding = create_finding (self);
      if (self->view == CA_DNS_VIEW_PUBLIC && !self->only_view)
        g_ptr_array_add (facts, ca_fact_new (CA_FACT_WARNING, ca_resolver_check_get_failure_title (self),
                                             _("So the verdicts come from the DNS resolver in use, which may see other records than the certificate authority.")));
      else
        g_ptr_array_add (facts, ca_fact_new_for_finding (ca_resolver_check_get_failure_title (self), finding));
      return;
    case CA_CHECK_STATE_SKIPPED:
    default:
      return;
    }
}

/* "resolver" (the local view) and "public_resolver": {"reliable", "answers":
 * [{"name", "answer"}]}, additions to contract.md */
static void
add_json (CaCheck     *check,
          JsonBuilder *builder,
          gboolean     skipped)
{
  CaResolverCheck *self = CA_RESOLVER_CHECK (check);

  json_builder_set_member_name (builder, self->view == CA_DNS_VIEW_PUBLIC ? "public_resolver" : "resolver");
  if (skipped)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reliable");
  json_builder_add_boolean_value (builder, self->state == CA_CHECK_STATE_DONE);
  json_builder_set_member_name (builder, "answers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->probes->len; i++)
    {
      Probe *probe = g_ptr_array_index (self->probes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, probe->name);
      json_builder_set_member_name (builder, "answer");
      json_builder_add_string_value (builder, probe->answer != NULL ? probe->answer : "PENDING");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
ca_resolver_check_check_init (CaCheckInterface *iface)
{
  iface->get_id = get_id;
  iface->get_title = get_title;
  iface->run_async = run_check_async;
  iface->add_findings = add_findings;
  iface->describe = describe;
  iface->add_json = add_json;
}

/*
 * Overrides
 */

static void
ca_resolver_check_finalize (GObject *object)
{
  CaResolverCheck *self = (CaResolverCheck *) object;

  g_clear_pointer (&self->probes, g_ptr_array_unref);
  g_clear_object (&self->resolver);

  G_OBJECT_CLASS (ca_resolver_check_parent_class)->finalize (object);
}

static void
ca_resolver_check_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  if (prop_id == PROP_STATE)
    g_value_set_enum (value, CA_RESOLVER_CHECK (object)->state);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ca_resolver_check_class_init (CaResolverCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_resolver_check_finalize;
  object_class->get_property = ca_resolver_check_get_property;

  g_object_class_override_property (object_class, PROP_STATE, "state");
}

static void
ca_resolver_check_init (CaResolverCheck *self)
{
  self->probes = g_ptr_array_new_with_free_func ((GDestroyNotify) probe_free);
}

/*
 * Public API
 */

/**
 * ca_resolver_check_new:
 * @view: %CA_DNS_VIEW_LOCAL or %CA_DNS_VIEW_PUBLIC: which view @resolver is
 * @resolver: the resolver to check
 */
CaResolverCheck *
ca_resolver_check_new (CaDnsView      view,
                       CaDnsResolver *resolver)
{
  CaResolverCheck *self;

  g_return_val_if_fail (view == CA_DNS_VIEW_LOCAL || view == CA_DNS_VIEW_PUBLIC, NULL);
  g_return_val_if_fail (CA_IS_DNS_RESOLVER (resolver), NULL);

  self = g_object_new (CA_TYPE_RESOLVER_CHECK, NULL);
  self->view = view;
  self->resolver = g_object_ref (resolver);
  return self;
}

CaDnsView
ca_resolver_check_get_view (CaResolverCheck *self)
{
  g_return_val_if_fail (CA_IS_RESOLVER_CHECK (self), CA_DNS_VIEW_LOCAL);
  return self->view;
}

/**
 * ca_resolver_check_knows_tld:
 * @tld: a top-level domain such as `com`, without dots
 *
 * Returns: whether the check asked for @tld and the resolver knows it: in a
 *   lab, what makes a TLD public
 */
gboolean
ca_resolver_check_knows_tld (CaResolverCheck *self,
                             const char      *tld)
{
  g_return_val_if_fail (CA_IS_RESOLVER_CHECK (self), FALSE);
  g_return_val_if_fail (tld != NULL, FALSE);

  for (guint i = 0; i < self->probes->len; i++)
    {
      Probe *probe = g_ptr_array_index (self->probes, i);

      if (g_ascii_strcasecmp (probe->name, tld) == 0)
        return g_strcmp0 (probe->answer, "NOERROR") == 0;
    }
  return FALSE;
}

/* Returns: whether the check ran and the resolver knows every name that must exist */
gboolean
ca_resolver_check_get_reliable (CaResolverCheck *self)
{
  g_return_val_if_fail (CA_IS_RESOLVER_CHECK (self), FALSE);
  return self->state == CA_CHECK_STATE_DONE;
}

/* Returns: (nullable): a heading for the resolver's failure, %NULL when there is none */
const char *
ca_resolver_check_get_failure_title (CaResolverCheck *self)
{
  const FailureWording *wording;

  g_return_val_if_fail (CA_IS_RESOLVER_CHECK (self), NULL);

  wording = get_failure_wording (self);
  return wording != NULL ? _(wording->title) : NULL;
}

/**
 * ca_resolver_check_get_failure_summary:
 *
 * Returns: (nullable): what the resolver's failure means for the whole
 *   diagnosis and what to do, or %NULL when there is none
 */
const char *
ca_resolver_check_get_failure_summary (CaResolverCheck *self)
{
  const FailureWording *wording;

  g_return_val_if_fail (CA_IS_RESOLVER_CHECK (self), NULL);

  wording = get_failure_wording (self);
  return wording != NULL ? _(wording->summary) : NULL;
}

/**
 * ca_resolver_check_get_untrusted_reason:
 *
 * Returns: (nullable): what a check that would have asked the resolver says
 *   instead of its verdict, or %NULL when the resolver can be trusted
 */
const char *
ca_resolver_check_get_untrusted_reason (CaResolverCheck *self)
{
  const FailureWording *wording;

  g_return_val_if_fail (CA_IS_RESOLVER_CHECK (self), NULL);

  wording = get_failure_wording (self);
  return wording != NULL ? _(wording->untrusted) : NULL;
}
