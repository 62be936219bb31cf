#include "engine/tar_writer.h"

#include <stdexcept>

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

namespace meshprobe {
namespace {

constexpr std::size_t kNameSize = 100;  // ustar's name field; longer names would need its prefix

la_ssize_t append(archive*, void* client_data, const void* buffer, std::size_t length) {
    static_cast<std::string*>(client_data)->append(static_cast<const char*>(buffer), length);
    return static_cast<la_ssize_t>(length);
}

void check(archive* a, int status, std::string_view what) {
    if (status == ARCHIVE_OK) return;
    const char* error = archive_error_string(a);
    throw std::runtime_error(fmt::format("tar: {}: {}", what, error ? error : "failed"));
}

struct EntryFree {
    void operator()(archive_entry* entry) const { archive_entry_free(entry); }
};

}  // namespace

void TarWriter::ArchiveFree::operator()(archive* a) const { archive_write_free(a); }

TarWriter::TarWriter() : archive_(archive_write_new()) {
    if (!archive_) throw std::runtime_error("tar: libarchive cannot allocate a writer");
    archive* a = archive_.get();
    check(a, archive_write_set_format_ustar(a), "ustar format");
    check(a, archive_write_add_filter_none(a), "no compression");
    // Unblocked: the archive ends after its two-block end marker, not padded to 10 KiB.
    check(a, archive_write_set_bytes_per_block(a, 0), "block size");
    check(a, archive_write_open(a, &data_, nullptr, append, nullptr), "open");
}

TarWriter::~TarWriter() = default;

void TarWriter::add_entry(std::string_view name, unsigned type_and_mode, std::string_view contents) {
    if (name.empty() || name.size() > kNameSize) {
        throw std::invalid_argument(fmt::format("tar: entry name '{}' must be 1 to 100 bytes", name));
    }
    std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
    if (!entry) throw std::runtime_error("tar: libarchive cannot allocate an entry");
    archive_entry_set_pathname(entry.get(), std::string(name).c_str());
    archive_entry_set_mode(entry.get(), type_and_mode);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(contents.size()));
    archive_entry_set_uid(entry.get(), 0);
    archive_entry_set_gid(entry.get(), 0);
    archive_entry_set_uname(entry.get(), "root");
    archive_entry_set_gname(entry.get(), "root");
    archive_entry_set_mtime(entry.get(), 0, 0);
    archive* a = archive_.get();
    check(a, archive_write_header(a, entry.get()), fmt::format("header of {}", name));
    if (!contents.empty() &&
        archive_write_data(a, contents.data(), contents.size()) != static_cast<la_ssize_t>(contents.size())) {
        check(a, ARCHIVE_FATAL, fmt::format("data of {}", name));
    }
}

void TarWriter::add_file(std::string_view name, std::string_view contents, unsigned mode) {
    add_entry(name, AE_IFREG | (mode & 07777), contents);
}

void TarWriter::add_directory(std::string_view name, unsigned mode) {
    if (!name.ends_with('/')) throw std::invalid_argument(fmt::format("tar: directory '{}' must end with '/'", name));
    add_entry(name, AE_IFDIR | (mode & 07777), {});
}

std::string TarWriter::finish() {
    check(archive_.get(), archive_write_close(archive_.get()), "close");
    return std::move(data_);
}

}  // namespace meshprobe
