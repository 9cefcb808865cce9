/* gst-jssip
 *
 * The SIP core's injected clock (gst/sip/sipclock.h) on a GMainContext:
 * timers become GSources attached to the user agent's context, so they
 * fire on the thread that runs all SIP work.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_CLOCK_H__
#define __JSSIP_CLOCK_H__

#include <gst/sip/sipclock.h>

G_BEGIN_DECLS

typedef struct _JsSipContextClock JsSipContextClock;

JsSipContextClock *jssip_context_clock_new (GMainContext * context);
/* Cancels every pending timer. */
void jssip_context_clock_free (JsSipContextClock * clock);
/* The GstSipClock to hand to the SIP core; valid as long as @clock. */
const GstSipClock *jssip_context_clock_get (JsSipContextClock * clock);

G_END_DECLS

#endif
