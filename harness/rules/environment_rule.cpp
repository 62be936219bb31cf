// MESH012: the environments of a contract are one design; they may differ in anything but
// what the contract fixes: tier attachments, internal flags and published ports.
#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "rules/check_run.h"
#include "policy/publishing.h"
#include "rules/rule_input.h"

namespace meshprobe {
namespace {

class Comparison {
public:
    Comparison(const Contract& contract, const EnvironmentModel& first, const EnvironmentModel& other)
        : contract_(contract), first_(first), other_(other) {}

    void run(std::vector<Finding>& out) {
        for (const Tier& tier : contract_.tiers) compare_network(tier);
        const auto in_first = by_name(first_.model);
        const auto in_other = by_name(other_.model);
        for (const ServiceSpec& spec : contract_.services) {
            auto a = in_first.find(spec.name);
            auto b = in_other.find(spec.name);
            if (a == in_first.end() || b == in_other.end()) continue;
            for (const Tier& tier : contract_.tiers) compare_attachment(*a->second, *b->second, tier.network);
            compare_ports(*a->second, *b->second, true);
            compare_ports(*b->second, *a->second, false);
        }
        std::vector<Finding> found = found_.take();
        out.insert(out.end(), found.begin(), found.end());
    }

private:
    static std::unordered_map<std::string, const StackService*> by_name(const StackModel& model) {
        std::unordered_map<std::string, const StackService*> out;
        for (const StackService& service : model.services) out.emplace(service.name, &service);
        return out;
    }

    void add(const std::string& service, const SourceLocation& where, const std::string& message) {
        found_.add("MESH012", service, where, message,
                   "make the environments agree (environment files may change images and settings, not the "
                   "topology), or split the design into separate contracts");
    }

    void compare_network(const Tier& tier) {
        const StackNetwork* a = first_.model.find_network(tier.network);
        const StackNetwork* b = other_.model.find_network(tier.network);
        if (!a || !b || a->internal == b->internal) return;
        add("", b->where,
            fmt::format("network {} is internal: {} in {} but internal: {} in {}", tier.network, a->internal,
                        first_.name, b->internal, other_.name));
    }

    void compare_attachment(const StackService& a, const StackService& b, const std::string& network) {
        const NetworkAttachment* in_a = a.attachment(network);
        const NetworkAttachment* in_b = b.attachment(network);
        if (!in_a == !in_b) return;
        const EnvironmentModel& with = in_a ? first_ : other_;
        const EnvironmentModel& without = in_a ? other_ : first_;
        add(a.name, in_b ? in_b->where : b.where,
            fmt::format("{} is attached to {} in {} but not in {}", a.name, network, with.name, without.name));
    }

    // Reports the ports `a` publishes that `b` does not; run both ways.
    void compare_ports(const StackService& a, const StackService& b, bool a_is_first) {
        for (const PortMapping& port : a.ports) {
            if (!port.published) continue;
            const std::string mine = describe_published(port);
            bool same = std::any_of(b.ports.begin(), b.ports.end(), [&](const PortMapping& other) {
                return other.published && describe_published(other) == mine;
            });
            if (same) continue;
            add(a.name, a_is_first ? b.where : port.where,
                fmt::format("{} publishes {} in {} but not in {}", a.name, mine,
                            a_is_first ? first_.name : other_.name, a_is_first ? other_.name : first_.name));
        }
    }

    const Contract& contract_;
    const EnvironmentModel& first_;
    const EnvironmentModel& other_;
    Findings found_{std::vector<std::string>{first_.name, other_.name}};
};

}  // namespace

std::vector<Finding> compare_environments(const Contract& contract, const std::vector<EnvironmentModel>& models) {
    std::vector<Finding> out;
    for (std::size_t i = 1; i < models.size(); ++i) Comparison(contract, models.front(), models[i]).run(out);
    return out;
}

}  // namespace meshprobe
