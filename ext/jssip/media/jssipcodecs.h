/* gst-jssip
 *
 * The codecs a call can carry: their RTP names and payload types, and the
 * GStreamer elements that encode, payload, depayload and decode them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_CODECS_H__
#define __JSSIP_CODECS_H__

#include <gst/gst.h>

#include "jssipenums.h"

G_BEGIN_DECLS

typedef struct
{
  const gchar *name;            /* as audio-codecs / video-codecs spell it */
  JsSipMediaFlags kind;         /* JSSIP_MEDIA_AUDIO or JSSIP_MEDIA_VIDEO */
  const gchar *encoding_name;   /* RTP caps spelling, as in SDP a=rtpmap */
  gint clock_rate;
  gint channels;                /* encoding parameters; 0: none */
  gint payload;                 /* the payload type we offer */
  const gchar *fmtp;            /* extra caps fields offered, or NULL */
  const gchar *raw;             /* what the encoder takes, or NULL: any */
  /* gst-launch fragments. The encoder list is tried in order: the first
   * whose element is installed wins. */
  const gchar *const *encoders;
  const gchar *payloader;
  const gchar *depayloader;
  const gchar *const *decoders;
} JsSipCodec;

#define JSSIP_CODECS_ERROR (jssip_codecs_error_quark ())
GQuark jssip_codecs_error_quark (void);

typedef enum
{
  JSSIP_CODECS_ERROR_UNKNOWN,   /* a name that is not a codec of that kind */
  JSSIP_CODECS_ERROR_NONE_AVAILABLE,    /* no codec left with its elements */
} JsSipCodecsError;

const JsSipCodec *jssip_codec_find (JsSipMediaFlags kind,
    const gchar * encoding_name, gint clock_rate);

/* The codecs named in @list (comma-separated, in preference order; NULL:
 * every codec of @kind) whose elements are installed for the directions
 * asked. An unknown name is an error; a known codec whose elements are
 * missing is skipped, and it is an error only when none is left. */
GPtrArray *jssip_codecs_parse (const gchar * list, JsSipMediaFlags kind,
    gboolean send, gboolean recv, GError ** error);

/* The RTP caps of @codec, as webrtcbin's codec-preferences take them: with
 * our payload type, or without to match any. */
GstCaps *jssip_codec_to_caps (const JsSipCodec * codec, gboolean with_payload);

/* Transceiver codec-preferences for @codecs. With @offer, payload types are
 * fixed and telephone-event (RFC 4733) is added once per audio clock rate;
 * without, payload types are left open so that webrtcbin intersects them
 * with whatever numbers the remote offer uses. */
GstCaps *jssip_codecs_to_caps (GPtrArray * codecs, gboolean offer);

/* "audioconvert ! audioresample ! opusenc ! rtpopuspay pt=111" and the
 * like, as a bin with ghost pads; NULL when no encoder is installed. */
GstElement *jssip_codec_make_sender (const JsSipCodec * codec, gint payload,
    GError ** error);

/* The depayloader, and the decoder too when @decode, as a bin. */
GstElement *jssip_codec_make_receiver (const JsSipCodec * codec,
    gboolean decode, GError ** error);

G_END_DECLS

#endif
