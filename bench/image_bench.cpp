// Times what building the probe image costs meshprobe before it talks to the engine: the
// SHA-256 of the probe binary (its image tag) and the image's tar. Run by bench/image_bench.sh.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "engine/probe_image.h"
#include "engine/sha256.h"

namespace {

template <typename Work>
double median_ms(int rounds, Work work) {
    std::vector<double> times;
    for (int i = 0; i < rounds; ++i) {
        auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: image_bench PROBE_BINARY\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::string binary((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (binary.empty()) {
        std::fprintf(stderr, "image_bench: cannot read %s\n", argv[1]);
        return 2;
    }
    constexpr int kRounds = 21;
    std::size_t sink = 0;
    double sha = median_ms(kRounds, [&] { sink += meshprobe::sha256_hex(binary).size(); });
    double tar = median_ms(kRounds, [&] { sink += meshprobe::probe_image_tar(binary).size(); });
    std::printf("bytes %zu sha256_ms %.2f tar_ms %.2f (%zu)\n", binary.size(), sha, tar, sink);
    return 0;
}
