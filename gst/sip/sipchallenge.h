/* gst-jssip: SIP core
 *
 * Digest challenges: the value of a WWW-Authenticate or Proxy-Authenticate
 * header field (RFC 3261 §20.44/§20.27, RFC 7616 §3.3, RFC 7235 §2.1).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_SIP_CHALLENGE_H__
#define __GST_SIP_CHALLENGE_H__

#include <glib.h>

G_BEGIN_DECLS

/* The algorithm parameter (RFC 7616 §3.3, RFC 8760 §2.1). An absent
 * parameter means MD5. SHA-512-256 is recognised but cannot be answered:
 * GChecksum has no SHA-512/256 (it differs from SHA-512 in its initial
 * values, not only in truncation). */
typedef enum
{
  GST_SIP_DIGEST_ALGORITHM_UNKNOWN = 0,
  GST_SIP_DIGEST_ALGORITHM_MD5,
  GST_SIP_DIGEST_ALGORITHM_MD5_SESS,
  GST_SIP_DIGEST_ALGORITHM_SHA256,
  GST_SIP_DIGEST_ALGORITHM_SHA256_SESS,
  GST_SIP_DIGEST_ALGORITHM_SHA512_256,
  GST_SIP_DIGEST_ALGORITHM_SHA512_256_SESS,
} GstSipDigestAlgorithm;

/* "MD5", "SHA-256-sess", ... as written in the algorithm parameter. */
const gchar *gst_sip_digest_algorithm_to_string (GstSipDigestAlgorithm alg);
/* Case-insensitive; GST_SIP_DIGEST_ALGORITHM_UNKNOWN for anything else. */
GstSipDigestAlgorithm gst_sip_digest_algorithm_from_string (const gchar * str,
    gssize len);

/* Quality-of-protection options offered by the server (RFC 7616 §3.3). */
typedef enum
{
  GST_SIP_QOP_AUTH = 1 << 0,
  GST_SIP_QOP_AUTH_INT = 1 << 1,
} GstSipQopFlags;

/* A parsed Digest challenge. Strings are owned by the structure, unquoted
 * and unescaped; NULL when the parameter is absent. */
typedef struct
{
  gchar *realm;                 /* required */
  gchar *nonce;                 /* required */
  gchar *opaque;
  gchar *domain;                /* space-separated URI list, as received */
  gchar *algorithm_name;        /* as received; NULL means MD5 */
  GstSipDigestAlgorithm algorithm;
  gboolean qop_present;         /* FALSE: RFC 2069 compatibility mode */
  GstSipQopFlags qop;           /* options we know among those offered */
  gboolean stale;
  gboolean userhash;            /* RFC 7616 §3.4.4 */
  gboolean charset_utf8;        /* RFC 7616 §4: charset="UTF-8" */
} GstSipChallenge;

/* Longest value accepted and most parameters accepted in one challenge:
 * far above anything a server sends, low enough to bound the work. */
#define GST_SIP_CHALLENGE_MAX_LENGTH  (8 * 1024)
#define GST_SIP_CHALLENGE_MAX_PARAMS  32

/* Parses a WWW-Authenticate / Proxy-Authenticate header value (not the
 * name) into @out. The value may list several challenges (RFC 7235 §4.1);
 * challenges of other schemes (Basic, Bearer, ...) are skipped and the
 * first Digest challenge is returned. @len may be -1 for a NUL-terminated
 * string; the value may contain NULs otherwise, which are rejected.
 *
 * Parameter names compare case-insensitively; values may be quoted
 * strings (with backslash escapes) or tokens; unknown parameters are
 * ignored; a repeated known parameter, a missing realm or nonce, or any
 * syntax error rejects the challenge.
 *
 * On success returns TRUE and fills @out, which the caller clears with
 * gst_sip_challenge_clear(). On failure returns FALSE, leaves @out zeroed
 * (nothing to clear) and sets @reason (if not NULL) to a static string. */
gboolean gst_sip_challenge_parse (const gchar * value, gssize len,
    GstSipChallenge * out, const gchar ** reason);

/* Frees the strings of @challenge and zeroes it. Safe on a zeroed one. */
void gst_sip_challenge_clear (GstSipChallenge * challenge);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GstSipChallenge, gst_sip_challenge_clear)

G_END_DECLS

#endif
