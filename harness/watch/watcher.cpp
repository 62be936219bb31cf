#include "watch/watcher.h"

#include <condition_variable>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "core/cancelled.h"
#include "core/errors.h"
#include "exec/agent_pool.h"
#include "exec/cleanup.h"
#include "exec/interrupt.h"
#include "exec/outside_host.h"
#include "exec/probe_round.h"
#include "exec/run_lock.h"
#include "exec/sentinel.h"
#include "orchestrator/orchestrators.h"
#include "policy/reachability.h"
#include "project/project_stack.h"
#include "suites/run_plan.h"
#include "topology/live_topology.h"
#include "topology/prediction.h"
#include "watch/drift.h"
#include "watch/engine_events.h"
#include "watch/issue_payload.h"
#include "watch/metrics.h"
#include "watch/metrics_server.h"
#include "watch/violation_log.h"
#include "watch/github_issues.h"
#include "watch/webhook.h"

namespace meshprobe::watch {
namespace {

// The suites a round runs. The ports suite is left out: publishing is judged on every event
// from the engine's bindings, with the same decision (policy/publishing.h).
const std::vector<Suite> kRoundSuites = {Suite::dns, Suite::reach, Suite::isolation, Suite::egress};

Kind kind_of(Suite suite) {
    switch (suite) {
        case Suite::dns: return Kind::dns;
        case Suite::egress: return Kind::egress;
        default: return Kind::reach;
    }
}

Violation violation_of(const Check& check) {
    Violation v;
    v.kind = kind_of(check.suite);
    v.service = to_string(check.from);
    v.subject = check.id();
    v.detail = fmt::format("{}: expected {}, saw {}", check.id(), check.expected, check.observed);
    v.expected = check.expected + (check.note.empty() ? "" : " (" + check.note + ")");
    v.evidence = check.observed;
    v.fix = fmt::format("meshprobe explain {} {} says which network and which contract line decide it", check.from, check.to);
    return v;
}

class Watcher {
public:
    Watcher(const WatchTarget& target, const WatchOptions& options, const Console& console, std::string argv0)
        : target_(target),
          options_(options),
          console_(console),
          argv0_(std::move(argv0)),
          loaded_(load_project(target.contract, target.environment, target.orchestrator, target.compose)),
          docker_(target.docker_host),
          janitor_(target.docker_host),
          engine_url_(docker_.client().host().url()),
          run_id_(new_run_id()),
          log_(options.log, true) {
        docker_.client().set_cancel_flag(&interrupted());
        ComposeProject project = environment_project(loaded_.contract, loaded_.environment);
        project.docker_host = engine_url_;
        orchestrator_ = make_orchestrator(target.orchestrator, std::move(project));
        declare_watch_metrics(metrics_);
        if (!options.webhook.empty()) webhook_.emplace(options.webhook);
        if (!options.github_issues.empty()) {
            github_.emplace(std::make_unique<GithubIssues>(github_settings(options.github_issues)));
            for (const LogEntry& entry : log_.open_entries()) github_->enqueue(issue_payload(entry));  // issues the log says are open
        }
        log_.on_entry = [this](const LogEntry& entry) {
            if (entry.state == State::open) metrics_.add(metric::kViolationsTotal, {{"kind", std::string(to_string(entry.violation.kind))}});
            if (webhook_) webhook_->enqueue(issue_payload(entry));
            if (github_) github_->enqueue(issue_payload(entry));
        };
        if (!options.once || options.metrics_given) server_.emplace(metrics_, parse_listen_address(options.metrics));
        targets_ = egress_targets(loaded_.contract, {});
    }

    ~Watcher() {
        events_.reset();
        remove_run_containers_until_quiet(janitor_, run_id_);  // the agents kept for the next round
        if (webhook_) webhook_->stop(std::chrono::steady_clock::now() + std::chrono::seconds(2));
        if (github_) github_->stop(std::chrono::steady_clock::now() + std::chrono::seconds(10));  // a listing and a few calls
        if (server_) server_->stop();
    }

