#include <gtest/gtest.h>

#include <filesystem>

#include "outputs/writer.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace gangdu;

TEST(Writer, FailedFillLeavesNoDirectory) {
  const std::string base = gangdu::testing::temp_dir("writer");
  EXPECT_THROW(write_output_dir(base + "/out",
                                [](const std::string& d) {
                                  write_file_atomic(d + "/a.csv", "x\n");
                                  throw std::runtime_error("disk full");
                                }),
               std::runtime_error);
  EXPECT_FALSE(fs::exists(base + "/out"));
  EXPECT_TRUE(fs::is_empty(base));
}

TEST(Writer, ReplacesFilesInAnExistingDirectory) {
  const std::string base = gangdu::testing::temp_dir("writer2");
  write_output_dir(base + "/out", [](const std::string& d) { write_file_atomic(d + "/a.csv", "old\n"); });
  fs::create_directories(base + "/out");
  write_output_dir(base + "/out", [](const std::string& d) { write_file_atomic(d + "/a.csv", "new\n"); });
  EXPECT_EQ(gangdu::testing::read_file(base + "/out/a.csv"), "new\n");
  for (const auto& e : fs::directory_iterator(base)) EXPECT_EQ(e.path().filename(), "out");
}
