// The probe: one static binary that runs a plan of checks from inside a container's
// network namespace, or stands in for a service. PROTOCOL.md is its contract.
#include <sys/resource.h>

#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include "probes/plan.h"
#include "probes/result.h"
#include "probes/runner.h"
#include "probes/serve.h"

namespace {

using namespace meshprobe::probe;

constexpr int kExitBadInput = 2;
constexpr int kExitCannotRun = 3;

constexpr const char* kUsage =
    "usage: probe run '<plan json>' | probe run -\n"
    "       probe serve --name NAME [--port P ...]\n"
    "       probe --version\n";

// Messages go to the harness one per line.
std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return text;
}

int complain(int code, const std::string& message) {
    std::fprintf(stderr, "probe: %s\n", one_line(message).c_str());
    return code;
}

// Every tcp check holds a socket; a large plan must not trip over the soft limit.
void raise_file_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

int run(const std::vector<std::string>& args) {
    if (args.size() != 1) {
        return complain(kExitBadInput, "run takes exactly one argument: the plan JSON, or - for stdin");
    }
    std::string text = args[0];
    if (text == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    }
    Plan plan;
    try {
        plan = parse_plan(text);
    } catch (const PlanError& error) {
        return complain(kExitBadInput, std::string("bad plan: ") + error.what());
    }
    raise_file_limit();
    const std::string document = results_document(run_plan(plan));
    std::fwrite(document.data(), 1, document.size(), stdout);
    std::fputc('\n', stdout);
    return std::fflush(stdout) == 0 ? 0 : complain(kExitCannotRun, "cannot write the results");
}

int dispatch(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? kExitBadInput : 0;
    }
    if (args[0] == "--version") {
        std::printf("meshprobe-probe %s\n", MESHPROBE_VERSION);
        return 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "run") {
        return run(rest);
    }
    if (args[0] == "serve") {
        try {
            return serve(parse_serve_options(rest));
        } catch (const UsageError& error) {
            return complain(kExitBadInput, error.what());
        }
    }
    return complain(kExitBadInput, "unknown command \"" + args[0] + "\"\n" + kUsage);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return dispatch(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const std::system_error& error) {
        return complain(kExitCannotRun, error.what());
    } catch (const std::exception& error) {
        return complain(kExitCannotRun, std::string("internal error: ") + error.what());
    }
}