    int run() {
        judge_model(true);
        const std::string project = loaded_.contract.project;
        if (options_.once) {
            probe_round(true);
            return log_.open_count() == 0 ? kExitConformant : kExitViolations;
        }
        events_.emplace(
            target_.docker_host, [this](const std::string& line) { return orchestrator_->event(line); },
            [this](const EngineChange& change) { changed(change); });
        console_.info(fmt::format("watching project {}{}; probing every {} s{}", project,
                                  server_ ? fmt::format(", metrics at http://{}/metrics", server_->address().str()) : "",
                                  options_.interval_seconds, options_.log.empty() ? "" : ", log " + options_.log));
        // Rounds run on a thread of their own, so that an event is judged at once even while a
        // round is probing.
        std::thread rounds([this] { probe_rounds(); });
        while (!interrupted()) {
            std::string why;
            {
                std::unique_lock lock(mutex_);
                cv_.wait_for(lock, std::chrono::milliseconds(200), [&] { return dirty_ || interrupted(); });
                if (dirty_) {
                    why = why_;
                    dirty_ = false;
                }
            }
            if (interrupted()) break;
            // First, and again five times a second while a round that planned before the change
            // is still injecting: compose removes the networks a moment after the containers.
            release_stale_agents();
            if (!why.empty()) {
                // A burst (compose starting eight containers) is judged once, after it.
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                {
                    std::lock_guard lock(mutex_);
                    dirty_ = false;
                }
                console_.detail("engine event: " + why);
                judge_model(false);
            }
            publish_counters();
        }
        cv_.notify_all();
        rounds.join();
        console_.info("stopped; its probes are removed");
        return kExitConformant;
    }

private:
    void changed(const EngineChange& change) {
        if (change.containers) {
            agents_.invalidate();
            last_container_change_ = std::chrono::steady_clock::now().time_since_epoch().count();
        }
        std::lock_guard lock(mutex_);
        dirty_ = true;
        why_ = change.why;
        cv_.notify_one();
    }

    // A round every interval; never two at once, and a late one is said rather than stacked.
    void probe_rounds() {
        auto next_round = std::chrono::steady_clock::now();
        while (!interrupted()) {
            {
                // The signal handler cannot notify: look at the flag five times a second.
                std::unique_lock lock(mutex_);
                while (!interrupted() && std::chrono::steady_clock::now() < next_round) {
                    cv_.wait_for(lock, std::chrono::milliseconds(200));
                }
            }
            if (interrupted()) break;
            if (wait_until_settled()) break;
            const auto started = std::chrono::steady_clock::now();
            probe_round(false);
            const auto took = std::chrono::steady_clock::now() - started;
            next_round = started + std::chrono::seconds(options_.interval_seconds);
            if (took > std::chrono::seconds(options_.interval_seconds)) {
                console_.info(fmt::format("a probe round took {:.1f} s, longer than --interval {} s",
                                          std::chrono::duration<double>(took).count(), options_.interval_seconds));
                next_round = std::chrono::steady_clock::now();
            }
        }
    }

    // The live model against the contract; an engine that is away keeps what is open as it is.
    void judge_model(bool first) {
        LiveStack live;
        try {
            live = orchestrator_->discover(docker_, external_networks(loaded_.model, loaded_.contract.project));
        } catch (const Cancelled&) {
            return;
        } catch (const InfraError& e) {
            if (first) throw;
            if (engine_ok_) console_.info(std::string("the engine does not answer; waiting for it: ") + e.what());
            engine_ok_ = false;
            return;
        }
        if (!engine_ok_) console_.info("the engine answers again; the stack is judged anew");
        engine_ok_ = true;
        if (first && live.containers.empty()) {
            throw InfraError("watch: the engine at " + engine_url_ + " has no container of project " +
                             loaded_.contract.project + " (bring the stack up first)");
        }
        const Topology topology = build_live_topology(loaded_.contract, loaded_.model, loaded_.environment, live);
        log_.update(Source::model, judge_running(topology, loaded_.contract));
        metrics_.clear(metric::kServiceUp);
        for (const TopologyService& s : topology.services) metrics_.set(metric::kServiceUp, {{"service", s.name}}, service_up(s) ? 1 : 0);
        metrics_.set(metric::kViolationsOpen, log_.open_count());
    }

