#include "reports/static/check_sarif.h"

#include <cctype>
#include <cstdio>

#include "reports/report_paths.h"
#include "rules/rule_catalog.h"

namespace meshprobe {
namespace {

const char* const kSourceRoot = "%SRCROOT%";
const char* const kInstalledDocs = "file:///usr/share/doc/meshprobe/README.md";

// RFC 3986: everything but unreserved characters and '/' is percent-encoded.
std::string uri_path(const std::string& path) {
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out += static_cast<char>(c);
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            out += escaped;
        }
    }
    return out;
}

std::string file_uri(const std::string& absolute_path) { return "file://" + uri_path(absolute_path); }

const char* level(Severity severity) { return to_string(severity); }  // SARIF levels share the names

nlohmann::json artifact(const std::string& file, const std::string& base_dir) {
    std::string relative = relative_path(file, base_dir);
    if (!relative.empty() && relative.front() == '/')
        return {{"uri", file_uri(file)}};
    return {{"uri", uri_path(relative)}, {"uriBaseId", kSourceRoot}};
}

nlohmann::json physical_location(const SourceLocation& where, const std::string& base_dir) {
    nlohmann::json location = {{"artifactLocation", artifact(where.file, base_dir)}};
    if (where.line > 0) {
        location["region"] = {{"startLine", where.line}};
        if (where.column > 0) location["region"]["startColumn"] = where.column;
    }
    return location;
}

// helpUri must be absolute (SARIF 3.49.12): only with the published rules' URL; without one the
// help names the section in meshprobe's repository and where the package installs it.
// A toolExecutionNotification (SARIF 3.58), at its location when one is known.
nlohmann::json notification(const char* level, const std::string& text, const SourceLocation& where,
                            const std::string& base_dir) {
    nlohmann::json out = {{"level", level}, {"message", {{"text", text}}}};
    if (!where.file.empty()) out["locations"] = {{{"physicalLocation", physical_location(where, base_dir)}}};
    return out;
}

nlohmann::json compose_notifications(const CheckReport& report, const std::string& base_dir) {
    nlohmann::json out = nlohmann::json::array();
    for (const ComposeWarning& warning : report.notifications)
        out.push_back(notification("warning", warning.text, warning.where, base_dir));
    return out;
}

nlohmann::json rule_json(const RuleInfo& rule, const std::string& rules_url) {
    const std::string uri = rule_help_uri(rule, rules_url);
    const std::string where = rule.doc.substr(rule.doc.find('#'));
    nlohmann::json out = {
        {"id", rule.id},
        {"name", rule.name},
        {"shortDescription", {{"text", rule.help}}},
        {"fullDescription", {{"text", rule.help}}},
        {"defaultConfiguration", {{"level", level(rule.severity)}}},
        {"properties", {{"tags", {"network", "docker-compose", "security"}}}},
    };
    if (uri.empty()) {
        const std::string see = " See " + rule.doc + " in meshprobe's repository (installed as share/doc/meshprobe/rules.md, "
                                "section " + rule.id + ").";
        out["help"] = {{"text", rule.help + see}, {"markdown", rule.help + see}};
    } else {
        out["help"] = {{"text", rule.help + " See " + uri},
                       {"markdown", rule.help + " [What it protects against and how to fix it](" + uri + ")."}};
        out["helpUri"] = uri;
    }
    return out;
}

int rule_index(const std::string& id) {
    const RuleInfo* rule = find_rule(id);
    return rule ? static_cast<int>(rule - all_rules().data()) : -1;
}

nlohmann::json result_json(const Finding& finding, const std::string& base_dir) {
    std::string text = finding.message;
    if (!finding.fix.empty()) text += ". Fix: " + finding.fix + ".";
    nlohmann::json result = {
        {"ruleId", finding.rule},
        {"level", level(finding.severity)},
        {"message", {{"text", text}}},
        {"properties", {{"environments", finding.environments}, {"service", finding.service}}},
    };
    if (int index = rule_index(finding.rule); index >= 0) result["ruleIndex"] = index;
    if (!finding.where.file.empty())
        result["locations"] = {{{"physicalLocation", physical_location(finding.where, base_dir)}}};
    if (!finding.contract_where.file.empty()) {
        result["relatedLocations"] = {{{"id", 1},
                                       {"physicalLocation", physical_location(finding.contract_where, base_dir)},
                                       {"message", {{"text", "the contract entry"}}}}};
    }
    if (finding.suppressed())
        result["suppressions"] = {{{"kind", "external"}, {"justification", finding.suppressed_because}}};
    return result;
}

}  // namespace

nlohmann::json check_sarif(const CheckReport& report, const std::string& base_dir, const std::string& rules_url) {
    nlohmann::json rules = nlohmann::json::array();
    for (const RuleInfo& rule : all_rules()) rules.push_back(rule_json(rule, rules_url));
    nlohmann::json results = nlohmann::json::array();
    for (const Finding& finding : report.findings) results.push_back(result_json(finding, base_dir));
    // informationUri is absolute too: the published rules, else the documentation where the
    // package installs it (as init's schema modeline names /usr/share/meshprobe).
    nlohmann::json driver = {{"name", "meshprobe"},
                             {"informationUri", rules_url.empty() ? kInstalledDocs : rules_url},
                             {"rules", rules}};
    if (!report.version.empty()) driver["version"] = report.version;
    nlohmann::json run = {{"tool", {{"driver", driver}}}, {"results", results}, {"columnKind", "unicodeCodePoints"}};
    // Compose's warnings are of the run, not results of a rule.
    if (!report.notifications.empty()) {
        run["invocations"] = {{{"executionSuccessful", true},
                               {"toolExecutionNotifications", compose_notifications(report, base_dir)}}};
    }
    if (!base_dir.empty()) {
        std::string root = base_dir.back() == '/' ? base_dir : base_dir + "/";
        run["originalUriBaseIds"] = {{kSourceRoot, {{"uri", file_uri(root)}}}};
    }
    return {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", {run}},
    };
}

std::string render_check_sarif(const CheckReport& report, const std::string& base_dir, const std::string& rules_url) {
    return check_sarif(report, base_dir, rules_url).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_input_errors_sarif(const CheckReport& report, const ShownInputErrors& errors, const std::string& base_dir,
                                      const std::string& rules_url) {
    nlohmann::json notifications = nlohmann::json::array();
    for (const InputError& error : errors.shown)
        notifications.push_back(notification("error", error.message(), error.where(), base_dir));
    if (errors.more)
        notifications.push_back(notification("error", "and " + std::to_string(errors.more) + " more input errors", {}, base_dir));
    for (nlohmann::json& warning : compose_notifications(report, base_dir)) notifications.push_back(std::move(warning));
    nlohmann::json sarif = check_sarif(report, base_dir, rules_url);
    sarif["runs"][0]["invocations"] = {{{"executionSuccessful", false}, {"exitCode", kExitInputError},
                                        {"toolExecutionNotifications", std::move(notifications)}}};
    return sarif.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace meshprobe
