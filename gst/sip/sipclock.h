/* gst-jssip: SIP core
 *
 * The injected clock. The SIP core reads no clock and arms no timer of its
 * own: every timer of the transaction layer and of the dialogs goes through
 * one of these, so that the user agent runs them on its GMainContext and the
 * unit tests run them on a fake clock (tests/lib/sipfakeclock.h) they advance by hand.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_SIP_CLOCK_H__
#define __GST_SIP_CLOCK_H__

#include <glib.h>

G_BEGIN_DECLS

/* Called once when a timer expires; the timer is gone by then, so the
 * callback needs no cancel. */
typedef void (*GstSipTimerFunc) (gpointer user_data);

/* A timer source. @add_timeout arms a one-shot timer and returns a non-zero
 * id; @cancel disarms a timer that has not fired yet (cancelling an id that
 * fired or was cancelled already is harmless); @now_us returns a monotonic
 * time in microseconds. All three run on the thread that drives the SIP
 * core, and callbacks fire on that thread too. */
typedef struct
{
  guint (*add_timeout) (gpointer clock_data, guint ms, GstSipTimerFunc func,
      gpointer user_data);
  void (*cancel) (gpointer clock_data, guint id);
  gint64 (*now_us) (gpointer clock_data);
  gpointer clock_data;
} GstSipClock;

/* RFC 3261 §17.1.1.1 timer bases, as JsSIP uses them. */
#define GST_SIP_T1_MS 500
#define GST_SIP_T2_MS 4000
/* Timers B, F, H, L and M (RFC 3261 §17, RFC 6026 §8.4/§8.7). */
#define GST_SIP_TIMEOUT_64T1_MS (64 * GST_SIP_T1_MS)

static inline guint
gst_sip_clock_add_timeout (const GstSipClock * clock, guint ms,
    GstSipTimerFunc func, gpointer user_data)
{
  return clock->add_timeout (clock->clock_data, ms, func, user_data);
}

/* Cancels *@id if set and zeroes it, so that a stored id is never cancelled
 * twice. */
static inline void
gst_sip_clock_clear_timeout (const GstSipClock * clock, guint * id)
{
  if (*id != 0) {
    clock->cancel (clock->clock_data, *id);
    *id = 0;
  }
}

static inline gint64
gst_sip_clock_now_us (const GstSipClock * clock)
{
  return clock->now_us (clock->clock_data);
}

G_END_DECLS

#endif
