// archive_file: a real zip (read back with libzip), the same digests every time, excludes and
// the archive itself left out, and clear errors for what the provider refuses.
#include "stack/archive_file.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/base64.h"
#include "core/digest.h"

namespace faultbox::stack {
namespace {

namespace fs = std::filesystem;
using expr::Value;

class ArchiveFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("archive_file_test_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "source" / "tests");
    write("source/lambda_function.py", "def lambda_handler(event, context):\n    return 1\n");
    write("source/helpers/util.py", "X = 2\n");
    write("source/tests/test_it.py", "assert True\n");
    env_.root_directory = root_.string();
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& relative, const std::string& text) {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative) << text;
  }

  // Entry name -> bytes, read back with libzip.
  std::map<std::string, std::string> entries(const std::string& relative) {
    std::map<std::string, std::string> out;
    int code = 0;
    zip_t* archive = zip_open((root_ / relative).c_str(), ZIP_RDONLY, &code);
    EXPECT_NE(archive, nullptr);
    if (archive == nullptr) {
      return out;
    }
    for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
      zip_stat_t st;
      zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st);
      std::string bytes(st.size, '\0');
      zip_file_t* f = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
      zip_fread(f, bytes.data(), st.size);
      zip_fclose(f);
      out[st.name] = bytes;
    }
    zip_close(archive);
    return out;
  }

  Value dir_config(Value::Elements excludes = {}) {
    return Value::object({{"type", Value::string("zip")},
                          {"source_dir", Value::string("source")},
                          {"excludes", Value::list(std::move(excludes))},
                          {"output_path", Value::string("source/lambda_function.zip")}});
  }

  fs::path root_;
  DataEnv env_;
};

TEST_F(ArchiveFileTest, ZipsADirectoryWithItsSubfolders) {
  auto out = archive_file(dir_config(), env_);
  ASSERT_TRUE(out) << out.error().to_string();
  auto files = entries("source/lambda_function.zip");
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files["lambda_function.py"], "def lambda_handler(event, context):\n    return 1\n");
  EXPECT_EQ(files["helpers/util.py"], "X = 2\n");
  EXPECT_TRUE(files.count("tests/test_it.py"));
}

TEST_F(ArchiveFileTest, DigestsAreThoseOfTheBytesWritten) {
  auto out = archive_file(dir_config(), env_);
  ASSERT_TRUE(out);
  std::ifstream in(root_ / "source/lambda_function.zip", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(out->find("output_base64sha256")->as_string(),
            base64_encode(digest(DigestAlgorithm::Sha256, bytes)));
  EXPECT_EQ(out->find("output_md5")->as_string(), hex_digest(DigestAlgorithm::Md5, bytes));
  EXPECT_EQ(out->find("id")->as_string(), hex_digest(DigestAlgorithm::Sha1, bytes));
  EXPECT_EQ(out->find("output_size")->as_number(), static_cast<double>(bytes.size()));
  EXPECT_EQ(out->find("output_path")->as_string(), "source/lambda_function.zip");
}

// The archive lies in the directory it archives (as in the workshop's step04): it must not
// archive itself, or every plan would find a new hash.
TEST_F(ArchiveFileTest, TheSameFilesGiveTheSameHashEvenWithTheArchiveInside) {
  auto first = archive_file(dir_config(), env_);
  ASSERT_TRUE(first);
  // A later run, with the file times changed: the same bytes.
  fs::last_write_time(root_ / "source/helpers/util.py", fs::file_time_type::clock::now());
  auto second = archive_file(dir_config(), env_);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->find("output_base64sha256")->as_string(),
            second->find("output_base64sha256")->as_string());
  EXPECT_FALSE(entries("source/lambda_function.zip").count("lambda_function.zip"));
}

TEST_F(ArchiveFileTest, ChangedContentChangesTheHash) {
  auto first = archive_file(dir_config(), env_);
  write("source/helpers/util.py", "X = 3\n");
  auto second = archive_file(dir_config(), env_);
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->find("output_sha256")->as_string(), second->find("output_sha256")->as_string());
}

TEST_F(ArchiveFileTest, ExcludesAreRelativeToTheSourceDirectoryOrGlobs) {
  auto out =
      archive_file(dir_config({Value::string("tests"), Value::string("helpers/*.py")}), env_);
  ASSERT_TRUE(out);
  auto files = entries("source/lambda_function.zip");
  EXPECT_EQ(files.size(), 1u);
  EXPECT_TRUE(files.count("lambda_function.py"));
}

TEST_F(ArchiveFileTest, SourceContentAndSourceFile) {
  auto content =
      archive_file(Value::object({{"type", Value::string("zip")},
                                  {"source_content", Value::string("hello")},
                                  {"source_content_filename", Value::string("greeting.txt")},
                                  {"output_path", Value::string("out/content.zip")}}),
                   env_);
  ASSERT_TRUE(content) << content.error().to_string();
  EXPECT_EQ(entries("out/content.zip")["greeting.txt"], "hello");
  auto file = archive_file(Value::object({{"type", Value::string("zip")},
                                          {"source_file", Value::string("source/helpers/util.py")},
                                          {"output_path", Value::string("out/file.zip")}}),
                           env_);
  ASSERT_TRUE(file);
  EXPECT_EQ(entries("out/file.zip")["util.py"], "X = 2\n");
}

TEST_F(ArchiveFileTest, RefusesWhatTheProviderRefuses) {
  auto two_sources = archive_file(Value::object({{"type", Value::string("zip")},
                                                 {"source_dir", Value::string("source")},
                                                 {"source_file", Value::string("x")},
                                                 {"output_path", Value::string("o.zip")}}),
                                  env_);
  ASSERT_FALSE(two_sources);
  EXPECT_NE(two_sources.error().message.find("exactly one"), std::string::npos);
  auto tar = archive_file(Value::object({{"type", Value::string("tar.gz")},
                                         {"source_dir", Value::string("source")},
                                         {"output_path", Value::string("o.tgz")}}),
                          env_);
  ASSERT_FALSE(tar);
  EXPECT_NE(tar.error().message.find("not supported"), std::string::npos);
  auto missing = archive_file(Value::object({{"type", Value::string("zip")},
                                             {"source_dir", Value::string("nowhere")},
                                             {"output_path", Value::string("o.zip")}}),
                              env_);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("not a directory"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::stack
