/* gst-jssip: SIP core
 *
 * Lexical helpers shared by the URI, name-addr, Via and message parsers.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sipsyntax.h"
#include <gst/sip/sipmessage.h>

#include <string.h>

#define T GST_SIP_CC_TOKEN
#define W GST_SIP_CC_WS
#define X GST_SIP_CC_HEX
#define U GST_SIP_CC_URI
#define H GST_SIP_CC_HOST
#define D GST_SIP_CC_DIGIT

/* token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" /
 *            "'" / "~")
 * URI characters: unreserved / reserved / "%" / "[" / "]" (§19.1.1, with
 * IPv6 references); a URI never holds SP, controls, '"', '<', '>', '\\',
 * '^', '{', '|', '}'. '`' is excluded too. Host characters accept '_'
 * beyond §25.1 because deployed servers use it. */
const guint8 gst_sip_char_class[256] = {
  ['\t'] = W,[' '] = W,
  ['!'] = T | U,['%'] = T | U,['\''] = T | U,['*'] = T | U,['+'] = T | U,
  ['-'] = T | U | H,['.'] = T | U | H,['_'] = T | U | H,['`'] = T,
  ['~'] = T | U,
  ['#'] = 0,['$'] = U,['&'] = U,['('] = U,[')'] = U,[','] = U,['/'] = U,
  [':'] = U,[';'] = U,['='] = U,['?'] = U,['@'] = U,['['] = U,[']'] = U,
  ['0'] = T | U | H | X | D,['1'] = T | U | H | X | D,
  ['2'] = T | U | H | X | D,['3'] = T | U | H | X | D,
  ['4'] = T | U | H | X | D,['5'] = T | U | H | X | D,
  ['6'] = T | U | H | X | D,['7'] = T | U | H | X | D,
  ['8'] = T | U | H | X | D,['9'] = T | U | H | X | D,
  ['A'] = T | U | H | X,['B'] = T | U | H | X,['C'] = T | U | H | X,
  ['D'] = T | U | H | X,['E'] = T | U | H | X,['F'] = T | U | H | X,
  ['G'] = T | U | H,['H'] = T | U | H,['I'] = T | U | H,['J'] = T | U | H,
  ['K'] = T | U | H,['L'] = T | U | H,['M'] = T | U | H,['N'] = T | U | H,
  ['O'] = T | U | H,['P'] = T | U | H,['Q'] = T | U | H,['R'] = T | U | H,
  ['S'] = T | U | H,['T'] = T | U | H,['U'] = T | U | H,['V'] = T | U | H,
  ['W'] = T | U | H,['X'] = T | U | H,['Y'] = T | U | H,['Z'] = T | U | H,
  ['a'] = T | U | H | X,['b'] = T | U | H | X,['c'] = T | U | H | X,
  ['d'] = T | U | H | X,['e'] = T | U | H | X,['f'] = T | U | H | X,
  ['g'] = T | U | H,['h'] = T | U | H,['i'] = T | U | H,['j'] = T | U | H,
  ['k'] = T | U | H,['l'] = T | U | H,['m'] = T | U | H,['n'] = T | U | H,
  ['o'] = T | U | H,['p'] = T | U | H,['q'] = T | U | H,['r'] = T | U | H,
  ['s'] = T | U | H,['t'] = T | U | H,['u'] = T | U | H,['v'] = T | U | H,
  ['w'] = T | U | H,['x'] = T | U | H,['y'] = T | U | H,['z'] = T | U | H,
};

#undef T
#undef W
#undef X
#undef U
#undef H
#undef D

const gchar *
gst_sip_skip_quoted (const gchar * p, const gchar * end)
{
  /* A NUL is refused even where RFC 3261 §25.1's quoted-pair would allow
   * it: every value is handed on as a C string, which it would cut short. */
  for (p++; p < end; p++) {
    if (*p == '"')
      return p + 1;
    if (*p == '\0')
      return NULL;
    if (*p == '\\') {
      p++;
      if (p == end || *p == '\0')
        return NULL;
    }
  }
  return NULL;
}

gboolean
gst_sip_parse_uint (const gchar * p, const gchar * end, guint64 max,
    guint64 * value)
{
  guint64 v = 0;

  if (p == end)
    return FALSE;
  for (; p < end; p++) {
    if (!GST_SIP_CC_IS (*p, GST_SIP_CC_DIGIT))
      return FALSE;
    v = v * 10 + (guint) (*p - '0');
    if (v > max)
      return FALSE;
  }
  *value = v;
  return TRUE;
}

