// libFuzzer target: no compose file may make load_compose fail other than with InputError.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/errors.h"
#include "loader_inputs.h"
#include "scratch_folder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const meshprobe::testing::ScratchFolder folder("meshprobe-fuzz");
    try {
        meshprobe::fuzz::load_as_compose(
            folder.dir(), std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const meshprobe::InputError&) {
        // Refusing bad input with file:line is the loader's job. Anything else escapes and
        // libFuzzer reports it as a crash.
    }
    return 0;
}
