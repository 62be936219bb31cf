#pragma once
#include <string>

#include "core/stack_model.h"
#include "contract/contract.h"
#include "core/ip_address.h"  // bare_address, binds_all_addresses

namespace meshprobe {

// What may be published where (the contract's `publish:`): one decision that `check` (MESH006)
// and `run` (the ports suite) both ask, so a binding cannot pass one and fail the other.

// "8090 on 127.0.0.1 (container 8080/tcp)": how findings name a published port.
std::string describe_published(const PortMapping& port);

struct PublishDecision {
    enum class Kind {
        allowed,
        data_tier,      // the service's tier is internal or egress: deny: nothing may be published
        unlisted,       // no publish entry names this port and protocol
        wrong_address,  // one does, on another address (`rule`)
        unknown,        // the contract does not describe the service
    } kind = Kind::allowed;
    const Tier* tier = nullptr;          // for data_tier
    const PublishRule* rule = nullptr;   // for wrong_address
    explicit operator bool() const { return kind == Kind::allowed; }
};

// Whether `service` may have host port `port`/`protocol` bound on `host_ip`. A contract entry
// without an address allows every address; one that binds all addresses (0.0.0.0 or ::)
// allows a binding on all addresses, whichever family the engine lists it under (a compose
// `80:80` is bound on 0.0.0.0 and on :: at once).
PublishDecision judge_publish(const Contract& contract, const std::string& service, const std::string& host_ip, int port,
                              const std::string& protocol);

}  // namespace meshprobe
