// Text ingest: charset detection and conversion (ICU), then the markup readers (plain text /
// Markdown, HTML, CSV, TSV), on arbitrary bytes. The same bytes go through each reader, and
// through IngestBytes' sniffing unless they look like a PDF (that is fuzz_pdf's; poppler is
// slow and not ours).
#include "doc_check.h"
#include "fuzz_target.h"
#include "ingest/ingest.h"

namespace {

void TextIngest(std::string_view data) {
  for (const char* path : {"fuzz.txt", "fuzz.html", "fuzz.csv", "fuzz.tsv"}) {
    auto doc = gyosei::ReadTextDocument(data, path);
    if (doc) {
      gyosei::fuzz::CheckDocument(*doc);
      GYOSEI_FUZZ_CHECK(!doc->pages.empty() && !doc->pages[0].blocks.empty());
    } else {
      // Failures are for the user: they name the file.
      GYOSEI_FUZZ_CHECK(doc.status().message().starts_with(path));
    }
  }
  if (data.substr(0, 1024).find("%PDF-") == std::string_view::npos) {
    auto doc = gyosei::IngestBytes(data, "fuzz.md");
    if (doc) gyosei::fuzz::CheckDocument(*doc);
  }
}

}  // namespace

GYOSEI_FUZZ_TARGET("text_ingest", TextIngest)
