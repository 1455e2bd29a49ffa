// The in-memory document model shared by every stage: pages -> blocks -> lines, each line
// knowing where in the source it came from. Ingest builds it from a PDF or a text dump;
// normalize rewrites the lines' text (and keeps anchors back to the source); segment and
// extract read it. Data flows one way: later stages never mutate an earlier stage's Document.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gyosei {

// A position in the source: 1-based page of a PDF (0 for text input, written as null in
// JSON), 1-based line within that page (or within the whole text input), and the byte offset
// within that source line.
struct SourceLoc {
  int page = 0;
  int line = 0;
  int column = 0;
  friend bool operator==(const SourceLoc&, const SourceLoc&) = default;
};

// Text from byte `offset` of a Line on comes from `loc` (byte for byte, until the next
// anchor: normalization only shortens or widens characters within a piece).
struct Anchor {
  uint32_t offset = 0;
  SourceLoc loc;
};

// Two spaces or more the source had between two pieces of a line's text, before the text at
// `offset`; normalization keeps one space there, or none (直接事業費   4,761 -> 直接事業費4,761).
// What a text dump's columns were: some tools join a table row's cells with one space and
// write a blank cell as one more (千円   20,515: 千円, a blank cell, 20,515).
struct SpaceRun {
  uint32_t offset = 0;
  uint32_t spaces = 0;
  friend bool operator==(const SpaceRun&, const SpaceRun&) = default;
};

struct Line {
  std::string text;
  SourceLoc loc;                     // where the line starts in the source
  std::vector<Anchor> anchors;       // empty: the text maps one to one onto loc's source line
  std::vector<SpaceRun> space_runs;  // set by normalization; empty on most lines

  // Where the byte at `offset` of `text` came from.
  SourceLoc LocAt(size_t offset) const;
};

enum class BlockKind : uint8_t {
  kHeading,    // a markdown '#' line, an HTML <h1>..<h6>, a short PDF line set apart
  kParagraph,  // running text
  kListItem,   // '- ', '* ', <li>
  kTableCell,  // one cell of a table row (tab-separated text, HTML table, PDF columns)
};
const char* BlockKindName(BlockKind kind);

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int level = 0;  // heading level (1 = top) or list nesting depth (0 = outermost)
  // For kTableCell: which table on the page, which row of it and which column (all 0-based).
  int table = -1;
  int row = -1;
  int column = -1;
  std::vector<Line> lines;
};

struct Page {
  int number = 0;  // 1-based for PDF; 0 for text input
  std::vector<Block> blocks;
};

// A rectangle on a PDF page in points, origin at the page's top left (y grows downwards).
// All zero for text input.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  friend bool operator==(const Box&, const Box&) = default;
};

// One cell of a Table's grid. A merged cell is one TableCell spanning several grid rows or
// columns; the grid positions it covers hold no other cell.
struct TableCell {
  int row = 0;  // top-left grid position, 0-based
  int column = 0;
  int row_span = 1;
  int column_span = 1;
  std::vector<Line> lines;  // the cell's text, line by line, each with its source location
  Box box;                  // PDF only
};

// How a Table was found.
enum class TableSource : uint8_t {
  kRuled,     // PDF: the grid of drawn ruling lines (strokes, thin filled rectangles, cell borders)
  kAligned,   // PDF without lines, or text: columns from the positions of the text
  kMarkdown,  // | a | b | pipe table
  kHtml,      // <table> with rowspan / colspan
  kDelimited,  // tab-separated lines
};
const char* TableSourceName(TableSource source);  // "ruled" "aligned" "markdown" "html" "delimited"

// A table as structure: the page blocks keep the same text as kTableCell blocks (the prose
// reader reads those); readers of forms and indicator grids read this grid instead.
struct Table {
  TableSource source = TableSource::kRuled;
  int first_page = 0;  // 1-based PDF pages; 0 for text input. A table continued on the next
  int last_page = 0;   // page is joined into one Table spanning both.
  int rows = 0;
  int columns = 0;
  std::vector<TableCell> cells;  // ordered by (row, column) of their top-left position
};

enum class SourceFormat : uint8_t { kText, kHtml, kPdf };
const char* SourceFormatName(SourceFormat format);  // "text" | "html" | "pdf", as in the contract

// Something the user should know about the input that did not stop it from being read:
// a page with no text layer, a poppler complaint, an era year past the era's end.
struct Warning {
  std::string code;  // stable lower_snake id, e.g. "page_without_text"
  std::string message;
  SourceLoc loc;
};

struct Document {
  std::string path;    // as given by the caller
  std::string sha256;  // hex of the input bytes
  SourceFormat format = SourceFormat::kText;
  std::string
      encoding;        // detected encoding of a text input ("UTF-8", "Shift_JIS", ...); "" for PDF
  int page_count = 0;  // PDF page count; 0 for text
  bool normalized = false;
  std::vector<Page> pages;
  std::vector<Table> tables;  // in reading order; may be empty even where blocks are kTableCell
  std::vector<Warning> warnings;
};

// A run of body text (to index), located by where it starts.
struct Passage {
  int page = 0;
  int line = 0;
  std::string text;
};

// The body text of `doc` in runs of whole blocks of about `passage_bytes` each (a run never
// crosses a page): long enough for a search engine to weigh, short enough for a hit to say
// where it is.
std::vector<Passage> BodyPassages(const Document& doc, size_t passage_bytes);

}  // namespace gyosei
