#include "normalize/char_tables.h"

#include <unicode/normalizer2.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <sstream>

#include "core/utf8.h"

namespace gyosei::normalize {
namespace {

constexpr char32_t kMaxTabled = 0x30000;  // BMP, SMP, SIP: every character NFKC touches here

struct Errors {
  std::string text;
  void Add(const RuleFile& f, int line, const std::string& what) {
    text += f.origin + ":" + std::to_string(line) + ": " + what + "\n";
  }
};

// One character, written as itself or as U+XXXX. Returns 0 and records an error otherwise.
char32_t ParseChar(const std::string& token, const RuleFile& f, int line, Errors& errors) {
  if (token.size() > 2 && token[0] == 'U' && token[1] == '+') {
    char* end = nullptr;
    unsigned long v = std::strtoul(token.c_str() + 2, &end, 16);
    if (*end == '\0' && v > 0 && v <= 0x10FFFF) return static_cast<char32_t>(v);
    errors.Add(f, line, "bad code point '" + token + "'");
    return 0;
  }
  size_t i = 0;
  char32_t cp = DecodeUtf8(token, i);
  if (i != token.size() || cp == 0xFFFD) {
    errors.Add(f, line, "'" + token + "' is not one character (write U+XXXX for special ones)");
    return 0;
  }
  return cp;
}

// Calls fn(line_number, tokens) for each non-blank line; '#' starts a comment.
template <typename Fn>
void ForEachRuleLine(const RuleFile& f, Fn fn) {
  std::istringstream in(f.content);
  std::string text;
  for (int line = 1; std::getline(in, text); ++line) {
    std::istringstream words(text);
    std::vector<std::string> tokens;
    for (std::string w; words >> w;) {
      if (w[0] == '#') break;
      tokens.push_back(w);
    }
    if (!tokens.empty()) fn(line, tokens);
  }
}

void SetBit(std::vector<uint64_t>& bits, char32_t cp) {
  if (cp >= bits.size() * 64) bits.resize(cp / 64 + 1, 0);
  bits[cp >> 6] |= uint64_t{1} << (cp & 63);
}

void SetChanged(CharTables& t, char32_t cp) { SetBit(t.changes, cp); }

void ReadChars(const RuleFile& f, CharTables& t, Errors& errors) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    errors.Add(f, 0, std::string("ICU NFKC data unavailable: ") + u_errorName(status));
    return;
  }
  std::vector<std::pair<char32_t, char32_t>> keep;
  std::vector<std::pair<char32_t, std::u32string>> maps;
  ForEachRuleLine(f, [&](int line, const std::vector<std::string>& tokens) {
    if (tokens[0] == "keep" && tokens.size() == 2) {
      size_t dots = tokens[1].find("..");
      char32_t first = ParseChar(tokens[1].substr(0, dots), f, line, errors);
      char32_t last = dots == std::string::npos
                          ? first
                          : ParseChar(tokens[1].substr(dots + 2), f, line, errors);
      if (first != 0 && last < first) errors.Add(f, line, "range ends before it starts");
      keep.emplace_back(first, last);
    } else if (tokens[0] == "map" && tokens.size() == 3) {
      char32_t from = ParseChar(tokens[1], f, line, errors);
      std::u32string to;
      if (tokens[2].starts_with("U+")) {
        to += ParseChar(tokens[2], f, line, errors);
      } else {
        for (size_t i = 0; i < tokens[2].size();) to += DecodeUtf8(tokens[2], i);
      }
      maps.emplace_back(from, to);
    } else {
      errors.Add(f, line,
                 "expected 'keep FIRST[..LAST]' or 'map FROM TO', got '" + tokens[0] + "'");
    }
  });
  auto kept = [&keep](char32_t cp) {
    for (auto [a, b] : keep)
      if (cp >= a && cp <= b) return true;
    return false;
  };
  t.changes.assign(kMaxTabled / 64, 0);
  // Only characters that are not NFKC-stable on their own can fold: ICU's NFKC_Quick_Check
  // property lists them (some 5,000), so start-up does not walk all 196,608 code points.
  icu::UnicodeSet unstable(u"[[:NFKC_QC=No:][:NFKC_QC=Maybe:]]", status);
  if (U_FAILURE(status)) {
    errors.Add(f, 0, std::string("ICU has no NFKC_Quick_Check data: ") + u_errorName(status));
    return;
  }
  for (int32_t r = 0; r < unstable.getRangeCount(); ++r) {
    for (UChar32 c = unstable.getRangeStart(r); c <= unstable.getRangeEnd(r); ++c) {
      char32_t cp = static_cast<char32_t>(c);
      if (cp < 0x80 || cp >= kMaxTabled || kept(cp)) continue;
      icu::UnicodeString folded = nfkc->normalize(icu::UnicodeString(c), status);
      if (U_FAILURE(status)) break;
      std::u32string out;
      for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1))
        out += static_cast<char32_t>(folded.char32At(i));
      if (out.size() == 1 && out[0] == cp) continue;
      t.fold[cp] = std::move(out);
      SetChanged(t, cp);
    }
  }
  for (auto& [from, to] : maps) {
    if (from == 0) continue;
    t.fold[from] = to;
    SetChanged(t, from);
  }
  // Half-width voiced marks fold to combining marks; compose them with the kana before.
  for (char32_t base = 0x3041; base <= 0x30FF; ++base) {
    for (char32_t mark : {U'\u3099', U'\u309A'}) {
      UChar32 composed = nfc->composePair(static_cast<UChar32>(base), static_cast<UChar32>(mark));
      if (composed > 0)
        t.compose[static_cast<uint64_t>(base) << 21 | mark] = static_cast<char32_t>(composed);
    }
  }
}

