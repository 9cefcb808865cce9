/* gst-jssip
 *
 * The media object: webrtcbin in a private pipeline, offer/answer with
 * vanilla ICE, and the streams in and out. docs/media.md explains the
 * choices made for webrtcbin 1.22.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipmedia.h"

#include <string.h>

#include <gst/webrtc/webrtc.h>
#include <openssl/crypto.h>

#include "jssipcodecs.h"
#include "jssipsdp.h"
#include "jssipstream.h"

GST_DEBUG_CATEGORY_STATIC (jssip_media_debug);
#define GST_CAT_DEFAULT jssip_media_debug

G_DEFINE_QUARK (jssip_media_error_quark, jssip_media_error);

/* Index of the per-kind arrays below. */
enum
{
  AUDIO,
  VIDEO,
  N_KINDS
};

static const JsSipMediaFlags kinds[N_KINDS] =
    { JSSIP_MEDIA_AUDIO, JSSIP_MEDIA_VIDEO };

typedef enum
{
  ROLE_NONE,
  ROLE_OFFERER,
  ROLE_ANSWERER,
} Role;

struct _JsSipMedia
{
  GObject parent;

  /* Set at construction, read-only after. */
  GPtrArray *codecs[N_KINDS];
  JsSipMediaFlags send;
  JsSipMediaFlags recv;
  guint ice_gathering_timeout;
  gboolean decode;
  GstElement *pipeline;
  GstElement *webrtcbin;

  /* The lock is never held while calling into webrtcbin: webrtcbin calls
   * back into us from its own threads. */
  GMutex lock;
  GCond gathering_cond;
  gboolean gathering_seen;
  gboolean gathering_complete;
  Role role;
  gboolean ended;
  gchar *local_sdp;
  GstWebRTCRTPTransceiver *transceivers[N_KINDS];
  const JsSipCodec *send_codec[N_KINDS];
  gint send_payload[N_KINDS];
  gboolean send_started[N_KINDS];
  JsSipSendStream *senders[N_KINDS];
  JsSipRecvStream *receivers[N_KINDS];
  gint packets_received;        /* atomic; wraps */
};

enum
{
  PROP_0,
  PROP_CONNECTION_STATE,
  N_PROPERTIES
};

enum
{
  SIGNAL_REMOTE_STREAM,
  SIGNAL_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPERTIES];
static guint signals[N_SIGNALS];

G_DEFINE_TYPE_WITH_CODE (JsSipMedia, jssip_media, G_TYPE_OBJECT,
    GST_DEBUG_CATEGORY_INIT (jssip_media_debug, "jssipmedia", 0,
        "gst-jssip media (webrtcbin)"));

static gint
kind_index (JsSipMediaFlags kind)
{
  return kind == JSSIP_MEDIA_AUDIO ? AUDIO : kind == JSSIP_MEDIA_VIDEO ?
      VIDEO : -1;
}

static const gchar *
kind_name (guint k)
{
  return k == AUDIO ? "audio" : "video";
}

/* ---------------------------------------------------------------------- */
/* Process-wide preparation */

static gboolean
load_factory (const gchar * name)
{
  GstElementFactory *factory = gst_element_factory_find (name);
  GstPluginFeature *loaded;

  if (factory == NULL) {
    GST_ERROR ("element %s is not installed", name);
    return FALSE;
  }
  loaded = gst_plugin_feature_load (GST_PLUGIN_FEATURE (factory));
  gst_object_unref (factory);
  if (loaded == NULL)
    return FALSE;
  gst_object_unref (loaded);
  return TRUE;
}

/* The first dtlsdec of a process generates a certificate (70-350 ms) and
 * keeps it for every later DTLS transport that is given none, which is
 * every one webrtcbin creates. */
static gboolean
generate_dtls_certificate (void)
{
  gint64 started = g_get_monotonic_time ();
  GstElement *dtls = gst_element_factory_make ("dtlsdec", NULL);

  if (dtls == NULL)
    return FALSE;
  gst_object_unref (gst_object_ref_sink (dtls));
  GST_INFO ("DTLS certificate ready in %" G_GINT64_FORMAT " us",
      g_get_monotonic_time () - started);
  return TRUE;
}

/* One element of each plugin that every call loads, webrtcbin's own
 * included: loading a plugin takes up to 100 ms. */
static const gchar *const elements_of_every_call[] = {
  "webrtcbin", "nicesrc", "dtlssrtpenc", "srtpenc", "rtpbin", "rtpopuspay",
  "proxysrc", "valve",
};

/* OpenSSL 3.0, which the DTLS plugin uses, frees every thread's state from
 * an atexit() handler, while GStreamer's streaming and pool threads may
 * still be ending and freeing their own: a double free at exit (seen as
 * "malloc_consolidate(): invalid chunk size" aborts of processes that had
 * made calls, and by ASan in OPENSSL_cleanup). OpenSSL's maintainers advise
 * no atexit cleanup (openssl/openssl#6214); the kernel frees the memory.
 * Only the first initialization of the process chooses, so this comes
 * before the DTLS plugin's first use of OpenSSL. */
static void
keep_openssl_from_cleaning_up_at_exit (void)
{
  if (!OPENSSL_init_crypto (OPENSSL_INIT_NO_ATEXIT, NULL))
    GST_WARNING ("OpenSSL did not initialize");
}

