#include "mixed_stack.h"

#include <string>
#include <vector>

namespace meshprobe::testing {
namespace {

// A linear congruential generator: the stacks must not change with the standard library.
class Draw {
public:
    explicit Draw(unsigned seed) : state_(seed * 2654435761u + 1) {}
    unsigned below(unsigned n) {
        state_ = state_ * 1103515245u + 12345u;
        return (state_ >> 16) % n;
    }
    bool chance(unsigned percent) { return below(100) < percent; }

private:
    unsigned state_;
};

}  // namespace

Stack mixed_stack(unsigned seed) {
    Draw draw(seed);
    Stack stack;
    stack.contract.project = "mixed";
    stack.contract.policy.same_tier_allow = draw.chance(70);
    stack.contract.policy.reverse_allow = draw.chance(50);
    const unsigned tiers = 2 + draw.below(3);
    std::vector<std::string> names;
    for (unsigned t = 0; t < tiers; ++t) {
        const std::string tier = "t" + std::to_string(t);
        stack.tier(tier, tier + "_net");
        stack.network(tier + "_net");
    }
    stack.network("side_net");
    int next_port = 8000;
    for (unsigned t = 0; t < tiers; ++t) {
        const std::string tier = "t" + std::to_string(t);
        const unsigned members = 1 + draw.below(3);
        for (unsigned m = 0; m < members; ++m) {
            const std::string name = tier + "-s" + std::to_string(m);
            std::vector<int> ports;
            const unsigned kind = draw.below(10);
            if (kind < 7) ports.push_back(next_port++);
            if (kind < 2) ports.push_back(next_port++);
            ServiceSpec& spec = stack.spec(name, tier, ports);
            if (kind == 9) spec.listens = false;  // kind 8: no port known
            std::vector<std::string> networks{tier + "_net"};
            if (draw.chance(20)) networks = {"side_net"};  // off its tier's network
            if (draw.chance(20)) networks.push_back("t" + std::to_string(draw.below(tiers)) + "_net");
            stack.service(name, networks);
            names.push_back(name);
        }
    }
    // The network modes, each a member of some tier.
    const std::string some_tier = "t" + std::to_string(draw.below(tiers));
    stack.spec("lonely", some_tier, {next_port++});
    stack.service("lonely").network_mode = "none";
    stack.spec("hostnet", "t" + std::to_string(draw.below(tiers)), {next_port++});
    stack.service("hostnet").network_mode = "host";
    const std::string owner = names[draw.below(static_cast<unsigned>(names.size()))];
    stack.spec("sidecar", "t" + std::to_string(draw.below(tiers)), {next_port++});
    stack.service("sidecar").network_mode = "service:" + owner;
    stack.spec("stray", "");  // untiered, no port known, but flows may name it
    stack.service("stray", {"t" + std::to_string(draw.below(tiers)) + "_net"});
    names.insert(names.end(), {"lonely", "hostnet", "sidecar", "stray"});

    const unsigned flows = 1 + draw.below(4);
    for (unsigned f = 0; f < flows; ++f) {
        auto side = [&]() {
            return draw.chance(50) ? "tier:t" + std::to_string(draw.below(tiers))
                                   : "service:" + names[draw.below(static_cast<unsigned>(names.size()))];
        };
        std::vector<int> ports;
        if (draw.chance(50)) ports.push_back(8000 + static_cast<int>(draw.below(static_cast<unsigned>(next_port - 8000))));
        stack.flow({side()}, {side()}, ports);
    }
    return stack;
}

}  // namespace meshprobe::testing
