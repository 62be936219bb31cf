// check, topology and explain answer from one model: for every pair of services and port
// they say the same (tests/unit/rules/agreement.h says what "the same" is for check).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "agreement.h"
#include "mixed_stack.h"
#include "project/model_source.h"

using namespace meshprobe;
using meshprobe::testing::disagreements;
using ::testing::IsEmpty;

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> contracts_under(const fs::path& root) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.path().filename() == "mesh.yaml") out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The disagreements of one contract file's base environment, each line prefixed with the file;
// false when the contract or its compose files are refused (the bad-input fixtures).
bool collect(const fs::path& contract_path, std::vector<std::string>& out) {
    ContractEnvironment loaded;
    try {
        loaded = load_contract_environment(contract_path.string(), "");
    } catch (const std::exception&) {
        return false;
    }
    for (const std::string& line : disagreements(loaded.contract, loaded.model, loaded.environment))
        out.push_back(contract_path.string() + ": " + line);
    return true;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

}  // namespace

TEST(Agreement, EveryFixtureHasOneAnswerPerPairInCheckTopologyAndExplain) {
    std::vector<std::string> found;
    int judged = 0;
    for (const fs::path& contract : contracts_under(FIXTURES_DIR)) judged += collect(contract, found);
    EXPECT_GE(judged, 20) << "fixtures judged; the loader refused the others";
    EXPECT_THAT(found, IsEmpty());
}

TEST(Agreement, EveryCorpusContractHasOneAnswerPerPairInCheckTopologyAndExplain) {
    ASSERT_TRUE(fs::is_directory(CORPUS_DIR)) << CORPUS_DIR << " (the compose corpus) is missing";
    std::vector<std::string> found;
    int judged = 0;
    for (const fs::path& source : contracts_under(CORPUS_CONTRACTS_DIR)) {
        // The contract names the corpus as @CORPUS@ (its only paths); the copy goes to a folder of its own.
        std::ifstream in(source);
        std::stringstream text;
        text << in.rdbuf();
        const fs::path folder = fs::temp_directory_path() / ("meshprobe-agreement-" + std::to_string(::getpid()));
        fs::create_directories(folder);
        const fs::path copy = folder / "mesh.yaml";
        std::ofstream(copy) << replaced(text.str(), "@CORPUS@", CORPUS_DIR);
        judged += collect(copy, found);
        fs::remove_all(folder);
    }
    EXPECT_GE(judged, 9) << "corpus contracts judged";
    EXPECT_THAT(found, IsEmpty());
}

TEST(Agreement, EveryGeneratedStackHasOneAnswerPerPairInCheckTopologyAndExplain) {
    std::vector<std::string> found;
    for (unsigned seed = 0; seed < 300; ++seed) {
        const meshprobe::testing::Stack stack = meshprobe::testing::mixed_stack(seed);
        for (const std::string& line : disagreements(stack.contract, stack.model, "base"))
            found.push_back("seed " + std::to_string(seed) + ": " + line);
    }
    EXPECT_THAT(found, IsEmpty());
}

