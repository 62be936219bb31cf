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
    // The agent of every vantage of `plan`. Throws InfraError as inject_probes does; the
    // caller then removes the run's containers and calls clear().
    Agents agents_for(const Plan& plan, Docker& docker, const ExecutorOptions& options);

    // The next round injects anew; safe from any thread.
    void invalidate() { stale_ = true; }
    bool stale() const { return stale_; }
    // Forgets every agent (their containers are removed by the caller); the next round injects.
    void clear() {
        kept_.clear();
        stale_ = false;
    }

    // How many times agents_for injected a whole set: `run -v` says so only when it did.
    int injections() const { return injections_; }

private:
    using Key = std::pair<int, std::string>;  // vantage kind, attach
    static Key key_of(const Vantage& vantage) { return {static_cast<int>(vantage.kind), vantage.attach}; }
    bool all_kept_run(const Plan& plan, Docker& docker, const ExecutorOptions& options) const;

    std::map<Key, std::string> kept_;  // container id by vantage
    std::atomic<bool> stale_{false};
    int injections_ = 0;
};

}  // namespace meshprobe
