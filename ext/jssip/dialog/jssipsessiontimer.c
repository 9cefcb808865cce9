/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <gst/sip/sipcauses.h>

#include "jssipsessiontimer.h"

GST_DEBUG_CATEGORY_STATIC (jssip_session_timer_debug);
#define GST_CAT_DEFAULT jssip_session_timer_debug

/* JsSIP's least interval (JsSIP 3.x): a 2xx naming less
 * than our Min-SE breaks RFC 4028 §7.2, but the peer may expire the
 * session on it, so it is kept unless it would make refreshes a storm. */
#define LEAST_INTERVAL 60
/* RFC 4028 §10: the side that does not refresh ends the session this
 * long before it expires, at most. */
#define EXPIRY_MARGIN 32

#define SDP_CONTENT_TYPE "application/sdp"

typedef enum
{
  REFRESHER_UNSPECIFIED,
  REFRESHER_UAC,
  REFRESHER_UAS,
} RefresherParam;

struct _JsSipSessionTimer
{
  const GstSipClock *clock;
  JsSipSessionTimerCallbacks callbacks;
  gpointer user_data;

  guint interval;               /* seconds; 0 while no session timer runs */
  gboolean refresher;           /* we refresh */
  guint min_se;                 /* the least we ask for; a 422 raises it */
  gboolean retried_422;         /* our INVITE was sent again once */
  gboolean peer_allows_update;
  guint refresh_timer;
  guint expiry_timer;

  /* The refresh in flight */
  JsSipUaRequest *refresh;
  JsSipUa *ua;
  GstSipDialog *dialog;
  gchar *sdp;
};

/* -------------------------------------------------------------- parsing */

static gboolean
parse_delta_seconds (const gchar * text, guint * seconds)
{
  g_autofree gchar *trimmed = g_strstrip (g_strdup (text));
  guint64 value;

  if (!g_ascii_string_to_unsigned (trimmed, 10, 1, G_MAXUINT32, &value, NULL))
    return FALSE;
  *seconds = value;
  return TRUE;
}

static RefresherParam
refresher_of (gchar ** params)
{
  for (guint i = 0; params[i]; i++) {
    g_auto (GStrv) pair = g_strsplit (params[i], "=", 2);

    if (!pair[1] || g_ascii_strcasecmp (g_strstrip (pair[0]), "refresher") != 0)
      continue;
    g_strstrip (pair[1]);
    if (g_ascii_strcasecmp (pair[1], "uac") == 0)
      return REFRESHER_UAC;
    if (g_ascii_strcasecmp (pair[1], "uas") == 0)
      return REFRESHER_UAS;
  }
  return REFRESHER_UNSPECIFIED;
}

/* Session-Expires = delta-seconds *(SEMI se-params), se-params being
 * refresher=uac|uas or generic parameters (RFC 4028 §4). FALSE when the
 * message has none or it does not parse. */
static gboolean
get_session_expires (const GstSipMessage * msg, guint * interval,
    RefresherParam * refresher)
{
  const gchar *value = gst_sip_message_get_header (msg,
      GST_SIP_HEADER_SESSION_EXPIRES);
  g_auto (GStrv) parts = NULL;

  if (!value)
    return FALSE;
  parts = g_strsplit (value, ";", -1);
  if (!parse_delta_seconds (parts[0], interval))
    return FALSE;
  *refresher = refresher_of (parts + 1);
  return TRUE;
}

/* Min-SE = delta-seconds *(SEMI generic-param) (§5); 0 when absent. */
static guint
get_min_se (const GstSipMessage * msg)
{
  const gchar *value = gst_sip_message_get_header (msg, GST_SIP_HEADER_MIN_SE);
  g_auto (GStrv) parts = NULL;
  guint seconds;

  if (!value)
    return 0;
  parts = g_strsplit (value, ";", 2);
  return parse_delta_seconds (parts[0], &seconds) ? seconds : 0;
}

/* Whether a list header (Supported, Allow) names @item; entries may hold
 * several comma-separated items when the message was built, not parsed. */
static gboolean
lists (const GstSipMessage * msg, GstSipHeaderId id, const gchar * item)
{
  const gchar *value;

  for (guint i = 0; (value = gst_sip_message_get_header_nth (msg, id, i)); i++) {
    g_auto (GStrv) items = g_strsplit (value, ",", -1);

    for (guint j = 0; items[j]; j++)
      if (g_ascii_strcasecmp (g_strstrip (items[j]), item) == 0)
        return TRUE;
  }
  return FALSE;
}

