#include "composefile/yaml_tree.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "core/errors.h"

namespace meshprobe {

SourceLocation YamlNode::where() const {
    return SourceLocation{file ? *file : std::string(), line, column};
}

const YamlNode* YamlNode::find(std::string_view key) const {
    for (const auto& entry : entries) {
        if (entry.key.scalar == key) return &entry.value;
    }
    return nullptr;
}

YamlNode* YamlNode::find(std::string_view key) {
    for (auto& entry : entries) {
        if (entry.key.scalar == key) return &entry.value;
    }
    return nullptr;
}

namespace {

// Aliases are expanded by copying; a document that expands past this is an attack, not a
// compose file.
constexpr long kMaxNodes = 2'000'000;

class Converter {
public:
    explicit Converter(const std::string* file) : file_(file) {}

    YamlNode convert(const YAML::Node& in) {
        if (++count_ > kMaxNodes) fail(in, "the document expands to too many nodes (alias bomb?)");
        YamlNode out;
        out.file = file_;
        const YAML::Mark mark = in.Mark();
        out.line = mark.line < 0 ? 0 : mark.line + 1;
        out.column = mark.column < 0 ? 0 : mark.column + 1;
        const std::string& tag = in.Tag();
        if (tag == "!reset" || tag == "!override") out.tag = tag;
        switch (in.Type()) {
            case YAML::NodeType::Scalar:
                out.kind = YamlNode::Kind::scalar;
                out.scalar = in.Scalar();
                out.quoted = tag == "!";
                break;
            case YAML::NodeType::Sequence:
                out.kind = YamlNode::Kind::sequence;
                out.items.reserve(in.size());
                for (const auto& item : in) out.items.push_back(convert(item));
                break;
            case YAML::NodeType::Map:
                out.kind = YamlNode::Kind::mapping;
                convert_mapping(in, out);
                break;
            default:
                break;
        }
        return out;
    }

private:
    void convert_mapping(const YAML::Node& in, YamlNode& out) {
        std::vector<YAML::Node> merges;
        for (const auto& item : in) {
            if (!item.first.IsScalar()) fail(item.first, "a mapping key must be a string");
            if (item.first.Scalar() == "<<" && item.first.Tag() != "!") {
                merges.push_back(item.second);
                continue;
            }
            if (out.find(item.first.Scalar())) fail(item.first, "duplicate key '" + item.first.Scalar() + "'");
            out.entries.push_back(YamlEntry{convert(item.first), convert(item.second)});
        }
        // Merge keys: explicit keys win, then the merged mappings in the order listed.
        for (const auto& merge : merges) {
            if (merge.IsMap()) {
                merge_from(merge, out);
            } else if (merge.IsSequence()) {
                for (const auto& source : merge) {
                    if (!source.IsMap()) fail(source, "a merge key (<<) takes mappings");
                    merge_from(source, out);
                }
            } else {
                fail(merge, "a merge key (<<) takes a mapping or a list of mappings");
            }
        }
    }

    void merge_from(const YAML::Node& source, YamlNode& out) {
        YamlNode converted = convert(source);
        for (auto& entry : converted.entries) {
            if (!out.find(entry.key.scalar)) out.entries.push_back(std::move(entry));
        }
    }

    [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
        const YAML::Mark mark = node.Mark();
        throw InputError(SourceLocation{*file_, mark.line < 0 ? 0 : mark.line + 1,
                                        mark.column < 0 ? 0 : mark.column + 1},
                         message);
    }

    const std::string* file_;
    long count_ = 0;
};

}  // namespace

std::unique_ptr<YamlDocument> parse_yaml(const std::string& text, const std::string& file) {
    auto document = std::make_unique<YamlDocument>();
    document->file = std::make_unique<const std::string>(file);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw InputError(SourceLocation{file, e.mark.line < 0 ? 0 : e.mark.line + 1,
                                        e.mark.column < 0 ? 0 : e.mark.column + 1},
                         "not valid YAML: " + e.msg);
    }
    document->root = Converter(document->file.get()).convert(root);
    if (document->root.line == 0) document->root.line = 1;
    return document;
}

std::unique_ptr<YamlDocument> load_yaml_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(SourceLocation{path}, "cannot read the file");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_yaml(text.str(), path);
}

}  // namespace meshprobe
