#include "archive/tokenizer.h"

#include <sqlite3.h>

#include "core/utf8.h"

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

struct Char {
  char32_t cp;
  int start;
  int end;
};

void EmitCjkRun(std::string_view text, const std::vector<Char>& run, bool query,
                std::vector<FtsToken>& out) {
  auto slice = [&](size_t from, size_t to) {
    return std::string(text.substr(run[from].start, run[to].end - run[from].start));
  };
  size_t n = run.size();
  if (query) {
    if (n == 1) {
      out.push_back({slice(0, 0), run[0].start, run[0].end, false});
      return;
    }
    for (size_t i = 0; i + 1 < n; ++i) {
      out.push_back({slice(i, i + 1), run[i].start, run[i + 1].end, false});
    }
    out.push_back({slice(n - 1, n - 1), run[n - 1].start, run[n - 1].end, false});
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    out.push_back({slice(i, i), run[i].start, run[i].end, false});
    if (i + 1 < n) out.push_back({slice(i, i + 1), run[i].start, run[i + 1].end, true});
  }
}

int Tokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int size,
             int (*emit)(void*, int, const char*, int, int, int)) {
  bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  for (const FtsToken& t : TokenizeForFts(std::string_view(text, size), query)) {
    int rc = emit(ctx, t.colocated ? FTS5_TOKEN_COLOCATED : 0, t.text.data(),
                  static_cast<int>(t.text.size()), t.start, t.end);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

// The tokenizer has no state: one static object stands for every instance.
int Create(void*, const char**, int, Fts5Tokenizer** out) {
  static int instance;
  *out = reinterpret_cast<Fts5Tokenizer*>(&instance);
  return SQLITE_OK;
}
void Delete(Fts5Tokenizer*) {}

}  // namespace

std::vector<FtsToken> TokenizeForFts(std::string_view text, bool query) {
  std::vector<FtsToken> out;
  std::vector<Char> run;
  CharClass run_class = CharClass::kSeparator;
  auto flush = [&] {
    if (run.empty()) return;
    if (run_class == CharClass::kCjk) {
      EmitCjkRun(text, run, query, out);
    } else {
      FtsToken word{"", run.front().start, run.back().end, false};
      for (const Char& c : run) word.text += static_cast<char>(c.cp | 0x20 * IsAsciiAlpha(c.cp));
      out.push_back(std::move(word));
    }
    run.clear();
  };
  size_t i = 0;
  while (i < text.size()) {
    int start = static_cast<int>(i);
    char32_t cp = FoldWidth(DecodeUtf8(text, i));
    CharClass cls = Classify(cp);
    if (cls != run_class) flush();
    run_class = cls;
    if (cls != CharClass::kSeparator) run.push_back({cp, start, static_cast<int>(i)});
  }
  flush();
  return out;
}

Status RegisterCjkTokenizer(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) {
    return Status(StatusCode::kInternal,
                  std::string("this SQLite has no FTS5: ") + sqlite3_errmsg(db));
  }
  sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (api == nullptr) return Status(StatusCode::kInternal, "this SQLite has no FTS5");
  static fts5_tokenizer tokenizer{Create, Delete, Tokenize};
  if (api->xCreateTokenizer(api, "gyosei_cjk", nullptr, &tokenizer, nullptr) != SQLITE_OK) {
    return Status(StatusCode::kInternal, "cannot register the gyosei_cjk FTS5 tokenizer");
  }
  return Status::Ok();
}

Expected<std::string> FtsMatchExpression(std::string_view user_query) {
  // An ideographic space separates terms too.
  std::string q(user_query);
  for (size_t pos; (pos = q.find("\u3000")) != std::string::npos;) q.replace(pos, 3, " ");
  std::string expr;
  size_t i = 0;
  while (i < q.size()) {
    size_t end = q.find_first_of(" \t\n\r", i);
    if (end == std::string::npos) end = q.size();
    std::string_view term = std::string_view(q).substr(i, end - i);
    i = end + 1;
    if (TokenizeForFts(term, true).empty()) continue;
    std::string quoted = "\"";
    for (char c : term) quoted += (c == '"') ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    expr += (expr.empty() ? "" : " AND ") + quoted;
  }
  if (expr.empty()) {
    return Status(StatusCode::kInvalidArgument,
                  "the query has nothing to search for (only punctuation or spaces)");
  }
  return expr;
}

}  // namespace gyosei::archive
