#pragma once
#include <string>
#include <vector>

#include "compose/compose_model.h"

namespace meshprobe {

// A first contract, inferred from what the compose files already say; every value carries the
// reason it was chosen, which the writer puts beside it as a comment.

struct InferredTier {
    std::string name;
    std::string network;
    bool internal = false;  // the network is internal: the tier may not reach out either
    std::string why;
};

struct InferredService {
    std::string name;
    std::string tier;
    std::vector<int> ports;
    std::vector<std::string> publish;
    std::vector<std::string> why;    // one comment per choice that needed one
};

struct InferredFlow {
    std::string from;
    std::string to;
    std::vector<int> ports;  // empty: every port of the target
    std::string why;
};

struct InferredContract {
    std::string project;
    std::vector<std::string> compose_files;  // as the contract should name them
    std::vector<InferredTier> tiers;
    std::vector<InferredService> services;
    std::vector<InferredFlow> flows;
    std::vector<std::string> notes;  // what was seen but not turned into the contract
};

// The well-known port of a server image ("postgres:16" -> 5432), 0 when the name says none.
int well_known_port(const std::string& image);

InferredContract infer_contract(const ComposeModel& model, const std::string& project,
                                const std::vector<std::string>& compose_files);

}  // namespace meshprobe
