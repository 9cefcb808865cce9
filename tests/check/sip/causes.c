/* gst-jssip: tests for the status code to JsSIP cause mapping
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <gst/check/gstcheck.h>
#include <gst/sip/sipcauses.h>

/* JsSIP 3.x SIP_ERROR_CAUSES, written out code by code. */
static const struct
{
  guint status_code;
  const gchar *cause;
} jssip_table[] = {
  {300, "Redirected"}, {301, "Redirected"}, {302, "Redirected"},
  {305, "Redirected"}, {380, "Redirected"},
  {486, "Busy"}, {600, "Busy"},
  {403, "Rejected"}, {603, "Rejected"},
  {404, "Not Found"}, {604, "Not Found"},
  {480, "Unavailable"}, {410, "Unavailable"}, {408, "Unavailable"},
  {430, "Unavailable"},
  {484, "Address Incomplete"}, {424, "Address Incomplete"},
  {488, "Incompatible SDP"}, {606, "Incompatible SDP"},
  {401, "Authentication Error"}, {407, "Authentication Error"},
};

GST_START_TEST (test_every_listed_code)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (jssip_table); i++) {
    const gchar *cause = gst_sip_cause_from_status (jssip_table[i].status_code);

    fail_unless_equals_string (cause, jssip_table[i].cause);
  }
}

GST_END_TEST;

GST_START_TEST (test_other_failures_are_sip_failure_code)
{
  /* 303 is a redirect JsSIP does not list; 422, 500 and 503 are named in
   * JsSIP's own notes as SIP Failure Code. */
  const guint codes[] = { 303, 400, 402, 405, 415, 420, 422, 481, 482, 483,
    487, 489, 491, 493, 500, 501, 502, 503, 504, 513, 580, 699
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (codes); i++)
    fail_unless_equals_string (gst_sip_cause_from_status (codes[i]),
        "SIP Failure Code");
}

GST_END_TEST;

GST_START_TEST (test_non_failures_have_no_cause)
{
  const guint codes[] = { 0, 100, 180, 183, 200, 202, 299 };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (codes); i++)
    fail_unless (gst_sip_cause_from_status (codes[i]) == NULL);
}

GST_END_TEST;

GST_START_TEST (test_cause_strings)
{
  /* Every cause docs/elements.md lists, as users match on them in bus messages. */
  const gchar *causes[][2] = {
    {GST_SIP_CAUSE_CONNECTION_ERROR, "Connection Error"},
    {GST_SIP_CAUSE_REQUEST_TIMEOUT, "Request Timeout"},
    {GST_SIP_CAUSE_SIP_FAILURE_CODE, "SIP Failure Code"},
    {GST_SIP_CAUSE_INTERNAL_ERROR, "Internal Error"},
    {GST_SIP_CAUSE_BUSY, "Busy"},
    {GST_SIP_CAUSE_REJECTED, "Rejected"},
    {GST_SIP_CAUSE_REDIRECTED, "Redirected"},
    {GST_SIP_CAUSE_UNAVAILABLE, "Unavailable"},
    {GST_SIP_CAUSE_NOT_FOUND, "Not Found"},
    {GST_SIP_CAUSE_ADDRESS_INCOMPLETE, "Address Incomplete"},
    {GST_SIP_CAUSE_INCOMPATIBLE_SDP, "Incompatible SDP"},
    {GST_SIP_CAUSE_MISSING_SDP, "Missing SDP"},
    {GST_SIP_CAUSE_AUTHENTICATION_ERROR, "Authentication Error"},
    {GST_SIP_CAUSE_BYE, "Terminated"},
    {GST_SIP_CAUSE_CANCELED, "Canceled"},
    {GST_SIP_CAUSE_NO_ANSWER, "No Answer"},
    {GST_SIP_CAUSE_EXPIRES, "Expires"},
    {GST_SIP_CAUSE_NO_ACK, "No ACK"},
    {GST_SIP_CAUSE_DIALOG_ERROR, "Dialog Error"},
    {GST_SIP_CAUSE_BAD_MEDIA_DESCRIPTION, "Bad Media Description"},
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (causes); i++)
    fail_unless_equals_string (causes[i][0], causes[i][1]);
}

GST_END_TEST;

static Suite *
sip_causes_suite (void)
{
  Suite *s = suite_create ("sip-causes");
  TCase *tc = tcase_create ("causes");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_every_listed_code);
  tcase_add_test (tc, test_other_failures_are_sip_failure_code);
  tcase_add_test (tc, test_non_failures_have_no_cause);
  tcase_add_test (tc, test_cause_strings);
  return s;
}

GST_CHECK_MAIN (sip_causes);
