#include "sample_report.h"

#include <fmt/format.h>

namespace meshprobe::testing {

Check make_check(Suite suite, std::string from, std::string to, std::string expected,
                 std::string observed, Verdict verdict, std::string note) {
    Check check;
    check.id = fmt::format("{}:{}->{}", to_string(suite), from, to);
    check.suite = suite;
    check.from = std::move(from);
    check.to = std::move(to);
    check.expected = std::move(expected);
    check.observed = std::move(observed);
    check.verdict = verdict;
    check.note = std::move(note);
    check.seconds = 0.25;
    return check;
}

RunReport sample_report() {
    RunReport report;
    report.version = "0.1.0";
    report.contract = "mesh.yaml";
    report.environment = "dev";
    report.seconds = 1.84;
    report.checks = {
        make_check(Suite::dns, "backend", "db.devonboarder.internal", "resolves to db",
                   "resolved to db (172.20.0.5)", Verdict::pass),
        make_check(Suite::reach, "traefik", "backend:8001", "reachable",
                   "connected to backend in 2.1 ms", Verdict::pass),
        make_check(Suite::reach, "traefik", "frontend:3000", "reachable", "timeout after 1000 ms",
                   Verdict::fail),
        make_check(Suite::reach, "frontend", "db:5432", "blocked", "timeout after 1000 ms",
                   Verdict::pass),
        make_check(Suite::reach, "auth-service", "backend:8001", "blocked",
                   "connected to backend in 1.0 ms", Verdict::pass,
                   "reverse path of backend -> auth-service:8002"),
        make_check(Suite::reach, "backend", "db:5432", "reachable",
                   "inconclusive: no positive control", Verdict::error),
        make_check(Suite::isolation, "data", "backend:8001", "blocked", "timeout after 1000 ms",
                   Verdict::pass),
        make_check(Suite::egress, "data", "172.17.0.1:9", "blocked",
                   "inconclusive: no positive control", Verdict::error),
    };
    report.checks[2].evidence = {{"address", "172.18.0.4"}, {"timeout_ms", 1000}};
    return report;
}

}  // namespace meshprobe::testing
