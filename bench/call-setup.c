/* gst-jssip benchmarks: how long a call takes to start.
 *
 * Two measurements in one process, in alternating rounds so that a change
 * of load on the machine hits both alike:
 *
 * - jssip: pipeline A (audiotestsrc ! jssipsink, alice) calls pipeline B
 *   (jssipsrc auto-answer=true ! fakesink) through the project's Kamailio
 *   on loopback. From the `connect` action signal on A to A's
 *   jssip-session-started (the 200 OK and its answer applied) and
 *   -confirmed (ACK sent), and to the first decoded audio buffer at B.
 *   Twice: B built for the call (bob, as gst-launch-1.0 would), and B
 *   answering call after call (carol, single-call=false).
 *
 * - floor: the same media with no SIP at all: two bare webrtcbins, A
 *   sending Opus (sendonly) and B receiving and decoding it (recvonly),
 *   with the settings the elements give theirs (vanilla ICE waiting for
 *   gathering to complete, UPnP and ICE-TCP off, candidates on 127.0.0.1
 *   only, no BUNDLE in the offer, the same jitterbuffer latency), the
 *   offer and answer handed over in-process. From create-offer to the
 *   answer applied at A, ICE connected and DTLS connected (both peers),
 *   and the first decoded audio buffer at B.
 *
 *   call-setup SERVER_WS_URI [ROUNDS]     (bench/run-call-setup-bench.sh)
 *
 * Prints one JSON line per round and kind, then the medians and the
 * differences. docs/benchmarks.md ("Call setup") has the method and
 * figures.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include <gst/gst.h>
#include <gst/sdp/sdp.h>
#include <gst/webrtc/webrtc.h>

#define LOOPBACK "127.0.0.1"
#define DEFAULT_ROUNDS 20
/* SPEC.md's defaults for `latency` and `ice-gathering-timeout`, given to
 * the floor's webrtcbins too. */
#define LATENCY_MS 60
#define GATHERING_TIMEOUT_MS 1000
#define TIMEOUT_MS 10000
#define OPUS_RTP_CAPS "application/x-rtp,media=audio,encoding-name=OPUS," \
    "payload=111,clock-rate=48000"
#define TONE "audiotestsrc is-live=true samplesperbuffer=480 ! " \
    "audio/x-raw,rate=48000,channels=1"

/* ------------------------------------------------------------- stamps */

/* The moments of one round, in µs of the monotonic clock; 0: not yet. */
enum
{
  /* floor */
  FLOOR_OFFER,                  /* A's offer, with its candidates */
  FLOOR_ANSWER,                 /* B's answer, with its candidates */
  FLOOR_APPLIED,                /* the answer applied at A */
  FLOOR_ICE_A, FLOOR_ICE_B,     /* ice-connection-state connected */
  FLOOR_DTLS_A, FLOOR_DTLS_B,   /* connection-state connected */
  /* jssip */
  JSSIP_CONNECTING,             /* A sent the INVITE */
  JSSIP_INCOMING,               /* B received it */
  JSSIP_ANSWERED,               /* B sent the 200 (B's started) */
  JSSIP_STARTED,                /* A received the 200 */
  JSSIP_CONFIRMED,              /* A sent the ACK */
  JSSIP_REMOTE_CONFIRMED,       /* B received the ACK */
  JSSIP_ENDED_A, JSSIP_ENDED_B,
  JSSIP_REGISTERED_A, JSSIP_REGISTERED_B,
  /* both */
  FIRST_AUDIO,                  /* B's first decoded audio buffer */
  N_STAMPS
};

typedef struct
{
  GMutex lock;
  GCond cond;
  gint64 at[N_STAMPS];
  gchar *failure;
} Stamps;

static void
stamps_reset (Stamps * stamps)
{
  g_mutex_lock (&stamps->lock);
  memset (stamps->at, 0, sizeof (stamps->at));
  g_mutex_unlock (&stamps->lock);
}

/* The first time only: a later buffer or state change is not news. */
static void
stamp (Stamps * stamps, guint which)
{
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&stamps->lock);
  if (stamps->at[which] == 0) {
    stamps->at[which] = now;
    g_cond_broadcast (&stamps->cond);
  }
  g_mutex_unlock (&stamps->lock);
}

