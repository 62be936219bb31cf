// ports: only contract-listed ports are published, on the allowed addresses, nothing from a
// data tier; and what may be published answers from the host.
#include <algorithm>
#include <set>

#include "core/ip_address.h"
#include "suites/suites.h"
#include "suites/vantages.h"
#include "topology/exposure.h"

namespace meshprobe {
namespace {

struct Binding {
    int host_port = 0;
    std::string protocol;
    int container_port = 0;
    std::set<std::string> host_ips;
};

std::vector<Binding> bindings_of(const LiveService& service) {
    std::vector<Binding> out;
    for (const PortMapping& p : service.published) {
        if (p.host_port == 0) continue;
        auto it = std::find_if(out.begin(), out.end(), [&](const Binding& b) {
            return b.host_port == p.host_port && b.protocol == p.protocol;
        });
        if (it == out.end()) {
            out.push_back({p.host_port, p.protocol, p.container_port, {}});
            it = out.end() - 1;
        }
        it->host_ips.insert(shown_address(p.host_ip));
    }
    return out;
}

std::string join(const std::set<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

// Whether the contract lets this binding exist; the reason when it does not.
std::string violation(const Contract& contract, const std::string& service, const Binding& binding) {
    for (const std::string& ip : binding.host_ips) {
        const PublishDecision decision = judge_publish(contract, service, ip, binding.host_port, binding.protocol);
        if (!decision) return refusal_words(decision, service, binding.host_port, binding.protocol);
    }
    return {};
}

}  // namespace

void plan_ports(const SuiteContext& context, Plan& plan) {
    std::size_t host = host_vantage(plan);
    for (const LiveService& service : context.stack.services) {
        std::vector<Binding> bindings = bindings_of(service);
        for (const Binding& binding : bindings) {
            PlannedCheck planned;
            planned.check.suite = Suite::ports;
            planned.check.from = Endpoint::host();
            planned.check.to = endpoint_of(service, binding.host_port);
            planned.check.to.protocol = binding.protocol;
            planned.check.expected = "published only as the contract lists";
            planned.check.want = Want::verdict;
            planned.owner = service.name;
            planned.check.predicted = Reach::reachable;  // the engine publishes what it was asked to
            std::string reason = violation(context.contract, service.name, binding);
            planned.decided = reason.empty() ? Verdict::pass : Verdict::fail;
            planned.check.observed = "published on " + join(binding.host_ips) + " port " +
                                     std::to_string(binding.host_port) + " -> " +
                                     std::to_string(binding.container_port) + "/" + binding.protocol;
            if (!reason.empty()) planned.check.observed += ": " + reason;
            planned.check.evidence["host_ips"] = binding.host_ips;
            if (binding.protocol == "tcp") {
                std::string address = *binding.host_ips.begin();
                if (binds_all_addresses(address)) address = "127.0.0.1";
                planned.tasks.push_back(plan.task(
                    host, Task{{}, Task::Kind::tcp, address, binding.host_port, service.name, {}}));
            }
            plan.checks.push_back(std::move(planned));
        }
    }
}

}  // namespace meshprobe
