#include "engine/tar_writer.h"

#include <stdexcept>

#include <fmt/format.h>

namespace meshprobe {
namespace {

constexpr std::size_t kBlock = 512;
constexpr std::size_t kNameSize = 100;

// Field offsets and widths of the ustar header (POSIX.1-1988).
struct Field {
    std::size_t offset;
    std::size_t width;
};
constexpr Field kName{0, 100};
constexpr Field kMode{100, 8};
constexpr Field kUid{108, 8};
constexpr Field kGid{116, 8};
constexpr Field kSize{124, 12};
constexpr Field kMtime{136, 12};
constexpr Field kChecksum{148, 8};
constexpr Field kType{156, 1};
constexpr Field kMagic{257, 6};
constexpr Field kVersion{263, 2};
constexpr Field kUname{265, 32};
constexpr Field kGname{297, 32};

void put(std::string& header, Field field, std::string_view value) {
    header.replace(field.offset, value.size(), value);
}

// Zero-padded octal that fills the field but its final NUL.
void put_octal(std::string& header, Field field, unsigned long long value) {
    std::string digits = fmt::format("{:0{}o}", value, field.width - 1);
    if (digits.size() > field.width - 1) throw std::length_error("tar: value too large for its field");
    put(header, field, digits);
}

void pad_to_block(std::string& data) {
    data.append((kBlock - data.size() % kBlock) % kBlock, '\0');
}

}  // namespace

void TarWriter::add_header(std::string_view name, unsigned mode, std::size_t size, char type) {
    if (name.empty() || name.size() > kNameSize) {
        throw std::invalid_argument(fmt::format("tar: entry name '{}' must be 1 to 100 bytes", name));
    }
    std::string header(kBlock, '\0');
    put(header, kName, name);
    put_octal(header, kMode, mode);
    put_octal(header, kUid, 0);
    put_octal(header, kGid, 0);
    put_octal(header, kSize, size);
    put_octal(header, kMtime, 0);
    put(header, kType, std::string_view(&type, 1));
    put(header, kMagic, std::string_view("ustar\0", 6));
    put(header, kVersion, "00");
    put(header, kUname, "root");
    put(header, kGname, "root");

    // The checksum is taken with its own field read as spaces.
    put(header, kChecksum, std::string(kChecksum.width, ' '));
    unsigned checksum = 0;
    for (char c : header) checksum += static_cast<unsigned char>(c);
    put(header, kChecksum, fmt::format("{:06o}", checksum));
    header[kChecksum.offset + 6] = '\0';
    data_ += header;
}

void TarWriter::add_file(std::string_view name, std::string_view contents, unsigned mode) {
    add_header(name, mode, contents.size(), '0');
    data_ += contents;
    pad_to_block(data_);
}

void TarWriter::add_directory(std::string_view name, unsigned mode) {
    if (!name.ends_with('/')) throw std::invalid_argument(fmt::format("tar: directory '{}' must end with '/'", name));
    add_header(name, mode, 0, '5');
}

std::string TarWriter::finish() {
    data_.append(2 * kBlock, '\0');
    return std::move(data_);
}

}  // namespace meshprobe
