/* gst-jssip: jssipsrc / jssipsink properties, pairing, validation, pads
 *
 * Runs the elements from the built plugin (GST_PLUGIN_PATH), as a user
 * gets them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include <gio/gio.h>
#include <gst/check/gstcheck.h>

#include "element-props.h"

static const gchar *const element_names[] = { "jssipsrc", "jssipsink" };

/* A setting a user would write, enough for the state change to succeed. */
static void
set_valid_account (GstElement * element)
{
  g_object_set (element, "uri", "sip:alice@example.com", "server",
      "ws://127.0.0.1:9", "register", FALSE, NULL);
}

static GParamSpec *
find_pspec (GstElement * element, const gchar * name)
{
  return g_object_class_find_property (G_OBJECT_GET_CLASS (element), name);
}

/* An enum or flags property as its nick(s), "audio+video" style. */
static gchar *
dup_nick (GstElement * element, const gchar * name)
{
  GValue value = G_VALUE_INIT;
  gchar *text;

  g_value_init (&value, find_pspec (element, name)->value_type);
  g_object_get_property (G_OBJECT (element), name, &value);
  if (G_VALUE_HOLDS_ENUM (&value)) {
    GEnumClass *klass = g_type_class_peek (G_VALUE_TYPE (&value));

    text = g_strdup (g_enum_get_value (klass,
            g_value_get_enum (&value))->value_nick);
  } else {
    GFlagsClass *klass = g_type_class_peek (G_VALUE_TYPE (&value));
    guint flags = g_value_get_flags (&value);
    GString *nicks = g_string_new (NULL);
    guint i;

    for (i = 0; i < klass->n_values; i++)
      if (flags & klass->values[i].value)
        g_string_append_printf (nicks, "%s%s", nicks->len ? "+" : "",
            klass->values[i].value_nick);
    text = g_string_free (nicks, FALSE);
  }
  g_value_unset (&value);
  return text;
}

GST_START_TEST (test_defaults_as_spec_says)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (element_names); i++) {
    GstElement *element = make (element_names[i]);
    GValue headers = G_VALUE_INIT;
    GstStructure *data = NULL;
    GDateTime *start = NULL, *end = NULL;
    gchar *text;

    assert_string (element, "server", NULL);
    assert_string (element, "uri", NULL);
    assert_string (element, "authorization-user", NULL);
    assert_string (element, "realm", NULL);
    assert_string (element, "display-name", NULL);
    fail_unless (get_boolean (element, "register"));
    fail_unless_equals_int (get_uint (element, "register-expires"), 600);
    assert_string (element, "registrar-server", NULL);
    assert_string (element, "contact-uri", NULL);
    assert_string (element, "instance-id", NULL);
    assert_string (element, "user-agent", "gst-jssip/" VERSION);
    fail_unless (get_boolean (element, "session-timers"));
    fail_unless_equals_int (get_uint (element, "no-answer-timeout"), 60);
    fail_unless_equals_int (get_uint (element, "tls-validation-flags"),
        G_TLS_CERTIFICATE_VALIDATE_ALL);

    assert_string (element, "session", NULL);
    assert_string (element, "target", NULL);
    fail_if (get_boolean (element, "auto-answer"));
    text = dup_nick (element, "media");
    fail_unless_equals_string (text, "audio+video");
    g_free (text);
    g_value_init (&headers, GST_TYPE_ARRAY);
    g_object_get_property (G_OBJECT (element), "extra-headers", &headers);
    fail_unless_equals_int (gst_value_array_get_size (&headers), 0);
    g_value_unset (&headers);
    fail_if (get_boolean (element, "anonymous"));
    assert_string (element, "stun-server", NULL);
    assert_string (element, "audio-codecs", NULL);
    assert_string (element, "video-codecs", NULL);
    fail_unless (get_boolean (element, "single-call"));
    fail_unless_equals_int (get_uint (element, "latency"), 60);
    assert_string (element, "ice-addresses", NULL);
    fail_unless_equals_int (get_uint (element, "ice-gathering-timeout"), 1000);

    text = dup_nick (element, "direction");
    fail_unless_equals_string (text, "none");
    g_free (text);
    text = dup_nick (element, "state");
    fail_unless_equals_string (text, "null");
    g_free (text);
    assert_string (element, "call-id", NULL);
    assert_string (element, "local-identity", NULL);
    assert_string (element, "remote-identity", NULL);
    g_object_get (element, "start-time", &start, "end-time", &end, "data",
        &data, NULL);
    fail_unless (start == NULL && end == NULL && data == NULL);

    gst_object_unref (element);
  }
}

