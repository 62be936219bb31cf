#pragma once
#include <string>
#include <string_view>

namespace meshprobe {

// Writes a POSIX ustar archive in memory: enough to hand a root filesystem to the engine.
// Entries are owned by root and dated 1970, so equal input gives byte-equal archives.
class TarWriter {
public:
    // name is relative ("probe", "etc/hosts") and at most 100 bytes.
    void add_file(std::string_view name, std::string_view contents, unsigned mode = 0644);
    // name ends with '/' ("tmp/").
    void add_directory(std::string_view name, unsigned mode = 0755);
    // The archive with its two-block end marker; the writer is spent afterwards.
    std::string finish();

private:
    void add_header(std::string_view name, unsigned mode, std::size_t size, char type);
    std::string data_;
};

}  // namespace meshprobe
