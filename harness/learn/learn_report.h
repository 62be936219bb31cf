#pragma once
#include <functional>
#include <string>
#include <vector>

#include "learn/flow_table.h"

namespace meshprobe {

// Whether the contract allows a flow, as the one model answers it (docs/architecture.md,
// "Model"): `where` is the contract line that allows it (a flow's file:line) when one does.
struct Declaration {
    bool declared = false;
    std::string where;
    std::string reason;
};

// The model's answer for one learned flow (cli/learn_command.cpp asks the live topology).
using FlowJudge = std::function<Declaration(const SeenFlow&)>;

struct LearnedFlow {
    SeenFlow flow;
    Declaration declaration;
};

struct LearnReport {
    std::string project;
    std::string environment;
    long seconds = 0;        // how long it recorded
    bool interrupted = false;  // ended by Ctrl-C before --duration
    long overflows = 0;      // times the kernel dropped events: counts are lower bounds
    std::vector<LearnedFlow> flows;
};

// Each flow judged once.
std::vector<LearnedFlow> judge_flows(const std::vector<SeenFlow>& flows, const FlowJudge& judge);

std::string render_learn_text(const LearnReport& report);
std::string render_learn_json(const LearnReport& report);
std::string render_learn_markdown(const LearnReport& report);

}  // namespace meshprobe
