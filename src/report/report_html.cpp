// report_html: one self-contained page (inline CSS and SVG, no script, no external request).
#include <fmt/format.h>

#include "core/iso8601.h"
#include "report/figures.h"
#include "report/html_escape.h"
#include "report/html_sections.h"
#include "report/report.h"
#include "report/series_stats.h"
#include "report/svg_chart.h"
#include "report/time_text.h"

namespace faultbox::report {

namespace {

// Okabe-Ito colours: distinguishable with the common colour-vision deficiencies; every colour
// cue also has a text label (status words, tooltips).
constexpr std::string_view kStyle = R"css(
:root{--ok:#009e73;--active:#0072b2;--stopped:#e69f00;--failed:#d55e00;--muted:#8a8a8a;
--ink:#1f2328;--soft:#57606a;--line:#d0d7de;--run:#eaf2fb}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,
sans-serif;color:var(--ink);background:#fff}
main,header,footer{max-width:1040px;margin:0 auto;padding:0 20px}
header{padding-top:20px}
h1{font-size:1.5rem;margin:0 0 12px}h2{font-size:1.15rem;margin:28px 0 8px;
border-bottom:1px solid var(--line);padding-bottom:4px}
code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.verdict{border-left:6px solid var(--muted);background:#f6f8fa;padding:10px 14px;margin:0 0 16px}
.verdict strong{display:block;font-size:1.1rem}
.v-completed{border-color:var(--ok)}.v-stopped-by-stop-condition{border-color:var(--stopped)}
.v-stopped-by-user{border-color:var(--active)}.v-failed{border-color:var(--failed)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}
dt{color:var(--soft)}dd{margin:0}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f6f8fa}td.arn,table.log td:last-child{word-break:break-all}
.pill{display:inline-block;padding:0 8px;border-radius:9px;color:#fff;font-size:13px}
.pill.st-completed,.pill.al-ok{background:#00785a}.pill.st-active{background:var(--active)}
.pill.st-stopped{background:#9a6700}.pill.st-failed,.pill.al-alarm{background:#b54100}
.pill.st-muted,.pill.al-other{background:#6e7781}
.note{color:var(--soft);font-style:italic}
figure{margin:12px 0 20px}figcaption{font-size:14px;margin-bottom:2px}
svg{width:100%;height:auto;display:block}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;fill:var(--ink)}
svg .tick{font-size:11px;fill:var(--soft)}svg .label{font-size:13px;font-weight:600}
svg .sublabel{font-size:11px;fill:var(--soft)}svg .note{font-size:13px;fill:var(--soft);
font-style:italic}
svg .grid{stroke:#eef1f4;stroke-width:1}svg .axis{stroke:#8c959f;stroke-width:1}
svg .run{fill:var(--run)}
svg .bar.st-completed,svg .diamond.al-ok{fill:var(--ok)}svg .bar.st-active{fill:var(--active)}
svg .bar.st-stopped{fill:var(--stopped)}svg .bar.st-failed,svg .diamond.al-alarm{fill:var(--failed)}
svg .bar.st-muted,svg .diamond.al-other{fill:var(--muted)}
svg .line{fill:none;stroke:var(--active);stroke-width:2}
svg .area{fill:var(--active);fill-opacity:.08}svg .dot{fill:var(--active)}
svg .mark-start{stroke:#57606a;stroke-width:1}
svg .mark-end{stroke:#57606a;stroke-width:1;stroke-dasharray:2 3}
svg .threshold{stroke:var(--failed);stroke-width:1.5;stroke-dasharray:6 4}
svg .threshold-label{font-size:11px;fill:#b54100}
svg .alarm-line{stroke-width:1.5;stroke-dasharray:1 2}
svg .alarm-line.al-alarm{stroke:var(--failed)}svg .alarm-line.al-ok{stroke:var(--ok)}
svg .alarm-line.al-other{stroke:var(--muted)}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px;color:var(--soft);margin:4px 0}
.sw{display:inline-block;width:14px;height:10px;margin-right:5px;vertical-align:baseline}
.sw.st-completed{background:var(--ok)}.sw.st-active{background:var(--active)}
.sw.st-stopped{background:var(--stopped)}.sw.st-failed{background:var(--failed)}
.sw.st-muted{background:var(--muted)}.sw.run{background:var(--run);border:1px solid var(--line)}
table.figures{margin-top:12px}table.figures th{width:11em}
table.figures td.figure{font-weight:600;white-space:nowrap}
svg .lane{stroke:var(--line);stroke-width:1}
svg .seg.is-pending,.sw.is-pending{fill:#56b4e9;background:#56b4e9}
svg .seg.is-running,.sw.is-running{fill:var(--ok);background:var(--ok)}
svg .seg.is-stopping,.sw.is-stopping{fill:#f0e442;background:#f0e442}
svg .seg.is-stopped,.sw.is-stopped{fill:var(--stopped);background:var(--stopped)}
svg .seg.is-shutting-down,.sw.is-shutting-down{fill:#cc79a7;background:#cc79a7}
svg .seg.is-terminated,.sw.is-terminated{fill:#3d444d;background:#3d444d}
svg .seg.is-other{fill:var(--muted)}
footer{color:var(--soft);font-size:13px;padding:24px 20px}
)css";

std::string summary(const ExperimentView& e, const ReportInput& input, const Verdict& v) {
  auto row = [](std::string_view term, const std::string& html) {
    return fmt::format("<dt>{}</dt><dd>{}</dd>", term, html);
  };
  auto when = [](const std::optional<TimePoint>& t) {
    return t ? escape_html(format_iso8601(*t)) : std::string("–");
  };
  std::string status =
      fmt::format("<span class=\"pill {}\">{}</span> {}", status_class(e.status),
                  escape_html(e.status.empty() ? "unknown" : e.status), escape_html(e.reason));
  if (!e.error_code.empty()) {
    status += fmt::format(" <code>{}</code> {}", escape_html(e.error_code),
                          escape_html(e.error_location));
  }
  auto d = e.duration();
  std::string duration =
      d ? escape_html(human_duration(*d) + " (" + format_iso_duration(*d) + ")") : std::string("–");
  std::string stops;
  for (const std::string& name : e.stop_alarm_names) {
    stops += (stops.empty() ? "" : ", ") + escape_html(name);
  }
  std::string out =
      fmt::format("<div class=\"verdict v-{}\" id=\"verdict\"><strong>{}</strong>{}</div><dl>",
                  v.code, escape_html(v.title), escape_html(v.explanation));
  out += row("Experiment", "<code>" + escape_html(e.id) + "</code>");
  out += row("Template", "<code>" + escape_html(e.template_id) + "</code>");
  out += row("Status", status);
  out += row("Started", when(e.start)) + row("Ended", when(e.end)) + row("Duration", duration);
  out += row("Stop conditions", stops.empty() ? "none" : stops);
  out += row("Targets hit",
             fmt::format("{} resources", read_resolved_targets(input.resolved_targets).size()));
  return out + "</dl>";
}

std::string legend() {
  std::string out = "<div class=\"legend\">";
  for (std::string_view status : {"completed", "running", "stopped", "failed", "cancelled"}) {
    out += fmt::format("<span><span class=\"sw {}\"></span>{}</span>", status_class(status),
                       status == "cancelled" ? "cancelled / skipped" : status);
  }
  return out + "<span><span class=\"sw run\"></span>experiment running</span></div>";
}

std::string metrics(const ExperimentView& e, const ReportInput& input, const TimeAxis& axis) {
  if (input.series.empty()) {
    return "<p class=\"note\">No metrics were recorded for this report.</p>";
  }
  std::string out =
      "<p class=\"legend\">Shaded: the experiment's run. Solid / dotted grey lines: action "
      "start / end. Dashed red line: alarm threshold. Markers on top: alarm state changes.</p>";
  for (const Series& s : input.series) {
    SeriesStats st = series_stats(s);
    std::string caption = fmt::format("<strong>{}</strong>", escape_html(s.name));
    if (!s.unit.empty()) {
      caption += " (" + escape_html(s.unit) + ")";
    }
    caption += st.count == 0 ? " · no data"
                             : fmt::format(" · {} points · min {} · max {} · sum {}", st.count,
                                           format_number(*st.min), format_number(*st.max),
                                           format_number(st.sum));
    if (s.threshold) {
      caption += fmt::format(" · threshold {} ({} above)", format_number(*s.threshold),
                             st.above_threshold);
    }
    out += "<figure><figcaption>" + caption + "</figcaption>" +
           series_svg(s, e, input.alarms, axis) + "</figure>";
  }
  return out;
}

std::string section(std::string_view id, std::string_view title, const std::string& body) {
  return fmt::format("<section id=\"{}\"><h2>{}</h2>{}</section>", id, title, body);
}

}  // namespace

std::string report_html(const ReportInput& input) {
  ExperimentView e = read_experiment(input.experiment);
  Verdict verdict = decide_verdict(e, input.alarms);
  TimeAxis axis(report_window(e, input));
  std::string title = "Experiment " + (e.id.empty() ? std::string("(no id)") : e.id);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  out += "<title>" + escape_html(title + " report") + "</title><style>";
  out += kStyle;
  out += "</style></head><body><header><h1>" + escape_html(title) + "</h1>" +
         summary(e, input, verdict) + figures_table(compute_figures(e, input)) + "</header><main>";
  out += section("timeline", "Action timeline",
                 timeline_svg(e, input.alarms, axis) + legend() + actions_table(e));
  out += section("instances", "Instance states per availability zone",
                 instance_lanes_svg(e, input.instance_states, axis) + instance_legend());
  out += section("zones", "Capacity per availability zone",
                 zone_capacity_table(zone_capacity(input.instance_states, input.scaling)) +
                     scaling_table(input.scaling));
  out += section("metrics", "Service metrics", metrics(e, input, axis));
  out += section("alarms", "Alarm transitions", alarms_table(e, input.alarms));
  out += section("targets", "Resolved targets", targets_table(input.resolved_targets));
  out += section("log", "Experiment log", log_table(input.log));
  out += "</main><footer>All times UTC. Report generated " + escape_html(input.generated_at) +
         " by faultbox.</footer></body></html>\n";
  return out;
}

}  // namespace faultbox::report