static void
fail (Stamps * stamps, const gchar * what)
{
  g_mutex_lock (&stamps->lock);
  if (stamps->failure == NULL)
    stamps->failure = g_strdup (what);
  g_cond_broadcast (&stamps->cond);
  g_mutex_unlock (&stamps->lock);
}

static void
wait_stamp (Stamps * stamps, guint which, const gchar * what)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * 1000;
  gboolean seen;

  g_mutex_lock (&stamps->lock);
  while (stamps->at[which] == 0 && stamps->failure == NULL)
    if (!g_cond_wait_until (&stamps->cond, &stamps->lock, deadline))
      break;
  seen = stamps->at[which] != 0;
  g_mutex_unlock (&stamps->lock);
  if (stamps->failure != NULL)
    g_error ("%s", stamps->failure);
  if (!seen)
    g_error ("no %s within %d ms", what, TIMEOUT_MS);
}

static gdouble
ms_between (const Stamps * stamps, gint64 start, guint which)
{
  return (stamps->at[which] - start) / 1000.0;
}

/* ---------------------------------------------- what both sides share */

static GstPadProbeReturn
on_decoded_audio (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  stamp (user_data, FIRST_AUDIO);
  return GST_PAD_PROBE_REMOVE;
}

/* @description ends in a sink named "ear": its first buffer is the first
 * decoded audio. */
static GstElement *
make_listener (const gchar * description, Stamps * stamps)
{
  GstElement *bin = gst_parse_bin_from_description (description, TRUE, NULL);
  GstElement *ear = gst_bin_get_by_name (GST_BIN (bin), "ear");
  GstPad *pad = gst_element_get_static_pad (ear, "sink");

  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_decoded_audio,
      stamps, NULL);
  gst_object_unref (pad);
  gst_object_unref (ear);
  return bin;
}

static void
link_listener (GstElement * pipeline, GstPad * pad, GstElement * listener)
{
  GstPad *sinkpad = gst_element_get_static_pad (listener, "sink");

  gst_bin_add (GST_BIN (pipeline), listener);
  if (gst_pad_link (pad, sinkpad) != GST_PAD_LINK_OK)
    g_error ("cannot link %s", GST_PAD_NAME (pad));
  gst_element_sync_state_with_parent (listener);
  gst_object_unref (sinkpad);
}

/* gst_parse_launch() gives a lone element as itself. */
static GstElement *
make_pipeline (const gchar * description)
{
  GError *error = NULL;
  GstElement *parsed = gst_parse_launch (description, &error);
  GstElement *pipeline;

  if (parsed == NULL)
    g_error ("%s: %s", description, error->message);
  if (GST_IS_PIPELINE (parsed))
    return parsed;
  pipeline = gst_pipeline_new (NULL);
  gst_bin_add (GST_BIN (pipeline), parsed);
  return pipeline;
}

static void
play (GstElement * pipeline)
{
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE)
    g_error ("a pipeline cannot play");
}

static void
dispose_pipeline (GstElement * pipeline)
{
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
}

/* --------------------------------------------------------- the floor */

typedef struct
{
  Stamps *stamps;
  GstElement *pipeline;
  GstElement *webrtcbin;
  guint ice_stamp, dtls_stamp;
  gboolean gathering_seen;      /* stamps->lock */
  gboolean gathering_complete;  /* stamps->lock */
} FloorPeer;

/* What ext/jssip/jssipmedia.c does to every webrtcbin of a call: no
 * UPnP (hundreds of ms, and multicast off the host), no ICE-TCP, host
 * candidates on loopback only. */
static void
configure_ice (GstElement * webrtcbin)
{
  GObject *ice = NULL, *agent = NULL;
  gboolean added = FALSE;

  g_object_get (webrtcbin, "ice-agent", &ice, NULL);
  g_object_get (ice, "agent", &agent, NULL);
  g_object_set (agent, "upnp", FALSE, NULL);
  g_object_set (ice, "ice-tcp", FALSE, NULL);
  g_signal_emit_by_name (ice, "add-local-ip-address", LOOPBACK, &added);
  if (!added)
    g_error ("cannot gather on " LOOPBACK);
  g_object_unref (agent);
  g_object_unref (ice);
}

