#pragma once
#include <string>
#include <vector>

#include "core/stack_model.h"
#include "core/source_location.h"

namespace meshprobe {

struct PortRange {
    int first = 0;
    int last = 0;  // equals first for a single port
};

// "80" or "5000-5002"; an empty text is the range {0, 0} (no port given). Throws InputError.
PortRange parse_port_range(const std::string& text, const SourceLocation& where);

// Short `ports:` syntax "[host_ip:][host[-end]:]container[-end][/protocol]", as written by a
// user ("[::1]:80:80") or as compose 1.29 renders it ("::1:80:80/tcp"). Throws InputError.
PortMapping parse_short_port(const std::string& spec, const SourceLocation& where);

// A mapping as compose renders it (`docker compose config`): a container range is one mapping
// per port, paired with the host range port by port (or each on an ephemeral host port); a
// host range for one container port stays one mapping (the engine picks a free port of it).
std::vector<PortMapping> expand_port_range(const PortMapping& mapping);

// One `expose:` entry ("8000", "8000/tcp", "8003-8005"), ranges expanded. Throws InputError.
std::vector<int> parse_expose(const std::string& spec, const SourceLocation& where);

}  // namespace meshprobe
