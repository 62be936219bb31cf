#include <gtest/gtest.h>

#include "contract/suggest.h"

namespace meshprobe {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndReplacements) {
    EXPECT_EQ(edit_distance("egress", "egress"), 0);
    EXPECT_EQ(edit_distance("egres", "egress"), 1);
    EXPECT_EQ(edit_distance("egrexs", "egress"), 1);
    EXPECT_EQ(edit_distance("", "abc"), 3);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3);
}

TEST(DidYouMean, NamesTheClosestCandidate) {
    EXPECT_EQ(did_you_mean("dependancies", {"dependencies", "tier", "role"}),
              "; did you mean 'dependencies'?");
}

TEST(DidYouMean, IgnoresCase) {
    EXPECT_EQ(did_you_mean("Tiers", {"tiers"}), "; did you mean 'tiers'?");
}

TEST(DidYouMean, StaysQuietWhenNothingIsClose) {
    EXPECT_EQ(did_you_mean("zzzz", {"tiers", "flows"}), "");
}

TEST(DidYouMean, CompletesACutShortWord) {
    EXPECT_EQ(did_you_mean("timeout", {"timeout_ms", "egress_targets"}),
              "; did you mean 'timeout_ms'?");
}

TEST(DidYouMean, IsStricterForShortWords) {
    EXPECT_EQ(did_you_mean("ab", {"to"}), "");
}

}  // namespace
}  // namespace meshprobe
