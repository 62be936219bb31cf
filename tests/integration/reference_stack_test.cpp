#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/docker_api.h"
#include "mesh_environment.h"
#include "meshprobe_cli.h"

using namespace meshtest;

namespace {

bool is_negative(const nlohmann::json& check) {
    std::string expected = check["expected"];
    return expected.rfind("blocked", 0) == 0 || expected == "NXDOMAIN";
}

}  // namespace

TEST(ReferenceStack, PassesEveryCheckAndLeavesNothingBehind) {
    std::string junit = std::filesystem::temp_directory_path() / "meshtest-junit.xml";
    Outcome outcome = run_standin("devonboarder", {"--junit", junit});
    EXPECT_EQ(outcome.exit_code, 0) << outcome.told();
    EXPECT_EQ(outcome.count("fail"), 0);
    EXPECT_EQ(outcome.count("error"), 0);
    EXPECT_GT(outcome.count("pass"), 200);
    EXPECT_TRUE(outcome.failing().empty());
    std::ifstream in(junit);
    std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(xml.find("<testsuite name=\"reach\""), std::string::npos);
    EXPECT_NE(xml.find("classname=\"meshprobe.egress\""), std::string::npos);
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

TEST(ReferenceStack, ProvesEveryNegativeCheckWithAPositiveControl) {
    Outcome outcome = run_standin("devonboarder");
    ASSERT_EQ(outcome.exit_code, 0) << outcome.told();
    int negatives = 0;
    for (const auto& check : outcome.report["checks"]) {
        if (!is_negative(check) || check["verdict"] != "pass") continue;
        ++negatives;
        EXPECT_TRUE(check["evidence"].contains("control")) << check.dump();
    }
    EXPECT_GT(negatives, 50);
}

// The static model and the engine agree on every path of the reference example, and the host
// firewall rule is part of the model: without it the data tier's host paths are predicted open.
TEST(ReferenceStack, EveryCheckIsPredictedAndTheModelAgreesWithTheEngine) {
    Outcome outcome = run_standin("devonboarder", {"--suite", "egress", "--suite", "reach", "--suite", "dns"});
    ASSERT_EQ(outcome.exit_code, 0) << outcome.told();
    EXPECT_EQ(outcome.report["summary"]["disagreements"], 0) << outcome.out;
    for (const auto& check : outcome.report["checks"]) {
        ASSERT_TRUE(check.contains("predicted")) << check.dump();
        EXPECT_TRUE(check["predicted"] == "reachable" || check["predicted"] == "blocked") << check.dump();
    }
    remove_host_firewall();
    Outcome open = run_standin("devonboarder", {"--suite", "egress"});
    apply_host_firewall();
    EXPECT_EQ(open.report["summary"]["disagreements"], 0) << open.out;
    for (const auto& check : open.report["checks"]) {
        if (check["id"] == "egress:data->gateway:data_tier") {
            EXPECT_EQ(check["predicted"], "reachable") << check.dump();
        }
    }
}

TEST(ReferenceStack, BlocksDataTierEgressToTheOutsideHostWhileTheApiTierReachesIt) {
    Outcome outcome = run_standin("devonboarder", {"--suite", "egress"});
    ASSERT_EQ(outcome.exit_code, 0) << outcome.told();
    std::map<std::string, std::string> verdicts;
    for (const auto& check : outcome.report["checks"]) verdicts[check["id"]] = check["verdict"];
    EXPECT_EQ(verdicts["egress:data->" + outside_target()], "pass");
    EXPECT_EQ(verdicts["egress:db->" + outside_target()], "pass");
    EXPECT_EQ(verdicts["egress:api->" + outside_target()], "pass");
    for (const auto& check : outcome.report["checks"]) {
        if (check["id"] == "egress:api->" + outside_target()) {
            EXPECT_EQ(check["expected"], "reachable (egress: allow)");
        }
        if (check["id"] == "egress:data->" + outside_target()) {
            EXPECT_EQ(check["expected"], "blocked (egress: deny)");
        }
    }
}

TEST(ReferenceStack, RunsFromItsOwnFolderWithARelativeContract) {
    Outcome outcome = run_meshprobe({"-q", "-c", "mesh.yaml", "run", "--standin", "--suite", "reach", "--suite", "dns"},
                                std::string(SOURCE_DIR) + "/fixtures/devonboarder");
    EXPECT_EQ(outcome.exit_code, 0) << outcome.told();
    EXPECT_GT(outcome.count("pass"), 100);
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

// On engine 20.10 an internal network still lets a container reach the host through its
// gateway; without the host-side rule the harness must say so.
TEST(ReferenceStack, FailsDataTierEgressToTheHostWithoutTheHostFirewallRule) {
    remove_host_firewall();
    Outcome outcome = run_standin("devonboarder", {"--suite", "egress"});
    apply_host_firewall();
    EXPECT_EQ(outcome.exit_code, 1) << outcome.told();
    std::set<std::string> failing = outcome.failing();
    EXPECT_TRUE(failing.count("egress:data->gateway:data_tier")) << ::testing::PrintToString(failing);
    EXPECT_TRUE(failing.count("egress:db->gateway:data_tier")) << ::testing::PrintToString(failing);
    for (const std::string& id : failing) {
        EXPECT_TRUE(id.rfind("egress:data->gateway:", 0) == 0 || id.rfind("egress:db->gateway:", 0) == 0) << id;
    }
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}

// --keep leaves the stand-ins up and removes only the probes; --no-up then probes that
// running stack as it is and leaves it running.
TEST(ReferenceStack, KeepLeavesTheStackUpForNoUpRuns) {
    Outcome kept = run_standin("devonboarder", {"--keep", "--suite", "reach"});
    EXPECT_EQ(kept.exit_code, 0) << kept.told();
    meshprobe::Docker docker;
    EXPECT_EQ(docker.list_containers({"com.docker.compose.project=devonboarder"}, false).size(), 8u);
    EXPECT_TRUE(docker.list_containers({"meshprobe.run"}, true).empty());

    Outcome again = run_meshprobe({"-q", "-c", std::string(SOURCE_DIR) + "/fixtures/devonboarder/mesh.yaml", "run",
                               "--no-up", "--egress-target", outside_target()});
    EXPECT_EQ(again.exit_code, 0) << again.told();
    EXPECT_GT(again.count("pass"), 200);
    EXPECT_EQ(docker.list_containers({"com.docker.compose.project=devonboarder"}, false).size(), 8u);

    shell("docker-compose -p devonboarder -f " SOURCE_DIR "/fixtures/devonboarder/docker-compose.yaml down -v");
    EXPECT_EQ(leftovers("devonboarder"), std::vector<std::string>{});
}
