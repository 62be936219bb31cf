#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "rules/rule_catalog.h"

namespace meshprobe {
namespace {

TEST(RuleCatalog, HasEveryRuleFromMesh000ToMesh018InOrder) {
    const auto& rules = all_rules();
    ASSERT_EQ(rules.size(), 19u);
    for (std::size_t i = 0; i < rules.size(); ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "MESH%03zu", i);
        EXPECT_EQ(rules[i].id, id);
        EXPECT_FALSE(rules[i].help.empty()) << id;
        EXPECT_FALSE(rules[i].name.empty()) << id;
    }
}

TEST(RuleCatalog, HelpLinksPointAtTheRulesSectionOfTheDocs) {
    EXPECT_NE(find_rule("MESH006")->doc.find("docs/rules.md#mesh006"), std::string::npos);
}

TEST(RuleCatalog, EveryRuleHasASectionInDocsRules) {
    std::ifstream file(RULES_DOC);
    std::stringstream text;
    text << file.rdbuf();
    for (const RuleInfo& rule : all_rules()) {
        EXPECT_NE(text.str().find("## " + rule.id), std::string::npos) << rule.id;
    }
}

TEST(RuleCatalog, UnknownIdHasNoRule) { EXPECT_EQ(find_rule("MESH999"), nullptr); }

}  // namespace
}  // namespace meshprobe
