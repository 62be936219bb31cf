#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.h"
#include "loader_inputs.h"
#include "scratch_folder.h"

namespace meshprobe::fuzz {
namespace {

namespace fs = std::filesystem;

// Every saved input, from data/<fuzz target>/, in a stable order.
std::vector<fs::path> saved_inputs() {
    std::vector<fs::path> inputs;
    for (const auto& entry : fs::recursive_directory_iterator(FUZZ_REGRESSION_DATA))
        if (entry.is_regular_file()) inputs.push_back(entry.path());
    std::sort(inputs.begin(), inputs.end());
    return inputs;
}

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

std::string test_name(const ::testing::TestParamInfo<fs::path>& info) {
    std::string name = info.param.parent_path().filename().string() + "_" +
                       info.param.filename().string();
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
}

// Loading may succeed or refuse the input with InputError; any other exception is the bug
// the fuzzer found, and gtest reports it with its message.
void expect_loads_or_refuses(const std::function<void()>& load) {
    try {
        load();
    } catch (const InputError&) {
    }
}

class SavedFuzzInput : public ::testing::TestWithParam<fs::path> {
protected:
    meshprobe::testing::ScratchFolder folder{"meshprobe-fuzz"};
    std::string input = read_bytes(GetParam());
};

TEST_P(SavedFuzzInput, LoadsOrIsRefusedAsContract) {
    expect_loads_or_refuses([&] { load_as_contract(folder.dir(), input); });
}

TEST_P(SavedFuzzInput, LoadsOrIsRefusedAsComposeFile) {
    expect_loads_or_refuses([&] { load_as_compose(folder.dir(), input); });
}

INSTANTIATE_TEST_SUITE_P(FuzzRegressions, SavedFuzzInput, ::testing::ValuesIn(saved_inputs()),
                         test_name);

}  // namespace
}  // namespace meshprobe::fuzz
