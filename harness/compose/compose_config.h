#pragma once
#include <string>
#include <vector>

#include "compose/compose_model.h"

namespace meshprobe {

// Reads the network topology from one compose document as `docker-compose config` (v1 1.29)
// or `docker compose config` (v2) renders it. Locations point into that text, labelled
// file_label. Throws InputError for text that is not YAML or has a wrong shape.
ComposeModel parse_compose_config(const std::string& yaml_text, const std::string& file_label);

}  // namespace meshprobe
