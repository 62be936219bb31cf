#pragma once
// Shell completion scripts for bash, zsh and fish, written from the command table.
#include <string>

#include "cli/cli_model.h"

namespace meshprobe {

std::string bash_completion(const CliModel& cli);
std::string zsh_completion(const CliModel& cli);
std::string fish_completion(const CliModel& cli);

}  // namespace meshprobe
