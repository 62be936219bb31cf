#include "topology_view.h"

#include <algorithm>
#include <set>
#include <vector>

namespace meshprobe::testing {
namespace {

std::set<std::string> port_lines(const StackService& service) {
    std::set<std::string> lines;
    for (const auto& port : service.ports) {
        const int count = port.container_port_end - port.container_port + 1;
        for (int i = 0; i < count; ++i) {
            const int host = port.host_port == 0 ? 0 : port.host_port + i;
            lines.insert("  port " + port.host_ip + ":" + std::to_string(host) + "->" +
                         std::to_string(port.container_port + i) + "/" + port.protocol);
        }
    }
    return lines;
}

}  // namespace

std::string topology_view(const StackModel& model, const std::string& project) {
    std::vector<std::string> blocks;
    std::set<std::string> joined;
    if (!project.empty()) blocks.push_back("project " + project + "\n");
    for (const auto& service : model.services) {
        std::string block = "service " + service.name + "\n";
        if (!service.network_mode.empty()) block += "  network_mode " + service.network_mode + "\n";
        std::set<std::string> networks;
        for (const auto& attachment : service.networks) {
            std::vector<std::string> aliases = attachment.aliases;
            std::sort(aliases.begin(), aliases.end());
            aliases.erase(std::unique(aliases.begin(), aliases.end()), aliases.end());
            std::string line = "  network " + attachment.network;
            joined.insert(attachment.network);
            const StackNetwork* network = project.empty() ? nullptr : model.find_network(attachment.network);
            if (network) line += " name=" + network->engine_name(project);
            for (const auto& alias : aliases) line += " alias=" + alias;
            networks.insert(line);
        }
        for (const auto& line : networks) block += line + "\n";
        for (const auto& line : port_lines(service)) block += line + "\n";
        blocks.push_back(block);
    }
    for (const auto& network : model.networks) {
        if (!project.empty() && !joined.count(network.key)) continue;
        blocks.push_back("network " + network.key + (network.internal ? " internal" : "") +
                         (network.external ? " external" : "") + "\n");
    }
    std::sort(blocks.begin(), blocks.end());
    std::string text;
    for (const auto& block : blocks) text += block;
    return text;
}

}  // namespace meshprobe::testing
