/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "jssipcallinfo.h"

void
jssip_call_info_init (JsSipCallInfo * info)
{
  memset (info, 0, sizeof (JsSipCallInfo));
  info->direction = JSSIP_DIRECTION_NONE;
  info->state = JSSIP_CALL_STATE_NULL;
}

void
jssip_call_info_clear (JsSipCallInfo * info)
{
  g_free (info->call_id);
  g_free (info->local_identity);
  g_free (info->remote_identity);
  g_clear_pointer (&info->start_time, g_date_time_unref);
  g_clear_pointer (&info->end_time, g_date_time_unref);
  jssip_call_info_init (info);
}

void
jssip_call_info_copy_into (JsSipCallInfo * dest, const JsSipCallInfo * src)
{
  jssip_call_info_clear (dest);
  dest->direction = src->direction;
  dest->state = src->state;
  dest->call_id = g_strdup (src->call_id);
  dest->local_identity = g_strdup (src->local_identity);
  dest->remote_identity = g_strdup (src->remote_identity);
  dest->start_time = src->start_time ? g_date_time_ref (src->start_time) : NULL;
  dest->end_time = src->end_time ? g_date_time_ref (src->end_time) : NULL;
}
