#pragma once
#include <string>

namespace meshprobe {

// One libnftables context (not the `nft` program): a buffer of commands is one transaction,
// all of it or none. Output and errors are kept, not printed.
struct NftResult {
    bool ok = false;
    std::string output;
    std::string error;
};

enum class NftOutput { text, json };

// Runs `commands` as one transaction; the listing commands print statelessly (no counters).
NftResult run_nft(const std::string& commands, NftOutput output = NftOutput::text);

// InfraError (exit 3) unless this process may change the host's nftables: not root, or no
// nftables in the kernel (a listing fails).
void require_nftables();

// InfraError (exit 3) unless bridged traffic passes the inet family's hooks (br_netfilter
// loaded, net.bridge.bridge-nf-call-iptables = 1 and, for `ipv6`, bridge-nf-call-ip6tables = 1):
// without them a drop between two containers of one bridge would never be seen.
void require_bridge_netfilter(bool ipv6);

}  // namespace meshprobe
