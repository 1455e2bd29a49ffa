// Invariants every Document handed from one stage to the next must keep, checked by the
// targets that produce one: text is valid UTF-8 (emit and the extractor's regexes rely on it)
// and anchors point inside their line, in order, so LocAt never reads outside.
#pragma once

#include "core/document.h"
#include "fuzz_target.h"

namespace gyosei::fuzz {

inline void CheckDocument(const Document& doc) {
  for (const Page& page : doc.pages) {
    for (const Block& block : page.blocks) {
      for (const Line& line : block.lines) {
        GYOSEI_FUZZ_CHECK(IsValidUtf8(line.text));
        uint32_t previous = 0;
        for (const Anchor& a : line.anchors) {
          GYOSEI_FUZZ_CHECK(a.offset <= line.text.size());
          GYOSEI_FUZZ_CHECK(a.offset >= previous);
          previous = a.offset;
        }
        (void)line.LocAt(line.text.size());
      }
    }
  }
  for (const Warning& w : doc.warnings) GYOSEI_FUZZ_CHECK(IsValidUtf8(w.message));
}

}  // namespace gyosei::fuzz
