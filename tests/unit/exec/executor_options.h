#pragma once
#include "exec/executor.h"

namespace meshprobe::testing {

// The executor options of a run of project "shop", as the executor and AgentPool tests start it.
inline ExecutorOptions shop_options() {
    ExecutorOptions out;
    out.image = "meshprobe/probe:test";
    out.run_id = "run-1";
    out.project = "shop";
    return out;
}

}  // namespace meshprobe::testing
