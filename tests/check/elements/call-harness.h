/* gst-jssip tests: two pipelines of one process in a call.
 *
 * A Peer is a pipeline with a jssipsrc named "src" and a jssipsink named
 * "sink" of one session, registered at the project's Kamailio
 * (kamailio-fixture.h). Its bus messages are recorded, its decoded audio
 * is searched for the two test tones (Goertzel filter), its video frames
 * counted and its src pads' EOS noted, for the tests to wait on and check.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __CALL_HARNESS_H__
#define __CALL_HARNESS_H__

#include <gst/gst.h>

G_BEGIN_DECLS

#define LOOPBACK "127.0.0.1"
#define A_TONE 440.0            /* what the caller A sends */
#define B_TONE 880.0            /* what the callee B sends */
#define ANALYSIS_RATE 16000
#define ANALYSIS_CAPS "audio/x-raw,format=F32LE,channels=1,rate=16000"

typedef struct
{
  const gchar *name;
  GstElement *pipeline;
  GstElement *src;              /* jssipsrc */
  GstElement *sink;             /* jssipsink */

  GMutex lock;
  GPtrArray *events;            /* GstStructure: jssip-session-* in order */
  gboolean registered;
  gchar *error;                 /* first error message */
  gboolean eos;                 /* the pipeline reached EOS */
  guint heard[2];               /* buffers dominated by A_TONE, B_TONE */
  guint frames;                 /* raw video frames received */
  guint src_pads;
  guint src_pads_ended;
  guint src_buffers;            /* on every src pad, decoded or not */
} Peer;

/* The tone that dominates @buffer (ANALYSIS_CAPS): 0 for A_TONE, 1 for
 * B_TONE, -1 for neither or silence. */
gint tone_of (GstBuffer * buffer);

/* @user calls @target when set, else auto-answers when @auto_answer;
 * @more: more jssipsrc properties, or NULL; @video: video too. */
Peer *peer_new_full (const gchar * name, const gchar * user,
    gdouble frequency, const gchar * target, gboolean auto_answer,
    const gchar * more, gboolean video);
Peer *peer_new (const gchar * name, const gchar * user, gdouble frequency,
    const gchar * target, gboolean auto_answer);
/* A pipeline of the caller's own with a jssipsrc "src" and a jssipsink
 * "sink": src pads it links itself (a launch line's `src. ! ...`) are
 * watched for EOS and counted, the others analysed as above. */
Peer *peer_new_from_description (const gchar * name, const gchar * description);
void peer_play (Peer * peer);
/* Stops and frees it, checking that nothing else holds its elements. */
void peer_free (Peer * peer);
/* Forgets what the peer saw, for its next call. */
void peer_forget (Peer * peer);

/* Conditions, called with the peer's lock held. */
typedef gboolean (*Condition) (Peer * peer, gconstpointer data);
gboolean wait_for (Peer * peer, Condition condition, gconstpointer data);
gboolean is_registered (Peer * peer, gconstpointer data);
gboolean has_event (Peer * peer, gconstpointer name);
/* @which: 0 for A_TONE, 1 for B_TONE */
gboolean hears (Peer * peer, gconstpointer which);
gboolean sees_video (Peer * peer, gconstpointer data);
gboolean has_ended (Peer * peer, gconstpointer data);
gboolean has_no_src_pads (Peer * peer, gconstpointer data);
gboolean has_error (Peer * peer, gconstpointer data);
void wait_event (Peer * peer, const gchar * name);

/* bob, auto-answering with B_TONE, registered. */
Peer *registered_callee (const gchar * user);
/* bob, ringing without answering, registered. */
Peer *ringing_callee (const gchar * more);

/* The names of the session messages, in order: "incoming,progress,...". */
gchar *event_names (Peer * peer);
/* The first jssip-session-@name message; fails without one. */
const GstStructure *event (Peer * peer, const gchar * name);
void check_field (const GstStructure * s, const gchar * field,
    const gchar * expected);
void check_status (const GstStructure * s, guint expected);
void check_every_event (Peer * peer, const gchar * call_id,
    const gchar * direction, const gchar * remote_identity);
void check_message_starts (const GstStructure * s, const gchar * start_line);
void check_call_properties (Peer * peer, const gchar * direction,
    const gchar * remote_identity, const gchar * call_id, gboolean ended);

/* A calls B; both hear each other. Returns the call's Call-ID. */
gchar *establish (Peer * a, Peer * b);
/* The `terminate` action signal, with @options (taken) or NULL. */
void terminate (Peer * peer, GstStructure * options);
void hang_up (Peer * peer);

G_END_DECLS

#endif
