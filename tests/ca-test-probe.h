/* ca-test-probe.h: how long the main loop leaves a window without drawing
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CaTestProbe CaTestProbe;

CaTestProbe *ca_test_probe_start  (void);
void         ca_test_probe_step   (CaTestProbe *probe,
                                   const char  *step);
void         ca_test_probe_finish (CaTestProbe *probe);

G_END_DECLS
