// The gyosei_cjk tokenizer as a loadable SQLite extension, so stock tools search an archive's
// passages_fts like gyosei does:
//   sqlite3 A.db -cmd '.load build/gyosei_fts' "SELECT ... WHERE passages_fts MATCH '働き方改革'"
//   sqlite-utils search A.db passages 広報 --load-extension build/gyosei_fts.so
// SQLite derives the entry point from the file name gyosei_fts: sqlite3_gyoseifts_init.
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "archive/register_tokenizer.h"

extern "C" __attribute__((visibility("default"))) int sqlite3_gyoseifts_init(
    sqlite3* db, char** error_message, const sqlite3_api_routines* api) {
  SQLITE_EXTENSION_INIT2(api);
  const char* error = nullptr;
  int rc = gyosei::archive::RegisterCjkTokenizerOn(db, &error);
  if (rc != SQLITE_OK && error_message) *error_message = sqlite3_mprintf("%s", error);
  return rc;
}
