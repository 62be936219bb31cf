#pragma once
#include <string>

#include "core/source_location.h"

namespace meshprobe {

// A container port bound on the host: what a compose file asks for (with its line) and what
// the engine bound (`run`, `topology --live`), in one type so that both are judged alike.
struct PortMapping {
    std::string host_ip;        // empty: all addresses (0.0.0.0 / ::)
    int host_port = 0;          // 0: not published (or ephemeral when published is true)
    int host_port_end = 0;      // for ranges; equals host_port otherwise
    int container_port = 0;
    int container_port_end = 0;
    std::string protocol = "tcp";
    bool published = true;
    SourceLocation where;       // none for a binding the engine reports

    // One port the engine bound: no range, no compose line.
    static PortMapping bound(int container_port, const std::string& protocol, const std::string& host_ip, int host_port) {
        return {host_ip, host_port, host_port, container_port, container_port, protocol, true, {}};
    }
};

}  // namespace meshprobe
