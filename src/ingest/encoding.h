// Charset detection and conversion to UTF-8 for text inputs. Internal to the ingest module.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace gyosei::ingest {

struct DecodedText {
  std::string utf8;
  std::string encoding;  // "UTF-8", "UTF-16LE", "UTF-16BE", "Shift_JIS", "EUC-JP", "ISO-2022-JP"
  size_t invalid_bytes = 0;  // byte sequences that could not be decoded (replaced by U+FFFD)
};

// BOMs first; then strict UTF-8 and ISO-2022-JP checks (both are unambiguous); then ICU's
// charset detector, restricted to the Japanese encodings. Shift_JIS is decoded as CP932
// (Windows-31J), the superset that municipal Windows PCs write (①, ㈱, NEC specials).
// Fails with kEncoding when the bytes are not text in any of these encodings.
Expected<DecodedText> DecodeToUtf8(std::string_view bytes, const std::string& path);

// "UTF-16LE" or "UTF-16BE" when bytes that are not UTF-8 read as Japanese text in that byte
// order (nearly every code unit a kana, kanji, full-width form, ASCII or CJK punctuation),
// else nullptr. Japanese UTF-16 without a BOM has few NULs (only ASCII gives them), so NULs
// alone cannot tell it from binary data.
const char* Utf16WithoutBom(std::string_view bytes);

}  // namespace gyosei::ingest
