#include "engine/docker_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/url_query.h"
#include "fake_engine.h"

namespace meshprobe {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::FakeEngine;

// Shaped like engine 20.10's answer for a compose service, trimmed to what is read.
constexpr const char* kDbInspect = R"({
  "Id": "db111", "Name": "/devonboarder_db_1",
  "State": {"Status": "running", "Running": true, "Health": {"Status": "healthy", "FailingStreak": 0}},
  "Config": {"Image": "postgres:16", "Labels": {"com.docker.compose.service": "db",
             "com.docker.compose.project": "devonboarder"}},
  "HostConfig": {"NetworkMode": "devonboarder_data_tier",
                 "PortBindings": {"5432/tcp": [{"HostIp": "", "HostPort": "5432"}]}},
  "NetworkSettings": {
    "Ports": {"5432/tcp": [{"HostIp": "0.0.0.0", "HostPort": "5432"}, {"HostIp": "::", "HostPort": "5432"}],
              "9187/tcp": null},
    "Networks": {
      "devonboarder_data_tier": {"Aliases": ["db", "db.devonboarder.internal", "db111"],
                                 "NetworkID": "net-data", "Gateway": "172.20.0.1", "IPAddress": "172.20.0.3",
                                 "IPv6Gateway": "fd00:77::1", "GlobalIPv6Address": "fd00:77::3"},
      "devonboarder_auth_tier": {"Aliases": null, "NetworkID": "net-auth",
                                 "Gateway": "172.21.0.1", "IPAddress": "172.21.0.5"}}}
})";

constexpr const char* kProbeInspect = R"({
  "Id": "probe222", "Name": "/probe",
  "State": {"Status": "exited"},
  "Config": {"Image": "meshprobe/probe:0123456789abcdef", "Labels": null},
  "HostConfig": {"NetworkMode": "container:db111", "PortBindings": {}},
  "NetworkSettings": {"Ports": {}, "Networks": {}}
})";

Docker docker_on(FakeEngine& engine) { return Docker(engine.docker_host()); }

TEST(Docker, ListContainersInspectsEachOne) {
    FakeEngine engine;
    engine.on("GET", "/containers/json", {.body = R"([{"Id":"db111"},{"Id":"probe222"}])"});
    engine.on("GET", "/containers/db111/json", {.body = kDbInspect});
    engine.on("GET", "/containers/probe222/json", {.body = kProbeInspect});
    Docker docker = docker_on(engine);

    std::vector<ContainerInfo> containers = docker.list_containers({"com.docker.compose.project=devonboarder"});
    ASSERT_EQ(containers.size(), 2u);
    EXPECT_EQ(containers[0].name, "devonboarder_db_1");
    EXPECT_EQ(containers[1].network_mode, "container:db111");
}

TEST(Docker, ListContainersSendsLabelFiltersAndAll) {
    FakeEngine engine;
    engine.on("GET", "/containers/json", {.body = "[]"});
    Docker docker = docker_on(engine);
    docker.list_containers({"com.docker.compose.project=devonboarder", "meshprobe.probe"});
    auto sent = engine.requests_to("GET", "/v1.41/containers/json");
    ASSERT_EQ(sent.size(), 1u);
    std::string filters = R"({"label":{"com.docker.compose.project=devonboarder":true,"meshprobe.probe":true}})";
    EXPECT_EQ(sent[0].target, "/v1.41/containers/json?all=1&filters=" + url_encode(filters));
}

TEST(Docker, ListContainersSkipsOneRemovedAfterListing) {
    FakeEngine engine;
    engine.on("GET", "/containers/json", {.body = R"([{"Id":"gone"},{"Id":"db111"}])"});
    engine.on("GET", "/containers/gone/json", {.status = 404, .body = R"({"message":"No such container: gone"})"});
    engine.on("GET", "/containers/db111/json", {.body = kDbInspect});
    Docker docker = docker_on(engine);
    std::vector<ContainerInfo> containers = docker.list_containers({});
    ASSERT_EQ(containers.size(), 1u);
    EXPECT_EQ(containers[0].id, "db111");
}

