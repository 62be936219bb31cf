#pragma once
// The small live stack the topology and watch tests judge: web (front, back) may reach
// api:8080 on back; api may reach db:5432 on data; web publishes 127.0.0.1:8080.
#include <gtest/gtest.h>

#include <algorithm>

#include "project/model_source.h"
#include "scratch_folder.h"
#include "topology/live_topology.h"

namespace meshprobe::testing {

inline LiveService running(const std::string& name, std::vector<LiveAddress> addresses, int replica = 1) {
    LiveService s;
    s.name = name;
    s.container_name = "small-" + name + "-" + std::to_string(replica);
    s.replica = replica;
    s.addresses = std::move(addresses);
    return s;
}

class LiveSmallStack : public ::testing::Test {
protected:
    LiveSmallStack() {
        folder.write("docker-compose.yaml", R"(services:
  web: {image: x, networks: [front, back], expose: ["80"], ports: ["127.0.0.1:8080:80"]}
  api: {image: x, networks: [back, data], expose: ["8080"]}
  db: {image: x, networks: [data], expose: ["5432"]}
networks: {front: {}, back: {}, data: {}}
)");
        folder.write("mesh.yaml", R"(version: 1
project: small
compose: {files: [docker-compose.yaml]}
tiers:
  edge: {network: front}
  app: {network: back}
  data: {network: data}
services:
  web: {tier: edge, publish: ["127.0.0.1:8080"]}
  api: {tier: app}
  db: {tier: data}
flows:
  - {from: web, to: api, ports: [8080]}
  - {from: api, to: db, ports: [5432]}
)");
        live.project = "small";
        for (const char* key : {"front", "back", "data"}) live.networks.push_back({key, std::string("small_") + key, key, false, {}});
        LiveService web = running("web", {{"front", "172.30.0.2", ""}, {"back", "172.31.0.2", ""}});
        web.published = {PortMapping::bound(80, "tcp", "127.0.0.1", 8080)};
        live.services = {web, running("api", {{"back", "172.31.0.3", ""}, {"data", "172.32.0.3", ""}}),
                         running("db", {{"data", "172.32.0.4", ""}})};
        for (const LiveService& s : live.services) live.containers.push_back({s.name, s.name, s.container_name, "running", "", "", 1});
    }

    ContractEnvironment loaded() const { return load_contract_environment(folder.path("mesh.yaml"), ""); }

    Topology topology() const {
        const auto [contract, environment, model, elsewhere] = loaded();
        return build_live_topology(contract, model, environment, live);
    }

    static const TopologyPath* path(const Topology& t, const std::string& from, const std::string& to, int port) {
        auto it = std::find_if(t.paths.begin(), t.paths.end(),
                               [&](const TopologyPath& p) { return p.from == from && p.to == to && p.port == port; });
        return it == t.paths.end() ? nullptr : &*it;
    }

    ScratchFolder folder{"live-topology-test"};
    LiveStack live;
};

}  // namespace meshprobe::testing
