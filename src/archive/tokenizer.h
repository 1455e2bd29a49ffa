// Internal to archive/: the FTS5 tokenizer "gyosei_cjk" that makes Japanese searchable without
// a dictionary, and the query builder that goes with it.
//
// Indexing a run of CJK characters (kanji, kana, 々, ー) c0 c1 … cn-1 gives ONE position per
// character: the unigram ci, with the bigram ci ci+1 at the same position (FTS5's "colocated"
// token) when the run goes on. ASCII letters and digits form words, lowercased; full-width ones
// count as ASCII. Everything else separates tokens.
//   法改革      -> pos 0: 法 + 法改, pos 1: 改 + 改革, pos 2: 革
// A query term is tokenized so that it lands on the same positions: a 1-character run is its
// unigram; a longer run is its bigrams then its last character, as one phrase.
//   市 -> 市      広報 -> "広報 報"      働き方改革 -> "働き き方 方改 改革 革"
// So 1-, 2- and 3+-character queries all match exactly the documents containing that string
// (bigram phrases at consecutive positions cannot match anything else), and highlight() /
// snippet() mark the whole string because the unigrams carry each character's byte offsets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

struct sqlite3;

namespace gyosei::archive {

struct FtsToken {
  std::string text;
  int start = 0;  // byte offsets in the input
  int end = 0;
  bool colocated = false;  // same position as the previous token
};

// The tokens FTS5 sees; `query` selects the query form described above.
std::vector<FtsToken> TokenizeForFts(std::string_view text, bool query);

// Registers "gyosei_cjk" on `db` (needs FTS5, compiled into Debian's SQLite).
Status RegisterCjkTokenizer(sqlite3* db);

// A MATCH expression for what a user typed: whitespace-separated terms, each a quoted phrase,
// all required. kInvalidArgument when nothing searchable is left.
Expected<std::string> FtsMatchExpression(std::string_view user_query);

}  // namespace gyosei::archive
