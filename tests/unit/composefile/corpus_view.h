#pragma once
#include <map>
#include <string>
#include <vector>

#include "corpus_manifest.h"

namespace meshprobe::testing {

// One corpus stack read the way `check` reads it with compose's options, and the same request
// for compose v2: every input is a path both get, under `root` (the corpus, or a staged copy of
// the stack's repo when the request writes files beside the stack's).
struct ViewRequest {
    std::string root;
    std::string contract;    // a mesh.yaml with no compose section: `check`'s starting point
    std::string directory;   // where compose runs (and the contract sits, for the environment route)
    std::vector<std::string> files;     // -f
    std::string project;                // -p
    std::vector<std::string> profiles;  // --profile
    std::string env_file;               // --env-file
    std::map<std::string, std::string> environment;
    std::vector<std::string> active_profiles;  // by --profile or COMPOSE_PROFILES: what v2 renders
};

// How compose is told what to read.
enum class ViewRoute {
    flags,          // -f (the stack's files, then a generated override) -p --profile --env-file
    compose_file,   // a .env beside the files: COMPOSE_FILE (with COMPOSE_PATH_SEPARATOR),
                    // COMPOSE_PROFILES, COMPOSE_PROJECT_NAME; no flags (the Sentry case)
    override_file,  // the override file beside a file of compose's default name, no -f; the
                    // profile and project from .env
};

// The request for `file` by `route`. The generated override publishes a port (its number from
// the env file read) on one service and gives it a network alias; the profile is one the stack
// declares, else one no service has; the stack's own env file stays read. Generated files go
// under `work_dir`, never into the corpus.
ViewRequest view_request(const CorpusFile& file, ViewRoute route, const std::string& work_dir);

// The handful of stacks each environment route is tried on (the flags route takes them all).
std::vector<CorpusFile> environment_route_stacks(ViewRoute route);

}  // namespace meshprobe::testing