gboolean
jssip_media_prepare_process (void)
{
  static gsize prepared = 0;
  static gboolean ready = FALSE;

  if (g_once_init_enter (&prepared)) {
    keep_openssl_from_cleaning_up_at_exit ();
    g_type_ensure (JSSIP_TYPE_MEDIA);
    ready = TRUE;
    for (guint i = 0; i < G_N_ELEMENTS (elements_of_every_call); i++)
      ready = load_factory (elements_of_every_call[i]) && ready;
    ready = ready && generate_dtls_certificate ();
    g_once_init_leave (&prepared, 1);
  }
  return ready;
}

/* ---------------------------------------------------------------------- */
/* Construction */

void
jssip_media_config_init (JsSipMediaConfig * config)
{
  memset (config, 0, sizeof (*config));
  config->send = JSSIP_MEDIA_ALL;
  config->recv = JSSIP_MEDIA_ALL;
  config->ice_gathering_timeout = JSSIP_MEDIA_DEFAULT_ICE_GATHERING_TIMEOUT;
  config->latency = JSSIP_MEDIA_DEFAULT_LATENCY;
  config->decode = TRUE;
}

static gboolean
parse_codecs (JsSipMedia * media, const JsSipMediaConfig * config,
    GError ** error)
{
  for (guint k = 0; k < N_KINDS; k++) {
    const gchar *list = k == AUDIO ? config->audio_codecs :
        config->video_codecs;
    GError *codec_error = NULL;

    if (!((config->send | config->recv) & kinds[k]))
      continue;
    media->codecs[k] = jssip_codecs_parse (list, kinds[k],
        (config->send & kinds[k]) != 0, (config->recv & kinds[k]) != 0,
        &codec_error);
    if (media->codecs[k] == NULL) {
      g_set_error (error, JSSIP_MEDIA_ERROR, JSSIP_MEDIA_ERROR_CONFIG,
          "%s-codecs: %s", kind_name (k), codec_error->message);
      g_error_free (codec_error);
      return FALSE;
    }
  }
  return TRUE;
}

/* libnice's UPnP costs ~200 ms of gathering per side and multicasts SSDP
 * off the host; ICE-TCP doubles the candidates for peers (rtpengine,
 * Asterisk, browsers) that all do UDP. Gathering only on the given
 * addresses also makes a host with nothing but loopback work. */
static gboolean
configure_ice (JsSipMedia * media, const gchar * addresses, GError ** error)
{
  GObject *ice = NULL;
  GObject *agent = NULL;
  gboolean ok = TRUE;

  g_object_get (media->webrtcbin, "ice-agent", &ice, NULL);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (ice), "agent"))
    g_object_get (ice, "agent", &agent, NULL);
  if (agent != NULL) {
    g_object_set (agent, "upnp", FALSE, NULL);
    g_object_unref (agent);
  } else {
    GST_WARNING ("not a libnice ICE agent: cannot turn UPnP off");
  }
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (ice), "ice-tcp"))
    g_object_set (ice, "ice-tcp", FALSE, NULL);

  if (addresses != NULL) {
    gchar **list = g_strsplit (addresses, ",", -1);

    for (gchar ** address = list; ok && *address != NULL; address++) {
      g_signal_emit_by_name (ice, "add-local-ip-address",
          g_strstrip (*address), &ok);
      if (!ok)
        g_set_error (error, JSSIP_MEDIA_ERROR, JSSIP_MEDIA_ERROR_CONFIG,
            "ice-addresses: '%s' is not a usable local address", *address);
    }
    g_strfreev (list);
  }
  g_object_unref (ice);
  return ok;
}

static gboolean
configure_servers (JsSipMedia * media, const JsSipMediaConfig * config,
    GError ** error)
{
  if (config->stun_server != NULL)
    g_object_set (media->webrtcbin, "stun-server", config->stun_server, NULL);
  for (guint i = 0; config->turn_servers && config->turn_servers[i]; i++) {
    gboolean ok = FALSE;

    g_signal_emit_by_name (media->webrtcbin, "add-turn-server",
        config->turn_servers[i], &ok);
    if (!ok) {
      g_set_error (error, JSSIP_MEDIA_ERROR, JSSIP_MEDIA_ERROR_CONFIG,
          "turn-servers: '%s' is not a TURN URI", config->turn_servers[i]);
      return FALSE;
    }
  }
  return TRUE;
}

static void on_gathering_state (GstElement * webrtcbin, GParamSpec * pspec,
    JsSipMedia * media);
static void on_connection_state (GstElement * webrtcbin, GParamSpec * pspec,
    JsSipMedia * media);
static void on_pad_added (GstElement * webrtcbin, GstPad * pad,
    JsSipMedia * media);
static GstBusSyncReply on_private_message (GstBus * bus, GstMessage * message,
    gpointer user_data);

static gboolean
build_pipeline (JsSipMedia * media, const JsSipMediaConfig * config,
    GError ** error)
{
  GstBus *bus;

  media->pipeline = gst_object_ref_sink (gst_pipeline_new (NULL));
  media->webrtcbin = gst_element_factory_make ("webrtcbin", NULL);
  gst_bin_add (GST_BIN (media->pipeline), media->webrtcbin);
  /* Offers use no BUNDLE: see create_answer for answers. */
  g_object_set (media->webrtcbin,
      "bundle-policy", GST_WEBRTC_BUNDLE_POLICY_NONE,
      "latency", config->latency, NULL);
  if (!configure_ice (media, config->ice_addresses, error)
      || !configure_servers (media, config, error))
    return FALSE;

  g_signal_connect (media->webrtcbin, "notify::ice-gathering-state",
      G_CALLBACK (on_gathering_state), media);
  g_signal_connect (media->webrtcbin, "notify::connection-state",
      G_CALLBACK (on_connection_state), media);
  g_signal_connect (media->webrtcbin, "pad-added",
      G_CALLBACK (on_pad_added), media);
  bus = gst_pipeline_get_bus (GST_PIPELINE (media->pipeline));
  gst_bus_set_sync_handler (bus, on_private_message, media, NULL);
  gst_object_unref (bus);

  /* PAUSED, not READY: the send bridges accept data from the start (a
   * flushing bridge would stop the user's source). Live nicesrc only
   * receives in PLAYING, after jssip_media_set_clock(). */
  if (gst_element_set_state (media->pipeline, GST_STATE_PAUSED)
      == GST_STATE_CHANGE_FAILURE) {
    g_set_error (error, JSSIP_MEDIA_ERROR, JSSIP_MEDIA_ERROR_WEBRTC,
        "the webrtcbin pipeline cannot start");
    return FALSE;
  }
  return TRUE;
}

