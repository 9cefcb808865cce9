/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "jssipcontextclock.h"

struct _JsSipContextClock
{
  GstSipClock iface;
  GMainContext *context;
  GHashTable *timers;           /* id -> GSource */
  guint next_id;
};

typedef struct
{
  JsSipContextClock *clock;
  guint id;
  GstSipTimerFunc func;
  gpointer user_data;
} Timer;

static gboolean
timer_fired (gpointer data)
{
  Timer *timer = data;
  GstSipTimerFunc func = timer->func;
  gpointer user_data = timer->user_data;

  /* The timer is forgotten before its callback runs: the contract of
   * sipclock.h is that a fired timer needs no cancel, and the callback may
   * well arm a new one. Removing it destroys the source and frees @timer. */
  g_hash_table_remove (timer->clock->timers, GUINT_TO_POINTER (timer->id));
  func (user_data);
  return G_SOURCE_REMOVE;
}

static void
destroy_source (gpointer data)
{
  GSource *source = data;

  g_source_destroy (source);
  g_source_unref (source);
}

static guint
context_add_timeout (gpointer clock_data, guint ms, GstSipTimerFunc func,
    gpointer user_data)
{
  JsSipContextClock *clock = clock_data;
  GSource *source = g_timeout_source_new (ms);
  Timer *timer = g_new0 (Timer, 1);

  if (++clock->next_id == 0)
    clock->next_id = 1;
  timer->clock = clock;
  timer->id = clock->next_id;
  timer->func = func;
  timer->user_data = user_data;
  g_source_set_callback (source, timer_fired, timer, g_free);
  g_source_attach (source, clock->context);
  g_hash_table_insert (clock->timers, GUINT_TO_POINTER (timer->id), source);
  return timer->id;
}

static void
context_cancel (gpointer clock_data, guint id)
{
  JsSipContextClock *clock = clock_data;

  g_hash_table_remove (clock->timers, GUINT_TO_POINTER (id));
}

static gint64
context_now_us (gpointer clock_data)
{
  return g_get_monotonic_time ();
}

JsSipContextClock *
jssip_context_clock_new (GMainContext * context)
{
  JsSipContextClock *clock = g_new0 (JsSipContextClock, 1);

  clock->iface.add_timeout = context_add_timeout;
  clock->iface.cancel = context_cancel;
  clock->iface.now_us = context_now_us;
  clock->iface.clock_data = clock;
  clock->context = g_main_context_ref (context);
  clock->timers = g_hash_table_new_full (NULL, NULL, NULL, destroy_source);
  return clock;
}

void
jssip_context_clock_free (JsSipContextClock * clock)
{
  if (!clock)
    return;
  g_hash_table_destroy (clock->timers);
  g_main_context_unref (clock->context);
  g_free (clock);
}

const GstSipClock *
jssip_context_clock_get (JsSipContextClock * clock)
{
  return &clock->iface;
}
