/* gst-jssip tests: many calls in one process leak nothing.
 *
 * Fifty calls in a row between two pipelines of this process, through the
 * project's real Kamailio, the way an application that handles call after
 * call uses the elements: for each call, A (audiotestsrc ! jssipsink
 * target=bob) and B (jssipsrc auto-answer=true, its pad into a fakesink)
 * are built, run until the call is over and torn down; then again with
 * one B (single-call=false) answering the fifty calls of as many A's. A
 * hangs up once B has decoded a few hundred milliseconds of A's audio,
 * with `terminate` and with EOS in turn (the two ways docs/elements.md gives).
 *
 * What is measured is what an operator would watch on a long-running
 * process: resident memory, open file descriptors and threads, read from
 * /proc/self after a warm-up (the first calls load plugins, create the
 * DTLS certificate, fill GLib's and GStreamer's caches and thread pools)
 * and again after the last call.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <malloc.h>
#include <string.h>
#include <gst/check/gstcheck.h>

#include "kamailio-fixture.h"

#define LOOPBACK "127.0.0.1"
#define CALLS 50
#define WARM_UP_CALLS 5
/* Media each call carries, as decoded at B, before A hangs up. */
#define MEDIA_PER_CALL (300 * GST_MSECOND)
#define TIMEOUT_MS 15000
/* How long threads and sockets of a finished call may take to go. */
#define SETTLE_MS 5000
#define SETTLE_QUIET_MS 1000
#define SETTLE_STEP_MS 100

/* Tolerances, for the 45 calls after the warm-up. Descriptors and threads
 * must come back: a call's sockets, eventfds and threads (webrtcbin's ICE
 * thread, the UA thread, streaming threads) all go with it; two of each
 * leave room for a pool thread still finishing a task of the last
 * teardown. Memory: with nothing leaked (checked with LSan and heaptrack),
 * RSS still grows by 0.5-2 MB over 45 calls (allocator fragmentation,
 * GSlice magazines) and the heap in use by 0.15-0.5 MB, while one leaked
 * webrtcbin per call costs 1 MB a call, 45 MB. 4 MB is twice the worst
 * noise seen, and catches a leak of 90 kB a call. */
#define FD_TOLERANCE 2
#define THREAD_TOLERANCE 2
#define RSS_TOLERANCE_KB (4 * 1024)

/* ------------------------------------------------------------ the sides */

typedef struct
{
  const gchar *name;
  GstElement *pipeline;
  GstElement *jssip;            /* the jssipsink of A, the jssipsrc of B */

  GMutex lock;
  gboolean registered;
  gboolean eos;
  gboolean ended;               /* jssip-session-ended */
  gchar *failure;               /* an error or jssip-session-failed */
  GstClockTime decoded;         /* audio that reached B's fakesink */
} Side;

static GstBusSyncReply
on_message (GstBus * bus, GstMessage * message, gpointer user_data)
{
  Side *side = user_data;
  const GstStructure *s = gst_message_get_structure (message);

  g_mutex_lock (&side->lock);
  switch (GST_MESSAGE_TYPE (message)) {
    case GST_MESSAGE_ERROR:
      if (!side->failure) {
        GError *error = NULL;

        gst_message_parse_error (message, &error, NULL);
        side->failure = g_strdup (error->message);
        g_error_free (error);
      }
      break;
    case GST_MESSAGE_EOS:
      side->eos = TRUE;
      break;
    case GST_MESSAGE_ELEMENT:
      if (gst_structure_has_name (s, "jssip-ua-registered"))
        side->registered = TRUE;
      else if (gst_structure_has_name (s, "jssip-session-ended"))
        side->ended = TRUE;
      else if (gst_structure_has_name (s, "jssip-session-failed")
          && !side->failure)
        side->failure = gst_structure_to_string (s);
      break;
    default:
      break;
  }
  g_mutex_unlock (&side->lock);
  /* A sync handler that drops a message owns it. */
  gst_message_unref (message);
  return GST_BUS_DROP;
}

static GstPadProbeReturn
on_decoded_audio (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Side *side = user_data;
  GstClockTime duration =
      GST_BUFFER_DURATION (GST_PAD_PROBE_INFO_BUFFER (info));

  g_mutex_lock (&side->lock);
  if (GST_CLOCK_TIME_IS_VALID (duration))
    side->decoded += duration;
  g_mutex_unlock (&side->lock);
  return GST_PAD_PROBE_OK;
}

