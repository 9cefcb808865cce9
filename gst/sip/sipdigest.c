/* gst-jssip: SIP core
 *
 * Digest responses (RFC 7616 §3.4, which RFC 8760 applies to SIP; the
 * RFC 2069 form without qop is kept for RFC 3261 §22.4 servers).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include <gst/sip/sipdigest.h>

/* GChecksumType has no "none": -1 stands for an algorithm we cannot hash. */
static gint
checksum_type (GstSipDigestAlgorithm alg)
{
  switch (alg) {
    case GST_SIP_DIGEST_ALGORITHM_MD5:
    case GST_SIP_DIGEST_ALGORITHM_MD5_SESS:
      return G_CHECKSUM_MD5;
    case GST_SIP_DIGEST_ALGORITHM_SHA256:
    case GST_SIP_DIGEST_ALGORITHM_SHA256_SESS:
      return G_CHECKSUM_SHA256;
    default:
      return -1;
  }
}

static gboolean
is_session_algorithm (GstSipDigestAlgorithm alg)
{
  return alg == GST_SIP_DIGEST_ALGORITHM_MD5_SESS
      || alg == GST_SIP_DIGEST_ALGORITHM_SHA256_SESS
      || alg == GST_SIP_DIGEST_ALGORITHM_SHA512_256_SESS;
}

gboolean
gst_sip_digest_algorithm_is_supported (GstSipDigestAlgorithm alg)
{
  return checksum_type (alg) >= 0;
}

guint
gst_sip_digest_algorithm_strength (GstSipDigestAlgorithm alg)
{
  switch (checksum_type (alg)) {
    case G_CHECKSUM_MD5:
      return 1;
    case G_CHECKSUM_SHA256:
      return 2;
    default:
      return 0;
  }
}

/* Lowercase hex of H(part1 ":" part2 ":" ...), the parts NULL-terminated. */
static gchar *
hash_joined (GChecksumType type, const gchar * first, ...)
{
  GChecksum *checksum = g_checksum_new (type);
  const gchar *part;
  gchar *hex;
  va_list args;

  va_start (args, first);
  /* indent cannot read a type inside a for header: a while loop. */
  part = first;
  while (part != NULL) {
    if (part != first)
      g_checksum_update (checksum, (const guchar *) ":", 1);
    g_checksum_update (checksum, (const guchar *) part, -1);
    part = va_arg (args, const gchar *);
  }
  va_end (args);

  hex = g_strdup (g_checksum_get_string (checksum));
  g_checksum_free (checksum);
  return hex;
}

gchar *
gst_sip_digest_compute_ha1 (GstSipDigestAlgorithm alg, const gchar * username,
    const gchar * realm, const gchar * password)
{
  gint type = checksum_type (alg);

  g_return_val_if_fail (username != NULL && realm != NULL
      && password != NULL, NULL);

  if (type < 0)
    return NULL;
  return hash_joined (type, username, realm, password, NULL);
}

static gboolean
is_hex_of_length (const gchar * str, gsize len)
{
  gsize i;

  for (i = 0; i < len; i++) {
    if (!g_ascii_isxdigit (str[i]))
      return FALSE;
  }
  return str[len] == '\0';
}

static gboolean
has_control_character (const gchar * str)
{
  for (; *str != '\0'; str++) {
    if ((guchar) * str < 0x20 || *str == 0x7f)
      return TRUE;
  }
  return FALSE;
}

static const gchar *
check_credentials (const GstSipChallenge * challenge,
    const GstSipCredentials * credentials)
{
  gsize hash_hex_len =
      2 * g_checksum_type_get_length (checksum_type (challenge->algorithm));

  if (credentials->username == NULL)
    return "no username to authenticate with";
  /* The username is written into a header: no CR/LF injection. */
  if (has_control_character (credentials->username))
    return "control character in username";
  if (credentials->realm != NULL
      && strcmp (credentials->realm, challenge->realm) != 0)
    return "challenge is for another realm";
  if (credentials->ha1 != NULL) {
    if (!is_hex_of_length (credentials->ha1, hash_hex_len))
      return "ha1 was not computed with the challenge's hash algorithm";
  } else if (credentials->password == NULL) {
    return "no password or ha1 to authenticate with";
  }
  return NULL;
}

