// Which attempts a percentage picks, spread evenly and repeatably instead of at random: attempt n
// (from 0) is picked when it carries the picked share past another whole attempt,
// floor((n+1)·p/100) > floor(n·p/100). 100 picks every attempt, 25 every fourth, 50 every second.
#pragma once

namespace faultbox {

constexpr bool in_even_share(long attempt, long percentage) {
  return (attempt + 1) * percentage / 100 > attempt * percentage / 100;
}

}  // namespace faultbox
