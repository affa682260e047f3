// Byte sources for the input layer: a file or stdin, optionally behind streaming gunzip, read
// through a buffered reader that can peek, read lines and read exact byte counts.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "parley/status.h"

namespace parley::input {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `size` bytes; returns 0 at the end of the stream.
  virtual Result<size_t> Read(char* out, size_t size) = 0;
};

// Opens `path` for reading; "-" is standard input.
Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path);

// Reads from memory that outlives the source (fuzzing and tests).
std::unique_ptr<ByteSource> MakeMemorySource(std::string_view bytes);

// Streams the gunzipped bytes of `compressed`. Concatenated gzip members (as in .warc.gz) are
// read as one stream. A stream that ends inside a member yields "truncated gzip stream".
std::unique_ptr<ByteSource> MakeGunzipSource(std::unique_ptr<ByteSource> compressed);

bool HasGzipMagic(std::string_view head);

// Inflates a whole gzip file held in memory, every member of it, with libdeflate, which is
// about twice as fast as zlib's streaming inflate. Returns nullopt when the data is not
// complete and valid gzip or inflates to more than `limit` bytes: the streaming reader then
// finds the precise reason.
std::optional<std::string> GunzipWhole(std::string_view compressed, uint64_t limit);

class BufferedReader {
 public:
  explicit BufferedReader(std::unique_ptr<ByteSource> source);

  // Up to `size` bytes ahead of the read position, without consuming them (fewer at the end).
  Result<std::string_view> Peek(size_t size);
  // Reads one line without its "\n" (and "\r\n"). Returns false at the end of the stream.
  // A line longer than `max_line` is consumed whole but returned truncated, with *too_long set.
  Result<bool> ReadLine(std::string* line, size_t max_line, bool* too_long);
  // Appends up to `size` bytes to `out`; returns how many were appended (fewer at the end).
  Result<size_t> ReadExact(size_t size, std::string* out);
  // Discards up to `size` bytes; returns how many were discarded.
  Result<size_t> Skip(size_t size);
  // Reads the rest of the stream into `out`. Returns false, with `out` holding the first
  // `limit` bytes only, when the stream is longer than `limit`.
  Result<bool> ReadAll(std::string* out, uint64_t limit);

  uint64_t position() const { return position_; }
  // The underlying source can be swapped once, before anything was consumed, to put a
  // decompressor in front of it; bytes already peeked are handed to the new source's input.
  void WrapInGunzip();

 private:
  Status Fill(size_t wanted);  // ensure buffer_ holds `wanted` unread bytes, if the stream has them

  std::unique_ptr<ByteSource> source_;
  std::string buffer_;
  size_t begin_ = 0;  // first unread byte in buffer_
  bool eof_ = false;
  uint64_t position_ = 0;
};

}  // namespace parley::input
