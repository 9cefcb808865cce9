/* gst-jssip: SIP core
 *
 * A GstSipClock whose time only moves when told to: tests advance it by
 * hand and every timer due by then fires, in due order, at its own time.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_SIP_FAKE_CLOCK_H__
#define __GST_SIP_FAKE_CLOCK_H__

#include <gst/sip/sipclock.h>

G_BEGIN_DECLS

typedef struct _GstSipFakeClock GstSipFakeClock;

/* Starts at time 0. */
GstSipFakeClock *gst_sip_fake_clock_new (void);
void gst_sip_fake_clock_free (GstSipFakeClock * fake);

/* The clock to inject; valid as long as @fake. */
const GstSipClock *gst_sip_fake_clock_get_clock (GstSipFakeClock * fake);

/* Moves time forward by @ms, firing every timer that falls due on the way
 * (timers armed by those callbacks included) with the clock showing each
 * timer's due time while it runs. advance (0) fires the zero-delay timers. */
void gst_sip_fake_clock_advance (GstSipFakeClock * fake, guint ms);

gint64 gst_sip_fake_clock_get_now_us (GstSipFakeClock * fake);
guint gst_sip_fake_clock_get_n_pending (GstSipFakeClock * fake);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipFakeClock, gst_sip_fake_clock_free)

G_END_DECLS

#endif
