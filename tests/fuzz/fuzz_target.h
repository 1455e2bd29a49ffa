// One fuzz target = one function taking arbitrary bytes. The same source builds two ways:
//  - with -DGYOSEI_FUZZ=ON (clang, libFuzzer): GYOSEI_FUZZ_TARGET defines LLVMFuzzerTestOneInput,
//    one executable per target (tools/fuzz runs them);
//  - in the normal build (gcc): it registers the function with the replay driver
//    (replay_main.cc), which the CTest test fuzz_regressions runs over every file in
//    tests/fuzz/regressions/<target>/ and the seeds, so a crash found once stays fixed.
// A broken invariant aborts through GYOSEI_FUZZ_CHECK, which libFuzzer records like a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gyosei::fuzz {

using TargetFn = void (*)(std::string_view data);

struct Target {
  const char* name;  // "text_ingest": its regressions live in tests/fuzz/regressions/text_ingest/
  TargetFn fn;
};

// The replay driver's list (normal build only).
bool Register(const char* name, TargetFn fn);
const std::vector<Target>& Targets();

[[noreturn]] void CheckFailed(const char* condition, const char* file, int line);

// True when `s` is well-formed UTF-8 (no surrogates, no overlongs, nothing past U+10FFFF):
// every stage after ingest relies on it, and the JSON output must be valid.
bool IsValidUtf8(std::string_view s);

}  // namespace gyosei::fuzz

#define GYOSEI_FUZZ_CHECK(cond) \
  ((cond) ? (void)0 : ::gyosei::fuzz::CheckFailed(#cond, __FILE__, __LINE__))

#ifdef GYOSEI_LIBFUZZER
#define GYOSEI_FUZZ_TARGET(name, fn)                                        \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { \
    fn(std::string_view(reinterpret_cast<const char*>(data), size));        \
    return 0;                                                               \
  }
#else
#define GYOSEI_FUZZ_TARGET(name, fn) \
  [[maybe_unused]] static const bool gyosei_fuzz_registered = ::gyosei::fuzz::Register(name, fn);
#endif
