#include "corpus_manifest.h"

#include <cctype>
#include <filesystem>
#include <fstream>

namespace meshprobe::testing {

bool CorpusFile::has(const std::string& feature) const { return features.find(feature) != std::string::npos; }

void PrintTo(const CorpusFile& file, std::ostream* out) { *out << file.relative(); }

std::string corpus_test_name(const ::testing::TestParamInfo<CorpusFile>& info) {
    std::string name = info.param.relative();
    for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    return name;
}

std::string corpus_root() {
    return std::filesystem::weakly_canonical(COMPOSEFILE_CORPUS_DIR).string();
}

std::vector<CorpusFile> read_manifest() {
    std::vector<CorpusFile> files;
    std::ifstream in(corpus_root() + "/MANIFEST.tsv");
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        size_t start = 0;
        for (size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
            fields.push_back(line.substr(start, tab - start));
        }
        fields.push_back(line.substr(start));
        if (fields.size() < 5) continue;
        CorpusFile file{fields[0], fields[2], fields[4], false};
        file.expected_invalid = file.has("EXPECTED-INVALID");
        files.push_back(file);
    }
    return files;
}

}  // namespace meshprobe::testing
