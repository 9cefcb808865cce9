/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipcall.h"
#include "jssipinvitedialog.h"
#include "jssipmediaviews.h"
#include "jssipsessiontimer.h"
#include "jssipua.h"

GST_DEBUG_CATEGORY_STATIC (jssip_call_debug);
#define GST_CAT_DEFAULT jssip_call_debug

struct _JsSipCall
{
  GObject parent;

  JsSipSession *session;        /* weak: the session owns us */
  JsSipSettings *settings;      /* as the session started */
  JsSipUa *ua;
  JsSipMedia *media;
  JsSipMediaViews *views;

  /* The views' clock and base time, from play() */
  GMutex clock_lock;
  GstClock *clock;
  GstClockTime base_time;

  /* UA thread only */
  JsSipInviteDialog *invite;
  gboolean media_used;          /* a call took the media: one call each */
  guint renew_timer;            /* single-call=false: fresh media soon */
  gboolean target_called;
  gboolean playing;
  gboolean connection_failed;   /* the last attempt to connect failed */
};

static void jssip_call_control_init (JsSipCallControlInterface * iface);

G_DEFINE_TYPE_WITH_CODE (JsSipCall, jssip_call, G_TYPE_OBJECT,
    G_IMPLEMENT_INTERFACE (JSSIP_TYPE_CALL_CONTROL, jssip_call_control_init));

/* -------------------------------------------------------------- options */

/* The extra-headers of an action's options (an array, list or strv of
 * "Name: value" strings), else those of the `extra-headers` property. */
static gchar **
dup_extra_headers (JsSipCall * self, const GstStructure * options)
{
  const GValue *value = options ?
      gst_structure_get_value (options, "extra-headers") : NULL;
  GPtrArray *lines;

  if (!value)
    return g_strdupv (self->settings->extra_headers);
  if (G_VALUE_HOLDS (value, G_TYPE_STRV))
    return g_value_dup_boxed (value);
  if (G_VALUE_HOLDS_STRING (value)) {
    gchar *one[] = { (gchar *) g_value_get_string (value), NULL };
    return g_strdupv (one);
  }
  lines = g_ptr_array_new ();
  if (GST_VALUE_HOLDS_ARRAY (value))
    for (guint i = 0; i < gst_value_array_get_size (value); i++)
      g_ptr_array_add (lines, g_value_dup_string (gst_value_array_get_value
              (value, i)));
  else if (GST_VALUE_HOLDS_LIST (value))
    for (guint i = 0; i < gst_value_list_get_size (value); i++)
      g_ptr_array_add (lines, g_value_dup_string (gst_value_list_get_value
              (value, i)));
  g_ptr_array_add (lines, NULL);
  return (gchar **) g_ptr_array_free (lines, FALSE);
}

/* ------------------------------------------------------- the call's end */

static GstElement *
dup_first_view (JsSipCall * self)
{
  GList *views = jssip_session_dup_views (self->session);
  GstElement *first = views ? gst_object_ref (views->data) : NULL;

  g_list_free_full (views, gst_object_unref);
  return first;
}

/* docs/elements.md: in single-call mode a failed call ends the pipeline with an
 * error naming the cause and the SIP status. */
static void
post_call_failed_error (JsSipCall * self, const GstStructure * failed)
{
  g_autoptr (GstElement) view = dup_first_view (self);
  const gchar *cause = gst_structure_get_string (failed, "cause");
  const gchar *reason = gst_structure_get_string (failed, "reason-phrase");
  guint status = 0;

  if (!view)
    return;
  if (gst_structure_get_uint (failed, "status-code", &status))
    GST_ELEMENT_ERROR (view, RESOURCE, FAILED,
        ("Call failed: %s (%u %s)", cause, status, reason ? reason : ""),
        ("call %s", gst_structure_get_string (failed, "call-id")));
  else
    GST_ELEMENT_ERROR (view, RESOURCE, FAILED, ("Call failed: %s", cause),
        ("call %s", gst_structure_get_string (failed, "call-id")));
}

static gboolean renew_media (JsSipCall * self, GError ** error);

