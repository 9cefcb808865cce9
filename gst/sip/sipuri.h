/* gst-jssip: SIP core
 *
 * SIP, SIPS and tel URIs (RFC 3261 §19.1, RFC 3966) and name-addr /
 * addr-spec values (RFC 3261 §25.1: From, To, Contact, Route...).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_SIP_URI_H__
#define __GST_SIP_URI_H__

#include <glib.h>
#include <gst/sip/siparena.h>

G_BEGIN_DECLS

typedef enum
{
  GST_SIP_URI_SCHEME_SIP,
  GST_SIP_URI_SCHEME_SIPS,
  GST_SIP_URI_SCHEME_TEL,
} GstSipUriScheme;

/* One ";name=value" parameter or "?name=value" URI header. @value is NULL
 * for a flag parameter such as ";lr". Strings are stored as they appear on
 * the wire (still %-escaped) so that serialisation is faithful;
 * comparison unescapes. */
typedef struct
{
  const gchar *name;
  const gchar *value;
} GstSipParam;

typedef struct
{
  GstSipUriScheme scheme;
  const gchar *user;            /* NULL if absent; for tel: the number */
  const gchar *password;        /* NULL if absent */
  const gchar *host;            /* IPv6 references keep their brackets; NULL for tel */
  guint16 port;                 /* 0 if absent */
  GstSipParam *params;
  guint n_params;
  GstSipParam *headers;         /* "?Replaces=..." */
  guint n_headers;
} GstSipUri;

/* Parsing into an arena: all strings and arrays of @out live in @arena.
 * On failure returns FALSE and sets @reason to a static string suitable
 * for a 400 reason phrase. @len may be -1 for a NUL-terminated string. */
gboolean gst_sip_uri_parse_into (GstSipArena * arena, const gchar * str,
    gssize len, GstSipUri * out, const gchar ** reason);

/* Deep copy of @src whose strings and arrays live in @arena. */
void gst_sip_uri_copy_into (GstSipArena * arena, const GstSipUri * src,
    GstSipUri * dest);

#define GST_SIP_URI_ERROR (gst_sip_uri_error_quark ())
GQuark gst_sip_uri_error_quark (void);

typedef enum
{
  GST_SIP_URI_ERROR_PARSE,      /* message: "<reason>: <uri>" */
} GstSipUriError;

/* Standalone URIs (own their memory). */
GstSipUri *gst_sip_uri_new_parse (const gchar * str, GError ** error);
GstSipUri *gst_sip_uri_copy (const GstSipUri * uri);
void gst_sip_uri_free (GstSipUri * uri);

gchar *gst_sip_uri_to_string (const GstSipUri * uri);
void gst_sip_uri_append (const GstSipUri * uri, GString * out);

/* RFC 3261 §19.1.4 equality. */
gboolean gst_sip_uri_equal (const GstSipUri * a, const GstSipUri * b);

const gchar *gst_sip_uri_get_param (const GstSipUri * uri, const gchar * name);
gboolean gst_sip_uri_has_param (const GstSipUri * uri, const gchar * name);

/* name-addr or addr-spec with header parameters (";tag=...", ";expires=..."). */
typedef struct
{
  const gchar *display_name;    /* unquoted and unescaped; NULL if absent */
  GstSipUri uri;
  GstSipParam *params;
  guint n_params;
} GstSipNameAddr;

gboolean gst_sip_name_addr_parse_into (GstSipArena * arena, const gchar * str,
    gssize len, GstSipNameAddr * out, const gchar ** reason);
void gst_sip_name_addr_copy_into (GstSipArena * arena,
    const GstSipNameAddr * src, GstSipNameAddr * dest);
/* Always writes the name-addr form: ["display" ]<uri>;params */
void gst_sip_name_addr_append (const GstSipNameAddr * na, GString * out);
gchar *gst_sip_name_addr_to_string (const GstSipNameAddr * na);
const gchar *gst_sip_name_addr_get_param (const GstSipNameAddr * na,
    const gchar * name);

G_END_DECLS

#endif
