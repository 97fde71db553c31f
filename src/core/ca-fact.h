/* ca-fact.h: one thing a check found, worded for people
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ca-finding.h"

G_BEGIN_DECLS

/* How a fact reads: what the GUI's icon and the CLI's label say. */
typedef enum
{
  CA_FACT_PENDING,  /* still being looked up */
  CA_FACT_GOOD,     /* nothing stops validation here */
  CA_FACT_NOTE,     /* worth knowing, neither good nor bad */
  CA_FACT_WARNING,  /* may stop validation, or could not be checked */
  CA_FACT_PROBLEM,  /* stops validation */
} CaFactStatus;

#define CA_TYPE_FACT (ca_fact_get_type ())

G_DECLARE_FINAL_TYPE (CaFact, ca_fact, CA, FACT, GObject)

CaFact       *ca_fact_new            (CaFactStatus  status,
                                      const char   *title,
                                      const char   *detail);
CaFact       *ca_fact_new_printf     (CaFactStatus  status,
                                      const char   *title,
                                      const char   *detail_format,
                                      ...) G_GNUC_PRINTF (3, 4);
CaFact       *ca_fact_new_for_finding (const char  *title,
                                      CaFinding    *finding);
CaFactStatus  ca_fact_get_status     (CaFact       *self);
const char   *ca_fact_get_title      (CaFact       *self);
const char   *ca_fact_get_detail     (CaFact       *self);
char         *ca_fact_to_text        (CaFact       *self);
const char   *ca_fact_status_get_label (CaFactStatus status);
CaFactStatus  ca_fact_status_for_severity (CaSeverity severity);

G_END_DECLS
