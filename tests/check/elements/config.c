/* gst-jssip: the `config` property (JsSIP UA configuration as JSON) and
 * the secrecy of passwords in logs and messages
 *
 * Runs the elements from the built plugin (GST_PLUGIN_PATH).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include <gst/check/gstcheck.h>

#include "element-props.h"

/* Puts @element in a pipeline, asks for PAUSED, and returns the error text
 * posted, or NULL. */
static gchar *
start_and_dup_error (GstElement * element, GstStateChangeReturn * ret)
{
  GstElement *pipeline = gst_pipeline_new (NULL);
  GstBus *bus = gst_element_get_bus (pipeline);
  GstMessage *message;
  gchar *text = NULL;

  gst_bin_add (GST_BIN (pipeline), gst_object_ref (element));
  *ret = gst_element_set_state (pipeline, GST_STATE_PAUSED);
  message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  if (message) {
    GError *error = NULL;

    gst_message_parse_error (message, &error, NULL);
    text = g_strdup (error->message);
    g_error_free (error);
    gst_message_unref (message);
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_bin_remove (GST_BIN (pipeline), element);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
  return text;
}

static const gchar *const full_config =
    "{"
    "  \"uri\": \"sip:bob@example.com\","
    "  \"password\": \"pw\","
    "  \"ha1\": \"0123456789abcdef0123456789abcdef\","
    "  \"authorization_user\": \"bob-auth\","
    "  \"realm\": \"example.com\","
    "  \"display_name\": \"Bob\","
    "  \"sockets\": [\"ws://127.0.0.1:9\", \"wss://sip.example.com/ws\"],"
    "  \"register\": false,"
    "  \"register_expires\": 300,"
    "  \"registrar_server\": \"sip:registrar.example.com\","
    "  \"contact_uri\": \"sip:bob@abc.invalid;transport=ws\","
    "  \"session_timers\": false,"
    "  \"no_answer_timeout\": 30,"
    "  \"user_agent\": \"JsSIP 3.10.0\","
    "  \"instance_id\": \"8f1d5b8e-4b5e-4a7a-9c1d-3e2f1a0b9c8d\","
    "  \"connection_recovery_min_interval\": 3,"
    "  \"connection_recovery_max_interval\": 40" "}";

GST_START_TEST (test_config_keys_become_properties)
{
  GstElement *src = make ("jssipsrc");

  g_object_set (src, "config", full_config, NULL);
  assert_string (src, "uri", "sip:bob@example.com");
  assert_string (src, "server", "ws://127.0.0.1:9,wss://sip.example.com/ws");
  assert_string (src, "authorization-user", "bob-auth");
  assert_string (src, "realm", "example.com");
  assert_string (src, "display-name", "Bob");
  fail_if (get_boolean (src, "register"));
  fail_unless_equals_int (get_uint (src, "register-expires"), 300);
  assert_string (src, "registrar-server", "sip:registrar.example.com");
  assert_string (src, "contact-uri", "sip:bob@abc.invalid;transport=ws");
  fail_if (get_boolean (src, "session-timers"));
  fail_unless_equals_int (get_uint (src, "no-answer-timeout"), 30);
  assert_string (src, "user-agent", "JsSIP 3.10.0");
  assert_string (src, "instance-id", "8f1d5b8e-4b5e-4a7a-9c1d-3e2f1a0b9c8d");
  gst_object_unref (src);
}

GST_END_TEST;

GST_START_TEST (test_config_sockets_as_one_string)
{
  GstElement *sink = make ("jssipsink");

  g_object_set (sink, "config", "{\"sockets\": \"wss://a.example.com\"}", NULL);
  assert_string (sink, "server", "wss://a.example.com");
  gst_object_unref (sink);
}

GST_END_TEST;

GST_START_TEST (test_config_and_properties_last_one_wins)
{
  GstElement *src = make ("jssipsrc");

  g_object_set (src, "uri", "sip:first@example.com", NULL);
  g_object_set (src, "config", "{\"uri\": \"sip:second@example.com\"}", NULL);
  assert_string (src, "uri", "sip:second@example.com");
  g_object_set (src, "uri", "sip:third@example.com", NULL);
  assert_string (src, "uri", "sip:third@example.com");
  /* Keys the JSON leaves out keep their values. */
  g_object_set (src, "display-name", "Kept", NULL);
  g_object_set (src, "config", "{\"realm\": \"r\"}", NULL);
  assert_string (src, "display-name", "Kept");
  assert_string (src, "uri", "sip:third@example.com");
  gst_object_unref (src);
}

GST_END_TEST;

GST_START_TEST (test_config_is_shared_by_the_pair)
{
  GstElement *src = make ("jssipsrc");
  GstElement *sink = make ("jssipsink");

  g_object_set (src, "session", "config-pair", NULL);
  g_object_set (sink, "session", "config-pair", NULL);
  g_object_set (sink, "config", full_config, NULL);
  assert_string (src, "uri", "sip:bob@example.com");
  assert_string (src, "display-name", "Bob");
  gst_object_unref (src);
  gst_object_unref (sink);
}

GST_END_TEST;

GST_START_TEST (test_good_config_starts)
{
  GstElement *src = make ("jssipsrc");
  GstStateChangeReturn ret;
  gchar *text;

  g_object_set (src, "config", full_config, NULL);
  text = start_and_dup_error (src, &ret);
  fail_unless (text == NULL, "%s", text);
  fail_unless_equals_int (ret, GST_STATE_CHANGE_NO_PREROLL);
  gst_object_unref (src);
}

GST_END_TEST;

typedef struct
{
  const gchar *json;
  const gchar *expected;        /* error text, or its start up to "(" */
} BadConfig;

static const BadConfig bad_configs[] = {
  {"{\"uri\": \"sip:a@example.com\", \"sockets\": \"ws://h\", \"foo\": 1}",
      "Invalid property 'config': unknown key 'foo'"},
  {"{\"register\": \"yes\"}",
      "Invalid property 'config': key 'register' must be true or false"},
  {"{\"register_expires\": \"600\"}",
      "Invalid property 'config': key 'register_expires' must be a whole "
        "number of seconds"},
  {"{\"no_answer_timeout\": -1}",
      "Invalid property 'config': key 'no_answer_timeout' must be a whole "
        "number of seconds"},
  {"{\"session_timers\": 1}",
      "Invalid property 'config': key 'session_timers' must be true or false"},
  {"{\"password\": 1234}",
      "Invalid property 'config': key 'password' must be a string"},
  {"{\"sockets\": [\"ws://a\", 7]}",
      "Invalid property 'config': key 'sockets' must be a ws:// URI string "
        "or an array of them"},
  {"{\"sockets\": {\"socket\": \"ws://a\"}}",
      "Invalid property 'config': key 'sockets' must be a ws:// URI string "
        "or an array of them"},
  {"[1, 2]", "Invalid property 'config': not a JSON object"},
  {"\"sip:a@example.com\"", "Invalid property 'config': not a JSON object"},
  {"{\"uri\": ", "Invalid property 'config': not valid JSON ("},
  {"{\"connection_recovery_min_interval\": 50}",
      "Invalid property 'config': 'connection_recovery_min_interval' (50) "
        "is greater than 'connection_recovery_max_interval' (30)"},
  /* A config's values are checked like the properties they set. */
  {"{\"sockets\": \"http://x\"}",
      "Invalid property 'server': 'http://x' is not a ws:// or wss:// URI"},
};

GST_START_TEST (test_bad_config_fails_start_naming_key)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bad_configs); i++) {
    GstElement *sink = make ("jssipsink");
    const gchar *expected = bad_configs[i].expected;
    GstStateChangeReturn ret;
    gchar *text;

    g_object_set (sink, "uri", "sip:alice@example.com", "server",
        "ws://127.0.0.1:9", "register", FALSE, NULL);
    g_object_set (sink, "config", bad_configs[i].json, NULL);
    text = start_and_dup_error (sink, &ret);
    fail_unless_equals_int (ret, GST_STATE_CHANGE_FAILURE);
    fail_unless (text != NULL, "no error for %s", bad_configs[i].json);
    if (g_str_has_suffix (expected, "("))
      fail_unless (g_str_has_prefix (text, expected), "%s", text);
    else
      fail_unless_equals_string (text, expected);
    g_free (text);
    gst_object_unref (sink);
  }
}

