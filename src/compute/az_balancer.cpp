// AZ spread for launches and the default termination policy for scale-in.
#include "compute/az_balancer.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <tuple>

namespace faultbox::compute {

namespace {

long version_number(const std::string& v) {
  long n = 0;
  std::from_chars(v.data(), v.data() + v.size(), n);
  return n;
}

// Smaller sorts first, i.e. is terminated first.
auto termination_key(const GroupMember& m, const std::string& current, TimePoint now) {
  const bool on_current = m.launch_template_version == current;
  const auto into_hour = (now - m.launch_time) % std::chrono::hours(1);
  return std::make_tuple(on_current, version_number(m.launch_template_version), -into_hour.count(),
                         m.launch_time, m.id);
}

}  // namespace

std::vector<std::string> choose_launch_azs(const std::vector<std::string>& azs,
                                           const std::vector<const GroupMember*>& members,
                                           int count) {
  std::map<std::string, int> per_az;
  for (const auto& az : azs) {
    per_az[az] = 0;
  }
  for (const GroupMember* m : members) {
    ++per_az[m->availability_zone];
  }
  std::vector<std::string> chosen;
  for (int n = 0; n < count && !azs.empty(); ++n) {
    const std::string* best = &azs.front();
    for (const auto& az : azs) {
      if (per_az[az] < per_az[*best]) {
        best = &az;
      }
    }
    ++per_az[*best];
    chosen.push_back(*best);
  }
  return chosen;
}

std::vector<const GroupMember*> choose_scale_in(const std::vector<const GroupMember*>& members,
                                                const std::string& current_version, TimePoint now,
                                                int count) {
  std::vector<const GroupMember*> left = members;
  std::vector<const GroupMember*> chosen;
  while (count-- > 0 && !left.empty()) {
    std::map<std::string, int> per_az;
    for (const GroupMember* m : left) {
      ++per_az[m->availability_zone];
    }
    int most = 0;
    for (const auto& entry : per_az) {
      most = std::max(most, entry.second);
    }
    auto better = [&](const GroupMember* a, const GroupMember* b) {
      const bool a_in = per_az[a->availability_zone] == most;
      const bool b_in = per_az[b->availability_zone] == most;
      if (a_in != b_in) {
        return a_in;
      }
      return termination_key(*a, current_version, now) < termination_key(*b, current_version, now);
    };
    auto pick = std::min_element(left.begin(), left.end(), better);
    chosen.push_back(*pick);
    left.erase(pick);
  }
  return chosen;
}

}  // namespace faultbox::compute
