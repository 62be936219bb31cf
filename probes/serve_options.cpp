#include <algorithm>
#include <charconv>

#include "probes/serve.h"

namespace meshprobe::probe {
namespace {

int parse_port(const std::string& text) {
    int port = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (error != std::errc{} || end != text.data() + text.size() || port < 1 || port > 65535) {
        throw UsageError("serve: --port must be an integer from 1 to 65535, got \"" + text + "\"");
    }
    return port;
}

bool valid_name(const std::string& name) {
    return !name.empty() && std::none_of(name.begin(), name.end(), [](char c) { return c == '\n' || c == '\r'; });
}

}  // namespace

ServeOptions parse_serve_options(const std::vector<std::string>& args) {
    ServeOptions options;
    bool named = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string flag = args[i];
        std::string value;
        if (auto equals = flag.find('='); flag.starts_with("--") && equals != std::string::npos) {
            value = flag.substr(equals + 1);
            flag.resize(equals);
        } else if (flag == "--name" || flag == "--port") {
            if (i + 1 == args.size()) {
                throw UsageError("serve: " + flag + " needs a value");
            }
            value = args[++i];
        }
        if (flag == "--name") {
            if (!valid_name(value)) {
                throw UsageError("serve: --name must be a non-empty single line");
            }
            options.name = value;
            named = true;
        } else if (flag == "--port") {
            options.ports.push_back(parse_port(value));
        } else {
            throw UsageError("serve: unknown argument \"" + args[i] + "\"");
        }
    }
    if (!named) {
        throw UsageError("serve: --name is required");
    }
    std::sort(options.ports.begin(), options.ports.end());
    options.ports.erase(std::unique(options.ports.begin(), options.ports.end()), options.ports.end());
    return options;
}

}  // namespace meshprobe::probe
