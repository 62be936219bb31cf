#pragma once
#include <string>

namespace meshprobe {

// What this process made on the engine and has not removed yet, kept current as the notice a
// second Ctrl-C prints before it ends the process (set_abandon_notice, exec/interrupt.h): "3
// probe containers, the stand-ins and networks of project shop, of run 12-ab (`meshprobe -c
// /src/mesh.yaml clean` removes them)". Thread-safe; the handler itself only reads the text.
namespace left_behind {

// The run whose objects these are; `contract` (absolute) is named in the `clean` hint.
void start_run(const std::string& run_id, const std::string& project, const std::string& contract);
void probes_created(int count);
void probes_removed(int count);
// A stack brought up by this run (stand-ins, or the user's own services), and taken down.
void stack_up(bool standins);
void stack_down();

}  // namespace left_behind
}  // namespace meshprobe