void ReadCharList(const RuleFile& f, int line, const std::vector<std::string>& tokens,
                  std::u32string& out, Errors& errors) {
  if (tokens.size() < 2) errors.Add(f, line, "'" + tokens[0] + "' needs at least one character");
  for (size_t i = 1; i < tokens.size(); ++i) {
    char32_t cp = ParseChar(tokens[i], f, line, errors);
    if (cp != 0) out += cp;
  }
}

void ReadDashes(const RuleFile& f, CharTables& t, Errors& errors) {
  ForEachRuleLine(f, [&](int line, const std::vector<std::string>& tokens) {
    if (tokens[0] == "hyphen") {
      ReadCharList(f, line, tokens, t.hyphens, errors);
    } else if (tokens[0] == "dash") {
      ReadCharList(f, line, tokens, t.dashes, errors);
    } else if (tokens[0] == "longvowel" && tokens.size() == 2) {
      t.long_vowel = ParseChar(tokens[1], f, line, errors);
    } else {
      errors.Add(f, line, "expected 'hyphen', 'dash' or 'longvowel', got '" + tokens[0] + "'");
    }
  });
}

void ReadReflow(const RuleFile& f, CharTables& t, Errors& errors) {
  ForEachRuleLine(f, [&](int line, const std::vector<std::string>& tokens) {
    if (tokens[0] == "marker") {
      ReadCharList(f, line, tokens, t.markers, errors);
    } else if (tokens[0] == "end") {
      ReadCharList(f, line, tokens, t.ends, errors);
    } else if (tokens[0] == "level" && tokens.size() >= 2) {
      t.level_words.insert(t.level_words.end(), tokens.begin() + 1, tokens.end());
    } else if ((tokens[0] == "ratio" || tokens[0] == "min_width" ||
                tokens[0] == "min_width_between_blocks") &&
               tokens.size() == 2) {
      char* end = nullptr;
      double v = std::strtod(tokens[1].c_str(), &end);
      if (*end != '\0' || v <= 0) {
        errors.Add(f, line, "'" + tokens[1] + "' is not a positive number");
      } else if (tokens[0] == "ratio") {
        t.ratio = v;
      } else if (tokens[0] == "min_width") {
        t.min_width = static_cast<int>(v);
      } else {
        t.min_width_between_blocks = static_cast<int>(v);
      }
    } else {
      errors.Add(f, line,
                 "expected 'marker', 'end', 'level', 'ratio N', 'min_width N' or "
                 "'min_width_between_blocks N', got '" +
                     tokens[0] + "'");
    }
  });
}

}  // namespace

Expected<CharTables> BuildCharTables(const RuleFiles& rules) {
  CharTables t;
  Errors errors;
  struct Part {
    const char* name;
    void (*read)(const RuleFile&, CharTables&, Errors&);
  };
  for (const Part& part :
       {Part{"normalize/chars.rules", ReadChars}, Part{"normalize/dashes.rules", ReadDashes},
        Part{"normalize/reflow.rules", ReadReflow}}) {
    const RuleFile* f = rules.Find(part.name);
    if (f == nullptr) {
      errors.text += std::string("rules/") + part.name + ": missing\n";
      continue;
    }
    part.read(*f, t, errors);
  }
  if (!errors.text.empty()) {
    errors.text.pop_back();
    return Status(StatusCode::kRuleError, errors.text);
  }
  std::u32string all_dashes = t.hyphens + t.dashes + t.long_vowel;
  for (char32_t cp : all_dashes) SetBit(t.dash_bits, cp);
  return t;
}

}  // namespace gyosei::normalize
