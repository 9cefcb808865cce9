/* gst-jssip
 *
 * JsSipCall: the call layer of a session (JsSipCallControl). While the
 * session runs it owns the session's user agent (JsSipUa), posts the UA's
 * events as bus messages, and carries the call itself.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_CALL_H__
#define __JSSIP_CALL_H__

#include "jssipcallcontrol.h"
#include "jssipsession.h"

G_BEGIN_DECLS

#define JSSIP_TYPE_CALL (jssip_call_get_type ())
G_DECLARE_FINAL_TYPE (JsSipCall, jssip_call, JSSIP, CALL, GObject);

/* The JsSipCallControlFactory the plugin installs. */
JsSipCallControl *jssip_call_new (JsSipSession * session);

G_END_DECLS

#endif
