/* gst-jssip: tests for SIP/tel URIs and name-addr values
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/check/gstcheck.h>
#include <gst/sip/sipuri.h>

#include <string.h>

static GstSipUri *
uri_ok (const gchar * str)
{
  GError *error = NULL;
  GstSipUri *uri = gst_sip_uri_new_parse (str, &error);

  fail_unless (uri != NULL, "'%s' did not parse: %s", str,
      error ? error->message : "?");
  return uri;
}

GST_START_TEST (test_parse_full_sip_uri)
{
  GstSipUri *uri = uri_ok
      ("sips:alice:secret@atlanta.example.com:5061;transport=tcp;lr"
      "?subject=project%20x&priority=urgent");

  fail_unless_equals_int (uri->scheme, GST_SIP_URI_SCHEME_SIPS);
  fail_unless_equals_string (uri->user, "alice");
  fail_unless_equals_string (uri->password, "secret");
  fail_unless_equals_string (uri->host, "atlanta.example.com");
  fail_unless_equals_int (uri->port, 5061);
  fail_unless_equals_int (uri->n_params, 2);
  fail_unless_equals_string (gst_sip_uri_get_param (uri, "TRANSPORT"), "tcp");
  fail_unless (gst_sip_uri_has_param (uri, "lr"));
  fail_unless (gst_sip_uri_get_param (uri, "lr") == NULL);
  fail_unless (!gst_sip_uri_has_param (uri, "maddr"));
  fail_unless_equals_int (uri->n_headers, 2);
  fail_unless_equals_string (uri->headers[0].name, "subject");
  /* Stored as on the wire. */
  fail_unless_equals_string (uri->headers[0].value, "project%20x");
  fail_unless_equals_string (uri->headers[1].value, "urgent");
  gst_sip_uri_free (uri);
}

GST_END_TEST;

GST_START_TEST (test_parse_variants)
{
  GstSipUri *uri;

  uri = uri_ok ("sip:[2001:db8::10]:5070;maddr=[2001:db8::1]");
  fail_unless (uri->user == NULL);
  fail_unless_equals_string (uri->host, "[2001:db8::10]");
  fail_unless_equals_int (uri->port, 5070);
  fail_unless_equals_string (gst_sip_uri_get_param (uri, "maddr"),
      "[2001:db8::1]");
  gst_sip_uri_free (uri);

  uri = uri_ok ("SIP:192.0.2.4");
  fail_unless_equals_int (uri->scheme, GST_SIP_URI_SCHEME_SIP);
  fail_unless_equals_string (uri->host, "192.0.2.4");
  fail_unless_equals_int (uri->port, 0);
  gst_sip_uri_free (uri);

  /* user-unreserved characters, ';' included, stay in the user part. */
  uri =
      uri_ok ("sip:+1-212-555-1212;phone-context=x@gw.example.com;user=phone");
  fail_unless_equals_string (uri->user, "+1-212-555-1212;phone-context=x");
  fail_unless_equals_string (gst_sip_uri_get_param (uri, "user"), "phone");
  gst_sip_uri_free (uri);

  uri = uri_ok ("sip:%61lice@example.com");
  fail_unless_equals_string (uri->user, "%61lice");
  gst_sip_uri_free (uri);

  /* '@' in URI headers (after '?') does not start a userinfo. */
  uri = uri_ok ("sip:bob@b.example.com?Replaces=call%40a%3Bto-tag%3D1");
  fail_unless_equals_string (uri->user, "bob");
  fail_unless_equals_string (uri->headers[0].name, "Replaces");
  fail_unless_equals_string (uri->headers[0].value, "call%40a%3Bto-tag%3D1");
  gst_sip_uri_free (uri);

  uri = uri_ok ("tel:+1-201-555-0123;phone-context=example.com");
  fail_unless_equals_int (uri->scheme, GST_SIP_URI_SCHEME_TEL);
  fail_unless_equals_string (uri->user, "+1-201-555-0123");
  fail_unless (uri->host == NULL);
  fail_unless_equals_string (gst_sip_uri_get_param (uri, "phone-context"),
      "example.com");
  gst_sip_uri_free (uri);
}

GST_END_TEST;

