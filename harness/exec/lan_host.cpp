#include "exec/lan_host.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "compose/child_process.h"
#include "core/errors.h"
#include "exec/leftovers.h"

namespace meshprobe {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPrefix = "meshprobe-lan-";

std::string ip_program() {
    std::vector<std::string> folders = path_directories();
    folders.insert(folders.end(), {"/usr/sbin", "/sbin", "/usr/bin", "/bin"});
    return find_program("ip", folders);
}

// Interface names hold 15 characters: "mpl" and a pid (at most 7 digits).
std::string host_interface(int pid) { return fmt::format("mpl{}", pid); }

bool ipv6_enabled() {
    std::ifstream in("/proc/sys/net/ipv6/conf/all/disable_ipv6");
    int disabled = 1;
    return static_cast<bool>(in >> disabled) && disabled == 0;
}

void run_ip(const std::string& program, const std::vector<std::string>& args, const std::atomic<bool>* cancel) {
    const ChildResult r = run_child({program, args, std::chrono::milliseconds(10'000), cancel, {}});
    if (r.cancelled) throw InfraError("interrupted while making the LAN probe's outside host");
    if (!r.ok()) {
        throw InfraError(fmt::format("could not make the LAN probe's outside host: ip {} failed", fmt::join(args, " ")),
                         r.combined());
    }
}

}  // namespace

LanHost::LanHost(const std::atomic<bool>* cancel) : cancel_(cancel), ip_program_(ip_program()) {
    if (::geteuid() != 0) {
        throw InfraError("--lan-probe needs root: it makes a network namespace and a veth pair",
                         "run meshprobe as root (sudo), or audit without --lan-probe");
    }
    if (ip_program_.empty()) throw InfraError("--lan-probe needs the ip command", "apt-get install iproute2");
    remove_stale_lan_hosts();

    const int pid = static_cast<int>(::getpid());
    name_ = kPrefix + std::to_string(pid);
    host_if_ = host_interface(pid);
    // 198.19.0.0/16 holds 16384 links of four addresses; 198.18.0.0/30 is the outside host of
    // the egress checks (scripts/outside-host.sh), which this range never meets.
    const int slot = pid % 16384;
    host_v4_ = fmt::format("198.19.{}.{}", slot / 64, (slot % 64) * 4 + 1);
    const std::string peer_v4 = fmt::format("198.19.{}.{}", slot / 64, (slot % 64) * 4 + 2);
    try {
        ip({"netns", "add", name_});
        ip({"link", "add", host_if_, "type", "veth", "peer", "name", "lan0", "netns", name_});
        ip({"addr", "add", host_v4_ + "/30", "dev", host_if_});
        ip({"link", "set", host_if_, "up"});
        ip({"-n", name_, "link", "set", "lo", "up"});
        ip({"-n", name_, "addr", "add", peer_v4 + "/30", "dev", "lan0"});
        ip({"-n", name_, "link", "set", "lan0", "up"});
        ip({"-n", name_, "route", "add", "default", "via", host_v4_});
        if (ipv6_enabled()) {
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

void LanHost::ip(const std::vector<std::string>& args) { run_ip(ip_program_, args, cancel_); }

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

int remove_stale_lan_hosts() {
    const std::string program = ip_program();
    std::error_code ec;
    if (program.empty() || !fs::is_directory("/run/netns", ec)) return 0;
    int removed = 0;
    for (const fs::directory_entry& entry : fs::directory_iterator("/run/netns", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(kPrefix, 0) != 0) continue;
        const std::string digits = name.substr(std::string(kPrefix).size());
        if (digits.empty() || digits.size() > 7 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
        const int pid = std::stoi(digits);
        if (pid == static_cast<int>(::getpid()) || process_alive(pid)) continue;
        run_child({program, {"netns", "del", name}, std::chrono::milliseconds(10'000), nullptr, {}});
        run_child({program, {"link", "del", host_interface(pid)}, std::chrono::milliseconds(10'000), nullptr, {}});
        ++removed;
    }
    return removed;
}

}  // namespace meshprobe
