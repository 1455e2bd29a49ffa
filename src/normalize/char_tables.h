// The normalizer's tables, built once from rules/normalize/*.rules and ICU's NFKC data.
// Internal to the normalize module.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "rules/rule_files.h"

namespace gyosei::normalize {

struct CharTables {
  // Characters that folding changes (a bit per code point) and what they become.
  std::vector<uint64_t> changes;
  std::unordered_map<char32_t, std::u32string> fold;
  // (base << 21 | mark) -> precomposed kana, for half-width ｶﾞ -> ガ.
  std::unordered_map<uint64_t, char32_t> compose;

  std::u32string hyphens;  // dashes.rules
  std::u32string dashes;
  char32_t long_vowel = U'ー';
  // A bit per code point in hyphens, dashes or long_vowel: lets the normalizer pass over
  // every other character without searching those lists.
  std::vector<uint64_t> dash_bits;
  bool MayBeDash(char32_t cp) const {
    return cp < dash_bits.size() * 64 && (dash_bits[cp >> 6] >> (cp & 63) & 1);
  }

  std::u32string markers;  // reflow.rules
  std::u32string ends;
  // A plan level's word (基本目標, 施策の柱): a line starting with one and its number starts a new
  // item, never joined to the line before.
  std::vector<std::string> level_words;
  double ratio = 0.8;
  int min_width = 12;
  int min_width_between_blocks = 24;

  // What cp folds to, or nullptr when it stays as it is.
  const std::u32string* Fold(char32_t cp) const {
    if (cp >= changes.size() * 64 || !(changes[cp >> 6] >> (cp & 63) & 1)) return nullptr;
    auto it = fold.find(cp);
    return it == fold.end() ? nullptr : &it->second;
  }
  char32_t Compose(char32_t base, char32_t mark) const {
    auto it = compose.find(static_cast<uint64_t>(base) << 21 | mark);
    return it == compose.end() ? 0 : it->second;
  }
};

// Reads normalize/chars.rules, normalize/dashes.rules and normalize/reflow.rules. All errors of
// all files are reported together, one "file:line: what is wrong" per line.
Expected<CharTables> BuildCharTables(const RuleFiles& rules);

}  // namespace gyosei::normalize
