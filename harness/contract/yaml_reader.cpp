#include "contract/yaml_reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/eventhandler.h>

#include "contract/suggest.h"
#include "core/errors.h"

namespace meshprobe {

namespace {

// Notes where each YAML document's root node starts (where the document starts, when it is
// empty), to point at a second document.
class DocumentRoots : public YAML::EventHandler {
public:
    std::vector<YAML::Mark> roots;

    void OnDocumentStart(const YAML::Mark& mark) override {
        roots.push_back(mark);
        root_seen_ = false;
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { note(mark); }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { note(mark); }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  const std::string&) override {
        note(mark);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {
        note(mark);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {
        note(mark);
    }
    void OnMapEnd() override {}

private:
    void note(const YAML::Mark& mark) {
        if (!root_seen_) roots.back() = mark;
        root_seen_ = true;
    }
    bool root_seen_ = false;
};

// yaml-cpp 0.7's LoadAll never returns on some inputs: after a stray ',' at the top level it
// yields empty documents forever, eating memory (found by fuzz/contract_fuzzer). Only whether
// a second document exists matters, so this parses at most two.
std::optional<YAML::Mark> second_document_start(const std::string& text) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    DocumentRoots documents;
    parser.HandleNextDocument(documents);
    parser.HandleNextDocument(documents);
    if (documents.roots.size() < 2) return std::nullopt;
    return documents.roots[1];
}

SourceLocation locate(const YAML::Node& node, const SourceLocation& fallback) {
    // yaml-cpp marks a null value with the position of the next token, often a later line.
    if (!node.IsDefined() || node.IsNull() || node.Mark().is_null() || node.Mark().line < 0)
        return fallback;
    return SourceLocation{fallback.file, node.Mark().line + 1, node.Mark().column + 1};
}

const char* kind_of(const YAML::Node& node) {
    if (node.IsSequence()) return "a list";
    if (node.IsMap()) return "a mapping";
    if (node.IsScalar()) return "text";
    return "nothing";
}

std::string label(const Value& value) {
    return value.path.empty() ? "the top level" : value.path;
}

bool parse_digits(const std::string& text, long& out) {
    if (text.empty() || text.size() > 9) return false;
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    out = std::stol(text);
    return true;
}

}  // namespace

void Value::fail(const std::string& message) const {
    throw InputError(where, message);
}

Value Value::child(const YAML::Node& child_node, std::string child_path,
                   const SourceLocation& fallback) const {
    return Value{child_node, locate(child_node, fallback), std::move(child_path)};
}

std::string Value::scalar(const std::string& expectation) const {
    if (!given()) {
        if (expectation == "text") fail(fmt::format("{} needs a value", label(*this)));
        fail(fmt::format("{} needs a value: {}", label(*this), expectation));
    }
    if (!node.IsScalar())
        fail(fmt::format("{} must be {}, not {}", label(*this), expectation, kind_of(node)));
    return node.Scalar();
}

int Value::number(int min, int max) const {
    const std::string expectation = fmt::format("a whole number from {} to {}", min, max);
    std::string written = scalar(expectation);
    long parsed = 0;
    if (!parse_digits(written, parsed) || parsed < min || parsed > max)
        fail(fmt::format("{} must be {}, got '{}'", label(*this), expectation, written));
    return static_cast<int>(parsed);
}

bool Value::flag() const {
    std::string written = scalar("true or false");
    if (written == "true" || written == "True" || written == "TRUE") return true;
    if (written == "false" || written == "False" || written == "FALSE") return false;
    fail(fmt::format("{} must be true or false, got '{}'", label(*this), written));
}

std::string Value::choice(const std::vector<std::string>& choices) const {
    const std::string expectation = fmt::format("{}", fmt::join(choices, " or "));
    std::string written = scalar(expectation);
    if (std::find(choices.begin(), choices.end(), written) != choices.end()) return written;
    fail(fmt::format("{} must be {}, got '{}'{}", label(*this), expectation, written,
                     did_you_mean(written, choices)));
}

std::vector<Value> Value::items(bool scalar_is_list) const {
    if (!given()) return {};
    if (node.IsScalar()) {
        if (scalar_is_list) return {*this};
        const std::string& written = node.Scalar();
        if (written.size() > 40 || written.find('\n') != std::string::npos)
            fail(fmt::format("{} must be a list, not text", label(*this)));
        fail(fmt::format("{} must be a list, e.g. [{}]", label(*this), written));
    }
    if (!node.IsSequence())
        fail(fmt::format("{} must be a list, not {}", label(*this), kind_of(node)));
    std::vector<Value> result;
    for (size_t i = 0; i < node.size(); ++i)
        result.push_back(child(node[i], fmt::format("{}[{}]", path, i), where));
    return result;
}

std::vector<std::string> Value::texts(bool scalar_is_list) const {
    std::vector<std::string> result;
    for (const Value& item : items(scalar_is_list)) result.push_back(item.text());
    return result;
}

std::vector<int> Value::ports() const {
    std::vector<int> result;
    for (const Value& item : items(true)) result.push_back(item.number(1, 65535));
    return result;
}

Mapping::Mapping(const Value& value) : self_(value) {
    read(nullptr);
}

Mapping::Mapping(const Value& value, const std::vector<std::string>& known_keys) : self_(value) {
    read(&known_keys);
}

void Mapping::read(const std::vector<std::string>* known_keys) {
    if (!self_.given()) return;
    if (!self_.node.IsMap())
        self_.fail(fmt::format("{} must be a mapping (key: value), not {}", label(self_),
                               kind_of(self_.node)));
    const std::string prefix = self_.path.empty() ? "" : self_.path + ".";
    const std::string place = self_.path.empty() ? "at the top level" : "in " + self_.path;
    for (auto it = self_.node.begin(); it != self_.node.end(); ++it) {
        SourceLocation key_where = locate(it->first, self_.where);
        if (!it->first.IsScalar() || it->first.Scalar().empty())
            throw InputError(key_where, fmt::format("keys {} must be plain names", place));
        const std::string key = it->first.Scalar();
        for (const Entry& earlier : entries_) {
            if (earlier.key == key)
                throw InputError(key_where, fmt::format("duplicate key '{}' {} (first at line {})",
                                                        key, place, earlier.key_where.line));
        }
        if (known_keys && !key.starts_with("x-") &&
            std::find(known_keys->begin(), known_keys->end(), key) == known_keys->end()) {
            std::string hint = did_you_mean(key, *known_keys);
            if (hint.empty()) hint = fmt::format("; expected {}", fmt::join(*known_keys, ", "));
            throw InputError(key_where, fmt::format("unknown key '{}' {}{}", key, place, hint));
        }
        entries_.push_back(Entry{key, key_where, self_.child(it->second, prefix + key, key_where)});
    }
}

std::optional<Value> Mapping::get(const std::string& key) const {
    for (const Entry& entry : entries_) {
        if (entry.key == key) return entry.value;
    }
    return std::nullopt;
}

Value Mapping::require(const std::string& key) const {
    if (auto value = get(key)) return *value;
    if (self_.path.empty()) self_.fail(fmt::format("missing required key '{}'", key));
    self_.fail(fmt::format("{} needs '{}'", self_.path, key));
}

Value load_yaml_file(const std::string& shown_path) {
    namespace fs = std::filesystem;
    const SourceLocation file_only{shown_path, 0, 0};
    std::error_code error;
    if (fs::is_directory(shown_path, error))
        throw InputError(file_only, "is a folder, not a YAML file");
    std::ifstream in(shown_path, std::ios::binary);
    if (!in) {
        throw InputError(file_only, fs::exists(shown_path, error) ? "cannot be read (permission?)"
                                                                  : "file not found");
    }
    std::stringstream content;
    content << in.rdbuf();

    YAML::Node document;
    std::optional<YAML::Mark> second_document;
    try {
        document = YAML::Load(content.str());
        second_document = second_document_start(content.str());
    } catch (const YAML::Exception& syntax) {
        SourceLocation where = file_only;
        if (!syntax.mark.is_null())
            where = {shown_path, syntax.mark.line + 1, syntax.mark.column + 1};
        throw InputError(where, fmt::format("YAML syntax error: {} (check indentation, quotes and "
                                            "brackets)",
                                            syntax.msg));
    }
    if (second_document) {
        throw InputError(SourceLocation{shown_path, second_document->line + 1, 0},
                         "a second YAML document starts here (a '---' line, or a line indented "
                         "less than the first); the file must be one document");
    }
    Value root{document, {shown_path, 1, 1}, ""};
    return root;
}

}  // namespace meshprobe
