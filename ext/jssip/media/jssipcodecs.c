/* gst-jssip
 *
 * The codec table. Payload types: the static ones of RFC 3551 section 6
 * (PCMU 0, G722 9, PCMA 8), dynamic ones as browsers number them, so that
 * an offer reads the way SIP peers of JsSIP are used to.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipcodecs.h"

#include <string.h>

GST_DEBUG_CATEGORY_STATIC (jssip_codecs_debug);
#define GST_CAT_DEFAULT jssip_codecs_debug

G_DEFINE_QUARK (jssip_codecs_error_quark, jssip_codecs_error);

#define KEYFRAME_INTERVAL "60"

/* *INDENT-OFF* */
static const JsSipCodec codecs[] = {
  {"opus", JSSIP_MEDIA_AUDIO, "OPUS", 48000, 2, 111, NULL,
    "audio/x-raw,rate=48000",
    (const gchar *const[]) {"opusenc", NULL},
    "rtpopuspay", "rtpopusdepay",
    (const gchar *const[]) {"opusdec", NULL}},
  /* G.722 samples at 16 kHz but its RTP clock is 8000 (RFC 3551 4.5.2). */
  {"g722", JSSIP_MEDIA_AUDIO, "G722", 8000, 0, 9, NULL,
    "audio/x-raw,rate=16000,channels=1",
    (const gchar *const[]) {"avenc_g722", NULL},
    "rtpg722pay", "rtpg722depay",
    (const gchar *const[]) {"avdec_g722", NULL}},
  {"pcmu", JSSIP_MEDIA_AUDIO, "PCMU", 8000, 0, 0, NULL,
    "audio/x-raw,rate=8000,channels=1",
    (const gchar *const[]) {"mulawenc", NULL},
    "rtppcmupay", "rtppcmudepay",
    (const gchar *const[]) {"mulawdec", NULL}},
  {"pcma", JSSIP_MEDIA_AUDIO, "PCMA", 8000, 0, 8, NULL,
    "audio/x-raw,rate=8000,channels=1",
    (const gchar *const[]) {"alawenc", NULL},
    "rtppcmapay", "rtppcmadepay",
    (const gchar *const[]) {"alawdec", NULL}},
  {"vp8", JSSIP_MEDIA_VIDEO, "VP8", 90000, 0, 96, NULL, NULL,
    (const gchar *const[]) {"vp8enc deadline=1 cpu-used=8 "
        "keyframe-max-dist=" KEYFRAME_INTERVAL, NULL},
    "rtpvp8pay picture-id-mode=15-bit",
    "rtpvp8depay request-keyframe=true wait-for-keyframe=true",
    (const gchar *const[]) {"vp8dec", NULL}},
  /* Browsers only decode constrained baseline: RFC 6184 profile-level-id
   * 42e01f, with non-interleaved packetization (mode 1). */
  {"h264", JSSIP_MEDIA_VIDEO, "H264", 90000, 0, 102,
    "packetization-mode=(string)1, profile-level-id=(string)42e01f, "
        "level-asymmetry-allowed=(string)1", NULL,
    (const gchar *const[]) {
      "x264enc tune=zerolatency speed-preset=ultrafast "
        "key-int-max=" KEYFRAME_INTERVAL
        " ! video/x-h264,profile=constrained-baseline",
      "openh264enc complexity=low gop-size=" KEYFRAME_INTERVAL
        " ! video/x-h264,profile=constrained-baseline", NULL},
    "rtph264pay config-interval=-1 aggregate-mode=zero-latency",
    "rtph264depay request-keyframe=true wait-for-keyframe=true",
    (const gchar *const[]) {"avdec_h264", "openh264dec", NULL}},
  {"vp9", JSSIP_MEDIA_VIDEO, "VP9", 90000, 0, 98, NULL, NULL,
    (const gchar *const[]) {"vp9enc deadline=1 cpu-used=8 row-mt=true "
        "keyframe-max-dist=" KEYFRAME_INTERVAL, NULL},
    "rtpvp9pay picture-id-mode=15-bit",
    "rtpvp9depay request-keyframe=true wait-for-keyframe=true",
    (const gchar *const[]) {"vp9dec", NULL}},
};
/* *INDENT-ON* */

static void
init_debug (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done)) {
    GST_DEBUG_CATEGORY_INIT (jssip_codecs_debug, "jssipcodecs", 0,
        "gst-jssip codec table");
    g_once_init_leave (&done, 1);
  }
}

