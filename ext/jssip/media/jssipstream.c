/* gst-jssip
 *
 * Send and receive chains of the media object.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipstream.h"

#include <stdarg.h>

GST_DEBUG_CATEGORY_STATIC (jssip_stream_debug);
#define GST_CAT_DEFAULT jssip_stream_debug

struct _JsSipSendStream
{
  GstBin *pipeline;
  GstElement *bridge;           /* proxysrc fed by the user's proxysink */
  GstElement *valve;            /* closed until the codec is known */
  GstElement *encoder;          /* convert, encode, payload; once started */
};

struct _JsSipRecvStream
{
  GstElement *receiver;         /* depayload (and decode) */
  GstElement *bridge;           /* proxysink feeding the user's proxysrc */
  GstElement *user_src;
  GstPad *input;                /* the webrtcbin pad linked now */
  gint ending;                  /* atomic: let EOS through */
};

static void
init_debug (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done)) {
    GST_DEBUG_CATEGORY_INIT (jssip_stream_debug, "jssipstream", 0,
        "gst-jssip media chains");
    g_once_init_leave (&done, 1);
  }
}

/* Adds and links a NULL-terminated chain, and starts it from its end. */
static void
add_to_pipeline (GstBin * pipeline, GstElement * first, ...)
{
  GPtrArray *chain = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (GstElement * e = first; e != NULL; e = va_arg (args, GstElement *))
    g_ptr_array_add (chain, e);
  va_end (args);

  for (guint i = 0; i < chain->len; i++) {
    gst_bin_add (pipeline, g_ptr_array_index (chain, i));
    if (i > 0)
      gst_element_link (g_ptr_array_index (chain, i - 1),
          g_ptr_array_index (chain, i));
  }
  for (guint i = chain->len; i > 0; i--)
    gst_element_sync_state_with_parent (g_ptr_array_index (chain, i - 1));
  g_ptr_array_unref (chain);
}

/* What the user's source negotiates against must not change when the codec
 * becomes known: a source that then renegotiated its rate would make the
 * codec's audioresample overflow (GStreamer 1.22.0's resampler does when its
 * rates change with samples in its history). So audio is brought to one
 * rate before the valve, whatever the codec. */
static GstElement *
make_audio_front (void)
{
  return gst_parse_bin_from_description ("audioconvert ! audioresample ! "
      "capsfilter caps=audio/x-raw,rate=48000", TRUE, NULL);
}

JsSipSendStream *
jssip_send_stream_new (GstBin * pipeline, JsSipMediaFlags kind,
    GstElement ** user_sink)
{
  JsSipSendStream *stream = g_new0 (JsSipSendStream, 1);

  init_debug ();
  stream->pipeline = pipeline;
  *user_sink = gst_element_factory_make ("proxysink", NULL);
  stream->bridge = gst_element_factory_make ("proxysrc", NULL);
  g_object_set (stream->bridge, "proxysink", *user_sink, NULL);
  /* What the user sends before the answer has nowhere to go yet; dropping
   * it keeps the user's source running (not-linked would stop it). */
  stream->valve = gst_element_factory_make ("valve", NULL);
  g_object_set (stream->valve, "drop", TRUE, NULL);
  if (kind == JSSIP_MEDIA_AUDIO)
    add_to_pipeline (pipeline, stream->bridge, make_audio_front (),
        stream->valve, NULL);
  else
    add_to_pipeline (pipeline, stream->bridge, stream->valve, NULL);
  GST_DEBUG_OBJECT (stream->bridge, "%s send stream created",
      kind == JSSIP_MEDIA_AUDIO ? "audio" : "video");
  return stream;
}