/* Only a "complete" that follows a "gathering" counts (webrtcbin 1.22
 * reports "complete" before any transport exists). */
static void
on_gathering_state (GstElement * webrtcbin, GParamSpec * pspec,
    FloorPeer * peer)
{
  GstWebRTCICEGatheringState state;

  g_object_get (webrtcbin, "ice-gathering-state", &state, NULL);
  g_mutex_lock (&peer->stamps->lock);
  if (state == GST_WEBRTC_ICE_GATHERING_STATE_GATHERING)
    peer->gathering_seen = TRUE;
  else if (state == GST_WEBRTC_ICE_GATHERING_STATE_COMPLETE
      && peer->gathering_seen)
    peer->gathering_complete = TRUE;
  g_cond_broadcast (&peer->stamps->cond);
  g_mutex_unlock (&peer->stamps->lock);
}

static void
on_ice_state (GstElement * webrtcbin, GParamSpec * pspec, FloorPeer * peer)
{
  GstWebRTCICEConnectionState state;

  g_object_get (webrtcbin, "ice-connection-state", &state, NULL);
  if (state == GST_WEBRTC_ICE_CONNECTION_STATE_CONNECTED
      || state == GST_WEBRTC_ICE_CONNECTION_STATE_COMPLETED)
    stamp (peer->stamps, peer->ice_stamp);
}

static void
on_connection_state (GstElement * webrtcbin, GParamSpec * pspec,
    FloorPeer * peer)
{
  GstWebRTCPeerConnectionState state;

  g_object_get (webrtcbin, "connection-state", &state, NULL);
  if (state == GST_WEBRTC_PEER_CONNECTION_STATE_CONNECTED)
    stamp (peer->stamps, peer->dtls_stamp);
  else if (state == GST_WEBRTC_PEER_CONNECTION_STATE_FAILED)
    fail (peer->stamps, "floor: the peer connection failed");
}

static void
on_floor_pad_added (GstElement * webrtcbin, GstPad * pad, FloorPeer * peer)
{
  if (GST_PAD_DIRECTION (pad) != GST_PAD_SRC)
    return;
  link_listener (peer->pipeline, pad, make_listener ("rtpopusdepay ! "
          "opusdec ! fakesink name=ear sync=false", peer->stamps));
}

static void
floor_peer_init (FloorPeer * peer, Stamps * stamps, const gchar * sender,
    guint ice_stamp, guint dtls_stamp)
{
  g_autofree gchar *description = g_strdup_printf ("%s webrtcbin name=w "
      "bundle-policy=none latency=%d", sender, LATENCY_MS);

  memset (peer, 0, sizeof (*peer));
  peer->stamps = stamps;
  peer->ice_stamp = ice_stamp;
  peer->dtls_stamp = dtls_stamp;
  peer->pipeline = make_pipeline (description);
  peer->webrtcbin = gst_bin_get_by_name (GST_BIN (peer->pipeline), "w");
  configure_ice (peer->webrtcbin);
  g_signal_connect (peer->webrtcbin, "notify::ice-gathering-state",
      G_CALLBACK (on_gathering_state), peer);
  g_signal_connect (peer->webrtcbin, "notify::ice-connection-state",
      G_CALLBACK (on_ice_state), peer);
  g_signal_connect (peer->webrtcbin, "notify::connection-state",
      G_CALLBACK (on_connection_state), peer);
  g_signal_connect (peer->webrtcbin, "pad-added",
      G_CALLBACK (on_floor_pad_added), peer);
}

static void
floor_peer_clear (FloorPeer * peer)
{
  g_signal_handlers_disconnect_by_data (peer->webrtcbin, peer);
  gst_object_unref (peer->webrtcbin);
  dispose_pipeline (peer->pipeline);
}

