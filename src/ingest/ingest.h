// Ingest: bytes of a published document -> Document (pages, blocks, lines with locations).
//
//   Expected<Document> doc = gyosei::IngestFile("kikugawa/2021.pdf");
//   if (!doc) { report(doc.status().message()); }   // message names the file
//   for (const Warning& w : doc->warnings) ...         // page without text, poppler errors
//
// Text inputs (.txt .md .html .htm .csv .tsv) go through ICU's charset detector and are
// converted to UTF-8; HTML fragments and Markdown are stripped but kept as structure
// (headings, list items, paragraphs, table cells). PDFs are read with Poppler, page by page,
// with table rows rebuilt from the text boxes' positions and running headers/footers dropped.
// The format is decided by the file's bytes first (a "%PDF-" header, a zip or OLE signature)
// and by its extension second, so an .xlsx renamed .pdf is reported as what it is.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/document.h"
#include "core/printable_path.h"
#include "core/status.h"

namespace gyosei {

struct IngestOptions {
  std::string pdf_password;           // owner or user password for encrypted PDFs
  bool keep_running_headers = false;  // PDF: keep lines that repeat on every page
  // PDF: threads reading pages, each with its own copy of the document (poppler is not
  // thread-safe within one). Used only when there are at least 4 pages per thread; the
  // output is the same whatever the number. 1 in archive workers, whose --jobs already
  // keep the cores busy.
  int pdf_threads = 1;
  // PDF: build ruled tables from the drawn lines (false: text layout only, as before tables
  // were read; the environment variable GYOSEI_NO_RULED_TABLES=1 sets it false everywhere, so
  // that tools/bench can time the line and grid work as its own row).
  bool ruled_tables = true;
  // IngestFile: a larger file is refused before it is read (kUnsupported, naming the limit);
  // 0 = no limit. Memory grows with the input (about 10x for text), so a limit keeps one
  // enormous file from taking the machine's memory.
  int64_t max_file_bytes = 0;
};

// Whether IngestFile would read `path`: it exists, is a regular file (a FIFO or device is
// refused: reading it could block forever) and is within options.max_file_bytes. The error
// names the file and the reason.
Status CheckDocumentFile(const std::string& path, const IngestOptions& options = {});

// Reads and ingests a regular file (a FIFO or device is refused: it could block forever).
// Errors name the file (as PrintablePath gives it), and so does the document.
Expected<Document> IngestFile(const std::string& path, const IngestOptions& options = {});

// Ingests bytes already in memory; `path` is used for the format guess and in messages.
Expected<Document> IngestBytes(std::string_view bytes, const std::string& path,
                               const IngestOptions& options = {});

// The two readers behind IngestBytes, for tests and tools.
Expected<Document> ReadTextDocument(std::string_view bytes, const std::string& path);
// Where poppler reads its data (the CMaps of Japanese fonts without a ToUnicode map); ""
// is the default. Takes effect the next time a PDF is opened while no other is being read.
void SetPopplerDataDir(const std::string& dir);

Expected<Document> ReadPdfDocument(std::string_view bytes, const std::string& path,
                                   const IngestOptions& options = {});

// Hex SHA-256 of `bytes` (what the archive compares to tell a changed file).
std::string Sha256Hex(std::string_view bytes);
// The same of a file's bytes, read in blocks (memory stays flat whatever the file's size).
Expected<std::string> Sha256OfFile(const std::string& path);

}  // namespace gyosei