GST_START_TEST (test_parse_rejects)
{
  static const gchar *const bad[] = {
    "", "sip:", "sip:@host", "sip:alice@", "sip:host:", "sip:host:0",
    "sip:host:65536", "sip:host:5x", "sip:[::1", "sip:[]", "sip:a b@host",
    "sip:host;", "sip:host;;lr", "sip:host;=x", "sip:al%6@host",
    "sip:al%zzice@host", "sip:host?", "sip:host/path", "sip:ho\"st",
    "sip:<host>", "http://example.com", "mailto:a@b", "tel:", "tel:12?x=y",
    "sip:host\r\n", "sip:ho\tst",
  };
  GstSipArena *arena = gst_sip_arena_new (256);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bad); i++) {
    GstSipUri uri;
    const gchar *reason = NULL;

    fail_if (gst_sip_uri_parse_into (arena, bad[i], -1, &uri, &reason),
        "'%s' parsed", bad[i]);
    fail_unless (reason != NULL);
  }
  {
    GstSipUri uri;
    const gchar *reason = NULL;

    fail_if (gst_sip_uri_parse_into (arena, "im:alice@example.com", -1, &uri,
            &reason));
    fail_unless_equals_string (reason, "Unsupported URI Scheme");
  }
  gst_sip_arena_free (arena);
}

GST_END_TEST;

GST_START_TEST (test_to_string_round_trip)
{
  static const gchar *const uris[] = {
    "sip:alice@atlanta.example.com",
    "sips:alice:pw@[2001:db8::1]:5061;transport=tcp;lr?h1=v1&h2",
    "sip:host.example.com;ob",
    "tel:+358-555-1234567;postd=pp22",
    "sip:%61lice@example.com;maddr=239.255.255.1;ttl=15",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (uris); i++) {
    GstSipUri *uri = uri_ok (uris[i]), *copy;
    gchar *str = gst_sip_uri_to_string (uri);

    fail_unless_equals_string (str, uris[i]);
    copy = gst_sip_uri_copy (uri);
    gst_sip_uri_free (uri);
    g_free (str);
    str = gst_sip_uri_to_string (copy);
    fail_unless_equals_string (str, uris[i]);
    g_free (str);
    gst_sip_uri_free (copy);
  }
}

GST_END_TEST;

static gboolean
uris_equal (const gchar * a, const gchar * b)
{
  GstSipUri *ua = uri_ok (a), *ub = uri_ok (b);
  gboolean equal = gst_sip_uri_equal (ua, ub);

  /* Equality is symmetric. */
  fail_unless_equals_int (equal, gst_sip_uri_equal (ub, ua));
  gst_sip_uri_free (ua);
  gst_sip_uri_free (ub);
  return equal;
}

