#pragma once
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace meshprobe::testing {

struct CorpusFile {
    std::string repo;      // folder under the corpus, e.g. "docker__compose@1.29.2"
    std::string path;      // inside the repo
    std::string features;  // MANIFEST.tsv notable_features
    bool expected_invalid = false;

    std::string relative() const { return repo + "/" + path; }
    bool has(const std::string& feature) const;
};

// Names the file in gtest messages instead of dumping its bytes.
void PrintTo(const CorpusFile& file, std::ostream* out);

// A gtest name for a parameterised corpus test: the file's path, other characters as '_'.
std::string corpus_test_name(const ::testing::TestParamInfo<CorpusFile>& info);

// The corpus folder, canonical (set at build time from the source tree).
std::string corpus_root();

// The rows of MANIFEST.tsv; empty when the corpus is not there.
std::vector<CorpusFile> read_manifest();

}  // namespace meshprobe::testing
