// Scales, tick generation and the SVG writer behind the report's charts.
#include "report/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "report/html_escape.h"

namespace faultbox::report {

LinearScale::LinearScale(double domain_lo, double domain_hi, double range_lo, double range_hi)
    : domain_lo_(domain_lo), domain_hi_(domain_hi), range_lo_(range_lo), range_hi_(range_hi) {}

double LinearScale::operator()(double v) const {
  double width = domain_hi_ - domain_lo_;
  if (width == 0) {
    return (range_lo_ + range_hi_) / 2;
  }
  return range_lo_ + (v - domain_lo_) / width * (range_hi_ - range_lo_);
}

namespace {

// The smallest 1, 2, 5 x 10^k at or above raw.
double nice_step_at_least(double raw) {
  double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * power >= raw * (1 - 1e-9)) {
      return m * power;
    }
  }
  return 10 * power;
}

// Snaps away binary noise (0.30000000000000004) so labels and comparisons stay clean.
double snap(double v, double step) {
  double snapped = std::round(v / step) * step;
  double digits = std::max(0.0, -std::floor(std::log10(step))) + 2;
  double scale = std::pow(10.0, digits);
  double r = std::round(snapped * scale) / scale;
  return r == 0 ? 0.0 : r;  // no "-0"
}

}  // namespace

ValueTicks nice_ticks(double lo, double hi, int max_ticks) {
  max_ticks = std::max(max_ticks, 2);
  if (lo > hi) {
    std::swap(lo, hi);
  }
  if (lo == hi) {
    double pad = lo == 0 ? 0.5 : std::abs(lo) * 0.1;
    lo = lo == 0 ? 0 : lo - pad;
    hi = hi == 0 ? 1 : hi + pad;
  }
  double step = nice_step_at_least((hi - lo) / (max_ticks - 1));
  for (;;) {
    double first = std::floor(lo / step + 1e-9) * step;
    double last = std::ceil(hi / step - 1e-9) * step;
    auto count = static_cast<int>(std::llround((last - first) / step)) + 1;
    if (count <= max_ticks) {
      ValueTicks ticks{snap(first, step), snap(last, step), step, {}};
      for (int i = 0; i < count; ++i) {
        ticks.values.push_back(snap(first + i * step, step));
      }
      return ticks;
    }
    step = nice_step_at_least(step * 1.5);
  }
}

TimeTicks time_ticks(TimePoint begin, TimePoint end, int max_ticks) {
  using std::chrono::hours;
  using std::chrono::minutes;
  using std::chrono::seconds;
  static const std::array<Duration, 18> kSteps = {
      seconds(1), seconds(2), seconds(5), seconds(10), seconds(15), seconds(30),
      minutes(1), minutes(2), minutes(5), minutes(10), minutes(15), minutes(30),
      hours(1),   hours(2),   hours(3),   hours(6),    hours(12),   hours(24)};
  max_ticks = std::max(max_ticks, 2);
  if (end < begin) {
    std::swap(begin, end);
  }
  Duration span = end - begin;
  Duration step = kSteps.back();
  for (Duration candidate : kSteps) {
    if (span / candidate + 1 <= max_ticks) {
      step = candidate;
      break;
    }
  }
  if (span / step + 1 > max_ticks) {
    step = kSteps.back() * (span / kSteps.back() / (max_ticks - 1) + 1);
  }
  TimeTicks ticks{step, {}};
  auto first = (begin.time_since_epoch() + step - Duration(1)) / step;
  for (TimePoint t{step * first}; t <= end; t += step) {
    ticks.values.push_back(t);
  }
  return ticks;
}

std::string format_number(double v) {
  if (!std::isfinite(v)) {
    return "-";
  }
  double a = std::abs(v);
  if (a >= 1e6) {
    return fmt::format("{:.4g}M", v / 1e6);
  }
  if (a >= 1e4) {
    return fmt::format("{:.4g}k", v / 1e3);
  }
  std::string out = fmt::format("{:.4g}", v);
  return out == "-0" ? "0" : out;
}

std::string points_attribute(const std::vector<Point>& points) {
  std::string out;
  for (const Point& p : points) {
    if (!out.empty()) {
      out += ' ';
    }
    out += fmt::format("{:.1f},{:.1f}", p.x, p.y);
  }
  return out;
}

SvgWriter::SvgWriter(double width, double height, std::string_view label) {
  out_ = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" "
      "aria-label=\"{}\">",
      width, height, escape_html(label));
}

void SvgWriter::close_shape(std::string_view tag, std::string_view title) {
  if (title.empty()) {
    out_ += "/>";
    return;
  }
  out_ += fmt::format("><title>{}</title></{}>", escape_html(title), tag);
}

void SvgWriter::rect(double x, double y, double w, double h, std::string_view cls,
                     std::string_view title) {
  out_ +=
      fmt::format("<rect class=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"",
                  escape_html(cls), x, y, std::max(w, 0.0), std::max(h, 0.0));
  close_shape("rect", title);
}

void SvgWriter::line(double x1, double y1, double x2, double y2, std::string_view cls,
                     std::string_view title) {
  out_ += fmt::format("<line class=\"{}\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"",
                      escape_html(cls), x1, y1, x2, y2);
  close_shape("line", title);
}

void SvgWriter::circle(double cx, double cy, double r, std::string_view cls,
                       std::string_view title) {
  out_ += fmt::format("<circle class=\"{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\"",
                      escape_html(cls), cx, cy, r);
  close_shape("circle", title);
}

void SvgWriter::polyline(const std::vector<Point>& points, std::string_view cls) {
  out_ += fmt::format("<polyline class=\"{}\" points=\"{}\"/>", escape_html(cls),
                      points_attribute(points));
}

void SvgWriter::polygon(const std::vector<Point>& points, std::string_view cls,
                        std::string_view title) {
  out_ += fmt::format("<polygon class=\"{}\" points=\"{}\"", escape_html(cls),
                      points_attribute(points));
  close_shape("polygon", title);
}

void SvgWriter::text(double x, double y, std::string_view content, std::string_view cls,
                     std::string_view anchor) {
  out_ += fmt::format("<text class=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\">{}</text>",
                      escape_html(cls), x, y, escape_html(anchor), escape_html(content));
}

std::string SvgWriter::str() const { return out_ + "</svg>"; }

}  // namespace faultbox::report
