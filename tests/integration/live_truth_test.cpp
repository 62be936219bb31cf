// What the engine runs, not what the files say (issue 19): egress to an address outside the
// host is tried even without --egress-target, a container no compose file declares on the
// stack's networks fails the run, the report names the container that answered for each
// service, and `clean` removes the outside host a killed `audit --lan-probe` left.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/docker_api.h"
#include "mesh_environment.h"
#include "meshprobe_cli.h"

using namespace meshtest;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

namespace {

namespace fs = std::filesystem;

const nlohmann::json* find_check(const Outcome& outcome, const std::string& id) {
    for (const auto& check : outcome.report["checks"]) {
        if (check["id"] == id) return &check;
    }
    return nullptr;
}

std::string fixture(const std::string& name) { return std::string(SOURCE_DIR) + "/fixtures/" + name + "/mesh.yaml"; }

// The names under /run/netns and /sys/class/net that meshprobe's outside hosts take.
std::vector<std::string> outside_hosts() {
    std::vector<std::string> found;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator("/run/netns", error)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("meshprobe-lan-", 0) == 0 || name.rfind("meshprobe-out-", 0) == 0) found.push_back("netns " + name);
    }
    for (const auto& entry : fs::directory_iterator("/sys/class/net", error)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("mpl", 0) == 0 || name.rfind("mpo", 0) == 0) found.push_back("link " + name);
    }
    return found;
}

}  // namespace

// F1: a data tier on a network that is not internal, `egress: deny`: without --egress-target
// the run makes its own outside host, and db reaching it fails the run.
TEST(OwnOutsideHost, ADataTierThatIsNotInternalFailsItsEgressToTheOutside) {
    Outcome outcome = run_meshprobe({"-q", "-c", fixture("open-data"), "run", "--standin"});
    EXPECT_EQ(outcome.exit_code, 1) << outcome.told();
    for (const char* id : {"egress:data->outside", "egress:db->outside"}) {
        const nlohmann::json* check = find_check(outcome, id);
        ASSERT_NE(check, nullptr) << id << "\n" << outcome.told();
        EXPECT_EQ(check->at("verdict"), "fail") << check->dump();
        EXPECT_THAT(check->at("observed").get<std::string>(), HasSubstr("answered by outside")) << check->dump();
    }
    const nlohmann::json* control = find_check(outcome, "egress:front->outside");
    ASSERT_NE(control, nullptr) << outcome.told();
    EXPECT_EQ(control->at("verdict"), "pass") << control->dump();
    EXPECT_EQ(leftovers("meshtest-open-data"), std::vector<std::string>{});
    EXPECT_EQ(outside_hosts(), std::vector<std::string>{});
}

namespace {

// The lonely stack kept on stand-ins, and a container of no compose file attached to both of
// its tier networks: a bridge between the tiers that no compose file declares.
class Stranger : public ::testing::Test {
protected:
    static constexpr const char* kName = "meshtest-lonely-stranger";

    static void SetUpTestSuite() {
        kept_ = new Outcome(run_meshprobe({"-q", "-c", fixture("lonely"), "run", "--standin", "--keep", "--egress-target",
                                           outside_target()}));
        meshprobe::Docker docker;
        std::string image;
        for (const auto& c : docker.list_containers({"com.docker.compose.project=meshtest-lonely"}, false)) image = c.image;
        std::vector<std::string> networks;
        for (const auto& n : docker.list_networks({"com.docker.compose.project=meshtest-lonely"})) networks.push_back(n.name);
        if (image.empty() || networks.size() != 2) return;  // the tests say what is missing
        shell("docker run -d --name " + std::string(kName) + " --network " + networks[0] + " " + image +
              " serve --name stranger --port 7000 >/dev/null");
        shell("docker network connect " + networks[1] + " " + kName);
    }
    static void TearDownTestSuite() {
        shell("docker rm -f " + std::string(kName) + " meshtest-lonely-disguised >/dev/null 2>&1");
        shell("docker rmi meshtest-disguise:1 >/dev/null 2>&1");
        run_meshprobe({"-q", "-c", fixture("lonely"), "clean"});
        delete kept_;
        kept_ = nullptr;
    }
    static const Outcome& kept() { return *kept_; }

private:
    static Outcome* kept_;
};

Outcome* Stranger::kept_ = nullptr;

}  // namespace

TEST_F(Stranger, TheReportNamesTheContainerThatAnsweredEachService) {
    ASSERT_EQ(kept().exit_code, 0) << kept().told();
    ASSERT_TRUE(kept().report.contains("services")) << kept().report.dump();
    meshprobe::Docker docker;
    std::map<std::string, meshprobe::ContainerInfo> engine;
    for (const auto& c : docker.list_containers({"com.docker.compose.project=meshtest-lonely"}, false)) {
        engine[c.labels.at("com.docker.compose.service")] = c;
    }
    std::set<std::string> named;
    for (const auto& s : kept().report["services"]) {
        const std::string service = s.at("service");
        named.insert(service);
        ASSERT_TRUE(engine.count(service)) << s.dump();
        const meshprobe::ContainerInfo& c = engine[service];
        EXPECT_EQ(s.at("container"), c.id.substr(0, 12)) << s.dump();
        EXPECT_EQ(s.at("image"), c.image) << s.dump();
        EXPECT_EQ(s.at("started_at"), c.started_at) << s.dump();
        EXPECT_THAT(s.at("image_id").get<std::string>(), MatchesRegex("sha256:[0-9a-f]+")) << s.dump();
    }
    EXPECT_EQ(named, (std::set<std::string>{"x", "x2", "y"}));
}

