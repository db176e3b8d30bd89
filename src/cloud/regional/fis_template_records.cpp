// Every region's FIS experiment templates as "fis_template" records.
#include "cloud/cloud.h"
#include "cloud/region_services.h"
#include "fis/experiment_record.h"

namespace faultbox::cloud {

namespace {
class FisTemplateRecords final : public Kind {
 public:
  explicit FisTemplateRecords(Cloud& cloud) : cloud_(cloud) {}

  void save(Records& out) const override {
    auto& records = out["fis_template"];
    for (const auto& [region, services] : cloud_.regions()) {
      for (const auto& [id, t] : services->templates) {
        records.emplace_back(region + "/" + id,
                             nlohmann::json{{"region", region}, {"template", fis::to_json(t)}});
      }
    }
  }

  Result<void> restore(const Records& saved) override {
    for (const auto& [key, j] : records_of(saved, "fis_template")) {
      FAULTBOX_TRY(t, fis::template_from_saved(j.at("template")));
      cloud_.region(j.at("region")).templates[t.id] = std::move(t);
    }
    return {};
  }

 private:
  Cloud& cloud_;
};
}  // namespace

std::unique_ptr<Kind> make_fis_template_records(Cloud& cloud) {
  return std::make_unique<FisTemplateRecords>(cloud);
}

}  // namespace faultbox::cloud