GST_END_TEST;

GST_START_TEST (test_flags_and_types)
{
  GstElement *src = make ("jssipsrc");
  GstElement *sink = make ("jssipsink");
  static const gchar *const secrets[] = { "password", "ha1", "config" };
  static const gchar *const read_only[] = { "direction", "state", "call-id",
    "local-identity", "remote-identity", "start-time", "end-time"
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (secrets); i++) {
    GParamSpec *pspec = find_pspec (src, secrets[i]);

    fail_unless (pspec != NULL, "%s missing", secrets[i]);
    fail_if (pspec->flags & G_PARAM_READABLE, "%s is readable", secrets[i]);
    fail_unless (pspec->flags & G_PARAM_WRITABLE);
  }
  for (i = 0; i < G_N_ELEMENTS (read_only); i++) {
    GParamSpec *pspec = find_pspec (sink, read_only[i]);

    fail_unless (pspec != NULL, "%s missing", read_only[i]);
    fail_if (pspec->flags & G_PARAM_WRITABLE, "%s is writable", read_only[i]);
  }
  fail_unless (find_pspec (src, "uri")->flags & GST_PARAM_MUTABLE_READY);
  fail_unless (find_pspec (src, "data")->flags & G_PARAM_WRITABLE);
  fail_unless_equals_int (find_pspec (src, "start-time")->value_type,
      G_TYPE_DATE_TIME);
  fail_unless_equals_int (find_pspec (src, "data")->value_type,
      GST_TYPE_STRUCTURE);
  fail_unless_equals_int (find_pspec (src, "extra-headers")->value_type,
      GST_TYPE_ARRAY);
  fail_unless_equals_int (find_pspec (src, "tls-validation-flags")->value_type,
      G_TYPE_TLS_CERTIFICATE_FLAGS);

  /* decode is jssipsrc's alone. */
  fail_unless (find_pspec (src, "decode") != NULL);
  fail_unless (get_boolean (src, "decode"));
  fail_unless (find_pspec (sink, "decode") == NULL);

  gst_object_unref (src);
  gst_object_unref (sink);
}

GST_END_TEST;

/* name, value as gst-launch-1.0 would write it */
static const gchar *const round_trip[][2] = {
  {"server", "wss://sip.example.com:7443/ws,ws://backup.example.com"},
  {"uri", "sip:alice@example.com"},
  {"authorization-user", "alice-auth"},
  {"realm", "example.com"},
  {"display-name", "Alice Example"},
  {"register", "false"},
  {"register-expires", "3600"},
  {"registrar-server", "sip:registrar.example.com"},
  {"contact-uri", "sip:alice@192.0.2.1;transport=ws"},
  {"instance-id", "8f1d5b8e-4b5e-4a7a-9c1d-3e2f1a0b9c8d"},
  {"user-agent", "Kiosk/2"},
  {"session-timers", "false"},
  {"no-answer-timeout", "15"},
  {"tls-validation-flags", "unknown-ca"},
  {"target", "sip:bob@example.com"},
  {"auto-answer", "true"},
  {"media", "audio"},
  {"extra-headers", "<\"X-Foo: foo\", \"X-Bar: bar\">"},
  {"anonymous", "true"},
  {"stun-server", "stun://stun.example.com:3478"},
  {"turn-servers", "<\"turn://u:p@turn.example.com:3478\">"},
  {"audio-codecs", "pcma,opus"},
  {"video-codecs", "h264"},
  {"single-call", "false"},
  {"latency", "200"},
  {"ice-addresses", "127.0.0.1,::1"},
  {"ice-gathering-timeout", "250"},
  {"data", "app, id=(int)7"},
};

