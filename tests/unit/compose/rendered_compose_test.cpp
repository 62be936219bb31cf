// meshprobe's compose loader on what compose itself prints: v1 renderings captured with
// docker-compose 1.29.2 (data/v1_*.yml), a v2-shaped rendering (data/v2_rendered.yml), and
// short snippets for the syntaxes a rendering never shows (list forms, legacy external). The
// oracle tests read compose's rendering this way, so this is what they rely on.
#include "rendered_compose.h"

#include <gtest/gtest.h>

#include "core/errors.h"
#include "test_support.h"

namespace meshprobe {
namespace {

using testing::read_data;
using Strings = std::vector<std::string>;

// The renderings hold a service of the debug profile; it is active here.
StackModel load(const std::string& data_file) { return meshprobe::testing::load_rendered(read_data(data_file), {"debug"}); }

const StackService& service(const StackModel& model, const std::string& name) {
    const StackService* found = model.find_service(name);
    if (!found) throw std::runtime_error("no service " + name);
    return *found;
}

const StackNetwork& network(const StackModel& model, const std::string& key) {
    const StackNetwork* found = model.find_network(key);
    if (!found) throw std::runtime_error("no network " + key);
    return *found;
}

Strings attachment_names(const StackService& s) {
    Strings names;
    for (const auto& a : s.networks) names.push_back(a.network);
    return names;
}

// --- services and networks, v1 ---

TEST(RenderedV1, ReadsEveryServiceInDocumentOrder) {
    const StackModel model = load("v1_all_syntax.yml");
    Strings names;
    for (const auto& s : model.services) names.push_back(s.name);
    EXPECT_EQ(names, (Strings{"cache", "db", "side", "web"}));
}

TEST(RenderedV1, ServiceWithoutNetworksIsAttachedToImplicitDefault) {
    const StackModel model = load("v1_all_syntax.yml");
    EXPECT_EQ(attachment_names(service(model, "cache")), Strings{"default"});
    EXPECT_NE(model.find_network("default"), nullptr);
}

TEST(RenderedV1, ImplicitDefaultIsNotAddedTwiceWhenDeclared) {
    const StackModel model = load("v1_default_network_config.yml");
    int defaults = 0;
    for (const auto& n : model.networks) defaults += n.key == "default" ? 1 : 0;
    EXPECT_EQ(defaults, 1);
    EXPECT_EQ(network(model, "default").driver_opts.at("com.docker.network.bridge.enable_icc"), "false");
    EXPECT_EQ(attachment_names(service(model, "simple")), Strings{"default"});
}

TEST(RenderedV1, NoDefaultNetworkWhenEveryServiceHasItsOwn) {
    const StackModel model = load("v1_network_aliases.yml");
    EXPECT_EQ(model.find_network("default"), nullptr);
}

TEST(RenderedV1, NetworkModeServiceGetsNoImplicitDefault) {
    const StackModel model = load("v1_all_syntax.yml");
    const StackService& side = service(model, "side");
    EXPECT_EQ(side.network_mode, "service:db");
    EXPECT_TRUE(side.networks.empty());
}

TEST(RenderedV1, ReadsEveryNetworkMode) {
    const StackModel model = load("v1_network_mode.yml");
    EXPECT_EQ(service(model, "bridge").network_mode, "bridge");
    EXPECT_EQ(service(model, "container").network_mode, "container:composetest_network_mode_container");
    EXPECT_EQ(service(model, "host").network_mode, "host");
    EXPECT_EQ(service(model, "none").network_mode, "none");
    EXPECT_EQ(service(model, "service").network_mode, "service:bridge");
    EXPECT_EQ(model.find_network("default"), nullptr);
}

TEST(RenderedV1, ReadsAliasesAndStaticAddresses) {
    const StackModel model = load("v1_all_syntax.yml");
    const NetworkAttachment* front = service(model, "web").attachment("front");
    ASSERT_NE(front, nullptr);
    EXPECT_EQ(front->aliases, (Strings{"www", "web.internal"}));
    EXPECT_EQ(front->ipv4_address, "172.28.0.10");
    const NetworkAttachment* back = service(model, "web").attachment("back");
    ASSERT_NE(back, nullptr);
    EXPECT_TRUE(back->aliases.empty());
}

TEST(RenderedV1, ReadsIpv6StaticAddress) {
    const StackModel model = load("v1_network_static_addresses.yml");
    const NetworkAttachment* a = service(model, "web").attachment("static_test");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->ipv4_address, "172.16.100.100");
    EXPECT_EQ(a->ipv6_address, "fe80::1001:100");
}

TEST(RenderedV1, ReadsNetworkFlagsDriverAndOptions) {
    const StackModel model = load("v1_all_syntax.yml");
    const StackNetwork& back = network(model, "back");
    EXPECT_TRUE(back.internal);
    EXPECT_FALSE(back.external);
    EXPECT_EQ(back.driver, "bridge");
    EXPECT_EQ(back.driver_opts.at("com.docker.network.bridge.name"), "br-back");
    EXPECT_FALSE(network(model, "front").internal);
    EXPECT_EQ(network(model, "named").name, "my_named");
}

TEST(RenderedV1, ExternalNetworksKeepTheirNames) {
    const StackModel model = load("v1_external_networks.yml");
    EXPECT_TRUE(network(model, "bar").external);
    EXPECT_EQ(network(model, "bar").name, "networks_bar");
    EXPECT_TRUE(network(model, "networks_foo").external);
    EXPECT_EQ(network(model, "networks_foo").name, "networks_foo");
}

TEST(RenderedV1, ReadsLinksProfilesDependsOnHostnameAndImage) {
    const StackModel model = load("v1_all_syntax.yml");
    const StackService& web = service(model, "web");
    EXPECT_EQ(web.links, (Strings{"db:database", "cache"}));
    EXPECT_EQ(web.profiles, Strings{"debug"});
    EXPECT_EQ(web.depends_on, (Strings{"cache", "db"}));
    EXPECT_EQ(web.hostname, "webhost");
    EXPECT_EQ(web.domainname, "example.com");
    EXPECT_EQ(web.image, "nginx");
    EXPECT_TRUE(web.has_build);
    EXPECT_FALSE(service(model, "db").has_build);
}

TEST(RenderedV1, ReadsVolumeSourcesOfShortAndLongSyntax) {
    const StackModel model = load("v1_all_syntax.yml");
    EXPECT_EQ(service(model, "web").volumes,
              (Strings{"/var/run/docker.sock", "data", "/tmp/compose-scratch/src", "/etc/hosts"}));
}

TEST(RenderedV1, ReadsExposeInEveryForm) {
    const StackModel model = load("v1_all_syntax.yml");
    EXPECT_EQ(service(model, "web").expose, (std::vector<int>{8000, 8001, 8002, 8003, 8004, 8005}));
}

// --- ports, v1 renderings ---

struct PortView {
    std::string host_ip;
    int host_port;
    int container_port;
    std::string protocol;
    bool operator==(const PortView&) const = default;
};

std::ostream& operator<<(std::ostream& out, const PortView& p) {
    return out << "{'" << p.host_ip << "' " << p.host_port << "->" << p.container_port << "/" << p.protocol << "}";
}

std::vector<PortView> port_views(const StackService& s) {
    std::vector<PortView> views;
    for (const auto& p : s.ports) views.push_back({p.host_ip, p.host_port, p.container_port, p.protocol});
    return views;
}

TEST(RenderedV1, ReadsPortsInTheFormsV1Renders) {
    const StackModel model = load("v1_all_syntax.yml");
    const std::vector<PortView> expected = {
        {"", 8080, 80, "tcp"},               // "8080:80" -> long syntax
        {"127.0.0.1", 5432, 5432, "tcp"},    // stays short when it has an address
        {"::1", 81, 81, "tcp"},              // "[::1]:81:81" -> "::1:81:81/tcp"
        {"", 5000, 5000, "tcp"},             // a range is expanded
        {"", 5001, 5001, "tcp"},
        {"", 5002, 5002, "tcp"},
        {"", 0, 90, "tcp"},                  // "90": ephemeral host port
        {"", 53, 53, "udp"},
        {"127.0.0.1", 0, 9000, "tcp"},       // "127.0.0.1::9000"
        {"", 0, 7000, "tcp"},                // a bare number
        {"", 8443, 443, "tcp"},              // long syntax, mode host
        {"", 0, 444, "tcp"},                 // long syntax, target only
    };
    EXPECT_EQ(port_views(service(model, "web")), expected);
}

TEST(RenderedV1, ReadsAddressBoundRangesAsV1ExpandsThem) {
    const StackModel model = load("v1_host_ip_ranges.yml");
    const std::vector<PortView> expected = {
        {"127.0.0.1", 5000, 5000, "tcp"}, {"127.0.0.1", 5001, 5001, "tcp"},
        {"127.0.0.1", 6000, 6000, "udp"}, {"127.0.0.1", 6001, 6001, "udp"},
        {"::1", 80, 80, "tcp"},           {"", 9999, 99, "tcp"},
        {"", 0, 7000, "tcp"},             {"", 0, 7001, "tcp"},
    };
    EXPECT_EQ(port_views(service(model, "a")), expected);
    EXPECT_EQ(service(model, "a").expose, (std::vector<int>{9000, 9001}));
}

TEST(RenderedV1, PortsPointAtTheirLine) {
    const StackModel model = load("v1_all_syntax.yml");
    const StackService& web = service(model, "web");
    EXPECT_EQ(web.where.line, 34);
    EXPECT_EQ(web.ports.at(1).where.line, 65);  // - 127.0.0.1:5432:5432/tcp
}

// --- v2 rendering ---

TEST(RenderedV2, ReadsLongPortsWithStringPublished) {
    const StackModel model = load("v2_rendered.yml");
    const StackService& api = service(model, "api");
    ASSERT_EQ(api.ports.size(), 3u);
    EXPECT_EQ(api.ports[0].host_ip, "127.0.0.1");
    EXPECT_EQ(api.ports[0].host_port, 8001);
    EXPECT_EQ(api.ports[0].container_port, 8001);
    EXPECT_EQ(api.ports[1].host_port, 5000);
    EXPECT_EQ(api.ports[1].host_port_end, 5002);
    EXPECT_EQ(api.ports[1].container_port, 9000);
    EXPECT_EQ(api.ports[1].protocol, "udp");
    EXPECT_EQ(api.ports[2].host_port, 0);
    EXPECT_EQ(api.ports[2].container_port, 7000);
}

TEST(RenderedV2, ReadsNetworkNamesAndExternal) {
    const StackModel model = load("v2_rendered.yml");
    EXPECT_EQ(network(model, "default").name, "shop_default");
    EXPECT_TRUE(network(model, "back").internal);
    EXPECT_EQ(network(model, "back").name, "shop_back");
    EXPECT_TRUE(network(model, "outside").external);
    EXPECT_EQ(network(model, "outside").name, "corp_net");
}

TEST(RenderedV2, ReadsServiceFields) {
    const StackModel model = load("v2_rendered.yml");
    const StackService& api = service(model, "api");
    EXPECT_EQ(attachment_names(api), (Strings{"back", "default"}));
    EXPECT_EQ(api.expose, (std::vector<int>{8001, 9000, 9001}));
    EXPECT_EQ(api.depends_on, Strings{"db"});
    EXPECT_EQ(api.volumes, (Strings{"/var/run/docker.sock", "data"}));
    EXPECT_EQ(service(model, "web").container_name, "shop-web");
    EXPECT_EQ(service(model, "web").links, Strings{"api:backend"});
    EXPECT_EQ(service(model, "sidecar").network_mode, "service:api");
}

// --- forms a rendering never shows ---

TEST(RenderedSnippets, NetworksAsAList) {
    const StackModel model = meshprobe::testing::load_rendered(
        "services:\n  a:\n    image: x\n    networks: [front, back]\nnetworks:\n  front:\n  back:\n");
    EXPECT_EQ(attachment_names(model.services.at(0)), (Strings{"front", "back"}));
    EXPECT_EQ(model.services.at(0).networks.at(1).where.line, 4);
}

TEST(RenderedSnippets, DependsOnAsAList) {
    const StackModel model =
        meshprobe::testing::load_rendered("services:\n  a:\n    image: x\n    depends_on: [b, c]\n  b: {image: x}\n  c: {image: x}\n");
    EXPECT_EQ(model.services.at(0).depends_on, (Strings{"b", "c"}));
}

TEST(RenderedSnippets, LegacyExternalWithName) {
    const StackModel model =
        meshprobe::testing::load_rendered("services: {}\nnetworks:\n  n:\n    external:\n      name: corp\n");
    EXPECT_TRUE(model.networks.at(0).external);
    EXPECT_EQ(model.networks.at(0).name, "corp");
}

TEST(RenderedSnippets, ShortPortWrittenWithBracketedIpv6) {
    const StackModel model =
        meshprobe::testing::load_rendered("services:\n  a:\n    image: x\n    ports: [\"[::1]:80:80\", 8080]\n");
    EXPECT_EQ(model.services.at(0).ports.at(0).host_ip, "::1");
    EXPECT_EQ(model.services.at(0).ports.at(1).container_port, 8080);
}

// --- profiles ---

TEST(ComposeProfiles, ServiceWhoseProfilesAreAllInactiveIsRemoved) {
    StackModel model = load("v1_all_syntax.yml");
    remove_inactive_services(model, {});
    EXPECT_EQ(model.find_service("web"), nullptr);
    EXPECT_NE(model.find_service("db"), nullptr);
}

TEST(ComposeProfiles, ServiceWithAnActiveProfileStays) {
    StackModel model = load("v1_all_syntax.yml");
    remove_inactive_services(model, {"other", "debug"});
    EXPECT_NE(model.find_service("web"), nullptr);
}

// --- model helpers ---

TEST(StackModel, ServedPortsJoinExposeAndContainerPortsWithoutDuplicates) {
    const StackModel model = meshprobe::testing::load_rendered(
        "services:\n  a:\n    image: x\n    expose: [\"8000\", 9000]\n    ports: [\"8080:8000\", \"7000-7001:7000-7001\"]\n");
    EXPECT_EQ(model.services.at(0).served_ports(), (std::vector<int>{7000, 7001, 8000, 9000}));
}

TEST(StackModel, FindReturnsNullForUnknownNames) {
    const StackModel model = load("v1_all_syntax.yml");
    EXPECT_EQ(model.find_service("nope"), nullptr);
    EXPECT_EQ(model.find_network("nope"), nullptr);
    EXPECT_EQ(service(model, "web").attachment("nope"), nullptr);
}

}  // namespace
}  // namespace meshprobe
