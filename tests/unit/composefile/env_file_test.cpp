#include "composefile/env_file.h"

#include <gtest/gtest.h>

#include "load_helpers.h"

namespace meshprobe::testing {
namespace {

TEST(EnvFile, ReadsPlainQuotedAndExportedLines) {
    ComposeFolder folder;
    const std::string path = folder.write(".env",
                                          "# comment\n"
                                          "A=1\n"
                                          "export B=two words # trailing comment\n"
                                          "C='literal ${A}'\n"
                                          "D=\"with ${A} and \\\"quote\\\"\"\n"
                                          "E=${A}-${UNSET:-fallback}\n"
                                          "BARE\n");
    const Variables variables = read_env_file(path, {});
    EXPECT_EQ(variables.at("A"), "1");
    EXPECT_EQ(variables.at("B"), "two words");
    EXPECT_EQ(variables.at("C"), "literal ${A}");
    EXPECT_EQ(variables.at("D"), "with 1 and \"quote\"");
    EXPECT_EQ(variables.at("E"), "1-fallback");
    EXPECT_EQ(variables.count("BARE"), 0u);
}

TEST(EnvFile, ShellEnvironmentWinsOverTheEnvFile) {
    ComposeFolder folder;
    folder.write(".env", "PORT=1000\nHOST_IP=127.0.0.1\n");
    folder.write("compose.yaml", "services:\n  web:\n    image: x\n    ports: [\"${HOST_IP}:${PORT}:80\"]\n");
    const StackModel model = folder.load({"compose.yaml"}, {{"PORT", "2000"}});
    ASSERT_EQ(model.services.at(0).ports.size(), 1u);
    EXPECT_EQ(model.services[0].ports[0].host_port, 2000);
    EXPECT_EQ(model.services[0].ports[0].host_ip, "127.0.0.1");
}

}  // namespace
}  // namespace meshprobe::testing
