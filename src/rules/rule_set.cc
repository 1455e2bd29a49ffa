#include "rules/rule_set.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <sstream>

#include "rules/regex_text.h"

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

namespace {

bool MayOutgrowBudget(std::string_view regex) {
  return rules_internal::SizeBound(regex) > rules_internal::kLazyBudget;
}

// RE2's parse of `regex` alone: "" when it parses, else RE2's message.
std::string SyntaxError(std::string_view regex) {
  RE2::Set parser(Utf8Options(), RE2::UNANCHORED);
  std::string error;
  if (parser.Add(re2::StringPiece(regex.data(), regex.size()), &error) >= 0) return "";
  return error.empty() ? "invalid pattern" : error;
}

}  // namespace

// A pattern's RE2 is built the first time a reader uses it: most documents reach only some
// readers (a text never reads a sheet's [cells] or [flat] rules), and building every rule's RE2
// was most of start-up. Errors are still reported at load, with file:line:
//  - syntax: RE2 fails in exactly two ways, and parsing is the first. Compile() parses the
//    pattern at load (RE2::Set::Add parses and does not compile), which finds every syntax
//    error RE2's own constructor would (repetition counts over 1000 included), with the same
//    message.
//  - size: the second is a program over RE2's memory budget (max_mem, 64 MB; \pL{1000}, 1.19 M
//    instructions, still compiles). SizeBound() (regex_text.h) bounds a pattern's program from its
//    text; a pattern whose bound exceeds kLazyBudget is compiled at load, as before.
// (RE2 itself already builds its reverse program on first use.)
struct Pattern::Impl {
  explicit Impl(std::string_view regex) : text(regex) {}
  rules_internal::GroupInfo groups;
  // Literals every match contains (read on first use too): a text without them is not searched,
  // and a pattern whose literals no text has had is never built.
  const rules_internal::RequiredLiterals& Literals() const {
    if (!literals_ready.load(std::memory_order_acquire)) {
      std::call_once(literals_once, [this] {
        required = rules_internal::RequiredLiteralsOf(text);
        literals_ready.store(true, std::memory_order_release);
      });
    }
    return required;
  }
  bool MayMatchIn(std::string_view subject) const {
    return rules_internal::MayContainMatch(Literals(), subject);
  }
  const RE2& Re() const {
    if (const RE2* r = ready.load(std::memory_order_acquire)) return *r;
    std::call_once(once, [this] {
      re.emplace(re2::StringPiece(text.data(), text.size()), Utf8Options());
      ready.store(&*re, std::memory_order_release);
    });
    return *re;
  }
  std::string text;
  mutable std::once_flag once;
  mutable std::optional<RE2> re;
  mutable std::atomic<const RE2*> ready{nullptr};
  mutable std::once_flag literals_once;
  mutable rules_internal::RequiredLiterals required;
  mutable std::atomic<bool> literals_ready{false};
};

namespace {

// Every pattern made in this process, for BuildAllPatterns. Expired entries are dropped as the
// list grows, so a process that compiles rules again and again does not keep their memory.
class PatternRegistry {
 public:
  void Add(const std::shared_ptr<const Pattern::Impl>& impl) {
    std::lock_guard<std::mutex> lock(mu_);
    if (impls_.size() >= prune_at_) {
      std::erase_if(impls_, [](const auto& w) { return w.expired(); });
      prune_at_ = std::max<size_t>(1024, 2 * impls_.size());
    }
    impls_.push_back(impl);
  }
  std::vector<std::shared_ptr<const Pattern::Impl>> Live() {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::shared_ptr<const Pattern::Impl>> live;
    for (const auto& w : impls_)
      if (auto p = w.lock()) live.push_back(std::move(p));
    return live;
  }

 private:
  std::mutex mu_;
  std::vector<std::weak_ptr<const Pattern::Impl>> impls_;
  size_t prune_at_ = 1024;
};

PatternRegistry& Registry() {
  static PatternRegistry* registry = new PatternRegistry;  // never destroyed: used at exit
  return *registry;
}

}  // namespace

void BuildAllPatterns() {
  for (const auto& impl : Registry().Live()) {
    impl->Literals();
    impl->Re();
  }
}

Expected<Pattern> Pattern::Compile(const RuleEntry& entry) {
  return Compile(entry.value, entry.Where());
}

Expected<Pattern> Pattern::Compile(std::string_view regex, std::string_view where) {
  auto impl = std::make_shared<Impl>(regex);
  std::string error;
  if (MayOutgrowBudget(regex)) {
    if (const RE2& re = impl->Re(); !re.ok()) error = re.error();
  } else {
    error = SyntaxError(regex);
  }
  if (!error.empty()) {
    return Status(StatusCode::kRuleError,
                  std::string(where) + ": bad pattern `" + std::string(regex) + "`: " + error);
  }
  rules_internal::ScanGroups(regex, impl->groups);
  Registry().Add(impl);
  Pattern p;
  p.impl_ = std::move(impl);
  p.where_ = std::string(where);
  return p;
}

bool Pattern::Find(std::string_view text, size_t from, Match& m) const {
  if (from > text.size() || !impl_->MayMatchIn(text.substr(from))) return false;
  const RE2& re = impl_->Re();
  int n = re.NumberOfCapturingGroups() + 1;
  // Rule patterns have a few groups: no allocation per call for them.
  re2::StringPiece few[16];
  std::vector<re2::StringPiece> many;
  re2::StringPiece* sub = few;
  if (n > 16) {
    many.resize(static_cast<size_t>(n));
    sub = many.data();
  }
  if (!re.Match(re2::StringPiece(text.data(), text.size()), from, text.size(), RE2::UNANCHORED, sub,
                n)) {
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
  return impl_->MayMatchIn(text) &&
         RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), impl_->Re());
}

bool Pattern::FullMatch(std::string_view text) const {
  return impl_->MayMatchIn(text) &&
         RE2::FullMatch(re2::StringPiece(text.data(), text.size()), impl_->Re());
}

int Pattern::ReplaceAll(std::string& text, std::string_view rewrite) const {
  if (!impl_->MayMatchIn(text)) return 0;
  return RE2::GlobalReplace(&text, impl_->Re(), re2::StringPiece(rewrite.data(), rewrite.size()));
}

int Pattern::GroupIndex(std::string_view name) const {
  for (const auto& [n, index] : impl_->groups.names)
    if (n == name) return index;
  return -1;
}

int Pattern::GroupCount() const { return impl_->groups.count; }
const std::string& Pattern::pattern() const { return impl_->text; }

struct PatternSet::Impl {
  Impl(RE2::Anchor anchor, Exactness e) : set(Utf8Options(), anchor), exactness(e) {}
  RE2::Set set;
  Exactness exactness;
  size_t count = 0;
  bool compiled = false;
};

PatternSet::PatternSet(Anchor anchor, Exactness exactness)
    : impl_(std::make_unique<Impl>(anchor == Anchor::kBoth    ? RE2::ANCHOR_BOTH
                                   : anchor == Anchor::kStart ? RE2::ANCHOR_START
                                                              : RE2::UNANCHORED,
                                   exactness)) {}
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;
PatternSet::~PatternSet() = default;

Expected<int> PatternSet::Add(const Pattern& pattern) {
  std::string error;
  std::string regex = impl_->exactness == Exactness::kPrefilter
                          ? rules_internal::RelaxedCounts(pattern.pattern())
                          : pattern.pattern();
  int index = impl_->set.Add(regex, &error);
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
  if (!impl_->compiled || impl_->count == 0 || impl_->exactness == Exactness::kPrefilter)
    return hits;
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
