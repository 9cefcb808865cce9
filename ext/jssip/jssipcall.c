/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipcall.h"
#include "jssipua.h"

GST_DEBUG_CATEGORY_STATIC (jssip_call_debug);
#define GST_CAT_DEFAULT jssip_call_debug

struct _JsSipCall
{
  GObject parent;

  JsSipSession *session;        /* weak: the session owns us */
  JsSipUa *ua;
};

static void jssip_call_control_init (JsSipCallControlInterface * iface);

G_DEFINE_TYPE_WITH_CODE (JsSipCall, jssip_call, G_TYPE_OBJECT,
    G_IMPLEMENT_INTERFACE (JSSIP_TYPE_CALL_CONTROL, jssip_call_control_init));

static void
on_ua_event (JsSipUa * ua, const GstStructure * event, JsSipCall * self)
{
  jssip_session_post_message (self->session, gst_structure_copy (event));
}

static gboolean
call_start (JsSipCallControl * control, GError ** error)
{
  JsSipCall *self = JSSIP_CALL (control);
  g_autoptr (JsSipSettings) settings =
      jssip_session_dup_settings (self->session);

  self->ua = jssip_ua_new (settings, error);
  if (!self->ua)
    return FALSE;
  g_signal_connect (self->ua, "event", G_CALLBACK (on_ua_event), self);
  jssip_ua_start (self->ua);
  return TRUE;
}

static void
call_stop (JsSipCallControl * control)
{
  JsSipCall *self = JSSIP_CALL (control);

  if (!self->ua)
    return;
  jssip_ua_stop (self->ua);
  g_signal_handlers_disconnect_by_data (self->ua, self);
  g_clear_object (&self->ua);
}

static void
jssip_call_control_init (JsSipCallControlInterface * iface)
{
  iface->start = call_start;
  iface->stop = call_stop;
}

static void
jssip_call_init (JsSipCall * self)
{
}

static void
jssip_call_finalize (GObject * object)
{
  JsSipCall *self = JSSIP_CALL (object);

  call_stop (JSSIP_CALL_CONTROL (self));
  G_OBJECT_CLASS (jssip_call_parent_class)->finalize (object);
}

static void
jssip_call_class_init (JsSipCallClass * klass)
{
  G_OBJECT_CLASS (klass)->finalize = jssip_call_finalize;
  GST_DEBUG_CATEGORY_INIT (jssip_call_debug, "jssipcall", 0, "jssip call");
}

JsSipCallControl *
jssip_call_new (JsSipSession * session)
{
  JsSipCall *self = g_object_new (JSSIP_TYPE_CALL, NULL);

  self->session = session;
  return JSSIP_CALL_CONTROL (self);
}