JsSipMedia *
jssip_media_new (const JsSipMediaConfig * config, GError ** error)
{
  JsSipMedia *media;

  if (!jssip_media_prepare_process ()) {
    g_set_error (error, JSSIP_MEDIA_ERROR, JSSIP_MEDIA_ERROR_WEBRTC,
        "webrtcbin, nicesrc or dtlsdec is not installed");
    return NULL;
  }
  media = g_object_new (JSSIP_TYPE_MEDIA, NULL);
  media->send = config->send;
  media->recv = config->recv;
  media->ice_gathering_timeout = config->ice_gathering_timeout;
  media->decode = config->decode;
  if (!parse_codecs (media, config, error)
      || !build_pipeline (media, config, error)) {
    g_object_unref (media);
    return NULL;
  }
  return media;
}

void
jssip_media_set_clock (JsSipMedia * media, GstClock * clock,
    GstClockTime base_time)
{
  g_return_if_fail (JSSIP_IS_MEDIA (media));

  /* A new base time reaches the children on PAUSED -> PLAYING only. */
  gst_element_set_state (media->pipeline, GST_STATE_PAUSED);
  gst_pipeline_use_clock (GST_PIPELINE (media->pipeline), clock);
  gst_element_set_start_time (media->pipeline, GST_CLOCK_TIME_NONE);
  gst_element_set_base_time (media->pipeline, base_time);
  gst_element_set_state (media->pipeline, GST_STATE_PLAYING);
}

/* ---------------------------------------------------------------------- */
/* webrtcbin calls */

/* Emits a webrtcbin action that replies through a promise and waits for
 * the reply (a copy; an empty structure when webrtcbin gave none). */
static GstStructure *
call_webrtcbin (JsSipMedia * media, const gchar * action, gpointer argument,
    JsSipMediaError code, GError ** error)
{
  GstPromise *promise = gst_promise_new ();
  GstPromiseResult result;
  const GstStructure *reply;
  GError *webrtc_error = NULL;
  GstStructure *copy = NULL;

  g_signal_emit_by_name (media->webrtcbin, action, argument, promise);
  result = gst_promise_wait (promise);
  reply = gst_promise_get_reply (promise);
  if (result != GST_PROMISE_RESULT_REPLIED) {
    g_set_error (error, JSSIP_MEDIA_ERROR, code,
        "webrtcbin did not reply to %s", action);
  } else if (reply != NULL && gst_structure_get (reply, "error",
          G_TYPE_ERROR, &webrtc_error, NULL)) {
    g_set_error (error, JSSIP_MEDIA_ERROR, code, "%s: %s", action,
        webrtc_error->message);
    g_error_free (webrtc_error);
  } else {
    copy = reply ? gst_structure_copy (reply) :
        gst_structure_new_empty ("reply");
  }
  gst_promise_unref (promise);
  return copy;
}

static GstWebRTCSessionDescription *
create_description (JsSipMedia * media, const gchar * action,
    const gchar * field, GError ** error)
{
  GstStructure *reply = call_webrtcbin (media, action, NULL,
      JSSIP_MEDIA_ERROR_WEBRTC, error);
  GstWebRTCSessionDescription *description = NULL;

  if (reply == NULL)
    return NULL;
  if (!gst_structure_get (reply, field, GST_TYPE_WEBRTC_SESSION_DESCRIPTION,
          &description, NULL))
    g_set_error (error, JSSIP_MEDIA_ERROR, JSSIP_MEDIA_ERROR_WEBRTC,
        "webrtcbin's %s gave no %s", action, field);
  gst_structure_free (reply);
  return description;
}

static gboolean
set_description (JsSipMedia * media, const gchar * action,
    GstWebRTCSessionDescription * description, JsSipMediaError code,
    GError ** error)
{
  GstStructure *reply = call_webrtcbin (media, action, description, code,
      error);

  if (reply == NULL)
    return FALSE;
  gst_structure_free (reply);
  return TRUE;
}

static GstWebRTCSessionDescription *
parse_description (GstWebRTCSDPType type, const gchar * text, GError ** error)
{
  GstSDPMessage *sdp = NULL;

  if (text == NULL || gst_sdp_message_new_from_text (text, &sdp) != GST_SDP_OK
      || gst_sdp_message_medias_len (sdp) == 0) {
    g_set_error (error, JSSIP_MEDIA_ERROR, JSSIP_MEDIA_ERROR_BAD_DESCRIPTION,
        "the remote %s is not an SDP with media",
        gst_webrtc_sdp_type_to_string (type));
    if (sdp != NULL)
      gst_sdp_message_free (sdp);
    return NULL;
  }
  return gst_webrtc_session_description_new (type, sdp);
}

