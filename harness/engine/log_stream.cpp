#include "engine/log_stream.h"

#include <cstdint>

namespace meshprobe {
namespace {

constexpr std::size_t kHeaderSize = 8;
constexpr unsigned char kStdout = 1;
constexpr unsigned char kStderr = 2;

bool is_frame_header(std::string_view data) {
    if (data.size() < kHeaderSize) return false;
    auto stream = static_cast<unsigned char>(data[0]);
    return stream <= kStderr && data[1] == 0 && data[2] == 0 && data[3] == 0;
}

std::uint32_t frame_size(std::string_view header) {
    std::uint32_t size = 0;
    for (std::size_t i = 4; i < kHeaderSize; ++i) {
        size = (size << 8) | static_cast<unsigned char>(header[i]);
    }
    return size;
}

}  // namespace

Logs demultiplex_logs(std::string_view stream) {
    Logs logs;
    if (!stream.empty() && !is_frame_header(stream)) {
        logs.out = stream;
        return logs;
    }
    while (is_frame_header(stream)) {
        auto kind = static_cast<unsigned char>(stream[0]);
        std::uint32_t size = frame_size(stream);
        stream.remove_prefix(kHeaderSize);
        // A frame cut short (the container died mid-write) keeps what arrived.
        std::string_view payload = stream.substr(0, size);
        stream.remove_prefix(payload.size());
        if (kind == kStderr) {
            logs.err += payload;
        } else if (kind == kStdout) {
            logs.out += payload;
        }
    }
    return logs;
}

}  // namespace meshprobe
