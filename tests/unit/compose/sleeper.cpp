// A static program that waits until it is told to stop: the whole of the test image that
// lets the runner tests start real containers without pulling anything.
#include <signal.h>
#include <unistd.h>

namespace {
void stop(int) { _exit(0); }
}  // namespace

int main() {
    // As PID 1 in a container, SIGTERM is ignored unless the program handles it.
    signal(SIGTERM, stop);
    signal(SIGINT, stop);
    for (;;) pause();
}
