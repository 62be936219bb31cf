#!/usr/bin/env bash
# ctest-failures.sh <build-dir>
#
# After a failed ctest run, prints each failed test's assertion messages again, last, where a
# log that keeps only its tail (a CI summary) still shows why: ctest's own summary names the
# tests but not what they said.
set -euo pipefail
log=${1:?usage: ctest-failures.sh <build-dir>}/Testing/Temporary/LastTest.log
[ -f "$log" ] || exit 0
awk '
  /^[0-9]+\/[0-9]+ Test: / { name = $3; out = ""; inside = 0; n = 0; next }
  /^Output:$/ { inside = 1; next }
  /^<end of output>$/ { inside = 0; next }
  inside && /: Failure$/ { taking = 1; lines = 0 }
  inside && /^\[ +(OK|FAILED) +\]/ { taking = 0 }
  inside && taking && lines < 40 { out = out "    " $0 "\n"; lines++ }
  # A test that is no GoogleTest (a script) says why in its last lines.
  inside { tail[n++ % 15] = $0 }
  /^Test Failed|^Test Passed|^Test Not Run|^.*\*\*\*(Timeout|Exception)/ {
    if ($0 !~ /^Test Passed/) {
      if (out == "") for (i = (n > 15 ? n - 15 : 0); i < n; i++) out = out "    " tail[i % 15] "\n"
      printf "FAILED %s\n%s", name, out
    }
    out = ""; n = 0
  }
' "$log"
