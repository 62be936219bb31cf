#include "sample_findings.h"

namespace meshprobe::testing {
namespace {

Finding finding(const char* rule, Severity severity, const char* service, const char* file, int line,
                std::vector<std::string> environments) {
    Finding f;
    f.rule = rule;
    f.severity = severity;
    f.service = service;
    f.where = {file, line, 5};
    f.message = std::string(service) + " finding of " + rule;
    f.fix = "fix it";
    f.environments = std::move(environments);
    return f;
}

}  // namespace

CheckReport sample_report() {
    CheckReport report;
    report.version = "0.1.0";
    report.contract = "mesh.yaml";
    report.environments = {"dev", "prod"};
    report.seconds = 0.012;
    Finding published = finding("MESH006", Severity::error, "db", "/repo/compose.yaml", 7, {"dev", "prod"});
    published.contract_where = {"/repo/mesh.yaml", 9, 3};
    report.findings.push_back(published);
    report.findings.push_back(finding("MESH003", Severity::note, "db", "/repo/compose.yaml", 12, {"dev"}));
    Finding suppressed = finding("MESH006", Severity::error, "traefik", "/repo/compose.yaml", 20, {"dev", "prod"});
    suppressed.suppressed_because = "legacy clients";
    report.findings.push_back(suppressed);
    Finding odd = finding("MESH015", Severity::warning, "web", "/repo/mesh.yaml", 4, {"dev", "prod"});
    odd.message = "100% <odd> & \"quoted\", with: colon\nand a second line";
    report.findings.push_back(odd);
    return report;
}

}  // namespace meshprobe::testing
