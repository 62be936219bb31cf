#include <gtest/gtest.h>

#include "reports/static/check_text.h"
#include "sample_findings.h"

namespace meshprobe::testing {
namespace {

std::string text(bool color = false, bool verbose = false, bool quiet = false) {
    return render_check_text(sample_report(), CheckRenderOptions{kBaseDir, color, verbose, quiet, ""});
}

TEST(TextFormat, GroupsFindingsUnderTheirFileRelativeToTheBase) {
    std::string out = text();
    auto compose = out.find("compose.yaml\n");
    auto mesh = out.find("mesh.yaml\n");
    ASSERT_NE(compose, std::string::npos) << out;
    ASSERT_NE(mesh, std::string::npos) << out;
    EXPECT_LT(compose, mesh);
    EXPECT_EQ(out.find("/repo/"), std::string::npos) << out;
}

TEST(TextFormat, ShowsLineRuleMessageAndFixHint) {
    std::string out = text();
    EXPECT_NE(out.find("     7  error MESH006: db finding of MESH006\n        fix: fix it\n"), std::string::npos) << out;
}

TEST(TextFormat, ShowsSuppressedFindingsWithTheirReason) {
    EXPECT_NE(text().find("suppressed: legacy clients"), std::string::npos);
}

TEST(TextFormat, HidesNotesUnlessVerbose) {
    EXPECT_EQ(text().find("MESH003"), std::string::npos);
    EXPECT_NE(text(false, true).find("MESH003"), std::string::npos);
    EXPECT_NE(text().find("1 note (-v shows them)"), std::string::npos);
}

TEST(TextFormat, NamesTheEnvironmentsOfAFindingNotInAllOfThem) {
    EXPECT_NE(text(false, true).find("MESH003 [dev]:"), std::string::npos);
}

TEST(TextFormat, EndsWithASummary) {
    EXPECT_NE(text().find("meshprobe check: 1 error, 1 warning, 1 note (-v shows them), 1 suppressed in environments dev, prod"),
              std::string::npos)
        << text();
}

TEST(TextFormat, HasNoEscapeCodesWithoutColour) { EXPECT_EQ(text().find('\x1b'), std::string::npos); }

TEST(TextFormat, ColoursSeverityWhenAsked) { EXPECT_NE(text(true).find("\x1b[31merror\x1b[0m"), std::string::npos); }

TEST(TextFormat, QuietShowsOnlyErrorsAndNoSummary) {
    std::string out = text(false, false, true);
    EXPECT_NE(out.find("db finding of MESH006"), std::string::npos);
    EXPECT_EQ(out.find("MESH015"), std::string::npos);
    EXPECT_EQ(out.find("suppressed"), std::string::npos);
    EXPECT_EQ(out.find("meshprobe check:"), std::string::npos);
}

}  // namespace
}  // namespace meshprobe::testing
