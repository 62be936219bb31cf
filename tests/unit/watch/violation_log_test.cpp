#include "watch/violation_log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "scratch_folder.h"

using namespace meshprobe;
using namespace meshprobe::watch;
using ::testing::HasSubstr;
using ::testing::SizeIs;

namespace {

Violation published(const std::string& service, const std::string& binding) {
    Violation v;
    v.kind = Kind::publish;
    v.service = service;
    v.subject = binding;
    v.detail = service + " publishes " + binding;
    return v;
}

Violation unreachable(const std::string& service, const std::string& id) {
    Violation v;
    v.kind = Kind::reach;
    v.service = service;
    v.subject = id;
    v.detail = id + " failed";
    return v;
}

std::vector<nlohmann::json> lines_of(const std::string& path) {
    std::ifstream in(path);
    std::vector<nlohmann::json> out;
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
}

class ViolationLogTest : public ::testing::Test {
protected:
    meshprobe::testing::ScratchFolder folder{"violation-log-test"};
    std::string log = folder.path("watch.log");
};

}  // namespace

TEST(ViolationFingerprint, StaysTheSameWhenOnlyTheWordsChange) {
    Violation a = published("db", "0.0.0.0:5432/tcp");
    Violation b = a;
    b.detail = "other words";
    b.evidence = "other evidence";
    EXPECT_EQ(a.fingerprint(), b.fingerprint());
    EXPECT_THAT(a.fingerprint(), SizeIs(16));
}

TEST(ViolationFingerprint, DiffersForAnotherSubjectServiceOrNetwork) {
    const Violation a = published("db", "0.0.0.0:5432/tcp");
    EXPECT_NE(a.fingerprint(), published("db", "0.0.0.0:5433/tcp").fingerprint());
    EXPECT_NE(a.fingerprint(), published("web", "0.0.0.0:5432/tcp").fingerprint());
    Violation on_network = a;
    on_network.network = "data";
    EXPECT_NE(a.fingerprint(), on_network.fingerprint());
}

TEST(ViolationFingerprint, KeepsFieldsApartThatWouldJoinToTheSameText) {
    EXPECT_NE(published("a", "b c").fingerprint(), published("a b", "c").fingerprint());
}

TEST_F(ViolationLogTest, AViolationFoundTwiceIsLoggedOnceAsOpen) {
    ViolationLog vlog(log, false);
    EXPECT_THAT(vlog.update(Source::model, {published("db", "0.0.0.0:5432/tcp")}), SizeIs(1));
    EXPECT_THAT(vlog.update(Source::model, {published("db", "0.0.0.0:5432/tcp")}), SizeIs(0));
    const auto lines = lines_of(log);
    ASSERT_THAT(lines, SizeIs(1));
    EXPECT_EQ(lines[0]["state"], "open");
    EXPECT_EQ(lines[0]["kind"], "publish");
    EXPECT_EQ(lines[0]["service"], "db");
    EXPECT_EQ(vlog.open_count(), 1);
}

TEST_F(ViolationLogTest, AViolationNoLongerFoundIsLoggedAsResolvedWithTheSameFingerprint) {
    ViolationLog vlog(log, false);
    vlog.update(Source::model, {published("db", "0.0.0.0:5432/tcp")});
    const auto written = vlog.update(Source::model, {});
    ASSERT_THAT(written, SizeIs(1));
    EXPECT_EQ(written[0].state, State::resolved);
    const auto lines = lines_of(log);
    ASSERT_THAT(lines, SizeIs(2));
    EXPECT_EQ(lines[1]["state"], "resolved");
    EXPECT_EQ(lines[1]["fingerprint"], lines[0]["fingerprint"]);
    EXPECT_EQ(vlog.open_count(), 0);
}

TEST_F(ViolationLogTest, AProbeRoundNeverResolvesWhatTheModelFound) {
    ViolationLog vlog(log, false);
    vlog.update(Source::model, {published("db", "0.0.0.0:5432/tcp")});
    vlog.update(Source::probes, {unreachable("web", "reach.web.api.8080")});
    EXPECT_THAT(vlog.update(Source::probes, {}), SizeIs(1));  // the probe's own, resolved
    EXPECT_EQ(vlog.open_count(), 1);
    EXPECT_THAT(vlog.update(Source::model, {published("db", "0.0.0.0:5432/tcp")}), SizeIs(0));
}

TEST_F(ViolationLogTest, ARestartOnTheSameLogDoesNotReportWhatIsStillOpen) {
    {
        ViolationLog vlog(log, false);
        vlog.update(Source::model, {published("db", "0.0.0.0:5432/tcp"), published("web", "0.0.0.0:80/tcp")});
        vlog.update(Source::model, {published("db", "0.0.0.0:5432/tcp")});  // web's resolved
    }
    ViolationLog again(log, false);
    EXPECT_EQ(again.open_count(), 1);
    EXPECT_THAT(again.update(Source::model, {published("db", "0.0.0.0:5432/tcp")}), SizeIs(0));
    EXPECT_THAT(lines_of(log), SizeIs(3));
}

TEST_F(ViolationLogTest, ARestartResolvesWhatWasOpenAndIsGoneNow) {
    {
        ViolationLog vlog(log, false);
        vlog.update(Source::model, {published("db", "0.0.0.0:5432/tcp")});
    }
    ViolationLog again(log, false);
    const auto written = again.update(Source::model, {});
    ASSERT_THAT(written, SizeIs(1));
    EXPECT_EQ(written[0].state, State::resolved);
    EXPECT_EQ(written[0].violation.service, "db");
}

TEST_F(ViolationLogTest, ALastLineCutShortIsIgnoredAndTheNextLineStartsOnANewLine) {
    {
        ViolationLog vlog(log, false);
        vlog.update(Source::model, {published("db", "0.0.0.0:5432/tcp")});
    }
    std::ofstream(log, std::ios::app) << R"({"time":"2026-12-04T00:00:00.000Z","kind":"publ)";
    ViolationLog again(log, false);
    EXPECT_EQ(again.open_count(), 1);
}

TEST_F(ViolationLogTest, ALogHoldingAnotherProgramsLinesIsAnInputErrorWithItsLine) {
    folder.write("watch.log", "{\"fingerprint\":\"0123456789abcdef\",\"state\":\"open\",\"kind\":\"publish\"}\nnot json\n");
    try {
        ViolationLog vlog(log, false);
        FAIL() << "a foreign log was accepted";
    } catch (const InputError& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("watch.log:2"));
    }
}

TEST_F(ViolationLogTest, EveryLineWrittenIsHandedToTheFollower) {
    ViolationLog vlog(log, false);
    std::vector<State> seen;
    vlog.on_entry = [&](const LogEntry& entry) { seen.push_back(entry.state); };
    vlog.update(Source::model, {published("db", "0.0.0.0:5432/tcp")});
    vlog.update(Source::model, {});
    EXPECT_EQ(seen, (std::vector<State>{State::open, State::resolved}));
}
