#pragma once
#include <set>
#include <string>

#include "core/stack_model.h"
#include "yaml/yaml_tree.h"

namespace meshprobe {

// One top-level network as one file writes it; `fields` lists what it sets, for merging.
struct NetworkDraft {
    StackNetwork network;
    std::set<std::string> fields;
};

// Reads one `networks:` entry (values already interpolated). Throws InputError.
NetworkDraft read_network(const YamlEntry& entry);

}  // namespace meshprobe
