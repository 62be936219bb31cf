#pragma once
#include <string>

namespace meshprobe::testing {

// What meshprobe or compose made of one corpus stack: its topology view, or why it refused.
struct Outcome {
    bool ok = false;
    std::string view;   // topology when ok
    std::string error;  // message otherwise
};

inline bool same(const Outcome& a, const Outcome& b) { return a.ok == b.ok && a.view == b.view; }

inline std::string describe(const char* who, const Outcome& outcome) {
    return std::string(who) + (outcome.ok ? " reads:\n" + outcome.view : " refuses: " + outcome.error) + "\n";
}

}  // namespace meshprobe::testing
