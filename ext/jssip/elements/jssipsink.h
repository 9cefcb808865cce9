/* gst-jssip
 *
 * jssipsink: the local media sent into a call, through request sink pads
 * audio_%u and video_%u: ghost pads, whose target the media layer sets
 * when it sees them added ("pad-added").
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_JSSIP_SINK_H__
#define __GST_JSSIP_SINK_H__

#include "jssipbin.h"

G_BEGIN_DECLS

#define GST_TYPE_JSSIP_SINK (gst_jssip_sink_get_type ())
G_DECLARE_FINAL_TYPE (GstJsSipSink, gst_jssip_sink, GST, JSSIP_SINK,
    GstJsSipBin);

GST_ELEMENT_REGISTER_DECLARE (jssipsink);

G_END_DECLS

#endif
