// Numeric functions: min, max, abs, ceil, floor, pow, signum, parseint, range.
#include <cmath>

#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

Function math1(double (*op)(double)) {
  return {.min_args = 1,
          .max_args = 1,
          .eager = [op](const Args& a, const CallContext&) -> Result<Value> {
            FAULTBOX_TRY(n, fn::num(a, 0));
            return Value::number(op(n));
          }};
}

double signum(double n) { return n > 0 ? 1 : n < 0 ? -1 : 0; }

Function extreme(bool want_max) {
  return {.min_args = 1, .eager = [want_max](const Args& a, const CallContext&) -> Result<Value> {
            FAULTBOX_TRY(best, fn::num(a, 0));
            for (size_t i = 1; i < a.size(); ++i) {
              FAULTBOX_TRY(n, fn::num(a, i));
              best = want_max ? std::max(best, n) : std::min(best, n);
            }
            return Value::number(best);
          }};
}

Result<Value> pow(const Args& a, const CallContext&) {
  FAULTBOX_TRY(base, fn::num(a, 0));
  FAULTBOX_TRY(exponent, fn::num(a, 1));
  return Value::number(std::pow(base, exponent));
}

Result<Value> parseint(const Args& a, const CallContext&) {
  FAULTBOX_TRY(s, fn::str(a, 0));
  FAULTBOX_TRY(base, fn::integer(a, 1));
  if (base < 2 || base > 62) {
    return fn::bad_arg(1, "must be between 2 and 62");
  }
  size_t start = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  double n = 0;
  for (size_t i = start; i < s.size(); ++i) {
    char c = s[i];
    int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
            : c >= 'a' && c <= 'z'                      ? c - 'a' + 10
            : c >= 'A' && c <= 'Z'                      ? c - 'A' + (base > 36 ? 36 : 10)
                                                        : 99;
    if (d >= base) {
      return errors::validation("cannot parse \"" + s + "\" as a base " + std::to_string(base) +
                                " integer");
    }
    n = n * static_cast<double>(base) + d;
  }
  if (start == s.size()) {
    return errors::validation("cannot parse an empty string as an integer");
  }
  return Value::number(s[0] == '-' ? -n : n);
}

// range(end), range(start, end) or range(start, end, step), as in Terraform.
Result<Value> range(const Args& a, const CallContext&) {
  double start = 0;
  double step = 1;
  double end = 0;
  if (a.size() == 1) {
    FAULTBOX_TRY(e, fn::num(a, 0));
    end = e;
  } else {
    FAULTBOX_TRY(s, fn::num(a, 0));
    FAULTBOX_TRY(e, fn::num(a, 1));
    start = s;
    end = e;
    step = start > end ? -1 : 1;
  }
  if (a.size() == 3) {
    FAULTBOX_TRY(st, fn::num(a, 2));
    step = st;
  }
  if (step == 0 || (step > 0) != (start <= end)) {
    if (start == end) {
      return Value::list({});
    }
    return errors::validation("step " + format_number(step) + " never reaches " +
                              format_number(end) + " from " + format_number(start));
  }
  Value::Elements out;
  for (double v = start; step > 0 ? v < end : v > end; v += step) {
    if (out.size() >= 1024) {
      return errors::validation("more than 1024 elements requested");
    }
    out.push_back(Value::number(v));
  }
  return Value::list(std::move(out));
}

}  // namespace

void register_numeric_functions(FunctionRegistry& r) {
  r.add("abs", math1([](double n) { return std::fabs(n); }));
  r.add("ceil", math1([](double n) { return std::ceil(n); }));
  r.add("floor", math1([](double n) { return std::floor(n); }));
  r.add("signum", math1(signum));
  r.add("min", extreme(false));
  r.add("max", extreme(true));
  r.add("pow", {.min_args = 2, .max_args = 2, .eager = pow});
  r.add("parseint", {.min_args = 2, .max_args = 2, .eager = parseint});
  r.add("range", {.min_args = 1, .max_args = 3, .eager = range});
}

}  // namespace faultbox::expr
