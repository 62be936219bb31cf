#pragma once
#include <string>
#include <vector>

#include "core/errors.h"
#include "orchestrator/orchestrator.h"

namespace meshprobe::testing {

// An orchestrator that records what it is asked and answers as told: the seam seen from
// meshprobe's side, with no compose behind it.
class FakeOrchestrator final : public Orchestrator {
public:
    std::vector<ContainerInfo> running;  // what containers() finds
    std::string up_fails;                // up() throws InfraError with this, when set
    std::string down_says;               // what down() returns
    std::string ready_says;              // what wait_until_ready() returns
    int ups = 0;
    int downs = 0;
    bool standin_asked = false;

    std::string name() const override { return "fake"; }
    const std::string& project() const override { return project_; }
    StackModel render() const override { return {}; }
    std::string version() override { return "fake 1.0"; }
    void up(const StandinRequest* standin, const OrchestratorControl&) override {
        ++ups;
        standin_asked = standin != nullptr;
        if (!up_fails.empty()) throw InfraError(up_fails);
    }
    std::string down() override {
        ++downs;
        return down_says;
    }
    std::string down_command(bool with_volumes) const override { return with_volumes ? "fake down -v" : "fake down"; }
    std::string wait_until_ready(Docker&, std::chrono::seconds, const std::atomic<bool>&) const override {
        return ready_says;
    }
    LiveStack discover(Docker&, const ExternalNetworks&) const override { return {}; }
    std::vector<ContainerInfo> containers(Docker&, bool) const override { return running; }
    std::vector<NetworkInfo> networks(Docker&) const override { return {}; }
    std::optional<StackMember> member(const Labels&) const override { return std::nullopt; }
    std::string network_key(const Labels&) const override { return {}; }
    std::string stack_of(const Labels&) const override { return {}; }
    std::optional<StackChange> event(const std::string&) const override { return std::nullopt; }
    std::string attach_probe(const ProbeAttachment& attachment) const override { return "fake-net:" + attachment.target; }

private:
    std::string project_ = "shop";
};

}  // namespace meshprobe::testing
