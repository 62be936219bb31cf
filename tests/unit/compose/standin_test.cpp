#include "compose/standin.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <sstream>

#include "compose/compose_config.h"
#include "core/errors.h"
#include "test_support.h"

namespace meshprobe {
namespace {

using testing::read_data;
using Strings = std::vector<std::string>;

const std::vector<std::string> kV1Renderings = {
    "v1_all_syntax.yml",      "v1_bridge.yml",          "v1_default_network_config.yml",
    "v1_external_networks.yml", "v1_host_ip_ranges.yml", "v1_network_aliases.yml",
    "v1_network_internal.yml", "v1_network_mode.yml",   "v1_network_static_addresses.yml",
    "v1_legacy_net_container.yml", "v1_port_range.yml",
};

StandinOptions options() {
    StandinOptions o;
    o.image = "meshprobe/probe:test";
    o.ports_by_service = {{"web", {80, 443}}, {"db", {5432}}};
    o.labels = {{"meshprobe.run", "r1"}};
    return o;
}

std::string join(const Strings& items) {
    std::string text;
    for (const auto& item : items) text += item + ",";
    return text;
}

// Everything in the model that decides reachability and naming, one line per element, so a
// difference shows up as a readable diff.
std::string topology(const ComposeModel& model) {
    std::ostringstream out;
    for (const auto& s : model.services) {
        out << "service " << s.name << " mode=" << s.network_mode << " host=" << s.hostname << "."
            << s.domainname << " container=" << s.container_name << " links=" << join(s.links)
            << " profiles=" << join(s.profiles) << " depends=" << join(s.depends_on) << "\n";
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
            << " external=" << n.external << " driver=" << n.driver << "\n";
        for (const auto& [k, v] : n.driver_opts) out << "  opt " << k << "=" << v << "\n";
    }
    return out.str();
}

YAML::Node standin_service(const std::string& data_file, const std::string& name) {
    return YAML::Load(render_standin_compose(read_data(data_file), options()))["services"][name];
}

bool same_yaml(const YAML::Node& a, const YAML::Node& b) {
    if (a.Type() != b.Type()) return false;
    if (a.IsScalar()) return a.Scalar() == b.Scalar() && (a.Tag() == "!") == (b.Tag() == "!");
    if (a.size() != b.size()) return false;
    if (a.IsSequence()) {
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!same_yaml(a[i], b[i])) return false;
        }
        return true;
    }
    if (a.IsMap()) {
        for (const auto& item : a) {
            const YAML::Node other = b[item.first.Scalar()];
            if (!other || !same_yaml(item.second, other)) return false;
        }
    }
    return true;
}

TEST(Standin, KeepsTheTopologyOfEveryRendering) {
    std::vector<std::string> files = kV1Renderings;
    files.push_back("v2_rendered.yml");
    for (const auto& file : files) {
        const std::string original = read_data(file);
        const std::string standin = render_standin_compose(original, options());
        EXPECT_EQ(topology(parse_compose_config(standin, "standin.yml")),
                  topology(parse_compose_config(original, file)))
            << file;
    }
}

TEST(Standin, RealComposeAcceptsTheStandinOfEveryV1Rendering) {
    const testing::ScratchFolder folder;
    for (const auto& file : kV1Renderings) {
        const std::string path = folder.write("standin.yml", render_standin_compose(read_data(file), options()));
        const ChildResult result = testing::run_tool("docker-compose", {"-p", "t", "-f", path, "config", "-q"});
        EXPECT_EQ(result.exit_code, 0) << file << ": " << result.combined();
    }
}

TEST(Standin, ServiceRunsTheProbeImageWithItsNameAndPorts) {
    const YAML::Node web = standin_service("v1_all_syntax.yml", "web");
    EXPECT_EQ(web["image"].as<std::string>(), "meshprobe/probe:test");
    EXPECT_EQ(web["entrypoint"].as<Strings>(), Strings{"/probe"});
    EXPECT_EQ(web["command"].as<Strings>(), (Strings{"serve", "--name", "web", "--port", "80", "--port", "443"}));
}

TEST(Standin, ServiceWithoutListedPortsServesNoPort) {
    EXPECT_EQ(standin_service("v1_all_syntax.yml", "cache")["command"].as<Strings>(),
              (Strings{"serve", "--name", "cache"}));
}

TEST(Standin, ServiceIsUnprivilegedReadOnlyAndWithoutHealthcheck) {
    const YAML::Node web = standin_service("v1_all_syntax.yml", "web");
    EXPECT_TRUE(web["read_only"].as<bool>());
    EXPECT_EQ(web["user"].as<std::string>(), "65534:65534");
    EXPECT_EQ(web["cap_drop"].as<Strings>(), Strings{"ALL"});
    EXPECT_EQ(web["security_opt"].as<Strings>(), Strings{"no-new-privileges:true"});
    EXPECT_TRUE(web["healthcheck"]["disable"].as<bool>());
    EXPECT_EQ(web["sysctls"]["net.ipv4.ip_unprivileged_port_start"].as<int>(), 0);
}

