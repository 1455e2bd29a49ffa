// A value a table reader read from one cell, as the Target or the Actual it becomes: the fields
// both have (the sheet, flattened-table and column readers fill them the same way). Internal to
// extract.
#pragma once

#include <string>

#include "extract/extraction.h"

namespace gyosei::extract {

struct TableValue {
  std::string text;    // the row or cells it was read from
  std::string metric;  // the indicator's name
  double value = 0;
  std::string unit;
  int fiscal_year = 0;
  Loc loc;  // the value's cell
};

// `Item`: Target (a planned value) or Actual (a measured one).
template <typename Item>
Item ItemOf(TableValue v) {
  Item item;
  item.text = std::move(v.text);
  item.metric = std::move(v.metric);
  item.value = v.value;
  item.unit = std::move(v.unit);
  item.fiscal_year = v.fiscal_year;
  item.loc = v.loc;
  return item;
}

}  // namespace gyosei::extract
