#include <gtest/gtest.h>

#include "load_helpers.h"

namespace meshprobe::testing {
namespace {

// A file like a large real stack: anchors, several networks, ports, depends_on.
std::string generated_compose(int services) {
    std::string text = "x-base: &base\n  restart: unless-stopped\n  environment:\n    LOG: info\n";
    text += "services:\n";
    for (int i = 0; i < services; ++i) {
        const std::string n = std::to_string(i);
        text += "  svc" + n + ":\n    <<: *base\n    image: \"registry/app:${TAG:-1}\"\n";
        text += "    networks:\n      front:\n        aliases: [alias" + n + "]\n      back: {}\n";
        text += "    ports: [\"127.0.0.1:" + std::to_string(10000 + i) + ":80\"]\n    expose: [\"9000\"]\n";
        if (i > 0) text += "    depends_on: [svc" + std::to_string(i - 1) + "]\n";
    }
    text += "networks:\n  front: {}\n  back:\n    internal: true\n";
    return text;
}

// How fast this is, is measured by bench/check_bench.sh, never in a unit test.
TEST(LargeFile, ThousandServicesWithAnchorsAllLoad) {
    ComposeFolder folder;
    folder.write("compose.yaml", generated_compose(1000));
    StackModel model = folder.load({"compose.yaml"});
    ASSERT_EQ(model.services.size(), 1000u);
    EXPECT_EQ(model.services.back().networks.size(), 2u);
}

}  // namespace
}  // namespace meshprobe::testing
