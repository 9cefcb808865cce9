/* gst-jssip tests: two pipelines of one process in a call (call-harness.h).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <math.h>
#include <gst/check/gstcheck.h>

#include "call-harness.h"
#include "kamailio-fixture.h"

#define TONE_SHARE 0.5          /* of a buffer's energy, for "heard" */
#define BUFFERS_HEARD 10        /* 20 ms buffers with the expected tone */
#define FRAMES_SEEN 10
#define TIMEOUT_MS 15000

/* ------------------------------------------------------------ analysis */

/* Goertzel's coefficient 2 cos(2 pi f / rate), folded by the compiler:
 * the test links no libm. */
#define GOERTZEL_COEFF(f) (2.0 * cos (2.0 * G_PI * (f) / ANALYSIS_RATE))
static const gdouble tone_coeffs[] = {
  GOERTZEL_COEFF (A_TONE), GOERTZEL_COEFF (B_TONE)
};

/* Goertzel: the share of the buffer's energy at the frequency of @coeff
 * (1 for a pure tone at that frequency, about 0 for one elsewhere). */
static gdouble
tone_share (const gfloat * samples, guint n, gdouble coeff)
{
  gdouble s1 = 0.0, s2 = 0.0, energy = 0.0, power;

  for (guint i = 0; i < n; i++) {
    gdouble s0 = samples[i] + coeff * s1 - s2;

    s2 = s1;
    s1 = s0;
    energy += samples[i] * samples[i];
  }
  power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return energy > 0.0 ? power / (n * energy / 2.0) : 0.0;
}

gint
tone_of (GstBuffer * buffer)
{
  GstMapInfo map;
  const gfloat *samples;
  guint n;
  gdouble mean_square = 0.0;
  gint tone = -1;

  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return -1;
  samples = (const gfloat *) map.data;
  n = map.size / sizeof (gfloat);
  for (guint i = 0; i < n; i++)
    mean_square += samples[i] * samples[i] / n;
  /* Silence while the decoder starts (below -40 dBFS) is no tone at all. */
  for (guint t = 0; t < G_N_ELEMENTS (tone_coeffs) && mean_square > 1e-4; t++)
    if (tone_share (samples, n, tone_coeffs[t]) > TONE_SHARE)
      tone = t;
  gst_buffer_unmap (buffer, &map);
  return tone;
}

static GstPadProbeReturn
on_decoded_audio (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Peer *peer = user_data;
  gint tone = tone_of (GST_PAD_PROBE_INFO_BUFFER (info));

  if (tone >= 0) {
    g_mutex_lock (&peer->lock);
    peer->heard[tone]++;
    g_mutex_unlock (&peer->lock);
  }
  return GST_PAD_PROBE_OK;
}

/* Every src pad: its buffers counted, its EOS noted. */
static GstPadProbeReturn
on_src_pad_data (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Peer *peer = user_data;

  g_mutex_lock (&peer->lock);
  if (info->type & GST_PAD_PROBE_TYPE_BUFFER)
    peer->src_buffers++;
  else if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_EOS)
    peer->src_pads_ended++;
  g_mutex_unlock (&peer->lock);
  return GST_PAD_PROBE_OK;
}

static GstPadProbeReturn
on_decoded_video (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Peer *peer = user_data;
  GstCaps *caps = gst_pad_get_current_caps (pad);

  fail_unless (caps && gst_structure_has_name (gst_caps_get_structure (caps,
              0), "video/x-raw"), "%" GST_PTR_FORMAT, caps);
  gst_caps_unref (caps);
  g_mutex_lock (&peer->lock);
  peer->frames++;
  g_mutex_unlock (&peer->lock);
  return GST_PAD_PROBE_OK;
}

static void
watch_src_pad (Peer * peer, GstPad * pad)
{
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER |
      GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, on_src_pad_data, peer, NULL);
  g_mutex_lock (&peer->lock);
  peer->src_pads++;
  g_mutex_unlock (&peer->lock);
}

static void
consume_src_pad (Peer * peer, GstPad * pad, GstElement * consumer,
    GstPadProbeCallback on_buffer)
{
  GstPad *sinkpad = gst_element_get_static_pad (consumer, "sink");

  if (on_buffer)
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_buffer, peer, NULL);
  gst_bin_add (GST_BIN (peer->pipeline), consumer);
  fail_unless_equals_int (gst_pad_link (pad, sinkpad), GST_PAD_LINK_OK);
  gst_element_sync_state_with_parent (consumer);
  watch_src_pad (peer, pad);
  gst_object_unref (sinkpad);
}

