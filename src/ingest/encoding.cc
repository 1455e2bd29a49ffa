#include "ingest/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <memory>

#include "core/utf8.h"

namespace gyosei::ingest {
namespace {

struct Utf8Scan {
  size_t multibyte = 0;
  size_t invalid = 0;
};

Utf8Scan ScanUtf8(std::string_view s) {
  Utf8Scan scan;
  for (size_t i = 0; i < s.size();) {
    // ASCII and the three-byte sequences of kana and kanji (leads E1..EF but ED, which need
    // no range check on the second byte) are nearly all of a Japanese text: tested first.
    const unsigned c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c >> 4) == 0xE && c != 0xE0 && c != 0xED && i + 2 < s.size() &&
        ((static_cast<unsigned char>(s[i + 1]) ^ 0x80u) |
         (static_cast<unsigned char>(s[i + 2]) ^ 0x80u)) < 0x40) {
      ++scan.multibyte;
      i += 3;
      continue;
    }
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      ++scan.invalid;
      ++i;
    } else {
      scan.multibyte += n > 1;
      i += n;
    }
  }
  return scan;
}

// Copies `s`, each valid UTF-8 sequence through valid(sequence, out) and each byte that is
// not part of one through invalid(byte, out).
template <typename Valid, typename Invalid>
std::string MapUtf8(std::string_view s, Valid valid, Invalid invalid) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      invalid(static_cast<unsigned char>(s[i++]), out);
    } else {
      valid(s.substr(i, n), out);
      i += n;
    }
  }
  return out;
}

void AppendSequence(std::string_view sequence, std::string& out) { out.append(sequence); }

std::string RepairUtf8(std::string_view s) {
  return MapUtf8(s, AppendSequence, [](unsigned char, std::string& out) { out += "\xEF\xBF\xBD"; });
}

// How many of the code units read in `big_endian` order look like a Japanese text's.
size_t JapaneseUtf16Units(std::string_view bytes, bool big_endian) {
  size_t plausible = 0;
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    auto hi = static_cast<unsigned char>(bytes[big_endian ? i : i + 1]);
    auto lo = static_cast<unsigned char>(bytes[big_endian ? i + 1 : i]);
    char32_t u = char32_t{hi} << 8 | lo;
    bool ascii = hi == 0 && ((lo >= 0x20 && lo < 0x7F) || lo == '\n' || lo == '\r' || lo == '\t');
    plausible += ascii || (u >= 0x2010 && u <= 0x266F) ||  // punctuation, ①, arrows, ■, ※
                 (u >= 0x3000 && u <= 0x30FF) ||           // CJK punctuation, kana
                 (u >= 0x3400 && u <= 0x9FFF) ||           // kanji
                 (u >= 0xFF01 && u <= 0xFFEF);             // full-width forms
  }
  return plausible;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Converts with ICU, counting substitutions (U+FFFD, or U+001A for some converters).
Expected<DecodedText> Convert(std::string_view bytes, const char* icu_name, std::string label,
                              const std::string& path) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> from(ucnv_open(icu_name, &status));
  if (U_FAILURE(status)) {
    return Status(StatusCode::kInternal, path + ": no converter for " + label);
  }
  std::unique_ptr<UConverter, ConverterCloser> to(ucnv_open("UTF-8", &status));
  ucnv_setToUCallBack(from.get(), UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr,
                      &status);
  DecodedText out;
  out.encoding = std::move(label);
  out.utf8.resize(bytes.size() * 3 + 16);
  char* target = out.utf8.data();
  const char* source = bytes.data();
  status = U_ZERO_ERROR;
  ucnv_convertEx(to.get(), from.get(), &target, out.utf8.data() + out.utf8.size(), &source,
                 bytes.data() + bytes.size(), nullptr, nullptr, nullptr, nullptr, true, true,
                 &status);
  if (U_FAILURE(status)) {
    return Status(StatusCode::kEncoding, path + ": cannot convert from " + out.encoding + " (" +
                                             u_errorName(status) + ")");
  }
  out.utf8.resize(static_cast<size_t>(target - out.utf8.data()));
  for (size_t pos = out.utf8.find("\xEF\xBF\xBD"); pos != std::string::npos;
       pos = out.utf8.find("\xEF\xBF\xBD", pos + 3))
    ++out.invalid_bytes;
  // Some ICU converters substitute U+001A (SUB) for an unmappable byte: make it U+FFFD too.
  for (size_t pos = out.utf8.find('\x1A'); pos != std::string::npos;
       pos = out.utf8.find('\x1A', pos)) {
    out.utf8.replace(pos, 1, "\xEF\xBF\xBD");
    ++out.invalid_bytes;
  }
  return out;
}

