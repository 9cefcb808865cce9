/* gst-jssip
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <json-glib/json-glib.h>

#include "jssipconfig.h"

GST_DEBUG_CATEGORY_STATIC (jssip_config_debug);
#define GST_CAT_DEFAULT jssip_config_debug

typedef enum
{
  KEY_STRING,
  KEY_BOOLEAN,
  KEY_SECONDS,
  KEY_SOCKETS,                  /* a ws URI or an array of them */
} KeyKind;

typedef struct
{
  const gchar *key;
  KeyKind kind;
  gsize offset;
} ConfigKey;

#define KEY(name, kind, field) \
    { name, kind, G_STRUCT_OFFSET (JsSipSettings, field) }

static const ConfigKey config_keys[] = {
  KEY ("uri", KEY_STRING, uri),
  KEY ("password", KEY_STRING, password),
  KEY ("ha1", KEY_STRING, ha1),
  KEY ("authorization_user", KEY_STRING, authorization_user),
  KEY ("realm", KEY_STRING, realm),
  KEY ("display_name", KEY_STRING, display_name),
  KEY ("sockets", KEY_SOCKETS, server),
  KEY ("register", KEY_BOOLEAN, do_register),
  KEY ("register_expires", KEY_SECONDS, register_expires),
  KEY ("registrar_server", KEY_STRING, registrar_server),
  KEY ("contact_uri", KEY_STRING, contact_uri),
  KEY ("session_timers", KEY_BOOLEAN, session_timers),
  KEY ("no_answer_timeout", KEY_SECONDS, no_answer_timeout),
  KEY ("user_agent", KEY_STRING, user_agent),
  KEY ("connection_recovery_min_interval", KEY_SECONDS,
      connection_recovery_min_interval),
  KEY ("connection_recovery_max_interval", KEY_SECONDS,
      connection_recovery_max_interval),
  KEY ("instance_id", KEY_STRING, instance_id),
};

static void
ensure_debug_category (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized)) {
    GST_DEBUG_CATEGORY_INIT (jssip_config_debug, "jssipconfig", 0,
        "JsSIP UA configuration JSON");
    g_once_init_leave (&initialized, 1);
  }
}

static const ConfigKey *
find_key (const gchar * name)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (config_keys); i++)
    if (g_str_equal (config_keys[i].key, name))
      return &config_keys[i];
  return NULL;
}

static gboolean
wrong_type (const gchar * key, const gchar * expected, GError ** error)
{
  g_set_error (error, JSSIP_SETTINGS_ERROR, JSSIP_SETTINGS_ERROR_INVALID,
      "key '%s' must be %s", key, expected);
  return FALSE;
}

static gboolean
node_has_type (JsonNode * node, GType type)
{
  return JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == type;
}

static gboolean
read_string (JsonNode * node, const gchar * key, gchar ** out, GError ** error)
{
  if (JSON_NODE_HOLDS_NULL (node)) {
    g_clear_pointer (out, g_free);
    return TRUE;
  }
  if (!node_has_type (node, G_TYPE_STRING))
    return wrong_type (key, "a string", error);
  g_free (*out);
  *out = json_node_dup_string (node);
  return TRUE;
}

