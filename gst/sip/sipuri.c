/* gst-jssip: SIP core
 *
 * SIP/SIPS URIs (RFC 3261 §19.1) and tel URIs (RFC 3966): parsing,
 * serialisation and §19.1.4 comparison.
 *
 * The parser copies the URI once into the arena and cuts it in place:
 * every delimiter it passes (':', '@', ';', '=', '?', '&') becomes the NUL
 * that ends the previous component.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/sip/sipuri.h>
#include <gst/sip/sipmessage.h>
#include "sipsyntax.h"

#include <string.h>

G_DEFINE_QUARK (gst_sip_uri_error_quark, gst_sip_uri_error);

typedef struct
{
  const gchar *prefix;
  gsize len;
  GstSipUriScheme scheme;
} SchemeInfo;

static const SchemeInfo schemes[] = {
  {"sip:", 4, GST_SIP_URI_SCHEME_SIP},
  {"sips:", 5, GST_SIP_URI_SCHEME_SIPS},
  {"tel:", 4, GST_SIP_URI_SCHEME_TEL},
};

static const gchar *
scheme_prefix (GstSipUriScheme scheme)
{
  return schemes[scheme].prefix;
}

/* Every byte must be a URI character, and every '%' must start an escape. */
static gboolean
uri_chars_valid (const gchar * p, const gchar * end)
{
  for (; p < end; p++) {
    if (!GST_SIP_CC_IS (*p, GST_SIP_CC_URI))
      return FALSE;
    if (*p == '%') {
      if (end - p < 3 || !GST_SIP_CC_IS (p[1], GST_SIP_CC_HEX)
          || !GST_SIP_CC_IS (p[2], GST_SIP_CC_HEX))
        return FALSE;
      p += 2;
    }
  }
  return TRUE;
}

static guint
count_char (const gchar * p, const gchar * end, gchar c)
{
  guint n = 0;

  while ((p = memchr (p, c, end - p)) != NULL) {
    n++;
    p++;
  }
  return n;
}

/* Splits [p, end) at @sep into name[=value] pairs, in place. */
static gboolean
split_pairs (GstSipArena * arena, gchar * p, gchar * end, gchar sep,
    GstSipParam ** out, guint * n_out)
{
  guint n = count_char (p, end, sep) + 1, i;
  GstSipParam *pairs;

  if (n > GST_SIP_MAX_PARAMS)
    return FALSE;
  pairs = gst_sip_arena_alloc (arena, n * sizeof (GstSipParam));
  for (i = 0; i < n; i++) {
    gchar *next = memchr (p, sep, end - p);
    gchar *item_end = next ? next : end;
    gchar *eq = memchr (p, '=', item_end - p);

    *item_end = '\0';
    if (eq) {
      *eq = '\0';
      pairs[i].value = eq + 1;
    } else {
      pairs[i].value = NULL;
    }
    pairs[i].name = p;
    if (*p == '\0')
      return FALSE;
    p = item_end + 1;
  }
  *out = pairs;
  *n_out = n;
  return TRUE;
}

/* Parameters start at a ';' and run to the '?' of the headers (@q, NULL
 * if none) or to @end. */
static gboolean
parse_params_and_headers (GstSipArena * arena, gchar * p, gchar * q,
    gchar * end, GstSipUri * out)
{
  gchar *params_end = q ? q : end;

  if (p < params_end) {
    if (*p != ';')
      return FALSE;
    if (!split_pairs (arena, p + 1, params_end, ';', &out->params,
            &out->n_params))
      return FALSE;
  }
  if (q && !split_pairs (arena, q + 1, end, '&', &out->headers,
          &out->n_headers))
    return FALSE;
  return TRUE;
}

static gboolean
parse_tel (GstSipArena * arena, gchar * p, gchar * end, GstSipUri * out)
{
  gchar *semi = memchr (p, ';', end - p);
  gchar *number_end = semi ? semi : end;

  if (number_end == p || memchr (p, '?', end - p) != NULL)
    return FALSE;
  out->user = p;
  if (semi && !split_pairs (arena, semi + 1, end, ';', &out->params,
          &out->n_params))
    return FALSE;
  *number_end = '\0';
  return TRUE;
}

static gboolean
parse_sip (GstSipArena * arena, gchar * p, gchar * end, GstSipUri * out)
{
  gchar *q = memchr (p, '?', end - p);
  gchar *at = memchr (p, '@', (q ? q : end) - p);
  const gchar *after_host, *host_end;

  if (at) {
    gchar *colon = memchr (p, ':', at - p);

    if (at == p || colon == p)
      return FALSE;
    out->user = p;
    if (colon) {
      *colon = '\0';
      out->password = colon + 1;
    }
    *at = '\0';
    p = at + 1;
  }

  after_host = gst_sip_scan_hostport (p, end, &host_end, &out->port);
  if (after_host == NULL)
    return FALSE;
  out->host = p;
  if (!parse_params_and_headers (arena, (gchar *) after_host, q, end, out))
    return FALSE;
  /* Cut last: the byte after the host is a delimiter already consumed. */
  *(gchar *) host_end = '\0';
  return TRUE;
}

