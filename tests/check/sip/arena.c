/* gst-jssip: tests for the SIP arena allocator
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/check/gstcheck.h>
#include <gst/sip/siparena.h>

#include <stddef.h>
#include <string.h>

GST_START_TEST (test_alloc0_is_zeroed_and_aligned)
{
  GstSipArena *arena = gst_sip_arena_new (64);
  guint i;

  for (i = 1; i < 200; i++) {
    guint8 *mem = gst_sip_arena_alloc0 (arena, i);
    guint j;

    fail_unless (((guintptr) mem) % _Alignof (max_align_t) == 0);
    for (j = 0; j < i; j++)
      fail_unless_equals_int (mem[j], 0);
    /* Dirty it: the next allocation must still come back zeroed. */
    memset (mem, 0xAB, i);
  }
  gst_sip_arena_free (arena);
}

GST_END_TEST;

GST_START_TEST (test_strings)
{
  GstSipArena *arena = gst_sip_arena_new (16);
  const gchar *src = "Via: SIP/2.0/WSS";
  gchar *s;

  s = gst_sip_arena_strndup (arena, src, 3);
  fail_unless_equals_string (s, "Via");
  fail_unless_equals_string (gst_sip_arena_strdup (arena, src), src);
  fail_unless (gst_sip_arena_strdup (arena, NULL) == NULL);
  fail_unless_equals_string (gst_sip_arena_strndup (arena, src, 0), "");
  fail_unless_equals_string (gst_sip_arena_printf (arena, "%s %u", "CSeq", 7),
      "CSeq 7");
  gst_sip_arena_free (arena);
}

GST_END_TEST;

GST_START_TEST (test_large_printf_and_blocks)
{
  GstSipArena *arena = gst_sip_arena_new (32);
  gchar *big = g_strnfill (5000, 'x');
  gchar *small, *printed;
  gchar *blocks[100];
  guint i;

  printed = gst_sip_arena_printf (arena, "<%s>", big);
  fail_unless_equals_int (strlen (printed), 5002);
  fail_unless (printed[0] == '<' && printed[5001] == '>');

  /* Many allocations across blocks stay valid and distinct. */
  for (i = 0; i < G_N_ELEMENTS (blocks); i++)
    blocks[i] = gst_sip_arena_printf (arena, "block-%u", i);
  small = gst_sip_arena_alloc (arena, 100000);
  memset (small, 1, 100000);
  for (i = 0; i < G_N_ELEMENTS (blocks); i++) {
    gchar *expected = g_strdup_printf ("block-%u", i);
    fail_unless_equals_string (blocks[i], expected);
    g_free (expected);
  }
  g_free (big);
  gst_sip_arena_free (arena);
}

GST_END_TEST;

GST_START_TEST (test_free_null)
{
  gst_sip_arena_free (NULL);
}

GST_END_TEST;

static Suite *
sip_arena_suite (void)
{
  Suite *s = suite_create ("sip-arena");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_alloc0_is_zeroed_and_aligned);
  tcase_add_test (tc, test_strings);
  tcase_add_test (tc, test_large_printf_and_blocks);
  tcase_add_test (tc, test_free_null);
  return s;
}

GST_CHECK_MAIN (sip_arena);
