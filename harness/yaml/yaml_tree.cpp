#include "yaml/yaml_tree.h"

#include <yaml.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <string_view>
#include <system_error>
#include <unordered_map>

#include "core/cancelled.h"
#include "core/errors.h"
#include "core/quoted_name.h"
#include "core/user_file.h"
#include "yaml/yaml_events.h"

// libyaml's event parser, not yaml-cpp: yaml-cpp needs 60-90 ms just to scan a 1,000-service
// file, libyaml about 12 ms, and `check` must stay well under 100 ms on such a file. It also
// stops at a second document, where yaml-cpp 0.7's LoadAll can loop forever (fuzz/).

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

// Aliases are expanded by copying, and each anchor keeps a copy of its node: every node
// built or copied counts against this, so nested anchors ("billion laughs") stop here, in
// well under a second, instead of in std::bad_alloc. A 100,000-service compose file has
// about a million nodes.
constexpr long kMaxNodes = 2'000'000;
// The same for the text of scalars: one long string aliased a thousand times copies it a
// thousand times while counting only a thousand nodes. As large as a user's file may be.
constexpr long kMaxScalarBytes = kMaxUserFileBytes;

// Compose files nest about 20 levels deep, contracts fewer. The limit is checked as libyaml
// reads, so a deeper document stops early: libyaml looks at every open flow level for each
// token it scans, which makes nesting quadratic ([[[...]]] 20,000 deep took 2.3 s), and every
// walk of the tree (copy, destruction, interpolation) recurses once per level, where 1,000,000
// levels overflowed the stack.
constexpr int kMaxDepth = 256;

// From this size on, libyaml reads on a second thread ahead of the tree's building (about half
// the time of reading a large file each); below it a thread costs more than it saves.
constexpr std::size_t kReadAheadBytes = 256 * 1024;

// What a node costs to copy: its nodes, the bytes of its scalars, and how many levels deep
// it reaches below its own. Summed as the tree is built, never by walking it again.
struct Extent {
    long nodes = 1;
    long bytes = 0;
    int depth = 0;

    void add(const Extent& child) {
        nodes += child.nodes;
        bytes += child.bytes;
        depth = std::max(depth, child.depth + 1);
    }
};

// Builds the tree from libyaml's events.
class TreeBuilder {
public:
    TreeBuilder(const std::string* file, DuplicateKeys duplicates) : file_(file), duplicates_(duplicates) {}

    void parse(const std::string& text) {
        if (text.size() >= kReadAheadBytes) {
            std::optional<EventsAhead> events;
            try {
                events.emplace(text, kMaxDepth);
            } catch (const std::system_error&) {
                // No thread to be had: read on this one.
            }
            if (events) return parse_read_ahead(*events);
        }
        yaml_parser_t parser;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
        try {
            for (bool done = false; !done;) {
                throw_if_cancelled();
                yaml_event_t event;
                if (!yaml_parser_parse(&parser, &event)) syntax_error(parser);
                done = take(event);
            }
        } catch (...) {
            yaml_parser_delete(&parser);
            throw;
        }
        yaml_parser_delete(&parser);
    }

