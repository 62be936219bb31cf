#include "exec/neighbours.h"

#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

namespace meshprobe {
namespace {

long read_number(const std::string& path) {
    std::ifstream in(path);
    long value = 0;
    return in >> value ? value : 0;
}

// The rows of /proc/net/stat/*_cache are per CPU, in hex, under a header naming the columns.
long table_fulls(const std::string& path) {
    std::ifstream in(path);
    std::string header;
    if (!std::getline(in, header)) return -1;
    std::istringstream names(header);
    int column = -1;
    std::string name;
    for (int i = 0; names >> name; ++i) {
        if (name == "table_fulls") column = i;
    }
    if (column < 0) return -1;
    long total = 0;
    for (std::string row; std::getline(in, row);) {
        std::istringstream fields(row);
        std::string field;
        for (int i = 0; fields >> field; ++i) {
            if (i == column) total += std::stol(field, nullptr, 16);
        }
    }
    return total;
}

std::string raise_command(std::size_t needed) {
    long want = 1024;
    while (static_cast<std::size_t>(want) < needed * 2) want *= 2;
    return fmt::format("sysctl -w net.ipv4.neigh.default.gc_thresh1={} net.ipv4.neigh.default.gc_thresh2={} "
                       "net.ipv4.neigh.default.gc_thresh3={} (and the same for net.ipv6)",
                       want / 4, want / 2, want);
}

}  // namespace

NeighbourLimits read_neighbour_limits(const std::string& proc) {
    return {read_number(proc + "/sys/net/ipv4/neigh/default/gc_thresh3"),
            read_number(proc + "/sys/net/ipv6/neigh/default/gc_thresh3")};
}

long neighbour_overflows(const std::string& proc) {
    long v4 = table_fulls(proc + "/net/stat/arp_cache");
    long v6 = table_fulls(proc + "/net/stat/ndisc_cache");
    if (v4 < 0 && v6 < 0) return -1;
    return std::max(v4, 0L) + std::max(v6, 0L);
}

std::size_t neighbours_needed(const Plan& plan) {
    std::size_t needed = 0;
    for (const Vantage& vantage : plan.vantages) {
        if (vantage.kind == Vantage::Kind::host) continue;  // the host reaches only published ports on loopback
        std::set<std::string> peers;
        for (const Task& task : vantage.tasks) {
            if (task.kind == Task::Kind::tcp) peers.insert(task.host);
        }
        needed += 2 * peers.size();
    }
    return needed;
}

std::string neighbour_warning(std::size_t needed, const NeighbourLimits& limits) {
    if (limits.ipv4 <= 0 || needed <= static_cast<std::size_t>(limits.ipv4)) return {};
    return fmt::format("this run needs about {} neighbour entries at once, more than the kernel keeps "
                       "(net.ipv4.neigh.default.gc_thresh3 = {}): healthy paths may time out. Raise it: {}",
                       needed, limits.ipv4, raise_command(needed));
}

std::string overflow_warning(long before, long after) {
    if (before < 0 || after <= before) return {};
    return fmt::format("the kernel's neighbour table overflowed {} time(s) during the run (dmesg: \"neighbor "
                       "table overflow\"): timeouts on paths that should connect are likely its doing, not the "
                       "network design's. Raise net.ipv4.neigh.default.gc_thresh3 (and gc_thresh1/2, and net.ipv6)",
                       after - before);
}

}  // namespace meshprobe
