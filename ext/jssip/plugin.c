/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <gst/gst.h>

#include "jssipcall.h"
#include "jssipsink.h"
#include "jssipsrc.h"

static gboolean
plugin_init (GstPlugin * plugin)
{
  gboolean registered = FALSE;

  jssip_session_set_call_control_factory (jssip_call_new);
  registered |= GST_ELEMENT_REGISTER (jssipsrc, plugin);
  registered |= GST_ELEMENT_REGISTER (jssipsink, plugin);
  return registered;
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, jssip,
    "SIP over WebSocket calls as pads, the JsSIP way (jssipsrc, jssipsink)",
    plugin_init, VERSION, GST_LICENSE, GST_PACKAGE_NAME, GST_PACKAGE_ORIGIN)
