#pragma once
#include <stdexcept>

namespace meshprobe {

// The user interrupted (Ctrl-C) while a call to the engine was in flight. Not an InfraError:
// callers clean up and exit as interrupted instead of reporting a broken engine.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("interrupted") {}
};

}  // namespace meshprobe
