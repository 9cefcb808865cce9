/* gst-jssip tests: calls, end to end.
 *
 * Two pipelines of this process call each other through the project's
 * real Kamailio, each with a jssipsink (a test tone in) and a jssipsrc
 * (the far side's tone out, analysed): A is alice sending 440 Hz, B is
 * bob sending 880 Hz and auto-answering. The checks are what a user sees:
 * the tones heard, the session bus messages in order with their fields,
 * the read-only call properties, EOS on the src pads when the call ends,
 * and the single-call error of a failed call.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/check/gstcheck.h>

#include "call-harness.h"
#include "kamailio-fixture.h"

GST_START_TEST (test_call_audio_video_both_ways_and_caller_hangs_up)
{
  Peer *b = peer_new_full ("b", "bob", B_TONE, NULL, TRUE, NULL, TRUE);
  Peer *a = peer_new_full ("a", "alice", A_TONE, "bob", FALSE, NULL, TRUE);
  g_autofree gchar *call_id = NULL;
  g_autofree gchar *a_names = NULL;
  g_autofree gchar *b_names = NULL;

  peer_play (b);
  fail_unless (wait_for (b, is_registered, NULL));
  peer_play (a);
  call_id = establish (a, b);
  fail_unless (wait_for (a, sees_video, NULL), "A: %u frames", a->frames);
  fail_unless (wait_for (b, sees_video, NULL), "B: %u frames", b->frames);
  check_call_properties (a, "outgoing", "sip:bob@" LOOPBACK, call_id, FALSE);
  check_call_properties (b, "incoming", "sip:alice@" LOOPBACK, call_id, FALSE);

  hang_up (a);
  wait_event (b, "jssip-session-ended");
  fail_unless (wait_for (b, has_ended, NULL),
      "B: no EOS (%u of %u src pads ended)", b->src_pads_ended, b->src_pads);
  fail_unless (wait_for (a, has_ended, NULL), "A: no EOS");
  fail_unless (b->src_pads == 2 && a->src_pads == 2, "src pads: A %u, B %u",
      a->src_pads, b->src_pads);

  a_names = event_names (a);
  b_names = event_names (b);
  fail_unless_equals_string (a_names,
      "connecting,progress,started,confirmed,ended");
  fail_unless_equals_string (b_names,
      "incoming,progress,connecting,started,confirmed,ended");
  check_every_event (a, call_id, "outgoing", "sip:bob@" LOOPBACK);
  check_every_event (b, call_id, "incoming", "sip:alice@" LOOPBACK);

  /* The caller's side. */
  check_message_starts (event (a, "connecting"), "INVITE sip:bob@");
  check_status (event (a, "progress"), 180);
  check_field (event (a, "progress"), "originator", "remote");
  check_status (event (a, "started"), 200);
  check_field (event (a, "started"), "originator", "remote");
  check_field (event (a, "confirmed"), "originator", "local");
  check_field (event (a, "ended"), "originator", "local");
  check_field (event (a, "ended"), "cause", "Terminated");
  /* The callee's side. */
  check_message_starts (event (b, "incoming"), "INVITE ");
  check_field (event (b, "started"), "originator", "local");
  check_field (event (b, "confirmed"), "originator", "remote");
  check_message_starts (event (b, "confirmed"), "ACK ");
  check_field (event (b, "ended"), "originator", "remote");
  check_field (event (b, "ended"), "cause", "Terminated");
  check_message_starts (event (b, "ended"), "BYE ");

  check_call_properties (a, "outgoing", "sip:bob@" LOOPBACK, call_id, TRUE);
  check_call_properties (b, "incoming", "sip:alice@" LOOPBACK, call_id, TRUE);
  fail_unless (a->error == NULL && b->error == NULL, "%s / %s", a->error,
      b->error);
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

