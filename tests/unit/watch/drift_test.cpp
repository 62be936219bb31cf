#include "watch/drift.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "live_small_stack.h"
#include "rules/rules.h"

using namespace meshprobe;
using namespace meshprobe::watch;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using meshprobe::testing::running;

namespace {

class Drift : public meshprobe::testing::LiveSmallStack {
protected:
    std::vector<Violation> judged() const { return judge_running(topology(), loaded().contract); }

    static std::vector<Violation> of_kind(const std::vector<Violation>& all, Kind kind) {
        std::vector<Violation> out;
        for (const Violation& v : all)
            if (v.kind == kind) out.push_back(v);
        return out;
    }
};

}  // namespace

TEST_F(Drift, AStackRunningAsTheContractSaysHasNoViolation) { EXPECT_THAT(judged(), IsEmpty()); }

TEST_F(Drift, AnAttachmentByHandToAnotherTiersNetworkBlamesTheServiceThatIsNotAtHome) {
    live.services[0].addresses.push_back({"data", "172.32.0.9", ""});  // docker network connect small_data web
    const auto found = of_kind(judged(), Kind::attachment);
    ASSERT_THAT(found, SizeIs(1));
    EXPECT_EQ(found[0].service, "web");
    EXPECT_EQ(found[0].network, "data");
    EXPECT_THAT(found[0].detail, HasSubstr("web -> db:5432"));
    EXPECT_THAT(found[0].detail, HasSubstr("in no compose file"));
    EXPECT_THAT(found[0].fix, HasSubstr("docker network disconnect data"));
}

TEST_F(Drift, TheAttachmentViolationKeepsItsFingerprintWhenMorePathsCrossIt) {
    live.services[0].addresses.push_back({"data", "172.32.0.9", ""});
    const std::string before = of_kind(judged(), Kind::attachment).at(0).fingerprint();
    live.services.push_back(running("cache", {{"data", "172.32.0.7", ""}}));
    const auto after = of_kind(judged(), Kind::attachment);
    const auto web = std::find_if(after.begin(), after.end(), [](const Violation& v) { return v.service == "web"; });
    ASSERT_NE(web, after.end());
    EXPECT_THAT(web->detail, HasSubstr("web -> cache"));
    EXPECT_EQ(web->fingerprint(), before);
}

TEST_F(Drift, AnAllowedFlowThatLostItsNetworkWhileBothSidesRunIsAnAttachmentViolation) {
    live.services[1].addresses.pop_back();  // docker network disconnect small_data api
    const auto found = of_kind(judged(), Kind::attachment);
    ASSERT_THAT(found, SizeIs(1));
    EXPECT_EQ(found[0].service, "api");
    EXPECT_THAT(found[0].detail, HasSubstr("no network carries api -> db:5432"));
}

TEST_F(Drift, AServiceThatStoppedIsAHealthViolationAndNotABrokenFlow) {
    live.services.erase(live.services.begin() + 2);  // db
    live.containers[2].state = "exited";
    const auto all = judged();
    EXPECT_THAT(of_kind(all, Kind::attachment), IsEmpty());
    const auto health = of_kind(all, Kind::health);
    ASSERT_THAT(health, SizeIs(1));
    EXPECT_EQ(health[0].service, "db");
    EXPECT_THAT(health[0].detail, HasSubstr("exited"));
}

TEST_F(Drift, AnUnhealthyContainerIsAHealthViolationAndItsServiceIsNotUp) {
    live.containers[1].health = "unhealthy";
    const auto health = of_kind(judged(), Kind::health);
    ASSERT_THAT(health, SizeIs(1));
    EXPECT_EQ(health[0].service, "api");
    EXPECT_THAT(health[0].detail, HasSubstr("is unhealthy"));
    EXPECT_FALSE(service_up(*topology().find_service("api")));
    EXPECT_TRUE(service_up(*topology().find_service("web")));
}

// The same meaning as run's stack check (core/readiness.h): a health check still starting is not ready.
TEST_F(Drift, AContainerWhoseHealthCheckIsStillStartingIsNotUpAndIsAHealthViolation) {
    live.containers[1].health = "starting";
    EXPECT_FALSE(service_up(*topology().find_service("api")));
    const auto health = of_kind(judged(), Kind::health);
    ASSERT_THAT(health, SizeIs(1));
    EXPECT_EQ(health[0].service, "api");
    EXPECT_THAT(health[0].detail, HasSubstr("health check is still starting"));
}

TEST_F(Drift, ABindingOnAllInterfacesTheContractDoesNotListIsAPublishViolation) {
    live.services[0].published.push_back(PortMapping::bound(80, "tcp", "0.0.0.0", 49153));
    const auto found = of_kind(judged(), Kind::publish);
    ASSERT_THAT(found, SizeIs(1));
    EXPECT_EQ(found[0].service, "web");
    EXPECT_EQ(found[0].subject, "0.0.0.0:49153/tcp");
}

TEST_F(Drift, AServiceOnlyTheEngineRunsIsATierViolation) {
    live.services.push_back(running("debug", {{"back", "172.31.0.99", ""}}));
    live.containers.push_back({"debug", "debug", "small-debug-1", "running", "", "", 1});
    const auto found = of_kind(judged(), Kind::tier);
    ASSERT_THAT(found, SizeIs(1));
    EXPECT_EQ(found[0].service, "debug");
}

// MESH007 and watch ask one function (topology/name_claims.h): a container_name that is another
// service's name on a network they share is reported by both, at the same service and network.
TEST_F(Drift, AContainerNameThatIsAnotherServicesNameIsReportedByWatchAsMesh007ReportsIt) {
    folder.write("docker-compose.yaml", R"(services:
  web: {image: x, networks: [front, back], expose: ["80"], ports: ["127.0.0.1:8080:80"]}
  api: {image: x, container_name: db, networks: [back, data], expose: ["8080"]}
  db: {image: x, networks: [data], expose: ["5432"]}
networks: {front: {}, back: {}, data: {}}
)");
    live.services[1].container_name = "db";
    const auto watched = of_kind(judged(), Kind::alias);
    ASSERT_THAT(watched, SizeIs(1));
    EXPECT_EQ(watched[0].service, "api");
    EXPECT_EQ(watched[0].network, "data");
    EXPECT_EQ(watched[0].subject, "container_name db");
    EXPECT_THAT(watched[0].detail, HasSubstr("api answers to db on data, a name that belongs to db"));

    const auto [contract, environment, model, elsewhere] = loaded();
    const RuleInput input(contract, model);
    Findings findings(environment);
    check_name_claims(input, findings);
    const std::vector<Finding> checked = findings.take();
    ASSERT_THAT(checked, SizeIs(1));
    EXPECT_EQ(checked[0].service, "api");
    EXPECT_THAT(checked[0].message, HasSubstr("api answers to db on data, which is db's name"));
}
