/* gst-jssip
 *
 * jssipsrc: the remote media of a call as sometimes src pads audio_%u and
 * video_%u. A live source.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_JSSIP_SRC_H__
#define __GST_JSSIP_SRC_H__

#include "jssipbin.h"

G_BEGIN_DECLS

#define GST_TYPE_JSSIP_SRC (gst_jssip_src_get_type ())
G_DECLARE_FINAL_TYPE (GstJsSipSrc, gst_jssip_src, GST, JSSIP_SRC,
    GstJsSipBin);

GST_ELEMENT_REGISTER_DECLARE (jssipsrc);

/* For the media layer: exposes @target (a src pad of an element inside the
 * bin) as the next audio_%u or video_%u pad. Returns that pad (owned by
 * the element). */
G_END_DECLS

#endif
