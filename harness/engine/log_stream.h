#pragma once
#include <string>
#include <string_view>

namespace meshprobe {

// A container's output, split by stream. (Not named stdout/stderr: those are macros.)
struct Logs {
    std::string out;
    std::string err;
};

// Splits the engine's multiplexed log stream (containers without a TTY): frames of an
// 8-byte header {stream, 0, 0, 0, big-endian uint32 size} and the payload. A stream that
// does not start with such a header (a TTY container) is all stdout.
Logs demultiplex_logs(std::string_view stream);

}  // namespace meshprobe