/* The peer's Allow, when the message has one, tells how to refresh. */
static void
note_allow (JsSipSessionTimer * self, const GstSipMessage * msg)
{
  if (gst_sip_message_get_header (msg, GST_SIP_HEADER_ALLOW))
    self->peer_allows_update = lists (msg, GST_SIP_HEADER_ALLOW, "UPDATE");
}

/* --------------------------------------------------------------- timers */

static void
disarm (JsSipSessionTimer * self)
{
  gst_sip_clock_clear_timeout (self->clock, &self->refresh_timer);
  gst_sip_clock_clear_timeout (self->clock, &self->expiry_timer);
}

static void
end_session (JsSipSessionTimer * self, const gchar * cause,
    guint status_code, const gchar * reason_phrase)
{
  jssip_session_timer_stop (self);
  self->callbacks.end (self, cause, status_code, reason_phrase,
      self->user_data);
}

static void
on_refresh_due (gpointer user_data)
{
  JsSipSessionTimer *self = user_data;

  self->refresh_timer = 0;
  GST_DEBUG ("refreshing the session (%u s)", self->interval);
  self->callbacks.refresh (self, self->user_data);
}

/* RFC 4028 §10 asks for the BYE; JsSIP's cause and Reason (§4.3). */
static void
on_expired (gpointer user_data)
{
  JsSipSessionTimer *self = user_data;

  self->expiry_timer = 0;
  GST_INFO ("no refresh within the %u s session interval", self->interval);
  end_session (self, GST_SIP_CAUSE_REQUEST_TIMEOUT, 408,
      "Session Timer Expired");
}

/* A session refresh succeeded: the new interval runs from now (§10). */
static void
arm (JsSipSessionTimer * self, guint interval, gboolean refresher)
{
  disarm (self);
  self->interval = interval;
  self->refresher = refresher;
  GST_DEBUG ("session interval %u s, refreshed by %s", interval,
      refresher ? "us" : "the peer");
  if (refresher)
    self->refresh_timer = gst_sip_clock_add_timeout (self->clock,
        interval * 1000 / 2, on_refresh_due, self);
  else
    self->expiry_timer = gst_sip_clock_add_timeout (self->clock,
        (interval - MIN (EXPIRY_MARGIN, interval / 3)) * 1000, on_expired,
        self);
}

/* ------------------------------------------------------------ lifecycle */

JsSipSessionTimer *
jssip_session_timer_new (const GstSipClock * clock,
    const JsSipSessionTimerCallbacks * callbacks, gpointer user_data)
{
  static gsize debug_initialized;
  JsSipSessionTimer *self = g_new0 (JsSipSessionTimer, 1);

  if (g_once_init_enter (&debug_initialized)) {
    GST_DEBUG_CATEGORY_INIT (jssip_session_timer_debug, "jssipsessiontimer",
        0, "session timers (RFC 4028)");
    g_once_init_leave (&debug_initialized, 1);
  }
  self->clock = clock;
  self->callbacks = *callbacks;
  self->user_data = user_data;
  self->min_se = JSSIP_SESSION_TIMER_MIN_SE;
  /* JsSIP refreshes with UPDATE until the peer's Allow says otherwise. */
  self->peer_allows_update = TRUE;
  return self;
}

static void
forget_refresh (JsSipSessionTimer * self)
{
  if (self->refresh)
    jssip_ua_request_abandon (self->refresh);
  self->refresh = NULL;
  g_clear_object (&self->ua);
  self->dialog = NULL;
  g_clear_pointer (&self->sdp, g_free);
}

void
jssip_session_timer_stop (JsSipSessionTimer * self)
{
  disarm (self);
  forget_refresh (self);
  self->interval = 0;
}

void
jssip_session_timer_free (JsSipSessionTimer * self)
{
  jssip_session_timer_stop (self);
  g_free (self);
}

/* ---------------------------------------------------------- UAC side */

/* What we ask for: JsSIP's 90 s, or more once a 422 asked for more. */
static guint
requested_interval (JsSipSessionTimer * self)
{
  return MAX (JSSIP_SESSION_TIMER_INTERVAL, self->min_se);
}