GST_END_TEST;

GST_START_TEST (test_bad_config_changes_nothing)
{
  GstElement *src = make ("jssipsrc");

  g_object_set (src, "uri", "sip:alice@example.com", NULL);
  g_object_set (src, "config", "{\"uri\": \"sip:mallory@example.com\", "
      "\"register\": \"no\"}", NULL);
  assert_string (src, "uri", "sip:alice@example.com");
  fail_unless (get_boolean (src, "register"));

  /* A good config afterwards clears the refusal. */
  g_object_set (src, "config", "{\"sockets\": \"ws://127.0.0.1:9\", "
      "\"register\": false}", NULL);
  fail_if (get_boolean (src, "register"));
  gst_object_unref (src);
}

GST_END_TEST;

/* Everything GStreamer logs while the test runs, formatted as it would be
 * printed. */
static GMutex log_lock;
static GString *log_text;

static void
capture_log (GstDebugCategory * category, GstDebugLevel level,
    const gchar * file, const gchar * function, gint line, GObject * object,
    GstDebugMessage * message, gpointer user_data)
{
  g_mutex_lock (&log_lock);
  g_string_append_printf (log_text, "%s %s: %s\n",
      gst_debug_category_get_name (category), function,
      gst_debug_message_get (message));
  g_mutex_unlock (&log_lock);
}

