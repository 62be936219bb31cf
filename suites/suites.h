#pragma once
#include <string>
#include <vector>

#include "contract/contract.h"
#include "plan/stack.h"
#include "suites/plan.h"
#include "suites/policy.h"

namespace meshprobe {

// Everything a suite needs to plan its checks.
struct SuiteContext {
    const Contract& contract;
    const LiveStack& stack;
    const Reachability& policy;
    int sentinel_port = 0;                     // the host listener for egress checks
    std::vector<EgressTarget> egress_targets;  // contract's plus command line's
};

// Each suite adds its vantages, tasks and checks to the plan (SPEC section 5).
void plan_dns(const SuiteContext& context, Plan& plan);
void plan_reach(const SuiteContext& context, Plan& plan);
void plan_isolation(const SuiteContext& context, Plan& plan);
void plan_egress(const SuiteContext& context, Plan& plan);
void plan_ports(const SuiteContext& context, Plan& plan);
// Every service connects to its own addresses: the positive control of last resort, which
// proves a target listens even when no other vantage may reach it.
void plan_self_controls(const SuiteContext& context, Plan& plan);

// Turns probe results into verdicts; a negative verdict needs its positive control.
std::vector<Check> judge(const Plan& plan, const Results& results);

// Who answered, from a stand-in's or the sentinel's greeting; empty when unknown.
std::string answered_by(const std::string& banner);

}  // namespace meshprobe