    // Every suite but ports, under the project's lock for the round only: `run --no-up` can
    // share the stack between rounds. The agents stay for the next round (AgentPool).
    // No round starts while containers of the stack come and go (compose up or down): its
    // agents would sit on networks compose is about to remove. Returns true when interrupted.
    bool wait_until_settled() {
        constexpr auto kSettle = std::chrono::seconds(3);
        while (!interrupted()) {
            const std::chrono::steady_clock::time_point last{std::chrono::steady_clock::duration(last_container_change_.load())};
            if (std::chrono::steady_clock::now() - last >= kSettle) return false;
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, std::chrono::milliseconds(200));
        }
        return true;
    }

    // Kept agents that an event made stale go at once, a round under way or not: sitting on the
    // stack's networks, they would keep `docker compose down` from removing them. A round whose
    // stack changed under it proves nothing, and its results are dropped.
    // `holding`: the caller is the round, which holds agents_mutex_.
    void release_stale_agents(bool holding = false) {
        if (!agents_.stale()) return;
        remove_run_containers(janitor_, run_id_, Order::network_attached_first);
        if (holding) {
            agents_.clear();
            return;
        }
        std::unique_lock lock(agents_mutex_, std::try_to_lock);
        if (lock) agents_.clear();  // else the round clears them as it ends
    }

    void probe_round(bool once) {
        std::lock_guard agents_lock(agents_mutex_);
        struct Release {  // what went stale during the round goes as it ends
            Watcher& w;
            ~Release() { w.release_stale_agents(true); }
        } release{*this};
        const long generation = agents_.begin_round();
        const auto started = std::chrono::steady_clock::now();
        try {
            const EngineName engine = engine_name(docker_);
            const ProjectLock lock(engine, loaded_.contract.project, run_id_);
            if (!kit_) {
                kit_ = prepare_probes(docker_, janitor_, *orchestrator_, run_id_,
                                      kept_run(project_key(engine.id, loaded_.contract.project)), argv0_, console_);
            }
            LiveStack live = orchestrator_->discover(docker_, external_networks(loaded_.model, loaded_.contract.project));
            if (live.services.empty()) return;  // nothing runs: health says so
            order_like_contract(live, loaded_.contract);
            const Sentinel sentinel(live.gateway_addresses());
            const Reachability policy(loaded_.contract, declared_ports(loaded_.contract, loaded_.model));
            const Prediction prediction = predict_running(loaded_.model, live, loaded_.contract.project,
                                                          HostFirewall::read(), docker_.version().engine_major());
            // Given no egress target, watch makes its own outside host once, as run does.
            if (targets_.empty() && !outside_) outside_.emplace(make_outside_host(&interrupted()));
            const SuiteContext context{loaded_.contract, live, policy, sentinel.port(), targets_,
                                       expected_services(loaded_.model, loaded_.elsewhere), prediction,
                                       outside_ ? egress_outside(*outside_) : EgressOutside{}};
            const Plan plan = make_plan(context, kRoundSuites);
            ExecutorOptions exec{kit_->image, kit_->binary, run_id_, loaded_.contract.project, false, &interrupted(), {},
                                 orchestrator_.get()};
            const RoundResult round = judged_round(plan, docker_, janitor_, exec, console_, &agents_);
            if (interrupted()) return;
            if (agents_.generation() != generation) {
                console_.detail("the stack changed during the probe round: its results are dropped");
                return;
            }
            std::vector<Violation> found;
            std::map<std::pair<std::string, std::string>, int> tally;
            for (const Check& check : round.checks) {
                ++tally[{to_string(check.suite), to_string(check.verdict)}];
                if (check.suite != Suite::stack && check.verdict != Verdict::pass) found.push_back(violation_of(check));
            }
            log_.update(Source::probes, found);
            metrics_.clear(metric::kChecks);
            for (const auto& [key, count] : tally) metrics_.set(metric::kChecks, {{"suite", key.first}, {"verdict", key.second}}, count);
            metrics_.set(metric::kLastProbeTimestamp, static_cast<double>(std::time(nullptr)));
            const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            metrics_.set(metric::kProbeRoundSeconds, took);
            metrics_.set(metric::kViolationsOpen, log_.open_count());
            console_.detail(fmt::format("probe round: {} checks, {} failing, {:.2f} s", round.checks.size(), found.size(), took));
        } catch (const Cancelled&) {
            return;
        } catch (const InfraError& e) {
            // A round that could not be made proves nothing: what it found open stays open.
            if (once) throw;
            if (agents_.generation() != generation) {
                console_.detail("the stack changed during the probe round, which ended early");
                return;
            }
            console_.info(std::string("this probe round could not be made: ") + e.what());
        }
    }

