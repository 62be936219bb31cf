#pragma once
#include <memory>

#include "compose/compose_runner.h"
#include "orchestrator/orchestrator.h"

namespace meshprobe {

// Docker Compose (v2 plugin or v1) as meshprobe's orchestrator: `docker compose` brings the
// stack up and down, and the labels compose puts on what it creates (com.docker.compose.*)
// say what belongs to the project. The only place that spells those labels.
class ComposeOrchestrator final : public Orchestrator {
public:
    // `project`: the files, profiles and engine compose is run with (project/model_source.h
    // makes it from the contract's environment).
    explicit ComposeOrchestrator(ComposeProject project);

    std::string name() const override { return "compose"; }
    const std::string& project() const override { return project_.name; }
    StackModel render() const override;
    std::string version() override;
    void up(const StandinRequest* standin, const OrchestratorControl& control) override;
    std::string down() override;
    std::string down_command(bool with_volumes) const override;
    std::string wait_until_ready(Docker& docker, std::chrono::seconds limit,
                                 const std::atomic<bool>& cancel) const override;
    LiveStack discover(Docker& docker, const ExternalNetworks& external) const override;
    std::vector<ContainerInfo> containers(Docker& docker, bool all) const override;
    std::vector<NetworkInfo> networks(Docker& docker) const override;
    std::optional<StackMember> member(const Labels& labels) const override;
    std::string network_key(const Labels& labels) const override;
    std::string stack_of(const Labels& labels) const override;
    std::optional<StackChange> event(const std::string& line) const override;
    std::string attach_probe(const ProbeAttachment& attachment) const override;

private:
    ComposeProject project_;
    std::unique_ptr<ComposeRunner> runner_;  // set once up() ran compose: what down() takes down
};

}  // namespace meshprobe