static GstWebRTCRTPTransceiverDirection
direction_for (JsSipMedia * media, guint k)
{
  gboolean send = (media->send & kinds[k]) != 0;
  gboolean recv = (media->recv & kinds[k]) != 0;

  if (send && recv)
    return GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_SENDRECV;
  return send ? GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_SENDONLY :
      GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_RECVONLY;
}

static void
add_transceiver (JsSipMedia * media, guint k, GstCaps * codec_preferences)
{
  GstWebRTCRTPTransceiver *transceiver = NULL;

  g_signal_emit_by_name (media->webrtcbin, "add-transceiver",
      direction_for (media, k), codec_preferences, &transceiver);
  gst_caps_unref (codec_preferences);
  g_mutex_lock (&media->lock);
  media->transceivers[k] = transceiver;
  g_mutex_unlock (&media->lock);
}

/* One transceiver per kind, audio first, offering all our codecs. */
static void
add_offer_transceivers (JsSipMedia * media)
{
  for (guint k = 0; k < N_KINDS; k++) {
    if (media->codecs[k] != NULL)
      add_transceiver (media, k, jssip_codecs_to_caps (media->codecs[k], TRUE));
  }
}

/* Our first codec (in our order of preference) that the remote offer has
 * in the first m= line of kind @k, where webrtcbin will put our transceiver
 * (JSEP matches transceivers to m= lines by kind). */
static const JsSipCodec *
choose_answer_codec (JsSipMedia * media, guint k, const GstSDPMessage * offer)
{
  const GstSDPMedia *section = jssip_sdp_find_media (offer, kinds[k]);

  if (media->codecs[k] == NULL || section == NULL
      || jssip_sdp_media_is_rejected (section))
    return NULL;
  for (guint i = 0; i < media->codecs[k]->len; i++) {
    const JsSipCodec *codec = g_ptr_array_index (media->codecs[k], i);

    if (jssip_sdp_media_offers_codec (section, codec))
      return codec;
  }
  GST_INFO ("no %s codec in common with the offer", kind_name (k));
  return NULL;
}

/* webrtcbin 1.22 answers each m= line with the first transceiver whose
 * codec preferences intersect the offer, with one format from an order that
 * mixes both lists: so we choose the codec, and give it alone. For an m=
 * line with no codec in common, or of a kind we do not negotiate, an
 * inactive transceiver with the offer's first format makes the answer say
 * inactive; without one webrtcbin would answer it recvonly. */
static gboolean
add_answer_transceivers (JsSipMedia * media, const GstSDPMessage * offer,
    GError ** error)
{
  const JsSipCodec *chosen[N_KINDS];

  for (guint k = 0; k < N_KINDS; k++)
    chosen[k] = choose_answer_codec (media, k, offer);
  if (chosen[AUDIO] == NULL && chosen[VIDEO] == NULL) {
    g_set_error (error, JSSIP_MEDIA_ERROR, JSSIP_MEDIA_ERROR_INCOMPATIBLE,
        "no codec in common with the remote offer");
    return FALSE;
  }
  for (guint k = 0; k < N_KINDS; k++) {
    const GstSDPMedia *section = jssip_sdp_find_media (offer, kinds[k]);
    GstWebRTCRTPTransceiver *inactive = NULL;
    GstCaps *first_format;

    if (chosen[k] != NULL) {
      add_transceiver (media, k, jssip_codec_to_caps (chosen[k], FALSE));
    } else if (section != NULL && !jssip_sdp_media_is_rejected (section)
        && (first_format = jssip_sdp_media_get_format_caps (section, 0))) {
      g_signal_emit_by_name (media->webrtcbin, "add-transceiver",
          GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_INACTIVE, first_format,
          &inactive);
      gst_caps_unref (first_format);
      gst_clear_object (&inactive);
    }
  }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Vanilla ICE */

/* webrtcbin can report "complete" before gathering even started (it skips
 * transports that do not exist yet), so only a "complete" that follows a
 * "gathering" counts. */
static void
on_gathering_state (GstElement * webrtcbin, GParamSpec * pspec,
    JsSipMedia * media)
{
  GstWebRTCICEGatheringState state;

  g_object_get (webrtcbin, "ice-gathering-state", &state, NULL);
  GST_DEBUG_OBJECT (webrtcbin, "ICE gathering state %d", state);
  g_mutex_lock (&media->lock);
  if (state == GST_WEBRTC_ICE_GATHERING_STATE_GATHERING) {
    media->gathering_seen = TRUE;
  } else if (state == GST_WEBRTC_ICE_GATHERING_STATE_COMPLETE
      && media->gathering_seen) {
    media->gathering_complete = TRUE;
    g_cond_broadcast (&media->gathering_cond);
  }
  g_mutex_unlock (&media->lock);
}

static void
wait_for_gathering (JsSipMedia * media)
{
  gint64 deadline = g_get_monotonic_time () +
      media->ice_gathering_timeout * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&media->lock);
  while (!media->gathering_complete) {
    if (!g_cond_wait_until (&media->gathering_cond, &media->lock, deadline)) {
      GST_WARNING ("ICE gathering not complete after %u ms: sending the "
          "candidates gathered so far", media->ice_gathering_timeout);
      break;
    }
  }
  g_mutex_unlock (&media->lock);
}

/* Applies our offer or answer, waits for the candidates, and returns the
 * local description with them, ready for a SIP peer. */
