/* ca-test-probe.c
 *
 * Copyright 2026 The CertAssist authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include "ca-test-probe.h"

/* The responsiveness probe: a timer that notes how late it fires. A main-loop
 * iteration that takes long (parsing, layout, building rows, a blocking call)
 * delays it. It reports, never asserts: timing depends on the machine
 * (bench/responsiveness compares the figures with the 16 ms of a frame). */
#define PROBE_INTERVAL_MS 5

struct _CaTestProbe
{
  guint       source;
  gint64      due_us;
  gint64      cpu_us;       /* the main thread's CPU time at the last tick */
  gint64      worst_cpu_us; /* the most CPU time spent between two ticks */
  gint64      worst_late_us;
  guint       ticks;
  const char *step;         /* what the test is doing now */
  const char *worst_step;   /* what it was doing when the worst iteration ran */
  gint64      step_worst_us;
  gint64      step_worst_cpu_us;
};

/* CPU time, unlike lateness, does not grow when other processes load the machine. */
static gint64
get_thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer data)
{
  CaTestProbe *probe = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = get_thread_cpu_us ();

  if (probe->cpu_us != 0)
    {
      probe->worst_cpu_us = MAX (probe->worst_cpu_us, cpu - probe->cpu_us);
      probe->step_worst_cpu_us = MAX (probe->step_worst_cpu_us, cpu - probe->cpu_us);
    }
  probe->cpu_us = cpu;
  if (probe->due_us != 0 && now - probe->due_us > probe->step_worst_us)
    probe->step_worst_us = now - probe->due_us;
  if (probe->due_us != 0 && now - probe->due_us > probe->worst_late_us)
    {
      probe->worst_late_us = now - probe->due_us;
      probe->worst_step = probe->step;
    }
  probe->due_us = now + PROBE_INTERVAL_MS * 1000;
  probe->ticks++;
  return G_SOURCE_CONTINUE;
}

/* Starts timing the main loop of this thread. */
CaTestProbe *
ca_test_probe_start (void)
{
  CaTestProbe *probe = g_new0 (CaTestProbe, 1);

  probe->source = g_timeout_add (PROBE_INTERVAL_MS, tick_cb, probe);
  return probe;
}

/* Says the worst iteration of the step that ends, so that a slow one can be
 * found, and names the one that begins (%NULL: none). */
void
ca_test_probe_step (CaTestProbe *probe,
                    const char  *step)
{
  if (probe->step != NULL)
    g_test_message ("worst iteration %.1f ms late (at most %.1f ms of CPU) in step: %s",
                    probe->step_worst_us / 1000.0, probe->step_worst_cpu_us / 1000.0, probe->step);
  probe->step = step;
  probe->step_worst_us = 0;
  probe->step_worst_cpu_us = 0;
}

/* Ends the last step, says the worst iteration of all and frees @probe. */
void
ca_test_probe_finish (CaTestProbe *probe)
{
  ca_test_probe_step (probe, NULL);
  g_source_remove (probe->source);
  g_assert_cmpuint (probe->ticks, >, 1);
  g_test_message ("worst main-loop iteration: %.1f ms late on a %d ms timer, %u ticks, in step: %s",
                  probe->worst_late_us / 1000.0, PROBE_INTERVAL_MS, probe->ticks,
                  probe->worst_step != NULL ? probe->worst_step : "none");
  g_test_message ("most CPU time between two ticks: %.1f ms", probe->worst_cpu_us / 1000.0);
  g_free (probe);
}
