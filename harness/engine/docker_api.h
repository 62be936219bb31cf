#pragma once
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "engine/docker_types.h"
#include "engine/engine_client.h"
#include "engine/log_stream.h"

namespace meshprobe {

// What a container left behind when it ran to completion.
struct RunResult {
    int exit_code = -1;
    Logs logs;
};

// The Engine API calls the harness needs, in its own terms. Thread safe like EngineClient.
// Every call throws as EngineClient's do: EngineError (an InfraError) for an engine's error
// answer, InfraError when the engine cannot be reached, Cancelled after Ctrl-C; what each call
// tolerates instead (a 404 on removal) is said at the call.
class Docker {
public:
    // docker_host as for DockerHost::parse (empty: $DOCKER_HOST, else the local socket).
    explicit Docker(const std::string& docker_host = {});

    EngineClient& client() { return client_; }

    VersionInfo version();
    // The engine's own ID (GET /info, "ID"), the same through every address it listens on; asked
    // once per Docker object. InfraError when the engine names none: no address stands in for it.
    std::string engine_id();

    // Containers carrying every given label ("key" or "key=value"), stopped ones included
    // when all is set. Each is inspected, so aliases, health and network mode are filled in.
    std::vector<ContainerInfo> list_containers(const std::vector<std::string>& labels, bool all = true);
    // Running containers attached to any of these networks (engine names) whose labels `keep`
    // accepts; only those are inspected.
    std::vector<ContainerInfo> containers_on_networks(const std::vector<std::string>& networks,
                                                      const std::function<bool(const Labels&)>& keep);
    // Throws EngineError (404) when there is no such container.
    ContainerInfo inspect_container(const std::string& id);
    std::vector<NetworkInfo> list_networks(const std::vector<std::string>& labels = {});

    // Returns the new container's id.
    std::string create_container(const ContainerSpec& spec);
    void start_container(const std::string& id);
    // Blocks until the container stops; returns its exit code. InfraError after timeout.
    int wait_container(const std::string& id, std::chrono::milliseconds timeout);
    Logs logs(const std::string& id);
    // Kills it first when force is set. A container that is already gone is not an error,
    // and this runs even after Ctrl-C, because it is clean-up.
    void remove_container(const std::string& id, bool force = true);
    // Create, start, wait, collect logs; the container is removed whatever happens.
    RunResult run_container(const ContainerSpec& spec, std::chrono::milliseconds timeout);
    // Runs a command in a running container, as `docker exec` does, and returns its output.
    RunResult exec(const std::string& container, const std::vector<std::string>& cmd,
                   std::chrono::milliseconds timeout);
    // A network that is already gone is not an error; one still in use throws EngineError.
    void remove_network(const std::string& id);
    void connect_network(const std::string& network, const std::string& container,
                         const std::vector<std::string>& aliases = {});

    bool image_exists(const std::string& ref);
    // Imports a root filesystem tar as repo:tag; changes are Dockerfile lines such as
    // ENTRYPOINT ["/probe"].
    void import_image(const std::string& tar, const std::string& repo, const std::string& tag,
                      const std::vector<std::string>& changes);
    // A missing image is not an error.
    void remove_image(const std::string& ref);

private:
    // GET `listing` (a /containers/json query), and inspect each container `keep` takes.
    std::vector<ContainerInfo> inspect_listed(const std::string& listing,
                                              const std::function<bool(const ListedContainer&)>& keep);

    EngineClient client_;
    std::mutex id_mutex_;
    std::string engine_id_;
};

}  // namespace meshprobe
