/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "jssipactions.h"

GST_DEBUG_CATEGORY_STATIC (jssip_actions_debug);
#define GST_CAT_DEFAULT jssip_actions_debug

/* How an element finds its session, given once at install. */
static JsSipActionsDupSession dup_session;

/* Posts the reason an action was refused as a warning message. A refused
 * action is the application's business, never an error of the pipeline. */
static void
post_refusal (GstElement * bin, const gchar * action, const GError * error)
{
  GQuark domain = GST_RESOURCE_ERROR;
  gint code = GST_RESOURCE_ERROR_FAILED;

  if (g_error_matches (error, JSSIP_CALL_ERROR,
          JSSIP_CALL_ERROR_INVALID_ARGUMENT))
    code = GST_RESOURCE_ERROR_SETTINGS;
  else if (g_error_matches (error, JSSIP_CALL_ERROR,
          JSSIP_CALL_ERROR_NOT_SUPPORTED)) {
    domain = GST_CORE_ERROR;
    code = GST_CORE_ERROR_NOT_IMPLEMENTED;
  }

  GST_INFO_OBJECT (bin, "%s refused: %s", action, error->message);
  gst_element_message_full (bin, GST_MESSAGE_WARNING, domain,
      code, g_strdup_printf ("Cannot %s: %s", action, error->message), NULL,
      __FILE__, GST_FUNCTION, __LINE__);
}

/* The call control of the element's session, or NULL after posting why
 * there is none. */
static JsSipCallControl *
dup_control (GstElement * bin, const gchar * action)
{
  JsSipSession *session = dup_session (bin);
  GError *error = NULL;
  JsSipCallControl *control = jssip_session_get_call_control (session,
      &error);

  gst_object_unref (session);
  if (!control) {
    post_refusal (bin, action, error);
    g_error_free (error);
  }
  return control;
}

/* Ends every handler: reports a refusal, drops the control. */
static gboolean
done (GstElement * bin, const gchar * action, JsSipCallControl * control,
    gboolean ok, GError * error)
{
  if (!ok) {
    post_refusal (bin, action, error);
    g_error_free (error);
  }
  g_object_unref (control);
  return ok;
}

/* JsSIP's connect(target) needs a target: the argument, else the `target`
 * property, in any of the forms the property takes. */
static gchar *
resolve_target (GstElement * bin, const gchar * target, GError ** error)
{
  JsSipSession *session = dup_session (bin);
  JsSipSettings *settings = jssip_session_dup_settings (session);
  gchar *resolved = g_strdup (target ? target : settings->target);
  GError *parse_error = NULL;
  GstSipUri *uri;

  gst_object_unref (session);
  if (!resolved) {
    g_set_error_literal (error, JSSIP_CALL_ERROR,
        JSSIP_CALL_ERROR_INVALID_ARGUMENT,
        "no target given and the 'target' property is not set");
  } else if (!(uri = jssip_settings_parse_target (resolved, settings->uri,
              &parse_error))) {
    g_set_error (error, JSSIP_CALL_ERROR, JSSIP_CALL_ERROR_INVALID_ARGUMENT,
        "invalid target: %s", parse_error->message);
    g_clear_error (&parse_error);
    g_clear_pointer (&resolved, g_free);
  } else
    gst_sip_uri_free (uri);
  jssip_settings_free (settings);
  return resolved;
}

static gboolean
on_connect (GstElement * bin, const gchar * target, GstStructure * options)
{
  GError *error = NULL;
  gchar *resolved = resolve_target (bin, target, &error);
  JsSipCallControl *control;
  gboolean ok;

  if (!resolved) {
    post_refusal (bin, "connect", error);
    g_error_free (error);
    return FALSE;
  }
  if (!(control = dup_control (bin, "connect"))) {
    g_free (resolved);
    return FALSE;
  }
  ok = jssip_call_control_connect (control, resolved, options, &error);
  g_free (resolved);
  return done (bin, "connect", control, ok, error);
}

