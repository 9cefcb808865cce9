/* gst-jssip tests
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "kamailio-fixture.h"

#include <string.h>
#include <unistd.h>
#include <gst/check/gstcheck.h>

static gchar *dir;
static gchar *port;

static gchar *
run_ctl (const gchar * command, const gchar * fixed_port)
{
  g_autofree gchar *owner = g_strdup_printf ("%d", (int) getpid ());
  const gchar *argv[] = { KAMAILIO_CTL, command, dir, owner, NULL };
  g_auto (GStrv) env = g_get_environ ();
  g_autofree gchar *out = NULL;
  g_autofree gchar *err = NULL;
  gint status = 0;

  if (fixed_port)
    env = g_environ_setenv (env, "KAMAILIO_PORT", fixed_port, TRUE);
  fail_unless (g_spawn_sync (NULL, (gchar **) argv, env, G_SPAWN_DEFAULT,
          NULL, NULL, &out, &err, &status, NULL));
  fail_unless (g_spawn_check_wait_status (status, NULL),
      "kamailio-ctl.sh %s failed: %s", command, err);
  return g_strstrip (g_steal_pointer (&out));
}

void
kamailio_fixture_start (const gchar * fixed_port)
{
  if (!dir)
    dir = g_dir_make_tmp ("gst-jssip-kamailio-XXXXXX", NULL);
  fail_unless (dir != NULL);
  g_free (port);
  port = run_ctl ("start", fixed_port);
  fail_unless (port && *port, "no port from kamailio-ctl.sh");
}

void
kamailio_fixture_kill (void)
{
  g_free (run_ctl ("stop", NULL));
}

void
kamailio_fixture_stop (void)
{
  const gchar *rm[] = { "rm", "-rf", dir, NULL };

  if (!dir)
    return;
  kamailio_fixture_kill ();
  g_spawn_sync (NULL, (gchar **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
      NULL, NULL, NULL, NULL);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&port, g_free);
}

const gchar *
kamailio_fixture_port (void)
{
  return port;
}

gchar *
kamailio_fixture_ws_uri (void)
{
  return g_strdup_printf ("ws://127.0.0.1:%s", port);
}

gchar *
kamailio_fixture_dump_bindings (void)
{
  return run_ctl ("dump-bindings", NULL);
}

gboolean
kamailio_fixture_wait_binding (const gchar * needle, gboolean present,
    guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  do {
    g_autofree gchar *dump = kamailio_fixture_dump_bindings ();

    if ((strstr (dump, needle) != NULL) == present)
      return TRUE;
    g_usleep (100 * G_TIME_SPAN_MILLISECOND);
  } while (g_get_monotonic_time () < end);
  return FALSE;
}
