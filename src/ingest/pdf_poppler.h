// The one place that talks to Poppler's core API (PDFDoc, Gfx, TextOutputDev); nothing of
// Poppler leaks out of its .cc. One pass over a page's content stream hands over both the
// words (as poppler-cpp's text_list() did, from the same TextOutputDev) and the drawn
// axis-parallel line segments that ruled tables are made of. Internal to the PDF reader.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/pdf_grid.h"
#include "ingest/pdf_layout.h"
#include "ingest/pdf_text.h"

namespace gyosei::pdf {

// What one page's pass found: horizontal words, vertical/rotated words (in poppler's order),
// the ruling segments (a stroked path's straight pieces, thin filled rectangles, the edges of
// larger filled rectangles: cell borders and shaded cells), the tally of its characters, and the
// page's size as displayed.
struct PageScan {
  std::vector<Box> boxes;
  std::vector<double> edges;  // the boxes' character edges (Box::first_edge)
  std::vector<Box> rotated;
  std::vector<Rule> rules;
  CharStats stats;
  double width = 0, height = 0;
};

// Poppler's messages, already formatted as poppler-cpp did ("error (357): ..." / "error: ...").
using PopplerMessageSink = void (*)(const std::string& message);
// Installs the one process-wide receiver of poppler's messages (the first call wins).
void InstallPopplerMessageSink(PopplerMessageSink sink);

// Where poppler reads its data (CMaps of the Adobe-Japan1 fonts); "" is the built-in default.
// Takes effect the next time a PDF is opened while none is open.
void SetPopplerDataDir(const std::string& dir);

// One opened PDF. Not safe to use from two threads at once; several PdfFiles of the same bytes
// are (poppler's core shares nothing between documents but its global parameters).
class PdfFile {
 public:
  enum class Opened { kOk, kLocked, kDamaged };
  // Reads `bytes` in place: the caller keeps them alive as long as the PdfFile. The password is
  // tried as owner and as user password.
  static std::unique_ptr<PdfFile> Open(std::string_view bytes, const std::string& password,
                                       Opened& opened);
  ~PdfFile();
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;

  int pages() const;
  // One pass over page `index` (0-based) into `scan` (cleared first; its vectors keep their
  // capacity). False when poppler cannot read the page.
  bool ScanPage(int index, PageScan& scan);

 private:
  struct Impl;
  explicit PdfFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gyosei::pdf
