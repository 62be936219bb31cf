#pragma once
#include <optional>
#include <set>
#include <string>

#include "core/stack_model.h"
#include "yaml/yaml_tree.h"

namespace meshprobe {

struct ExtendsReference {
    std::string service;
    std::string file;  // as written; empty for the same file
    SourceLocation where;
};

// One service as one file writes it, before `extends` and merging.
struct ServiceDraft {
    StackService service;
    std::optional<ExtendsReference> extends;
    std::set<std::string> reset;     // fields tagged `!reset`: cleared by this layer
    std::set<std::string> replaced;  // fields tagged `!override`: replace instead of merging
};

// Reads one `services:` entry (values already interpolated). Throws InputError for an
// unknown field and for a topology field of the wrong shape.
ServiceDraft read_service(const YamlEntry& entry);

}  // namespace meshprobe
