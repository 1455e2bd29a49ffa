// The PDF layout code (ingest/pdf_layout.h) on arbitrary page geometry, the way the PDF reader
// drives it after poppler has handed over the text boxes: BuildLines per page,
// DropRunningLines, UsualLineGap, PageLayouter. Poppler itself is Debian's and not
// instrumented; what is ours is what happens to odd geometry (zero-size, overlapping,
// upside-down or off-page boxes, thousands of them on one line), so that is what is fuzzed.
// Input: records separated by '\n'; a record is 9 bytes of geometry then the box's text:
//   x0, y0, width, height: 16-bit little-endian each, in tenths of a point (width and height
//   may be "negative": bit 15 set); flags: bit 0 space after, bit 1 the box starts a new page.
// Also the UTF-16 -> UTF-8 conversion and the garbled-text tally on the raw bytes.
#include "fuzz_target.h"
#include "ingest/pdf_layout.h"
#include "ingest/pdf_text.h"

namespace {

using namespace gyosei;

double Coord(std::string_view r, size_t at, bool sign) {
  unsigned v = static_cast<unsigned char>(r[at]) | static_cast<unsigned char>(r[at + 1]) << 8;
  if (sign && (v & 0x8000)) return -static_cast<double>(v & 0x7FFF) / 10;
  return static_cast<double>(v) / 10;
}

void PdfLayout(std::string_view data) {
  std::vector<std::vector<pdf::Box>> boxes(1);
  for (std::string_view rest = data; !rest.empty();) {
    size_t nl = rest.find('\n');
    std::string_view r = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (r.size() < 9) continue;
    unsigned flags = static_cast<unsigned char>(r[8]);
    if ((flags & 2) && boxes.size() < 50) boxes.emplace_back();
    pdf::Box b;
    b.x0 = Coord(r, 0, false);
    b.y0 = Coord(r, 2, false);
    b.x1 = b.x0 + Coord(r, 4, true);
    b.y1 = b.y0 + Coord(r, 6, true);
    b.space_after = flags & 1;
    b.text = std::string(r.substr(9));
    boxes.back().push_back(std::move(b));
  }
  std::vector<pdf::PageText> pages(boxes.size());
  for (size_t i = 0; i < boxes.size(); ++i) {
    pages[i].number = static_cast<int>(i + 1);
    pages[i].width = 595;
    pages[i].height = 842;
    pdf::BuildLines(boxes[i], pages[i].lines);
    for (const pdf::TextLine& line : pages[i].lines) {
      GYOSEI_FUZZ_CHECK(!line.boxes.empty());
      (void)line.Joined();
    }
  }
  pdf::DropRunningLines(pages);
  pdf::PageLayouter layouter(pdf::UsualLineGap(pages));
  for (const pdf::PageText& text : pages) {
    Page page;
    page.number = text.number;
    layouter.Layout(text, page);
    for (const Block& b : page.blocks) {
      if (b.kind == BlockKind::kTableCell) GYOSEI_FUZZ_CHECK(b.row >= 0 && b.column >= 0);
      for (const Line& l : b.lines) GYOSEI_FUZZ_CHECK(l.loc.page == text.number);
    }
  }

  std::u16string utf16(data.size() / 2, u'\0');
  for (size_t i = 0; i < utf16.size(); ++i)
    utf16[i] = static_cast<char16_t>(static_cast<unsigned char>(data[2 * i]) |
                                     static_cast<unsigned char>(data[2 * i + 1]) << 8);
  std::string utf8;
  pdf::CharStats stats;
  pdf::AppendUtf16AsUtf8(utf16, utf8, stats);
  GYOSEI_FUZZ_CHECK(fuzz::IsValidUtf8(utf8));
  GYOSEI_FUZZ_CHECK(stats.bad <= stats.total || stats.total == 0);
  (void)pdf::Judge(stats);
}

}  // namespace

GYOSEI_FUZZ_TARGET("pdf_layout", PdfLayout)