/* What the application does with a new jssipsrc pad: analyse the audio,
 * count the video frames; or nothing, when its launch line linked it. */
static void
on_pad_added (GstElement * src, GstPad * pad, Peer * peer)
{
  GstElement *analysis;
  GstElement *ear;
  GstPad *earpad;

  if (gst_pad_is_linked (pad)) {
    watch_src_pad (peer, pad);
    return;
  }
  if (g_str_has_prefix (GST_PAD_NAME (pad), "video_")) {
    consume_src_pad (peer, pad, gst_element_factory_make ("fakesink", NULL),
        on_decoded_video);
    return;
  }
  fail_unless (g_str_has_prefix (GST_PAD_NAME (pad), "audio_"), "%s",
      GST_PAD_NAME (pad));
  analysis = gst_parse_bin_from_description ("audioconvert ! audioresample ! "
      ANALYSIS_CAPS " ! fakesink name=ear sync=false", TRUE, NULL);
  ear = gst_bin_get_by_name (GST_BIN (analysis), "ear");
  earpad = gst_element_get_static_pad (ear, "sink");
  gst_pad_add_probe (earpad, GST_PAD_PROBE_TYPE_BUFFER, on_decoded_audio,
      peer, NULL);
  gst_object_unref (earpad);
  gst_object_unref (ear);
  consume_src_pad (peer, pad, analysis, NULL);
}

/* ----------------------------------------------------------------- peers */

static GstBusSyncReply
on_message (GstBus * bus, GstMessage * message, gpointer user_data)
{
  Peer *peer = user_data;
  const GstStructure *s = gst_message_get_structure (message);

  g_mutex_lock (&peer->lock);
  switch (GST_MESSAGE_TYPE (message)) {
    case GST_MESSAGE_ERROR:
      if (!peer->error) {
        GError *error = NULL;

        gst_message_parse_error (message, &error, NULL);
        peer->error = g_strdup (error->message);
        g_error_free (error);
      }
      break;
    case GST_MESSAGE_EOS:
      peer->eos = TRUE;
      break;
    case GST_MESSAGE_ELEMENT:
      if (g_str_has_prefix (gst_structure_get_name (s), "jssip-session-"))
        g_ptr_array_add (peer->events, gst_structure_copy (s));
      else if (gst_structure_has_name (s, "jssip-ua-registered"))
        peer->registered = TRUE;
      break;
    default:
      break;
  }
  g_mutex_unlock (&peer->lock);
  /* A sync handler that drops a message owns it (GstBusSyncHandler). */
  gst_message_unref (message);
  return GST_BUS_DROP;
}

#define VIDEO_SOURCE "videotestsrc is-live=true pattern=ball ! " \
  "video/x-raw,width=320,height=240,framerate=15/1 ! sink."

Peer *
peer_new_from_description (const gchar * name, const gchar * description)
{
  GError *error = NULL;
  Peer *peer = g_new0 (Peer, 1);
  GstBus *bus;

  peer->name = name;
  g_mutex_init (&peer->lock);
  peer->events = g_ptr_array_new_with_free_func ((GDestroyNotify)
      gst_structure_free);
  peer->pipeline = gst_parse_launch (description, &error);
  fail_unless (peer->pipeline != NULL, "%s", error ? error->message : "");
  peer->src = gst_bin_get_by_name (GST_BIN (peer->pipeline), "src");
  peer->sink = gst_bin_get_by_name (GST_BIN (peer->pipeline), "sink");
  fail_unless (peer->src && peer->sink, "%s", description);
  g_signal_connect (peer->src, "pad-added", G_CALLBACK (on_pad_added), peer);
  bus = gst_element_get_bus (peer->pipeline);
  gst_bus_set_sync_handler (bus, on_message, peer, NULL);
  gst_object_unref (bus);
  return peer;
}

Peer *
peer_new_full (const gchar * name, const gchar * user, gdouble frequency,
    const gchar * target, gboolean auto_answer, const gchar * more,
    gboolean video)
{
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  g_autofree gchar *target_prop = target ?
      g_strdup_printf ("target=%s", target) : g_strdup ("");
  g_autofree gchar *description = g_strdup_printf ("jssipsrc name=src "
      "session=%s server=%s uri=sip:%s@" LOOPBACK " password=%spw "
      "ice-addresses=" LOOPBACK " media=%s auto-answer=%s %s "
      "audiotestsrc name=tone is-live=true volume=0.3 freq=%.0f ! "
      "audio/x-raw,rate=48000,channels=1 ! jssipsink name=sink session=%s %s %s",
      name, server, user, user, video ? "audio+video" : "audio",
      auto_answer ? "true" : "false", more ? more : "", frequency, name,
      target_prop, video ? VIDEO_SOURCE : "");

  return peer_new_from_description (name, description);
}

