/* gst-jssip tests: session timers (RFC 4028).
 *
 * First the session timer on a fake clock: the headers it writes, the
 * refresher it settles on, when it asks for a refresh and when it ends
 * the call. Then calls through the project's Kamailio, a jssipsink
 * calling a sipp callee (tests/sipp/) that refreshes the JsSIP way or
 * asks for a longer interval with 422, and two pipelines calling each
 * other. The slow cases, where the real interval must run out (our
 * refresh after 45 s, our BYE after 60 s without refresh), run when
 * GST_JSSIP_SLOW_TESTS is set.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <gst/check/gstcheck.h>
#include <gst/sip/sipcauses.h>
#include <gst/sip/sipfakeclock.h>

#include "call-harness.h"
#include "jssipsessiontimer.h"
#include "kamailio-fixture.h"

/* ------------------------------------------------- on a fake clock */

typedef struct
{
  GstSipFakeClock *clock;
  JsSipSessionTimer *timer;
  guint refreshes;
  guint ends;
  gchar *cause;
  guint status_code;
  gchar *reason_phrase;
} Fixture;

static Fixture f;

static void
on_refresh (JsSipSessionTimer * timer, gpointer user_data)
{
  f.refreshes++;
}

static void
on_end (JsSipSessionTimer * timer, const gchar * cause, guint status_code,
    const gchar * reason_phrase, gpointer user_data)
{
  f.ends++;
  g_free (f.cause);
  g_free (f.reason_phrase);
  f.cause = g_strdup (cause);
  f.status_code = status_code;
  f.reason_phrase = g_strdup (reason_phrase);
}

static const JsSipSessionTimerCallbacks callbacks = { on_refresh, on_end };

static void
timer_setup (void)
{
  memset (&f, 0, sizeof (f));
  f.clock = gst_sip_fake_clock_new ();
  f.timer = jssip_session_timer_new (gst_sip_fake_clock_get_clock (f.clock),
      &callbacks, NULL);
}

static void
timer_teardown (void)
{
  jssip_session_timer_free (f.timer);
  fail_unless_equals_int (gst_sip_fake_clock_get_n_pending (f.clock), 0);
  gst_sip_fake_clock_free (f.clock);
  g_free (f.cause);
  g_free (f.reason_phrase);
}

/* Seconds of the fake clock. */
static void
advance (guint seconds)
{
  gst_sip_fake_clock_advance (f.clock, seconds * 1000);
}

static GstSipMessage *
parse (const gchar * text)
{
  GstSipMessage *msg = NULL;
  const gchar *reason = NULL;

  fail_unless_equals_int (gst_sip_message_parse (text, strlen (text), &msg,
          &reason), GST_SIP_PARSE_OK);
  return msg;
}

#define DIALOG_HEADERS \
  "Via: SIP/2.0/WS peer.invalid;branch=z9hG4bK1\r\n" \
  "From: <sip:bob@127.0.0.1>;tag=b\r\n" \
  "To: <sip:alice@127.0.0.1>;tag=a\r\n" \
  "Call-ID: c1\r\n"

/* A 2xx to our INVITE with these extra header lines. */
static GstSipMessage *
success (const gchar * headers)
{
  g_autofree gchar *text = g_strdup_printf ("SIP/2.0 200 OK\r\n"
      DIALOG_HEADERS "CSeq: 1 INVITE\r\n%sContent-Length: 0\r\n\r\n",
      headers);

  return parse (text);
}

/* A request of @method from the peer with these extra header lines. */
static GstSipMessage *
request (const gchar * method, const gchar * headers)
{
  g_autofree gchar *text = g_strdup_printf ("%s sip:alice@127.0.0.1 "
      "SIP/2.0\r\n" DIALOG_HEADERS "CSeq: 2 %s\r\n"
      "Contact: <sip:bob@127.0.0.1>\r\n%sContent-Length: 0\r\n\r\n",
      method, method, headers);

  return parse (text);
}

/* Our 2xx to @req: the headers the timer wrote, as "Name: value\n". */
static gchar *
answer (GstSipMessage * req)
{
  g_autoptr (GstSipMessage) response = gst_sip_message_new_response (200,
      "OK");
  GString *headers = g_string_new (NULL);

  jssip_session_timer_answer (f.timer, req, response);
  for (guint i = 0; i < response->n_headers; i++)
    g_string_append_printf (headers, "%s: %s\n", response->headers[i].name,
        response->headers[i].value);
  gst_sip_message_free (req);
  return g_string_free (headers, FALSE);
}

static void
take_success (const gchar * headers)
{
  g_autoptr (GstSipMessage) response = success (headers);

  jssip_session_timer_take_success (f.timer, response);
}

/* The session ends at @seconds, not a second earlier, as JsSIP's causes
 * say for an expired session timer. */
