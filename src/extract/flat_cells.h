// Plan items of a table flattened to one line by PDF text extraction: the header cells
// (具体的な施策 具体的な取組み KPI(…) 達成率), then the cells, each wrapped cell's pieces printed
// apart (新しい雇用の創出,若者の職 … 場定着支援). Internal to extract.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/rules_model.h"

namespace gyosei::extract {

struct FlatCellTitle {
  std::string title;
  size_t begin = 0;  // byte offset, in the line, of the title's first piece
};

// The plan items printed in `line` after a header of `[cells] goal_header` cells followed by
// `other_header` cells, in the order of their first pieces; empty when the line has no such
// header. The pieces that repeat (an indicator printed in its target and its result column) are
// the indicators, not items. A piece as wide as the widest piece (the column's width) that does
// not end like a title (`title_end`) was wrapped: it is joined with the one later piece the
// word dictionary reads as the same word across the join (地域振 + 興), else with the first
// narrower piece after it and before the next wrapped piece; the joined title must end like a
// title. A wrapped piece with no such continuation is no item (a wrong title is worse than
// none).
// `breaks`: the offsets, ascending, where the line's text goes on from another source line
// (rows that normalization joined): a cell ends there too.
std::vector<FlatCellTitle> ReadFlatCellTitles(std::string_view line, const FlatCellRules& rules,
                                              const std::vector<size_t>& breaks = {});

}  // namespace gyosei::extract
