#pragma once
#include "compose/compose_runner.h"
#include "contract/contract.h"

namespace meshprobe {

// The compose project a contract describes in one environment: base files, then the
// environment's files and profiles. InputError for an environment the contract lacks.
ComposeProject compose_project(const Contract& contract, const std::string& environment);

}  // namespace meshprobe
