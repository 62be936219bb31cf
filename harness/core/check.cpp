#include "core/check.h"

#include <algorithm>

namespace meshprobe {

const char* to_string(Suite suite) {
    switch (suite) {
        case Suite::stack: return "stack";
        case Suite::dns: return "dns";
        case Suite::reach: return "reach";
        case Suite::isolation: return "isolation";
        case Suite::egress: return "egress";
        case Suite::ports: return "ports";
    }
    return "?";
}

const char* to_string(Verdict verdict) {
    switch (verdict) {
        case Verdict::pass: return "pass";
        case Verdict::fail: return "fail";
        case Verdict::error: return "error";
    }
    return "?";
}

const std::vector<Suite>& all_suites() {
    static const std::vector<Suite> suites{Suite::stack, Suite::dns, Suite::reach, Suite::isolation,
                                           Suite::egress, Suite::ports};
    return suites;
}

bool parse_suite(const std::string& text, Suite& out) {
    for (Suite suite : all_suites()) {
        if (text == to_string(suite)) {
            out = suite;
            return true;
        }
    }
    return false;
}

int RunReport::count(Verdict verdict) const {
    return static_cast<int>(std::count_if(checks.begin(), checks.end(),
                                          [&](const Check& c) { return c.verdict == verdict; }));
}

}  // namespace meshprobe
