#include "rules/check_run.h"

#include <algorithm>
#include <functional>
#include <exception>
#include <future>
#include <iterator>
#include <memory>
#include <system_error>
#include <tuple>
#include <unordered_map>

#include "core/cancelled.h"
#include "core/errors.h"
#include "rules/rules.h"

namespace meshprobe {
namespace {

// What makes two findings of different environments the same finding: the same rule,
// severity, service, place and message. Compared field by field, under a hash of them: tens of
// thousands of findings, each joined into one text, took a tenth of `check` on a large stack.
bool same_finding(const Finding& a, const Finding& b) {
    return a.rule == b.rule && a.severity == b.severity && a.service == b.service && a.where.file == b.where.file &&
           a.where.line == b.where.line && a.message == b.message;
}

std::size_t hash_of(const Finding& f) {
    std::size_t seed = std::hash<std::string>{}(f.message);
    auto mix = [&](std::size_t h) { seed ^= h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2); };
    mix(std::hash<std::string>{}(f.rule));
    mix(static_cast<std::size_t>(f.severity));
    mix(std::hash<std::string>{}(f.service));
    mix(std::hash<std::string>{}(f.where.file));
    mix(static_cast<std::size_t>(f.where.line));
    return seed;
}

// A finding several environments share is one finding, listing them.
class Merger {
public:
    explicit Merger(std::vector<Finding>& merged) : merged_(merged) {
        for (std::size_t i = 0; i < merged_.size(); ++i) index_.emplace(hash_of(merged_[i]), i);
    }

    void add(std::vector<Finding> more) {
        index_.reserve(index_.size() + more.size());
        for (Finding& finding : more) {
            const std::size_t hash = hash_of(finding);
            if (Finding* same = find(hash, finding)) {
                std::vector<std::string>& environments = same->environments;
                for (const std::string& environment : finding.environments) {
                    if (std::find(environments.begin(), environments.end(), environment) == environments.end())
                        environments.push_back(environment);
                }
                continue;
            }
            index_.emplace(hash, merged_.size());
            merged_.push_back(std::move(finding));
        }
    }

private:
    Finding* find(std::size_t hash, const Finding& finding) {
        auto [first, last] = index_.equal_range(hash);
        for (auto it = first; it != last; ++it) {
            if (same_finding(merged_[it->second], finding)) return &merged_[it->second];
        }
        return nullptr;
    }

    std::vector<Finding>& merged_;
    std::unordered_multimap<std::size_t, std::size_t> index_;  // hash_of -> index in merged_
};

void sort_for_reading(std::vector<Finding>& findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.where.file, a.where.line, a.rule) < std::tie(b.where.file, b.where.line, b.rule);
    });
}


}  // namespace

int CheckReport::count(Severity severity) const {
    return static_cast<int>(std::count_if(findings.begin(), findings.end(), [&](const Finding& f) {
        return f.severity == severity && !f.suppressed();
    }));
}

int CheckReport::suppressed() const {
    return static_cast<int>(std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.suppressed(); }));
}

int CheckReport::exit_code() const {
    bool failed = std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.fails(); });
    return failed ? kExitViolations : kExitConformant;
}

namespace {

// Every rule of one environment on its input, in rule order.
std::vector<Finding> run_rules(const RuleInput& input, const std::string& environment) {
    using Rule = void (*)(const RuleInput&, Findings&);
    static const Rule rules[] = {
        check_coverage,        check_attachments,          check_over_permission, check_tier_over_permission,
        check_flows,           check_network_flags,        check_published_ports, check_name_claims,
        check_aliases,         check_network_mode,         check_contract_names,  check_docker_socket,
        check_links,           check_egress_deny,          check_flow_ports,      check_unset_variables,
    };
    constexpr std::size_t kRuleCount = std::size(rules);
    // The paths services open (MESH003) take as long as all the other rules together on a large
    // stack: they are checked on a second thread while the others are here. The rules only
    // read `input`, and each writes its own findings, joined in the rules' order, so the report
    // is the same as from one thread.
    const std::size_t alone = static_cast<std::size_t>(std::find(std::begin(rules), std::end(rules), check_over_permission) - rules);
    std::vector<Findings> out(kRuleCount, Findings(environment));
    std::vector<std::exception_ptr> failed(kRuleCount);
    auto run = [&](std::size_t i) {
        try {
            throw_if_cancelled();
            rules[i](input, out[i]);
        } catch (...) {
            failed[i] = std::current_exception();
        }
    };
    {
        std::future<void> second = std::async(std::launch::async, run, alone);
        for (std::size_t i = 0; i < kRuleCount; ++i) {
            if (i != alone) run(i);
        }
        second.get();
    }
    std::vector<Finding> findings;
    for (std::size_t i = 0; i < kRuleCount; ++i) {
        if (failed[i]) std::rethrow_exception(failed[i]);
        std::vector<Finding> more = out[i].take();
        findings.insert(findings.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    return findings;
}

// The inputs are many small allocations (a third of the rules' own time to free on a large
// stack): freed on a second thread while the findings are merged, suppressed and sorted.
class FreedAside {
public:
    FreedAside() = default;
    FreedAside(const FreedAside&) = delete;
    FreedAside& operator=(const FreedAside&) = delete;
    ~FreedAside() {
        if (freeing_.valid()) freeing_.wait();
    }

    void free(std::vector<std::unique_ptr<RuleInput>> inputs) {
        try {
            freeing_ = std::async(std::launch::async, [inputs = std::move(inputs)]() mutable { inputs.clear(); });
        } catch (const std::system_error&) {
            // No thread to be had: freed here, as `inputs` goes.
        }
    }

private:
    std::future<void> freeing_;
};

}  // namespace

std::vector<Finding> check_environment(const Contract& contract, const StackModel& model,
                                       const std::string& environment, const std::set<std::string>& defined_in_any_environment) {
    RuleInput input(contract, model);
    input.defined_in_any_environment = &defined_in_any_environment;
    return run_rules(input, environment);
}

std::vector<std::unique_ptr<RuleInput>> rule_inputs(const Contract& contract, const std::vector<EnvironmentModel>& models) {
    std::vector<std::unique_ptr<RuleInput>> inputs;
    for (const EnvironmentModel& environment : models) inputs.push_back(std::make_unique<RuleInput>(contract, environment.model));
    return inputs;
}

CheckReport check_contract(const Contract& contract, const std::vector<EnvironmentModel>& models) {
    return check_contract(contract, models, rule_inputs(contract, models));
}

CheckReport check_contract(const Contract& contract, const std::vector<EnvironmentModel>& models,
                           std::vector<std::unique_ptr<RuleInput>> inputs) {
    CheckReport report;
    report.contract = contract.path;
    Merger merger(report.findings);
    FreedAside freed;
    for (std::size_t i = 0; i < models.size(); ++i) {
        const EnvironmentModel& environment = models[i];
        report.environments.push_back(environment.name);
        inputs[i]->defined_in_any_environment = &environment.defined_in_any_environment;
        merger.add(run_rules(*inputs[i], environment.name));
    }
    freed.free(std::move(inputs));
    merger.add(compare_environments(contract, models));
    apply_suppressions(contract, report.findings);
    for (Finding& finding : report.findings) {
        if (finding.environments.empty()) finding.environments = report.environments;
    }
    sort_for_reading(report.findings);
    return report;
}

}  // namespace meshprobe
