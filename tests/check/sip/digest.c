/* gst-jssip: tests for digest challenges, responses and the retry policy
 *
 * Expected responses are the RFCs' published examples, and otherwise
 * values computed independently of this code with Python's hashlib.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include <gst/check/gstcheck.h>
#include <gst/sip/sipauthenticator.h>
#include <gst/sip/sipchallenge.h>
#include <gst/sip/sipdigest.h>

/* Inputs shared by the SIP vectors below. */
#define ALICE_REALM "atlanta.example.com"
#define ALICE_NONCE "84f1c1ae6cbe5ua9c8e88dfa3ecm3459"
#define ALICE_CNONCE "0a4f113b"
#define BOB_URI "sip:bob@biloxi.example.com"
#define SDP_BODY "v=0\r\no=alice 2890844526 2890844526 IN IP4 host.example.com\r\n" \
    "s=-\r\nc=IN IP4 host.example.com\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n"

static const GstSipCredentials alice = { "alice", "secret", NULL, NULL };

static void
parse_ok (const gchar * value, GstSipChallenge * out)
{
  const gchar *reason = NULL;

  if (!gst_sip_challenge_parse (value, -1, out, &reason))
    fail ("challenge '%s' rejected: %s", value, reason);
}

static const gchar *
parse_reason (const gchar * value, gssize len)
{
  GstSipChallenge ch;
  const gchar *reason = NULL;
  static const GstSipChallenge zero;

  fail_if (gst_sip_challenge_parse (value, len, &ch, &reason),
      "challenge '%s' accepted", value);
  fail_unless (reason != NULL);
  fail_unless (memcmp (&ch, &zero, sizeof (ch)) == 0,
      "a rejected challenge must leave nothing to free");
  return reason;
}

/* The value of one parameter of an Authorization header value. */
static gchar *
auth_param (const gchar * header, const gchar * name)
{
  gchar *pattern = g_strdup_printf ("(?:^Digest |, )%s=(?:\"((?:[^\"\\\\]|"
      "\\\\.)*)\"|([^,]*))", name);
  GRegex *regex = g_regex_new (pattern, 0, 0, NULL);
  GMatchInfo *match;
  gchar *value = NULL;

  if (g_regex_match (regex, header, 0, &match)) {
    value = g_match_info_fetch (match, 1);
    if (value[0] == '\0') {
      g_free (value);
      value = g_match_info_fetch (match, 2);
    }
  }
  g_match_info_free (match);
  g_regex_unref (regex);
  g_free (pattern);
  return value;
}

#define assert_auth_param(header, name, expected) G_STMT_START {  \
  gchar *_v = auth_param (header, name);                          \
  fail_unless_equals_string (_v, expected);                       \
  g_free (_v);                                                    \
} G_STMT_END

/* ---- challenge parser ---- */

GST_START_TEST (test_challenge_all_params)
{
  g_auto (GstSipChallenge) ch = { 0, };

  parse_ok ("Digest realm=\"x\", nonce=\"y\", qop=\"auth,auth-int\", "
      "algorithm=SHA-256, opaque=\"z\", stale=TRUE, "
      "domain=\"sip:a.example.com sip:b.example.com\", userhash=true, "
      "charset=UTF-8", &ch);
  fail_unless_equals_string (ch.realm, "x");
  fail_unless_equals_string (ch.nonce, "y");
  fail_unless_equals_string (ch.opaque, "z");
  fail_unless_equals_string (ch.domain, "sip:a.example.com sip:b.example.com");
  fail_unless_equals_string (ch.algorithm_name, "SHA-256");
  fail_unless_equals_int (ch.algorithm, GST_SIP_DIGEST_ALGORITHM_SHA256);
  fail_unless (ch.qop_present);
  fail_unless_equals_int (ch.qop, GST_SIP_QOP_AUTH | GST_SIP_QOP_AUTH_INT);
  fail_unless (ch.stale);
  fail_unless (ch.userhash);
  fail_unless (ch.charset_utf8);
}

GST_END_TEST;

GST_START_TEST (test_challenge_defaults)
{
  g_auto (GstSipChallenge) ch = { 0, };

  parse_ok ("Digest realm=\"biloxi.com\", nonce=\"abc\"", &ch);
  fail_unless_equals_int (ch.algorithm, GST_SIP_DIGEST_ALGORITHM_MD5);
  fail_unless (ch.algorithm_name == NULL);
  fail_if (ch.qop_present);
  fail_unless_equals_int (ch.qop, 0);
  fail_if (ch.stale);
  fail_if (ch.userhash);
  fail_unless (ch.opaque == NULL);
  fail_unless (ch.domain == NULL);
}

GST_END_TEST;

GST_START_TEST (test_challenge_case_and_tokens)
{
  g_auto (GstSipChallenge) ch = { 0, };

  /* Scheme and names are case-insensitive; token values are allowed
   * where senders should quote (RFC 7235 §2.1); odd spacing. */
  parse_ok ("  dIGEST  REALM = biloxi.com ,Nonce=abc123,\tQop=AUTH-INT , "
      "ALGORITHM=md5-SESS,STALE=\"true\"", &ch);
  fail_unless_equals_string (ch.realm, "biloxi.com");
  fail_unless_equals_string (ch.nonce, "abc123");
  fail_unless_equals_int (ch.qop, GST_SIP_QOP_AUTH_INT);
  fail_unless_equals_int (ch.algorithm, GST_SIP_DIGEST_ALGORITHM_MD5_SESS);
  fail_unless_equals_string (ch.algorithm_name, "md5-SESS");
  fail_unless (ch.stale);
}

GST_END_TEST;

GST_START_TEST (test_challenge_escapes)
{
  g_auto (GstSipChallenge) ch = { 0, };

  parse_ok ("Digest realm=\"a \\\"quoted\\\" \\\\ realm, with comma\", "
      "nonce=\"n\\o\", opaque=\"\"", &ch);
  fail_unless_equals_string (ch.realm, "a \"quoted\" \\ realm, with comma");
  fail_unless_equals_string (ch.nonce, "no");
  fail_unless_equals_string (ch.opaque, "");
}

GST_END_TEST;

