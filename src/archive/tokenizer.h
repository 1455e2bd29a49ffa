// Internal to archive/: the FTS5 tokenizer "gyosei_cjk" that makes Japanese searchable without
// a dictionary, and the query builder that goes with it.
//
// A run of CJK characters (kanji, kana, 々, ー) c0 c1 … cn-1 gives ONE token per character: the
// bigram ci ci+1 starting there, and for the run's last character the character alone. ASCII
// letters and digits form words, lowercased; full-width ones count as ASCII. Everything else
// separates tokens.
//   働き方改革 -> 働き き方 方改 改革 革            建設DX -> 建設 設 dx
// A query term is tokenized the same way except at its end (FtsMode::kQuery below) and searched
// as a phrase whose last token is a prefix when the term ends in CJK (FTS5's "…"*):
//   市 -> "市"*  (a bigram starting with 市, or 市 ending a run: every occurrence of 市)
//   広報 -> "広報" + "報"*    働き方改革 -> "働き方改革" + "革"*  (query mode drops the run's
//   last letter, FtsMatchExpression adds it back as a prefix so snippet() marks it too)
// Consecutive bigrams match only where the whole string occurs, so 1-, 2- and 3+-character
// queries find exactly the text containing them. One token per character keeps the index (and
// the writer's time building it) half what unigrams plus bigrams would cost. A bigram token
// reports the byte range of its FIRST character, so highlight()/snippet() mark exactly the
// characters of the query, not the one after it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

struct fts5_tokenizer;

namespace gyosei::archive {

// kQuery: what FTS5 does to a MATCH term. A run of two or more letters ending the term gives
// its bigrams only, since the text may go on after it: 広報 -> 広報 (every occurrence), while
// 働き方改革 -> 働き き方 方改 改革, so plain MATCH '働き方改革' in any SQLite client with the
// extension finds every occurrence. A lone letter stays a whole-token query: 市 finds every
// occurrence only as a prefix query, MATCH '市*' (gyosei search writes that itself).
enum class FtsMode { kDocument, kQuery };

struct FtsToken {
  std::string text;
  int start = 0;  // byte range in the input that highlight() marks for this token
  int end = 0;
};

// The tokens FTS5 sees, for documents and queries alike.
std::vector<FtsToken> TokenizeForFts(std::string_view text, FtsMode mode = FtsMode::kDocument);

// The FTS5 callbacks of "gyosei_cjk" (stateless), for xCreateTokenizer: see
// register_tokenizer.h, used by gyosei's own connections and by the loadable extension.
fts5_tokenizer* CjkTokenizer();

// A MATCH expression for what a user typed: whitespace-separated terms, each a quoted phrase
// (prefix-final when it ends in CJK), all required. kInvalidArgument when nothing searchable
// is left.
Expected<std::string> FtsMatchExpression(std::string_view user_query);

}  // namespace gyosei::archive
