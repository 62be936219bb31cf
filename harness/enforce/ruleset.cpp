#include "enforce/ruleset.h"

#include <fmt/format.h>

#include <algorithm>

namespace meshprobe {

std::size_t FirewallTable::rule_count() const {
    std::size_t n = 0;
    for (const FirewallChain& chain : chains) n += chain.rules.size();
    return n;
}

nlohmann::json to_json(const FirewallTable& table) {
    nlohmann::json chains = nlohmann::json::array();
    for (const FirewallChain& chain : table.chains) {
        nlohmann::json rules = nlohmann::json::array();
        for (const FirewallRule& rule : chain.rules) {
            rules.push_back({{"match", rule.match}, {"verdict", rule.verdict}, {"why", rule.why}});
        }
        chains.push_back({{"name", chain.name}, {"hook", chain.hook}, {"priority", chain.priority}, {"rules", rules}});
    }
    return {{"family", table.family}, {"name", table.name}, {"rules", table.rule_count()}, {"chains", chains}};
}

bool FirewallTable::has_ipv6() const {
    for (const FirewallChain& chain : chains) {
        for (const FirewallRule& rule : chain.rules) {
            if (rule.match.find("ip6 ") != std::string::npos) return true;
        }
    }
    return false;
}

std::string nft_set(const std::vector<std::string>& elements) {
    if (elements.size() == 1) return elements.front();
    return fmt::format("{{ {} }}", fmt::join(elements, ", "));
}

namespace {

// A comment nft keeps: at most 127 bytes, no double quote.
std::string comment(std::string text) {
    std::replace(text.begin(), text.end(), '"', '\'');
    if (text.size() > 127) text.resize(127);
    return text;
}

std::string priority_text(int priority) {
    if (priority == 0) return "filter";
    return priority < 0 ? fmt::format("filter - {}", -priority) : fmt::format("filter + {}", priority);
}

}  // namespace

std::string to_nft(const FirewallTable& table) {
    std::string out = fmt::format("table {} {} {{\n", table.family, table.name);
    for (std::size_t i = 0; i < table.chains.size(); ++i) {
        const FirewallChain& chain = table.chains[i];
        if (i > 0) out += "\n";
        out += fmt::format("\tchain {} {{\n", chain.name);
        out += fmt::format("\t\ttype filter hook {} priority {}; policy accept;\n", chain.hook, priority_text(chain.priority));
        for (const FirewallRule& rule : chain.rules) {
            out += fmt::format("\t\t{} {} comment \"{}\"\n", rule.match, rule.verdict, comment(rule.why));
        }
        out += "\t}\n";
    }
    out += "}\n";
    return out;
}

}  // namespace meshprobe
