#pragma once
#include <string>
#include <vector>

#include "compose/compose_model.h"

namespace meshprobe {

// Reads the network topology from one compose document as `docker-compose config` (v1 1.29)
// or `docker compose config` (v2) renders it. Locations point into that text, labelled
// file_label. Throws InputError for text that is not YAML or has a wrong shape.
ComposeModel parse_compose_config(const std::string& yaml_text, const std::string& file_label);

// Removes the services that compose would not start with these profiles active: those that
// list profiles, none of them active. compose 1.29 renders every service whatever the
// profiles, v2 only the active ones; after this both give the same model.
void remove_inactive_services(ComposeModel& model, const std::vector<std::string>& active_profiles);

}  // namespace meshprobe
