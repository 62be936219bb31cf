// MESH012: the environments of a contract are one design; they may differ in anything but
// what the contract fixes: tier attachments, internal flags and published ports.
#include <fmt/format.h>

#include "rules/check_run.h"
#include "rules/published_port.h"
#include "rules/rule_catalog.h"

namespace meshprobe {
namespace {

class Comparison {
public:
    Comparison(const Contract& contract, const EnvironmentModel& first, const EnvironmentModel& other)
        : contract_(contract), first_(first), other_(other) {}

    void run(std::vector<Finding>& out) {
        for (const Tier& tier : contract_.tiers) compare_network(tier);
        for (const ServiceSpec& spec : contract_.services) {
            const ComposeService* a = first_.model.find_service(spec.name);
            const ComposeService* b = other_.model.find_service(spec.name);
            if (!a || !b) continue;
            for (const Tier& tier : contract_.tiers) compare_attachment(*a, *b, tier.network);
            compare_ports(*a, *b);
            compare_ports(*b, *a);
        }
        out.insert(out.end(), found_.begin(), found_.end());
    }

private:
    void add(const std::string& service, const SourceLocation& where, const std::string& message) {
        Finding finding;
        finding.rule = "MESH012";
        finding.severity = find_rule("MESH012")->severity;
        finding.service = service;
        finding.where = where;
        finding.message = message;
        finding.fix = "make the environments agree (environment files may change images and settings, not the topology), "
                      "or split the design into separate contracts";
        finding.environments = {first_.name, other_.name};
        found_.push_back(std::move(finding));
    }

    void compare_network(const Tier& tier) {
        const ComposeNetwork* a = first_.model.find_network(tier.network);
        const ComposeNetwork* b = other_.model.find_network(tier.network);
        if (!a || !b || a->internal == b->internal) return;
        add("", b->where,
            fmt::format("network {} is internal: {} in {} but internal: {} in {}", tier.network, a->internal,
                        first_.name, b->internal, other_.name));
    }

    void compare_attachment(const ComposeService& a, const ComposeService& b, const std::string& network) {
        const NetworkAttachment* in_a = a.attachment(network);
        const NetworkAttachment* in_b = b.attachment(network);
        if (!in_a == !in_b) return;
        const EnvironmentModel& with = in_a ? first_ : other_;
        const EnvironmentModel& without = in_a ? other_ : first_;
        add(a.name, in_b ? in_b->where : b.where,
            fmt::format("{} is attached to {} in {} but not in {}", a.name, network, with.name, without.name));
    }

    // Reports the ports `a` publishes that `b` does not; run both ways.
    void compare_ports(const ComposeService& a, const ComposeService& b) {
        const bool a_is_first = &a == first_.model.find_service(a.name);
        for (const PortMapping& port : a.ports) {
            if (!port.published) continue;
            bool same = false;
            for (const PortMapping& other : b.ports) {
                if (other.published && describe_published(other) == describe_published(port)) same = true;
            }
            if (same) continue;
            add(a.name, a_is_first ? b.where : port.where,
                fmt::format("{} publishes {} in {} but not in {}", a.name, describe_published(port),
                            a_is_first ? first_.name : other_.name, a_is_first ? other_.name : first_.name));
        }
    }

    const Contract& contract_;
    const EnvironmentModel& first_;
    const EnvironmentModel& other_;
    std::vector<Finding> found_;
};

}  // namespace

std::vector<Finding> compare_environments(const Contract& contract, const std::vector<EnvironmentModel>& models) {
    std::vector<Finding> out;
    for (std::size_t i = 1; i < models.size(); ++i) Comparison(contract, models.front(), models[i]).run(out);
    return out;
}

}  // namespace meshprobe
