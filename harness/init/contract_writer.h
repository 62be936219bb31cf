#pragma once
#include <string>
#include <vector>

#include "init/contract_inference.h"

namespace meshprobe {

// The contract as YAML, with a comment beside each inferred value saying where it came from.
// With a `metadata_dir` (as the contract names it) the contract reads that folder, and leaves
// to its files what they say (see init/metadata_writer.h): it keeps the tiers, each service's
// publish rules and the flows on named ports.
std::string write_contract(const InferredContract& contract, const std::string& metadata_dir = "");

// The comment init ends the contract with for the problems `check` finds in the stack as it is
// (each "file:line RULE severity: message"); empty when there are none. At the end, so that it
// moves no line of the contract.
std::string present_problems_comment(const std::vector<std::string>& problems);

// A YAML scalar: plain where that reads as the same text, double-quoted otherwise.
std::string yaml_scalar(const std::string& text);

}  // namespace meshprobe
