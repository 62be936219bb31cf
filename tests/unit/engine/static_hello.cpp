// Runs inside a one-file image: `static_hello [CODE]` writes one line to each stream and exits
// with CODE; `static_hello sleep SECONDS` just sleeps.
#include <unistd.h>

#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
    if (argc > 2 && std::strcmp(argv[1], "sleep") == 0) {
        ::sleep(static_cast<unsigned>(std::atoi(argv[2])));
        return 0;
    }
    static const char out[] = "hello from stdout\n";
    static const char err[] = "hello from stderr\n";
    if (::write(1, out, sizeof out - 1) < 0 || ::write(2, err, sizeof err - 1) < 0) return 99;
    return argc > 1 ? std::atoi(argv[1]) : 0;
}
