#include "exec/probe_io.h"

#include "core/errors.h"
#include "probes/plan.h"
#include "probes/result.h"

namespace meshprobe {

std::string plan_json(const Vantage& vantage, int timeout_ms) {
    probe::Plan plan;
    plan.timeout = std::chrono::milliseconds(timeout_ms);
    // A greeting arrives at once from a stand-in or the sentinel; a real application may
    // never send one, and the wait for it must not cost a whole timeout.
    plan.banner = std::chrono::milliseconds(std::min(250, timeout_ms / 2));
    for (const Task& task : vantage.tasks) {
        probe::Check check;
        check.key = task.key;
        if (task.kind == Task::Kind::dns) {
            check.kind = probe::CheckKind::dns;
            check.name = task.host;
        } else {
            check.kind = probe::CheckKind::tcp;
            check.host = task.host;
            check.port = task.port;
        }
        plan.checks.push_back(std::move(check));
    }
    return probe::to_json(plan).dump();
}

std::map<std::string, probe::CheckResult> parse_probe_output(const std::string& stdout_text) {
    std::map<std::string, probe::CheckResult> out;
    try {
        for (probe::CheckResult& r : probe::parse_results(stdout_text)) {
            std::string key = r.key;
            out[key] = std::move(r);
        }
    } catch (const probe::ResultsError& e) {
        std::string head = stdout_text.substr(0, 200);
        throw InfraError("the probe's output is not valid: " + std::string(e.what()) + " (output began: " + head + ")");
    }
    return out;
}

}  // namespace meshprobe
