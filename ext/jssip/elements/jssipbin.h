/* gst-jssip
 *
 * What jssipsrc and jssipsink share: a GstBin that views a session. It
 * carries the session properties and action signals of docs/elements.md, joins the
 * session named by its `session` property, and validates the settings when
 * it starts.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_JSSIP_BIN_H__
#define __GST_JSSIP_BIN_H__

#include <gst/gst.h>

#include "jssipsession.h"

G_BEGIN_DECLS

/* What the pads carry: raw media, or (docs/elements.md) the encoded streams of the
 * codecs a call negotiates, as their depayloaders give them. */
#define JSSIP_AUDIO_CAPS \
  "audio/x-raw; audio/x-opus; audio/G722; audio/x-mulaw; audio/x-alaw"
#define JSSIP_VIDEO_CAPS \
  "video/x-raw; video/x-vp8; video/x-h264; video/x-vp9"

#define GST_TYPE_JSSIP_BIN (gst_jssip_bin_get_type ())
G_DECLARE_DERIVABLE_TYPE (GstJsSipBin, gst_jssip_bin, GST, JSSIP_BIN, GstBin);

struct _GstJsSipBinClass
{
  GstBinClass parent_class;
};

/* The session this element views now (transfer full). */
JsSipSession *gst_jssip_bin_dup_session (GstJsSipBin * bin);

/* For subclasses' class_init: the session properties of @scope. */
void gst_jssip_bin_class_install_properties (GstJsSipBinClass * klass,
    JsSipPropertyScope scope);

/* Pad names "audio_%u" / "video_%u" with the lowest free number. */
gchar *gst_jssip_bin_next_pad_name (GstJsSipBin * bin, JsSipMediaFlags kind);

G_END_DECLS

#endif
