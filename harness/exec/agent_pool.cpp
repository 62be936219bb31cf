#include "exec/agent_pool.h"

#include <set>

#include "exec/cleanup.h"

namespace meshprobe {
namespace {

// Stand-ins serve as their own service agents, and the host needs none.
bool needs_container(const Vantage& vantage, const ExecutorOptions& options) {
    if (vantage.kind == Vantage::Kind::host) return false;
    return !(vantage.kind == Vantage::Kind::service && options.exec_in_standins);
}

}  // namespace

bool AgentPool::all_kept_run(const Plan& plan, Docker& docker, const ExecutorOptions& options) const {
    std::set<Key> wanted;
    for (const Vantage& v : plan.vantages)
        if (needs_container(v, options)) wanted.insert(key_of(v));
    if (wanted.size() != kept_.size()) return false;
    std::set<std::string> running;
    for (const ContainerInfo& c : docker.list_containers({std::string(kRunLabel) + "=" + options.run_id}, false)) {
        if (c.state == "running") running.insert(c.id);
    }
    for (const Key& key : wanted) {
        auto it = kept_.find(key);
        if (it == kept_.end() || !running.count(it->second)) return false;
    }
    return true;
}

Agents AgentPool::agents_for(const Plan& plan, Docker& docker, const ExecutorOptions& options) {
    if (kept_.empty() || injected_for_ != planned_ || !all_kept_run(plan, docker, options)) {
        remove_run_containers(docker, options.run_id);
        kept_.clear();
        injected_for_ = planned_;  // before injecting: a change meanwhile makes them stale at once
        const Agents fresh = inject_probes(plan, docker, options);
        for (const auto& [index, id] : fresh) {
            if (needs_container(plan.vantages[index], options)) kept_[key_of(plan.vantages[index])] = id;
        }
        ++injections_;
        return fresh;
    }
    Agents agents;
    for (std::size_t i = 0; i < plan.vantages.size(); ++i) {
        const Vantage& v = plan.vantages[i];
        if (needs_container(v, options)) {
            agents[i] = kept_.at(key_of(v));
        } else if (v.kind == Vantage::Kind::service) {
            agents[i] = v.attach;
        }
    }
    return agents;
}

}  // namespace meshprobe