static gchar *
serialize_property (GstElement * element, const gchar * name)
{
  GValue value = G_VALUE_INIT;
  gchar *text;

  g_value_init (&value, find_pspec (element, name)->value_type);
  g_object_get_property (G_OBJECT (element), name, &value);
  if (G_VALUE_HOLDS_STRING (&value))
    text = g_value_dup_string (&value);
  else if (G_VALUE_HOLDS_BOXED (&value) && !g_value_get_boxed (&value))
    text = NULL;
  else
    text = gst_value_serialize (&value);
  g_value_unset (&value);
  return text;
}

/* Parses @text the way gst-launch-1.0 does, and serializes it back. */
static gchar *
normalize (GstElement * element, const gchar * name, const gchar * text)
{
  GValue value = G_VALUE_INIT;
  gchar *normal;

  g_value_init (&value, find_pspec (element, name)->value_type);
  fail_unless (gst_value_deserialize (&value, text), "%s: bad '%s'", name,
      text);
  normal = G_VALUE_HOLDS_STRING (&value) ? g_value_dup_string (&value) :
      gst_value_serialize (&value);
  g_value_unset (&value);
  return normal;
}

GST_START_TEST (test_round_trip)
{
  guint e, i;

  for (e = 0; e < G_N_ELEMENTS (element_names); e++) {
    GstElement *element = make (element_names[e]);

    for (i = 0; i < G_N_ELEMENTS (round_trip); i++) {
      const gchar *name = round_trip[i][0];
      gchar *expected = normalize (element, name, round_trip[i][1]);
      gchar *before = serialize_property (element, name);
      gchar *after;

      fail_if (g_strcmp0 (before, expected) == 0,
          "%s: test value equals the default", name);
      gst_util_set_object_arg (G_OBJECT (element), name, round_trip[i][1]);
      after = serialize_property (element, name);
      fail_unless (g_strcmp0 (after, expected) == 0, "%s: set '%s', read '%s'",
          name, expected, after);
      g_free (before);
      g_free (after);
      g_free (expected);
    }
    gst_object_unref (element);
  }
}

GST_END_TEST;

GST_START_TEST (test_pairing_shares_settings)
{
  GstElement *src = make ("jssipsrc");
  GstElement *sink = make ("jssipsink");
  GstElement *other = make ("jssipsink");

  g_object_set (src, "session", "pairing-a", NULL);
  g_object_set (sink, "session", "pairing-a", NULL);
  g_object_set (other, "session", "pairing-b", NULL);

  g_object_set (src, "uri", "sip:alice@example.com", "latency", 120, NULL);
  assert_string (sink, "uri", "sip:alice@example.com");
  fail_unless_equals_int (get_uint (sink, "latency"), 120);
  assert_string (sink, "session", "pairing-a");

  /* And the other way round. */
  g_object_set (sink, "target", "bob", NULL);
  assert_string (src, "target", "bob");

  /* A different name is a different session. */
  assert_string (other, "uri", NULL);
  assert_string (other, "target", NULL);
  g_object_set (other, "uri", "sip:carol@example.com", NULL);
  assert_string (src, "uri", "sip:alice@example.com");

  gst_object_unref (src);
  gst_object_unref (sink);
  gst_object_unref (other);
}

GST_END_TEST;

GST_START_TEST (test_settings_made_before_session_move_into_it)
{
  GstElement *src = make ("jssipsrc");
  GstElement *sink = make ("jssipsink");

  /* gst-launch-1.0 sets properties in command-line order. */
  g_object_set (src, "session", "carry", "uri", "sip:alice@example.com", NULL);
  g_object_set (sink, "display-name", "Alice", "latency", 90, NULL);
  g_object_set (sink, "session", "carry", NULL);

  assert_string (src, "display-name", "Alice");
  fail_unless_equals_int (get_uint (src, "latency"), 90);
  /* Defaults of the private session do not overwrite what the pair has. */
  assert_string (sink, "uri", "sip:alice@example.com");

  gst_object_unref (src);
  gst_object_unref (sink);
}

GST_END_TEST;