static void
set_direction (GstElement * webrtcbin,
    GstWebRTCRTPTransceiverDirection direction)
{
  GstWebRTCRTPTransceiver *transceiver = NULL;

  g_signal_emit_by_name (webrtcbin, "get-transceiver", 0, &transceiver);
  g_object_set (transceiver, "direction", direction, NULL);
  gst_object_unref (transceiver);
}

static void
add_receiving_transceiver (GstElement * webrtcbin)
{
  GstCaps *caps = gst_caps_from_string (OPUS_RTP_CAPS);
  GstWebRTCRTPTransceiver *transceiver = NULL;

  g_signal_emit_by_name (webrtcbin, "add-transceiver",
      GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_RECVONLY, caps, &transceiver);
  gst_caps_unref (caps);
  gst_object_unref (transceiver);
}

/* Emits a webrtcbin action that answers through a promise; returns the
 * reply (NULL when there is none). */
static GstStructure *
call_webrtcbin (GstElement * webrtcbin, const gchar * action, gpointer argument)
{
  GstPromise *promise = gst_promise_new ();
  const GstStructure *reply;
  GstStructure *copy = NULL;

  g_signal_emit_by_name (webrtcbin, action, argument, promise);
  if (gst_promise_wait (promise) != GST_PROMISE_RESULT_REPLIED)
    g_error ("webrtcbin did not reply to %s", action);
  reply = gst_promise_get_reply (promise);
  if (reply != NULL) {
    if (gst_structure_has_field (reply, "error"))
      g_error ("%s: %" GST_PTR_FORMAT, action, reply);
    copy = gst_structure_copy (reply);
  }
  gst_promise_unref (promise);
  return copy;
}

static void
apply_description (GstElement * webrtcbin, const gchar * action,
    GstWebRTCSessionDescription * description)
{
  GstStructure *reply = call_webrtcbin (webrtcbin, action, description);

  if (reply != NULL)
    gst_structure_free (reply);
}

/* Vanilla ICE, as the elements do it: create the description, apply it,
 * wait for gathering (at most GATHERING_TIMEOUT_MS), and return the local
 * description, candidates included. */
static GstWebRTCSessionDescription *
describe_locally (FloorPeer * peer, const gchar * action, const gchar * field)
{
  GstStructure *reply = call_webrtcbin (peer->webrtcbin, action, NULL);
  GstWebRTCSessionDescription *description = NULL;
  gint64 deadline;

  if (!reply || !gst_structure_get (reply, field,
          GST_TYPE_WEBRTC_SESSION_DESCRIPTION, &description, NULL))
    g_error ("%s gave no %s", action, field);
  gst_structure_free (reply);

  g_mutex_lock (&peer->stamps->lock);
  peer->gathering_seen = peer->gathering_complete = FALSE;
  g_mutex_unlock (&peer->stamps->lock);
  apply_description (peer->webrtcbin, "set-local-description", description);
  gst_webrtc_session_description_free (description);

  deadline = g_get_monotonic_time () + GATHERING_TIMEOUT_MS * 1000;
  g_mutex_lock (&peer->stamps->lock);
  while (!peer->gathering_complete)
    if (!g_cond_wait_until (&peer->stamps->cond, &peer->stamps->lock, deadline))
      break;
  g_mutex_unlock (&peer->stamps->lock);

  g_object_get (peer->webrtcbin, "local-description", &description, NULL);
  return description;
}

