#include "composefile/interpolation.h"

#include <gtest/gtest.h>

#include "core/errors.h"

namespace meshprobe {
namespace {

const Variables kVariables = {{"NAME", "web"}, {"EMPTY", ""}, {"PORT", "8080"}};
const SourceLocation kWhere{"compose.yaml", 7};

std::string expand(const std::string& text) { return interpolate(text, kVariables, kWhere); }

TEST(Interpolation, SubstitutesBracedAndBareNames) {
    EXPECT_EQ(expand("${NAME}:$PORT"), "web:8080");
}

TEST(Interpolation, UnsetVariableIsEmpty) { EXPECT_EQ(expand("a${MISSING}b$MISSING"), "ab"); }

TEST(Interpolation, ColonDashDefaultAppliesWhenUnsetOrEmpty) {
    EXPECT_EQ(expand("${MISSING:-d}"), "d");
    EXPECT_EQ(expand("${EMPTY:-d}"), "d");
    EXPECT_EQ(expand("${NAME:-d}"), "web");
}

TEST(Interpolation, DashDefaultAppliesOnlyWhenUnset) {
    EXPECT_EQ(expand("${MISSING-d}"), "d");
    EXPECT_EQ(expand("${EMPTY-d}"), "");
}

TEST(Interpolation, PlusGivesTheAlternativeWhenSet) {
    EXPECT_EQ(expand("${NAME:+yes}"), "yes");
    EXPECT_EQ(expand("${EMPTY:+yes}"), "");
    EXPECT_EQ(expand("${EMPTY+yes}"), "yes");
    EXPECT_EQ(expand("${MISSING+yes}"), "");
}

TEST(Interpolation, DefaultsMayHoldVariables) { EXPECT_EQ(expand("${MISSING:-${NAME}-x}"), "web-x"); }

TEST(Interpolation, DoubleDollarIsALiteralDollar) { EXPECT_EQ(expand("$$NAME $${NAME}"), "$NAME ${NAME}"); }

TEST(Interpolation, RequiredVariableMissingIsAnInputErrorAtTheLine) {
    try {
        expand("${MISSING:?set MISSING first}");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().str(), "compose.yaml:7");
        EXPECT_NE(std::string(e.what()).find("set MISSING first"), std::string::npos);
    }
}

TEST(Interpolation, QuestionWithoutColonAcceptsAnEmptyValue) {
    EXPECT_EQ(expand("${EMPTY?x}"), "");
    EXPECT_THROW(expand("${EMPTY:?x}"), InputError);
    EXPECT_THROW(expand("${MISSING?x}"), InputError);
}

TEST(Interpolation, MalformedExpressionsAreInputErrors) {
    EXPECT_THROW(expand("${NAME"), InputError);
    EXPECT_THROW(expand("${}"), InputError);
    EXPECT_THROW(expand("$"), InputError);
    EXPECT_THROW(expand("${NAME!x}"), InputError);
}

}  // namespace
}  // namespace meshprobe
