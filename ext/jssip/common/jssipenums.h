/* gst-jssip
 *
 * The enumerations users see as property and signal argument types.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_ENUMS_H__
#define __JSSIP_ENUMS_H__

#include <glib-object.h>

G_BEGIN_DECLS

/* JsSIP 0.2 Session.direction; `none` before any call. */
typedef enum
{
  JSSIP_DIRECTION_NONE,
  JSSIP_DIRECTION_INCOMING,
  JSSIP_DIRECTION_OUTGOING,
} JsSipDirection;

/* JsSIP 3.x RTCSession status values (RTCSession.C.STATUS_*), same order. */
typedef enum
{
  JSSIP_CALL_STATE_NULL,
  JSSIP_CALL_STATE_INVITE_SENT,
  JSSIP_CALL_STATE_1XX_RECEIVED,
  JSSIP_CALL_STATE_INVITE_RECEIVED,
  JSSIP_CALL_STATE_WAITING_FOR_ANSWER,
  JSSIP_CALL_STATE_ANSWERED,
  JSSIP_CALL_STATE_WAITING_FOR_ACK,
  JSSIP_CALL_STATE_CANCELED,
  JSSIP_CALL_STATE_TERMINATED,
  JSSIP_CALL_STATE_CONFIRMED,
} JsSipCallState;

/* JsSIP 0.2 mediaType: which media a call carries, or a mute applies to. */
typedef enum
{
  JSSIP_MEDIA_AUDIO = 1 << 0,
  JSSIP_MEDIA_VIDEO = 1 << 1,
} JsSipMediaFlags;

#define JSSIP_MEDIA_ALL (JSSIP_MEDIA_AUDIO | JSSIP_MEDIA_VIDEO)

#define JSSIP_TYPE_DIRECTION (jssip_direction_get_type ())
GType jssip_direction_get_type (void);

#define JSSIP_TYPE_CALL_STATE (jssip_call_state_get_type ())
GType jssip_call_state_get_type (void);

#define JSSIP_TYPE_MEDIA_FLAGS (jssip_media_flags_get_type ())
GType jssip_media_flags_get_type (void);

/* The nick ("incoming", "waiting-for-answer", ...) as used in bus messages. */
const gchar *jssip_direction_to_string (JsSipDirection direction);
const gchar *jssip_call_state_to_string (JsSipCallState state);

G_END_DECLS

#endif
