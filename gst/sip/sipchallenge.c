/* gst-jssip: SIP core
 *
 * Digest challenge parser. The grammar is RFC 7235 §2.1 / §4.1:
 *
 *   challenge  = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 *   auth-param = token BWS "=" BWS ( token / quoted-string )
 *
 * with the Digest parameters of RFC 7616 §3.3 (RFC 2617 §3.2.1, RFC 8760).
 * A header value may list several challenges; a new one starts where a
 * list element is a token not followed by "=".
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include <gst/sip/sipchallenge.h>

typedef struct
{
  const gchar *p;
  const gchar *end;
  const gchar *reason;
  guint n_params;
} Cursor;

static const struct
{
  GstSipDigestAlgorithm algorithm;
  const gchar *name;
} algorithm_names[] = {
  {GST_SIP_DIGEST_ALGORITHM_MD5, "MD5"},
  {GST_SIP_DIGEST_ALGORITHM_MD5_SESS, "MD5-sess"},
  {GST_SIP_DIGEST_ALGORITHM_SHA256, "SHA-256"},
  {GST_SIP_DIGEST_ALGORITHM_SHA256_SESS, "SHA-256-sess"},
  {GST_SIP_DIGEST_ALGORITHM_SHA512_256, "SHA-512-256"},
  {GST_SIP_DIGEST_ALGORITHM_SHA512_256_SESS, "SHA-512-256-sess"},
};

const gchar *
gst_sip_digest_algorithm_to_string (GstSipDigestAlgorithm alg)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (algorithm_names); i++) {
    if (algorithm_names[i].algorithm == alg)
      return algorithm_names[i].name;
  }
  return NULL;
}

static gboolean
slice_equal_ci (const gchar * str, gsize len, const gchar * literal)
{
  return strlen (literal) == len && g_ascii_strncasecmp (str, literal,
      len) == 0;
}

GstSipDigestAlgorithm
gst_sip_digest_algorithm_from_string (const gchar * str, gssize len)
{
  guint i;

  if (str == NULL)
    return GST_SIP_DIGEST_ALGORITHM_UNKNOWN;
  if (len < 0)
    len = strlen (str);

  for (i = 0; i < G_N_ELEMENTS (algorithm_names); i++) {
    if (slice_equal_ci (str, len, algorithm_names[i].name))
      return algorithm_names[i].algorithm;
  }
  return GST_SIP_DIGEST_ALGORITHM_UNKNOWN;
}

/* RFC 7230 §3.2.6 tchar */
static gboolean
is_tchar (guchar c)
{
  return g_ascii_isalnum (c) || (c != 0 && strchr ("!#$%&'*+-.^_`|~", c));
}

/* RFC 7235 §2.1 token68 characters, before the trailing "="s */
static gboolean
is_token68_char (guchar c)
{
  return g_ascii_isalnum (c) || (c != 0 && strchr ("-._~+/", c));
}

static gboolean
at_end (const Cursor * c)
{
  return c->p >= c->end;
}

static void
skip_ows (Cursor * c)
{
  while (!at_end (c) && (*c->p == ' ' || *c->p == '\t'))
    c->p++;
}

static gboolean
fail (Cursor * c, const gchar * reason)
{
  c->reason = reason;
  return FALSE;
}

/* Reads a token; returns its length, 0 if none is there. */
static gsize
read_token (Cursor * c, const gchar ** start)
{
  *start = c->p;
  while (!at_end (c) && is_tchar (*c->p))
    c->p++;
  return c->p - *start;
}

/* Reads a quoted-string (RFC 7230 §3.2.6) starting at the opening quote
 * and returns its content with quoted-pairs resolved. Control characters
 * other than HTAB are refused, escaped or not. */
static gchar *
read_quoted_string (Cursor * c)
{
  GString *value = g_string_new (NULL);

  c->p++;                       /* opening quote */
  while (!at_end (c) && *c->p != '"') {
    guchar ch = *c->p;

    if (ch == '\\') {
      c->p++;
      if (at_end (c))
        break;
      ch = *c->p;
    }
    if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
      g_string_free (value, TRUE);
      fail (c, "control character in quoted string");
      return NULL;
    }
    g_string_append_c (value, ch);
    c->p++;
  }
  if (at_end (c)) {
    g_string_free (value, TRUE);
    fail (c, "unterminated quoted string");
    return NULL;
  }
  c->p++;                       /* closing quote */
  return g_string_free (value, FALSE);
}

static gchar *
read_param_value (Cursor * c)
{
  const gchar *start;
  gsize len;

  if (!at_end (c) && *c->p == '"')
    return read_quoted_string (c);

  len = read_token (c, &start);
  if (len == 0) {
    fail (c, "parameter without a value");
    return NULL;
  }
  return g_strndup (start, len);
}

