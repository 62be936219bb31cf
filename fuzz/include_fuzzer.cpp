// libFuzzer target for include and extends: an input holds up to four compose files that
// include and extend one another (loader_inputs.h); no set of them may make load_compose fail
// other than with InputError, or run past libFuzzer's timeout (an include diamond).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/errors.h"
#include "loader_inputs.h"
#include "scratch_folder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const meshprobe::testing::ScratchFolder folder("meshprobe-fuzz-include");
    try {
        meshprobe::fuzz::load_as_compose_files(folder.dir(), std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const meshprobe::InputError&) {
        // Refused with file:line: the loader's job.
    }
    return 0;
}
