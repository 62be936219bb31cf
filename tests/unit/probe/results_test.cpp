#include <gtest/gtest.h>

#include "probes/result.h"

namespace meshprobe::probe {
namespace {

TEST(ResultsDocument, ListsEveryResultInOrderWithTheProtocolFields) {
    CheckResult dns{"k1", CheckKind::dns, Status::resolved, {"172.20.0.3"}, "", std::nullopt, "", 1.94};
    CheckResult tcp{"k2", CheckKind::tcp, Status::connected, {}, "172.20.0.3", "meshprobe-standin db", "", 2.4};
    EXPECT_EQ(results_document({dns, tcp}),
              R"({"results":[{"key":"k1","kind":"dns","status":"resolved","addresses":["172.20.0.3"],"ms":1.9},)"
              R"({"key":"k2","kind":"tcp","status":"connected","address":"172.20.0.3",)"
              R"("banner":"meshprobe-standin db","ms":2.4}]})");
}

TEST(ResultsDocument, CarriesTheDetailOfAnError) {
    CheckResult error{"k", CheckKind::tcp, Status::error, {}, "10.0.0.1", std::nullopt, "Permission denied", 0.2};
    EXPECT_EQ(results_document({error}),
              R"({"results":[{"key":"k","kind":"tcp","status":"error","address":"10.0.0.1",)"
              R"("detail":"Permission denied","ms":0.2}]})");
}

TEST(ResultsDocument, ReplacesABannerThatIsNotUtf8) {
    CheckResult tcp{"k", CheckKind::tcp, Status::connected, {}, "10.0.0.1", std::string("\xff\xfe"), "", 1};
    EXPECT_NE(results_document({tcp}).find("\"banner\":\"\xEF\xBF\xBD\xEF\xBF\xBD\""), std::string::npos);
}

TEST(ResultsParsing, ReadsBackWhatTheProbeWrites) {
    CheckResult unresolved{"k", CheckKind::tcp, Status::unresolved, {}, "", std::nullopt, "nxdomain", 0.9};
    CheckResult connected{"c", CheckKind::tcp, Status::connected, {}, "10.0.0.2", "hi", "", 3};
    const std::vector<CheckResult> results = parse_results(results_document({unresolved, connected}));
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0].status, Status::unresolved);
    EXPECT_EQ(results[0].detail, "nxdomain");
    EXPECT_FALSE(results[0].banner.has_value());
    EXPECT_EQ(results[1].address, "10.0.0.2");
    EXPECT_EQ(results[1].banner, "hi");
    EXPECT_DOUBLE_EQ(results[1].ms, 3);
}

TEST(ResultsParsing, RejectsAnUnknownStatus) {
    EXPECT_THROW(parse_results(R"({"results":[{"key":"k","kind":"tcp","status":"open","ms":1}]})"), ResultsError);
}

TEST(ResultsParsing, RejectsOutputThatIsNotADocument) {
    EXPECT_THROW(parse_results("probe: bad plan"), ResultsError);
}

}  // namespace
}  // namespace meshprobe::probe
