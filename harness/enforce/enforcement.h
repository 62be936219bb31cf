#pragma once
#include <optional>
#include <string>
#include <vector>

#include "enforce/ruleset.h"

namespace meshprobe {

// meshprobe's table of a project on this host: installed, read back, removed, only ever by its
// name (compile.h, enforcement_table_name), never any other table or Docker's chains.

// Whether the project's table is installed now: what `run` asks to know the stack is enforced.
// InfraError when nftables cannot be read (not root, no nf_tables).
bool project_enforced(const std::string& project);

// The projects whose table is installed (tables `inet meshprobe_<project>`), for `clean`.
std::vector<std::string> enforced_projects();

// The installed table as `nft list table` prints it without counters; nullopt when absent.
std::optional<std::string> installed_table(const std::string& family, const std::string& name);

// Installs `table` in one transaction that creates it if absent, deletes it and adds it anew:
// the old rules and the new never mix, and applying twice is the same as once.
void install_table(const FirewallTable& table);

// Deletes the table; false when it was not installed.
bool remove_table(const std::string& family, const std::string& name);

// What installing `compiled` would change in `installed` (nullopt: not installed): the lines
// only the installed table has ("- "), then those only the compiled one has ("+ "). Empty when
// nothing would change.
std::vector<std::string> table_changes(const std::optional<std::string>& installed, const std::string& compiled);

}  // namespace meshprobe