static void
check_ends_at (guint seconds)
{
  advance (seconds - 1);
  fail_unless_equals_int (f.ends, 0);
  advance (1);
  fail_unless_equals_int (f.ends, 1);
  fail_unless_equals_string (f.cause, GST_SIP_CAUSE_REQUEST_TIMEOUT);
  fail_unless_equals_int (f.status_code, 408);
  fail_unless_equals_string (f.reason_phrase, "Session Timer Expired");
  fail_unless_equals_int (jssip_session_timer_get_interval (f.timer), 0);
}

GST_START_TEST (test_invite_asks_for_90_seconds)
{
  g_autoptr (GstSipMessage) invite =
      gst_sip_message_new_request (GST_SIP_METHOD_INVITE, "sip:bob@x");

  jssip_session_timer_add_request_headers (f.timer, invite);
  fail_unless_equals_string (gst_sip_message_get_header (invite,
          GST_SIP_HEADER_SESSION_EXPIRES), "90");
  fail_unless (gst_sip_message_get_header (invite,
          GST_SIP_HEADER_MIN_SE) == NULL);
  /* Nothing runs before the answer. */
  fail_unless_equals_int (jssip_session_timer_get_interval (f.timer), 0);
  fail_unless_equals_int (gst_sip_fake_clock_get_n_pending (f.clock), 0);
}

GST_END_TEST;

GST_START_TEST (test_422_raises_the_interval_once)
{
  g_autoptr (GstSipMessage) too_small = parse ("SIP/2.0 422 Session Interval "
      "Too Small\r\n" DIALOG_HEADERS "CSeq: 1 INVITE\r\nMin-SE: 120\r\n"
      "Content-Length: 0\r\n\r\n");
  g_autoptr (GstSipMessage) invite =
      gst_sip_message_new_request (GST_SIP_METHOD_INVITE, "sip:bob@x");

  fail_unless (jssip_session_timer_take_422 (f.timer, too_small));
  jssip_session_timer_add_request_headers (f.timer, invite);
  fail_unless_equals_string (gst_sip_message_get_header (invite,
          GST_SIP_HEADER_SESSION_EXPIRES), "120");
  fail_unless_equals_string (gst_sip_message_get_header (invite,
          GST_SIP_HEADER_MIN_SE), "120");
  /* RFC 4028 §7.1 asks for one retry, not a loop. */
  fail_if (jssip_session_timer_take_422 (f.timer, too_small));
}

GST_END_TEST;

GST_START_TEST (test_422_without_a_larger_min_se_is_final)
{
  g_autoptr (GstSipMessage) no_min_se = parse ("SIP/2.0 422 Session "
      "Interval Too Small\r\n" DIALOG_HEADERS "CSeq: 1 INVITE\r\n"
      "Content-Length: 0\r\n\r\n");
  g_autoptr (GstSipMessage) same = parse ("SIP/2.0 422 Session Interval "
      "Too Small\r\n" DIALOG_HEADERS "CSeq: 1 INVITE\r\nMin-SE: 90\r\n"
      "Content-Length: 0\r\n\r\n");

  fail_if (jssip_session_timer_take_422 (f.timer, no_min_se));
  fail_if (jssip_session_timer_take_422 (f.timer, same));
}

GST_END_TEST;

GST_START_TEST (test_uac_refresher_refreshes_at_half_the_interval)
{
  take_success ("Session-Expires: 90;refresher=uac\r\nRequire: timer\r\n");
  fail_unless (jssip_session_timer_is_refresher (f.timer));
  fail_unless_equals_int (jssip_session_timer_get_interval (f.timer), 90);
  advance (44);
  fail_unless_equals_int (f.refreshes, 0);
  advance (1);
  fail_unless_equals_int (f.refreshes, 1);
  /* The refresh's 2xx starts the next interval. */
  advance (30);
  take_success ("Session-Expires: 90;refresher=uac\r\n");
  advance (44);
  fail_unless_equals_int (f.refreshes, 1);
  advance (1);
  fail_unless_equals_int (f.refreshes, 2);
  fail_unless_equals_int (f.ends, 0);
}

GST_END_TEST;

GST_START_TEST (test_uac_without_peer_timer_refreshes_itself)
{
  /* RFC 4028 §7.2 lets the UAC keep a timer for its own sake; JsSIP
   * does. */
  take_success ("");
  fail_unless (jssip_session_timer_is_refresher (f.timer));
  fail_unless_equals_int (jssip_session_timer_get_interval (f.timer), 90);
  advance (45);
  fail_unless_equals_int (f.refreshes, 1);
}

GST_END_TEST;

GST_START_TEST (test_non_refresher_ends_before_expiry)
{
  /* RFC 4028 §10: BYE at N - min(32, N/3): 60 s of 90. */
  take_success ("Session-Expires: 90;refresher=uas\r\n");
  fail_if (jssip_session_timer_is_refresher (f.timer));
  check_ends_at (60);
  fail_unless_equals_int (f.refreshes, 0);
}

GST_END_TEST;