gboolean
gst_sip_uri_parse_into (GstSipArena * arena, const gchar * str, gssize len,
    GstSipUri * out, const gchar ** reason)
{
  const SchemeInfo *scheme = NULL;
  gchar *copy;
  guint i;
  gboolean ok;

  memset (out, 0, sizeof (*out));
  if (str == NULL) {
    *reason = "Bad URI";
    return FALSE;
  }
  if (len < 0)
    len = strlen (str);
  if (len > GST_SIP_MAX_HEADER_LENGTH) {
    *reason = "URI too long";
    return FALSE;
  }

  for (i = 0; i < G_N_ELEMENTS (schemes); i++) {
    if ((gsize) len >= schemes[i].len
        && gst_sip_ascii_case_equal (str, schemes[i].prefix, schemes[i].len)) {
      scheme = &schemes[i];
      break;
    }
  }
  if (scheme == NULL) {
    *reason = "Unsupported URI Scheme";
    return FALSE;
  }
  out->scheme = scheme->scheme;
  str += scheme->len;
  len -= scheme->len;

  if (len == 0 || !uri_chars_valid (str, str + len)) {
    *reason = "Bad URI";
    return FALSE;
  }

  copy = gst_sip_arena_strndup (arena, str, len);
  if (out->scheme == GST_SIP_URI_SCHEME_TEL)
    ok = parse_tel (arena, copy, copy + len, out);
  else
    ok = parse_sip (arena, copy, copy + len, out);
  if (!ok) {
    memset (out, 0, sizeof (*out));
    *reason = "Bad URI";
  }
  return ok;
}

/* A standalone URI: the struct and its strings share one arena. */
typedef struct
{
  GstSipUri uri;
  GstSipArena *arena;
} OwnedUri;

static OwnedUri *
owned_uri_new (void)
{
  GstSipArena *arena = gst_sip_arena_new (512);
  OwnedUri *owned = gst_sip_arena_alloc0 (arena, sizeof (OwnedUri));

  owned->arena = arena;
  return owned;
}

GstSipUri *
gst_sip_uri_new_parse (const gchar * str, GError ** error)
{
  OwnedUri *owned = owned_uri_new ();
  const gchar *reason = NULL;

  if (!gst_sip_uri_parse_into (owned->arena, str, -1, &owned->uri, &reason)) {
    g_set_error (error, GST_SIP_URI_ERROR, GST_SIP_URI_ERROR_PARSE,
        "%s: %s", reason, str ? str : "(null)");
    gst_sip_arena_free (owned->arena);
    return NULL;
  }
  return &owned->uri;
}

void
gst_sip_uri_copy_into (GstSipArena * arena, const GstSipUri * src,
    GstSipUri * dest)
{
  dest->scheme = src->scheme;
  dest->user = gst_sip_arena_strdup (arena, src->user);
  dest->password = gst_sip_arena_strdup (arena, src->password);
  dest->host = gst_sip_arena_strdup (arena, src->host);
  dest->port = src->port;
  dest->params = gst_sip_params_copy (arena, src->params, src->n_params);
  dest->n_params = src->n_params;
  dest->headers = gst_sip_params_copy (arena, src->headers, src->n_headers);
  dest->n_headers = src->n_headers;
}

GstSipUri *
gst_sip_uri_copy (const GstSipUri * uri)
{
  OwnedUri *owned;

  g_return_val_if_fail (uri != NULL, NULL);
  owned = owned_uri_new ();
  gst_sip_uri_copy_into (owned->arena, uri, &owned->uri);
  return &owned->uri;
}

void
gst_sip_uri_free (GstSipUri * uri)
{
  if (uri != NULL)
    gst_sip_arena_free (((OwnedUri *) uri)->arena);
}

void
gst_sip_uri_append (const GstSipUri * uri, GString * out)
{
  guint i;

  g_string_append (out, scheme_prefix (uri->scheme));
  if (uri->scheme == GST_SIP_URI_SCHEME_TEL) {
    g_string_append (out, uri->user ? uri->user : "");
    gst_sip_append_params (out, uri->params, uri->n_params);
    return;
  }
  if (uri->user) {
    g_string_append (out, uri->user);
    if (uri->password) {
      g_string_append_c (out, ':');
      g_string_append (out, uri->password);
    }
    g_string_append_c (out, '@');
  }
  g_string_append (out, uri->host ? uri->host : "");
  if (uri->port)
    g_string_append_printf (out, ":%u", uri->port);
  gst_sip_append_params (out, uri->params, uri->n_params);
  for (i = 0; i < uri->n_headers; i++) {
    g_string_append_c (out, i == 0 ? '?' : '&');
    g_string_append (out, uri->headers[i].name);
    if (uri->headers[i].value) {
      g_string_append_c (out, '=');
      g_string_append (out, uri->headers[i].value);
    }
  }
}

gchar *
gst_sip_uri_to_string (const GstSipUri * uri)
{
  GString *out = g_string_sized_new (64);

  gst_sip_uri_append (uri, out);
  return g_string_free (out, FALSE);
}

