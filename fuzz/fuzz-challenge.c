/* gst-jssip: fuzz targets
 *
 * The Digest challenge parser (WWW-Authenticate / Proxy-Authenticate
 * values, RFC 7616 §3.3, RFC 7235 §4.1) on arbitrary strings. A challenge
 * that parses is written back as a canonical challenge, which must parse
 * into the same values: unquoting and unescaping are checked that way.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz-common.h"

#include <gst/sip/sipchallenge.h>
#include <string.h>

#define SCHEME "Digest "

static void
append_separator (GString * out)
{
  if (out->len > strlen (SCHEME))
    g_string_append (out, ", ");
}

/* quoted-string with quoted-pair for '"' and '\' (RFC 3261 §25.1). */
static void
append_quoted (GString * out, const gchar * name, const gchar * value)
{
  if (!value)
    return;
  append_separator (out);
  g_string_append_printf (out, "%s=\"", name);
  for (const gchar * p = value; *p; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_c (out, '\\');
    g_string_append_c (out, *p);
  }
  g_string_append_c (out, '"');
}

static void
append_token (GString * out, const gchar * name, const gchar * value)
{
  append_separator (out);
  g_string_append_printf (out, "%s=%s", name, value);
}

/* The options we know, or one we do not if none of ours was offered. */
static gchar *
qop_list (GstSipQopFlags qop)
{
  GString *list = g_string_new (NULL);

  if (qop & GST_SIP_QOP_AUTH)
    g_string_append (list, "auth");
  if (qop & GST_SIP_QOP_AUTH_INT)
    g_string_append (list, list->len ? ",auth-int" : "auth-int");
  if (list->len == 0)
    g_string_append (list, "token-of-the-future");
  return g_string_free (list, FALSE);
}

static gchar *
write_challenge (const GstSipChallenge * c)
{
  GString *out = g_string_new (SCHEME);

  append_quoted (out, "realm", c->realm);
  append_quoted (out, "nonce", c->nonce);
  append_quoted (out, "opaque", c->opaque);
  append_quoted (out, "domain", c->domain);
  append_quoted (out, "algorithm", c->algorithm_name);
  if (c->qop_present) {
    gchar *qop = qop_list (c->qop);

    append_quoted (out, "qop", qop);
    g_free (qop);
  }
  if (c->stale)
    append_token (out, "stale", "true");
  if (c->userhash)
    append_token (out, "userhash", "true");
  if (c->charset_utf8)
    append_token (out, "charset", "UTF-8");
  return g_string_free (out, FALSE);
}

static void
require_same_challenge (const GstSipChallenge * a, const GstSipChallenge * b)
{
  FUZZ_REQUIRE (g_strcmp0 (a->realm, b->realm) == 0);
  FUZZ_REQUIRE (g_strcmp0 (a->nonce, b->nonce) == 0);
  FUZZ_REQUIRE (g_strcmp0 (a->opaque, b->opaque) == 0);
  FUZZ_REQUIRE (g_strcmp0 (a->domain, b->domain) == 0);
  FUZZ_REQUIRE (g_strcmp0 (a->algorithm_name, b->algorithm_name) == 0);
  FUZZ_REQUIRE (a->algorithm == b->algorithm);
  FUZZ_REQUIRE (a->qop_present == b->qop_present);
  FUZZ_REQUIRE (a->qop == b->qop);
  FUZZ_REQUIRE (a->stale == b->stale);
  FUZZ_REQUIRE (a->userhash == b->userhash);
  FUZZ_REQUIRE (a->charset_utf8 == b->charset_utf8);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t * data, size_t size)
{
  GstSipChallenge challenge = { 0 }, again = { 0 };
  const gchar *reason = NULL;
  gchar *wire;

  if (!gst_sip_challenge_parse ((const gchar *) data, size, &challenge,
          &reason)) {
    FUZZ_REQUIRE (reason != NULL && challenge.realm == NULL);
    return 0;
  }
  FUZZ_REQUIRE (challenge.realm != NULL && challenge.nonce != NULL);
  FUZZ_REQUIRE (memchr (data, '\0', size) == NULL);

  wire = write_challenge (&challenge);
  if (!gst_sip_challenge_parse (wire, -1, &again, &reason)) {
    fprintf (stderr, "rewritten challenge refused (%s): %s\n", reason, wire);
    abort ();
  }
  require_same_challenge (&challenge, &again);

  g_free (wire);
  gst_sip_challenge_clear (&again);
  gst_sip_challenge_clear (&challenge);
  return 0;
}
