#include "watch/metrics.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "watch/violation.h"

namespace meshprobe::watch {
namespace {

bool valid_name(const std::string& name, bool colon_allowed) {
    if (name.empty()) return false;
    auto word = [&](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (colon_allowed && c == ':');
    };
    if (!word(name.front())) return false;
    return std::all_of(name.begin(), name.end(),
                       [&](char c) { return word(c) || std::isdigit(static_cast<unsigned char>(c)); });
}

std::string_view to_string(MetricType type) { return type == MetricType::counter ? "counter" : "gauge"; }

std::string describe(const std::vector<std::string>& names) {
    return "{" + fmt::format("{}", fmt::join(names, ",")) + "}";
}

}  // namespace

std::string format_metric_value(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    if (value == 0) return "0";  // -0 too: a sign on nothing only puzzles the reader
    // Counts and timestamps in full ("1764823456", not the shorter "1.764823456e+09"), as far as
    // a double holds every integer.
    if (std::abs(value) < 1e15 && value == std::trunc(value)) return fmt::format("{:.0f}", value);
    std::array<char, 64> text{};
    const auto [end, error] = std::to_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc()) throw std::logic_error("a metric value does not fit its buffer");
    return {text.data(), end};
}

std::string escape_label_value(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '"': out += "\\\""; break;
            case '\n': out += "\\n"; break;
            default: out += c;
        }
    }
    return out;
}

std::string escape_help(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            default: out += c;
        }
    }
    return out;
}

void Metrics::declare(const std::string& name, MetricType type, const std::string& help,
                      const std::vector<std::string>& label_names) {
    if (!valid_name(name, true)) throw std::logic_error("metric name '" + name + "' is not a Prometheus name");
    // promtool's lint and every dashboard expect it; a counter without it is a naming slip.
    if (type == MetricType::counter && !name.ends_with("_total"))
        throw std::logic_error("counter '" + name + "' does not end in _total");
    if (help.empty()) throw std::logic_error("metric '" + name + "' has no help text");
    Family declared{type, help, label_names, {}};
    std::sort(declared.label_names.begin(), declared.label_names.end());
    for (size_t i = 0; i < declared.label_names.size(); ++i) {
        const std::string& label = declared.label_names[i];
        if (!valid_name(label, false) || label.starts_with("__"))
            throw std::logic_error("label '" + label + "' of metric '" + name + "' is not a Prometheus label name");
        if (i > 0 && declared.label_names[i - 1] == label)
            throw std::logic_error("label '" + label + "' of metric '" + name + "' is declared twice");
    }
    if (declared.label_names.empty()) declared.series[{}] = 0;
    std::lock_guard lock(mutex_);
    if (!families_.emplace(name, std::move(declared)).second)
        throw std::logic_error("metric '" + name + "' is declared twice");
}

Metrics::Family& Metrics::family(const std::string& name) {
    auto found = families_.find(name);
    if (found == families_.end()) throw std::logic_error("metric '" + name + "' was never declared");
    return found->second;
}

const Metrics::Family& Metrics::family(const std::string& name) const {
    auto found = families_.find(name);
    if (found == families_.end()) throw std::logic_error("metric '" + name + "' was never declared");
    return found->second;
}

std::vector<std::string> Metrics::key(const std::string& name, const Family& family, const Labels& labels) {
    std::vector<std::string> values;
    std::vector<std::string> given;
    for (const auto& [label, value] : labels) {
        given.push_back(label);
        values.push_back(value);
    }
    // Both are sorted: a std::map's keys, and the declared names since declare().
    if (given != family.label_names)
        throw std::logic_error(
            fmt::format("metric '{}' has labels {}, not {}", name, describe(family.label_names), describe(given)));
    return values;
}

void Metrics::set(const std::string& name, const Labels& labels, double value) {
    std::lock_guard lock(mutex_);
    Family& f = family(name);
    if (f.type == MetricType::counter) throw std::logic_error("counter '" + name + "' is only added to, never set");
    f.series[key(name, f, labels)] = value;
}

void Metrics::add(const std::string& name, const Labels& labels, double delta) {
    std::lock_guard lock(mutex_);
    Family& f = family(name);
    if (f.type == MetricType::counter && !(delta >= 0))
        throw std::logic_error(fmt::format("counter '{}' cannot grow by {}", name, delta));
    f.series[key(name, f, labels)] += delta;
}

void Metrics::clear(const std::string& name) {
    std::lock_guard lock(mutex_);
    Family& f = family(name);
    f.series.clear();
    if (f.label_names.empty()) f.series[{}] = 0;
}

std::optional<double> Metrics::value(const std::string& name, const Labels& labels) const {
    std::lock_guard lock(mutex_);
    const Family& f = family(name);
    auto found = f.series.find(key(name, f, labels));
    if (found == f.series.end()) return std::nullopt;
    return found->second;
}

std::string Metrics::render() const {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& [name, f] : families_) {
        out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, escape_help(f.help), name, to_string(f.type));
        for (const auto& [values, value] : f.series) {
            out += name;
            if (!values.empty()) {
                out += '{';
                for (size_t i = 0; i < values.size(); ++i) {
                    if (i > 0) out += ',';
                    out += fmt::format("{}=\"{}\"", f.label_names[i], escape_label_value(values[i]));
                }
                out += '}';
            }
            out += ' ';
            out += format_metric_value(value);
            out += '\n';
        }
    }
    return out;
}

void declare_watch_metrics(Metrics& metrics) {
    using metric::kChecks, metric::kViolationsTotal;
    metrics.declare(metric::kViolationsOpen, MetricType::gauge, "Violations of the contract open now.");
    metrics.declare(kViolationsTotal, MetricType::counter,
                    "Violations of the contract opened since watch started, by kind.", {"kind"});
    for (Kind kind :
         {Kind::attachment, Kind::publish, Kind::alias, Kind::reach, Kind::dns, Kind::egress, Kind::health, Kind::tier})
        metrics.add(kViolationsTotal, {{"kind", std::string(to_string(kind))}}, 0);
    metrics.declare(kChecks, MetricType::gauge, "Checks of the last probe round, by suite and verdict.",
                    {"suite", "verdict"});
    metrics.declare(metric::kLastProbeTimestamp, MetricType::gauge,
                    "When the last probe round ended, in seconds since the Unix epoch (0: none yet).");
    metrics.declare(metric::kServiceUp, MetricType::gauge,
                    "Whether each service of the contract has a running container (1) or not (0).", {"service"});
    metrics.declare(metric::kProbeRoundSeconds, MetricType::gauge, "How long the last probe round took, in seconds.");
    metrics.declare(metric::kWebhookDropped, MetricType::counter,
                    "Webhook notifications given up without delivery (queue full or retries exhausted).");
    metrics.declare(metric::kWebhookFailures, MetricType::counter,
                    "Webhook POST attempts that failed (each retry counts).");
    metrics.declare(metric::kGithubIssuesDropped, MetricType::counter,
                    "Violations given up before GitHub had them (queue full, or watch ended first).");
    metrics.declare(metric::kGithubIssuesFailures, MetricType::counter,
                    "Violations GitHub refused for good (a token that may not write issues, no such repository).");
    metrics.declare(metric::kEngineReconnects, MetricType::counter,
                    "Times watch connected to the Docker engine again after losing it.");
    metrics.declare(metric::kEvents, MetricType::counter, "Docker engine events of the stack that watch judged.");
}

}  // namespace meshprobe::watch
