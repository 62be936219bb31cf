#pragma once
#include <string>

#include "compose/compose_model.h"

namespace meshprobe {

// "[::1]" -> "::1"; other addresses as they are.
std::string bare_address(std::string ip);
// Empty, 0.0.0.0 and :: all bind every address of the host.
bool binds_all_addresses(const std::string& ip);
// "8090 on 127.0.0.1 (container 8080/tcp)": how findings name a published port.
std::string describe_published(const PortMapping& port);

}  // namespace meshprobe
