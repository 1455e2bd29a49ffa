#include "ingest/pdf_text.h"

#include "core/utf8.h"

namespace gyosei::pdf {
namespace {

void Count(char32_t c, CharStats& stats) {
  if (c == ' ' || c == 0x3000 || c == '\t' || c == '\n' || c == '\r') return;
  ++stats.total;
  if (c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000 || c < 0x20 ||
      (c >= 0x7F && c <= 0x9F)) {
    ++stats.bad;
  } else if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) {
    ++stats.latin1;
  } else if (c >= 0x2E80 && c <= 0x2FDF) {
    ++stats.radicals;
  }
}

}  // namespace

void AppendUtf16AsUtf8(std::u16string_view utf16, std::string& out, CharStats& stats) {
  size_t start = out.size();
  for (size_t i = 0; i < utf16.size(); ++i) {
    char32_t c = utf16[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < utf16.size() && utf16[i + 1] >= 0xDC00 &&
        utf16[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (utf16[++i] - 0xDC00);
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    Count(c, stats);
    AppendUtf8(c, out);
  }
  // pdfminer-style "(cid:123)" can reach us through text that was itself extracted that way
  // (a PDF made from such a dump): count each as junk.
  for (size_t at = out.find("(cid:", start); at != std::string::npos;
       at = out.find("(cid:", at + 5)) {
    stats.bad += 5;
  }
}

TextQuality Judge(const CharStats& s) {
  if (s.total == 0) return TextQuality::kGood;
  // Control codes and U+FFFD never occur in real text: a tenth of them means the glyph codes
  // came through raw (an embedded subset without ToUnicode). Latin-1 letters count as junk
  // only in bulk (a few accented names are real text).
  int64_t junk = s.bad + (s.latin1 * 5 > s.total ? s.latin1 : 0);
  if (junk * 10 >= s.total) return TextQuality::kGarbled;
  if ((s.bad + s.radicals) * 2 >= s.total && s.bad > 0) return TextQuality::kGarbled;
  if (s.bad > 0) return TextQuality::kSomeUnmapped;
  if (s.radicals > 0) return TextQuality::kRadicals;
  return TextQuality::kGood;
}

}  // namespace gyosei::pdf
