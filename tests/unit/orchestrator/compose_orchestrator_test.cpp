#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "orchestrator/compose/compose_orchestrator.h"
#include "orchestrator/orchestrators.h"
#include "scratch_folder.h"

using namespace meshprobe;
using ::testing::HasSubstr;

namespace {

ComposeOrchestrator shop() {
    ComposeProject project;
    project.name = "shop";
    return ComposeOrchestrator(project);
}

std::string container_event(const std::string& project, const std::string& service, const std::string& action) {
    return R"({"Type": "container", "Action": ")" + action + R"(", "Actor": {"ID": "c1", "Attributes": {
        "com.docker.compose.project": ")" + project + R"(", "com.docker.compose.service": ")" + service + R"("}}})";
}

}  // namespace

TEST(ComposeOrchestrator, ReadsServiceAndReplicaFromComposesLabels) {
    const std::optional<StackMember> member = shop().member({{"com.docker.compose.project", "shop"},
                                                             {"com.docker.compose.service", "db"},
                                                             {"com.docker.compose.container-number", "3"}});
    ASSERT_TRUE(member.has_value());
    EXPECT_EQ(member->service, "db");
    EXPECT_EQ(member->replica, 3);
    EXPECT_FALSE(member->one_off);
}

TEST(ComposeOrchestrator, HasNoMemberFromAnotherProject) {
    EXPECT_FALSE(shop().member({{"com.docker.compose.project", "other"}, {"com.docker.compose.service", "db"}}));
}

TEST(ComposeOrchestrator, TellsAOneOffContainer) {
    const auto member = shop().member({{"com.docker.compose.project", "shop"},
                                       {"com.docker.compose.service", "db"},
                                       {"com.docker.compose.oneoff", "True"}});
    ASSERT_TRUE(member.has_value());
    EXPECT_TRUE(member->one_off);
}

TEST(ComposeOrchestrator, KeysANetworkByItsComposeName) {
    EXPECT_EQ(shop().network_key({{"com.docker.compose.network", "data_tier"}}), "data_tier");
    EXPECT_EQ(shop().network_key({}), "");
}

TEST(ComposeOrchestrator, AContainerOfTheProjectStartingIsAContainerChange) {
    const auto change = shop().event(container_event("shop", "db", "start"));
    ASSERT_TRUE(change.has_value());
    EXPECT_EQ(change->why, "db start");
    EXPECT_TRUE(change->containers);
}

TEST(ComposeOrchestrator, AHealthChangeIsAContainerChange) {
    const auto change = shop().event(container_event("shop", "db", "health_status: unhealthy"));
    ASSERT_TRUE(change.has_value());
    EXPECT_TRUE(change->containers);
}

TEST(ComposeOrchestrator, IgnoresAnotherProjectsContainers) {
    EXPECT_FALSE(shop().event(container_event("other", "db", "start")));
}

TEST(ComposeOrchestrator, ANetworkConnectIsAChangeThatKeepsNamespaces) {
    const auto change = shop().event(R"({"Type": "network", "Action": "connect", "Actor": {"Attributes": {"name": "shop_data"}}})");
    ASSERT_TRUE(change.has_value());
    EXPECT_EQ(change->why, "network shop_data connect");
    EXPECT_FALSE(change->containers);
}

TEST(ComposeOrchestrator, IgnoresALineThatIsNoJsonObject) { EXPECT_FALSE(shop().event("not json")); }

TEST(ComposeOrchestrator, AttachesAServiceProbeToTheContainersNamespace) {
    EXPECT_EQ(shop().attach_probe({ProbeAttachment::Kind::service_namespace, "abc"}), "container:abc");
    EXPECT_EQ(shop().attach_probe({ProbeAttachment::Kind::network, "shop_data"}), "shop_data");
}

TEST(ComposeOrchestrator, SaysTheDownCommandWithTheProjectAndItsFiles) {
    ComposeProject project;
    project.name = "shop";
    project.files = {"/srv/shop/compose.yaml"};
    const ComposeOrchestrator compose(project);
    try {
        const std::string command = compose.down_command(true);
        EXPECT_THAT(command, HasSubstr("-p shop"));
        EXPECT_THAT(command, HasSubstr("/srv/shop/compose.yaml"));
        EXPECT_THAT(command, HasSubstr("down -v"));
    } catch (const InfraError& e) {
        GTEST_FAIL() << "no compose on this machine: " << e.what();
    }
}

TEST(ComposeOrchestrator, RendersTheDeclaredStackFromItsFiles) {
    meshprobe::testing::ScratchFolder folder("compose-orchestrator-test");
    folder.write("compose.yaml", "services:\n  db: {image: postgres:16, networks: [data]}\nnetworks: {data: {internal: true}}\n");
    ComposeProject project;
    project.name = "shop";
    project.files = {folder.path("compose.yaml")};
    const StackModel declared = ComposeOrchestrator(project).render();
    ASSERT_EQ(declared.services.size(), 1u);
    EXPECT_EQ(declared.services[0].name, "db");
}

TEST(ChooseOrchestrator, ComposeIsKnown) { EXPECT_EQ(make_orchestrator("compose", "shop")->name(), "compose"); }

TEST(ChooseOrchestrator, SwarmIsNotSupportedYetAndSaysSo) {
    try {
        require_known_orchestrator("swarm");
        FAIL() << "swarm was accepted";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("--orchestrator swarm: not supported yet"));
    }
}

TEST(ChooseOrchestrator, AnUnknownNameSaysWhichAreKnown) {
    try {
        make_orchestrator("nomad", "shop");
        FAIL() << "nomad was accepted";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("knows: compose"));
    }
}
