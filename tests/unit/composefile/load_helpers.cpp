#include "load_helpers.h"

namespace meshprobe::testing {

StackModel ComposeFolder::load(const std::vector<std::string>& names, std::map<std::string, std::string> environment,
                                 std::vector<std::string> profiles) const {
    ComposeInputs inputs;
    for (const auto& name : names) inputs.files.push_back(path(name));
    inputs.environment = std::move(environment);
    inputs.profiles = std::move(profiles);
    return load_compose(inputs);
}

}  // namespace meshprobe::testing
