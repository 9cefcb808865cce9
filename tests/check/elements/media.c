/* gst-jssip
 *
 * The media object alone, without SIP: two of them in one process, each
 * beside a user pipeline, negotiate with SDP strings over 127.0.0.1 and
 * exchange a tone (440 Hz one way, 880 Hz the other) and video.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <gst/check/gstcheck.h>
#include <gst/webrtc/webrtc.h>

#include "jssipmedia.h"
#include "jssipsdp.h"
#include "jssipstream.h"

#define LOOPBACK "127.0.0.1"
#define SPECTRUM_RATE 16000
#define SPECTRUM_BANDS 160      /* 50 Hz wide */
#define TONE_TOLERANCE 60       /* Hz */
#define TONES_NEEDED 5          /* spectrum messages with a tone */
#define FRAMES_NEEDED 10
#define MEDIA_TIMEOUT_MS 15000

typedef struct
{
  const gchar *name;
  GstElement *pipeline;
  JsSipMedia *media;

  GMutex lock;
  GArray *tones;                /* gdouble: loudest frequency, each 100 ms */
  guint video_frames;
  gchar *video_caps;
  gboolean audio_eos;
  gboolean video_eos;
  gint64 first_audio_us;
  gint64 connected_us;
} Peer;

/* ---------------------------------------------------------------------- */
/* What arrives at the user's side */

static gdouble
loudest_frequency (const GstStructure * s, gdouble * level)
{
  const GValue *magnitudes = gst_structure_get_value (s, "magnitude");
  guint loudest = 0;

  *level = -1000.0;
  for (guint i = 0; i < gst_value_list_get_size (magnitudes); i++) {
    gfloat db = g_value_get_float (gst_value_list_get_value (magnitudes, i));

    if (db > *level) {
      *level = db;
      loudest = i;
    }
  }
  return (loudest + 0.5) * (SPECTRUM_RATE / 2.0) / SPECTRUM_BANDS;
}

static GstBusSyncReply
on_user_message (GstBus * bus, GstMessage * message, gpointer user_data)
{
  Peer *peer = user_data;
  const GstStructure *s = gst_message_get_structure (message);

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR) {
    GError *error = NULL;

    gst_message_parse_error (message, &error, NULL);
    g_printerr ("%s: error from %s: %s\n", peer->name,
        GST_OBJECT_NAME (GST_MESSAGE_SRC (message)), error->message);
    g_error_free (error);
  } else if (s != NULL && gst_structure_has_name (s, "spectrum")) {
    gdouble level;
    gdouble frequency = loudest_frequency (s, &level);

    /* Silence before the decoder settles is no tone at all. */
    if (level > -50.0) {
      g_mutex_lock (&peer->lock);
      g_array_append_val (peer->tones, frequency);
      g_mutex_unlock (&peer->lock);
    }
  }
  /* A sync handler that drops a message owns it. */
  gst_message_unref (message);
  return GST_BUS_DROP;
}

static GstPadProbeReturn
watch_stream (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Peer *peer = user_data;
  gboolean video = g_strcmp0 (g_object_get_data (G_OBJECT (pad), "kind"),
      "video") == 0;

  g_mutex_lock (&peer->lock);
  if (info->type & GST_PAD_PROBE_TYPE_BUFFER) {
    if (video) {
      GstCaps *caps = gst_pad_get_current_caps (pad);

      peer->video_frames++;
      if (caps != NULL && peer->video_caps == NULL)
        peer->video_caps = gst_caps_to_string (caps);
      gst_clear_caps (&caps);
    } else if (peer->first_audio_us == 0) {
      peer->first_audio_us = g_get_monotonic_time ();
    }
  } else if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_EOS) {
    if (video)
      peer->video_eos = TRUE;
    else
      peer->audio_eos = TRUE;
  }
  g_mutex_unlock (&peer->lock);
  return GST_PAD_PROBE_OK;
}

/* Synchronised sinks: a remote stream whose timestamps did not follow the
 * user pipeline's clock and base time would wait, and never be heard. */
#define AUDIO_ANALYSIS "audioconvert ! audioresample ! " \
  "audio/x-raw,format=F32LE,channels=1,rate=%d ! " \
  "spectrum bands=%d threshold=-90 interval=100000000 ! fakesink sync=true"

/* The call layer's part: put the remote stream into the user's pipeline. */
static void
on_remote_stream (JsSipMedia * media, JsSipMediaFlags kind, GstElement * src,
    Peer * peer)
{
  gchar *description = kind == JSSIP_MEDIA_AUDIO ?
      g_strdup_printf (AUDIO_ANALYSIS, SPECTRUM_RATE, SPECTRUM_BANDS) :
      g_strdup ("fakesink sync=true");
  GstElement *analysis = gst_parse_bin_from_description (description, TRUE,
      NULL);
  GstPad *pad = gst_element_get_static_pad (src, "src");

  g_object_set_data (G_OBJECT (pad), "kind",
      kind == JSSIP_MEDIA_AUDIO ? "audio" : "video");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER |
      GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, watch_stream, peer, NULL);
  gst_object_unref (pad);
  gst_bin_add_many (GST_BIN (peer->pipeline), src, analysis, NULL);
  fail_unless (gst_element_link (src, analysis));
  gst_element_sync_state_with_parent (analysis);
  gst_element_sync_state_with_parent (src);
  g_free (description);
}

static void
on_connection_state (JsSipMedia * media, GParamSpec * pspec, Peer * peer)
{
  GstWebRTCPeerConnectionState state;

  g_object_get (media, "connection-state", &state, NULL);
  g_mutex_lock (&peer->lock);
  if (state == GST_WEBRTC_PEER_CONNECTION_STATE_CONNECTED
      && peer->connected_us == 0)
    peer->connected_us = g_get_monotonic_time ();
  g_mutex_unlock (&peer->lock);
}

/* ---------------------------------------------------------------------- */
/* Peers */

