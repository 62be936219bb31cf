#include <algorithm>
#include <set>
#include <fmt/format.h>

#include "suites/suites.h"
#include "suites/vantages.h"

namespace meshprobe {
namespace {

const std::string kStandin = "meshprobe-standin ";
const std::string kSentinel = "meshprobe-sentinel";
const std::string kOutside = "meshprobe-outside";

// Why a path that answered should not have: the planner's note, else the rule it breaks.
const std::string& why_forbidden(const PlannedCheck& planned) {
    return planned.note.empty() ? planned.forbidden_by : planned.note;
}

struct Outcome {
    const Vantage* vantage = nullptr;
    const Task* task = nullptr;
    const probe::CheckResult* result = nullptr;
};

// A connect counts only when the right party answered; an unknown banner (a real
// application) is given the benefit of the doubt.
bool answered_right(const Task& task, const probe::CheckResult& result) {
    if (result.status != probe::Status::connected) return false;
    std::string who = answered_by(result.banner.value_or(""));
    return task.owner.empty() || who.empty() || who == task.owner;
}

bool succeeded(const Task& task, const probe::CheckResult& result) {
    return task.kind == Task::Kind::dns ? result.status == probe::Status::resolved : answered_right(task, result);
}

std::map<std::string, std::string> proofs(const Plan& plan, const Results& results) {
    std::map<std::string, std::string> out;
    for (std::size_t v = 0; v < plan.vantages.size(); ++v) {
        auto found = results.find(v);
        if (found == results.end()) continue;
        for (const Task& task : plan.vantages[v].tasks) {
            auto result = found->second.find(task.key);
            if (result == found->second.end() || !succeeded(task, result->second)) continue;
            for (const std::string& key : task.proves) {
                out.emplace(key, fmt::format("{} reached {}{}", plan.vantages[v].name, task.host,
                                             task.port ? ":" + std::to_string(task.port) : ""));
            }
        }
    }
    return out;
}

// Engine 26's embedded DNS answers SERVFAIL for a name it does not know where 20.10 stayed
// silent; c-ares reports that (after trying every server) as one of these.
bool resolver_refused(const probe::CheckResult& r) {
    if (r.status != probe::Status::error) return false;
    for (const char* text : {"Could not contact DNS servers", "DNS server returned general failure",
                             "DNS server refused query"}) {
        if (r.detail.find(text) != std::string::npos) return true;
    }
    return false;
}

// The vantages whose resolver answered some name in this run: there, a refusal means "no
// such name", not a broken resolver.
std::set<std::size_t> answering_resolvers(const Plan& plan, const Results& results) {
    std::set<std::size_t> out;
    for (std::size_t v = 0; v < plan.vantages.size(); ++v) {
        auto found = results.find(v);
        if (found == results.end()) continue;
        for (const Task& task : plan.vantages[v].tasks) {
            auto result = found->second.find(task.key);
            if (task.kind == Task::Kind::dns && result != found->second.end() && result->second.status == probe::Status::resolved) {
                out.insert(v);
                break;
            }
        }
    }
    return out;
}

std::string describe(const Task& task, const probe::CheckResult& r) {
    std::string target = task.kind == Task::Kind::dns ? task.host : fmt::format("{}:{}", task.host, task.port);
    if (r.status == probe::Status::connected) {
        std::string who = answered_by(r.banner.value_or(""));
        return fmt::format("connected to {}{}{} in {:.1f} ms", target,
                           r.address.empty() || r.address == task.host ? "" : " (" + r.address + ")",
                           who.empty() ? "" : ", answered by " + who, r.ms);
    }
    if (r.status == probe::Status::resolved) {
        std::string answers;
        for (const auto& a : r.addresses) answers += (answers.empty() ? "" : ", ") + a;
        return fmt::format("{} resolves to {}", target, answers);
    }
    if (r.status == probe::Status::timeout) return fmt::format("{}: timeout after {:.0f} ms", target, r.ms);
    if (r.status == probe::Status::nxdomain) return target + ": NXDOMAIN";
    return fmt::format("{}: {}{}", target, probe::to_string(r.status), r.detail.empty() ? "" : " (" + r.detail + ")");
}

nlohmann::json evidence_of(const Outcome& o) {
    nlohmann::json e{{"vantage", o.vantage->name}, {"target", o.task->host}};
    if (o.task->port) e["port"] = o.task->port;
    if (!o.result) {
        e["status"] = "missing";
        return e;
    }
    e["status"] = probe::to_string(o.result->status);
    e["ms"] = o.result->ms;
    if (!o.result->address.empty()) e["address"] = o.result->address;
    if (!o.result->addresses.empty()) e["answers"] = o.result->addresses;
    if (o.result->banner && !o.result->banner->empty()) e["banner"] = *o.result->banner;
    if (!o.result->detail.empty()) e["detail"] = o.result->detail;
    return e;
}

class Judge {
public:
    Judge(const Plan& plan, const Results& results)
        : plan_(plan), results_(results), proofs_(proofs(plan, results)), resolvers_(answering_resolvers(plan, results)) {}

