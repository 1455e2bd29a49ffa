#include "rules/rule_set.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <sstream>

namespace gyosei {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

RE2::Options Utf8Options() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  return options;
}

}  // namespace

Expected<std::vector<RuleSection>> ParseRuleFile(const RuleFile& file) {
  std::vector<RuleSection> sections;
  std::string errors;
  std::istringstream in(file.content);
  std::string raw;
  for (int line = 1; std::getline(in, raw); ++line) {
    std::string_view text = Trim(raw);
    if (text.empty() || text.front() == '#') continue;
    std::string where = file.origin + ":" + std::to_string(line);
    if (text.front() == '[') {
      if (text.back() != ']') {
        errors += where + ": section header must end with ']': " + std::string(text) + "\n";
        continue;
      }
      std::string_view inner = Trim(text.substr(1, text.size() - 2));
      size_t space = inner.find_first_of(" \t");
      RuleSection section;
      section.kind = std::string(inner.substr(0, space));
      if (space != std::string_view::npos) section.name = std::string(Trim(inner.substr(space)));
      section.origin = file.origin;
      section.line = line;
      if (section.kind.empty()) errors += where + ": empty section header\n";
      sections.push_back(std::move(section));
      continue;
    }
    size_t eq = text.find('=');
    if (eq == std::string_view::npos) {
      errors +=
          where + ": expected 'key = value' or '[kind name]', got: " + std::string(text) + "\n";
      continue;
    }
    if (sections.empty()) {
      errors += where + ": 'key = value' before any [section]\n";
      continue;
    }
    RuleEntry entry{std::string(Trim(text.substr(0, eq))), std::string(Trim(text.substr(eq + 1))),
                    file.origin, line};
    if (entry.key.empty() || entry.value.empty()) {
      errors += where + ": key and value must not be empty\n";
      continue;
    }
    sections.back().entries.push_back(std::move(entry));
  }
  if (!errors.empty()) {
    errors.pop_back();
    return Status(StatusCode::kRuleError, errors);
  }
  return sections;
}

struct Pattern::Impl {
  explicit Impl(std::string_view regex)
      : re(re2::StringPiece(regex.data(), regex.size()), Utf8Options()) {}
  RE2 re;
};

Expected<Pattern> Pattern::Compile(const RuleEntry& entry) {
  return Compile(entry.value, entry.Where());
}

Expected<Pattern> Pattern::Compile(std::string_view regex, std::string_view where) {
  auto impl = std::make_shared<const Impl>(regex);
  if (!impl->re.ok()) {
    return Status(StatusCode::kRuleError, std::string(where) + ": bad pattern `" +
                                              std::string(regex) + "`: " + impl->re.error());
  }
  Pattern p;
  p.impl_ = std::move(impl);
  p.where_ = std::string(where);
  return p;
}

bool Pattern::Find(std::string_view text, size_t from, Match& m) const {
  const RE2& re = impl_->re;
  int n = re.NumberOfCapturingGroups() + 1;
  // Rule patterns have a few groups: no allocation per call for them.
  re2::StringPiece few[16];
  std::vector<re2::StringPiece> many;
  re2::StringPiece* sub = few;
  if (n > 16) {
    many.resize(static_cast<size_t>(n));
    sub = many.data();
  }
  if (from > text.size() || !re.Match(re2::StringPiece(text.data(), text.size()), from, text.size(),
                                      RE2::UNANCHORED, sub, n)) {
    return false;
  }
  m.begin = static_cast<size_t>(sub[0].data() - text.data());
  m.end = m.begin + sub[0].size();
  m.groups.assign(static_cast<size_t>(n), {Match::kNone, Match::kNone});
  for (int i = 1; i < n; ++i) {
    if (sub[i].data() == nullptr) continue;
    size_t b = static_cast<size_t>(sub[i].data() - text.data());
    m.groups[i] = {b, b + sub[i].size()};
  }
  return true;
}

bool Pattern::Contains(std::string_view text) const {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), impl_->re);
}

bool Pattern::FullMatch(std::string_view text) const {
  return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), impl_->re);
}

int Pattern::ReplaceAll(std::string& text, std::string_view rewrite) const {
  return RE2::GlobalReplace(&text, impl_->re, re2::StringPiece(rewrite.data(), rewrite.size()));
}

int Pattern::GroupIndex(std::string_view name) const {
  const auto& names = impl_->re.NamedCapturingGroups();
  auto it = names.find(std::string(name));
  return it == names.end() ? -1 : it->second;
}

int Pattern::GroupCount() const { return impl_->re.NumberOfCapturingGroups(); }
const std::string& Pattern::pattern() const { return impl_->re.pattern(); }

struct PatternSet::Impl {
  explicit Impl(RE2::Anchor anchor) : set(Utf8Options(), anchor) {}
  RE2::Set set;
  size_t count = 0;
  bool compiled = false;
};

PatternSet::PatternSet(Anchor anchor)
    : impl_(std::make_unique<Impl>(anchor == Anchor::kBoth    ? RE2::ANCHOR_BOTH
                                   : anchor == Anchor::kStart ? RE2::ANCHOR_START
                                                              : RE2::UNANCHORED)) {}
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;
PatternSet::~PatternSet() = default;

Expected<int> PatternSet::Add(const Pattern& pattern) {
  std::string error;
  int index = impl_->set.Add(pattern.pattern(), &error);
  if (index < 0) {
    return Status(StatusCode::kRuleError,
                  pattern.where() + ": bad pattern `" + pattern.pattern() + "`: " + error);
  }
  ++impl_->count;
  return index;
}

Status PatternSet::Compile() {
  if (!impl_->set.Compile())
    return Status(StatusCode::kRuleError, "rule patterns use too much memory");
  impl_->compiled = true;
  return Status::Ok();
}

std::vector<int> PatternSet::Matching(std::string_view text) const {
  std::vector<int> hits;
  if (!impl_->compiled || impl_->count == 0) return hits;
  impl_->set.Match(re2::StringPiece(text.data(), text.size()), &hits);
  std::sort(hits.begin(), hits.end());
  return hits;
}

bool PatternSet::AnyMatches(std::string_view text) const {
  if (!impl_->compiled || impl_->count == 0) return false;
  return impl_->set.Match(re2::StringPiece(text.data(), text.size()), nullptr);
}

size_t PatternSet::size() const { return impl_->count; }

}  // namespace gyosei
