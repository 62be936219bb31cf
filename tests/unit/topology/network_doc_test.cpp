// network_doc on a small stack written in the test: what `meshprobe docs` tells a newcomer.
#include "reports/topology/network_doc.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "project/model_source.h"
#include "scratch_folder.h"

using namespace meshprobe;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

// web (edge) reaches api (app); api may reach db (data) but shares no network with it.
class SmallDoc : public ::testing::Test {
protected:
    SmallDoc() {
        folder.write("docker-compose.yaml", R"(services:
  web: {image: x, networks: [front, back], ports: ["8080:80"]}
  api: {image: x, networks: [back], expose: ["8080"]}
  db: {image: x, networks: [data]}
networks: {front: {}, back: {}, data: {}}
)");
        folder.write("mesh.yaml", R"(version: 1
project: small
compose: {files: [docker-compose.yaml]}
tiers:
  edge: {network: front}
  app: {network: back}
  data: {network: data}
services:
  web: {tier: edge}
  api: {tier: app}
  db: {tier: data, ports: [5432]}
flows:
  - {from: web, to: api, ports: [8080]}
  - {from: api, to: db, ports: [5432]}
)");
    }

    std::string doc(const std::vector<Finding>& findings = {}, const NetworkDocOptions& options = {}) const {
        const auto [contract, environment, model, elsewhere] = load_contract_environment(folder.path("mesh.yaml"), "");
        const Topology topology = build_topology(contract, model, environment);
        const Reachability policy(contract, declared_ports(contract, model));
        return network_doc(topology, contract, policy, findings, options);
    }

    meshprobe::testing::ScratchFolder folder{"network-doc-test"};
};

}  // namespace

TEST_F(SmallDoc, TitlesTheDocumentWithTheProject) {
    EXPECT_THAT(doc(), HasSubstr("# Network design: small"));
}

TEST_F(SmallDoc, EachTierIsListedWithItsNetworkAndServices) {
    EXPECT_THAT(doc(), HasSubstr("| app | back | no | allow | api |"));
    EXPECT_THAT(doc(), HasSubstr("| data | data | no | allow | db |"));
}

TEST_F(SmallDoc, EachFlowIsListedWithTheLineThatAllowsIt) {
    EXPECT_THAT(doc(), HasSubstr("| web | api | 8080 | [mesh.yaml:13](mesh.yaml#L13) |"));
    EXPECT_THAT(doc(), HasSubstr("| api | db | 5432 | [mesh.yaml:14](mesh.yaml#L14) |"));
}

TEST_F(SmallDoc, LinksStartWithTheBaseUrlWhenOneIsGiven) {
    EXPECT_THAT(doc({}, {"https://git.example/app/blob/main/", std::nullopt}),
                HasSubstr("[mesh.yaml:13](https://git.example/app/blob/main/mesh.yaml#L13)"));
}

TEST_F(SmallDoc, TheDiagramIsDrawnAtTheLevelAskedFor) {
    EXPECT_THAT(doc({}, {"", GraphLevel::tier}), HasSubstr("t0[\"edge (1 service)\"]"));
    EXPECT_THAT(doc({}, {"", GraphLevel::tier}), Not(HasSubstr("subgraph")));
}

TEST_F(SmallDoc, NothingLinksOutsideTheRepositoryWithoutABaseUrl) {
    EXPECT_THAT(doc(), Not(HasSubstr("://")));
}

TEST_F(SmallDoc, TroubleshootingHasAProcedurePerKindOfFailure) {
    const std::string text = doc();
    EXPECT_THAT(text, HasSubstr("### A path that should be blocked is open"));
    EXPECT_THAT(text, HasSubstr("### An allowed flow is broken"));
    EXPECT_THAT(text, HasSubstr("### An alias does not resolve"));
    EXPECT_THAT(text, HasSubstr("### Egress is open"));
}

TEST_F(SmallDoc, TheBrokenFlowProcedureNamesThisStacksBrokenFlowAndNetwork) {
    EXPECT_THAT(doc(), HasSubstr("`meshprobe explain api db:5432`"));
    EXPECT_THAT(doc(), HasSubstr("the target's tier network, `small_data`"));
}

TEST_F(SmallDoc, WithoutAForbiddenPathTheBlockedPathProcedureNamesTwoTiersAndTheTargetsNetwork) {
    EXPECT_THAT(doc(), HasSubstr("`meshprobe explain web api`"));
    EXPECT_THAT(doc(), HasSubstr("`docker network inspect small_back --format"));
}

TEST_F(SmallDoc, TheProceduresFindContainersByTheProjectsComposeLabels) {
    EXPECT_THAT(doc(), HasSubstr("--filter label=com.docker.compose.project=small --filter label=com.docker.compose.service=\"$1\""));
}

TEST_F(SmallDoc, APublishedPortIsListedAsExposure) {
    EXPECT_THAT(doc(), HasSubstr("8080 on all addresses (container 80/tcp)"));
}

TEST_F(SmallDoc, AFlowNoNetworkCarriesIsDrawnDashed) {
    EXPECT_THAT(doc(), HasSubstr("-.->|\"broken 5432\"|"));
}

TEST_F(SmallDoc, AFindingIsListedUnderTroubleshootingWithItsFix) {
    Finding finding;
    finding.rule = "MESH004";
    finding.service = "api";
    finding.message = "no network carries api to db";
    finding.fix = "attach api to data";
    EXPECT_THAT(doc({finding}), HasSubstr("**MESH004** api"));
    EXPECT_THAT(doc({finding}), HasSubstr("no network carries api to db"));
    EXPECT_THAT(doc({finding}), HasSubstr("attach api to data"));
}

TEST_F(SmallDoc, TheSameInputGivesTheSameBytes) {
    EXPECT_EQ(doc(), doc());
}

TEST_F(SmallDoc, NoAbsolutePathIsWritten) {
    EXPECT_THAT(doc(), Not(HasSubstr(folder.dir().string())));
}