static gboolean
on_answer (GstElement * bin, GstStructure * options)
{
  JsSipCallControl *control = dup_control (bin, "answer");
  GError *error = NULL;
  gboolean ok;

  if (!control)
    return FALSE;
  ok = jssip_call_control_answer (control, options, &error);
  return done (bin, "answer", control, ok, error);
}

static gboolean
on_terminate (GstElement * bin, GstStructure * options)
{
  JsSipCallControl *control = dup_control (bin, "terminate");
  GError *error = NULL;
  gboolean ok;

  if (!control)
    return FALSE;
  ok = jssip_call_control_terminate (control, options, &error);
  return done (bin, "terminate", control, ok, error);
}

static gboolean
on_hold (GstElement * bin)
{
  JsSipCallControl *control = dup_control (bin, "hold");
  GError *error = NULL;
  gboolean ok;

  if (!control)
    return FALSE;
  ok = jssip_call_control_hold (control, &error);
  return done (bin, "hold", control, ok, error);
}

static gboolean
on_unhold (GstElement * bin)
{
  JsSipCallControl *control = dup_control (bin, "unhold");
  GError *error = NULL;
  gboolean ok;

  if (!control)
    return FALSE;
  ok = jssip_call_control_unhold (control, &error);
  return done (bin, "unhold", control, ok, error);
}

/* JsSIP's mute() without options mutes audio and video: so does 0. */
static JsSipMediaFlags
media_or_all (JsSipMediaFlags media)
{
  return media ? media : JSSIP_MEDIA_ALL;
}

static gboolean
on_mute (GstElement * bin, JsSipMediaFlags media)
{
  JsSipCallControl *control = dup_control (bin, "mute");
  GError *error = NULL;
  gboolean ok;

  if (!control)
    return FALSE;
  ok = jssip_call_control_mute (control, media_or_all (media), &error);
  return done (bin, "mute", control, ok, error);
}

static gboolean
on_unmute (GstElement * bin, JsSipMediaFlags media)
{
  JsSipCallControl *control = dup_control (bin, "unmute");
  GError *error = NULL;
  gboolean ok;

  if (!control)
    return FALSE;
  ok = jssip_call_control_unmute (control, media_or_all (media), &error);
  return done (bin, "unmute", control, ok, error);
}

static gboolean
on_send_dtmf (GstElement * bin, const gchar * tones, GstStructure * options)
{
  JsSipCallControl *control = dup_control (bin, "send-dtmf");
  GError *error = NULL;
  gboolean ok;

  if (!control)
    return FALSE;
  ok = jssip_call_control_send_dtmf (control, tones, options, &error);
  return done (bin, "send-dtmf", control, ok, error);
}

static gboolean
on_send_info (GstElement * bin, const gchar * content_type, const gchar * body)
{
  JsSipCallControl *control = dup_control (bin, "send-info");
  GError *error = NULL;
  gboolean ok;

  if (!control)
    return FALSE;
  ok = jssip_call_control_send_info (control, content_type, body, &error);
  return done (bin, "send-info", control, ok, error);
}

static gboolean
on_refer (GstElement * bin, const gchar * target)
{
  JsSipCallControl *control = dup_control (bin, "refer");
  GError *error = NULL;
  gboolean ok;

  if (!control)
    return FALSE;
  ok = jssip_call_control_refer (control, target, &error);
  return done (bin, "refer", control, ok, error);
}

static gboolean
on_renegotiate (GstElement * bin)
{
  JsSipCallControl *control = dup_control (bin, "renegotiate");
  GError *error = NULL;
  gboolean ok;

  if (!control)
    return FALSE;
  ok = jssip_call_control_renegotiate (control, &error);
  return done (bin, "renegotiate", control, ok, error);
}

static GstStructure *
on_get_stats (GstElement * bin)
{
  JsSipCallControl *control = dup_control (bin, "get-stats");
  GError *error = NULL;
  GstStructure *stats;

  if (!control)
    return NULL;
  stats = jssip_call_control_get_stats (control, &error);
  done (bin, "get-stats", control, stats != NULL, error);
  return stats;
}

