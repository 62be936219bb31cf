#pragma once
#include <functional>
#include <string>
#include <vector>

#include "contract/contract.h"

namespace meshprobe {

// Reads mesh.yaml v1 (docs/contract.md) and its metadata folder. Every mistake a
// person can make in them is an InputError with file:line and a hint (exit 2).
// `compose_read`, when given, hears the contract as soon as its project and compose section are
// read, before its other sections: the caller may start reading the compose files meanwhile
// (check_files does). What it throws, load_contract throws.
Contract load_contract(const std::string& path,
                       const std::function<void(const Contract&)>& compose_read = {});

// The names a flow, a metadata dependency or a suppression gives as services must be services
// of the compose application; pass every name compose defines for the environments in use.
// Contract services that compose lacks are not errors here: they are finding MESH011.
// InputError (at the name) for any other name.
void validate_against_compose(const Contract& contract,
                              const std::vector<std::string>& compose_service_names);

// The compose files `docker compose` takes in `dir` when no -f is given: the first main file
// that exists, then the first override file; empty when no main file exists.
std::vector<std::string> default_compose_files(const std::string& dir);

// A compose project name as docker-compose 1.29 derives it: lowercase, only [a-z0-9_-].
std::string normalize_project_name(const std::string& name);

}  // namespace meshprobe
