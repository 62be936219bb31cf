#include <gtest/gtest.h>

#include "rules/check_run.h"
#include "stack_builder.h"

namespace meshprobe::testing {
namespace {

std::vector<Finding> drift(const Stack& dev, const Stack& prod) {
    return compare_environments(dev.contract, {{"dev", dev.model, {}}, {"prod", prod.model, {}}});
}

Stack reference() {
    Stack stack;
    stack.tier_with_service("api", 8000).tier_with_service("data", 5432, true);
    return stack;
}

TEST(EnvironmentRule, IdenticalTopologiesAgree) {
    EXPECT_TRUE(drift(reference(), reference()).empty());
}

TEST(EnvironmentRule, ExtraTierAttachmentInOneEnvironmentIsReportedThere) {
    Stack prod = reference();
    int line = prod.attach("api-svc", "data_net").where.line;
    auto found = drift(reference(), prod);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].rule, "MESH012");
    EXPECT_EQ(found[0].where.line, line);
    EXPECT_EQ(found[0].environments, (std::vector<std::string>{"dev", "prod"}));
}

TEST(EnvironmentRule, InternalFlagThatDiffersIsReported) {
    Stack prod = reference();
    prod.model.networks[1].internal = false;
    EXPECT_EQ(drift(reference(), prod).size(), 1u);
}

TEST(EnvironmentRule, PortPublishedInOnlyOneEnvironmentIsReported) {
    Stack dev = reference();
    dev.publish("data-svc", 5432, 5432, "127.0.0.1");
    auto found = drift(dev, reference());
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].message.find("in dev but not in prod"), std::string::npos);
}

TEST(EnvironmentRule, ChecksEveryEnvironmentAndMergesWhatTheyShare) {
    Stack stack = reference();
    stack.spec("ghost", "api");
    CheckReport report = check_contract(stack.contract, {{"dev", stack.model, {}}, {"prod", stack.model, {}}});
    ASSERT_EQ(report.findings.size(), 1u);
    EXPECT_EQ(report.findings[0].environments, (std::vector<std::string>{"dev", "prod"}));
}

}  // namespace
}  // namespace meshprobe::testing
