#pragma once
#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

struct CleanOptions {
    bool all = false;  // every project's leftovers, not only the contract's
};

// Registers `meshprobe clean` and its flags on the application.
void add_clean_command(CLI::App& app, CleanOptions& options);

// `meshprobe clean`: removes what meshprobe left of a project (probe containers, stand-ins
// and their networks, temporary folders), or of every project with --all; a project that a
// live run holds is left alone. Exit 0 when all is clean, 3 when something could not be.
int clean_command(const GlobalOptions& global, const CleanOptions& options);

}  // namespace meshprobe
