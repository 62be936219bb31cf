#pragma once
#include <map>
#include <string>
#include <vector>

namespace meshprobe::testing {

// One `docker-compose config` rendering of corpus files: the oracle of the corpus test.
struct OracleRequest {
    std::vector<std::string> files;        // absolute paths under the corpus
    std::string env_file;                  // absolute, or empty for compose's own `.env` lookup
    std::map<std::string, std::string> environment;  // the whole environment compose gets
};

struct OracleAnswer {
    bool ok = false;
    std::string rendered;  // compose's output when ok
    std::string error;     // compose's complaint otherwise
};

// Renders with the installed docker-compose (v1). Answers are cached under `work_dir` by
// request and file contents, so only the first run pays for compose. Compose checks that
// build contexts and service env files exist, which a corpus of compose files alone lacks:
// it runs on a mirror of the corpus (symlinked files) where the missing folders and empty
// env files are added; neither changes the topology.
OracleAnswer render_with_compose(const OracleRequest& request, const std::string& corpus_root,
                                 const std::string& work_dir);

}  // namespace meshprobe::testing