Peer *
peer_new (const gchar * name, const gchar * user, gdouble frequency,
    const gchar * target, gboolean auto_answer)
{
  return peer_new_full (name, user, frequency, target, auto_answer, NULL,
      FALSE);
}

void
peer_play (Peer * peer)
{
  fail_if (gst_element_set_state (peer->pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
}

/* Stopping the pipeline frees it and its elements: the call layer keeps
 * no reference to the application's objects. */
void
peer_free (Peer * peer)
{
  gpointer src = peer->src, sink = peer->sink, pipeline = peer->pipeline;

  g_object_add_weak_pointer (src, &src);
  g_object_add_weak_pointer (sink, &sink);
  g_object_add_weak_pointer (pipeline, &pipeline);
  gst_element_set_state (peer->pipeline, GST_STATE_NULL);
  gst_object_unref (peer->src);
  gst_object_unref (peer->sink);
  gst_object_unref (peer->pipeline);
  fail_unless (src == NULL && sink == NULL && pipeline == NULL,
      "%s: the pipeline or its jssip elements are still alive", peer->name);
  g_ptr_array_unref (peer->events);
  g_free (peer->error);
  g_mutex_clear (&peer->lock);
  g_free (peer);
}

/* ---------------------------------------------------------------- waiting */

gboolean
wait_for (Peer * peer, Condition condition, gconstpointer data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * 1000;
  gboolean done;

  do {
    g_mutex_lock (&peer->lock);
    done = condition (peer, data);
    g_mutex_unlock (&peer->lock);
    if (done)
      return TRUE;
    g_usleep (10 * 1000);
  } while (g_get_monotonic_time () < deadline);
  return FALSE;
}

gboolean
is_registered (Peer * peer, gconstpointer data)
{
  return peer->registered;
}

gboolean
has_event (Peer * peer, gconstpointer name)
{
  for (guint i = 0; i < peer->events->len; i++)
    if (gst_structure_has_name (g_ptr_array_index (peer->events, i), name))
      return TRUE;
  return FALSE;
}

gboolean
hears (Peer * peer, gconstpointer which)
{
  return peer->heard[GPOINTER_TO_UINT (which)] >= BUFFERS_HEARD;
}

gboolean
sees_video (Peer * peer, gconstpointer data)
{
  return peer->frames >= FRAMES_SEEN;
}

gboolean
has_ended (Peer * peer, gconstpointer data)
{
  return peer->eos && peer->src_pads_ended == peer->src_pads;
}

gboolean
has_no_src_pads (Peer * peer, gconstpointer data)
{
  gboolean none;

  GST_OBJECT_LOCK (peer->src);
  none = GST_ELEMENT (peer->src)->numsrcpads == 0;
  GST_OBJECT_UNLOCK (peer->src);
  return none;
}

gboolean
has_error (Peer * peer, gconstpointer data)
{
  return peer->error != NULL;
}

void
wait_event (Peer * peer, const gchar * name)
{
  fail_unless (wait_for (peer, has_event, name), "%s: no %s", peer->name, name);
}

Peer *
registered_callee (const gchar * user)
{
  Peer *peer = peer_new ("b", user, B_TONE, NULL, TRUE);

  peer_play (peer);
  fail_unless (wait_for (peer, is_registered, NULL), "%s not registered", user);
  return peer;
}

void
peer_forget (Peer * peer)
{
  g_mutex_lock (&peer->lock);
  g_ptr_array_set_size (peer->events, 0);
  peer->heard[0] = peer->heard[1] = 0;
  peer->src_pads = peer->src_pads_ended = peer->src_buffers = 0;
  g_mutex_unlock (&peer->lock);
}

/* ----------------------------------------------------------------- checks */

gchar *
event_names (Peer * peer)
{
  GString *names = g_string_new (NULL);

  g_mutex_lock (&peer->lock);
  for (guint i = 0; i < peer->events->len; i++)
    g_string_append_printf (names, "%s%s", i ? "," : "",
        gst_structure_get_name (g_ptr_array_index (peer->events, i)) +
        strlen ("jssip-session-"));
  g_mutex_unlock (&peer->lock);
  return g_string_free (names, FALSE);
}

const GstStructure *
event (Peer * peer, const gchar * name)
{
  g_autofree gchar *full = g_strconcat ("jssip-session-", name, NULL);
  const GstStructure *found = NULL;

  g_mutex_lock (&peer->lock);
  for (guint i = 0; i < peer->events->len && !found; i++)
    if (gst_structure_has_name (g_ptr_array_index (peer->events, i), full))
      found = g_ptr_array_index (peer->events, i);
  g_mutex_unlock (&peer->lock);
  fail_unless (found != NULL, "%s: no %s", peer->name, full);
  return found;
}

void
check_field (const GstStructure * s, const gchar * field,
    const gchar * expected)
{
  fail_unless_equals_string (gst_structure_get_string (s, field), expected);
}

void
check_status (const GstStructure * s, guint expected)
{
  guint status = 0;

  fail_unless (gst_structure_get_uint (s, "status-code", &status), "%"
      GST_PTR_FORMAT, s);
  fail_unless_equals_int (status, expected);
}

/* Every message of a call names it the same way. */
void
check_every_event (Peer * peer, const gchar * call_id, const gchar *
    direction, const gchar * remote_identity)
{
  g_mutex_lock (&peer->lock);
  for (guint i = 0; i < peer->events->len; i++) {
    const GstStructure *s = g_ptr_array_index (peer->events, i);

    fail_unless_equals_string (gst_structure_get_string (s, "call-id"),
        call_id);
    fail_unless_equals_string (gst_structure_get_string (s, "direction"),
        direction);
    fail_unless_equals_string (gst_structure_get_string (s,
            "remote-identity"), remote_identity);
    fail_unless (gst_structure_get_string (s, "originator") != NULL);
  }
  g_mutex_unlock (&peer->lock);
}

void
check_message_starts (const GstStructure * s, const gchar * start_line)
{
  const gchar *message = gst_structure_get_string (s, "message");

  fail_unless (message && g_str_has_prefix (message, start_line), "%"
      GST_PTR_FORMAT, s);
}

void
check_call_properties (Peer * peer, const gchar * direction,
    const gchar * remote_identity, const gchar * call_id, gboolean ended)
{
  g_autofree gchar *id = NULL;
  g_autofree gchar *remote = NULL;
  GDateTime *start_time = NULL, *end_time = NULL;
  gint dir;
  GEnumValue *value;

  g_object_get (peer->src, "call-id", &id, "remote-identity", &remote,
      "direction", &dir, "start-time", &start_time, "end-time", &end_time,
      NULL);
  value = g_enum_get_value (G_ENUM_CLASS (g_type_class_peek
          (G_PARAM_SPEC_VALUE_TYPE (g_object_class_find_property
                  (G_OBJECT_GET_CLASS (peer->src), "direction")))), dir);
  fail_unless_equals_string (value->value_nick, direction);
  fail_unless_equals_string (id, call_id);
  fail_unless_equals_string (remote, remote_identity);
  fail_unless (start_time != NULL, "%s: no start-time", peer->name);
  fail_unless ((end_time != NULL) == ended);
  g_clear_pointer (&start_time, g_date_time_unref);
  g_clear_pointer (&end_time, g_date_time_unref);
}

gchar *
establish (Peer * a, Peer * b)
{
  const gchar *call_id;

  wait_event (a, "jssip-session-confirmed");
  wait_event (b, "jssip-session-confirmed");
  fail_unless (wait_for (b, hears, GUINT_TO_POINTER (0)),
      "B does not hear A's %.0f Hz (%u buffers)", A_TONE, b->heard[0]);
  fail_unless (wait_for (a, hears, GUINT_TO_POINTER (1)),
      "A does not hear B's %.0f Hz (%u buffers)", B_TONE, a->heard[1]);
  /* Each hears the other's tone only. */
  fail_unless (b->heard[1] <= 1 && a->heard[0] <= 1,
      "crossed tones: B %u, A %u", b->heard[1], a->heard[0]);

  call_id = gst_structure_get_string (event (a, "connecting"), "call-id");
  fail_unless (call_id != NULL);
  return g_strdup (call_id);
}

void
terminate (Peer * peer, GstStructure * options)
{
  gboolean ok = FALSE;

  g_signal_emit_by_name (peer->sink, "terminate", options, &ok);
  fail_unless (ok);
  g_clear_pointer (&options, gst_structure_free);
}

void
hang_up (Peer * peer)
{
  terminate (peer, NULL);
}

Peer *
ringing_callee (const gchar * more)
{
  Peer *b = peer_new_full ("b", "bob", B_TONE, NULL, FALSE, more, FALSE);

  peer_play (b);
  fail_unless (wait_for (b, is_registered, NULL));
  return b;
}
