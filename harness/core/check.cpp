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

const char* to_string(Want want) {
    switch (want) {
        case Want::reachable: return "reachable";
        case Want::blocked: return "blocked";
        case Want::either: return "either";
        case Want::resolves: return "resolves";
        case Want::nxdomain: return "nxdomain";
        case Want::verdict: return "verdict";
    }
    return "?";
}

const char* to_string(Reach reach) {
    switch (reach) {
        case Reach::unknown: return "";
        case Reach::reachable: return "reachable";
        case Reach::blocked: return "blocked";
    }
    return "?";
}

std::string to_string(const Endpoint& e) {
    std::string port = e.port ? ":" + std::to_string(e.port) : std::string{};
    switch (e.kind) {
        case Endpoint::Kind::service: return e.name + port;
        case Endpoint::Kind::replica: return e.name + "#" + std::to_string(e.replica) + port;
        case Endpoint::Kind::address: return e.name + port;
        case Endpoint::Kind::gateway: return "gateway:" + e.name + (e.gateway_ip.empty() ? "" : "/" + e.gateway_ip);
        case Endpoint::Kind::tier:
        case Endpoint::Kind::host:
        case Endpoint::Kind::engine:
        case Endpoint::Kind::name:
        case Endpoint::Kind::outside:
        case Endpoint::Kind::container: return e.name;
    }
    return e.name;
}

std::string Check::id() const {
    switch (suite) {
        case Suite::stack:
            return to.kind == Endpoint::Kind::container ? "stack:undeclared:" + to.name : "stack:" + to_string(to);
        case Suite::ports:
            return "ports:" + to_string(to) + (to.protocol == "tcp" ? "" : "/" + to.protocol);
        default: return fmt::format("{}:{}->{}", to_string(suite), to_string(from), to_string(to));
    }
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
