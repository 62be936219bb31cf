#include <gtest/gtest.h>

#include "core/errors.h"
#include "load_helpers.h"

namespace meshprobe::testing {
namespace {

class MergeTest : public ::testing::Test {
protected:
    StackModel merged(const std::string& override_text) {
        folder.write("base.yaml",
                     "services:\n  web:\n    image: nginx:1\n    hostname: web1\n"
                     "    networks:\n      front:\n        aliases: [www]\n"
                     "    ports: [\"8080:80\"]\n    expose: [\"9000\"]\n    links: [db]\n"
                     "    depends_on: [db]\n  db:\n    image: postgres\n    networks: [back]\n"
                     "networks:\n  front: {}\n  back: {}\n");
        folder.write("override.yaml", override_text);
        return folder.load({"base.yaml", "override.yaml"});
    }
    ComposeFolder folder;
};

TEST_F(MergeTest, SingleValuesAreReplacedAndPointAtTheLaterFile) {
    const StackModel model = merged("services:\n  web:\n    image: nginx:2\n    hostname: web2\n");
    const StackService& web = *model.find_service("web");
    EXPECT_EQ(web.image, "nginx:2");
    EXPECT_EQ(web.hostname, "web2");
    EXPECT_EQ(web.where.file, folder.path("override.yaml"));
}

TEST_F(MergeTest, NetworksMergeByKeyAndAliasesAreAppended) {
    const StackModel model =
        merged("services:\n  web:\n    networks:\n      front:\n        aliases: [site, www]\n      back: {}\n");
    const StackService& web = *model.find_service("web");
    ASSERT_EQ(web.networks.size(), 2u);
    EXPECT_EQ(web.attachment("front")->aliases, (std::vector<std::string>{"www", "site"}));
    EXPECT_EQ(web.attachment("back")->where.file, folder.path("override.yaml"));
}

TEST_F(MergeTest, PortsAndExposeAreAppendedWithoutDuplicates) {
    const StackModel model = merged("services:\n  web:\n    ports: [\"8080:80\", \"8443:443\"]\n    expose: [9000, 9001]\n");
    const StackService& web = *model.find_service("web");
    ASSERT_EQ(web.ports.size(), 2u);
    EXPECT_EQ(web.ports[1].host_port, 8443);
    EXPECT_EQ(web.expose, (std::vector<int>{9000, 9001}));
}

TEST_F(MergeTest, LinksDependsOnAndProfilesAreUnited) {
    const StackModel model =
        merged("services:\n  web:\n    links: [\"db:database\"]\n    depends_on: {db: {condition: service_started}}\n");
    const StackService& web = *model.find_service("web");
    EXPECT_EQ(web.links, (std::vector<std::string>{"db", "db:database"}));
    EXPECT_EQ(web.depends_on, (std::vector<std::string>{"db"}));
}

TEST_F(MergeTest, NetworkDeclarationsMergeByKey) {
    const StackModel model = merged("networks:\n  back:\n    internal: true\n  extra:\n    external: true\n");
    EXPECT_TRUE(model.find_network("back")->internal);
    EXPECT_TRUE(model.find_network("extra")->external);
    EXPECT_EQ(model.find_network("back")->where.file, folder.path("override.yaml"));
}

// compose v2 takes an empty file among others as nothing (opentelemetry-demo's
// compose.extras.yaml, a seam for forks), and refuses a project of empty files only.
TEST_F(MergeTest, AnEmptyFileAmongOthersAddsNothing) {
    const StackModel model = merged("# nothing here yet\n");
    EXPECT_NE(model.find_service("web"), nullptr);
    EXPECT_NE(model.find_service("db"), nullptr);
}

TEST_F(MergeTest, AProjectOfEmptyFilesOnlyIsRefused) {
    folder.write("a.yaml", "# empty\n");
    folder.write("b.yaml", "");
    EXPECT_THROW(folder.load({"a.yaml", "b.yaml"}), InputError);
}

// compose v2 (appwrite's override gives its `appwrite` network only an ipam): the name and the
// flags the later file leaves out stay, options merge.
TEST_F(MergeTest, ANetworkDeclaredAgainKeepsWhatTheLaterFileLeavesOut) {
    folder.write("base.yaml",
                 "services:\n  web:\n    image: nginx\n    networks: [back]\n"
                 "networks:\n  back:\n    name: real-back\n    internal: true\n    driver_opts: {a: \"1\"}\n");
    folder.write("override.yaml", "networks:\n  back:\n    driver_opts: {b: \"2\"}\n    ipam:\n      config:\n"
                                  "        - subnet: 172.16.238.0/24\n");
    const StackModel model = folder.load({"base.yaml", "override.yaml"});
    const StackNetwork& back = *model.find_network("back");
    EXPECT_EQ(back.name, "real-back");
    EXPECT_TRUE(back.internal);
    EXPECT_EQ(back.driver_opts, (std::map<std::string, std::string>{{"a", "1"}, {"b", "2"}}));
    ASSERT_EQ(back.ipam_pools.size(), 1u);
    EXPECT_EQ(back.ipam_pools[0].subnet, "172.16.238.0/24");
}

TEST_F(MergeTest, ResetTagClearsAField) {
    const StackModel model = merged("services:\n  web:\n    ports: !reset []\n");
    EXPECT_TRUE(model.find_service("web")->ports.empty());
}

TEST_F(MergeTest, OverrideTagReplacesAField) {
    const StackModel model = merged("services:\n  web:\n    ports: !override [\"9090:90\"]\n");
    ASSERT_EQ(model.find_service("web")->ports.size(), 1u);
    EXPECT_EQ(model.find_service("web")->ports[0].host_port, 9090);
}

TEST_F(MergeTest, NewServicesAreAdded) {
    const StackModel model = merged("services:\n  cache:\n    image: redis\n");
    EXPECT_EQ(model.services.size(), 3u);
}

}  // namespace
}  // namespace meshprobe::testing
