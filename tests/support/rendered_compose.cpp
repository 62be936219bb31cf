#include "rendered_compose.h"

#include "composefile/compose_loader.h"
#include "scratch_folder.h"

namespace meshprobe::testing {

StackModel load_rendered(const std::string& rendered, const std::vector<std::string>& profiles) {
    ScratchFolder folder("rendered-compose");
    ComposeInputs inputs;
    inputs.files = {folder.write("rendered.yaml", rendered)};
    // The rendering is interpolated already: nothing of the test's environment may change it.
    inputs.environment = {};
    inputs.profiles = profiles;
    return load_compose(inputs);
}

}  // namespace meshprobe::testing
