#pragma once
#include <atomic>

namespace meshprobe {

// Ctrl-C and SIGTERM raise this flag; every long call polls it and unwinds, so clean-up
// runs on the way out. A second signal ends the process at once.
const std::atomic<bool>& interrupted();
void install_interrupt_handlers();

}  // namespace meshprobe
