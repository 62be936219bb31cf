#include "exec/left_behind.h"

#include <algorithm>
#include <mutex>

#include "exec/interrupt.h"

namespace meshprobe::left_behind {
namespace {

struct State {
    std::string run_id, project, contract;
    int probes = 0;
    bool stack = false;
    bool standins = false;
};

std::mutex mutex;
State state;

std::string describe(const State& s) {
    std::string what;
    if (s.probes > 0) what = std::to_string(s.probes) + (s.probes == 1 ? " probe container" : " probe containers");
    if (s.stack) {
        if (!what.empty()) what += ", ";
        what += (s.standins ? "the stand-ins and networks of project " : "the stack of project ") + s.project;
    }
    if (what.empty()) return {};
    if (!s.run_id.empty()) what += " of run " + s.run_id;
    const std::string clean = s.contract.empty() ? "meshprobe clean" : "meshprobe -c " + s.contract + " clean";
    return what + " (`" + clean + "` removes " + (s.stack && !s.standins ? "the probes" : "them") + ")";
}

// Every change rewrites the notice whole, under the lock, so the handler finds a finished text.
template <typename Change>
void update(Change change) {
    std::lock_guard guard(mutex);
    change(state);
    set_abandon_notice(describe(state));
}

}  // namespace

void start_run(const std::string& run_id, const std::string& project, const std::string& contract) {
    update([&](State& s) {
        s.run_id = run_id;
        s.project = project;
        s.contract = contract;
    });
}

void probes_created(int count) {
    update([&](State& s) { s.probes += count; });
}

void probes_removed(int count) {
    update([&](State& s) { s.probes = std::max(0, s.probes - count); });
}

void stack_up(bool standins) {
    update([&](State& s) {
        s.stack = true;
        s.standins = standins;
    });
}

void stack_down() {
    update([](State& s) { s.stack = false; });
}

}  // namespace meshprobe::left_behind
