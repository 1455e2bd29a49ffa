#include "test_support.h"

#include "core/document.h"
#include "core/status.h"

using namespace gyosei;

TEST_CASE("Line::LocAt without anchors maps offsets onto the source line") {
  Line line{"令和3年度", {2, 17, 0}, {}, {}};
  CHECK(line.LocAt(0) == SourceLoc{2, 17, 0});
  CHECK(line.LocAt(6) == SourceLoc{2, 17, 6});
}

TEST_CASE("Line::LocAt follows the last anchor at or before the offset") {
  // "後期基本計画" joined from two PDF lines: "後期基" on line 3, "本計画" on line 4.
  Line line{"後期基本計画", {1, 3, 10}, {{0, {1, 3, 10}}, {9, {1, 4, 0}}}, {}};
  CHECK(line.LocAt(0) == SourceLoc{1, 3, 10});
  CHECK(line.LocAt(8) == SourceLoc{1, 3, 18});
  CHECK(line.LocAt(9) == SourceLoc{1, 4, 0});
  CHECK(line.LocAt(12) == SourceLoc{1, 4, 3});
}

TEST_CASE("Expected carries a value or the status saying why there is none") {
  Expected<int> good(7);
  REQUIRE(good.ok());
  CHECK(*good == 7);
  Expected<int> bad(Status(StatusCode::kEncrypted, "a.pdf: needs a password"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == StatusCode::kEncrypted);
  CHECK(std::string(StatusCodeName(bad.status().code())) == "encrypted");
}