TEST(Docker, InspectReadsStateHealthImageAndLabels) {
    FakeEngine engine;
    engine.on("GET", "/containers/db111/json", {.body = kDbInspect});
    ContainerInfo db = docker_on(engine).inspect_container("db111");
    EXPECT_EQ(db.id, "db111");
    EXPECT_EQ(db.state, "running");
    EXPECT_EQ(db.health, "healthy");
    EXPECT_EQ(db.image, "postgres:16");
    EXPECT_EQ(db.network_mode, "devonboarder_data_tier");
    EXPECT_EQ(db.labels.at("com.docker.compose.service"), "db");
}

TEST(Docker, InspectReadsEveryNetworkWithAddressAndAliases) {
    FakeEngine engine;
    engine.on("GET", "/containers/db111/json", {.body = kDbInspect});
    ContainerInfo db = docker_on(engine).inspect_container("db111");
    ASSERT_EQ(db.networks.size(), 2u);
    const ContainerNetwork& auth = db.networks[0];  // ordered by name
    const ContainerNetwork& data = db.networks[1];
    EXPECT_EQ(auth.name, "devonboarder_auth_tier");
    EXPECT_TRUE(auth.aliases.empty());
    EXPECT_EQ(data.name, "devonboarder_data_tier");
    EXPECT_EQ(data.id, "net-data");
    EXPECT_EQ(data.ip_address, "172.20.0.3");
    EXPECT_EQ(data.gateway, "172.20.0.1");
    EXPECT_THAT(data.aliases, ElementsAre("db", "db.devonboarder.internal", "db111"));
}

TEST(Docker, InspectReadsIpv6AddressAndGatewayWhereTheNetworkHasThem) {
    FakeEngine engine;
    engine.on("GET", "/containers/db111/json", {.body = kDbInspect});
    ContainerInfo db = docker_on(engine).inspect_container("db111");
    ASSERT_EQ(db.networks.size(), 2u);
    EXPECT_EQ(db.networks[0].ipv6_address, "");
    EXPECT_EQ(db.networks[1].ipv6_address, "fd00:77::3");
    EXPECT_EQ(db.networks[1].ipv6_gateway, "fd00:77::1");
}

TEST(Docker, InspectReadsPublishedAndExposedPorts) {
    FakeEngine engine;
    engine.on("GET", "/containers/db111/json", {.body = kDbInspect});
    ContainerInfo db = docker_on(engine).inspect_container("db111");
    ASSERT_EQ(db.ports.size(), 3u);
    EXPECT_EQ(db.ports[0].container_port, 5432);
    EXPECT_EQ(db.ports[0].protocol, "tcp");
    EXPECT_EQ(db.ports[0].host_ip, "0.0.0.0");
    EXPECT_EQ(db.ports[0].host_port, 5432);
    EXPECT_EQ(db.ports[1].host_ip, "::");
    EXPECT_EQ(db.ports[2].container_port, 9187);
    EXPECT_EQ(db.ports[2].host_port, 0);
}

TEST(Docker, StoppedContainerReportsTheBindingsItAskedFor) {
    nlohmann::json stopped = nlohmann::json::parse(kDbInspect);
    stopped["NetworkSettings"]["Ports"] = nlohmann::json::object();
    FakeEngine engine;
    engine.on("GET", "/containers/db111/json", {.body = stopped.dump()});
    ContainerInfo db = docker_on(engine).inspect_container("db111");
    ASSERT_EQ(db.ports.size(), 1u);
    EXPECT_EQ(db.ports[0].host_port, 5432);
    EXPECT_EQ(db.ports[0].host_ip, "");
}

TEST(Docker, ContainerWithoutHealthCheckHasEmptyHealth) {
    FakeEngine engine;
    engine.on("GET", "/containers/probe222/json", {.body = kProbeInspect});
    ContainerInfo probe = docker_on(engine).inspect_container("probe222");
    EXPECT_EQ(probe.health, "");
    EXPECT_TRUE(probe.labels.empty());
    EXPECT_TRUE(probe.networks.empty());
}

