// Text poppler hands back, made usable: UTF-16 to UTF-8, and a per-page tally of the code
// points that betray a font without a usable Unicode map (U+FFFD, private use, control codes,
// "(cid:N)", Kangxi radicals standing in for kanji). Internal to the PDF reader.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gyosei::pdf {

struct CharStats {
  int64_t total = 0;     // non-space code points
  int64_t bad = 0;       // U+FFFD, private use, C0/C1 controls, "(cid:N)" pieces
  int64_t latin1 = 0;    // U+00C0..U+00FF: a run of these in a Japanese document is mojibake
  int64_t radicals = 0;  // U+2E80..U+2FDF: radicals in place of unified ideographs
  void Add(const CharStats& o) {
    total += o.total;
    bad += o.bad;
    latin1 += o.latin1;
    radicals += o.radicals;
  }
};

// Appends the UTF-8 form of `utf16` to `out` (lone surrogates become U+FFFD) and counts its
// code points into `stats`.
void AppendUtf16AsUtf8(std::u16string_view utf16, std::string& out, CharStats& stats);

enum class TextQuality { kGood, kRadicals, kSomeUnmapped, kGarbled };

// What a page's tally says: kGarbled when a large share is junk; kSomeUnmapped for a few
// unmappable glyphs; kRadicals when the only oddity is radicals (NFKC folds them).
TextQuality Judge(const CharStats& stats);

}  // namespace gyosei::pdf