/* A gst-launch fragment can be built when its first element exists. */
static gboolean
fragment_available (const gchar * fragment)
{
  gchar *factory_name = g_strndup (fragment, strcspn (fragment, " !"));
  GstElementFactory *factory = gst_element_factory_find (factory_name);

  init_debug ();

  if (factory == NULL)
    GST_INFO ("element %s is not installed", factory_name);
  g_free (factory_name);
  if (factory == NULL)
    return FALSE;
  gst_object_unref (factory);
  return TRUE;
}

static const gchar *
first_available (const gchar * const *fragments)
{
  for (; *fragments != NULL; fragments++) {
    if (fragment_available (*fragments))
      return *fragments;
  }
  return NULL;
}

static gboolean
codec_available (const JsSipCodec * codec, gboolean send, gboolean recv)
{
  if (send && (first_available (codec->encoders) == NULL
          || !fragment_available (codec->payloader)))
    return FALSE;
  if (recv && (first_available (codec->decoders) == NULL
          || !fragment_available (codec->depayloader)))
    return FALSE;
  return TRUE;
}

const JsSipCodec *
jssip_codec_find (JsSipMediaFlags kind, const gchar * encoding_name,
    gint clock_rate)
{
  for (guint i = 0; i < G_N_ELEMENTS (codecs); i++) {
    if (codecs[i].kind == kind && codecs[i].clock_rate == clock_rate
        && g_ascii_strcasecmp (codecs[i].encoding_name, encoding_name) == 0)
      return &codecs[i];
  }
  return NULL;
}

static const JsSipCodec *
codec_by_name (JsSipMediaFlags kind, const gchar * name)
{
  for (guint i = 0; i < G_N_ELEMENTS (codecs); i++) {
    if (codecs[i].kind == kind && g_ascii_strcasecmp (codecs[i].name, name)
        == 0)
      return &codecs[i];
  }
  return NULL;
}

static void
add_codec (GPtrArray * list, const JsSipCodec * codec, gboolean send,
    gboolean recv)
{
  if (g_ptr_array_find (list, codec, NULL))
    return;
  if (!codec_available (codec, send, recv)) {
    GST_WARNING ("codec %s skipped: its elements are not installed",
        codec->name);
    return;
  }
  g_ptr_array_add (list, (gpointer) codec);
}

static const gchar *
kind_name (JsSipMediaFlags kind)
{
  return kind == JSSIP_MEDIA_AUDIO ? "audio" : "video";
}

GPtrArray *
jssip_codecs_parse (const gchar * list, JsSipMediaFlags kind, gboolean send,
    gboolean recv, GError ** error)
{
  GPtrArray *result = g_ptr_array_new ();

  if (list == NULL) {
    for (guint i = 0; i < G_N_ELEMENTS (codecs); i++) {
      if (codecs[i].kind == kind)
        add_codec (result, &codecs[i], send, recv);
    }
  } else {
    gchar **names = g_strsplit (list, ",", -1);

    for (gchar ** name = names; *name != NULL; name++) {
      const JsSipCodec *codec = codec_by_name (kind, g_strstrip (*name));

      if (codec == NULL) {
        g_set_error (error, JSSIP_CODECS_ERROR, JSSIP_CODECS_ERROR_UNKNOWN,
            "'%s' is not an %s codec", *name, kind_name (kind));
        g_strfreev (names);
        g_ptr_array_unref (result);
        return NULL;
      }
      add_codec (result, codec, send, recv);
    }
    g_strfreev (names);
  }
  if (result->len == 0) {
    g_set_error (error, JSSIP_CODECS_ERROR, JSSIP_CODECS_ERROR_NONE_AVAILABLE,
        "no %s codec has its GStreamer elements installed", kind_name (kind));
    g_ptr_array_unref (result);
    return NULL;
  }
  return result;
}

static GstStructure *
codec_structure (const JsSipCodec * codec, gboolean with_payload)
{
  GString *text = g_string_new ("application/x-rtp");
  GstStructure *s;

  g_string_append_printf (text, ", media=%s, encoding-name=%s, clock-rate=%d",
      kind_name (codec->kind), codec->encoding_name, codec->clock_rate);
  if (codec->channels > 0)
    g_string_append_printf (text, ", encoding-params=(string)%d",
        codec->channels);
  if (with_payload)
    g_string_append_printf (text, ", payload=%d", codec->payload);
  if (codec->fmtp != NULL)
    g_string_append_printf (text, ", %s", codec->fmtp);
  s = gst_structure_from_string (text->str, NULL);
  g_string_free (text, TRUE);
  return s;
}

