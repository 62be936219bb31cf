#include <gtest/gtest.h>

#include "stack_builder.h"

namespace meshprobe::testing {
namespace {

TEST(InternalFlagRule, TierNetworkThatIsNotInternalAsTheContractSaysIsReportedAtTheNetwork) {
    Stack stack;
    stack.tier("data", "data_net", true);
    int line = stack.network("data_net", false).where.line;
    auto found = stack.findings("MESH005");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].where.line, line);
    EXPECT_EQ(found[0].contract_where.line, stack.contract.tiers[0].where.line);
}

TEST(InternalFlagRule, InternalNetworkWhereTheContractSaysNotIsReported) {
    Stack stack;
    stack.tier("api", "api_net", false);
    stack.network("api_net", true);
    EXPECT_EQ(stack.findings("MESH005").size(), 1u);
}

TEST(InternalFlagRule, MatchingFlagIsNotReported) {
    Stack stack;
    stack.tier("data", "data_net", true);
    stack.network("data_net", true);
    EXPECT_TRUE(stack.findings("MESH005").empty());
}

TEST(InternalFlagRule, ExternalNetworkIsLeftToTheRuntimeCheck) {
    Stack stack;
    stack.tier("data", "data_net", true);
    stack.network("data_net", false).external = true;
    EXPECT_TRUE(stack.findings("MESH005").empty());
}

TEST(ContractNamesRule, TierNetworkMissingFromComposeIsReportedAtTheTier) {
    Stack stack;
    stack.tier("data", "data_net", true);
    auto found = stack.findings("MESH011");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].where.file, "mesh.yaml");
    EXPECT_EQ(found[0].where.line, stack.contract.tiers[0].where.line);
}

TEST(ContractNamesRule, ContractServiceMissingFromComposeIsReportedAtItsEntry) {
    Stack stack;
    stack.tier_with_service("api", 8000);
    int line = stack.spec("ghost", "api").where.line;
    auto found = stack.findings("MESH011");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].service, "ghost");
    EXPECT_EQ(found[0].where.line, line);
}

TEST(ContractNamesRule, EverythingNamedExistsSoNothingIsReported) {
    Stack stack;
    stack.tier_with_service("api", 8000);
    EXPECT_TRUE(stack.findings("MESH011").empty());
}

}  // namespace
}  // namespace meshprobe::testing
