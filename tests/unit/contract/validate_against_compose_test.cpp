#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "contract_test_support.h"

namespace meshprobe {
namespace {

using ::testing::HasSubstr;
using testing::valid_example_dir;

// The services the example's docker-compose.yaml defines.
const std::vector<std::string> kComposeServices{"traefik",  "auth-service", "backend",
                                                "frontend", "bot",          "db"};

class ValidateAgainstCompose : public ::testing::Test {
protected:
    Contract contract = load_contract((valid_example_dir() / "mesh.yaml").string());

    InputError error_for(const std::vector<std::string>& names) {
        try {
            validate_against_compose(contract, names);
        } catch (const InputError& error) {
            return error;
        }
        ADD_FAILURE() << "no InputError";
        return InputError("none");
    }
    static std::vector<std::string> without(const std::string& name) {
        std::vector<std::string> names;
        for (const std::string& each : kComposeServices)
            if (each != name) names.push_back(each);
        return names;
    }
};

TEST_F(ValidateAgainstCompose, AcceptsAContractWhoseFlowsComposeDefines) {
    EXPECT_NO_THROW(validate_against_compose(contract, kComposeServices));
}

TEST_F(ValidateAgainstCompose, FlowNamingAServiceComposeLacksPointsAtTheFlow) {
    InputError error = error_for(without("auth-service"));
    EXPECT_EQ(error.where().file, (valid_example_dir() / "mesh.yaml").string());
    EXPECT_EQ(error.where().line, 24);
    EXPECT_THAT(
        error.what(),
        HasSubstr("a flow names service 'auth-service', which the compose files do not define"));
}

TEST_F(ValidateAgainstCompose, DependencyComposeLacksPointsAtTheMetadataLine) {
    // Keep only backend's metadata flows: backend -> auth-service, backend -> db.
    contract.flows = {contract.flows[3], contract.flows[4]};
    contract.suppressions.clear();
    InputError error = error_for({"traefik", "auth-service", "backend", "frontend"});
    EXPECT_EQ(error.where().file, (valid_example_dir() / ".codex/services/backend.yaml").string());
    EXPECT_EQ(error.where().line, 4);
    EXPECT_THAT(error.what(), HasSubstr("service 'db'"));
}

TEST_F(ValidateAgainstCompose, SuggestsTheCloseComposeName) {
    std::vector<std::string> names = without("backend");
    names.push_back("backends");
    InputError error = error_for(names);
    EXPECT_THAT(error.what(), HasSubstr("did you mean 'backends'?"));
}

TEST_F(ValidateAgainstCompose, SuppressionOfAServiceComposeLacksIsAnError) {
    contract.flows.clear();
    InputError error = error_for(without("bot"));
    EXPECT_EQ(error.where().line, 35);
    EXPECT_THAT(error.what(), HasSubstr("a suppression names service 'bot'"));
}

TEST_F(ValidateAgainstCompose, TierNamesInFlowsAreNotComposeServices) {
    contract.suppressions.clear();
    contract.flows.resize(2);  // edge -> auth, api; api, auth -> db
    EXPECT_NO_THROW(validate_against_compose(contract, {"db"}));
}

}  // namespace
}  // namespace meshprobe