static gchar *
set_local_description (JsSipMedia * media,
    GstWebRTCSessionDescription * description, GError ** error)
{
  GstWebRTCSessionDescription *local = NULL;
  gchar *text;

  g_mutex_lock (&media->lock);
  media->gathering_seen = FALSE;
  media->gathering_complete = FALSE;
  g_mutex_unlock (&media->lock);

  if (!set_description (media, "set-local-description", description,
          JSSIP_MEDIA_ERROR_WEBRTC, error))
    return NULL;
  wait_for_gathering (media);

  g_object_get (media->webrtcbin, "local-description", &local, NULL);
  jssip_sdp_prepare_for_sip (local->sdp);
  text = gst_sdp_message_as_text (local->sdp);
  gst_webrtc_session_description_free (local);

  g_mutex_lock (&media->lock);
  g_free (media->local_sdp);
  media->local_sdp = g_strdup (text);
  g_mutex_unlock (&media->lock);
  return text;
}

/* ---------------------------------------------------------------------- */
/* Sending */

/* webrtcbin 1.22 adds a sink pad for each sending transceiver when a
 * description is applied. */
static GstPad *
webrtc_sink_pad (JsSipMedia * media, GstWebRTCRTPTransceiver * transceiver)
{
  GstIterator *pads = gst_element_iterate_sink_pads (media->webrtcbin);
  GValue item = G_VALUE_INIT;
  GstPad *found = NULL;

  while (found == NULL && gst_iterator_next (pads, &item) == GST_ITERATOR_OK) {
    GstPad *pad = g_value_get_object (&item);
    GstWebRTCRTPTransceiver *owner = NULL;

    g_object_get (pad, "transceiver", &owner, NULL);
    if (owner == transceiver && !gst_pad_is_linked (pad))
      found = gst_object_ref (pad);
    gst_clear_object (&owner);
    g_value_reset (&item);
  }
  g_value_unset (&item);
  gst_iterator_free (pads);
  return found;
}

/* Called with the lock held: TRUE when sender @k may start now, and then
 * no one else will start it. */
static gboolean
claim_sender_locked (JsSipMedia * media, guint k)
{
  if (media->senders[k] == NULL || media->send_codec[k] == NULL
      || media->send_started[k])
    return FALSE;
  media->send_started[k] = TRUE;
  return TRUE;
}

static void
report_error (JsSipMedia * media, GError * error)
{
  GST_ERROR ("%s", error->message);
  g_signal_emit (media, signals[SIGNAL_ERROR], 0, error);
  g_error_free (error);
}

static void
start_sender (JsSipMedia * media, guint k)
{
  GstPad *sink = webrtc_sink_pad (media, media->transceivers[k]);
  GError *error = NULL;

  if (sink == NULL) {
    g_set_error (&error, JSSIP_MEDIA_ERROR, JSSIP_MEDIA_ERROR_WEBRTC,
        "webrtcbin has no %s sink pad", kind_name (k));
  } else {
    jssip_send_stream_start (media->senders[k], media->send_codec[k],
        media->send_payload[k], sink, &error);
    gst_object_unref (sink);
  }
  if (error != NULL)
    report_error (media, error);
}

/* RFC 3264 section 5.1 / 6.1: we send with the first of our codecs listed
 * in the answer (@ours, or the peer's), under the payload type the answer
 * gives it, unless the answer's direction says not to. webrtcbin 1.22
 * blocks the sink pad of an inactive transceiver: sending into it would
 * stall the user's source. */
static void
start_senders (JsSipMedia * media, const GstSDPMessage * answer, gboolean ours)
{
  gboolean start[N_KINDS] = { FALSE, FALSE };

  g_mutex_lock (&media->lock);
  for (guint k = 0; k < N_KINDS; k++) {
    const GstSDPMedia *section;
    guint mline;

    if (media->transceivers[k] == NULL || !(media->send & kinds[k]))
      continue;
    g_object_get (media->transceivers[k], "mlineindex", &mline, NULL);
    if (mline >= gst_sdp_message_medias_len (answer))
      continue;
    section = gst_sdp_message_get_media (answer, mline);
    if (!jssip_sdp_media_lets_us_send (section, ours))
      continue;
    media->send_codec[k] = jssip_sdp_media_get_codec (section,
        &media->send_payload[k]);
    start[k] = claim_sender_locked (media, k);
  }
  g_mutex_unlock (&media->lock);

  for (guint k = 0; k < N_KINDS; k++) {
    if (start[k])
      start_sender (media, k);
  }
}

GstElement *
jssip_media_request_sink (JsSipMedia * media, JsSipMediaFlags kind)
{
  gint k = kind_index (kind);
  GstElement *user_sink = NULL;
  gboolean start;

  g_return_val_if_fail (JSSIP_IS_MEDIA (media), NULL);
  g_return_val_if_fail (k >= 0, NULL);

  g_mutex_lock (&media->lock);
  if (!(media->send & kind) || media->senders[k] != NULL) {
    g_mutex_unlock (&media->lock);
    return NULL;
  }
  media->senders[k] = jssip_send_stream_new (GST_BIN (media->pipeline), kind,
      &user_sink);
  start = claim_sender_locked (media, k);
  g_mutex_unlock (&media->lock);

  if (start)
    start_sender (media, k);
  return user_sink;
}

/* ---------------------------------------------------------------------- */
/* Receiving */

/* A stream nobody wants (a kind we do not receive, telephone-event, an
 * unknown codec, an m= line we did not ask for) still needs a sink, or
 * webrtcbin fails with not-linked. */
static void
discard (JsSipMedia * media, GstPad * pad)
{
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  GstPad *sinkpad = gst_element_get_static_pad (sink, "sink");

  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (media->pipeline), sink);
  gst_element_sync_state_with_parent (sink);
  gst_pad_link (pad, sinkpad);
  gst_object_unref (sinkpad);
}