/* Returns the moment create-offer was emitted. */
static gint64
floor_round (Stamps * stamps)
{
  FloorPeer a, b;
  GstWebRTCSessionDescription *offer, *answer;
  gint64 start;

  stamps_reset (stamps);
  floor_peer_init (&a, stamps, TONE " ! audioconvert ! audioresample ! "
      "opusenc ! rtpopuspay pt=111 ! " OPUS_RTP_CAPS " ! ", FLOOR_ICE_A,
      FLOOR_DTLS_A);
  floor_peer_init (&b, stamps, "", FLOOR_ICE_B, FLOOR_DTLS_B);
  /* A lone jssipsink offers sendonly; a lone jssipsrc answers recvonly
   * with the codec it chose. */
  set_direction (a.webrtcbin, GST_WEBRTC_RTP_TRANSCEIVER_DIRECTION_SENDONLY);
  add_receiving_transceiver (b.webrtcbin);
  play (a.pipeline);
  play (b.pipeline);

  start = g_get_monotonic_time ();
  offer = describe_locally (&a, "create-offer", "offer");
  stamp (stamps, FLOOR_OFFER);
  apply_description (b.webrtcbin, "set-remote-description", offer);
  answer = describe_locally (&b, "create-answer", "answer");
  stamp (stamps, FLOOR_ANSWER);
  apply_description (a.webrtcbin, "set-remote-description", answer);
  stamp (stamps, FLOOR_APPLIED);
  gst_webrtc_session_description_free (offer);
  gst_webrtc_session_description_free (answer);

  wait_stamp (stamps, FLOOR_DTLS_A, "DTLS connection at A");
  wait_stamp (stamps, FLOOR_DTLS_B, "DTLS connection at B");
  wait_stamp (stamps, FIRST_AUDIO, "audio at B");
  floor_peer_clear (&a);
  floor_peer_clear (&b);
  return start;
}

/* --------------------------------------------------------- the jssip */

typedef struct
{
  Stamps *stamps;
  GstElement *pipeline;
  GstElement *jssip;
  gboolean callee;
} Side;

static const struct
{
  const gchar *message;
  guint caller_stamp, callee_stamp;
} session_messages[] = {
  {"jssip-session-connecting", JSSIP_CONNECTING, N_STAMPS},
  {"jssip-session-incoming", N_STAMPS, JSSIP_INCOMING},
  {"jssip-session-started", JSSIP_STARTED, JSSIP_ANSWERED},
  {"jssip-session-confirmed", JSSIP_CONFIRMED, JSSIP_REMOTE_CONFIRMED},
  {"jssip-session-ended", JSSIP_ENDED_A, JSSIP_ENDED_B},
  {"jssip-ua-registered", JSSIP_REGISTERED_A, JSSIP_REGISTERED_B},
};

/* Stamped where they are posted, in the UA thread. */
static GstBusSyncReply
on_message (GstBus * bus, GstMessage * message, gpointer user_data)
{
  Side *side = user_data;
  const GstStructure *s = gst_message_get_structure (message);

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR) {
    GError *error = NULL;

    gst_message_parse_error (message, &error, NULL);
    fail (side->stamps, error->message);
    g_error_free (error);
  } else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ELEMENT) {
    if (gst_structure_has_name (s, "jssip-session-failed"))
      fail (side->stamps, gst_structure_get_string (s, "cause"));
    for (guint i = 0; i < G_N_ELEMENTS (session_messages); i++) {
      guint which = side->callee ? session_messages[i].callee_stamp :
          session_messages[i].caller_stamp;

      if (which != N_STAMPS && gst_structure_has_name (s,
              session_messages[i].message))
        stamp (side->stamps, which);
    }
  }
  /* A sync handler that drops a message owns it. */
  gst_message_unref (message);
  return GST_BUS_DROP;
}

/* B's application: each call's audio into a fakesink, gone with the pad
 * when the call is over (single-call=false). The pad is unlinked by then:
 * its sink is found through the pad. */
static void
on_jssip_pad_added (GstElement * src, GstPad * pad, Side * side)
{
  GstElement *listener = make_listener ("fakesink name=ear sync=false",
      side->stamps);

  g_object_set_data (G_OBJECT (pad), "listener", listener);
  link_listener (side->pipeline, pad, listener);
}

static void
on_jssip_pad_removed (GstElement * src, GstPad * pad, Side * side)
{
  GstElement *listener = g_object_get_data (G_OBJECT (pad), "listener");

  if (listener == NULL)
    return;
  gst_element_set_state (listener, GST_STATE_NULL);
  gst_bin_remove (GST_BIN (side->pipeline), listener);
}

