#include "watch/metrics.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace meshprobe::watch {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MetricsRender, WritesHelpTypeAndSeriesOfEachFamily) {
    Metrics metrics;
    metrics.declare("b_total", MetricType::counter, "Things counted.", {"kind"});
    metrics.declare("a_open", MetricType::gauge, "Things open now.");
    metrics.add("b_total", {{"kind", "x"}}, 2);
    metrics.set("a_open", 3);
    EXPECT_EQ(metrics.render(),
              "# HELP a_open Things open now.\n"
              "# TYPE a_open gauge\n"
              "a_open 3\n"
              "# HELP b_total Things counted.\n"
              "# TYPE b_total counter\n"
              "b_total{kind=\"x\"} 2\n");
}

TEST(MetricsRender, WritesHelpAndTypeOncePerFamilyWhateverItsSeries) {
    Metrics metrics;
    metrics.declare("up", MetricType::gauge, "Up.", {"service"});
    metrics.set("up", {{"service", "a"}}, 1);
    metrics.set("up", {{"service", "b"}}, 0);
    metrics.set("up", {{"service", "c"}}, 1);
    const std::string text = metrics.render();
    EXPECT_EQ(text.find("# HELP up"), text.rfind("# HELP up"));
    EXPECT_EQ(text.find("# TYPE up"), text.rfind("# TYPE up"));
}

TEST(MetricsRender, SortsSeriesByLabelValuesWhateverTheOrderTheyCameIn) {
    Metrics metrics;
    metrics.declare("up", MetricType::gauge, "Up.", {"service"});
    metrics.set("up", {{"service", "web"}}, 1);
    metrics.set("up", {{"service", "api"}}, 1);
    metrics.set("up", {{"service", "db"}}, 1);
    EXPECT_THAT(metrics.render(), HasSubstr("up{service=\"api\"} 1\nup{service=\"db\"} 1\nup{service=\"web\"} 1\n"));
}

TEST(MetricsRender, WritesLabelsInNameOrderWhateverTheDeclaredOrder) {
    Metrics metrics;
    metrics.declare("checks", MetricType::gauge, "Checks.", {"verdict", "suite"});
    metrics.set("checks", {{"verdict", "pass"}, {"suite", "dns"}}, 4);
    EXPECT_THAT(metrics.render(), HasSubstr("checks{suite=\"dns\",verdict=\"pass\"} 4\n"));
}

TEST(MetricsRender, GivesAFamilyWithoutLabelsASeriesAtZeroFromTheStart) {
    Metrics metrics;
    metrics.declare("events_total", MetricType::counter, "Events.");
    EXPECT_THAT(metrics.render(), HasSubstr("\nevents_total 0\n"));
}

TEST(MetricsRender, WritesOnlyHelpAndTypeForALabelledFamilyWithNoSeriesYet) {
    Metrics metrics;
    metrics.declare("up", MetricType::gauge, "Up.", {"service"});
    EXPECT_EQ(metrics.render(), "# HELP up Up.\n# TYPE up gauge\n");
}

TEST(MetricsRender, EscapesBackslashQuoteAndNewlineInLabelValues) {
    Metrics metrics;
    metrics.declare("up", MetricType::gauge, "Up.", {"service"});
    metrics.set("up", {{"service", "a\\b\"c\nd"}}, 1);
    EXPECT_THAT(metrics.render(), HasSubstr("up{service=\"a\\\\b\\\"c\\nd\"} 1\n"));
}

TEST(MetricsRender, EscapesBackslashAndNewlineInHelpButNotQuotes) {
    Metrics metrics;
    metrics.declare("x", MetricType::gauge, "a \\ b\n\"c\"");
    EXPECT_THAT(metrics.render(), HasSubstr("# HELP x a \\\\ b\\n\"c\"\n"));
}

TEST(MetricValue, IsAnIntegerWithoutFraction) {
    EXPECT_EQ(format_metric_value(3), "3");
    EXPECT_EQ(format_metric_value(-12), "-12");
    EXPECT_EQ(format_metric_value(1700000000), "1700000000");
}

