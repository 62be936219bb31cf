#include "exec/probe_io.h"

#include <nlohmann/json.hpp>

#include "core/errors.h"

namespace meshprobe {

std::string plan_json(const Vantage& vantage, int timeout_ms) {
    nlohmann::json checks = nlohmann::json::array();
    for (const Task& task : vantage.tasks) {
        if (task.kind == Task::Kind::dns) {
            checks.push_back({{"key", task.key}, {"kind", "dns"}, {"name", task.host}});
        } else {
            checks.push_back({{"key", task.key}, {"kind", "tcp"}, {"host", task.host}, {"port", task.port}});
        }
    }
    // A greeting arrives at once from a stand-in or the sentinel; a real application may
    // never send one, and the wait for it must not cost a whole timeout.
    int banner_ms = std::min(250, timeout_ms / 2);
    return nlohmann::json{{"timeout_ms", timeout_ms}, {"banner_ms", banner_ms}, {"checks", checks}}.dump();
}

std::map<std::string, ProbeResult> parse_probe_output(const std::string& stdout_text) {
    std::map<std::string, ProbeResult> out;
    try {
        nlohmann::json doc = nlohmann::json::parse(stdout_text);
        for (const auto& item : doc.at("results")) {
            ProbeResult r;
            r.status = item.at("status").get<std::string>();
            r.ms = item.value("ms", 0.0);
            r.address = item.value("address", "");
            r.banner = item.value("banner", "");
            r.detail = item.value("detail", "");
            if (item.contains("addresses")) r.addresses = item["addresses"].get<std::vector<std::string>>();
            out[item.at("key").get<std::string>()] = r;
        }
    } catch (const nlohmann::json::exception& e) {
        std::string head = stdout_text.substr(0, 200);
        throw InfraError("the probe's output is not valid: " + std::string(e.what()) + " (output began: " + head + ")");
    }
    return out;
}

}  // namespace meshprobe
