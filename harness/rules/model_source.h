#pragma once
#include <functional>
#include <string>
#include <vector>

#include "compose/compose_model.h"
#include "compose/compose_runner.h"
#include "contract/contract.h"

namespace meshprobe {

// Where `check` gets one environment's compose model from; tests give models built in code.
using ModelSource = std::function<ComposeModel(const ComposeProject&)>;

// Reads the compose files as compose merges them, with file:line on every element.
ModelSource compose_file_source();

// The environments `check` covers: the one asked for; with all_environments every one the
// contract defines; otherwise (or when it defines none) the base files alone, named "base".
// InputError for an environment the contract lacks.
std::vector<std::string> environments_to_check(const Contract& contract, const std::string& asked,
                                               bool all_environments);

// The compose project of one environment: base files, then its files and profiles.
ComposeProject environment_project(const Contract& contract, const std::string& environment);

}  // namespace meshprobe
