// Internal to archive/: registers "gyosei_cjk" on a connection. Included after <sqlite3.h> by
// sqlite.cc (gyosei calls SQLite directly) and after <sqlite3ext.h> by fts_extension.cc (the
// loadable extension calls the host's SQLite through its routine table): the same lines, two
// bindings, hence a header with internal linkage rather than a function in one .cc.
#pragma once

#include "archive/tokenizer.h"

namespace gyosei::archive {
namespace {

// SQLITE_OK, or SQLITE_ERROR with *error saying why.
int RegisterCjkTokenizerOn(sqlite3* db, const char** error) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) {
    *error = "this SQLite has no FTS5";
    return SQLITE_ERROR;
  }
  sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (api == nullptr) {
    *error = "this SQLite has no FTS5";
    return SQLITE_ERROR;
  }
  if (api->xCreateTokenizer(api, "gyosei_cjk", nullptr, CjkTokenizer(), nullptr) != SQLITE_OK) {
    *error = "cannot register the gyosei_cjk FTS5 tokenizer";
    return SQLITE_ERROR;
  }
  return SQLITE_OK;
}

}  // namespace
}  // namespace gyosei::archive