gboolean
gst_sip_digest_can_answer (const GstSipChallenge * challenge,
    const GstSipCredentials * credentials, const gchar ** reason)
{
  const gchar *why = NULL;

  g_return_val_if_fail (challenge != NULL && credentials != NULL, FALSE);

  if (!gst_sip_digest_algorithm_is_supported (challenge->algorithm))
    why = "unsupported digest algorithm";
  else if (challenge->qop_present && challenge->qop == 0)
    why = "challenge offers no supported qop";
  /* The -sess HA1 hashes the cnonce, which is only sent with a qop
   * (RFC 2617 §3.2.2); RFC 7616 made qop mandatory for that reason. */
  else if (is_session_algorithm (challenge->algorithm)
      && !challenge->qop_present)
    why = "session algorithm without qop";
  else
    why = check_credentials (challenge, credentials);

  if (why != NULL && reason != NULL)
    *reason = why;
  return why == NULL;
}

GstSipQopFlags
gst_sip_digest_choose_qop (const GstSipChallenge * challenge)
{
  g_return_val_if_fail (challenge != NULL, 0);

  if (!challenge->qop_present)
    return 0;
  if (challenge->qop & GST_SIP_QOP_AUTH)
    return GST_SIP_QOP_AUTH;
  return challenge->qop & GST_SIP_QOP_AUTH_INT;
}

static const gchar *
qop_to_string (GstSipQopFlags qop)
{
  return qop == GST_SIP_QOP_AUTH_INT ? "auth-int" : "auth";
}

static const gchar *
check_qop (const GstSipChallenge * challenge, GstSipQopFlags qop,
    const GstSipDigestRequest * request)
{
  if (qop == 0)
    return challenge->qop_present ? "challenge requires a qop" : NULL;
  if (qop != GST_SIP_QOP_AUTH && qop != GST_SIP_QOP_AUTH_INT)
    return "answer one qop only";
  if ((challenge->qop & qop) == 0)
    return "qop not offered by the challenge";
  if (request->cnonce == NULL || request->cnonce[0] == '\0')
    return "qop needs a cnonce";
  return NULL;
}

/* HA1 of RFC 7616 §3.4.2, including the -sess step. */
static gchar *
compute_session_ha1 (GChecksumType type, const GstSipChallenge * challenge,
    const GstSipCredentials * credentials, const gchar * cnonce)
{
  gchar *ha1, *session_ha1;

  if (credentials->ha1 != NULL)
    ha1 = g_ascii_strdown (credentials->ha1, -1);
  else
    ha1 = hash_joined (type, credentials->username, challenge->realm,
        credentials->password, NULL);

  if (!is_session_algorithm (challenge->algorithm))
    return ha1;

  session_ha1 = hash_joined (type, ha1, challenge->nonce, cnonce, NULL);
  g_free (ha1);
  return session_ha1;
}

/* HA2 of RFC 7616 §3.4.3: auth-int adds the hash of the body. */
static gchar *
compute_ha2 (GChecksumType type, GstSipQopFlags qop,
    const GstSipDigestRequest * request)
{
  gchar *body_hash, *ha2;

  if (qop != GST_SIP_QOP_AUTH_INT)
    return hash_joined (type, request->method, request->uri, NULL);

  body_hash = g_compute_checksum_for_data (type,
      (const guchar *) (request->body ? request->body : ""),
      request->body ? request->body_len : 0);
  ha2 = hash_joined (type, request->method, request->uri, body_hash, NULL);
  g_free (body_hash);
  return ha2;
}

