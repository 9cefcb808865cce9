/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipcallcontrol.h"

G_DEFINE_INTERFACE (JsSipCallControl, jssip_call_control, G_TYPE_OBJECT);

static void
jssip_call_control_default_init (JsSipCallControlInterface * iface)
{
}

static gboolean
not_supported (const gchar * action, GError ** error)
{
  g_set_error (error, JSSIP_CALL_ERROR, JSSIP_CALL_ERROR_NOT_SUPPORTED,
      "%s is not supported yet", action);
  return FALSE;
}

gboolean
jssip_call_control_start (JsSipCallControl * control, GError ** error)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  return iface->start ? iface->start (control, error) : TRUE;
}

void
jssip_call_control_stop (JsSipCallControl * control)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  if (iface->stop)
    iface->stop (control);
}

void
jssip_call_control_play (JsSipCallControl * control, GstClock * clock,
    GstClockTime base_time)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  if (iface->play)
    iface->play (control, clock, base_time);
}

gboolean
jssip_call_control_connect (JsSipCallControl * control, const gchar * target,
    const GstStructure * options, GError ** error)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  if (!iface->connect)
    return not_supported ("connect", error);
  return iface->connect (control, target, options, error);
}

gboolean
jssip_call_control_answer (JsSipCallControl * control,
    const GstStructure * options, GError ** error)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  if (!iface->answer)
    return not_supported ("answer", error);
  return iface->answer (control, options, error);
}

gboolean
jssip_call_control_terminate (JsSipCallControl * control,
    const GstStructure * options, GError ** error)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  if (!iface->terminate)
    return not_supported ("terminate", error);
  return iface->terminate (control, options, error);
}

gboolean
jssip_call_control_hold (JsSipCallControl * control, GError ** error)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  if (!iface->hold)
    return not_supported ("hold", error);
  return iface->hold (control, error);
}

gboolean
jssip_call_control_unhold (JsSipCallControl * control, GError ** error)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  if (!iface->unhold)
    return not_supported ("unhold", error);
  return iface->unhold (control, error);
}

gboolean
jssip_call_control_mute (JsSipCallControl * control, JsSipMediaFlags media,
    GError ** error)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  if (!iface->mute)
    return not_supported ("mute", error);
  return iface->mute (control, media, error);
}

gboolean
jssip_call_control_unmute (JsSipCallControl * control, JsSipMediaFlags media,
    GError ** error)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  if (!iface->unmute)
    return not_supported ("unmute", error);
  return iface->unmute (control, media, error);
}

gboolean
jssip_call_control_send_dtmf (JsSipCallControl * control, const gchar * tones,
    const GstStructure * options, GError ** error)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  if (!iface->send_dtmf)
    return not_supported ("send-dtmf", error);
  return iface->send_dtmf (control, tones, options, error);
}

gboolean
jssip_call_control_send_info (JsSipCallControl * control,
    const gchar * content_type, const gchar * body, GError ** error)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  if (!iface->send_info)
    return not_supported ("send-info", error);
  return iface->send_info (control, content_type, body, error);
}

gboolean
jssip_call_control_refer (JsSipCallControl * control, const gchar * target,
    GError ** error)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  if (!iface->refer)
    return not_supported ("refer", error);
  return iface->refer (control, target, error);
}

gboolean
jssip_call_control_renegotiate (JsSipCallControl * control, GError ** error)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  if (!iface->renegotiate)
    return not_supported ("renegotiate", error);
  return iface->renegotiate (control, error);
}

GstStructure *
jssip_call_control_get_stats (JsSipCallControl * control, GError ** error)
{
  JsSipCallControlInterface *iface = JSSIP_CALL_CONTROL_GET_IFACE (control);

  if (!iface->get_stats) {
    not_supported ("get-stats", error);
    return NULL;
  }
  return iface->get_stats (control, error);
}
