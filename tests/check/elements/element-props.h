/* gst-jssip tests: making the plugin's elements and reading their
 * properties, shared by the element tests.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __ELEMENT_PROPS_H__
#define __ELEMENT_PROPS_H__

#include <gst/gst.h>

/* A new element of @factory, owned (ref-sunk); fails the test when the
 * plugin is not found. */
GstElement *make (const gchar * factory);

gchar *dup_string (GstElement * element, const gchar * name);
guint get_uint (GstElement * element, const gchar * name);
gboolean get_boolean (GstElement * element, const gchar * name);
void assert_string (GstElement * element, const gchar * name,
    const gchar * expected);

#endif
