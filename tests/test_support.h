// Shared by the Catch2 tests: how gyosei's values print when a check fails.
#pragma once

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <string>

#include "core/document.h"

namespace Catch {
template <>
struct StringMaker<gyosei::SourceLoc> {
  static std::string convert(const gyosei::SourceLoc& l) {
    return "{page " + std::to_string(l.page) + ", line " + std::to_string(l.line) + ", column " +
           std::to_string(l.column) + "}";
  }
};
}  // namespace Catch

namespace gyosei::testing {
// The bytes of a file the test reads (paths relative to the repo root, the tests' directory).
inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
}  // namespace gyosei::testing