static gboolean
read_boolean (JsonNode * node, const gchar * key, gboolean * out,
    GError ** error)
{
  if (!node_has_type (node, G_TYPE_BOOLEAN))
    return wrong_type (key, "true or false", error);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_seconds (JsonNode * node, const gchar * key, guint * out, GError ** error)
{
  gint64 value;

  if (!node_has_type (node, G_TYPE_INT64))
    return wrong_type (key, "a whole number of seconds", error);
  value = json_node_get_int (node);
  if (value < 0 || value > G_MAXUINT)
    return wrong_type (key, "a whole number of seconds", error);
  *out = value;
  return TRUE;
}

/* JsSIP's sockets: one socket or an array of them, here their URLs. The
 * `server` property keeps them comma-separated in the same order. */
static gboolean
read_sockets (JsonNode * node, const gchar * key, gchar ** out, GError ** error)
{
  const gchar *expected = "a ws:// URI string or an array of them";
  JsonArray *array;
  GString *joined;
  guint i;

  if (node_has_type (node, G_TYPE_STRING))
    return read_string (node, key, out, error);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (key, expected, error);

  array = json_node_get_array (node);
  joined = g_string_new (NULL);
  for (i = 0; i < json_array_get_length (array); i++) {
    JsonNode *element = json_array_get_element (array, i);

    if (!node_has_type (element, G_TYPE_STRING)) {
      g_string_free (joined, TRUE);
      return wrong_type (key, expected, error);
    }
    if (i > 0)
      g_string_append_c (joined, ',');
    g_string_append (joined, json_node_get_string (element));
  }
  g_free (*out);
  *out = g_string_free (joined, FALSE);
  return TRUE;
}

static gboolean
apply_key (JsSipSettings * settings, const gchar * name, JsonNode * node,
    GError ** error)
{
  const ConfigKey *key = find_key (name);
  gpointer field;

  if (!key) {
    g_set_error (error, JSSIP_SETTINGS_ERROR, JSSIP_SETTINGS_ERROR_INVALID,
        "unknown key '%s'", name);
    return FALSE;
  }

  field = G_STRUCT_MEMBER_P (settings, key->offset);
  switch (key->kind) {
    case KEY_STRING:
      return read_string (node, name, field, error);
    case KEY_BOOLEAN:
      return read_boolean (node, name, field, error);
    case KEY_SECONDS:
      return read_seconds (node, name, field, error);
    case KEY_SOCKETS:
      return read_sockets (node, name, field, error);
  }
  g_assert_not_reached ();
}

static gboolean
apply_object (JsSipSettings * settings, JsonObject * object, GError ** error)
{
  JsonObjectIter iter;
  const gchar *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node)) {
    if (!apply_key (settings, name, node, error))
      return FALSE;
    GST_DEBUG ("applied key '%s'", name);
  }
  return TRUE;
}

gboolean
jssip_config_apply (JsSipSettings * settings, const gchar * json,
    GError ** error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) parse_error = NULL;
  JsSipSettings *scratch;
  JsSipSettings swap;
  JsonNode *root;

  ensure_debug_category ();

  if (!json_parser_load_from_data (parser, json, -1, &parse_error)) {
    g_set_error (error, JSSIP_SETTINGS_ERROR, JSSIP_SETTINGS_ERROR_INVALID,
        "not valid JSON (%s)", parse_error->message);
    return FALSE;
  }
  root = json_parser_get_root (parser);
  if (!root || !JSON_NODE_HOLDS_OBJECT (root)) {
    g_set_error_literal (error, JSSIP_SETTINGS_ERROR,
        JSSIP_SETTINGS_ERROR_INVALID, "not a JSON object");
    return FALSE;
  }

  /* All keys or none: work on a copy and swap it in on success. */
  scratch = jssip_settings_copy (settings);
  if (!apply_object (scratch, json_node_get_object (root), error)) {
    jssip_settings_free (scratch);
    return FALSE;
  }
  swap = *settings;
  *settings = *scratch;
  *scratch = swap;
  jssip_settings_free (scratch);
  return TRUE;
}

void
jssip_config_set (JsSipSettings * settings, const gchar * json)
{
  ensure_debug_category ();

  g_free (settings->config);
  settings->config = g_strdup (json);
  g_clear_error (&settings->config_error);
  if (json && !jssip_config_apply (settings, json, &settings->config_error))
    GST_WARNING ("config refused: %s", settings->config_error->message);
}

void
jssip_config_copy (JsSipSettings * dest, const JsSipSettings * src)
{
  g_free (dest->config);
  dest->config = g_strdup (src->config);
  g_clear_error (&dest->config_error);
  if (src->config_error)
    dest->config_error = g_error_copy (src->config_error);
}
