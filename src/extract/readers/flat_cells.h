// Pieces shared by the readers of flattened tables (flat_tables.cc, flat_glued.cc): how a
// cell's text is looked at. Internal to extract.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/utf8.h"
#include "dates/dates.h"
#include "extract/readers/flat_tables.h"
#include "extract/readers/sheet_rules.h"

namespace gyosei::extract {

// The document's lines outside table cells, in order (a table's cells are the grid readers').
inline std::vector<const Line*> LinesOutsideTables(const Document& doc) {
  std::vector<const Line*> lines;
  for (const Page& p : doc.pages)
    for (const Block& b : p.blocks)
      if (b.kind != BlockKind::kTableCell)
        for (const Line& l : b.lines) lines.push_back(&l);
  return lines;
}

inline std::string WithoutSpaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ') out += c;
  return out;
}

inline std::string_view Trimmed(std::string_view s) {
  while (s.starts_with(" ")) s.remove_prefix(1);
  while (s.ends_with(" ")) s.remove_suffix(1);
  return s;
}

// Whether a cell's text has a letter of some script (a name, not a mark like ⇧ or a number).
inline bool HasWord(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t c = DecodeUtf8(s, i);
    if (IsJapaneseLetter(c) || IsAsciiAlpha(c)) return true;
  }
  return false;
}

// Digits after the decimal point of a printed number (104.3% -> 1).
inline int Decimals(std::string_view s) {
  size_t dot = s.find('.');
  if (dot == std::string_view::npos) return 0;
  int n = 0;
  for (size_t i = dot + 1; i < s.size() && IsAsciiDigit(static_cast<unsigned char>(s[i])); ++i) ++n;
  return n;
}

// Rows whose cells ran together without any separator (flat_glued.cc): read from `lines`
// into `out`.
void ReadGluedTables(const std::vector<const Line*>& lines, const SheetRules& sheet,
                     const dates::DateScanner& dates, int era_year, FlatTables& out);

}  // namespace gyosei::extract
