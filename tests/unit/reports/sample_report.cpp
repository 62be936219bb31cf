#include "sample_report.h"

namespace meshprobe::testing {

Check make_check(Suite suite, Endpoint from, Endpoint to, Want want, std::string expected,
                 std::string observed, Verdict verdict, std::string note) {
    Check check;
    check.suite = suite;
    check.from = std::move(from);
    check.to = std::move(to);
    check.want = want;
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
    using E = Endpoint;
    report.checks = {
        make_check(Suite::dns, E::service("backend"), E::dns_name("db.devonboarder.internal"), Want::resolves,
                   "resolves to db", "resolved to db (172.20.0.5)", Verdict::pass),
        make_check(Suite::reach, E::service("traefik"), E::service("backend", 8001), Want::reachable, "reachable",
                   "connected to backend in 2.1 ms", Verdict::pass),
        make_check(Suite::reach, E::service("traefik"), E::service("frontend", 3000), Want::reachable, "reachable",
                   "timeout after 1000 ms", Verdict::fail),
        make_check(Suite::reach, E::service("frontend"), E::service("db", 5432), Want::blocked, "blocked",
                   "timeout after 1000 ms", Verdict::pass),
        make_check(Suite::reach, E::service("auth-service"), E::service("backend", 8001), Want::blocked, "blocked",
                   "connected to backend in 1.0 ms", Verdict::pass, "reverse path of backend -> auth-service:8002"),
        make_check(Suite::reach, E::service("backend"), E::service("db", 5432), Want::reachable, "reachable",
                   "inconclusive: no positive control", Verdict::error),
        make_check(Suite::isolation, E::tier("data"), E::service("backend", 8001), Want::blocked, "blocked",
                   "timeout after 1000 ms", Verdict::pass),
        make_check(Suite::egress, E::tier("data"), E::address("172.17.0.1", 9), Want::blocked, "blocked",
                   "inconclusive: no positive control", Verdict::error),
    };
    report.checks[2].evidence = {{"address", "172.18.0.4"}, {"timeout_ms", 1000}};
    return report;
}

}  // namespace meshprobe::testing
