// Tables rebuilt from the kTableCell blocks a page already has (page, table, row, column
// indexes), for documents whose ingest filled no Document::tables: PDFs without ruling lines
// and text inputs read before the table producer existed. Internal to extract.
#pragma once

#include <vector>

#include "core/document.h"

namespace gyosei::extract {

// One Table per (page, table index), source kAligned, every cell spanning 1x1; blocks with
// the same row and column join into one cell (a label wrapped over two lines). Column indexes
// come from text positions, so neighbouring rows may not share them exactly: readers match
// a value to a header column by nearest index for kAligned tables.
std::vector<Table> TablesFromBlocks(const Document& doc);

}  // namespace gyosei::extract