static const JsSipCodec *
codec_of_pad (GstPad * pad, JsSipMediaFlags * kind)
{
  GstCaps *caps = gst_pad_get_current_caps (pad);
  const GstStructure *s;
  const gchar *encoding_name;
  const JsSipCodec *codec = NULL;
  gint clock_rate = 0;

  if (caps == NULL)
    return NULL;
  s = gst_caps_get_structure (caps, 0);
  *kind = g_strcmp0 (gst_structure_get_string (s, "media"), "video") == 0 ?
      JSSIP_MEDIA_VIDEO : JSSIP_MEDIA_AUDIO;
  encoding_name = gst_structure_get_string (s, "encoding-name");
  gst_structure_get_int (s, "clock-rate", &clock_rate);
  if (encoding_name != NULL)
    codec = jssip_codec_find (*kind, encoding_name, clock_rate);
  gst_caps_unref (caps);
  return codec;
}

static GstPadProbeReturn
count_packets (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  JsSipMedia *media = user_data;

  g_atomic_int_add (&media->packets_received,
      GST_PAD_PROBE_INFO_TYPE (info) & GST_PAD_PROBE_TYPE_BUFFER_LIST ?
      gst_buffer_list_length (GST_PAD_PROBE_INFO_BUFFER_LIST (info)) : 1);
  return GST_PAD_PROBE_OK;
}

/* webrtcbin adds a src pad when the first RTP packet of an SSRC arrives, in
 * the streaming thread that then pushes it: the remote-stream handler links
 * the user's half before any data flows. */
static void
on_pad_added (GstElement * webrtcbin, GstPad * pad, JsSipMedia * media)
{
  JsSipMediaFlags kind = 0;
  const JsSipCodec *codec;
  JsSipRecvStream *stream = NULL;
  GstWebRTCRTPTransceiver *transceiver = NULL;
  gboolean is_new = FALSE;
  GError *error = NULL;

  if (GST_PAD_DIRECTION (pad) != GST_PAD_SRC)
    return;
  codec = codec_of_pad (pad, &kind);
  g_object_get (pad, "transceiver", &transceiver, NULL);

  g_mutex_lock (&media->lock);
  if (codec != NULL && (media->recv & kind) && !media->ended
      && transceiver == media->transceivers[kind_index (kind)]) {
    guint k = kind_index (kind);

    if (media->receivers[k] == NULL) {
      media->receivers[k] = jssip_recv_stream_new (GST_BIN (media->pipeline),
          codec, media->decode, &error);
      is_new = media->receivers[k] != NULL;
    }
    stream = media->receivers[k];
  }
  g_mutex_unlock (&media->lock);
  gst_clear_object (&transceiver);

  if (stream == NULL) {
    GST_INFO_OBJECT (pad, "not a stream we receive: discarded");
    discard (media, pad);
  } else if (is_new) {
    GST_INFO_OBJECT (pad, "remote %s stream, %s", kind == JSSIP_MEDIA_AUDIO ?
        "audio" : "video", codec->name);
    g_signal_emit (media, signals[SIGNAL_REMOTE_STREAM], 0, kind,
        jssip_recv_stream_get_user_src (stream));
  }
  if (stream != NULL)
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER |
        GST_PAD_PROBE_TYPE_BUFFER_LIST, count_packets, media, NULL);
  if (stream != NULL && !jssip_recv_stream_attach (stream, pad))
    g_set_error (&error, JSSIP_MEDIA_ERROR, JSSIP_MEDIA_ERROR_WEBRTC,
        "cannot link webrtcbin's %s", GST_PAD_NAME (pad));
  if (error != NULL)
    report_error (media, error);
}

guint
jssip_media_get_packets_received (JsSipMedia * media)
{
  g_return_val_if_fail (JSSIP_IS_MEDIA (media), 0);

  return (guint) g_atomic_int_get (&media->packets_received);
}

void
jssip_media_end (JsSipMedia * media)
{
  JsSipRecvStream *streams[N_KINDS];

  g_return_if_fail (JSSIP_IS_MEDIA (media));

  g_mutex_lock (&media->lock);
  media->ended = TRUE;
  memcpy (streams, media->receivers, sizeof (streams));
  g_mutex_unlock (&media->lock);

  for (guint k = 0; k < N_KINDS; k++) {
    if (streams[k] != NULL)
      jssip_recv_stream_end (streams[k]);
  }
}

/* ---------------------------------------------------------------------- */
/* Offer / answer */

static gboolean
begin_negotiation (JsSipMedia * media, Role role, GError ** error)
{
  gboolean ok;

  g_mutex_lock (&media->lock);
  ok = media->role == ROLE_NONE;
  if (ok)
    media->role = role;
  g_mutex_unlock (&media->lock);
  /* webrtcbin 1.22 refuses direction changes in a renegotiation (fixed in
   * 1.24): hold and refreshes are answered at the SIP layer. */
  if (!ok)
    g_set_error (error, JSSIP_MEDIA_ERROR, JSSIP_MEDIA_ERROR_STATE,
        "this call already negotiated its media once");
  return ok;
}

/* The answer must carry one of our codecs for at least one kind. */
static gboolean
check_codecs (const GstSDPMessage * answer, GError ** error)
{
  for (guint i = 0; i < gst_sdp_message_medias_len (answer); i++) {
    gint payload;

    if (jssip_sdp_media_get_codec (gst_sdp_message_get_media (answer, i),
            &payload) != NULL)
      return TRUE;
  }
  g_set_error (error, JSSIP_MEDIA_ERROR, JSSIP_MEDIA_ERROR_INCOMPATIBLE,
      "no codec in common with the remote party");
  return FALSE;
}

