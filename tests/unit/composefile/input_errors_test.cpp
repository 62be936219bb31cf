#include <gtest/gtest.h>

#include "core/errors.h"
#include "load_helpers.h"

namespace meshprobe::testing {
namespace {

// Loads `text` as compose.yaml and returns the "file:line" of the InputError it must raise.
std::string error_location(const std::string& text, std::map<std::string, std::string> environment = {}) {
    ComposeFolder folder;
    folder.write("compose.yaml", text);
    try {
        folder.load({"compose.yaml"}, std::move(environment));
    } catch (const InputError& e) {
        const std::string prefix = folder.path("compose.yaml");
        const std::string where = e.where().str();
        return where.rfind(prefix, 0) == 0 ? "compose.yaml" + where.substr(prefix.size()) : where;
    }
    return "no error";
}

TEST(InputErrors, YamlSyntax) { EXPECT_EQ(error_location("services:\n  web: [\n"), "compose.yaml:3"); }

TEST(InputErrors, RequiredVariablePointsAtItsLine) {
    EXPECT_EQ(error_location("services:\n  web:\n    image: \"${IMAGE:?set IMAGE}\"\n"), "compose.yaml:3");
}

TEST(InputErrors, WrongTypeOfPorts) {
    EXPECT_EQ(error_location("services:\n  web:\n    image: x\n    ports: 80\n"), "compose.yaml:4");
}

TEST(InputErrors, WrongTypeOfInternal) {
    EXPECT_EQ(error_location("services:\n  web:\n    image: x\nnetworks:\n  n:\n    internal: maybe\n"), "compose.yaml:6");
}

TEST(InputErrors, UnknownServiceField) {
    EXPECT_EQ(error_location("services:\n  web:\n    image: x\n    wrongField: 1\n"), "compose.yaml:4");
}

TEST(InputErrors, LegacyVersionOneFormat) { EXPECT_EQ(error_location("web:\n  image: x\n"), "compose.yaml:1"); }

TEST(InputErrors, UndeclaredNetwork) {
    EXPECT_EQ(error_location("services:\n  web:\n    image: x\n    networks: [nowhere]\n"), "compose.yaml:4");
}

TEST(InputErrors, DependsOnUnknownService) {
    EXPECT_EQ(error_location("services:\n  web:\n    image: x\n    depends_on: [ghost]\n"), "compose.yaml:2");
}

TEST(InputErrors, DependsOnCycle) {
    EXPECT_NE(error_location("services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n"),
              "no error");
}

// compose v2 orders startup by links and `network_mode: service:` as by depends_on.
TEST(InputErrors, ALinkToItselfIsADependencyCycle) {
    EXPECT_EQ(error_location("services:\n  foo:\n    image: x\n    links: [\"foo:foo.example\"]\n"), "compose.yaml:2");
}

TEST(InputErrors, ALinkBackThroughANetworkModeIsADependencyCycle) {
    EXPECT_NE(error_location("services:\n  a:\n    image: x\n    links: [b]\n"
                             "  b:\n    image: x\n    network_mode: service:a\n"),
              "no error");
}

TEST(InputErrors, AVolumeWithAnEmptySourceAsAnUnsetVariableLeavesIt) {
    EXPECT_EQ(error_location("services:\n  web:\n    image: x\n    volumes:\n      - ${SOCK}:/var/run/docker.sock\n"),
              "compose.yaml:5");
}

TEST(InputErrors, EmptyFile) { EXPECT_EQ(error_location("# nothing\n"), "compose.yaml:1"); }

TEST(InputErrors, MissingFile) {
    ComposeInputs inputs;
    inputs.files = {"/nonexistent/compose.yaml"};
    EXPECT_THROW(load_compose(inputs), InputError);
}

TEST(InputErrors, ServiceWithNeitherImageNorBuild) {
    EXPECT_EQ(error_location("services:\n  web:\n    hostname: x\n"), "compose.yaml:2");
}

}  // namespace
}  // namespace meshprobe::testing
