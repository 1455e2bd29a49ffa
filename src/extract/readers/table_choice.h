// A PDF sheet's tables come in two readings: the ruled grids its drawn lines make
// (Document::tables) and the grid rebuilt from its table-cell blocks (TablesFromBlocks). Each
// reads some tables better: the ruled grid keeps an indicator grid's label column, its
// multi-line labels and a row of values together; the rebuilt grid keeps the words of a
// check-mark choice in their own cells. This picks, table by table, the reading in which the
// sheet reader finds more values. Internal to extract.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace gyosei::extract {

// `rebuilt` with every ruled table that holds more values than the rebuilt tables whose lines
// lie in it (`values` counts a table's values read on its own) put in their place. A ruled
// table gets the caption printed right above it as a row of its own when `is_caption` accepts
// it (a unit, (単位:千円), printed over the grid rather than in it).
std::vector<Table> ChooseTables(const Document& doc, std::vector<Table> rebuilt,
                                const std::vector<Table>& ruled,
                                const std::function<int(const Table&)>& values,
                                const std::function<bool(std::string_view)>& is_caption);

}  // namespace gyosei::extract
