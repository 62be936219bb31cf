#include "learn/learned_contract.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace meshprobe {

void add_learned_flows(InferredContract& contract, const std::vector<SeenFlow>& seen, long seconds) {
    std::map<std::pair<std::string, std::string>, std::map<int, long>> pairs;  // ports and their counts
    for (const SeenFlow& flow : seen) {
        if (flow.to_kind != Peer::Kind::service) {
            contract.notes.push_back(
                fmt::format("{} connected to {}:{}/{} {} time(s) in {} s (learn): its tier must allow egress",
                            flow.from, flow.to, flow.port, flow.protocol, flow.connections, seconds));
        } else if (flow.from == flow.to) {
            // Replicas of one service reaching each other: one tier, which a flow cannot name twice.
            contract.notes.push_back(fmt::format("replicas of {} connected to each other on {}/{} (learn)", flow.from,
                                                 flow.port, flow.protocol));
        } else {
            pairs[{flow.from, flow.to}][flow.port] += flow.connections;
        }
    }
    for (const auto& [pair, ports] : pairs) {
        // Copies: clang before 16 cannot capture a structured binding in a lambda.
        const std::string from = pair.first;
        const std::string to = pair.second;
        auto known = std::find_if(contract.flows.begin(), contract.flows.end(),
                                  [&from, &to](const InferredFlow& f) { return f.from == from && f.to == to; });
        std::vector<int> learned;
        long connections = 0;
        for (const auto& [port, count] : ports) {
            learned.push_back(port);
            connections += count;
        }
        const std::string why = fmt::format("seen by learn: {} connection(s) in {} s", connections, seconds);
        if (known == contract.flows.end()) {
            contract.flows.push_back({from, to, learned, why});
            continue;
        }
        if (known->ports.empty()) continue;  // every port already
        bool added = false;
        for (int port : learned) {
            if (std::find(known->ports.begin(), known->ports.end(), port) != known->ports.end()) continue;
            known->ports.push_back(port);
            added = true;
        }
        if (added) {
            std::sort(known->ports.begin(), known->ports.end());
            known->why += (known->why.empty() ? "" : "; ") + why;
        }
    }
}

}  // namespace meshprobe
