/* gst-jssip
 *
 * The media half of a call: one webrtcbin in a private pipeline, with the
 * encoders and decoders around it, driven by SDP strings. It knows nothing
 * of SIP; the call layer gives it the remote SDP and sends what it returns.
 *
 * Media crosses between the user's pipeline and the private one through
 * proxysink/proxysrc pairs, so both pipelines must run on the same clock
 * and base time: see jssip_media_set_clock().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_MEDIA_H__
#define __JSSIP_MEDIA_H__

#include <gio/gio.h>
#include <gst/gst.h>

#include "jssipenums.h"

G_BEGIN_DECLS

#define JSSIP_MEDIA_DEFAULT_LATENCY 60  /* ms */
#define JSSIP_MEDIA_DEFAULT_ICE_GATHERING_TIMEOUT 1000  /* ms */

typedef struct
{
  /* Preference order, comma-separated ("opus,g722,pcmu,pcma",
   * "vp8,h264,vp9"); NULL: every codec whose elements are installed. */
  const gchar *audio_codecs;
  const gchar *video_codecs;
  /* Which media we send and which we want to receive. A kind neither sent
   * nor received is not offered. */
  JsSipMediaFlags send;
  JsSipMediaFlags recv;
  /* Comma-separated local IP addresses ICE gathers on; NULL: all. */
  const gchar *ice_addresses;
  const gchar *stun_server;     /* stun://host:port, or NULL */
  const gchar *const *turn_servers;     /* turn(s)://user:pass@host:port */
  guint ice_gathering_timeout;  /* ms */
  guint latency;                /* ms, receive jitterbuffer */
  gboolean decode;              /* FALSE: remote streams stay encoded */
} JsSipMediaConfig;

#define JSSIP_MEDIA_ERROR (jssip_media_error_quark ())
GQuark jssip_media_error_quark (void);

typedef enum
{
  /* The remote SDP cannot be parsed or webrtcbin refused it: the call
   * layer answers 488 / ends with JsSIP's "Bad Media Description". */
  JSSIP_MEDIA_ERROR_BAD_DESCRIPTION,
  /* No codec in common: "Incompatible SDP". */
  JSSIP_MEDIA_ERROR_INCOMPATIBLE,
  /* webrtcbin failed, or an element is missing: "WebRTC Error". */
  JSSIP_MEDIA_ERROR_WEBRTC,
  /* The configuration is invalid (unknown codec name...). */
  JSSIP_MEDIA_ERROR_CONFIG,
  /* Called in the wrong order (an answer before an offer...). */
  JSSIP_MEDIA_ERROR_STATE,
} JsSipMediaError;

#define JSSIP_TYPE_MEDIA (jssip_media_get_type ())
G_DECLARE_FINAL_TYPE (JsSipMedia, jssip_media, JSSIP, MEDIA, GObject);

/* Process-wide preparation, paid once (later calls return at once):
 * generates the DTLS certificate every webrtcbin of the process shares and
 * loads the webrtc plugins, so that the first call does not wait for them.
 * Returns FALSE when webrtcbin or the DTLS elements are not installed. */
gboolean jssip_media_prepare_process (void);

void jssip_media_config_init (JsSipMediaConfig * config);

JsSipMedia *jssip_media_new (const JsSipMediaConfig * config, GError ** error);

/* Runs the private pipeline on the user pipeline's clock and base time;
 * until then it waits in READY and no media flows. Call it when the user's
 * pipeline goes to PLAYING (and again if its base time changes). */
void jssip_media_set_clock (JsSipMedia * media, GstClock * clock,
    GstClockTime base_time);

/* A proxysink (floating) for the user's bin: raw audio or video linked into
 * it is encoded to the negotiated codec and sent. Before the negotiation
 * ends, what arrives is dropped. One sink per kind; NULL when that kind is
 * not sent or already has its sink. */
GstElement *jssip_media_request_sink (JsSipMedia * media, JsSipMediaFlags kind);

/* Offer/answer (RFC 3264) with vanilla ICE: the SDP returned holds every
 * candidate gathered within ice-gathering-timeout, and is prepared for SIP
 * peers (see jssipsdp.h). The callback runs in the thread-default main
 * context of the caller. */
void jssip_media_create_offer_async (JsSipMedia * media,
    GCancellable * cancellable, GAsyncReadyCallback callback,
    gpointer user_data);
gchar *jssip_media_create_offer_finish (JsSipMedia * media,
    GAsyncResult * result, GError ** error);

void jssip_media_create_answer_async (JsSipMedia * media,
    const gchar * remote_offer, GCancellable * cancellable,
    GAsyncReadyCallback callback, gpointer user_data);
gchar *jssip_media_create_answer_finish (JsSipMedia * media,
    GAsyncResult * result, GError ** error);

/* Applies the remote answer to our offer. Blocks for webrtcbin to apply it
 * (a few ms); media starts flowing once ICE and DTLS connect. */
gboolean jssip_media_set_remote_answer (JsSipMedia * media,
    const gchar * remote_answer, GError ** error);

/* Our current local SDP as last returned (for answering a refresh or a
 * hold at the SIP layer), or NULL before one exists. */
gchar *jssip_media_get_local_sdp (JsSipMedia * media);

/* RTP packets that webrtcbin has handed us on the streams we receive, so
 * far (it wraps: compare for change). Counted where they leave webrtcbin,
 * not read from its statistics, which cost a structure per call and take
 * webrtcbin's locks from our thread. */
guint jssip_media_get_packets_received (JsSipMedia * media);

/* Ends every remote stream with EOS. Until this is called, an EOS coming
 * out of webrtcbin (a transceiver going inactive on hold) is swallowed, so
 * that the user's pads survive a hold. */
void jssip_media_end (JsSipMedia * media);

/* Stops the media for good: webrtcbin and everything fed into it go to
 * NULL. Whatever the user's streaming threads are waiting for inside it
 * (webrtcbin holds the sending streams until DTLS is up, so a serialized
 * query or event can wait forever on a call whose media never connected)
 * returns flushing, and the user's pads can take their EOS. Call it after
 * jssip_media_end(), on a call that is over. */
void jssip_media_shut_down (JsSipMedia * media);

/* webrtcbin's get-stats, whole (transfer full). */
GstStructure *jssip_media_get_stats (JsSipMedia * media);

G_END_DECLS

#endif
