// SVG chart building blocks: linear scales, round axis ticks (values and UTC times), and a small
// writer for inline SVG whose text and titles are always escaped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace faultbox::report {

struct Point {
  double x = 0;
  double y = 0;
};

// Maps [domain_lo, domain_hi] linearly onto [range_lo, range_hi]; a zero-width domain maps every
// value to the middle of the range.
class LinearScale {
 public:
  LinearScale(double domain_lo, double domain_hi, double range_lo, double range_hi);
  double operator()(double v) const;

 private:
  double domain_lo_;
  double domain_hi_;
  double range_lo_;
  double range_hi_;
};

struct ValueTicks {
  double lo = 0;    // the nice bound at or below the data's low end
  double hi = 1;    // the nice bound at or above the data's high end
  double step = 1;  // 1, 2 or 5 times a power of ten
  std::vector<double> values;
};
// Ticks at a round step covering [lo, hi] with at most max_ticks (>= 2) values. An empty range
// is widened around its value ([0, 1] for zero); reversed bounds are swapped.
ValueTicks nice_ticks(double lo, double hi, int max_ticks = 6);

struct TimeTicks {
  Duration step{};
  std::vector<TimePoint> values;  // UTC-aligned multiples of step inside [begin, end]
};
// Instants at a round step (1 s, 2 s, 5 s, ... 30 min, 1 h, ... 1 d) with at most max_ticks.
TimeTicks time_ticks(TimePoint begin, TimePoint end, int max_ticks = 8);

// Short axis label: "0", "2.5", "0.125", "12k", "1.5M" (at most four significant digits).
std::string format_number(double v);

// "x,y x,y ..." with one decimal, for polyline and polygon points.
std::string points_attribute(const std::vector<Point>& points);

// Appends SVG elements; `cls` names a class from the page's stylesheet, `title` becomes a hover
// tooltip (an SVG <title>, so no script is needed).
class SvgWriter {
 public:
  SvgWriter(double width, double height, std::string_view label);

  void rect(double x, double y, double w, double h, std::string_view cls,
            std::string_view title = "");
  void line(double x1, double y1, double x2, double y2, std::string_view cls,
            std::string_view title = "");
  void circle(double cx, double cy, double r, std::string_view cls, std::string_view title = "");
  void polyline(const std::vector<Point>& points, std::string_view cls);
  void polygon(const std::vector<Point>& points, std::string_view cls, std::string_view title = "");
  // anchor: "start", "middle" or "end".
  void text(double x, double y, std::string_view content, std::string_view cls,
            std::string_view anchor = "start");
  // The finished element, closing tag included.
  std::string str() const;

 private:
  void close_shape(std::string_view tag, std::string_view title);

  std::string out_;
};

}  // namespace faultbox::report