static void
add_source (Peer * peer, const gchar * description, JsSipMediaFlags kind)
{
  GstElement *source = gst_parse_bin_from_description (description, TRUE,
      NULL);
  GstElement *sink = jssip_media_request_sink (peer->media, kind);

  fail_unless (source != NULL && sink != NULL);
  fail_unless (jssip_media_request_sink (peer->media, kind) == NULL,
      "a second sink of one kind");
  gst_bin_add_many (GST_BIN (peer->pipeline), source, sink, NULL);
  fail_unless (gst_element_link (source, sink));
}

static void
config_for_test (JsSipMediaConfig * config, JsSipMediaFlags media)
{
  jssip_media_config_init (config);
  config->ice_addresses = LOOPBACK;
  config->send = media;
  config->recv = media;
}

static Peer *
peer_new (const gchar * name, const JsSipMediaConfig * config, gint frequency)
{
  Peer *peer = g_new0 (Peer, 1);
  GError *error = NULL;
  GstBus *bus;

  peer->name = name;
  g_mutex_init (&peer->lock);
  peer->tones = g_array_new (FALSE, FALSE, sizeof (gdouble));
  peer->media = jssip_media_new (config, &error);
  fail_unless (peer->media != NULL, "%s", error ? error->message : "");
  g_signal_connect (peer->media, "remote-stream",
      G_CALLBACK (on_remote_stream), peer);
  g_signal_connect (peer->media, "notify::connection-state",
      G_CALLBACK (on_connection_state), peer);

  peer->pipeline = gst_pipeline_new (name);
  bus = gst_pipeline_get_bus (GST_PIPELINE (peer->pipeline));
  gst_bus_set_sync_handler (bus, on_user_message, peer, NULL);
  gst_object_unref (bus);
  if (config->send & JSSIP_MEDIA_AUDIO) {
    gchar *tone = g_strdup_printf ("audiotestsrc is-live=true volume=0.3 "
        "freq=%d ! capsfilter caps=audio/x-raw,rate=44100,channels=2",
        frequency);

    add_source (peer, tone, JSSIP_MEDIA_AUDIO);
    g_free (tone);
  }
  if (config->send & JSSIP_MEDIA_VIDEO)
    add_source (peer, "videotestsrc is-live=true pattern=ball ! capsfilter "
        "caps=video/x-raw,width=160,height=120,framerate=15/1",
        JSSIP_MEDIA_VIDEO);

  /* What jssipsrc/jssipsink do when their pipeline starts playing. */
  fail_if (gst_element_set_state (peer->pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  gst_element_get_state (peer->pipeline, NULL, NULL, GST_CLOCK_TIME_NONE);
  {
    GstClock *clock = gst_pipeline_get_clock (GST_PIPELINE (peer->pipeline));

    jssip_media_set_clock (peer->media, clock,
        gst_element_get_base_time (peer->pipeline));
    gst_object_unref (clock);
  }
  return peer;
}

static void
peer_free (Peer * peer)
{
  gpointer media = peer->media;
  gpointer pipeline = peer->pipeline;

  g_object_add_weak_pointer (media, &media);
  g_object_add_weak_pointer (pipeline, &pipeline);
  /* The order docs/media.md recommends: the call, then the pipeline. */
  jssip_media_end (peer->media);
  g_object_unref (peer->media);
  gst_element_set_state (peer->pipeline, GST_STATE_NULL);
  gst_object_unref (peer->pipeline);
  fail_unless (media == NULL, "%s: the media object is still alive",
      peer->name);
  fail_unless (pipeline == NULL, "%s: the user pipeline is still alive",
      peer->name);
  g_array_unref (peer->tones);
  g_free (peer->video_caps);
  g_mutex_clear (&peer->lock);
  g_free (peer);
}

/* ---------------------------------------------------------------------- */
/* Waiting without blocking the negotiation callbacks */

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_for (Condition done, gpointer data, guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * 1000;

  while (!done (data)) {
    if (g_get_monotonic_time () > deadline)
      return FALSE;
    g_main_context_iteration (NULL, FALSE);
    g_usleep (2000);
  }
  return TRUE;
}

typedef struct
{
  gboolean done;
  gchar *sdp;
  GError *error;
  gboolean offer;
} Result;

static void
on_description (GObject * source, GAsyncResult * async_result, gpointer data)
{
  Result *result = data;
  JsSipMedia *media = JSSIP_MEDIA (source);

  result->sdp = result->offer ?
      jssip_media_create_offer_finish (media, async_result, &result->error) :
      jssip_media_create_answer_finish (media, async_result, &result->error);
  result->done = TRUE;
}

static gboolean
result_done (gpointer data)
{
  return ((Result *) data)->done;
}

static gchar *
create_offer (Peer * peer, GError ** error)
{
  Result result = { FALSE, NULL, NULL, TRUE };

  jssip_media_create_offer_async (peer->media, NULL, on_description, &result);
  fail_unless (wait_for (result_done, &result, MEDIA_TIMEOUT_MS));
  if (result.error != NULL)
    g_propagate_error (error, result.error);
  return result.sdp;
}

static gchar *
create_answer (Peer * peer, const gchar * offer, GError ** error)
{
  Result result = { FALSE, NULL, NULL, FALSE };

  jssip_media_create_answer_async (peer->media, offer, NULL, on_description,
      &result);
  fail_unless (wait_for (result_done, &result, MEDIA_TIMEOUT_MS));
  if (result.error != NULL)
    g_propagate_error (error, result.error);
  return result.sdp;
}

/* ---------------------------------------------------------------------- */
/* Checks */

/* What a SIP peer without trickle ICE needs, and the network rule of the
 * test suite: loopback candidates only. */
static void
check_sdp_for_sip (const gchar * sdp)
{
  gchar **lines = g_strsplit (sdp, "\r\n", -1);
  guint candidates = 0, sections = 0, ends = 0;

  for (gchar ** line = lines; *line != NULL; line++) {
    if (g_str_has_prefix (*line, "m=")) {
      gchar **field = g_strsplit (*line, " ", 3);

      sections++;
      fail_if (g_strcmp0 (field[1], "9") == 0, "placeholder port: %s", *line);
      g_strfreev (field);
    } else if (g_str_has_prefix (*line, "c=")) {
      fail_unless (g_strcmp0 (*line, "c=IN IP4 " LOOPBACK) == 0, "%s", *line);
    } else if (g_str_has_prefix (*line, "a=candidate:")) {
      candidates++;
      fail_unless (strstr (*line, " " LOOPBACK " ") != NULL, "%s", *line);
    } else if (g_strcmp0 (*line, "a=end-of-candidates") == 0) {
      ends++;
    }
    fail_if (g_strcmp0 (*line, "a=ice-options:trickle") == 0);
  }
  fail_unless (sections > 0 && candidates > 0, "%s", sdp);
  fail_unless_equals_int (ends, sections);
  g_strfreev (lines);
}

typedef struct
{
  Peer *peers[2];
  JsSipMediaFlags media;
} Call;

static gboolean
peer_has_media (Peer * peer, JsSipMediaFlags media)
{
  gboolean done;

  g_mutex_lock (&peer->lock);
  done = (!(media & JSSIP_MEDIA_AUDIO) || peer->tones->len >= TONES_NEEDED)
      && (!(media & JSSIP_MEDIA_VIDEO) || peer->video_frames >= FRAMES_NEEDED);
  g_mutex_unlock (&peer->lock);
  return done;
}

static gboolean
call_has_media (gpointer data)
{
  Call *call = data;

  return peer_has_media (call->peers[0], call->media)
      && peer_has_media (call->peers[1], call->media);
}

/* The last tones heard are all the one sent (the first may catch the
 * decoder starting). */
static void
check_hears (Peer * peer, gdouble expected)
{
  g_mutex_lock (&peer->lock);
  for (guint i = peer->tones->len - 3; i < peer->tones->len; i++) {
    gdouble heard = g_array_index (peer->tones, gdouble, i);

    fail_unless (ABS (heard - expected) <= TONE_TOLERANCE,
        "%s hears %.0f Hz, not %.0f Hz", peer->name, heard, expected);
  }
  g_mutex_unlock (&peer->lock);
}

static void
check_sees_video (Peer * peer)
{
  g_mutex_lock (&peer->lock);
  fail_unless (g_str_has_prefix (peer->video_caps, "video/x-raw"), "%s: %s",
      peer->name, peer->video_caps);
  g_mutex_unlock (&peer->lock);
}

static gdouble
ms_since (gint64 start, gint64 end)
{
  return (end - start) / 1000.0;
}

typedef struct
{
  gint64 start;
  gint64 offered;
  gint64 answered;
} Timing;

/* The offerer's offer, the answerer's answer, the offerer applies it; both
 * SDPs checked for SIP peers. Returns the answer. */
static gchar *
negotiate (Peer * offerer, Peer * answerer, Timing * timing)
{
  GError *error = NULL;
  gchar *offer, *answer;

  timing->start = g_get_monotonic_time ();
  offer = create_offer (offerer, &error);
  fail_unless (offer != NULL, "%s", error ? error->message : "");
  timing->offered = g_get_monotonic_time ();
  check_sdp_for_sip (offer);

  answer = create_answer (answerer, offer, &error);
  fail_unless (answer != NULL, "%s", error ? error->message : "");
  check_sdp_for_sip (answer);
  fail_unless (jssip_media_set_remote_answer (offerer->media, answer, &error),
      "%s", error ? error->message : "");
  timing->answered = g_get_monotonic_time ();
  g_free (offer);
  return answer;
}

static gboolean
has_all_media (gpointer data)
{
  return peer_has_media (data, JSSIP_MEDIA_ALL);
}

/* A calls B, and then both hear and see each other. Returns the answer for
 * further checks. */
static gchar *
run_call (Peer * a, Peer * b, JsSipMediaFlags media, const gchar * label)
{
  Call call = { {a, b}, media };
  Timing t;
  gchar *answer = negotiate (a, b, &t);

  fail_unless (wait_for (call_has_media, &call, MEDIA_TIMEOUT_MS),
      "%s: media did not flow both ways (A: %u tones, %u frames; "
      "B: %u tones, %u frames)", label, a->tones->len, a->video_frames,
      b->tones->len, b->video_frames);
  if (media & JSSIP_MEDIA_AUDIO) {
    check_hears (a, 880);
    check_hears (b, 440);
    g_print ("%s: offer %.1f ms, answer applied %.1f ms, connected %.1f ms, "
        "first decoded audio at B %.1f ms\n", label,
        ms_since (t.start, t.offered), ms_since (t.start, t.answered),
        a->connected_us ? ms_since (t.start, a->connected_us) : -1.0,
        ms_since (t.start, b->first_audio_us));
  }
  if (media & JSSIP_MEDIA_VIDEO) {
    check_sees_video (a);
    check_sees_video (b);
  }
  return answer;
}

/* ---------------------------------------------------------------------- */
/* Tests */

GST_START_TEST (test_call_audio_and_video)
{
  JsSipMediaConfig config;
  Peer *a, *b;

  config_for_test (&config, JSSIP_MEDIA_ALL);
  a = peer_new ("A", &config, 440);
  b = peer_new ("B", &config, 880);
  g_free (run_call (a, b, JSSIP_MEDIA_ALL, "audio+video"));
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

typedef struct
{
  const gchar *name;
  JsSipMediaFlags kind;
  const gchar *rtpmap;          /* what the answer must carry */
} ForcedCodec;

static const ForcedCodec forced_codecs[] = {
  {"opus", JSSIP_MEDIA_AUDIO, "OPUS/48000/2"},
  {"g722", JSSIP_MEDIA_AUDIO, "G722/8000"},
  {"pcmu", JSSIP_MEDIA_AUDIO, "PCMU/8000"},
  {"pcma", JSSIP_MEDIA_AUDIO, "PCMA/8000"},
  {"vp8", JSSIP_MEDIA_VIDEO, "VP8/90000"},
  {"h264", JSSIP_MEDIA_VIDEO, "H264/90000"},
  {"vp9", JSSIP_MEDIA_VIDEO, "VP9/90000"},
};

GST_START_TEST (test_each_codec)
{
  const ForcedCodec *forced = &forced_codecs[__i__];
  JsSipMediaConfig config;
  Peer *a, *b;
  gchar *answer;

  config_for_test (&config, forced->kind);
  if (forced->kind == JSSIP_MEDIA_AUDIO)
    config.audio_codecs = forced->name;
  else
    config.video_codecs = forced->name;
  a = peer_new ("A", &config, 440);
  b = peer_new ("B", &config, 880);
  answer = run_call (a, b, forced->kind, forced->name);
  fail_unless (strstr (answer, forced->rtpmap) != NULL, "%s", answer);
  g_free (answer);
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

/* The answerer's preference decides (webrtcbin 1.22 answers with one
 * codec), as long as the offer has it. */
GST_START_TEST (test_answerer_preference)
{
  JsSipMediaConfig config_a, config_b;
  Peer *a, *b;
  gchar *answer;

  config_for_test (&config_a, JSSIP_MEDIA_AUDIO);
  config_a.audio_codecs = "opus,pcmu,pcma";
  config_for_test (&config_b, JSSIP_MEDIA_AUDIO);
  config_b.audio_codecs = "g722,pcma,opus";
  a = peer_new ("A", &config_a, 440);
  b = peer_new ("B", &config_b, 880);
  answer = run_call (a, b, JSSIP_MEDIA_AUDIO, "preference");
  fail_unless (strstr (answer, "PCMA/8000") != NULL, "%s", answer);
  fail_if (strstr (answer, "OPUS") != NULL, "%s", answer);
  g_free (answer);
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

/* telephone-event is offered at the clock rate of each audio codec. */
GST_START_TEST (test_offer_telephone_event)
{
  JsSipMediaConfig config;
  JsSipMedia *media;
  GError *error = NULL;
  Result result = { FALSE, NULL, NULL, TRUE };

  config_for_test (&config, JSSIP_MEDIA_AUDIO);
  config.audio_codecs = "opus,pcmu";
  media = jssip_media_new (&config, &error);
  fail_unless (media != NULL);
  jssip_media_create_offer_async (media, NULL, on_description, &result);
  fail_unless (wait_for (result_done, &result, MEDIA_TIMEOUT_MS));
  fail_unless (result.sdp != NULL);
  fail_unless (strstr (result.sdp, "m=audio") != NULL);
  fail_unless (strstr (result.sdp, "TELEPHONE-EVENT/48000") != NULL);
  fail_unless (strstr (result.sdp, "TELEPHONE-EVENT/8000") != NULL);
  fail_unless (strstr (result.sdp, "m=video") == NULL);
  g_free (result.sdp);
  g_object_unref (media);
}

GST_END_TEST;

/* A STUN server that never answers (on loopback: the network rule) holds
 * gathering for seconds; the offer must not wait for it. */
GST_START_TEST (test_gathering_timeout)
{
  GSocket *silent = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
      G_SOCKET_PROTOCOL_UDP, NULL);
  GInetAddress *loopback = g_inet_address_new_from_string (LOOPBACK);
  GSocketAddress *address = g_inet_socket_address_new (loopback, 0);
  GSocketAddress *bound;
  JsSipMediaConfig config;
  JsSipMedia *media;
  Result result = { FALSE, NULL, NULL, TRUE };
  gchar *stun;
  gint64 start;
  gdouble elapsed;

  fail_unless (g_socket_bind (silent, address, TRUE, NULL));
  bound = g_socket_get_local_address (silent, NULL);
  stun = g_strdup_printf ("stun://" LOOPBACK ":%u",
      g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  config_for_test (&config, JSSIP_MEDIA_AUDIO);
  config.stun_server = stun;
  config.ice_gathering_timeout = 300;
  media = jssip_media_new (&config, NULL);
  start = g_get_monotonic_time ();
  jssip_media_create_offer_async (media, NULL, on_description, &result);
  fail_unless (wait_for (result_done, &result, MEDIA_TIMEOUT_MS));
  elapsed = ms_since (start, g_get_monotonic_time ());
  g_print ("offer with an unanswering STUN server: %.1f ms\n", elapsed);

  fail_unless (result.sdp != NULL);
  check_sdp_for_sip (result.sdp);
  /* It did wait (the STUN server held gathering), but not much longer. */
  fail_unless (elapsed >= 250 && elapsed < 1000, "%.1f ms", elapsed);

  g_free (result.sdp);
  g_object_unref (media);
  g_free (stun);
  g_object_unref (bound);
  g_object_unref (address);
  g_object_unref (loopback);
  g_object_unref (silent);
}

GST_END_TEST;

static gboolean
both_ended (gpointer data)
{
  Peer *peer = data;
  gboolean ended;

  g_mutex_lock (&peer->lock);
  ended = peer->audio_eos && peer->video_eos;
  g_mutex_unlock (&peer->lock);
  return ended;
}

GST_START_TEST (test_end_gives_eos)
{
  JsSipMediaConfig config;
  Peer *a, *b;

  config_for_test (&config, JSSIP_MEDIA_ALL);
  a = peer_new ("A", &config, 440);
  b = peer_new ("B", &config, 880);
  g_free (run_call (a, b, JSSIP_MEDIA_ALL, "end"));

  jssip_media_end (b->media);
  fail_unless (wait_for (both_ended, b, MEDIA_TIMEOUT_MS));
  g_mutex_lock (&a->lock);
  fail_if (a->audio_eos || a->video_eos);
  g_mutex_unlock (&a->lock);
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

static gboolean
has_inbound_rtp (GQuark field, const GValue * value, gpointer user_data)
{
  GstWebRTCStatsType type;

  if (G_VALUE_TYPE (value) != GST_TYPE_STRUCTURE)
    return TRUE;
  if (gst_structure_get (gst_value_get_structure (value), "type",
          GST_TYPE_WEBRTC_STATS_TYPE, &type, NULL)
      && type == GST_WEBRTC_STATS_INBOUND_RTP) {
    *(gboolean *) user_data = TRUE;
    return FALSE;
  }
  return TRUE;
}

GST_START_TEST (test_stats)
{
  JsSipMediaConfig config;
  Peer *a, *b;
  GstStructure *stats;
  gboolean inbound = FALSE;

  config_for_test (&config, JSSIP_MEDIA_AUDIO);
  a = peer_new ("A", &config, 440);
  b = peer_new ("B", &config, 880);
  g_free (run_call (a, b, JSSIP_MEDIA_AUDIO, "stats"));
  stats = jssip_media_get_stats (b->media);
  fail_unless (stats != NULL);
  gst_structure_foreach (stats, has_inbound_rtp, &inbound);
  fail_unless (inbound, "no inbound-rtp in %" GST_PTR_FORMAT, stats);
  gst_structure_free (stats);
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

GST_START_TEST (test_errors)
{
  JsSipMediaConfig config;
  JsSipMedia *media;
  GError *error = NULL;
  Result result = { FALSE, NULL, NULL, FALSE };

  config_for_test (&config, JSSIP_MEDIA_AUDIO);
  config.audio_codecs = "opus,speex";
  fail_unless (jssip_media_new (&config, &error) == NULL);
  fail_unless (g_error_matches (error, JSSIP_MEDIA_ERROR,
          JSSIP_MEDIA_ERROR_CONFIG), "%s", error->message);
  g_clear_error (&error);

  config.audio_codecs = "pcmu";
  config.ice_addresses = "127.0.0.1, not-an-address";
  fail_unless (jssip_media_new (&config, &error) == NULL);
  fail_unless (g_error_matches (error, JSSIP_MEDIA_ERROR,
          JSSIP_MEDIA_ERROR_CONFIG)
      && strstr (error->message, "not-an-address"), "%s", error->message);
  g_clear_error (&error);

  config.ice_addresses = LOOPBACK;
  config.turn_servers = (const gchar *[]) { "stun://" LOOPBACK ":3478", NULL };
  fail_unless (jssip_media_new (&config, &error) == NULL);
  fail_unless (g_error_matches (error, JSSIP_MEDIA_ERROR,
          JSSIP_MEDIA_ERROR_CONFIG), "%s", error->message);
  g_clear_error (&error);

  config.turn_servers = NULL;
  media = jssip_media_new (&config, &error);
  fail_unless (media != NULL);
  fail_if (jssip_media_set_remote_answer (media, "v=0\r\n", &error));
  fail_unless (g_error_matches (error, JSSIP_MEDIA_ERROR,
          JSSIP_MEDIA_ERROR_STATE));
  g_clear_error (&error);

  jssip_media_create_answer_async (media, "not an SDP", NULL, on_description,
      &result);
  fail_unless (wait_for (result_done, &result, MEDIA_TIMEOUT_MS));
  fail_unless (g_error_matches (result.error, JSSIP_MEDIA_ERROR,
          JSSIP_MEDIA_ERROR_BAD_DESCRIPTION));
  g_clear_error (&result.error);
  g_object_unref (media);
}

GST_END_TEST;

/* B takes only G.722, A offers only PCMU: nothing in common. */
GST_START_TEST (test_incompatible)
{
  JsSipMediaConfig config_a, config_b;
  Peer *a, *b;
  GError *error = NULL;
  gchar *offer, *answer;

  config_for_test (&config_a, JSSIP_MEDIA_AUDIO);
  config_a.audio_codecs = "pcmu";
  config_for_test (&config_b, JSSIP_MEDIA_AUDIO);
  config_b.audio_codecs = "g722";
  a = peer_new ("A", &config_a, 440);
  b = peer_new ("B", &config_b, 880);
  offer = create_offer (a, &error);
  fail_unless (offer != NULL);
  answer = create_answer (b, offer, &error);
  fail_unless (answer == NULL, "%s", answer);
  fail_unless (g_error_matches (error, JSSIP_MEDIA_ERROR,
          JSSIP_MEDIA_ERROR_INCOMPATIBLE), "%s", error->message);
  g_clear_error (&error);
  g_free (offer);
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

/* A lone jssipsink calls a lone jssipsrc (loop 0), and the other way
 * round (loop 1): media flows one way, and the SDPs say so. */
GST_START_TEST (test_one_way)
{
  JsSipMediaConfig config_a, config_b;
  Peer *a, *b;
  Timing t;
  gchar *answer;
  gboolean a_offers = __i__ == 0;

  config_for_test (&config_a, JSSIP_MEDIA_ALL);
  config_a.recv = 0;
  config_for_test (&config_b, JSSIP_MEDIA_ALL);
  config_b.send = 0;
  a = peer_new ("A", &config_a, 440);
  b = peer_new ("B", &config_b, 880);
  answer = a_offers ? negotiate (a, b, &t) : negotiate (b, a, &t);
  fail_unless (strstr (answer, a_offers ? "a=recvonly" : "a=sendonly") !=
      NULL, "%s", answer);
  fail_if (strstr (answer, "a=sendrecv") != NULL, "%s", answer);

  fail_unless (wait_for (has_all_media, b, MEDIA_TIMEOUT_MS));
  check_hears (b, 440);
  check_sees_video (b);
  g_mutex_lock (&a->lock);
  fail_unless (a->tones->len == 0 && a->video_frames == 0);
  g_mutex_unlock (&a->lock);
  g_free (answer);
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

/* Audio in common, video not: the call goes on with audio only. */
GST_START_TEST (test_video_incompatible)
{
  JsSipMediaConfig config_a, config_b;
  Peer *a, *b;
  gchar *answer;

  config_for_test (&config_a, JSSIP_MEDIA_ALL);
  config_a.video_codecs = "vp8";
  config_for_test (&config_b, JSSIP_MEDIA_ALL);
  config_b.video_codecs = "h264";
  a = peer_new ("A", &config_a, 440);
  b = peer_new ("B", &config_b, 880);
  answer = run_call (a, b, JSSIP_MEDIA_AUDIO, "video incompatible");
  fail_unless (strstr (answer, "m=video") != NULL, "%s", answer);
  fail_unless (strstr (answer, "a=inactive") != NULL, "%s", answer);
  g_mutex_lock (&a->lock);
  fail_unless_equals_int (a->video_frames, 0);
  g_mutex_unlock (&a->lock);
  g_free (answer);
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

/* ---------------------------------------------------------------------- */
/* A bare webrtcbin offering like a browser: BUNDLE, max-bundle */

/* Without a bus handler, the last messages on the bus hold the pipeline. */
static void
stop_pipeline (GstElement * pipeline)
{
  GstBus *bus = gst_element_get_bus (pipeline);

  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_bus_set_flushing (bus, TRUE);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
}

typedef struct
{
  GstElement *pipeline;
  GstElement *webrtcbin;
  GMutex lock;
  guint rtp_packets[2];         /* audio, video */
} RawPeer;

static GstPadProbeReturn
count_rtp (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  RawPeer *peer = user_data;
  gint video = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (pad), "video"));

  g_mutex_lock (&peer->lock);
  peer->rtp_packets[video]++;
  g_mutex_unlock (&peer->lock);
  return GST_PAD_PROBE_OK;
}

static void
on_raw_pad_added (GstElement * webrtcbin, GstPad * pad, RawPeer * peer)
{
  GstElement *sink;
  GstPad *sinkpad;
  GstCaps *caps;

  if (GST_PAD_DIRECTION (pad) != GST_PAD_SRC)
    return;
  caps = gst_pad_get_current_caps (pad);
  sink = gst_element_factory_make ("fakesink", NULL);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  g_object_set_data (G_OBJECT (sinkpad), "video", GINT_TO_POINTER
      (g_strcmp0 (gst_structure_get_string (gst_caps_get_structure (caps, 0),
                  "media"), "video") == 0));
  gst_pad_add_probe (sinkpad, GST_PAD_PROBE_TYPE_BUFFER, count_rtp, peer, NULL);
  gst_bin_add (GST_BIN (peer->pipeline), sink);
  gst_element_sync_state_with_parent (sink);
  fail_unless_equals_int (gst_pad_link (pad, sinkpad), GST_PAD_LINK_OK);
  gst_object_unref (sinkpad);
  gst_caps_unref (caps);
}

static RawPeer *
raw_peer_new (void)
{
  RawPeer *peer = g_new0 (RawPeer, 1);
  GObject *ice, *agent;
  gboolean added;

  g_mutex_init (&peer->lock);
  peer->pipeline = gst_parse_launch ("webrtcbin name=w "
      "bundle-policy=max-bundle audiotestsrc is-live=true freq=440 "
      "volume=0.3 ! opusenc ! rtpopuspay pt=111 ! w. videotestsrc "
      "is-live=true ! video/x-raw,width=160,height=120,framerate=15/1 ! "
      "vp8enc deadline=1 ! rtpvp8pay pt=96 ! w.", NULL);
  peer->webrtcbin = gst_bin_get_by_name (GST_BIN (peer->pipeline), "w");
  g_object_get (peer->webrtcbin, "ice-agent", &ice, NULL);
  g_object_get (ice, "agent", &agent, NULL);
  g_object_set (agent, "upnp", FALSE, NULL);
  g_signal_emit_by_name (ice, "add-local-ip-address", LOOPBACK, &added);
  g_object_unref (agent);
  g_object_unref (ice);
  g_signal_connect (peer->webrtcbin, "pad-added",
      G_CALLBACK (on_raw_pad_added), peer);
  gst_element_set_state (peer->pipeline, GST_STATE_PLAYING);
  return peer;
}

static void
raw_peer_free (RawPeer * peer)
{
  gst_object_unref (peer->webrtcbin);
  stop_pipeline (peer->pipeline);
  g_mutex_clear (&peer->lock);
  g_free (peer);
}

static const GstStructure *
raw_call (RawPeer * peer, const gchar * action, gpointer argument,
    GstPromise * promise)
{
  g_signal_emit_by_name (peer->webrtcbin, action, argument, promise);
  fail_unless_equals_int (gst_promise_wait (promise),
      GST_PROMISE_RESULT_REPLIED);
  return gst_promise_get_reply (promise);
}

static gboolean
raw_gathered (gpointer data)
{
  RawPeer *peer = data;
  GstWebRTCICEGatheringState state;

  g_object_get (peer->webrtcbin, "ice-gathering-state", &state, NULL);
  return state == GST_WEBRTC_ICE_GATHERING_STATE_COMPLETE;
}

/* webrtcbin offers a linked sink pad's codec once it has caps. */
static gboolean
raw_inputs_ready (gpointer data)
{
  RawPeer *peer = data;
  gboolean ready = TRUE;

  GST_OBJECT_LOCK (peer->webrtcbin);
  for (GList * l = GST_ELEMENT (peer->webrtcbin)->sinkpads; l; l = l->next)
    ready &= gst_pad_has_current_caps (l->data);
  GST_OBJECT_UNLOCK (peer->webrtcbin);
  return ready;
}

static gchar *
raw_offer (RawPeer * peer)
{
  GstPromise *promise = gst_promise_new ();
  GstWebRTCSessionDescription *offer = NULL;
  gchar *text;

  fail_unless (wait_for (raw_inputs_ready, peer, MEDIA_TIMEOUT_MS));

  gst_structure_get (raw_call (peer, "create-offer", NULL, promise), "offer",
      GST_TYPE_WEBRTC_SESSION_DESCRIPTION, &offer, NULL);
  gst_promise_unref (promise);
  promise = gst_promise_new ();
  raw_call (peer, "set-local-description", offer, promise);
  gst_promise_unref (promise);
  gst_webrtc_session_description_free (offer);
  fail_unless (wait_for (raw_gathered, peer, MEDIA_TIMEOUT_MS));
  g_object_get (peer->webrtcbin, "local-description", &offer, NULL);
  text = gst_sdp_message_as_text (offer->sdp);
  gst_webrtc_session_description_free (offer);
  return text;
}

static void
raw_apply_answer (RawPeer * peer, const gchar * text)
{
  GstPromise *promise = gst_promise_new ();
  GstSDPMessage *sdp;
  GstWebRTCSessionDescription *answer;
  const GstStructure *reply;

  fail_unless_equals_int (gst_sdp_message_new_from_text (text, &sdp),
      GST_SDP_OK);
  answer = gst_webrtc_session_description_new (GST_WEBRTC_SDP_TYPE_ANSWER, sdp);
  reply = raw_call (peer, "set-remote-description", answer, promise);
  fail_if (reply != NULL && gst_structure_has_field (reply, "error"));
  gst_promise_unref (promise);
  gst_webrtc_session_description_free (answer);
}

static gboolean
raw_peer_receives (gpointer data)
{
  RawPeer *peer = data;
  gboolean done;

  g_mutex_lock (&peer->lock);
  done = peer->rtp_packets[0] >= FRAMES_NEEDED
      && peer->rtp_packets[1] >= FRAMES_NEEDED;
  g_mutex_unlock (&peer->lock);
  return done;
}

/* The answer accepts the BUNDLE, and gives the bundle-only video section
 * the transport of the audio one. */
GST_START_TEST (test_answer_bundled_offer)
{
  JsSipMediaConfig config;
  RawPeer *a = raw_peer_new ();
  Peer *b;
  GError *error = NULL;
  gchar *offer, *answer;

  config_for_test (&config, JSSIP_MEDIA_ALL);
  b = peer_new ("B", &config, 880);
  offer = raw_offer (a);
  fail_unless (strstr (offer, "a=bundle-only") != NULL, "%s", offer);
  answer = create_answer (b, offer, &error);
  fail_unless (answer != NULL, "%s", error ? error->message : "");
  check_sdp_for_sip (answer);
  fail_unless (strstr (answer, "a=group:BUNDLE") != NULL, "%s", answer);
  raw_apply_answer (a, answer);

  fail_unless (wait_for (has_all_media, b, MEDIA_TIMEOUT_MS));
  check_hears (b, 440);
  check_sees_video (b);
  fail_unless (wait_for (raw_peer_receives, a, MEDIA_TIMEOUT_MS));
  g_free (offer);
  g_free (answer);
  peer_free (b);
  raw_peer_free (a);
}

GST_END_TEST;

/* ---------------------------------------------------------------------- */
/* SDP for SIP peers, on a fixed description (documentation addresses) */

/* *INDENT-OFF* */
static const gchar webrtcbin_like_sdp[] =
    "v=0\r\n"
    "o=- 1 0 IN IP4 0.0.0.0\r\n"
    "s=-\r\n"
    "t=0 0\r\n"
    "a=ice-options:trickle\r\n"
    "a=group:BUNDLE a0 v1\r\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
    "c=IN IP4 0.0.0.0\r\n"
    "a=mid:a0\r\n"
    "a=candidate:1 1 UDP 2015363327 192.0.2.1 40000 typ host\r\n"
    "a=candidate:2 1 UDP 1677721855 198.51.100.7 50000 typ srflx "
    "raddr 192.0.2.1 rport 40000\r\n"
    "a=candidate:3 1 UDP 16777215 203.0.113.9 60000 typ relay "
    "raddr 198.51.100.7 rport 50000\r\n"
    "a=candidate:4 2 UDP 2015363326 192.0.2.1 40001 typ host\r\n"
    "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n"
    "c=IN IP4 0.0.0.0\r\n"
    "a=mid:v1\r\n"
    "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n"
    "c=IN IP4 0.0.0.0\r\n"
    "a=mid:v2\r\n"
    "a=candidate:1 1 UDP 2015363327 2001:db8::1 41000 typ host\r\n"
    "a=candidate:2 1 TCP 1015363327 2001:db8::1 9 typ host tcptype active\r\n"
    "m=audio 0 UDP/TLS/RTP/SAVPF 0\r\n"
    "c=IN IP4 0.0.0.0\r\n"
    "a=mid:a3\r\n";
/* *INDENT-ON* */

static void
check_section (const GstSDPMessage * sdp, guint index, guint port,
    const gchar * addrtype, const gchar * address, gboolean ended)
{
  const GstSDPMedia *media = gst_sdp_message_get_media (sdp, index);
  const GstSDPConnection *connection = gst_sdp_media_get_connection (media, 0);
  gboolean has_end = FALSE;

  fail_unless_equals_int (gst_sdp_media_connections_len (media), 1);
  fail_unless_equals_int (gst_sdp_media_get_port (media), port);
  fail_unless_equals_string (connection->addrtype, addrtype);
  fail_unless_equals_string (connection->address, address);

  for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++) {
    has_end |= g_strcmp0 (gst_sdp_media_get_attribute (media, i)->key,
        "end-of-candidates") == 0;
  }
  fail_unless_equals_int (has_end, ended);
}

GST_START_TEST (test_prepare_for_sip)
{
  GstSDPMessage *sdp;

  fail_unless_equals_int (gst_sdp_message_new_from_text (webrtcbin_like_sdp,
          &sdp), GST_SDP_OK);
  jssip_sdp_prepare_for_sip (sdp);

  fail_unless (gst_sdp_message_get_attribute_val (sdp, "ice-options") == NULL);
  /* Relayed first (RFC 8445 section 5.1.4), RTP component, UDP. */
  check_section (sdp, 0, 60000, "IP4", "203.0.113.9", TRUE);
  /* Bundled with the first: its transport. */
  check_section (sdp, 1, 60000, "IP4", "203.0.113.9", TRUE);
  check_section (sdp, 2, 41000, "IP6", "2001:db8::1", TRUE);
  /* Rejected: untouched. */
  check_section (sdp, 3, 0, "IP4", "0.0.0.0", FALSE);
  gst_sdp_message_free (sdp);
}

GST_END_TEST;

/* ---------------------------------------------------------------------- */
/* One user pad for a receive stream, whatever webrtcbin does */

#define PCMU_PACKET 160         /* 20 ms at 8 kHz */

static void
store_event (GstPad * pad, GstEvent * event)
{
  gst_pad_store_sticky_event (pad, event);
  gst_event_unref (event);
}

/* What a webrtcbin src pad gives: PCMU in RTP. */
static GstPad *
rtp_input_new (const gchar * stream_id)
{
  GstPad *pad = gst_pad_new (stream_id, GST_PAD_SRC);
  GstCaps *caps = gst_caps_from_string ("application/x-rtp, media=audio, "
      "clock-rate=8000, encoding-name=PCMU, payload=0");
  GstSegment segment;

  gst_pad_set_active (pad, TRUE);
  store_event (pad, gst_event_new_stream_start (stream_id));
  store_event (pad, gst_event_new_caps (caps));
  gst_caps_unref (caps);
  gst_segment_init (&segment, GST_FORMAT_TIME);
  store_event (pad, gst_event_new_segment (&segment));
  return pad;
}

/* RFC 3550 section 5.1 header, then PCMU silence. */
static void
push_rtp (GstPad * pad, guint32 ssrc, guint count)
{
  for (guint i = 0; i < count; i++) {
    guint8 *packet = g_malloc0 (12 + PCMU_PACKET);

    packet[0] = 0x80;
    GST_WRITE_UINT16_BE (packet + 2, i);
    GST_WRITE_UINT32_BE (packet + 4, i * PCMU_PACKET);
    GST_WRITE_UINT32_BE (packet + 8, ssrc);
    memset (packet + 12, 0xff, PCMU_PACKET);
    fail_unless_equals_int (gst_pad_push (pad,
            gst_buffer_new_wrapped (packet, 12 + PCMU_PACKET)), GST_FLOW_OK);
  }
}

typedef struct
{
  GMutex lock;
  guint buffers;
  gboolean eos;
} Counter;

static GstPadProbeReturn
count (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Counter *counter = user_data;

  g_mutex_lock (&counter->lock);
  if (info->type & GST_PAD_PROBE_TYPE_BUFFER)
    counter->buffers++;
  else if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_EOS)
    counter->eos = TRUE;
  g_mutex_unlock (&counter->lock);
  return GST_PAD_PROBE_OK;
}

static gboolean
counted_ten (gpointer data)
{
  Counter *counter = data;
  gboolean done;

  g_mutex_lock (&counter->lock);
  done = counter->buffers >= 10;
  g_mutex_unlock (&counter->lock);
  return done;
}

static gboolean
counted_eos (gpointer data)
{
  Counter *counter = data;
  gboolean eos;

  g_mutex_lock (&counter->lock);
  eos = counter->eos;
  g_mutex_unlock (&counter->lock);
  return eos;
}

/* A transceiver going inactive (hold) ends its webrtcbin pad with EOS,
 * and a new SSRC comes on a new pad: the user's stream goes on through
 * both, and ends only when the call does. */
GST_START_TEST (test_recv_stream_survives_hold_and_new_ssrc)
{
  GstElement *private = gst_pipeline_new ("private");
  GstElement *user = gst_pipeline_new ("user");
  const JsSipCodec *pcmu = jssip_codec_find (JSSIP_MEDIA_AUDIO, "PCMU", 8000);
  Counter counter = { 0 };
  JsSipRecvStream *stream;
  GstElement *src, *sink;
  GstPad *first, *second, *sinkpad;

  g_mutex_init (&counter.lock);
  stream = jssip_recv_stream_new (GST_BIN (private), pcmu, FALSE, NULL);
  src = jssip_recv_stream_get_user_src (stream);
  sink = gst_element_factory_make ("fakesink", NULL);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (sinkpad, GST_PAD_PROBE_TYPE_BUFFER |
      GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, count, &counter, NULL);
  gst_object_unref (sinkpad);
  gst_bin_add_many (GST_BIN (user), src, sink, NULL);
  fail_unless (gst_element_link (src, sink));
  gst_element_set_state (user, GST_STATE_PLAYING);
  gst_element_set_state (private, GST_STATE_PLAYING);

  first = rtp_input_new ("first");
  fail_unless (jssip_recv_stream_attach (stream, first));
  push_rtp (first, 1, 5);
  fail_unless (gst_pad_push_event (first, gst_event_new_eos ()));
  second = rtp_input_new ("second");
  fail_unless (jssip_recv_stream_attach (stream, second));
  fail_if (gst_pad_is_linked (first));
  push_rtp (second, 2, 5);
  fail_unless (wait_for (counted_ten, &counter, MEDIA_TIMEOUT_MS));
  fail_if (counted_eos (&counter), "EOS of a webrtcbin pad reached the user");

  jssip_recv_stream_end (stream);
  fail_unless (wait_for (counted_eos, &counter, MEDIA_TIMEOUT_MS));

  stop_pipeline (private);
  stop_pipeline (user);
  jssip_recv_stream_free (stream);
  gst_object_unref (first);
  gst_object_unref (second);
  g_mutex_clear (&counter.lock);
}

GST_END_TEST;

/* GStreamer keeps the threads of stopped tasks in a pool until
 * gst_deinit(): ending them before the test's process exits keeps their
 * exit from racing OpenSSL's own clean-up (a double free of its per-thread
 * state, seen with AddressSanitizer). */
static void
join_streaming_threads (void)
{
  gst_task_cleanup_all ();
}

static Suite *
media_suite (void)
{
  Suite *s = suite_create ("media");
  TCase *tc = tcase_create ("general");
  TCase *units = tcase_create ("units");

  jssip_media_prepare_process ();
  suite_add_tcase (s, units);
  tcase_add_test (units, test_prepare_for_sip);
  tcase_add_test (units, test_recv_stream_survives_hold_and_new_ssrc);
  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tc, NULL, join_streaming_threads);
  tcase_add_test (tc, test_call_audio_and_video);
  tcase_add_loop_test (tc, test_each_codec, 0, G_N_ELEMENTS (forced_codecs));
  tcase_add_test (tc, test_answerer_preference);
  tcase_add_test (tc, test_offer_telephone_event);
  tcase_add_test (tc, test_gathering_timeout);
  tcase_add_test (tc, test_end_gives_eos);
  tcase_add_test (tc, test_stats);
  tcase_add_test (tc, test_errors);
  tcase_add_test (tc, test_incompatible);
  tcase_add_test (tc, test_video_incompatible);
  tcase_add_loop_test (tc, test_one_way, 0, 2);
  tcase_add_test (tc, test_answer_bundled_offer);
  return s;
}

GST_CHECK_MAIN (media);
