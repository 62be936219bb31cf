#include "compose/standin.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <sstream>

#include "composefile/compose_loader.h"
#include "test_support.h"

namespace meshprobe {
namespace {

using ::testing::HasSubstr;
using testing::read_data;
using Strings = std::vector<std::string>;

// Compose files whose stand-ins must keep their topology: two written for these tests and
// compose 1.29's renderings of its own network fixtures (see data/README.md).
const Strings kComposeFiles = {
    "all_syntax.compose.yml",   "host_ip_ranges.compose.yml",  "v1_all_syntax.yml",
    "v1_default_network_config.yml", "v1_external_networks.yml",
    "v1_host_ip_ranges.yml",    "v1_network_aliases.yml",      "v1_network_internal.yml",
    "v1_network_mode.yml",      "v1_network_static_addresses.yml", "v1_port_range.yml",
    "v2_rendered.yml",
};

StandinOptions options() {
    StandinOptions o;
    o.image = "meshprobe/probe:test";
    o.ports_by_service = {{"web", {80, 443}}, {"db", {5432}}};
    o.labels = {{"meshprobe.run", "r1"}};
    return o;
}

StackModel load_file(const std::string& path) {
    ComposeInputs inputs;
    inputs.files = {path};
    inputs.environment = {};
    inputs.profiles = {"debug"};
    return load_compose(inputs);
}

StackModel load_data(const std::string& name) { return load_file(std::string(COMPOSE_TEST_DATA) + "/" + name); }

StackModel load_text(const testing::ScratchFolder& folder, const std::string& text) {
    return load_file(folder.write("docker-compose.yml", text));
}

std::string join(const Strings& items) {
    std::string text;
    for (const auto& item : items) text += item + ",";
    return text;
}

// Everything in the model that decides reachability and naming, one line per element, so a
// difference shows up as a readable diff. Profiles are left out: a stand-in holds only the
// active services, without them.
std::string topology(const StackModel& model) {
    std::ostringstream out;
    for (const auto& s : model.services) {
        out << "service " << s.name << " mode=" << s.network_mode << " host=" << s.hostname << "."
            << s.domainname << " container=" << s.container_name << " links=" << join(s.links)
            << " depends=" << join(s.depends_on) << " hosts=" << join(s.extra_hosts)
            << " replicas=" << s.replica_count() << "\n";
        for (const auto& a : s.networks) {
            out << "  net " << a.network << " aliases=" << join(a.aliases) << " v4=" << a.ipv4_address
                << " v6=" << a.ipv6_address << "\n";
        }
        for (const auto& p : s.ports) {
            out << "  port " << p.host_ip << " " << p.host_port << "-" << p.host_port_end << ":"
                << p.container_port << "-" << p.container_port_end << "/" << p.protocol << "\n";
        }
        for (int e : s.expose) out << "  expose " << e << "\n";
    }
    for (const auto& n : model.networks) {
        out << "network " << n.key << " name=" << n.name << " internal=" << n.internal
            << " external=" << n.external << " driver=" << n.driver << " ipv6=" << n.enable_ipv6
            << " attachable=" << n.attachable << " ipam=" << n.ipam_driver << "\n";
        for (const auto& [k, v] : n.driver_opts) out << "  opt " << k << "=" << v << "\n";
        for (const auto& pool : n.ipam_pools) {
            out << "  pool " << pool.subnet << " " << pool.ip_range << " " << pool.gateway << "\n";
        }
    }
    return out.str();
}

YAML::Node standin_of(const StackModel& model) { return YAML::Load(render_standin_compose(model, options())); }

YAML::Node standin_service(const std::string& data_file, const std::string& name) {
    return standin_of(load_data(data_file))["services"][name];
}

TEST(Standin, KeepsTheTopologyOfEveryFile) {
    const testing::ScratchFolder folder;
    for (const auto& file : kComposeFiles) {
        const StackModel original = load_data(file);
        const StackModel standin = load_text(folder, render_standin_compose(original, options()));
        EXPECT_EQ(topology(standin), topology(original)) << file;
    }
}

TEST(Standin, ComposeV1AndV2AcceptTheStandinOfEveryFile) {
    const testing::ScratchFolder folder;
    for (const auto& file : kComposeFiles) {
        const std::string path = folder.write("standin.yml", render_standin_compose(load_data(file), options()));
        const ChildResult v1 = testing::run_tool("docker-compose", {"-p", "t", "-f", path, "config", "-q"});
        EXPECT_EQ(v1.exit_code, 0) << file << ": " << v1.combined();
        const ChildResult v2 = testing::run_tool("docker", {"compose", "-p", "t", "-f", path, "config", "-q"});
        EXPECT_EQ(v2.exit_code, 0) << file << ": " << v2.combined();
    }
}

TEST(Standin, ServiceRunsTheProbeImageWithItsNameAndPorts) {
    const YAML::Node web = standin_service("all_syntax.compose.yml", "web");
    EXPECT_EQ(web["image"].as<std::string>(), "meshprobe/probe:test");
    EXPECT_EQ(web["entrypoint"].as<Strings>(), Strings{"/probe"});
    EXPECT_EQ(web["command"].as<Strings>(), (Strings{"serve", "--name", "web", "--port", "80", "--port", "443"}));
}

TEST(Standin, ServiceWithoutListedPortsServesNoPort) {
    EXPECT_EQ(standin_service("all_syntax.compose.yml", "cache")["command"].as<Strings>(),
              (Strings{"serve", "--name", "cache"}));
}

TEST(Standin, ServiceIsUnprivilegedReadOnlyAndWithoutHealthcheck) {
    const YAML::Node web = standin_service("all_syntax.compose.yml", "web");
    EXPECT_TRUE(web["read_only"].as<bool>());
    EXPECT_EQ(web["user"].as<std::string>(), "65534:65534");
    EXPECT_EQ(web["cap_drop"].as<Strings>(), Strings{"ALL"});
    EXPECT_EQ(web["security_opt"].as<Strings>(), Strings{"no-new-privileges:true"});
    EXPECT_TRUE(web["healthcheck"]["disable"].as<bool>());
    EXPECT_EQ(web["sysctls"]["net.ipv4.ip_unprivileged_port_start"].as<int>(), 0);
}

TEST(Standin, ServiceIsBoundedInMemoryAndProcesses) {
    const YAML::Node web = standin_service("all_syntax.compose.yml", "web");
    EXPECT_EQ(web["mem_limit"].as<long long>(), 64LL * 1024 * 1024);
    EXPECT_EQ(web["pids_limit"].as<int>(), 64);
}

TEST(Standin, ComposeV1AndV2KeepTheLimits) {
    const testing::ScratchFolder folder;
    const std::string path = folder.write("standin.yml", render_standin_compose(load_data("all_syntax.compose.yml"), options()));
    for (const auto& [tool, args] : std::vector<std::pair<std::string, Strings>>{
             {"docker-compose", {"-p", "t", "-f", path, "config"}}, {"docker", {"compose", "-p", "t", "-f", path, "config"}}}) {
        const ChildResult rendered = testing::run_tool(tool, args);
        ASSERT_EQ(rendered.exit_code, 0) << tool << ": " << rendered.combined();
        const YAML::Node web = YAML::Load(rendered.out)["services"]["web"];
        EXPECT_EQ(web["mem_limit"].as<long long>(), 64LL * 1024 * 1024) << tool;
        EXPECT_EQ(web["pids_limit"].as<int>(), 64) << tool;
    }
}

TEST(Standin, RestartIsTheQuotedStringNo) {
    // Unquoted, YAML 1.1 (compose v1) would read `no` as false and refuse it.
    const YAML::Node restart = standin_service("all_syntax.compose.yml", "web")["restart"];
    EXPECT_EQ(restart.Scalar(), "no");
    EXPECT_EQ(restart.Tag(), "!");
}

TEST(Standin, NeedsNoneOfTheApplicationsFiles) {
    const YAML::Node web = standin_service("all_syntax.compose.yml", "web");
    for (const char* key : {"build", "volumes", "environment", "env_file", "secrets", "configs", "profiles"}) {
        EXPECT_FALSE(web[key]) << key;
    }
}

TEST(Standin, DependsOnIsAPlainList) {
    const YAML::Node web = standin_service("all_syntax.compose.yml", "web");
    EXPECT_EQ(web["depends_on"].as<Strings>(), (Strings{"db", "cache"}));
    EXPECT_EQ(web["links"].as<Strings>(), (Strings{"db:database", "cache"}));
}

TEST(Standin, ServicesOfInactiveProfilesAreLeftOut) {
    const testing::ScratchFolder folder;
    ComposeInputs inputs;
    inputs.files = {folder.write("docker-compose.yml", "services:\n  a: {image: x}\n  b: {image: x, profiles: [b]}\n")};
    inputs.environment = {};
    const YAML::Node services = standin_of(load_compose(inputs))["services"];
    EXPECT_TRUE(services["a"]);
    EXPECT_FALSE(services["b"]);
}

TEST(Standin, ReplicasAreKept) {
    EXPECT_EQ(standin_of(load_text(testing::ScratchFolder(), "services:\n  a: {image: x, scale: 3}\n"))
                  ["services"]["a"]["deploy"]["replicas"].as<int>(),
              3);
}

TEST(Standin, SysctlsAndDnsAreLeftOutWhereTheNamespaceIsShared) {
    for (const char* name : {"service", "container", "host"}) {
        EXPECT_FALSE(standin_service("v1_network_mode.yml", name)["sysctls"]) << name;
        EXPECT_FALSE(standin_service("v1_network_mode.yml", name)["dns"]) << name;
    }
    for (const char* name : {"bridge", "none"}) {
        EXPECT_TRUE(standin_service("v1_network_mode.yml", name)["sysctls"]) << name;
    }
}

TEST(Standin, LabelsAreMeshprobesOwn) {
    const testing::ScratchFolder folder;
    const YAML::Node labels = standin_of(load_text(
        folder, "services:\n  a:\n    image: x\n    labels:\n      team: api\n"))["services"]["a"]["labels"];
    EXPECT_FALSE(labels["team"]);
    EXPECT_EQ(labels["meshprobe.run"].as<std::string>(), "r1");
}

TEST(Standin, NetworksKeepTheirAddressingAndDriver) {
    const YAML::Node networks = standin_of(load_data("v1_network_static_addresses.yml"))["networks"];
    const YAML::Node net = networks["static_test"];
    EXPECT_EQ(net["driver"].as<std::string>(), "bridge");
    EXPECT_EQ(net["driver_opts"]["com.docker.network.enable_ipv6"].as<std::string>(), "true");
    EXPECT_EQ(net["ipam"]["driver"].as<std::string>(), "default");
    ASSERT_EQ(net["ipam"]["config"].size(), 2u);
    EXPECT_EQ(net["ipam"]["config"][1]["subnet"].as<std::string>(), "fe80::/64");
    EXPECT_EQ(net["ipam"]["config"][1]["gateway"].as<std::string>(), "fe80::1001:1");
}

TEST(Standin, Ipv6AndAttachableAreKept) {
    const testing::ScratchFolder folder;
    const YAML::Node net = standin_of(load_text(folder, R"(services:
  a: {image: x, networks: [six]}
networks:
  six:
    enable_ipv6: true
    attachable: true
    ipam: {config: [{subnet: "fd00:77::/64", ip_range: "fd00:77::/80", gateway: "fd00:77::1"}]}
)"))["networks"]["six"];
    EXPECT_TRUE(net["enable_ipv6"].as<bool>());
    EXPECT_TRUE(net["attachable"].as<bool>());
    EXPECT_EQ(net["ipam"]["config"][0]["ip_range"].as<std::string>(), "fd00:77::/80");
}

TEST(Standin, ExternalNetworksKeepOnlyTheirName) {
    const YAML::Node networks = standin_of(load_data("all_syntax.compose.yml"))["networks"];
    EXPECT_TRUE(networks["ext"]["external"].as<bool>());
    EXPECT_EQ(networks["ext2"]["name"].as<std::string>(), "foo");
    EXPECT_EQ(networks["ext2"].size(), 2u);
}

TEST(Standin, HasNoVersionNoProjectNameAndNoVolumes) {
    for (const char* file : {"v1_all_syntax.yml", "v2_rendered.yml"}) {
        const YAML::Node standin = standin_of(load_data(file));
        EXPECT_FALSE(standin["version"]) << file;
        EXPECT_FALSE(standin["name"]) << file;
        EXPECT_FALSE(standin["volumes"]) << file;
    }
}

TEST(Standin, PortsAreWrittenInShortSyntaxWithIpv6InBrackets) {
    EXPECT_EQ(standin_service("v1_port_range.yml", "a")["ports"][0].as<std::string>(), "6005-6015:80/tcp");
    const Strings ports = standin_service("host_ip_ranges.compose.yml", "a")["ports"].as<Strings>();
    // A range is one port each, as compose renders it (composefile/service_reader.cpp).
    EXPECT_THAT(ports, ::testing::Contains("127.0.0.1:6001:6001/udp"));
    EXPECT_THAT(ports, ::testing::Contains("[::1]:80:80/tcp"));
    EXPECT_THAT(ports, ::testing::Contains("7001/tcp"));
    EXPECT_THAT(standin_service("all_syntax.compose.yml", "web")["ports"].as<Strings>(),
                ::testing::Contains("127.0.0.1::9000/tcp"));
}

TEST(Standin, DollarSignsAreWrittenSoComposeReadsThemBack) {
    const testing::ScratchFolder folder;
    const StackModel model = load_text(folder, "services:\n  a: {image: x, hostname: \"a$$b\"}\n");
    ASSERT_EQ(model.services.front().hostname, "a$b");
    EXPECT_THAT(render_standin_compose(model, options()), HasSubstr("\"a$$b\""));
}

TEST(Standin, FileSaysWhyItIsNotAnOverride) {
    const std::string text = render_standin_compose(load_data("v1_network_mode.yml"), options());
    EXPECT_EQ(text.rfind("# ", 0), 0u);
    EXPECT_THAT(text, HasSubstr("override"));
}

}  // namespace
}  // namespace meshprobe