TEST(Standin, RestartIsTheQuotedStringNo) {
    // Unquoted, YAML 1.1 (compose v1) would read `no` as false and refuse it.
    const YAML::Node restart = standin_service("v1_all_syntax.yml", "web")["restart"];
    EXPECT_EQ(restart.Scalar(), "no");
    EXPECT_EQ(restart.Tag(), "!");
}

TEST(Standin, DropsWhatNeedsTheApplicationsFiles) {
    const YAML::Node web = standin_service("v1_all_syntax.yml", "web");
    for (const char* key : {"build", "volumes", "environment", "env_file", "secrets", "configs"}) {
        EXPECT_FALSE(web[key]) << key;
    }
    const YAML::Node db = standin_service("v2_rendered.yml", "db");
    EXPECT_FALSE(db["environment"]);
}

TEST(Standin, DependsOnBecomesAPlainList) {
    EXPECT_EQ(standin_service("v1_all_syntax.yml", "web")["depends_on"].as<Strings>(), (Strings{"cache", "db"}));
}

TEST(Standin, SysctlsAreLeftOutWhereTheNamespaceIsShared) {
    for (const char* name : {"service", "container", "host"}) {
        EXPECT_FALSE(standin_service("v1_network_mode.yml", name)["sysctls"]) << name;
    }
    for (const char* name : {"bridge", "none"}) {
        EXPECT_TRUE(standin_service("v1_network_mode.yml", name)["sysctls"]) << name;
    }
}

TEST(Standin, LabelsAreMergedWithTheOptionsWinning) {
    const std::string rendered =
        "services:\n  a:\n    image: x\n    labels:\n      team: api\n      meshprobe.run: old\n";
    const YAML::Node labels = YAML::Load(render_standin_compose(rendered, options()))["services"]["a"]["labels"];
    EXPECT_EQ(labels["team"].as<std::string>(), "api");
    EXPECT_EQ(labels["meshprobe.run"].as<std::string>(), "r1");
}

TEST(Standin, LabelsInListFormAreMerged) {
    const std::string rendered = "services:\n  a:\n    image: x\n    labels: [\"team=api\"]\n";
    const YAML::Node labels = YAML::Load(render_standin_compose(rendered, options()))["services"]["a"]["labels"];
    EXPECT_EQ(labels["team"].as<std::string>(), "api");
}

TEST(Standin, KeepsTopLevelNetworksExactly) {
    for (const char* file : {"v1_all_syntax.yml", "v1_network_static_addresses.yml", "v2_rendered.yml"}) {
        const YAML::Node original = YAML::Load(read_data(file))["networks"];
        const YAML::Node standin = YAML::Load(render_standin_compose(read_data(file), options()))["networks"];
        EXPECT_TRUE(same_yaml(original, standin)) << file;
    }
}

TEST(Standin, KeepsTheVersionAndDropsVolumesAndProjectName) {
    const YAML::Node v1 = YAML::Load(render_standin_compose(read_data("v1_all_syntax.yml"), options()));
    EXPECT_EQ(v1["version"].as<std::string>(), "3.8");
    EXPECT_FALSE(v1["volumes"]);
    const YAML::Node v2 = YAML::Load(render_standin_compose(read_data("v2_rendered.yml"), options()));
    EXPECT_FALSE(v2["version"]);
    EXPECT_FALSE(v2["name"]);
    EXPECT_FALSE(v2["volumes"]);
}

TEST(Standin, LegacyVersionOneIsDropped) {
    const YAML::Node standin = YAML::Load(render_standin_compose(read_data("v1_legacy_net_container.yml"), options()));
    EXPECT_FALSE(standin["version"]);
    EXPECT_EQ(standin["services"]["bar"]["network_mode"].as<std::string>(), "bridge");
}

TEST(Standin, PublishedRangeIsWrittenInShortSyntax) {
    EXPECT_EQ(standin_service("v1_port_range.yml", "a")["ports"][0].as<std::string>(), "6005-6015:80");
    const YAML::Node api = standin_service("v2_rendered.yml", "api");
    EXPECT_EQ(api["ports"][1].as<std::string>(), "5000-5002:9000/udp");
}

TEST(Standin, FileSaysWhyItIsNotAnOverride) {
    const std::string text = render_standin_compose(read_data("v1_bridge.yml"), options());
    EXPECT_EQ(text.rfind("# ", 0), 0u);
    EXPECT_NE(text.find("override"), std::string::npos);
}

TEST(Standin, TextThatIsNotAComposeDocumentIsAnInputError) {
    EXPECT_THROW(render_standin_compose("- a\n- b\n", options()), InputError);
    EXPECT_THROW(render_standin_compose("services: [\n", options()), InputError);
}

}  // namespace
}  // namespace meshprobe
