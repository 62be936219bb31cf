#include "engine/docker_api.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "engine/docker_json.h"
#include "engine/url_query.h"

namespace meshprobe {
namespace {

using namespace std::chrono_literals;

constexpr auto kImportTimeout = 120s;
constexpr auto kCleanupTimeout = 20s;

// /images/create answers 200 and then reports failure inside its progress stream.
void throw_on_stream_error(const std::string& stream, const std::string& what) {
    std::istringstream lines(stream);
    std::string line;
    while (std::getline(lines, line)) {
        nlohmann::json message = nlohmann::json::parse(line, nullptr, false);
        if (message.is_object() && message.contains("error")) {
            const nlohmann::json& error = message["error"];
            throw InfraError(fmt::format("Docker engine could not {}: {}", what,
                                         error.is_string() ? error.get<std::string>() : error.dump()),
                             stream);
        }
    }
}

}  // namespace

Docker::Docker(const std::string& docker_host) : client_(docker_host) {}

VersionInfo Docker::version() {
    return version_from_json(client_.get_unversioned("/version").json());
}

std::string Docker::engine_id() {
    std::lock_guard lock(id_mutex_);
    if (!engine_id_.empty()) return engine_id_;
    const nlohmann::json info = client_.get("/info").json();
    if (!info.is_object() || !info.contains("ID") || !info["ID"].is_string() || info["ID"].get<std::string>().empty()) {
        throw InfraError(fmt::format("the Docker engine at {} did not say its ID (GET /info): meshprobe needs it to "
                                     "tell one engine from another",
                                     client_.host().describe()));
    }
    engine_id_ = info["ID"].get<std::string>();
    return engine_id_;
}

std::vector<ContainerInfo> Docker::list_containers(const std::vector<std::string>& labels, bool all) {
    Query query;
    if (all) query.add("all", "1");
    if (!labels.empty()) query.add("filters", label_filters(labels));
    return inspect_listed("/containers/json" + query.str(), [](const ListedContainer&) { return true; });
}

std::vector<ContainerInfo> Docker::containers_on_networks(const std::vector<std::string>& networks,
                                                          const std::function<bool(const Labels&)>& keep) {
    if (networks.empty()) return {};
    // One listing of the running containers; the list names each one's networks and labels.
    return inspect_listed("/containers/json", [&](const ListedContainer& c) {
        const bool attached = std::any_of(c.networks.begin(), c.networks.end(), [&](const std::string& name) {
            return std::find(networks.begin(), networks.end(), name) != networks.end();
        });
        return attached && keep(c.labels);
    });
}

std::vector<ContainerInfo> Docker::inspect_listed(const std::string& listing,
                                                  const std::function<bool(const ListedContainer&)>& keep) {
    // The list endpoint leaves out aliases and health, so each container kept is inspected.
    std::vector<ContainerInfo> containers;
    for (const nlohmann::json& item : client_.get(listing).json()) {
        const ListedContainer listed = listed_container(item);
        if (!keep(listed)) continue;
        Response inspect = client_.get("/containers/" + listed.id + "/json", {.allow_not_found = true});
        if (inspect.not_found()) continue;  // removed since it was listed
        containers.push_back(container_from_inspect(inspect.json()));
    }
    return containers;
}

ContainerInfo Docker::inspect_container(const std::string& id) {
    return container_from_inspect(client_.get("/containers/" + id + "/json").json());
}

std::vector<NetworkInfo> Docker::list_networks(const std::vector<std::string>& labels) {
    Query query;
    if (!labels.empty()) query.add("filters", label_filters(labels));
    std::vector<NetworkInfo> networks;
    for (const nlohmann::json& item : client_.get("/networks" + query.str()).json()) {
        networks.push_back(network_from_json(item));
    }
    return networks;
}

std::string Docker::create_container(const ContainerSpec& spec) {
    Query query;
    if (!spec.name.empty()) query.add("name", spec.name);
    nlohmann::json created = client_.post("/containers/create" + query.str(), create_body(spec)).json();
    return created.value("Id", "");
}

void Docker::start_container(const std::string& id) {
    client_.post("/containers/" + id + "/start", nullptr);
}

int Docker::wait_container(const std::string& id, std::chrono::milliseconds timeout) {
    nlohmann::json result = client_.post("/containers/" + id + "/wait", nullptr, {.timeout = timeout}).json();
    const nlohmann::json& error = result.value("Error", nlohmann::json());
    if (error.is_object() && !error.value("Message", "").empty()) {
        throw InfraError(fmt::format("Docker engine: waiting for container {} failed: {}", id,
                                     error.value("Message", "")));
    }
    return result.value("StatusCode", -1);
}

Logs Docker::logs(const std::string& id) {
    Response response = client_.get("/containers/" + id + "/logs?stdout=1&stderr=1");
    return demultiplex_logs(response.body);
}

void Docker::remove_network(const std::string& id) {
    client_.del("/networks/" + id, {.timeout = kCleanupTimeout, .allow_not_found = true, .cancellable = false});
}

void Docker::remove_container(const std::string& id, bool force) {
    Query query;
    query.add("v", "1");
    if (force) query.add("force", "1");
    try {
        client_.del("/containers/" + id + query.str(),
                    {.timeout = kCleanupTimeout, .allow_not_found = true, .cancellable = false});
    } catch (const EngineError& error) {
        // An auto-removed container may already be on its way out.
        bool in_progress = std::string(error.what()).find("already in progress") != std::string::npos;
        if (error.status() != 409 || !in_progress) throw;
    }
}

RunResult Docker::run_container(const ContainerSpec& spec, std::chrono::milliseconds timeout) {
    std::string id = create_container(spec);
    RunResult result;
    try {
        start_container(id);
        result.exit_code = wait_container(id, timeout);
        result.logs = logs(id);
    } catch (...) {
        try {
            remove_container(id);
        } catch (const std::exception&) {
            // The first failure is the one worth reporting.
        }
        throw;
    }
    remove_container(id);
    return result;
}

RunResult Docker::exec(const std::string& container, const std::vector<std::string>& cmd,
                       std::chrono::milliseconds timeout) {
    nlohmann::json create = {{"AttachStdout", true}, {"AttachStderr", true}, {"Cmd", cmd}};
    std::string id = client_.post("/containers/" + container + "/exec", create).json().value("Id", "");
    // Without Detach the engine streams the command's output (multiplexed) until it ends.
    Response output = client_.post("/exec/" + id + "/start", nlohmann::json{{"Detach", false}, {"Tty", false}},
                                   {.timeout = timeout});
    RunResult result;
    result.logs = demultiplex_logs(output.body);
    result.exit_code = client_.get("/exec/" + id + "/json").json().value("ExitCode", -1);
    return result;
}

void Docker::connect_network(const std::string& network, const std::string& container,
                             const std::vector<std::string>& aliases) {
    nlohmann::json body = {{"Container", container}};
    if (!aliases.empty()) body["EndpointConfig"] = {{"Aliases", aliases}};
    client_.post("/networks/" + network + "/connect", body);
}

bool Docker::image_exists(const std::string& ref) {
    return !client_.get("/images/" + ref + "/json", {.allow_not_found = true}).not_found();
}

void Docker::import_image(const std::string& tar, const std::string& repo, const std::string& tag,
                          const std::vector<std::string>& changes) {
    Query query;
    query.add("fromSrc", "-").add("repo", repo).add("tag", tag);
    for (const std::string& change : changes) query.add("changes", change);
    Response response = client_.post_raw("/images/create" + query.str(), tar, "application/x-tar",
                                         {.timeout = kImportTimeout});
    throw_on_stream_error(response.body, fmt::format("import image {}:{}", repo, tag));
}

void Docker::remove_image(const std::string& ref) {
    client_.del("/images/" + ref + "?force=1",
                {.timeout = kCleanupTimeout, .allow_not_found = true, .cancellable = false});
}

}  // namespace meshprobe
