// Serves the watch metrics on an address (default 127.0.0.1:0) and changes them as told on
// standard input, for tests that scrape it with a real Prometheus (prometheus_scrape.sh).
// It prints "port N" once it listens, then answers each line with "ok" or "error: WHY":
//   set NAME VALUE [LABELS]    a gauge's value; VALUE as strtod reads it (3, 0.5, inf, nan)
//   add NAME DELTA [LABELS]    a counter grows
//   clear NAME                 a family loses its series
// LABELS is a JSON object of strings, {"kind": "attachment"}. It stops at the end of input.
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "watch/metrics.h"
#include "watch/metrics_server.h"

namespace {

using meshprobe::watch::Labels;
using meshprobe::watch::Metrics;

double number(const std::string& text) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0') throw std::invalid_argument("'" + text + "' is no number");
    return value;
}

void obey(Metrics& metrics, const std::string& line) {
    std::istringstream words(line);
    std::string verb, name, value;
    words >> verb >> name;
    if (verb == "clear") return metrics.clear(name);
    words >> value;
    std::string rest;
    std::getline(words, rest);
    Labels labels;
    if (rest.find_first_not_of(' ') != std::string::npos) labels = nlohmann::json::parse(rest).get<Labels>();
    if (verb == "set") return metrics.set(name, labels, number(value));
    if (verb == "add") return metrics.add(name, labels, number(value));
    throw std::invalid_argument("unknown command '" + verb + "'");
}

}  // namespace

int main(int argc, char** argv) {
    try {
        Metrics metrics;
        meshprobe::watch::declare_watch_metrics(metrics);
        meshprobe::watch::MetricsServer server(
            metrics, meshprobe::watch::parse_listen_address(argc > 1 ? argv[1] : "127.0.0.1:0"));
        std::cout << "port " << server.port() << std::endl;
        std::string line;
        while (std::getline(std::cin, line)) {
            try {
                obey(metrics, line);
                std::cout << "ok" << std::endl;
            } catch (const std::exception& e) {
                std::cout << "error: " << e.what() << std::endl;
            }
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "metrics_fixture: " << e.what() << "\n";
        return 3;
    }
}
