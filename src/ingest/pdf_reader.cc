// ReadPdfDocument: PDF bytes -> Document. One pass per page through poppler's core
// (pdf_poppler: words and ruling lines), layout by pdf_layout, ruled tables by pdf_grid,
// warnings for pages whose text is missing or garbled and for poppler's own complaints.
#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

#include "ingest/ingest.h"
#include "ingest/pdf_grid.h"
#include "ingest/pdf_layout.h"
#include "ingest/pdf_poppler.h"
#include "ingest/pdf_text.h"

namespace gyosei {
namespace {

// Poppler reports errors through one process-wide function. It is installed once; each
// reading thread points this thread_local at its own sink, and poppler calls back on the
// thread that is doing the work, so concurrent readers get their own messages.
struct ErrorSink {
  int page = 0;
  std::vector<std::pair<int, std::string>> messages;
};
thread_local ErrorSink* tls_sink = nullptr;

void OnPopplerError(const std::string& message) {
  if (tls_sink == nullptr) return;
  std::string text = message;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (!tls_sink->messages.empty() && tls_sink->messages.back().second == text &&
      tls_sink->messages.back().first == tls_sink->page) {
    return;
  }
  tls_sink->messages.emplace_back(tls_sink->page, std::move(text));
}

class ErrorCapture {
 public:
  ErrorCapture() {
    static std::once_flag installed;
    std::call_once(installed, [] { pdf::InstallPopplerMessageSink(OnPopplerError); });
    previous_ = tls_sink;
    tls_sink = &sink_;
  }
  ~ErrorCapture() { tls_sink = previous_; }
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;
  ErrorSink& sink() { return sink_; }

 private:
  ErrorSink sink_;
  ErrorSink* previous_ = nullptr;
};

constexpr size_t kMaxPopplerWarnings = 30;

std::string Where(const std::string& path, int page) {
  return page > 0 ? path + " p." + std::to_string(page) + ": " : path + ": ";
}

void AddWarning(Document& doc, const char* code, int page, const std::string& text) {
  doc.warnings.push_back({code, Where(doc.path, page) + text, {page, 0, 0}});
}

Status NotAPdf(std::string_view bytes, const std::string& path) {
  if (bytes.empty()) return Status(StatusCode::kDamaged, path + ": the file is empty (0 bytes)");
  if (bytes.starts_with("PK\x03\x04")) {
    return Status(StatusCode::kUnsupported, path + ": not a PDF (looks like a zip/Office file)");
  }
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    return Status(StatusCode::kUnsupported,
                  path + ": not a PDF (looks like an OLE/Office 97-2003 file)");
  }
  return Status(StatusCode::kUnsupported, path + ": not a PDF (no %PDF- header in its first KB)");
}

void WarnAboutText(Document& doc, int page, const pdf::CharStats& s) {
  std::string counts = std::to_string(s.bad) + " of " + std::to_string(s.total) + " characters";
  switch (pdf::Judge(s)) {
    case pdf::TextQuality::kGarbled:
      AddWarning(doc, "page_garbled_text", page,
                 "the text layer is garbled (" + counts +
                     " are U+FFFD, private-use or control codes, or Latin-1 mojibake): the "
                     "fonts lack a usable ToUnicode map; OCR the page instead");
      break;
    case pdf::TextQuality::kSomeUnmapped:
      AddWarning(doc, "page_unmapped_chars", page,
                 counts +
                     " could not be mapped to Unicode (U+FFFD or private use); the text "
                     "has gaps there");
      break;
    case pdf::TextQuality::kRadicals:
      AddWarning(doc, "page_kangxi_radicals", page,
                 std::to_string(s.radicals) +
                     " Kangxi/CJK radical characters (U+2E80-U+2FDF) stand in for kanji "
                     "(normalization folds them)");
      break;
    case pdf::TextQuality::kGood:
      break;
  }
}

// Opens `bytes` (read in place: the caller keeps them alive as long as the PdfFile).
std::unique_ptr<pdf::PdfFile> LoadPdf(std::string_view bytes, const std::string& password,
                                      pdf::PdfFile::Opened& opened) {
  return pdf::PdfFile::Open(bytes, password, opened);
}

// What reading one page found; kept per page so that pages read on several threads are
// reported in page order, exactly as one thread would.
struct PageOutcome {
  enum Kind { kUnread, kUnreadable, kWithoutText, kWithText } kind = kUnread;
  pdf::CharStats stats;
};

void ReadPage(pdf::PdfFile& pdf, int index, bool ruled_tables, pdf::PageScan& scan,
              pdf::PageText& text, pdf::PageGrids& grids, PageOutcome& outcome) {
  text.number = index + 1;
  if (!pdf.ScanPage(index, scan)) {
    outcome.kind = PageOutcome::kUnreadable;
    return;
  }
  text.width = scan.width;
  text.height = scan.height;
  if (scan.boxes.empty() && scan.rotated.empty()) {
    outcome.kind = PageOutcome::kWithoutText;
    return;
  }
  outcome.kind = PageOutcome::kWithText;
  outcome.stats = scan.stats;
  // The grid now, on the reading thread: the page's drawn lines need not be kept.
  if (ruled_tables) grids.Find(text.number, scan.rules);
  pdf::BuildLines(scan.boxes, text.lines, scan.edges);
  double y = text.height * 2;  // below everything else on the page, past the footer band
  for (pdf::Box& box : scan.rotated) {
    box.x1 -= box.x0;
    box.x0 = 0;
    box.y1 = y + 10;
    box.y0 = y;
    y += 40;  // far enough apart to stay separate paragraphs
    pdf::TextLine line;
    line.x0 = box.x0;
    line.x1 = box.x1;
    line.y0 = box.y0;
    line.y1 = box.y1;
    line.boxes.push_back(std::move(box));
    text.lines.push_back(std::move(line));
  }
}

// Pages are handed out one at a time (`next_`) to every reader, so a slow page does not
// hold up the others. Each reader owns its PdfFile: poppler's core is safe across documents
// but not within one.
class PageReaders {
 public:
  PageReaders(int page_count, bool ruled_tables)
      : ruled_tables_(ruled_tables),
        pages_(page_count),
        grids_(page_count),
        outcomes_(page_count) {}

