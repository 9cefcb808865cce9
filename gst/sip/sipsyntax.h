/* gst-jssip: SIP core (private)
 *
 * Lexical helpers shared by the parsers of the core: character classes
 * of RFC 3261 §25.1, whitespace, quoted strings, generic parameters and
 * host[:port]. Not installed; not API.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_SIP_SYNTAX_H__
#define __GST_SIP_SYNTAX_H__

#include <gst/sip/siparena.h>
#include <gst/sip/sipuri.h>

G_BEGIN_DECLS

enum
{
  GST_SIP_CC_TOKEN = 1 << 0,    /* token (§25.1) */
  GST_SIP_CC_WS = 1 << 1,       /* SP / HTAB */
  GST_SIP_CC_HEX = 1 << 2,
  GST_SIP_CC_URI = 1 << 3,      /* may appear unescaped somewhere in a URI */
  GST_SIP_CC_HOST = 1 << 4,     /* hostname / IPv4 character */
  GST_SIP_CC_DIGIT = 1 << 5,
};

extern const guint8 gst_sip_char_class[256];

#define GST_SIP_CC_IS(c, cls) ((gst_sip_char_class[(guint8) (c)] & (cls)) != 0)

/* Case-insensitive equality of @len ASCII bytes, inlined: name lookups
 * are on the hot path and g_ascii_strncasecmp() is a call per string
 * plus a call per character. */
static inline gboolean
gst_sip_ascii_case_equal (const gchar * a, const gchar * b, gsize len)
{
  gsize i;

  for (i = 0; i < len; i++) {
    guchar ca = a[i], cb = b[i];

    if (ca != cb) {
      if (ca >= 'A' && ca <= 'Z')
        ca |= 0x20;
      if (cb >= 'A' && cb <= 'Z')
        cb |= 0x20;
      if (ca != cb)
        return FALSE;
    }
  }
  return TRUE;
}

static inline const gchar *
gst_sip_skip_ws (const gchar * p, const gchar * end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

/* Returns the end of [start, end) with trailing SP/HTAB removed. */
static inline const gchar *
gst_sip_trim_end (const gchar * start, const gchar * end)
{
  while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  return end;
}

/* @p points at a '"'. Returns the position just after the closing quote,
 * or NULL if the string is unterminated (§25.1 quoted-string with
 * quoted-pair). */
const gchar *gst_sip_skip_quoted (const gchar * p, const gchar * end);

/* Parses *( SEMI generic-param ) from @p to @end (§25.1; values are token,
 * host or quoted-string, kept as on the wire). Only whitespace may follow.
 * Sets @params to NULL when there are none. */
gboolean gst_sip_parse_generic_params (GstSipArena * arena, const gchar * p,
    const gchar * end, GstSipParam ** params, guint * n_params,
    const gchar ** reason);

/* Scans host [":" port] at the start of [p, end): the host is
 * [p, *host_end) (IPv6 references keep their brackets). Returns the
 * position after the port, or NULL if malformed. */
const gchar *gst_sip_scan_hostport (const gchar * p, const gchar * end,
    const gchar ** host_end, guint16 * port);

/* ";name=value" for each parameter. */
void gst_sip_append_params (GString * out, const GstSipParam * params,
    guint n_params);

/* Deep copy into @arena; NULL when @n_params is 0. */
GstSipParam *gst_sip_params_copy (GstSipArena * arena,
    const GstSipParam * params, guint n_params);

/* Case-insensitive lookup by name; returns the param or NULL. */
const GstSipParam *gst_sip_params_find (const GstSipParam * params,
    guint n_params, const gchar * name);

/* Parses 1*DIGIT in [p, end) into @value; fails on anything else or on a
 * value above @max. */
gboolean gst_sip_parse_uint (const gchar * p, const gchar * end, guint64 max,
    guint64 * value);

G_END_DECLS

#endif
