#include "enforce/ruleset.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "enforce/enforcement.h"

using namespace meshprobe;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {

FirewallTable one_rule_table() {
    FirewallTable table;
    table.name = "meshprobe_small";
    table.chains.push_back({"forward", "forward", -10, {{"iifname \"br-a\" ct state new", "drop", "why \"quoted\""}}});
    return table;
}

}  // namespace

TEST(Ruleset, RendersAsNftListsATableWithoutCounters) {
    EXPECT_EQ(to_nft(one_rule_table()),
              "table inet meshprobe_small {\n"
              "\tchain forward {\n"
              "\t\ttype filter hook forward priority filter - 10; policy accept;\n"
              "\t\tiifname \"br-a\" ct state new drop comment \"why 'quoted'\"\n"
              "\t}\n"
              "}\n");
}

TEST(Ruleset, ASetOfOneIsItsElement) {
    EXPECT_EQ(nft_set({"10.0.0.1"}), "10.0.0.1");
    EXPECT_EQ(nft_set({"10.0.0.1", "10.0.0.2"}), "{ 10.0.0.1, 10.0.0.2 }");
}

TEST(Ruleset, JsonCountsTheRules) {
    const nlohmann::json json = to_json(one_rule_table());
    EXPECT_EQ(json["rules"], 1);
    EXPECT_EQ(json["chains"][0]["rules"][0]["verdict"], "drop");
}

TEST(TableChanges, TheSameTableChangesNothing) {
    const std::string text = to_nft(one_rule_table());
    EXPECT_THAT(table_changes(text, text), IsEmpty());
}

TEST(TableChanges, AnAbsentTableGainsEveryLine) {
    EXPECT_EQ(table_changes(std::nullopt, to_nft(one_rule_table())).size(), 6u);
}

TEST(TableChanges, AChangedRuleIsOneLineOutAndOneIn) {
    FirewallTable after = one_rule_table();
    after.chains[0].rules[0].match = "iifname \"br-b\" ct state new";
    EXPECT_THAT(table_changes(to_nft(one_rule_table()), to_nft(after)),
                ElementsAre("- iifname \"br-a\" ct state new drop comment \"why 'quoted'\"",
                            "+ iifname \"br-b\" ct state new drop comment \"why 'quoted'\""));
}
