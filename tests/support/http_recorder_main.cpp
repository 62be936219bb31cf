// http_recorder: the test HTTP server as a program, for script tests.
//   http_recorder --bodies FILE [--requests FILE] [--fail-first N] [--fail-status CODE] [--hang]
// Prints its port on the first line of standard output once it listens, appends each request's
// body to FILE as one JSON line (a body that is not JSON becomes a JSON string, so the line is
// JSON either way), with --requests also the whole request (method, target, headers, body),
// and runs until SIGINT or SIGTERM.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "http_recorder.h"

namespace {

[[noreturn]] void usage(const std::string& problem) {
    std::cerr << "http_recorder: " << problem << "\n"
              << "usage: http_recorder --bodies FILE [--requests FILE] [--fail-first N] [--fail-status CODE] [--hang]\n";
    std::exit(2);
}

nlohmann::json body_json(const std::string& body) {
    nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
    return parsed.is_discarded() ? nlohmann::json(body) : parsed;
}

void append_line(const std::string& path, const nlohmann::json& line) {
    std::ofstream out(path, std::ios::app);
    out << line.dump() << '\n' << std::flush;
    if (!out) {
        std::cerr << "http_recorder: cannot append to " << path << "\n";
        std::exit(3);
    }
}

int number(const std::string& flag, const char* text) {
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || value < 0) usage(flag + " takes a number, not '" + text + "'");
    return static_cast<int>(value);
}

}  // namespace

int main(int argc, char** argv) {
    std::string bodies;
    std::string requests;
    int fail_first = 0;
    int fail_status = 500;
    bool hang = false;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        const auto value = [&]() -> const char* {
            if (i + 1 >= argc) usage(flag + " needs a value");
            return argv[++i];
        };
        if (flag == "--bodies") bodies = value();
        else if (flag == "--requests") requests = value();
        else if (flag == "--fail-first") fail_first = number(flag, value());
        else if (flag == "--fail-status") fail_status = number(flag, value());
        else if (flag == "--hang") hang = true;
        else usage("unknown argument '" + flag + "'");
    }
    if (bodies.empty()) usage("--bodies FILE is required");

    // Blocked before the server's thread starts, so that only sigwait below receives them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    meshprobe::testing::HttpRecorder recorder;
    recorder.fail_first(fail_first, fail_status);
    recorder.hang(hang);
    recorder.on_request([&](const meshprobe::testing::HttpRequest& request) {
        append_line(bodies, body_json(request.body));
        if (!requests.empty()) {
            append_line(requests, {{"method", request.method},
                                   {"target", request.target},
                                   {"headers", request.headers},
                                   {"body", body_json(request.body)}});
        }
    });
    std::cout << recorder.port() << std::endl;
    int received = 0;
    sigwait(&signals, &received);
    return 0;
}