static void
add_min_se (JsSipSessionTimer * self, GstSipMessage * request)
{
  /* §7.1: once a 422 told us the peer's minimum, every request says it. */
  if (self->min_se > JSSIP_SESSION_TIMER_MIN_SE)
    gst_sip_message_add_header_printf (request, GST_SIP_HEADER_MIN_SE, "%u",
        self->min_se);
}

void
jssip_session_timer_add_request_headers (JsSipSessionTimer * self,
    GstSipMessage * request)
{
  /* JsSIP names no refresher: the UAS chooses (§7.1). */
  gst_sip_message_add_header_printf (request,
      GST_SIP_HEADER_SESSION_EXPIRES, "%u", requested_interval (self));
  add_min_se (self, request);
}

/* §6, §7.1: a 422 names the least interval the peer (or a proxy) takes;
 * a request asking at least that may succeed. */
static gboolean
raise_to_min_se (JsSipSessionTimer * self, const GstSipMessage * response)
{
  guint min_se = get_min_se (response);

  if (min_se <= MAX (self->interval, requested_interval (self)))
    return FALSE;
  GST_INFO ("the peer wants a session interval of %u s at least", min_se);
  self->min_se = min_se;
  return TRUE;
}

gboolean
jssip_session_timer_take_422 (JsSipSessionTimer * self,
    const GstSipMessage * response)
{
  if (self->retried_422 || !raise_to_min_se (self, response))
    return FALSE;
  self->retried_422 = TRUE;
  return TRUE;
}

void
jssip_session_timer_take_success (JsSipSessionTimer * self,
    const GstSipMessage * response)
{
  RefresherParam refresher;
  guint interval;

  note_allow (self, response);
  if (!get_session_expires (response, &interval, &refresher)) {
    /* §7.2: the UAS runs no timer; one for our own sake is ours to
     * refresh, as JsSIP does. */
    arm (self, requested_interval (self), TRUE);
    return;
  }
  /* We are the UAC of this transaction: "uac", or no word, means us. */
  arm (self, MAX (interval, LEAST_INTERVAL), refresher != REFRESHER_UAS);
}

static void send_refresh (JsSipSessionTimer * self);

static void
ack_refresh (JsSipSessionTimer * self, const GstSipMessage * response)
{
  GstSipMessage *ack = gst_sip_dialog_new_ack (self->dialog, response->cseq);

  jssip_ua_add_common_headers (self->ua, ack);
  jssip_ua_send_ack (self->ua, ack);
}

static void
refresh_response (JsSipUaRequest * request, const GstSipMessage * response,
    gboolean final, gpointer user_data)
{
  JsSipSessionTimer *self = user_data;
  guint status = response->status_code;

  if (!final)
    return;
  self->refresh = NULL;
  if (status >= 200 && status < 300) {
    gst_sip_dialog_receive_response (self->dialog, response);
    if (response->cseq_method == GST_SIP_METHOD_INVITE)
      ack_refresh (self, response);
    forget_refresh (self);
    jssip_session_timer_take_success (self, response);
    return;
  }
  GST_INFO ("our session refresh got %u", status);
  if (status == 422 && raise_to_min_se (self, response))
    send_refresh (self);
  else if ((status == 405 || status == 501) && self->peer_allows_update) {
    /* The peer does not take UPDATE after all: re-INVITE. */
    self->peer_allows_update = FALSE;
    send_refresh (self);
  } else if (status == 408 || status == 481)
    /* §10; JsSIP: an in-dialog request answered so ends the dialog. */
    end_session (self, GST_SIP_CAUSE_DIALOG_ERROR, 0, NULL);
  else
    /* JsSIP too drops a failed refresh: the session runs out. */
    forget_refresh (self);
}

/* No final response: JsSIP ends an established call whose request timed
 * out with "Request Timeout" and a BYE saying so (§4.3). */
static void
refresh_failed (JsSipUaRequest * request, const gchar * cause,
    gpointer user_data)
{
  JsSipSessionTimer *self = user_data;
  gboolean timeout = g_strcmp0 (cause, GST_SIP_CAUSE_REQUEST_TIMEOUT) == 0;

  self->refresh = NULL;
  GST_INFO ("our session refresh failed: %s", cause);
  end_session (self, cause, timeout ? 408 : 0,
      timeout ? "Request Timeout" : NULL);
}

