#include "enforce/nft.h"

#include <fmt/format.h>
#include <nftables/libnftables.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <vector>

#include "core/errors.h"

namespace meshprobe {

NftResult run_nft(const std::string& commands, NftOutput output) {
    std::unique_ptr<nft_ctx, void (*)(nft_ctx*)> ctx(nft_ctx_new(NFT_CTX_DEFAULT), nft_ctx_free);
    if (!ctx) throw InfraError("libnftables: could not create a context");
    unsigned flags = NFT_CTX_OUTPUT_STATELESS;
    if (output == NftOutput::json) flags |= NFT_CTX_OUTPUT_JSON;
    nft_ctx_output_set_flags(ctx.get(), flags);
    nft_ctx_buffer_output(ctx.get());
    nft_ctx_buffer_error(ctx.get());
    NftResult result;
    result.ok = nft_run_cmd_from_buffer(ctx.get(), commands.c_str()) == 0;
    if (const char* out = nft_ctx_get_output_buffer(ctx.get())) result.output = out;
    if (const char* err = nft_ctx_get_error_buffer(ctx.get())) result.error = err;
    return result;
}

void require_nftables() {
    if (geteuid() != 0) {
        throw InfraError("enforce changes and reads the host's nftables, which takes root (CAP_NET_ADMIN); run it as root");
    }
    const NftResult probe = run_nft("list tables", NftOutput::json);
    if (!probe.ok) {
        throw InfraError(fmt::format("nftables is not usable on this host (the kernel lacks nf_tables?): {}", probe.error));
    }
}

void require_bridge_netfilter(bool ipv6) {
    std::vector<std::string> settings = {"bridge-nf-call-iptables"};
    if (ipv6) settings.push_back("bridge-nf-call-ip6tables");
    for (const std::string& setting : settings) {
        std::ifstream in("/proc/sys/net/bridge/" + setting);
        std::string value;
        in >> value;
        if (value != "1") {
            throw InfraError(fmt::format("net.bridge.{} is {}: traffic between containers of one bridge skips the "
                                         "firewall's forward hook, so enforce could not drop it (load br_netfilter and "
                                         "set it to 1, as Docker does)",
                                         setting, value.empty() ? "unset (br_netfilter not loaded)" : value));
        }
    }
}

}  // namespace meshprobe