TEST(Docker, ListNetworksReadsIpamOptionsAndInternal) {
    FakeEngine engine;
    engine.on("GET", "/networks", {.body = R"([
      {"Name": "devonboarder_data_tier", "Id": "net-data", "Driver": "bridge", "Internal": true,
       "IPAM": {"Driver": "default", "Options": null,
                "Config": [{"Subnet": "172.20.0.0/16", "Gateway": "172.20.0.1"}]},
       "Options": {"com.docker.network.bridge.name": "br-data"},
       "Labels": {"com.docker.compose.network": "data_tier"}},
      {"Name": "bridge", "Id": "net-bridge", "Driver": "bridge", "Internal": false,
       "IPAM": {"Config": [{"Subnet": "172.17.0.0/16"}]}, "Options": {}, "Labels": {}}])"});
    std::vector<NetworkInfo> networks = docker_on(engine).list_networks();
    ASSERT_EQ(networks.size(), 2u);
    const NetworkInfo& data = networks[0];
    EXPECT_EQ(data.id, "net-data");
    EXPECT_EQ(data.name, "devonboarder_data_tier");
    EXPECT_EQ(data.driver, "bridge");
    EXPECT_TRUE(data.internal);
    EXPECT_THAT(data.subnets, ElementsAre("172.20.0.0/16"));
    EXPECT_THAT(data.gateways, ElementsAre("172.20.0.1"));
    EXPECT_EQ(data.options.at("com.docker.network.bridge.name"), "br-data");
    EXPECT_EQ(data.labels.at("com.docker.compose.network"), "data_tier");
    EXPECT_FALSE(networks[1].internal);
    EXPECT_TRUE(networks[1].gateways.empty());
}

TEST(Docker, CreateContainerSendsTheSpec) {
    FakeEngine engine;
    engine.on("POST", "/containers/create", {.status = 201, .body = R"({"Id":"new1","Warnings":[]})"});
    ContainerSpec spec;
    spec.image = "meshprobe/probe:0123456789abcdef";
    spec.entrypoint = {"/probe"};
    spec.cmd = {"run", "-"};
    spec.labels = {{"meshprobe.probe", "1"}};
    spec.user = "65534:65534";
    spec.read_only = true;
    spec.cap_drop = {"ALL"};
    spec.security_opt = {"no-new-privileges"};
    spec.network_mode = "container:db111";
    spec.sysctls = {{"net.ipv4.ping_group_range", "0 2147483647"}};
    spec.memory_bytes = 64LL << 20;
    spec.pids_limit = 64;
    spec.name = "meshprobe-probe-1";

    EXPECT_EQ(docker_on(engine).create_container(spec), "new1");
    auto sent = engine.requests_to("POST", "/v1.41/containers/create");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].target, "/v1.41/containers/create?name=meshprobe-probe-1");
    nlohmann::json body = nlohmann::json::parse(sent[0].body);
    EXPECT_EQ(body["Image"], spec.image);
    EXPECT_EQ(body["Entrypoint"], nlohmann::json({"/probe"}));
    EXPECT_EQ(body["Cmd"], nlohmann::json({"run", "-"}));
    EXPECT_EQ(body["Labels"]["meshprobe.probe"], "1");
    EXPECT_EQ(body["User"], "65534:65534");
    const nlohmann::json& host = body["HostConfig"];
    EXPECT_EQ(host["ReadonlyRootfs"], true);
    EXPECT_EQ(host["CapDrop"], nlohmann::json({"ALL"}));
    EXPECT_EQ(host["SecurityOpt"], nlohmann::json({"no-new-privileges"}));
    EXPECT_EQ(host["NetworkMode"], "container:db111");
    EXPECT_EQ(host["Sysctls"]["net.ipv4.ping_group_range"], "0 2147483647");
    EXPECT_EQ(host["Memory"], 64LL << 20);
    EXPECT_EQ(host["PidsLimit"], 64);
    EXPECT_FALSE(host.contains("AutoRemove"));
    EXPECT_FALSE(host.contains("CapAdd"));
}

