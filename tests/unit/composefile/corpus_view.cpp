#include "corpus_view.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "compose_oracle.h"
#include "composefile/compose_loader.h"
#include "core/errors.h"
#include "corpus_setup.h"

namespace fs = std::filesystem;

namespace meshprobe::testing {
namespace {

const char* const kPortVariable = "MESHTEST_CORPUS_PORT";
const char* const kNoSuchProfile = "meshtest-no-such-profile";

// A name of the stack's own, stable across runs so the oracle's cache holds.
std::string stack_id(const CorpusFile& file) {
    std::uint32_t hash = 2166136261u;  // FNV-1a
    for (unsigned char c : file.relative()) hash = (hash ^ c) * 16777619u;
    std::ostringstream out;
    out << std::hex << hash;
    return out.str();
}

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    return out + "\"";
}

// What the stack defines, as meshprobe reads it without profiles: the profiles its services
// need, and a service to publish and alias (joined to networks, no network_mode); none for a
// stack meshprobe refuses (the comparison then is of the refusals).
struct StackFacts {
    std::set<std::string> profiles;
    std::string service, network;
};

StackFacts stack_facts(const CorpusRun& run) {
    StackFacts facts;
    ComposeInputs inputs;
    inputs.files = run.files;
    if (!run.env_file.empty()) inputs.env_files = {run.env_file};
    inputs.environment = run.environment;
    StackModel model;
    try {
        model = load_compose(inputs);
    } catch (const InputError&) {
        return facts;
    }
    for (const auto& [service, profile] : model.inactive) facts.profiles.insert(profile);
    for (const auto& service : model.services) {
        facts.profiles.insert(service.profiles.begin(), service.profiles.end());
        if (facts.service.empty() && service.network_mode.empty() && !service.networks.empty()) {
            facts.service = service.name;
            facts.network = service.networks.front().network;
        }
    }
    return facts;
}

std::string generated_override(const StackFacts& facts) {
    if (facts.service.empty()) return "services: {}\n";
    return "services:\n  " + quoted(facts.service) + ":\n    ports:\n      - \"127.0.0.1:${" + kPortVariable +
           "}:65001\"\n    networks:\n      " + quoted(facts.network) + ":\n        aliases: [meshtest-alias]\n";
}

// The env file the stack reads without --env-file: the corpus run's, else `.env` beside its
// first file; with the override's port appended.
std::string generated_env(const CorpusRun& run, const std::string& more = {}) {
    std::string text;
    if (!run.env_file.empty()) {
        text = read_text(run.env_file);
    } else if (const fs::path dotenv = fs::path(run.files.front()).parent_path() / ".env"; fs::is_regular_file(dotenv)) {
        text = read_text(dotenv.string());
    }
    if (!text.empty() && text.back() != '\n') text += '\n';
    return text + more + kPortVariable + "=59001\n";
}

const char* const kContract = "version: 1\ntiers:\n  meshtest: {network: meshtest}\nservices: {}\nflows: []\n";

fs::path in_stage(const std::string& path, const fs::path& stage) {
    return stage / fs::path(path).lexically_relative(corpus_root());
}

}  // namespace

ViewRequest view_request(const CorpusFile& file, ViewRoute route, const std::string& work_dir) {
    const CorpusRun run = corpus_run(file);
    const StackFacts facts = stack_facts(run);
    const std::string profile = facts.profiles.empty() ? kNoSuchProfile : *facts.profiles.begin();
    const std::string id = stack_id(file);
    ViewRequest request;
    request.environment = run.environment;
    request.active_profiles = {profile};
    if (route == ViewRoute::flags) {
        const fs::path generated = fs::path(work_dir) / "generated" / id;
        request.root = corpus_root();
        request.directory = generated.string();
        request.contract = (generated / "mesh.yaml").string();
        request.files = run.files;
        request.files.push_back((generated / "meshtest-override.yml").string());
        request.project = "meshtest-corpus-" + id;
        request.profiles = {profile};
        request.env_file = (generated / "meshtest.env").string();
        write_text(request.contract, kContract);
        write_text(request.files.back(), generated_override(facts));
        write_text(request.env_file, generated_env(run));
        return request;
    }
    // A copy of the repo (links) that can take a .env and an override beside the stack's files.
    const fs::path stage = fs::path(work_dir) / (route == ViewRoute::compose_file ? "stage-file" : "stage-override") / id;
    fs::remove_all(stage);
    mirror_repo(corpus_root(), file.repo, stage.string());
    // Beside the first file, where its project runs compose: compose 2.26 run in a folder with no
    // compose file of its own walks up to a parent's and reads that folder's .env instead.
    const fs::path main_file = in_stage(run.files.front(), stage);
    const fs::path dir = main_file.parent_path();
    request.root = stage.string();
    request.directory = dir.string();
    request.contract = (dir / "mesh.yaml").string();
    write_text(request.contract, kContract);
    std::string variables = "COMPOSE_PROFILES=" + profile + "\nCOMPOSE_PROJECT_NAME=meshtest-corpus-" + id + "-env\n";
    if (route == ViewRoute::compose_file) {
        std::string list;
        for (const auto& path : run.files) list += in_stage(path, stage).lexically_relative(dir).string() + ";";
        variables += "COMPOSE_PATH_SEPARATOR=;\nCOMPOSE_FILE=" + list + "meshtest-override.yml\n";
        write_text((dir / "meshtest-override.yml").string(), generated_override(facts));
    } else {
        write_text((dir / (main_file.stem().string() + ".override" + main_file.extension().string())).string(),
                   generated_override(facts));
    }
    write_text((dir / ".env").string(), generated_env(run, variables));
    return request;
}

std::vector<CorpusFile> environment_route_stacks(ViewRoute route) {
    // COMPOSE_FILE: overlays on bases in other folders, a top-level `name:` COMPOSE_PROJECT_NAME
    // beats. The override: files of compose's default names, with profiles and their own .env.
    static const std::set<std::string> compose_file = {
        "deviantony__docker-elk/extensions/fleet/agent-apmserver-compose.yml",
        "jitsi__docker-jitsi-meet/etherpad.yml",
        "laradock__laradock/production/compose.yml",
        "open-telemetry__opentelemetry-demo/compose.observability.yaml",
    };
    static const std::set<std::string> override_file = {
        "deviantony__docker-elk/docker-compose.yml",
        "dockersamples__example-voting-app/docker-compose.yml",
        "jitsi__docker-jitsi-meet/docker-compose.yml",
        "laradock__laradock/production/compose.yml",
    };
    const auto& chosen = route == ViewRoute::compose_file ? compose_file : override_file;
    std::vector<CorpusFile> stacks;
    for (const auto& file : read_manifest()) {
        if (chosen.count(file.relative())) stacks.push_back(file);
    }
    return stacks;
}

}  // namespace meshprobe::testing
