#include "init/contract_inference.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>

#include "core/cancelled.h"
#include "init/reference_texts.h"
#include "topology/service_reach.h"

namespace meshprobe {
namespace {

// The server images whose name says their port and their job, as `init` writes them with a
// comment. The role words are the ones a metadata file's `role` would hold for such a service.
struct KnownImage {
    const char* name;
    int port;
    const char* role;
};
const std::vector<KnownImage> kKnownImages{
    {"postgres", 5432, "database"},      {"postgis", 5432, "database"},       {"timescaledb", 5432, "database"},
    {"mysql", 3306, "database"},         {"mariadb", 3306, "database"},       {"percona", 3306, "database"},
    {"mongo", 27017, "database"},        {"cassandra", 9042, "database"},     {"influxdb", 8086, "database"},
    {"clickhouse", 8123, "database"},    {"redis", 6379, "cache"},            {"valkey", 6379, "cache"},
    {"keydb", 6379, "cache"},            {"memcached", 11211, "cache"},       {"rabbitmq", 5672, "message-broker"},
    {"nats", 4222, "message-broker"},    {"kafka", 9092, "message-broker"},   {"zookeeper", 2181, "coordination"},
    {"consul", 8500, "coordination"},    {"etcd", 2379, "coordination"},      {"elasticsearch", 9200, "search"},
    {"opensearch", 9200, "search"},      {"minio", 9000, "object-storage"},   {"nginx", 80, "web-server"},
    {"httpd", 80, "web-server"},         {"traefik", 80, "reverse-proxy"},    {"caddy", 80, "reverse-proxy"},
    {"haproxy", 80, "reverse-proxy"},    {"grafana", 3000, "monitoring"},     {"prometheus", 9090, "monitoring"},
    {"jaeger", 16686, "tracing"},        {"mailhog", 8025, "mail-catcher"},   {"mailpit", 8025, "mail-catcher"},
    {"timescaledb-ha", 5432, "database"}, {"redis-stack-server", 6379, "cache"}, {"nginx-unprivileged", 8080, "web-server"},
    {"envoy", 10000, "reverse-proxy"}};

// "registry.example:5000/library/postgres:16-alpine@sha256:..." -> "postgres".
std::string image_name(const std::string& image) {
    std::string name = image.substr(0, image.find('@'));
    const auto slash = name.rfind('/');
    if (slash != std::string::npos) name = name.substr(slash + 1);
    return name.substr(0, name.find(':'));
}

// Who a host name in a reference means: a service, its container name, or an alias.
std::map<std::string, std::string> names_of_services(const StackModel& model) {
    std::map<std::string, std::string> out;
    for (const StackService& s : model.services) {
        out.emplace(s.name, s.name);
        if (!s.container_name.empty()) out.emplace(s.container_name, s.name);
        if (!s.hostname.empty()) out.emplace(s.hostname, s.name);
        for (const NetworkAttachment& a : s.networks) {
            for (const std::string& alias : a.aliases) out.emplace(alias, s.name);
        }
    }
    return out;
}

std::string publish_entry(const PortMapping& p) {
    std::string ip = p.host_ip;
    if (ip.find(':') != std::string::npos && ip.front() != '[') ip = "[" + ip + "]";
    std::string port = p.host_port_end > p.host_port ? fmt::format("{}-{}", p.host_port, p.host_port_end)
                                                      : std::to_string(p.host_port);
    return (ip.empty() || ip == "0.0.0.0" ? std::string{} : ip + ":") + port + "/" + p.protocol;
}

// The URLs a service's healthcheck polls on itself, as others on its network would write them:
// `curl -f http://localhost:8080/health` in service api is http://api:8080/health.
std::vector<std::string> healthcheck_urls(const StackService& s) {
    static const std::regex url(R"((https?)://([A-Za-z0-9_.-]+|\[::1\])(:[0-9]{1,5})?(/[^\s"'`;|&]*)?)");
    const std::set<std::string> itself{"localhost", "127.0.0.1", "0.0.0.0", "[::1]", s.name, s.hostname, s.container_name};
    std::vector<std::string> out;
    for (const std::string& word : s.healthcheck) {
        for (std::sregex_iterator m(word.begin(), word.end(), url), end; m != end; ++m) {
            if (!itself.count((*m)[2].str())) continue;
            const std::string found = (*m)[1].str() + "://" + s.name + (*m)[3].str() + (*m)[4].str();
            if (std::find(out.begin(), out.end(), found) == out.end()) out.push_back(found);
        }
    }
    return out;
}

// The network a user reaches a service on several through: Docker publishes ports only on a
// network that is not internal, and a client outside the stack comes in the same way; so the
// first that is not internal, else the first.
const NetworkAttachment& reach_network(const StackModel& model, const StackService& s) {
    for (const NetworkAttachment& a : s.networks) {
        const StackNetwork* n = model.find_network(a.network);
        if (!n || !n->internal) return a;
    }
    return s.networks.front();
}

const KnownImage* known_image(const std::string& image) {
    const std::string name = image_name(image);
    for (const KnownImage& known : kKnownImages) {
        if (name == known.name) return &known;  // exact: supabase/postgres-meta serves 8080, not 5432
    }
    return nullptr;
}

// A port a flow names is one its target serves: written to the target too, or `check` would
// find a flow on a port nobody serves (MESH017) and judge the target without it.
void give_ports_to_targets(InferredContract& c) {
    std::unordered_map<std::string, InferredService*> by_name;
    for (InferredService& s : c.services) by_name.emplace(s.name, &s);
    for (const InferredFlow& f : c.flows) {
        auto it = by_name.find(f.to);
        if (it == by_name.end()) continue;
        InferredService& target = *it->second;
        for (int port : f.ports) {
            if (std::find(target.ports.begin(), target.ports.end(), port) != target.ports.end()) continue;
            target.ports.push_back(port);
            target.ports_why.push_back(fmt::format("port {}: {} names it", port, f.from));
        }
    }
    for (InferredService& s : c.services) std::sort(s.ports.begin(), s.ports.end());
}

}  // namespace

std::vector<std::string> InferredService::why() const {
    std::vector<std::string> all = tier_why;
    all.insert(all.end(), ports_why.begin(), ports_why.end());
    all.insert(all.end(), publish_why.begin(), publish_why.end());
    return all;
}

int well_known_port(const std::string& image) {
    const KnownImage* known = known_image(image);
    return known ? known->port : 0;
}

std::string well_known_role(const std::string& image) {
    const KnownImage* known = known_image(image);
    return known ? known->role : "";
}

InferredContract infer_contract(const StackModel& model, const std::string& project,
                                const std::vector<std::string>& compose_files) {
    // Every reference is looked up by name: a scan of the model for each would make init
    // quadratic in the services (100,000 services, each naming one other).
    std::unordered_map<std::string, const StackService*> by_name;
    for (const StackService& s : model.services) by_name.emplace(s.name, &s);
    auto find_service = [&](const std::string& name) -> const StackService* {
        auto it = by_name.find(name);
        return it == by_name.end() ? nullptr : it->second;
    };
    InferredContract out;
    out.project = project;
    out.compose_files = compose_files;

    // Tiers: one per network that carries a service of its own.
    std::map<std::string, int> members;
    for (const StackService& s : model.services) {
        if (!s.mode().on_networks()) continue;
        for (const NetworkAttachment& a : s.networks) ++members[a.network];
    }
    for (const StackNetwork& n : model.networks) {
        if (!members.count(n.key)) {
            out.notes.push_back("network " + n.key + " carries no service, so it is no tier");
            continue;
        }
        InferredTier tier{n.key, n.key, n.internal, {}};
        tier.why = n.key == "default" && n.where.file.empty()
                       ? "compose's implicit default network: every service without networks: is on it"
                       : fmt::format("network {} ({} service{})", n.key, members[n.key], members[n.key] == 1 ? "" : "s");
        if (n.internal) tier.why += "; internal: true, so no egress either";
        out.tiers.push_back(std::move(tier));
    }
    if (out.tiers.empty()) {
        // Every service uses network_mode: the contract still needs a tier, and `default` is the
        // network compose would give a service without one.
        out.tiers.push_back({"default", "default", false,
                             "no service is on a network of its own (each has a network_mode); compose's default network"});
    }
    const std::string fallback_tier = out.tiers.front().name;

    // Services: the tier of the network a user reaches them through (see reach_network).
    for (const StackService& s : model.services) {
        throw_if_cancelled();
        InferredService service;
        service.name = s.name;
        const NetworkMode mode = s.mode();
        if (mode.on_networks() && !s.networks.empty()) {
            const NetworkAttachment& chosen = reach_network(model, s);
            service.tier = chosen.network;
            if (s.networks.size() > 1) {
                std::vector<std::string> others;
                for (const NetworkAttachment& a : s.networks)
                    if (&a != &chosen) others.push_back(a.network);
                service.tier_why.push_back(fmt::format("tier of {}; also on {}",
                                                       &chosen == &s.networks.front() ? "its first network"
                                                                                      : "its first network that is not internal",
                                                       fmt::join(others, ", ")));
            }
        } else if (mode.kind == NetworkMode::Kind::service) {
            const StackService* owner = find_service(mode.target);
            service.tier = owner && owner->mode().on_networks() && !owner->networks.empty() ? reach_network(model, *owner).network
                                                                                           : fallback_tier;
            service.tier_why.push_back("network_mode: service:" + mode.target + ", so it is on " + mode.target + "'s networks");
        } else {
            service.tier = fallback_tier;
            service.tier_why.push_back("network_mode: " + s.network_mode + " puts it on no network of the stack (MESH009)");
        }
        service.ports = s.served_ports();
        if (service.ports.empty()) {
            if (int port = well_known_port(s.image); port != 0) {
                service.ports.push_back(port);
                service.ports_why.push_back(fmt::format("port {}: the well-known port of image {}", port, image_name(s.image)));
            }
        }
        for (const PortMapping& p : s.ports) {
            if (p.published && p.host_port != 0) service.publish.push_back(publish_entry(p));
            if (p.published && p.host_port == 0) {
                service.publish_why.push_back(fmt::format("publishes container port {} on a random host port, which no contract "
                                                  "lists (MESH006)", p.container_port));
            }
        }
        if (!service.publish.empty()) service.publish_why.push_back("publish: what compose publishes now");
        service.role = well_known_role(s.image);
        if (!service.role.empty()) service.role_why = "what image " + image_name(s.image) + " is";
        service.internal_endpoints = healthcheck_urls(s);
        if (!service.internal_endpoints.empty()) service.endpoints_why = "what its healthcheck polls, under the service's name";
        out.services.push_back(std::move(service));
    }

    // Flows: depends_on and links, then host:port and URL references to other services.
    const std::map<std::string, std::string> names = names_of_services(model);
    struct Found {
        bool every_port = false;  // a reference without a port: every port of the target
        std::vector<int> ports;
        std::vector<std::string> why;
    };
    std::map<std::pair<std::string, std::string>, Found> flows;
    std::vector<std::pair<std::string, std::string>> order;
    std::unordered_map<std::string, ServiceReach> reaches;
    for (const StackService& s : model.services) reaches.emplace(s.name, reach_of(model, s));
    auto add = [&](const StackService& from, const std::string& to_name, int port, const std::string& why) {
        const StackService* to = find_service(to_name);
        if (!to || to->name == from.name) return;
        if (carrying_networks(reaches.at(from.name), reaches.at(to->name)).empty()) {
            out.notes.push_back(fmt::format("{} {}, but the two share no network, so no flow was written", from.name, why));
            return;
        }
        auto key = std::make_pair(from.name, to->name);
        auto [it, added] = flows.try_emplace(key);
        if (added) order.push_back(key);
        Found& found = it->second;
        if (port == 0) found.every_port = true;
        if (port != 0 && std::find(found.ports.begin(), found.ports.end(), port) == found.ports.end()) found.ports.push_back(port);
        if (std::find(found.why.begin(), found.why.end(), why) == found.why.end()) found.why.push_back(why);
    };
    static const std::regex host_port(R"((?:^|[^A-Za-z0-9_.-])([A-Za-z0-9][A-Za-z0-9_.-]*):([0-9]{1,5})(?![0-9]))");
    static const std::regex url(R"(://(?:[^@/\s]*@)?([A-Za-z0-9][A-Za-z0-9_.-]*)(?::([0-9]{1,5}))?)");
    std::vector<const StackService*> traefiks;
    for (const StackService& s : model.services)
        if (image_name(s.image) == "traefik") traefiks.push_back(&s);
    for (const StackService& from : model.services) {
        throw_if_cancelled();
        // A reference names a port: depends_on only says the target must start first. Each
        // port keeps where it was first read, for the comment.
        std::map<std::string, std::map<int, std::string>> referenced;
        for (const ReferenceText& reference : reference_texts(from, out.notes)) {
            const std::string& text = reference.text;
            for (const std::regex* pattern : {&host_port, &url}) {
                for (std::sregex_iterator m(text.begin(), text.end(), *pattern), end; m != end; ++m) {
                    auto known = names.find((*m)[1].str());
                    if (known == names.end()) continue;
                    const int port = (*m)[2].matched ? std::stoi((*m)[2].str()) : 0;
                    if (port > 65535) continue;
                    referenced[known->second].emplace(port, reference.source);
                }
            }
        }
        for (const auto& [to, ports] : referenced) {
            for (const auto& [port, source] : ports) {
                std::string why = port != 0 ? fmt::format("names {}:{}", to, port) : "names " + to + " in a URL";
                add(from, to, port, source.empty() ? why : why + " (" + source + ")");
            }
        }
        for (const std::string& dependency : from.depends_on) {
            if (referenced.count(dependency)) continue;  // the reference says the port
            add(from, dependency, 0, "depends_on " + dependency);
        }
        for (const std::string& link : from.links) {
            const std::string target = link.substr(0, link.find(':'));
            if (referenced.count(target) || std::find(from.depends_on.begin(), from.depends_on.end(), target) != from.depends_on.end())
                continue;
            add(from, target, 0, "links " + target);
        }
        // Traefik's Docker provider: the routed service's labels say what the proxy reaches.
        for (const LabelRoute& route : traefik_label_routes(from)) {
            for (const StackService* proxy : traefiks) add(*proxy, from.name, route.port, "routes to it: label " + route.label);
            if (traefiks.empty()) out.notes.push_back(fmt::format("{} has the label {}, but no service runs image traefik", from.name, route.label));
        }
    }
    for (const auto& key : order) {
        const Found& found = flows[key];
        std::vector<int> ports = found.every_port ? std::vector<int>{} : found.ports;
        std::sort(ports.begin(), ports.end());
        out.flows.push_back({key.first, key.second, ports, fmt::format("{}", fmt::join(found.why, "; "))});
    }
    give_ports_to_targets(out);
    return out;
}

}  // namespace meshprobe
