#pragma once
#include "probes/unique_fd.h"

namespace meshprobe::probe {

// A non-blocking socket bound to the wildcard address of `family` (AF_INET or AF_INET6) on
// `port`; type SOCK_STREAM listens, SOCK_DGRAM is just bound. Throws std::system_error.
UniqueFd open_listener(int family, int type, int port);

}  // namespace meshprobe::probe
