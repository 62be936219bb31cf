#pragma once
#include <memory>
#include <string>
#include <string_view>

struct archive;

namespace meshprobe {

// Writes a POSIX ustar archive in memory with libarchive: enough to hand a root filesystem to the
// engine. Entries are owned by root and dated 1970, so equal input gives byte-equal archives.
// Not movable: libarchive writes into this object's buffer.
class TarWriter {
public:
    TarWriter();
    ~TarWriter();
    TarWriter(const TarWriter&) = delete;
    TarWriter& operator=(const TarWriter&) = delete;

    // name is relative ("probe", "etc/hosts") and at most 100 bytes.
    // std::invalid_argument for another name; std::runtime_error when libarchive fails.
    void add_file(std::string_view name, std::string_view contents, unsigned mode = 0644);
    // name ends with '/' ("tmp/"). std::invalid_argument otherwise; std::runtime_error when
    // libarchive fails.
    void add_directory(std::string_view name, unsigned mode = 0755);
    // The archive with its two-block end marker; the writer is spent afterwards.
    // std::runtime_error when libarchive fails.
    std::string finish();

private:
    struct ArchiveFree {
        void operator()(archive* a) const;
    };
    void add_entry(std::string_view name, unsigned type_and_mode, std::string_view contents);
    std::string data_;
    std::unique_ptr<archive, ArchiveFree> archive_;
};

}  // namespace meshprobe
