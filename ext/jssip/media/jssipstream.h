/* gst-jssip
 *
 * The chains between the user's pipeline and webrtcbin, inside the media
 * object's private pipeline:
 *
 *   send:    user bin: proxysink | proxysrc (! to 48 kHz) ! valve ! encode
 *            ! webrtcbin
 *   receive: webrtcbin ! depay (! decode) ! proxysink | proxysrc: user bin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_STREAM_H__
#define __JSSIP_STREAM_H__

#include <gst/gst.h>

#include "jssipcodecs.h"

G_BEGIN_DECLS

typedef struct _JsSipSendStream JsSipSendStream;
typedef struct _JsSipRecvStream JsSipRecvStream;

/* Adds the private half to @pipeline and returns the user half, a floating
 * proxysink. Buffers are dropped until jssip_send_stream_start(). */
JsSipSendStream *jssip_send_stream_new (GstBin * pipeline,
    JsSipMediaFlags kind, GstElement ** user_sink);

/* Encodes to @codec with payload type @payload into @webrtc_sink. */
gboolean jssip_send_stream_start (JsSipSendStream * stream,
    const JsSipCodec * codec, gint payload, GstPad * webrtc_sink,
    GError ** error);

void jssip_send_stream_free (JsSipSendStream * stream);

/* Adds the depayloader (and decoder) to @pipeline. The user half is a
 * proxysrc, see jssip_recv_stream_get_user_src(). */
JsSipRecvStream *jssip_recv_stream_new (GstBin * pipeline,
    const JsSipCodec * codec, gboolean decode, GError ** error);

/* Feeds the stream from @webrtc_src, unlinking the pad that fed it before:
 * one user pad survives a new SSRC (a new webrtcbin pad). */
gboolean jssip_recv_stream_attach (JsSipRecvStream * stream,
    GstPad * webrtc_src);

/* (transfer none) the proxysrc for the user's bin. */
GstElement *jssip_recv_stream_get_user_src (JsSipRecvStream * stream);

/* Lets EOS through, and sends one: until then EOS from webrtcbin (a
 * transceiver going inactive) is dropped. */
void jssip_recv_stream_end (JsSipRecvStream * stream);

void jssip_recv_stream_free (JsSipRecvStream * stream);

G_END_DECLS

#endif
