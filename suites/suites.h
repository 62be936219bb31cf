#pragma once
#include <optional>
#include <string>
#include <vector>

#include "contract/contract.h"
#include "live/stack.h"
#include "probeplan/probe_plan.h"
#include "policy/reachability.h"
#include "topology/prediction.h"

namespace meshprobe {

// A service the compose files (or only the contract) define, as the run must find it.
struct ExpectedService {
    std::string name;
    int replicas = 1;                // `deploy.replicas` / `scale`
    std::string network_mode;        // compose's: "", "none", "host", "service:x", ...
    bool defined = true;             // false: only the contract names it
    std::string inactive_profile;    // set: compose defines it under a profile not active here
    std::string elsewhere;           // set: only this environment's files define it, not these
};

// Everything a suite needs to plan its checks.
struct SuiteContext {
    const Contract& contract;
    const LiveStack& stack;
    const Reachability& policy;
    int sentinel_port = 0;                     // the host listener for egress checks
    std::vector<EgressTarget> egress_targets;  // contract's plus command line's
    std::vector<ExpectedService> expected;     // what the stack suite requires to be running
    const Prediction& prediction;              // what the running stack's model says the engine will do
    EgressOutside outside{};                   // meshprobe's own outside host, if it made one
};

// Every expected service is running (and healthy) before any path is judged: a service the
// run cannot see is a failed check `stack:<service>`.
void plan_stack(const SuiteContext& context, Plan& plan);
// Each suite adds its vantages, tasks and checks to the plan (docs/runtime.md).
void plan_dns(const SuiteContext& context, Plan& plan);
void plan_reach(const SuiteContext& context, Plan& plan);
void plan_isolation(const SuiteContext& context, Plan& plan);
void plan_egress(const SuiteContext& context, Plan& plan);
void plan_ports(const SuiteContext& context, Plan& plan);
// Every service connects to its own addresses: the positive control of last resort, which
// proves a target listens even when no other vantage may reach it.
void plan_self_controls(const SuiteContext& context, Plan& plan);
// One path of the reach suite, from one replica's namespace to one port of another service,
// and the control that proves a service listens on these ports (what `explain --live` probes).
void plan_path(const SuiteContext& context, Plan& plan, const LiveService& from, const LiveService& to, int port);
void plan_self_control(const SuiteContext& context, Plan& plan, const LiveService& service, const std::vector<int>& ports);

// Turns probe results into verdicts; a negative verdict needs its positive control.
std::vector<Check> judge(const Plan& plan, const Results& results);

// Who answered, from a stand-in's or the sentinel's greeting; empty when unknown.
std::string answered_by(const std::string& banner);

}  // namespace meshprobe