TEST(Docker, CreateContainerSetsNoLimitsUnlessAsked) {
    FakeEngine engine;
    engine.on("POST", "/containers/create", {.status = 201, .body = R"({"Id":"new1","Warnings":[]})"});
    ContainerSpec spec;
    spec.image = "meshprobe/probe:0123456789abcdef";
    docker_on(engine).create_container(spec);
    const nlohmann::json body = nlohmann::json::parse(engine.requests_to("POST", "/v1.41/containers/create")[0].body);
    EXPECT_FALSE(body["HostConfig"].contains("Memory"));
    EXPECT_FALSE(body["HostConfig"].contains("PidsLimit"));
}

TEST(Docker, EngineIdIsTheIdOfInfoAskedOnce) {
    FakeEngine engine;
    engine.on("GET", "/info", {.body = R"({"ID":"ABCD:EFGH"})"});
    Docker docker = docker_on(engine);
    EXPECT_EQ(docker.engine_id(), "ABCD:EFGH");
    EXPECT_EQ(docker.engine_id(), "ABCD:EFGH");
    EXPECT_EQ(engine.requests_to("GET", "/v1.41/info").size(), 1u);
}

TEST(Docker, AnEngineWithoutAnIdIsAnInfrastructureError) {
    FakeEngine engine;
    engine.on("GET", "/info", {.body = R"({"Name":"host"})"});
    Docker docker = docker_on(engine);
    try {
        docker.engine_id();
        FAIL() << "an engine without an ID was taken";
    } catch (const InfraError& e) {
        EXPECT_THAT(e.what(), HasSubstr("did not say its ID"));
    }
}

TEST(Docker, CreateContainerReportsMissingImage) {
    FakeEngine engine;
    engine.on("POST", "/containers/create", {.status = 404, .body = R"({"message":"No such image: x:1"})"});
    ContainerSpec spec;
    spec.image = "x:1";
    Docker docker = docker_on(engine);
    try {
        docker.create_container(spec);
        FAIL() << "expected InfraError";
    } catch (const InfraError& error) {
        EXPECT_STREQ(error.what(), "Docker engine: No such image: x:1 (404)");
    }
}

TEST(Docker, WaitReturnsTheExitCode) {
    FakeEngine engine;
    engine.on("POST", "/containers/c1/wait", {.body = R"({"Error":null,"StatusCode":3})"});
    EXPECT_EQ(docker_on(engine).wait_container("c1", 5s), 3);
}

TEST(Docker, LogsAreSplitByStream) {
    FakeEngine engine;
    std::string stream = std::string("\x01\0\0\0\0\0\0\x03out", 11) + std::string("\x02\0\0\0\0\0\0\x03" "err", 11);
    engine.on("GET", "/containers/c1/logs", {.body = stream, .content_type = "application/vnd.docker.raw-stream"});
    Logs logs = docker_on(engine).logs("c1");
    EXPECT_EQ(logs.out, "out");
    EXPECT_EQ(logs.err, "err");
    EXPECT_EQ(engine.requests().back().target, "/v1.41/containers/c1/logs?stdout=1&stderr=1");
}

TEST(Docker, RemovingMissingContainerIsNotAnError) {
    FakeEngine engine;
    engine.on("DELETE", "/containers/c1", {.status = 404, .body = R"({"message":"No such container: c1"})"});
    EXPECT_NO_THROW(docker_on(engine).remove_container("c1"));
    EXPECT_EQ(engine.requests().back().target, "/v1.41/containers/c1?v=1&force=1");
}

TEST(Docker, RemovingContainerAlreadyBeingRemovedIsNotAnError) {
    FakeEngine engine;
    engine.on("DELETE", "/containers/c1",
              {.status = 409, .body = R"({"message":"removal of container c1 is already in progress"})"});
    EXPECT_NO_THROW(docker_on(engine).remove_container("c1"));
}