    // The senders' and the follower's counts, as Prometheus counters.
    void publish_counters() {
        auto grow = [this](const char* name, double now, double& last) {
            if (now > last) metrics_.add(name, now - last);
            last = now;
        };
        if (webhook_) {
            const WebhookCounters c = webhook_->counters();
            grow(metric::kWebhookDropped, static_cast<double>(c.dropped), last_dropped_);
            grow(metric::kWebhookFailures, static_cast<double>(c.failed), last_failed_);
        }
        if (github_) {
            const WebhookCounters c = github_->counters();
            grow(metric::kGithubIssuesDropped, static_cast<double>(c.dropped), last_github_dropped_);
            grow(metric::kGithubIssuesFailures, static_cast<double>(c.failed), last_github_failed_);
        }
        if (events_) {
            grow(metric::kEvents, static_cast<double>(events_->events()), last_events_);
            grow(metric::kEngineReconnects, static_cast<double>(events_->reconnects()), last_reconnects_);
        }
    }

    const WatchTarget& target_;
    const WatchOptions& options_;
    Console console_;
    std::string argv0_;
    ContractEnvironment loaded_;
    std::unique_ptr<Orchestrator> orchestrator_;
    Docker docker_;
    Docker janitor_;  // not cancellable: clean-up must survive Ctrl-C
    std::string engine_url_;
    std::string run_id_;
    std::vector<EgressTarget> targets_;
    std::optional<ProbeKit> kit_;
    std::optional<OutsideHostOrWhy> outside_;
    AgentPool agents_;  // kept between rounds; injected anew after an engine event
    std::mutex agents_mutex_;  // a round uses them, or an event releases them
    std::atomic<std::chrono::steady_clock::rep> last_container_change_{0};
    Metrics metrics_;
    ViolationLog log_;
    std::optional<WebhookSender> webhook_;
    std::optional<WebhookSender> github_;
    std::optional<MetricsServer> server_;
    std::optional<EngineEvents> events_;
    bool engine_ok_ = true;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool dirty_ = false;
    std::string why_;
    double last_dropped_ = 0, last_failed_ = 0, last_events_ = 0, last_reconnects_ = 0;
    double last_github_dropped_ = 0, last_github_failed_ = 0;
};

}  // namespace

int watch(const WatchTarget& target, const WatchOptions& options, const Console& console, const std::string& argv0) {
    Watcher watcher(target, options, console, argv0);
    return watcher.run();
}

}  // namespace meshprobe::watch