GST_START_TEST (test_session_ends_with_its_last_element)
{
  GstElement *src = make ("jssipsrc");
  GstElement *again;

  g_object_set (src, "session", "ephemeral", "uri", "sip:a@example.com", NULL);
  gst_object_unref (src);

  again = make ("jssipsink");
  g_object_set (again, "session", "ephemeral", NULL);
  assert_string (again, "uri", NULL);
  gst_object_unref (again);
}

GST_END_TEST;

/* Sets @element's state and returns the text of the error it posted on
 * @pipeline's bus, or NULL when there was none. */
static gchar *
start_and_dup_error (GstElement * pipeline, GstStateChangeReturn * ret)
{
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *message;
  GError *error = NULL;
  gchar *text = NULL;

  *ret = gst_element_set_state (pipeline, GST_STATE_PAUSED);
  message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  if (message) {
    gst_message_parse_error (message, &error, NULL);
    fail_unless (error->domain == GST_RESOURCE_ERROR);
    fail_unless_equals_int (error->code, GST_RESOURCE_ERROR_SETTINGS);
    text = g_strdup (error->message);
    g_error_free (error);
    gst_message_unref (message);
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  return text;
}

typedef struct
{
  const gchar *property;
  const gchar *value;           /* NULL: unset it */
  const gchar *expected;        /* the error text; ending in '*': its start */
} BadSetting;

static const BadSetting bad_settings[] = {
  {"uri", NULL, "Invalid property 'uri': not set (the local SIP address, "
        "sip:user@domain)"},
  {"uri", "sip:example.com", "Invalid property 'uri': 'sip:example.com' has "
        "no user part (sip:user@domain)"},
  {"server", NULL, "Invalid property 'server': not set (one or more ws:// "
        "or wss:// URIs, comma-separated)"},
  {"server", "http://x", "Invalid property 'server': 'http://x' is not a "
        "ws:// or wss:// URI"},
  {"server", "ws://ok.example.com, ftp://b", "Invalid property 'server': "
        "'ftp://b' is not a ws:// or wss:// URI"},
  {"target", "http://x", "Invalid property 'target': 'http://x' is not a "
        "user name or a sip:, sips: or tel: URI"},
  {"target", "bad user", "Invalid property 'target': 'bad user' is not a "
        "valid user name or URI (*"},
  {"audio-codecs", "opus,foo", "Invalid property 'audio-codecs': 'foo' is "
        "not an audio codec (known: opus, g722, pcmu, pcma)"},
  {"video-codecs", "h263", "Invalid property 'video-codecs': 'h263' is not "
        "a*"},
  {"video-codecs", "opus", "Invalid property 'video-codecs': 'opus' is not "
        "a*"},
  {"ice-addresses", "127.0.0.1,1.2.3", "Invalid property 'ice-addresses': "
        "'1.2.3' is not an IP address"},
  {"extra-headers", "<\"NoColon\">", "Invalid property 'extra-headers': "
        "'NoColon' is not a 'Name: value' header line"},
  {"instance-id", "xyz", "Invalid property 'instance-id': 'xyz' is not a "
        "UUID"},
  {"ha1", "notahexdigest", "Invalid property 'ha1': not an MD5 (32) or "
        "SHA-256 (64) digest in hex digits"},
  {"media", "0", "Invalid property 'media': selects neither audio nor video"},
  {"registrar-server", "sip:bob@example.com", "Invalid property "
        "'registrar-server': 'sip:bob@example.com' has a user part "
        "(sip:domain expected)"},
  {"stun-server", "http://x", "Invalid property 'stun-server': 'http://x' "
        "is not a stun://host:port URI"},
  {"turn-servers", "<\"turn://u:p@t.example.com\", \"bogus\">",
      "Invalid property 'turn-servers': entry 2 is not a turn:// or "
        "turns://user:password@host:port URI"},
};

static void
assert_error_text (const gchar * text, const gchar * expected)
{
  gsize len = strlen (expected);

  if (expected[len - 1] == '*')
    fail_unless (strncmp (text, expected, len - 1) == 0,
        "'%s' does not start with '%.*s'", text, (int) len - 1, expected);
  else
    fail_unless_equals_string (text, expected);
}

static void
apply_bad_setting (GstElement * element, const BadSetting * bad)
{
  if (bad->value)
    gst_util_set_object_arg (G_OBJECT (element), bad->property, bad->value);
  else
    g_object_set (element, bad->property, NULL, NULL);
}

GST_START_TEST (test_bad_setting_fails_start_naming_property)
{
  guint e, i;

  for (e = 0; e < G_N_ELEMENTS (element_names); e++) {
    for (i = 0; i < G_N_ELEMENTS (bad_settings); i++) {
      GstElement *pipeline = gst_pipeline_new (NULL);
      GstElement *element = gst_element_factory_make (element_names[e], NULL);
      GstStateChangeReturn ret;
      gchar *text;

      gst_bin_add (GST_BIN (pipeline), element);
      set_valid_account (element);
      apply_bad_setting (element, &bad_settings[i]);

      text = start_and_dup_error (pipeline, &ret);
      fail_unless_equals_int (ret, GST_STATE_CHANGE_FAILURE);
      fail_unless (text != NULL, "no error for %s", bad_settings[i].property);
      assert_error_text (text, bad_settings[i].expected);
      g_free (text);
      gst_object_unref (pipeline);
    }
  }
}

GST_END_TEST;

GST_START_TEST (test_line_break_in_header_text_is_refused)
{
  static const gchar *const properties[] = { "display-name", "realm",
    "authorization-user", "user-agent"
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (properties); i++) {
    GstElement *pipeline = gst_pipeline_new (NULL);
    GstElement *element = gst_element_factory_make ("jssipsrc", NULL);
    GstStateChangeReturn ret;
    gchar *text, *expected;

    gst_bin_add (GST_BIN (pipeline), element);
    set_valid_account (element);
    g_object_set (element, properties[i], "x\r\nVia: injected", NULL);
    text = start_and_dup_error (pipeline, &ret);
    expected = g_strdup_printf ("Invalid property '%s': contains a line "
        "break", properties[i]);
    fail_unless_equals_int (ret, GST_STATE_CHANGE_FAILURE);
    fail_unless_equals_string (text, expected);
    g_free (expected);
    g_free (text);
    gst_object_unref (pipeline);
  }
}

GST_END_TEST;

GST_START_TEST (test_valid_settings_start)
{
  static const gchar *const targets[] = { "bob", "bob@example.org",
    "sip:bob@example.org", "sips:bob@example.org;transport=ws",
    "tel:+15551234567"
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (targets); i++) {
    GstElement *pipeline = gst_pipeline_new (NULL);
    GstElement *sink = gst_element_factory_make ("jssipsink", NULL);
    GstStateChangeReturn ret;
    gchar *text;

    gst_bin_add (GST_BIN (pipeline), sink);
    set_valid_account (sink);
    g_object_set (sink, "target", targets[i], NULL);
    text = start_and_dup_error (pipeline, &ret);
    fail_unless (text == NULL, "%s: %s", targets[i], text);
    fail_if (ret == GST_STATE_CHANGE_FAILURE, "%s", targets[i]);
    gst_object_unref (pipeline);
  }
}

GST_END_TEST;

GST_START_TEST (test_src_is_live)
{
  GstElement *pipeline = gst_pipeline_new (NULL);
  GstElement *src = gst_element_factory_make ("jssipsrc", NULL);
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);

  /* No call, no data: a sink that waited for preroll would never return. */
  g_object_set (sink, "async", FALSE, NULL);
  gst_bin_add_many (GST_BIN (pipeline), src, sink, NULL);
  set_valid_account (src);
  fail_unless (GST_OBJECT_FLAG_IS_SET (src, GST_ELEMENT_FLAG_SOURCE));

  fail_unless_equals_int (gst_element_set_state (pipeline,
          GST_STATE_PAUSED), GST_STATE_CHANGE_NO_PREROLL);
  fail_unless_equals_int (gst_element_set_state (pipeline,
          GST_STATE_PLAYING), GST_STATE_CHANGE_SUCCESS);
  fail_unless_equals_int (gst_element_set_state (pipeline,
          GST_STATE_PAUSED), GST_STATE_CHANGE_NO_PREROLL);
  fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (pipeline);
}

