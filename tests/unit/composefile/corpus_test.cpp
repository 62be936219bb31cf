// Every real-world compose file of the corpus is read as compose
// reads it. The oracle is the installed docker-compose (v1 1.29.2).
#include <gtest/gtest.h>

#include <filesystem>

#include "rendered_compose.h"
#include "compose_oracle.h"
#include "composefile/compose_loader.h"
#include "core/errors.h"
#include "corpus_outcome.h"
#include "corpus_setup.h"
#include "topology_view.h"

namespace meshprobe::testing {
namespace {

Outcome load_with_meshprobe(const CorpusRun& run) {
    ComposeInputs inputs;
    inputs.files = run.files;
    if (!run.env_file.empty()) inputs.env_files = {run.env_file};
    inputs.environment = run.environment;
    try {
        return {true, topology_view(load_compose(inputs)), {}};
    } catch (const InputError& e) {
        return {false, {}, e.what()};
    }
}

Outcome render_with_oracle(const CorpusRun& run) {
    OracleRequest request;
    request.files = run.files;
    request.env_file = run.env_file;
    request.environment = run.environment;
    const OracleAnswer answer = render_with_compose(request, corpus_root(), COMPOSEFILE_ORACLE_DIR);
    if (!answer.ok) return {false, {}, answer.error};
    try {
        // compose 1.29 renders every profile; with none active the loader keeps what `up` starts.
        return {true, topology_view(load_rendered(answer.rendered)), {}};
    } catch (const InputError& e) {
        return {false, {}, std::string("meshprobe's loader refuses compose's own rendering: ") + e.what()};
    }
}

class CorpusFileTest : public ::testing::TestWithParam<CorpusFile> {};

TEST_P(CorpusFileTest, IsReadAsComposeReadsIt) {
    const CorpusFile& file = GetParam();
    const CorpusRun run = corpus_run(file);
    const Outcome meshprobe = load_with_meshprobe(run);

    if (file.expected_invalid) {
        ASSERT_FALSE(meshprobe.ok) << file.relative() << " is marked EXPECTED-INVALID but loads:\n" << meshprobe.view;
        EXPECT_NE(meshprobe.error.find(':'), std::string::npos) << "no location in: " << meshprobe.error;
        return;
    }
    const Outcome compose = render_with_oracle(run);
    if (const auto known = known_difference(file)) {
        RecordProperty("known_difference", known->reason);
        EXPECT_EQ(meshprobe.ok, known->meshprobe_loads) << describe("meshprobe", meshprobe);
        // A file both refuse agrees with compose; it is listed because it is not marked invalid.
        if (known->meshprobe_loads) {
            EXPECT_FALSE(same(meshprobe, compose))
                << file.relative() << " no longer differs from compose: remove it from the allow-list";
        }
        return;
    }
    EXPECT_TRUE(meshprobe.ok) << describe("meshprobe", meshprobe);
    EXPECT_TRUE(compose.ok) << describe("compose", compose);
    EXPECT_EQ(meshprobe.view, compose.view) << file.relative();
}

// Without the corpus the parameterised test has nothing to run; this says why, and fails.
TEST(Corpus, IsPresentWithItsManifest) {
    EXPECT_GT(read_manifest().size(), 300u) << "no corpus manifest under " << COMPOSEFILE_CORPUS_DIR
                                            << " (set -DMESHPROBE_CORPUS_DIR)";
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CorpusFileTest);
INSTANTIATE_TEST_SUITE_P(Corpus, CorpusFileTest, ::testing::ValuesIn(read_manifest()), corpus_test_name);

}  // namespace
}  // namespace meshprobe::testing
