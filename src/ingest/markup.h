// Markup in text dumps: HTML fragments (<p>, <br>, <li>, <b>, &gt;) and Markdown (# headings,
// - bullets, | tables) are stripped but kept as structure. Internal to the ingest module.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace gyosei::ingest {

// Decodes &gt; &lt; &amp; &quot; &apos; &nbsp; &#NNN; &#xHH;. Unknown entities stay as written.
std::string DecodeEntities(std::string_view text);

// True when `text` holds an HTML tag gyosei understands (<p>, <br>, <li>, <b>, <ul ...>, ...).
bool HasHtmlTag(std::string_view text);

// Splits an inline HTML fragment into text lines at block-level tags (p, br, li, div, tr, ...),
// drops all tags, decodes entities, and appends the non-empty lines. `loc` is where the
// fragment starts in the source; each line's column is its offset within the fragment.
void AppendFragmentLines(std::string_view fragment, SourceLoc loc, std::vector<Line>& out);

// Parses a whole text dump (already UTF-8) into blocks: one source line at a time, with
// tab-separated and |-separated rows as table cells, '#' headings, '-'/'*' bullets (an indented
// line after a bullet continues it), blank lines ending paragraphs.
// Each run of rows is also a Table in `tables` (kMarkdown for | rows, kDelimited for tabs).
void ParseTextStructure(std::string_view utf8, Page& page, std::vector<Table>& tables);

// Parses an HTML document (tag driven: h1-h6, p, li, td/th in tr, br; script/style dropped).
// Each <table> is also a Table in `tables`, cells placed on the grid by rowspan / colspan.
void ParseHtmlStructure(std::string_view utf8, Page& page, std::vector<Table>& tables);

// Parses CSV (RFC 4180 quoting, fields may hold newlines) or TSV into table cells.
// The whole file is also one kDelimited Table in `tables`.
void ParseDelimitedStructure(std::string_view utf8, char delimiter, Page& page,
                             std::vector<Table>& tables);

}  // namespace gyosei::ingest