static const JsSipUaRequestCallbacks refresh_callbacks = {
  refresh_response,
  refresh_failed,
};

/* §7.4: the refresh says the interval and that we keep refreshing. */
static void
send_refresh (JsSipSessionTimer * self)
{
  gboolean update = self->peer_allows_update || !self->sdp;
  GstSipMessage *request = gst_sip_dialog_new_request (self->dialog,
      update ? GST_SIP_METHOD_UPDATE : GST_SIP_METHOD_INVITE);

  jssip_ua_add_common_headers (self->ua, request);
  gst_sip_message_add_header (request, GST_SIP_HEADER_SUPPORTED, "timer");
  gst_sip_message_add_header_printf (request,
      GST_SIP_HEADER_SESSION_EXPIRES, "%u;refresher=uac",
      MAX (self->interval, self->min_se));
  add_min_se (self, request);
  if (!update)
    gst_sip_message_set_body (request, SDP_CONTENT_TYPE, self->sdp,
        strlen (self->sdp));
  self->refresh = jssip_ua_send_request (self->ua, request,
      &refresh_callbacks, self);
  if (!self->refresh)
    end_session (self, GST_SIP_CAUSE_CONNECTION_ERROR, 0, NULL);
}

void
jssip_session_timer_send_refresh (JsSipSessionTimer * self, JsSipUa * ua,
    GstSipDialog * dialog, const gchar * sdp)
{
  if (self->refresh)
    return;
  forget_refresh (self);
  self->ua = g_object_ref (ua);
  self->dialog = dialog;
  self->sdp = g_strdup (sdp);
  send_refresh (self);
}

/* ---------------------------------------------------------- UAS side */

guint
jssip_session_timer_check_request (const GstSipMessage * request,
    gchar ** min_se_line)
{
  RefresherParam refresher;
  guint interval;

  /* §9: too small an interval is refused, if the UAC understands why;
   * otherwise (a proxy asked for it) the answer raises it. */
  if (!get_session_expires (request, &interval, &refresher)
      || interval >= JSSIP_SESSION_TIMER_MIN_SE
      || !lists (request, GST_SIP_HEADER_SUPPORTED, "timer"))
    return 0;
  if (min_se_line)
    *min_se_line = g_strdup_printf ("Min-SE: %u", JSSIP_SESSION_TIMER_MIN_SE);
  return 422;
}

void
jssip_session_timer_answer (JsSipSessionTimer * self,
    const GstSipMessage * request, GstSipMessage * response)
{
  gboolean uac_supports = lists (request, GST_SIP_HEADER_SUPPORTED, "timer");
  RefresherParam refresher;
  guint interval;

  note_allow (self, request);
  if (get_session_expires (request, &interval, &refresher)) {
    interval = MAX (interval, JSSIP_SESSION_TIMER_MIN_SE);
    /* §9: the request's choice stands; without one the UAC refreshes if
     * it can, as JsSIP does as a UAC; a UAC without "timer" cannot. */
    if (refresher == REFRESHER_UNSPECIFIED)
      refresher = uac_supports ? REFRESHER_UAC : REFRESHER_UAS;
  } else {
    /* §9: the UAS may keep a timer the UAC did not ask for, refreshing it
     * itself (JsSIP does). */
    interval = MAX (JSSIP_SESSION_TIMER_INTERVAL, get_min_se (request));
    refresher = REFRESHER_UAS;
  }

  gst_sip_message_add_header_printf (response,
      GST_SIP_HEADER_SESSION_EXPIRES, "%u;refresher=%s", interval,
      refresher == REFRESHER_UAC ? "uac" : "uas");
  /* §9: the UAC must understand that it is the refresher. */
  if (refresher == REFRESHER_UAC)
    gst_sip_message_add_header (response, GST_SIP_HEADER_REQUIRE, "timer");
  arm (self, interval, refresher == REFRESHER_UAS);
}

/* ------------------------------------------------------------- state */

guint
jssip_session_timer_get_interval (JsSipSessionTimer * self)
{
  return self->interval;
}

gboolean
jssip_session_timer_is_refresher (JsSipSessionTimer * self)
{
  return self->interval != 0 && self->refresher;
}