TEST_F(Stranger, RunNoUpFailsAndNamesIt) {
    Outcome outcome = run_meshprobe({"-q", "-c", fixture("lonely"), "run", "--no-up", "--egress-target", outside_target()});
    EXPECT_EQ(outcome.exit_code, 1) << outcome.told();
    const std::string id = std::string("stack:undeclared:") + kName;
    EXPECT_EQ(outcome.failing(), std::set<std::string>{id}) << outcome.told();
    const nlohmann::json* check = find_check(outcome, id);
    ASSERT_NE(check, nullptr) << outcome.told();
    EXPECT_THAT(check->at("observed").get<std::string>(), HasSubstr("a bridge between them")) << check->dump();
    bool listed = false;
    for (const auto& s : outcome.report["services"]) listed = listed || (s.at("service") == kName && s.at("declared") == false);
    EXPECT_TRUE(listed) << outcome.report["services"].dump();
}

// meshprobe's role label is no pass: a container that carries it, for a live process's run id,
// but runs another image than the probe image is a stranger like any other.
TEST_F(Stranger, AContainerWithMeshprobesLabelsButAnotherImageIsNamed) {
    const std::string disguised = "meshtest-lonely-disguised";
    meshprobe::Docker docker;
    std::string image;
    for (const auto& c : docker.list_containers({"com.docker.compose.project=meshtest-lonely"}, false)) image = c.image;
    std::vector<std::string> networks;
    for (const auto& n : docker.list_networks({"com.docker.compose.project=meshtest-lonely"})) networks.push_back(n.name);
    ASSERT_FALSE(image.empty());
    ASSERT_FALSE(networks.empty());
    shell("docker tag " + image + " meshtest-disguise:1");
    shell("docker run -d --name " + disguised + " --network " + networks[0] + " --label meshprobe.role=probe --label meshprobe.run=" +
          std::to_string(::getpid()) + "-disguised meshtest-disguise:1 serve --name disguised --port 7001 >/dev/null");
    Outcome outcome = run_meshprobe({"-q", "-c", fixture("lonely"), "run", "--no-up", "--egress-target", outside_target()});
    shell("docker rm -f " + disguised + " >/dev/null 2>&1; docker rmi meshtest-disguise:1 >/dev/null 2>&1");
    EXPECT_EQ(outcome.exit_code, 1) << outcome.told();
    EXPECT_TRUE(outcome.failing().count("stack:undeclared:" + disguised)) << outcome.told();
}

TEST_F(Stranger, TopologyLiveShowsItAsUndeclaredWithItsPaths) {
    Outcome outcome = run_meshprobe({"-c", fixture("lonely"), "topology", "--live"});
    ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
    const nlohmann::json topology = nlohmann::json::parse(outcome.out, nullptr, false);
    ASSERT_TRUE(topology.is_object()) << outcome.out;
    bool shown = false;
    for (const auto& s : topology["services"]) {
        if (s["name"] != kName) continue;
        shown = true;
        EXPECT_EQ(s["undeclared"], true) << s.dump();
        EXPECT_EQ(s["attachments"].size(), 2u) << s.dump();
    }
    EXPECT_TRUE(shown) << outcome.out;
    bool to_y = false;
    for (const auto& p : topology["paths"]) to_y = to_y || (p["from"] == kName && p["to"] == "y" && p["verdict"] == "forbidden");
    EXPECT_TRUE(to_y) << topology["paths"].dump();
}

TEST_F(Stranger, WatchOnceFlagsIt) {
    Outcome outcome = run_meshprobe({"-c", fixture("lonely"), "watch", "--once"});
    EXPECT_EQ(outcome.exit_code, 1) << outcome.err << outcome.out;
    EXPECT_THAT(outcome.err + outcome.out, HasSubstr(std::string(kName) + " is on")) << outcome.err << outcome.out;
}

// After a kill -9 of `audit --lan-probe` while its outside host exists, `clean` removes the
// namespace and the veth it left.
TEST_F(Stranger, CleanRemovesTheOutsideHostOfAKilledLanProbe) {
    const pid_t pid = start_meshprobe({"-c", fixture("lonely"), "audit", "--lan-probe"});
    const std::string link = "/sys/class/net/mpl" + std::to_string(pid);
    bool seen = false;
    for (int i = 0; i < 30'000 && !seen; ++i) {  // the link lives for some tens of ms: look every 0.1 ms
        seen = fs::exists(link);
        if (!seen) std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    ::kill(pid, SIGKILL);
    wait_exit(pid);
    ASSERT_TRUE(seen) << "the audit's veth never showed up";
    ASSERT_FALSE(outside_hosts().empty()) << "the kill came too late to leave anything";
    // Any contract will do: outside hosts belong to no project.
    Outcome clean = run_meshprobe({"-c", fixture("open-data"), "clean"});
    EXPECT_EQ(clean.exit_code, 0) << clean.err;
    EXPECT_THAT(clean.err, HasSubstr("outside host")) << clean.err;
    EXPECT_EQ(outside_hosts(), std::vector<std::string>{});
}