/* RFC 3261 §19.1.4 rules, each with URIs of our own. */
GST_START_TEST (test_equal)
{
  /* Host is case-insensitive, escapes equal their characters. */
  fail_unless (uris_equal ("sip:carol@CHICAGO.example.com",
          "sip:carol@chicago.example.com"));
  fail_unless (uris_equal ("sip:%63arol@chicago.example.com;transport=TCP",
          "sip:carol@chicago.example.com;TRANSPORT=tcp"));
  /* Parameter order does not matter. */
  fail_unless (uris_equal ("sip:c@h.example.com;a=1;transport=ws",
          "sip:c@h.example.com;transport=ws;a=1"));
  /* Other params count only when in both. */
  fail_unless (uris_equal ("sip:c@h.example.com;ob",
          "sip:c@h.example.com;foo=bar"));
  fail_if (uris_equal ("sip:c@h.example.com;foo=1",
          "sip:c@h.example.com;foo=2"));
  /* user, ttl, method, maddr, transport must match if in either. */
  fail_if (uris_equal ("sip:c@h.example.com;transport=ws",
          "sip:c@h.example.com"));
  fail_if (uris_equal ("sip:c@h.example.com;user=phone",
          "sip:c@h.example.com"));
  fail_if (uris_equal ("sip:c@h.example.com;maddr=239.1.1.1",
          "sip:c@h.example.com"));
  /* User part is case-sensitive. */
  fail_if (uris_equal ("sip:CAROL@h.example.com", "sip:carol@h.example.com"));
  fail_if (uris_equal ("sip:carol@h.example.com",
          "sip:carol:pw@h.example.com"));
  /* An explicit default port differs from an absent one. */
  fail_if (uris_equal ("sip:carol@h.example.com",
          "sip:carol@h.example.com:5060"));
  /* sip and sips differ. */
  fail_if (uris_equal ("sip:carol@h.example.com", "sips:carol@h.example.com"));
  /* Headers must all match. */
  fail_if (uris_equal ("sip:carol@h.example.com?subject=x",
          "sip:carol@h.example.com"));
  fail_unless (uris_equal ("sip:carol@h.example.com?Subject=a%20b",
          "sip:carol@h.example.com?subject=a%20b"));
  fail_if (uris_equal ("sip:carol@h.example.com?subject=a%20b",
          "sip:carol@h.example.com?subject=a%20c"));
  fail_unless (uris_equal ("sip:carol@h.example.com?subject=x&p=1",
          "sip:carol@h.example.com?p=1&SUBJECT=x"));
  /* A repeated parameter name keeps equality reflexive. */
  fail_unless (uris_equal ("sip:c@h.example.com;alias=1;x;alias=2",
          "sip:c@h.example.com;alias=1;x;alias=2"));
  /* tel: visual separators are ignored. */
  fail_unless (uris_equal ("tel:+1-201-555-0123", "tel:+1.201.555.0123"));
  fail_if (uris_equal ("tel:+1-201-555-0123", "tel:+1-201-555-0124"));
}

GST_END_TEST;

static void
name_addr_ok (GstSipArena * arena, const gchar * str, GstSipNameAddr * na)
{
  const gchar *reason = NULL;

  fail_unless (gst_sip_name_addr_parse_into (arena, str, -1, na, &reason),
      "'%s' did not parse: %s", str, reason);
}

GST_START_TEST (test_name_addr)
{
  GstSipArena *arena = gst_sip_arena_new (256);
  GstSipNameAddr na;
  GString *out = g_string_new (NULL);

  name_addr_ok (arena, "\"J. \\\"Bob\\\" \\\\ Smith\" <sip:bob@example.com>"
      " ;tag=a48s ; expires = 3600", &na);
  fail_unless_equals_string (na.display_name, "J. \"Bob\" \\ Smith");
  fail_unless_equals_string (na.uri.user, "bob");
  fail_unless_equals_string (gst_sip_name_addr_get_param (&na, "tag"), "a48s");
  fail_unless_equals_string (gst_sip_name_addr_get_param (&na, "EXPIRES"),
      "3600");
  gst_sip_name_addr_append (&na, out);
  fail_unless_equals_string (out->str,
      "\"J. \\\"Bob\\\" \\\\ Smith\" <sip:bob@example.com>;tag=a48s;"
      "expires=3600");

  /* Token display names, LWS inside kept. */
  name_addr_ok (arena, "Bob  Smith<sip:bob@example.com;transport=ws>;tag=1",
      &na);
  fail_unless_equals_string (na.display_name, "Bob  Smith");
  fail_unless_equals_string (gst_sip_uri_get_param (&na.uri, "transport"),
      "ws");
  fail_unless_equals_int (na.n_params, 1);

  /* addr-spec: parameters belong to the header, not to the URI (§20.10). */
  name_addr_ok (arena, "sip:alice@example.com;tag=88sja8x", &na);
  fail_unless (na.display_name == NULL);
  fail_unless_equals_int (na.uri.n_params, 0);
  fail_unless_equals_string (gst_sip_name_addr_get_param (&na, "tag"),
      "88sja8x");

  /* Quoted parameter values keep their quotes; '<' inside is fine. */
  name_addr_ok (arena, "<sip:a@h.invalid;transport=ws>;+sip.instance="
      "\"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>\";reg-id=1", &na);
  fail_unless_equals_string (gst_sip_name_addr_get_param (&na, "+sip.instance"),
      "\"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>\"");
  fail_unless_equals_string (gst_sip_name_addr_get_param (&na, "reg-id"), "1");

  /* Empty quoted display name, IPv6 and a tel URI. */
  name_addr_ok (arena, "\"\" <sip:[::1]:5060>", &na);
  fail_unless_equals_string (na.display_name, "");
  fail_unless_equals_string (na.uri.host, "[::1]");
  name_addr_ok (arena, "<tel:+1-201-555-0123>", &na);
  fail_unless_equals_int (na.uri.scheme, GST_SIP_URI_SCHEME_TEL);

  g_string_free (out, TRUE);
  gst_sip_arena_free (arena);
}

