#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "corpus_manifest.h"

namespace meshprobe::testing {

// What both meshprobe and compose get for one corpus file: the same files, env file and
// environment.
struct CorpusRun {
    std::vector<std::string> files;  // absolute; bases first when the file is an overlay
    std::string env_file;            // absolute or empty
    std::map<std::string, std::string> environment;
};

CorpusRun corpus_run(const CorpusFile& file);

struct KnownDifference {
    bool meshprobe_loads = true;  // what meshprobe must still do with the file
    std::string reason;
};

// Why meshprobe and compose 1.29 differ on a file, when they do; nullopt for none.
std::optional<KnownDifference> known_difference(const CorpusFile& file);

// Why what `check` judges with compose's options differs from what compose v2 renders with the
// same (corpus_view_test.cpp), when it does; nullopt for none.
std::optional<KnownDifference> known_view_difference(const CorpusFile& file);

}  // namespace meshprobe::testing
