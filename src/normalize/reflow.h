// Line reflow: which raw lines are one logical line. Internal to the normalize module; the
// rules are described in normalize.h.
#pragma once

#include <string_view>
#include <vector>

#include "core/document.h"
#include "normalize/char_tables.h"

namespace gyosei::normalize {

// A raw line, or the part of one, that goes into a logical line.
struct Piece {
  std::string_view text;
  SourceLoc loc;
  bool space_before = false;  // joined to the previous piece with a space (Latin word wrap)
};
using LogicalLine = std::vector<Piece>;

// For each block of `page`, the logical lines that start in it (empty when all its lines
// were joined onto lines of an earlier block).
std::vector<std::vector<LogicalLine>> Reflow(const Page& page, const CharTables& tables);

}  // namespace gyosei::normalize
