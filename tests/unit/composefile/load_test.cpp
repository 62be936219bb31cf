#include <gtest/gtest.h>

#include "core/errors.h"
#include "load_helpers.h"

namespace meshprobe::testing {
namespace {

TEST(LoadCompose, AnUnsetVariableInAPortIsRecordedWithItsServiceKeyAndLine) {
    ComposeFolder folder;
    folder.write("compose.yaml", "services:\n  web:\n    image: nginx:${TAG}\n    ports: [\"${HTTP_PORT}:80\"]\n");
    const StackModel model = folder.load({"compose.yaml"});
    ASSERT_EQ(model.unset_variables.size(), 1u);  // the image tag decides nothing of the topology
    EXPECT_EQ(model.unset_variables[0].name, "HTTP_PORT");
    EXPECT_EQ(model.unset_variables[0].service, "web");
    EXPECT_EQ(model.unset_variables[0].key, "ports");
    EXPECT_EQ(model.unset_variables[0].where.line, 4);
}

TEST(LoadCompose, AVariableWithADefaultOrAValueIsNotRecordedAsUnset) {
    ComposeFolder folder;
    folder.write("compose.yaml",
                 "services:\n  web:\n    image: nginx\n    ports: [\"${HTTP_PORT:-8080}:80\", \"${TLS_PORT}:443\"]\n");
    const StackModel model = folder.load({"compose.yaml"}, {{"TLS_PORT", "8443"}});
    EXPECT_TRUE(model.unset_variables.empty());
}

TEST(LoadCompose, ServiceWithoutNetworksIsOnTheImplicitDefaultNetwork) {
    ComposeFolder folder;
    folder.write("compose.yaml", "services:\n  web:\n    image: nginx\n");
    const StackModel model = folder.load({"compose.yaml"});
    ASSERT_NE(model.find_network("default"), nullptr);
    EXPECT_NE(model.services.at(0).attachment("default"), nullptr);
}

TEST(LoadCompose, ServiceWithNetworkModeHasNoDefaultAttachment) {
    ComposeFolder folder;
    folder.write("compose.yaml", "services:\n  web:\n    image: nginx\n    network_mode: host\n");
    const StackModel model = folder.load({"compose.yaml"});
    EXPECT_TRUE(model.services.at(0).networks.empty());
    EXPECT_EQ(model.services[0].network_mode, "host");
    EXPECT_EQ(model.find_network("default"), nullptr);
}

TEST(LoadCompose, ReadsNetworkFlagsNamesAndDriverOptions) {
    ComposeFolder folder;
    folder.write("compose.yaml",
                 "services:\n  web:\n    image: nginx\n    networks: [back, shared, legacy]\n"
                 "networks:\n"
                 "  back:\n    internal: true\n    driver: bridge\n    driver_opts: {com.docker.network.bridge.name: br0, mtu: 1400}\n"
                 "  shared:\n    external: true\n    name: proxy_net\n"
                 "  legacy:\n    external:\n      name: old_net\n");
    const StackModel model = folder.load({"compose.yaml"});
    const StackNetwork* back = model.find_network("back");
    ASSERT_NE(back, nullptr);
    EXPECT_TRUE(back->internal);
    EXPECT_EQ(back->driver, "bridge");
    EXPECT_EQ(back->driver_opts.at("mtu"), "1400");
    EXPECT_EQ(back->where.str(), folder.path("compose.yaml") + ":6");
    EXPECT_TRUE(model.find_network("shared")->external);
    EXPECT_EQ(model.find_network("shared")->name, "proxy_net");
    EXPECT_TRUE(model.find_network("legacy")->external);
    EXPECT_EQ(model.find_network("legacy")->name, "old_net");
}

TEST(LoadCompose, ReadsAliasesAndStaticAddresses) {
    ComposeFolder folder;
    folder.write("compose.yaml",
                 "services:\n  db:\n    image: postgres\n    networks:\n      back:\n"
                 "        aliases: [database, pg]\n        ipv4_address: 172.20.0.5\n"
                 "networks:\n  back: {}\n");
    const StackModel model = folder.load({"compose.yaml"});
    const NetworkAttachment* back = model.services.at(0).attachment("back");
    ASSERT_NE(back, nullptr);
    EXPECT_EQ(back->aliases, (std::vector<std::string>{"database", "pg"}));
    EXPECT_EQ(back->ipv4_address, "172.20.0.5");
    EXPECT_EQ(back->where.line, 5);
}

TEST(LoadCompose, ServiceOutsideTheActiveProfilesIsNotInTheTopology) {
    ComposeFolder folder;
    folder.write("compose.yaml",
                 "services:\n  web:\n    image: nginx\n  debug:\n    image: busybox\n    profiles: [debug]\n");
    EXPECT_EQ(folder.load({"compose.yaml"}).find_service("debug"), nullptr);
    EXPECT_NE(folder.load({"compose.yaml"}, {}, {"debug"}).find_service("debug"), nullptr);
}

TEST(LoadCompose, ExtensionFieldsAreIgnoredAndServeAsAnchors) {
    ComposeFolder folder;
    folder.write("compose.yaml",
                 "x-common: &common\n  image: nginx\n  networks: [front]\n  x-note: ${UNSET:?never interpolated}\n"
                 "x-other: ${ALSO_UNSET:?extension values are not interpolated}\n"
                 "services:\n  web:\n    <<: *common\n    x-note: hello\n"
                 "networks:\n  front: {}\n");
    const StackModel model = folder.load({"compose.yaml"});
    EXPECT_EQ(model.services.at(0).image, "nginx");
    EXPECT_NE(model.services[0].attachment("front"), nullptr);
}

TEST(LoadCompose, ServicesKeepTheLineTheyAreDeclaredAt) {
    ComposeFolder folder;
    folder.write("compose.yaml", "services:\n  web:\n    image: nginx\n\n  api:\n    image: api\n");
    const StackModel model = folder.load({"compose.yaml"});
    EXPECT_EQ(model.find_service("api")->where.str(), folder.path("compose.yaml") + ":5");
}

}  // namespace
}  // namespace meshprobe::testing

namespace meshprobe::testing {
namespace {

TEST(LoadCompose, DependingOnAServiceOfAnInactiveProfileIsAnInputError) {
    ComposeFolder folder;
    folder.write("compose.yaml",
                 "services:\n  web:\n    image: nginx\n    depends_on: [db]\n  db:\n    image: pg\n    profiles: [data]\n");
    EXPECT_THROW(folder.load({"compose.yaml"}), InputError);
    EXPECT_NE(folder.load({"compose.yaml"}, {}, {"data"}).find_service("db"), nullptr);
}

}  // namespace
}  // namespace meshprobe::testing
