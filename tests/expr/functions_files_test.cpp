// File functions read relative to the registry's base directory; templatefile renders templates.
#include <unistd.h>

#include <fstream>

#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

namespace fs = std::filesystem;

class FileFunctions : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("expr_files_" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "tpl");
    write("hello.txt", "hello\n");
    write("tpl/user_data.tpl",
          "#!/bin/sh\necho ${name}\n%{ for p in ports ~}\nport ${p}\n%{ endfor ~}\n");
    write("tpl/bad.tpl", "x\n${nope}");
    write("tpl/self.tpl", "${templatefile(\"tpl/self.tpl\", {})}");
    write("binary.bin", "\x89PNG\r\n\x1a\n\xff");
    functions_ = standard_functions(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name) << content;
  }

  std::string run(std::string_view src) {
    MapScope scope({}, &functions_);
    return testing::outcome(testing::eval(src, scope));
  }

  fs::path dir_;
  FunctionRegistry functions_;
};

TEST_F(FileFunctions, ReadRelativeToTheBaseDirectory) {
  EXPECT_EQ(run("file(\"hello.txt\")"), R"("hello\n")");
  EXPECT_EQ(run("filebase64(\"hello.txt\")"), R"("aGVsbG8K")");
  EXPECT_EQ(run("fileexists(\"hello.txt\")"), "true");
  EXPECT_EQ(run("fileexists(\"missing.txt\")"), "false");
  EXPECT_EQ(run("file(\"" + (dir_ / "hello.txt").string() + "\")"), R"("hello\n")");
  EXPECT_NE(run("file(\"missing.txt\")").find("t.tf:1:1: file(): no file exists at"),
            std::string::npos);
  EXPECT_EQ(run("basename(\"a/b/c.txt\")"), R"("c.txt")");
  EXPECT_EQ(run("dirname(\"a/b/c.txt\")"), R"("a/b")");
}

TEST_F(FileFunctions, TemplatefileSeesOnlyItsVariables) {
  EXPECT_EQ(run("templatefile(\"tpl/user_data.tpl\", {name = \"web\", ports = [80, 443]})"),
            R"("#!/bin/sh\necho web\nport 80\nport 443\n")");
  std::string err = run("templatefile(\"tpl/bad.tpl\", {})");
  EXPECT_NE(err.find("templatefile(): tpl/bad.tpl:2:3: unknown variable \"nope\""),
            std::string::npos)
      << err;
  EXPECT_NE(run("templatefile(\"tpl/user_data.tpl\", 1)").find("must be a map or object"),
            std::string::npos);
}

// A template that renders itself would recurse until the lab's stack ran out; as in Terraform,
// templatefile is not available inside a template.
TEST_F(FileFunctions, ATemplateCannotRenderATemplate) {
  EXPECT_NE(run("templatefile(\"tpl/self.tpl\", {})")
                .find("templatefile cannot be called from inside a template it renders"),
            std::string::npos);
  EXPECT_EQ(run("templatefile(\"tpl/user_data.tpl\", {name = \"a\", ports = []})"),
            R"("#!/bin/sh\necho a\n")");  // and the flag is down again afterwards
}

// As in Terraform: file() reads text; bytes that are not UTF-8 ask for filebase64().
TEST_F(FileFunctions, BinaryFilesAreReadWithFilebase64) {
  EXPECT_NE(run("file(\"binary.bin\")").find("is not valid UTF-8 (byte 0x89 at offset 0)"),
            std::string::npos);
  EXPECT_EQ(run("filebase64(\"binary.bin\")"), R"("iVBORw0KGgr/")");
}

}  // namespace
}  // namespace faultbox::expr