GST_END_TEST;

static gboolean
template_accepts (GstElement * element, const gchar * templ_name,
    const gchar * caps_text)
{
  GstPadTemplate *templ = gst_element_get_pad_template (element, templ_name);
  GstCaps *caps = gst_caps_from_string (caps_text);
  gboolean accepted;

  fail_unless (templ != NULL, "no template %s", templ_name);
  accepted = gst_caps_can_intersect (caps, GST_PAD_TEMPLATE_CAPS (templ));
  gst_caps_unref (caps);
  return accepted;
}

GST_START_TEST (test_sink_request_pads)
{
  GstElement *sink = make ("jssipsink");
  GstPad *audio0, *audio1, *video0;

  fail_unless (GST_OBJECT_FLAG_IS_SET (sink, GST_ELEMENT_FLAG_SINK));
  fail_unless (template_accepts (sink, "audio_%u",
          "audio/x-raw, format=S16LE, rate=48000, channels=1"));
  fail_unless (template_accepts (sink, "audio_%u", "audio/x-opus"));
  fail_unless (template_accepts (sink, "video_%u", "video/x-raw"));
  fail_unless (template_accepts (sink, "video_%u", "video/x-vp8"));
  fail_if (template_accepts (sink, "audio_%u", "video/x-raw"));

  audio0 = gst_element_request_pad_simple (sink, "audio_%u");
  audio1 = gst_element_request_pad_simple (sink, "audio_%u");
  video0 = gst_element_request_pad_simple (sink, "video_%u");
  fail_unless_equals_string (GST_PAD_NAME (audio0), "audio_0");
  fail_unless_equals_string (GST_PAD_NAME (audio1), "audio_1");
  fail_unless_equals_string (GST_PAD_NAME (video0), "video_0");
  fail_unless_equals_int (GST_PAD_DIRECTION (audio0), GST_PAD_SINK);
  fail_unless (GST_IS_GHOST_PAD (audio0));

  gst_element_release_request_pad (sink, audio0);
  fail_unless (gst_element_get_static_pad (sink, "audio_0") == NULL);
  gst_object_unref (audio0);
  gst_object_unref (audio1);
  gst_object_unref (video0);
  gst_object_unref (sink);
}