static void
on_renew_timer (gpointer data)
{
  JsSipCall *self = data;
  g_autoptr (GError) error = NULL;

  self->renew_timer = 0;
  if (self->media_used && !renew_media (self, &error))
    GST_WARNING ("no media for the next call: %s", error->message);
}

/* Time for the EOS to leave the src pads before they go. */
#define RENEW_DELAY_MS 1000

static void
on_call_over (JsSipCall * self, const GstStructure * event)
{
  gboolean single = self->settings->single_call;
  gboolean failed = gst_structure_has_name (event, "jssip-session-failed");

  GST_INFO ("call over: %" GST_PTR_FORMAT, event);
  /* The error first: an EOS before it would let gst-launch-1.0 exit 0. */
  if (single && failed)
    post_call_failed_error (self, event);
  /* docs/elements.md: every src pad ends with EOS so recordings are finalized; in
   * single-call mode the sinks end too, and the pipeline with them. */
  jssip_media_views_end (self->views, single && !failed);
  /* docs/elements.md: with single-call=false the src pads go after their EOS and
   * the element waits for the next call. */
  if (!single && !self->renew_timer)
    self->renew_timer = gst_sip_clock_add_timeout (jssip_ua_get_clock
        (self->ua), RENEW_DELAY_MS, on_renew_timer, self);
}

/* ------------------------------------------------- session callbacks */

static void
on_session_event (JsSipInviteDialog * invite, GstStructure * event,
    gpointer user_data)
{
  JsSipCall *self = user_data;
  gboolean over = jssip_invite_dialog_is_over (invite);
  GstStructure *copy = over ? gst_structure_copy (event) : NULL;

  jssip_session_post_message (self->session, event);
  if (copy) {
    on_call_over (self, copy);
    gst_structure_free (copy);
  }
}

static void
on_session_info (JsSipInviteDialog * invite, const JsSipCallInfo * info,
    gpointer user_data)
{
  JsSipCall *self = user_data;

  jssip_session_update_call_info (self->session, info);
}

static const JsSipInviteDialogCallbacks session_callbacks = {
  on_session_event,
  on_session_info,
};

/* ------------------------------------------------ placing, answering */

static gboolean
check_can_call (JsSipCall * self, GError ** error)
{
  if (self->invite && !jssip_invite_dialog_is_over (self->invite)) {
    g_set_error_literal (error, JSSIP_CALL_ERROR,
        JSSIP_CALL_ERROR_INVALID_STATE, "a call is already in progress");
    return FALSE;
  }
  if (!self->media_used)
    return TRUE;
  if (self->settings->single_call) {
    g_set_error_literal (error, JSSIP_CALL_ERROR,
        JSSIP_CALL_ERROR_INVALID_STATE,
        "single-call: this session had its call");
    return FALSE;
  }
  return renew_media (self, error);
}

static void
take_session (JsSipCall * self, JsSipInviteDialog * invite)
{
  g_clear_pointer (&self->invite, jssip_invite_dialog_free);
  self->invite = invite;
  self->media_used = TRUE;
  jssip_invite_dialog_set_session_timers (invite,
      self->settings->session_timers);
}

static gboolean
place_call (JsSipCall * self, const gchar * target,
    const GstStructure * options, GError ** error)
{
  g_auto (GStrv) extra = dup_extra_headers (self, options);
  JsSipInviteDialog *invite;

  if (!check_can_call (self, error))
    return FALSE;
  invite = jssip_invite_dialog_new_outgoing (self->ua, self->media, target,
      (const gchar * const *) extra, &session_callbacks, self, error);
  if (!invite)
    return FALSE;
  take_session (self, invite);
  return TRUE;
}

/* docs/elements.md: with `target` set, the call is placed once the pipeline plays
 * and the connection to the server is up. If connecting failed instead,
 * the call is placed all the same and fails at once with "Connection
 * Error", as JsSIP's ua.call() without a transport: a server that is down
 * ends gst-launch-1.0 with an error rather than leaving it waiting. */
