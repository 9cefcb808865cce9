/* gst-jssip tests: codec negotiation, end to end.
 *
 * Each audio and each video codec forced in turn with `audio-codecs` /
 * `video-codecs` on both sides of a call through the project's Kamailio
 * (call-harness.h): the INVITE offers that codec alone (with
 * telephone-event beside an audio one), the 200 answers with it, and the
 * media goes both ways: each side hears the other's tone, video frames are
 * decoded on both. Then `decode=false`: the callee's jssipsrc gives the
 * encoded streams, recorded as they are and played back from the file.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <glib/gstdio.h>
#include <gst/check/gstcheck.h>
#include <gst/sdp/sdp.h>

#include "call-harness.h"
#include "kamailio-fixture.h"

#define RECORDED_SECONDS 2

typedef struct
{
  const gchar *name;            /* in audio-codecs / video-codecs */
  const gchar *rtpmap;          /* its a=rtpmap encoding, RFC 4566 6 */
} Codec;

static const Codec audio_codecs[] = {
  {"opus", "opus/48000/2"},
  {"g722", "G722/8000"},
  {"pcmu", "PCMU/8000"},
  {"pcma", "PCMA/8000"},
};

static const Codec video_codecs[] = {
  {"vp8", "VP8/90000"},
  {"h264", "H264/90000"},
  {"vp9", "VP9/90000"},
};

/* The SDP body of the SIP message of a session message. */
static GstSDPMessage *
message_sdp (const GstStructure * s)
{
  const gchar *message = gst_structure_get_string (s, "message");
  const gchar *body = message ? strstr (message, "\r\n\r\n") : NULL;
  GstSDPMessage *sdp = NULL;

  fail_unless (body != NULL, "no SIP message with a body: %" GST_PTR_FORMAT, s);
  fail_unless_equals_int (gst_sdp_message_new_from_text (body + 4, &sdp),
      GST_SDP_OK);
  return sdp;
}

static const GstSDPMedia *
sdp_media (const GstSDPMessage * sdp, const gchar * kind)
{
  for (guint i = 0; i < gst_sdp_message_medias_len (sdp); i++) {
    const GstSDPMedia *media = gst_sdp_message_get_media (sdp, i);

    if (g_strcmp0 (gst_sdp_media_get_media (media), kind) == 0)
      return media;
  }
  fail ("no m=%s line", kind);
  return NULL;
}

/* The a=rtpmap encoding of @format, "PCMU/8000". */
static const gchar *
rtpmap_encoding (const GstSDPMedia * media, const gchar * format)
{
  gsize length = strlen (format);

  for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++) {
    const GstSDPAttribute *attr = gst_sdp_media_get_attribute (media, i);

    if (g_strcmp0 (attr->key, "rtpmap") == 0 && attr->value
        && strncmp (attr->value, format, length) == 0
        && attr->value[length] == ' ')
      return attr->value + length + 1;
  }
  fail ("format %s has no a=rtpmap", format);
  return NULL;
}

/* The offer (the INVITE A sent) has @codec alone, telephone-event aside;
 * the answer (the 200 A received) chose it, first of its formats. */
static void
check_negotiated (Peer * a, const gchar * kind, const Codec * codec)
{
  GstSDPMessage *offer = message_sdp (event (a, "connecting"));
  GstSDPMessage *answer = message_sdp (event (a, "started"));
  const GstSDPMedia *offered = sdp_media (offer, kind);
  const GstSDPMedia *answered = sdp_media (answer, kind);

  for (guint i = 0; i < gst_sdp_media_formats_len (offered); i++) {
    const gchar *encoding = rtpmap_encoding (offered,
        gst_sdp_media_get_format (offered, i));

    fail_unless (g_ascii_strcasecmp (encoding, codec->rtpmap) == 0
        || g_ascii_strncasecmp (encoding, "telephone-event/", 16) == 0,
        "%s offered beside %s", encoding, codec->name);
  }
  fail_unless (g_ascii_strcasecmp (rtpmap_encoding (answered,
              gst_sdp_media_get_format (answered, 0)), codec->rtpmap) == 0,
      "answered %s, not %s", rtpmap_encoding (answered,
          gst_sdp_media_get_format (answered, 0)), codec->rtpmap);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);
}

static void
hang_up_and_free (Peer * a, Peer * b)
{
  hang_up (a);
  fail_unless (wait_for (a, has_ended, NULL), "A: no EOS");
  fail_unless (wait_for (b, has_ended, NULL), "B: no EOS");
  fail_unless (a->error == NULL && b->error == NULL, "%s / %s", a->error,
      b->error);
  peer_free (a);
  peer_free (b);
}