GST_START_TEST (test_challenge_unknown_and_stale_values)
{
  g_auto (GstSipChallenge) ch = { 0, };
  g_auto (GstSipChallenge) other = { 0, };

  parse_ok ("Digest foo=\"bar\", realm=\"r\", x-vendor=1, nonce=\"n\", "
      "foo=again, stale=yes, qop=\"auth-conf, token\"", &ch);
  fail_unless_equals_string (ch.realm, "r");
  fail_if (ch.stale, "only \"true\" means stale (RFC 7616 §3.3)");
  fail_unless (ch.qop_present);
  fail_unless_equals_int (ch.qop, 0);

  parse_ok ("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256-sess, "
      "userhash=false", &other);
  fail_unless_equals_int (other.algorithm,
      GST_SIP_DIGEST_ALGORITHM_SHA512_256_SESS);
  fail_if (other.userhash);
}

GST_END_TEST;

GST_START_TEST (test_challenge_unknown_algorithm)
{
  g_auto (GstSipChallenge) ch = { 0, };

  parse_ok ("Digest realm=\"r\", nonce=\"n\", algorithm=AKAv1-MD5", &ch);
  fail_unless_equals_int (ch.algorithm, GST_SIP_DIGEST_ALGORITHM_UNKNOWN);
  fail_unless_equals_string (ch.algorithm_name, "AKAv1-MD5");
}

GST_END_TEST;

GST_START_TEST (test_challenge_other_schemes_skipped)
{
  const gchar *values[] = {
    "Basic realm=\"simple\", Digest realm=\"d\", nonce=\"n\"",
    "Negotiate a87421000492aa874209af8bc028==, Digest realm=\"d\", nonce=n",
    "Bearer, Digest realm=\"d\", nonce=\"n\"",
    "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", "
        "Digest realm=\"d\", nonce=\"n\", Basic realm=\"after\"",
    ", , Digest realm=\"d\",, nonce=\"n\",",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (values); i++) {
    g_auto (GstSipChallenge) ch = { 0, };

    parse_ok (values[i], &ch);
    fail_unless_equals_string (ch.realm, "d");
    fail_unless_equals_string (ch.nonce, "n");
  }
}

GST_END_TEST;