    // The same, with libyaml reading on a second thread (yaml_events.h).
    void parse_read_ahead(EventsAhead& events) {
        for (bool done = false; !done;) {
            throw_if_cancelled();
            yaml_event_t event;
            switch (events.next(event)) {
                case EventsAhead::Next::event:
                    break;
                case EventsAhead::Next::syntax_error:
                    syntax_error(events.parser());
                case EventsAhead::Next::too_deep:  // check_depth refused it already; kept for safety
                    fail(events.parser().mark, "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
            }
            done = take(event);
        }
    }

    YamlNode take_root() { return std::move(root_); }

private:
    struct Frame {
        YamlNode node;
        Extent extent;
        std::string anchor;
        std::optional<YamlNode> key;  // a mapping's key waiting for its value
        std::vector<YamlNode> merges; // values of `<<` keys
    };

    // The children of the collection open at each depth, gathered in vectors kept from one
    // collection to the next and moved into one allocation of the right size at its end:
    // growing each node's own vector moved every child several times (a third of reading).
    struct Children {
        std::vector<YamlNode> items;
        std::vector<YamlEntry> entries;
    };

    Children& children_of_top() { return scratch_[stack_.size() - 1]; }

    void open(Frame frame) {
        stack_.push_back(std::move(frame));
        if (scratch_.size() < stack_.size()) scratch_.resize(stack_.size());
    }

    // Moves the gathered children of the innermost collection into it.
    void close(Frame& frame) {
        Children& children = children_of_top();
        if (frame.node.is_sequence()) {
            frame.node.items.reserve(children.items.size());
            std::move(children.items.begin(), children.items.end(), std::back_inserter(frame.node.items));
        } else {
            frame.node.entries.reserve(children.entries.size());
            std::move(children.entries.begin(), children.entries.end(), std::back_inserter(frame.node.entries));
        }
        children.items.clear();
        children.entries.clear();
    }

    // Builds from one event and frees it; true at the end of the stream.
    bool take(yaml_event_t& event) {
        const bool done = event.type == YAML_STREAM_END_EVENT;
        try {
            handle(event);
        } catch (...) {
            yaml_event_delete(&event);
            throw;
        }
        yaml_event_delete(&event);
        return done;
    }

    void handle(const yaml_event_t& event) {
        switch (event.type) {
            case YAML_DOCUMENT_START_EVENT:
                if (++documents_ > 1)
                    fail(event.start_mark, "a second YAML document starts here; the file must be one document");
                break;
            case YAML_SCALAR_EVENT: {
                YamlNode node = start(event.start_mark, event.data.scalar.tag);
                const auto& scalar = event.data.scalar;
                node.scalar.assign(reinterpret_cast<const char*>(scalar.value), scalar.length);
                const bool plain = scalar.style == YAML_PLAIN_SCALAR_STYLE;
                const bool untagged = node.tag == YamlNode::Tag::none;
                node.kind = plain && is_null(node.scalar) && untagged ? YamlNode::Kind::null : YamlNode::Kind::scalar;
                if (plain && node.kind == YamlNode::Kind::null) node.scalar.clear();
                node.quoted = !plain;  // quoted and block scalars are strings
                const Extent extent{1, static_cast<long>(node.scalar.size()), 0};
                count(event.start_mark, 0, extent.bytes);
                finish(std::move(node), extent, anchor_of(scalar.anchor), event.start_mark);
                break;
            }
            case YAML_SEQUENCE_START_EVENT: {
                check_depth(event.start_mark, 0);
                YamlNode node = start(event.start_mark, event.data.sequence_start.tag);
                node.kind = YamlNode::Kind::sequence;
                open(Frame{std::move(node), {}, anchor_of(event.data.sequence_start.anchor), {}, {}});
                break;
            }
            case YAML_MAPPING_START_EVENT: {
                check_depth(event.start_mark, 0);
                YamlNode node = start(event.start_mark, event.data.mapping_start.tag);
                node.kind = YamlNode::Kind::mapping;
                open(Frame{std::move(node), {}, anchor_of(event.data.mapping_start.anchor), {}, {}});
                break;
            }
            case YAML_SEQUENCE_END_EVENT:
            case YAML_MAPPING_END_EVENT: {
                close(stack_.back());
                Frame frame = std::move(stack_.back());
                stack_.pop_back();
                if (frame.node.is_mapping()) apply_merges(frame);
                finish(std::move(frame.node), frame.extent, frame.anchor, event.start_mark);
                break;
            }
            case YAML_ALIAS_EVENT: {
                const std::string name = anchor_of(event.data.alias.anchor);
                const auto it = anchors_.find(name);
                if (it == anchors_.end()) fail(event.start_mark, "unknown alias *" + name);
                const auto& [node, extent] = it->second;
                count(event.start_mark, extent.nodes, extent.bytes);
                // Anchors holding aliases could otherwise stack copies ever deeper.
                if (node.is_sequence() || node.is_mapping()) check_depth(event.start_mark, extent.depth);
                finish(YamlNode(node), extent, {}, event.start_mark);
                break;
            }
            default:
                break;
        }
    }

    static bool is_null(const std::string& text) {
        return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
    }

    static YamlNode::Tag tag_of(const yaml_char_t* tag) {
        if (!tag) return YamlNode::Tag::none;
        const std::string_view text(reinterpret_cast<const char*>(tag));
        if (text == "!reset") return YamlNode::Tag::reset;
        if (text == "!override") return YamlNode::Tag::override;
        return YamlNode::Tag::none;
    }

    static std::string anchor_of(const yaml_char_t* anchor) {
        return anchor ? std::string(reinterpret_cast<const char*>(anchor)) : std::string();
    }

    // A collection opening here, `below` levels deep itself, would be nested too deep.
    void check_depth(const yaml_mark_t& mark, int below) const {
        if (static_cast<long>(stack_.size()) + below >= kMaxDepth)
            fail(mark, "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
    }

    // Counts what is about to be built or copied against the budgets, before it is.
    void count(const yaml_mark_t& mark, long nodes, long bytes) {
        nodes_ += nodes;
        bytes_ += bytes;
        if (nodes_ > kMaxNodes)
            fail(mark, "the document expands to more than " + std::to_string(kMaxNodes) +
                           " nodes (the limit for one file; anchors and aliases count each copy they make)");
        if (bytes_ > kMaxScalarBytes)
            fail(mark, "the document's text expands to more than " + std::to_string(kMaxScalarBytes >> 20) +
                           " MiB (the limit for one file; anchors and aliases count each copy they make)");
    }

    YamlNode start(const yaml_mark_t& mark, const yaml_char_t* tag) {
        count(mark, 1, 0);
        YamlNode node;
        node.file = file_;
        node.line = static_cast<int>(mark.line) + 1;
        node.column = static_cast<int>(mark.column) + 1;
        node.tag = tag_of(tag);
        return node;
    }

    // Places a complete node in its parent (or as the root) and records its anchor, whose copy
    // counts as much as the node. Taken by reference: a node moved once less per node is 1% of
    // `check` on a large stack.
    void finish(YamlNode&& node, const Extent& extent, const std::string& anchor, const yaml_mark_t& mark) {
        if (!anchor.empty()) {
            count(mark, extent.nodes, extent.bytes);
            anchors_[anchor] = {node, extent};
        }
        if (stack_.empty()) {
            root_ = std::move(node);
            return;
        }
        Frame& parent = stack_.back();
        parent.extent.add(extent);
        if (parent.node.is_sequence()) {
            children_of_top().items.push_back(std::move(node));
        } else if (!parent.key) {
            if (!node.is_scalar() && !node.is_null()) fail_at(node, "a mapping key must be a string");
            parent.key = std::move(node);
        } else {
            YamlNode key = std::move(*parent.key);
            parent.key.reset();
            if (key.scalar == "<<" && !key.quoted) {
                parent.merges.push_back(std::move(node));
            } else {
                children_of_top().entries.push_back(YamlEntry{std::move(key), std::move(node)});
            }
        }
    }

    // Explicit keys win over merged ones; of the merged mappings the first listed wins.
    void apply_merges(Frame& frame) {
        YamlNode& map = frame.node;
        if (duplicates_ == DuplicateKeys::refuse) check_duplicates(map);
        for (auto& merge : frame.merges) {
            if (merge.is_mapping()) {
                merge_from(merge, map);
            } else if (merge.is_sequence()) {
                for (auto& source : merge.items) {
                    if (!source.is_mapping()) fail_at(source, "a merge key (<<) takes mappings");
                    merge_from(source, map);
                }
            } else {
                fail_at(merge, "a merge key (<<) takes a mapping or a list of mappings");
            }
        }
    }

    static void merge_from(YamlNode& source, YamlNode& map) {
        for (auto& entry : source.entries) {
            if (!map.find(entry.key.scalar)) map.entries.push_back(std::move(entry));
        }
    }

    void check_duplicates(const YamlNode& map) const {
        // Most mappings have a few keys: comparing each with those before it allocates nothing.
        constexpr std::size_t kSmall = 16;
        if (map.entries.size() <= kSmall) {
            for (std::size_t i = 1; i < map.entries.size(); ++i) {
                const YamlNode& key = map.entries[i].key;
                for (std::size_t j = 0; j < i; ++j) {
                    if (map.entries[j].key.scalar == key.scalar)
                        fail_at(key, "duplicate key " + quoted_name(key.scalar) + " (first at line " +
                                         std::to_string(map.entries[j].key.line) + ")");
                }
            }
            return;
        }
        std::unordered_map<std::string_view, int> first_line;
        first_line.reserve(map.entries.size());
        for (const auto& entry : map.entries) {
            auto [first, added] = first_line.emplace(entry.key.scalar, entry.key.line);
            if (!added)
                fail_at(entry.key, "duplicate key " + quoted_name(entry.key.scalar) + " (first at line " +
                                       std::to_string(first->second) + ")");
        }
    }

    [[noreturn]] void fail(const yaml_mark_t& mark, const std::string& message) const {
        throw InputError(SourceLocation{*file_, static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1},
                         message);
    }

    [[noreturn]] void fail_at(const YamlNode& node, const std::string& message) const {
        throw InputError(node.where(), message);
    }

    // The parser's reason and column only: the text there may be anything (a file that is no
    // YAML at all), so none of it is quoted.
    [[noreturn]] void syntax_error(const yaml_parser_t& parser) const {
        std::string message = "YAML syntax error at column " + std::to_string(parser.problem_mark.column + 1) + ": ";
        message += parser.problem ? parser.problem : "not valid YAML";
        if (parser.context) message += std::string(" ") + parser.context;
        fail(parser.problem_mark, message + " (check indentation, quotes and brackets)");
    }

    const std::string* file_;
    DuplicateKeys duplicates_;
    std::vector<Frame> stack_;
    std::vector<Children> scratch_;  // per depth; never shrinks
    std::map<std::string, std::pair<YamlNode, Extent>> anchors_;
    YamlNode root_;
    long nodes_ = 0;
    long bytes_ = 0;
    int documents_ = 0;
};

}  // namespace

std::unique_ptr<YamlDocument> parse_yaml(const std::string& text, const std::string& file, DuplicateKeys duplicates) {
    auto document = std::make_unique<YamlDocument>();
    document->file = std::make_unique<const std::string>(file);
    TreeBuilder builder(document->file.get(), duplicates);
    builder.parse(text);
    document->root = builder.take_root();
    document->root.file = document->file.get();
    if (document->root.line == 0) document->root.line = 1;
    return document;
}

}  // namespace meshprobe
