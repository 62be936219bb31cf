#include "init/reference_texts.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "composefile/env_file.h"
#include "core/errors.h"
#include "init/contract_inference.h"

namespace meshprobe {
namespace {

namespace fs = std::filesystem;

// Proxy configuration is small; a larger file, or a folder of many, is data, not routes.
constexpr std::uintmax_t kMaxConfigBytes = 256 * 1024;
constexpr int kMaxConfigFiles = 64;

// "DB_POSTGRESDB_HOST" -> "DB_POSTGRESDB_PORT"; empty for a name that is no host variable.
std::string port_variable(const std::string& key) {
    for (const char* suffix : {"HOSTNAME", "HOST"}) {
        const std::string s = suffix;
        if (key.size() >= s.size() && key.compare(key.size() - s.size(), s.size(), s) == 0)
            return key.substr(0, key.size() - s.size()) + "PORT";
    }
    return "";
}

// HOST/PORT pairs among KEY=VALUE texts, as references the URL pattern reads: "tcp://host:port",
// or "tcp://host" (every port) where no port variable goes with it.
void add_host_port_pairs(const std::vector<std::string>& assignments, const std::string& source,
                         std::vector<ReferenceText>& out) {
    std::map<std::string, std::string> values;
    for (const std::string& text : assignments) {
        const auto equals = text.find('=');
        if (equals != std::string::npos && equals > 0) values[text.substr(0, equals)] = text.substr(equals + 1);
    }
    static const std::regex host(R"([A-Za-z0-9][A-Za-z0-9_.-]*)");
    static const std::regex port(R"([0-9]{1,5})");
    for (const auto& [key, value] : values) {
        const std::string port_key = port_variable(key);
        if (port_key.empty() || !std::regex_match(value, host)) continue;
        auto p = values.find(port_key);
        const bool has_port = p != values.end() && std::regex_match(p->second, port);
        const std::string where = has_port ? fmt::format("{}={} with {}={}", key, value, port_key, p->second) : key + "=" + value;
        out.push_back({"tcp://" + value + (has_port ? ":" + p->second : ""),
                       source.empty() ? where : where + " in " + source});
    }
}

std::string project_relative(const fs::path& path, const fs::path& project) {
    const std::string relative = path.lexically_relative(project).string();
    return relative.empty() || relative.rfind("..", 0) == 0 ? path.string() : relative;
}

bool inside(const fs::path& path, const fs::path& folder) {
    const std::string relative = path.lexically_relative(folder).string();
    return !relative.empty() && relative.rfind("..", 0) != 0;
}

void read_config_file(const fs::path& file, const fs::path& project, std::vector<ReferenceText>& out) {
    std::error_code error;
    if (!fs::is_regular_file(file, error) || fs::file_size(file, error) > kMaxConfigBytes || error) return;
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return;
    out.push_back({text.str(), project_relative(file, project)});
}

// The files mounted into a proxy from the project folder: each bind-mounted file, and the
// files of each bind-mounted folder (two levels deep).
void add_proxy_configuration(const StackService& s, std::vector<ReferenceText>& out) {
    const fs::path project = fs::path(s.where.file).parent_path();
    int files = 0;
    for (const std::string& source : s.volumes) {
        if (source.empty() || (source.front() != '.' && source.front() != '/')) continue;  // a named volume
        const fs::path path = (project / source).lexically_normal();
        if (!inside(path, project)) continue;
        std::error_code error;
        if (fs::is_directory(path, error)) {
            fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error), end;
            for (; !error && it != end && files < kMaxConfigFiles; it.increment(error)) {
                if (it.depth() > 1) it.disable_recursion_pending();
                if (it->is_regular_file(error)) {
                    read_config_file(it->path(), project, out);
                    ++files;
                }
            }
        } else if (files++ < kMaxConfigFiles) {
            read_config_file(path, project, out);
        }
    }
}

bool is_proxy(const StackService& s) {
    const std::string role = well_known_role(s.image);
    return role == "reverse-proxy" || role == "web-server";
}

}  // namespace

std::vector<ReferenceText> reference_texts(const StackService& s, std::vector<std::string>& notes) {
    std::vector<ReferenceText> out;
    for (const std::string& text : s.mentions) out.push_back({text, ""});
    add_host_port_pairs(s.mentions, "", out);
    const fs::path project = fs::path(s.where.file).parent_path();
    for (const auto& [path, required] : s.env_files) {
        std::error_code error;
        if (!fs::exists(path, error)) {
            if (required) notes.push_back(fmt::format("{}'s env_file {} is missing, so it was not read", s.name, path));
            continue;
        }
        try {
            const std::string name = project_relative(path, project);
            std::vector<std::string> assignments;
            for (const auto& [key, value] : read_env_file(path, {})) assignments.push_back(key + "=" + value);
            for (const std::string& text : assignments) out.push_back({text, name});
            add_host_port_pairs(assignments, name, out);
        } catch (const InputError& e) {
            notes.push_back(fmt::format("{}'s env_file could not be read: {}", s.name, e.what()));
        }
    }
    if (is_proxy(s)) add_proxy_configuration(s, out);
    return out;
}

std::vector<LabelRoute> traefik_label_routes(const StackService& s) {
    static const std::regex port_label(R"(^(traefik\.(?:http|tcp|udp)\.services\.[^.=]+\.loadbalancer\.server\.port)=([0-9]{1,5})$)",
                                       std::regex::icase);
    std::vector<LabelRoute> out;
    std::string enabled;  // the label that puts the service behind Traefik
    bool disabled = false;
    for (const std::string& text : s.mentions) {
        std::smatch m;
        if (std::regex_match(text, m, port_label)) {
            const int port = std::stoi(m[2].str());
            if (port > 0 && port <= 65535) out.push_back({port, text});
        } else if (text == "traefik.enable=false") {
            disabled = true;
        } else if (text == "traefik.enable=true" || text.rfind("traefik.http.routers.", 0) == 0) {
            if (enabled.empty()) enabled = text;
        }
    }
    if (disabled) return {};
    if (out.empty() && !enabled.empty()) out.push_back({0, enabled});
    return out;
}

}  // namespace meshprobe