const gchar *
gst_sip_uri_get_param (const GstSipUri * uri, const gchar * name)
{
  const GstSipParam *param = gst_sip_params_find (uri->params, uri->n_params,
      name);

  return param ? param->value : NULL;
}

gboolean
gst_sip_uri_has_param (const GstSipUri * uri, const gchar * name)
{
  return gst_sip_params_find (uri->params, uri->n_params, name) != NULL;
}

/* §19.1.4 comparison helpers */

static inline gint
hex_value (gchar c)
{
  return g_ascii_xdigit_value (c);
}

/* Next character of a %-escaped string, decoded; advances *p. */
static inline guchar
next_unescaped (const gchar ** p)
{
  const gchar *s = *p;

  if (s[0] == '%' && g_ascii_isxdigit (s[1]) && g_ascii_isxdigit (s[2])) {
    *p = s + 3;
    return (guchar) (hex_value (s[1]) << 4 | hex_value (s[2]));
  }
  *p = s + 1;
  return (guchar) s[0];
}

/* Equality after %-decoding both sides ("%61lice" equals "alice"). */
static gboolean
unescaped_equal (const gchar * a, const gchar * b, gboolean ignore_case)
{
  if (a == NULL || b == NULL)
    return a == b;
  while (*a && *b) {
    guchar ca = next_unescaped (&a);
    guchar cb = next_unescaped (&b);

    if (ignore_case) {
      ca = g_ascii_tolower (ca);
      cb = g_ascii_tolower (cb);
    }
    if (ca != cb)
      return FALSE;
  }
  return *a == '\0' && *b == '\0';
}

/* Parameters that must match when present in either URI (§19.1.4). */
static gboolean
is_strict_param (const gchar * name)
{
  static const gchar *const strict[] = {
    "user", "ttl", "method", "maddr", "transport"
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (strict); i++) {
    if (g_ascii_strcasecmp (name, strict[i]) == 0)
      return TRUE;
  }
  return FALSE;
}

static gboolean
param_values_equal (const GstSipParam * a, const GstSipParam * b)
{
  return unescaped_equal (a->value ? a->value : "", b->value ? b->value : "",
      TRUE);
}

typedef enum
{
  PARAM_ABSENT,
  PARAM_DIFFERENT,
  PARAM_EQUAL,
} ParamMatch;

/* Looks @param up in @params by name; a repeated name matches if any of
 * its values does, which keeps the comparison reflexive. */
static ParamMatch
match_param (const GstSipParam * param, const GstSipParam * params, guint n)
{
  ParamMatch match = PARAM_ABSENT;
  guint i;

  for (i = 0; i < n; i++) {
    if (!unescaped_equal (params[i].name, param->name, TRUE))
      continue;
    if (param_values_equal (param, &params[i]))
      return PARAM_EQUAL;
    match = PARAM_DIFFERENT;
  }
  return match;
}

/* Checks every param of @a against @b; @all_strict makes every param
 * mandatory in both (URI headers, tel parameters). */
static gboolean
params_match_one_way (const GstSipParam * a, guint n_a,
    const GstSipParam * b, guint n_b, gboolean all_strict)
{
  guint i;

  for (i = 0; i < n_a; i++) {
    switch (match_param (&a[i], b, n_b)) {
      case PARAM_EQUAL:
        break;
      case PARAM_DIFFERENT:
        return FALSE;
      case PARAM_ABSENT:
        if (all_strict || is_strict_param (a[i].name))
          return FALSE;
        break;
    }
  }
  return TRUE;
}

static gboolean
params_match (const GstSipParam * a, guint n_a, const GstSipParam * b,
    guint n_b, gboolean all_strict)
{
  return params_match_one_way (a, n_a, b, n_b, all_strict)
      && params_match_one_way (b, n_b, a, n_a, all_strict);
}

/* RFC 3966 §4: visual separators do not count in a telephone number. */
static gboolean
tel_numbers_equal (const gchar * a, const gchar * b)
{
  static const gchar separators[] = "-.()";

  for (;;) {
    while (*a && strchr (separators, *a))
      a++;
    while (*b && strchr (separators, *b))
      b++;
    if (*a == '\0' || *b == '\0')
      return *a == *b;
    if (g_ascii_tolower (*a) != g_ascii_tolower (*b))
      return FALSE;
    a++;
    b++;
  }
}

gboolean
gst_sip_uri_equal (const GstSipUri * a, const GstSipUri * b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->scheme != b->scheme)
    return FALSE;
  if (a->scheme == GST_SIP_URI_SCHEME_TEL)
    return a->user && b->user && tel_numbers_equal (a->user, b->user)
        && params_match (a->params, a->n_params, b->params, b->n_params, TRUE);

  /* User and password are case-sensitive, host is not; a default port
   * or parameter value does not match an absent one. */
  return unescaped_equal (a->user, b->user, FALSE)
      && unescaped_equal (a->password, b->password, FALSE)
      && unescaped_equal (a->host, b->host, TRUE)
      && a->port == b->port
      && params_match (a->params, a->n_params, b->params, b->n_params, FALSE)
      && params_match (a->headers, a->n_headers, b->headers, b->n_headers,
      TRUE);
}
