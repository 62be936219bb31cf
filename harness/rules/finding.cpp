#include "rules/finding.h"

namespace meshprobe {

const char* to_string(Severity severity) {
    switch (severity) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::note: return "note";
    }
    return "?";
}

}  // namespace meshprobe
