#pragma once
#include <map>
#include <string>

#include "probeplan/probe_plan.h"

namespace meshprobe {

// The probe protocol (probes/PROTOCOL.md) from the harness's side.
std::string plan_json(const Vantage& vantage, int timeout_ms);
// Throws InfraError when the probe's output is not what the protocol says.
std::map<std::string, probe::CheckResult> parse_probe_output(const std::string& stdout_text);

}  // namespace meshprobe
