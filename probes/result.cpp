#include "probes/result.h"

#include <array>
#include <cmath>
#include <utility>

namespace meshprobe::probe {
namespace {

using json = nlohmann::json;

constexpr std::array<std::pair<Status, std::string_view>, 8> kStatusNames{{
    {Status::resolved, "resolved"},
    {Status::nxdomain, "nxdomain"},
    {Status::timeout, "timeout"},
    {Status::error, "error"},
    {Status::connected, "connected"},
    {Status::refused, "refused"},
    {Status::unreachable, "unreachable"},
    {Status::unresolved, "unresolved"},
}};

Status parse_status(const std::string& text) {
    for (const auto& [status, name] : kStatusNames) {
        if (name == text) {
            return status;
        }
    }
    throw ResultsError("results: unknown status \"" + text + "\"");
}

CheckKind parse_kind(const std::string& text) {
    if (text == "dns") {
        return CheckKind::dns;
    }
    if (text == "tcp") {
        return CheckKind::tcp;
    }
    throw ResultsError("results: unknown kind \"" + text + "\"");
}

CheckResult parse_result(const json& entry) {
    CheckResult result;
    result.key = entry.at("key").get<std::string>();
    result.kind = parse_kind(entry.at("kind").get<std::string>());
    result.status = parse_status(entry.at("status").get<std::string>());
    result.ms = entry.at("ms").get<double>();
    result.addresses = entry.value("addresses", std::vector<std::string>{});
    result.address = entry.value("address", std::string{});
    result.detail = entry.value("detail", std::string{});
    if (entry.contains("banner")) {
        result.banner = entry.at("banner").get<std::string>();
    }
    return result;
}

}  // namespace

std::string_view to_string(Status status) {
    for (const auto& [candidate, name] : kStatusNames) {
        if (candidate == status) {
            return name;
        }
    }
    return "unknown";
}

nlohmann::ordered_json to_json(const CheckResult& result) {
    nlohmann::ordered_json entry = {{"key", result.key}, {"kind", to_string(result.kind)}, {"status", to_string(result.status)}};
    if (result.kind == CheckKind::dns && result.status == Status::resolved) {
        entry["addresses"] = result.addresses;
    }
    if (!result.address.empty()) {
        entry["address"] = result.address;
    }
    if (result.banner) {
        entry["banner"] = *result.banner;
    }
    if (!result.detail.empty()) {
        entry["detail"] = result.detail;
    }
    entry["ms"] = std::round(result.ms * 10) / 10;
    return entry;
}

std::string results_document(const std::vector<CheckResult>& results) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const CheckResult& result : results) {
        list.push_back(to_json(result));
    }
    // A banner is whatever the peer sent: replace invalid UTF-8 instead of throwing.
    return nlohmann::ordered_json{{"results", std::move(list)}}.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::vector<CheckResult> parse_results(std::string_view text) {
    try {
        const json document = json::parse(text);
        std::vector<CheckResult> results;
        for (const json& entry : document.at("results")) {
            results.push_back(parse_result(entry));
        }
        return results;
    } catch (const json::exception& error) {
        throw ResultsError(std::string("results: ") + error.what());
    }
}

}  // namespace meshprobe::probe
