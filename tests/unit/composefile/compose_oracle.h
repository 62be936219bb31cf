#pragma once
#include <map>
#include <string>
#include <vector>

namespace meshprobe::testing {

// One `docker-compose config` (v1) or `docker compose config` (v2) rendering of corpus files:
// the oracle of the corpus tests.
struct OracleRequest {
    std::vector<std::string> files;        // -f: absolute paths under the corpus, or generated
                                           // ones outside it; empty: compose finds its own (v2)
    std::string env_file;                  // absolute, or empty for compose's own `.env` lookup
    std::map<std::string, std::string> environment;  // the whole environment compose gets
    // compose v2 and its flags (v1 is given none of them).
    bool v2 = false;
    std::string project_name;              // -p
    std::vector<std::string> profiles;     // --profile
    std::string directory;                 // where v2 runs, under the corpus; empty: the first file's
                                           // folder. Without files its compose files, .env and
                                           // override count in the cache key.
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
// compose v1 runs with --project-directory the first file's folder; v2 with no
// --project-directory, in `directory`, as a person types it.
OracleAnswer render_with_compose(const OracleRequest& request, const std::string& corpus_root,
                                 const std::string& work_dir);

// A file's bytes; empty when it cannot be read.
std::string read_text(const std::string& path);

// Writes `text` to `path` (folders made) unless it holds it already, through a rename: parallel
// test processes never read half a file, and a link there (into the corpus) is replaced, not
// written through.
void write_text(const std::string& path, const std::string& text);

// `repo` of `corpus_root` under `to`: real folders, files as links, so the copy can grow files
// (a generated .env or override) without touching the corpus.
void mirror_repo(const std::string& corpus_root, const std::string& repo, const std::string& to);

}  // namespace meshprobe::testing
