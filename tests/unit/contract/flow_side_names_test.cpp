// How a flow side's name is read: a tier, a service, or both (contract.md, "flows").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "contract_test_support.h"

namespace meshprobe {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ContractFolder;
using testing::load_error;

// Tier `auth` holds only service `auth`, so a bare `auth` means the same either way.
const char* const kContract = R"(version: 1
compose:
  files: [docker-compose.yaml]
tiers:
  auth: {network: auth_tier}
  api: {network: api_tier}
  data: {network: data_tier}
services:
  auth: {tier: auth, ports: [8002]}
  backend: {tier: api}
  db: {tier: data}
)";

class FlowSideNames : public ::testing::Test {
protected:
    ContractFolder folder;
    // The contract plus `extra` from line 12 on.
    Contract load_with(const std::string& extra) {
        return load_contract(folder.write("mesh.yaml", std::string(kContract) + extra));
    }
    InputError error_with(const std::string& extra) { return load_error(folder, std::string(kContract) + extra); }
    // A second service in tier `auth`: now `auth` the tier and `auth` the service differ.
    static std::string with_worker(const std::string& flows) { return "  auth-worker: {tier: auth}\n" + flows; }
};

TEST_F(FlowSideNames, ServiceNamedLikeItsOneServiceTierLoads) {
    EXPECT_NO_THROW(load_with(""));
}

TEST_F(FlowSideNames, BareNameWhoseReadingsAgreeIsAccepted) {
    Contract contract = load_with("flows:\n  - {from: auth, to: db}\n");
    ASSERT_EQ(contract.flows.size(), 1u);
    EXPECT_THAT(contract.flows[0].from, ElementsAre(FlowSide::tier("auth")));
    EXPECT_EQ(contract.flows[0].from[0].str(), "auth");
}

TEST_F(FlowSideNames, TierPrefixPicksTheTier) {
    Contract contract = load_with(with_worker("flows:\n  - {from: 'tier:auth', to: db}\n"));
    EXPECT_THAT(contract.flows[0].from, ElementsAre(FlowSide::tier("auth")));
    EXPECT_EQ(contract.flows[0].from[0].str(), "tier:auth");
}

TEST_F(FlowSideNames, ServicePrefixPicksTheService) {
    Contract contract = load_with(with_worker("flows:\n  - {from: db, to: 'service:auth'}\n"));
    EXPECT_THAT(contract.flows[0].to, ElementsAre(FlowSide::service("auth")));
    EXPECT_EQ(contract.flows[0].to[0].str(), "service:auth");
}

TEST_F(FlowSideNames, PrefixesWorkInsideAList) {
    Contract contract = load_with(with_worker("flows:\n  - from: backend\n    to: [tier:data, service:auth]\n"));
    EXPECT_THAT(contract.flows[0].to, ElementsAre(FlowSide::tier("data"), FlowSide::service("auth")));
}

TEST_F(FlowSideNames, BareNameWhoseReadingsDifferIsAnErrorNamingBothAndThePrefixes) {
    InputError error = error_with(with_worker("flows:\n  - {from: backend, to: auth}\n"));
    EXPECT_EQ(error.where().line, 14);
    EXPECT_THAT(error.what(), HasSubstr("flow side 'auth' is both tier 'auth' (services auth, auth-worker) and "
                                        "service 'auth'; write 'tier:auth' or 'service:auth'"));
}

TEST_F(FlowSideNames, ServiceInAnotherTierThanItsNamesakeIsAmbiguous) {
    InputError error = error_with("  data: {tier: api}\nflows:\n  - {from: backend, to: data}\n");
    EXPECT_EQ(error.where().line, 14);
    EXPECT_THAT(error.what(), HasSubstr("flow side 'data' is both tier 'data' (service db) and service 'data'; "
                                        "write 'tier:data' or 'service:data'"));
}

TEST_F(FlowSideNames, UnknownPrefixedTierSuggestsTheCloseOne) {
    InputError error = error_with("flows:\n  - {from: 'tier:dta', to: auth}\n");
    EXPECT_EQ(error.where().line, 13);
    EXPECT_THAT(error.what(),
                HasSubstr("flow names tier 'dta', which is not a tier of the contract; did you mean 'data'?"));
}

TEST_F(FlowSideNames, UnknownPrefixedServiceSuggestsTheCloseOne) {
    InputError error = error_with("flows:\n  - from: auth\n    to: [service:dbb]\n");
    EXPECT_EQ(error.where().line, 14);
    EXPECT_THAT(error.what(), HasSubstr("flow names service 'dbb', which is not a service of the contract or its "
                                        "metadata; did you mean 'db'?"));
}

TEST_F(FlowSideNames, ServicePrefixOnATierNameIsAnError) {
    InputError error = error_with("flows:\n  - {from: 'service:api', to: db}\n");
    EXPECT_THAT(error.what(), HasSubstr("flow names service 'api', which is not a service"));
}

TEST_F(FlowSideNames, PrefixWithoutANameIsAnError) {
    InputError error = error_with("flows:\n  - {from: 'tier:', to: db}\n");
    EXPECT_EQ(error.where().line, 13);
    EXPECT_THAT(error.what(), HasSubstr("flow side 'tier:' needs a name after the prefix"));
}

TEST_F(FlowSideNames, UnknownPrefixIsNamedAsAnUnknownSideWithTheRightSpelling) {
    InputError error = error_with("flows:\n  - {from: 'svc:db', to: auth}\n");
    EXPECT_THAT(error.what(), HasSubstr("flow names 'svc:db', which is neither a tier nor a service"));
    EXPECT_THAT(error.what(), HasSubstr("a side is NAME, tier:NAME or service:NAME"));
}

TEST_F(FlowSideNames, ANetworkNameIsAnsweredWithTheTierThatOwnsIt) {
    InputError error = error_with("flows:\n  - {from: api, to: data_tier, ports: [5432]}\n");
    EXPECT_EQ(error.where().line, 13);
    EXPECT_THAT(error.what(), HasSubstr("flow names 'data_tier', which is the network of tier 'data'"));
    EXPECT_THAT(error.what(), HasSubstr("write 'data'"));
}

TEST_F(FlowSideNames, MetadataDependencyOnANameThatIsAlsoATierMeansTheService) {
    folder.write("meta/backend.yaml", "service_name: backend\ndependencies: [auth]\n");
    Contract contract = load_with(with_worker("metadata: meta\n"));
    ASSERT_EQ(contract.flows.size(), 1u);
    EXPECT_THAT(contract.flows[0].to, ElementsAre(FlowSide::service("auth")));
}

TEST_F(FlowSideNames, MetadataDependencyOnATierIsAnError) {
    folder.write("meta/backend.yaml", "service_name: backend\ndependencies: [data]\n");
    InputError error = error_with("metadata: meta\n");
    EXPECT_EQ(error.where().file, folder.path("meta/backend.yaml"));
    EXPECT_THAT(error.what(), HasSubstr("dependency 'data' is not a service of the contract or its metadata"));
}

TEST_F(FlowSideNames, TierSideNeedsNoComposeServiceOfItsName) {
    Contract contract = load_with(with_worker("flows:\n  - {from: 'tier:auth', to: db}\n"));
    EXPECT_NO_THROW(validate_against_compose(contract, {"auth-worker", "db"}));
}

TEST_F(FlowSideNames, ServiceSideMustBeAComposeService) {
    Contract contract = load_with(with_worker("flows:\n  - {from: 'service:auth', to: db}\n"));
    EXPECT_THROW(validate_against_compose(contract, {"auth-worker", "db"}), InputError);
}

}  // namespace
}  // namespace meshprobe
