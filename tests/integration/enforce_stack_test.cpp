// `meshprobe enforce` on a running stack (issue 22, parts 2 and 4): after --apply a reverse
// path and the internal data tier's gateway are dropped while a declared flow still connects,
// --check finds nothing to change, and --remove leaves the host's ruleset as it was (counters
// aside). The stack runs on stand-ins; connections are made by the probe binary inside them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "mesh_environment.h"
#include "meshprobe_cli.h"

using namespace meshtest;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

const std::string kProject = "meshtest-enforce-a";

std::string contract() { return std::string(SOURCE_DIR) + "/fixtures/enforce/mesh.yaml"; }

// The address of a service's container on one of the stack's networks.
std::string address_of(const std::string& service, const std::string& network) {
    return trimmed(shell("docker inspect -f '{{(index .NetworkSettings.Networks \"" + kProject + "_" + network +
                         "\").IPAddress}}' " + container_of(kProject, service) + " 2>/dev/null"));
}

// The host's address on one of the stack's bridges, from the network's IPAM: engine 26 gives a
// container on an internal network no gateway (no default route), but the host's address is
// still on its link.
std::string host_address_on(const std::string& network) {
    return trimmed(shell("docker network inspect -f '{{range .IPAM.Config}}{{.Gateway}}{{end}}' " + kProject + "_" +
                         network + " 2>/dev/null"));
}

// What a TCP connection from `service` to host:port ends in: "connected", "refused", "timeout", ...
std::string connect_from(const std::string& service, const std::string& host, int port) {
    return probe_connect(container_of(kProject, service), host, port);
}

// What a TCP connection from the tests' outside host (mesh_environment.h) to the host's side of
// its link on `port` ends in: the way a LAN client reaches a published port, through the DNAT.
std::string connect_from_outside(int port) {
    int status = 0;
    shell("ip netns exec mp-outside timeout 2 bash -c 'exec 3<>/dev/tcp/198.18.0.1/" + std::to_string(port) + "'",
          &status);
    return status == 0 ? "connected" : status == 124 ? "timeout" : "refused";
}

std::string ruleset() { return shell("nft -s list ruleset 2>/dev/null"); }

Outcome enforce(const std::vector<std::string>& flags) {
    std::vector<std::string> args = {"-q", "-c", contract(), "enforce"};
    args.insert(args.end(), flags.begin(), flags.end());
    return run_meshprobe(args);
}

class EnforcedStack : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        up_ = new Outcome(run_meshprobe({"-q", "-c", contract(), "run", "--standin", "--keep", "--suite", "reach"}));
        ruleset_before_ = new std::string(ruleset());
    }
    static void TearDownTestSuite() {
        enforce({"--remove"});
        run_meshprobe({"-q", "-c", contract(), "clean"});
        delete up_;
        delete ruleset_before_;
    }
    void SetUp() override { ASSERT_EQ(up_->exit_code, 0) << up_->told(); }
    void TearDown() override { enforce({"--remove"}); }

    static void apply() {
        const Outcome applied = enforce({"--apply"});
        ASSERT_EQ(applied.exit_code, 0) << applied.err << applied.out;
    }

    static Outcome* up_;
    static std::string* ruleset_before_;
};

Outcome* EnforcedStack::up_ = nullptr;
std::string* EnforcedStack::ruleset_before_ = nullptr;

}  // namespace

TEST_F(EnforcedStack, WithoutItTheReversePathConnectsAndTheGatewayAnswers) {
    EXPECT_EQ(connect_from("api", address_of("web", "front"), 8080), "connected");
    const std::string gateway = host_address_on("data");
    ASSERT_FALSE(gateway.empty());
    EXPECT_EQ(connect_from("db", gateway, 9), "refused");  // the host answers: nothing listens there
}

TEST_F(EnforcedStack, WithoutItAPublishedPortTheContractDoesNotListAnswersTheOutside) {
    EXPECT_EQ(connect_from_outside(18522), "connected");
}

TEST_F(EnforcedStack, AppliedItDropsAPublishedPortTheContractDoesNotList) {
    apply();
    EXPECT_EQ(connect_from_outside(18522), "timeout");
}

TEST_F(EnforcedStack, AppliedItDropsTheReversePath) {
    apply();
    EXPECT_EQ(connect_from("api", address_of("web", "front"), 8080), "timeout");
}

TEST_F(EnforcedStack, AppliedItDropsTheDataTiersWayToTheHostGateway) {
    apply();
    const std::string gateway = host_address_on("data");
    ASSERT_FALSE(gateway.empty());
    EXPECT_EQ(connect_from("db", gateway, 9), "timeout");
}

TEST_F(EnforcedStack, AppliedItLetsTheDeclaredFlowsConnect) {
    apply();
    EXPECT_EQ(connect_from("web", address_of("api", "front"), 8080), "connected");
    EXPECT_EQ(connect_from("api", address_of("db", "data"), 5432), "connected");
}

TEST_F(EnforcedStack, CheckSaysWhatApplyWouldAddAndExitsOne) {
    const Outcome checked = enforce({"--check"});
    EXPECT_EQ(checked.exit_code, 1) << checked.err << checked.out;
    EXPECT_THAT(checked.out, HasSubstr("+ table inet meshprobe_meshtest-enforce-a {"));
}

TEST_F(EnforcedStack, CheckAfterApplyFindsNothingToChange) {
    apply();
    apply();  // twice is the same as once
    const Outcome checked = enforce({"--check"});
    EXPECT_EQ(checked.exit_code, 0) << checked.err << checked.out;
    EXPECT_THAT(checked.out, HasSubstr("is up to date"));
}

TEST_F(EnforcedStack, RemoveLeavesTheRulesetAsItWasBeforeApply) {
    apply();
    const Outcome removed = enforce({"--remove"});
    EXPECT_EQ(removed.exit_code, 0) << removed.err;
    EXPECT_THAT(removed.out, HasSubstr("removed table inet meshprobe_meshtest-enforce-a"));
    EXPECT_EQ(ruleset(), *ruleset_before_);
}

TEST_F(EnforcedStack, RemoveOfATableThatIsNotInstalledSucceedsAndSaysSo) {
    const Outcome removed = enforce({"--remove"});
    EXPECT_EQ(removed.exit_code, 0) << removed.err;
    EXPECT_THAT(removed.out, HasSubstr("is not installed"));
}

// Last: it takes the stand-in stack down.
TEST_F(EnforcedStack, CleanRemovesTheTableOfAStackThatIsGone) {
    apply();
    const Outcome cleaned = run_meshprobe({"-c", contract(), "clean"});
    EXPECT_EQ(cleaned.exit_code, 0) << cleaned.err;
    EXPECT_THAT(cleaned.err, HasSubstr("its stack is gone; removed table inet meshprobe_meshtest-enforce-a"));
    EXPECT_THAT(shell("nft list tables"), Not(HasSubstr("meshprobe_meshtest-enforce-a")));
}
