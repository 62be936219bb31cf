#include "topology/name_claims.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace meshprobe;
using ::testing::IsEmpty;
using ::testing::SizeIs;

namespace {

// db and cache on `data`; each test makes cache answer to something more.
struct TwoServices {
    Topology topology;
    Contract contract;

    TwoServices() {
        topology.networks.push_back(TopologyNetwork{"data", "p_data", false, false, false, "data", {}});
        topology.networks.push_back(TopologyNetwork{"back", "p_back", false, false, false, "app", {}});
        for (const char* name : {"db", "cache"}) {
            TopologyService s;
            s.name = name;
            s.where.line = name[0] == 'd' ? 3 : 7;
            s.attachments.push_back(TopologyAttachment{"data", {}, {}, {}, true, {}});
            topology.services.push_back(s);
        }
    }
    TopologyService& cache() { return topology.services[1]; }
};

}  // namespace

TEST(NameCollisions, OwnNamesAloneCollideWithNothing) { EXPECT_THAT(name_collisions(TwoServices().topology, {}), IsEmpty()); }

TEST(NameCollisions, AContainerNameThatIsAnotherServicesNameBlamesTheServiceThatSetsIt) {
    TwoServices stack;
    stack.cache().container_name = "db";
    const auto found = name_collisions(stack.topology, stack.contract);
    ASSERT_THAT(found, SizeIs(1));
    EXPECT_EQ(found[0].network, "data");
    EXPECT_EQ(found[0].name, "db");
    EXPECT_EQ(found[0].owner, "db");
    EXPECT_EQ(found[0].claimant, "cache");
    EXPECT_EQ(found[0].claim, NameCollision::Claim::container_name);
    EXPECT_EQ(found[0].where.line, 7);
}

TEST(NameCollisions, AnAliasBelongsToTheServiceTheContractGivesItTo) {
    TwoServices stack;
    stack.topology.services[0].attachments[0].aliases = {"db.internal"};
    stack.cache().attachments[0].aliases = {"db.internal"};
    stack.cache().attachments[0].where.line = 9;
    ServiceSpec db;
    db.name = "db";
    db.aliases = {"db.internal"};
    stack.contract.services.push_back(db);
    // The contract's owner is found however the model orders the claimants.
    std::swap(stack.topology.services[0], stack.topology.services[1]);
    const auto found = name_collisions(stack.topology, stack.contract);
    ASSERT_THAT(found, SizeIs(1));
    EXPECT_EQ(found[0].owner, "db");
    EXPECT_EQ(found[0].claimant, "cache");
    EXPECT_EQ(found[0].claim, NameCollision::Claim::alias);
    EXPECT_EQ(found[0].where.line, 9);  // the attachment that declares the alias
}

TEST(NameCollisions, ANameOnAnotherNetworkCollidesWithNothing) {
    TwoServices stack;
    stack.cache().attachments[0].network = "back";
    stack.cache().container_name = "db";
    EXPECT_THAT(name_collisions(stack.topology, stack.contract), IsEmpty());
}

TEST(NameCollisions, AServiceInAnotherNamespaceAnswersToNoName) {
    TwoServices stack;
    stack.cache().container_name = "db";
    stack.cache().network_mode = "service:db";
    EXPECT_THAT(name_collisions(stack.topology, stack.contract), IsEmpty());
}
