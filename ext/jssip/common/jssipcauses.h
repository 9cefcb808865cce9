/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_CAUSES_H__
#define __JSSIP_CAUSES_H__

#include <gst/sip/sipcauses.h>

G_BEGIN_DECLS

/* JsSIP's causes that come from the media, not from SIP (JsSIP 3.x
 * JsSIP_C.causes): the SIP core has no media and does not name them. The
 * SIP ones are gst/sip/sipcauses.h's GST_SIP_CAUSE_*. */
#define JSSIP_CAUSE_WEBRTC_ERROR                "WebRTC Error"
#define JSSIP_CAUSE_USER_DENIED_MEDIA_ACCESS    "User Denied Media Access"
#define JSSIP_CAUSE_RTP_TIMEOUT                 "RTP Timeout"

G_END_DECLS

#endif