GST_START_TEST (test_callee_hangs_up)
{
  Peer *b = registered_callee ("bob");
  Peer *a = peer_new ("a", "alice", A_TONE, "bob", FALSE);
  g_autofree gchar *call_id = NULL;

  peer_play (a);
  call_id = establish (a, b);
  hang_up (b);
  wait_event (a, "jssip-session-ended");
  fail_unless (wait_for (a, has_ended, NULL), "A: no EOS");
  fail_unless (wait_for (b, has_ended, NULL), "B: no EOS");
  check_field (event (a, "ended"), "originator", "remote");
  check_field (event (a, "ended"), "cause", "Terminated");
  check_message_starts (event (a, "ended"), "BYE ");
  check_field (event (b, "ended"), "originator", "local");
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

GST_START_TEST (test_unknown_user_fails_not_found)
{
  Peer *a = peer_new ("a", "alice", A_TONE, "nobody", FALSE);
  g_autofree gchar *names = NULL;

  peer_play (a);
  wait_event (a, "jssip-session-failed");
  fail_unless (wait_for (a, has_error, NULL), "no error in single-call mode");
  names = event_names (a);
  fail_unless_equals_string (names, "connecting,failed");
  check_field (event (a, "failed"), "originator", "remote");
  check_field (event (a, "failed"), "cause", "Not Found");
  check_status (event (a, "failed"), 404);
  check_message_starts (event (a, "failed"), "SIP/2.0 404");
  fail_unless_equals_string (a->error,
      "Call failed: Not Found (404 Not Found)");
  peer_free (a);
}

GST_END_TEST;

GST_START_TEST (test_busy_callee_fails_busy)
{
  Peer *b = registered_callee ("bob");
  Peer *a = peer_new ("a", "alice", A_TONE, "bob", FALSE);
  Peer *c;
  g_autofree gchar *call_id = NULL;

  peer_play (a);
  call_id = establish (a, b);

  /* Carol calls bob, who is in a call. */
  c = peer_new ("c", "carol", A_TONE, "bob", FALSE);
  peer_play (c);
  wait_event (c, "jssip-session-failed");
  check_field (event (c, "failed"), "cause", "Busy");
  check_field (event (c, "failed"), "originator", "remote");
  check_status (event (c, "failed"), 486);
  fail_unless (wait_for (c, has_error, NULL));
  fail_unless_equals_string (c->error, "Call failed: Busy (486 Busy Here)");

  /* The call in progress goes on. */
  fail_if (has_event (b, "jssip-session-ended"));
  fail_if (has_event (b, "jssip-session-failed"));
  peer_free (c);
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

GST_START_TEST (test_caller_cancels)
{
  Peer *b = ringing_callee (NULL);
  Peer *a;

  a = peer_new ("a", "alice", A_TONE, "bob", FALSE);
  peer_play (a);
  wait_event (b, "jssip-session-progress");
  wait_event (a, "jssip-session-progress");
  hang_up (a);

  wait_event (b, "jssip-session-failed");
  check_field (event (a, "failed"), "originator", "local");
  check_field (event (a, "failed"), "cause", "Canceled");
  check_field (event (b, "failed"), "originator", "remote");
  check_field (event (b, "failed"), "cause", "Canceled");
  check_message_starts (event (b, "failed"), "CANCEL ");
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

GST_START_TEST (test_callee_rejects)
{
  Peer *b = ringing_callee (NULL);
  Peer *a = peer_new ("a", "alice", A_TONE, "bob", FALSE);

  peer_play (a);
  wait_event (b, "jssip-session-progress");
  terminate (b, gst_structure_new ("options", "status-code", G_TYPE_UINT, 603,
          "reason-phrase", G_TYPE_STRING, "Decline", NULL));

  wait_event (a, "jssip-session-failed");
  check_field (event (a, "failed"), "originator", "remote");
  check_field (event (a, "failed"), "cause", "Rejected");
  check_status (event (a, "failed"), 603);
  fail_unless (wait_for (a, has_error, NULL));
  fail_unless_equals_string (a->error, "Call failed: Rejected (603 Decline)");
  check_field (event (b, "failed"), "originator", "local");
  check_field (event (b, "failed"), "cause", "Rejected");
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

GST_START_TEST (test_no_answer)
{
  Peer *b = ringing_callee ("no-answer-timeout=1");
  Peer *a = peer_new ("a", "alice", A_TONE, "bob", FALSE);

  peer_play (a);
  wait_event (b, "jssip-session-failed");
  check_field (event (b, "failed"), "originator", "local");
  check_field (event (b, "failed"), "cause", "No Answer");
  wait_event (a, "jssip-session-failed");
  /* JsSIP maps the 408 to an INVITE to "Unavailable". */
  check_field (event (a, "failed"), "cause", "Unavailable");
  check_status (event (a, "failed"), 408);
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

GST_START_TEST (test_callee_waits_for_the_next_call)
{
  Peer *b = peer_new_full ("b", "bob", B_TONE, NULL, TRUE,
      "single-call=false", FALSE);
  guint call;

  peer_play (b);
  fail_unless (wait_for (b, is_registered, NULL));
  for (call = 0; call < 2; call++) {
    Peer *a = peer_new ("a", "alice", A_TONE, "bob", FALSE);
    g_autofree gchar *call_id = NULL;
    g_autofree gchar *names = NULL;

    peer_play (a);
    call_id = establish (a, b);
    hang_up (a);
    wait_event (b, "jssip-session-ended");
    /* The src pads end, then go; the pipeline goes on. */
    fail_unless (wait_for (b, has_no_src_pads, NULL), "call %u: pads stay",
        call);
    fail_unless_equals_int (b->src_pads_ended, 1);
    fail_if (b->eos || b->error, "call %u: %s", call, b->error);
    names = event_names (b);
    fail_unless_equals_string (names,
        "incoming,progress,connecting,started,confirmed,ended");
    peer_free (a);
    peer_forget (b);
  }
  peer_free (b);
}

GST_END_TEST;

/* docs/elements.md: EOS on every jssipsink pad ends the call with BYE. */
GST_START_TEST (test_end_of_stream_hangs_up)
{
  Peer *b = registered_callee ("bob");
  Peer *a = peer_new ("a", "alice", A_TONE, "bob", FALSE);
  g_autofree gchar *call_id = NULL;
  GstElement *tone;

  peer_play (a);
  call_id = establish (a, b);
  tone = gst_bin_get_by_name (GST_BIN (a->pipeline), "tone");
  gst_element_send_event (tone, gst_event_new_eos ());
  gst_object_unref (tone);

  wait_event (b, "jssip-session-ended");
  check_field (event (b, "ended"), "originator", "remote");
  check_message_starts (event (b, "ended"), "BYE ");
  check_field (event (a, "ended"), "originator", "local");
  /* The caller's pipeline ends once the BYE is out, not before. */
  fail_unless (wait_for (a, has_ended, NULL), "A: no EOS");
  fail_unless (wait_for (b, has_ended, NULL), "B: no EOS");
  peer_free (a);
  peer_free (b);
}

GST_END_TEST;

/* Last of its case: it stops the shared Kamailio, and starts it again. */
GST_START_TEST (test_server_lost_ends_call)
{
  Peer *b = registered_callee ("bob");
  Peer *a = peer_new ("a", "alice", A_TONE, "bob", FALSE);
  g_autofree gchar *call_id = NULL;
  g_autofree gchar *port = NULL;

  peer_play (a);
  call_id = establish (a, b);
  port = g_strdup (kamailio_fixture_port ());
  kamailio_fixture_kill ();

  wait_event (a, "jssip-session-ended");
  wait_event (b, "jssip-session-ended");
  check_field (event (a, "ended"), "cause", "Connection Error");
  check_field (event (a, "ended"), "originator", "system");
  check_field (event (b, "ended"), "cause", "Connection Error");
  /* The recording side still gets its EOS. */
  fail_unless (wait_for (b, has_ended, NULL), "B: no EOS");
  fail_unless (wait_for (a, has_ended, NULL), "A: no EOS");
  peer_free (a);
  peer_free (b);
  kamailio_fixture_start (port);
}

GST_END_TEST;

static void
start_kamailio (void)
{
  kamailio_fixture_start (NULL);
}

static Suite *
call_suite (void)
{
  Suite *s = suite_create ("jssip-call");
  TCase *tc = tcase_create ("kamailio");

  tcase_add_unchecked_fixture (tc, start_kamailio, kamailio_fixture_stop);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_call_audio_video_both_ways_and_caller_hangs_up);
  tcase_add_test (tc, test_callee_hangs_up);
  tcase_add_test (tc, test_end_of_stream_hangs_up);
  tcase_add_test (tc, test_unknown_user_fails_not_found);
  tcase_add_test (tc, test_busy_callee_fails_busy);
  tcase_add_test (tc, test_caller_cancels);
  tcase_add_test (tc, test_callee_rejects);
  tcase_add_test (tc, test_no_answer);
  tcase_add_test (tc, test_callee_waits_for_the_next_call);
  tcase_add_test (tc, test_server_lost_ends_call);
  suite_add_tcase (s, tc);
  return s;
}

GST_CHECK_MAIN (call);