gboolean
jssip_send_stream_start (JsSipSendStream * stream, const JsSipCodec * codec,
    gint payload, GstPad * webrtc_sink, GError ** error)
{
  GstPad *encoder_src;
  GstPadLinkReturn linked;

  g_return_val_if_fail (stream->encoder == NULL, FALSE);
  stream->encoder = jssip_codec_make_sender (codec, payload, error);
  if (stream->encoder == NULL)
    return FALSE;
  gst_bin_add (stream->pipeline, stream->encoder);
  encoder_src = gst_element_get_static_pad (stream->encoder, "src");
  linked = gst_pad_link (encoder_src, webrtc_sink);
  gst_object_unref (encoder_src);
  if (linked != GST_PAD_LINK_OK || !gst_element_link (stream->valve,
          stream->encoder)) {
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
        "cannot link the %s encoder to webrtcbin", codec->name);
    gst_bin_remove (stream->pipeline, stream->encoder);
    stream->encoder = NULL;
    return FALSE;
  }
  gst_element_sync_state_with_parent (stream->encoder);
  g_object_set (stream->valve, "drop", FALSE, NULL);
  GST_INFO_OBJECT (stream->encoder, "sending %s, payload type %d",
      codec->name, payload);
  return TRUE;
}

void
jssip_send_stream_free (JsSipSendStream * stream)
{
  g_free (stream);
}

/* webrtcbin 1.22 ends a transceiver that goes inactive with EOS, and never
 * reuses its pad (fixed in 1.26): a hold must not end the user's stream. */
static GstPadProbeReturn
drop_early_eos (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  JsSipRecvStream *stream = user_data;

  if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) != GST_EVENT_EOS
      || g_atomic_int_get (&stream->ending))
    return GST_PAD_PROBE_OK;
  GST_INFO_OBJECT (pad, "EOS from webrtcbin swallowed: the call goes on");
  return GST_PAD_PROBE_DROP;
}

JsSipRecvStream *
jssip_recv_stream_new (GstBin * pipeline, const JsSipCodec * codec,
    gboolean decode, GError ** error)
{
  JsSipRecvStream *stream;
  GstElement *receiver;
  GstPad *sink;

  init_debug ();
  receiver = jssip_codec_make_receiver (codec, decode, error);
  if (receiver == NULL)
    return NULL;
  stream = g_new0 (JsSipRecvStream, 1);
  stream->receiver = receiver;
  stream->bridge = gst_element_factory_make ("proxysink", NULL);
  stream->user_src = gst_object_ref_sink (gst_element_factory_make ("proxysrc",
          NULL));
  g_object_set (stream->user_src, "proxysink", stream->bridge, NULL);
  sink = gst_element_get_static_pad (receiver, "sink");
  gst_pad_add_probe (sink, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
      drop_early_eos, stream, NULL);
  gst_object_unref (sink);
  add_to_pipeline (pipeline, stream->receiver, stream->bridge, NULL);
  GST_DEBUG_OBJECT (receiver, "receiving %s%s", codec->name,
      decode ? ", decoded" : "");
  return stream;
}

gboolean
jssip_recv_stream_attach (JsSipRecvStream * stream, GstPad * webrtc_src)
{
  GstPad *sink = gst_element_get_static_pad (stream->receiver, "sink");
  GstPadLinkReturn linked;

  if (stream->input != NULL) {
    GST_INFO_OBJECT (sink, "now fed by %" GST_PTR_FORMAT " instead of %"
        GST_PTR_FORMAT, webrtc_src, stream->input);
    gst_pad_unlink (stream->input, sink);
    gst_object_unref (stream->input);
  }
  stream->input = gst_object_ref (webrtc_src);
  linked = gst_pad_link (webrtc_src, sink);
  gst_object_unref (sink);
  return linked == GST_PAD_LINK_OK;
}

GstElement *
jssip_recv_stream_get_user_src (JsSipRecvStream * stream)
{
  return stream->user_src;
}

void
jssip_recv_stream_end (JsSipRecvStream * stream)
{
  GstPad *sink;

  if (!g_atomic_int_compare_and_exchange (&stream->ending, 0, 1))
    return;
  sink = gst_element_get_static_pad (stream->receiver, "sink");
  gst_pad_send_event (sink, gst_event_new_eos ());
  gst_object_unref (sink);
}

void
jssip_recv_stream_free (JsSipRecvStream * stream)
{
  gst_clear_object (&stream->input);
  gst_object_unref (stream->user_src);
  g_free (stream);
}
