#pragma once
#include <vector>

#include "contract/contract.h"
#include "topology/topology.h"
#include "watch/violation.h"

namespace meshprobe::watch {

// What the running stack does against the contract, judged on the live topology model (the one
// `topology --live` prints): an attachment that carries a path the contract forbids, or whose
// loss leaves an allowed flow carried by no network; a binding the contract does not allow
// (the decision of MESH006 and `audit`); a name claimed on a network by a service it does not
// belong to; a running service the contract gives no tier; a contract service that is down,
// restarting or unhealthy.
std::vector<Violation> judge_running(const Topology& live, const Contract& contract);

// Whether some container of the service is ready (core/readiness.h: running, and healthy where it
// has a health check; `starting` is not ready) and none is unhealthy: meshprobe_service_up.
bool service_up(const TopologyService& service);

}  // namespace meshprobe::watch
