// An allocator that is plain operator new and delete, for handlers whose operation should get
// memory of exactly its own size. Asio treats std::allocator as "no allocator" and hands such
// operations a block from its per-thread recycling cache instead, which may be a larger one a
// finished operation left there: fine for operations that end soon, wasteful for one that may
// wait for minutes (an idle client's read).
#pragma once

#include <cstddef>
#include <new>

namespace faultbox {

template <typename T>
struct PlainAllocator {
  using value_type = T;

  PlainAllocator() noexcept = default;
  template <typename U>
  PlainAllocator(const PlainAllocator<U>& /*other*/) noexcept {}  // NOLINT: rebinding is implicit

  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T))); }
  void deallocate(T* p, std::size_t /*n*/) noexcept { ::operator delete(p); }

  template <typename U>
  bool operator==(const PlainAllocator<U>& /*other*/) const noexcept {
    return true;
  }
};

}  // namespace faultbox
