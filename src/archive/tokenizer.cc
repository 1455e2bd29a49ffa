#include "archive/tokenizer.h"

#include <sqlite3.h>

#include "core/utf8.h"

// The callbacks use no SQLite function (only its types and constants), so this file also
// builds into the loadable extension (fts_extension.cc) whatever SQLite hosts it.

namespace gyosei::archive {
namespace {

enum class CharClass { kSeparator, kWord, kCjk };

// Folds full-width ASCII (Ａ１) so a query typed either way finds the normalized text.
char32_t FoldWidth(char32_t c) { return (c >= 0xFF01 && c <= 0xFF5E) ? c - 0xFEE0 : c; }

CharClass Classify(char32_t c) {
  if (IsAsciiDigit(c) || IsAsciiAlpha(c)) return CharClass::kWord;
  if (IsJapaneseLetter(c)) return CharClass::kCjk;
  return CharClass::kSeparator;
}

// The one tokenizing loop behind both the FTS5 callback (hot: every indexed byte passes here,
// so CJK tokens are views into the input, not copies, and nothing is buffered per run) and
// TokenizeForFts. A run of Japanese letters gives one bigram per letter, starting there, and
// the run's last letter alone; a run of ASCII letters and digits gives one lower-cased word.
// Offsets are those of the token's first character (FTS5 uses them for highlighting).
// In kQuery mode a run of two or more letters that ends the text gives its bigrams only: the
// text searched may go on after it, so its last letter is not known to end a run there.
// emit(std::string_view token, int start, int end) returns false to stop.
template <typename Emit>
bool ForEachToken(std::string_view text, FtsMode mode, Emit&& emit) {
  std::string word;
  int word_start = 0, word_end = 0;
  int pending_start = -1, pending_end = 0;  // the CJK letter waiting for its successor
  int run_letters = 0;
  CharClass run_class = CharClass::kSeparator;
  auto flush = [&]() -> bool {
    if (run_class == CharClass::kWord) {
      bool go = emit(std::string_view(word), word_start, word_end);
      word.clear();
      return go;
    }
    if (run_class == CharClass::kCjk && pending_start >= 0) {
      if (mode == FtsMode::kQuery && run_letters > 1 &&
          pending_end == static_cast<int>(text.size())) {
        pending_start = -1;
        return true;
      }
      bool go =
          emit(text.substr(pending_start, pending_end - pending_start), pending_start, pending_end);
      pending_start = -1;
      return go;
    }
    return true;
  };
  size_t i = 0;
  while (i < text.size()) {
    const int start = static_cast<int>(i);
    char32_t cp;
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      cp = static_cast<unsigned char>(text[i++]);
    } else {
      cp = FoldWidth(DecodeUtf8(text, i));
    }
    const int end = static_cast<int>(i);
    const CharClass cls = Classify(cp);
    if (cls != run_class) {
      if (!flush()) return false;
      run_class = cls;
      run_letters = 0;
    }
    if (cls == CharClass::kWord) {
      if (word.empty()) word_start = start;
      word += static_cast<char>(IsAsciiAlpha(cp) ? (cp | 0x20) : cp);
      word_end = end;
    } else if (cls == CharClass::kCjk) {
      if (pending_start >= 0 &&
          !emit(text.substr(pending_start, end - pending_start), pending_start, pending_end)) {
        return false;
      }
      pending_start = start;
      pending_end = end;
      ++run_letters;
    }
  }
  return flush();
}

// FTS5 says whether it tokenizes a query (FTS5_TOKENIZE_QUERY) or a document (indexing, or
// highlight()/snippet() re-reading it).
int Tokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int size,
             int (*xToken)(void*, int, const char*, int, int, int)) {
  int rc = SQLITE_OK;
  FtsMode mode = (flags & FTS5_TOKENIZE_QUERY) ? FtsMode::kQuery : FtsMode::kDocument;
  ForEachToken(std::string_view(text, size), mode, [&](std::string_view token, int start, int end) {
    rc = xToken(ctx, 0, token.data(), static_cast<int>(token.size()), start, end);
    return rc == SQLITE_OK;
  });
  return rc;
}

// The tokenizer has no state: one static object stands for every instance.
int Create(void*, const char**, int, Fts5Tokenizer** out) {
  static int instance;
  *out = reinterpret_cast<Fts5Tokenizer*>(&instance);
  return SQLITE_OK;
}
void Delete(Fts5Tokenizer*) {}

}  // namespace

std::vector<FtsToken> TokenizeForFts(std::string_view text, FtsMode mode) {
  std::vector<FtsToken> out;
  ForEachToken(text, mode, [&](std::string_view token, int start, int end) {
    out.push_back({std::string(token), start, end});
    return true;
  });
  return out;
}

fts5_tokenizer* CjkTokenizer() {
  static fts5_tokenizer tokenizer{Create, Delete, Tokenize};
  return &tokenizer;
}

Expected<std::string> FtsMatchExpression(std::string_view user_query) {
  // An ideographic space separates terms too.
  // One pass (searching from the start after each replacement was quadratic in the query).
  std::string q;
  q.reserve(user_query.size());
  constexpr std::string_view kIdeographicSpace = "\u3000";
  for (size_t i = 0; i < user_query.size();) {
    if (user_query.substr(i, kIdeographicSpace.size()) == kIdeographicSpace) {
      q += ' ';
      i += kIdeographicSpace.size();
    } else {
      q += user_query[i++];
    }
  }
  std::string expr;
  size_t i = 0;
  while (i < q.size()) {
    size_t end = q.find_first_of(" \t\n\r", i);
    if (end == std::string::npos) end = q.size();
    std::string_view term = std::string_view(q).substr(i, end - i);
    i = end + 1;
    std::vector<FtsToken> tokens = TokenizeForFts(term);
    if (tokens.empty()) continue;
    std::string quoted = "\"";
    for (char c : term) quoted += (c == '"') ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    // Ends in CJK: its last token is a lone character, which in the text is the first half of
    // a bigram (or a run's last character), so it is searched as a prefix. FTS5 tokenizes the
    // quoted term in query mode, which drops that lone character when its run of two or more
    // letters ends the term (tokenizer.h); it is then added back as a phrase of its own,
    // `"働き方改革" + "革"*`, so that snippet() marks it too (a bigram marks its first letter).
    const FtsToken& last = tokens.back();
    if (static_cast<unsigned char>(last.text[0]) >= 0x80) {
      bool run_ends_term = last.end == static_cast<int>(term.size()) && tokens.size() > 1 &&
                           static_cast<unsigned char>(tokens[tokens.size() - 2].text[0]) >= 0x80 &&
                           tokens[tokens.size() - 2].end == last.start;
      quoted += run_ends_term ? " + \"" + last.text + "\"*" : "*";
    }
    expr += (expr.empty() ? "" : " AND ") + quoted;
  }
  if (expr.empty()) {
    return Status(StatusCode::kInvalidArgument,
                  "the query has nothing to search for (only punctuation or spaces)");
  }
  return expr;
}

}  // namespace gyosei::archive
