// The cases of issue 21 where compose reads more than the contract names
// (fixtures/compose-view/), each against compose v2's own `config` where it renders them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <set>

#include "project/model_source.h"
#include "rules/check_files.h"

using namespace meshprobe;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

namespace {

std::string fixture(const std::string& name) { return std::string(FIXTURES_DIR) + "/compose-view/" + name; }

// `docker compose config --format json` run in the fixture's folder, as a person would.
nlohmann::json compose_config(const std::string& name) {
    const std::string command = "cd '" + fixture(name) + "' && docker compose config --format json 2>/dev/null";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    std::string out;
    char buffer[4096];
    while (pipe && fgets(buffer, sizeof buffer, pipe.get())) out += buffer;
    return nlohmann::json::parse(out, nullptr, false);
}

// "service host_port:container_port" for every published port.
std::set<std::string> published(const StackModel& model) {
    std::set<std::string> out;
    for (const StackService& service : model.services) {
        for (const PortMapping& port : service.ports) {
            out.insert(service.name + " " + std::to_string(port.host_port) + ":" + std::to_string(port.container_port));
        }
    }
    return out;
}

std::set<std::string> published(const nlohmann::json& config) {
    std::set<std::string> out;
    for (const auto& [name, service] : config["services"].items()) {
        for (const auto& port : service.value("ports", nlohmann::json::array())) {
            out.insert(name + " " + port.value("published", std::string("0")) + ":" +
                       std::to_string(port["target"].get<int>()));
        }
    }
    return out;
}

std::set<std::string> services(const StackModel& model) {
    std::set<std::string> out;
    for (const StackService& service : model.services) out.insert(service.name);
    return out;
}

std::set<std::string> services(const nlohmann::json& config) {
    std::set<std::string> out;
    for (const auto& [name, service] : config["services"].items()) out.insert(name);
    return out;
}

ContractEnvironment load(const std::string& name, std::vector<std::string>* warnings = nullptr) {
    ComposeFlags flags;
    if (warnings) flags.warn = [warnings](const ComposeWarning& what) { warnings->push_back(what.text); };
    return load_contract_environment(fixture(name) + "/mesh.yaml", "", compose_file_source(), flags);
}

// What compose renders, as meshprobe reads it: the same services, published ports and name.
void expect_as_compose_renders(const std::string& name) {
    const nlohmann::json config = compose_config(name);
    ASSERT_TRUE(config.is_object()) << "docker compose config failed in " << fixture(name);
    const ContractEnvironment loaded = load(name);
    EXPECT_EQ(services(loaded.model), services(config));
    EXPECT_EQ(published(loaded.model), published(config));
    EXPECT_EQ(loaded.contract.project, config["name"].get<std::string>());
}

std::vector<std::string> services_with(const CheckReport& report, const std::string& rule) {
    std::vector<std::string> out;
    for (const Finding& finding : report.findings) {
        if (finding.rule == rule) out.push_back(finding.service);
    }
    return out;
}

}  // namespace

TEST(ComposeViewFixtures, ComposeProfilesAndProjectNameInDotEnvAreComposes) {
    expect_as_compose_renders("profiles-env");
}

TEST(ComposeViewFixtures, AServiceOfAProfileDotEnvActivatesIsJudged) {
    const CheckReport report = check_files(fixture("profiles-env") + "/mesh.yaml", "", false, compose_file_source());
    EXPECT_THAT(services_with(report, "MESH001"), Contains("metrics"));
    EXPECT_THAT(services_with(report, "MESH001"), Not(Contains("debug")));
}

TEST(ComposeViewFixtures, TheOverrideComposeMergesAndTheContractLeavesOutIsAWarning) {
    std::vector<std::string> warnings;
    load("override", &warnings);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_THAT(warnings[0], HasSubstr("docker-compose.override.yaml"));
}

TEST(ComposeViewFixtures, ComposeFileInDotEnvIsReadWhereTheContractNamesNoFiles) {
    expect_as_compose_renders("compose-file");
}

TEST(ComposeViewFixtures, APortRangeIsEveryPortOfIt) { expect_as_compose_renders("port-range"); }

TEST(ComposeViewFixtures, DockerAccessIsSeenWhateverTheSocketsPath) {
    const CheckReport report = check_files(fixture("sockets") + "/mesh.yaml", "", false, compose_file_source());
    const std::vector<std::string> found = services_with(report, "MESH013");
    for (const char* service : {"cadvisor", "podman-client", "any-socket", "run-socket", "long-form", "rootless"})
        EXPECT_THAT(found, Contains(service));
    EXPECT_THAT(found, Not(Contains("data-only")));
    EXPECT_THAT(found, Not(Contains("proxy")));
}

TEST(ComposeViewFixtures, AContractWithoutComposeFilesGetsNoWarning) {
    std::vector<std::string> warnings;
    load("profiles-env", &warnings);
    EXPECT_THAT(warnings, IsEmpty());
}
