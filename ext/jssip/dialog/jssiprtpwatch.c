/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <gst/sdp/sdp.h>
#include <gst/webrtc/webrtc.h>

#include "jssiprtpwatch.h"

GST_DEBUG_CATEGORY_STATIC (jssip_rtp_watch_debug);
#define GST_CAT_DEFAULT jssip_rtp_watch_debug

#define POLL_INTERVAL_MS 1000

struct _JsSipRtpWatch
{
  JsSipMedia *media;
  const GstSipClock *clock;
  guint timeout_ms;
  JsSipRtpWatchFunc expired;
  gpointer user_data;

  guint timer;
  guint last_packets;           /* RTP packets received, at the last poll */
  gint64 last_packet_us;        /* when that count last grew; 0: never */
  gboolean peer_silent;         /* the peer said it sends nothing */
};

static gboolean
connection_failed (JsSipMedia * media)
{
  GstWebRTCPeerConnectionState state;

  g_object_get (media, "connection-state", &state, NULL);
  return state == GST_WEBRTC_PEER_CONNECTION_STATE_FAILED;
}

static gboolean
poll_expired (JsSipRtpWatch * watch)
{
  guint packets = jssip_media_get_packets_received (watch->media);
  gint64 now = gst_sip_clock_now_us (watch->clock);

  if (connection_failed (watch->media)) {
    GST_INFO ("the peer connection failed");
    return TRUE;
  }
  if (packets != watch->last_packets)
    watch->last_packet_us = now;
  watch->last_packets = packets;
  if (watch->peer_silent)
    watch->last_packet_us = 0;
  if (watch->last_packet_us == 0
      || now - watch->last_packet_us < watch->timeout_ms * (gint64) 1000)
    return FALSE;
  GST_INFO ("no RTP for %u ms", watch->timeout_ms);
  return TRUE;
}

static void
on_poll (gpointer user_data)
{
  JsSipRtpWatch *watch = user_data;

  watch->timer = 0;
  if (poll_expired (watch)) {
    watch->expired (watch->user_data);
    return;
  }
  watch->timer = gst_sip_clock_add_timeout (watch->clock, POLL_INTERVAL_MS,
      on_poll, watch);
}

JsSipRtpWatch *
jssip_rtp_watch_new (JsSipMedia * media, const GstSipClock * clock,
    guint timeout_ms, JsSipRtpWatchFunc expired, gpointer user_data)
{
  static gsize debug_initialized;
  JsSipRtpWatch *watch = g_new0 (JsSipRtpWatch, 1);

  if (g_once_init_enter (&debug_initialized)) {
    GST_DEBUG_CATEGORY_INIT (jssip_rtp_watch_debug, "jssiprtpwatch", 0,
        "RTP timeout of established calls");
    g_once_init_leave (&debug_initialized, 1);
  }
  watch->media = g_object_ref (media);
  watch->clock = clock;
  watch->timeout_ms = timeout_ms;
  watch->expired = expired;
  watch->user_data = user_data;
  watch->timer = gst_sip_clock_add_timeout (clock, POLL_INTERVAL_MS, on_poll,
      watch);
  return watch;
}

void
jssip_rtp_watch_free (JsSipRtpWatch * watch)
{
  gst_sip_clock_clear_timeout (watch->clock, &watch->timer);
  g_object_unref (watch->media);
  g_free (watch);
}

/* RFC 3264 §5.1: a media's direction is its own attribute, or the
 * session's, or sendrecv. */
static gboolean
media_sends (const GstSDPMessage * sdp, const GstSDPMedia * media)
{
  const gchar *silent[] = { "recvonly", "inactive" };

  for (guint i = 0; i < G_N_ELEMENTS (silent); i++) {
    if (gst_sdp_media_get_attribute_val (media, silent[i])
        || gst_sdp_message_get_attribute_val (sdp, silent[i]))
      return FALSE;
  }
  return TRUE;
}

void
jssip_rtp_watch_take_remote_sdp (JsSipRtpWatch * watch, const gchar * text)
{
  GstSDPMessage *sdp;
  gboolean silent = TRUE;

  if (gst_sdp_message_new_from_text (text, &sdp) != GST_SDP_OK)
    return;
  for (guint i = 0; i < gst_sdp_message_medias_len (sdp); i++)
    if (media_sends (sdp, gst_sdp_message_get_media (sdp, i)))
      silent = FALSE;
  gst_sdp_message_free (sdp);
  if (silent != watch->peer_silent)
    GST_INFO ("the peer %s", silent ? "sends nothing: not watched" :
        "sends again");
  watch->peer_silent = silent;
}