bool LooksLikeIso2022Jp(std::string_view s) {
  if (s.find("\x1B$B") == std::string_view::npos && s.find("\x1B$@") == std::string_view::npos)
    return false;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

}  // namespace

const char* Utf16WithoutBom(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 4096);
  size_t units = head.size() / 2;
  // The head may end inside a character: leave its last 3 bytes out of the UTF-8 check.
  std::string_view probe = bytes.size() > head.size() ? head.substr(0, head.size() - 3) : head;
  if (units < 8 || ScanUtf8(probe).invalid == 0) return nullptr;
  // 95%: Shift_JIS or EUC-JP read as UTF-16 give a third at most.
  size_t le = JapaneseUtf16Units(head, false), be = JapaneseUtf16Units(head, true);
  if (std::max(le, be) * 20 < units * 19) return nullptr;
  return le >= be ? "UTF-16LE" : "UTF-16BE";
}

Expected<DecodedText> DecodeToUtf8(std::string_view bytes, const std::string& path) {
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    Utf8Scan scan = ScanUtf8(bytes);
    return DecodedText{scan.invalid ? RepairUtf8(bytes) : std::string(bytes), "UTF-8",
                       scan.invalid};
  }
  if (bytes.starts_with("\xFF\xFE")) return Convert(bytes.substr(2), "UTF-16LE", "UTF-16LE", path);
  if (bytes.starts_with("\xFE\xFF")) return Convert(bytes.substr(2), "UTF-16BE", "UTF-16BE", path);

  // Checked before UTF-8: ISO-2022-JP is 7-bit, so it is also valid UTF-8.
  if (LooksLikeIso2022Jp(bytes)) return Convert(bytes, "ISO-2022-JP", "ISO-2022-JP", path);
  Utf8Scan scan = ScanUtf8(bytes);
  // Strict UTF-8 is unambiguous for Japanese text; a handful of bad bytes in otherwise valid
  // UTF-8 (a truncated download, one corrupt sector) is still UTF-8, repaired with a warning.
  if (scan.invalid == 0) return DecodedText{std::string(bytes), "UTF-8", 0};
  if (const char* utf16 = Utf16WithoutBom(bytes)) return Convert(bytes, utf16, utf16, path);
  if (scan.multibyte >= 8 && scan.invalid * 20 < scan.multibyte) {
    return DecodedText{RepairUtf8(bytes), "UTF-8", scan.invalid};
  }

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&status));
  int32_t sample = static_cast<int32_t>(std::min<size_t>(bytes.size(), 1 << 16));
  ucsdet_setText(detector.get(), bytes.data(), sample, &status);
  int32_t count = 0;
  // ICU offers UTF-16 for any bytes at a low confidence; without a BOM it is only believable
  // when there are NULs (the high byte of every ASCII character and line break).
  bool has_nul = bytes.substr(0, static_cast<size_t>(sample)).find('\0') != std::string_view::npos;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
  if (U_SUCCESS(status)) {
    for (int32_t i = 0; i < count; ++i) {
      std::string name = ucsdet_getName(matches[i], &status);
      if (U_FAILURE(status)) break;
      if (name == "Shift_JIS") return Convert(bytes, "windows-31j", "Shift_JIS", path);
      if (name == "EUC-JP") return Convert(bytes, "EUC-JP", "EUC-JP", path);
      if ((name == "UTF-16LE" || name == "UTF-16BE") && has_nul)
        return Convert(bytes, name.c_str(), name, path);
      if (name == "ISO-2022-JP") return Convert(bytes, "ISO-2022-JP", "ISO-2022-JP", path);
    }
  }
  // No Japanese legacy encoding fits, and there is more valid UTF-8 than junk: damaged UTF-8
  // (a cut download), repaired with a warning rather than refused.
  if (scan.multibyte > scan.invalid) return DecodedText{RepairUtf8(bytes), "UTF-8", scan.invalid};
  return Status(StatusCode::kEncoding,
                path +
                    ": cannot tell the text's encoding (not UTF-8, UTF-16, Shift_JIS, EUC-JP "
                    "or ISO-2022-JP); " +
                    std::to_string(scan.invalid) + " of " + std::to_string(bytes.size()) +
                    " bytes are not valid UTF-8");
}

}  // namespace gyosei::ingest
