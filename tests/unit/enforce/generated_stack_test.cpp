// The rule count on bench/generate_stack.py's 40-service stack (docs/enforce.md, Cost): one
// drop per container address on a bridge and one accept per allowed destination and port, not
// a rule per pair.
#include <gtest/gtest.h>

#include <algorithm>

#include "enforce/compile.h"
#include "generated_stack.h"
#include "project/model_source.h"
#include "topology/live_topology.h"

using namespace meshprobe;

namespace {

// The stack running as composed: one container per service, an address on each network.
LiveStack running_as_composed(const StackModel& model, const std::string& project) {
    LiveStack live;
    live.project = project;
    for (std::size_t n = 0; n < model.networks.size(); ++n) {
        LiveNetwork network{model.networks[n].key, project + "_" + model.networks[n].key, "id" + std::to_string(n), false, {}};
        network.bridge = "br-" + std::to_string(n);
        live.networks.push_back(network);
    }
    for (std::size_t s = 0; s < model.services.size(); ++s) {
        LiveService service;
        service.name = model.services[s].name;
        service.container_name = project + "-" + service.name + "-1";
        for (const NetworkAttachment& a : model.services[s].networks) {
            const auto n = std::find_if(model.networks.begin(), model.networks.end(),
                                        [&](const StackNetwork& k) { return k.key == a.network; }) -
                           model.networks.begin();
            service.addresses.push_back({a.network, "10." + std::to_string(n) + ".0." + std::to_string(s + 2), ""});
        }
        live.containers.push_back({service.name, service.name, service.container_name, "running", "", "", 1});
        live.services.push_back(std::move(service));
    }
    return live;
}

}  // namespace

TEST(GeneratedStack, FortyServicesNeedOneDropPerAddressAndOneAcceptPerAllowedDestinationPort) {
    meshprobe::testing::ScratchFolder folder{"enforce-generated"};
    const auto [contract, environment, model, elsewhere] =
        load_contract_environment(meshprobe::testing::write_tiered_stack(folder, 10), "");
    const LiveStack live = running_as_composed(model, contract.project);
    const FirewallTable table = compile_enforcement(contract, build_live_topology(contract, model, environment, live), live);
    std::size_t addresses = 0;
    for (const LiveService& s : live.services) addresses += s.addresses.size();
    std::size_t drops = 0;
    std::size_t accepts = 0;
    for (const FirewallRule& rule : table.chains.at(0).rules) {
        if (rule.match.find(" daddr ") == std::string::npos) continue;  // egress rules
        (rule.verdict == "drop" ? drops : accepts) += 1;
    }
    EXPECT_EQ(drops, addresses);
    EXPECT_EQ(addresses, 85u);
    EXPECT_EQ(accepts, 85u);  // as measured on the running stack (docs/enforce.md)
}
