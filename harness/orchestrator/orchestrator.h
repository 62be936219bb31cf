#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/stack_model.h"
#include "compose/standin.h"
#include "engine/docker_api.h"
#include "live/stack.h"

namespace meshprobe {

// The seam between meshprobe and what deploys the stack (docs/architecture.md, "The
// orchestrator seam"). Everything meshprobe asks of an orchestrator goes through this
// interface: render the declared stack, bring it up and down, discover what runs, follow its
// events, own and find what meshprobe created, and attach a probe. Compose is the first
// implementation (orchestrator/compose/); its labels are spelled there and nowhere else.
//
// StackModel is the declared stack: services, networks, ports and network modes, whichever
// orchestrator reads the files. Every command gets it from render() (project/project_stack.h).

// Which service and replica of the stack a container is, as the orchestrator marks it.
struct StackMember {
    std::string service;
    int replica = 0;
    // Started beside the stack, not as part of it (`compose run`): never a replica.
    bool one_off = false;
};

// An engine event that can change what the stack's model shows.
struct StackChange {
    std::string why;
    // A container of the stack started, stopped or changed health, or events may have been
    // missed (a reconnect): what shares a container's namespace has to be made anew. A network
    // connect or disconnect leaves namespaces as they are.
    bool containers = false;
};

// Where a probe joins the running stack: one of its networks, or a service container's
// network namespace.
struct ProbeAttachment {
    enum class Kind { network, service_namespace };
    Kind kind = Kind::network;
    std::string target;  // the engine's network name, or the container's id
};

// The engine's own network mode for an attachment ("<network>", "container:<id>"): what a
// probe started with `docker run` gets, on compose's networks or an attachable overlay.
std::string engine_network_mode(const ProbeAttachment& attachment);

// How `up` and `down` are run: polled for Ctrl-C, bounded, and what they say.
struct OrchestratorControl {
    // When set, up() ends the orchestrator's command and throws InfraError. down() ignores it:
    // clean-up after Ctrl-C must still happen.
    const std::atomic<bool>* cancel = nullptr;
    std::chrono::seconds up_timeout{180};
    std::function<void(const std::string&)> log;  // unset: stderr
};

// meshprobe's stand-ins in place of the declared services (`run --standin`): the declared
// stack's networks, every service the probe program in `serve` mode.
struct StandinRequest {
    const StackModel& declared;
    StandinOptions options;  // the probe image, the ports, the labels meshprobe finds them by
    std::string folder;      // a folder of the run's own, for what the orchestrator must write
};

class Orchestrator {
public:
    virtual ~Orchestrator() = default;

    // "compose": what --orchestrator names it.
    virtual std::string name() const = 0;
    // The stack's name: compose's project, Swarm's stack namespace.
    virtual const std::string& project() const = 0;

    // -- the declared stack
    // The stack the files declare, as this orchestrator reads them, with file:line on every
    // element. InputError for a mistake in the files.
    virtual StackModel render() const = 0;

    // -- up and down
    // The orchestrator's program and version ("compose v2 2.24.6"); InfraError when absent.
    virtual std::string version() = 0;
    // Brings the declared stack up, or the stand-ins in its place; returns once the
    // orchestrator has started it (wait_until_ready says when it runs). InfraError, with the
    // orchestrator's output as detail, when it cannot.
    virtual void up(const StandinRequest* standin, const OrchestratorControl& control) = 0;
    // Takes down what up() brought up: containers, networks, volumes. Never throws; returns
    // what went wrong, empty when it worked. Does nothing when up() was not called.
    virtual std::string down() = 0;
    // The command a person types to take the stack down (what up() started, else the
    // declared stack), `with_volumes` as `down -v` does.
    virtual std::string down_command(bool with_volumes) const = 0;
    // Waits until every container of the stack runs and, where it has a health check, is
    // healthy. Returns what is not ready when `limit` passes or a container exits or turns
    // unhealthy; empty when all are ready. Cancelled when `cancel` is set.
    virtual std::string wait_until_ready(Docker& docker, std::chrono::seconds limit,
                                         const std::atomic<bool>& cancel) const = 0;

    // -- what runs
    // The stack as the engine runs it now: its containers (stopped ones too), networks and
    // the strangers on those networks; and the `external` networks that exist. InfraError when
    // the engine does not answer.
    virtual LiveStack discover(Docker& docker, const ExternalNetworks& external) const = 0;

    // -- own and find
    // The stack's containers, stopped ones too when `all`, meshprobe's own among them.
    virtual std::vector<ContainerInfo> containers(Docker& docker, bool all) const = 0;
    // The stack's networks.
    virtual std::vector<NetworkInfo> networks(Docker& docker) const = 0;
    // Which service a container of this stack is; nullopt for a container of another stack or
    // none, or one the orchestrator did not name a service.
    virtual std::optional<StackMember> member(const Labels& labels) const = 0;
    // The network's name in the declared stack ("data_tier"); empty when it has none.
    virtual std::string network_key(const Labels& labels) const = 0;
    // The stack a container belongs to by the orchestrator's labels; empty when none.
    virtual std::string stack_of(const Labels& labels) const = 0;

    // -- events
    // Whether one line of the engine's /events stream can change this stack's model, and what
    // changed when it can.
    virtual std::optional<StackChange> event(const std::string& line) const = 0;

    // -- probes
    // The network mode a probe container is created with to sit at `attachment`.
    virtual std::string attach_probe(const ProbeAttachment& attachment) const = 0;
};

}  // namespace meshprobe