static void
side_init (Side * side, Stamps * stamps, const gchar * description,
    gboolean callee)
{
  GstBus *bus;

  side->stamps = stamps;
  side->callee = callee;
  side->pipeline = make_pipeline (description);
  side->jssip = gst_bin_get_by_name (GST_BIN (side->pipeline), "jssip");
  bus = gst_element_get_bus (side->pipeline);
  gst_bus_set_sync_handler (bus, on_message, side, NULL);
  gst_object_unref (bus);
  if (callee) {
    g_signal_connect (side->jssip, "pad-added",
        G_CALLBACK (on_jssip_pad_added), side);
    g_signal_connect (side->jssip, "pad-removed",
        G_CALLBACK (on_jssip_pad_removed), side);
  }
}

static void
side_clear (Side * side)
{
  gst_object_unref (side->jssip);
  dispose_pipeline (side->pipeline);
}

/* B, registered, answering: bob is built for one call, as gst-launch-1.0
 * would; carol (single-call=false) answers call after call. */
#define FRESH_CALLEE "bob"
#define REUSED_CALLEE "carol"

static void
callee_init (Side * side, Stamps * stamps, const gchar * server,
    const gchar * user)
{
  gboolean single_call = g_strcmp0 (user, FRESH_CALLEE) == 0;
  g_autofree gchar *description = g_strdup_printf ("jssipsrc name=jssip "
      "server=%s uri=sip:%s@" LOOPBACK " password=%spw ice-addresses="
      LOOPBACK " media=audio auto-answer=true single-call=%s latency=%d",
      server, user, user, single_call ? "true" : "false", LATENCY_MS);

  side_init (side, stamps, description, TRUE);
  play (side->pipeline);
  wait_stamp (stamps, JSSIP_REGISTERED_B, "registration of the callee");
}

/* A calls B: bob, built for the call, when @answering is NULL, else
 * carol. Returns the moment `connect` was emitted. */
static gint64
jssip_round (Stamps * stamps, const gchar * server, Side * answering)
{
  g_autofree gchar *description = g_strdup_printf (TONE " ! jssipsink "
      "name=jssip server=%s uri=sip:alice@" LOOPBACK " password=alicepw "
      "ice-addresses=" LOOPBACK " media=audio latency=%d", server,
      LATENCY_MS);
  Side a, fresh;
  gboolean ok = FALSE;
  gint64 start;

  stamps_reset (stamps);
  if (answering == NULL)
    callee_init (&fresh, stamps, server, FRESH_CALLEE);
  side_init (&a, stamps, description, FALSE);
  play (a.pipeline);
  wait_stamp (stamps, JSSIP_REGISTERED_A, "registration of alice");

  start = g_get_monotonic_time ();
  g_signal_emit_by_name (a.jssip, "connect", answering ? REUSED_CALLEE :
      FRESH_CALLEE, NULL, &ok);
  if (!ok)
    g_error ("connect refused");
  wait_stamp (stamps, JSSIP_CONFIRMED, "confirmed at A");
  wait_stamp (stamps, JSSIP_REMOTE_CONFIRMED, "confirmed at B");
  wait_stamp (stamps, FIRST_AUDIO, "audio at B");

  g_signal_emit_by_name (a.jssip, "terminate", NULL, &ok);
  wait_stamp (stamps, JSSIP_ENDED_A, "the end at A");
  wait_stamp (stamps, JSSIP_ENDED_B, "the end at B");
  side_clear (&a);
  if (answering == NULL)
    side_clear (&fresh);
  return start;
}

/* ----------------------------------------------------------- results */

/* One kind of round, its figures in ms from its start, one row a round. */
typedef struct
{
  const gchar *kind;
  const gchar *const *metrics;
  guint n_metrics;
  gdouble *rows;
} Series;

enum
{ F_OFFER, F_ANSWER, F_APPLIED, F_ICE, F_DTLS, F_AUDIO, N_FLOOR_METRICS };
static const gchar *const floor_metrics[N_FLOOR_METRICS] = {
  "offer_ms", "answer_ms", "applied_ms", "ice_ms", "dtls_ms", "audio_ms",
};

enum
{ J_CONNECTING, J_INCOMING, J_ANSWERED, J_STARTED, J_CONFIRMED, J_AUDIO,
  J_SIP, N_JSSIP_METRICS
};
static const gchar *const jssip_metrics[N_JSSIP_METRICS] = {
  "connecting_ms", "incoming_ms", "answered_ms", "started_ms",
  "confirmed_ms", "audio_ms", "sip_ms",
};

