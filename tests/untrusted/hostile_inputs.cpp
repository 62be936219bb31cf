#include "hostile_inputs.h"

namespace meshtest {

void write_contract(const meshprobe::testing::ScratchFolder& folder, const std::string& file, int services) {
    std::string text = "version: 1\nproject: meshtest-untrusted\ncompose: {files: [" + file +
                       "]}\ntiers:\n  app: {network: app}\nservices:\n";
    for (int i = 0; i < services; ++i) text += "  s" + std::to_string(i) + ": {tier: app}\n";
    folder.write("mesh.yaml", text);
}

void write_include_diamond(const meshprobe::testing::ScratchFolder& folder, int depth, int fan_out) {
    auto name = [](int level, int i) { return "l" + std::to_string(level) + "_" + std::to_string(i) + ".yaml"; };
    auto includes = [&](int level) {
        std::string text = "include:\n";
        for (int i = 0; i < fan_out; ++i) text += "  - " + name(level, i) + "\n";
        return text;
    };
    folder.write("docker-compose.yaml", includes(1));
    for (int level = 1; level < depth; ++level) {
        for (int i = 0; i < fan_out; ++i) folder.write(name(level, i), includes(level + 1));
    }
    for (int i = 0; i < fan_out; ++i) {
        folder.write(name(depth, i), "services:\n  s" + std::to_string(i) +
                                         ":\n    image: example/app\n    networks: [app]\nnetworks:\n  app: {}\n");
    }
    write_contract(folder, "docker-compose.yaml", fan_out);
}

void write_large_stack(const meshprobe::testing::ScratchFolder& folder, int services) {
    std::string text = "services:\n";
    for (int i = 0; i < services; ++i) {
        const std::string n = std::to_string(i);
        text += "  s" + n + ":\n    image: example/app\n    networks: [app]\n    environment: [PEER=s" + n + ":80]\n";
    }
    folder.write("docker-compose.yaml", text + "networks:\n  app: {}\n");
    write_contract(folder, "docker-compose.yaml", services);
}

void write_nested_anchors(const meshprobe::testing::ScratchFolder& folder, int depth, int width) {
    std::string text = "x-bomb: ";
    for (int i = 0; i < depth; ++i) text += "&a" + std::to_string(i) + " [";
    for (int i = 0; i < width; ++i) text += (i ? ", item" : "item") + std::to_string(i % 10);
    text += std::string(depth, ']') + "\nservices: {}\n";
    folder.write("docker-compose.yaml", text);
    write_contract(folder, "docker-compose.yaml");
}

}  // namespace meshtest
