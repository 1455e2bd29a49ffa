#include "rules/regex_text.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace gyosei::rules_internal {
namespace {

// Upper bounds on RE2 program instructions. A literal byte is one instruction. A class or escape
// is at most the largest Unicode class (\pL: 1,197; [\pL\pN\pP\pS]: 1,451), counted once for
// the class and once per escape inside it, plus the ranges it lists. Operators cost a few.
constexpr double kLiteralByte = 2;
constexpr double kClassAtom = 2000;
constexpr double kClassByte = 8;
constexpr double kOperator = 4;
constexpr double kProgram = 16;  // the match, the failure, the whole match's capture

// Where the escape at r[i] ('\\') ends.
size_t EscapeEnd(std::string_view r, size_t i) {
  if (i + 1 >= r.size()) return r.size();
  char c = r[i + 1];
  if ((c == 'p' || c == 'P' || c == 'x') && i + 2 < r.size() && r[i + 2] == '{') {
    size_t close = r.find('}', i + 2);
    return close == std::string_view::npos ? r.size() : close + 1;
  }
  if (c == 'p' || c == 'P') return std::min(r.size(), i + 3);
  if (c == 'x') return std::min(r.size(), i + 4);
  return i + 2;
}

// The bound of the class starting at r[i] ('['); `i` is left after its ']'.
double ClassBound(std::string_view r, size_t& i) {
  size_t start = i++;
  double escapes = 0;
  if (i < r.size() && r[i] == '^') ++i;
  if (i < r.size() && r[i] == ']') ++i;  // a ']' first is a member
  while (i < r.size() && r[i] != ']') {
    if (r[i] == '\\') {
      i = EscapeEnd(r, i);
      ++escapes;
    } else if (r.substr(i, 2) == "[:") {
      size_t close = r.find(":]", i + 2);
      i = close == std::string_view::npos ? r.size() : close + 2;
      ++escapes;
    } else {
      ++i;
    }
  }
  if (i >= r.size()) return kUnknown;
  ++i;
  return kClassAtom * (1 + escapes) + kClassByte * static_cast<double>(i - start);
}

// Where the counted repetition ({n}, {n,}, {n,m}) starting at r[at] ends (after its '}'), or 0
// when none starts there: RE2 reads any other '{' as itself.
size_t CountEnd(std::string_view r, size_t at) {
  if (at >= r.size() || r[at] != '{') return 0;
  size_t close = r.find('}', at);
  if (close == std::string_view::npos || close == at + 1) return 0;
  std::string_view counts = r.substr(at + 1, close - at - 1);
  if (!std::isdigit(static_cast<unsigned char>(counts[0]))) return 0;
  bool valid = counts.find_first_not_of("0123456789,") == std::string_view::npos &&
               std::count(counts.begin(), counts.end(), ',') <= 1;
  return valid ? close + 1 : 0;
}

// The bound of a sequence of alternatives from r[i] to its closing ')' or the end; `i` is left
// at the ')'. A counted repetition multiplies the atom before it by its upper count.
double SequenceBound(std::string_view r, size_t& i) {
  double total = 0, last = 0;
  while (i < r.size() && r[i] != ')') {
    unsigned char c = static_cast<unsigned char>(r[i]);
    if (c == '(') {
      ++i;
      last = SequenceBound(r, i) + kOperator;
      if (i >= r.size()) return kUnknown;
      ++i;
      total += last;
    } else if (c == '[') {
      last = ClassBound(r, i);
      total += last;
    } else if (c == '\\') {
      i = EscapeEnd(r, i);
      last = kClassAtom;
      total += last;
    } else if (c == '.') {
      ++i;
      last = kClassAtom;
      total += last;
    } else if (c == '{' && i + 1 < r.size() && r[i + 1] >= '0' && r[i + 1] <= '9') {
      size_t end = CountEnd(r, i);
      if (end == 0) return kUnknown;
      std::string_view counts = r.substr(i + 1, end - i - 2);
      size_t comma = counts.find(',');
      std::string_view upper = comma == std::string_view::npos ? counts : counts.substr(comma + 1);
      if (upper.empty()) upper = counts.substr(0, comma);  // {n,}: n copies and a star
      double n = 0;
      for (char d : upper) n = n * 10 + (d - '0');
      total += last * n + kOperator;  // the atom was counted once already: n + 1 copies
      i = end;
    } else if (c == '*' || c == '+' || c == '?' || c == '|') {
      ++i;
      total += kOperator;
      if (c == '|') last = 0;
    } else {
      size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      i = std::min(r.size(), i + len);
      last = kLiteralByte * static_cast<double>(len);
      total += last;
    }
  }
  return total;
}

// Case folding multiplies literals (and changes which bytes match them), and \Q...\E quotes
// what would read as syntax: neither the size bound nor the literal reader reads a pattern with
// either (no rule uses them). Read off the text as it stands, so it may also say yes for a
// "(?i" or "\Q" that is not one: then the pattern is only read less (built at load, no literals).
bool FoldsCaseOrQuotes(std::string_view regex) {
  if (regex.find("\\Q") != std::string_view::npos) return true;
  for (size_t f = regex.find("(?"); f != std::string_view::npos; f = regex.find("(?", f + 2)) {
    size_t flags_end = regex.find_first_not_of("imsU-", f + 2);
    if (regex.substr(f + 2, flags_end - f - 2).find('i') != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

// ( inside a class or after a backslash is a literal; a lazily built pattern answers GroupIndex
// at load from this.
void ScanGroups(std::string_view r, GroupInfo& out) {
  for (size_t i = 0; i < r.size();) {
    if (r[i] == '\\' && r.substr(i, 2) == "\\Q") {
      size_t end = r.find("\\E", i + 2);
      i = end == std::string_view::npos ? r.size() : end + 2;
    } else if (r[i] == '\\') {
      i = EscapeEnd(r, i);
    } else if (r[i] == '[') {
      ClassBound(r, i);
    } else if (r[i] == '(') {
      ++i;
      bool named = r.substr(i, 3) == "?P<" ||
                   (r.substr(i, 2) == "?<" && r.substr(i, 3) != "?<=" && r.substr(i, 3) != "?<!");
      if (i < r.size() && r[i] == '?' && !named) continue;
      ++out.count;
      if (named) {
        size_t begin = r.find('<', i) + 1, end = r.find('>', begin);
        if (end == std::string_view::npos) end = r.size();
        out.names.emplace_back(std::string(r.substr(begin, end - begin)), out.count);
      }
    } else {
      ++i;
    }
  }
}

double SizeBound(std::string_view regex) {
  if (FoldsCaseOrQuotes(regex)) return kUnknown;
  size_t i = 0;
  double total = SequenceBound(regex, i);
  return i < regex.size() ? kUnknown : total + kProgram;  // a stray ')': RE2's parse reports it
}

namespace {

// Caps that keep the analysis small: past them a piece is read as requiring nothing.
constexpr size_t kMaxAlternatives = 16;
constexpr size_t kMaxLiteralBytes = 64;

// What a piece of a pattern tells about the text it matches.
struct Piece {
  bool exact = false;                // it matches exactly `strings` ("" for an empty-width piece)
  std::vector<std::string> strings;  // when exact
  RequiredLiterals required;         // besides: every match contains one of each list
};

bool HasEmpty(const std::vector<std::string>& strings) {
  return std::any_of(strings.begin(), strings.end(),
                     [](const std::string& s) { return s.empty(); });
}

// Every concatenation a + b, or nothing when past the caps.
bool Product(const std::vector<std::string>& a, const std::vector<std::string>& b,
             std::vector<std::string>& out) {
  if (a.size() * b.size() > kMaxAlternatives) return false;
  out.clear();
  for (const std::string& x : a)
    for (const std::string& y : b) {
      if (x.size() + y.size() > kMaxLiteralBytes) return false;
      out.push_back(x + y);
    }
  return true;
}

size_t Longest(const std::vector<std::string>& strings) {
  size_t n = 0;
  for (const std::string& s : strings) n = std::max(n, s.size());
  return n;
}

// The smallest length among `strings`: a list of longer strings rules out more texts.
size_t Shortest(const std::vector<std::string>& strings) {
  size_t n = std::string::npos;
  for (const std::string& s : strings) n = std::min(n, s.size());
  return n;
}

// A recursive-descent reader of RE2's syntax, as far as literals go: it knows which pieces are
// literal text, which are optional, and gives up (unsure) on anything else it might misread.
class LiteralReader {
 public:
  explicit LiteralReader(std::string_view r) : r_(r) {}

  RequiredLiterals Read() {
    Piece all = Alternation();
    if (unsure_ || i_ != r_.size()) return {};
    return all.required;
  }

 private:
  Piece Alternation() {
    std::vector<Piece> branches;
    branches.push_back(Sequence());
    while (!unsure_ && i_ < r_.size() && r_[i_] == '|') {
      ++i_;
      branches.push_back(Sequence());
    }
    if (branches.size() == 1) return std::move(branches.front());
    Piece out;
    out.exact = true;
    std::vector<std::string> any_of;  // one list from each branch, joined
    bool each_requires = true;
    for (const Piece& b : branches) {
      if (out.exact && b.exact && out.strings.size() + b.strings.size() <= kMaxAlternatives)
        out.strings.insert(out.strings.end(), b.strings.begin(), b.strings.end());
      else
        out.exact = false;
      if (b.required.empty()) {
        each_requires = false;
        continue;
      }
      const auto& best =
          *std::max_element(b.required.begin(), b.required.end(),
                            [](const auto& x, const auto& y) { return Shortest(x) < Shortest(y); });
      any_of.insert(any_of.end(), best.begin(), best.end());
    }
    if (!out.exact) out.strings.clear();
    if (each_requires && any_of.size() <= kMaxAlternatives) out.required.push_back(any_of);
    return out;
  }

  Piece Sequence() {
    Piece out;
    out.exact = true;
    std::vector<std::string> run = {""};  // the literal text read since the last other piece
    auto end_run = [&] {
      if (!HasEmpty(run)) out.required.push_back(run);
      run = {""};
    };
    while (!unsure_ && i_ < r_.size() && r_[i_] != '|' && r_[i_] != ')') {
      Piece atom = Atom();
      Quantify(atom);
      if (unsure_) break;
      if (atom.exact && atom.strings.size() == 1 &&
          Longest(run) + atom.strings.front().size() <= kMaxLiteralBytes) {
        for (std::string& r : run) r += atom.strings.front();  // a literal character: the usual
        continue;
      }
      std::vector<std::string> joined;
      if (atom.exact && Product(run, atom.strings, joined)) {
        run = std::move(joined);
        continue;
      }
      out.exact = false;
      end_run();
      if (atom.exact) {
        run = atom.strings;
      } else {
        out.required.insert(out.required.end(), atom.required.begin(), atom.required.end());
      }
    }
    if (out.exact) out.strings = run;
    end_run();
    return out;
  }

  // One piece: a literal character, a class, an escape, '.', an anchor or a group.
  Piece Atom() {
    Piece none;  // matches what the analysis does not spell: requires nothing
    char c = r_[i_];
    if (c == '(') return Group();
    if (c == '[') {
      if (ClassBound(r_, i_) >= kUnknown) unsure_ = true;
      return none;
    }
    if (c == '.' || c == '^' || c == '$') {
      ++i_;
      return none;
    }
    if (c == '*' || c == '+' || c == '?' || IsCount(i_)) {
      unsure_ = true;  // a repetition of nothing: RE2 refuses it
      return none;
    }
    if (c == '\\') {
      if (i_ + 1 >= r_.size()) {
        unsure_ = true;
        return none;
      }
      unsigned char e = static_cast<unsigned char>(r_[i_ + 1]);
      if (e >= 0x80) {
        unsure_ = true;
        return none;
      }
      if (std::isalnum(e)) {  // \s \d \p{Han} \b \x{..}: classes and assertions
        i_ = EscapeEnd(r_, i_);
        return none;
      }
      i_ += 2;  // \( \. \-: the punctuation itself
      return Literal(std::string(1, static_cast<char>(e)));
    }
    unsigned char b = static_cast<unsigned char>(c);
    size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    std::string ch(r_.substr(i_, len));
    i_ += len;
    return Literal(std::move(ch));
  }

  static Piece Literal(std::string s) {
    Piece p;
    p.exact = true;
    p.strings.push_back(std::move(s));
    return p;
  }

  Piece Group() {
    ++i_;  // '('
    if (r_.substr(i_, 1) == "?") {
      if (r_.substr(i_, 3) == "?P<" || (r_.substr(i_, 2) == "?<")) {
        size_t close = r_.find('>', i_);
        if (close == std::string_view::npos) {
          unsure_ = true;
          return {};
        }
        i_ = close + 1;
      } else {
        // (?flags) or (?flags:...); case folding was ruled out before (FoldsCaseOrQuotes), and
        // the other flags do not change which bytes a literal matches.
        size_t end = r_.find_first_not_of("imsU-", i_ + 1);
        if (end == std::string_view::npos || (r_[end] != ')' && r_[end] != ':')) {
          unsure_ = true;
          return {};
        }
        i_ = end + 1;
        if (r_[end] == ')') return Literal("");
      }
    }
    Piece inner = Alternation();
    if (unsure_ || i_ >= r_.size() || r_[i_] != ')') {
      unsure_ = true;
      return {};
    }
    ++i_;
    return inner;
  }

  bool IsCount(size_t at) const { return CountEnd(r_, at) != 0; }

  // Applies the repetition after a piece, if any: optional pieces require nothing; repeated ones
  // still require what one copy does.
  void Quantify(Piece& atom) {
    if (unsure_ || i_ >= r_.size()) return;
    char c = r_[i_];
    size_t least = 1;
    if (c == '*' || c == '?') {
      least = 0;
      ++i_;
    } else if (c == '+') {
      ++i_;
    } else if (IsCount(i_)) {
      least = static_cast<size_t>(std::stoul(std::string(r_.substr(i_ + 1, 6))));
      i_ = r_.find('}', i_) + 1;
    } else {
      return;
    }
    if (i_ < r_.size() && r_[i_] == '?') ++i_;  // non-greedy
    if (least == 0) {
      atom = Piece{};
      return;
    }
    if (atom.exact && !HasEmpty(atom.strings) &&
        std::find(atom.required.begin(), atom.required.end(), atom.strings) == atom.required.end())
      atom.required.push_back(atom.strings);
    atom.exact = false;
    atom.strings.clear();
  }

  std::string_view r_;
  size_t i_ = 0;
  bool unsure_ = false;
};

// Whether `needle` occurs in `text`, looking for its last byte with memchr: string_view::find
// looks for the first, and in Japanese UTF-8 that lead byte (E3..E9) is on every other
// character, where a last byte (80..BF) is on about one in sixty-four.
bool Contains(std::string_view text, std::string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() > text.size()) return false;
  const size_t before = needle.size() - 1;
  const char* end = text.data() + text.size();
  for (const char* p = text.data() + before;
       (p = static_cast<const char*>(std::memchr(p, needle.back(), static_cast<size_t>(end - p))));
       ++p) {
    if (std::memcmp(p - before, needle.data(), before) == 0) return true;
  }
  return false;
}

}  // namespace

RequiredLiterals RequiredLiteralsOf(std::string_view regex) {
  if (FoldsCaseOrQuotes(regex)) return {};
  return LiteralReader(regex).Read();
}

std::string RelaxedCounts(std::string_view regex) {
  if (regex.find("\\Q") != std::string_view::npos) return std::string(regex);
  std::string out;
  out.reserve(regex.size());
  for (size_t i = 0; i < regex.size();) {
    size_t from = i;
    if (regex[i] == '\\') {
      i = EscapeEnd(regex, i);
    } else if (regex[i] == '[') {
      ClassBound(regex, i);
    } else if (size_t end = CountEnd(regex, i); end != 0) {
      std::string_view counts = regex.substr(i + 1, end - i - 2);
      out += '{';
      out += counts.substr(0, counts.find(','));
      out += ",}";
      i = end;
      continue;
    } else {
      ++i;
    }
    out += regex.substr(from, i - from);
  }
  return out;
}

bool MayContainMatch(const RequiredLiterals& required, std::string_view text) {
  for (const std::vector<std::string>& any_of : required) {
    if (std::none_of(any_of.begin(), any_of.end(),
                     [&](const std::string& s) { return Contains(text, s); }))
      return false;
  }
  return true;
}

}  // namespace gyosei::rules_internal