GST_START_TEST (test_audio_codec)
{
  const Codec *codec = &audio_codecs[__i__];
  g_autofree gchar *forced = g_strdup_printf ("audio-codecs=%s", codec->name);
  Peer *b = peer_new_full ("b", "bob", B_TONE, NULL, TRUE, forced, FALSE);
  Peer *a = peer_new_full ("a", "alice", A_TONE, "bob", FALSE, forced, FALSE);
  g_autofree gchar *call_id = NULL;

  peer_play (b);
  fail_unless (wait_for (b, is_registered, NULL));
  peer_play (a);
  call_id = establish (a, b);
  check_negotiated (a, "audio", codec);
  hang_up_and_free (a, b);
}

GST_END_TEST;

GST_START_TEST (test_video_codec)
{
  const Codec *codec = &video_codecs[__i__];
  g_autofree gchar *forced = g_strdup_printf ("video-codecs=%s", codec->name);
  Peer *b = peer_new_full ("b", "bob", B_TONE, NULL, TRUE, forced, TRUE);
  Peer *a = peer_new_full ("a", "alice", A_TONE, "bob", FALSE, forced, TRUE);
  g_autofree gchar *call_id = NULL;

  peer_play (b);
  fail_unless (wait_for (b, is_registered, NULL));
  peer_play (a);
  call_id = establish (a, b);
  fail_unless (wait_for (a, sees_video, NULL), "A: %u frames", a->frames);
  fail_unless (wait_for (b, sees_video, NULL), "B: %u frames", b->frames);
  check_negotiated (a, "video", codec);
  hang_up_and_free (a, b);
}

GST_END_TEST;

/* ---------------------------------------------------- decode=false */

typedef struct
{
  GstClockTime audio;           /* decoded from the file */
  guint heard;                  /* buffers with A's tone */
  guint frames;
} Playback;

static GstPadProbeReturn
on_played_audio (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Playback *playback = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);

  playback->audio += GST_BUFFER_DURATION (buffer);
  if (tone_of (buffer) == 0)
    playback->heard++;
  return GST_PAD_PROBE_OK;
}

static GstPadProbeReturn
on_played_frame (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Playback *playback = user_data;

  playback->frames++;
  return GST_PAD_PROBE_OK;
}

static void
probe_sink (GstElement * pipeline, const gchar * name,
    GstPadProbeCallback callback, Playback * playback)
{
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), name);
  GstPad *pad = gst_element_get_static_pad (sink, "sink");

  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, callback, playback, NULL);
  gst_object_unref (pad);
  gst_object_unref (sink);
}