/* RFC 4733 section 7.1.1: telephone-event runs at the clock rate of the
 * audio it goes with; numbered as browsers number them. */
static gint
telephone_event_payload (gint clock_rate)
{
  switch (clock_rate) {
    case 8000:
      return 101;
    case 48000:
      return 110;
    default:
      return -1;
  }
}

static void
append_telephone_events (GstCaps * caps, GPtrArray * codecs_list)
{
  GList *rates = NULL;

  for (guint i = 0; i < codecs_list->len; i++) {
    const JsSipCodec *codec = g_ptr_array_index (codecs_list, i);
    gint payload = telephone_event_payload (codec->clock_rate);

    if (codec->kind != JSSIP_MEDIA_AUDIO || payload < 0
        || g_list_find (rates, GINT_TO_POINTER (codec->clock_rate)))
      continue;
    rates = g_list_prepend (rates, GINT_TO_POINTER (codec->clock_rate));
    gst_caps_append_structure (caps, gst_structure_new ("application/x-rtp",
            "media", G_TYPE_STRING, "audio",
            "encoding-name", G_TYPE_STRING, "TELEPHONE-EVENT",
            "clock-rate", G_TYPE_INT, codec->clock_rate,
            "payload", G_TYPE_INT, payload, NULL));
  }
  g_list_free (rates);
}

GstCaps *
jssip_codec_to_caps (const JsSipCodec * codec, gboolean with_payload)
{
  return gst_caps_new_full (codec_structure (codec, with_payload), NULL);
}

GstCaps *
jssip_codecs_to_caps (GPtrArray * codecs_list, gboolean offer)
{
  GstCaps *caps = gst_caps_new_empty ();

  for (guint i = 0; i < codecs_list->len; i++)
    gst_caps_append_structure (caps,
        codec_structure (g_ptr_array_index (codecs_list, i), offer));
  /* webrtcbin 1.22 answers with a single format, so telephone-event is
   * only worth offering. */
  if (offer)
    append_telephone_events (caps, codecs_list);
  return caps;
}

static GstElement *
make_bin (const JsSipCodec * codec, const gchar * description, GError ** error)
{
  GstElement *bin;

  init_debug ();
  GST_DEBUG ("%s chain: %s", codec->name, description);
  bin = gst_parse_bin_from_description_full (description, TRUE, NULL,
      GST_PARSE_FLAG_FATAL_ERRORS | GST_PARSE_FLAG_NO_SINGLE_ELEMENT_BINS,
      error);
  return bin;
}

static gboolean
check_fragment (const JsSipCodec * codec, const gchar * fragment,
    const gchar * what, GError ** error)
{
  if (fragment != NULL)
    return TRUE;
  g_set_error (error, JSSIP_CODECS_ERROR, JSSIP_CODECS_ERROR_NONE_AVAILABLE,
      "no %s for %s is installed", what, codec->name);
  return FALSE;
}

GstElement *
jssip_codec_make_sender (const JsSipCodec * codec, gint payload,
    GError ** error)
{
  const gchar *encoder = first_available (codec->encoders);
  gchar *description;
  GstElement *bin;

  if (!check_fragment (codec, encoder, "encoder", error))
    return NULL;
  /* The encoder's raw format fixed from the start, so that audioresample
   * never changes its rates (see jssipstream.c). */
  description = g_strdup_printf ("%s%s%s ! %s ! %s pt=%d",
      codec->kind == JSSIP_MEDIA_AUDIO ? "audioconvert ! audioresample" :
      "videoconvert", codec->raw ? " ! " : "", codec->raw ? codec->raw : "",
      encoder, codec->payloader, payload);
  bin = make_bin (codec, description, error);
  g_free (description);
  return bin;
}

GstElement *
jssip_codec_make_receiver (const JsSipCodec * codec, gboolean decode,
    GError ** error)
{
  const gchar *decoder = first_available (codec->decoders);
  gchar *description;
  GstElement *bin;

  if (decode && !check_fragment (codec, decoder, "decoder", error))
    return NULL;
  description = g_strdup_printf ("%s%s%s", codec->depayloader,
      decode ? " ! " : "", decode ? decoder : "");
  bin = make_bin (codec, description, error);
  g_free (description);
  return bin;
}