static void
append_bus_texts (GstBus * bus, GString * out)
{
  GstMessage *message;

  while ((message = gst_bus_pop (bus))) {
    GError *error = NULL;
    gchar *debug = NULL;

    if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
      gst_message_parse_error (message, &error, &debug);
    else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_WARNING)
      gst_message_parse_warning (message, &error, &debug);
    if (error)
      g_string_append_printf (out, "%s %s\n", error->message, debug);
    if (gst_message_get_structure (message)) {
      gchar *s = gst_structure_to_string (gst_message_get_structure (message));

      g_string_append_printf (out, "%s\n", s);
      g_free (s);
    }
    g_clear_error (&error);
    g_free (debug);
    gst_message_unref (message);
  }
}

#define PASSWORD "Pr0perty-S3cret"
#define CONFIG_PASSWORD "C0nfig-S3cret"
#define HA1 "5f4dcc3b5aa765d61d8327deb882cf99"
#define TURN_PASSWORD "Turn-S3cret"

/* Drives an element through what a user does with a password set: the
 * properties, a config, a start, a refused start, and action signals. */
static void
exercise_with_secrets (GString * bus_text)
{
  GstElement *pipeline = gst_pipeline_new (NULL);
  GstElement *src = gst_element_factory_make ("jssipsrc", NULL);
  GstBus *bus = gst_element_get_bus (pipeline);
  gboolean ok;

  gst_bin_add (GST_BIN (pipeline), src);
  g_object_set (src, "uri", "sip:alice@example.com", "server",
      "ws://127.0.0.1:9", "register", FALSE, "password", PASSWORD, "ha1", HA1,
      NULL);
  gst_util_set_object_arg (G_OBJECT (src), "turn-servers",
      "<\"turn://alice:" TURN_PASSWORD "@turn.example.com:3478\">");
  g_object_set (src, "config", "{\"password\": \"" CONFIG_PASSWORD "\"}", NULL);
  g_signal_emit_by_name (src, "hold", &ok);

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  gst_element_get_state (pipeline, NULL, NULL, GST_CLOCK_TIME_NONE);
  g_signal_emit_by_name (src, "connect", "bob", NULL, &ok);
  /* Before NULL, which flushes the bus. */
  append_bus_texts (bus, bus_text);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  /* A refused config and a refused start. */
  g_object_set (src, "config", "{\"password\": \"" CONFIG_PASSWORD "\", "
      "\"bad\": 1}", NULL);
  gst_element_set_state (pipeline, GST_STATE_PAUSED);
  append_bus_texts (bus, bus_text);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
}

GST_START_TEST (test_secrets_never_logged)
{
  static const gchar *const secrets[] = { PASSWORD, CONFIG_PASSWORD, HA1,
    TURN_PASSWORD
  };
  GString *bus_text = g_string_new (NULL);
  guint i;

  log_text = g_string_new (NULL);
  gst_debug_set_active (TRUE);
  gst_debug_set_threshold_from_string ("jssip*:9", TRUE);
  gst_debug_add_log_function (capture_log, NULL, NULL);

  exercise_with_secrets (bus_text);

  gst_debug_remove_log_function (capture_log);
  gst_debug_set_threshold_from_string ("*:0", TRUE);

  /* The capture works: the properties were logged, redacted. */
  fail_unless (strstr (log_text->str, "password = <redacted>"), "%s",
      log_text->str);
  fail_unless (strstr (log_text->str, "uri = sip:alice@example.com"));
  fail_unless (strstr (bus_text->str, "Invalid property 'config'"), "%s",
      bus_text->str);
  for (i = 0; i < G_N_ELEMENTS (secrets); i++) {
    fail_if (strstr (log_text->str, secrets[i]), "'%s' logged", secrets[i]);
    fail_if (strstr (bus_text->str, secrets[i]), "'%s' posted", secrets[i]);
  }
  g_string_free (log_text, TRUE);
  g_string_free (bus_text, TRUE);
}

GST_END_TEST;

static Suite *
config_suite (void)
{
  Suite *s = suite_create ("jssip-config");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_config_keys_become_properties);
  tcase_add_test (tc, test_config_sockets_as_one_string);
  tcase_add_test (tc, test_config_and_properties_last_one_wins);
  tcase_add_test (tc, test_config_is_shared_by_the_pair);
  tcase_add_test (tc, test_good_config_starts);
  tcase_add_test (tc, test_bad_config_fails_start_naming_key);
  tcase_add_test (tc, test_bad_config_changes_nothing);
  tcase_add_test (tc, test_secrets_never_logged);
  return s;
}

GST_CHECK_MAIN (config);
