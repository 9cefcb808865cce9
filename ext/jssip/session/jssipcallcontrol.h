/* gst-jssip
 *
 * The place where the call layer plugs into a session: the action signals
 * of jssipsrc/jssipsink (docs/elements.md) arrive here. A session has a call control
 * while it runs (made by the factory set with
 * jssip_session_set_call_control_factory()); without one every action fails
 * with JSSIP_CALL_ERROR_NO_CALL.
 *
 * Every method may be called from any thread. A method returns FALSE and
 * sets @error (JSSIP_CALL_ERROR) when the action makes no sense in the
 * current state; the element turns that into a warning message.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __JSSIP_CALL_CONTROL_H__
#define __JSSIP_CALL_CONTROL_H__

#include <gst/gst.h>

#include "jssipcallerror.h"
#include "jssipenums.h"

G_BEGIN_DECLS


#define JSSIP_TYPE_CALL_CONTROL (jssip_call_control_get_type ())
G_DECLARE_INTERFACE (JsSipCallControl, jssip_call_control, JSSIP, CALL_CONTROL,
    GObject);

/* Options are NULL when the application passed none. */
struct _JsSipCallControlInterface
{
  GTypeInterface parent_iface;

  /* Session lifecycle: the first view of the session goes READY->PAUSED,
   * the last one PAUSED->READY. */
  gboolean (*start) (JsSipCallControl * control, GError ** error);
  void (*stop) (JsSipCallControl * control);
  /* A view's pipeline went PAUSED->PLAYING on @clock with @base_time:
   * the call's media runs on them from now on. */
  void (*play) (JsSipCallControl * control, GstClock * clock,
      GstClockTime base_time);

  gboolean (*connect) (JsSipCallControl * control, const gchar * target,
      const GstStructure * options, GError ** error);
  gboolean (*answer) (JsSipCallControl * control,
      const GstStructure * options, GError ** error);
  gboolean (*terminate) (JsSipCallControl * control,
      const GstStructure * options, GError ** error);
  gboolean (*hold) (JsSipCallControl * control, GError ** error);
  gboolean (*unhold) (JsSipCallControl * control, GError ** error);
  gboolean (*mute) (JsSipCallControl * control, JsSipMediaFlags media,
      GError ** error);
  gboolean (*unmute) (JsSipCallControl * control, JsSipMediaFlags media,
      GError ** error);
  gboolean (*send_dtmf) (JsSipCallControl * control, const gchar * tones,
      const GstStructure * options, GError ** error);
  gboolean (*send_info) (JsSipCallControl * control,
      const gchar * content_type, const gchar * body, GError ** error);
  gboolean (*refer) (JsSipCallControl * control, const gchar * target,
      GError ** error);
  gboolean (*renegotiate) (JsSipCallControl * control, GError ** error);
  GstStructure *(*get_stats) (JsSipCallControl * control, GError ** error);
};

gboolean jssip_call_control_start (JsSipCallControl * control,
    GError ** error);
void jssip_call_control_stop (JsSipCallControl * control);
void jssip_call_control_play (JsSipCallControl * control, GstClock * clock,
    GstClockTime base_time);
gboolean jssip_call_control_connect (JsSipCallControl * control,
    const gchar * target, const GstStructure * options, GError ** error);
gboolean jssip_call_control_answer (JsSipCallControl * control,
    const GstStructure * options, GError ** error);
gboolean jssip_call_control_terminate (JsSipCallControl * control,
    const GstStructure * options, GError ** error);
gboolean jssip_call_control_hold (JsSipCallControl * control,
    GError ** error);
gboolean jssip_call_control_unhold (JsSipCallControl * control,
    GError ** error);
gboolean jssip_call_control_mute (JsSipCallControl * control,
    JsSipMediaFlags media, GError ** error);
gboolean jssip_call_control_unmute (JsSipCallControl * control,
    JsSipMediaFlags media, GError ** error);
gboolean jssip_call_control_send_dtmf (JsSipCallControl * control,
    const gchar * tones, const GstStructure * options, GError ** error);
gboolean jssip_call_control_send_info (JsSipCallControl * control,
    const gchar * content_type, const gchar * body, GError ** error);
gboolean jssip_call_control_refer (JsSipCallControl * control,
    const gchar * target, GError ** error);
gboolean jssip_call_control_renegotiate (JsSipCallControl * control,
    GError ** error);
GstStructure *jssip_call_control_get_stats (JsSipCallControl * control,
    GError ** error);

G_END_DECLS

#endif
