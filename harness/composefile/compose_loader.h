#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/stack_model.h"

namespace meshprobe {

// The process environment, as compose sees it.
std::map<std::string, std::string> process_environment();

struct ComposeInputs {
    std::vector<std::string> files;  // absolute, merged in order like `-f`
    std::string project_directory;   // empty: the first file's folder
    std::vector<std::string> env_files;  // in order, the later winning; empty: `.env` in the project directory, if any
    std::vector<std::string> profiles;
    std::map<std::string, std::string> environment = process_environment();  // wins over the env file
};

// Reads compose files as Docker Compose does, without running it, for everything that
// decides the network topology: `-f` merging, `include`, `extends`, interpolation, profiles,
// anchors and merge keys, and the implicit `default` network. Every element points at the
// file:line it came from. Throws InputError (with file:line) for anything compose refuses.
StackModel load_compose(const ComposeInputs& inputs);

}  // namespace meshprobe