  void Run(pdf::PdfFile& pdf, ErrorSink& sink) {
    pdf::PageScan scan;  // reused: its vectors keep their capacity from page to page
    for (int i; (i = next_.fetch_add(1)) < static_cast<int>(pages_.size());) {
      sink.page = i + 1;
      ReadPage(pdf, i, ruled_tables_, scan, pages_[i], grids_[i], outcomes_[i]);
    }
    sink.page = 0;
  }

  // A second reader on its own thread with its own copy of the document; its poppler
  // messages about pages join `merged` (load messages are the main reader's already).
  void RunOnThread(std::string_view bytes, const std::string& password,
                   std::vector<std::pair<int, std::string>>& merged, std::exception_ptr& error) {
    try {
      ErrorCapture capture;
      pdf::PdfFile::Opened opened;
      std::unique_ptr<pdf::PdfFile> pdf = LoadPdf(bytes, password, opened);
      if (pdf) Run(*pdf, capture.sink());
      for (auto& m : capture.sink().messages)
        if (m.first > 0) merged.push_back(std::move(m));
    } catch (...) {
      error = std::current_exception();
    }
  }

  std::vector<pdf::PageText>& pages() { return pages_; }
  std::vector<pdf::PageGrids>& grids() { return grids_; }
  const std::vector<PageOutcome>& outcomes() const { return outcomes_; }

