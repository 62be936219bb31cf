#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace meshprobe {

// A host firewall ruleset in the domain's words: meshprobe's tables, their base chains and the
// rules in them, each rule with the reason it exists. Rendered as nft text (to_nft), the one
// form `enforce` prints, `--apply` installs and `--check` compares with what is installed.

struct FirewallRule {
    std::string match;  // nft statement text without the verdict: "iifname \"br-1\" ip daddr 10.0.0.2"
    std::string verdict;  // "accept" or "drop"
    std::string why;      // the contract's reason, shown as the rule's comment
};

struct FirewallChain {
    std::string name;      // "forward", "input"
    std::string hook;      // the netfilter hook of the base chain
    int priority = -10;    // relative to `filter` (0): before Docker's filter chains
    std::vector<FirewallRule> rules;
};

struct FirewallTable {
    std::string family = "inet";
    std::string name;
    std::vector<FirewallChain> chains;

    std::size_t rule_count() const;
    // Whether a rule matches IPv6 addresses (`ip6 ...`).
    bool has_ipv6() const;
};

// The table as `nft list table` prints it without counters (stateless), so that the text of an
// installed table and of a compiled one compare line by line.
std::string to_nft(const FirewallTable& table);

// The same as JSON: {"family", "name", "rules": N, "chains": [{"name", "hook", "priority",
// "rules": [{"match", "verdict", "why"}]}]}.
nlohmann::json to_json(const FirewallTable& table);

// "{ a, b }" for more than one element, "a" for one, as nft prints an anonymous set.
std::string nft_set(const std::vector<std::string>& elements);

}  // namespace meshprobe
