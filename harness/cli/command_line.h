#pragma once
#include <string>
#include <vector>

#include "cli/global_options.h"

namespace CLI {
class App;
}

namespace meshprobe {

// What to say about the words of the command line that no command or flag took (the parser
// collects them, so that a mistyped name gets a suggestion): "unknown command 'explian'; did
// you mean 'explain'?", "unknown flag '--formt'; did you mean '--format'?". Empty when every
// word was taken. `command` is the command that was named, or null.
std::string leftover_words_message(const CLI::App& app, const CLI::App* command, const std::vector<std::string>& words);

// What the environment says besides the flags: `-c DIR` names DIR/mesh.yaml, and no colour
// for NO_COLOR (no-color.org) or TERM=dumb. Whether the output is a terminal is for each
// writer to ask.
void settle_global_options(GlobalOptions& global);

}  // namespace meshprobe
