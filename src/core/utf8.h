// Small UTF-8 helpers shared by the stages. Invalid bytes decode as U+FFFD one byte at a time,
// so no input can make a loop stall.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gyosei {

// Decodes the code point at s[i] and advances i past it. Inline: it runs once per character
// of every stage.
char32_t DecodeUtf8Slow(std::string_view s, size_t& i);
inline char32_t DecodeUtf8(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  if ((c >> 4) == 0xE && i + 2 < s.size()) {
    // A continuation byte 10xxxxxx xor 0x80 is its six payload bits, below 0x40; any other
    // byte gives 0x40 or more. One test covers both bytes of the three-byte sequence.
    unsigned b1 = static_cast<unsigned char>(s[i + 1]) ^ 0x80u,
             b2 = static_cast<unsigned char>(s[i + 2]) ^ 0x80u;
    if ((b1 | b2) < 0x40) {
      i += 3;
      return (char32_t{c & 0x0Fu} << 12) | (b1 << 6) | b2;
    }
  }
  return DecodeUtf8Slow(s, i);
}

// Length of the valid UTF-8 sequence at s[i] (1 to 4), or 0 when the bytes there are not one
// (overlong forms and surrogates included).
size_t Utf8SequenceLength(std::string_view s, size_t i);

// Appends cp as UTF-8 (invalid code points as U+FFFD).
void AppendUtf8Slow(char32_t cp, std::string& out);
inline void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp >= 0x800 && cp < 0x10000 && (cp < 0xD800 || cp > 0xDFFF)) {
    const char bytes[3] = {static_cast<char>(0xE0 | (cp >> 12)),
                           static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 3);
  } else {
    AppendUtf8Slow(cp, out);
  }
}

// Columns a line takes when printed: 1 for ASCII and half-width katakana, 2 for the rest.
int DisplayWidth(std::string_view s);

inline bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlpha(char32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool IsHiragana(char32_t c) { return c >= 0x3041 && c <= 0x309F; }
// Katakana letters and the long-vowel mark; not the middle dot ・ (U+30FB).
inline bool IsKatakana(char32_t c) {
  return (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FF);
}
inline bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) || c == 0x3005 ||
         c == 0x3006 || c == 0x30F6 || c == 0x30F5;  // 々 〆 ヶ ヵ
}
// Kanji and kana: the letters of Japanese running text.
inline bool IsJapaneseLetter(char32_t c) { return IsHan(c) || IsHiragana(c) || IsKatakana(c); }
// 、。「」『』【】〔〕〈〉《》・ and the rest of the CJK punctuation block.
inline bool IsCjkPunctuation(char32_t c) {
  return (c >= 0x3001 && c <= 0x3004) || (c >= 0x3008 && c <= 0x3020) || c == 0x30FB;
}

}  // namespace gyosei
