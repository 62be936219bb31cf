#include "reports/xml_text.h"

#include <gtest/gtest.h>

namespace meshprobe {
namespace {

using namespace std::string_literals;

TEST(XmlText, EscapesMarkupCharactersAndLeavesQuotesInText) {
    EXPECT_EQ(xml_text(R"(<a href="x">&'</a>)"), R"(&lt;a href="x"&gt;&amp;'&lt;/a&gt;)");
}

TEST(XmlText, EscapesBothQuotesInAttributes) {
    EXPECT_EQ(xml_attribute(R"(<a href="x">&'</a>)"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
}

TEST(XmlText, KeepsNewlinesAndTabsLiteralInText) {
    EXPECT_EQ(xml_text("a\n\tb"), "a\n\tb");
}

TEST(XmlText, EncodesCarriageReturnSoItSurvivesParsing) {
    EXPECT_EQ(xml_text("a\r\nb"), "a&#13;\nb");
}

TEST(XmlText, EncodesWhitespaceControlsInAttributes) {
    EXPECT_EQ(xml_attribute("a\tb\nc\rd"), "a&#9;b&#10;c&#13;d");
}

TEST(XmlText, StripsOtherControlCharacters) {
    EXPECT_EQ(xml_text("a\0b\x01\x07\x1b[31mc\x7f"s), "ab[31mc");
}

TEST(XmlText, StripsC1ControlCharacters) {
    EXPECT_EQ(xml_text("a\xC2\x85" "b"), "ab");
}

TEST(XmlText, KeepsValidMultiByteUtf8) {
    EXPECT_EQ(xml_text("caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x90\xB3"), "caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x90\xB3");
}

TEST(XmlText, ReplacesInvalidUtf8WithReplacementCharacter) {
    const std::string replacement = "\xEF\xBF\xBD";
    EXPECT_EQ(xml_text("a\xFF" "b"), "a" + replacement + "b");
    EXPECT_EQ(xml_text("\xC0\xAF"), replacement + replacement);  // overlong '/'
    EXPECT_EQ(xml_text("\xED\xA0\x80"), replacement + replacement + replacement);  // surrogate
    EXPECT_EQ(xml_text("end\xE2\x9C"), "end" + replacement + replacement);  // truncated
}

TEST(XmlText, DropsNoncharactersFffeAndFfff) {
    EXPECT_EQ(xml_text("a\xEF\xBF\xBE\xEF\xBF\xBF" "b"), "ab");
}

TEST(XmlText, NeverLetsCdataTerminatorThrough) {
    EXPECT_EQ(xml_text("]]>"), "]]&gt;");
}

}  // namespace
}  // namespace meshprobe