static void
call_target_when_ready (JsSipCall * self)
{
  g_autoptr (GError) error = NULL;

  if (self->target_called || !self->settings->target || !self->playing
      || !(jssip_ua_is_connected (self->ua) || self->connection_failed))
    return;
  self->target_called = TRUE;
  if (!place_call (self, self->settings->target, NULL, &error)) {
    g_autoptr (GstElement) view = dup_first_view (self);

    if (view)
      GST_ELEMENT_ERROR (view, RESOURCE, SETTINGS, ("%s", error->message),
          (NULL));
  }
}

static void
answer_incoming (JsSipCall * self, GstSipTransaction * st,
    const GstSipMessage * invite)
{
  JsSipInviteDialog *session;
  g_auto (GStrv) extra = NULL;
  g_autofree gchar *min_se_line = NULL;

  if (!check_can_call (self, NULL)) {
    /* docs/elements.md: a second incoming call while one is active. */
    jssip_ua_respond (self->ua, st, 486, "Busy Here", NULL, NULL);
    return;
  }
  /* RFC 4028 §9: too short a session interval is refused before ringing. */
  if (self->settings->session_timers
      && jssip_session_timer_check_request (invite, &min_se_line)) {
    const gchar *lines[] = { min_se_line, NULL };

    jssip_ua_respond (self->ua, st, 422, "Session Interval Too Small", NULL,
        lines);
    return;
  }
  session = jssip_invite_dialog_new_incoming (self->ua, self->media, st,
      invite, self->settings->no_answer_timeout, &session_callbacks, self);
  take_session (self, session);
  if (self->settings->auto_answer && !jssip_invite_dialog_is_over (session)) {
    extra = dup_extra_headers (self, NULL);
    jssip_invite_dialog_answer (session, (const gchar * const *) extra, NULL);
  }
}

static gboolean
on_request (JsSipUa * ua, GstSipTransaction * st,
    const GstSipMessage * request, gpointer user_data)
{
  JsSipCall *self = user_data;

  if (self->invite && jssip_invite_dialog_receive_request (self->invite, st,
          request))
    return TRUE;
  if (request->method != GST_SIP_METHOD_INVITE || request->to_tag)
    return FALSE;
  answer_incoming (self, st, request);
  return TRUE;
}

/* ----------------------------------------------------------- UA events */

static void
on_ua_event (JsSipUa * ua, const GstStructure * event, JsSipCall * self)
{
  jssip_session_post_message (self->session, gst_structure_copy (event));
  if (gst_structure_has_name (event, "jssip-ua-connected")) {
    self->connection_failed = FALSE;
    call_target_when_ready (self);
  } else if (gst_structure_has_name (event, "jssip-ua-disconnected")) {
    self->connection_failed = TRUE;
    if (self->invite)
      jssip_invite_dialog_transport_lost (self->invite);
    call_target_when_ready (self);
  }
}

/* -------------------------------------------------- views' callbacks */

static gboolean
playing_on_ua_thread (gpointer data)
{
  JsSipCall *self = data;

  self->playing = TRUE;
  call_target_when_ready (self);
  return G_SOURCE_REMOVE;
}

