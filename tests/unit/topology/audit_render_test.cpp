#include "reports/audit/audit_render.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

using namespace meshprobe;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

std::vector<Exposure> one_allowed_one_not() {
    return {Exposure{"traefik", "edge", PortMapping::bound(80, "tcp", "", 80), true, {}, {"all interfaces"}, {}},
            Exposure{"db", "data", PortMapping::bound(5432, "tcp", "", 5432), false,
                     "tier data is internal, so nothing in it may be published", {"all interfaces", "data tier"}, {}}};
}

}  // namespace

TEST(AuditRender, TextMarksTheExposureThatBreaksTheContractAndCountsThem) {
    const Contract contract;
    const auto exposures = one_allowed_one_not();
    const std::string text = render_audit("text", {contract, exposures, nullptr, "/", false});
    EXPECT_THAT(text, HasSubstr("ok   traefik 0.0.0.0:80 -> 80/tcp [all interfaces]"));
    EXPECT_THAT(text, HasSubstr("FAIL db 0.0.0.0:5432 -> 5432/tcp [all interfaces, data tier]: tier data is internal, so nothing"));
    EXPECT_THAT(text, HasSubstr("2 published port(s), 1 the contract does not allow"));
}

TEST(AuditRender, QuietTextLeavesOutTheSummary) {
    const Contract contract;
    const auto exposures = one_allowed_one_not();
    EXPECT_THAT(render_audit("text", {contract, exposures, nullptr, "/", true}), Not(HasSubstr("published port(s)")));
}

TEST(AuditRender, SarifHoldsOnlyTheExposuresThatBreakTheContract) {
    const Contract contract;
    const auto exposures = one_allowed_one_not();
    const std::string sarif = render_audit("sarif", {contract, exposures, nullptr, "/", false});
    EXPECT_THAT(sarif, HasSubstr("MESH006"));
    EXPECT_THAT(sarif, HasSubstr("db publishes"));
    EXPECT_THAT(sarif, Not(HasSubstr("traefik publishes")));
}

TEST(AuditRender, JsonListsTheHostListenersItIsGiven) {
    const Contract contract;
    const auto exposures = one_allowed_one_not();
    const std::vector<HostListener> listeners{{"tcp", "0.0.0.0", 22, ""}};
    const auto json = nlohmann::json::parse(render_audit("json", {contract, exposures, &listeners, "/", false}));
    EXPECT_EQ(json["exposures"].size(), 2u);
    EXPECT_EQ(json["listeners"].size(), 1u);
    EXPECT_TRUE(json["listeners"][0]["explained_by"].is_null());
}

TEST(AuditRender, AnUnknownFormatIsRefused) {
    const Contract contract;
    const auto exposures = one_allowed_one_not();
    EXPECT_THROW(render_audit("yaml", {contract, exposures, nullptr, "/", false}), std::invalid_argument);
}
