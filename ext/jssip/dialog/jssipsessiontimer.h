/* gst-jssip
 *
 * JsSipSessionTimer: the session timer of one call (RFC 4028). It reads
 * and writes Session-Expires and Min-SE, settles who refreshes the session
 * (the refresher), and runs two timers on the UA's clock: the refresher
 * asks for a refresh at half the interval (§10), the other side ends the
 * call when no refresh came, min(32 s, interval/3) before the session
 * would expire (§10).
 *
 * The INVITE session tells it about every session refresh request and its
 * 2xx, in both directions; it tells the INVITE session, through its
 * callbacks, when to send a refresh (jssip_session_timer_send_refresh()
 * does) and when the call must end.
 *
 * JsSIP's defaults (JsSIP 3.x): our INVITE asks for
 * Session-Expires: 90 without a refresher; a refresh is an UPDATE without
 * SDP when the peer allows UPDATE, else a re-INVITE with our current SDP.
 * Unlike JsSIP, a 422 (Session Interval Too Small) is followed once with
 * the Min-SE it names (§7.1).
 *
 * Every function runs on the UA thread, and so do the callbacks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_SESSION_TIMER_H__
#define __JSSIP_SESSION_TIMER_H__

#include <gst/sip/sipclock.h>
#include <gst/sip/sipdialog.h>
#include <gst/sip/sipmessage.h>

#include "jssipua.h"

G_BEGIN_DECLS

/* JsSIP's Session-Expires, and the lowest Min-SE RFC 4028 §4 allows: the
 * interval we ask for and the least we accept. */
#define JSSIP_SESSION_TIMER_INTERVAL 90
#define JSSIP_SESSION_TIMER_MIN_SE 90

typedef struct _JsSipSessionTimer JsSipSessionTimer;

typedef struct
{
  /* We are the refresher and half the interval has passed: send a
   * refresh with jssip_session_timer_send_refresh(). */
  void (*refresh) (JsSipSessionTimer * timer, gpointer user_data);
  /* The session is over (it expired, or our refresh failed for good):
   * end the call with BYE carrying Reason @status_code @reason_phrase,
   * as "ended" with @cause. The timer is stopped. */
  void (*end) (JsSipSessionTimer * timer, const gchar * cause,
      guint status_code, const gchar * reason_phrase, gpointer user_data);
} JsSipSessionTimerCallbacks;

JsSipSessionTimer *jssip_session_timer_new (const GstSipClock * clock,
    const JsSipSessionTimerCallbacks * callbacks, gpointer user_data);
/* Stops it; a refresh in flight is abandoned. */
void jssip_session_timer_free (JsSipSessionTimer * timer);
/* Disarms both timers and forgets a refresh in flight (the call is
 * over). */
void jssip_session_timer_stop (JsSipSessionTimer * timer);

/* ---- we send the request (UAC of the INVITE or of a refresh) */

/* Session-Expires (and Min-SE once a 422 raised it) for our INVITE; the
 * INVITE's Supported must list "timer". */
void jssip_session_timer_add_request_headers (JsSipSessionTimer * timer,
    GstSipMessage * request);
/* A 422 to our INVITE: TRUE if it should be sent again (once), with the
 * interval raised to the 422's Min-SE (RFC 4028 §7.1, §6). */
gboolean jssip_session_timer_take_422 (JsSipSessionTimer * timer,
    const GstSipMessage * response);
/* A 2xx to our INVITE (or refresh): the interval and refresher it names
 * (§7.2), and whether the peer allows UPDATE; (re)arms the timers. */
void jssip_session_timer_take_success (JsSipSessionTimer * timer,
    const GstSipMessage * response);

/* Sends a session refresh in @dialog (§7.4): an UPDATE without body if
 * the peer allows UPDATE, else a re-INVITE offering @sdp. Its 2xx re-arms
 * the timers (a 2xx to the re-INVITE is ACKed); a 422 raises the interval
 * and refreshes again at once; a timeout, 408 or 481 ends the call (§10);
 * any other failure leaves the session to expire. @dialog must outlive
 * the refresh: stop the timer before freeing it. */
void jssip_session_timer_send_refresh (JsSipSessionTimer * timer,
    JsSipUa * ua, GstSipDialog * dialog, const gchar * sdp);

/* ---- we answer the request (UAS of the INVITE or of a refresh) */

/* 0 if @request (an INVITE or UPDATE) may be answered 2xx, else 422 with
 * the header line to send with it ("Min-SE: 90") in *@min_se_line (free
 * it; may be NULL): its Session-Expires is below our Min-SE (§9). */
guint jssip_session_timer_check_request (const GstSipMessage * request,
    gchar ** min_se_line);
/* Our 2xx to @request: settles interval and refresher (§9), writes
 * Session-Expires;refresher (and Require: timer when the UAC refreshes)
 * into @response, and (re)arms the timers. */
void jssip_session_timer_answer (JsSipSessionTimer * timer,
    const GstSipMessage * request, GstSipMessage * response);

/* ---- state, for logs and tests */

/* The negotiated interval in seconds, 0 while none runs. */
guint jssip_session_timer_get_interval (JsSipSessionTimer * timer);
gboolean jssip_session_timer_is_refresher (JsSipSessionTimer * timer);

G_END_DECLS

#endif
