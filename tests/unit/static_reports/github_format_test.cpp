#include <gtest/gtest.h>

#include "reports/static/check_github.h"
#include "sample_findings.h"

namespace meshprobe::testing {
namespace {

std::string github() { return render_check_github(sample_report(), kBaseDir); }

TEST(GithubFormat, ErrorIsAnErrorCommandWithFileLineAndRuleTitle) {
    EXPECT_NE(github().find("::error file=compose.yaml,line=7,col=5,title=MESH006::db finding of MESH006 [dev, prod]%0Afix: fix it\n"),
              std::string::npos)
        << github();
}

TEST(GithubFormat, WarningIsAWarningCommandWithEscapedMessage) {
    EXPECT_NE(github().find("::warning file=mesh.yaml,line=4,col=5,title=MESH015::100%25 <odd> & \"quoted\", with: colon%0Aand a second line"),
              std::string::npos)
        << github();
}

TEST(GithubFormat, LeavesOutNotesAndSuppressedFindings) {
    EXPECT_EQ(github().find("MESH003"), std::string::npos);
    EXPECT_EQ(github().find("traefik"), std::string::npos);
}

TEST(GithubFormat, PropertyValuesEscapeCommasAndColons) {
    CheckReport report = sample_report();
    report.findings[0].where.file = "/repo/a,b:c.yaml";
    EXPECT_NE(render_check_github(report, kBaseDir).find("file=a%2Cb%3Ac.yaml,"), std::string::npos);
}

}  // namespace
}  // namespace meshprobe::testing