GST_START_TEST (test_challenge_malformed)
{
  static const struct
  {
    const gchar *value;
    const gchar *reason;
  } cases[] = {
    {"", "no Digest challenge"},
    {"   ,  ", "no Digest challenge"},
    {"Basic realm=\"x\"", "no Digest challenge"},
    {"Negotiate abc==", "no Digest challenge"},
    {"Digest", "Digest challenge without realm"},
    {"Digest nonce=\"n\"", "Digest challenge without realm"},
    {"Digest realm=\"x\"", "Digest challenge without nonce"},
    {"Digest realm=\"x\", realm=\"y\", nonce=\"n\"",
        "duplicate realm in challenge"},
    {"Digest realm=\"x\", nonce=\"n\", NONCE=\"m\"",
        "duplicate nonce in challenge"},
    {"Digest realm=x, nonce=n, algorithm=MD5, algorithm=SHA-256",
        "duplicate algorithm in challenge"},
    {"Digest realm=x, nonce=n, qop=auth, qop=auth-int",
        "duplicate qop in challenge"},
    {"Digest realm=x, nonce=n, stale=true, stale=false",
        "duplicate stale in challenge"},
    {"Digest realm=\"x", "unterminated quoted string"},
    {"Digest realm=\"x\\", "unterminated quoted string"},
    {"Digest realm=\"x\", nonce=\"n", "unterminated quoted string"},
    {"Digest realm=, nonce=\"n\"", "parameter without a value"},
    {"Digest realm=\"x\", nonce=", "parameter without a value"},
    {"Digest realm=\"x\" nonce=\"n\"",
        "expected a comma between challenge parameters"},
    {"Digest realm=\"x\"\"y\", nonce=n",
        "expected a comma between challenge parameters"},
    {"Digest realm=x/y, nonce=n",
        "expected a comma between challenge parameters"},
    {"Digest realm=\"a\x01" "b\", nonce=n",
        "control character in quoted string"},
    {"Digest realm=\"a\\\x7f\", nonce=n",
        "control character in quoted string"},
    {"Digest realm=\"a\r\n b\", nonce=n", "control character in quoted string"},
    {"Digest =x", "expected a challenge parameter name"},
    {"Digest realm=x, nonce=n, \"oops\"",
        "expected a challenge parameter name"},
    {"Digest\x01 realm=x", "malformed authentication scheme"},
    {"Digest=x", "malformed authentication scheme"},
    {"\"Digest\" realm=x", "expected an authentication scheme"},
    {"Basic realm=\"unterminated, Digest realm=x, nonce=n",
        "unterminated quoted string"},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    fail_unless_equals_string (parse_reason (cases[i].value, -1),
        cases[i].reason);
}

GST_END_TEST;

GST_START_TEST (test_challenge_limits)
{
  const gchar with_nul[] = "Digest realm=\"x\0y\", nonce=\"n\"";
  GString *many = g_string_new ("Digest realm=x, nonce=n");
  gchar *huge;
  guint i;
  GstSipChallenge ch;

  fail_unless_equals_string (parse_reason (with_nul, sizeof (with_nul) - 1),
      "NUL byte in challenge");
  fail_unless_equals_string (parse_reason (NULL, -1), "no challenge");

  huge = g_strdup_printf ("Digest realm=x, nonce=\"%0*d\"",
      GST_SIP_CHALLENGE_MAX_LENGTH, 0);
  fail_unless_equals_string (parse_reason (huge, -1), "challenge too long");
  g_free (huge);

  for (i = 0; i < GST_SIP_CHALLENGE_MAX_PARAMS; i++)
    g_string_append_printf (many, ", p%u=v", i);
  fail_unless_equals_string (parse_reason (many->str, -1),
      "too many challenge parameters");
  g_string_free (many, TRUE);

  /* A length shorter than the string is honoured. */
  fail_unless (gst_sip_challenge_parse ("Digest realm=x, nonce=n, junk\"", 23,
          &ch, NULL));
  gst_sip_challenge_clear (&ch);
}

GST_END_TEST;

/* Every prefix of a valid challenge, and random bytes: a verdict and no
 * crash or leak (the suite is run under valgrind / ASan). */
GST_START_TEST (test_challenge_truncations_and_noise)
{
  const gchar *full = "Basic realm=\"b\", Digest realm=\"a\\\"b\", "
      "nonce=\"n\", qop=\"auth,auth-int\", opaque=\"o\", stale=true";
  gsize full_len = strlen (full);
  gsize nonce_end =
      strstr (full, "nonce=\"n\"") - full + strlen ("nonce=\"n\"");
  GRand *rand = g_rand_new_with_seed (2617);
  gchar noise[64];
  gsize len;
  guint i, j;

  for (len = 0; len <= full_len; len++) {
    GstSipChallenge ch;
    gboolean ok = gst_sip_challenge_parse (full, len, &ch, NULL);

    /* Nothing before the end of the nonce may pass; the prefix ending
     * there and the whole value must. */
    if (len < nonce_end)
      fail_if (ok, "prefix of %" G_GSIZE_FORMAT " bytes accepted", len);
    else if (len == nonce_end || len == full_len)
      fail_unless (ok, "prefix of %" G_GSIZE_FORMAT " bytes refused", len);
    if (ok)
      gst_sip_challenge_clear (&ch);
  }

  for (i = 0; i < 20000; i++) {
    static const gchar alphabet[] = "Digest realm=nonce,\"\\ \tqop=auth-int";
    GstSipChallenge ch;

    len = g_rand_int_range (rand, 0, sizeof (noise));
    for (j = 0; j < len; j++)
      noise[j] = g_rand_boolean (rand) ?
          alphabet[g_rand_int_range (rand, 0, sizeof (alphabet) - 1)] :
          (gchar) g_rand_int_range (rand, 0, 256);
    if (gst_sip_challenge_parse (noise, len, &ch, NULL)) {
      fail_unless (ch.realm != NULL && ch.nonce != NULL);
      gst_sip_challenge_clear (&ch);
    }
  }
  g_rand_free (rand);
}

GST_END_TEST;

/* ---- digest responses ---- */

static gchar *
build (const gchar * challenge, const GstSipCredentials * cred,
    const gchar * method, const gchar * uri, const gchar * body,
    guint32 nc, const gchar * cnonce)
{
  g_auto (GstSipChallenge) ch = { 0, };
  GstSipDigestRequest req = { method, uri, body, body ? strlen (body) : 0,
    nc, cnonce
  };
  const gchar *reason = NULL;
  gchar *value;

  parse_ok (challenge, &ch);
  value = gst_sip_digest_build_authorization (&ch, cred, &req, &reason);
  if (value == NULL)
    fail ("cannot answer '%s': %s", challenge, reason);
  return value;
}

GST_START_TEST (test_rfc2617_example)
{
  /* RFC 2617 §3.5. The server offers auth and auth-int; we answer auth. */
  const GstSipCredentials mufasa = { "Mufasa", "Circle Of Life", NULL, NULL };
  gchar *value = build ("Digest realm=\"testrealm@host.com\", "
      "qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
      "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", &mufasa, "GET",
      "/dir/index.html", NULL, 1, "0a4f113b");

  fail_unless_equals_string (value, "Digest username=\"Mufasa\", "
      "realm=\"testrealm@host.com\", "
      "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", "
      "response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5, "
      "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", qop=auth, nc=00000001, "
      "cnonce=\"0a4f113b\"");
  g_free (value);
}

GST_END_TEST;

GST_START_TEST (test_rfc7616_examples)
{
  /* RFC 7616 §3.9.1, once with MD5 and once with SHA-256. */
  const GstSipCredentials mufasa = { "Mufasa", "Circle of Life", NULL, NULL };
  static const struct
  {
    const gchar *algorithm;
    const gchar *response;
  } examples[] = {
    {"MD5", "8ca523f5e9506fed4657c9700eebdbec"},
    {"SHA-256", "753927fa0e85d155564e2e272a28d180"
          "2ca10daf4496794697cf8db5856cb6c1"},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (examples); i++) {
    gchar *challenge = g_strdup_printf ("Digest "
        "realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
        "algorithm=%s, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
        "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
        examples[i].algorithm);
    gchar *value = build (challenge, &mufasa, "GET", "/dir/index.html", NULL,
        1, "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");

    assert_auth_param (value, "response", examples[i].response);
    assert_auth_param (value, "algorithm", examples[i].algorithm);
    assert_auth_param (value, "qop", "auth");
    assert_auth_param (value, "opaque",
        "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
    g_free (value);
    g_free (challenge);
  }
}

GST_END_TEST;

GST_START_TEST (test_rfc2069_without_qop)
{
  /* RFC 2069 §2.4's inputs. The response printed there does not match
   * them; this one is computed independently. No nc, cnonce or qop. */
  const GstSipCredentials mufasa = { "Mufasa", "CircleOfLife", NULL, NULL };
  gchar *value = build ("Digest realm=\"testrealm@host.com\", "
      "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
      "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", &mufasa, "GET",
      "/dir/index.html", NULL, 1, "unused");

  assert_auth_param (value, "response", "1949323746fe6a43ef61f9606e7febea");
  fail_if (strstr (value, "nc=") || strstr (value, "cnonce")
      || strstr (value, "qop"));
  g_free (value);
}

GST_END_TEST;

/* A SIP challenge from atlanta.example.com with the given parameters. */
static gchar *
alice_challenge (const gchar * extra)
{
  return g_strdup_printf ("Digest realm=\"" ALICE_REALM "\", nonce=\""
      ALICE_NONCE "\"%s", extra);
}

static void
assert_alice_response (const gchar * extra, const gchar * body,
    const GstSipCredentials * cred, guint32 nc, const gchar * expected)
{
  gchar *challenge = alice_challenge (extra);
  gchar *value = build (challenge, cred, "INVITE", BOB_URI, body, nc,
      ALICE_CNONCE);

  assert_auth_param (value, "response", expected);
  g_free (value);
  g_free (challenge);
}

GST_START_TEST (test_algorithms_and_qops)
{
  assert_alice_response (", qop=auth", NULL, &alice, 1,
      "3e1c2c3358f22dc05c457255dd6ec32d");
  assert_alice_response (", qop=auth", NULL, &alice, 2,
      "9858d349f8fa66d466127fb627f404f4");
  assert_alice_response (", qop=\"auth-int\"", SDP_BODY, &alice, 1,
      "9b771ae30d01794c72fab8712ce5082c");
  assert_alice_response (", qop=\"auth-int\"", NULL, &alice, 1,
      "86abbdac81ac5df53534389741a833ff");
  assert_alice_response (", qop=\"auth-int\"", "", &alice, 1,
      "86abbdac81ac5df53534389741a833ff");
  assert_alice_response (", algorithm=MD5-sess, qop=auth", NULL, &alice, 1,
      "d6079c8bb5ea5c7f4843989970574e61");
  assert_alice_response (", algorithm=MD5-sess, qop=auth", NULL, &alice, 2,
      "de54010eda9dc203cc6a3057cd63b5cc");
  assert_alice_response (", algorithm=SHA-256, qop=auth", NULL, &alice, 1,
      "0b1c18e15fc0fbc91acf673efa7dfb1af2530586bd1a52a08998f8caa59bd0c0");
  assert_alice_response (", algorithm=SHA-256-sess, qop=auth", NULL, &alice,
      1, "c264c7493b1cd0b9e4b921619312e34caee41b311f01416363cc576ee4647f43");
  assert_alice_response (", algorithm=SHA-256, qop=auth-int", SDP_BODY,
      &alice, 1,
      "fe382c9f30381132e1d404e342893688fc9e85ce1eaa2f7ace23ca261b2f4d18");
  assert_alice_response ("", NULL, &alice, 1,
      "b7f745b30fa976573ab559b4728f9dc0");
  assert_alice_response (", algorithm=SHA-256", NULL, &alice, 1,
      "225750d90b726feab5dd3df3cfb7f5caa7f4ea0cd2e79b6ac682abfcc994dac4");
}

GST_END_TEST;

GST_START_TEST (test_qop_choice)
{
  gchar *both = alice_challenge (", qop=\"auth-int,auth\"");
  gchar *only_int = alice_challenge (", qop=\"auth-int\"");
  gchar *value;

  value = build (both, &alice, "INVITE", BOB_URI, SDP_BODY, 1, "c");
  assert_auth_param (value, "qop", "auth");
  g_free (value);

  value = build (only_int, &alice, "INVITE", BOB_URI, SDP_BODY, 1, "c");
  assert_auth_param (value, "qop", "auth-int");
  g_free (value);

  g_free (both);
  g_free (only_int);
}

GST_END_TEST;

GST_START_TEST (test_ha1_in_place_of_password)
{
  const GstSipCredentials md5_ha1 = { "alice", NULL,
    "817BF6D2BAB4A2A73B3EEEF60EC517AC", ALICE_REALM
  };
  const GstSipCredentials sha256_ha1 = { "alice", NULL,
    "c7d10d7dc4095c6e9500f7c687083aac7264a44d8215be34f3a824bd79c146e5", NULL
  };
  gchar *ha1;

  ha1 = gst_sip_digest_compute_ha1 (GST_SIP_DIGEST_ALGORITHM_MD5, "alice",
      ALICE_REALM, "secret");
  fail_unless_equals_string (ha1, "817bf6d2bab4a2a73b3eeef60ec517ac");
  g_free (ha1);
  ha1 = gst_sip_digest_compute_ha1 (GST_SIP_DIGEST_ALGORITHM_SHA256_SESS,
      "alice", ALICE_REALM, "secret");
  fail_unless_equals_string (ha1, sha256_ha1.ha1);
  g_free (ha1);
  fail_unless (gst_sip_digest_compute_ha1 (GST_SIP_DIGEST_ALGORITHM_SHA512_256,
          "alice", ALICE_REALM, "secret") == NULL);

  /* Same responses as with the password, -sess included. */
  assert_alice_response (", qop=auth", NULL, &md5_ha1, 1,
      "3e1c2c3358f22dc05c457255dd6ec32d");
  assert_alice_response (", algorithm=MD5-sess, qop=auth", NULL, &md5_ha1, 1,
      "d6079c8bb5ea5c7f4843989970574e61");
  assert_alice_response (", algorithm=SHA-256-sess, qop=auth", NULL,
      &sha256_ha1, 1,
      "c264c7493b1cd0b9e4b921619312e34caee41b311f01416363cc576ee4647f43");
}

GST_END_TEST;

static const gchar *
cannot_answer (const gchar * challenge, const GstSipCredentials * cred)
{
  g_auto (GstSipChallenge) ch = { 0, };
  GstSipDigestRequest req = { "REGISTER", "sip:" ALICE_REALM, NULL, 0, 1,
    ALICE_CNONCE
  };
  const gchar *reason = NULL, *build_reason = NULL;

  parse_ok (challenge, &ch);
  fail_if (gst_sip_digest_can_answer (&ch, cred, &reason));
  fail_unless (gst_sip_digest_build_authorization (&ch, cred, &req,
          &build_reason) == NULL);
  fail_unless_equals_string (build_reason, reason);
  return reason;
}

GST_START_TEST (test_unanswerable)
{
  const GstSipCredentials md5_ha1 = { "alice", NULL,
    "817bf6d2bab4a2a73b3eeef60ec517ac", NULL
  };
  const GstSipCredentials bad_ha1 = { "alice", NULL,
    "817bf6d2bab4a2a73b3eeef60ec517zz", NULL
  };
  const GstSipCredentials other_realm = { "alice", "secret", NULL,
    "biloxi.example.com"
  };
  const GstSipCredentials no_secret = { "alice", NULL, NULL, NULL };
  const GstSipCredentials no_user = { NULL, "secret", NULL, NULL };
  const GstSipCredentials injected = { "alice\r\nX-Evil: 1", "secret", NULL,
    NULL
  };
  const gchar *plain = "Digest realm=\"" ALICE_REALM "\", nonce=n, qop=auth";

  fail_unless_equals_string (cannot_answer ("Digest realm=r, nonce=n, "
          "algorithm=SHA-512-256, qop=auth", &alice),
      "unsupported digest algorithm");
  fail_unless_equals_string (cannot_answer ("Digest realm=r, nonce=n, "
          "algorithm=AKAv1-MD5", &alice), "unsupported digest algorithm");
  fail_unless_equals_string (cannot_answer ("Digest realm=r, nonce=n, "
          "qop=\"auth-conf\"", &alice), "challenge offers no supported qop");
  fail_unless_equals_string (cannot_answer ("Digest realm=r, nonce=n, "
          "algorithm=MD5-sess", &alice), "session algorithm without qop");
  fail_unless_equals_string (cannot_answer ("Digest realm=\"" ALICE_REALM
          "\", nonce=n, qop=auth, algorithm=SHA-256", &md5_ha1),
      "ha1 was not computed with the challenge's hash algorithm");
  fail_unless_equals_string (cannot_answer (plain, &bad_ha1),
      "ha1 was not computed with the challenge's hash algorithm");
  fail_unless_equals_string (cannot_answer (plain, &other_realm),
      "challenge is for another realm");
  fail_unless_equals_string (cannot_answer (plain, &no_secret),
      "no password or ha1 to authenticate with");
  fail_unless_equals_string (cannot_answer (plain, &no_user),
      "no username to authenticate with");
  fail_unless_equals_string (cannot_answer (plain, &injected),
      "control character in username");
}

GST_END_TEST;

GST_START_TEST (test_compute_response_checks_qop)
{
  g_auto (GstSipChallenge) ch = { 0, };
  GstSipDigestRequest req = { "INVITE", BOB_URI, NULL, 0, 1, NULL };
  const gchar *reason = NULL;

  parse_ok ("Digest realm=r, nonce=n, qop=auth", &ch);
  fail_unless (gst_sip_digest_compute_response (&ch, GST_SIP_QOP_AUTH, &alice,
          &req, &reason) == NULL);
  fail_unless_equals_string (reason, "qop needs a cnonce");
  req.cnonce = "c";
  fail_unless (gst_sip_digest_compute_response (&ch, GST_SIP_QOP_AUTH_INT,
          &alice, &req, &reason) == NULL);
  fail_unless_equals_string (reason, "qop not offered by the challenge");
  fail_unless (gst_sip_digest_compute_response (&ch, 0, &alice, &req,
          &reason) == NULL);
  fail_unless_equals_string (reason, "challenge requires a qop");
}

GST_END_TEST;

GST_START_TEST (test_userhash_and_quoting)
{
  const GstSipCredentials quoted = { "al\"ice\\", "secret", NULL, NULL };
  gchar *challenge = alice_challenge (", algorithm=SHA-256, qop=auth, "
      "userhash=true");
  gchar *value = build (challenge, &alice, "INVITE", BOB_URI, NULL, 1,
      ALICE_CNONCE);

  /* RFC 7616 §3.4.4: username is H(username ":" realm); the response
   * still uses the plain username. */
  assert_auth_param (value, "username",
      "20d3aa2662a2f9c09335b83e969fd2a3b81931ecbcc079f944d4a8e124593488");
  assert_auth_param (value, "response",
      "0b1c18e15fc0fbc91acf673efa7dfb1af2530586bd1a52a08998f8caa59bd0c0");
  assert_auth_param (value, "userhash", "true");
  g_free (value);
  g_free (challenge);

  value = build ("Digest realm=r, nonce=n", &quoted, "INVITE", BOB_URI, NULL,
      1, "c");
  fail_unless (g_str_has_prefix (value,
          "Digest username=\"al\\\"ice\\\\\", realm=\"r\""), "%s", value);
  g_free (value);
}

GST_END_TEST;

GST_START_TEST (test_algorithm_names)
{
  GstSipDigestAlgorithm alg;

  for (alg = GST_SIP_DIGEST_ALGORITHM_MD5;
      alg <= GST_SIP_DIGEST_ALGORITHM_SHA512_256_SESS; alg++) {
    const gchar *name = gst_sip_digest_algorithm_to_string (alg);

    fail_unless (name != NULL);
    fail_unless_equals_int (gst_sip_digest_algorithm_from_string (name, -1),
        alg);
  }
  fail_unless_equals_int (gst_sip_digest_algorithm_from_string ("sha-256", 7),
      GST_SIP_DIGEST_ALGORITHM_SHA256);
  fail_unless_equals_int (gst_sip_digest_algorithm_from_string ("SHA-256x",
          -1), GST_SIP_DIGEST_ALGORITHM_UNKNOWN);
  fail_unless (gst_sip_digest_algorithm_is_supported
      (GST_SIP_DIGEST_ALGORITHM_SHA256_SESS));
  fail_if (gst_sip_digest_algorithm_is_supported
      (GST_SIP_DIGEST_ALGORITHM_SHA512_256));
  fail_unless (gst_sip_digest_algorithm_strength
      (GST_SIP_DIGEST_ALGORITHM_SHA256) >
      gst_sip_digest_algorithm_strength (GST_SIP_DIGEST_ALGORITHM_MD5_SESS));
}

GST_END_TEST;

/* ---- authenticator ---- */

static gchar *
counting_cnonce (gpointer user_data)
{
  guint *counter = user_data;

  return g_strdup_printf ("cnonce%u", ++*counter);
}

static GstSipAuthenticator *
new_authenticator (const GstSipCredentials * cred, guint * counter)
{
  GstSipAuthenticator *auth = gst_sip_authenticator_new (cred);

  gst_sip_authenticator_set_cnonce_func (auth, counting_cnonce, counter, NULL);
  return auth;
}

static GstSipAuthDecision
challenge_www (GstSipAuthenticator * auth, const gchar * value,
    const gchar ** reason)
{
  const gchar *values[] = { value, NULL };

  return gst_sip_authenticator_handle_challenges (auth, values, NULL, reason);
}

/* Authorizes one REGISTER and returns its only header's value. */
static gchar *
authorize_one (GstSipAuthenticator * auth, gboolean proxy)
{
  GPtrArray *headers = gst_sip_authenticator_authorize (auth, "REGISTER",
      "sip:" ALICE_REALM, NULL, 0);
  GstSipAuthorization *authorization;
  gchar *value;

  fail_unless_equals_int (headers->len, 1);
  authorization = g_ptr_array_index (headers, 0);
  fail_unless_equals_int (authorization->proxy, proxy);
  value = g_strdup (authorization->value);
  g_ptr_array_unref (headers);
  return value;
}

GST_START_TEST (test_authenticator_401_then_nc)
{
  guint counter = 0;
  GstSipAuthenticator *auth = new_authenticator (&alice, &counter);
  gchar *challenge = alice_challenge (", qop=auth");
  GPtrArray *none;
  gchar *nc1_value, *nc2_value, *expected;
  const gchar *reason = NULL;

  none = gst_sip_authenticator_authorize (auth, "REGISTER", "sip:x", NULL, 0);
  fail_unless_equals_int (none->len, 0);
  g_ptr_array_unref (none);

  fail_unless_equals_int (challenge_www (auth, challenge, &reason),
      GST_SIP_AUTH_RETRY);
  nc1_value = authorize_one (auth, FALSE);
  nc2_value = authorize_one (auth, FALSE);
  assert_auth_param (nc1_value, "nc", "00000001");
  assert_auth_param (nc2_value, "nc", "00000002");
  assert_auth_param (nc1_value, "cnonce", "cnonce1");
  assert_auth_param (nc2_value, "cnonce", "cnonce1");
  assert_auth_param (nc1_value, "uri", "sip:" ALICE_REALM);

  /* The header is exactly what the digest module computes for nc=1. */
  expected = build (challenge, &alice, "REGISTER", "sip:" ALICE_REALM, NULL, 1,
      "cnonce1");
  fail_unless_equals_string (nc1_value, expected);

  g_free (expected);
  g_free (nc1_value);
  g_free (nc2_value);
  g_free (challenge);
  gst_sip_authenticator_free (auth);
}

GST_END_TEST;

GST_START_TEST (test_authenticator_407_proxy)
{
  guint counter = 0;
  g_autoptr (GstSipAuthenticator) auth = new_authenticator (&alice, &counter);
  const gchar *proxy[] =
      { "Digest realm=\"proxy.example.com\", nonce=p", NULL };
  gchar *value;

  fail_unless_equals_int (gst_sip_authenticator_handle_challenges (auth, NULL,
          proxy, NULL), GST_SIP_AUTH_RETRY);
  value = authorize_one (auth, TRUE);
  assert_auth_param (value, "realm", "proxy.example.com");
  g_free (value);
}

GST_END_TEST;

GST_START_TEST (test_authenticator_endless_401)
{
  guint counter = 0, retries = 0, round;
  g_autoptr (GstSipAuthenticator) auth = new_authenticator (&alice, &counter);
  gchar *challenge = alice_challenge (", qop=auth");
  const gchar *reason = NULL;

  /* A server that refuses the password answers every try with a 401. */
  for (round = 0; round < 10; round++) {
    if (challenge_www (auth, challenge, &reason) == GST_SIP_AUTH_GIVE_UP)
      break;
    retries++;
  }
  fail_unless_equals_int (retries, 1);
  fail_unless_equals_string (reason, "credentials refused");
  g_free (challenge);
}

GST_END_TEST;

GST_START_TEST (test_authenticator_stale)
{
  guint counter = 0, retries = 0, round;
  g_autoptr (GstSipAuthenticator) auth = new_authenticator (&alice, &counter);
  const gchar *reason = NULL;
  gchar *value;

  fail_unless_equals_int (challenge_www (auth,
          "Digest realm=r, nonce=n0, qop=auth", NULL), GST_SIP_AUTH_RETRY);
  value = authorize_one (auth, FALSE);
  g_free (value);

  /* The nonce expired: one more try with the new nonce, nc restarts. */
  fail_unless_equals_int (challenge_www (auth,
          "Digest realm=r, nonce=n1, qop=auth, stale=true", NULL),
      GST_SIP_AUTH_RETRY);
  value = authorize_one (auth, FALSE);
  assert_auth_param (value, "nonce", "n1");
  assert_auth_param (value, "nc", "00000001");
  assert_auth_param (value, "cnonce", "cnonce2");
  g_free (value);

  /* A server that says stale forever, with fresh nonces, is given up. */
  for (round = 2; round < 10; round++) {
    gchar *stale = g_strdup_printf ("Digest realm=r, nonce=n%u, qop=auth, "
        "stale=true", round);
    GstSipAuthDecision decision = challenge_www (auth, stale, &reason);

    g_free (stale);
    if (decision == GST_SIP_AUTH_GIVE_UP)
      break;
    retries++;
  }
  fail_unless_equals_int (retries, 0);
  fail_unless_equals_string (reason, "stale nonce again after a stale retry");
}

GST_END_TEST;

GST_START_TEST (test_authenticator_stale_same_nonce)
{
  guint counter = 0;
  g_autoptr (GstSipAuthenticator) auth = new_authenticator (&alice, &counter);
  const gchar *reason = NULL;

  fail_unless_equals_int (challenge_www (auth, "Digest realm=r, nonce=n0",
          NULL), GST_SIP_AUTH_RETRY);
  fail_unless_equals_int (challenge_www (auth,
          "Digest realm=r, nonce=n0, stale=true", &reason),
      GST_SIP_AUTH_GIVE_UP);
  fail_unless_equals_string (reason, "stale challenge repeats the nonce");
}

GST_END_TEST;

static gchar *
chosen_param (const GstSipCredentials * cred, const gchar * const *www,
    const gchar * param)
{
  guint counter = 0;
  g_autoptr (GstSipAuthenticator) auth = new_authenticator (cred, &counter);
  const gchar *reason = NULL;
  gchar *value, *result;

  if (gst_sip_authenticator_handle_challenges (auth, www, NULL,
          &reason) != GST_SIP_AUTH_RETRY)
    fail ("gave up: %s", reason);
  value = authorize_one (auth, FALSE);
  result = auth_param (value, param);
  g_free (value);
  return result;
}

GST_START_TEST (test_authenticator_strongest_algorithm)
{
  const GstSipCredentials md5_ha1 = { "alice", NULL,
    "817bf6d2bab4a2a73b3eeef60ec517ac", ALICE_REALM
  };
  const gchar *md5_then_sha[] = {
    "Digest realm=\"" ALICE_REALM "\", nonce=a, algorithm=MD5, qop=auth",
    "Digest realm=\"" ALICE_REALM "\", nonce=b, algorithm=SHA-256, qop=auth",
    NULL
  };
  const gchar *rfc8760_order[] = {
    "Digest realm=\"" ALICE_REALM "\", nonce=a, algorithm=SHA-512-256, "
        "qop=auth",
    "Digest realm=\"" ALICE_REALM "\", nonce=b, algorithm=SHA-256-sess, "
        "qop=auth",
    "Digest realm=\"" ALICE_REALM "\", nonce=c, algorithm=SHA-256, qop=auth",
    "Digest realm=\"" ALICE_REALM "\", nonce=d, algorithm=MD5, qop=auth",
    NULL
  };
  const gchar *broken_first[] = {
    "Digest realm=\"" ALICE_REALM "\", nonce=\"a",
    "Basic realm=\"" ALICE_REALM "\"",
    "Digest realm=\"" ALICE_REALM "\", nonce=b, algorithm=MD5",
    NULL
  };
  gchar *value;

  value = chosen_param (&alice, md5_then_sha, "algorithm");
  fail_unless_equals_string (value, "SHA-256");
  g_free (value);

  /* SHA-512-256 cannot be answered; SHA-256-sess ties with SHA-256 and
   * comes first. */
  value = chosen_param (&alice, rfc8760_order, "nonce");
  fail_unless_equals_string (value, "b");
  g_free (value);

  /* An MD5 ha1 answers only the MD5 challenge. */
  value = chosen_param (&md5_ha1, md5_then_sha, "algorithm");
  fail_unless_equals_string (value, "MD5");
  g_free (value);

  value = chosen_param (&alice, broken_first, "nonce");
  fail_unless_equals_string (value, "b");
  g_free (value);
}

GST_END_TEST;

GST_START_TEST (test_authenticator_several_realms)
{
  guint counter = 0;
  g_autoptr (GstSipAuthenticator) auth = new_authenticator (&alice, &counter);
  const gchar *www[] = {
    "Digest realm=\"one\", nonce=n1, qop=auth",
    "Digest realm=\"two\", nonce=n2, algorithm=SHA-256, qop=auth",
    NULL
  };
  const gchar *proxy[] = { "Digest realm=\"one\", nonce=p1", NULL };
  GPtrArray *headers;
  guint i, n_proxy = 0;

  fail_unless_equals_int (gst_sip_authenticator_handle_challenges (auth, www,
          proxy, NULL), GST_SIP_AUTH_RETRY);
  headers = gst_sip_authenticator_authorize (auth, "INVITE", BOB_URI,
      SDP_BODY, strlen (SDP_BODY));
  fail_unless_equals_int (headers->len, 3);
  for (i = 0; i < headers->len; i++) {
    GstSipAuthorization *authorization = g_ptr_array_index (headers, i);
    gchar *realm = auth_param (authorization->value, "realm");
    gchar *nonce = auth_param (authorization->value, "nonce");

    if (authorization->proxy) {
      n_proxy++;
      fail_unless_equals_string (nonce, "p1");
    } else {
      fail_unless_equals_string (nonce,
          g_str_equal (realm, "one") ? "n1" : "n2");
    }
    g_free (realm);
    g_free (nonce);
  }
  fail_unless_equals_int (n_proxy, 1);
  g_ptr_array_unref (headers);
}

GST_END_TEST;

GST_START_TEST (test_authenticator_gives_up)
{
  const GstSipCredentials restricted = { "alice", "secret", NULL, "mine" };
  guint counter = 0;
  const gchar *reason = NULL;
  g_autoptr (GstSipAuthenticator) auth = new_authenticator (&alice, &counter);
  g_autoptr (GstSipAuthenticator) picky =
      new_authenticator (&restricted, &counter);
  const gchar *unsupported[] = {
    "Digest realm=r, nonce=n, algorithm=SHA-512-256", NULL
  };
  const gchar *empty[] = { NULL };

  fail_unless_equals_int (gst_sip_authenticator_handle_challenges (auth, NULL,
          NULL, &reason), GST_SIP_AUTH_GIVE_UP);
  fail_unless_equals_string (reason, "response carries no challenge");
  fail_unless_equals_int (gst_sip_authenticator_handle_challenges (auth, empty,
          empty, &reason), GST_SIP_AUTH_GIVE_UP);
  fail_unless_equals_string (reason, "response carries no challenge");
  fail_unless_equals_int (challenge_www (auth, "Digest realm=\"r", &reason),
      GST_SIP_AUTH_GIVE_UP);
  fail_unless_equals_string (reason, "unterminated quoted string");
  fail_unless_equals_int (gst_sip_authenticator_handle_challenges (auth,
          unsupported, NULL, &reason), GST_SIP_AUTH_GIVE_UP);
  fail_unless_equals_string (reason, "unsupported digest algorithm");
  fail_unless_equals_int (challenge_www (picky, "Digest realm=r, nonce=n",
          &reason), GST_SIP_AUTH_GIVE_UP);
  fail_unless_equals_string (reason, "challenge is for another realm");

  /* Giving up adopts nothing: no credentials are sent afterwards. */
  {
    GPtrArray *headers = gst_sip_authenticator_authorize (auth, "REGISTER",
        "sip:r", NULL, 0);

    fail_unless_equals_int (headers->len, 0);
    g_ptr_array_unref (headers);
  }
}

GST_END_TEST;

GST_START_TEST (test_authenticator_per_ua_reuse)
{
  guint counter = 0;
  g_autoptr (GstSipAuthenticator) auth = new_authenticator (&alice, &counter);
  const gchar *reason = NULL;
  gchar *value;

  fail_unless_equals_int (challenge_www (auth,
          "Digest realm=r, nonce=n0, qop=auth", NULL), GST_SIP_AUTH_RETRY);
  value = authorize_one (auth, FALSE);
  g_free (value);

  /* Next request (a REGISTER refresh): credentials go out at once with the
   * known nonce, and a fresh challenge is answered again. */
  gst_sip_authenticator_start_request (auth);
  value = authorize_one (auth, FALSE);
  assert_auth_param (value, "nonce", "n0");
  assert_auth_param (value, "nc", "00000002");
  g_free (value);
  fail_unless_equals_int (challenge_www (auth,
          "Digest realm=r, nonce=n5, qop=auth", NULL), GST_SIP_AUTH_RETRY);
  fail_unless_equals_int (challenge_www (auth,
          "Digest realm=r, nonce=n6, qop=auth", &reason), GST_SIP_AUTH_GIVE_UP);
  fail_unless_equals_string (reason, "credentials refused");
}

GST_END_TEST;

static GstSipMessage *
parse_message (const gchar * text)
{
  GstSipMessage *msg = NULL;
  const gchar *reason = NULL;

  if (gst_sip_message_parse (text, strlen (text), &msg, &reason) !=
      GST_SIP_PARSE_OK)
    fail ("message rejected: %s", reason);
  return msg;
}

#define RESPONSE_HEADERS \
  "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK776asdhds\r\n" \
  "From: <sip:alice@" ALICE_REALM ">;tag=1928301774\r\n" \
  "To: <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n" \
  "Call-ID: a84b4c76e66710\r\n" \
  "CSeq: 314159 INVITE\r\n"

GST_START_TEST (test_authenticator_messages)
{
  guint counter = 0;
  g_autoptr (GstSipAuthenticator) auth = new_authenticator (&alice, &counter);
  g_autoptr (GstSipMessage) response = parse_message ("SIP/2.0 407 Proxy "
      "Authentication Required\r\n" RESPONSE_HEADERS
      "Proxy-Authenticate: Digest realm=\"proxy.example.com\", nonce=\"p\", "
      "qop=\"auth-int\"\r\n"
      "WWW-Authenticate: Digest realm=\"" ALICE_REALM "\", nonce=\"w\", "
      "algorithm=MD5, qop=\"auth\"\r\n"
      "www-authenticate: Digest realm=\"" ALICE_REALM "\", nonce=\"s\", "
      "algorithm=SHA-256, qop=\"auth\"\r\n" "Content-Length: 0\r\n\r\n");
  g_autoptr (GstSipMessage) request =
      gst_sip_message_new_request (GST_SIP_METHOD_INVITE, BOB_URI);
  const gchar *reason = NULL;
  GstSipDigestRequest expected_request = { "INVITE", BOB_URI, SDP_BODY,
    strlen (SDP_BODY), 2, NULL
  };
  g_auto (GstSipChallenge) proxy_challenge = { 0, };
  gchar *expected, *value, *cnonce;

  gst_sip_message_set_body (request, "application/sdp", SDP_BODY,
      strlen (SDP_BODY));

  fail_unless_equals_int (gst_sip_authenticator_handle_response (auth,
          response, &reason), GST_SIP_AUTH_RETRY);
  gst_sip_authenticator_add_headers (auth, request);
  gst_sip_authenticator_add_headers (auth, request);

  /* One of each, replaced rather than piled up (nc shows the second). */
  fail_unless_equals_int (gst_sip_message_count_headers (request,
          GST_SIP_HEADER_PROXY_AUTHORIZATION), 1);
  fail_unless_equals_int (gst_sip_message_count_headers (request,
          GST_SIP_HEADER_AUTHORIZATION), 1);
  value = (gchar *) gst_sip_message_get_header (request,
      GST_SIP_HEADER_AUTHORIZATION);
  assert_auth_param (value, "algorithm", "SHA-256");
  assert_auth_param (value, "nonce", "s");
  assert_auth_param (value, "nc", "00000002");

  /* The proxy answer hashes the request's body (auth-int). */
  value = (gchar *) gst_sip_message_get_header (request,
      GST_SIP_HEADER_PROXY_AUTHORIZATION);
  cnonce = auth_param (value, "cnonce");
  expected_request.cnonce = cnonce;
  parse_ok (gst_sip_message_get_header (response,
          GST_SIP_HEADER_PROXY_AUTHENTICATE), &proxy_challenge);
  expected = gst_sip_digest_compute_response (&proxy_challenge,
      GST_SIP_QOP_AUTH_INT, &alice, &expected_request, NULL);
  assert_auth_param (value, "response", expected);
  assert_auth_param (value, "qop", "auth-int");
  g_free (expected);
  g_free (cnonce);

  /* Same challenge again: refused credentials. */
  fail_unless_equals_int (gst_sip_authenticator_handle_response (auth,
          response, &reason), GST_SIP_AUTH_GIVE_UP);
  fail_unless_equals_string (reason, "credentials refused");
}

GST_END_TEST;

GST_START_TEST (test_authenticator_keeps_application_authorization)
{
  guint counter = 0;
  g_autoptr (GstSipAuthenticator) auth = new_authenticator (&alice, &counter);
  g_autoptr (GstSipMessage) response = parse_message ("SIP/2.0 407 Proxy "
      "Authentication Required\r\n" RESPONSE_HEADERS
      "Proxy-Authenticate: Digest realm=\"p\", nonce=\"n\"\r\n"
      "Content-Length: 0\r\n\r\n");
  g_autoptr (GstSipMessage) request =
      gst_sip_message_new_request (GST_SIP_METHOD_INVITE, BOB_URI);

  gst_sip_message_add_header (request, GST_SIP_HEADER_AUTHORIZATION,
      "Bearer application-token");
  fail_unless_equals_int (gst_sip_authenticator_handle_response (auth,
          response, NULL), GST_SIP_AUTH_RETRY);
  gst_sip_authenticator_add_headers (auth, request);
  fail_unless_equals_string (gst_sip_message_get_header (request,
          GST_SIP_HEADER_AUTHORIZATION), "Bearer application-token");
  fail_unless (g_str_has_prefix (gst_sip_message_get_header (request,
              GST_SIP_HEADER_PROXY_AUTHORIZATION), "Digest "));
}

GST_END_TEST;

static Suite *
sip_digest_suite (void)
{
  Suite *s = suite_create ("sip-digest");
  TCase *challenge = tcase_create ("challenge");
  TCase *digest = tcase_create ("digest");
  TCase *authenticator = tcase_create ("authenticator");

  suite_add_tcase (s, challenge);
  tcase_add_test (challenge, test_challenge_all_params);
  tcase_add_test (challenge, test_challenge_defaults);
  tcase_add_test (challenge, test_challenge_case_and_tokens);
  tcase_add_test (challenge, test_challenge_escapes);
  tcase_add_test (challenge, test_challenge_unknown_and_stale_values);
  tcase_add_test (challenge, test_challenge_unknown_algorithm);
  tcase_add_test (challenge, test_challenge_other_schemes_skipped);
  tcase_add_test (challenge, test_challenge_malformed);
  tcase_add_test (challenge, test_challenge_limits);
  tcase_add_test (challenge, test_challenge_truncations_and_noise);

  suite_add_tcase (s, digest);
  tcase_add_test (digest, test_rfc2617_example);
  tcase_add_test (digest, test_rfc7616_examples);
  tcase_add_test (digest, test_rfc2069_without_qop);
  tcase_add_test (digest, test_algorithms_and_qops);
  tcase_add_test (digest, test_qop_choice);
  tcase_add_test (digest, test_ha1_in_place_of_password);
  tcase_add_test (digest, test_unanswerable);
  tcase_add_test (digest, test_compute_response_checks_qop);
  tcase_add_test (digest, test_userhash_and_quoting);
  tcase_add_test (digest, test_algorithm_names);

  suite_add_tcase (s, authenticator);
  tcase_add_test (authenticator, test_authenticator_401_then_nc);
  tcase_add_test (authenticator, test_authenticator_407_proxy);
  tcase_add_test (authenticator, test_authenticator_endless_401);
  tcase_add_test (authenticator, test_authenticator_stale);
  tcase_add_test (authenticator, test_authenticator_stale_same_nonce);
  tcase_add_test (authenticator, test_authenticator_strongest_algorithm);
  tcase_add_test (authenticator, test_authenticator_several_realms);
  tcase_add_test (authenticator, test_authenticator_gives_up);
  tcase_add_test (authenticator, test_authenticator_per_ua_reuse);
  tcase_add_test (authenticator, test_authenticator_messages);
  tcase_add_test (authenticator,
      test_authenticator_keeps_application_authorization);
  return s;
}

GST_CHECK_MAIN (sip_digest);
