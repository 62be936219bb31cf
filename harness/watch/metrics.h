#pragma once
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace meshprobe::watch {

enum class MetricType { gauge, counter };

// A series' labels by name; std::map keeps them in the order the exposition writes them.
using Labels = std::map<std::string, std::string>;

// What watch tells Prometheus: metric families declared once with their type, help text and
// label names, each holding one value per label set. Every member is safe to call from any
// thread. A name that was never declared, labels other than the declared ones, set() on a
// counter or a counter going down are mistakes in meshprobe, not in its input: std::logic_error.
class Metrics {
public:
    // A family without labels starts with one series at 0, so that it is there from the first
    // scrape; a labelled family's series appear as they are first set or added to.
    void declare(const std::string& name, MetricType type, const std::string& help,
                 const std::vector<std::string>& label_names = {});

    // A gauge's value now.
    void set(const std::string& name, const Labels& labels, double value);
    void set(const std::string& name, double value) { set(name, {}, value); }

    // A counter (or gauge) grows by delta; a counter's delta must not be negative.
    void add(const std::string& name, const Labels& labels, double delta = 1);
    void add(const std::string& name, double delta = 1) { add(name, {}, delta); }

    // Drops every series of a labelled family (as when the services of a stack change), so that
    // the next set() calls alone make it up.
    void clear(const std::string& name);

    // The value of one series; nullopt when it has none yet.
    std::optional<double> value(const std::string& name, const Labels& labels = {}) const;

    // The Prometheus text exposition format 0.0.4: families sorted by name, each with its HELP
    // and TYPE lines, series sorted by their label values.
    std::string render() const;

private:
    struct Family {
        MetricType type = MetricType::gauge;
        std::string help;
        std::vector<std::string> label_names;               // sorted
        std::map<std::vector<std::string>, double> series;  // label values in label_names' order
    };
    Family& family(const std::string& name);
    const Family& family(const std::string& name) const;
    static std::vector<std::string> key(const std::string& name, const Family& family, const Labels& labels);

    mutable std::mutex mutex_;
    std::map<std::string, Family> families_;
};

// The names of the families `watch` serves, so that a typo is a compile error.
namespace metric {
inline constexpr const char* kViolationsOpen = "meshprobe_violations_open";
inline constexpr const char* kViolationsTotal = "meshprobe_violations_total";  // {kind}
inline constexpr const char* kChecks = "meshprobe_checks";                     // {suite, verdict}
inline constexpr const char* kLastProbeTimestamp = "meshprobe_last_probe_timestamp_seconds";
inline constexpr const char* kServiceUp = "meshprobe_service_up";  // {service}
inline constexpr const char* kProbeRoundSeconds = "meshprobe_probe_round_seconds";
inline constexpr const char* kWebhookDropped = "meshprobe_webhook_dropped_total";
inline constexpr const char* kWebhookFailures = "meshprobe_webhook_failures_total";
inline constexpr const char* kGithubIssuesDropped = "meshprobe_github_issues_dropped_total";
inline constexpr const char* kGithubIssuesFailures = "meshprobe_github_issues_failures_total";
inline constexpr const char* kEngineReconnects = "meshprobe_engine_reconnects_total";
inline constexpr const char* kEvents = "meshprobe_events_total";
}  // namespace metric

// The families `watch` serves (docs/watch.md), declared in one place; violations_total has a
// series at 0 for every kind from the start, so that rate() and increase() see the first one.
void declare_watch_metrics(Metrics& metrics);

// A value as Prometheus parses it: the shortest text that reads back as the same double,
// "+Inf", "-Inf" and "NaN".
std::string format_metric_value(double value);

// Label values escape backslash, double quote and newline; HELP text backslash and newline.
std::string escape_label_value(const std::string& text);
std::string escape_help(const std::string& text);

}  // namespace meshprobe::watch
