/* gst-jssip: SIP core
 *
 * Digest responses as a client (RFC 3261 §22.4, RFC 2617, RFC 7616,
 * RFC 8760): MD5, MD5-sess, SHA-256 and SHA-256-sess, qop auth and
 * auth-int, and the RFC 2069 form without qop. Hashing uses GChecksum only.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __GST_SIP_DIGEST_H__
#define __GST_SIP_DIGEST_H__

#include <glib.h>
#include <gst/sip/sipchallenge.h>

G_BEGIN_DECLS

/* What the user configured (JsSIP's authorization_user, password, ha1 and
 * realm). Give @password or @ha1.
 *
 * @ha1 is the hex H(username ":" realm ":" password) of RFC 7616 §3.4.2.
 * It is only valid for the hash it was computed with: 32 hex digits answer
 * MD5 and MD5-sess challenges, 64 answer SHA-256 and SHA-256-sess ones.
 * It also holds only for the realm it was computed for, which the hash
 * does not reveal: set @realm with it so that other realms are refused
 * instead of answered with a wrong response. */
typedef struct
{
  const gchar *username;
  const gchar *password;
  const gchar *ha1;
  const gchar *realm;           /* NULL: answer any realm */
} GstSipCredentials;

/* The request being authorised and the client's counters for the nonce. */
typedef struct
{
  const gchar *method;          /* the request's method, e.g. "REGISTER" */
  const gchar *uri;             /* digest-uri: the Request-URI as sent */
  const gchar *body;            /* hashed by auth-int; NULL for none */
  gsize body_len;
  guint32 nc;                   /* nonce-count, 1 for the first use of a nonce */
  const gchar *cnonce;          /* client nonce, used when qop is */
} GstSipDigestRequest;

gboolean gst_sip_digest_algorithm_is_supported (GstSipDigestAlgorithm alg);

/* Ranks algorithms by the strength of their hash; 0 for unsupported ones.
 * The -sess variants rank with their hash. */
guint gst_sip_digest_algorithm_strength (GstSipDigestAlgorithm alg);

/* Hex H(username ":" realm ":" password) for @alg's hash, to configure an
 * ha1 instead of a password. NULL for an unsupported algorithm. */
gchar *gst_sip_digest_compute_ha1 (GstSipDigestAlgorithm alg,
    const gchar * username, const gchar * realm, const gchar * password);

/* Whether @credentials can answer @challenge: supported algorithm, a qop
 * we know (or none, RFC 2069), matching realm and ha1 family. Sets
 * @reason (static string) when not. */
gboolean gst_sip_digest_can_answer (const GstSipChallenge * challenge,
    const GstSipCredentials * credentials, const gchar ** reason);

/* The qop we answer with: auth whenever offered (auth-int only when it is
 * the only option; docs/sip-digest.md says why), 0 for no qop. */
GstSipQopFlags gst_sip_digest_choose_qop (const GstSipChallenge * challenge);

/* The hex request-digest ("response" parameter) for @qop (0, AUTH or
 * AUTH_INT). NULL with @reason if the challenge cannot be answered. */
gchar *gst_sip_digest_compute_response (const GstSipChallenge * challenge,
    GstSipQopFlags qop, const GstSipCredentials * credentials,
    const GstSipDigestRequest * request, const gchar ** reason);

/* The whole Authorization / Proxy-Authorization header value, starting
 * with "Digest ", with the qop of gst_sip_digest_choose_qop(). NULL with
 * @reason if the challenge cannot be answered. */
gchar *gst_sip_digest_build_authorization (const GstSipChallenge * challenge,
    const GstSipCredentials * credentials,
    const GstSipDigestRequest * request, const gchar ** reason);

G_END_DECLS

#endif
