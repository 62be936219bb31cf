#pragma once
#include <atomic>
#include <string>

namespace meshprobe {

// Ctrl-C and SIGTERM raise this flag (core/cancelled.h's cancel_requested); every long call
// polls it and unwinds, so clean-up runs on the way out. A second signal ends the process at
// once, after printing the abandon notice.
const std::atomic<bool>& interrupted();
void install_interrupt_handlers();

// The exit code for the signal that raised the flag: 130 for SIGINT, 143 for SIGTERM.
int interrupted_exit_code();

// What a second signal leaves behind, in words ("3 probe containers of run 12-ab of project
// shop (`meshprobe -c mesh.yaml clean` removes them)"); empty: nothing. Kept preformatted so
// that the handler only has to write(2) it. Not signal-safe itself: call it from normal code.
void set_abandon_notice(const std::string& text);

}  // namespace meshprobe
