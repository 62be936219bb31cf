#pragma once
// A three-tier contract and a live stack to plan against, small enough to reason about:
// edge (proxy) -> api (backend, worker) -> data (db, internal, no egress); backend -> db:5432.
#include "contract/contract.h"
#include "live/stack.h"

namespace meshtest {

inline meshprobe::ServiceSpec spec(const std::string& name, const std::string& tier, std::vector<int> ports,
                                   std::vector<std::string> aliases = {}) {
    meshprobe::ServiceSpec s;
    s.name = name;
    s.tier = tier;
    s.ports = std::move(ports);
    s.aliases = std::move(aliases);
    return s;
}

inline meshprobe::Contract tiny_contract() {
    using namespace meshprobe;
    Contract c;
    c.project = "tiny";
    c.tiers = {{"edge", "edge_net", false, Egress::allow, {}},
               {"api", "api_net", false, Egress::allow, {}},
               {"data", "data_net", true, Egress::deny, {}}};
    c.services = {spec("proxy", "edge", {80}), spec("backend", "api", {8001}, {"api.tiny.internal"}),
                  spec("worker", "api", {9000}), spec("db", "data", {5432}, {"db.tiny.internal"})};
    c.services[0].publish = {{"", 80, "tcp", {}}};
    c.flows = {{{FlowSide::tier("edge")}, {FlowSide::tier("api")}, {}, {}},
               {{FlowSide::service("backend")}, {FlowSide::service("db")}, {5432}, {}}};
    return c;
}

inline meshprobe::LiveStack tiny_stack() {
    using namespace meshprobe;
    LiveStack s;
    s.project = "tiny";
    s.networks = {{"edge_net", "tiny_edge_net", "e", false, {"10.0.1.1"}},
                  {"api_net", "tiny_api_net", "a", false, {"10.0.2.1"}},
                  {"data_net", "tiny_data_net", "d", true, {"10.0.3.1"}}};
    s.services = {{"proxy", "c-proxy", "tiny_proxy_1", "tiny_edge_net", {{"edge_net", "10.0.1.2", ""}, {"api_net", "10.0.2.2", ""}}, {meshprobe::PortMapping::bound(80, "tcp", "0.0.0.0", 80), meshprobe::PortMapping::bound(80, "tcp", "::", 80)}},
                  {"backend", "c-backend", "tiny_backend_1", "tiny_api_net", {{"api_net", "10.0.2.3", ""}, {"data_net", "10.0.3.3", ""}}, {}},
                  {"worker", "c-worker", "tiny_worker_1", "tiny_api_net", {{"api_net", "10.0.2.4", ""}}, {}},
                  {"db", "c-db", "tiny_db_1", "tiny_data_net", {{"data_net", "10.0.3.2", ""}}, {}}};
    return s;
}

}  // namespace meshtest
