// No input, however mangled, may end in anything but a contract or an InputError.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "contract_test_support.h"

namespace meshprobe {
namespace {

namespace fs = std::filesystem;
using testing::ContractFolder;
using testing::valid_example_dir;

struct Variant {
    std::string description;
    std::string text;
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) text += line + "\n";
    return text;
}

// Replaces what follows the first ": " of a line (or the whole line when it has none).
std::string with_value(const std::string& line, const std::string& value) {
    size_t colon = line.find(": ");
    return colon == std::string::npos ? value : line.substr(0, colon + 2) + value;
}

std::vector<Variant> mangled(const std::string& text) {
    const std::vector<std::string> lines = lines_of(text);
    std::vector<Variant> variants;
    auto add = [&](const std::string& description, size_t at, std::vector<std::string> changed) {
        variants.push_back({description + " at line " + std::to_string(at + 1), joined(changed)});
    };
    for (size_t i = 0; i < lines.size(); ++i) {
        add("truncated", i, std::vector<std::string>(lines.begin(), lines.begin() + i));
        std::vector<std::string> changed = lines;
        changed.erase(changed.begin() + i);
        add("line removed", i, changed);
        changed = lines;
        changed[i] = " " + changed[i];
        add("indented", i, changed);
        changed = lines;
        if (changed[i].starts_with(" ")) changed[i].erase(0, 1);
        add("outdented", i, changed);
        for (const char* value :
             {"[1, [2]]", "{a: {b: c}}", "", "~", "\"", "*undefined", "-1", "[x]: y"}) {
            changed = lines;
            changed[i] = with_value(changed[i], value);
            add(std::string("value '") + value + "'", i, changed);
        }
    }
    return variants;
}

std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

class MangledInput : public ::testing::Test {
protected:
    MangledInput() {
        fs::copy(valid_example_dir(), folder.dir(),
                 fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    }

    // Writes each variant to `file` and loads the contract, which must succeed or raise InputError.
    void expect_only_input_errors(const std::string& file) {
        const std::string original = read(folder.path(file));
        int loaded = 0;
        int rejected = 0;
        for (const Variant& variant : mangled(original)) {
            folder.write(file, variant.text);
            try {
                load_contract(folder.path("mesh.yaml"));
                ++loaded;
            } catch (const InputError&) {
                ++rejected;
            } catch (const std::exception& other) {
                ADD_FAILURE() << file << " " << variant.description << ": " << other.what() << "\n"
                              << variant.text;
            } catch (...) {
                ADD_FAILURE() << file << " " << variant.description << ": a non-standard exception";
            }
        }
        folder.write(file, original);
        EXPECT_GT(loaded, 0)
            << "harmless variants (an indented list entry, a dropped suppression) must still load";
        EXPECT_GT(rejected, 0);
    }

    ContractFolder folder;
};

TEST_F(MangledInput, MangledContractLoadsOrRaisesInputError) {
    expect_only_input_errors("mesh.yaml");
}

TEST_F(MangledInput, MangledMetadataLoadsOrRaisesInputError) {
    expect_only_input_errors(".codex/services/backend.yaml");
}

}  // namespace
}  // namespace meshprobe
