#include "reports/reach_matrix.h"

#include <algorithm>

namespace meshprobe {
namespace {

ReachMatrix::Cell cell_of(const Check& check) {
    using Cell = ReachMatrix::Cell;
    if (check.verdict == Verdict::fail) return Cell::failed;
    if (check.verdict == Verdict::error) return Cell::error;
    if (!check.note.empty()) return Cell::note;
    return check.want == Want::blocked ? Cell::blocked : Cell::reached;
}

// Of two outcomes for the same pair, the one the reader must see: a failure beats an error,
// which beats a note; a reached port beats a blocked one, since the pair is then connected.
ReachMatrix::Cell worse(ReachMatrix::Cell a, ReachMatrix::Cell b) {
    if (a == ReachMatrix::Cell::none) return b;
    return std::min(a, b);
}

// A target service (or replica) over all its ports.
std::string without_port(Endpoint endpoint) {
    endpoint.port = 0;
    return to_string(endpoint);
}

void sort_unique(std::vector<std::string>& names) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
}

}  // namespace

ReachMatrix::ReachMatrix(const std::vector<Check>& checks) {
    for (const Check& check : checks) {
        if (check.suite != Suite::reach) continue;
        const std::string vantage = to_string(check.from);
        const std::string target = without_port(check.to);
        vantages_.push_back(vantage);
        targets_.push_back(target);
        Cell& cell = cells_[{vantage, target}];
        cell = worse(cell, cell_of(check));
    }
    sort_unique(vantages_);
    sort_unique(targets_);
}

ReachMatrix::Cell ReachMatrix::at(const std::string& vantage, const std::string& target) const {
    const auto found = cells_.find({vantage, target});
    return found == cells_.end() ? Cell::none : found->second;
}

}  // namespace meshprobe