static void
series_init (Series * series, const gchar * kind, const gchar * const
    *metrics, guint n_metrics, guint rounds)
{
  series->kind = kind;
  series->metrics = metrics;
  series->n_metrics = n_metrics;
  series->rows = g_new0 (gdouble, rounds * n_metrics);
}

static gdouble *
series_row (const Series * series, guint round)
{
  return series->rows + round * series->n_metrics;
}

static void
print_json (const Series * series, const gchar * suffix, guint round,
    const gdouble * row)
{
  GString *line = g_string_new (NULL);

  g_string_append_printf (line, "{\"kind\": \"%s%s\", \"round\": %u",
      series->kind, suffix, round);
  for (guint m = 0; m < series->n_metrics; m++)
    g_string_append_printf (line, ", \"%s\": %.2f", series->metrics[m], row[m]);
  g_print ("%s}\n", line->str);
  g_string_free (line, TRUE);
}

static gdouble
later (const Stamps * stamps, gint64 start, guint one, guint other)
{
  return MAX (ms_between (stamps, start, one), ms_between (stamps, start,
          other));
}

static void
record_floor (const Stamps * stamps, gint64 start, gdouble * row)
{
  row[F_OFFER] = ms_between (stamps, start, FLOOR_OFFER);
  row[F_ANSWER] = ms_between (stamps, start, FLOOR_ANSWER);
  row[F_APPLIED] = ms_between (stamps, start, FLOOR_APPLIED);
  row[F_ICE] = later (stamps, start, FLOOR_ICE_A, FLOOR_ICE_B);
  row[F_DTLS] = later (stamps, start, FLOOR_DTLS_A, FLOOR_DTLS_B);
  row[F_AUDIO] = ms_between (stamps, start, FIRST_AUDIO);
}

static void
record_jssip (const Stamps * stamps, gint64 start, gdouble * row)
{
  row[J_CONNECTING] = ms_between (stamps, start, JSSIP_CONNECTING);
  row[J_INCOMING] = ms_between (stamps, start, JSSIP_INCOMING);
  row[J_ANSWERED] = ms_between (stamps, start, JSSIP_ANSWERED);
  row[J_STARTED] = ms_between (stamps, start, JSSIP_STARTED);
  row[J_CONFIRMED] = ms_between (stamps, start, JSSIP_CONFIRMED);
  row[J_AUDIO] = ms_between (stamps, start, FIRST_AUDIO);
  /* The SIP legs: the INVITE from A's send to B's receipt (through
   * Kamailio, with its challenge and the INVITE sent again), and the 200
   * back. */
  row[J_SIP] = row[J_INCOMING] - row[J_CONNECTING] + row[J_STARTED] -
      row[J_ANSWERED];
}

static gint
compare_doubles (gconstpointer a, gconstpointer b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;

  return (x > y) - (x < y);
}

/* Each metric's median on its own, over @rounds rows. */
static void
series_medians (const Series * series, guint rounds, gdouble * medians)
{
  gdouble *column = g_new (gdouble, rounds);

  for (guint m = 0; m < series->n_metrics; m++) {
    for (guint i = 0; i < rounds; i++)
      column[i] = series_row (series, i)[m];
    qsort (column, rounds, sizeof (gdouble), compare_doubles);
    medians[m] = rounds % 2 ? column[rounds / 2] :
        (column[rounds / 2 - 1] + column[rounds / 2]) / 2;
  }
  g_free (column);
}

