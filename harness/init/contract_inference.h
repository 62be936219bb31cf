#pragma once
#include <string>
#include <vector>

#include "core/stack_model.h"

namespace meshprobe {

// A first contract, inferred from what the compose files already say; every value carries the
// reason it was chosen, which the writer puts beside it as a comment.

struct InferredTier {
    std::string name;
    std::string network;
    bool internal = false;  // the network is internal: the tier may not reach out either
    std::string why;
};

// Each `*_why` holds one comment per choice about that field that needed one; kept apart so
// that a metadata file can put each beside its own field.
struct InferredService {
    std::string name;
    std::string tier;
    std::vector<std::string> tier_why;
    std::vector<int> ports;
    std::vector<std::string> ports_why;
    std::vector<std::string> publish;
    std::vector<std::string> publish_why;
    std::string role;                             // empty: the image says none
    std::string role_why;
    std::vector<std::string> internal_endpoints;  // URLs its healthcheck polls, under its own name
    std::string endpoints_why;

    // The comments on tier, ports and publish, in that order, as mesh.yaml puts them on one line.
    std::vector<std::string> why() const;
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

// What a server image is for ("redis:7" -> "cache"), empty when the name says nothing.
std::string well_known_role(const std::string& image);

// A contract that describes the stack as it is. Cancelled after Ctrl-C.
InferredContract infer_contract(const StackModel& model, const std::string& project,
                                const std::vector<std::string>& compose_files);

}  // namespace meshprobe