    Check operator()(const PlannedCheck& planned) const {
        Check check = planned.check;
        std::vector<Outcome> outcomes = outcomes_of(planned);
        for (const Outcome& o : outcomes) check.evidence["probes"].push_back(evidence_of(o));
        for (const Outcome& o : outcomes) check.seconds = std::max(check.seconds, o.result ? o.result->ms / 1000 : 0);

        auto missing = std::find_if(outcomes.begin(), outcomes.end(), [](const Outcome& o) { return !o.result; });
        if (missing != outcomes.end()) {
            return finish(check, Verdict::error, "no result from the probe at " + missing->vantage->name);
        }
        check.seen = seen_of(planned, outcomes);
        switch (planned.check.want) {
            case Want::reachable: return reachable(planned, check, outcomes);
            case Want::blocked: return blocked(planned, check, outcomes);
            case Want::either:
                return outcomes.front().task->kind == Task::Kind::dns ? resolution(planned, check, outcomes)
                                                                       : blocked(planned, check, outcomes);
            case Want::resolves:
            case Want::nxdomain: return resolution(planned, check, outcomes);
            case Want::verdict: return decided(planned, check, outcomes);
        }
        return check;
    }

private:
    // A timeout, NXDOMAIN, or a refusal from a resolver that answered other names in this run:
    // how "nothing there" looks (see resolution()).
    bool name_absent(const PlannedCheck& planned, const probe::CheckResult& r) const {
        bool refused = resolver_refused(r) && resolvers_.count(planned.tasks.front().vantage) > 0;
        return r.status == probe::Status::nxdomain || r.status == probe::Status::timeout || refused;
    }

    // What the probes saw of the network, whatever the contract wants: reachable when one got
    // through (a refused connect got through too: something answered), blocked when every one
    // timed out, found no route or no such name, unknown when a probe failed.
    Reach seen_of(const PlannedCheck& planned, const std::vector<Outcome>& outcomes) const {
        if (outcomes.empty()) return Reach::unknown;
        bool blocked = true;
        for (const Outcome& o : outcomes) {
            const probe::Status status = o.result->status;
            if (status == probe::Status::connected || status == probe::Status::refused || status == probe::Status::resolved) return Reach::reachable;
            bool absent = status == probe::Status::unreachable || status == probe::Status::unresolved || name_absent(planned, *o.result);
            blocked = blocked && absent;
        }
        return blocked ? Reach::blocked : Reach::unknown;
    }

    std::vector<Outcome> outcomes_of(const PlannedCheck& planned) const {
        std::vector<Outcome> out;
        for (const TaskRef& ref : planned.tasks) {
            const Vantage& vantage = plan_.vantages[ref.vantage];
            auto task = std::find_if(vantage.tasks.begin(), vantage.tasks.end(),
                                     [&](const Task& t) { return t.key == ref.key; });
            Outcome o{&vantage, &*task, nullptr};
            if (auto v = results_.find(ref.vantage); v != results_.end()) {
                if (auto r = v->second.find(ref.key); r != v->second.end()) o.result = &r->second;
            }
            out.push_back(o);
        }
        return out;
    }

    static Check finish(Check& check, Verdict verdict, const std::string& observed) {
        check.verdict = verdict;
        if (!observed.empty()) check.observed = observed;
        return check;
    }

    static std::string joined(const std::vector<Outcome>& outcomes) {
        std::string out;
        for (const Outcome& o : outcomes) out += (out.empty() ? "" : "; ") + describe(*o.task, *o.result);
        return out;
    }

    // A negative outcome stands only on proven targets (docs/runtime.md).
    bool controlled(const PlannedCheck& planned, Check& check) const {
        for (const std::string& key : planned.controls) {
            auto proof = proofs_.find(key);
            if (proof == proofs_.end()) {
                check.evidence["control"] = "none: nothing in this run reached " + key.substr(key.find(':') + 1);
                return false;
            }
            check.evidence["control"].push_back(proof->second);
        }
        return true;
    }