/* Plays the recording back to its end, decoding what the call carried. */
static Playback
play_back (const gchar * path)
{
  g_autofree gchar *description = g_strdup_printf ("filesrc location=%s ! "
      "matroskademux name=demux "
      "demux.audio_0 ! queue ! opusdec ! audioconvert ! audioresample ! "
      ANALYSIS_CAPS " ! fakesink name=ear sync=false "
      "demux.video_0 ! queue ! vp8dec ! fakesink name=eye sync=false", path);
  GstElement *pipeline = gst_parse_launch (description, NULL);
  Playback playback = { 0, };
  GstBus *bus;
  GstMessage *end;

  fail_unless (pipeline != NULL);
  probe_sink (pipeline, "ear", on_played_audio, &playback);
  probe_sink (pipeline, "eye", on_played_frame, &playback);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (pipeline);
  end = gst_bus_timed_pop_filtered (bus, 10 * GST_SECOND,
      GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  fail_unless (end && GST_MESSAGE_TYPE (end) == GST_MESSAGE_EOS,
      "the recording does not play: %" GST_PTR_FORMAT, end);
  gst_message_unref (end);
  gst_object_unref (bus);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
  return playback;
}

/* The caps of the jssipsrc pad of @kind ("audio", "video"). */
static GstCaps *
src_pad_caps (Peer * peer, const gchar * kind)
{
  g_autofree gchar *name = g_strdup_printf ("%s_0", kind);
  GstPad *pad = gst_element_get_static_pad (peer->src, name);
  GstCaps *caps;

  fail_unless (pad != NULL, "%s: no %s pad", peer->name, name);
  caps = gst_pad_get_current_caps (pad);
  gst_object_unref (pad);
  fail_unless (caps != NULL, "%s: %s has no caps", peer->name, name);
  return caps;
}

static gboolean
has_src_buffers (Peer * peer, gconstpointer count)
{
  return peer->src_buffers >= GPOINTER_TO_UINT (count);
}

GST_START_TEST (test_encoded_streams_recorded_without_transcoding)
{
  g_autofree gchar *dir = g_dir_make_tmp ("jssip-codecs-XXXXXX", NULL);
  g_autofree gchar *path = g_build_filename (dir, "bob.mkv", NULL);
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  /* bob records what alice sends, as it comes off the network. */
  g_autofree gchar *recorder = g_strdup_printf ("jssipsrc name=src session=b "
      "server=%s uri=sip:bob@" LOOPBACK " password=bobpw ice-addresses="
      LOOPBACK " auto-answer=true decode=false audio-codecs=opus "
      "video-codecs=vp8 "
      "src.audio_0 ! queue ! mux.audio_%%u src.video_0 ! queue ! mux.video_%%u "
      "matroskamux name=mux ! filesink location=%s "
      "audiotestsrc is-live=true volume=0.3 freq=%.0f ! "
      "audio/x-raw,rate=48000,channels=1 ! jssipsink name=sink session=b "
      "videotestsrc is-live=true ! video/x-raw,width=320,height=240,"
      "framerate=15/1 ! sink.", server, path, B_TONE);
  Peer *b = peer_new_from_description ("b", recorder);
  Peer *a = peer_new_full ("a", "alice", A_TONE, "bob", FALSE,
      "audio-codecs=opus video-codecs=vp8", TRUE);
  GstCaps *audio, *video;
  Playback playback;
  gint64 call_start;
  GstClockTime call_us;

  fail_unless (dir != NULL);
  peer_play (b);
  fail_unless (wait_for (b, is_registered, NULL));
  peer_play (a);
  wait_event (b, "jssip-session-confirmed");
  call_start = g_get_monotonic_time ();
  fail_unless (wait_for (a, hears, GUINT_TO_POINTER (1)), "A hears no %.0f Hz",
      B_TONE);
  fail_unless (wait_for (b, has_src_buffers, GUINT_TO_POINTER (50)));

  audio = src_pad_caps (b, "audio");
  video = src_pad_caps (b, "video");
  fail_unless (gst_structure_has_name (gst_caps_get_structure (audio, 0),
          "audio/x-opus"), "%" GST_PTR_FORMAT, audio);
  fail_unless (gst_structure_has_name (gst_caps_get_structure (video, 0),
          "video/x-vp8"), "%" GST_PTR_FORMAT, video);
  gst_caps_unref (audio);
  gst_caps_unref (video);

  g_usleep (RECORDED_SECONDS * G_USEC_PER_SEC);
  call_us = g_get_monotonic_time () - call_start;
  /* EOS on bob's src pads finalizes the file, then bob's pipeline ends. */
  hang_up_and_free (a, b);

  playback = play_back (path);
  fail_unless (playback.audio >= RECORDED_SECONDS * GST_SECOND
      && playback.audio <= (call_us + G_USEC_PER_SEC) * GST_USECOND,
      "%" GST_TIME_FORMAT " of audio in a call of %" G_GUINT64_FORMAT " us",
      GST_TIME_ARGS (playback.audio), call_us);
  /* All but the decoder's start is alice's tone (20 ms buffers). */
  fail_unless (playback.heard >= RECORDED_SECONDS * 50 * 9 / 10,
      "%u buffers of %.0f Hz in %" GST_TIME_FORMAT, playback.heard, A_TONE,
      GST_TIME_ARGS (playback.audio));
  fail_unless (playback.frames >= RECORDED_SECONDS * 15 / 2, "%u frames",
      playback.frames);
  g_unlink (path);
  g_rmdir (dir);
}

GST_END_TEST;

static void
start_kamailio (void)
{
  kamailio_fixture_start (NULL);
}

static Suite *
codecs_suite (void)
{
  Suite *s = suite_create ("jssip-codecs");
  TCase *tc = tcase_create ("kamailio");

  tcase_add_unchecked_fixture (tc, start_kamailio, kamailio_fixture_stop);
  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, test_audio_codec, 0, G_N_ELEMENTS (audio_codecs));
  tcase_add_loop_test (tc, test_video_codec, 0, G_N_ELEMENTS (video_codecs));
  tcase_add_test (tc, test_encoded_streams_recorded_without_transcoding);
  suite_add_tcase (s, tc);
  return s;
}

GST_CHECK_MAIN (codecs);