/* B's application: what jssipsrc gives goes to a fakesink. */
static void
on_pad_added (GstElement * src, GstPad * pad, Side * side)
{
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  GstPad *sinkpad = gst_element_get_static_pad (sink, "sink");

  g_object_set (sink, "sync", FALSE, NULL);
  gst_pad_add_probe (sinkpad, GST_PAD_PROBE_TYPE_BUFFER, on_decoded_audio,
      side, NULL);
  gst_bin_add (GST_BIN (side->pipeline), sink);
  g_object_set_data (G_OBJECT (pad), "soak-sink", sink);
  fail_unless_equals_int (gst_pad_link (pad, sinkpad), GST_PAD_LINK_OK);
  gst_element_sync_state_with_parent (sink);
  gst_object_unref (sinkpad);
}

static Side *
side_new (const gchar * name, const gchar * description)
{
  GError *error = NULL;
  Side *side = g_new0 (Side, 1);
  GstElement *parsed = gst_parse_launch (description, &error);
  GstBus *bus;

  fail_unless (parsed != NULL, "%s", error ? error->message : "");
  side->name = name;
  g_mutex_init (&side->lock);
  /* A lone element is parsed as itself. */
  if (GST_IS_PIPELINE (parsed)) {
    side->pipeline = parsed;
  } else {
    side->pipeline = gst_pipeline_new (NULL);
    gst_bin_add (GST_BIN (side->pipeline), parsed);
  }
  side->jssip = gst_bin_get_by_name (GST_BIN (side->pipeline), "jssip");
  bus = gst_element_get_bus (side->pipeline);
  gst_bus_set_sync_handler (bus, on_message, side, NULL);
  gst_object_unref (bus);
  return side;
}

/* With single-call=false the pad goes after the call: so does its sink.
 * (The pad is unlinked by then: the sink is found through the pad.) */
static void
on_pad_removed (GstElement * src, GstPad * pad, Side * side)
{
  GstElement *sink = g_object_get_data (G_OBJECT (pad), "soak-sink");

  if (sink == NULL)
    return;
  gst_element_set_state (sink, GST_STATE_NULL);
  gst_bin_remove (GST_BIN (side->pipeline), sink);
}

/* B: bob, auto-answering one call, or every call without @single_call. */
static Side *
callee_new (const gchar * server, gboolean single_call)
{
  g_autofree gchar *description = g_strdup_printf ("jssipsrc name=jssip "
      "server=%s uri=sip:bob@" LOOPBACK " password=bobpw ice-addresses="
      LOOPBACK " media=audio auto-answer=true single-call=%s", server,
      single_call ? "true" : "false");
  Side *side = side_new ("B", description);

  g_signal_connect (side->jssip, "pad-added", G_CALLBACK (on_pad_added), side);
  g_signal_connect (side->jssip, "pad-removed", G_CALLBACK (on_pad_removed),
      side);
  return side;
}

/* A: alice, calling bob with a live tone as soon as it plays. */
static Side *
caller_new (const gchar * server)
{
  g_autofree gchar *description = g_strdup_printf ("audiotestsrc "
      "is-live=true samplesperbuffer=480 ! audio/x-raw,rate=48000,channels=1 "
      "! jssipsink name=jssip server=%s uri=sip:alice@" LOOPBACK
      " password=alicepw ice-addresses=" LOOPBACK " media=audio target=bob",
      server);

  return side_new ("A", description);
}