GST_START_TEST (test_non_refresher_margin_is_32_seconds_at_most)
{
  take_success ("Session-Expires: 120;refresher=uas\r\n");
  check_ends_at (88);
}

GST_END_TEST;

GST_START_TEST (test_peer_refresh_keeps_the_session)
{
  g_autofree gchar *headers = NULL;

  /* As the callee of a JsSIP caller (no refresher named): it refreshes. */
  headers = answer (request ("INVITE", "Supported: timer\r\n"
          "Session-Expires: 90\r\n"));
  fail_unless_equals_string (headers,
      "Session-Expires: 90;refresher=uac\nRequire: timer\n");
  fail_if (jssip_session_timer_is_refresher (f.timer));
  /* JsSIP's UPDATE every 45 s: the call outlives many intervals. */
  for (guint i = 0; i < 5; i++) {
    advance (45);
    g_free (headers);
    headers = answer (request ("UPDATE", "Supported: timer\r\n"
            "Session-Expires: 90;refresher=uac\r\n"));
    fail_unless_equals_string (headers,
        "Session-Expires: 90;refresher=uac\nRequire: timer\n");
  }
  fail_unless_equals_int (f.ends, 0);
  check_ends_at (60);
}

GST_END_TEST;

GST_START_TEST (test_uas_keeps_the_requested_refresher)
{
  g_autofree gchar *headers = answer (request ("INVITE",
          "Supported: timer\r\nSession-Expires: 150;refresher=uas\r\n"));

  fail_unless_equals_string (headers, "Session-Expires: 150;refresher=uas\n");
  fail_unless (jssip_session_timer_is_refresher (f.timer));
  advance (75);
  fail_unless_equals_int (f.refreshes, 1);
}

GST_END_TEST;

GST_START_TEST (test_uas_refreshes_for_a_peer_without_timer)
{
  /* No Supported: timer, no Session-Expires: we keep one for ourselves. */
  g_autofree gchar *headers = answer (request ("INVITE", ""));

  fail_unless_equals_string (headers, "Session-Expires: 90;refresher=uas\n");
  fail_unless (jssip_session_timer_is_refresher (f.timer));
}

GST_END_TEST;

GST_START_TEST (test_uas_refuses_too_small_an_interval)
{
  g_autoptr (GstSipMessage) small = request ("INVITE", "Supported: timer\r\n"
      "Session-Expires: 60\r\n");
  g_autoptr (GstSipMessage) proxy_asked = request ("INVITE",
      "Session-Expires: 60\r\n");
  g_autoptr (GstSipMessage) fine = request ("INVITE", "Supported: timer\r\n"
      "Session-Expires: 90\r\n");
  g_autofree gchar *min_se = NULL;
  g_autofree gchar *headers = NULL;

  fail_unless_equals_int (jssip_session_timer_check_request (small,
          &min_se), 422);
  fail_unless_equals_string (min_se, "90");
  fail_unless_equals_int (jssip_session_timer_check_request (fine, NULL), 0);
  /* A UAC without "timer" would not understand a 422 (§9): the answer
   * raises the interval instead, and we refresh. */
  fail_unless_equals_int (jssip_session_timer_check_request (proxy_asked,
          NULL), 0);
  headers = answer (gst_sip_message_copy (proxy_asked));
  fail_unless_equals_string (headers, "Session-Expires: 90;refresher=uas\n");
}

GST_END_TEST;

GST_START_TEST (test_stop_disarms)
{
  take_success ("Session-Expires: 90;refresher=uas\r\n");
  jssip_session_timer_stop (f.timer);
  advance (200);
  fail_unless_equals_int (f.ends, 0);
  fail_unless_equals_int (f.refreshes, 0);
}

GST_END_TEST;

static Suite *
session_timers_suite (void)
{
  Suite *s = suite_create ("session-timers");
  TCase *tc = tcase_create ("timer");

  tcase_add_checked_fixture (tc, timer_setup, timer_teardown);
  tcase_add_test (tc, test_invite_asks_for_90_seconds);
  tcase_add_test (tc, test_422_raises_the_interval_once);
  tcase_add_test (tc, test_422_without_a_larger_min_se_is_final);
  tcase_add_test (tc, test_uac_refresher_refreshes_at_half_the_interval);
  tcase_add_test (tc, test_uac_without_peer_timer_refreshes_itself);
  tcase_add_test (tc, test_non_refresher_ends_before_expiry);
  tcase_add_test (tc, test_non_refresher_margin_is_32_seconds_at_most);
  tcase_add_test (tc, test_peer_refresh_keeps_the_session);
  tcase_add_test (tc, test_uas_keeps_the_requested_refresher);
  tcase_add_test (tc, test_uas_refreshes_for_a_peer_without_timer);
  tcase_add_test (tc, test_uas_refuses_too_small_an_interval);
  tcase_add_test (tc, test_stop_disarms);
  suite_add_tcase (s, tc);
  return s;
}

GST_CHECK_MAIN (session_timers);