static gchar *
make_offer (JsSipMedia * media, GError ** error)
{
  GstWebRTCSessionDescription *offer;
  gchar *text;

  if (!begin_negotiation (media, ROLE_OFFERER, error))
    return NULL;
  add_offer_transceivers (media);
  offer = create_description (media, "create-offer", "offer", error);
  if (offer == NULL)
    return NULL;
  text = set_local_description (media, offer, error);
  gst_webrtc_session_description_free (offer);
  return text;
}

/* An offer with BUNDLE (a browser's) is answered with BUNDLE: one transport
 * for all media. Without, each m= line keeps its own transport; webrtcbin's
 * max-compat would still share one and leave the others without candidates,
 * which a SIP peer that does not know BUNDLE cannot use. */
static gchar *
make_answer (JsSipMedia * media, const gchar * offer_text, GError ** error)
{
  GstWebRTCSessionDescription *offer;
  GstWebRTCSessionDescription *answer;
  gchar *text = NULL;

  if (!begin_negotiation (media, ROLE_ANSWERER, error))
    return NULL;
  offer = parse_description (GST_WEBRTC_SDP_TYPE_OFFER, offer_text, error);
  if (offer == NULL)
    return NULL;
  g_object_set (media->webrtcbin, "bundle-policy",
      jssip_sdp_has_bundle (offer->sdp) ? GST_WEBRTC_BUNDLE_POLICY_MAX_BUNDLE :
      GST_WEBRTC_BUNDLE_POLICY_NONE, NULL);
  if (!add_answer_transceivers (media, offer->sdp, error)
      || !set_description (media, "set-remote-description", offer,
          JSSIP_MEDIA_ERROR_BAD_DESCRIPTION, error)) {
    gst_webrtc_session_description_free (offer);
    return NULL;
  }
  gst_webrtc_session_description_free (offer);

  answer = create_description (media, "create-answer", "answer", error);
  if (answer == NULL)
    return NULL;
  text = set_local_description (media, answer, error);
  if (text != NULL)
    start_senders (media, answer->sdp, TRUE);
  gst_webrtc_session_description_free (answer);
  return text;
}

static void
create_offer_thread (GTask * task, gpointer source, gpointer task_data,
    GCancellable * cancellable)
{
  GError *error = NULL;
  gchar *text = make_offer (JSSIP_MEDIA (source), &error);

  if (text != NULL)
    g_task_return_pointer (task, text, g_free);
  else
    g_task_return_error (task, error);
}

static void
create_answer_thread (GTask * task, gpointer source, gpointer task_data,
    GCancellable * cancellable)
{
  GError *error = NULL;
  gchar *text = make_answer (JSSIP_MEDIA (source), task_data, &error);

  if (text != NULL)
    g_task_return_pointer (task, text, g_free);
  else
    g_task_return_error (task, error);
}

/* Negotiation blocks on webrtcbin's promises and on ICE gathering, so it
 * runs in a worker thread; the result comes back in the caller's context. */
static void
run_negotiation (JsSipMedia * media, GTaskThreadFunc func, gchar * data,
    gpointer source_tag, GCancellable * cancellable,
    GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (media, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, func);
  g_object_unref (task);
}

void
jssip_media_create_offer_async (JsSipMedia * media,
    GCancellable * cancellable, GAsyncReadyCallback callback,
    gpointer user_data)
{
  g_return_if_fail (JSSIP_IS_MEDIA (media));

  run_negotiation (media, create_offer_thread, NULL,
      jssip_media_create_offer_async, cancellable, callback, user_data);
}

