#pragma once
#include <nlohmann/json.hpp>

#include "engine/docker_types.h"

namespace meshprobe {

// Mapping between the Engine API's JSON and the plain structs the harness works with.
ContainerInfo container_from_inspect(const nlohmann::json& inspect);  // GET /containers/{id}/json
ListedContainer listed_container(const nlohmann::json& item);       // an item of GET /containers/json
NetworkInfo network_from_json(const nlohmann::json& network);         // an item of GET /networks
VersionInfo version_from_json(const nlohmann::json& version);         // GET /version
nlohmann::json create_body(const ContainerSpec& spec);                // POST /containers/create
// The `filters` parameter selecting by label: each entry "key" or "key=value".
std::string label_filters(const std::vector<std::string>& labels);

}  // namespace meshprobe
