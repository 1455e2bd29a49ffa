// PrintablePath (core/printable_path.h): the name every stage reports and stores a file under.
#include <catch2/catch.hpp>
#include <string>

#include "core/printable_path.h"

namespace gyosei {
namespace {

TEST_CASE("non_utf8_file_names: a name that is not UTF-8 is escaped, never merged") {
  struct Case {
    std::string raw, printable;
  };
  const Case cases[] = {
      {"市役所/計画.txt", "市役所/計画.txt"},
      {"a\xff.txt", "a\\xff.txt"},
      {"a\xfe.txt", "a\\xfe.txt"},
      {"a\\xff.txt", "a\\\\xff.txt"},  // a backslash in a name that needs no escape for UTF-8
      {"\x8c\x76\x89\xe6.txt", "\\x8cv\\x89\\xe6.txt"},  // 計画 in Shift_JIS
  };
  for (const Case& c : cases) CHECK(PrintablePath(c.raw) == c.printable);
}

}  // namespace
}  // namespace gyosei
