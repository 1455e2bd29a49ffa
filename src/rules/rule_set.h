// The rule engine: rule files parsed into sections and their patterns compiled once into RE2.
//
// A rule file (rules/*.rules) is a list of sections, each a kind, a name and key = value lines:
//
//   # comment (only at the start of a line: '#' inside a pattern is just a character)
//   [label target_block]
//   pattern = 達成目標|目標数値|達成水準
//   pattern = 数値目標
//
// Values run to the end of the line and are taken literally, so a regex is written exactly as
// RE2 reads it: \d, \(, [①-⑳] need no second backslash. Which kinds and keys exist, and which
// keys are patterns, is decided by the stage that reads them (extract/rules_model.cc); this
// module only parses and compiles, and reports every error as "file:line: what".
//
//   auto sections = ParseRuleFile(file);            // syntax: [kind name], key = value
//   auto p = Pattern::Compile(entry);                 // "rules/x.rules:12: bad pattern ...:
//   missing )" Match m; if (p->Find(text, 0, m)) m.Group(1) ... PatternSet set; set.Add(p1);
//   set.Add(p2); set.Compile(); set.Matching(text) -> {0, 1}
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "rules/rule_files.h"

namespace gyosei {

struct RuleEntry {
  std::string key;
  std::string value;
  std::string origin;  // file, for messages
  int line = 0;
  std::string Where() const { return origin + ":" + std::to_string(line); }
};

struct RuleSection {
  std::string kind;  // "label"
  std::string name;  // "target_block"; may be empty
  std::string origin;
  int line = 0;
  std::vector<RuleEntry> entries;
  std::string Where() const { return origin + ":" + std::to_string(line); }
};

// Parses one rule file. All syntax errors are reported together, one "file:line: ..." a line.
Expected<std::vector<RuleSection>> ParseRuleFile(const RuleFile& file);

// Byte ranges of a match and its capturing groups in the searched text.
struct Match {
  static constexpr size_t kNone = static_cast<size_t>(-1);
  size_t begin = 0, end = 0;
  std::vector<std::pair<size_t, size_t>> groups;  // [0] unused; [i] = group i, kNone if unset
  bool HasGroup(int i) const {
    return i > 0 && static_cast<size_t>(i) < groups.size() && groups[i].first != kNone;
  }
  std::string_view Group(std::string_view text, int i) const {
    return HasGroup(i) ? text.substr(groups[i].first, groups[i].second - groups[i].first)
                       : std::string_view();
  }
};

// One regex (RE2 syntax, UTF-8), with where it was written. Checked at load; its RE2 is built
// on first use (thread-safe; copies share it), see rule_set.cc.
class Pattern {
 public:
  // Compiles entry.value; the error names entry.Where(), the pattern and RE2's message.
  static Expected<Pattern> Compile(const RuleEntry& entry);
  static Expected<Pattern> Compile(std::string_view regex, std::string_view where);

  // First match at or after byte `from`.
  bool Find(std::string_view text, size_t from, Match& m) const;
  bool Contains(std::string_view text) const;
  bool FullMatch(std::string_view text) const;
  // Replaces every match with `rewrite` (\1 refers to group 1); returns how many.
  int ReplaceAll(std::string& text, std::string_view rewrite) const;
  // Index of the named group (?P<name>...), or -1.
  int GroupIndex(std::string_view name) const;
  int GroupCount() const;
  const std::string& pattern() const;
  const std::string& where() const { return where_; }

  struct Impl;  // the text, its groups and literals, and the RE2 once built (rule_set.cc)

 private:
  std::shared_ptr<const Impl> impl_;
  std::string where_;
};

// Builds, now, every pattern of this process that has not been built yet (each is otherwise
// built on its first use). A process that forks workers calls it first: the workers then share
// the built patterns copy-on-write instead of each building what its documents reach, and no
// worker's first document is charged for building them against a time limit.
void BuildAllPatterns();

// Many patterns tried on the same text at once (RE2::Set): which of them match.
class PatternSet {
 public:
  enum class Anchor { kUnanchored, kStart, kBoth };
  // kExact: Matching and AnyMatches say exactly which patterns match.
  // kPrefilter: for a set that only rules texts out before its patterns are tried one by one:
  // AnyMatches may say yes for a text none of them matches, never no for one they match, and
  // Matching is not offered. Its patterns' counted repetitions are relaxed ({4,40} to {4,}),
  // which matches more and compiles in a fraction of the time (each count is a copy of what it
  // repeats).
  enum class Exactness { kExact, kPrefilter };
  explicit PatternSet(Anchor anchor = Anchor::kUnanchored, Exactness exactness = Exactness::kExact);
  PatternSet(PatternSet&&) noexcept;
  PatternSet& operator=(PatternSet&&) noexcept;
  ~PatternSet();

  // Adds a pattern; returns its index, or an error naming where it was written.
  Expected<int> Add(const Pattern& pattern);
  Status Compile();
  // Indices of the patterns that match `text`, ascending (empty for a kPrefilter set).
  std::vector<int> Matching(std::string_view text) const;
  // Whether any pattern matches `text`: RE2 stops at the first match and keeps no list.
  bool AnyMatches(std::string_view text) const;
  size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gyosei