/* After a parameter or a token68: only the end or a list comma may follow. */
static gboolean
expect_element_end (Cursor * c)
{
  skip_ows (c);
  if (!at_end (c) && *c->p != ',')
    return fail (c, "expected a comma between challenge parameters");
  return TRUE;
}

typedef gboolean (*ParamFunc) (Cursor * c, const gchar * name, gsize name_len,
    gchar * value, gpointer user_data);

/* Parses the #auth-param list of one challenge, calling @func for each
 * parameter (the value is handed over). Stops at the end of the value or
 * before a token that is not followed by "=": the next challenge's scheme.
 * Empty list elements are allowed (RFC 7230 §7). */
static gboolean
parse_params (Cursor * c, ParamFunc func, gpointer user_data)
{
  for (;;) {
    const gchar *element, *name;
    gsize name_len;
    gchar *value;

    skip_ows (c);
    if (at_end (c))
      return TRUE;
    if (*c->p == ',') {
      c->p++;
      continue;
    }

    element = c->p;
    name_len = read_token (c, &name);
    if (name_len == 0)
      return fail (c, "expected a challenge parameter name");
    skip_ows (c);
    if (at_end (c) || *c->p != '=') {
      c->p = element;           /* the next challenge starts here */
      return TRUE;
    }
    c->p++;
    skip_ows (c);

    if (++c->n_params > GST_SIP_CHALLENGE_MAX_PARAMS)
      return fail (c, "too many challenge parameters");
    value = read_param_value (c);
    if (value == NULL)
      return FALSE;
    if (!func (c, name, name_len, value, user_data))
      return FALSE;
    if (!expect_element_end (c))
      return FALSE;
  }
}

static gboolean
ignore_param (Cursor * c, const gchar * name, gsize name_len, gchar * value,
    gpointer user_data)
{
  g_free (value);
  return TRUE;
}

/* Skips the body of a challenge of another scheme: a token68 (e.g.
 * "Negotiate a87421000492aa874209af8bc028") or a parameter list. */
static gboolean
skip_other_challenge (Cursor * c)
{
  const gchar *start;

  skip_ows (c);
  start = c->p;
  while (!at_end (c) && is_token68_char (*c->p))
    c->p++;
  if (c->p > start) {
    while (!at_end (c) && *c->p == '=')
      c->p++;
    skip_ows (c);
    if (at_end (c) || *c->p == ',')
      return TRUE;
  }
  c->p = start;
  return parse_params (c, ignore_param, NULL);
}

/* The Digest parameters we read. A repeated one is an error: two realms
 * or two nonces leave no way to know which one the server meant. */
typedef enum
{
  PARAM_REALM,
  PARAM_NONCE,
  PARAM_OPAQUE,
  PARAM_DOMAIN,
  PARAM_ALGORITHM,
  PARAM_QOP,
  PARAM_STALE,
  PARAM_USERHASH,
  PARAM_CHARSET,
  PARAM_UNKNOWN,
} DigestParam;

static const struct
{
  const gchar *name;
  const gchar *duplicate_reason;
} digest_params[] = {
  [PARAM_REALM] = {"realm", "duplicate realm in challenge"},
  [PARAM_NONCE] = {"nonce", "duplicate nonce in challenge"},
  [PARAM_OPAQUE] = {"opaque", "duplicate opaque in challenge"},
  [PARAM_DOMAIN] = {"domain", "duplicate domain in challenge"},
  [PARAM_ALGORITHM] = {"algorithm", "duplicate algorithm in challenge"},
  [PARAM_QOP] = {"qop", "duplicate qop in challenge"},
  [PARAM_STALE] = {"stale", "duplicate stale in challenge"},
  [PARAM_USERHASH] = {"userhash", "duplicate userhash in challenge"},
  [PARAM_CHARSET] = {"charset", "duplicate charset in challenge"},
};

typedef struct
{
  GstSipChallenge *out;
  guint seen;                   /* bit per DigestParam */
} DigestState;

static DigestParam
digest_param_from_name (const gchar * name, gsize len)
{
  guint i;

  for (i = 0; i < PARAM_UNKNOWN; i++) {
    if (slice_equal_ci (name, len, digest_params[i].name))
      return i;
  }
  return PARAM_UNKNOWN;
}

/* qop-options: a comma-separated list of tokens inside the quoted string
 * (RFC 7616 §3.3); options other than auth and auth-int are ignored. */
static GstSipQopFlags
parse_qop_options (const gchar * list)
{
  GstSipQopFlags flags = 0;
  gchar **options = g_strsplit (list, ",", -1);
  guint i;

  for (i = 0; options[i] != NULL; i++) {
    const gchar *option = g_strstrip (options[i]);

    if (g_ascii_strcasecmp (option, "auth") == 0)
      flags |= GST_SIP_QOP_AUTH;
    else if (g_ascii_strcasecmp (option, "auth-int") == 0)
      flags |= GST_SIP_QOP_AUTH_INT;
  }
  g_strfreev (options);
  return flags;
}

