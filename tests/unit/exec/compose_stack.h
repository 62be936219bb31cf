#pragma once
#include <string>
#include <vector>

#include "fake_engine.h"

// A compose project as the engine shows it, served by a FakeEngine: what discovery, the stack
// session and the probe round read.
namespace meshprobe::testing {

struct FakeContainer {
    std::string id;
    std::string name;
    std::string service;   // com.docker.compose.service; empty: none
    int number = 1;        // com.docker.compose.container-number
    std::string state = "running";
    std::string network;   // engine network name; empty: none
    std::string ip;
    std::string project = "shop";
    std::string extra_labels = "";  // more "key": "value" pairs, comma first
};

// Serves /containers/json, each container's inspect, and /networks with one network of the
// project, `network` ("shop_data", key "data"). The engine ignores queries, so every listing
// returns them all, as a filter matching all of them would.
inline void serve_stack(FakeEngine& engine, const std::vector<FakeContainer>& containers,
                        const std::string& network = "shop_data", const std::string& key = "data",
                        const std::string& project = "shop") {
    std::string list = "[";
    for (const FakeContainer& c : containers) {
        std::string labels = R"("com.docker.compose.project": ")" + c.project + R"(")";
        if (!c.service.empty()) {
            labels += R"(, "com.docker.compose.service": ")" + c.service + R"(", "com.docker.compose.container-number": ")" +
                      std::to_string(c.number) + R"(")";
        }
        labels += c.extra_labels;
        const std::string networks =
            c.network.empty() ? "{}"
                              : R"({")" + c.network + R"(": {"NetworkID": "n1", "IPAddress": ")" + c.ip +
                                    R"(", "Gateway": "172.30.0.1"}})";
        list += std::string(list.size() > 1 ? "," : "") + R"({"Id": ")" + c.id + R"(", "Labels": {)" + labels +
                R"(}, "NetworkSettings": {"Networks": )" + networks + "}}";
        engine.on("GET", "/containers/" + c.id + "/json",
                  {.body = R"({"Id": ")" + c.id + R"(", "Name": "/)" + c.name + R"(", "Image": "sha256:1",
                      "State": {"Status": ")" + c.state + R"("},
                      "Config": {"Image": "shop/app:1", "Labels": {)" + labels + R"(}},
                      "HostConfig": {"NetworkMode": ")" + (c.network.empty() ? "none" : c.network) + R"("},
                      "NetworkSettings": {"Ports": {}, "Networks": )" + networks + "}}"});
    }
    engine.on("GET", "/containers/json", {.body = list + "]"});
    engine.on("GET", "/networks",
              {.body = R"([{"Id": "n1", "Name": ")" + network + R"(", "Driver": "bridge", "Internal": true,
                  "Labels": {"com.docker.compose.project": ")" + project + R"(", "com.docker.compose.network": ")" + key + R"("},
                  "IPAM": {"Config": [{"Subnet": "172.30.0.0/16", "Gateway": "172.30.0.1"}]}}])"});
}

}  // namespace meshprobe::testing
