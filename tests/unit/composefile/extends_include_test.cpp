#include <gtest/gtest.h>

#include "core/errors.h"
#include "load_helpers.h"

namespace meshprobe::testing {
namespace {

TEST(Extends, ServiceInheritsFromAServiceOfTheSameFile) {
    ComposeFolder folder;
    folder.write("compose.yaml",
                 "services:\n  base:\n    image: app\n    networks: [back]\n    expose: [\"8000\"]\n"
                 "  api:\n    extends: base\n    ports: [\"80:8000\"]\n"
                 "networks:\n  back: {}\n");
    const StackModel model = folder.load({"compose.yaml"});
    const StackService& api = *model.find_service("api");
    EXPECT_EQ(api.image, "app");
    EXPECT_NE(api.attachment("back"), nullptr);
    EXPECT_EQ(api.expose, (std::vector<int>{8000}));
    EXPECT_EQ(api.ports.size(), 1u);
    EXPECT_EQ(api.where.line, 6);
}

TEST(Extends, ServiceInheritsFromAnotherFileRelativeToTheExtendingFile) {
    ComposeFolder folder;
    folder.write("common/base.yaml", "services:\n  web:\n    image: nginx\n    hostname: from-base\n");
    folder.write("app/compose.yaml",
                 "services:\n  site:\n    extends:\n      file: ../common/base.yaml\n      service: web\n");
    const StackModel model = folder.load({"app/compose.yaml"});
    const StackService& site = *model.find_service("site");
    EXPECT_EQ(site.image, "nginx");
    EXPECT_EQ(site.hostname, "from-base");
}

TEST(Extends, ChainsAcrossFilesResolveEachPathFromItsOwnFile) {
    ComposeFolder folder;
    folder.write("a/root.yaml", "services:\n  root:\n    image: root\n");
    folder.write("a/mid.yaml", "services:\n  mid:\n    extends: {file: root.yaml, service: root}\n    hostname: mid\n");
    folder.write("top.yaml", "services:\n  top:\n    extends: {file: a/mid.yaml, service: mid}\n");
    const StackModel model = folder.load({"top.yaml"});
    const StackService& top = *model.find_service("top");
    EXPECT_EQ(top.image, "root");
    EXPECT_EQ(top.hostname, "mid");
}

TEST(Extends, UnknownServiceIsAnInputErrorAtTheExtends) {
    ComposeFolder folder;
    folder.write("compose.yaml", "services:\n  web:\n    image: x\n    extends: nothing\n");
    try {
        folder.load({"compose.yaml"});
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().str(), folder.path("compose.yaml") + ":4");
    }
}

TEST(Extends, CycleIsAnInputError) {
    ComposeFolder folder;
    folder.write("compose.yaml", "services:\n  a:\n    image: x\n    extends: b\n  b:\n    extends: a\n");
    EXPECT_THROW(folder.load({"compose.yaml"}), InputError);
}

TEST(Include, IncludedServicesAndNetworksJoinTheProject) {
    ComposeFolder folder;
    folder.write("db/compose.yaml",
                 "services:\n  db:\n    image: postgres\n    networks: [back]\nnetworks:\n  back:\n    internal: true\n");
    folder.write("compose.yaml", "include:\n  - db/compose.yaml\nservices:\n  web:\n    image: nginx\n    networks: [back]\n");
    const StackModel model = folder.load({"compose.yaml"});
    ASSERT_NE(model.find_service("db"), nullptr);
    EXPECT_EQ(model.find_service("db")->where.file, folder.path("db/compose.yaml"));
    EXPECT_TRUE(model.find_network("back")->internal);
}

TEST(Include, IncludedFileReadsItsOwnEnvFile) {
    ComposeFolder folder;
    folder.write("db/defaults.env", "DB_PORT=6543\n");
    folder.write("db/compose.yaml", "services:\n  db:\n    image: postgres\n    ports: [\"${DB_PORT}:5432\"]\n");
    folder.write("compose.yaml", "include:\n  - path: db/compose.yaml\n    env_file: db/defaults.env\n");
    EXPECT_EQ(folder.load({"compose.yaml"}).find_service("db")->ports.at(0).host_port, 6543);
}

TEST(Include, CycleIsAnInputError) {
    ComposeFolder folder;
    folder.write("a.yaml", "include: [b.yaml]\nservices:\n  a:\n    image: x\n");
    folder.write("b.yaml", "include: [a.yaml]\nservices:\n  b:\n    image: x\n");
    EXPECT_THROW(folder.load({"a.yaml"}), InputError);
}

TEST(Include, ServiceDefinedAgainBesideItsIncludeIsAnInputError) {
    ComposeFolder folder;
    folder.write("inc.yaml", "services:\n  web:\n    image: x\n");
    folder.write("compose.yaml", "include: [inc.yaml]\nservices:\n  web:\n    image: y\n");
    EXPECT_THROW(folder.load({"compose.yaml"}), InputError);
}

}  // namespace
}  // namespace meshprobe::testing
