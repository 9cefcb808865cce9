/* gst-jssip
 *
 * The action signals of docs/elements.md (connect, answer, terminate, hold, unhold,
 * mute, unmute, send-dtmf, send-info, refer, renegotiate, get-stats),
 * installed on the class both elements derive from (the actions know the
 * elements only as GstElements with a session). Each one goes to the
 * session's call control; when that cannot do it, the signal returns FALSE
 * (NULL for get-stats) and the element posts a warning saying why.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_ACTIONS_H__
#define __JSSIP_ACTIONS_H__

#include <gst/gst.h>

#include "jssipsession.h"

G_BEGIN_DECLS

/* The session @element views now (transfer full). */
typedef JsSipSession *(*JsSipActionsDupSession) (GstElement * element);

void jssip_actions_install (GObjectClass * klass,
    JsSipActionsDupSession dup_session);

G_END_DECLS

#endif
