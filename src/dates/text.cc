#include "dates/text.h"

#include "core/utf8.h"

namespace gyosei::dates::internal {

char32_t DecodeAt(std::string_view s, size_t i, size_t* len) {
  size_t next = i;
  char32_t c = DecodeUtf8(s, next);
  *len = next - i;
  return c;
}

char32_t DecodeBefore(std::string_view s, size_t i) {
  if (i == 0) return 0;
  size_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
    --start;
  size_t len;
  char32_t c = DecodeAt(s, start, &len);
  return start + len == i ? c : 0xFFFD;
}

static char32_t FoldChar(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFF01 + 0x21;  // full-width ASCII block
  switch (c) {
    case 0x3000:  // ideographic space
      return ' ';
    case 0x301C:  // 〜 wave dash
    case 0x2053:  // ⁓ swung dash
      return '~';
    case 0x2212:  // − minus sign
    case 0x2010:  // ‐ hyphen
    case 0x2013:  // – en dash
      return '-';
    default:
      return c;
  }
}

// Whether Fold would change anything: a full-width ASCII character, one of the spaces and
// dashes FoldChar maps, or a malformed byte. ASCII is skipped a byte at a time.
static bool NeedsFold(std::string_view input) {
  auto continuation = [&](size_t k) {
    return (static_cast<unsigned char>(input[k]) & 0xC0) == 0x80;
  };
  for (size_t i = 0; i < input.size();) {
    const auto b = static_cast<unsigned char>(input[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    // A well-formed 3-byte character (kanji, kana) stays as it is unless it starts like one
    // of those FoldChar maps: E2 80/81/88 (dashes), E3 80 (spaces, 〜), EF BC/BD (full width).
    const auto b1 = i + 1 < input.size() ? static_cast<unsigned char>(input[i + 1]) : 0;
    const bool may_fold = (b == 0xE2 && (b1 == 0x80 || b1 == 0x81 || b1 == 0x88)) ||
                          (b == 0xE3 && b1 == 0x80) || (b == 0xEF && (b1 == 0xBC || b1 == 0xBD));
    if ((b >> 4) == 0xE && !may_fold && i + 2 < input.size() && continuation(i + 1) &&
        continuation(i + 2)) {
      i += 3;
      continue;
    }
    size_t len;
    char32_t c = DecodeAt(input, i, &len);
    if ((c == 0xFFFD && len == 1) || FoldChar(c) != c) return true;
    i += len;
  }
  return false;
}

Folded Fold(std::string_view input) {
  Folded f;
  f.input = input;
  if (!NeedsFold(input)) return f;
  f.changed = true;
  std::string& text = f.folded;
  text.reserve(input.size());
  f.source.reserve(input.size() + 1);
  for (size_t i = 0; i < input.size();) {
    size_t len;
    char32_t c = DecodeAt(input, i, &len);
    size_t before = text.size();
    if (c == 0xFFFD && len == 1) {
      text.append(input.substr(i, len));  // keep malformed bytes as they are
    } else {
      AppendUtf8(FoldChar(c), text);
    }
    f.source.insert(f.source.end(), text.size() - before, static_cast<uint32_t>(i));
    i += len;
  }
  f.source.push_back(static_cast<uint32_t>(input.size()));
  return f;
}

bool IsKanji(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || c == 0x3005 || c == 0x3007; }

int KanjiDigitValue(char32_t c) {
  switch (c) {
    case U'〇':
      return 0;
    case U'一':
      return 1;
    case U'二':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

static int64_t KanjiUnit(char32_t c) {
  switch (c) {
    case U'十':
      return 10;
    case U'百':
      return 100;
    case U'千':
      return 1000;
    case U'万':
      return 10000;
    case U'億':
      return 100000000;
    default:
      return 0;
  }
}

bool IsKanjiDigit(char32_t c) { return KanjiDigitValue(c) >= 0; }
bool IsKanjiNumeral(char32_t c) {
  int64_t unit = KanjiUnit(c);
  return IsKanjiDigit(c) || (unit > 0 && unit <= 1000);
}

bool StartsWithAt(std::string_view s, size_t i, std::string_view literal) {
  return i <= s.size() && s.substr(i).starts_with(literal);
}

size_t SkipSpaces(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return i;
}

int64_t KanjiNumeralValue(std::string_view run) {
  // Positional digits (二〇二四) and multiplied units (三百十八) both occur; 万 and 億 close
  // a section the way they do in speech (三億五千万).
  int64_t total = 0, section = 0, digits = 0;
  bool any = false, have_digits = false;
  for (size_t i = 0; i < run.size();) {
    size_t len;
    char32_t c = DecodeAt(run, i, &len);
    i += len;
    if (int d = KanjiDigitValue(c); d >= 0) {
      digits = digits * 10 + d;
      have_digits = any = true;
      continue;
    }
    int64_t unit = KanjiUnit(c);
    if (unit == 0) return -1;
    if (unit >= 10000) {
      section += digits;
      if (section == 0 && !have_digits) section = 1;
      total += section * unit;
      section = 0;
    } else {
      section += (have_digits ? digits : 1) * unit;
    }
    digits = 0;
    have_digits = false;
    any = true;
  }
  return any ? total + section + digits : -1;
}

bool ParseSmallInt(std::string_view s, size_t i, int max_digits, int* value, size_t* end) {
  size_t j = i;
  size_t len;
  if (j < s.size() && IsAsciiDigit(static_cast<unsigned char>(s[j]))) {
    int v = 0, n = 0;
    while (j < s.size() && IsAsciiDigit(static_cast<unsigned char>(s[j]))) {
      if (++n > max_digits) return false;
      v = v * 10 + (s[j++] - '0');
    }
    *value = v;
    *end = j;
    return true;
  }
  while (j < s.size() && IsKanjiNumeral(DecodeAt(s, j, &len))) j += len;
  if (j == i) return false;
  int64_t v = KanjiNumeralValue(s.substr(i, j - i));
  if (v < 0 || v > 9999) return false;
  *value = static_cast<int>(v);
  *end = j;
  return true;
}

}  // namespace gyosei::dates::internal
