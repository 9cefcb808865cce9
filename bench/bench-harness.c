/* gst-jssip: parser benchmarks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "bench-harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct
{
  gchar *name;
  gchar *data;
  gsize len;
} BenchMessage;

typedef struct
{
  GPtrArray *messages;          /* BenchMessage, the ones every pass parses */
  guint64 bytes_per_pass;
  guint failures;               /* files the parser refused, left out */
} BenchCorpus;

static void
bench_message_free (gpointer data)
{
  BenchMessage *m = data;

  g_free (m->name);
  g_free (m->data);
  g_free (m);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const gchar * const *) a, *(const gchar * const *) b);
}

/* Every regular, non-hidden file of @dir, in name order so that runs and
 * programs see the same sequence. */
static GPtrArray *
load_corpus (const gchar * dir, GError ** error)
{
  GDir *d = g_dir_open (dir, 0, error);
  GPtrArray *names, *messages;
  const gchar *name;

  if (!d)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (d)))
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (d);
  g_ptr_array_sort (names, compare_names);

  messages = g_ptr_array_new_with_free_func (bench_message_free);
  for (guint i = 0; i < names->len; i++) {
    gchar *path = g_build_filename (dir, names->pdata[i], NULL);
    BenchMessage *m = g_new0 (BenchMessage, 1);

    if (g_file_test (path, G_FILE_TEST_IS_REGULAR)
        && g_file_get_contents (path, &m->data, &m->len, error)) {
      m->name = g_strdup (names->pdata[i]);
      g_ptr_array_add (messages, m);
    } else {
      g_free (m);
    }
    g_free (path);
    if (error && *error)
      break;
  }
  g_ptr_array_unref (names);
  if (error && *error) {
    g_ptr_array_unref (messages);
    return NULL;
  }
  return messages;
}

/* One untimed pass: a message the parser refuses is reported and left out,
 * so that a failing peer is not credited with fast early exits. */
static void
check_corpus (BenchCorpus * corpus, const gchar * parser_name,
    BenchParseFunc parse, gboolean serialize)
{
  guint i = 0;

  while (i < corpus->messages->len) {
    BenchMessage *m = corpus->messages->pdata[i];
    const gchar *reason = NULL;

    if (parse (m->data, m->len, serialize, &reason)) {
      corpus->bytes_per_pass += m->len;
      i++;
      continue;
    }
    fprintf (stderr, "%s: %s: refused: %s\n", parser_name, m->name,
        reason ? reason : "(no reason given)");
    corpus->failures++;
    g_ptr_array_remove_index (corpus->messages, i);
  }
}

static gdouble
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static gdouble
env_double (const gchar * name, gdouble fallback)
{
  const gchar *v = g_getenv (name);

  return v && *v ? g_ascii_strtod (v, NULL) : fallback;
}

/* The measured work, kept out of line so that
 * `valgrind --tool=callgrind --toggle-collect=bench_measured_passes` counts
 * exactly the parsing (and serialising) of BENCH_ITERS passes. */
G_GNUC_NO_INLINE guint64
bench_measured_passes (const BenchCorpus * corpus, BenchParseFunc parse,
    gboolean serialize, guint64 max_passes, gint64 until_us);

G_GNUC_NO_INLINE guint64
bench_measured_passes (const BenchCorpus * corpus, BenchParseFunc parse,
    gboolean serialize, guint64 max_passes, gint64 until_us)
{
  guint64 passes = 0;

  while (passes < max_passes
      && (until_us == 0 || g_get_monotonic_time () < until_us)) {
    for (guint i = 0; i < corpus->messages->len; i++) {
      const BenchMessage *m = corpus->messages->pdata[i];
      const gchar *reason;

      (void) parse (m->data, m->len, serialize, &reason);
    }
    passes++;
  }
  return passes;
}