TEST(Docker, RunContainerRemovesItEvenWhenStartFails) {
    FakeEngine engine;
    engine.on("POST", "/containers/create", {.status = 201, .body = R"({"Id":"c1"})"});
    engine.on("POST", "/containers/c1/start", {.status = 500, .body = R"({"message":"network gone"})"});
    engine.on("DELETE", "/containers/c1", {.status = 204});
    ContainerSpec spec;
    spec.image = "x:1";
    EXPECT_THROW(docker_on(engine).run_container(spec, 5s), EngineError);
    EXPECT_EQ(engine.requests_to("DELETE", "/v1.41/containers/c1").size(), 1u);
}

TEST(Docker, ImportSendsTarRepoTagAndChanges) {
    FakeEngine engine;
    engine.on("POST", "/images/create", {.body = "{\"status\":\"sha256:abc\"}\r\n"});
    Docker docker = docker_on(engine);
    docker.import_image(std::string("tar\0bytes", 9), "meshprobe/probe", "0123", {R"(ENTRYPOINT ["/probe"])"});
    auto sent = engine.requests_to("POST", "/v1.41/images/create");
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].target, "/v1.41/images/create?fromSrc=-&repo=meshprobe%2Fprobe&tag=0123&changes=" +
                                  url_encode(R"(ENTRYPOINT ["/probe"])"));
    EXPECT_EQ(sent[0].body, std::string("tar\0bytes", 9));
    EXPECT_EQ(sent[0].headers["content-type"], "application/x-tar");
}

TEST(Docker, ImportReportsAnErrorInsideTheProgressStream) {
    FakeEngine engine;
    engine.on("POST", "/images/create",
              {.body = "{\"status\":\"Downloading\"}\r\n{\"errorDetail\":{\"message\":\"bad tar\"},\"error\":\"bad tar\"}\r\n"});
    Docker docker = docker_on(engine);
    try {
        docker.import_image("x", "meshprobe/probe", "0123", {});
        FAIL() << "expected InfraError";
    } catch (const InfraError& error) {
        EXPECT_STREQ(error.what(), "Docker engine could not import image meshprobe/probe:0123: bad tar");
    }
}

TEST(Docker, ImageExistsFollowsTheInspectStatus) {
    FakeEngine engine;
    engine.on("GET", "/images/meshprobe/probe:a/json", {.body = R"({"Id":"sha256:1"})"});
    engine.on("GET", "/images/meshprobe/probe:b/json", {.status = 404, .body = R"({"message":"No such image"})"});
    Docker docker = docker_on(engine);
    EXPECT_TRUE(docker.image_exists("meshprobe/probe:a"));
    EXPECT_FALSE(docker.image_exists("meshprobe/probe:b"));
}

TEST(Docker, VersionReadsEngineFields) {
    FakeEngine engine("1.43");
    VersionInfo version = docker_on(engine).version();
    EXPECT_EQ(version.engine_version, "99.0.0-fake");
    EXPECT_EQ(version.api_version, "1.43");
    EXPECT_EQ(version.min_api_version, "1.12");
    EXPECT_EQ(version.os, "linux");
    EXPECT_EQ(version.arch, "amd64");
}

TEST(Docker, ConnectNetworkSendsContainerAndAliases) {
    FakeEngine engine;
    engine.on("POST", "/networks/net-data/connect", {.status = 200});
    docker_on(engine).connect_network("net-data", "c1", {"probe.internal"});
    auto sent = engine.requests_to("POST", "/v1.41/networks/net-data/connect");
    ASSERT_EQ(sent.size(), 1u);
    nlohmann::json body = nlohmann::json::parse(sent[0].body);
    EXPECT_EQ(body["Container"], "c1");
    EXPECT_EQ(body["EndpointConfig"]["Aliases"], nlohmann::json({"probe.internal"}));
}

}  // namespace
}  // namespace meshprobe
