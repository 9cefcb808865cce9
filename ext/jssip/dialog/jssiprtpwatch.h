/* gst-jssip
 *
 * JsSipRtpWatch: notices that the far side of an established call is gone
 * without hanging up (its process killed, its network lost), so that the
 * call ends and its recordings are finalized instead of waiting forever.
 *
 * JsSIP ends such a call when the browser's ICE connection fails. The
 * libnice agent of webrtcbin 1.22 sends no connectivity checks once it is
 * connected, so its ICE state never leaves "connected" when the peer
 * vanishes; what does stop is the RTP. The watch reads the media's count
 * of received RTP packets once a second and reports, once:
 * - the peer connection failing (JsSIP's rule), or
 * - no new RTP packet on any inbound stream for @timeout_ms, once some
 *   RTP has been received (RFC 3550 §6.3.5 times out a silent source the
 *   same way; a call that receives nothing is not watched).
 *
 * Runs on the thread of @clock (the UA thread).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_RTP_WATCH_H__
#define __JSSIP_RTP_WATCH_H__

#include <gst/sip/sipclock.h>

#include "jssipmedia.h"

G_BEGIN_DECLS

/* A common choice of SIP user agents: long enough for a network hiccup. */
#define JSSIP_RTP_WATCH_DEFAULT_TIMEOUT_MS 10000

typedef struct _JsSipRtpWatch JsSipRtpWatch;

typedef void (*JsSipRtpWatchFunc) (gpointer user_data);

JsSipRtpWatch *jssip_rtp_watch_new (JsSipMedia * media,
    const GstSipClock * clock, guint timeout_ms, JsSipRtpWatchFunc expired,
    gpointer user_data);
void jssip_rtp_watch_free (JsSipRtpWatch * watch);

/* A new SDP of the peer (a re-INVITE or UPDATE): when it sends nothing
 * (every media recvonly or inactive: RFC 3264 §8.4, a hold), silence is no
 * sign of a vanished peer, and the watch waits for its RTP to come back. */
void jssip_rtp_watch_take_remote_sdp (JsSipRtpWatch * watch,
    const gchar * sdp);

G_END_DECLS

#endif
