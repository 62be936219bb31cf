#pragma once
#include <string>

#include "init/contract_inference.h"

namespace meshprobe {

// The contract as YAML, with a comment beside each inferred value saying where it came from.
std::string write_contract(const InferredContract& contract);

// A YAML scalar: plain where that reads as the same text, double-quoted otherwise.
std::string yaml_scalar(const std::string& text);

}  // namespace meshprobe
