#include "xml_query.h"

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <unistd.h>

#include <gtest/gtest.h>

namespace meshprobe::testing {
namespace {

// A file that removes itself; xmllint reads documents from files.
class TempXml {
public:
    explicit TempXml(const std::string& xml) {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::path(::testing::TempDir()) /
                ("reports_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) +
                 ".xml");
        std::ofstream(path_, std::ios::binary) << xml;
    }
    ~TempXml() { std::filesystem::remove(path_); }
    std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

// Single quotes for the shell; the expressions come from the tests themselves.
std::string shell_quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string run(const std::string& command, int& status) {
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
    std::string output;
    std::array<char, 4096> buffer{};
    while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
    status = ::pclose(pipe);
    return output;
}

}  // namespace

bool xmllint_available() { return std::system("command -v xmllint >/dev/null 2>&1") == 0; }

bool well_formed(const std::string& xml) {
    const TempXml file(xml);
    int status = 0;
    run("xmllint --noout " + file.path() + " 2>&1", status);
    return status == 0;
}

std::string xpath(const std::string& xml, const std::string& expression) {
    const TempXml file(xml);
    int status = 0;
    std::string output = run("xmllint --xpath " + shell_quote(expression) + " " + file.path() +
                                 " 2>/dev/null",
                             status);
    if (status != 0) throw std::runtime_error("xmllint --xpath failed for " + expression);
    if (!output.empty() && output.back() == '\n') output.pop_back();  // xmllint adds one
    return output;
}

}  // namespace meshprobe::testing