GST_END_TEST;

GST_START_TEST (test_src_pad_templates)
{
  GstElement *src = make ("jssipsrc");
  GstPadTemplate *audio = gst_element_get_pad_template (src, "audio_%u");
  GstPadTemplate *video = gst_element_get_pad_template (src, "video_%u");

  fail_unless (audio && video);
  fail_unless_equals_int (GST_PAD_TEMPLATE_PRESENCE (audio), GST_PAD_SOMETIMES);
  fail_unless_equals_int (GST_PAD_TEMPLATE_DIRECTION (video), GST_PAD_SRC);
  /* decode=false gives the depayloaded streams. */
  fail_unless (template_accepts (src, "audio_%u", "audio/x-raw"));
  fail_unless (template_accepts (src, "audio_%u", "audio/x-opus"));
  fail_unless (template_accepts (src, "video_%u", "video/x-h264"));
  gst_object_unref (src);
}

GST_END_TEST;

/* Pops the next warning of @bus and returns its text. */
static gchar *
pop_warning (GstBus * bus)
{
  GstMessage *message = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
  GError *error = NULL;
  gchar *text;

  fail_unless (message != NULL, "no warning posted");
  gst_message_parse_warning (message, &error, NULL);
  text = g_strdup (error->message);
  g_error_free (error);
  gst_message_unref (message);
  return text;
}