    // A reachable path answers at every address it was tried on: IPv4 and IPv6, every replica.
    Check reachable(const PlannedCheck&, Check& check, const std::vector<Outcome>& outcomes) const {
        for (const Outcome& o : outcomes) {
            if (!answered_right(*o.task, *o.result)) {
                return finish(check, Verdict::fail,
                              outcomes.size() == 1 ? joined(outcomes) : "not at every address: " + joined(outcomes));
            }
        }
        return finish(check, Verdict::pass, joined(outcomes));
    }

    Check blocked(const PlannedCheck& planned, Check& check, const std::vector<Outcome>& outcomes) const {
        for (const Outcome& o : outcomes) {
            if (o.result->status != probe::Status::connected) continue;
            if (planned.check.want == Want::either) {
                check.note = planned.note;
                return finish(check, Verdict::pass, describe(*o.task, *o.result));
            }
            return finish(check, Verdict::fail, describe(*o.task, *o.result) + ": " + why_forbidden(planned));
        }
        if (planned.check.want == Want::either) return finish(check, Verdict::pass, joined(outcomes));
        if (!controlled(planned, check)) return finish(check, Verdict::error, "inconclusive: " + joined(outcomes));
        return finish(check, Verdict::pass, joined(outcomes));
    }

    Check resolution(const PlannedCheck& planned, Check& check, const std::vector<Outcome>& outcomes) const {
        const probe::CheckResult& r = *outcomes.front().result;
        std::string seen = describe(*outcomes.front().task, r);
        if (r.status == probe::Status::resolved) {
            for (const std::string& answer : r.addresses) {
                bool owned = std::find(planned.owner_ips.begin(), planned.owner_ips.end(), answer) != planned.owner_ips.end();
                if (!owned) {
                    return finish(check, Verdict::fail,
                                  seen + ": " + answer + " is not " + planned.owner + "'s (spoofed or stale answer)");
                }
            }
            if (planned.check.want == Want::resolves) return finish(check, Verdict::pass, seen);
            if (planned.check.want == Want::either) {
                check.note = planned.note;
                return finish(check, Verdict::pass, seen);
            }
            return finish(check, Verdict::fail, seen + ": " + why_forbidden(planned));
        }
        // Docker's DNS forwards a name it does not know upstream; with no upstream to answer
        // (internal networks, stand-ins) silence is how "no such name" looks on engine 20.10,
        // and SERVFAIL on engine 26, where the same resolver answered other names.
        if (!name_absent(planned, r)) return finish(check, Verdict::error, seen);
        if (planned.check.want == Want::resolves) return finish(check, Verdict::fail, seen);
        if (planned.check.want == Want::nxdomain && !controlled(planned, check)) {
            return finish(check, Verdict::error, "inconclusive: " + seen);
        }
        return finish(check, Verdict::pass, seen);
    }

    Check decided(const PlannedCheck& planned, Check& check, const std::vector<Outcome>& outcomes) const {
        if (planned.decided == Verdict::pass) {
            for (const Outcome& o : outcomes) {
                if (!answered_right(*o.task, *o.result)) {
                    return finish(check, Verdict::fail, check.observed + ", but " + describe(*o.task, *o.result));
                }
            }
        }
        return finish(check, planned.decided, "");
    }

    const Plan& plan_;
    const Results& results_;
    std::map<std::string, std::string> proofs_;
    std::set<std::size_t> resolvers_;
};

}  // namespace

std::string answered_by(const std::string& banner) {
    if (banner.rfind(kStandin, 0) == 0) {
        std::string who = banner.substr(kStandin.size());
        while (!who.empty() && (who.back() == '\n' || who.back() == '\r' || who.back() == ' ')) who.pop_back();
        return who;
    }
    if (banner.rfind(kSentinel, 0) == 0) return "sentinel";
    if (banner.rfind(kOutside, 0) == 0) return "outside";
    return {};
}

std::vector<Check> judge(const Plan& plan, const Results& results) {
    Judge one(plan, results);
    std::vector<Check> out;
    out.reserve(plan.checks.size());
    for (const PlannedCheck& planned : plan.checks) out.push_back(one(planned));
    return out;
}

}  // namespace meshprobe
