/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipsink.h"
#include "jssipview.h"

GST_DEBUG_CATEGORY_STATIC (gst_jssip_sink_debug);
#define GST_CAT_DEFAULT gst_jssip_sink_debug

struct _GstJsSipSink
{
  GstJsSipBin parent;
};

static void gst_jssip_sink_view_init (JsSipViewInterface * iface);

G_DEFINE_TYPE_WITH_CODE (GstJsSipSink, gst_jssip_sink, GST_TYPE_JSSIP_BIN,
    G_IMPLEMENT_INTERFACE (JSSIP_TYPE_VIEW, gst_jssip_sink_view_init));

/* Its sink pads feed the call; the call adds no pads to it. */
static void
gst_jssip_sink_view_init (JsSipViewInterface * iface)
{
  iface->role = JSSIP_VIEW_SENDS;
}

GST_ELEMENT_REGISTER_DEFINE (jssipsink, "jssipsink", GST_RANK_NONE,
    GST_TYPE_JSSIP_SINK);

static GstStaticPadTemplate audio_template =
GST_STATIC_PAD_TEMPLATE ("audio_%u", GST_PAD_SINK, GST_PAD_REQUEST,
    GST_STATIC_CAPS (JSSIP_AUDIO_CAPS));

static GstStaticPadTemplate video_template =
GST_STATIC_PAD_TEMPLATE ("video_%u", GST_PAD_SINK, GST_PAD_REQUEST,
    GST_STATIC_CAPS (JSSIP_VIDEO_CAPS));

static JsSipMediaFlags
template_kind (GstPadTemplate * templ)
{
  return g_str_equal (GST_PAD_TEMPLATE_NAME_TEMPLATE (templ), "video_%u") ?
      JSSIP_MEDIA_VIDEO : JSSIP_MEDIA_AUDIO;
}

static gboolean
name_is_free (GstElement * element, const gchar * name)
{
  GstPad *pad = gst_element_get_static_pad (element, name);

  if (!pad)
    return TRUE;
  gst_object_unref (pad);
  return FALSE;
}

static GstPad *
gst_jssip_sink_request_new_pad (GstElement * element, GstPadTemplate * templ,
    const gchar * requested, const GstCaps * caps)
{
  gchar *name;
  GstPad *pad;

  if (requested && !name_is_free (element, requested)) {
    GST_WARNING_OBJECT (element, "pad %s already exists", requested);
    return NULL;
  }
  name = requested ? g_strdup (requested) :
      gst_jssip_bin_next_pad_name (GST_JSSIP_BIN (element),
      template_kind (templ));
  pad = gst_ghost_pad_new_no_target_from_template (name, templ);
  GST_DEBUG_OBJECT (element, "new request pad %s", name);
  g_free (name);

  gst_element_add_pad (element, pad);
  return pad;
}

static void
gst_jssip_sink_release_pad (GstElement * element, GstPad * pad)
{
  GST_DEBUG_OBJECT (element, "releasing %" GST_PTR_FORMAT, pad);
  gst_pad_set_active (pad, FALSE);
  gst_element_remove_pad (element, pad);
}

static void
gst_jssip_sink_init (GstJsSipSink * sink)
{
  GST_OBJECT_FLAG_SET (sink, GST_ELEMENT_FLAG_SINK);
}

static void
gst_jssip_sink_class_init (GstJsSipSinkClass * klass)
{
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);

  element_class->request_new_pad = gst_jssip_sink_request_new_pad;
  element_class->release_pad = gst_jssip_sink_release_pad;

  gst_element_class_add_static_pad_template (element_class, &audio_template);
  gst_element_class_add_static_pad_template (element_class, &video_template);
  gst_element_class_set_static_metadata (element_class,
      "JsSIP call sink", "Sink/Network/Audio/Video",
      "Sends audio and video into a SIP-over-WebSocket call (RFC 7118), "
      "placed or answered the JsSIP way; raw media is encoded to the "
      "negotiated codec", "gst-jssip developers");

  GST_DEBUG_CATEGORY_INIT (gst_jssip_sink_debug, "jssipsink", 0,
      "JsSIP call sink");
}