gchar *
jssip_media_create_offer_finish (JsSipMedia * media, GAsyncResult * result,
    GError ** error)
{
  g_return_val_if_fail (g_task_is_valid (result, media), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
jssip_media_create_answer_async (JsSipMedia * media,
    const gchar * remote_offer, GCancellable * cancellable,
    GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (JSSIP_IS_MEDIA (media));

  run_negotiation (media, create_answer_thread, g_strdup (remote_offer),
      jssip_media_create_answer_async, cancellable, callback, user_data);
}

gchar *
jssip_media_create_answer_finish (JsSipMedia * media, GAsyncResult * result,
    GError ** error)
{
  g_return_val_if_fail (g_task_is_valid (result, media), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
jssip_media_set_remote_answer (JsSipMedia * media,
    const gchar * remote_answer, GError ** error)
{
  GstWebRTCSessionDescription *answer;
  gboolean offered;
  gboolean ok;

  g_return_val_if_fail (JSSIP_IS_MEDIA (media), FALSE);

  g_mutex_lock (&media->lock);
  offered = media->role == ROLE_OFFERER && media->local_sdp != NULL;
  g_mutex_unlock (&media->lock);
  if (!offered) {
    g_set_error (error, JSSIP_MEDIA_ERROR, JSSIP_MEDIA_ERROR_STATE,
        "an answer, but no offer was made");
    return FALSE;
  }
  answer = parse_description (GST_WEBRTC_SDP_TYPE_ANSWER, remote_answer, error);
  if (answer == NULL)
    return FALSE;
  ok = set_description (media, "set-remote-description", answer,
      JSSIP_MEDIA_ERROR_BAD_DESCRIPTION, error)
      && check_codecs (answer->sdp, error);
  if (ok)
    start_senders (media, answer->sdp, FALSE);
  gst_webrtc_session_description_free (answer);
  return ok;
}

gchar *
jssip_media_get_local_sdp (JsSipMedia * media)
{
  gchar *text;

  g_return_val_if_fail (JSSIP_IS_MEDIA (media), NULL);

  g_mutex_lock (&media->lock);
  text = g_strdup (media->local_sdp);
  g_mutex_unlock (&media->lock);
  return text;
}

GstStructure *
jssip_media_get_stats (JsSipMedia * media)
{
  GError *error = NULL;
  GstStructure *stats;

  g_return_val_if_fail (JSSIP_IS_MEDIA (media), NULL);

  stats = call_webrtcbin (media, "get-stats", NULL, JSSIP_MEDIA_ERROR_WEBRTC,
      &error);
  if (stats == NULL) {
    GST_WARNING ("%s", error->message);
    g_error_free (error);
  }
  return stats;
}

/* ---------------------------------------------------------------------- */
/* Signals from webrtcbin and its pipeline */

static void
on_connection_state (GstElement * webrtcbin, GParamSpec * pspec,
    JsSipMedia * media)
{
  g_object_notify_by_pspec (G_OBJECT (media),
      properties[PROP_CONNECTION_STATE]);
}

/* Nobody runs a main loop for the private pipeline: its messages are
 * handled where they are posted. */
static GstBusSyncReply
on_private_message (GstBus * bus, GstMessage * message, gpointer user_data)
{
  JsSipMedia *media = user_data;

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR) {
    GError *error = NULL;
    gchar *debug = NULL;

    gst_message_parse_error (message, &error, &debug);
    GST_WARNING_OBJECT (GST_MESSAGE_SRC (message), "%s", GST_STR_NULL (debug));
    g_free (debug);
    report_error (media, error);
  }
  /* A sync handler that drops a message owns it. */
  gst_message_unref (message);
  return GST_BUS_DROP;
}

/* ---------------------------------------------------------------------- */
/* GObject */

static void
jssip_media_init (JsSipMedia * media)
{
  g_mutex_init (&media->lock);
  g_cond_init (&media->gathering_cond);
}

static void
shut_down_pipeline (JsSipMedia * media)
{
  GstBus *bus;

  if (media->pipeline == NULL)
    return;
  bus = gst_pipeline_get_bus (GST_PIPELINE (media->pipeline));
  g_signal_handlers_disconnect_by_data (media->webrtcbin, media);
  gst_element_set_state (media->pipeline, GST_STATE_NULL);
  gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
  gst_object_unref (bus);
}

void
jssip_media_shut_down (JsSipMedia * media)
{
  g_return_if_fail (JSSIP_IS_MEDIA (media));

  GST_DEBUG ("shutting the media down");
  shut_down_pipeline (media);
}

static void
jssip_media_dispose (GObject * object)
{
  JsSipMedia *media = JSSIP_MEDIA (object);

  shut_down_pipeline (media);
  gst_clear_object (&media->pipeline);
  for (guint k = 0; k < N_KINDS; k++) {
    g_clear_pointer (&media->senders[k], jssip_send_stream_free);
    g_clear_pointer (&media->receivers[k], jssip_recv_stream_free);
    gst_clear_object (&media->transceivers[k]);
  }
  G_OBJECT_CLASS (jssip_media_parent_class)->dispose (object);
}

static void
jssip_media_finalize (GObject * object)
{
  JsSipMedia *media = JSSIP_MEDIA (object);

  for (guint k = 0; k < N_KINDS; k++)
    g_clear_pointer (&media->codecs[k], g_ptr_array_unref);
  g_free (media->local_sdp);
  g_cond_clear (&media->gathering_cond);
  g_mutex_clear (&media->lock);
  G_OBJECT_CLASS (jssip_media_parent_class)->finalize (object);
}

static void
jssip_media_get_property (GObject * object, guint prop_id, GValue * value,
    GParamSpec * pspec)
{
  JsSipMedia *media = JSSIP_MEDIA (object);

  switch (prop_id) {
    case PROP_CONNECTION_STATE:
      if (media->webrtcbin != NULL)
        g_object_get_property (G_OBJECT (media->webrtcbin),
            "connection-state", value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
jssip_media_class_init (JsSipMediaClass * klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jssip_media_dispose;
  object_class->finalize = jssip_media_finalize;
  object_class->get_property = jssip_media_get_property;

  /**
   * JsSipMedia:connection-state:
   *
   * webrtcbin's peer connection state: "connected" once ICE and DTLS are
   * up, "failed" when they cannot be. Notified from webrtcbin's thread.
   */
  properties[PROP_CONNECTION_STATE] =
      g_param_spec_enum ("connection-state", "Connection state",
      "The state of the peer connection (ICE and DTLS)",
      GST_TYPE_WEBRTC_PEER_CONNECTION_STATE,
      GST_WEBRTC_PEER_CONNECTION_STATE_NEW,
      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPERTIES, properties);

  /**
   * JsSipMedia::remote-stream:
   * @kind: JSSIP_MEDIA_AUDIO or JSSIP_MEDIA_VIDEO
   * @src: a proxysrc giving the decoded stream (encoded without decode)
   *
   * The remote party's media started. Emitted from a streaming thread; the
   * handler must add @src to a bin running on the same clock and base time
   * and link it before returning, since data follows at once.
   */
  signals[SIGNAL_REMOTE_STREAM] = g_signal_new ("remote-stream",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 2, JSSIP_TYPE_MEDIA_FLAGS, GST_TYPE_ELEMENT);

  /**
   * JsSipMedia::error:
   * @error: what failed
   *
   * The media failed after negotiation (an element error, a chain that
   * cannot be built): for the call layer, JsSIP's "WebRTC Error".
   * Emitted from whichever thread found it.
   */
  signals[SIGNAL_ERROR] = g_signal_new ("error",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 1, G_TYPE_ERROR);
}