static void
side_play (Side * side)
{
  fail_if (gst_element_set_state (side->pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE, "%s cannot play", side->name);
}

static void
side_free (Side * side)
{
  fail_unless_equals_int (gst_element_set_state (side->pipeline,
          GST_STATE_NULL), GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (side->jssip);
  gst_object_unref (side->pipeline);
  g_free (side->failure);
  g_mutex_clear (&side->lock);
  g_free (side);
}

/* ------------------------------------------------------------- waiting */

typedef gboolean (*Condition) (Side * side);

static gboolean
wait_for (Side * side, Condition condition)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * 1000;
  gboolean done;

  do {
    g_mutex_lock (&side->lock);
    done = condition (side) || side->failure != NULL;
    g_mutex_unlock (&side->lock);
    if (done)
      break;
    g_usleep (5 * 1000);
  } while (g_get_monotonic_time () < deadline);
  fail_if (side->failure, "%s: %s", side->name, side->failure);
  return done;
}

static gboolean
is_registered (Side * side)
{
  return side->registered;
}

static gboolean
has_decoded_enough (Side * side)
{
  return side->decoded >= MEDIA_PER_CALL;
}

static gboolean
has_ended (Side * side)
{
  return side->ended && side->eos;
}

/* single-call=false: the call ends, the pipeline goes on. */
static gboolean
has_ended_call (Side * side)
{
  return side->ended;
}

/* -------------------------------------------------------------- a call */

static void
hang_up (Side * caller, gboolean with_eos)
{
  gboolean ok = FALSE;

  if (with_eos) {
    /* The source's EOS reaches every jssipsink pad: BYE. */
    fail_unless (gst_element_send_event (caller->pipeline,
            gst_event_new_eos ()));
    return;
  }
  g_signal_emit_by_name (caller->jssip, "terminate", NULL, &ok);
  fail_unless (ok, "terminate refused");
}

/* A call from a new A to @answering, or to a B built for the call. */
static void
one_call (const gchar * server, guint n, Side * answering)
{
  Side *b = answering ? answering : callee_new (server, TRUE);
  Side *a = caller_new (server);

  g_mutex_lock (&b->lock);
  b->ended = FALSE;
  b->decoded = 0;
  g_mutex_unlock (&b->lock);
  if (!answering) {
    side_play (b);
    fail_unless (wait_for (b, is_registered), "call %u: B not registered", n);
  }
  side_play (a);
  fail_unless (wait_for (b, has_decoded_enough),
      "call %u: B decoded %" GST_TIME_FORMAT " of A's audio", n,
      GST_TIME_ARGS (b->decoded));
  hang_up (a, n % 2 == 0);
  /* single-call: the call's end is EOS for the pipeline. */
  fail_unless (wait_for (a, has_ended), "call %u: A did not end", n);
  fail_unless (wait_for (b, answering ? has_ended_call : has_ended),
      "call %u: B did not end", n);
  side_free (a);
  if (!answering)
    side_free (b);
}

/* ---------------------------------------------------------- the process */

typedef struct
{
  guint64 rss_kb;
  guint64 heap_kb;              /* malloc'd and not freed, for the report */
  guint fds;
  guint threads;
} Usage;

static guint
count_entries (const gchar * path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  fail_unless (dir != NULL, "%s", path);
  while (g_dir_read_name (dir))
    n++;
  g_dir_close (dir);
  return n;
}

static guint64
read_rss_kb (void)
{
  g_autofree gchar *status = NULL;
  const gchar *line;

  fail_unless (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "\nVmRSS:");
  fail_unless (line != NULL);
  return g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10);
}

static guint64
heap_in_use_kb (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return (info.uordblks + info.hblkhd) / 1024;
}

static void
usage_read (Usage * usage)
{
  /* Idle threads that GLib's pools (GTask's, GstTask's) keep for reuse are
   * not leaked, and freed memory that malloc keeps in its arenas is not
   * either: let both go so that the figures count what is still in use. */
  g_thread_pool_stop_unused_threads ();
  malloc_trim (0);
  usage->rss_kb = read_rss_kb ();
  usage->heap_kb = heap_in_use_kb ();
  /* Less the descriptor of the directory being read. */
  usage->fds = count_entries ("/proc/self/fd") - 1;
  usage->threads = count_entries ("/proc/self/task");
}

static gboolean
usage_equal (const Usage * a, const Usage * b)
{
  return a->fds == b->fds && a->threads == b->threads;
}

/* The threads and sockets of a call that just ended take a moment to go:
 * a GLib pool thread whose task is over waits half a second for another
 * before it counts as unused, a socket may close from the UA thread.
 * Reads until fds and threads have held still for SETTLE_QUIET_MS, within
 * SETTLE_MS. */
static void
usage_read_settled (Usage * usage)
{
  gint64 now = g_get_monotonic_time ();
  gint64 deadline = now + SETTLE_MS * 1000;
  gint64 changed = now;
  Usage previous;

  usage_read (&previous);
  do {
    g_usleep (SETTLE_STEP_MS * 1000);
    usage_read (usage);
    now = g_get_monotonic_time ();
    if (!usage_equal (usage, &previous))
      changed = now;
    previous = *usage;
  } while (now - changed < SETTLE_QUIET_MS * 1000 && now < deadline);
}

/* What the entries of /proc/self/fd or /proc/self/task are, counted by
 * kind ("socket: 12, anon_inode:[eventfd]: 3"), to name what leaked. */
static gchar *
describe_entries (const gchar * path, gboolean threads)
{
  GHashTable *kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
      NULL);
  GDir *dir = g_dir_open (path, 0, NULL);
  GString *text = g_string_new (NULL);
  const gchar *name;
  GHashTableIter iter;
  gpointer kind, count;

  while ((name = g_dir_read_name (dir))) {
    g_autofree gchar *entry = g_build_filename (path, name,
        threads ? "comm" : NULL, NULL);
    gchar *what = NULL;

    if (threads)
      g_file_get_contents (entry, &what, NULL, NULL);
    else
      what = g_file_read_link (entry, NULL);
    if (what == NULL)
      continue;
    g_strstrip (what);
    /* socket:[1234], pipe:[1234]: the kind, not the inode. */
    if (strchr (what, '[') && !g_str_has_prefix (what, "anon_inode"))
      *strchr (what, '[') = '\0';
    g_hash_table_insert (kinds, what, GUINT_TO_POINTER (GPOINTER_TO_UINT
            (g_hash_table_lookup (kinds, what)) + 1));
  }
  g_dir_close (dir);
  g_hash_table_iter_init (&iter, kinds);
  while (g_hash_table_iter_next (&iter, &kind, &count))
    g_string_append_printf (text, "%s%s: %u", text->len ? ", " : "",
        (gchar *) kind, GPOINTER_TO_UINT (count));
  g_hash_table_unref (kinds);
  return g_string_free (text, FALSE);
}