#define ACTION_FLAGS (G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION)

static void
install (GObjectClass * klass, const gchar * name, GCallback handler,
    GType return_type, guint n_params, ...)
{
  va_list params;

  va_start (params, n_params);
  g_signal_new_valist (name, G_TYPE_FROM_CLASS (klass), ACTION_FLAGS,
      g_cclosure_new (handler, NULL, NULL), NULL, NULL, NULL, return_type,
      n_params, params);
  va_end (params);
}

void
jssip_actions_install (GObjectClass * klass,
    JsSipActionsDupSession dup_session_func)
{
  dup_session = dup_session_func;
  /**
   * GstJsSipBin::connect:
   * @target: whom to call (user name, user@host, sip:, sips: or tel: URI),
   *   or NULL for the `target` property
   * @options: (nullable): fields audio, video (booleans), extra-headers
   *   (GstValueArray of strings), anonymous (boolean)
   *
   * Places a call (JsSIP connect(), ua.call()).
   */
  install (klass, "connect", G_CALLBACK (on_connect), G_TYPE_BOOLEAN, 2,
      G_TYPE_STRING, GST_TYPE_STRUCTURE);
  /**
   * GstJsSipBin::answer:
   * @options: (nullable): field extra-headers
   *
   * Answers the incoming call (JsSIP answer()).
   */
  install (klass, "answer", G_CALLBACK (on_answer), G_TYPE_BOOLEAN, 1,
      GST_TYPE_STRUCTURE);
  /**
   * GstJsSipBin::terminate:
   * @options: (nullable): fields status-code, reason-phrase, extra-headers
   *
   * Ends the call: BYE, CANCEL before the answer, or a rejection of an
   * incoming call (JsSIP terminate()).
   */
  install (klass, "terminate", G_CALLBACK (on_terminate), G_TYPE_BOOLEAN, 1,
      GST_TYPE_STRUCTURE);
  install (klass, "hold", G_CALLBACK (on_hold), G_TYPE_BOOLEAN, 0);
  install (klass, "unhold", G_CALLBACK (on_unhold), G_TYPE_BOOLEAN, 0);
  /**
   * GstJsSipBin::mute:
   * @media: the media to mute; 0 mutes both
   */
  install (klass, "mute", G_CALLBACK (on_mute), G_TYPE_BOOLEAN, 1,
      JSSIP_TYPE_MEDIA_FLAGS);
  install (klass, "unmute", G_CALLBACK (on_unmute), G_TYPE_BOOLEAN, 1,
      JSSIP_TYPE_MEDIA_FLAGS);
  /**
   * GstJsSipBin::send-dtmf:
   * @tones: DTMF tones, 0-9 A-D * # and ',' for a pause
   * @options: (nullable): JsSIP's sendDTMF() options: duration and
   *   inter-tone-gap (ms), transport-type ("info" or "rfc4733")
   */
  install (klass, "send-dtmf", G_CALLBACK (on_send_dtmf), G_TYPE_BOOLEAN, 2,
      G_TYPE_STRING, GST_TYPE_STRUCTURE);
  install (klass, "send-info", G_CALLBACK (on_send_info), G_TYPE_BOOLEAN, 2,
      G_TYPE_STRING, G_TYPE_STRING);
  install (klass, "refer", G_CALLBACK (on_refer), G_TYPE_BOOLEAN, 1,
      G_TYPE_STRING);
  install (klass, "renegotiate", G_CALLBACK (on_renegotiate), G_TYPE_BOOLEAN,
      0);
  /**
   * GstJsSipBin::get-stats:
   *
   * Returns: (transfer full) (nullable): the call's statistics, as
   *   webrtcbin's get-stats gives them
   */
  install (klass, "get-stats", G_CALLBACK (on_get_stats), GST_TYPE_STRUCTURE,
      0);

  GST_DEBUG_CATEGORY_INIT (jssip_actions_debug, "jssipactions", 0,
      "Action signals of jssipsrc and jssipsink");
}
