/* gst-jssip tests: making the plugin's elements and reading their
 * properties (element-props.h).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/check/gstcheck.h>

#include "element-props.h"

GstElement *
make (const gchar * factory)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  fail_unless (element != NULL, "%s not found: is GST_PLUGIN_PATH set?",
      factory);
  return gst_object_ref_sink (element);
}

gchar *
dup_string (GstElement * element, const gchar * name)
{
  gchar *value = NULL;

  g_object_get (element, name, &value, NULL);
  return value;
}

guint
get_uint (GstElement * element, const gchar * name)
{
  guint value;

  g_object_get (element, name, &value, NULL);
  return value;
}

gboolean
get_boolean (GstElement * element, const gchar * name)
{
  gboolean value;

  g_object_get (element, name, &value, NULL);
  return value;
}

void
assert_string (GstElement * element, const gchar * name, const gchar * expected)
{
  gchar *value = dup_string (element, name);

  fail_unless (g_strcmp0 (value, expected) == 0,
      "%s: %s is '%s', expected '%s'", GST_ELEMENT_NAME (element), name,
      value, expected);
  g_free (value);
}
