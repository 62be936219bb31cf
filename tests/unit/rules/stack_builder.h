#pragma once
#include <string>
#include <vector>

#include "core/stack_model.h"
#include "contract/contract.h"
#include "rules/finding.h"

namespace meshprobe::testing {

// A contract and a compose model built in code. Every element gets its own line, in
// mesh.yaml for contract elements and compose.yaml for compose ones, so tests can check
// where a finding points. References returned are valid until the next element is added.
class Stack {
public:
    Stack& tier(const std::string& name, const std::string& network, bool internal = false,
                Egress egress = Egress::allow);
    ServiceSpec& spec(const std::string& name, const std::string& tier, std::vector<int> ports = {});
    // Sides are read as the contract loader reads them: `tier:X`, `service:X` or a bare name.
    Stack& flow(const std::vector<std::string>& from, const std::vector<std::string>& to, std::vector<int> ports = {});
    StackNetwork& network(const std::string& key, bool internal = false);
    // A compose service attached to these networks, each attachment on a line of its own.
    StackService& service(const std::string& name, const std::vector<std::string>& networks = {});
    NetworkAttachment& attach(const std::string& service, const std::string& network);
    PortMapping& publish(const std::string& service, int host_port, int container_port, const std::string& host_ip = "");

    // A tier `name` on network `name`_net with one service `name`-svc serving `port`: the
    // usual start of a test.
    Stack& tier_with_service(const std::string& name, int port, bool internal = false);

    std::vector<Finding> findings() const;
    std::vector<Finding> findings(const std::string& rule) const;

    Contract contract;
    StackModel model;

private:
    SourceLocation next_contract_line() { return {"mesh.yaml", ++contract_line_, 1}; }
    SourceLocation next_compose_line() { return {"compose.yaml", ++compose_line_, 1}; }
    StackService& find(const std::string& service);

    int contract_line_ = 0;
    int compose_line_ = 0;
};

}  // namespace meshprobe::testing