 private:
  std::atomic<int> next_{0};
  bool ruled_tables_;
  std::vector<pdf::PageText> pages_;
  std::vector<pdf::PageGrids> grids_;  // the ruled grids of each page, cells not yet read
  std::vector<PageOutcome> outcomes_;
};

// Below this many pages per reader a second copy of the document costs more than it saves.
constexpr int kMinPagesPerReader = 4;

Expected<Document> ReadPdf(std::string_view bytes, const std::string& path,
                           const IngestOptions& options) {
  if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos) return NotAPdf(bytes, path);
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Status(StatusCode::kUnsupported, path + ": PDF larger than 2 GB");
  }
  ErrorCapture capture;
  ErrorSink& sink = capture.sink();
  pdf::PdfFile::Opened opened;
  std::unique_ptr<pdf::PdfFile> pdf = LoadPdf(bytes, options.pdf_password, opened);
  if (opened == pdf::PdfFile::Opened::kDamaged) {
    std::string detail =
        sink.messages.empty() ? "" : " (poppler: " + sink.messages.front().second + ")";
    return Status(StatusCode::kDamaged, path + ": damaged PDF that poppler cannot open" + detail);
  }
  if (opened == pdf::PdfFile::Opened::kLocked) {
    return Status(StatusCode::kEncrypted,
                  options.pdf_password.empty()
                      ? path + ": the PDF is encrypted and needs a password (--pdf-password)"
                      : path + ": the password given does not open this encrypted PDF");
  }
  const int page_count = pdf->pages();
  if (page_count <= 0) {
    return Status(StatusCode::kDamaged, path + ": damaged PDF (no readable pages)");
  }

  Document doc;
  doc.path = path;
  doc.format = SourceFormat::kPdf;
  doc.encoding = "";
  doc.page_count = page_count;

  // GYOSEI_NO_RULED_TABLES: what the ruling-line and grid work costs, for tools/bench.
  PageReaders readers(page_count,
                      options.ruled_tables && std::getenv("GYOSEI_NO_RULED_TABLES") == nullptr);
  const int extra =
      std::clamp(page_count / kMinPagesPerReader, 1, std::max(1, options.pdf_threads)) - 1;
  std::vector<std::vector<std::pair<int, std::string>>> thread_messages(extra);
  std::vector<std::exception_ptr> thread_errors(extra);
  std::vector<std::thread> threads;
  threads.reserve(extra);
  try {
    for (int t = 0; t < extra; ++t) {
      threads.emplace_back([&, t] {
        readers.RunOnThread(bytes, options.pdf_password, thread_messages[t], thread_errors[t]);
      });
    }
  } catch (const std::system_error&) {
    // No more threads to be had: the readers already running share the pages.
  }
  std::exception_ptr error;
  try {
    readers.Run(*pdf, sink);
    doc.sha256 = Sha256Hex(bytes);
  } catch (...) {
    error = std::current_exception();
  }
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& e : thread_errors)
    if (!error) error = e;
  if (error) std::rethrow_exception(error);
  for (auto& messages : thread_messages)
    for (auto& m : messages) sink.messages.push_back(std::move(m));
  std::stable_sort(sink.messages.begin(), sink.messages.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  std::vector<pdf::PageText>& pages = readers.pages();
  int pages_with_text = 0;
  for (int i = 0; i < page_count; ++i) {
    const PageOutcome& outcome = readers.outcomes()[i];
    switch (outcome.kind) {
      case PageOutcome::kUnread:
      case PageOutcome::kUnreadable:
        AddWarning(doc, "page_unreadable", i + 1, "poppler cannot read this page; skipped");
        break;
      case PageOutcome::kWithoutText:
        AddWarning(doc, "page_without_text", i + 1,
                   "no text layer (a scanned image?); nothing extracted from this page");
        break;
      case PageOutcome::kWithText:
        ++pages_with_text;
        WarnAboutText(doc, i + 1, outcome.stats);
        break;
    }
  }

  // A table row that reaches into the top or bottom margin is content, not a running header
  // or footer.
  std::vector<pdf::PageGrids>& grids = readers.grids();
  if (!options.keep_running_headers) {
    pdf::DropRunningLines(pages, [&](size_t page, const pdf::TextLine& line) {
      return !grids[page].empty() &&
             grids[page].InTable((line.x0 + line.x1) / 2, (line.y0 + line.y1) / 2);
    });
  }
  doc.pages.reserve(page_count);
  pdf::PageLayouter layouter(pdf::UsualLineGap(pages));
  std::vector<std::vector<pdf::RuledTable>> ruled(page_count);
  std::vector<pdf::PlacedLine> placed;
  for (int i = 0; i < page_count; ++i) {
    const pdf::PageText& text = pages[i];
    Page& page = doc.pages.emplace_back();
    page.number = text.number;
    // Where a page has grids, where the laid-out lines sit is kept for the tables' cells.
    placed.clear();
    layouter.Layout(text, page, grids[i].empty() ? nullptr : &placed);
    if (!grids[i].empty()) ruled[i] = grids[i].ReadCells(placed);
  }
  pdf::JoinContinuedTables(ruled, doc.tables);

  size_t reported = 0;
  for (const auto& [page, message] : sink.messages) {
    if (reported++ == kMaxPopplerWarnings) {
      AddWarning(doc, "poppler", 0,
                 std::to_string(sink.messages.size() - kMaxPopplerWarnings) +
                     " more poppler messages not shown");
      break;
    }
    // Without poppler-data, Japanese text in fonts lacking a ToUnicode map is dropped and
    // this is all poppler says about it.
    if (message.find("Missing language pack") != std::string::npos) {
      AddWarning(doc, "poppler_data_missing", page,
                 "poppler: " + message + " (install poppler-data: Japanese text is lost)");
    } else {
      AddWarning(doc, "poppler", page, "poppler: " + message);
    }
  }
  if (pages_with_text == 0) {
    AddWarning(doc, "document_without_text", 0,
               "no page has a text layer (scanned or outlined text?); nothing was extracted "
               "from any of its " +
                   std::to_string(page_count) + " pages");
  }
  return doc;
}

}  // namespace

void SetPopplerDataDir(const std::string& dir) { pdf::SetPopplerDataDir(dir); }

Expected<Document> ReadPdfDocument(std::string_view bytes, const std::string& path,
                                   const IngestOptions& options) {
  try {
    return ReadPdf(bytes, path, options);
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, path + ": reading the PDF failed: " + e.what());
  }
}

}  // namespace gyosei
