// The reference stack (fixtures/devonboarder) and its broken variants (fixtures/broken/*/README.md):
// the target design passes in every environment, each mistake fails on its rule and line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "fixture_check.h"

namespace meshprobe::testing {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Not;

TEST(ReferenceStack, PassesInEveryEnvironment) {
    CheckReport report = check_fixture("devonboarder/mesh.yaml", true);
    EXPECT_EQ(report.environments, (std::vector<std::string>{"base", "dev", "prod"}));
    EXPECT_EQ(report.exit_code(), kExitConformant) << dump(report);
    EXPECT_EQ(report.count(Severity::warning), 0) << dump(report);
}

TEST(ReferenceStack, PassesOnItsBaseFiles) {
    CheckReport report = check_fixture("devonboarder/mesh.yaml");
    EXPECT_EQ(report.exit_code(), kExitConformant) << dump(report);
}

TEST(ReferenceStack, ReversePathsAreNotesOnly) {
    CheckReport report = check_fixture("devonboarder/mesh.yaml");
    for (const Finding& finding : report.findings) EXPECT_EQ(finding.severity, Severity::note) << place(finding);
}

TEST(BrokenVariants, AliasSpoofFailsOnNameClaimAtTheOverrideAlias) {
    CheckReport report = check_fixture("broken/alias-spoof/mesh.yaml");
    EXPECT_EQ(report.exit_code(), kExitViolations);
    auto found = of_rule(report, "MESH007");
    ASSERT_EQ(found.size(), 1u) << dump(report);
    EXPECT_EQ(found[0].service, "dashboard-service");
    EXPECT_EQ(place(found[0]), "broken/alias-spoof/docker-compose.override.yaml:8") << dump(report);
}

TEST(BrokenVariants, BackendOffDataFailsOnBrokenFlowAtBackend) {
    CheckReport report = check_fixture("broken/backend-off-data/mesh.yaml");
    EXPECT_EQ(report.exit_code(), kExitViolations);
    auto found = of_rule(report, "MESH004");
    ASSERT_EQ(found.size(), 1u) << dump(report);
    EXPECT_NE(found[0].message.find("backend reach db"), std::string::npos) << found[0].message;
    EXPECT_EQ(place(found[0]), "broken/backend-off-data/docker-compose.yaml:57") << dump(report);
    for (const Finding& f : of_rule(report, "MESH003")) EXPECT_EQ(f.severity, Severity::note) << place(f);
}

TEST(BrokenVariants, DataNotInternalFailsOnInternalFlagAtTheOverrideNetwork) {
    CheckReport report = check_fixture("broken/data-not-internal/mesh.yaml");
    EXPECT_EQ(report.exit_code(), kExitViolations);
    auto found = of_rule(report, "MESH005");
    ASSERT_EQ(found.size(), 1u) << dump(report);
    EXPECT_EQ(place(found[0]), "broken/data-not-internal/docker-compose.override.yaml:7") << dump(report);
}

TEST(BrokenVariants, DbOnAuthTierFailsOnOverPermissionAtDbsAuthAttachment) {
    CheckReport report = check_fixture("broken/db-on-auth-tier/mesh.yaml");
    EXPECT_EQ(report.exit_code(), kExitViolations);
    std::vector<Finding> errors;
    for (const Finding& f : of_rule(report, "MESH003")) {
        if (f.severity == Severity::error) errors.push_back(f);
    }
    ASSERT_EQ(errors.size(), 1u) << dump(report);
    EXPECT_EQ(errors[0].service, "db");
    EXPECT_EQ(place(errors[0]), "broken/db-on-auth-tier/docker-compose.override.yaml:8") << dump(report);
    for (const char* path : {"traefik -> db:5432", "discord-integration -> db:5432", "bot -> db:5432"})
        EXPECT_NE(errors[0].message.find(path), std::string::npos) << path;
}

TEST(BrokenVariants, DbPublicPortFailsOnPublishedPortAtThePortLine) {
    CheckReport report = check_fixture("broken/db-public-port/mesh.yaml");
    EXPECT_EQ(report.exit_code(), kExitViolations);
    auto found = of_rule(report, "MESH006");
    ASSERT_EQ(found.size(), 1u) << dump(report);
    EXPECT_EQ(place(found[0]), "broken/db-public-port/docker-compose.override.yaml:7") << dump(report);
    EXPECT_NE(found[0].message.find("tier data is internal"), std::string::npos);
    EXPECT_NE(found[0].message.find("all addresses"), std::string::npos);
}

TEST(BrokenVariants, TraefikOffApiFailsOnBrokenFlowToFrontend) {
    CheckReport report = check_fixture("broken/traefik-off-api/mesh.yaml");
    EXPECT_EQ(report.exit_code(), kExitViolations);
    auto found = of_rule(report, "MESH004");
    ASSERT_EQ(found.size(), 1u) << dump(report);
    EXPECT_NE(found[0].message.find("traefik reach frontend"), std::string::npos) << found[0].message;
    EXPECT_EQ(place(found[0]), "broken/traefik-off-api/docker-compose.yaml:12") << dump(report);
}

TEST(BrokenVariants, FlatNetworkReportsMissingTiersOverPermissionAndPublicPorts) {
    CheckReport report = check_fixture("broken/flat-network/mesh.yaml");
    EXPECT_EQ(report.exit_code(), kExitViolations);
    EXPECT_EQ(of_rule(report, "MESH002").size(), 8u) << dump(report);
    EXPECT_EQ(of_rule(report, "MESH011").size(), 4u) << dump(report);
    EXPECT_THAT(of_rule(report, "MESH003"), Not(IsEmpty()));
    EXPECT_EQ(of_rule(report, "MESH008").size(), 3u) << dump(report);
    std::vector<std::string> services;
    for (const Finding& f : of_rule(report, "MESH006")) services.push_back(f.service);
    EXPECT_THAT(services, Contains("db"));
    EXPECT_THAT(services, Contains("traefik"));
}

}  // namespace
}  // namespace meshprobe::testing
