#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/check.h"

namespace meshprobe {

// The reach suite folded into one cell per (vantage, target service), over all ports.
class ReachMatrix {
public:
    // Ordered from worst to mildest (after none): one failing port makes the cell a failure.
    enum class Cell { none, failed, error, note, reached, blocked };

    explicit ReachMatrix(const std::vector<Check>& checks);

    const std::vector<std::string>& vantages() const { return vantages_; }  // sorted
    const std::vector<std::string>& targets() const { return targets_; }    // sorted
    Cell at(const std::string& vantage, const std::string& target) const;
    bool empty() const { return cells_.empty(); }

private:
    std::vector<std::string> vantages_;
    std::vector<std::string> targets_;
    std::map<std::pair<std::string, std::string>, Cell> cells_;
};

}  // namespace meshprobe
