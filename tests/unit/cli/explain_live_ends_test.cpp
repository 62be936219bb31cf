// `explain --live` with the host or an outside address as an end: judged on what the engine
// (a fake one) runs now, not on the compose files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/explain_command.h"
#include "compose_stack.h"
#include "live_small_stack.h"

using namespace meshprobe;
using ::testing::HasSubstr;

namespace {

// The small stack (web publishes 127.0.0.1:8080 and the contract allows it; no network is
// internal), of which the engine runs only db.
class ExplainLiveEnds : public meshprobe::testing::LiveSmallStack {
protected:
    void SetUp() override {
        meshprobe::testing::serve_stack(
            engine, {{"c1", "small-db-1", "db", 1, "running", "small_data", "172.32.0.4", "small"}}, "small_data", "data",
            "small");
    }

    // explain FROM TO as JSON, with --live or not; its exit code and answer.
    std::pair<int, nlohmann::json> explain(const std::string& from, const std::string& to, bool on_engine) {
        GlobalOptions global;
        global.contract = folder.path("mesh.yaml");
        global.docker_host = engine.docker_host();
        global.quiet = true;
        ExplainOptions options;
        options.from = from;
        options.to = to;
        options.format = "json";
        options.live = on_engine;
        ::testing::internal::CaptureStdout();
        const int code = explain_command(global, options, "meshprobe");
        return {code, nlohmann::json::parse(::testing::internal::GetCapturedStdout())};
    }

    meshprobe::testing::FakeEngine engine;
};

}  // namespace

TEST_F(ExplainLiveEnds, FromTheFilesTheHostReachesWhatTheyPublish) {
    const auto [code, answer] = explain("host", "web", false);
    EXPECT_EQ(code, 0) << answer.dump();
    EXPECT_EQ(answer["source"], "static");
    EXPECT_EQ(answer["paths"][0]["verdict"], "allowed");
}

TEST_F(ExplainLiveEnds, LiveTheHostReachesOnlyWhatTheEngineBoundNow) {
    const auto [code, answer] = explain("host", "web", true);  // web does not run: nothing is bound
    EXPECT_EQ(code, 1) << answer.dump();
    EXPECT_EQ(answer["source"], "live");
    EXPECT_EQ(answer["paths"][0]["verdict"], "broken");
    EXPECT_THAT(answer["paths"][0]["reason"].get<std::string>(), HasSubstr("web publishes no port"));
}

TEST_F(ExplainLiveEnds, LiveEgressIsCarriedOnlyByTheNetworksAttachedNow) {
    const auto [code, answer] = explain("api", "198.18.0.1:443", true);  // api does not run: on no network
    EXPECT_EQ(code, 1) << answer.dump();
    EXPECT_EQ(answer["source"], "live");
    EXPECT_EQ(answer["paths"][0]["verdict"], "broken");
    EXPECT_THAT(answer["paths"][0]["reason"].get<std::string>(), HasSubstr("no network of api leads outside"));
}

TEST_F(ExplainLiveEnds, FromTheFilesEgressLeadsOutThroughTheNetworksTheyAttach) {
    const auto [code, answer] = explain("api", "198.18.0.1:443", false);
    EXPECT_EQ(code, 0) << answer.dump();
    EXPECT_THAT(answer["paths"][0]["reason"].get<std::string>(), HasSubstr("back, data lead outside"));
}
