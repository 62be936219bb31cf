#pragma once
// meshprobe(1), in man(7) markup, written from the command table.
#include <string>

#include "cli/cli_model.h"

namespace meshprobe {

std::string man_page(const CliModel& cli, const std::string& version, const std::string& date);

}  // namespace meshprobe
