#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "exec/neighbours.h"
#include "scratch_folder.h"

using namespace meshprobe;
using ::testing::HasSubstr;

namespace {

// A /proc with the two files the counters are read from, per CPU, in hex.
void write_proc(const std::filesystem::path& root, const std::string& v4_fulls, const std::string& v6_fulls) {
    std::filesystem::create_directories(root / "net/stat");
    std::ofstream(root / "net/stat/arp_cache") << "entries  allocs table_fulls\n00000003 00000093 " << v4_fulls
                                               << "\n00000003 00000010 00000001\n";
    std::ofstream(root / "net/stat/ndisc_cache") << "entries table_fulls\n00000001 " << v6_fulls << "\n";
    std::filesystem::create_directories(root / "sys/net/ipv4/neigh/default");
    std::filesystem::create_directories(root / "sys/net/ipv6/neigh/default");
    std::ofstream(root / "sys/net/ipv4/neigh/default/gc_thresh3") << "1024\n";
    std::ofstream(root / "sys/net/ipv6/neigh/default/gc_thresh3") << "2048\n";
}

Plan plan_with(int vantages, int peers) {
    Plan plan;
    for (int v = 0; v < vantages; ++v) {
        std::size_t at = plan.vantage(Vantage::Kind::service, "s" + std::to_string(v), "c");
        for (int p = 0; p < peers; ++p) {
            plan.task(at, Task{{}, Task::Kind::tcp, "10.0.0." + std::to_string(p), 80, {}, {}});
            plan.task(at, Task{{}, Task::Kind::tcp, "10.0.0." + std::to_string(p), 443, {}, {}});
        }
    }
    return plan;
}

}  // namespace

TEST(Neighbours, OverflowsAreSummedOverCpusAndFamilies) {
    meshprobe::testing::ScratchFolder folder;
    write_proc(folder.dir(), "0000000a", "00000002");
    EXPECT_EQ(neighbour_overflows(folder.dir().string()), 10 + 1 + 2);
}

TEST(Neighbours, LimitsAreRead) {
    meshprobe::testing::ScratchFolder folder;
    write_proc(folder.dir(), "0", "0");
    NeighbourLimits limits = read_neighbour_limits(folder.dir().string());
    EXPECT_EQ(limits.ipv4, 1024);
    EXPECT_EQ(limits.ipv6, 2048);
}

TEST(Neighbours, EachVantageNeedsAnEntryPerPeerAndThePeerOneBack) {
    EXPECT_EQ(neighbours_needed(plan_with(3, 5)), 3u * 5u * 2u);
}

TEST(Neighbours, APlanBeyondTheLimitIsWarnedWithTheSysctlToSet) {
    std::string warning = neighbour_warning(neighbours_needed(plan_with(60, 60)), {1024, 1024});
    EXPECT_THAT(warning, HasSubstr("7200 neighbour entries"));
    EXPECT_THAT(warning, HasSubstr("sysctl -w net.ipv4.neigh.default.gc_thresh1=4096"));
    EXPECT_THAT(warning, HasSubstr("net.ipv4.neigh.default.gc_thresh3=16384"));
}

TEST(Neighbours, APlanWithinTheLimitIsNotWarned) { EXPECT_EQ(neighbour_warning(100, {1024, 1024}), ""); }

TEST(Neighbours, AnOverflowDuringTheRunIsReported) {
    EXPECT_THAT(overflow_warning(3, 10), HasSubstr("overflowed 7 time(s)"));
    EXPECT_EQ(overflow_warning(3, 3), "");
    EXPECT_EQ(overflow_warning(-1, 5), "");
}
