// Test support: gzip-compressed fixtures, written in memory by the tests that need them.
#pragma once

#include <libdeflate.h>

#include <memory>
#include <string>
#include <string_view>

namespace parley::testing {

// `data` as one gzip member (RFC 1952). Concatenate results for a multi-member stream.
inline std::string Gzip(std::string_view data) {
  std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> compressor(
      libdeflate_alloc_compressor(6), libdeflate_free_compressor);
  std::string out(libdeflate_gzip_compress_bound(compressor.get(), data.size()), '\0');
  out.resize(libdeflate_gzip_compress(compressor.get(), data.data(), data.size(), out.data(),
                                      out.size()));
  return out;
}

}  // namespace parley::testing
