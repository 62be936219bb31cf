#include "test_support.h"

#include <unistd.h>

#include <boost/process/search_path.hpp>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace meshprobe::testing {

std::string read_data(const std::string& name) {
    std::ifstream in(std::filesystem::path(COMPOSE_TEST_DATA) / name);
    if (!in) throw std::runtime_error("missing test data file " + name);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

ChildResult run_tool(const std::string& name, const std::vector<std::string>& args) {
    const auto program = boost::process::search_path(name);
    if (program.empty()) throw std::runtime_error(name + " is not on the PATH");
    return run_child({program.string(), args, std::chrono::seconds(120), nullptr});
}

TempDir::TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("meshprobe-compose-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    std::ofstream(file) << text;
    return file.string();
}

}  // namespace meshprobe::testing
