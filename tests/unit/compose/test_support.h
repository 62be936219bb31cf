#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "compose/child_process.h"
#include "scratch_folder.h"

namespace meshprobe::testing {

// The text of a file in tests/unit/compose/data.
std::string read_data(const std::string& name);

// Runs a program found on the PATH (docker, docker-compose, tar) and returns what it did.
ChildResult run_tool(const std::string& name, const std::vector<std::string>& args);

}  // namespace meshprobe::testing