TEST(MetricValue, IsTheShortestTextThatReadsBackTheSame) {
    EXPECT_EQ(format_metric_value(0.1), "0.1");
    EXPECT_EQ(format_metric_value(1.5), "1.5");
    EXPECT_EQ(format_metric_value(1764823456.125), "1764823456.125");
    EXPECT_EQ(format_metric_value(1e300), "1e+300");
    for (double value : {1.0 / 3.0, 1e300, 5e-324, 123456789012345678.0, -2.5e-7})
        EXPECT_EQ(std::strtod(format_metric_value(value).c_str(), nullptr), value) << value;
}

TEST(MetricValue, SpellsInfinityAndNanAsPrometheusDoes) {
    EXPECT_EQ(format_metric_value(std::numeric_limits<double>::infinity()), "+Inf");
    EXPECT_EQ(format_metric_value(-std::numeric_limits<double>::infinity()), "-Inf");
    EXPECT_EQ(format_metric_value(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

TEST(MetricValue, WritesNegativeZeroAsZero) { EXPECT_EQ(format_metric_value(-0.0), "0"); }

TEST(Metrics, AddAccumulatesPerLabelSet) {
    Metrics metrics;
    metrics.declare("v_total", MetricType::counter, "V.", {"kind"});
    metrics.add("v_total", {{"kind", "dns"}});
    metrics.add("v_total", {{"kind", "dns"}}, 2);
    metrics.add("v_total", {{"kind", "reach"}});
    EXPECT_EQ(metrics.value("v_total", {{"kind", "dns"}}), 3);
    EXPECT_EQ(metrics.value("v_total", {{"kind", "reach"}}), 1);
    EXPECT_EQ(metrics.value("v_total", {{"kind", "tier"}}), std::nullopt);
}

TEST(Metrics, SetReplacesAGaugesValue) {
    Metrics metrics;
    metrics.declare("open", MetricType::gauge, "Open.");
    metrics.set("open", 5);
    metrics.set("open", 2);
    EXPECT_THAT(metrics.render(), HasSubstr("\nopen 2\n"));
}

TEST(Metrics, ClearDropsTheSeriesOfALabelledFamily) {
    Metrics metrics;
    metrics.declare("up", MetricType::gauge, "Up.", {"service"});
    metrics.set("up", {{"service", "gone"}}, 1);
    metrics.clear("up");
    metrics.set("up", {{"service", "new"}}, 1);
    EXPECT_THAT(metrics.render(), Not(HasSubstr("gone")));
    EXPECT_THAT(metrics.render(), HasSubstr("up{service=\"new\"} 1\n"));
}

TEST(Metrics, ClearPutsAFamilyWithoutLabelsBackToZero) {
    Metrics metrics;
    metrics.declare("open", MetricType::gauge, "Open.");
    metrics.set("open", 4);
    metrics.clear("open");
    EXPECT_EQ(metrics.value("open"), 0);
}

TEST(Metrics, RefusesToSetACounter) {
    Metrics metrics;
    metrics.declare("v_total", MetricType::counter, "V.");
    EXPECT_THROW(metrics.set("v_total", 1), std::logic_error);
}

TEST(Metrics, RefusesACounterGoingDown) {
    Metrics metrics;
    metrics.declare("v_total", MetricType::counter, "V.");
    EXPECT_THROW(metrics.add("v_total", -1), std::logic_error);
    EXPECT_THROW(metrics.add("v_total", std::numeric_limits<double>::quiet_NaN()), std::logic_error);
}

TEST(Metrics, RefusesAnUndeclaredName) {
    Metrics metrics;
    try {
        metrics.set("nothing", 1);
        FAIL() << "no exception";
    } catch (const std::logic_error& e) {
        EXPECT_THAT(e.what(), HasSubstr("'nothing' was never declared"));
    }
}

TEST(Metrics, RefusesLabelsOtherThanTheDeclaredOnes) {
    Metrics metrics;
    metrics.declare("checks", MetricType::gauge, "Checks.", {"suite", "verdict"});
    EXPECT_THROW(metrics.set("checks", {{"suite", "dns"}}, 1), std::logic_error);
    EXPECT_THROW(metrics.set("checks", {{"suite", "dns"}, {"verdict", "pass"}, {"x", "y"}}, 1), std::logic_error);
    EXPECT_THROW(metrics.set("checks", 1), std::logic_error);
}

TEST(MetricsDeclare, RefusesACounterNotEndingInTotal) {
    Metrics metrics;
    EXPECT_THROW(metrics.declare("events", MetricType::counter, "Events."), std::logic_error);
}

TEST(MetricsDeclare, RefusesNamesPrometheusCannotRead) {
    Metrics metrics;
    EXPECT_THROW(metrics.declare("1abc", MetricType::gauge, "x"), std::logic_error);
    EXPECT_THROW(metrics.declare("a-b", MetricType::gauge, "x"), std::logic_error);
    EXPECT_THROW(metrics.declare("ok", MetricType::gauge, "x", {"a:b"}), std::logic_error);
    EXPECT_THROW(metrics.declare("ok2", MetricType::gauge, "x", {"__reserved"}), std::logic_error);
}

TEST(MetricsDeclare, RefusesTheSameNameTwice) {
    Metrics metrics;
    metrics.declare("x", MetricType::gauge, "x");
    EXPECT_THROW(metrics.declare("x", MetricType::gauge, "x"), std::logic_error);
}

TEST(MetricsDeclare, RefusesALabelNamedTwice) {
    Metrics metrics;
    EXPECT_THROW(metrics.declare("x", MetricType::gauge, "x", {"a", "a"}), std::logic_error);
}

TEST(Metrics, CountsEveryAddFromManyThreads) {
    Metrics metrics;
    metrics.declare("n_total", MetricType::counter, "N.", {"kind"});
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&metrics] {
            for (int i = 0; i < 1000; ++i) {
                metrics.add("n_total", {{"kind", "a"}});
                (void)metrics.render();
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(metrics.value("n_total", {{"kind", "a"}}), 4000);
}

TEST(WatchMetrics, DeclareEveryFamilyWatchServesWithItsType) {
    Metrics metrics;
    declare_watch_metrics(metrics);
    const std::string text = metrics.render();
    for (const char* gauge : {metric::kViolationsOpen, metric::kChecks, metric::kLastProbeTimestamp, metric::kServiceUp,
                              metric::kProbeRoundSeconds})
        EXPECT_THAT(text, HasSubstr(std::string("# TYPE ") + gauge + " gauge\n"));
    for (const char* counter : {metric::kViolationsTotal, metric::kWebhookDropped, metric::kWebhookFailures,
                                metric::kGithubIssuesDropped, metric::kGithubIssuesFailures, metric::kEngineReconnects, metric::kEvents})
        EXPECT_THAT(text, HasSubstr(std::string("# TYPE ") + counter + " counter\n"));
}

TEST(WatchMetrics, StartViolationsTotalAtZeroForEveryKind) {
    Metrics metrics;
    declare_watch_metrics(metrics);
    for (const char* kind : {"attachment", "publish", "alias", "reach", "dns", "egress", "health", "tier"})
        EXPECT_EQ(metrics.value(metric::kViolationsTotal, {{"kind", kind}}), 0) << kind;
}

TEST(WatchMetrics, StartWithNoChecksAndNoServices) {
    Metrics metrics;
    declare_watch_metrics(metrics);
    const std::string text = metrics.render();
    EXPECT_THAT(text, Not(HasSubstr("meshprobe_checks{")));
    EXPECT_THAT(text, Not(HasSubstr("meshprobe_service_up{")));
    EXPECT_THAT(text, HasSubstr("\nmeshprobe_violations_open 0\n"));
}

}  // namespace
}  // namespace meshprobe::watch
