/* gst-jssip: fuzz targets
 *
 * What every libFuzzer target of the SIP core shares.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef __FUZZ_COMMON_H__
#define __FUZZ_COMMON_H__

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* An invariant of the code under test: when it does not hold, the input is
 * a finding, so abort and let libFuzzer save it. */
#define FUZZ_REQUIRE(cond) G_STMT_START {                                   \
    if (G_UNLIKELY (!(cond))) {                                             \
      fprintf (stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, \
          #cond);                                                           \
      abort ();                                                             \
    }                                                                       \
  } G_STMT_END

/* Input from the network must never make the SIP core warn or hit a
 * g_return_if_fail(): make those fatal so that libFuzzer reports them. */
static inline void
fuzz_make_warnings_fatal (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t * data, size_t size);

#endif
