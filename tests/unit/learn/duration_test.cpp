#include "learn/duration.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"

namespace meshprobe {
namespace {

TEST(Duration, ReadsSecondsMinutesAndHours) {
    EXPECT_EQ(parse_duration_seconds("30s", "--duration"), 30);
    EXPECT_EQ(parse_duration_seconds("5m", "--duration"), 300);
    EXPECT_EQ(parse_duration_seconds("1h", "--duration"), 3600);
    EXPECT_EQ(parse_duration_seconds("7", "--duration"), 7);
}

TEST(Duration, RefusesZeroUnknownUnitsAndMoreThanADay) {
    for (const char* bad : {"0s", "3d", "s", "", "-5s", "25h", "1.5m"}) {
        try {
            parse_duration_seconds(bad, "--duration");
            ADD_FAILURE() << bad << " was accepted";
        } catch (const InputError& error) {
            EXPECT_THAT(error.what(), ::testing::HasSubstr("--duration '" + std::string(bad) + "'"));
        }
    }
}

}  // namespace
}  // namespace meshprobe
