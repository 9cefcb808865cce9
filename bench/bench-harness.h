/* gst-jssip: parser benchmarks
 *
 * The measuring loop shared by every C parser benchmark, so that our parser
 * and the peers it is compared with are timed in exactly the same way.
 *
 * Command line: PROGRAM [--serialize] CORPUS_DIR
 * Environment:  BENCH_SECONDS (default 5) measured after BENCH_WARMUP
 *               (default 1) seconds of warm-up; or BENCH_ITERS = exact
 *               number of passes over the corpus, no warm-up (callgrind).
 * Last line of output: one JSON object with msgs_per_s, msgs, bytes,
 * wall_s and cpu_s (plus parser, mode, mb_per_s, failures).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __BENCH_HARNESS_H__
#define __BENCH_HARNESS_H__

#include <glib.h>

G_BEGIN_DECLS

/* Parses one raw message and, when @serialize is set, serialises the parsed
 * form back to wire format. Returns FALSE with a static @reason if the
 * parser refused the message. */
typedef gboolean (*BenchParseFunc) (const gchar * data, gsize len,
    gboolean serialize, const gchar ** reason);

/* Runs the whole benchmark; returns the process exit status. */
int bench_main (int argc, char **argv, const gchar * parser_name,
    BenchParseFunc parse);

G_END_DECLS

#endif