/* Takes ownership of @value. */
static void
store_digest_param (GstSipChallenge * out, DigestParam param, gchar * value)
{
  switch (param) {
    case PARAM_REALM:
      out->realm = value;
      return;
    case PARAM_NONCE:
      out->nonce = value;
      return;
    case PARAM_OPAQUE:
      out->opaque = value;
      return;
    case PARAM_DOMAIN:
      out->domain = value;
      return;
    case PARAM_ALGORITHM:
      out->algorithm = gst_sip_digest_algorithm_from_string (value, -1);
      out->algorithm_name = value;
      return;
    case PARAM_QOP:
      out->qop_present = TRUE;
      out->qop = parse_qop_options (value);
      break;
    case PARAM_STALE:
      /* RFC 7616 §3.3: any value other than "true" means false. */
      out->stale = g_ascii_strcasecmp (value, "true") == 0;
      break;
    case PARAM_USERHASH:
      out->userhash = g_ascii_strcasecmp (value, "true") == 0;
      break;
    case PARAM_CHARSET:
      out->charset_utf8 = g_ascii_strcasecmp (value, "UTF-8") == 0;
      break;
    case PARAM_UNKNOWN:
      break;
  }
  g_free (value);
}

static gboolean
take_digest_param (Cursor * c, const gchar * name, gsize name_len,
    gchar * value, gpointer user_data)
{
  DigestState *state = user_data;
  DigestParam param = digest_param_from_name (name, name_len);

  if (param != PARAM_UNKNOWN) {
    if (state->seen & (1u << param)) {
      g_free (value);
      return fail (c, digest_params[param].duplicate_reason);
    }
    state->seen |= 1u << param;
  }
  store_digest_param (state->out, param, value);
  return TRUE;
}

static gboolean
parse_digest (Cursor * c, GstSipChallenge * out)
{
  DigestState state = { out, 0 };

  out->algorithm = GST_SIP_DIGEST_ALGORITHM_MD5;
  if (!parse_params (c, take_digest_param, &state))
    return FALSE;
  if (out->realm == NULL)
    return fail (c, "Digest challenge without realm");
  if (out->nonce == NULL)
    return fail (c, "Digest challenge without nonce");
  return TRUE;
}

/* Reads an auth-scheme; it must be followed by whitespace, a comma or the
 * end of the value. */
static gboolean
read_scheme (Cursor * c, const gchar ** scheme, gsize * len)
{
  *len = read_token (c, scheme);
  if (*len == 0)
    return fail (c, "expected an authentication scheme");
  if (!at_end (c) && *c->p != ' ' && *c->p != '\t' && *c->p != ',')
    return fail (c, "malformed authentication scheme");
  return TRUE;
}

static gboolean
parse_challenges (Cursor * c, GstSipChallenge * out)
{
  for (;;) {
    const gchar *scheme;
    gsize scheme_len;

    while (!at_end (c) && (*c->p == ' ' || *c->p == '\t' || *c->p == ','))
      c->p++;
    if (at_end (c))
      return fail (c, "no Digest challenge");

    if (!read_scheme (c, &scheme, &scheme_len))
      return FALSE;
    if (slice_equal_ci (scheme, scheme_len, "Digest"))
      return parse_digest (c, out);
    if (!skip_other_challenge (c))
      return FALSE;
  }
}

gboolean
gst_sip_challenge_parse (const gchar * value, gssize len,
    GstSipChallenge * out, const gchar ** reason)
{
  Cursor c = { 0, };

  g_return_val_if_fail (out != NULL, FALSE);
  memset (out, 0, sizeof (*out));

  if (value == NULL) {
    fail (&c, "no challenge");
  } else {
    if (len < 0)
      len = strlen (value);
    c.p = value;
    c.end = value + len;
    if (len > GST_SIP_CHALLENGE_MAX_LENGTH)
      fail (&c, "challenge too long");
    else if (memchr (value, '\0', len) != NULL)
      fail (&c, "NUL byte in challenge");
    else
      parse_challenges (&c, out);
  }

  if (c.reason != NULL) {
    gst_sip_challenge_clear (out);
    if (reason)
      *reason = c.reason;
    return FALSE;
  }
  return TRUE;
}

void
gst_sip_challenge_clear (GstSipChallenge * challenge)
{
  g_return_if_fail (challenge != NULL);

  g_free (challenge->realm);
  g_free (challenge->nonce);
  g_free (challenge->opaque);
  g_free (challenge->domain);
  g_free (challenge->algorithm_name);
  memset (challenge, 0, sizeof (*challenge));
}
