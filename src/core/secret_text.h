// Text for secrets (access keys, session tokens): each character drawn from the kernel's
// random source (getrandom), uniformly over the alphabet. Not for ids that only need to differ.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace faultbox {

inline constexpr std::string_view kKeyIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
inline constexpr std::string_view kSecretKeyAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string secret_text(std::size_t length, std::string_view alphabet);

}  // namespace faultbox