GST_END_TEST;

GST_START_TEST (test_name_addr_rejects)
{
  static const gchar *const bad[] = {
    "", "\"Bob <sip:bob@example.com>", "Bob <sip:bob@example.com",
    "\"Bob\" sip:bob@example.com", "<sip:bob@example.com> junk",
    "<sip:bob@example.com>;", "<sip:bob@example.com>;tag=",
    "<sip:bob@example.com>;tag=\"x", "B@b <sip:bob@example.com>",
    "<http://example.com>",
  };
  GstSipArena *arena = gst_sip_arena_new (256);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bad); i++) {
    GstSipNameAddr na;
    const gchar *reason = NULL;

    fail_if (gst_sip_name_addr_parse_into (arena, bad[i], -1, &na, &reason),
        "'%s' parsed", bad[i]);
    fail_unless (reason != NULL);
  }

  /* A NUL inside a quoted display name, plain or escaped, would cut the
   * name short once handed on as a C string (found by fuzz-uri). */
  {
    static const gchar nul_name[] = "\"A\0B\" <sip:agb@bell-telep>;tag=a";
    static const gchar nul_pair[] = "\"A\\\0B\" <sip:agb@bell-telep>";
    GstSipNameAddr na;
    const gchar *reason = NULL;

    fail_if (gst_sip_name_addr_parse_into (arena, nul_name,
            sizeof (nul_name) - 1, &na, &reason));
    fail_if (gst_sip_name_addr_parse_into (arena, nul_pair,
            sizeof (nul_pair) - 1, &na, &reason));
  }
  /* Nor inside a bracketed (IPv6 reference) parameter value. */
  {
    static const gchar nul_v6[] = "tel:70;q=[2001k: \0\0:db8::1]";
    GstSipUri uri;
    const gchar *reason = NULL;

    fail_if (gst_sip_uri_parse_into (arena, nul_v6, sizeof (nul_v6) - 1,
            &uri, &reason));
    fail_unless (gst_sip_uri_parse_into (arena,
            "sip:a@b;maddr=[2001:db8::1]", -1, &uri, &reason), "%s", reason);
  }
  gst_sip_arena_free (arena);
}

GST_END_TEST;

GST_START_TEST (test_too_many_params)
{
  GString *str = g_string_new ("sip:a@example.com");
  GString *na_str = g_string_new ("<sip:a@example.com>");
  GstSipArena *arena = gst_sip_arena_new (256);
  GstSipUri uri;
  GstSipNameAddr na;
  const gchar *reason;
  guint i;

  for (i = 0; i < 65; i++) {
    g_string_append_printf (str, ";p%u", i);
    g_string_append_printf (na_str, ";p%u=1", i);
  }
  fail_if (gst_sip_uri_parse_into (arena, str->str, -1, &uri, &reason));
  fail_if (gst_sip_name_addr_parse_into (arena, na_str->str, -1, &na, &reason));
  fail_unless_equals_string (reason, "Too many parameters");
  g_string_free (str, TRUE);
  g_string_free (na_str, TRUE);
  gst_sip_arena_free (arena);
}

GST_END_TEST;

static Suite *
sip_uri_suite (void)
{
  Suite *s = suite_create ("sip-uri");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_parse_full_sip_uri);
  tcase_add_test (tc, test_parse_variants);
  tcase_add_test (tc, test_parse_rejects);
  tcase_add_test (tc, test_to_string_round_trip);
  tcase_add_test (tc, test_equal);
  tcase_add_test (tc, test_name_addr);
  tcase_add_test (tc, test_name_addr_rejects);
  tcase_add_test (tc, test_too_many_params);
  return s;
}

GST_CHECK_MAIN (sip_uri);
