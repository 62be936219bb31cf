#include "composefile/network_reader.h"

#include <algorithm>
#include <string_view>

#include "composefile/yaml_values.h"

namespace meshprobe {
namespace {

constexpr std::string_view kNetworkFields[] = {"attachable", "driver", "driver_opts", "enable_ipv4", "enable_ipv6",
                                               "external", "internal", "ipam", "labels", "name"};

std::map<std::string, std::string> read_string_map(const YamlNode& node, const std::string& what) {
    std::map<std::string, std::string> result;
    if (node.is_null()) return result;
    expect_mapping(node, what);
    for (const auto& entry : node.entries) result[entry.key.scalar] = optional_text(&entry.value, what + " value");
    return result;
}

void read_ipam(const YamlNode& node, StackNetwork& network) {
    if (node.is_null()) return;
    expect_mapping(node, "ipam");
    network.ipam_driver = optional_text(node.find("driver"), "ipam driver");
    const YamlNode* config = node.find("config");
    if (!config || config->is_null()) return;
    if (!config->is_sequence()) fail_at(*config, "ipam config must be a list");
    for (const auto& item : config->items) {
        expect_mapping(item, "ipam config entry");
        network.ipam_pools.push_back({optional_text(item.find("subnet"), "subnet"),
                                      optional_text(item.find("ip_range"), "ip_range"),
                                      optional_text(item.find("gateway"), "gateway")});
    }
}

}  // namespace

NetworkDraft read_network(const YamlEntry& entry) {
    NetworkDraft draft;
    StackNetwork& network = draft.network;
    network.key = text_of(entry.key, "network name");
    network.where = entry.key.where();
    const YamlNode& body = entry.value;
    if (body.is_null()) return draft;
    expect_mapping(body, "network '" + network.key + "'");
    for (const auto& field : body.entries) {
        const std::string& key = field.key.scalar;
        if (key.rfind("x-", 0) == 0) continue;
        if (std::find(std::begin(kNetworkFields), std::end(kNetworkFields), key) == std::end(kNetworkFields)) {
            fail_at(field.key, "network '" + network.key + "' has an unknown field '" + key + "'");
        }
        draft.fields.insert(key);
    }
    network.name = optional_text(body.find("name"), "name");
    network.internal = flag_of(body.find("internal"), "internal");
    network.enable_ipv6 = flag_of(body.find("enable_ipv6"), "enable_ipv6");
    network.attachable = flag_of(body.find("attachable"), "attachable");
    network.driver = optional_text(body.find("driver"), "driver");
    if (const YamlNode* ipam = body.find("ipam")) read_ipam(*ipam, network);
    if (const YamlNode* opts = body.find("driver_opts")) network.driver_opts = read_string_map(*opts, "driver_opts");
    const YamlNode* external = body.find("external");
    if (external && external->is_mapping()) {
        // Legacy `external: {name: x}`.
        network.external = true;
        const std::string name = optional_text(external->find("name"), "external name");
        if (!name.empty()) {
            network.name = name;
            draft.fields.insert("name");
        }
    } else {
        network.external = flag_of(external, "external");
    }
    return draft;
}

}  // namespace meshprobe
