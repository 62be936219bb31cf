#pragma once
#include "rules/check_run.h"

namespace meshprobe::testing {

// Paths in the sample are under this folder, as if checked from it.
inline const char* const kBaseDir = "/repo";

// Two environments (dev, prod) and, in file order:
//   /repo/compose.yaml:7   MESH006 error   db, both environments
//   /repo/compose.yaml:12  MESH003 note    db, dev only
//   /repo/compose.yaml:20  MESH006 error   traefik, suppressed ("legacy clients")
//   /repo/mesh.yaml:4      MESH015 warning with characters formats must escape
CheckReport sample_report();

}  // namespace meshprobe::testing
