/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipsrc.h"
#include "jssipview.h"

GST_DEBUG_CATEGORY_STATIC (gst_jssip_src_debug);
#define GST_CAT_DEFAULT gst_jssip_src_debug

struct _GstJsSipSrc
{
  GstJsSipBin parent;
};

static void gst_jssip_src_view_init (JsSipViewInterface * iface);

G_DEFINE_TYPE_WITH_CODE (GstJsSipSrc, gst_jssip_src, GST_TYPE_JSSIP_BIN,
    G_IMPLEMENT_INTERFACE (JSSIP_TYPE_VIEW, gst_jssip_src_view_init));
GST_ELEMENT_REGISTER_DEFINE (jssipsrc, "jssipsrc", GST_RANK_NONE,
    GST_TYPE_JSSIP_SRC);

static GstStaticPadTemplate audio_template =
GST_STATIC_PAD_TEMPLATE ("audio_%u", GST_PAD_SRC, GST_PAD_SOMETIMES,
    GST_STATIC_CAPS (JSSIP_AUDIO_CAPS));

static GstStaticPadTemplate video_template =
GST_STATIC_PAD_TEMPLATE ("video_%u", GST_PAD_SRC, GST_PAD_SOMETIMES,
    GST_STATIC_CAPS (JSSIP_VIDEO_CAPS));

/* A remote stream of the call, as a sometimes pad. */
static GstPad *
add_media_pad (JsSipView * view, JsSipMediaFlags kind, GstPad * target)
{
  GstJsSipSrc *src = GST_JSSIP_SRC (view);
  GstElement *element = GST_ELEMENT (src);
  GstPadTemplate *templ = gst_element_get_pad_template (element,
      kind == JSSIP_MEDIA_VIDEO ? "video_%u" : "audio_%u");
  gchar *name = gst_jssip_bin_next_pad_name (GST_JSSIP_BIN (src), kind);
  GstPad *pad = gst_ghost_pad_new_from_template (name, target, templ);

  GST_DEBUG_OBJECT (src, "adding %s for %" GST_PTR_FORMAT, name, target);
  g_free (name);
  gst_pad_set_active (pad, TRUE);
  gst_element_add_pad (element, pad);
  return pad;
}

static void
remove_media_pad (JsSipView * view, GstPad * pad)
{
  GST_DEBUG_OBJECT (view, "removing %" GST_PTR_FORMAT, pad);
  gst_pad_set_active (pad, FALSE);
  gst_element_remove_pad (GST_ELEMENT (view), pad);
}

static void
gst_jssip_src_view_init (JsSipViewInterface * iface)
{
  iface->role = JSSIP_VIEW_RECEIVES;
  iface->add_media_pad = add_media_pad;
  iface->remove_media_pad = remove_media_pad;
}

/* A live source produces nothing in PAUSED: say so, or a pipeline would
 * wait for a preroll that only comes with a call. */
static GstStateChangeReturn
gst_jssip_src_change_state (GstElement * element, GstStateChange transition)
{
  GstStateChangeReturn ret =
      GST_ELEMENT_CLASS (gst_jssip_src_parent_class)->change_state (element,
      transition);

  if (ret != GST_STATE_CHANGE_FAILURE
      && (transition == GST_STATE_CHANGE_READY_TO_PAUSED
          || transition == GST_STATE_CHANGE_PLAYING_TO_PAUSED))
    ret = GST_STATE_CHANGE_NO_PREROLL;
  return ret;
}

static void
gst_jssip_src_init (GstJsSipSrc * src)
{
  GST_OBJECT_FLAG_SET (src, GST_ELEMENT_FLAG_SOURCE);
}

static void
gst_jssip_src_class_init (GstJsSipSrcClass * klass)
{
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);

  element_class->change_state = gst_jssip_src_change_state;
  gst_jssip_bin_class_install_properties (GST_JSSIP_BIN_CLASS (klass),
      JSSIP_PROPERTY_SCOPE_SRC);

  gst_element_class_add_static_pad_template (element_class, &audio_template);
  gst_element_class_add_static_pad_template (element_class, &video_template);
  gst_element_class_set_static_metadata (element_class,
      "JsSIP call source", "Source/Network/Audio/Video",
      "Receives the media of a SIP-over-WebSocket call (RFC 7118), placed or "
      "answered the JsSIP way, as audio_%u and video_%u pads",
      "gst-jssip developers");

  GST_DEBUG_CATEGORY_INIT (gst_jssip_src_debug, "jssipsrc", 0,
      "JsSIP call source");
}
