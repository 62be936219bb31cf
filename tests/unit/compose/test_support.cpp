#include "test_support.h"

#include <boost/process/search_path.hpp>
#include <fstream>
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
    return run_child({program.string(), args, std::chrono::seconds(120), nullptr, {}});
}

}  // namespace meshprobe::testing
