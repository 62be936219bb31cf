#include "reports/topology/diff_risk.h"

#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/ip_address.h"

namespace meshprobe {
namespace {

bool forbidden(PathVerdict verdict) { return verdict == PathVerdict::forbidden; }

bool open_to_all(const PublishedPort& p) { return p.port.published && binds_all_addresses(p.port.host_ip); }

std::string counted(char sign, std::size_t n, const char* one, const char* many, const char* rest) {
    return fmt::format("{}{} {} {}", sign, n, n == 1 ? one : many, rest);
}

}  // namespace

DiffRisk diff_risk(const TopologyDiff& diff) {
    DiffRisk risk;
    for (const TopologyPath& path : diff.paths_added) risk.forbidden_added += forbidden(path.verdict);
    for (const TopologyPath& path : diff.paths_removed) risk.forbidden_removed += forbidden(path.verdict);
    for (const PathChange& change : diff.paths_changed) {
        risk.forbidden_added += !forbidden(change.before.verdict) && forbidden(change.after.verdict);
        risk.forbidden_removed += forbidden(change.before.verdict) && !forbidden(change.after.verdict);
    }
    for (const PathClassChange& change : diff.path_classes) {
        const bool was = change.before && forbidden(change.before->verdict);
        const bool is = change.after && forbidden(change.after->verdict);
        if (is && !was) risk.forbidden_added += change.paths;
        if (was && !is) risk.forbidden_removed += change.paths;
    }
    for (const PublishedPort& p : diff.published_added) risk.open_ports_added += open_to_all(p);
    for (const PublishedPort& p : diff.published_removed) risk.open_ports_removed += open_to_all(p);
    return risk;
}

std::string risk_line(const DiffRisk& risk) {
    std::vector<std::string> parts;
    const char* carried = "carried";
    const char* everywhere = "published on all addresses";
    if (risk.forbidden_added) parts.push_back(counted('+', risk.forbidden_added, "forbidden path", "forbidden paths", carried));
    if (risk.open_ports_added) parts.push_back(counted('+', risk.open_ports_added, "port", "ports", everywhere));
    if (!risk.worse()) parts.push_back("nothing got worse: no new forbidden path carried, no new port published on all addresses");
    if (risk.forbidden_removed) parts.push_back(counted('-', risk.forbidden_removed, "forbidden path", "forbidden paths", carried));
    if (risk.open_ports_removed) parts.push_back(counted('-', risk.open_ports_removed, "port", "ports", everywhere));
    return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace meshprobe
