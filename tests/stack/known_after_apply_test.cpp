// uuid() and timestamp() in resource arguments: "(known after apply)" in a plan, a concrete
// value at apply (timestamp() from the stack's clock), and a change on every later plan, as
// Terraform documents for both functions.
#include <gtest/gtest.h>

#include <regex>

#include "fake_provider.h"
#include "stack/render.h"
#include "stack/stack.h"

namespace faultbox::stack {
namespace {

using testing::FakeProvider;

StackInput stamped_input(const Clock* clock) {
  StackInput input;
  input.directory = "/stacks/app";
  input.clock = clock;
  input.files["main.tf.json"] = R"json({
    "resource": {"aws_instance": {"web": {"ami": "ami-1",
        "tags": {"Created": "${timestamp()}", "Token": "${uuid()}",
                 "Day": "${formatdate(\"YYYY-MM-DD\", timestamp())}"}}}},
    "output": {"created": {"value": "${aws_instance.web.tags.Created}"}}
  })json";
  return input;
}

TEST(KnownAfterApplyTest, UuidAndTimestampAreUnknownInAPlanAndConcreteAtApply) {
  ManualClock clock(TimePoint(Duration(1'514'934'721'000)));  // 2018-01-02T23:12:01Z
  FakeProvider provider;
  State state;
  auto input = stamped_input(&clock);

  auto planned = plan(input, state, provider);
  ASSERT_TRUE(planned) << planned.error().message;
  const expr::Value& tags = *planned->resources.at(0).after.find("tags");
  EXPECT_TRUE(tags.find("Created")->is_unknown());
  EXPECT_TRUE(tags.find("Token")->is_unknown());
  EXPECT_TRUE(tags.find("Day")->is_unknown());
  std::string text = render_plan(*planned);
  EXPECT_NE(text.find("Created = (known after apply)"), std::string::npos) << text;
  EXPECT_NE(text.find("Token   = (known after apply)"), std::string::npos) << text;
  EXPECT_EQ(text.find("2018-01-02"), std::string::npos) << text;

  auto applied = apply(input, state, provider);
  ASSERT_TRUE(applied) << applied.error().message;
  const expr::Value& stored = *state.find_instance("aws_instance.web")->attributes.find("tags");
  EXPECT_EQ(stored.find("Created")->as_string(), "2018-01-02T23:12:01Z");
  EXPECT_EQ(stored.find("Day")->as_string(), "2018-01-02");
  EXPECT_TRUE(std::regex_match(stored.find("Token")->as_string(),
                               std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                          "[0-9a-f]{12}")));
  EXPECT_EQ(applied->outputs.at("created").value.as_string(), "2018-01-02T23:12:01Z");

  // Terraform: these functions make a diff on every run.
  clock.advance(std::chrono::seconds(5));
  auto replanned = plan(input, state, provider);
  ASSERT_TRUE(replanned) << replanned.error().message;
  EXPECT_EQ(replanned->count(Action::Update), 1);
  auto reapplied = apply(input, state, provider);
  ASSERT_TRUE(reapplied) << reapplied.error().message;
  EXPECT_EQ(state.find_instance("aws_instance.web")
                ->attributes.find("tags")
                ->find("Created")
                ->as_string(),
            "2018-01-02T23:12:06Z");
}

TEST(KnownAfterApplyTest, AStackWithoutThemPlansNoChangesAfterApply) {
  ManualClock clock;
  FakeProvider provider;
  State state;
  StackInput input;
  input.clock = &clock;
  input.files["main.tf.json"] = R"json({
    "resource": {"aws_instance": {"web": {"ami": "ami-1",
        "tags": {"Expires": "${timeadd(\"2018-01-02T23:12:01Z\", \"24h\")}"}}}}
  })json";
  ASSERT_TRUE(apply(input, state, provider));
  clock.advance(std::chrono::hours(1));
  auto replanned = plan(input, state, provider);
  ASSERT_TRUE(replanned) << replanned.error().message;
  EXPECT_FALSE(replanned->has_changes());
}

}  // namespace
}  // namespace faultbox::stack
