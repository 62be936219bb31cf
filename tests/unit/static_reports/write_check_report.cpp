// Test tool: `write_check_report CONTRACT FORMAT OUTPUT`, i.e. `meshprobe -c CONTRACT check
// --all-envs --format FORMAT --output OUTPUT`, for the schema and consumer tests in shell.
#include <iostream>

#include "cli/check_command.h"

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: write_check_report CONTRACT FORMAT OUTPUT\n";
        return 2;
    }
    meshprobe::GlobalOptions global;
    global.contract = argv[1];
    global.quiet = true;
    meshprobe::CheckOptions options;
    options.all_envs = true;
    options.format = argv[2];
    options.output = argv[3];
    return meshprobe::check_command(global, options);
}
