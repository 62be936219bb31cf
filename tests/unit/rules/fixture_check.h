#pragma once
#include <string>
#include <vector>

#include "rules/check_run.h"

namespace meshprobe::testing {

// `check` on a fixture's mesh.yaml (relative to fixtures/) with the real compose file loader.
CheckReport check_fixture(const std::string& contract, bool all_environments = false);

// The unsuppressed findings of one rule, and a "file:line" for each, with the file relative
// to fixtures/.
std::vector<Finding> of_rule(const CheckReport& report, const std::string& rule);
std::string place(const Finding& finding);
std::vector<std::string> places(const std::vector<Finding>& findings);

// Every finding, one per line, for failure messages.
std::string dump(const CheckReport& report);

}  // namespace meshprobe::testing