const gchar *
gst_sip_scan_hostport (const gchar * p, const gchar * end,
    const gchar ** host_end, guint16 * port)
{
  const gchar *start = p;

  if (p < end && *p == '[') {
    /* IPv6reference: hex digits, ':' and '.' for an embedded IPv4. */
    for (p++; p < end && (GST_SIP_CC_IS (*p, GST_SIP_CC_HEX) || *p == ':'
            || *p == '.'); p++);
    if (p == end || *p != ']' || p - start < 3)
      return NULL;
    p++;
  } else {
    while (p < end && GST_SIP_CC_IS (*p, GST_SIP_CC_HOST))
      p++;
    if (p == start)
      return NULL;
  }
  *host_end = p;
  *port = 0;

  if (p < end && *p == ':') {
    const gchar *digits = ++p;
    guint64 v;

    while (p < end && GST_SIP_CC_IS (*p, GST_SIP_CC_DIGIT))
      p++;
    if (!gst_sip_parse_uint (digits, p, 65535, &v) || v == 0)
      return NULL;
    *port = v;
  }
  return p;
}

static const gchar *
parse_param_value (const gchar * p, const gchar * end)
{
  if (p < end && *p == '"')
    return gst_sip_skip_quoted (p, end);
  if (p < end && *p == '[') {
    /* RFC 3261 §25.1 IPv6reference: hex digits, ':' and '.' only, so no
     * NUL or other byte can ride inside the brackets. */
    for (p++; p < end && (g_ascii_isxdigit (*p) || *p == ':' || *p == '.');
        p++);
    return p < end && *p == ']' ? p + 1 : NULL;
  }
  /* token or host; ':' lets a host:port-like value through (e.g.
   * "received" carries a bare address, some stacks add ports). */
  while (p < end && (GST_SIP_CC_IS (*p, GST_SIP_CC_TOKEN) || *p == ':'))
    p++;
  return p;
}

gboolean
gst_sip_parse_generic_params (GstSipArena * arena, const gchar * p,
    const gchar * end, GstSipParam ** params, guint * n_params,
    const gchar ** reason)
{
  guint upper = 0, n = 0;
  const gchar *s;
  GstSipParam *out;

  *params = NULL;
  *n_params = 0;

  /* Upper bound of the count (';' inside quoted values over-counts). */
  for (s = p; (s = memchr (s, ';', end - s)) != NULL; s++)
    upper++;
  p = gst_sip_skip_ws (p, end);
  if (upper == 0) {
    if (p != end) {
      *reason = "Bad header parameters";
      return FALSE;
    }
    return TRUE;
  }
  out = gst_sip_arena_alloc (arena,
      MIN (upper, GST_SIP_MAX_PARAMS) * sizeof (GstSipParam));

  while (p < end) {
    const gchar *name, *name_end, *value, *value_end;

    if (*p != ';')
      goto bad;
    p = gst_sip_skip_ws (p + 1, end);
    name = p;
    while (p < end && GST_SIP_CC_IS (*p, GST_SIP_CC_TOKEN))
      p++;
    name_end = p;
    if (name == name_end)
      goto bad;
    if (n == GST_SIP_MAX_PARAMS) {
      *reason = "Too many parameters";
      return FALSE;
    }
    out[n].name = gst_sip_arena_strndup (arena, name, name_end - name);
    out[n].value = NULL;
    p = gst_sip_skip_ws (p, end);
    if (p < end && *p == '=') {
      value = gst_sip_skip_ws (p + 1, end);
      value_end = parse_param_value (value, end);
      if (value_end == NULL) {
        *reason = "Unterminated quoted string";
        return FALSE;
      }
      if (value_end == value)
        goto bad;
      out[n].value = gst_sip_arena_strndup (arena, value, value_end - value);
      p = gst_sip_skip_ws (value_end, end);
    }
    n++;
  }
  *params = out;
  *n_params = n;
  return TRUE;

bad:
  *reason = "Bad header parameters";
  return FALSE;
}

void
gst_sip_append_params (GString * out, const GstSipParam * params,
    guint n_params)
{
  guint i;

  for (i = 0; i < n_params; i++) {
    g_string_append_c (out, ';');
    g_string_append (out, params[i].name);
    if (params[i].value) {
      g_string_append_c (out, '=');
      g_string_append (out, params[i].value);
    }
  }
}

GstSipParam *
gst_sip_params_copy (GstSipArena * arena, const GstSipParam * params,
    guint n_params)
{
  GstSipParam *copy;
  guint i;

  if (n_params == 0)
    return NULL;
  copy = gst_sip_arena_alloc (arena, n_params * sizeof (GstSipParam));
  for (i = 0; i < n_params; i++) {
    copy[i].name = gst_sip_arena_strdup (arena, params[i].name);
    copy[i].value = gst_sip_arena_strdup (arena, params[i].value);
  }
  return copy;
}

const GstSipParam *
gst_sip_params_find (const GstSipParam * params, guint n_params,
    const gchar * name)
{
  gsize len = strlen (name);
  guint i;

  /* Comparing the terminating NUL too makes it a whole-name match; the
   * compare stops at the first difference, so never reads past a shorter
   * name. */
  for (i = 0; i < n_params; i++) {
    if (gst_sip_ascii_case_equal (params[i].name, name, len + 1))
      return &params[i];
  }
  return NULL;
}
