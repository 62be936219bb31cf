#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "reports/static/input_errors.h"
#include "rules/check_run.h"

namespace meshprobe {

// SARIF 2.1.0, as GitHub code scanning takes it: every rule's metadata in tool.driver.rules,
// one result per finding with a physical location relative to %SRCROOT% (base_dir), and
// suppressed findings carrying an external suppression with the contract's reason. Each rule's
// helpUri is its section of `rules_url` (docs/rules.md as published, absolute); without one,
// no helpUri: the help names docs/rules.md#meshNNN in words.
nlohmann::json check_sarif(const CheckReport& report, const std::string& base_dir, const std::string& rules_url = {});
std::string render_check_sarif(const CheckReport& report, const std::string& base_dir, const std::string& rules_url = {});

// A check that could not be made: no results, and one invocation that did not succeed, with a
// toolExecutionNotification of level error per input error at its location (SARIF 3.20.21).
std::string render_input_errors_sarif(const CheckReport& report, const ShownInputErrors& errors, const std::string& base_dir,
                                      const std::string& rules_url = {});

}  // namespace meshprobe
