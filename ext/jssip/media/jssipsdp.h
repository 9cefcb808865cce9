/* gst-jssip
 *
 * SDP between webrtcbin and SIP peers: what webrtcbin 1.22 writes is made
 * into what a non-trickle SIP peer expects, and the negotiated codec is
 * read back.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_SDP_H__
#define __JSSIP_SDP_H__

#include <gst/sdp/sdp.h>

#include "jssipcodecs.h"

G_BEGIN_DECLS

/* For a peer that gets the whole SDP at once (vanilla ICE, no trickle):
 * - drops the session-level "a=ice-options:trickle";
 * - adds "a=end-of-candidates" to each m= section that has candidates;
 * - puts the default candidate into c= and the m= port where webrtcbin left
 *   its placeholders (port 9, 0.0.0.0); an m= section without candidates of
 *   its own gets those of the first section of its BUNDLE group.
 * Rejected sections are left alone. */
void jssip_sdp_prepare_for_sip (GstSDPMessage * sdp);

/* Port 0 rejects an m= section (RFC 3264 section 6), unless it is marked
 * bundle-only: then it shares the transport of its BUNDLE group (RFC 8843
 * section 6), as a browser's max-bundle offer does. */
gboolean jssip_sdp_media_is_rejected (const GstSDPMedia * media);

/* TRUE when the session has an "a=group:BUNDLE" (RFC 8843). */
gboolean jssip_sdp_has_bundle (const GstSDPMessage * sdp);

/* The first format of @media that is one of our codecs, and its payload
 * type; NULL when none is (or when the section is rejected). */
const JsSipCodec *jssip_sdp_media_get_codec (const GstSDPMedia * media,
    gint * payload);

/* TRUE when @media offers @codec (same name, clock rate and format
 * parameters, RFC 3264 section 6.1). */
gboolean jssip_sdp_media_offers_codec (const GstSDPMedia * media,
    const JsSipCodec * codec);

/* The RTP caps of the @index-th format of @media, as webrtcbin's codec
 * preferences take them; NULL when there is no such format. */
GstCaps *jssip_sdp_media_get_format_caps (const GstSDPMedia * media,
    guint index);

/* The first m= section of @kind, or NULL. */
const GstSDPMedia *jssip_sdp_find_media (const GstSDPMessage * sdp,
    JsSipMediaFlags kind);

/* Whether @media lets us send (RFC 3264 section 5.1: the direction
 * attribute is seen from its author): from our own SDP (@ours), when it
 * says sendrecv or sendonly; from the peer's, when it says sendrecv or
 * recvonly. Never for a rejected section. */
gboolean jssip_sdp_media_lets_us_send (const GstSDPMedia * media,
    gboolean ours);

/* The kind of an m= section: JSSIP_MEDIA_AUDIO, JSSIP_MEDIA_VIDEO or 0. */
JsSipMediaFlags jssip_sdp_media_get_kind (const GstSDPMedia * media);

G_END_DECLS

#endif