static void
print_result (const gchar * parser_name, gboolean serialize,
    const BenchCorpus * corpus, guint64 passes, gdouble wall_s, gdouble cpu_s)
{
  guint64 msgs = passes * corpus->messages->len;
  guint64 bytes = passes * corpus->bytes_per_pass;
  gdouble msgs_per_s = wall_s > 0 ? msgs / wall_s : 0;
  gdouble mb_per_s = wall_s > 0 ? bytes / wall_s / 1e6 : 0;

  printf ("%s %s: %" G_GUINT64_FORMAT " messages, %" G_GUINT64_FORMAT
      " bytes in %.3f s: %.0f msgs/s, %.1f MB/s\n", parser_name,
      serialize ? "parse+serialize" : "parse", msgs, bytes, wall_s,
      msgs_per_s, mb_per_s);
  printf ("{\"parser\": \"%s\", \"mode\": \"%s\", \"msgs_per_s\": %.1f, "
      "\"mb_per_s\": %.3f, \"msgs\": %" G_GUINT64_FORMAT ", \"bytes\": %"
      G_GUINT64_FORMAT ", \"wall_s\": %.6f, \"cpu_s\": %.6f, "
      "\"failures\": %u}\n", parser_name,
      serialize ? "parse+serialize" : "parse", msgs_per_s, mb_per_s, msgs,
      bytes, wall_s, cpu_s, corpus->failures);
}

static int
usage (const gchar * prog)
{
  fprintf (stderr, "usage: %s [--serialize] CORPUS_DIR\n"
      "  BENCH_SECONDS (5) measured after BENCH_WARMUP (1) seconds, or\n"
      "  BENCH_ITERS=N exact passes over the corpus, no warm-up\n", prog);
  return 2;
}

int
bench_main (int argc, char **argv, const gchar * parser_name,
    BenchParseFunc parse)
{
  BenchCorpus corpus = { 0 };
  gboolean serialize = FALSE;
  GError *error = NULL;
  const gchar *iters_env = g_getenv ("BENCH_ITERS");
  guint64 passes;
  gdouble wall0, cpu0, wall_s, cpu_s;

  if (argc < 2)
    return usage (argv[0]);
  for (int i = 1; i < argc - 1; i++) {
    if (strcmp (argv[i], "--serialize") == 0)
      serialize = TRUE;
    else
      return usage (argv[0]);
  }

  corpus.messages = load_corpus (argv[argc - 1], &error);
  if (!corpus.messages) {
    fprintf (stderr, "%s: %s\n", argv[0], error->message);
    g_error_free (error);
    return 1;
  }
  check_corpus (&corpus, parser_name, parse, serialize);
  if (corpus.messages->len == 0) {
    fprintf (stderr, "%s: no message of %s could be parsed\n", argv[0],
        argv[argc - 1]);
    g_ptr_array_unref (corpus.messages);
    return 1;
  }

  if (iters_env && *iters_env) {
    guint64 iters = g_ascii_strtoull (iters_env, NULL, 10);

    wall0 = g_get_monotonic_time () / 1e6;
    cpu0 = cpu_seconds ();
    passes = bench_measured_passes (&corpus, parse, serialize, iters, 0);
  } else {
    gdouble warmup = env_double ("BENCH_WARMUP", 1);
    gdouble seconds = env_double ("BENCH_SECONDS", 5);

    bench_measured_passes (&corpus, parse, serialize, G_MAXUINT64,
        g_get_monotonic_time () + (gint64) (warmup * 1e6));
    wall0 = g_get_monotonic_time () / 1e6;
    cpu0 = cpu_seconds ();
    passes = bench_measured_passes (&corpus, parse, serialize, G_MAXUINT64,
        g_get_monotonic_time () + (gint64) (seconds * 1e6));
  }
  wall_s = g_get_monotonic_time () / 1e6 - wall0;
  cpu_s = cpu_seconds () - cpu0;

  print_result (parser_name, serialize, &corpus, passes, wall_s, cpu_s);
  g_ptr_array_unref (corpus.messages);
  return 0;
}
