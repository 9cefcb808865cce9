/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipenums.h"

GType
jssip_direction_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {JSSIP_DIRECTION_NONE, "No call", "none"},
    {JSSIP_DIRECTION_INCOMING, "Incoming call", "incoming"},
    {JSSIP_DIRECTION_OUTGOING, "Outgoing call", "outgoing"},
    {0, NULL, NULL},
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type,
        g_enum_register_static ("GstJsSipDirection", values));
  return type;
}

GType
jssip_call_state_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    {JSSIP_CALL_STATE_NULL, "No call", "null"},
    {JSSIP_CALL_STATE_INVITE_SENT, "INVITE sent", "invite-sent"},
    {JSSIP_CALL_STATE_1XX_RECEIVED, "Provisional response received",
        "1xx-received"},
    {JSSIP_CALL_STATE_INVITE_RECEIVED, "INVITE received", "invite-received"},
    {JSSIP_CALL_STATE_WAITING_FOR_ANSWER, "Ringing, waiting for answer",
        "waiting-for-answer"},
    {JSSIP_CALL_STATE_ANSWERED, "Answered", "answered"},
    {JSSIP_CALL_STATE_WAITING_FOR_ACK, "Waiting for ACK", "waiting-for-ack"},
    {JSSIP_CALL_STATE_CANCELED, "Canceled", "canceled"},
    {JSSIP_CALL_STATE_TERMINATED, "Terminated", "terminated"},
    {JSSIP_CALL_STATE_CONFIRMED, "Confirmed", "confirmed"},
    {0, NULL, NULL},
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type,
        g_enum_register_static ("GstJsSipCallState", values));
  return type;
}

GType
jssip_media_flags_get_type (void)
{
  static GType type = 0;
  static const GFlagsValue values[] = {
    {JSSIP_MEDIA_AUDIO, "Audio", "audio"},
    {JSSIP_MEDIA_VIDEO, "Video", "video"},
    {0, NULL, NULL},
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_flags_register_static ("GstJsSipMedia",
            values));
  return type;
}

static const gchar *
enum_nick (GType type, gint value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);
  const gchar *nick = enum_value ? enum_value->value_nick : NULL;

  /* The class of a static enum type is never freed, so the nick stays valid. */
  g_type_class_unref (klass);
  return nick;
}

const gchar *
jssip_direction_to_string (JsSipDirection direction)
{
  return enum_nick (JSSIP_TYPE_DIRECTION, direction);
}

const gchar *
jssip_call_state_to_string (JsSipCallState state)
{
  return enum_nick (JSSIP_TYPE_CALL_STATE, state);
}
