#include "engine/log_stream.h"

#include <gtest/gtest.h>

namespace meshprobe {
namespace {

std::string frame(char stream, const std::string& payload) {
    std::string header(8, '\0');
    header[0] = stream;
    auto size = static_cast<std::uint32_t>(payload.size());
    for (int i = 0; i < 4; ++i) header[7 - i] = static_cast<char>((size >> (8 * i)) & 0xFF);
    return header + payload;
}

TEST(LogStream, SplitsStdoutAndStderrFrames) {
    Logs logs = demultiplex_logs(frame(1, "to out\n") + frame(2, "to err\n"));
    EXPECT_EQ(logs.out, "to out\n");
    EXPECT_EQ(logs.err, "to err\n");
}

TEST(LogStream, JoinsFramesOfOneStreamInOrder) {
    Logs logs = demultiplex_logs(frame(1, "a") + frame(2, "x") + frame(1, "b") + frame(1, "c"));
    EXPECT_EQ(logs.out, "abc");
    EXPECT_EQ(logs.err, "x");
}

TEST(LogStream, ReadsFramesLargerThan255Bytes) {
    std::string big(70000, 'z');
    Logs logs = demultiplex_logs(frame(1, big) + frame(2, "e"));
    EXPECT_EQ(logs.out, big);
    EXPECT_EQ(logs.err, "e");
}

TEST(LogStream, KeepsBinaryPayloadIntact) {
    std::string payload("\0\x01\x02\xff", 4);
    EXPECT_EQ(demultiplex_logs(frame(1, payload)).out, payload);
}

TEST(LogStream, StreamWithoutHeadersIsAllStdout) {
    Logs logs = demultiplex_logs("plain tty output\n");
    EXPECT_EQ(logs.out, "plain tty output\n");
    EXPECT_EQ(logs.err, "");
}

TEST(LogStream, TruncatedFrameKeepsWhatArrived) {
    std::string cut = frame(1, "complete") + frame(2, "half of it").substr(0, 8 + 4);
    Logs logs = demultiplex_logs(cut);
    EXPECT_EQ(logs.out, "complete");
    EXPECT_EQ(logs.err, "half");
}

TEST(LogStream, EmptyStreamGivesEmptyLogs) {
    Logs logs = demultiplex_logs("");
    EXPECT_EQ(logs.out, "");
    EXPECT_EQ(logs.err, "");
}

}  // namespace
}  // namespace meshprobe
