#pragma once
#include <string>

#include "scratch_folder.h"

namespace meshtest {

// Inputs a pull request could carry to hold a CI runner, written into a scratch folder with a
// contract (mesh.yaml) that reads them as its compose file (docker-compose.yaml).

// An include diamond: docker-compose.yaml includes the `fan_out` files of level 1, each file
// of a level includes every file of the next, and the `fan_out` files of level `depth` define
// one service each (s0, s1, ...), which the contract places in one tier. Loaded naively, the
// bottom is read fan_out^depth times.
void write_include_diamond(const meshprobe::testing::ScratchFolder& folder, int depth, int fan_out);

// `services` services (s0 ...) in one compose file, and a contract with them.
void write_large_stack(const meshprobe::testing::ScratchFolder& folder, int services);

// A compose file holding `depth` anchors nested around a list of `width` words, 7 bytes each
// (`&a0 [&a1 [... [item0, item1, ...]]]`): each anchor keeps its own copy of what it holds.
void write_nested_anchors(const meshprobe::testing::ScratchFolder& folder, int depth, int width);

// A contract whose only compose file is `file`.
void write_contract(const meshprobe::testing::ScratchFolder& folder, const std::string& file, int services = 1);

}  // namespace meshtest
