#include "exec/lan_host.h"

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <filesystem>
#include <fstream>
#include <tuple>

#include <fmt/format.h>

#include "compose/child_process.h"
#include "core/errors.h"
#include "exec/leftovers.h"

namespace meshprobe {
namespace {

namespace fs = std::filesystem;

// Names and addresses by purpose. Interface names hold 15 characters: three letters and a pid
// (at most 7 digits).
struct Naming {
    LanPurpose purpose;
    const char* netns_prefix;
    const char* if_prefix;
    const char* what;  // for messages
    const char* without;  // what the user can do instead
};

constexpr Naming kNamings[] = {
    {LanPurpose::lan_probe, "meshprobe-lan-", "mpl", "--lan-probe's outside host", "audit without --lan-probe"},
    {LanPurpose::egress, "meshprobe-out-", "mpo", "the egress suite's outside host",
     "give an outside address with --egress-target host:port"},
};

const Naming& naming_of(LanPurpose purpose) {
    for (const Naming& n : kNamings) {
        if (n.purpose == purpose) return n;
    }
    return kNamings[0];
}

std::string ip_program() {
    std::vector<std::string> folders = path_directories();
    folders.insert(folders.end(), {"/usr/sbin", "/sbin", "/usr/bin", "/bin"});
    return find_program("ip", folders);
}

std::string host_interface(const Naming& naming, int pid) { return fmt::format("{}{}", naming.if_prefix, pid); }

// A /30 of its own per pid: 198.19.0.0/16 for the LAN probe (16384 links), 198.18.0.0/16 but
// its first /30 (scripts/outside-host.sh's) for the egress host.
std::pair<std::string, std::string> link_addresses(LanPurpose purpose, int pid) {
    const bool egress = purpose == LanPurpose::egress;
    const int slot = egress ? 1 + pid % 16383 : pid % 16384;
    const int third = slot / 64;
    const int fourth = (slot % 64) * 4;
    const char* net = egress ? "198.18" : "198.19";
    return {fmt::format("{}.{}.{}", net, third, fourth + 1), fmt::format("{}.{}.{}", net, third, fourth + 2)};
}

bool ipv6_enabled() {
    std::ifstream in("/proc/sys/net/ipv6/conf/all/disable_ipv6");
    int disabled = 1;
    return static_cast<bool>(in >> disabled) && disabled == 0;
}

void run_ip(const std::string& program, const std::vector<std::string>& args, const std::atomic<bool>* cancel,
            const Naming& naming) {
    const ChildResult r = run_child({program, args, std::chrono::milliseconds(10'000), cancel, {}});
    if (r.cancelled) throw InfraError(fmt::format("interrupted while making {}", naming.what));
    if (!r.ok()) {
        throw InfraError(fmt::format("could not make {}: ip {} failed", naming.what, fmt::join(args, " ")),
                         r.combined());
    }
}

}  // namespace

LanHost::LanHost(const std::atomic<bool>* cancel, LanPurpose purpose)
    : cancel_(cancel), purpose_(purpose), ip_program_(ip_program()) {
    const Naming& naming = naming_of(purpose);
    if (::geteuid() != 0) {
        throw InfraError(fmt::format("{} needs root: it makes a network namespace and a veth pair", naming.what),
                         fmt::format("run meshprobe as root (sudo), or {}", naming.without));
    }
    if (ip_program_.empty()) throw InfraError(fmt::format("{} needs the ip command", naming.what), "apt-get install iproute2");
    remove_stale_lan_hosts();

    const int pid = static_cast<int>(::getpid());
    name_ = naming.netns_prefix + std::to_string(pid);
    host_if_ = host_interface(naming, pid);
    std::tie(host_v4_, peer_v4_) = link_addresses(purpose, pid);
    const int slot = pid % 16384;
    try {
        ip({"netns", "add", name_});
        ip({"link", "add", host_if_, "type", "veth", "peer", "name", "lan0", "netns", name_});
        ip({"addr", "add", host_v4_ + "/30", "dev", host_if_});
        ip({"link", "set", host_if_, "up"});
        ip({"-n", name_, "link", "set", "lo", "up"});
        ip({"-n", name_, "addr", "add", peer_v4_ + "/30", "dev", "lan0"});
        ip({"-n", name_, "link", "set", "lan0", "up"});
        ip({"-n", name_, "route", "add", "default", "via", host_v4_});
        // The egress host is an IPv4 destination only: the egress suite aims at it over IPv4.
        if (purpose == LanPurpose::egress) {
            why_no_v6_ = "the egress suite's outside host has IPv4 only";
        } else if (ipv6_enabled()) {
            // nodad: the addresses are usable at once instead of after duplicate detection.
            const std::string v6_net = fmt::format("2001:db8:6d70:{:x}::", slot);
            host_v6_ = v6_net + "1";
            ip({"-6", "addr", "add", host_v6_ + "/64", "dev", host_if_, "nodad"});
            ip({"-n", name_, "-6", "addr", "add", v6_net + "2/64", "dev", "lan0", "nodad"});
            ip({"-n", name_, "-6", "route", "add", "default", "via", host_v6_});
        } else {
            why_no_v6_ = "IPv6 is disabled on this host (net.ipv6.conf.all.disable_ipv6)";
        }
    } catch (...) {
        remove();
        throw;
    }
}

LanHost::~LanHost() { remove(); }

void LanHost::ip(const std::vector<std::string>& args) { run_ip(ip_program_, args, cancel_, naming_of(purpose_)); }

void LanHost::remove() noexcept {
    // Not cancellable: an interrupted audit must still take its namespace away. Deleting the
    // namespace destroys the peer and with it the host's end; the second call covers a pair
    // made before the namespace was.
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"netns", "del", name_}, std::vector<std::string>{"link", "del", host_if_}}) {
        try {
            if (!name_.empty()) run_child({ip_program_, args, std::chrono::milliseconds(10'000), nullptr, {}});
        } catch (const std::exception&) {
            // Nothing more to do: the next audit removes what is left (remove_stale_lan_hosts).
        }
    }
}

void enter_namespace_of(const LanHost& host) {
    const std::string& netns = host.name();
    const int ns = ::open(("/run/netns/" + netns).c_str(), O_RDONLY | O_CLOEXEC);
    if (ns < 0) throw InfraError(fmt::format("could not open namespace {}: {}", netns, std::strerror(errno)));
    const int entered = ::setns(ns, CLONE_NEWNET);
    const int error = errno;
    ::close(ns);
    if (entered != 0) throw InfraError(fmt::format("could not enter namespace {}: {}", netns, std::strerror(error)));
}

int remove_stale_lan_hosts() {
    const std::string program = ip_program();
    std::error_code ec;
    if (program.empty() || ::geteuid() != 0 || !fs::is_directory("/run/netns", ec)) return 0;
    int removed = 0;
    for (const fs::directory_entry& entry : fs::directory_iterator("/run/netns", ec)) {
        const std::string name = entry.path().filename().string();
        for (const Naming& naming : kNamings) {
            const std::string prefix = naming.netns_prefix;
            if (name.rfind(prefix, 0) != 0) continue;
            const std::string digits = name.substr(prefix.size());
            if (digits.empty() || digits.size() > 7 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
            const int pid = std::stoi(digits);
            if (pid == static_cast<int>(::getpid()) || process_alive(pid)) continue;
            run_child({program, {"netns", "del", name}, std::chrono::milliseconds(10'000), nullptr, {}});
            run_child({program, {"link", "del", host_interface(naming, pid)}, std::chrono::milliseconds(10'000), nullptr, {}});
            ++removed;
        }
    }
    return removed;
}

}  // namespace meshprobe