static gboolean
sinks_ended_on_ua_thread (gpointer data)
{
  JsSipCall *self = data;

  if (self->invite && !jssip_invite_dialog_is_over (self->invite))
    jssip_invite_dialog_terminate (self->invite, 0, NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
invoke_on_ua_thread (JsSipCall * self, GSourceFunc func)
{
  g_main_context_invoke_full (jssip_ua_get_context (self->ua),
      G_PRIORITY_DEFAULT, func, g_object_ref (self), g_object_unref);
}

static void
on_views_sinks_ended (gpointer user_data)
{
  invoke_on_ua_thread (user_data, sinks_ended_on_ua_thread);
}

static const JsSipMediaViewsCallbacks views_callbacks = {
  on_views_sinks_ended,
};

/* ------------------------------------------------------------- media */

static gboolean
prepare_media (JsSipCall * self, GError ** error)
{
  const JsSipSettings *s = self->settings;
  JsSipMediaConfig config;

  jssip_media_config_init (&config);
  config.audio_codecs = s->audio_codecs;
  config.video_codecs = s->video_codecs;
  jssip_media_views_get_kinds (self->session, s->media, &config.send,
      &config.recv);
  config.ice_addresses = s->ice_addresses;
  config.stun_server = s->stun_server;
  config.turn_servers = (const gchar * const *) s->turn_servers;
  config.ice_gathering_timeout = s->ice_gathering_timeout;
  config.latency = s->latency;
  config.decode = s->decode;

  self->media = jssip_media_new (&config, error);
  if (!self->media)
    return FALSE;
  self->views = jssip_media_views_new (self->session, self->media,
      &views_callbacks, self);
  return TRUE;
}

/* A call uses its media up (webrtcbin does one negotiation): the next one
 * gets a fresh one, bridged to the views before the old one goes, so that
 * the jssipsink pads always have a target. */
static gboolean
renew_media (JsSipCall * self, GError ** error)
{
  JsSipMedia *old_media = self->media;
  JsSipMediaViews *old_views = self->views;

  gst_sip_clock_clear_timeout (jssip_ua_get_clock (self->ua),
      &self->renew_timer);
  if (!prepare_media (self, error)) {
    self->media = old_media;
    self->views = old_views;
    return FALSE;
  }
  g_mutex_lock (&self->clock_lock);
  if (self->clock)
    jssip_media_set_clock (self->media, self->clock, self->base_time);
  g_mutex_unlock (&self->clock_lock);
  jssip_media_views_free (old_views);
  g_object_unref (old_media);
  self->media_used = FALSE;
  return TRUE;
}

/* ----------------------------------------------------------- lifecycle */

static gboolean
call_start (JsSipCallControl * control, GError ** error)
{
  JsSipCall *self = JSSIP_CALL (control);

  self->settings = jssip_session_dup_settings (self->session);
  self->ua = jssip_ua_new (self->settings, error);
  if (!self->ua || !prepare_media (self, error)) {
    g_clear_object (&self->ua);
    return FALSE;
  }
  g_signal_connect (self->ua, "event", G_CALLBACK (on_ua_event), self);
  jssip_ua_set_request_handler (self->ua, on_request, self, NULL);
  jssip_ua_start (self->ua);
  return TRUE;
}

/* The media follows the user's pipeline, so that the bridges carry
 * buffers with the right running time (proxysink/proxysrc). */
static void
call_play (JsSipCallControl * control, GstClock * clock, GstClockTime base_time)
{
  JsSipCall *self = JSSIP_CALL (control);

  g_mutex_lock (&self->clock_lock);
  gst_object_replace ((GstObject **) & self->clock, GST_OBJECT (clock));
  self->base_time = base_time;
  jssip_media_set_clock (self->media, clock, base_time);
  g_mutex_unlock (&self->clock_lock);
  invoke_on_ua_thread (self, playing_on_ua_thread);
}

/* JsSIP's ua.stop() terminates the sessions before unregistering. */
static gboolean
end_call_on_ua_thread (gpointer data)
{
  JsSipCall *self = data;

  if (self->invite && !jssip_invite_dialog_is_over (self->invite))
    jssip_invite_dialog_terminate (self->invite, 0, NULL, NULL, NULL);
  g_clear_pointer (&self->invite, jssip_invite_dialog_free);
  gst_sip_clock_clear_timeout (jssip_ua_get_clock (self->ua),
      &self->renew_timer);
  jssip_ua_set_request_handler (self->ua, NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
call_stop (JsSipCallControl * control)
{
  JsSipCall *self = JSSIP_CALL (control);

  if (self->ua) {
    jssip_ua_invoke_sync (self->ua, end_call_on_ua_thread, self);
    jssip_ua_stop (self->ua);
    g_signal_handlers_disconnect_by_data (self->ua, self);
  }
  g_clear_pointer (&self->views, jssip_media_views_free);
  g_clear_object (&self->ua);
  g_clear_object (&self->media);
  g_clear_pointer (&self->settings, jssip_settings_free);
  gst_clear_object (&self->clock);
}

/* ------------------------------------------------------------- actions */

typedef struct
{
  JsSipCall *self;
  const gchar *target;
  const GstStructure *options;
  GError **error;
  gboolean ok;
  GstStructure *stats;
} Action;

static gboolean
run_action (JsSipCall * self, GSourceFunc func, const gchar * target,
    const GstStructure * options, GError ** error)
{
  Action action = { self, target, options, error, FALSE, NULL };

  jssip_ua_invoke_sync (self->ua, func, &action);
  return action.ok;
}

static gboolean
no_call (GError ** error)
{
  g_set_error_literal (error, JSSIP_CALL_ERROR, JSSIP_CALL_ERROR_NO_CALL,
      "there is no call");
  return FALSE;
}

static gboolean
connect_on_ua_thread (gpointer data)
{
  Action *a = data;

  a->ok = place_call (a->self, a->target, a->options, a->error);
  return G_SOURCE_REMOVE;
}

static gboolean
answer_on_ua_thread (gpointer data)
{
  Action *a = data;
  g_auto (GStrv) extra = dup_extra_headers (a->self, a->options);

  a->ok = a->self->invite ? jssip_invite_dialog_answer (a->self->invite,
      (const gchar * const *) extra, a->error) : no_call (a->error);
  return G_SOURCE_REMOVE;
}

static gboolean
terminate_on_ua_thread (gpointer data)
{
  Action *a = data;
  g_auto (GStrv) extra = NULL;
  guint status = 0;
  gint signed_status;
  const gchar *reason = NULL;

  if (!a->self->invite) {
    a->ok = no_call (a->error);
    return G_SOURCE_REMOVE;
  }
  if (a->options) {
    if (!gst_structure_get_uint (a->options, "status-code", &status)
        && gst_structure_get_int (a->options, "status-code", &signed_status))
      status = MAX (signed_status, 0);
    reason = gst_structure_get_string (a->options, "reason-phrase");
    extra = dup_extra_headers (a->self, a->options);
  }
  a->ok = jssip_invite_dialog_terminate (a->self->invite, status, reason,
      (const gchar * const *) extra, a->error);
  return G_SOURCE_REMOVE;
}

static gboolean
call_connect (JsSipCallControl * control, const gchar * target,
    const GstStructure * options, GError ** error)
{
  return run_action (JSSIP_CALL (control), connect_on_ua_thread, target,
      options, error);
}

static gboolean
call_answer (JsSipCallControl * control, const GstStructure * options,
    GError ** error)
{
  return run_action (JSSIP_CALL (control), answer_on_ua_thread, NULL,
      options, error);
}

static gboolean
call_terminate (JsSipCallControl * control, const GstStructure * options,
    GError ** error)
{
  return run_action (JSSIP_CALL (control), terminate_on_ua_thread, NULL,
      options, error);
}

static gboolean
get_stats_on_ua_thread (gpointer data)
{
  Action *a = data;

  if (a->self->invite)
    a->stats = jssip_media_get_stats (a->self->media);
  else
    no_call (a->error);
  return G_SOURCE_REMOVE;
}

static GstStructure *
call_get_stats (JsSipCallControl * control, GError ** error)
{
  JsSipCall *self = JSSIP_CALL (control);
  Action action = { self, NULL, NULL, error, FALSE, NULL };

  jssip_ua_invoke_sync (self->ua, get_stats_on_ua_thread, &action);
  return action.stats;
}

/* --------------------------------------------------------------- GObject */

static void
jssip_call_control_init (JsSipCallControlInterface * iface)
{
  iface->start = call_start;
  iface->stop = call_stop;
  iface->play = call_play;
  iface->connect = call_connect;
  iface->answer = call_answer;
  iface->terminate = call_terminate;
  iface->get_stats = call_get_stats;
}

static void
jssip_call_init (JsSipCall * self)
{
  g_mutex_init (&self->clock_lock);
}

static void
jssip_call_finalize (GObject * object)
{
  JsSipCall *self = JSSIP_CALL (object);

  call_stop (JSSIP_CALL_CONTROL (self));
  g_mutex_clear (&self->clock_lock);
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