gchar *
gst_sip_digest_compute_response (const GstSipChallenge * challenge,
    GstSipQopFlags qop, const GstSipCredentials * credentials,
    const GstSipDigestRequest * request, const gchar ** reason)
{
  GChecksumType type;
  const gchar *why;
  gchar *ha1, *ha2, *response;
  gchar nc[9];

  g_return_val_if_fail (challenge != NULL && credentials != NULL, NULL);
  g_return_val_if_fail (request != NULL && request->method != NULL
      && request->uri != NULL, NULL);

  if (!gst_sip_digest_can_answer (challenge, credentials, reason))
    return NULL;
  why = check_qop (challenge, qop, request);
  if (why != NULL) {
    if (reason != NULL)
      *reason = why;
    return NULL;
  }

  type = checksum_type (challenge->algorithm);
  ha1 = compute_session_ha1 (type, challenge, credentials, request->cnonce);
  ha2 = compute_ha2 (type, qop, request);
  if (qop == 0) {
    response = hash_joined (type, ha1, challenge->nonce, ha2, NULL);
  } else {
    g_snprintf (nc, sizeof (nc), "%08x", request->nc);
    response = hash_joined (type, ha1, challenge->nonce, nc, request->cnonce,
        qop_to_string (qop), ha2, NULL);
  }
  g_free (ha1);
  g_free (ha2);
  return response;
}

/* quoted-string with '"' and '\' escaped (RFC 7230 §3.2.6). */
static void
append_quoted_param (GString * out, const gchar * name, const gchar * value)
{
  if (out->len > strlen ("Digest "))
    g_string_append (out, ", ");
  g_string_append_printf (out, "%s=\"", name);
  for (; *value != '\0'; value++) {
    if (*value == '"' || *value == '\\')
      g_string_append_c (out, '\\');
    g_string_append_c (out, *value);
  }
  g_string_append_c (out, '"');
}

/* RFC 7616 §3.4.4: with userhash the username is H(username ":" realm). */
static void
append_username (GString * out, const GstSipChallenge * challenge,
    const GstSipCredentials * credentials)
{
  gchar *hashed;

  if (!challenge->userhash) {
    append_quoted_param (out, "username", credentials->username);
    return;
  }
  hashed = hash_joined (checksum_type (challenge->algorithm),
      credentials->username, challenge->realm, NULL);
  append_quoted_param (out, "username", hashed);
  g_free (hashed);
}

gchar *
gst_sip_digest_build_authorization (const GstSipChallenge * challenge,
    const GstSipCredentials * credentials,
    const GstSipDigestRequest * request, const gchar ** reason)
{
  GstSipQopFlags qop;
  gchar *response;
  GString *out;

  g_return_val_if_fail (challenge != NULL, NULL);

  qop = gst_sip_digest_choose_qop (challenge);
  response = gst_sip_digest_compute_response (challenge, qop, credentials,
      request, reason);
  if (response == NULL)
    return NULL;

  /* The parameter order of RFC 3261 §20.7's example. */
  out = g_string_new ("Digest ");
  append_username (out, challenge, credentials);
  append_quoted_param (out, "realm", challenge->realm);
  append_quoted_param (out, "nonce", challenge->nonce);
  append_quoted_param (out, "uri", request->uri);
  append_quoted_param (out, "response", response);
  g_string_append_printf (out, ", algorithm=%s",
      gst_sip_digest_algorithm_to_string (challenge->algorithm));
  if (challenge->opaque != NULL)
    append_quoted_param (out, "opaque", challenge->opaque);
  if (qop != 0) {
    g_string_append_printf (out, ", qop=%s, nc=%08x", qop_to_string (qop),
        request->nc);
    append_quoted_param (out, "cnonce", request->cnonce);
  }
  if (challenge->userhash)
    g_string_append (out, ", userhash=true");

  g_free (response);
  return g_string_free (out, FALSE);
}
