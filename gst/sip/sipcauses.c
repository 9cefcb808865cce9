/* gst-jssip: SIP core
 *
 * Status code to JsSIP cause (JsSIP 3.x SIP_ERROR_CAUSES, read through
 * Utils.sipErrorCause).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <gst/sip/sipcauses.h>

static const struct
{
  guint status_code;
  const gchar *cause;
} status_causes[] = {
  {300, GST_SIP_CAUSE_REDIRECTED},
  {301, GST_SIP_CAUSE_REDIRECTED},
  {302, GST_SIP_CAUSE_REDIRECTED},
  {305, GST_SIP_CAUSE_REDIRECTED},
  {380, GST_SIP_CAUSE_REDIRECTED},
  {486, GST_SIP_CAUSE_BUSY},
  {600, GST_SIP_CAUSE_BUSY},
  {403, GST_SIP_CAUSE_REJECTED},
  {603, GST_SIP_CAUSE_REJECTED},
  {404, GST_SIP_CAUSE_NOT_FOUND},
  {604, GST_SIP_CAUSE_NOT_FOUND},
  {480, GST_SIP_CAUSE_UNAVAILABLE},
  {410, GST_SIP_CAUSE_UNAVAILABLE},
  {408, GST_SIP_CAUSE_UNAVAILABLE},
  {430, GST_SIP_CAUSE_UNAVAILABLE},
  {484, GST_SIP_CAUSE_ADDRESS_INCOMPLETE},
  {424, GST_SIP_CAUSE_ADDRESS_INCOMPLETE},
  {488, GST_SIP_CAUSE_INCOMPATIBLE_SDP},
  {606, GST_SIP_CAUSE_INCOMPATIBLE_SDP},
  {401, GST_SIP_CAUSE_AUTHENTICATION_ERROR},
  {407, GST_SIP_CAUSE_AUTHENTICATION_ERROR},
};

const gchar *
gst_sip_cause_from_status (guint status_code)
{
  guint i;

  if (status_code < 300)
    return NULL;

  for (i = 0; i < G_N_ELEMENTS (status_causes); i++) {
    if (status_causes[i].status_code == status_code)
      return status_causes[i].cause;
  }
  return GST_SIP_CAUSE_SIP_FAILURE_CODE;
}
