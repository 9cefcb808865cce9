/* gst-jssip: SIP core
 *
 * name-addr / addr-spec with header parameters (RFC 3261 §20.10, §25.1):
 *   [ display-name ] "<" URI ">" *( ";" param )
 *   addr-spec *( ";" param )
 * Without angle brackets every ';' parameter belongs to the header, not to
 * the URI (§20.10), so the URI ends at the first ';'.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/sip/sipuri.h>
#include "sipsyntax.h"

#include <string.h>

/* Removes the quotes and quoted-pair backslashes of a quoted-string. */
static gchar *
unquote (GstSipArena * arena, const gchar * start, const gchar * end)
{
  gchar *copy = gst_sip_arena_alloc (arena, end - start + 1);
  gchar *w = copy;
  const gchar *p;

  for (p = start + 1; p < end - 1; p++) {
    if (*p == '\\')
      p++;
    *w++ = *p;
  }
  *w = '\0';
  return copy;
}

/* token *(LWS token): returns the end of the run, which must be '<'. */
static const gchar *
scan_token_display_name (const gchar * p, const gchar * end)
{
  while (p < end && (GST_SIP_CC_IS (*p, GST_SIP_CC_TOKEN)
          || GST_SIP_CC_IS (*p, GST_SIP_CC_WS)))
    p++;
  return p;
}

gboolean
gst_sip_name_addr_parse_into (GstSipArena * arena, const gchar * str,
    gssize len, GstSipNameAddr * out, const gchar ** reason)
{
  const gchar *p, *end, *uri_start, *uri_end, *after;

  memset (out, 0, sizeof (*out));
  if (str == NULL) {
    *reason = "Bad address";
    return FALSE;
  }
  if (len < 0)
    len = strlen (str);
  end = gst_sip_trim_end (str, str + len);
  p = gst_sip_skip_ws (str, end);

  if (p < end && *p == '"') {
    const gchar *close = gst_sip_skip_quoted (p, end);

    if (close == NULL) {
      *reason = "Unterminated quoted string";
      return FALSE;
    }
    out->display_name = unquote (arena, p, close);
    p = gst_sip_skip_ws (close, end);
    if (p == end || *p != '<')
      goto bad;
  } else {
    const gchar *run_end = scan_token_display_name (p, end);

    if (run_end < end && *run_end == '<') {
      const gchar *name_end = gst_sip_trim_end (p, run_end);

      if (name_end > p)
        out->display_name = gst_sip_arena_strndup (arena, p, name_end - p);
      p = run_end;
    }
  }

  if (p < end && *p == '<') {
    uri_start = p + 1;
    uri_end = memchr (uri_start, '>', end - uri_start);
    if (uri_end == NULL)
      goto bad;
    after = uri_end + 1;
  } else {
    /* addr-spec: the URI runs to the first ';' or whitespace. */
    uri_start = p;
    for (uri_end = p; uri_end < end && *uri_end != ';'
        && !GST_SIP_CC_IS (*uri_end, GST_SIP_CC_WS); uri_end++);
    after = uri_end;
  }

  if (!gst_sip_uri_parse_into (arena, uri_start, uri_end - uri_start,
          &out->uri, reason))
    return FALSE;
  return gst_sip_parse_generic_params (arena, after, end, &out->params,
      &out->n_params, reason);

bad:
  *reason = "Bad address";
  return FALSE;
}

void
gst_sip_name_addr_copy_into (GstSipArena * arena, const GstSipNameAddr * src,
    GstSipNameAddr * dest)
{
  dest->display_name = gst_sip_arena_strdup (arena, src->display_name);
  gst_sip_uri_copy_into (arena, &src->uri, &dest->uri);
  dest->params = gst_sip_params_copy (arena, src->params, src->n_params);
  dest->n_params = src->n_params;
}

static void
append_quoted (GString * out, const gchar * s)
{
  g_string_append_c (out, '"');
  for (; *s; s++) {
    if (*s == '"' || *s == '\\')
      g_string_append_c (out, '\\');
    g_string_append_c (out, *s);
  }
  g_string_append_c (out, '"');
}

void
gst_sip_name_addr_append (const GstSipNameAddr * na, GString * out)
{
  if (na->display_name && na->display_name[0]) {
    append_quoted (out, na->display_name);
    g_string_append_c (out, ' ');
  }
  g_string_append_c (out, '<');
  gst_sip_uri_append (&na->uri, out);
  g_string_append_c (out, '>');
  gst_sip_append_params (out, na->params, na->n_params);
}

gchar *
gst_sip_name_addr_to_string (const GstSipNameAddr * na)
{
  GString *out = g_string_sized_new (96);

  gst_sip_name_addr_append (na, out);
  return g_string_free (out, FALSE);
}

const gchar *
gst_sip_name_addr_get_param (const GstSipNameAddr * na, const gchar * name)
{
  const GstSipParam *param = gst_sip_params_find (na->params, na->n_params,
      name);

  return param ? param->value : NULL;
}