static void
usage_print (const gchar * when, const Usage * usage)
{
  g_print ("soak: %-20s RSS %6" G_GUINT64_FORMAT " kB, heap in use %6"
      G_GUINT64_FORMAT " kB, %3u fds, %3u threads\n", when, usage->rss_kb,
      usage->heap_kb, usage->fds, usage->threads);
}

/* ------------------------------------------------------------------ test */

/* The calls, with @answering answering them all, or a B for each. */
static void
check_calls_leave_the_process_flat (Side * answering)
{
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  Usage warm, end;
  gint64 started = g_get_monotonic_time ();

  for (guint n = 1; n <= WARM_UP_CALLS; n++)
    one_call (server, n, answering);
  usage_read_settled (&warm);
  usage_print ("after the warm-up:", &warm);

  for (guint n = WARM_UP_CALLS + 1; n <= CALLS; n++)
    one_call (server, n, answering);
  usage_read_settled (&end);
  usage_print ("after every call:", &end);
  g_print ("soak: %u calls in %.1f s; growth over %u calls: RSS %+"
      G_GINT64_FORMAT " kB, heap %+" G_GINT64_FORMAT " kB, fds %+d, "
      "threads %+d\n", CALLS, (g_get_monotonic_time () - started) / 1e6,
      CALLS - WARM_UP_CALLS, (gint64) end.rss_kb - (gint64) warm.rss_kb,
      (gint64) end.heap_kb - (gint64) warm.heap_kb,
      (gint) end.fds - (gint) warm.fds,
      (gint) end.threads - (gint) warm.threads);

  if (end.fds > warm.fds + FD_TOLERANCE
      || end.threads > warm.threads + THREAD_TOLERANCE) {
    g_autofree gchar *fds = describe_entries ("/proc/self/fd", FALSE);
    g_autofree gchar *threads = describe_entries ("/proc/self/task", TRUE);

    g_print ("soak: open fds: %s\nsoak: threads: %s\n", fds, threads);
  }
  fail_unless (end.fds <= warm.fds + FD_TOLERANCE,
      "file descriptors leak: %u after warm-up, %u after %u calls",
      warm.fds, end.fds, CALLS);
  fail_unless (end.threads <= warm.threads + THREAD_TOLERANCE,
      "threads leak: %u after warm-up, %u after %u calls", warm.threads,
      end.threads, CALLS);
  fail_unless (end.rss_kb <= warm.rss_kb + RSS_TOLERANCE_KB,
      "memory grows: RSS %" G_GUINT64_FORMAT " kB after warm-up, %"
      G_GUINT64_FORMAT " kB after %u calls", warm.rss_kb, end.rss_kb, CALLS);
}

/* An application that builds its pipelines for each call. */
GST_START_TEST (test_fifty_calls_leave_the_process_flat)
{
  check_calls_leave_the_process_flat (NULL);
}

GST_END_TEST;

/* A callee that stays, answering call after call on fresh media. */
GST_START_TEST (test_fifty_calls_to_one_callee_leave_the_process_flat)
{
  g_autofree gchar *server = kamailio_fixture_ws_uri ();
  Side *b = callee_new (server, FALSE);

  side_play (b);
  fail_unless (wait_for (b, is_registered), "B not registered");
  check_calls_leave_the_process_flat (b);
  side_free (b);
}

GST_END_TEST;

static void
start_kamailio (void)
{
  kamailio_fixture_start (NULL);
}

static Suite *
soak_suite (void)
{
  Suite *s = suite_create ("jssip-soak");
  TCase *tc = tcase_create ("kamailio");

  tcase_add_unchecked_fixture (tc, start_kamailio, kamailio_fixture_stop);
  tcase_set_timeout (tc, 110);
  tcase_add_test (tc, test_fifty_calls_leave_the_process_flat);
  tcase_add_test (tc, test_fifty_calls_to_one_callee_leave_the_process_flat);
  suite_add_tcase (s, tc);
  return s;
}

GST_CHECK_MAIN (soak);
