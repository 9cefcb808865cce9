/* gst-jssip: SIP core
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sipfakeclock.h"

typedef struct
{
  guint id;
  gint64 due_us;
  GstSipTimerFunc func;
  gpointer user_data;
} FakeTimer;

struct _GstSipFakeClock
{
  GstSipClock clock;
  gint64 now_us;
  guint next_id;
  /* FakeTimer, sorted by due time, then by arming order */
  GList *timers;
};

static gint
fake_timer_compare (gconstpointer a, gconstpointer b)
{
  const FakeTimer *ta = a, *tb = b;

  if (ta->due_us != tb->due_us)
    return ta->due_us < tb->due_us ? -1 : 1;
  return ta->id < tb->id ? -1 : (ta->id > tb->id);
}

static guint
fake_add_timeout (gpointer clock_data, guint ms, GstSipTimerFunc func,
    gpointer user_data)
{
  GstSipFakeClock *fake = clock_data;
  FakeTimer *timer = g_new0 (FakeTimer, 1);

  timer->id = ++fake->next_id;
  timer->due_us = fake->now_us + (gint64) ms *1000;
  timer->func = func;
  timer->user_data = user_data;
  fake->timers = g_list_insert_sorted (fake->timers, timer, fake_timer_compare);
  return timer->id;
}

static void
fake_cancel (gpointer clock_data, guint id)
{
  GstSipFakeClock *fake = clock_data;
  GList *l;

  for (l = fake->timers; l; l = l->next) {
    FakeTimer *timer = l->data;

    if (timer->id == id) {
      fake->timers = g_list_delete_link (fake->timers, l);
      g_free (timer);
      return;
    }
  }
}

static gint64
fake_now_us (gpointer clock_data)
{
  GstSipFakeClock *fake = clock_data;

  return fake->now_us;
}

GstSipFakeClock *
gst_sip_fake_clock_new (void)
{
  GstSipFakeClock *fake = g_new0 (GstSipFakeClock, 1);

  fake->clock.add_timeout = fake_add_timeout;
  fake->clock.cancel = fake_cancel;
  fake->clock.now_us = fake_now_us;
  fake->clock.clock_data = fake;
  return fake;
}

void
gst_sip_fake_clock_free (GstSipFakeClock * fake)
{
  g_list_free_full (fake->timers, g_free);
  g_free (fake);
}

const GstSipClock *
gst_sip_fake_clock_get_clock (GstSipFakeClock * fake)
{
  return &fake->clock;
}

void
gst_sip_fake_clock_advance (GstSipFakeClock * fake, guint ms)
{
  gint64 target_us = fake->now_us + (gint64) ms * 1000;

  while (fake->timers) {
    FakeTimer *timer = fake->timers->data;

    if (timer->due_us > target_us)
      break;
    fake->timers = g_list_delete_link (fake->timers, fake->timers);
    fake->now_us = timer->due_us;
    timer->func (timer->user_data);
    g_free (timer);
  }
  fake->now_us = target_us;
}

gint64
gst_sip_fake_clock_get_now_us (GstSipFakeClock * fake)
{
  return fake->now_us;
}

guint
gst_sip_fake_clock_get_n_pending (GstSipFakeClock * fake)
{
  return g_list_length (fake->timers);
}
