#pragma once
#include <atomic>
#include <map>
#include <string>
#include <utility>

#include "exec/executor.h"

namespace meshprobe {

// The probe agents `watch` keeps from one round to the next, so that a round is the probing
// alone. An agent is kept for its vantage's (kind, attach); all are injected anew when the plan
// needs others, when one no longer runs (another meshprobe's clean-up removed it), or after
// invalidate() (an engine event: a service agent shares a namespace that a restart replaces).
class AgentPool {
public:
    // A round begins: what it plans from and the agents it is given belong to the stack as it is
    // now. Returns that generation, for generation() to be compared with once the round is done.
    long begin_round() { return planned_ = generation_.load(); }

    // The agent of every vantage of `plan`. Throws InfraError as inject_probes does; the
    // caller then removes the run's containers and calls clear().
    Agents agents_for(const Plan& plan, Docker& docker, const ExecutorOptions& options);

    // The stack's containers changed: every agent injected before, or for a round planned
    // before, is stale. Safe from any thread.
    void invalidate() { ++generation_; }
    long generation() const { return generation_; }
    // Agents exist, or are being injected, for a stack that has changed since. A generation and
    // not a flag: a change while a round is injecting must not be consumed by that injection.
    bool stale() const {
        const long of = injected_for_;
        return of != kNone && of != generation_;
    }
    // Forgets every agent (their containers are removed by the caller); the next round injects.
    void clear() {
        kept_.clear();
        injected_for_ = kNone;
    }

    // How many times agents_for injected a whole set: `run -v` says so only when it did.
    int injections() const { return injections_; }

private:
    using Key = std::pair<int, std::string>;  // vantage kind, attach
    static Key key_of(const Vantage& vantage) { return {static_cast<int>(vantage.kind), vantage.attach}; }
    bool all_kept_run(const Plan& plan, Docker& docker, const ExecutorOptions& options) const;
    static constexpr long kNone = -1;

    std::map<Key, std::string> kept_;  // container id by vantage
    std::atomic<long> generation_{0};
    long planned_ = 0;  // the generation the round under way planned from
    std::atomic<long> injected_for_{kNone};  // the generation kept_ (or agents being injected) serve
    int injections_ = 0;
};

}  // namespace meshprobe
