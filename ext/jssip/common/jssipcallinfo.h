/* gst-jssip
 *
 * The state of the session's call that the elements show as read-only
 * properties: the JsSIP 0.2 Session instance attributes. The call layer
 * fills it and hands it to jssip_session_update_call_info().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_CALL_INFO_H__
#define __JSSIP_CALL_INFO_H__

#include <glib.h>

#include "jssipenums.h"

G_BEGIN_DECLS

typedef struct
{
  JsSipDirection direction;
  JsSipCallState state;
  gchar *call_id;
  gchar *local_identity;        /* SIP URI, or name-addr with display name */
  gchar *remote_identity;
  GDateTime *start_time;        /* NULL until started */
  GDateTime *end_time;          /* NULL until ended */
} JsSipCallInfo;

/* Before any call: direction none, state null, everything else unset. */
void jssip_call_info_init (JsSipCallInfo * info);
void jssip_call_info_clear (JsSipCallInfo * info);
void jssip_call_info_copy_into (JsSipCallInfo * dest,
    const JsSipCallInfo * src);

G_END_DECLS

#endif
