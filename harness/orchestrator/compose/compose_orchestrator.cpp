#include "orchestrator/compose/compose_orchestrator.h"

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "exec/discovery.h"
#include "exec/stack_wait.h"
#include "project/model_source.h"

namespace meshprobe {
namespace {

// What compose (v1 and v2) writes on every container and network of a project.
const std::string kProject = "com.docker.compose.project";
const std::string kService = "com.docker.compose.service";
const std::string kNetwork = "com.docker.compose.network";
const std::string kNumber = "com.docker.compose.container-number";
const std::string kOneoff = "com.docker.compose.oneoff";

std::string label(const Labels& labels, const std::string& key) {
    auto it = labels.find(key);
    return it == labels.end() ? std::string{} : it->second;
}

int number_of(const Labels& labels) {
    try {
        return std::stoi(label(labels, kNumber));
    } catch (...) {
        return 0;
    }
}

}  // namespace

ComposeOrchestrator::ComposeOrchestrator(ComposeProject project) : project_(std::move(project)) {}

StackModel ComposeOrchestrator::render() const { return compose_file_source()(project_); }

std::string ComposeOrchestrator::version() { return "compose " + ComposeRunner(project_).flavour(); }

void ComposeOrchestrator::up(const StandinRequest* standin, const OrchestratorControl& control) {
    ComposeProject up = project_;
    if (standin) {
        std::string file = standin->folder + "/docker-compose.standin.yaml";
        std::ofstream(file) << render_standin_compose(standin->declared, standin->options);
        up.files = {file};
        up.env_files.clear();  // the model is interpolated already
        up.profiles.clear();  // and holds only the active services
    }
    // Set before compose runs: a stack that came up halfway is taken down too.
    runner_ = std::make_unique<ComposeRunner>(up, ComposeRunnerOptions{control.cancel, control.up_timeout, control.log});
    runner_->up();
}

std::string ComposeOrchestrator::down() { return runner_ ? runner_->down() : std::string{}; }

std::string ComposeOrchestrator::down_command(bool with_volumes) const {
    ComposeRunner runner = runner_ ? *runner_ : ComposeRunner(project_);
    return runner.command_line(with_volumes ? std::vector<std::string>{"down", "-v"} : std::vector<std::string>{"down"});
}

std::string ComposeOrchestrator::wait_until_ready(Docker& docker, std::chrono::seconds limit,
                                                  const std::atomic<bool>& cancel) const {
    return wait_for_stack(docker, *this, limit, cancel);
}

LiveStack ComposeOrchestrator::discover(Docker& docker, const ExternalNetworks& external) const {
    return discover_stack(docker, *this, external);
}

std::vector<ContainerInfo> ComposeOrchestrator::containers(Docker& docker, bool all) const {
    return docker.list_containers({kProject + "=" + project_.name}, all);
}

std::vector<NetworkInfo> ComposeOrchestrator::networks(Docker& docker) const {
    return docker.list_networks({kProject + "=" + project_.name});
}

std::optional<StackMember> ComposeOrchestrator::member(const Labels& labels) const {
    if (label(labels, kProject) != project_.name) return std::nullopt;
    std::string service = label(labels, kService);
    if (service.empty()) return std::nullopt;
    return StackMember{std::move(service), number_of(labels), label(labels, kOneoff) == "True"};
}

std::string ComposeOrchestrator::network_key(const Labels& labels) const { return label(labels, kNetwork); }

std::string ComposeOrchestrator::stack_of(const Labels& labels) const { return label(labels, kProject); }

std::optional<StackChange> ComposeOrchestrator::event(const std::string& line) const {
    const nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
    if (!event.is_object()) return std::nullopt;
    const std::string type = event.value("Type", "");
    const std::string action = event.value("Action", event.value("status", ""));
    const nlohmann::json attributes = event.contains("Actor") ? event["Actor"].value("Attributes", nlohmann::json::object())
                                                              : nlohmann::json::object();
    auto attribute = [&](const std::string& name) {
        return attributes.contains(name) && attributes[name].is_string() ? attributes[name].get<std::string>() : "";
    };
    // The event names the container by id only, so the judgement, not this filter, decides
    // whose it is.
    if (type == "network" && (action == "connect" || action == "disconnect")) {
        return StackChange{fmt::format("network {} {}", attribute("name"), action), false};
    }
    if (type != "container" || attribute(kProject) != project_.name) return std::nullopt;
    for (const char* wanted : {"start", "die", "stop", "restart", "kill", "pause", "unpause", "destroy", "health_status"}) {
        if (action.rfind(wanted, 0) == 0) return StackChange{fmt::format("{} {}", attribute(kService), action), true};
    }
    return std::nullopt;
}

std::string ComposeOrchestrator::attach_probe(const ProbeAttachment& attachment) const {
    return engine_network_mode(attachment);
}

}  // namespace meshprobe