static void
compare_to_floor (const gchar * what, const gdouble * jssip,
    const gdouble * floor)
{
  gdouble setup = jssip[J_STARTED] - floor[F_APPLIED];
  gdouble beyond_sip = setup - jssip[J_SIP];
  gdouble audio = jssip[J_AUDIO] - floor[F_AUDIO];

  g_print ("  %s: INVITE sent %.1f, received %.1f, 200 sent %.1f, "
      "started %.1f, confirmed %.1f, first audio %.1f; SIP legs %.1f\n",
      what, jssip[J_CONNECTING], jssip[J_INCOMING], jssip[J_ANSWERED],
      jssip[J_STARTED], jssip[J_CONFIRMED], jssip[J_AUDIO], jssip[J_SIP]);
  g_print ("    setup = floor + %.1f ms = SIP legs %.1f ms + %.1f ms "
      "(goal <= 20 ms: %s)\n", setup, jssip[J_SIP], beyond_sip,
      beyond_sip <= 20.0 ? "met" : "NOT met");
  g_print ("    first audio = floor + %.1f ms, configured latency %d ms "
      "(goal <= %d ms: %s)\n", audio, LATENCY_MS, LATENCY_MS,
      audio <= LATENCY_MS ? "met" : "NOT met");
}

static void
summarize (const Series * floor, const Series * fresh, const Series * reused,
    guint rounds)
{
  gdouble f[N_FLOOR_METRICS], j[N_JSSIP_METRICS], r[N_JSSIP_METRICS];

  series_medians (floor, rounds, f);
  series_medians (fresh, rounds, j);
  series_medians (reused, rounds, r);
  print_json (floor, "-median", rounds, f);
  print_json (fresh, "-median", rounds, j);
  print_json (reused, "-median", rounds, r);

  g_print ("\nmedians of %u rounds, ms from create-offer (floor) or "
      "connect (jssip):\n", rounds);
  g_print ("  floor: offer %.1f, answer %.1f, answer applied %.1f, ICE "
      "connected %.1f, DTLS connected %.1f, first audio %.1f\n", f[F_OFFER],
      f[F_ANSWER], f[F_APPLIED], f[F_ICE], f[F_DTLS], f[F_AUDIO]);
  compare_to_floor ("jssip, a callee for the call", j, f);
  compare_to_floor ("jssip, a callee answering call after call", r, f);
}

int
main (int argc, char **argv)
{
  Stamps stamps = { 0 };
  const gchar *server;
  guint rounds;
  Series floor, fresh, reused;
  Side b;

  gst_init (&argc, &argv);
  if (argc < 2 || !g_str_has_prefix (argv[1], "ws")) {
    g_printerr ("usage: %s SERVER_WS_URI [ROUNDS]\n", argv[0]);
    return 2;
  }
  server = argv[1];
  rounds = argc > 2 ? (guint) atoi (argv[2]) : DEFAULT_ROUNDS;
  if (rounds == 0)
    rounds = DEFAULT_ROUNDS;
  g_mutex_init (&stamps.lock);
  g_cond_init (&stamps.cond);
  series_init (&floor, "floor", floor_metrics, N_FLOOR_METRICS, rounds);
  series_init (&fresh, "jssip", jssip_metrics, N_JSSIP_METRICS, rounds);
  series_init (&reused, "jssip-reused", jssip_metrics, N_JSSIP_METRICS, rounds);

  /* Loads every plugin and makes the DTLS certificate, for all kinds. */
  floor_round (&stamps);
  jssip_round (&stamps, server, NULL);

  for (guint i = 0; i < rounds; i++) {
    gint64 start = floor_round (&stamps);

    record_floor (&stamps, start, series_row (&floor, i));
    print_json (&floor, "", i + 1, series_row (&floor, i));

    start = jssip_round (&stamps, server, NULL);
    record_jssip (&stamps, start, series_row (&fresh, i));
    print_json (&fresh, "", i + 1, series_row (&fresh, i));

    /* carol answers call after call: registered before the first. */
    if (i == 0)
      callee_init (&b, &stamps, server, REUSED_CALLEE);
    start = jssip_round (&stamps, server, &b);
    record_jssip (&stamps, start, series_row (&reused, i));
    print_json (&reused, "", i + 1, series_row (&reused, i));
  }
  summarize (&floor, &fresh, &reused, rounds);

  side_clear (&b);
  g_free (floor.rows);
  g_free (fresh.rows);
  g_free (reused.rows);
  g_mutex_clear (&stamps.lock);
  g_cond_clear (&stamps.cond);
  return 0;
}