GST_START_TEST (test_actions_without_call_warn_and_fail)
{
  GstElement *pipeline = gst_pipeline_new (NULL);
  GstElement *src = gst_element_factory_make ("jssipsrc", NULL);
  GstBus *bus = gst_element_get_bus (pipeline);
  GstStructure *stats = (GstStructure *) 0x1;
  gboolean ok = TRUE;
  gchar *text;

  gst_bin_add (GST_BIN (pipeline), src);
  set_valid_account (src);

  /* Not running: no action has a call to act on. */
  g_signal_emit_by_name (src, "answer", NULL, &ok);
  fail_if (ok);
  text = pop_warning (bus);
  fail_unless_equals_string (text,
      "Cannot answer: not in a call (the session is not running)");
  g_free (text);

  ok = TRUE;
  g_signal_emit_by_name (src, "mute", 1, &ok);
  fail_if (ok);
  text = pop_warning (bus);
  fail_unless (g_str_has_prefix (text, "Cannot mute: not in a call"), "%s",
      text);
  g_free (text);

  g_signal_emit_by_name (src, "get-stats", &stats);
  fail_unless (stats == NULL);
  text = pop_warning (bus);
  fail_unless (g_str_has_prefix (text, "Cannot get-stats: not in a call"),
      "%s", text);
  g_free (text);

  /* Running, but with no incoming call to answer. */
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  ok = TRUE;
  g_signal_emit_by_name (src, "answer", NULL, &ok);
  fail_if (ok);
  text = pop_warning (bus);
  fail_unless (g_str_has_prefix (text, "Cannot answer: "), "%s", text);
  g_free (text);

  /* A target is checked before the call layer sees it. */
  ok = TRUE;
  g_signal_emit_by_name (src, "connect", "http://nope", NULL, &ok);
  fail_if (ok);
  text = pop_warning (bus);
  fail_unless (g_str_has_prefix (text, "Cannot connect: invalid target"),
      "%s", text);
  g_free (text);

  ok = TRUE;
  g_signal_emit_by_name (src, "connect", NULL, NULL, &ok);
  fail_if (ok);
  text = pop_warning (bus);
  fail_unless_equals_string (text, "Cannot connect: no target given and the "
      "'target' property is not set");
  g_free (text);

  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
}

GST_END_TEST;

/* Runs gst-inspect-1.0 as a user would, with the environment of the test
 * (GST_PLUGIN_PATH pointing at the built plugin). */
static gchar *
run_inspect (const gchar * what)
{
  gchar *program = g_find_program_in_path ("gst-inspect-1.0");
  gchar *argv[] = { program, (gchar *) what, NULL };
  gchar *out = NULL;
  gint status;
  GError *error = NULL;

  fail_unless (program != NULL, "gst-inspect-1.0 is not installed");
  fail_unless (g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
          NULL, NULL, &out, NULL, &status, &error), "%s",
      error ? error->message : "");
  fail_unless (g_spawn_check_wait_status (status, NULL), "%s %s failed",
      program, what);
  g_free (program);
  return out;
}

GST_START_TEST (test_gst_inspect_lists_both_elements)
{
  gchar *plugin = run_inspect ("jssip");
  gchar *src = run_inspect ("jssipsrc");

  fail_unless (strstr (plugin, "jssipsrc: JsSIP call source"), "%s", plugin);
  fail_unless (strstr (plugin, "jssipsink: JsSIP call sink"), "%s", plugin);
  fail_unless (strstr (src, "\"connect\""));
  fail_unless (strstr (src, "auto-answer"));
  fail_unless (strstr (src, "Write only"));
  g_free (plugin);
  g_free (src);
}

GST_END_TEST;

static Suite *
properties_suite (void)
{
  Suite *s = suite_create ("jssip-properties");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_defaults_as_spec_says);
  tcase_add_test (tc, test_flags_and_types);
  tcase_add_test (tc, test_round_trip);
  tcase_add_test (tc, test_pairing_shares_settings);
  tcase_add_test (tc, test_settings_made_before_session_move_into_it);
  tcase_add_test (tc, test_session_ends_with_its_last_element);
  tcase_add_test (tc, test_bad_setting_fails_start_naming_property);
  tcase_add_test (tc, test_line_break_in_header_text_is_refused);
  tcase_add_test (tc, test_valid_settings_start);
  tcase_add_test (tc, test_src_is_live);
  tcase_add_test (tc, test_sink_request_pads);
  tcase_add_test (tc, test_src_pad_templates);
  tcase_add_test (tc, test_actions_without_call_warn_and_fail);
  tcase_add_test (tc, test_gst_inspect_lists_both_elements);
  return s;
}

GST_CHECK_MAIN (properties);
