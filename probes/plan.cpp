#include "probes/plan.h"

#include <set>

namespace meshprobe::probe {
namespace {

// Generous upper bound: a plan is one probe container run, not a soak test.
constexpr long long kMaxMilliseconds = 600000;
constexpr std::size_t kMaxNameLength = 253;

using json = nlohmann::json;

std::string where(std::size_t index) { return "checks[" + std::to_string(index) + "]"; }

void reject_unknown_fields(const json& object, const std::set<std::string>& known, const std::string& context) {
    for (const auto& [field, value] : object.items()) {
        if (!known.contains(field)) {
            throw PlanError(context + ": unknown field \"" + field + "\"");
        }
    }
}

const json& required(const json& object, const std::string& field, const std::string& context) {
    auto it = object.find(field);
    if (it == object.end()) {
        throw PlanError(context + ": missing \"" + field + "\"");
    }
    return *it;
}

std::string text_field(const json& object, const std::string& field, const std::string& context) {
    const json& value = required(object, field, context);
    if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
        throw PlanError(context + ": \"" + field + "\" must be a non-empty string");
    }
    return value.get<std::string>();
}

long long integer_field(const json& value, const std::string& field, const std::string& context,
                        long long low, long long high) {
    if (!value.is_number_integer() || value.get<long long>() < low || value.get<long long>() > high) {
        throw PlanError(context + ": \"" + field + "\" must be an integer from " + std::to_string(low) +
                        " to " + std::to_string(high));
    }
    return value.get<long long>();
}

std::chrono::milliseconds duration_field(const json& plan, const std::string& field,
                                         std::chrono::milliseconds fallback, long long low) {
    auto it = plan.find(field);
    if (it == plan.end()) {
        return fallback;
    }
    return std::chrono::milliseconds(integer_field(*it, field, "plan", low, kMaxMilliseconds));
}

std::string host_name(const json& check, const std::string& field, const std::string& context) {
    std::string name = text_field(check, field, context);
    if (name.size() > kMaxNameLength) {
        throw PlanError(context + ": \"" + field + "\" is longer than 253 characters");
    }
    return name;
}

Check parse_check(const json& entry, std::size_t index) {
    const std::string context = where(index);
    if (!entry.is_object()) {
        throw PlanError(context + ": must be an object");
    }
    Check check;
    check.key = text_field(entry, "key", context);
    const std::string kind = text_field(entry, "kind", context);
    if (kind == "dns") {
        reject_unknown_fields(entry, {"key", "kind", "name"}, context);
        check.kind = CheckKind::dns;
        check.name = host_name(entry, "name", context);
    } else if (kind == "tcp") {
        reject_unknown_fields(entry, {"key", "kind", "host", "port"}, context);
        check.kind = CheckKind::tcp;
        check.host = host_name(entry, "host", context);
        check.port = static_cast<int>(integer_field(required(entry, "port", context), "port", context, 1, 65535));
    } else {
        throw PlanError(context + ": unknown kind \"" + kind + "\" (expected dns or tcp)");
    }
    return check;
}

}  // namespace

std::string_view to_string(CheckKind kind) {
    switch (kind) {
    case CheckKind::dns: return "dns";
    case CheckKind::tcp: return "tcp";
    }
    return "unknown";
}

Plan parse_plan(std::string_view text) {
    json document;
    try {
        document = json::parse(text);
    } catch (const json::parse_error& error) {
        throw PlanError(std::string("invalid JSON: ") + error.what());
    }
    if (!document.is_object()) {
        throw PlanError("plan: must be a JSON object");
    }
    reject_unknown_fields(document, {"timeout_ms", "banner_ms", "checks"}, "plan");

    Plan plan;
    plan.timeout = duration_field(document, "timeout_ms", plan.timeout, 1);
    plan.banner = duration_field(document, "banner_ms", plan.banner, 0);

    const json& checks = required(document, "checks", "plan");
    if (!checks.is_array()) {
        throw PlanError("plan: \"checks\" must be an array");
    }
    std::set<std::string> keys;
    for (std::size_t index = 0; index < checks.size(); ++index) {
        Check check = parse_check(checks[index], index);
        if (!keys.insert(check.key).second) {
            throw PlanError(where(index) + ": duplicate key \"" + check.key + "\"");
        }
        plan.checks.push_back(std::move(check));
    }
    return plan;
}

nlohmann::json to_json(const Plan& plan) {
    json checks = json::array();
    for (const Check& check : plan.checks) {
        json entry = {{"key", check.key}, {"kind", to_string(check.kind)}};
        if (check.kind == CheckKind::dns) {
            entry["name"] = check.name;
        } else {
            entry["host"] = check.host;
            entry["port"] = check.port;
        }
        checks.push_back(std::move(entry));
    }
    return {{"timeout_ms", plan.timeout.count()}, {"banner_ms", plan.banner.count()}, {"checks", std::move(checks)}};
}

}  // namespace meshprobe::probe
