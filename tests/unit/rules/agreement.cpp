#include "agreement.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "policy/reachability.h"
#include "rules/check_run.h"
#include "topology/topology.h"

namespace meshprobe::testing {
namespace {

using Pair = std::pair<std::string, std::string>;

// What check says about pairs: MESH004's (client, target), MESH003's services and notes.
struct CheckAnswers {
    std::set<Pair> broken;
    std::set<std::string> over_permission;  // services of MESH003 errors about pairs
    std::set<std::string> reverse_noted;    // services of MESH003 notes

    explicit CheckAnswers(const std::vector<Finding>& findings) {
        for (const Finding& f : findings) {
            if (f.rule == "MESH004") {
                // "the contract lets CLIENT reach A, B (..."
                const std::string marker = " reach ";
                const std::size_t start = f.message.find(marker) + marker.size();
                std::string targets = f.message.substr(start, f.message.find(" (", start) - start);
                for (std::size_t at = 0; at != std::string::npos;) {
                    const std::size_t comma = targets.find(", ", at);
                    broken.emplace(f.service, targets.substr(at, comma == std::string::npos ? comma : comma - at));
                    at = comma == std::string::npos ? comma : comma + 2;
                }
            } else if (f.rule == "MESH003" && f.severity == Severity::note) {
                reverse_noted.insert(f.service);
            } else if (f.rule == "MESH003" && f.message.find("is open to every member of tier") == std::string::npos) {
                over_permission.insert(f.service);  // the tier's fresh member is no pair of services
            }
        }
    }

    std::string about(const Pair& pair) const {
        std::vector<std::string> out;
        if (broken.count(pair)) out.push_back("MESH004");
        if (over_permission.count(pair.first) || over_permission.count(pair.second)) out.push_back("MESH003 error");
        if (reverse_noted.count(pair.first)) out.push_back("MESH003 note");
        return out.empty() ? "nothing" : fmt::format("{}", fmt::join(out, " + "));
    }
};

// Per port: MESH003 is about services, MESH004 about pairs (any port of them).
bool check_agrees(const CheckAnswers& check, const Pair& pair, PathVerdict verdict, bool pair_broken) {
    if (check.broken.count(pair) != (pair_broken ? 1u : 0u)) return false;
    if (verdict == PathVerdict::forbidden)
        return check.over_permission.count(pair.first) || check.over_permission.count(pair.second);
    if (verdict == PathVerdict::reverse) return check.reverse_noted.count(pair.first) > 0;
    return true;
}

std::string port_text(const std::optional<int>& port) { return port ? std::to_string(*port) : "any"; }

}  // namespace

std::vector<std::string> disagreements(const Contract& contract, const StackModel& model,
                                       const std::string& environment) {
    const Topology topology = build_topology(contract, model, environment, PathForm::pairs);
    const CheckAnswers check(check_environment(contract, model, environment));
    const Reachability policy(contract, declared_ports(contract, model));
    std::map<std::tuple<std::string, std::string, std::optional<int>>, PathVerdict> model_says;
    std::set<std::string> in_forbidden_paths;
    for (const TopologyPath& path : topology.paths) {
        model_says[{path.from, path.to, path.port}] = path.verdict;
        if (path.verdict == PathVerdict::forbidden) {
            in_forbidden_paths.insert(path.from);
            in_forbidden_paths.insert(path.to);
        }
    }
    std::vector<std::string> out;
    for (const StackService& from : model.services) {
        for (const StackService& to : model.services) {
            if (&from == &to) continue;
            const Pair pair{from.name, to.name};
            std::set<std::optional<int>> ports;
            for (const auto& [key, verdict] : model_says) {
                if (std::get<0>(key) == from.name && std::get<1>(key) == to.name) ports.insert(std::get<2>(key));
            }
            for (const std::optional<int>& port : policy.judged_ports(to.name)) ports.insert(port);
            const bool pair_broken = std::any_of(ports.begin(), ports.end(), [&](const std::optional<int>& port) {
                auto known = model_says.find({from.name, to.name, port});
                return known != model_says.end() && known->second == PathVerdict::broken;
            });
            for (const std::optional<int>& port : ports) {
                auto known = model_says.find({from.name, to.name, port});
                const PathVerdict says = known == model_says.end() ? PathVerdict::blocked : known->second;
                std::optional<PathVerdict> explains;
                for (const TopologyPath& p : paths_between(contract, model, environment, from.name, to.name, port).paths) {
                    if (p.port == port) explains = p.verdict;
                }
                if (explains == says && check_agrees(check, pair, says, pair_broken)) continue;
                out.push_back(fmt::format("{} -> {}:{}: topology {}, explain {}, check {}", from.name, to.name,
                                          port_text(port), to_string(says), explains ? to_string(*explains) : "no answer",
                                          check.about(pair)));
            }
        }
    }
    for (const std::string& service : check.over_permission) {
        if (!in_forbidden_paths.count(service))
            out.push_back(fmt::format("check reports MESH003 at {}, which is in no forbidden path of the topology", service));
    }
    for (const Pair& pair : check.broken) {
        const bool broken_somewhere = std::any_of(topology.paths.begin(), topology.paths.end(), [&](const TopologyPath& p) {
            return p.from == pair.first && p.to == pair.second && p.verdict == PathVerdict::broken;
        });
        if (!broken_somewhere)
            out.push_back(fmt::format("check reports MESH004 for {} -> {}, which the topology does not call broken",
                                      pair.first, pair.second));
    }
    return out;
}

}  // namespace meshprobe::testing
