#include "core/project_name.h"

namespace meshprobe {
namespace {

bool lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

bool valid_project_name(std::string_view name) {
    if (name.empty() || name.size() > kMaxProjectNameLength || !lower_or_digit(name.front())) return false;
    for (char c : name) {
        if (!lower_or_digit(c) && c != '_' && c != '-') return false;
    }
    return true;
}

}  // namespace meshprobe
